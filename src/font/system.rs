//! The system's fonts, for the characters DejaVu Sans cannot draw (Chinese, Japanese, Korean,
//! Thai, Devanagari…): found once, on the first character that needs them, so that a map in
//! Latin script never reads them.
//!
//! One chain of fallback faces, in a fixed order of preference, serves the layout's
//! measures, the window's fonts and the exports' (resvg and svg2pdf), so that all of them
//! draw a character with the same face.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider, Tag};

use super::{BOLD, REGULAR};

/// A face of the system's that can stand in for DejaVu Sans.
pub struct Fallback {
    /// Its face in [`SystemFonts::database`].
    pub id: fontdb::ID,
    pub family: String,
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    pub index: u32,
}

impl Fallback {
    pub fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.data(), self.index).ok()
    }

    fn has(&self, c: char) -> bool {
        self.font().and_then(|f| f.charmap().map(c)).is_some_and(|g| g.to_u32() != 0)
    }

    /// The advance of `c` in em.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let font = self.font()?;
        let glyph = font.charmap().map(c)?;
        let units = font.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        metrics.advance_width(glyph).map(|w| w / units)
    }
}

/// The shipped faces and the system's, and the chain of fallbacks among them.
pub struct SystemFonts {
    database: Arc<fontdb::Database>,
    chain: Vec<Fallback>,
    /// The chain's face for each character asked about (None: no face has it).
    found: Mutex<HashMap<char, Option<usize>>>,
}

/// The system's fonts, read on the first call.
pub fn system() -> &'static SystemFonts {
    static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();
    SYSTEM.get_or_init(SystemFonts::load)
}

impl SystemFonts {
    fn load() -> SystemFonts {
        let mut database = fontdb::Database::new();
        database.load_font_data(REGULAR.to_vec());
        database.load_font_data(BOLD.to_vec());
        if std::env::var_os("ORGMAP_NO_SYSTEM_FONTS").is_none() {
            database.load_system_fonts();
        }
        // egui's own emoji face (outlines, in one colour) goes last: emoji are drawn in
        // the exports as in the window, where egui draws them with it.
        database.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
        let preferred = preferred_cjk();
        let mut candidates: Vec<(PreferenceKey, fontdb::ID, String)> = database
            .faces()
            .filter_map(|face| {
                let family = face.families.first().map(|(name, _)| name.clone())?;
                // The shipped face is asked first anyway; the system's copies of it add
                // nothing.
                if family.starts_with("DejaVu") && family != "DejaVu Math TeX Gyre" {
                    return None;
                }
                let key = preference(&family, face, preferred);
                Some((key, face.id, family))
            })
            .collect();
        candidates.sort();
        // egui's emoji face (the one face loaded from memory that is left) after every
        // face of the system's.
        let loaded = |id: fontdb::ID| {
            database.face(id).is_some_and(|f| matches!(f.source, fontdb::Source::Binary(_)))
        };
        if let Some(emoji) = candidates.iter().position(|(_, id, _)| loaded(*id)) {
            let emoji = candidates.remove(emoji);
            candidates.push(emoji);
        }
        let mut chain = Vec::new();
        for (_, id, family) in candidates {
            // SAFETY: the face's file is mapped into memory rather than read, as resvg does by
            // default; a font file rewritten while orgmap runs (a font package upgraded) can
            // then show wrong glyphs. Reading every font on the system instead would take
            // hundreds of megabytes for one character that none of them has.
            let Some((data, index)) = (unsafe { database.make_shared_face_data(id) }) else {
                continue;
            };
            let face = Fallback { id, family, data, index };
            if face.font().is_some_and(|font| has_outlines(&font)) {
                chain.push(face);
            }
        }
        SystemFonts { database: Arc::new(database), chain, found: Mutex::new(HashMap::new()) }
    }

    /// Every face: the shipped ones, then the system's (for resvg and svg2pdf).
    pub fn database(&self) -> Arc<fontdb::Database> {
        Arc::clone(&self.database)
    }

    /// The fallback that draws `c`, if any face of the system has it.
    pub fn face_for(&self, c: char) -> Option<(usize, &Fallback)> {
        let mut found = self.found.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let index = *found.entry(c).or_insert_with(|| self.chain.iter().position(|f| f.has(c)));
        index.map(|i| (i, &self.chain[i]))
    }

    /// Fallback number `i` of the chain.
    pub fn fallback(&self, i: usize) -> Option<&Fallback> {
        self.chain.get(i)
    }
}

/// Sorts the system's faces: sans before serif, faces made for their scripts before the
/// catch-all ones (Droid Sans Fallback, Unifont: a glyph for everything, none of them at its
/// best), the reader's own variant of Chinese characters first, upright regular before
/// other styles, then by name (so that the choice is the same on every run).
type PreferenceKey = (u8, u8, u8, u16, String);

fn preference(family: &str, face: &fontdb::FaceInfo, preferred_cjk: &str) -> PreferenceKey {
    let lower = family.to_lowercase();
    let kind = if lower.contains("mono") || face.monospaced {
        2
    } else if lower.contains("serif") && !lower.contains("sans") {
        1
    } else {
        0
    };
    let catch_all = ["fallback", "unifont", "last resort"].iter().any(|w| lower.contains(w));
    let cjk_variant = u8::from(lower.contains("cjk") && !lower.contains(preferred_cjk));
    let style = u16::from(face.style != fontdb::Style::Normal) * 1000
        + face.weight.0.abs_diff(fontdb::Weight::NORMAL.0);
    (kind, u8::from(catch_all), cjk_variant, style, family.to_string())
}

/// The variant of the Noto CJK fonts (the Han characters differ between them) that suits the
/// reader's language, from the environment's locale; Japanese when it says nothing.
fn preferred_cjk() -> &'static str {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    if locale.starts_with("ko") {
        "cjk kr"
    } else if locale.starts_with("zh_tw") {
        "cjk tc"
    } else if locale.starts_with("zh_hk") || locale.starts_with("zh_mo") {
        "cjk hk"
    } else if locale.starts_with("zh") {
        "cjk sc"
    } else {
        "cjk jp"
    }
}

/// Whether the face draws outlines (egui and svg2pdf cannot use a face of bitmaps only,
/// such as Noto Color Emoji).
fn has_outlines(font: &FontRef<'_>) -> bool {
    [Tag::new(b"glyf"), Tag::new(b"CFF "), Tag::new(b"CFF2")]
        .iter()
        .any(|tag| font.table_data(*tag).is_some())
}
