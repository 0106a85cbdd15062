//! The font orgmap draws with, on screen and in every export: DejaVu Sans (free licence,
//! Latin, Greek, Cyrillic, Hebrew, Arabic and many symbols), shipped in `assets/fonts`; for
//! what it lacks, the system's fonts ([`system`]).
//!
//! Text is measured from the font files themselves, without egui, so that the layout is the
//! same for the window and for paper, and can be computed off the UI thread.

mod bidi;
mod system;
pub mod web;

use std::collections::BTreeSet;
use std::sync::OnceLock;

pub use bidi::{lines_in_direction, visual};
pub use system::{Fallback, SystemFonts, system};

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
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

/// The advance of `c` in em: from the shipped face when it has `c`, else from the system's
/// face that draws it, else the shipped face's box for missing glyphs.
fn advance_em(font: &FontRef<'_>, c: char) -> f32 {
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let units = font.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
    let glyph = font.charmap().map(c).unwrap_or_default();
    if glyph.to_u32() == 0 && !needs_a_glyph(c) {
        return 0.0;
    }
    if glyph.to_u32() == 0
        && let Some(advance) = system().face_for(c).and_then(|(_, face)| face.advance_em(c))
    {
        return advance;
    }
    metrics.advance_width(glyph).map_or(0.55, |w| w / units)
}

/// Whether `c` is drawn with a glyph (controls, joiners and the like are not).
fn needs_a_glyph(c: char) -> bool {
    !c.is_control() && !c.is_whitespace() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}')
}

/// Whether the shipped face draws `c`.
fn shipped_has(c: char) -> bool {
    c.is_ascii() || face(false).and_then(|f| f.charmap().map(c)).is_some_and(|g| g.to_u32() != 0)
}

/// What a set of texts needs of the system's fonts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Coverage {
    /// The fallback faces that draw what the shipped face lacks (numbers in [`system`]'s
    /// chain).
    pub fallbacks: BTreeSet<usize>,
    /// The characters no face here draws, each once, with the first text it is in.
    pub missing: Vec<(char, String)>,
}

impl Coverage {
    /// The warning for the characters no font draws (none when every one is drawn).
    pub fn warning(&self) -> Option<String> {
        let (_, first) = self.missing.first()?;
        let chars: Vec<String> =
            self.missing.iter().take(8).map(|(c, _)| format!("{c} U+{:04X}", *c as u32)).collect();
        let chars = chars.join(", ");
        let n = self.missing.len();
        Some(format!(
            "no font on this system draws {n} character{} of the map ({chars}, first in \
             “{first}”): they show as boxes; install a font for that script (on Debian, \
             fonts-noto-cjk for Chinese, Japanese and Korean, fonts-noto-core for most others)",
            if n == 1 { "" } else { "s" }
        ))
    }
}

/// Which of the system's faces the texts need, and what none can draw. Only characters
/// beyond ASCII are looked at, so Latin text costs one pass over its bytes.
pub fn coverage<'a>(texts: impl IntoIterator<Item = &'a str>) -> Coverage {
    let mut coverage = Coverage::default();
    let mut seen = BTreeSet::new();
    for text in texts {
        // The characters drawn: right-to-left text joined (and so in other code points).
        for c in text.chars().chain(visual(text).chars()) {
            if c.is_ascii() || !seen.insert(c) || !needs_a_glyph(c) || shipped_has(c) {
                continue;
            }
            match system().face_for(c) {
                Some((i, _)) => {
                    coverage.fallbacks.insert(i);
                }
                None => coverage.missing.push((c, text.to_string())),
            }
        }
    }
    coverage
}

/// The font families a text needs, for an SVG's `font-family`: the shipped one, then the
/// system's that draw what it lacks.
pub fn families_for<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut families = vec![FAMILY.to_string()];
    for i in coverage(texts).fallbacks {
        if let Some(face) = system().fallback(i)
            && !families.contains(&face.family)
        {
            families.push(face.family.clone());
        }
    }
    families
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
    // As drawn: Arabic letters in their joined forms, which have their own widths.
    let text = visual(text);
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

/// egui's fonts with ours first, so that the window draws the text the layout measured, then
/// the system's `fallbacks` (numbers in [`system`]'s chain, from [`coverage`]), then egui's
/// own. The family `bold` is the bold face.
pub fn egui_fonts(fallbacks: &BTreeSet<usize>) -> eframe::egui::FontDefinitions {
    use eframe::egui::{FontData, FontDefinitions, FontFamily};
    use std::sync::Arc;
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert("DejaVuSans".into(), Arc::new(FontData::from_static(REGULAR)));
    fonts.font_data.insert("DejaVuSans-Bold".into(), Arc::new(FontData::from_static(BOLD)));
    fonts.families.entry(FontFamily::Proportional).or_default().insert(0, "DejaVuSans".into());
    fonts.families.entry(FontFamily::Monospace).or_default().push("DejaVuSans".into());
    let mut bold = vec!["DejaVuSans-Bold".to_string(), "DejaVuSans".to_string()];
    for &i in fallbacks {
        let Some(face) = system().fallback(i) else {
            continue;
        };
        let name = format!("fallback {i}: {}", face.family);
        let mut data = FontData::from_owned(face.data().to_vec());
        data.index = face.index;
        fonts.font_data.insert(name.clone(), Arc::new(data));
        // Right after the shipped face, before egui's own: the face the layout measured.
        let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
        proportional.insert(bold.len() - 1, name.clone());
        fonts.families.entry(FontFamily::Monospace).or_default().push(name.clone());
        bold.push(name);
    }
    fonts.families.insert(FontFamily::Name("bold".into()), bold);
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

    /// Needs the system's CJK font (scripts/install-deps.sh installs fonts-noto-cjk).
    #[test]
    fn characters_the_shipped_font_lacks_are_measured_with_the_systems_face() {
        let coverage = coverage(["日本語の名前"]);
        assert_eq!(coverage.missing, [], "install fonts-noto-cjk");
        assert_eq!(coverage.fallbacks.len(), 1, "one face draws them all");
        // Ideographs are a full em wide, not the 0.55 em of the missing-glyph box.
        let width = measure("日本", 10.0);
        assert!((width - 20.0).abs() < 0.5, "{width}");
        assert!(coverage.warning().is_none());
        let odd = super::coverage(["a\u{378}b"]);
        assert_eq!(odd.missing, [('\u{378}', "a\u{378}b".to_string())]);
        assert!(odd.warning().is_some_and(|w| w.contains("U+0378")));
    }
}
