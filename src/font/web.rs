//! The shipped font cut down for a web page, so that the page draws with the very font the
//! layout measured (on any system) and stays small: the outlines of glyphs the page's text
//! does not use are emptied, keeping every glyph id (as `hb-subset --retain-gids` does, so
//! `cmap`, `hmtx` and the rest stay valid as they are), and tables the page does not need are
//! left out: kerning and mark positioning (the layout measures advance widths only, so the
//! browser then places letters as measured), glyph names, and substitutions unless the text
//! has Arabic (whose joined forms come from them).
//!
//! 760 KB of DejaVu Sans comes to about 100 KB for a map's names and job descriptions.
//! (`subsetter`, which svg2pdf builds, drops `cmap`: its fonts are for PDF only.)

use std::collections::{BTreeMap, BTreeSet};

use skrifa::{FontRef, MetadataProvider};

/// Tables a browser does not need to draw the page's text as the layout measured it.
const DROPPED: [&[u8; 4]; 9] =
    [b"GPOS", b"kern", b"MATH", b"FFTM", b"hdmx", b"LTSH", b"VDMX", b"DSIG", b"post"];

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The font's tables by tag.
fn tables(font: &[u8]) -> Option<BTreeMap<[u8; 4], &[u8]>> {
    let count = u16_at(font, 4)? as usize;
    let mut out = BTreeMap::new();
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        out.insert(tag, font.get(offset..offset.checked_add(length)?)?);
    }
    Some(out)
}

/// Whether `c` is written in Arabic script (joined forms come from the font's substitutions).
fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The glyphs `text` needs: its characters' (and, for Arabic, every presentation form's,
/// which the joining substitutions produce), .notdef, and the parts of composite glyphs.
fn glyphs_for<'a>(
    font: &[u8],
    text: &str,
    glyph_data: impl Fn(u16) -> Option<&'a [u8]>,
) -> BTreeSet<u16> {
    let Ok(face) = FontRef::new(font) else { return BTreeSet::new() };
    let charmap = face.charmap();
    let mut chars: BTreeSet<char> = text.chars().collect();
    if chars.iter().any(|&c| is_arabic(c)) {
        let forms = (0xFB50..=0xFDFF).chain(0xFE70..=0xFEFF);
        chars.extend(forms.filter_map(char::from_u32));
    }
    let mut wanted: Vec<u16> = vec![0];
    wanted.extend(chars.iter().filter_map(|&c| charmap.map(c)).map(|g| g.to_u32() as u16));
    let mut kept = BTreeSet::new();
    while let Some(glyph) = wanted.pop() {
        if !kept.insert(glyph) {
            continue;
        }
        if let Some(data) = glyph_data(glyph) {
            wanted.extend(components(data));
        }
    }
    kept
}

/// The glyphs a composite glyph is made of (none for a simple one).
fn components(data: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut out = Vec::new();
    if u16_at(data, 0).is_none_or(|contours| (contours as i16) >= 0) {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(glyph)) = (u16_at(data, at), u16_at(data, at + 2)) {
        out.push(glyph);
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += match () {
            _ if flags & SCALE != 0 => 2,
            _ if flags & XY_SCALE != 0 => 4,
            _ if flags & TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        if flags & MORE == 0 {
            break;
        }
    }
    out
}

/// The table checksum: the sum of its big-endian 32-bit words (zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `font` (a TrueType font) with only what `text` needs; `None` if it cannot be read.
pub fn for_text(font: &[u8], text: &str) -> Option<Vec<u8>> {
    let tables = tables(font)?;
    let head = *tables.get(b"head")?;
    let glyf = *tables.get(b"glyf")?;
    let loca = *tables.get(b"loca")?;
    let glyph_count = u16_at(tables.get(b"maxp")?, 4)? as usize;
    let long = u16_at(head, 50)? == 1;
    let offset = |glyph: usize| -> Option<usize> {
        if long {
            u32_at(loca, glyph * 4).map(|o| o as usize)
        } else {
            u16_at(loca, glyph * 2).map(|o| o as usize * 2)
        }
    };
    let glyph_data = |glyph: u16| -> Option<&[u8]> {
        let (start, end) = (offset(glyph as usize)?, offset(glyph as usize + 1)?);
        glyf.get(start..end)
    };
    let kept = glyphs_for(font, text, glyph_data);
    let arabic = text.chars().any(is_arabic);

    // The outlines kept, four-byte aligned; `loca` short (offsets halved) when they fit.
    let mut new_glyf = Vec::new();
    let mut starts = Vec::with_capacity(glyph_count + 1);
    for glyph in 0..glyph_count {
        starts.push(new_glyf.len());
        if kept.contains(&(glyph as u16)) {
            new_glyf.extend_from_slice(glyph_data(glyph as u16)?);
            new_glyf.resize(new_glyf.len().div_ceil(4) * 4, 0);
        }
    }
    starts.push(new_glyf.len());
    let short = new_glyf.len() / 2 <= u16::MAX as usize;
    let mut new_loca = Vec::with_capacity(starts.len() * 4);
    for start in starts {
        if short {
            new_loca.extend_from_slice(&((start / 2) as u16).to_be_bytes());
        } else {
            new_loca.extend_from_slice(&(start as u32).to_be_bytes());
        }
    }
    let mut new_head = head.to_vec();
    new_head.get_mut(50..52)?.copy_from_slice(&(if short { 0u16 } else { 1 }).to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"GSUB" | b"GDEF" if !arabic => continue,
            tag if DROPPED.contains(&tag) => continue,
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    // A `post` table is required: version 3, no glyph names.
    let post = tables.get(b"post").and_then(|p| p.get(..32)).map(|p| {
        let mut p = p.to_vec();
        p[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        p
    })?;
    out_tables.push((*b"post", post));
    out_tables.sort_by_key(|(tag, _)| *tag);
    Some(assemble(&out_tables))
}

/// A font file of `tables` (sorted by tag), with checksums and `head`'s adjustment.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = (count.max(1)).ilog2() as u16;
    let search_range = (1u16 << power) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for value in [count, search_range, power, (count * 16).saturating_sub(search_range)] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advance(font: &[u8], c: char) -> (u32, f32) {
        let face = FontRef::new(font).unwrap();
        let glyph = face.charmap().map(c).unwrap();
        let metrics = face.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        (glyph.to_u32(), metrics.advance_width(glyph).unwrap())
    }

    #[test]
    fn the_cut_font_keeps_the_text_s_glyphs_and_their_widths_and_is_small() {
        let text = "Wellbeing Worker · Équipe Ça 日本";
        let cut = for_text(super::super::REGULAR, text).unwrap();
        assert!(cut.len() < 200_000, "{} bytes", cut.len());
        assert!(cut.len() < super::super::REGULAR.len() / 3);
        for c in ['W', 'É', 'Ç', '·', 'k'] {
            assert_eq!(advance(&cut, c), advance(super::super::REGULAR, c), "{c}");
        }
        // Kept glyphs have their outlines; others are empty.
        let tables = tables(&cut).unwrap();
        let (loca, glyf) = (tables[b"loca"], tables[b"glyf"]);
        assert_eq!(u16_at(tables[b"head"], 50), Some(0), "a short loca: the outlines are few");
        let size = |glyph: u32| {
            let at = glyph as usize * 2;
            u16_at(loca, at + 2).unwrap() - u16_at(loca, at).unwrap()
        };
        assert!(size(advance(&cut, 'W').0) > 0);
        assert_eq!(size(advance(&cut, 'Q').0), 0, "Q is not in the text");
        assert!(!glyf.is_empty());
        // É is a composite of E and an accent: its parts are kept with it.
        let e_acute = advance(&cut, 'É').0;
        let start = u16_at(loca, e_acute as usize * 2).unwrap() as usize * 2;
        for part in components(&glyf[start..]) {
            assert!(size(part as u32) > 0, "part {part} of É");
        }
        assert!(!tables.contains_key(b"GPOS") && !tables.contains_key(b"GSUB"));
    }

    #[test]
    fn arabic_keeps_its_joined_forms() {
        let cut = for_text(super::super::REGULAR, "منسق").unwrap();
        let tables = tables(&cut).unwrap();
        assert!(tables.contains_key(b"GSUB"), "joining needs the substitutions");
        // The initial form of meem (U+FEE3), which the browser substitutes, has its outline.
        let glyph = advance(&cut, '\u{FEE3}').0 as usize;
        let loca = tables[b"loca"];
        assert!(u16_at(loca, glyph * 2 + 2).unwrap() > u16_at(loca, glyph * 2).unwrap());
    }
}
