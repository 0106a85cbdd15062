//! Paints a scene with egui, through the canvas transform. Text is laid out at its size on
//! screen (crisp at any zoom); shapes outside the view are skipped, and text too small to read
//! is left out until the view zooms in.

use std::f64::consts::{PI, TAU};

use eframe::egui::{self, Align2, Color32, FontId, Mesh, Pos2, Shape as EguiShape, epaint};

use super::view::Transform;
use crate::layout::{Point, Rect};
use crate::scene::{Anchor, Color, Dash, Scene, Shape, Stroke, Text};

/// Text smaller than this many screen pixels is not drawn: it could not be read anyway.
const SMALLEST_TEXT_PX: f32 = 4.5;

pub fn color32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Paints every item of the scene that is in view.
pub fn paint_scene(painter: &egui::Painter, scene: &Scene, transform: &Transform) {
    let visible = transform.visible_map_rect();
    let mut shapes = Vec::with_capacity(scene.items.len());
    for item in &scene.items {
        if !intersects(item.shape.bounds(), visible) {
            continue;
        }
        shape_to_egui(painter, &item.shape, transform, &mut shapes);
    }
    painter.extend(shapes);
}

fn intersects(a: Rect, b: Rect) -> bool {
    a.min.x <= b.max.x && a.max.x >= b.min.x && a.min.y <= b.max.y && a.max.y >= b.min.y
}

fn egui_stroke(stroke: &Stroke, transform: &Transform) -> egui::Stroke {
    // Lines keep a readable width when zoomed out, and grow slowly when zoomed in.
    let width = (stroke.width as f32 * transform.zoom.sqrt()).clamp(0.6, 6.0);
    egui::Stroke::new(width, color32(stroke.color))
}

fn shape_to_egui(painter: &egui::Painter, shape: &Shape, t: &Transform, out: &mut Vec<EguiShape>) {
    match shape {
        Shape::Disc { center, radius, fill, stroke } => {
            let c = t.to_screen(*center);
            let r = (*radius as f32 * t.zoom).max(1.5);
            out.push(EguiShape::circle_filled(c, r, color32(*fill)));
            if let Some(stroke) = stroke {
                let points = circle_points(*center, *radius, t, 48);
                line(out, &points, stroke, t, true);
            }
        }
        Shape::Band { inner, outer, start, end, fill } => {
            out.push(EguiShape::mesh(band_mesh(*inner, *outer, *start, *end, color32(*fill), t)));
        }
        Shape::Circle { radius, stroke } => {
            let s = egui_stroke(stroke, t);
            out.push(EguiShape::circle_stroke(
                t.to_screen(Point::default()),
                *radius as f32 * t.zoom,
                s,
            ));
        }
        Shape::Line { points, stroke } => {
            let points: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
            line(out, &points, stroke, t, false);
        }
        Shape::Polygon { points, fill } => {
            let points: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
            out.push(EguiShape::convex_polygon(points, color32(*fill), egui::Stroke::NONE));
        }
        Shape::Text(text) => text_shape(painter, text, t, out),
        Shape::ArcText { radius, angle, text, size, color, .. } => {
            arc_text(painter, (*radius, *angle), text, *size, *color, t, out);
        }
    }
}

fn line(out: &mut Vec<EguiShape>, points: &[Pos2], stroke: &Stroke, t: &Transform, closed: bool) {
    let s = egui_stroke(stroke, t);
    let mut points = points.to_vec();
    if closed && let Some(first) = points.first().copied() {
        points.push(first);
    }
    let w = s.width.max(1.0);
    match stroke.dash {
        Dash::Solid => out.push(EguiShape::line(points, s)),
        Dash::Dashed => EguiShape::dashed_line_many(&points, s, 4.0 * w + 2.0, 2.5 * w + 1.0, out),
        Dash::Dotted => {
            out.extend(EguiShape::dotted_line(&points, s.color, 2.5 * w + 1.5, w * 0.6))
        }
        Dash::DashDot => EguiShape::dashed_line_many_with_offset(
            &points,
            s,
            &[6.0 * w + 2.0, w],
            &[2.0 * w + 1.0, 2.0 * w + 1.0],
            0.0,
            out,
        ),
    }
}

fn circle_points(center: Point, radius: f64, t: &Transform, segments: usize) -> Vec<Pos2> {
    (0..segments)
        .map(|i| t.to_screen(center.plus(Point::polar(radius, TAU * i as f64 / segments as f64))))
        .collect()
}

/// An annular sector as a triangle strip (bands are not convex, so no polygon fill).
fn band_mesh(inner: f64, outer: f64, start: f64, end: f64, color: Color32, t: &Transform) -> Mesh {
    let span = (end - start).clamp(0.0, TAU);
    // Enough segments that the edge looks round at this size on screen.
    let segments = ((outer * t.zoom as f64 * span / 6.0).ceil() as usize).clamp(8, 720);
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(2 * (segments + 1));
    mesh.reserve_triangles(2 * segments);
    for i in 0..=segments {
        let angle = start + span * i as f64 / segments as f64;
        mesh.colored_vertex(t.to_screen(Point::polar(inner, angle)), color);
        mesh.colored_vertex(t.to_screen(Point::polar(outer, angle)), color);
        if i > 0 {
            let v = 2 * i as u32;
            mesh.add_triangle(v - 2, v - 1, v);
            mesh.add_triangle(v - 1, v + 1, v);
        }
    }
    mesh
}

/// egui's default fonts have no bold face, so `bold` texts are drawn in the one proportional
/// face; they stand out by size and colour.
fn font(size: f32) -> FontId {
    FontId::proportional(size)
}

fn text_shape(painter: &egui::Painter, text: &Text, t: &Transform, out: &mut Vec<EguiShape>) {
    let size = text.size as f32 * t.zoom;
    if size < SMALLEST_TEXT_PX {
        return;
    }
    let galley = painter.layout_no_wrap(text.text.clone(), font(size), color32(text.color));
    let at = t.to_screen(text.pos);
    let anchor = match text.anchor {
        Anchor::Start => Align2::LEFT_CENTER,
        Anchor::Middle => Align2::CENTER_CENTER,
        Anchor::End => Align2::RIGHT_CENTER,
    };
    let top_left = anchor.anchor_size(at, galley.size()).min;
    let shape = epaint::TextShape::new(top_left, galley, color32(text.color))
        .with_angle_and_anchor(text.rotation as f32, anchor);
    out.push(shape.into());
}

/// Glyph by glyph along the circle, so that ring and team names follow their ring.
fn arc_text(
    painter: &egui::Painter,
    (radius, angle): (f64, f64),
    text: &str,
    size: f64,
    color: Color,
    t: &Transform,
    out: &mut Vec<EguiShape>,
) {
    let px = size as f32 * t.zoom;
    if px < SMALLEST_TEXT_PX || radius <= 0.0 {
        return;
    }
    let font = font(px);
    let glyphs: Vec<(String, f32)> = text
        .chars()
        .map(|c| {
            let g = painter.layout_no_wrap(c.to_string(), font.clone(), Color32::WHITE);
            (c.to_string(), g.size().x)
        })
        .collect();
    let total: f32 = glyphs.iter().map(|g| g.1).sum();
    let screen_radius = radius as f32 * t.zoom;
    // On the lower half, text runs counter-clockwise so that it still reads left to right.
    let lower = angle > PI / 2.0 && angle < 3.0 * PI / 2.0;
    let direction = if lower { -1.0 } else { 1.0 };
    let mut along = -total / 2.0;
    for (glyph, width) in glyphs {
        let at = angle + direction * f64::from(along + width / 2.0) / f64::from(screen_radius);
        along += width;
        let pos = t.to_screen(Point::polar(radius, at));
        let rotation = if lower { at + PI } else { at };
        let galley = painter.layout_no_wrap(glyph, font.clone(), color32(color));
        let top_left = Align2::CENTER_CENTER.anchor_size(pos, galley.size()).min;
        let shape = epaint::TextShape::new(top_left, galley, color32(color))
            .with_angle_and_anchor(rotation as f32, Align2::CENTER_CENTER);
        out.push(shape.into());
    }
}
