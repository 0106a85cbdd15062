//! Writing a map out for other tools and for paper. The command line and the app's File >
//! Export both call [`picture`] and [`candidate_pack`], so they give the same files.

pub mod card;
pub mod dot;
pub mod pdf;
pub mod png;
pub mod svg;

use thiserror::Error;

use crate::layout::{self, Layout, LayoutOptions};
use crate::model::OrgMap;
use crate::scene::{self, Focus, Scene, SceneOptions, Theme};
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
}

impl Default for PictureSettings {
    fn default() -> Self {
        PictureSettings {
            format: PictureFormat::Svg,
            width: None,
            dark: false,
            highlight: None,
            page: None,
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
    scene::page(map, &placed, &SceneOptions { theme, layout: options, focus, stage: None })
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackFormat {
    Pdf,
    Png,
    Html,
    Markdown,
}

/// One role's candidate pack as a file's bytes. `with_map`: HTML shows the map too (PDF and
/// PNG always do, Markdown never).
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
    let highlighted = || {
        let (options, placed) = laid_out(map);
        let focus = Focus::role(index);
        scene::build(
            map,
            &placed,
            &SceneOptions { theme: Theme::light(), layout: options, focus, stage: None },
        )
    };
    Ok(match format {
        PackFormat::Markdown => card::to_markdown(&card).into_bytes(),
        PackFormat::Html => {
            let svg = with_map.then(|| {
                svg::to_svg(
                    &highlighted(),
                    &SvgOptions { width: Some(720.0), ..Default::default() },
                )
            });
            card::to_html(&card, svg.as_deref()).into_bytes()
        }
        PackFormat::Pdf => {
            let page = card::to_svg_page(&card, &highlighted(), &Theme::light());
            let tree = png::parse_svg(&page)?;
            svg2pdf::to_pdf(&tree, Default::default(), Default::default())
                .map_err(|e| pdf::PdfError::Pdf(e.to_string()))?
        }
        // A4 at 150 dpi.
        PackFormat::Png => {
            png::to_png(&card::to_svg_page(&card, &highlighted(), &Theme::light()), 1240)?
        }
    })
}
