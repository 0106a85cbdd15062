//! One whole frame of the app (menus, outline, inspector, canvas; or the presentation) on a
//! generated map, as `frame_ui` runs it, without the GPU. Run: `cargo bench --bench app`.
//! Figures and how they were taken: BENCHMARKS.md.
//!
//! The map is laid out and the scene built before measuring: these frames are what an idle
//! or panning window costs once the map is on screen.

use divan::Bencher;
use eframe::egui::Vec2;
use egui_kittest::Harness;
use orgmap::app::OrgMapApp;
use orgmap::model::generate::{GenerateOptions, generate};

fn main() {
    divan::main();
}

/// The app on a generated map of `roles` roles, laid out and drawn once.
fn app_on(roles: usize, presenting: bool) -> Harness<'static, OrgMapApp> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    orgmap::format::save(&path, &generate(&GenerateOptions { roles, ..Default::default() }))
        .unwrap();
    let mut app = OrgMapApp::open(Some(&path));
    if presenting {
        app.start_presenting(0);
    }
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut OrgMapApp| app.frame_ui(ui), app);
    // Large maps are laid out on another thread: wait for it.
    for _ in 0..2000 {
        harness.run_steps(1);
        if presenting || harness.state().scene().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_steps(3);
    harness
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn editor_frame(bencher: Bencher, roles: usize) {
    let mut harness = app_on(roles, false);
    bencher.bench_local(|| harness.run_steps(1));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn presenting_frame(bencher: Bencher, roles: usize) {
    let mut harness = app_on(roles, true);
    bencher.bench_local(|| harness.run_steps(1));
}

/// The editor with the side panel on the skills matrix (5,000 people at 10,000 roles).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn skills_matrix_frame(bencher: Bencher, roles: usize) {
    let mut harness = app_on(roles, false);
    harness.state_mut().outline_tab(orgmap::ui::outline::Tab::Skills);
    harness.run_steps(3);
    bencher.bench_local(|| harness.run_steps(1));
}

/// The editor with the side panel on the health check (its duplicated duties worked out on
/// another thread: the frames measured are those after it is done).
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn health_tab_frame(bencher: Bencher, roles: usize) {
    let mut harness = app_on(roles, false);
    harness.state_mut().outline_tab(orgmap::ui::outline::Tab::Health);
    for _ in 0..400 {
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    bencher.bench_local(|| harness.run_steps(1));
}
