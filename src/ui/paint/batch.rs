//! Links, arrowheads and tiny nodes gathered into one mesh, in drawing order: egui would make
//! a shape of every link, dash and dot, and a map of 10,000 roles has tens of thousands.
//!
//! A line is one strip of triangles along its points, with a soft edge of one pixel each side
//! as egui's own lines have. Dashes are not cut out of it: the strip is textured with its dash
//! pattern, repeated along its length, so a dashed link across the screen costs what a solid
//! one does (cut into dashes, a single straight link 1,500 pixels long was 300 quads).

use eframe::egui::{self, Color32, Mesh, Pos2, Shape as EguiShape, TextureId, Vec2, pos2};

use super::{color32, dash_pattern, egui_stroke, too_small};
use crate::layout::Point;
use crate::scene::{Dash, Shape};
use crate::ui::view::Transform;

/// Below this zoom the map is an overview: links are drawn as plain thin lines (dashes and
/// arrowheads would be too small to see) and tiny nodes as dots.
const OVERVIEW_ZOOM: f32 = 0.35;

/// The rows of the line texture: solid, then each dash pattern over one period.
const PATTERNS: [Dash; 4] = [Dash::Solid, Dash::Dashed, Dash::Dotted, Dash::DashDot];
/// Texels over one period of a pattern (a dotted line's period is 8 pixels at the widths
/// where dashes are many, so 4 texels a pixel: its dots stay sharp).
const PERIOD_TEXELS: usize = 32;

pub(super) struct Batch {
    mesh: Mesh,
}

impl Batch {
    /// A batch drawing with the context's line texture.
    pub fn new(ctx: &egui::Context) -> Self {
        Batch { mesh: Mesh::with_texture(line_texture(ctx)) }
    }

    /// Takes the shape into the batch when it is small enough on screen; false otherwise.
    pub fn add(&mut self, shape: &Shape, t: &Transform) -> bool {
        match shape {
            Shape::Disc { center, radius, fill, stroke } if (*radius as f32 * t.zoom) < 3.0 => {
                // A vacant node is hollow: as a dot it takes its outline's colour.
                let color = match stroke {
                    Some(s) if s.dash == Dash::Dashed || fill.a == 0 => s.color,
                    _ => *fill,
                };
                self.dot(t.to_screen(*center), 1.6, color32(color));
                true
            }
            Shape::Line { points, stroke } if t.zoom < OVERVIEW_ZOOM => {
                let screen = overview_points(points, t);
                if screen.len() > 2 && too_small(&screen) {
                    return true; // an open arrowhead
                }
                let width = egui_stroke(stroke, t).width.max(0.8);
                // Faint: hundreds of crossing links otherwise hide the rings.
                let color = color32(stroke.color.faded(0.5));
                for pair in screen.windows(2) {
                    if let Some((a, b, _)) = clip_segment(pair[0], pair[1], t.canvas.expand(8.0)) {
                        self.quad(a, b, width, color);
                    }
                }
                true
            }
            Shape::Line { points, stroke } => {
                let s = egui_stroke(stroke, t);
                let screen: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
                if screen.len() > 2 && too_small(&screen) {
                    return true;
                }
                let period = dash_pattern(stroke.dash, s.width.max(1.0))
                    .map_or(0.0, |pattern| pattern.iter().sum::<f32>());
                let line = Line { width: s.width, color: s.color, dash: stroke.dash, period };
                // One strip for each run of the line inside the canvas, each point with how
                // far along the line it is (where it falls in the dash pattern).
                let clip = t.canvas.expand(8.0);
                let mut run: Vec<(Pos2, f32)> = Vec::with_capacity(screen.len());
                let mut along = 0.0;
                for pair in screen.windows(2) {
                    if let Some((a, b, cut)) = clip_segment(pair[0], pair[1], clip) {
                        if run.last().map(|last| last.0) != Some(a) {
                            self.strip(&run, &line);
                            run.clear();
                            run.push((a, along + cut));
                        }
                        run.push((b, along + cut + (b - a).length()));
                    }
                    along += (pair[1] - pair[0]).length();
                }
                self.strip(&run, &line);
                true
            }
            Shape::Polygon { .. } if t.zoom < OVERVIEW_ZOOM => true,
            _ => false,
        }
    }

    fn vertex(&mut self, pos: Pos2, color: Color32, uv: Pos2) {
        self.mesh.vertices.push(egui::epaint::Vertex { pos, uv, color });
    }

    fn dot(&mut self, c: Pos2, r: f32, color: Color32) {
        let base = self.mesh.vertices.len() as u32;
        let uv = pattern_uv(Dash::Solid, 0.0);
        self.vertex(c, color, uv);
        for i in 0..8 {
            let angle = i as f32 * std::f32::consts::TAU / 8.0;
            self.vertex(c + Vec2::angled(angle) * r, color, uv);
            self.mesh.add_triangle(base, base + 1 + i, base + 1 + (i + 1) % 8);
        }
    }

    /// A plain quad along a-b (no soft edge).
    fn quad(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        let d = b - a;
        if d.length_sq() < 0.01 {
            return;
        }
        let n = d.normalized().rot90() * (width / 2.0);
        let base = self.mesh.vertices.len() as u32;
        let uv = pattern_uv(Dash::Solid, 0.0);
        for p in [a + n, b + n, b - n, a - n] {
            self.vertex(p, color, uv);
        }
        self.mesh.add_triangle(base, base + 1, base + 2);
        self.mesh.add_triangle(base, base + 2, base + 3);
    }

    /// The line through `points` (each with its distance along the line) as one strip of
    /// triangles with a soft edge each side. Points closer than a hundredth of a pixel to the
    /// last are skipped.
    fn strip(&mut self, points: &[(Pos2, f32)], line: &Line) {
        let mut kept: Vec<(Pos2, f32)> = Vec::with_capacity(points.len());
        for p in points {
            if kept.last().is_none_or(|q| (p.0 - q.0).length_sq() >= 1e-4) {
                kept.push(*p);
            }
        }
        if kept.len() < 2 {
            return;
        }
        // Thin lines keep their weight by fading rather than by shrinking below a pixel; they
        // need no solid core, so three vertices across rather than four.
        let (core, color) = if line.width < 1.0 {
            (0.5, line.color.gamma_multiply(line.width))
        } else {
            (line.width / 2.0, line.color)
        };
        let inner = (core - 0.5).max(0.0);
        let outer = core + 0.5;
        let clear = Color32::TRANSPARENT;
        let across: &[(f32, Color32)] = if inner == 0.0 {
            &[(outer, clear), (0.0, color), (-outer, clear)]
        } else {
            &[(outer, clear), (inner, color), (-inner, color), (-outer, clear)]
        };
        let columns = across.len() as u32;
        let base = self.mesh.vertices.len() as u32;
        for (i, (p, along)) in kept.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| kept[j].0);
            let normal = joint_normal(before, *p, kept.get(i + 1).map(|q| q.0));
            let phase = if line.period > 0.0 { along / line.period } else { 0.0 };
            let uv = pattern_uv(line.dash, phase);
            for (offset, c) in across {
                self.vertex(*p + normal * *offset, *c, uv);
            }
        }
        for segment in 0..kept.len() as u32 - 1 {
            for row in 0..columns - 1 {
                let v = base + segment * columns + row;
                let w = v + columns;
                self.mesh.add_triangle(v, w, w + 1);
                self.mesh.add_triangle(v, w + 1, v + 1);
            }
        }
    }

    pub fn flush(&mut self, out: &mut Vec<EguiShape>) {
        if !self.mesh.is_empty() {
            let texture = self.mesh.texture_id;
            out.push(EguiShape::mesh(std::mem::replace(
                &mut self.mesh,
                Mesh::with_texture(texture),
            )));
        }
    }
}

/// How a line is drawn on screen: its width and colour, its dash pattern and the pattern's
/// period in pixels (0 when solid).
struct Line {
    width: f32,
    color: Color32,
    dash: Dash,
    period: f32,
}

/// Where in the line texture a point `phase` periods along a line of `dash` samples.
fn pattern_uv(dash: Dash, phase: f32) -> Pos2 {
    let row = PATTERNS.iter().position(|d| *d == dash).unwrap_or(0);
    // The middle of the row's texels, where filtering takes nothing from the rows about it.
    pos2(phase, (row as f32 + 0.5) / PATTERNS.len() as f32)
}

/// The context's line texture (made once): a row for solid lines and one for each dash
/// pattern over one period, as `dash_pattern` gives it for a line a pixel wide; repeated along
/// a line. Wider lines stretch it to their own period (their gaps are a little shorter than
/// `dash_pattern` says: the exports' dashes, from the same function, are exact).
fn line_texture(ctx: &egui::Context) -> TextureId {
    let id = egui::Id::unique("orgmap line patterns");
    if let Some(handle) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(id)) {
        return handle.id();
    }
    let mut pixels = Vec::with_capacity(PERIOD_TEXELS * PATTERNS.len());
    for dash in PATTERNS {
        let pattern = dash_pattern(dash, 1.0);
        let period = pattern.map_or(1.0, |p| p.iter().sum::<f32>());
        for texel in 0..PERIOD_TEXELS {
            let at = (texel as f32 + 0.5) / PERIOD_TEXELS as f32 * period;
            let on = pattern.is_none_or(|p| dash_at(&p, at));
            pixels.push(if on { Color32::WHITE } else { Color32::TRANSPARENT });
        }
    }
    let image = egui::ColorImage::new([PERIOD_TEXELS, PATTERNS.len()], pixels);
    let options = egui::TextureOptions {
        magnification: egui::TextureFilter::Linear,
        minification: egui::TextureFilter::Linear,
        wrap_mode: egui::TextureWrapMode::Repeat,
        mipmap_mode: None,
    };
    let handle = ctx.load_texture("orgmap line patterns", image, options);
    let texture = handle.id();
    ctx.data_mut(|d| d.insert_temp(id, handle));
    texture
}

/// Whether `at` pixels into a dash, gap, dash, gap pattern falls on a dash.
fn dash_at(pattern: &[f32; 4], at: f32) -> bool {
    let mut start = 0.0;
    for (i, run) in pattern.iter().enumerate() {
        if at < start + run {
            return i % 2 == 0;
        }
        start += run;
    }
    false
}

/// The normal of a polyline at point `p` between `before` and `after`, long enough that a
/// strip of constant width keeps its width round the bend (a mitre, held to twice the width at
/// sharp turns so that it does not spike).
fn joint_normal(before: Option<Pos2>, p: Pos2, after: Option<Pos2>) -> Vec2 {
    let normal_of = |a: Pos2, b: Pos2| (b - a).normalized().rot90();
    match (before, after) {
        (Some(a), Some(b)) => {
            let (n1, n2) = (normal_of(a, p), normal_of(p, b));
            let sum = n1 + n2;
            if sum.length_sq() < 1e-6 {
                return n1; // the line turns right back
            }
            let mid = sum.normalized();
            mid / mid.dot(n1).max(0.5)
        }
        (Some(a), None) => normal_of(a, p),
        (None, Some(b)) => normal_of(p, b),
        (None, None) => Vec2::ZERO,
    }
}

/// A line's points on screen, in the overview: those closer than a few pixels to the last one
/// kept are left out (a bundled link's curve has dozens, which at this size only cost
/// triangles), the last always kept.
fn overview_points(points: &[Point], t: &Transform) -> Vec<Pos2> {
    const STEP_PX: f32 = 10.0;
    let mut screen: Vec<Pos2> = Vec::with_capacity(points.len().min(8));
    for (i, p) in points.iter().enumerate() {
        let p = t.to_screen(*p);
        let last = i + 1 == points.len();
        match screen.last() {
            Some(q) if !last && (p - *q).length_sq() < STEP_PX * STEP_PX => {}
            _ => screen.push(p),
        }
    }
    screen
}

/// The part of segment a-b inside `rect` (Liang-Barsky), and the length cut from its start.
fn clip_segment(a: Pos2, b: Pos2, rect: egui::Rect) -> Option<(Pos2, Pos2, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then(|| (a + d * t0, a + d * t1, d.length() * t0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Color, Stroke};

    /// The mesh of one link through `points`, on a 1,000-pixel canvas at zoom 1.
    fn line_mesh(points: &[(f64, f64)], width: f64, dash: Dash) -> Mesh {
        let ctx = egui::Context::default();
        let t = Transform {
            canvas: egui::Rect::from_min_size(Pos2::ZERO, Vec2::splat(1000.0)),
            center: Point::new(500.0, 500.0),
            zoom: 1.0,
        };
        let points = points.iter().map(|(x, y)| Point::new(*x, *y)).collect();
        let stroke = Stroke { width, color: Color::rgb(20, 90, 160), dash };
        let mut batch = Batch::new(&ctx);
        assert!(batch.add(&Shape::Line { points, stroke }, &t));
        batch.mesh
    }

    #[test]
    fn a_dashed_line_costs_what_a_solid_one_does_and_its_dashes_run_along_it() {
        let across = [(0.0, 500.0), (1100.0, 500.0)];
        let solid = line_mesh(&across, 2.0, Dash::Solid);
        let dashed = line_mesh(&across, 2.0, Dash::Dashed);
        // Four vertices across (soft edge, core, core, soft edge) at each end.
        assert_eq!(solid.vertices.len(), 8);
        assert_eq!(dashed.vertices.len(), solid.vertices.len());
        assert_eq!(dashed.indices.len(), solid.indices.len());
        // The pattern repeats along the line: at its far end (8 pixels past the canvas's
        // edge, where it is clipped) as many periods as fit in its length.
        let period: f32 = dash_pattern(Dash::Dashed, 2.0).unwrap().iter().sum();
        let far = dashed.vertices.iter().map(|v| v.uv.x).fold(0.0, f32::max);
        assert!((far - 1008.0 / period).abs() < 1e-3, "{far} periods");
        // A solid line samples the solid row, every texel of which is drawn.
        assert!(solid.vertices.iter().all(|v| v.uv == pattern_uv(Dash::Solid, 0.0)));
    }

    #[test]
    fn a_clipped_dashed_line_keeps_its_pattern_where_it_enters_the_canvas() {
        // Starts 108 pixels left of the canvas: clipped 100 pixels in, 8 short of the edge.
        let mesh = line_mesh(&[(-108.0, 500.0), (500.0, 500.0)], 1.0, Dash::Dotted);
        let period: f32 = dash_pattern(Dash::Dotted, 1.0).unwrap().iter().sum();
        let near = mesh.vertices.iter().map(|v| v.uv.x).fold(f32::MAX, f32::min);
        assert!((near - 100.0 / period).abs() < 1e-3, "{near} periods");
    }

    #[test]
    fn a_bent_line_is_one_strip_of_even_width() {
        // A thin line (three vertices across) with a right-angled bend.
        let mesh = line_mesh(&[(100.0, 100.0), (300.0, 100.0), (300.0, 300.0)], 0.5, Dash::Solid);
        assert_eq!(mesh.vertices.len(), 9, "the bend's vertices shared");
        assert_eq!(mesh.indices.len() / 3, 8);
        // At the bend the soft edges meet on the diagonal, a pixel out from both legs.
        let corner = &mesh.vertices[3..6];
        let [outside, middle, inside] = [0, 1, 2].map(|i| corner[i].pos);
        assert!((outside - pos2(301.0, 99.0)).length() < 1e-3, "{outside:?}");
        assert!((middle - pos2(300.0, 100.0)).length() < 1e-3, "{middle:?}");
        assert!((inside - pos2(299.0, 101.0)).length() < 1e-3, "{inside:?}");
    }

    #[test]
    fn the_texture_draws_each_pattern_as_dash_pattern_gives_it() {
        for dash in [Dash::Dashed, Dash::Dotted, Dash::DashDot] {
            let pattern = dash_pattern(dash, 1.0).unwrap();
            let period: f32 = pattern.iter().sum();
            let drawn = (pattern[0] + pattern[2]) / period;
            let on = (0..PERIOD_TEXELS)
                .filter(|i| dash_at(&pattern, (*i as f32 + 0.5) / PERIOD_TEXELS as f32 * period))
                .count() as f32
                / PERIOD_TEXELS as f32;
            assert!((on - drawn).abs() <= 1.5 / PERIOD_TEXELS as f32, "{dash:?}: {on} vs {drawn}");
            assert!(dash_at(&pattern, 0.0), "{dash:?} starts with a dash");
            assert!(!dash_at(&pattern, pattern[0] + 0.1), "{dash:?} then a gap");
        }
    }

    #[test]
    fn clipping_keeps_the_visible_part_and_how_much_was_cut() {
        let rect = egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        let (a, b, cut) = clip_segment(pos2(-50.0, 50.0), pos2(150.0, 50.0), rect).unwrap();
        assert_eq!((a, b), (pos2(0.0, 50.0), pos2(100.0, 50.0)));
        assert_eq!(cut, 50.0);
        assert!(clip_segment(pos2(-50.0, -10.0), pos2(150.0, -10.0), rect).is_none());
        let inside = clip_segment(pos2(10.0, 10.0), pos2(20.0, 30.0), rect).unwrap();
        assert_eq!(inside, (pos2(10.0, 10.0), pos2(20.0, 30.0), 0.0));
    }
}
