//! The one font orgmap draws with, on screen and in every export: DejaVu Sans (free licence,
//! Latin, Greek, Cyrillic, Hebrew, Arabic and many symbols), shipped in `assets/fonts`.
//!
//! Text is measured from the font file itself, without egui, so that the layout is the same
//! for the window and for paper, and can be computed off the UI thread.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// The family name the font files declare (for SVG and font databases).
pub const FAMILY: &str = "DejaVu Sans";

/// Advance widths of one face in em, by character, for the characters most labels use;
/// others are looked up in the font each time.
struct Widths {
    ascii: [f32; 128],
}

fn face(bold: bool) -> Option<FontRef<'static>> {
    FontRef::new(if bold { BOLD } else { REGULAR }).ok()
}

/// The advance of `c` in em (0.55 em when the font cannot be read, which it always can).
fn advance_em(font: &FontRef<'_>, c: char) -> f32 {
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let units = font.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
    let glyph = font.charmap().map(c).unwrap_or_default();
    metrics.advance_width(glyph).map_or(0.55, |w| w / units)
}

fn widths(bold: bool) -> &'static Widths {
    static REGULAR_WIDTHS: OnceLock<Widths> = OnceLock::new();
    static BOLD_WIDTHS: OnceLock<Widths> = OnceLock::new();
    let cell = if bold { &BOLD_WIDTHS } else { &REGULAR_WIDTHS };
    cell.get_or_init(|| {
        let mut ascii = [0.55; 128];
        if let Some(font) = face(bold) {
            for (i, slot) in ascii.iter_mut().enumerate() {
                *slot = advance_em(&font, i as u8 as char);
            }
        }
        Widths { ascii }
    })
}

/// The width of `text` set on one line at `size` (a [`crate::layout::Measure`]).
pub fn measure(text: &str, size: f64) -> f64 {
    measure_face(text, size, false)
}

/// The width of `text` on one line at `size`, in the bold face or the regular one.
pub fn measure_face(text: &str, size: f64, bold: bool) -> f64 {
    let table = widths(bold);
    let mut other = None;
    let em: f32 = text
        .chars()
        .map(|c| match table.ascii.get(c as usize) {
            Some(w) if c.is_ascii() => *w,
            _ => match other.get_or_insert_with(|| face(bold)) {
                Some(font) => advance_em(font, c),
                None => 0.55,
            },
        })
        .sum();
    em as f64 * size
}

/// egui's fonts with ours first, so that the window draws the text the layout measured.
/// The family `bold` is the bold face.
pub fn egui_fonts() -> eframe::egui::FontDefinitions {
    use eframe::egui::{FontData, FontDefinitions, FontFamily};
    use std::sync::Arc;
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert("DejaVuSans".into(), Arc::new(FontData::from_static(REGULAR)));
    fonts.font_data.insert("DejaVuSans-Bold".into(), Arc::new(FontData::from_static(BOLD)));
    fonts.families.entry(FontFamily::Proportional).or_default().insert(0, "DejaVuSans".into());
    fonts.families.entry(FontFamily::Monospace).or_default().push("DejaVuSans".into());
    fonts.families.insert(
        FontFamily::Name("bold".into()),
        vec!["DejaVuSans-Bold".into(), "DejaVuSans".into()],
    );
    fonts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_from_the_font_file() {
        let m = measure("m", 10.0);
        let i = measure("i", 10.0);
        assert!(m > 2.0 * i, "a proportional font: m {m} is wider than two i {i}");
        assert!((measure("mm", 10.0) - 2.0 * m).abs() < 1e-6);
        assert!((measure("m", 20.0) - 2.0 * m).abs() < 1e-6);
        assert_eq!(measure("", 14.0), 0.0);
        // Beyond ASCII: Greek, Hebrew and an arrow have real widths.
        for text in ["Ω", "ש", "→"] {
            let w = measure(text, 10.0);
            assert!(w > 1.0 && w < 15.0, "{text}: {w}");
        }
    }
}
