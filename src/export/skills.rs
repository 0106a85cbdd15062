//! The skills matrix as a picture: people by skills, each cell the person's level as a
//! number on a shade of one hue (readable without colour), under two header rows (the highest
//! level a role needs, and the risk in words). The same scene primitives as the map, so it is
//! written as SVG, PNG and PDF by the same code.

use std::f64::consts::FRAC_PI_4;

use crate::analysis::skills::{Coverage, Risk};
use crate::font;
use crate::layout::{Point, Rect};
use crate::model::OrgMap;
use crate::scene::{Anchor, Color, Item, Part, Scene, Shape, Text, Theme};

/// The type of the matrix, in points (as the map's labels, for the PDF's readability check).
pub const TEXT_SIZE: f64 = 11.0;
const CELL: (f64, f64) = (30.0, 20.0);
const GAP: f64 = 8.0;

/// Level 1 to 5 on a sequential blue ramp (ColorBrewer Blues, safe for colour blindness), with
/// the text colour that reads on it.
pub fn level_colours(level: u8) -> (Color, Color) {
    let white = Color::rgb(0xff, 0xff, 0xff);
    let ink = Color::rgb(0x1f, 0x23, 0x28);
    match level {
        1 => (Color::rgb(0xde, 0xeb, 0xf7), ink),
        2 => (Color::rgb(0x9e, 0xca, 0xe1), ink),
        3 => (Color::rgb(0x6b, 0xae, 0xd6), ink),
        4 => (Color::rgb(0x31, 0x82, 0xbd), white),
        _ => (Color::rgb(0x08, 0x51, 0x9c), white),
    }
}

fn text(pos: Point, text: &str, color: Color, anchor: Anchor, bold: bool) -> Item {
    let text =
        Text { pos, text: text.to_string(), size: TEXT_SIZE, color, anchor, rotation: 0.0, bold };
    Item { shape: Shape::Text(text), part: Part::Decoration }
}

fn cell(min: Point, fill: Color) -> Item {
    // A pixel of the background left between cells.
    let (w, h) = (CELL.0 - 2.0, CELL.1 - 2.0);
    let points = vec![
        min,
        Point::new(min.x + w, min.y),
        Point::new(min.x + w, min.y + h),
        Point::new(min.x, min.y + h),
    ];
    Item { shape: Shape::Polygon { points, fill }, part: Part::Decoration }
}

/// The matrix of `coverage` (of `map`) as a scene.
pub fn matrix_scene(map: &OrgMap, coverage: &Coverage, theme: &Theme) -> Scene {
    let mut items = Vec::new();
    let row_names = ["highest need", "risk"];
    let names_width = map
        .people
        .iter()
        .map(|p| font::measure(&p.name, TEXT_SIZE))
        .chain(row_names.iter().map(|n| font::measure(n, TEXT_SIZE)))
        .fold(0.0, f64::max);
    let longest_skill =
        coverage.skills.iter().map(|s| font::measure(&s.name, TEXT_SIZE)).fold(0.0, f64::max);
    // Skill names turned 45 degrees up, starting over their columns.
    let header = longest_skill * FRAC_PI_4.sin() + TEXT_SIZE;
    let left = names_width + GAP;
    for (c, skill) in coverage.skills.iter().enumerate() {
        let x = left + c as f64 * CELL.0 + CELL.0 / 2.0;
        let mut name =
            text(Point::new(x, header - 4.0), &skill.name, theme.text, Anchor::Start, false);
        if let Shape::Text(t) = &mut name.shape {
            t.rotation = -FRAC_PI_4;
        }
        items.push(name);
    }
    let top = header + GAP;
    let row_y = |r: usize| top + r as f64 * CELL.1;
    let middle = |r: usize| row_y(r) + CELL.1 / 2.0;
    for (r, name) in row_names.iter().enumerate() {
        items.push(text(
            Point::new(names_width, middle(r)),
            name,
            theme.muted_text,
            Anchor::End,
            false,
        ));
    }
    let warn = Color::rgb(0xb3, 0x3a, 0x1a);
    for (c, skill) in coverage.skills.iter().enumerate() {
        let x = left + c as f64 * CELL.0 + CELL.0 / 2.0;
        let need = skill.highest_need();
        let need = if need == 0 { "-".to_string() } else { need.to_string() };
        items.push(text(Point::new(x, middle(0)), &need, theme.text, Anchor::Middle, true));
        let (risk, color) = match skill.risk {
            Risk::Uncovered => ("none", warn),
            Risk::Single => ("1", warn),
            Risk::Ok => ("ok", theme.muted_text),
        };
        items.push(text(
            Point::new(x, middle(1)),
            risk,
            color,
            Anchor::Middle,
            skill.risk != Risk::Ok,
        ));
    }
    let first = row_names.len();
    for (p, person) in map.people.iter().enumerate() {
        let r = first + p;
        items.push(text(
            Point::new(names_width, middle(r)),
            &person.name,
            theme.text,
            Anchor::End,
            false,
        ));
        for (c, skill) in coverage.skills.iter().enumerate() {
            let Some(&(_, level)) = skill.people.iter().find(|&&(q, _)| q == p) else { continue };
            let x = left + c as f64 * CELL.0;
            let (fill, ink) = level_colours(level);
            items.push(cell(Point::new(x + 1.0, row_y(r) + 1.0), fill));
            let at = Point::new(x + CELL.0 / 2.0 + 1.0, middle(r) + 1.0);
            items.push(text(at, &level.to_string(), ink, Anchor::Middle, false));
        }
    }
    let width = left + coverage.skills.len() as f64 * CELL.0 + longest_skill * FRAC_PI_4.cos();
    let height = row_y(first + map.people.len()) + GAP;
    let bounds = Rect { min: Point::new(-GAP, -GAP), max: Point::new(width + GAP, height) };
    Scene::new(items, theme.background, bounds)
}

/// People by skills: a header of skills, the highest level needed and the risk, then each
/// person's levels (empty for none).
pub fn matrix_csv(map: &OrgMap, coverage: &Coverage) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let names = coverage.skills.iter().map(|s| s.name.clone());
    writer.write_record(std::iter::once("person".to_string()).chain(names))?;
    let needs = coverage.skills.iter().map(|s| s.highest_need().to_string());
    writer.write_record(std::iter::once("highest need".to_string()).chain(needs))?;
    let risks = coverage.skills.iter().map(|s| s.risk.label().to_string());
    writer.write_record(std::iter::once("risk".to_string()).chain(risks))?;
    for (p, person) in map.people.iter().enumerate() {
        let levels = coverage.skills.iter().map(|s| {
            s.people.iter().find(|&&(q, _)| q == p).map_or(String::new(), |&(_, l)| l.to_string())
        });
        writer.write_record(std::iter::once(person.name.clone()).chain(levels))?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}
