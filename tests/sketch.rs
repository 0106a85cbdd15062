//! Sketching a structure by hand in the app, driven like a user would: menus, context menus,
//! double-clicks on rings, typing names, Shift-dragging links, dragging roles.

use eframe::egui::{self, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgmap::app::OrgMapApp;
use orgmap::format;
use orgmap::layout::Point;
use orgmap::model::LinkKind;
use orgmap::ui::selection::Selection;

mod common;
use common::{app_on_copy, click_at, double_click, drag, right_click};

/// Where the map point `p` is on screen.
fn screen(harness: &Harness<'_, OrgMapApp>, p: Point) -> Pos2 {
    let app = harness.state();
    app.view.transform(app.canvas_rect().expect("the canvas is drawn")).to_screen(p)
}

/// A point in the middle of ring `k`'s band, `degrees` clockwise from 12 o'clock.
fn on_ring(harness: &Harness<'_, OrgMapApp>, k: usize, degrees: f64) -> Pos2 {
    let layout = harness.state().doc.drawn_layout().expect("laid out");
    let ring = &layout.rings[k];
    let middle = if k == 0 { ring.outer * 0.7 } else { (ring.inner + ring.outer) / 2.0 };
    screen(harness, Point::polar(middle, degrees.to_radians()))
}

/// The middle of ring `k`'s band at the angle farthest from any of its roles: a place on the
/// ring itself, wherever the layout has put them.
fn free_on_ring(harness: &Harness<'_, OrgMapApp>, k: usize) -> Pos2 {
    let layout = harness.state().doc.drawn_layout().expect("laid out");
    let angles: Vec<f64> = layout.roles.iter().filter(|r| r.ring == k).map(|r| r.angle).collect();
    let clearance = |degrees: f64| {
        let at = degrees.to_radians();
        angles.iter().map(|&a| orgmap::layout::angular_distance(a, at)).fold(f64::MAX, f64::min)
    };
    let best = (0..360).map(f64::from).max_by(|a, b| clearance(*a).total_cmp(&clearance(*b)));
    on_ring(harness, k, best.unwrap_or(0.0))
}

fn role_pos(harness: &Harness<'_, OrgMapApp>, name: &str) -> Pos2 {
    let app = harness.state();
    let index = app.doc.map.roles.iter().position(|r| r.name == name).expect("the role exists");
    app.role_screen_pos(index).expect("the role is drawn")
}

/// Types into the focused field, replacing what is selected in it.
fn type_in_focus(harness: &mut Harness<'_, OrgMapApp>, text: &str) {
    harness.event(egui::Event::Text(text.into()));
    harness.run_steps(2);
}

/// Replaces the text of the field labelled `label` (selects all of it, then types).
fn retype(harness: &mut Harness<'_, OrgMapApp>, label: &str, text: &str) {
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    type_in_focus(harness, text);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
}

/// Clicks `item` of `menu` (its label goes on with the shortcut, if it has one).
fn menu(harness: &mut Harness<'_, OrgMapApp>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run_steps(2);
    harness.get_by_label_contains(item).click();
    harness.run_steps(3);
}

#[test]
fn a_small_map_is_built_from_empty_using_only_the_ui() {
    let (_dir, path, mut harness) = app_on_copy("empty.ron");

    // Two rings: one from the Map menu, one from the first new ring's inspector.
    menu(&mut harness, "Map", "Add ring outside");
    assert_eq!(harness.state().selection, Selection::Ring(1));
    // A new ring's name field has the keyboard, its placeholder selected: typing names it.
    type_in_focus(&mut harness, "Wellbeing Team");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label("Add ring outside").click();
    harness.run_steps(3);
    retype(&mut harness, "Name", "Support");
    assert_eq!(harness.state().doc.map.rings.len(), 3);

    // Two roles by double-clicking on the rings: each is selected with its name field
    // focused and its placeholder name selected, so typing names it.
    let at = on_ring(&harness, 1, 90.0);
    double_click(&mut harness, at);
    assert_eq!(harness.state().selected_role(), Some(0));
    type_in_focus(&mut harness, "Wellbeing Worker");
    let at = on_ring(&harness, 2, 200.0);
    double_click(&mut harness, at);
    type_in_focus(&mut harness, "Practice Coach");

    // A team from the support ring's context menu, renamed, then a role added in it.
    let at = on_ring(&harness, 2, 300.0);
    right_click(&mut harness, at);
    harness.get_by_label("Add team on this ring").click();
    harness.run_steps(3);
    retype(&mut harness, "Name", "Coaches");
    harness.get_by_label("Add role in this team").click();
    harness.run_steps(3);
    type_in_focus(&mut harness, "Team Coach");

    // A link: Shift-drag from the Practice Coach to the Wellbeing Worker, then its kind.
    let (from, to) = (role_pos(&harness, "Practice Coach"), role_pos(&harness, "Wellbeing Worker"));
    drag(&mut harness, from, to, Modifiers::SHIFT);
    harness.get_by_label("What kind of link?");
    harness.get_by_role_and_label(egui::accesskit::Role::RadioButton, "coaches").click();
    harness.run_steps(3);

    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert!(harness.state().error_message().is_none(), "{:?}", harness.state().error_message());
    assert!(!harness.state().doc.is_dirty());

    let saved = format::load(&path).expect("the saved file loads");
    let rings: Vec<&str> = saved.rings.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rings, ["The people we serve", "Wellbeing Team", "Support"]);
    let roles: Vec<(&str, &str, &str)> =
        saved.roles.iter().map(|r| (r.name.as_str(), r.ring.as_str(), r.team.as_str())).collect();
    // Ids follow the names typed (the file reads well in git), references included.
    assert_eq!(
        roles,
        [
            ("Wellbeing Worker", "wellbeing-team", ""),
            ("Practice Coach", "support", ""),
            ("Team Coach", "support", "coaches"),
        ]
    );
    let ids: Vec<&str> = saved.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["wellbeing-worker", "practice-coach", "team-coach"]);
    assert_eq!(saved.teams.len(), 1);
    let team = &saved.teams[0];
    assert_eq!((team.name.as_str(), team.ring.as_str()), ("Coaches", "support"));
    assert_eq!(saved.links.len(), 1);
    let link = &saved.links[0];
    assert_eq!((link.from.as_str(), link.to.as_str()), ("practice-coach", "wellbeing-worker"));
    assert_eq!(link.kind, LinkKind::Coaches);
    assert!(orgmap::model::validate(&saved).is_empty());
}

#[test]
fn dragging_a_role_pins_it_where_it_is_dropped_and_undo_puts_it_back() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let index = harness.state().doc.map.role_index("reporter-recorder").unwrap();
    let before = harness.state().doc.map.roles[index].clone();
    let ring = harness.state().doc.drawn_layout().unwrap().roles[index].ring;
    let from = harness.state().role_screen_pos(index).unwrap();
    // Dropped on its own ring at 3 o'clock... well, at 100 degrees.
    let layout = harness.state().doc.drawn_layout().unwrap();
    let radius = layout.rings[ring].radius;
    let to = screen(&harness, layout.roles[index].node_at(radius, 100f64.to_radians()));
    drag(&mut harness, from, to, Modifiers::NONE);
    let moved = &harness.state().doc.map.roles[index];
    let pinned = moved.angle.expect("the drop pins the role");
    assert!((pinned - 100.0).abs() < 2.0, "pinned at {pinned}");
    assert_eq!(moved.ring, before.ring);
    let placed = harness.state().doc.drawn_layout().unwrap().roles[index].angle_degrees();
    assert!((placed - pinned).abs() < 1e-6, "the layout keeps the pin");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().doc.map.roles[index], before);
}

#[test]
fn several_roles_are_selected_then_deleted_with_their_links_and_undo_restores_them() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let before = harness.state().doc.map.clone();
    for name in ["Team Coach", "Practice Coach"] {
        let pos = role_pos(&harness, name);
        harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
        click_at(&mut harness, pos);
        harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    }
    assert_eq!(harness.state().selection.roles().len(), 2);
    harness.get_by_label("2 roles selected");
    harness.key_press(egui::Key::Delete);
    harness.run_steps(3);
    let map = &harness.state().doc.map;
    assert_eq!(map.roles.len(), before.roles.len() - 2);
    assert!(map.role("team-coach").is_none() && map.role("practice-coach").is_none());
    assert!(orgmap::model::validate(map).is_empty(), "no link is left dangling");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map, before);
}

#[test]
fn deleting_a_ring_with_roles_asks_where_they_go() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let before = harness.state().doc.map.clone();
    let roles_on_team_ring = before.roles.iter().filter(|r| r.ring == "team").count();
    let at = free_on_ring(&harness, 1);
    right_click(&mut harness, at);
    harness.get_by_label("Delete ring…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Where should they go?");
    // The default is the next ring inward; nothing is deleted until the button is pressed.
    assert_eq!(harness.state().doc.map, before);
    harness.get_by_label("Delete ring").click();
    harness.run_steps(3);
    let map = &harness.state().doc.map;
    assert_eq!(map.rings.len(), before.rings.len() - 1);
    assert_eq!(map.roles.len(), before.roles.len(), "no role is lost");
    let centre = map.roles.iter().filter(|r| r.ring == before.rings[0].id).count();
    let was_centre = before.roles.iter().filter(|r| r.ring == before.rings[0].id).count();
    assert_eq!(centre, was_centre + roles_on_team_ring);
}

#[test]
fn find_highlights_matches_and_choosing_one_selects_it() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    type_in_focus(&mut harness, "coach");
    harness.run_steps(2);
    let matches = harness.state().scene_focus().matches.clone().expect("the search is on");
    let names: Vec<&str> =
        matches.iter().map(|&i| harness.state().doc.map.roles[i].name.as_str()).collect();
    assert_eq!(names, ["Team Coach", "Practice Coach", "Practice Coaches' Community of Practice"]);
    harness.get_by_label("3 roles found");
    harness.get_by_label("Practice Coach").click();
    harness.run_steps(3);
    let coach = harness.state().doc.map.role_index("practice-coach");
    assert_eq!(harness.state().selected_role(), coach);
}

#[test]
fn people_are_added_named_and_assigned_from_the_people_panel() {
    let (_dir, _path, mut harness) = app_on_copy("empty.ron");
    let centre = on_ring(&harness, 0, 180.0);
    double_click(&mut harness, centre);
    type_in_focus(&mut harness, "Team Coach");
    harness.get_by_label_contains("People (0)").click();
    harness.run_steps(2);
    harness.get_by_label("+ Add person").click();
    harness.run_steps(3);
    // The new person's name field has the keyboard.
    type_in_focus(&mut harness, "Lesley");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get(egui_kittest::kittest::by().value("Assign to a role…")).click();
    harness.run_steps(2);
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Team Coach").click();
    harness.run_steps(3);
    let map = &harness.state().doc.map;
    assert_eq!(map.people.len(), 1);
    assert_eq!((map.people[0].id.as_str(), map.people[0].name.as_str()), ("lesley", "Lesley"));
    assert_eq!(map.roles[0].holders, ["lesley"], "the role is held by the new person");
    harness.get_by_label_contains("Lesley  (1 role)");
    assert!(orgmap::model::validate(map).is_empty());
}
