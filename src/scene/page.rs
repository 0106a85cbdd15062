//! A page for paper and files: the map's scene with its name and purpose as a title above it
//! and a legend beside it.

use super::build::{arrow, build, node};
use super::style::{LEGEND_KINDS, link_style};
use super::{Anchor, Item, Part, Scene, SceneOptions, Shape, Text};
use crate::font;
use crate::layout::{Layout, Point, Rect};
use crate::model::{OrgMap, Status};

/// Most lines of the purpose shown under the title.
const PURPOSE_LINES: usize = 3;

pub fn page(map: &OrgMap, layout: &Layout, options: &SceneOptions) -> Scene {
    let mut scene = build(map, layout, options);
    let theme = &options.theme;
    let size = options.layout.label_size;
    let map_box = scene.bounds;
    let margin = size * 2.0;
    let mut texts = Vec::new();

    // The title block above the map, as wide as the map.
    let title_size = size * 2.0;
    let purpose_size = size * 1.1;
    let purpose = wrap_words(&map.purpose, purpose_size, map_box.width().max(size * 40.0));
    let shown = purpose.len().min(PURPOSE_LINES);
    let block = title_size * 1.3 + shown as f64 * purpose_size * 1.35;
    let top = map_box.min.y - margin - block;
    let left = map_box.min.x;
    let line = |pos: Point, text: String, size: f64, bold: bool, color| Text {
        pos,
        text,
        size,
        color,
        anchor: Anchor::Start,
        rotation: 0.0,
        bold,
    };
    texts.push(line(
        Point::new(left, top + title_size * 0.65),
        map.name.clone(),
        title_size,
        true,
        theme.text,
    ));
    let cut = purpose.len() > PURPOSE_LINES;
    for (n, mut text) in purpose.into_iter().take(PURPOSE_LINES).enumerate() {
        let y = top + title_size * 1.3 + (n as f64 + 0.5) * purpose_size * 1.35;
        if cut && n + 1 == PURPOSE_LINES {
            text.push_str(" …");
        }
        texts.push(line(Point::new(left, y), text, purpose_size, false, theme.muted_text));
    }
    for text in texts {
        scene.items.push(Item { shape: Shape::Text(text), part: Part::Decoration });
    }

    // The legend to the right of the map.
    let x = map_box.max.x + margin;
    let row = size * 1.7;
    let sample = size * 3.0;
    let mut y = map_box.min.y + size;
    let mut widest: f64 = font::measure("Legend", size * 1.1);
    let mut legend = vec![Item {
        shape: Shape::Text(line(Point::new(x, y), "Legend".into(), size * 1.1, true, theme.text)),
        part: Part::Decoration,
    }];
    let mut entry = |shapes: Vec<Shape>, name: &str, y: f64| {
        widest = widest.max(sample + size * 0.6 + font::measure(name, size));
        legend.extend(shapes.into_iter().map(|shape| Item { shape, part: Part::Decoration }));
        let label =
            line(Point::new(x + sample + size * 0.6, y), name.into(), size, false, theme.text);
        legend.push(Item { shape: Shape::Text(label), part: Part::Decoration });
    };
    for kind in &LEGEND_KINDS {
        y += row;
        let shapes = arrow(Point::new(x, y), Point::new(x + sample, y), kind, 1.6, 1.0);
        entry(shapes, link_style(kind).label, y);
    }
    for (status, name) in [
        (Status::Filled, "filled role"),
        (Status::Vacant, "vacant role"),
        (Status::Proposed, "proposed role"),
    ] {
        y += row;
        let center = Point::new(x + sample / 2.0, y);
        let radius = options.layout.node_radius;
        entry(node(center, radius, status, theme.pick(0), theme, 1.0), name, y);
    }
    scene.items.extend(legend);

    scene.bounds = Rect {
        min: Point::new(map_box.min.x - margin, top - margin),
        max: Point::new(x + widest + margin, map_box.max.y.max(y + row) + margin),
    };
    scene
}

/// Breaks text into lines no wider than `width` at `size`, at spaces.
pub fn wrap_words(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate =
            if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if !current.is_empty() && font::measure(&candidate, size) > width {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_within_the_width() {
        let lines = wrap_words("one two three four five six seven", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "one two three four five six seven");
        for line in &lines {
            assert!(font::measure(line, 10.0) <= 60.0 || !line.contains(' '));
        }
        assert!(wrap_words("", 10.0, 60.0).is_empty());
    }
}
