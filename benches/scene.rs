//! Scene building and one frame of the canvas (paint + tessellate) on generated maps.
//! Run: `cargo bench --bench scene`. Figures and how they were taken: BENCHMARKS.md.
//!
//! A frame while panning reuses the scene (it changes only with the map, the selection or the
//! theme), so `frame_*` is what panning costs: painting the scene through the view transform
//! into egui shapes, and tessellating them into triangles.

use divan::Bencher;
use eframe::egui::{self, Pos2, RawInput, Rect, Vec2};
use orgmap::layout::{self, LayoutOptions, Point};
use orgmap::model::generate::{GenerateOptions, generate};
use orgmap::scene::{self, Scene, SceneOptions};
use orgmap::ui::paint::paint_scene;
use orgmap::ui::view::View;

fn main() {
    divan::main();
}

const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

fn scene_of(roles: usize) -> Scene {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    scene::build(&map, &laid_out, &SceneOptions::default())
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn build_scene(bencher: Bencher, roles: usize) {
    let map = generate(&GenerateOptions { roles, ..Default::default() });
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &orgmap::font::measure);
    let options = SceneOptions::default();
    bencher.bench(|| scene::build(&map, &laid_out, &options));
}

/// One frame: paint the scene through `view` and tessellate it. Returns the triangle count.
fn frame(ctx: &egui::Context, scene: &Scene, view: &View) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        let rect = ui.max_rect();
        paint_scene(ui.painter(), scene, &view.transform(rect));
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

fn bench_frame(bencher: Bencher, roles: usize, zoomed: bool) {
    let scene = scene_of(roles);
    let ctx = egui::Context::default();
    let mut view = View::default();
    view.fit(scene.bounds, Rect::from_min_size(Pos2::ZERO, SCREEN));
    if zoomed {
        // Labels readable at their size: zoom 1 on the middle of the right half.
        let b = scene.bounds;
        view.zoom = 1.0;
        let at = Point::new(b.max.x / 2.0, 0.0);
        view.center = (at.x, at.y);
    }
    // Warm egui's font atlas and text cache, as a frame while panning finds them.
    frame(&ctx, &scene, &view);
    let mut step = 0.0;
    bencher.bench_local(|| {
        step += 1.0;
        view.pan(Vec2::new(step % 7.0, 1.0));
        frame(&ctx, &scene, &view)
    });
}

/// The whole map fitted to the screen (labels too small to read are left out).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_fitted(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, false);
}

/// Zoomed in to read the labels, panning.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn frame_zoomed(bencher: Bencher, roles: usize) {
    bench_frame(bencher, roles, true);
}
