//! Scene building and one frame of the canvas (paint + tessellate) on generated maps.
//! Run: `cargo bench --bench scene`. Figures and how they were taken: BENCHMARKS.md.
//!
//! A frame while panning reuses the scene (it changes only with the map, the selection or the
//! theme), so `frame_*` is what panning costs: painting the scene through the view transform
//! into egui shapes, and tessellating them into triangles.

use divan::Bencher;
use eframe::egui::{self, Pos2, RawInput, Rect, Vec2};
use orgmap::layout::{self, LayoutOptions};
use orgmap::model::generate::{GenerateOptions, generate};
use orgmap::scene::bundle::Bundles;
use orgmap::scene::{self, LinkView, Links, Scene, SceneOptions};
use orgmap::ui::paint::{PaintCache, paint_scene_cached};
use orgmap::ui::view::View;

fn main() {
    divan::main();
}

const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

/// The scene of a generated map, links drawn as the window draws them at the view's zoom.
fn scene_of(roles: usize, links: LinkView, view: &mut View, zoomed: Option<f32>) -> Scene {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    view.fit(laid_out.extent, Rect::from_min_size(Pos2::ZERO, SCREEN));
    if let Some(zoom) = zoomed {
        // On the middle of the right half.
        view.zoom = zoom;
        view.center = (laid_out.extent.max.x / 2.0, 0.0);
    }
    let label = LayoutOptions::default().label_size;
    let links = links.links_at(f64::from(view.zoom), label, map.links.len());
    scene::build(&map, &laid_out, &SceneOptions { links, ..SceneOptions::default() })
}

/// The routes of every link through the hierarchy (once per layout).
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn bundles(bencher: Bencher, roles: usize) {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    bencher.bench(|| Bundles::new(&map, &laid_out));
}

/// The scene with bundled links, the routes given.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn build_scene_bundled(bencher: Bencher, roles: usize) {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    let routes = Bundles::new(&map, &laid_out);
    let options = SceneOptions { links: Links::BUNDLED, ..SceneOptions::default() };
    bencher.bench(|| scene::build_routed(&map, &laid_out, Some(&routes), &options));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn build_scene(bencher: Bencher, roles: usize) {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    let options = SceneOptions::default();
    bencher.bench(|| scene::build(&map, &laid_out, &options));
}

/// One frame: paint the scene through `view` and tessellate it. Returns the triangle count.
fn frame(ctx: &egui::Context, scene: &Scene, view: &View, cache: &mut PaintCache) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        let rect = ui.max_rect();
        paint_scene_cached(ui.painter(), scene, &view.transform(rect), cache);
    });
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
            _ => 0,
        })
        .sum()
}

fn bench_frame(bencher: Bencher, roles: usize, zoomed: Option<f32>, links: LinkView) {
    bench_panning(bencher, roles, zoomed, links, 1.0);
}

/// Frames while panning `speed` times as fast as `bench_frame` pans (1 to 7 pixels a frame
/// across, 1 down): at 3, every frame has moved past what the canvas kept, and paints anew.
fn bench_panning(bencher: Bencher, roles: usize, zoomed: Option<f32>, links: LinkView, speed: f32) {
    let mut view = View::default();
    let scene = scene_of(roles, links, &mut view, zoomed);
    let ctx = egui::Context::default();
    let mut cache = PaintCache::default();
    // Warm egui's font atlas and text cache, as a frame while panning finds them, and paint
    // once at this zoom (the canvas keeps that while it pans).
    frame(&ctx, &scene, &view, &mut cache);
    frame(&ctx, &scene, &view, &mut cache);
    let mut step = 0.0;
    bencher.bench_local(|| {
        step += 1.0;
        view.pan(Vec2::new(step % 7.0, 1.0) * speed);
        frame(&ctx, &scene, &view, &mut cache)
    });
}

/// A frame while the zoom changes (a wheel turning): everything is painted anew.
fn bench_zooming(bencher: Bencher, roles: usize, links: LinkView) {
    let mut view = View::default();
    let scene = scene_of(roles, links, &mut view, None);
    let ctx = egui::Context::default();
    let mut cache = PaintCache::default();
    frame(&ctx, &scene, &view, &mut cache);
    let mut step = 0;
    bencher.bench_local(|| {
        step += 1;
        view.zoom *= if step % 2 == 0 { 1.001 } else { 1.0 / 1.001 };
        frame(&ctx, &scene, &view, &mut cache)
    });
}

/// The fitted view while zooming, links straight.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn zooming_fitted(bencher: Bencher, roles: usize) {
    bench_zooming(bencher, roles, LinkView::Straight);
}

/// The fitted view while zooming, links bundled.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn zooming_fitted_bundled(bencher: Bencher, roles: usize) {
    bench_zooming(bencher, roles, LinkView::Bundled);
}

/// The whole map fitted to the screen (labels too small to read are left out).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_fitted(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, None, LinkView::Straight);
}

/// The whole map fitted, links bundled.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_fitted_bundled(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, None, LinkView::Bundled);
}

/// The whole map fitted, as the window draws it by default (View > Links > Automatic): the
/// overview, bands between teams.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_fitted_overview(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, None, LinkView::Automatic);
}

/// Zoomed in to read the labels, panning.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_zoomed(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, Some(1.0), LinkView::Straight);
}

/// Automatic links halfway between bundled and straight (labels 6.7 px high: zoom 0.48).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_straightening(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, Some(0.48), LinkView::Automatic);
}

/// The same, panning fast enough that every frame is painted anew (the worst case).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_straightening_repainted(bencher: Bencher, roles: usize) {
    bench_panning(bencher, roles, Some(0.48), LinkView::Automatic, 3.0);
}

/// Zoomed in, links bundled, every frame painted anew.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_zoomed_bundled_repainted(bencher: Bencher, roles: usize) {
    bench_panning(bencher, roles, Some(1.0), LinkView::Bundled, 3.0);
}

/// The same view with straight links, to compare.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_half_zoom_straight(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, Some(0.48), LinkView::Straight);
}

/// Zoomed in, links bundled.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_zoomed_bundled(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, Some(1.0), LinkView::Bundled);
}
