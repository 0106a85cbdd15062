//! What the app tests share: a harness on a copy of a sample, and pointer and keyboard
//! helpers that act like a user.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgmap::app::OrgMapApp;

pub fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name)
}

/// The app on a copy of a sample (so that saving never touches the repository's file).
pub fn app_on_copy(name: &str) -> (tempfile::TempDir, PathBuf, Harness<'static, OrgMapApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(sample_path(name), &path).unwrap();
    let mut harness = harness_for(OrgMapApp::open(Some(&path)));
    harness.run_steps(3);
    (dir, path, harness)
}

/// The app in a 1280 x 800 window.
pub fn harness_for(app: OrgMapApp) -> Harness<'static, OrgMapApp> {
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        // Frames a 60th of a second apart, so that two quick clicks are a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut OrgMapApp| app.frame_ui(ui), app)
}

/// Presses (`down`) or releases a pointer button at `pos`, for one frame.
pub fn button_event(
    harness: &mut Harness<'_, OrgMapApp>,
    pos: Pos2,
    button: egui::PointerButton,
    down: bool,
) {
    harness.event(egui::Event::PointerButton {
        pos,
        button,
        pressed: down,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(1);
}

pub fn click_at(harness: &mut Harness<'_, OrgMapApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    button_event(harness, pos, egui::PointerButton::Primary, true);
    button_event(harness, pos, egui::PointerButton::Primary, false);
    harness.run_steps(2);
}

pub fn double_click(harness: &mut Harness<'_, OrgMapApp>, pos: Pos2) {
    // Half a second after any earlier click, so that this is not taken for a triple-click.
    harness.hover_at(pos);
    harness.run_steps(30);
    for _ in 0..2 {
        button_event(harness, pos, egui::PointerButton::Primary, true);
        button_event(harness, pos, egui::PointerButton::Primary, false);
    }
    harness.run_steps(3);
}

/// A right-click at `pos` (its context menu opens).
pub fn right_click(harness: &mut Harness<'_, OrgMapApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    button_event(harness, pos, egui::PointerButton::Secondary, true);
    button_event(harness, pos, egui::PointerButton::Secondary, false);
    harness.run_steps(1);
}

pub fn role_index(harness: &Harness<'_, OrgMapApp>, id: &str) -> usize {
    harness.state().doc.map.role_index(id).unwrap()
}

/// Selects a role by clicking on its node on the canvas.
pub fn click_role(harness: &mut Harness<'_, OrgMapApp>, id: &str) -> usize {
    let index = role_index(harness, id);
    let pos = harness.state().role_screen_pos(index).expect("the role is drawn");
    click_at(harness, pos);
    index
}

/// Types `path` over whatever the path field (labelled `label`) holds.
pub fn type_path(harness: &mut Harness<'_, OrgMapApp>, label: &str, path: &Path) {
    harness.get_by_role_and_label(Role::TextInput, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, label).type_text(path.to_str().unwrap());
    harness.run_steps(1);
}

/// Drags from `from` to `to` in small steps, holding `modifiers`.
pub fn drag(harness: &mut Harness<'_, OrgMapApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    harness.run_steps(1);
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    harness.run_steps(1);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

/// Runs the orgmap binary in the repository's folder.
pub fn orgmap(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_orgmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the orgmap binary runs")
}
