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
/// Between the map and the text under it.
const MAP_GAP: f64 = 18.0;
/// The largest share of the page's height the map takes (a square map is then as wide as the
/// text).
const MAP_SHARE: f64 = 0.6;

/// The A4 page: the map scene (already highlighted) in the top part, the card below, text
/// shrunk as far as 7 pt to fit the page. Sizes are in points.
pub fn to_svg_page(card: &Card, map: &Scene, theme: &Theme) -> String {
    let width = PAGE.0 - 2.0 * MARGIN;
    let b = map.bounds;
    let PageFit { scale, text_top, mut lines, fits, .. } = fit_page(card, b);
    if !fits {
        let note = "(The rest is in the HTML and Markdown versions of this pack.)".to_string();
        let keep = lines
            .iter()
            .scan(text_top, |y, l| {
                *y += l.advance;
                Some(*y)
            })
            .take_while(|y| *y <= PAGE.1 - MARGIN - 7.0 * 1.4)
            .count();
        lines.truncate(keep);
        lines.push(Line { muted: true, ..Line::new(note, 7.0, 7.0 * 1.4) });
    }
    let (ox, oy) =
        (MARGIN + (width - b.width() * scale) / 2.0 - b.min.x * scale, MARGIN - b.min.y * scale);
    let mut texts = Vec::new();
    let mut y = text_top;
    for line in lines {
        let color = if line.muted { theme.muted_text } else { theme.text };
        let pos = Point::new(MARGIN + line.indent, y + line.advance / 2.0);
        let (size, bold) = (line.size, line.bold);
        let text =
            Text { pos, text: line.text, size, color, anchor: Anchor::Start, rotation: 0.0, bold };
        texts.push(Item { shape: Shape::Text(text), part: Part::Decoration });
        y += line.advance;
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

/// How the map and the text share the page.
struct PageFit {
    /// Of the map's units to points.
    scale: f64,
    /// Where the text starts, under the map.
    text_top: f64,
    lines: Vec<Line>,
    /// Whether the whole text fits (else it is cut, with a note).
    fits: bool,
}

/// The largest type, then the largest map, that leave room for the whole text: the map may
/// shrink to a share of the page that falls with the type size, from a third at 10 pt to a
/// fifth at 8 pt and below; above that it takes all the room the text leaves, up to 60% of
/// the page. `map` is the map's bounds.
fn fit_page(card: &Card, map: Rect) -> PageFit {
    let width = PAGE.0 - 2.0 * MARGIN;
    // (type size, smallest share of the page for the map)
    let steps =
        [(10.0, 0.32), (9.5, 0.29), (9.0, 0.26), (8.5, 0.23), (8.0, 0.2), (7.5, 0.2), (7.0, 0.2)];
    let fit = |(size, smallest): (f64, f64)| {
        let lines = text_lines(card, size, width);
        let height: f64 = lines.iter().map(|l| l.advance).sum();
        let room = PAGE.1 - 2.0 * MARGIN - MAP_GAP - height;
        let map_height = room.clamp(PAGE.1 * smallest, PAGE.1 * MAP_SHARE);
        let scale = (width / map.width().max(1.0)).min(map_height / map.height().max(1.0));
        let text_top = MARGIN + map.height() * scale + MAP_GAP;
        let fits = text_top + height <= PAGE.1 - MARGIN + 1e-9;
        PageFit { scale, text_top, lines, fits }
    };
    let last = steps[steps.len() - 1];
    steps.iter().map(|&step| fit(step)).find(|f| f.fits).unwrap_or_else(|| fit(last))
}

/// One line of the card, as set on the page.
struct Line {
    text: String,
    size: f64,
    bold: bool,
    muted: bool,
    /// From this line's top to the next's.
    advance: f64,
    /// From the left margin (continuation lines of a list item sit under its text: spaces
    /// would not do, SVG and PDF text collapses them).
    indent: f64,
}

impl Line {
    fn new(text: String, size: f64, advance: f64) -> Self {
        Line { text, size, bold: false, muted: false, advance, indent: 0.0 }
    }
}

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
            self.lines.push(Line { bold, muted, ..Line::new(line, size, size * 1.4) });
        }
    }

    fn heading(&mut self, text: &str) {
        let heading = Line::new(text.to_string(), self.size * 1.2, self.size * 1.7);
        self.lines.push(Line { bold: true, ..heading });
    }

    /// A list item: a bullet, and its continuation lines indented under its text.
    fn bullet(&mut self, text: &str) {
        let bullet = "• ";
        let hang = font::measure(bullet, self.size);
        for (n, line) in wrap_words(text, self.size, self.width - hang).into_iter().enumerate() {
            let (text, indent) =
                if n == 0 { (format!("{bullet}{line}"), 0.0) } else { (line, hang) };
            self.lines.push(Line { indent, ..Line::new(text, self.size, self.size * 1.4) });
        }
    }

    fn gap(&mut self) {
        self.lines.push(Line::new(String::new(), self.size, self.size * 0.6));
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
                set.lines.push(Line { bold: true, ..Line::new(sub.clone(), size, size * 1.5) });
            }
            for item in items {
                set.bullet(item);
            }
        }
    }
    set.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn practice_coach() -> Card {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_orgs")
            .join("wellbeing_teams.ron");
        let map = crate::format::load(&path).unwrap();
        card_of(&map, map.role("practice-coach").unwrap())
    }

    const SQUARE_MAP: Rect =
        Rect { min: Point { x: 0.0, y: 0.0 }, max: Point { x: 1000.0, y: 1000.0 } };

    /// A long description takes the largest type that fits, and the map then takes the room
    /// the text leaves (it was held to a fixed share, leaving a blank band under the text).
    #[test]
    fn the_page_is_filled_by_the_largest_type_then_the_largest_map() {
        let card = practice_coach();
        let fit = fit_page(&card, SQUARE_MAP);
        assert!(fit.fits);
        let size = fit.lines[0].size / 2.0; // the first line is the role's name, twice as large
        assert!(size < 10.0, "the sample is long enough to need smaller type");
        let bigger = text_lines(&card, size + 0.5, PAGE.0 - 2.0 * MARGIN);
        let needs: f64 = bigger.iter().map(|l| l.advance).sum();
        let shortest_map = PAGE.1 * 0.32_f64.min(0.2 + (size + 0.5 - 8.0).max(0.0) * 0.06);
        assert!(MARGIN + shortest_map + MAP_GAP + needs > PAGE.1 - MARGIN, "larger type fits");
        let bottom = fit.text_top + fit.lines.iter().map(|l| l.advance).sum::<f64>();
        let map_height = 1000.0 * fit.scale;
        assert!(
            (PAGE.1 - MARGIN - bottom) < 1.0 || map_height >= PAGE.1 * MAP_SHARE - 1e-6,
            "{:.0} pt left blank under the text, with the map {map_height:.0} pt tall",
            PAGE.1 - MARGIN - bottom
        );
    }

    /// A list item's next lines start under its text, not under its bullet: set by an
    /// indent, as leading spaces collapse in SVG and PDF text.
    #[test]
    fn wrapped_list_items_hang_under_their_text() {
        let card = practice_coach();
        let size = 8.0;
        let lines = text_lines(&card, size, 300.0);
        let hang = font::measure("• ", size);
        let continued: Vec<&Line> = lines
            .windows(2)
            .filter(|w| w[0].text.starts_with('•') || w[0].indent > 0.0)
            .map(|w| &w[1])
            .filter(|l| l.size == size && !l.bold && !l.text.is_empty() && !l.text.starts_with('•'))
            .collect();
        assert!(!continued.is_empty(), "a narrow column wraps some items");
        for line in continued {
            assert_eq!(line.indent, hang, "{:?}", line.text);
            assert!(!line.text.starts_with(' '), "{:?}", line.text);
        }
    }
}
