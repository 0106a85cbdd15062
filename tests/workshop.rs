//! Workshop mode, driven like a facilitator would: present a sample, step through it with a
//! clicker's keys, spotlight a role, leave; and the map following its file when another
//! program changes it.

use std::time::{Duration, Instant};

use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgmap::app::OrgMapApp;
use orgmap::format;
use orgmap::scene::present::Step;

mod common;
use common::{app_on_copy, click_at, click_role};

fn press(harness: &mut Harness<'_, OrgMapApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

fn step(harness: &Harness<'_, OrgMapApp>) -> usize {
    harness.state().present.step
}

#[test]
fn clicker_keys_step_through_the_rings_and_a_click_spotlights_a_role() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    press(&mut harness, egui::Key::F5);
    assert!(harness.state().presenting);
    harness.get_by_label_contains("Ring 1 of 4: The person, their family and Community Circle");
    // Forward with what clickers send, back with the other keys.
    for key in [egui::Key::ArrowRight, egui::Key::PageDown, egui::Key::Space] {
        let before = step(&harness);
        press(&mut harness, key);
        assert_eq!(step(&harness), before + 1, "{key:?} goes forward");
    }
    harness.get_by_label_contains("Ring 4 of 4");
    for key in [egui::Key::ArrowLeft, egui::Key::PageUp, egui::Key::ArrowUp] {
        let before = step(&harness);
        press(&mut harness, key);
        assert_eq!(step(&harness), before - 1, "{key:?} goes back");
    }
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(step(&harness), 1);
    press(&mut harness, egui::Key::End);
    harness.get_by_label_contains("Role 18 of 18");
    assert!(harness.state().present.spotlight.is_some(), "the tour spotlights its role");
    press(&mut harness, egui::Key::Home);
    assert_eq!(step(&harness), 0);
    assert_eq!(harness.state().present.spotlight, None);

    // At the whole map, clicking a role spotlights it: the card shows its purpose.
    press(&mut harness, egui::Key::End);
    let rings = harness.state().doc.map.rings.len();
    for _ in 0..(harness.state().doc.map.roles.len()) {
        press(&mut harness, egui::Key::ArrowLeft);
    }
    assert_eq!(step(&harness), rings - 1);
    let coach = harness.state().doc.map.role_index("practice-coach").unwrap();
    let pos = presented_pos(&harness, coach);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().present.spotlight, Some(coach));
    let purpose = harness.state().doc.map.roles[coach].purpose.clone();
    harness.get_by_label(&purpose);
    // The background leaves the spotlight; Esc leaves the presentation.
    click_at(&mut harness, egui::pos2(8.0, 8.0));
    assert_eq!(harness.state().present.spotlight, None);
    assert!(harness.query_by_label(&purpose).is_none());
    press(&mut harness, egui::Key::Escape);
    assert!(!harness.state().presenting);
    harness.get_by_label("File");
}

/// Where role `i` is drawn in the presentation at the current step, without a spotlight.
fn presented_pos(harness: &Harness<'_, OrgMapApp>, i: usize) -> egui::Pos2 {
    let app = harness.state();
    let size = egui::vec2(1280.0, 800.0);
    let layout = app.doc.drawn_layout().expect("laid out");
    let options = OrgMapApp::layout_options();
    let presentation = orgmap::scene::present::Presentation::new(layout, &options);
    let step = presentation.steps[app.present.step];
    assert!(matches!(step, Step::Rings(_)));
    let (center, zoom) = presentation.camera(step, (size.x as f64, size.y as f64));
    let pos = presentation.layout.roles[i].pos;
    egui::pos2(
        size.x / 2.0 + ((pos.x - center.x) * zoom) as f32,
        size.y / 2.0 + ((pos.y - center.y) * zoom) as f32,
    )
}

/// Runs frames until `done` or five seconds of real time (the watcher's thread reports the
/// change in its own time; a loaded CI machine may be slow to).
fn wait_for(harness: &mut Harness<'_, OrgMapApp>, done: impl Fn(&OrgMapApp) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        harness.run_steps(1);
        if done(harness.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn a_change_on_disk_reloads_keeping_the_selection_and_view() {
    let (_dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let coach = click_role(&mut harness, "practice-coach");
    // Zoomed in on a part (a fitted view would fit the changed map again).
    press(&mut harness, egui::Key::Plus);
    let view = harness.state().view;
    // Another program renames a role and adds one at the front of the list.
    let mut changed = format::load(&path).unwrap();
    changed.roles[coach].name = "Practice Coach (renamed in git)".into();
    changed.roles.insert(0, orgmap::model::Role::new("newcomer", "Newcomer", "circle"));
    let ring = changed.rings[0].id.clone();
    changed.roles[0].ring = ring;
    format::save(&path, &changed).unwrap();
    assert!(
        wait_for(&mut harness, |app| app.doc.map.roles.len() == changed.roles.len()),
        "the map reloads (within a second here; the test allows five)"
    );
    let app = harness.state();
    assert_eq!(app.doc.map, changed);
    let selected = app.selected_role().expect("the selection is kept");
    assert_eq!(app.doc.map.roles[selected].id, "practice-coach", "kept by id, not by place");
    assert_eq!(app.view, view, "the view is kept");
    assert!(!app.doc.is_dirty());
    // Saving here is not taken for another program's change.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    std::thread::sleep(Duration::from_millis(300));
    harness.run_steps(30);
    assert!(harness.state().error_message().is_none());
    assert!(!harness.state().is_asking_about_disk_change());
}

#[test]
fn a_change_on_disk_with_unsaved_edits_here_asks_which_to_keep() {
    let (_dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let coach = click_role(&mut harness, "practice-coach");
    harness.key_press(egui::Key::Delete);
    harness.run_steps(2);
    let edited = harness.state().doc.map.clone();
    assert!(harness.state().doc.is_dirty());
    let mut changed = format::load(&path).unwrap();
    changed.name = "Renamed elsewhere".into();
    format::save(&path, &changed).unwrap();
    assert!(wait_for(&mut harness, OrgMapApp::is_asking_about_disk_change));
    harness.run_steps(2);
    harness.get_by_label("“wellbeing_teams.ron” changed on disk");
    assert_eq!(harness.state().doc.map, edited, "nothing is replaced before the answer");
    harness.get_by_label("Keep my changes").click();
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map, edited);
    assert_eq!(format::load(&path).unwrap(), changed, "the other program's file is untouched");

    // The next change on disk asks again; this time the file's version is loaded.
    changed.purpose = "Changed again".into();
    format::save(&path, &changed).unwrap();
    assert!(wait_for(&mut harness, OrgMapApp::is_asking_about_disk_change));
    harness.run_steps(2);
    harness.get_by_label("Load the file's version").click();
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map, changed);
    assert!(harness.state().doc.map.role("practice-coach").is_some());
    let _ = coach;
}

#[test]
fn a_file_made_invalid_on_disk_shows_its_error_and_keeps_the_last_good_map() {
    let (_dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let before = harness.state().doc.map.clone();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("ring: \"team\"", "ring: \"no-such-ring\"")).unwrap();
    assert!(wait_for(&mut harness, |app| app.error_message().is_some()));
    let message = harness.state().error_message().unwrap().to_string();
    assert!(message.contains("no-such-ring"), "{message}");
    assert!(message.contains("last good one"), "{message}");
    assert_eq!(harness.state().doc.map, before);
}

#[test]
fn the_projector_window_shows_the_presented_map_while_the_editor_stays() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Projector window").click();
    harness.run_steps(3);
    assert!(harness.state().projector);
    assert!(!harness.state().presenting, "the editor keeps its menus and inspector");
    harness.get_by_label_contains("Ring 1 of 4");
    // The clicker works from the editor: the projector follows in the same frame.
    press(&mut harness, egui::Key::ArrowRight);
    harness.get_by_label_contains("Ring 2 of 4");
    // An edit in the editor shows on the projector at once.
    let coach = click_role(&mut harness, "practice-coach");
    harness.state_mut().present.step = 0;
    let name = harness.state().doc.map.roles[coach].name.clone();
    assert!(harness.get_all_by_label_contains(&name).count() >= 1);
    harness.get_by_label("File");
}
