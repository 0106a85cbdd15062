//! Right-to-left text as it is drawn: the Unicode bidirectional algorithm's visual order, and
//! Arabic letters in their joined (contextual) forms. egui lays text out left to right one
//! character at a time, without either; resvg does both itself, so only what the window draws
//! goes through here. The model keeps its text in logical order.

use std::borrow::Cow;

use ar_reshaper::ArabicReshaper;
use unicode_bidi::{BidiClass, BidiInfo, Direction, bidi_class, get_base_direction};

/// `text` in the order and the letter forms it is drawn in, left to right. Text with nothing
/// written right to left is returned as it is, without a copy.
pub fn visual(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_right_to_left) {
        return Cow::Borrowed(text);
    }
    let joined = if text.chars().any(is_arabic_script) {
        Cow::Owned(ArabicReshaper::default().reshape(text))
    } else {
        Cow::Borrowed(text)
    };
    let bidi = BidiInfo::new(&joined, None);
    let mut out = String::with_capacity(joined.len());
    for paragraph in &bidi.paragraphs {
        let line = paragraph.range.clone();
        let (levels, runs) = bidi.visual_runs(paragraph, line);
        for run in runs {
            let part = &joined[run.clone()];
            if levels[run.start].is_rtl() {
                // A run read right to left is drawn reversed, its brackets turned round.
                out.extend(part.chars().rev().map(mirrored));
            } else {
                out.push_str(part);
            }
        }
    }
    // The marks that set a direction are not drawn.
    out.retain(|c| !is_direction_mark(c));
    Cow::Owned(out)
}

/// The lines of a text broken over several lines (a label), each marked with the direction of
/// the whole text where its own first letter would read otherwise: "Team 2 מנהל" broken as
/// "Team" and "2 מנהל" is a left-to-right text, so its second line is drawn "2 להנמ", not
/// "להנמ 2". The marks draw nothing (U+200E, U+200F); resvg and [`visual`] follow them.
pub fn lines_in_direction<'a>(text: &str, lines: Vec<&'a str>) -> Vec<Cow<'a, str>> {
    if lines.len() < 2 || !text.chars().any(is_right_to_left) {
        return lines.into_iter().map(Cow::Borrowed).collect();
    }
    let rtl = get_base_direction(text) == Direction::Rtl;
    lines
        .into_iter()
        .map(|line| {
            let own = get_base_direction(line);
            match (rtl, own) {
                (false, Direction::Rtl) => Cow::Owned(format!("\u{200e}{line}")),
                (true, Direction::Ltr | Direction::Mixed) => Cow::Owned(format!("\u{200f}{line}")),
                _ => Cow::Borrowed(line),
            }
        })
        .collect()
}

/// The invisible characters that set or embed a direction.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko… and the marks
/// that force that direction).
fn is_right_to_left(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
}

/// Letters of the Arabic script that join (the Arabic blocks, not their presentation forms,
/// which are joined already).
fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' | '\u{08a0}'..='\u{08ff}')
}

/// The mirror image of a bracket, for text drawn right to left.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_empty_text_are_left_alone() {
        for text in ["", "Wellbeing Worker", "Team 2 / Ops (Nord)", "Ωμέγα", "日本語"] {
            assert!(matches!(visual(text), Cow::Borrowed(t) if t == text), "{text}");
        }
    }

    #[test]
    fn hebrew_is_drawn_in_visual_order() {
        // "מנהל קהילה" (community manager): read right to left, drawn from its last letter.
        assert_eq!(visual("מנהל קהילה"), "הליהק להנמ");
    }

    #[test]
    fn numbers_and_latin_keep_their_own_order_inside_right_to_left_text() {
        // Latin first: the paragraph runs left to right, the Hebrew word reversed in place.
        assert_eq!(visual("Team 2 מנהל"), "Team 2 להנמ");
        // Hebrew first: the paragraph runs right to left; "2026" still reads 2026.
        assert_eq!(visual("צוות 2026"), "2026 תווצ");
        // Brackets turn round with the text they hold.
        assert_eq!(visual("צוות (צפון)"), "(ןופצ) תווצ");
    }

    #[test]
    fn the_lines_of_a_label_keep_the_direction_of_the_whole_label() {
        let lines = lines_in_direction("Team 2 מנהל", vec!["Team", "2 מנהל"]);
        assert_eq!(visual(&lines[0]), "Team");
        assert_eq!(visual(&lines[1]), "2 להנמ", "read as part of a left-to-right label");
        // Alone, the line reads right to left.
        assert_eq!(visual("2 מנהל"), "להנמ 2");
        let lines = lines_in_direction("מנהל Ops", vec!["מנהל", "Ops"]);
        assert_eq!(visual(&lines[1]), "Ops");
        assert!(lines[1].starts_with('\u{200f}'), "a Latin line of a right-to-left label");
        let latin = lines_in_direction("Team Coach", vec!["Team", "Coach"]);
        assert!(latin.iter().all(|l| matches!(l, Cow::Borrowed(_))));
    }

    #[test]
    fn arabic_letters_are_joined_and_drawn_right_to_left() {
        // "المدير" (the director): isolated ا, then ل, م, د joined, ي, ر in their joined forms.
        let drawn = visual("المدير");
        let forms: Vec<u32> = drawn.chars().map(|c| c as u32).collect();
        // Visual order: the last letter (ر, final form U+FEAE) comes first.
        assert_eq!(forms.first(), Some(&0xFEAE), "{forms:x?}");
        assert!(
            drawn.chars().all(|c| ('\u{fe70}'..='\u{feff}').contains(&c)),
            "every letter in a presentation form: {forms:x?}"
        );
        // Mixed with Latin: "CEO / المدير" keeps CEO first, the Arabic joined after it.
        let mixed = visual("CEO / المدير");
        assert!(mixed.starts_with("CEO / "), "{mixed}");
        assert!(mixed.ends_with(drawn.as_ref()), "{mixed}");
    }
}
