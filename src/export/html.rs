//! The map as one web page: the scene written as SVG (text as text) inside a self-contained
//! HTML file, with the job descriptions, a small script (page.js) and its styles (page.css),
//! and the shipped font cut down to the page's text. It loads nothing from the network.
//!
//! Click or tap a role (or Tab to it and press Enter) and a side panel shows its whole job
//! description and its links in words, each a link to the other role; its links light up.
//! Hover shows a role's purpose; the search box finds roles, teams and rings; wheel, drag,
//! pinch and + / - pan and zoom. `#role=ID` opens with that role selected. It prints as the
//! map on one page, then every job description.

use std::fmt::Write;

use super::card::{Card, card_of, passive, sections_html, sentence_case, the};
use super::svg::{Head, body_grouped, document, escape};
use crate::font;
use crate::layout::{self, LayoutOptions};
use crate::model::{OrgMap, Status};
use crate::scene::{self, Focus, Links, Part, Scene, SceneOptions, Theme};

const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// What the page opens on.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// A role (by index) selected when the page opens without a `#role=` of its own.
    pub selected: Option<usize>,
    pub dark: bool,
    /// A candidate pack (`orgmap card --format html`): the page is named after the selected
    /// role, and prints the map and that role's description only.
    pub card: bool,
}

/// The web page of `map`.
pub fn web_page(map: &OrgMap, options: &PageOptions) -> String {
    let layout_options = LayoutOptions::default();
    let placed = layout::compute(map, &layout_options, &font::measure);
    let theme = if options.dark { Theme::dark() } else { Theme::light() };
    let scene_options = SceneOptions {
        theme,
        layout: layout_options,
        focus: Focus::default(),
        stage: None,
        links: Links::Straight,
    };
    let scene = scene::page(map, &placed, &scene_options);
    page_of(map, &scene, options)
}

/// The page around an already drawn scene of `map` (its parts index `map`).
pub fn page_of(map: &OrgMap, scene: &Scene, options: &PageOptions) -> String {
    let svg = map_svg(map, scene);
    let articles = articles(map);
    let data = page_data(map, options);
    let fonts = font_faces(scene);
    let chosen = options.selected.and_then(|i| map.roles.get(i)).filter(|_| options.card);
    let (heading, title) = match chosen {
        Some(role) => {
            (escape(&role.name), format!("{} · {}", escape(&role.name), escape(&map.name)))
        }
        None => (escape(&map.name), escape(&map.name)),
    };
    let classes: Vec<&str> = [(options.dark, "dark"), (chosen.is_some(), "card")]
        .iter()
        .filter(|c| c.0)
        .map(|c| c.1)
        .collect();
    let body_class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"orgmap\">\n<title>{title}</title>\n\
         <style>\n{fonts}{STYLE}</style>\n</head>\n<body{body_class}>\n\
         <header class=\"bar\">\n<h1>{heading}</h1>\n\
         <div class=\"find\"><input id=\"find\" type=\"search\" autocomplete=\"off\" \
         placeholder=\"Find a role, team or ring\" aria-label=\"Find a role, team or ring\" \
         aria-controls=\"found\">\n<ul id=\"found\" role=\"listbox\" hidden></ul></div>\n\
         <div class=\"zoom\"><button id=\"zoom-in\" type=\"button\" aria-label=\"Zoom in\" \
         title=\"Zoom in (+)\">+</button><button id=\"zoom-out\" type=\"button\" \
         aria-label=\"Zoom out\" title=\"Zoom out (-)\">−</button><button id=\"fit\" \
         type=\"button\" title=\"Fit the map (0)\">Fit</button></div>\n</header>\n\
         <div id=\"view\">\n<main id=\"stage\">\n{svg}<div id=\"tip\" hidden></div>\n</main>\n\
         <aside id=\"panel\" hidden aria-live=\"polite\" aria-label=\"Job description\">\n\
         <button id=\"close\" type=\"button\" aria-label=\"Close (Esc)\" title=\"Close (Esc)\">×\
         </button>\n<div id=\"panel-body\" class=\"job\"></div>\n</aside>\n</div>\n\
         <section id=\"roles\" aria-label=\"Job descriptions\">\n{articles}</section>\n\
         <script id=\"map-data\" type=\"application/json\">{data}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
    );
    out
}

/// The scene as SVG, each role, label, link, team and ring in a group the script finds by
/// `data-` attributes; a role's node is focusable, named, and shows its purpose on hover.
fn map_svg(map: &OrgMap, scene: &Scene) -> String {
    // A role drawn in more than one run (its marks on top) is focusable once.
    let focusable = std::cell::RefCell::new(std::collections::HashSet::new());
    let group = |part: Part| -> Option<String> {
        Some(match part {
            // (The purpose shown on hover comes from the job description: not repeated here.)
            Part::Role(i) if focusable.borrow_mut().insert(i) => {
                let role = map.roles.get(i)?;
                let ring = map.ring(&role.ring).map_or("", |r| r.name.as_str());
                format!(
                    "<g class=\"role\" data-role=\"{i}\" tabindex=\"0\" role=\"button\" \
                     aria-label=\"{}, {}\">",
                    escape(&role.name),
                    escape(ring)
                )
            }
            Part::Role(i) => format!("<g class=\"role\" data-role=\"{i}\">"),
            Part::RoleLabel(i) => format!("<g class=\"label\" data-role=\"{i}\">"),
            Part::Link(l) => format!("<g class=\"link\" data-link=\"{l}\">"),
            Part::Team(t) => format!("<g class=\"team\" data-team=\"{t}\">"),
            Part::Ring(k) => format!("<g class=\"ring\" data-ring=\"{k}\">"),
            Part::Decoration => return None,
        })
    };
    let b = scene.bounds;
    let head = Head {
        size: (b.width(), b.height()),
        view: b,
        title: &map.name,
        description: &map.purpose,
    };
    let svg =
        document(&head, scene.background, |out| body_grouped(out, &scene.items, "arc", &group));
    // The page sizes the picture; its viewBox is what the script pans and zooms.
    svg.replacen("<svg ", "<svg id=\"map\" role=\"img\" aria-label=\"The map\" ", 1)
}

/// `@font-face` rules for the shipped font, each face cut to the map's text in it (the rest
/// of the page is in the reader's own font).
fn font_faces(scene: &Scene) -> String {
    let (mut regular, mut bold) = (String::new(), String::new());
    for item in &scene.items {
        let (text, is_bold) = match &item.shape {
            crate::scene::Shape::Text(t) => (&t.text, t.bold),
            crate::scene::Shape::ArcText { text, bold, .. } => (text, *bold),
            _ => continue,
        };
        if is_bold { bold.push_str(text) } else { regular.push_str(text) }
    }
    let mut out = String::new();
    for (data, weight, text) in [(font::REGULAR, "normal", regular), (font::BOLD, "bold", bold)] {
        if text.is_empty() {
            continue;
        }
        let Some(cut) = font::web::for_text(data, &text) else { continue };
        let _ = writeln!(
            out,
            "@font-face {{ font-family: '{}'; font-weight: {weight}; \
             src: url(data:font/ttf;base64,{}) format('truetype'); }}",
            font::FAMILY,
            base64(&cut)
        );
    }
    out
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Every role's job description, as the panel shows it and the printout lists it.
fn articles(map: &OrgMap) -> String {
    let mut out = String::new();
    for (i, role) in map.roles.iter().enumerate() {
        let card = card_of(map, role);
        let _ = writeln!(
            out,
            "<article class=\"job\" id=\"role-{}\" data-role=\"{i}\">",
            escape(&role.id)
        );
        out.push_str(&job_html(map, i, &card));
        out.push_str("</article>\n");
    }
    out
}

/// One job description: the card's parts, who holds the role, and its links in words.
fn job_html(map: &OrgMap, index: usize, card: &Card) -> String {
    let role = &map.roles[index];
    let mut out = String::new();
    let _ = writeln!(out, "<h2>{}</h2>", escape(&card.role));
    let _ = writeln!(out, "<p class=\"status\">{}</p>", escape(&card.status_line));
    let holders: Vec<String> = role
        .holders
        .iter()
        .map(|id| map.person(id).map_or(id.clone(), |p| p.name.clone()))
        .map(|name| escape(&name))
        .collect();
    // (A filled role with nobody named, such as "Employees", says nothing of holders.)
    let held = match (holders.is_empty(), role.status) {
        (false, _) => Some(format!("Held by {}", holders.join(", "))),
        (true, Status::Proposed) => Some("Proposed: nobody holds it yet".into()),
        (true, Status::Vacant) => Some("Vacant: nobody holds it yet".into()),
        (true, Status::Filled) => None,
    };
    if let Some(held) = held {
        let _ = writeln!(out, "<p class=\"holders\">{held}</p>");
    }
    if !card.pitch.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Could this be you?</h3>\n<p class=\"pitch\">{}</p>",
            escape(&card.pitch)
        );
    }
    sections_html(&mut out, &card.sections, 3);
    let links = links_in_words(map, index);
    if !links.is_empty() {
        out.push_str("<h3>Works with</h3>\n<ul class=\"links\">\n");
        for line in links {
            let _ = writeln!(out, "<li>{line}</li>");
        }
        out.push_str("</ul>\n");
    }
    out
}

/// "Coaches the <a>Wellbeing Worker</a> (note)", one line per link, outgoing then incoming.
fn links_in_words(map: &OrgMap, index: usize) -> Vec<String> {
    let role = &map.roles[index];
    let mut lines = Vec::new();
    for outgoing in [true, false] {
        for link in &map.links {
            let other = match outgoing {
                true if link.from == role.id && link.to != role.id => &link.to,
                false if link.to == role.id && link.from != role.id => &link.from,
                _ => continue,
            };
            let Some(other) = map.role(other) else { continue };
            let verb = if outgoing { link.kind.verb().to_string() } else { passive(&link.kind) };
            let note = if link.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&link.note))
            };
            // "the " stays outside the link, unless the name starts with its own article.
            let named = the(&other.name);
            let article = &named[..named.len() - other.name.len()];
            lines.push(format!(
                "{} {article}<a href=\"#role={}\" data-goto=\"{}\">{}</a>{note}",
                escape(&sentence_case(&verb)),
                escape(&other.id),
                escape(&other.id),
                escape(&other.name)
            ));
        }
    }
    lines
}

/// What the script needs: each role's id, name, ring and team, the teams and rings with
/// their roles, each link's two ends (indices), and the role to open on.
fn page_data(map: &OrgMap, options: &PageOptions) -> String {
    use serde_json::json;
    let index = map.index();
    let roles: Vec<_> = map
        .roles
        .iter()
        .map(|r| {
            let team = map.team(&r.team).map_or("", |t| t.name.as_str());
            json!([r.id, r.name, map.ring(&r.ring).map_or("", |k| k.name.as_str()), team])
        })
        .collect();
    // Each team's and ring's roles, in one pass over the roles (a map may have hundreds of
    // departments).
    let (mut in_team, mut in_ring) =
        (vec![Vec::new(); map.teams.len()], vec![Vec::new(); map.rings.len()]);
    for (i, role) in map.roles.iter().enumerate() {
        if let Some(t) = index.team(&role.team) {
            in_team[t].push(i);
        }
        if let Some(k) = index.ring(&role.ring) {
            in_ring[k].push(i);
        }
    }
    let teams: Vec<_> = map.teams.iter().zip(&in_team).map(|(t, r)| json!([t.name, r])).collect();
    let rings: Vec<_> = map.rings.iter().zip(&in_ring).map(|(k, r)| json!([k.name, r])).collect();
    let links: Vec<_> =
        map.links.iter().map(|l| json!([index.role(&l.from), index.role(&l.to)])).collect();
    let start = options.selected.and_then(|i| map.roles.get(i)).map(|r| r.id.clone());
    let data =
        json!({ "roles": roles, "teams": teams, "rings": rings, "links": links, "start": start });
    // Inside <script>: no "<" at all ("</script" would end it, "<!--" confuse it); in JSON
    // it can only be inside a string, where \u003c reads the same.
    data.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wellbeing() -> OrgMap {
        crate::format::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample_orgs/wellbeing_teams.ron"
        )))
        .unwrap()
    }

    #[test]
    fn base64_is_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn every_role_is_a_focusable_named_group_with_its_job_description() {
        let map = wellbeing();
        let page = web_page(&map, &PageOptions::default());
        for (i, role) in map.roles.iter().enumerate() {
            assert!(page.contains(&format!("data-role=\"{i}\" tabindex=\"0\" role=\"button\"")));
            assert!(page.contains(&format!("<article class=\"job\" id=\"role-{}\"", role.id)));
        }
        assert!(page.contains("Coaches the <a href=\"#role=wellbeing-worker\""), "links in words");
        assert!(page.contains("Could this be you?"));
        assert!(page.contains("@font-face"));
    }

    #[test]
    fn names_cannot_break_out_of_the_page() {
        let mut map = wellbeing();
        map.roles[0].name = "</script><script>alert(1)</script>".into();
        map.roles[1].purpose = "\"><img src=x onerror=alert(1)>".into();
        let page = web_page(&map, &PageOptions::default());
        assert!(!page.contains("<script>alert(1)"));
        assert!(!page.contains("<img src=x"));
        assert_eq!(page.matches("<script").count(), 2, "the data and the script only");
    }
}
