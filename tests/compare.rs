//! File > Compare with…: the app shows what changed against the last commit or another file,
//! lists the changes, selects what a line is about, and returns to editing.

use std::path::Path;
use std::process::Command;

use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgmap::app::OrgMapApp;
use orgmap::format;
use orgmap::model::{OrgMap, Role};

mod common;
use common::{app_on_copy, click_at, drag, harness_for, type_path};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// The restructure the tests compare: one role renamed, one added, one removed (with its
/// link), one moved to another ring and team.
fn restructure(map: &mut OrgMap) {
    map.roles.retain(|r| r.id != "designer");
    map.links.retain(|l| l.from != "designer" && l.to != "designer");
    let partner = map.role_index("coproduction-partner").unwrap();
    map.roles[partner].name = "Co-production Lead".into();
    let mut storyteller = Role::new("storyteller", "Storyteller", "support");
    storyteller.team = "coproduction".into();
    map.roles.push(storyteller);
    let adviser = map.role_index("learning-adviser").unwrap();
    map.roles[adviser].ring = "support".into();
    map.roles[adviser].team = "coproduction".into();
}

/// The Wellbeing sample committed in a new repository, then restructured on disk, and the
/// app open on it.
fn committed_then_restructured() -> (tempfile::TempDir, Harness<'static, OrgMapApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    std::fs::copy(common::sample_path("wellbeing_teams.ron"), &path).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "map.ron"]);
    git(dir.path(), &["commit", "-q", "-m", "The map as agreed"]);
    let mut map = format::load(&path).unwrap();
    restructure(&mut map);
    format::save(&path, &map).unwrap();
    let mut harness = harness_for(OrgMapApp::open(Some(&path)));
    harness.run_steps(3);
    (dir, harness)
}

fn open_file_menu_item(harness: &mut Harness<'_, OrgMapApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains(item).click();
    harness.run_steps(4);
}

fn ghost_of(harness: &Harness<'_, OrgMapApp>, id: &str) -> usize {
    let compared = harness.state().comparison().unwrap().compared().unwrap();
    compared.union.roles.iter().position(|r| r.id == id).unwrap()
}

#[test]
fn comparing_with_the_last_commit_lists_the_changes_and_a_line_selects_its_role() {
    let (_dir, mut harness) = committed_then_restructured();
    open_file_menu_item(&mut harness, "Compare with the last commit");
    let comparison = harness.state().comparison().expect("comparing");
    assert_eq!(comparison.against, "the last commit");
    harness.get_by_label("What changed");
    harness.get_by_label("6 changes");
    // The ghost of the removed role is drawn where it was, marked, and faded.
    let ghost = ghost_of(&harness, "designer");
    assert!(ghost >= harness.state().doc.map.roles.len(), "after the map's own roles");
    assert!(harness.state().comparison().unwrap().compared().unwrap().ghosts.contains(&ghost));

    // A line selects the role it is about (here the new one), in the map as it is now.
    harness.get_by_label_contains("added role storyteller").click();
    harness.run_steps(3);
    let storyteller = harness.state().doc.map.role_index("storyteller").unwrap();
    assert_eq!(harness.state().selected_role(), Some(storyteller));
    assert_eq!(
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Name").value(),
        Some("Storyteller".to_string())
    );

    // The removed role's line shows it as it was, greyed: there is nothing to edit.
    harness.get_by_label_contains("removed role designer").click();
    harness.run_steps(3);
    assert_eq!(harness.state().comparison().unwrap().ghost, Some(ghost));
    assert_eq!(harness.state().selected_role(), None);
    harness.get_by_label("Removed since the last commit");
    let purpose =
        harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Purpose");
    assert!(purpose.value().unwrap().starts_with("Turn our circular structure"));
    assert!(purpose.accesskit_node().is_disabled(), "not editable: it is not in the map");

    // Clicking a role on the map selects it too (after F fits the map again: the line's
    // click zoomed in to the role); nothing is dragged or edited there.
    harness.key_press(egui::Key::F);
    harness.run_steps(2);
    let coach = harness.state().doc.map.role_index("practice-coach").unwrap();
    let pos = harness.state().role_screen_pos(coach).unwrap();
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selected_role(), Some(coach));
    assert_eq!(harness.state().comparison().unwrap().ghost, None);
    let pos = harness.state().role_screen_pos(ghost).unwrap();
    click_at(&mut harness, pos);
    assert_eq!(harness.state().comparison().unwrap().ghost, Some(ghost), "the ghost, clicked");
    let pos = harness.state().role_screen_pos(coach).unwrap();
    drag(&mut harness, pos, pos + egui::vec2(90.0, 40.0), Modifiers::NONE);
    assert!(!harness.state().doc.is_dirty(), "a drag pans the comparison, moves nothing");

    // Esc clears the selection, then leaves the comparison: back to editing, map unchanged.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().selected_role(), None);
    assert!(harness.state().comparison().is_some());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().comparison().is_none());
    assert!(harness.query_by_label("What changed").is_none());
    assert!(!harness.state().doc.is_dirty());
}

#[test]
fn an_edit_made_while_comparing_is_compared_too() {
    let (_dir, mut harness) = committed_then_restructured();
    open_file_menu_item(&mut harness, "Compare with the last commit");
    harness.get_by_label("6 changes");
    // Ctrl+R adds a role, as in editing: the comparison counts it at once.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::R);
    harness.run_steps(4);
    harness.get_by_label("7 changes");
    // "Back to editing" leaves; the new role is still there, unsaved.
    harness.get_by_label_contains("Back to editing").click();
    harness.run_steps(3);
    assert!(harness.state().comparison().is_none());
    assert_eq!(harness.state().doc.map.roles.len(), 19);
    assert!(harness.state().doc.is_dirty());
}

#[test]
fn comparing_with_another_file_typed_as_a_path() {
    let (dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;
    let mut other = format::load(&path).unwrap();
    restructure(&mut other);
    let other_path = dir.path().join("proposal.ron");
    format::save(&other_path, &other).unwrap();
    open_file_menu_item(&mut harness, "Compare with a file…");
    type_path(&mut harness, "Path of the file (.ron)", &other_path);
    harness.get_by_label("Compare").click();
    harness.run_steps(4);
    // Against the proposal, the map open is the old one: what the proposal adds is removed.
    assert_eq!(harness.state().comparison().unwrap().against, "proposal.ron");
    harness.get_by_label("6 changes");
    harness.get_by_label_contains("removed role storyteller");
    harness.get_by_label_contains("added role designer");
}

#[test]
fn a_map_that_is_not_in_git_says_so_and_stays_as_it_was() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    open_file_menu_item(&mut harness, "Compare with the last commit");
    assert!(harness.state().comparison().is_none());
    let message = harness.state().error_message().expect("an error is shown").to_string();
    assert!(
        message.contains("not in a git repository") || message.contains("not committed"),
        "{message}"
    );
    assert!(message.contains("compare with a file"), "{message}");
}

#[test]
fn a_big_map_is_compared_off_the_ui_thread_and_then_listed() {
    use orgmap::model::generate::{GenerateOptions, generate};
    let old = generate(&GenerateOptions { roles: 2500, seed: 3, ..Default::default() });
    let mut new = old.clone();
    new.roles[10].name = "Renamed in the workshop".into();
    let removed = new.roles.pop().unwrap();
    new.links.retain(|l| l.from != removed.id && l.to != removed.id);
    let mut comparison = orgmap::app::Comparison::new("the proposal".into(), old);
    // The first frame does not wait for the layout of 5,000 roles: it comes a few frames on.
    assert!(!comparison.update(&new, 1), "worked out on another thread");
    let start = std::time::Instant::now();
    while !comparison.update(&new, 1) {
        assert!(start.elapsed().as_secs() < 120, "the comparison never arrived");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let compared = comparison.compared().unwrap();
    assert_eq!(compared.ghosts.len(), 1);
    let lines: Vec<&str> = comparison.entries().iter().map(|e| e.text.as_str()).collect();
    assert!(lines.iter().any(|l| l.contains("Renamed in the workshop")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains(&format!("removed role {}", removed.id))));
}
