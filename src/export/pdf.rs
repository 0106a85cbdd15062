//! PDF: one page of a paper size, the map fitted inside margins, vector and with real text
//! (svg2pdf embeds the shipped font). No label is printed smaller than 6 pt: a map too big for
//! the paper is refused with the paper size that would fit.

use thiserror::Error;

use super::png::parse_svg;
use super::svg::{SvgOptions, to_svg};
use crate::layout::Rect;
use crate::scene::Scene;

/// Smallest label size on paper, in points: below this text cannot be read.
pub const MIN_LABEL_PT: f64 = 6.0;
/// Margin around the map on every side, in points (12 mm).
pub const MARGIN_PT: f64 = 34.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Paper {
    A4,
    A3,
    A2,
    A1,
    A0,
}

impl Paper {
    pub const ALL: [Paper; 5] = [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::A0];

    /// Width and height in points, portrait.
    pub fn portrait_pt(self) -> (f64, f64) {
        let mm = match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A0 => (841.0, 1189.0),
        };
        (mm.0 * 72.0 / 25.4, mm.1 * 72.0 / 25.4)
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::A2 => "A2",
            Paper::A1 => "A1",
            Paper::A0 => "A0",
        }
    }
}

/// A paper size and orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub paper: Paper,
    pub landscape: bool,
}

impl Page {
    pub fn size_pt(self) -> (f64, f64) {
        let (w, h) = self.paper.portrait_pt();
        if self.landscape { (h, w) } else { (w, h) }
    }

    pub fn describe(self) -> String {
        format!("{} {}", self.paper.name(), if self.landscape { "landscape" } else { "portrait" })
    }

    /// Points per map unit when `bounds` is fitted inside the margins.
    pub fn scale(self, bounds: Rect) -> f64 {
        let (w, h) = self.size_pt();
        let fit_w = (w - 2.0 * MARGIN_PT) / bounds.width().max(1.0);
        let fit_h = (h - 2.0 * MARGIN_PT) / bounds.height().max(1.0);
        fit_w.min(fit_h)
    }
}

#[derive(Debug, Error)]
pub enum PdfError {
    #[error(
        "on {page} the labels would be {label_pt:.1} pt, smaller than the {MIN_LABEL_PT} pt that can \
         be read\n    fix: {fix}"
    )]
    TooSmall { page: String, label_pt: f64, fix: String },
    #[error("the SVG could not be read back: {0}")]
    Svg(#[from] resvg::usvg::Error),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The smallest paper (and its better orientation) on which labels of `label_size` map units
/// print at least 6 pt; `None` when not even A0 is enough.
pub fn smallest_page(bounds: Rect, label_size: f64) -> Option<Page> {
    Paper::ALL.iter().find_map(|&paper| {
        let pages = [Page { paper, landscape: false }, Page { paper, landscape: true }];
        let best = pages.into_iter().max_by(|a, b| a.scale(bounds).total_cmp(&b.scale(bounds)))?;
        (best.scale(bounds) * label_size >= MIN_LABEL_PT).then_some(best)
    })
}

/// The scene on one page; `page` `None` picks the smallest paper that keeps labels readable.
pub fn to_pdf(
    scene: &Scene,
    label_size: f64,
    page: Option<Page>,
    svg: &SvgOptions,
) -> Result<Vec<u8>, PdfError> {
    let fitting = smallest_page(scene.bounds, label_size);
    // Nothing fits: the largest paper, refused below with what to do instead.
    let page = page.or(fitting).unwrap_or(Page { paper: Paper::A0, landscape: true });
    let label_pt = page.scale(scene.bounds) * label_size;
    if label_pt < MIN_LABEL_PT - 1e-9 {
        let fix = match fitting {
            Some(fits) => format!(
                "print on {} (--paper {}{})",
                fits.describe(),
                fits.paper.name(),
                if fits.landscape { " --landscape" } else { "" }
            ),
            None => "the map is too big for paper up to A0: export it as SVG or PNG instead".into(),
        };
        return Err(PdfError::TooSmall { page: page.describe(), label_pt, fix });
    }
    let options = SvgOptions { page: Some((page.size_pt(), MARGIN_PT)), ..svg.clone() };
    let tree = parse_svg(&to_svg(scene, &options))?;
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions::default())
        .map_err(|e| PdfError::Pdf(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Point;

    fn square(side: f64) -> Rect {
        Rect { min: Point::new(0.0, 0.0), max: Point::new(side, side) }
    }

    #[test]
    fn picks_the_smallest_paper_that_keeps_labels_readable() {
        // 14-unit labels: A4 portrait fits 527 pt across, so a 1,000-unit map gets 7.4 pt.
        assert_eq!(smallest_page(square(1000.0), 14.0).map(|p| p.paper), Some(Paper::A4));
        assert_eq!(smallest_page(square(1600.0), 14.0).map(|p| p.paper), Some(Paper::A3));
        assert_eq!(smallest_page(square(2000.0), 14.0).map(|p| p.paper), Some(Paper::A2));
        assert_eq!(smallest_page(square(100_000.0), 14.0), None);
        let wide = Rect { min: Point::new(0.0, 0.0), max: Point::new(3000.0, 1000.0) };
        assert!(smallest_page(wide, 14.0).unwrap().landscape, "a wide map goes landscape");
    }
}
