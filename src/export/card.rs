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
pub(crate) fn passive(kind: &LinkKind) -> String {
    match kind {
        LinkKind::Supports => "supported by".into(),
        LinkKind::Coaches => "coached by".into(),
        LinkKind::Collaborates => "collaborates with".into(),
        LinkKind::Advises => "advised by".into(),
        LinkKind::ReportsTo => "receives reports from".into(),
        LinkKind::Other(text) => format!("linked ({text}) from"),
    }
}

/// "the Wellbeing Worker", but "The person we support" as it is (no "the The person").
pub(crate) fn the(name: &str) -> String {
    let has_article = name.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("the "));
    if has_article { name.to_string() } else { format!("the {name}") }
}

fn sentence(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!("{}.", sentence_case(text)) }
}

/// `text` with its first letter in capitals.
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}", first.to_uppercase(), chars.as_str()),
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
    let name_of = |id: &str| map.role(id).map_or(id.to_string(), |r| the(&r.name));
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

/// A standalone HTML page of the card (the one with the map is the web page, see
/// [`super::html`]).
pub fn to_html(card: &Card) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {}</title>\n<style>\n\
         body {{ font-family: 'DejaVu Sans', Verdana, sans-serif; max-width: 46em; margin: 2em auto; \
         padding: 0 1em; line-height: 1.5; color: #1f2328; }}\n\
         .status {{ color: #5b636e; }} .pitch {{ background: #f1f4f1; padding: 0.8em 1em; border-radius: 6px; }}\n\
         </style>\n</head>\n<body>\n",
        escape(&card.role),
        escape(&card.organisation)
    );
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
    sections_html(&mut out, &card.sections, 2);
    out.push_str("</body>\n</html>\n");
    out
}

/// The sections of a job description as HTML, headings at `<h{level}>`, sub-lists' one
/// below. The purpose's paragraph has the class `purpose` (the web page shows it on hover).
pub(crate) fn sections_html(out: &mut String, sections: &[Section], level: u8) {
    for section in sections {
        let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(&section.heading));
        let class = if section.heading == "Purpose" { " class=\"purpose\"" } else { "" };
        for paragraph in &section.paragraphs {
            let _ = writeln!(out, "<p{class}>{}</p>", escape(paragraph));
        }
        for (sub, items) in &section.lists {
            if let Some(sub) = sub {
                let _ = writeln!(out, "<h{0}>{1}</h{0}>", level + 1, escape(sub));
            }
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>\n");
        }
    }
}

/// A4 portrait in points.
const PAGE: (f64, f64) = (595.28, 841.89);
const MARGIN: f64 = 40.0;
/// Between the maps and the text under them, and between the two maps.
const MAP_GAP: f64 = 18.0;
/// The largest share of the page's height the maps take.
const MAP_SHARE: f64 = 0.6;
/// The maps' box is at most this much as tall as it is wide.
const MAP_ASPECT: f64 = 0.62;
/// The whole map's share of the maps' width.
const OVERVIEW_SHARE: f64 = 0.3;
/// Role labels in the neighbourhood, in points: at least readable, at most body text.
const NEAR_LABEL_PT: (f64, f64) = (7.0, 11.0);

/// What the page shows of the map: the scene (already highlighting the role), the role, the
/// boxes around its neighbourhood in the scene, widest first (the role with its team and the
/// roles it links to; then without its team), and the size of role labels in the scene's
/// units.
#[derive(Clone, Copy)]
pub struct PageMap<'a> {
    pub scene: &'a Scene,
    pub role_pos: Point,
    pub near: [Rect; 2],
    pub label_size: f64,
}

/// The A4 page: the role's neighbourhood large (labels at reading size) and the whole map
/// small beside it with the role marked, both from the same scene; the card below, text
/// shrunk as far as 7 pt to fit the page. Sizes are in points.
pub fn to_svg_page(card: &Card, map: &PageMap, theme: &Theme) -> String {
    let width = PAGE.0 - 2.0 * MARGIN;
    let PageFit { map_height, text_top, mut lines, fits } = fit_page(card);
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
    let mut texts = Vec::new();
    let mut y = text_top;
    for line in lines {
        let color = if line.muted { theme.muted_text } else { theme.text };
        let pos = Point::new(MARGIN + line.indent, y + line.advance / 2.0);
        texts.push(page_text(pos, line.text, line.size, color, line.bold));
        y += line.advance;
    }
    // The whole map: a square at the top right.
    let side = (width * OVERVIEW_SHARE).min(map_height - 12.0);
    let whole_box = Rect {
        min: Point::new(PAGE.0 - MARGIN - side, MARGIN),
        max: Point::new(PAGE.0 - MARGIN, MARGIN + side),
    };
    let whole = Frame::fitting(map.scene.bounds, whole_box);
    let caption = Point::new(whole_box.min.x + side / 2.0, whole_box.max.y + 7.0);
    let mut caption =
        page_text(caption, "The whole organisation".into(), 7.0, theme.muted_text, false);
    if let Shape::Text(text) = &mut caption.shape {
        text.anchor = Anchor::Middle;
    }
    texts.push(caption);
    // The neighbourhood: what is left of the width.
    let near_box = Rect {
        min: Point::new(MARGIN, MARGIN),
        max: Point::new(whole_box.min.x - MAP_GAP, MARGIN + map_height),
    };
    let near = Frame::near(map, near_box);
    let title = format!("{} · {}", card.role, card.organisation);
    let page = Rect { min: Point::new(0.0, 0.0), max: Point::new(PAGE.0, PAGE.1) };
    let head = Head { size: PAGE, view: page, title: &title, description: "" };
    document(&head, Color::rgb(0xff, 0xff, 0xff), |out| {
        near.write(out, map.scene, "near");
        whole.write(out, map.scene, "map");
        // On the whole map, where the neighbourhood is and where the role is.
        let shown = whole.to_page_rect(near.shown());
        let accent = theme.selection.hex();
        outline(out, shown, &accent, 0.8);
        let role = whole.to_page(map.role_pos);
        let _ = writeln!(
            out,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"4\" fill=\"none\" stroke=\"{accent}\" \
             stroke-width=\"1.5\"/>",
            role.x, role.y
        );
        body(out, &texts, "text");
    })
}

fn page_text(pos: Point, text: String, size: f64, color: Color, bold: bool) -> Item {
    let text = Text { pos, text, size, color, anchor: Anchor::Start, rotation: 0.0, bold };
    Item { shape: Shape::Text(text), part: Part::Decoration }
}

/// A part of the scene shown in a box of the page: map point `center` at the box's centre,
/// `scale` points per map unit, clipped to the box.
#[derive(Debug, Clone, Copy)]
struct Frame {
    area: Rect,
    center: Point,
    scale: f64,
}

impl Frame {
    /// All of `shown` in `area`, as large as it fits.
    fn fitting(shown: Rect, area: Rect) -> Frame {
        let scale =
            (area.width() / shown.width().max(1.0)).min(area.height() / shown.height().max(1.0));
        Frame { area, center: middle(shown), scale }
    }

    /// The role's neighbourhood in `area`, its labels between [`NEAR_LABEL_PT`]'s sizes: the
    /// widest neighbourhood that fits at readable sizes; when none does, the closest one, cut
    /// at the box's edges, with the role kept inside.
    fn near(map: &PageMap, area: Rect) -> Frame {
        let pad = 2.0 * map.label_size;
        let padded = |r: Rect| Rect {
            min: Point::new(r.min.x - pad, r.min.y - pad),
            max: Point::new(r.max.x + pad, r.max.y + pad),
        };
        let smallest = NEAR_LABEL_PT.0 / map.label_size;
        let largest = NEAR_LABEL_PT.1 / map.label_size;
        let mut fits = map.near.iter().map(|&r| Frame::fitting(padded(r), area));
        if let Some(fit) = fits.clone().find(|f| f.scale >= smallest) {
            return Frame { scale: fit.scale.min(largest), ..fit };
        }
        let closest = fits.next_back().unwrap_or(Frame::fitting(padded(map.near[0]), area));
        let mut frame = Frame { scale: smallest, ..closest };
        // Moved toward the role until it is well inside the box.
        let shown = frame.shown();
        let (keep_x, keep_y) = (shown.width() * 0.3, shown.height() * 0.3);
        frame.center.x = frame.center.x.clamp(map.role_pos.x - keep_x, map.role_pos.x + keep_x);
        frame.center.y = frame.center.y.clamp(map.role_pos.y - keep_y, map.role_pos.y + keep_y);
        frame
    }

    /// The part of the scene the box shows.
    fn shown(&self) -> Rect {
        let (half_w, half_h) =
            (self.area.width() / 2.0 / self.scale, self.area.height() / 2.0 / self.scale);
        Rect {
            min: Point::new(self.center.x - half_w, self.center.y - half_h),
            max: Point::new(self.center.x + half_w, self.center.y + half_h),
        }
    }

    fn to_page(self, p: Point) -> Point {
        let c = middle(self.area);
        Point::new(
            c.x + (p.x - self.center.x) * self.scale,
            c.y + (p.y - self.center.y) * self.scale,
        )
    }

    fn to_page_rect(self, r: Rect) -> Rect {
        let (a, b) = (self.to_page(r.min), self.to_page(r.max));
        let clip = |p: Point| {
            Point::new(
                p.x.clamp(self.area.min.x, self.area.max.x),
                p.y.clamp(self.area.min.y, self.area.max.y),
            )
        };
        Rect { min: clip(a), max: clip(b) }
    }

    /// The scene's items, scaled into the box over the scene's background, clipped to it.
    /// `id` names the clip and the scene's text paths (each copy of a scene needs its own).
    fn write(&self, out: &mut String, scene: &Scene, id: &str) {
        let a = self.area;
        let origin = self.to_page(Point::new(0.0, 0.0));
        let _ = writeln!(
            out,
            "<clipPath id=\"{id}-clip\"><rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/></clipPath>\n\
             <g clip-path=\"url(#{id}-clip)\">\n<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"/>\n\
             <g transform=\"translate({:.2} {:.2}) scale({:.5})\">",
            a.min.x,
            a.min.y,
            a.width(),
            a.height(),
            a.min.x,
            a.min.y,
            a.width(),
            a.height(),
            scene.background.hex(),
            origin.x,
            origin.y,
            self.scale
        );
        body(out, &scene.items, id);
        out.push_str("</g>\n</g>\n");
        outline(out, a, "#d0d7de", 0.5);
    }
}

/// A rectangle's outline on the page.
fn outline(out: &mut String, r: Rect, color: &str, width: f64) {
    let _ = writeln!(
        out,
        "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"none\" \
         stroke=\"{color}\" stroke-width=\"{width}\"/>",
        r.min.x,
        r.min.y,
        r.width(),
        r.height()
    );
}

fn middle(r: Rect) -> Point {
    Point::new((r.min.x + r.max.x) / 2.0, (r.min.y + r.max.y) / 2.0)
}

/// How the maps and the text share the page.
struct PageFit {
    /// The height of the maps' box, in points.
    map_height: f64,
    /// Where the text starts, under the maps.
    text_top: f64,
    lines: Vec<Line>,
    /// Whether the whole text fits (else it is cut, with a note).
    fits: bool,
}

/// The largest type, then the largest maps, that leave room for the whole text: the maps
/// may shrink to a share of the page that falls with the type size, from a third at 10 pt to
/// a fifth at 8 pt and below; above that they take all the room the text leaves, up to 60%
/// of the page and [`MAP_ASPECT`] of its width.
fn fit_page(card: &Card) -> PageFit {
    let width = PAGE.0 - 2.0 * MARGIN;
    // (type size, smallest share of the page for the maps)
    let steps =
        [(10.0, 0.32), (9.5, 0.29), (9.0, 0.26), (8.5, 0.23), (8.0, 0.2), (7.5, 0.2), (7.0, 0.2)];
    let fit = |(size, smallest): (f64, f64)| {
        let lines = text_lines(card, size, width);
        let height: f64 = lines.iter().map(|l| l.advance).sum();
        let room = PAGE.1 - 2.0 * MARGIN - MAP_GAP - height;
        let tallest = (PAGE.1 * MAP_SHARE).min(width * MAP_ASPECT);
        let map_height = room.clamp(PAGE.1 * smallest, tallest.max(PAGE.1 * smallest));
        let text_top = MARGIN + map_height + MAP_GAP;
        let fits = text_top + height <= PAGE.1 - MARGIN + 1e-9;
        PageFit { map_height, text_top, lines, fits }
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

    /// A long description takes the largest type that fits, and the map then takes the room
    /// the text leaves (it was held to a fixed share, leaving a blank band under the text).
    #[test]
    fn the_page_is_filled_by_the_largest_type_then_the_largest_map() {
        let card = practice_coach();
        let fit = fit_page(&card);
        assert!(fit.fits);
        let size = fit.lines[0].size / 2.0; // the first line is the role's name, twice as large
        assert!(size < 10.0, "the sample is long enough to need smaller type");
        let bigger = text_lines(&card, size + 0.5, PAGE.0 - 2.0 * MARGIN);
        let needs: f64 = bigger.iter().map(|l| l.advance).sum();
        let shortest_map = PAGE.1 * 0.32_f64.min(0.2 + (size + 0.5 - 8.0).max(0.0) * 0.06);
        assert!(MARGIN + shortest_map + MAP_GAP + needs > PAGE.1 - MARGIN, "larger type fits");
        let bottom = fit.text_top + fit.lines.iter().map(|l| l.advance).sum::<f64>();
        let map_height = fit.map_height;
        let tallest = (PAGE.1 * MAP_SHARE).min((PAGE.0 - 2.0 * MARGIN) * MAP_ASPECT);
        assert!(
            (PAGE.1 - MARGIN - bottom) < 1.0 || map_height >= tallest - 1e-6,
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

    /// The pack's maps for `id` on the Wellbeing sample: the page's frames and what they
    /// were made from.
    fn frames_of(id: &str) -> (Frame, Frame, Vec<Point>, Point, f64) {
        use crate::layout::LayoutOptions;
        use crate::scene::{Focus, Links, SceneOptions};
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_orgs")
            .join("wellbeing_teams.ron");
        let map = crate::format::load(&path).unwrap();
        let index = map.role_index(id).unwrap();
        let options = LayoutOptions::default();
        let placed = crate::layout::compute(&map, &options, &crate::font::measure);
        let focus = Focus::role(index);
        let layout = options.clone();
        let scene = crate::scene::build(
            &map,
            &placed,
            &SceneOptions {
                theme: Theme::light(),
                layout,
                focus,
                stage: None,
                links: Links::Straight,
            },
        );
        let linked: Vec<Point> = map
            .links
            .iter()
            .filter_map(|l| match (l.from == map.roles[index].id, l.to == map.roles[index].id) {
                (true, _) => map.role_index(&l.to),
                (_, true) => map.role_index(&l.from),
                _ => None,
            })
            .map(|i| placed.roles[i].pos)
            .collect();
        let near = crate::export::near_boxes(&map, &scene, index);
        let role_pos = placed.roles[index].pos;
        let page_map = PageMap { scene: &scene, role_pos, near, label_size: options.label_size };
        let area = Rect { min: Point::new(40.0, 40.0), max: Point::new(380.0, 340.0) };
        let whole_area = Rect { min: Point::new(400.0, 40.0), max: Point::new(555.0, 195.0) };
        let whole = Frame::fitting(scene.bounds, whole_area);
        (Frame::near(&page_map, area), whole, linked, role_pos, options.label_size)
    }

    /// A candidate reads the role's neighbourhood: labels at reading size, the role inside,
    /// and for a role with few links all of them; the whole map is small beside it, all of
    /// it shown.
    #[test]
    fn the_pack_shows_the_neighbourhood_large_and_the_whole_map_small() {
        let inside =
            |r: Rect, p: Point| r.min.x < p.x && p.x < r.max.x && r.min.y < p.y && p.y < r.max.y;
        for id in ["practice-coach", "designer", "rota-coordinator", "wellbeing-worker"] {
            let (near, whole, linked, role, label) = frames_of(id);
            let label_pt = label * near.scale;
            assert!(
                (NEAR_LABEL_PT.0 - 1e-9..=NEAR_LABEL_PT.1 + 1e-9).contains(&label_pt),
                "{id}: labels {label_pt:.1} pt"
            );
            assert!(inside(near.shown(), role), "{id}: the role is in its neighbourhood");
            assert!(whole.scale < near.scale / 2.0, "{id}: the whole map is the small one");
            if linked.len() <= 2 {
                for p in &linked {
                    assert!(inside(near.shown(), *p), "{id}: a linked role is left out");
                }
            }
        }
    }
}
