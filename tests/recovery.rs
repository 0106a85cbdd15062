//! Crash recovery: unsaved edits survive a session that ends without closing (a crash, a
//! kill) and are offered back, intact, at the next start.

use std::path::{Path, PathBuf};

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgmap::app::OrgMapApp;
use orgmap::format;

mod common;
use common::{click_role, harness_for, sample_path};

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

/// A copy of a sample in a fresh folder, and the folder recovery copies go to.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    std::fs::copy(sample_path("wellbeing_teams.ron"), &path).unwrap();
    let recovery = dir.path().join("data");
    (dir, path, recovery)
}

/// A session of the app on `path`, keeping recovery copies in `recovery`.
fn session(path: &Path, recovery: &Path) -> Harness<'static, OrgMapApp> {
    let mut harness = harness_for(OrgMapApp::open(Some(path)).with_recovery(recovery.into()));
    harness.run_steps(3);
    harness
}

#[test]
fn unsaved_edits_of_a_killed_session_are_offered_back_intact() {
    let (_dir, path, recovery) = setup();

    // A session edits a purpose and is killed: no close, no save, no exit handler.
    let mut harness = session(&path, &recovery);
    let coach = click_role(&mut harness, "practice-coach");
    let purpose = || Role::MultilineTextInput;
    harness.get_by_role_and_label(purpose(), "Purpose").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(purpose(), "Purpose").type_text(" Written before");
    harness.run_steps(240);
    // More typing, kept once the interval has passed (4 s at 60 frames a second).
    harness.get_by_role_and_label(purpose(), "Purpose").type_text(" the crash.");
    harness.run_steps(240);
    let edited = harness.state().doc.map.clone();
    assert!(edited.roles[coach].purpose.ends_with("Written before the crash."));
    assert_eq!(files_in(&recovery), 1, "one recovery copy, beside nothing of the user's");
    assert!(!format::load(&path).unwrap().roles[coach].purpose.contains("crash"));
    drop(harness);

    // The next start offers it; Restore brings the edits back, unsaved, for the same file.
    let mut harness = session(&path, &recovery);
    assert!(harness.state().is_offering_recovery());
    harness.get_by_label("Restore unsaved changes?");
    harness.get_by_label_contains("“team.ron”");
    harness.get_by_label("Restore").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.doc.map, edited, "the edits come back intact");
    assert!(app.doc.is_dirty(), "restored edits are not saved yet");
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));

    // A save writes the file and removes every recovery copy.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    assert_eq!(format::load(&path).unwrap(), edited);
    assert_eq!(files_in(&recovery), 0);
}

#[test]
fn discarding_a_recovered_copy_removes_it_and_keeps_the_file() {
    let (_dir, path, recovery) = setup();
    let mut harness = session(&path, &recovery);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.key_press(egui::Key::Delete);
    harness.run_steps(3);
    assert!(harness.state().doc.map.roles.is_empty());
    drop(harness);

    let mut harness = session(&path, &recovery);
    harness.get_by_label("Discard").click();
    harness.run_steps(3);
    assert!(!harness.state().is_offering_recovery());
    assert_eq!(files_in(&recovery), 0);
    assert_eq!(harness.state().doc.map, format::load(&path).unwrap());
    assert!(!harness.state().doc.map.roles.is_empty());
}
