//! PNG: the SVG export rendered with resvg, with the shipped font, at the width asked for.

use resvg::{tiny_skia, usvg};
use thiserror::Error;

use crate::font;

/// The largest picture made, in pixels: bigger would take gigabytes of memory.
pub const MAX_PIXELS: u64 = 400_000_000;

#[derive(Debug, Error)]
pub enum PngError {
    #[error("the SVG could not be read back: {0}")]
    Svg(#[from] usvg::Error),
    #[error(
        "a picture {width} x {height} pixels is too large (at most {MAX_PIXELS} pixels); \
         ask for a smaller --width"
    )]
    TooLarge { width: u32, height: u32 },
    #[error("the picture could not be encoded as PNG: {0}")]
    Encode(String),
}

/// The SVG text parsed with the shipped fonts (for PNG and for checking exports).
/// Text that DejaVu Sans cannot draw falls back to the system's fonts, in the order the
/// layout measured with ([`font::system`]).
pub fn parse_svg(svg: &str) -> Result<usvg::Tree, usvg::Error> {
    let mut options = usvg::Options { font_family: font::FAMILY.to_string(), ..Default::default() };
    let coverage = font::coverage([svg]);
    if coverage.fallbacks.is_empty() {
        // Only the shipped faces: the system's are not even read.
        options.fontdb_mut().load_font_data(font::REGULAR.to_vec());
        options.fontdb_mut().load_font_data(font::BOLD.to_vec());
    } else {
        options.fontdb = font::system().database();
        let fallback = usvg::FontResolver::default_fallback_selector();
        options.font_resolver.select_fallback =
            Box::new(move |c, used, db| match font::system().face_for(c) {
                Some((_, face)) if !used.contains(&face.id) => Some(face.id),
                _ => fallback(c, used, db),
            });
    }
    usvg::Tree::from_str(svg, &options)
}

/// Renders `svg` `width` pixels wide (the height keeps its proportions).
pub fn to_png(svg: &str, width: u32) -> Result<Vec<u8>, PngError> {
    let tree = parse_svg(svg)?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let width = width.max(1);
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(PngError::TooLarge { width, height });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(PngError::TooLarge { width, height })?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}
