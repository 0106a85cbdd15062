//! The candidate pack: one role's job description, with a sentence on how it fits in the
//! organisation, as Markdown, HTML, or an A4 page with the map (this role highlighted) above.
//! Empty parts are left out, never printed as blank headings.

use std::fmt::Write;

use super::svg::{Head, body, document, escape};
use crate::font;
use crate::layout::{Point, Rect};
use crate::model::{LinkKind, OrgMap, Role, Status};
use crate::scene::{Anchor, Color, Item, Part, Scene, Shape, Text, Theme, wrap_words};

/// A section of the job description.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// Sub-lists: (sub-heading, bullets); a `None` sub-heading for a plain list.
    pub lists: Vec<(Option<String>, Vec<String>)>,
}

/// Everything a candidate reads about one role.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub organisation: String,
    pub role: String,
    /// "Vacancy: Wellbeing Support Team, Wellbeing Support Team and Co-production Partners".
    pub status_line: String,
    pub pitch: String,
    /// How the role fits, in a sentence or two.
    pub fits: String,
    pub sections: Vec<Section>,
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// How a link reads from the other end: "coached by".
fn passive(kind: &LinkKind) -> String {
    match kind {
        LinkKind::Supports => "supported by".into(),
        LinkKind::Coaches => "coached by".into(),
        LinkKind::Collaborates => "collaborates with".into(),
        LinkKind::Advises => "advised by".into(),
        LinkKind::ReportsTo => "receives reports from".into(),
        LinkKind::Other(text) => format!("linked ({text}) from"),
    }
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The sentence on where the role sits and whom it works with, from its ring, team and links.
pub fn how_it_fits(map: &OrgMap, role: &Role) -> String {
    let ring = map.ring(&role.ring).map_or(role.ring.as_str(), |r| r.name.as_str());
    let mut parts = vec![match map.team(&role.team) {
        Some(team) => format!("part of the {} ({})", team.name, ring),
        None => format!("part of {ring}"),
    }];
    let name_of = |id: &str| map.role(id).map_or(id.to_string(), |r| format!("the {}", r.name));
    // Outgoing links by kind, then incoming, each kind once, in the file's order.
    let mut seen: Vec<(bool, LinkKind)> = Vec::new();
    for link in &map.links {
        let outgoing = link.from == role.id;
        if !(outgoing || link.to == role.id) || link.from == link.to {
            continue;
        }
        let key = (outgoing, link.kind.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let names: Vec<String> = map
            .links
            .iter()
            .filter(|l| l.kind == link.kind && l.from != l.to)
            .filter_map(|l| match outgoing {
                true if l.from == role.id => Some(name_of(&l.to)),
                false if l.to == role.id => Some(name_of(&l.from)),
                _ => None,
            })
            .collect();
        let verb = if outgoing { link.kind.verb().to_string() } else { passive(&link.kind) };
        parts.push(format!("{verb} {}", and_list(&names)));
    }
    let (first, rest) = parts.split_at(1);
    if rest.is_empty() {
        sentence(&first[0])
    } else {
        format!("{} {}", sentence(&first[0]), sentence(&and_list(rest)))
    }
}

/// A pitch that starts with its own heading ("Could this be you? You love...") loses it: the
/// card prints the heading.
fn without_heading(pitch: &str) -> &str {
    const HEADING: &str = "could this be you?";
    match pitch.get(..HEADING.len()) {
        Some(start) if start.eq_ignore_ascii_case(HEADING) => pitch[HEADING.len()..].trim_start(),
        _ => pitch,
    }
}

pub fn card_of(map: &OrgMap, role: &Role) -> Card {
    let ring = map.ring(&role.ring).map_or(role.ring.as_str(), |r| r.name.as_str());
    let place = match map.team(&role.team) {
        Some(team) => format!("{}, {ring}", team.name),
        None => ring.to_string(),
    };
    let status_line = match role.status {
        Status::Vacant => format!("Vacancy · {place}"),
        Status::Proposed => format!("Proposed role · {place}"),
        Status::Filled => place,
    };
    let list = |heading: &str, items: &[String]| Section {
        heading: heading.into(),
        paragraphs: Vec::new(),
        lists: vec![(None, items.to_vec())],
    };
    let mut sections = Vec::new();
    if !role.purpose.trim().is_empty() {
        sections.push(Section {
            heading: "Purpose".into(),
            paragraphs: vec![role.purpose.trim().to_string()],
            lists: Vec::new(),
        });
    }
    if !role.responsibilities.is_empty() {
        sections.push(Section {
            heading: "Responsibilities".into(),
            paragraphs: Vec::new(),
            lists: role
                .responsibilities
                .iter()
                .map(|r| (Some(r.area.clone()).filter(|a| !a.is_empty()), r.duties.clone()))
                .collect(),
        });
    }
    for (heading, items) in [
        ("Outcomes", &role.outcomes),
        ("Cultural expectations", &role.culture),
        ("Qualifications", &role.qualifications),
    ] {
        if !items.is_empty() {
            sections.push(list(heading, items));
        }
    }
    if !role.skills.is_empty() {
        let skills: Vec<String> =
            role.skills.iter().map(|s| format!("{} (level {} of 5)", s.name, s.level)).collect();
        sections.push(list("Skills", &skills));
    }
    Card {
        organisation: map.name.clone(),
        role: role.name.clone(),
        status_line,
        pitch: without_heading(role.pitch.trim()).to_string(),
        fits: how_it_fits(map, role),
        sections,
    }
}

/// Markdown for job boards and for pasting.
pub fn to_markdown(card: &Card) -> String {
    let mut out = format!("# {}\n\n*{}* · {}\n\n", card.role, card.status_line, card.organisation);
    if !card.pitch.is_empty() {
        let _ = write!(out, "## Could this be you?\n\n{}\n\n", card.pitch);
    }
    let _ = write!(out, "## How this role fits\n\n{}\n\n", card.fits);
    for section in &card.sections {
        let _ = write!(out, "## {}\n\n", section.heading);
        for paragraph in &section.paragraphs {
            let _ = write!(out, "{paragraph}\n\n");
        }
        for (sub, items) in &section.lists {
            if let Some(sub) = sub {
                let _ = write!(out, "### {sub}\n\n");
            }
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string() + "\n"
}

/// A standalone HTML page; with `map_svg`, the map (this role highlighted) above the text.
pub fn to_html(card: &Card, map_svg: Option<&str>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {}</title>\n<style>\n\
         body {{ font-family: 'DejaVu Sans', Verdana, sans-serif; max-width: 46em; margin: 2em auto; \
         padding: 0 1em; line-height: 1.5; color: #1f2328; }}\n\
         .status {{ color: #5b636e; }} .pitch {{ background: #f1f4f1; padding: 0.8em 1em; border-radius: 6px; }}\n\
         figure {{ margin: 0 0 1.5em; }} figure svg {{ width: 100%; height: auto; }}\n\
         </style>\n</head>\n<body>\n",
        escape(&card.role),
        escape(&card.organisation)
    );
    if let Some(svg) = map_svg {
        let _ = write!(out, "<figure>\n{svg}</figure>\n");
    }
    let _ = write!(
        out,
        "<h1>{}</h1>\n<p class=\"status\">{} · {}</p>\n",
        escape(&card.role),
        escape(&card.status_line),
        escape(&card.organisation)
    );
    if !card.pitch.is_empty() {
        let _ = write!(
            out,
            "<h2>Could this be you?</h2>\n<p class=\"pitch\">{}</p>\n",
            escape(&card.pitch)
        );
    }
    let _ = write!(out, "<h2>How this role fits</h2>\n<p>{}</p>\n", escape(&card.fits));
    for section in &card.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.heading));
        for paragraph in &section.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", escape(paragraph));
        }
        for (sub, items) in &section.lists {
            if let Some(sub) = sub {
                let _ = writeln!(out, "<h3>{}</h3>", escape(sub));
            }
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A4 portrait in points.
const PAGE: (f64, f64) = (595.28, 841.89);
const MARGIN: f64 = 40.0;

/// The A4 page: the map scene (already highlighted) in the top part, the card below, text
/// shrunk as far as 7 pt to fit the page. Sizes are in points.
pub fn to_svg_page(card: &Card, map: &Scene, theme: &Theme) -> String {
    let width = PAGE.0 - 2.0 * MARGIN;
    let b = map.bounds;
    // The largest map and type that leave room for the whole text: the map shrinks first (to
    // a fifth of the page), then the type (to 7 pt).
    let tries =
        [(0.4, 10.0), (0.32, 10.0), (0.32, 9.0), (0.26, 9.0), (0.26, 8.0), (0.2, 8.0), (0.2, 7.0)];
    let fit = |(share, size): (f64, f64)| {
        let map_height = PAGE.1 * share;
        let scale = (width / b.width().max(1.0)).min(map_height / b.height().max(1.0));
        let text_top = MARGIN + b.height() * scale + 18.0;
        let lines = text_lines(card, size, width);
        let height: f64 = lines.iter().map(|l| l.2).sum();
        (scale, text_top, lines, text_top + height <= PAGE.1 - MARGIN)
    };
    let (scale, text_top, mut lines, fits) =
        tries.iter().map(|&t| fit(t)).find(|f| f.3).unwrap_or_else(|| fit(tries[tries.len() - 1]));
    if !fits {
        let note = "(The rest is in the HTML and Markdown versions of this pack.)".to_string();
        let keep = lines
            .iter()
            .scan(text_top, |y, l| {
                *y += l.2;
                Some(*y)
            })
            .take_while(|y| *y <= PAGE.1 - MARGIN - 7.0 * 1.4)
            .count();
        lines.truncate(keep);
        lines.push((note, (7.0, false, true), 7.0 * 1.4));
    }
    let (ox, oy) =
        (MARGIN + (width - b.width() * scale) / 2.0 - b.min.x * scale, MARGIN - b.min.y * scale);
    let mut texts = Vec::new();
    let mut y = text_top;
    for (text, (line_size, bold, muted), advance) in lines {
        let color = if muted { theme.muted_text } else { theme.text };
        let pos = Point::new(MARGIN, y + advance / 2.0);
        let text =
            Text { pos, text, size: line_size, color, anchor: Anchor::Start, rotation: 0.0, bold };
        texts.push(Item { shape: Shape::Text(text), part: Part::Decoration });
        y += advance;
    }
    let title = format!("{} · {}", card.role, card.organisation);
    let page = Rect { min: Point::new(0.0, 0.0), max: Point::new(PAGE.0, PAGE.1) };
    let head = Head { size: PAGE, view: page, title: &title, description: "" };
    document(&head, Color::rgb(0xff, 0xff, 0xff), |out| {
        // The map, scaled into its box on the page, over its own background.
        let _ = writeln!(
            out,
            "<g transform=\"translate({ox:.2} {oy:.2}) scale({scale:.5})\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            b.min.x,
            b.min.y,
            b.width(),
            b.height(),
            map.background.hex()
        );
        body(out, &map.items, "map");
        out.push_str("</g>\n");
        body(out, &texts, "text");
    })
}

/// The card as lines to set: (text, (size, bold, muted), advance).
type Line = (String, (f64, bool, bool), f64);

/// Sets the card's text, line by line, at a body size.
struct Setter {
    lines: Vec<Line>,
    size: f64,
    width: f64,
}

impl Setter {
    /// A paragraph wrapped to the width, at `size` (line advance 1.4 times the size).
    fn paragraph(&mut self, text: &str, size: f64, bold: bool, muted: bool) {
        for line in wrap_words(text, size, self.width) {
            self.lines.push((line, (size, bold, muted), size * 1.4));
        }
    }

    fn heading(&mut self, text: &str) {
        self.lines.push((text.to_string(), (self.size * 1.2, true, false), self.size * 1.7));
    }

    /// A list item: a bullet, and its continuation lines indented under its text.
    fn bullet(&mut self, text: &str) {
        let indent = "•  ";
        let width = self.width - font::measure(indent, self.size);
        for (n, line) in wrap_words(text, self.size, width).into_iter().enumerate() {
            let prefix = if n == 0 { indent } else { "    " };
            self.lines.push((
                format!("{prefix}{line}"),
                (self.size, false, false),
                self.size * 1.4,
            ));
        }
    }

    fn gap(&mut self) {
        self.lines.push((String::new(), (self.size, false, false), self.size * 0.6));
    }
}

fn text_lines(card: &Card, size: f64, width: f64) -> Vec<Line> {
    let mut set = Setter { lines: Vec::new(), size, width };
    set.paragraph(&card.role, size * 2.0, true, false);
    set.paragraph(&format!("{} · {}", card.status_line, card.organisation), size, false, true);
    set.gap();
    if !card.pitch.is_empty() {
        set.heading("Could this be you?");
        set.paragraph(&card.pitch, size, false, false);
        set.gap();
    }
    set.heading("How this role fits");
    set.paragraph(&card.fits, size, false, false);
    for section in &card.sections {
        set.gap();
        set.heading(&section.heading);
        for paragraph in &section.paragraphs {
            set.paragraph(paragraph, size, false, false);
        }
        for (sub, items) in &section.lists {
            if let Some(sub) = sub {
                set.lines.push((sub.clone(), (size, true, false), size * 1.5));
            }
            for item in items {
                set.bullet(item);
            }
        }
    }
    set.lines
}
