//! Colours and line styles: themes, and how each link kind and role status looks.
//!
//! Link kinds differ by colour (the Okabe-Ito palette, safe for colour-blind readers) and
//! also by dash and arrowhead, so that they stay apart in grey print.

use super::Dash;
use crate::model::LinkKind;

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b, a: 255 }
    }

    pub const TRANSPARENT: Color = Color { r: 0, g: 0, b: 0, a: 0 };

    /// Parses `#rrggbb` (the format's colour field); `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color::rgb(part(0)?, part(2)?, part(4)?))
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The same colour with its opacity multiplied by `factor` (0..1).
    pub fn faded(self, factor: f64) -> Self {
        Color { a: (self.a as f64 * factor.clamp(0.0, 1.0)).round() as u8, ..self }
    }

    /// The colour mixed with `other`: 0 gives self, 1 gives other. Alpha is kept.
    pub fn mix(self, other: Color, amount: f64) -> Self {
        let t = amount.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Color { r: m(self.r, other.r), g: m(self.g, other.g), b: m(self.b, other.b), a: self.a }
    }
}

/// The colours a scene is drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub background: Color,
    /// Text of role labels and names.
    pub text: Color,
    /// Secondary text: team names, marks.
    pub muted_text: Color,
    /// Ring edges.
    pub ring_edge: Color,
    /// Tints of ring bands, used in turn from the centre out when a ring has no colour.
    pub ring_tints: [Color; 2],
    /// Colours given to teams and rings that have none, in turn.
    pub palette: [Color; 8],
    /// Opacity of a team's wedge over its ring's band.
    pub team_alpha: f64,
    /// Outline of nodes and of the selection.
    pub node_edge: Color,
    pub selection: Color,
    /// Node and label size factor for presentation themes.
    pub emphasis: f64,
}

impl Theme {
    pub fn light() -> Self {
        Theme {
            name: "light",
            background: Color::rgb(0xfb, 0xfa, 0xf7),
            text: Color::rgb(0x1f, 0x23, 0x28),
            muted_text: Color::rgb(0x5b, 0x63, 0x6e),
            ring_edge: Color::rgb(0xc9, 0xcd, 0xd3),
            ring_tints: [Color::rgb(0xf1, 0xf3, 0xf6), Color::rgb(0xfb, 0xfa, 0xf7)],
            palette: [
                Color::rgb(0x4e, 0x9a, 0x8f),
                Color::rgb(0x6d, 0x7f, 0xc4),
                Color::rgb(0xd0, 0x8c, 0x4b),
                Color::rgb(0xa8, 0x6b, 0xa8),
                Color::rgb(0x7f, 0xa3, 0x4f),
                Color::rgb(0xc4, 0x6b, 0x6b),
                Color::rgb(0x4f, 0x8f, 0xc0),
                Color::rgb(0xb5, 0x9a, 0x3e),
            ],
            team_alpha: 0.16,
            node_edge: Color::rgb(0x2b, 0x30, 0x36),
            selection: Color::rgb(0x11, 0x6d, 0xd6),
            emphasis: 1.0,
        }
    }

    pub fn dark() -> Self {
        Theme {
            name: "dark",
            background: Color::rgb(0x17, 0x1a, 0x1f),
            text: Color::rgb(0xe8, 0xea, 0xed),
            muted_text: Color::rgb(0xa3, 0xaa, 0xb4),
            ring_edge: Color::rgb(0x3b, 0x41, 0x4a),
            ring_tints: [Color::rgb(0x1e, 0x22, 0x28), Color::rgb(0x17, 0x1a, 0x1f)],
            palette: [
                Color::rgb(0x5f, 0xc2, 0xb3),
                Color::rgb(0x8f, 0xa2, 0xf0),
                Color::rgb(0xf0, 0xa8, 0x60),
                Color::rgb(0xd0, 0x8a, 0xd0),
                Color::rgb(0xa2, 0xcc, 0x6a),
                Color::rgb(0xf0, 0x8a, 0x8a),
                Color::rgb(0x6c, 0xb4, 0xe8),
                Color::rgb(0xe0, 0xc2, 0x5a),
            ],
            team_alpha: 0.22,
            node_edge: Color::rgb(0xe8, 0xea, 0xed),
            selection: Color::rgb(0x5a, 0xa9, 0xff),
            emphasis: 1.0,
        }
    }

    /// For projectors: near-black ground, white text, bright colours, a yellow accent; made
    /// to stay readable when a projector washes colours out.
    pub fn present() -> Self {
        Theme {
            name: "present",
            background: Color::rgb(0x05, 0x07, 0x0a),
            text: Color::rgb(0xff, 0xff, 0xff),
            muted_text: Color::rgb(0xc8, 0xcd, 0xd4),
            ring_edge: Color::rgb(0x6b, 0x74, 0x80),
            ring_tints: [Color::rgb(0x16, 0x1c, 0x26), Color::rgb(0x0c, 0x10, 0x16)],
            team_alpha: 0.3,
            node_edge: Color::rgb(0xff, 0xff, 0xff),
            selection: Color::rgb(0xff, 0xd4, 0x00),
            ..Theme::dark()
        }
    }

    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            _ => None,
        }
    }

    /// The colour of item `n` of a list that has no colour of its own.
    pub fn pick(&self, n: usize) -> Color {
        self.palette[n % self.palette.len()]
    }
}

/// How one link kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkStyle {
    pub color: Color,
    pub dash: Dash,
    /// A filled triangle at the target (else an open V); none for symmetric kinds.
    pub head: Head,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Filled,
    Open,
    None,
}

/// The style of a link kind. Colours from the Okabe-Ito palette.
pub fn link_style(kind: &LinkKind) -> LinkStyle {
    match kind {
        LinkKind::Supports => LinkStyle {
            color: Color::rgb(0x00, 0x72, 0xb2),
            dash: Dash::Solid,
            head: Head::Filled,
            label: "supports",
        },
        LinkKind::Coaches => LinkStyle {
            color: Color::rgb(0xe6, 0x9f, 0x00),
            dash: Dash::Dashed,
            head: Head::Open,
            label: "coaches",
        },
        LinkKind::Collaborates => LinkStyle {
            color: Color::rgb(0x00, 0x9e, 0x73),
            dash: Dash::Dotted,
            head: Head::None,
            label: "collaborates with",
        },
        LinkKind::Advises => LinkStyle {
            color: Color::rgb(0xd5, 0x5e, 0x00),
            dash: Dash::DashDot,
            head: Head::Open,
            label: "advises",
        },
        LinkKind::ReportsTo => LinkStyle {
            color: Color::rgb(0x56, 0x5d, 0x66),
            dash: Dash::Solid,
            head: Head::Open,
            label: "reports to",
        },
        LinkKind::Other(_) => LinkStyle {
            color: Color::rgb(0xcc, 0x79, 0xa7),
            dash: Dash::Dashed,
            head: Head::None,
            label: "other",
        },
    }
}

/// Every link kind with a fixed style, in legend order (`Other` stands for all free kinds).
pub const LEGEND_KINDS: [LinkKind; 6] = [
    LinkKind::Supports,
    LinkKind::Coaches,
    LinkKind::Collaborates,
    LinkKind::Advises,
    LinkKind::ReportsTo,
    LinkKind::Other(String::new()),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_colours_and_refuses_the_rest() {
        assert_eq!(Color::from_hex("#4e9a8f"), Some(Color::rgb(0x4e, 0x9a, 0x8f)));
        assert_eq!(Color::from_hex("4e9a8f"), None);
        assert_eq!(Color::from_hex("#4e9a8"), None);
        assert_eq!(Color::from_hex("#4e9a8g"), None);
        assert_eq!(Color::rgb(1, 2, 255).hex(), "#0102ff");
    }

    #[test]
    fn every_link_kind_differs_by_more_than_colour() {
        let styles: Vec<LinkStyle> = LEGEND_KINDS.iter().map(link_style).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert!(
                    a.dash != b.dash || a.head != b.head,
                    "{} and {} look alike without colour",
                    a.label,
                    b.label
                );
            }
        }
    }
}
