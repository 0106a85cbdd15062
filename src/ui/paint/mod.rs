//! Paints a scene with egui, through the canvas transform. Text is laid out at its size on
//! screen (crisp at any zoom); shapes outside the view are skipped, and text too small to read
//! is left out until the view zooms in.

use std::f64::consts::{PI, TAU};

use eframe::egui::{
    self, Align2, Color32, FontId, Mesh, Pos2, Shape as EguiShape, Vec2, emath, epaint,
};

mod batch;

use super::view::Transform;
use crate::layout::{Point, Rect};
use crate::scene::{Anchor, Color, Dash, Scene, Shape, Stroke, Text};
use batch::Batch;

/// Text smaller than this many screen pixels is not drawn: it could not be read anyway.
const SMALLEST_TEXT_PX: f32 = 4.5;

pub fn color32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Paints every item of the scene that is in view.
pub fn paint_scene(painter: &egui::Painter, scene: &Scene, transform: &Transform) {
    painter.extend(scene_shapes(painter, scene, transform, Vec2::splat(8.0)));
}

/// What the canvas painted last: while the view only pans, the same shapes moved.
#[derive(Debug, Default)]
pub struct PaintCache {
    /// The scene's version, the zoom and the canvas's size they were painted for.
    key: Option<(u64, f32, Vec2)>,
    /// Where the map's centre was on the screen then.
    origin: Pos2,
    /// The part of the map they cover.
    covered: Rect,
    shapes: Vec<EguiShape>,
}

/// [`paint_scene`] for a canvas that pans: what is painted is kept, and a frame that only pans
/// moves it while it still covers the canvas (a fitted 10,000-role map with bundled links is
/// a hundred thousand segments to make, and one copy to move). A map seen whole is painted
/// whole, so it can be panned anywhere without painting it again.
pub fn paint_scene_cached(
    painter: &egui::Painter,
    scene: &Scene,
    transform: &Transform,
    cache: &mut PaintCache,
) {
    let key = (scene.version, transform.zoom, transform.canvas.size());
    let visible = transform.visible_map_rect();
    let covers = |c: &Rect| {
        c.min.x <= visible.min.x
            && c.min.y <= visible.min.y
            && c.max.x >= visible.max.x
            && c.max.y >= visible.max.y
    };
    if cache.key != Some(key) || !covers(&cache.covered) {
        // The margin takes in the whole map when that is at most a quarter of a canvas more
        // on each side (a map seen whole is then painted once per zoom); zoomed in further,
        // only the canvas: kept and moved every frame, a map half in view with every label
        // drawn cost four times what painting the canvas alone does (20 ms against 5 at
        // 1,000 roles).
        let (a, b) = (transform.to_screen(scene.bounds.min), transform.to_screen(scene.bounds.max));
        let canvas = transform.canvas;
        let needed = Vec2::new(
            (canvas.min.x - a.x).max(b.x - canvas.max.x),
            (canvas.min.y - a.y).max(b.y - canvas.max.y),
        );
        let whole = needed.x <= canvas.width() / 4.0 && needed.y <= canvas.height() / 4.0;
        let margin = if whole { needed.max(Vec2::splat(8.0)) } else { Vec2::splat(8.0) };
        cache.shapes = scene_shapes(painter, scene, transform, margin);
        cache.key = Some(key);
        cache.origin = transform.to_screen(Point::default());
        let a = transform.to_map(transform.canvas.min - margin);
        let b = transform.to_map(transform.canvas.max + margin);
        cache.covered = Rect { min: a, max: b };
    }
    let delta = transform.to_screen(Point::default()) - cache.origin;
    let layer = painter.layer_id();
    let start = painter.ctx().graphics_mut(|g| g.entry(layer).next_idx().0);
    painter.extend(cache.shapes.iter().cloned().map(|mut shape| {
        if !matches!(shape, EguiShape::Mesh(_)) {
            shape.translate(delta);
        }
        shape
    }));
    // A mesh is moved after tessellation: moving it here would copy all its vertices (it is
    // shared with the cache), and the tessellator copies them once more.
    let moved = emath::TSTransform::from_translation(delta);
    painter.ctx().graphics_mut(|g| {
        let list = g.entry(layer);
        for i in start..list.next_idx().0 {
            list.mutate_shape(egui::layers::ShapeIdx(i), |clipped| {
                if matches!(clipped.shape, EguiShape::Mesh(_)) {
                    clipped.transform_after_tessellation = moved;
                }
            });
        }
    });
}

/// The egui shapes of every item of the scene within `margin` of the canvas.
fn scene_shapes(
    painter: &egui::Painter,
    scene: &Scene,
    transform: &Transform,
    margin: Vec2,
) -> Vec<EguiShape> {
    let t = Transform { canvas: transform.canvas.expand2(margin), ..*transform };
    let visible = t.visible_map_rect();
    let mut shapes = Vec::with_capacity(scene.items.len());
    let mut batch = Batch::new(painter.ctx());
    for item in &scene.items {
        if too_small_to_read(&item.shape, &t)
            || !intersects(item.shape.bounds(), visible)
            || batch.add(&item.shape, &t)
        {
            continue;
        }
        batch.flush(&mut shapes);
        shape_to_egui(painter, &item.shape, &t, &mut shapes);
    }
    batch.flush(&mut shapes);
    shapes
}

fn too_small_to_read(shape: &Shape, t: &Transform) -> bool {
    match shape {
        Shape::Text(text) => (text.size as f32 * t.zoom) < SMALLEST_TEXT_PX,
        Shape::ArcText { size, .. } => (*size as f32 * t.zoom) < SMALLEST_TEXT_PX,
        _ => false,
    }
}

fn intersects(a: Rect, b: Rect) -> bool {
    a.min.x <= b.max.x && a.max.x >= b.min.x && a.min.y <= b.max.y && a.max.y >= b.min.y
}

pub(super) fn egui_stroke(stroke: &Stroke, transform: &Transform) -> egui::Stroke {
    // Lines keep a readable width when zoomed out, and grow slowly when zoomed in.
    let width = (stroke.width as f32 * transform.zoom.sqrt()).clamp(0.6, 6.0);
    egui::Stroke::new(width, color32(stroke.color))
}

fn shape_to_egui(painter: &egui::Painter, shape: &Shape, t: &Transform, out: &mut Vec<EguiShape>) {
    match shape {
        Shape::Disc { center, radius, fill, stroke } => {
            let c = t.to_screen(*center);
            let r = (*radius as f32 * t.zoom).max(1.5);
            if fill.a > 0 {
                out.push(EguiShape::circle_filled(c, r, color32(*fill)));
            }
            match stroke {
                // Too small for a dash to show: a plain outline (egui draws circles fast).
                Some(stroke) if stroke.dash == Dash::Solid || r < 4.0 => {
                    out.push(EguiShape::circle_stroke(c, r, egui_stroke(stroke, t)));
                }
                Some(stroke) => {
                    let segments = (r as usize * 2).clamp(12, 48);
                    let points = circle_points(*center, *radius, t, segments);
                    dashed_outline(out, &points, stroke, t);
                }
                None => {}
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
        // Lines always go into the batch mesh (see `Batch::add`).
        Shape::Line { .. } => {}
        Shape::Polygon { points, fill } => {
            let points: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
            if !too_small(&points) {
                out.push(EguiShape::convex_polygon(points, color32(*fill), egui::Stroke::NONE));
            }
        }
        Shape::Text(text) => text_shape(painter, text, t, out),
        Shape::ArcText { radius, angle, text, size, color, bold } => {
            arc_text(painter, (*radius, *angle), text, (*size, *bold), *color, t, out);
        }
    }
}

/// A dashed or dotted outline through `points`, closed (vacant and proposed nodes), with the
/// same dash lengths as the links.
fn dashed_outline(out: &mut Vec<EguiShape>, points: &[Pos2], stroke: &Stroke, t: &Transform) {
    let s = egui_stroke(stroke, t);
    let mut points = points.to_vec();
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    let w = s.width.max(1.0);
    match (stroke.dash, dash_pattern(stroke.dash, w)) {
        (_, None) => out.push(EguiShape::line(points, s)),
        (Dash::Dotted, Some([dot, gap, ..])) => {
            out.extend(EguiShape::dotted_line(&points, s.color, dot + gap, w * 0.6));
        }
        (_, Some([dash, gap, dash2, gap2])) => EguiShape::dashed_line_many_with_offset(
            &points,
            s,
            &[dash, dash2],
            &[gap, gap2],
            0.0,
            out,
        ),
    }
}

/// Dash, gap, dash, gap lengths in pixels for a line of width `w`; `None` for a solid line.
pub(super) fn dash_pattern(dash: Dash, w: f32) -> Option<[f32; 4]> {
    match dash {
        Dash::Solid => None,
        Dash::Dashed => Some([4.0 * w + 2.0, 2.5 * w + 1.0, 4.0 * w + 2.0, 2.5 * w + 1.0]),
        Dash::Dotted => Some([w, 1.5 * w + 1.5, w, 1.5 * w + 1.5]),
        Dash::DashDot => Some([6.0 * w + 2.0, 2.0 * w + 1.0, w, 2.0 * w + 1.0]),
    }
}

/// Arrowheads and marks smaller than this many pixels across are not drawn.
pub(super) fn too_small(points: &[Pos2]) -> bool {
    let rect = egui::Rect::from_points(points);
    rect.width().max(rect.height()) < 2.5
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

/// The shipped font (see `crate::font`), regular or bold.
fn font(size: f32, bold: bool) -> FontId {
    if bold {
        FontId::new(size, egui::FontFamily::Name("bold".into()))
    } else {
        FontId::proportional(size)
    }
}

fn text_shape(painter: &egui::Painter, text: &Text, t: &Transform, out: &mut Vec<EguiShape>) {
    let size = text.size as f32 * t.zoom;
    if size < SMALLEST_TEXT_PX {
        return;
    }
    // Right-to-left text in the order and letter forms it is read in (egui draws neither).
    let shown = crate::font::visual(&text.text).into_owned();
    let galley = painter.layout_no_wrap(shown, font(size, text.bold), color32(text.color));
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
    (size, bold): (f64, bool),
    color: Color,
    t: &Transform,
    out: &mut Vec<EguiShape>,
) {
    let px = size as f32 * t.zoom;
    if px < SMALLEST_TEXT_PX || radius <= 0.0 {
        return;
    }
    let font = font(px, bold);
    let glyphs: Vec<(String, f32)> = crate::font::visual(text)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{self, LayoutOptions};
    use crate::model::generate::{GenerateOptions, generate};
    use crate::scene::{self as map_scene, SceneOptions};
    use crate::ui::view::View;
    use eframe::egui::{RawInput, epaint::Primitive};

    /// Every vertex the canvas puts on screen in one frame through `view`.
    fn frame(ctx: &egui::Context, scene: &Scene, view: &View, cache: &mut PaintCache) -> Vec<Pos2> {
        let canvas = egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0));
        let input = RawInput { screen_rect: Some(canvas), ..Default::default() };
        let output = ctx.run_ui(input, |ui| {
            paint_scene_cached(ui.painter(), scene, &view.transform(canvas), cache);
        });
        let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
        let mut points = Vec::new();
        for clipped in meshes {
            if let Primitive::Mesh(mesh) = clipped.primitive {
                points.extend(mesh.vertices.iter().map(|v| v.pos));
            }
        }
        points
    }

    #[test]
    fn panning_moves_what_was_painted_text_links_and_nodes_alike() {
        let map = generate(&GenerateOptions { roles: 80, ..Default::default() });
        let laid_out = layout::compute(&map, &LayoutOptions::default(), &crate::font::measure);
        let scene = map_scene::build(&map, &laid_out, &SceneOptions::default());
        let mut view = View::default();
        view.center_on((0.0, 0.0), Some(0.8)); // labels drawn, the map wider than the canvas
        let (ctx, mut cache) = (egui::Context::default(), PaintCache::default());
        let before = frame(&ctx, &scene, &view, &mut cache);
        assert!(before.len() > 1000, "{} vertices", before.len());
        let delta = Vec2::new(3.0, -2.0);
        view.pan(delta);
        let after = frame(&ctx, &scene, &view, &mut cache);
        assert_eq!(after.len(), before.len(), "the same painting, moved");
        for (a, b) in before.iter().zip(&after) {
            assert!((*b - (*a + delta)).length() < 0.01, "{a:?} -> {b:?}");
        }
    }
}
