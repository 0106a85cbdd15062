//! Exports: SVG that parses and holds every name exactly once (escaped), PNG of the size asked.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::orgmap;

use orgmap::export::png::{parse_svg, to_png};
use orgmap::export::svg::{SvgOptions, to_svg};
use orgmap::format;
use orgmap::layout::{self, LayoutOptions};
use orgmap::model::OrgMap;
use orgmap::scene::{self, SceneOptions};

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn svg_of(map: &OrgMap) -> String {
    let placed = layout::compute(map, &LayoutOptions::default(), &orgmap::font::measure);
    let page = scene::page(map, &placed, &SceneOptions::default());
    let options = SvgOptions {
        title: map.name.clone(),
        description: map.purpose.clone(),
        ..Default::default()
    };
    to_svg(&page, &options)
}

/// The text of every <text> element (its tspans and textPaths joined), in document order,
/// without the invisible marks that give a line of a right-to-left label its direction.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect())
        .map(|t: String| t.replace(['\u{200e}', '\u{200f}'], ""))
        .collect()
}

const MAPS: [&str; 6] = [
    "sample_orgs/wellbeing_teams.ron",
    "sample_orgs/living_systems_sales.ron",
    "sample_orgs/community_of_purpose.ron",
    "sample_orgs/enterprise20.ron",
    "sample_orgs/empty.ron",
    "tests/fixtures/hostile_names.ron",
];

#[test]
fn every_role_name_appears_as_text_exactly_once() {
    for file in MAPS {
        let map = format::load(&path(file)).unwrap();
        let svg = svg_of(&map);
        parse_svg(&svg).unwrap_or_else(|e| panic!("{file}: usvg cannot read the SVG: {e}"));
        let texts = texts(&svg);
        for role in &map.roles {
            let count = texts.iter().filter(|t| **t == role.name).count();
            assert_eq!(count, 1, "{file}: role {:?} is written {count} times", role.name);
        }
        for ring in &map.rings {
            assert!(texts.contains(&ring.name), "{file}: ring {:?} is named", ring.name);
        }
        assert!(texts.contains(&map.name), "{file}: the map's name is the title");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some(map.name.as_str()));
    }
}

#[test]
fn the_legend_names_every_link_kind_and_status() {
    let map = format::load(&path("sample_orgs/wellbeing_teams.ron")).unwrap();
    let texts = texts(&svg_of(&map));
    for entry in
        ["supports", "coaches", "collaborates with", "advises", "reports to", "vacant role"]
    {
        assert!(texts.iter().any(|t| t == entry), "the legend has {entry:?}");
    }
}

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

#[test]
fn png_has_the_width_asked_and_is_not_blank() {
    let map = format::load(&path("sample_orgs/wellbeing_teams.ron")).unwrap();
    let svg = svg_of(&map);
    let (w, h, rgba) = decode(&to_png(&svg, 900).unwrap());
    assert_eq!(w, 900);
    assert!(h > 600 && h < 1200, "the height keeps the proportions: {h}");
    let background = &rgba[..4];
    let drawn = rgba.chunks_exact(4).filter(|px| px != &background).count();
    assert!(drawn as f64 / (w * h) as f64 > 0.2, "the picture is drawn");
    // A width that would take gigabytes is refused, not attempted.
    assert!(to_png(&svg, 100_000).is_err());
}

#[test]
fn the_command_line_exports_svg_and_png_and_explains_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let out = orgmap(&["export", "sample_orgs/enterprise20.ron", "--format", "svg"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<svg"));

    let png = dir.path().join("map.png");
    let out = orgmap(&[
        "export",
        "sample_orgs/enterprise20.ron",
        "--format",
        "png",
        "--width",
        "640",
        "--theme",
        "dark",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(decode(&std::fs::read(&png).unwrap()).0, 640);

    let out = orgmap(&["export", "sample_orgs/enterprise20.ron", "--format", "png"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o OUT.png"));

    let highlight = |id| {
        orgmap(&["export", "sample_orgs/wellbeing_teams.ron", "--format", "svg", "--highlight", id])
    };
    let out = highlight("nobody");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no role with that id"));
    assert!(highlight("practice-coach").status.success());
}

/// Runs a poppler tool on a PDF (scripts/install-deps.sh installs poppler-utils).
fn poppler(tool: &str, pdf: &Path) -> String {
    let out = Command::new(tool)
        .arg(pdf)
        .arg(if tool == "pdftotext" { "-" } else { "-box" })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (run scripts/install-deps.sh): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn pdf_is_one_page_of_the_paper_asked_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("map.pdf");
    let out = orgmap(&[
        "export",
        "sample_orgs/living_systems_sales.ron",
        "--format",
        "pdf",
        "--paper",
        "A2",
        "--landscape",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("Page size:       1683.78 x 1190.55 pts"), "A2 landscape: {info}");
    // Text stays text: every role's name can be found in the PDF.
    let text: String = poppler("pdftotext", &pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let map = format::load(&path("sample_orgs/living_systems_sales.ron")).unwrap();
    for role in &map.roles {
        let words: Vec<&str> = role.name.split_whitespace().collect();
        assert!(words.iter().all(|w| text.contains(w)), "{:?} is in the PDF's text", role.name);
    }
}

#[test]
fn pdf_refuses_paper_too_small_to_read_and_names_one_that_fits() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("map.pdf");
    let args = ["export", "sample_orgs/wellbeing_teams.ron", "--format", "pdf", "-o"];
    let out = orgmap(&[&args[..], &[pdf.to_str().unwrap(), "--paper", "A4"]].concat());
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("smaller than the 6 pt"), "{message}");
    assert!(message.contains("--paper A3"), "it names a paper that fits: {message}");
    assert!(!pdf.exists(), "nothing is written");
    // Without --paper, that paper is chosen.
    let out = orgmap(&[&args[..], &[pdf.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(poppler("pdfinfo", &pdf).contains("(A3)"));
}

#[test]
fn a_candidate_pack_says_how_the_role_fits_and_leaves_empty_parts_out() {
    let out = orgmap(&[
        "card",
        "sample_orgs/wellbeing_teams.ron",
        "--role",
        "practice-coach",
        "--format",
        "md",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Practice Coach\n"));
    assert!(md.contains("Part of the Wellbeing Support Team"), "{md}");
    assert!(md.contains("Coaches the Wellbeing Worker"), "{md}");
    assert!(md.contains("collaborates with the Team Coach"), "{md}");
    // The five parts in the document's order, then skills.
    let order = [
        "## Purpose",
        "## Responsibilities",
        "## Outcomes",
        "## Cultural expectations",
        "## Qualifications",
        "## Skills",
    ];
    let at: Vec<usize> =
        order.iter().map(|h| md.find(h).unwrap_or_else(|| panic!("{h}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "parts in order: {at:?}");
    // The pitch's own "Could this be you?" is not printed twice.
    assert_eq!(md.matches("Could this be you?").count(), 1);

    // A role with only a purpose gets no empty headings.
    let dir = tempfile::tempdir().unwrap();
    let thin = dir.path().join("thin.ron");
    std::fs::write(&thin, "(format: 1, name: \"Thin\", rings: [(id: \"c\", name: \"Centre\")], roles: [(id: \"r\", name: \"Role\", ring: \"c\", purpose: \"Why.\")])\n").unwrap();
    let out = orgmap(&["card", thin.to_str().unwrap(), "--role", "r", "--format", "md"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("## Purpose"));
    for empty in [
        "## Responsibilities",
        "## Outcomes",
        "## Qualifications",
        "## Skills",
        "Could this be you",
    ] {
        assert!(!md.contains(empty), "{empty} is left out: {md}");
    }
}

#[test]
fn candidate_pack_as_html_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("card.html");
    let args =
        ["card", "tests/fixtures/hostile_names.ron", "--role", "lt", "--format", "html", "-o"];
    let out = orgmap(&[&args[..], &[html.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h1>Lead &lt;tech&gt;</h1>"), "names are escaped");
    assert!(page.contains("<svg"), "the map is in the page");
    let out = orgmap(&[
        "card",
        "tests/fixtures/hostile_names.ron",
        "--role",
        "lt",
        "--format",
        "html",
        "--no-map",
    ]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("<svg"));

    let pdf = dir.path().join("card.pdf");
    let args = [
        "card",
        "sample_orgs/wellbeing_teams.ron",
        "--role",
        "practice-coach",
        "--format",
        "pdf",
        "-o",
    ];
    let out = orgmap(&[&args[..], &[pdf.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("Pages:           1") && info.contains("(A4)"), "{info}");
    let text: String = poppler("pdftotext", &pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let map = format::load(&path("sample_orgs/wellbeing_teams.ron")).unwrap();
    let coach = map.role("practice-coach").unwrap();
    let start: String = coach.purpose.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
    assert!(text.contains(&start), "the purpose is in the PDF");
    for outcome in &coach.outcomes {
        let start: String = outcome.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&start), "outcome {outcome:?} is in the PDF");
    }
}

/// The Wellbeing sample with names in Japanese, Korean and Chinese, saved in `dir`.
fn map_in_east_asian_scripts(dir: &Path) -> (OrgMap, PathBuf) {
    let mut map = format::load(&path("sample_orgs/wellbeing_teams.ron")).unwrap();
    for (id, name) in [
        ("wellbeing-worker", "ウェルビーイング担当"),
        ("team-coach", "팀 코치"),
        ("practice-coach", "实践教练"),
    ] {
        let i = map.role_index(id).unwrap();
        map.roles[i].name = name.to_string();
    }
    let file = dir.join("east_asian.ron");
    format::save(&file, &map).unwrap();
    (map, file)
}

/// The font families of the faces resvg draws `text`'s characters with, and whether any of
/// them came out as the missing-glyph box (glyph 0).
fn faces_drawing(svg: &str, text: &str) -> (Vec<String>, bool) {
    use resvg::usvg::Node;
    let tree = parse_svg(svg).unwrap();
    let db = tree.fontdb().clone();
    let mut families = Vec::new();
    let mut boxes = false;
    let mut stack: Vec<&Node> = tree.root().children().iter().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Group(group) => stack.extend(group.children()),
            Node::Text(t) => {
                for glyph in t.layouted().iter().flat_map(|span| &span.positioned_glyphs) {
                    if glyph.text.chars().any(|c| text.contains(c) && !c.is_whitespace()) {
                        boxes |= glyph.id.0 == 0;
                        let family = db.face(glyph.font).map(|f| f.families[0].0.clone());
                        families.extend(family);
                    }
                }
            }
            _ => {}
        }
    }
    (families, boxes)
}

/// Names in Japanese, Korean and Chinese are drawn with the system's CJK font (installed by
/// scripts/install-deps.sh: fonts-noto-cjk) in the PNG, and embedded in the PDF.
#[test]
fn east_asian_names_are_drawn_with_a_cjk_font_in_png_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (map, file) = map_in_east_asian_scripts(dir.path());
    let svg = svg_of(&map);
    assert!(svg.contains("'Noto Sans CJK"), "the SVG names the CJK family for browsers");
    for name in ["ウェルビーイング担当", "팀 코치", "实践教练"] {
        let (families, boxes) = faces_drawing(&svg, name);
        assert!(!families.is_empty(), "{name} is drawn");
        assert!(!boxes, "{name} drawn as boxes");
        assert!(
            families.iter().all(|f| f.contains("CJK")),
            "{name} drawn with {families:?} (install fonts-noto-cjk: scripts/install-deps.sh)"
        );
    }
    let pdf = dir.path().join("map.pdf");
    let out =
        orgmap(&["export", file.to_str().unwrap(), "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "no warning: {}", String::from_utf8_lossy(&out.stderr));
    let fonts = Command::new("pdffonts").arg(&pdf).output().expect("pdffonts (poppler-utils)");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let cjk = fonts.lines().find(|l| l.contains("CJK")).expect("a CJK font is in the PDF");
    // Embedded and subset: only the glyphs used, not the 19 MB of the whole face.
    assert!(cjk.contains(" yes yes "), "{cjk}");
    assert!(std::fs::metadata(&pdf).unwrap().len() < 2_000_000, "the PDF embeds a subset");
    let text = poppler("pdftotext", &pdf);
    assert!(text.contains("팀"), "the Korean name is text in the PDF");
}

/// A character no font has (U+0378 is unassigned) is said once, naming the text it is in.
#[test]
fn a_character_no_font_draws_is_reported_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = format::load(&path("sample_orgs/wellbeing_teams.ron")).unwrap();
    map.roles[0].name = "Team \u{378}\u{378}".to_string();
    let file = dir.path().join("odd.ron");
    format::save(&file, &map).unwrap();
    let svg = dir.path().join("map.svg");
    let out =
        orgmap(&["export", file.to_str().unwrap(), "--format", "svg", "-o", svg.to_str().unwrap()]);
    assert!(out.status.success(), "the export is still written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("U+0378") && stderr.contains("“Team \u{378}\u{378}”"), "{stderr}");
}
