//! Writing a map out for other tools and for paper. The command line and the app's File >
//! Export both call [`picture`] and [`candidate_pack`], so they give the same files.

pub mod card;
pub mod dot;
pub mod html;
pub mod pdf;
pub mod png;
pub mod skills;
pub mod svg;

use thiserror::Error;

use crate::layout::{self, Layout, LayoutOptions, Point};
use crate::model::OrgMap;
use crate::scene::{self, Focus, Links, Scene, SceneOptions, Theme};
use svg::SvgOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    Svg,
    Png,
    Pdf,
}

/// How to export the map as a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureSettings {
    pub format: PictureFormat,
    /// SVG and PNG: the width in pixels (PNG: 2400 when `None`).
    pub width: Option<f64>,
    pub dark: bool,
    /// A role to show highlighted with its links, the rest muted.
    pub highlight: Option<usize>,
    /// PDF: the paper; `None` picks the smallest on which labels print at 6 pt or more.
    pub page: Option<pdf::Page>,
    /// How links are drawn.
    pub links: Links,
}

impl Default for PictureSettings {
    fn default() -> Self {
        PictureSettings {
            format: PictureFormat::Svg,
            width: None,
            dark: false,
            highlight: None,
            page: None,
            links: Links::Straight,
        }
    }
}

/// Default width of a PNG, in pixels.
pub const PNG_WIDTH: f64 = 2400.0;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{0}")]
    Png(#[from] png::PngError),
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("the SVG could not be read back: {0}")]
    Svg(#[from] resvg::usvg::Error),
}

fn laid_out(map: &OrgMap) -> (LayoutOptions, Layout) {
    let options = LayoutOptions::default();
    let placed = layout::compute(map, &options, &crate::font::measure);
    (options, placed)
}

/// The page of a map as exported: title, purpose, map and legend.
pub fn map_page(map: &OrgMap, settings: &PictureSettings) -> Scene {
    let (options, placed) = laid_out(map);
    let theme = if settings.dark { Theme::dark() } else { Theme::light() };
    let focus = Focus { selected: settings.highlight, ..Focus::default() };
    let links = settings.links;
    scene::page(map, &placed, &SceneOptions { theme, layout: options, focus, stage: None, links })
}

/// What the export will be, in words: "2400 x 2268 px", "A3 landscape, labels 6.5 pt".
pub fn describe(map: &OrgMap, settings: &PictureSettings) -> Result<String, ExportError> {
    let page = map_page(map, settings);
    let b = page.bounds;
    let label = LayoutOptions::default().label_size;
    Ok(match settings.format {
        PictureFormat::Svg => {
            let width = settings.width.unwrap_or(b.width());
            format!("{:.0} x {:.0} px", width, width * b.height() / b.width().max(1.0))
        }
        PictureFormat::Png => {
            let width = settings.width.unwrap_or(PNG_WIDTH);
            format!("{:.0} x {:.0} px", width, width * b.height() / b.width().max(1.0))
        }
        PictureFormat::Pdf => {
            let chosen = settings.page.or_else(|| pdf::smallest_page(b, label));
            match chosen {
                Some(p) => format!("{}, labels {:.1} pt", p.describe(), p.scale(b) * label),
                None => "too big for paper up to A0: use SVG or PNG".into(),
            }
        }
    })
}

/// The map as an SVG, PNG or PDF file's bytes.
pub fn picture(map: &OrgMap, settings: &PictureSettings) -> Result<Vec<u8>, ExportError> {
    let page = map_page(map, settings);
    let options = SvgOptions {
        title: map.name.clone(),
        description: map.purpose.clone(),
        width: settings.width,
        page: None,
        view: None,
    };
    Ok(match settings.format {
        PictureFormat::Svg => svg::to_svg(&page, &options).into_bytes(),
        PictureFormat::Png => {
            let width = settings.width.unwrap_or(PNG_WIDTH);
            let svg = svg::to_svg(&page, &SvgOptions { width: Some(width), ..options });
            png::to_png(&svg, width as u32)?
        }
        PictureFormat::Pdf => {
            pdf::to_pdf(&page, LayoutOptions::default().label_size, settings.page, &options)?
        }
    })
}

/// The skills matrix (people by skills) as an SVG, PNG or PDF file's bytes.
pub fn skills_picture(
    map: &OrgMap,
    format: PictureFormat,
    width: Option<f64>,
    dark: bool,
    page: Option<pdf::Page>,
) -> Result<Vec<u8>, ExportError> {
    let theme = if dark { Theme::dark() } else { Theme::light() };
    let coverage = crate::analysis::skills::coverage(map);
    let scene = skills::matrix_scene(map, &coverage, &theme);
    let options = SvgOptions {
        title: format!("Skills of {}", map.name),
        description: String::new(),
        width,
        page: None,
        view: None,
    };
    Ok(match format {
        PictureFormat::Svg => svg::to_svg(&scene, &options).into_bytes(),
        PictureFormat::Png => {
            let width = width.unwrap_or(scene.bounds.width() * 2.0).round();
            let svg = svg::to_svg(&scene, &SvgOptions { width: Some(width), ..options });
            png::to_png(&svg, width as u32)?
        }
        PictureFormat::Pdf => pdf::to_pdf(&scene, skills::TEXT_SIZE, page, &options)?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackFormat {
    Pdf,
    Png,
    Html,
    Markdown,
}

/// One role's candidate pack as a file's bytes. `with_map`: HTML is the web page opened on
/// the role, its map clickable (PDF and PNG always show the map, Markdown never).
pub fn candidate_pack(
    map: &OrgMap,
    index: usize,
    format: PackFormat,
    with_map: bool,
) -> Result<Vec<u8>, ExportError> {
    let Some(role) = map.roles.get(index) else {
        return Ok(Vec::new());
    };
    let card = card::card_of(map, role);
    Ok(match format {
        PackFormat::Markdown => card::to_markdown(&card).into_bytes(),
        PackFormat::Html if with_map => {
            let options = html::PageOptions { selected: Some(index), dark: false, card: true };
            html::web_page(map, &options).into_bytes()
        }
        PackFormat::Html => card::to_html(&card).into_bytes(),
        PackFormat::Pdf => {
            let page = a4_page(map, index, &card);
            let tree = png::parse_svg(&page)?;
            svg2pdf::to_pdf(&tree, Default::default(), Default::default())
                .map_err(|e| pdf::PdfError::Pdf(e.to_string()))?
        }
        // A4 at 150 dpi.
        PackFormat::Png => png::to_png(&a4_page(map, index, &card), 1240)?,
    })
}

/// The candidate pack's A4 page, as SVG: the role's neighbourhood and the whole map above its
/// card.
fn a4_page(map: &OrgMap, index: usize, card: &card::Card) -> String {
    let (options, placed) = laid_out(map);
    let focus = Focus::role(index);
    let scene = scene::build(
        map,
        &placed,
        &SceneOptions {
            theme: Theme::light(),
            layout: options.clone(),
            focus,
            stage: None,
            links: Links::Straight,
        },
    );
    let near = near_boxes(map, &scene, index);
    let role_pos = placed.roles.get(index).map_or(Point::default(), |r| r.pos);
    let page_map = card::PageMap { scene: &scene, role_pos, near, label_size: options.label_size };
    card::to_svg_page(card, &page_map, &Theme::light())
}

/// The boxes in `scene` around role `index`'s neighbourhood, widest first: with its team,
/// then only the roles it links with (see [`card::PageMap`]).
pub fn near_boxes(map: &OrgMap, scene: &Scene, index: usize) -> [layout::Rect; 2] {
    let around = neighbourhood(map, index);
    let linked: Vec<usize> =
        around.iter().copied().filter(|&i| i == index || links_with(map, index, i)).collect();
    [scene.roles_bounds(&around), scene.roles_bounds(&linked)]
}

/// Whether a link joins roles `a` and `b`.
fn links_with(map: &OrgMap, a: usize, b: usize) -> bool {
    let (Some(a), Some(b)) = (map.roles.get(a), map.roles.get(b)) else {
        return false;
    };
    map.links.iter().any(|l| (l.from == a.id && l.to == b.id) || (l.from == b.id && l.to == a.id))
}

/// The roles a candidate reads around role `index`: itself, the others of its team, and the
/// roles it links to or from.
pub fn neighbourhood(map: &OrgMap, index: usize) -> Vec<usize> {
    let Some(role) = map.roles.get(index) else {
        return Vec::new();
    };
    let linked: std::collections::HashSet<&str> = map
        .links
        .iter()
        .filter_map(|l| match (l.from == role.id, l.to == role.id) {
            (true, _) => Some(l.to.as_str()),
            (_, true) => Some(l.from.as_str()),
            _ => None,
        })
        .collect();
    let team = |r: &crate::model::Role| !role.team.is_empty() && r.team == role.team;
    (0..map.roles.len())
        .filter(|&i| {
            let r = &map.roles[i];
            i == index || team(r) || linked.contains(r.id.as_str())
        })
        .collect()
}
