//! A scene as SVG: real `<text>` (selectable, searchable, escaped), ring and team names on
//! `<textPath>`s, dashes as `stroke-dasharray`. The same scene the window paints.

use std::f64::consts::{PI, TAU};
use std::fmt::Write;

use crate::font;
use crate::layout::{Point, line_joint};
use crate::scene::{Anchor, Color, Dash, Item, Part, Scene, Shape, Stroke, Text};

/// What goes around the drawing.
#[derive(Debug, Clone, Default)]
pub struct SvgOptions {
    /// `<title>` and `<desc>`: the map's name and purpose.
    pub title: String,
    pub description: String,
    /// The width the SVG asks to be shown at, in pixels (its height follows); `None` for the
    /// scene's own size.
    pub width: Option<f64>,
    /// A page instead: its (width, height) and a margin, in points; the scene is centred and
    /// fitted inside the margins.
    pub page: Option<((f64, f64), f64)>,
    /// Only this part of the scene (it is cut at the edges), instead of all of it.
    pub view: Option<crate::layout::Rect>,
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn num(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded == 0.0 { "0".into() } else { format!("{rounded}") }
}

fn paint(attr: &str, color: Color) -> String {
    let mut out = format!(" {attr}=\"{}\"", color.hex());
    if color.a < 255 {
        let _ = write!(out, " {attr}-opacity=\"{}\"", num(color.a as f64 / 255.0));
    }
    out
}

fn stroke_attrs(stroke: &Stroke) -> String {
    let mut out = paint("stroke", stroke.color);
    let w = stroke.width;
    let _ = write!(out, " stroke-width=\"{}\"", num(w));
    let dashes = match stroke.dash {
        Dash::Solid => None,
        Dash::Dashed => Some(format!("{} {}", num(4.0 * w + 2.0), num(2.5 * w + 1.0))),
        Dash::Dotted => Some(format!("0 {}", num(1.5 * w + 2.5))),
        Dash::DashDot => {
            Some(format!("{} {} 0 {}", num(6.0 * w + 2.0), num(2.0 * w + 1.0), num(2.0 * w + 1.0)))
        }
    };
    if let Some(dashes) = dashes {
        let _ = write!(out, " stroke-dasharray=\"{dashes}\" stroke-linecap=\"round\"");
    }
    out
}

fn points(points: &[Point]) -> String {
    let parts: Vec<String> = points.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
    parts.join(" ")
}

/// The SVG document of a scene.
pub fn to_svg(scene: &Scene, options: &SvgOptions) -> String {
    let mut b = options.view.unwrap_or(scene.bounds);
    let (mut w, mut h) = (b.width().max(1.0), b.height().max(1.0));
    let (shown_w, shown_h) = match (options.page, options.width) {
        (Some(((page_w, page_h), margin)), _) => {
            // The view box grows to the page's proportions, the scene centred in it.
            let scale = ((page_w - 2.0 * margin) / w).min((page_h - 2.0 * margin) / h);
            let (view_w, view_h) = (page_w / scale, page_h / scale);
            let center = Point::new((b.min.x + b.max.x) / 2.0, (b.min.y + b.max.y) / 2.0);
            b.min = Point::new(center.x - view_w / 2.0, center.y - view_h / 2.0);
            b.max = Point::new(center.x + view_w / 2.0, center.y + view_h / 2.0);
            (w, h) = (view_w, view_h);
            (page_w, page_h)
        }
        (None, Some(width)) => (width, width * h / w),
        (None, None) => (w, h),
    };
    let view = crate::layout::Rect { min: b.min, max: Point::new(b.min.x + w, b.min.y + h) };
    let head = Head {
        size: (shown_w, shown_h),
        view,
        title: &options.title,
        description: &options.description,
    };
    document(&head, scene.background, |out| body(out, &scene.items, "arc"))
}

/// What goes at the top of an SVG document.
pub struct Head<'a> {
    /// Width and height it asks to be shown at.
    pub size: (f64, f64),
    /// The part of user space it shows.
    pub view: crate::layout::Rect,
    pub title: &'a str,
    /// Left out when empty.
    pub description: &'a str,
}

/// An SVG document: the root element, title and description, `background` over the whole
/// view, and `content` inside a group that sets the shipped font.
pub fn document(head: &Head, background: Color, content: impl FnOnce(&mut String)) -> String {
    let v = head.view;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\">",
        num(head.size.0),
        num(head.size.1),
        num(v.min.x),
        num(v.min.y),
        num(v.width()),
        num(v.height())
    );
    let _ = writeln!(out, "<title>{}</title>", escape(head.title));
    if !head.description.is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", escape(head.description));
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
        num(v.min.x),
        num(v.min.y),
        num(v.width()),
        num(v.height()),
        paint("fill", background)
    );
    let mut body = String::new();
    content(&mut body);
    // The shipped font, then the system's faces for what it lacks (a Japanese name), so
    // that a browser and resvg pick the faces the layout measured.
    let families: Vec<String> =
        font::families_for([body.as_str()]).iter().map(|f| format!("'{f}'")).collect();
    let _ = writeln!(out, "<g font-family=\"{}, Verdana, sans-serif\">", families.join(", "));
    out.push_str(&body);
    out.push_str("</g>\n</svg>\n");
    out
}

/// The elements of `items`, in order. `ids` prefixes the ids of text paths, which must be
/// unique in the document.
pub fn body(out: &mut String, items: &[Item], ids: &str) {
    body_grouped(out, items, ids, &|_| None);
}

/// As [`body`], each run of items of one part inside the group `group` opens (`<g ...>` and
/// what goes first in it, closed by `</g>`; none: not grouped). The web page uses it to make
/// roles and links clickable.
pub fn body_grouped(
    out: &mut String,
    items: &[Item],
    ids: &str,
    group: &dyn Fn(Part) -> Option<String>,
) {
    let mut arcs = 0;
    let mut open: Option<Part> = None;
    let mut i = 0;
    while i < items.len() {
        let part = items[i].part;
        if open != Some(part) {
            if open.take().is_some() {
                out.push_str("</g>\n");
            }
            if let Some(opening) = group(part) {
                out.push_str(&opening);
                out.push('\n');
                open = Some(part);
            }
        }
        // The lines of one label make one <text>, so that it reads (and is found) whole.
        let mut j = i + 1;
        if let (Shape::Text(_), Part::RoleLabel(_)) = (&items[i].shape, items[i].part) {
            while j < items.len()
                && items[j].part == items[i].part
                && matches!(items[j].shape, Shape::Text(_))
            {
                j += 1;
            }
        }
        let run = &items[i..j];
        match &run[0].shape {
            Shape::Text(_) => text(out, run),
            shape => shape_svg(out, shape, ids, &mut arcs),
        }
        i = j;
    }
    if open.is_some() {
        out.push_str("</g>\n");
    }
}

fn shape_svg(out: &mut String, shape: &Shape, ids: &str, arcs: &mut usize) {
    match shape {
        Shape::Disc { center, radius, fill, stroke } => {
            let stroke = stroke.as_ref().map(stroke_attrs).unwrap_or_default();
            let fill =
                if fill.a == 0 { " fill=\"none\"".to_string() } else { paint("fill", *fill) };
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{fill}{stroke}/>",
                num(center.x),
                num(center.y),
                num(*radius)
            );
        }
        Shape::Band { inner, outer, start, end, fill } => {
            let _ = writeln!(
                out,
                "<path d=\"{}\" fill-rule=\"evenodd\"{}/>",
                band_path(*inner, *outer, *start, *end),
                paint("fill", *fill)
            );
        }
        Shape::Circle { radius, stroke } => {
            let _ = writeln!(
                out,
                "<circle cx=\"0\" cy=\"0\" r=\"{}\" fill=\"none\"{}/>",
                num(*radius),
                stroke_attrs(stroke)
            );
        }
        Shape::Line { points: p, stroke } => {
            let _ = writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\"{}/>",
                points(p),
                stroke_attrs(stroke)
            );
        }
        Shape::Polygon { points: p, fill } => {
            let _ = writeln!(out, "<polygon points=\"{}\"{}/>", points(p), paint("fill", *fill));
        }
        Shape::Text(_) => {}
        Shape::ArcText { radius, angle, text, size, color, bold } => {
            *arcs += 1;
            // A whole circle starting opposite the text, so that its middle (50%) is at the
            // text's angle; clockwise on the upper half, anticlockwise on the lower half so
            // that the name reads left to right. The baseline sits a little inside or outside
            // the radius, so that the letters are centred on it.
            let lower = *angle > PI / 2.0 && *angle < 3.0 * PI / 2.0;
            let r = if lower { radius + 0.35 * size } else { radius - 0.35 * size };
            let start = Point::polar(r, angle + PI);
            let half = Point::polar(r, *angle);
            let sweep = if lower { 0 } else { 1 };
            let _ = writeln!(
                out,
                "<path id=\"{ids}{arcs}\" fill=\"none\" d=\"M {} {} A {r} {r} 0 1 {sweep} {} {} A {r} {r} 0 1 {sweep} {} {}\"/>",
                num(start.x),
                num(start.y),
                num(half.x),
                num(half.y),
                num(start.x),
                num(start.y),
                r = num(r)
            );
            let weight = if *bold { " font-weight=\"bold\"" } else { "" };
            let _ = writeln!(
                out,
                "<text font-size=\"{}\"{weight}{}><textPath xlink:href=\"#{ids}{arcs}\" href=\"#{ids}{arcs}\" startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>",
                num(*size),
                paint("fill", *color),
                escape(text)
            );
        }
    }
}

/// The lines of one text (one item, or the lines of a role's label).
fn text(out: &mut String, group: &[Item]) {
    let lines: Vec<&Text> = group
        .iter()
        .filter_map(|item| match &item.shape {
            Shape::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let Some(first) = lines.first() else { return };
    let anchor = match first.anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let weight = if first.bold { " font-weight=\"bold\"" } else { "" };
    let rotate = if first.rotation.abs() > 1e-9 {
        format!(
            " transform=\"rotate({} {} {})\"",
            num(first.rotation.to_degrees()),
            num(first.pos.x),
            num(first.pos.y)
        )
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<text font-size=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"central\"{weight}{}{rotate}>",
        num(first.size),
        paint("fill", first.color)
    );
    for (n, line) in lines.iter().enumerate() {
        // Lines of a turned label are placed in its own frame: undo the turn about the first
        // line's position.
        let pos = unrotate(line.pos, first.pos, first.rotation);
        let space = if n + 1 < lines.len() { line_joint(&line.text) } else { "" };
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}{space}</tspan>",
            num(pos.x),
            num(pos.y),
            escape(&line.text)
        );
    }
    out.push_str("</text>\n");
}

fn unrotate(p: Point, about: Point, rotation: f64) -> Point {
    if rotation.abs() < 1e-9 {
        return p;
    }
    let (sin, cos) = (-rotation).sin_cos();
    let d = p.minus(about);
    Point::new(about.x + d.x * cos - d.y * sin, about.y + d.x * sin + d.y * cos)
}

/// The outline of an annular sector (a whole ring when it goes all the way round).
fn band_path(inner: f64, outer: f64, start: f64, end: f64) -> String {
    let span = end - start;
    if span >= TAU - 1e-9 {
        let circle = |r: f64| {
            if r <= 0.0 {
                return String::new();
            }
            format!(
                "M {} 0 A {r} {r} 0 1 1 {} 0 A {r} {r} 0 1 1 {} 0 Z ",
                num(r),
                num(-r),
                num(r),
                r = num(r)
            )
        };
        return format!("{}{}", circle(outer), circle(inner)).trim_end().to_string();
    }
    let large = if span > PI { 1 } else { 0 };
    let (o1, o2) = (Point::polar(outer, start), Point::polar(outer, end));
    let mut d = format!(
        "M {} {} A {r} {r} 0 {large} 1 {} {} ",
        num(o1.x),
        num(o1.y),
        num(o2.x),
        num(o2.y),
        r = num(outer)
    );
    if inner > 0.0 {
        let (i2, i1) = (Point::polar(inner, end), Point::polar(inner, start));
        let _ = write!(
            d,
            "L {} {} A {r} {r} 0 {large} 0 {} {} Z",
            num(i2.x),
            num(i2.y),
            num(i1.x),
            num(i1.y),
            r = num(inner)
        );
    } else {
        d.push_str("L 0 0 Z");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("R&D <lead> \"x\" 'y'\u{1}"),
            "R&amp;D &lt;lead&gt; &quot;x&quot; &apos;y&apos;"
        );
        assert_eq!(escape("שלום 👋"), "שלום 👋");
    }

    #[test]
    fn a_whole_ring_is_two_circles_and_a_sector_is_one_path() {
        assert_eq!(band_path(10.0, 20.0, 0.0, TAU).matches('M').count(), 2);
        let sector = band_path(10.0, 20.0, 0.0, PI / 2.0);
        assert!(sector.starts_with("M 0 -20 A 20 20 0 0 1 20 0 L 10 0"), "{sector}");
    }
}
