//! The inspector for the map's structure: a ring, a team, a link, or several roles at once.
//! Like the role inspector, each edits a copy and returns one command; buttons that need a
//! question first (deleting a ring) return an [`Action`].

use eframe::egui::{self, RichText};

use super::context_menu::kind_choice_ui;
use super::inspector::{Changes, InspectorOutput, finish, name_field_ui, text_field};
use super::menus::Action;
use super::selection::Selection;
use crate::edit::{Command, Item};
use crate::font::visual;
use crate::model::{LinkKind, OrgMap};
use crate::scene::Color;

pub fn ring_ui(ui: &mut egui::Ui, map: &OrgMap, index: usize, focus: bool) -> InspectorOutput {
    let original = &map.rings[index];
    let mut ring = original.clone();
    let mut changes = Changes::default();
    let key = |field: &str| format!("ring:{index}:{field}");
    let place = match index {
        0 => "the centre".to_string(),
        n => format!("ring {} of {}, from the centre", n + 1, map.rings.len()),
    };
    ui.heading(visual(&ring.name));
    let roles = map.roles.iter().filter(|r| r.ring == ring.id).count();
    let teams = map.teams.iter().filter(|t| t.ring == ring.id).count();
    ui.weak(format!("Ring: {place}. {roles} roles, {teams} teams."));
    ui.add_space(4.0);
    name_field_ui(ui, &mut ring.name, &key("name"), focus, &mut changes);
    text_field(ui, "Description", &mut ring.description, true, &key("description"), &mut changes);
    color_ui(ui, &mut ring.color, &key("color"), &mut changes);

    let mut action = None;
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let mut button = |ui: &mut egui::Ui, enabled: bool, text: &str, then: Action| {
            if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
                action = Some(then);
            }
        };
        button(ui, true, "Add role", Action::AddRole { ring: index, team: None });
        button(ui, true, "Add team", Action::AddTeam { ring: index });
        button(ui, true, "Add ring inside", Action::AddRing { at: index });
        button(ui, true, "Add ring outside", Action::AddRing { at: index + 1 });
        button(ui, index > 0, "Move in", Action::MoveRing { index, to: index.saturating_sub(1) });
        let last = index + 1 >= map.rings.len();
        button(ui, !last, "Move out", Action::MoveRing { index, to: index + 1 });
        button(ui, map.rings.len() > 1, "Delete ring…", Action::DeleteRing(index));
    });
    let command = (ring != *original).then_some(Command::Set { index, item: Item::Ring(ring) });
    InspectorOutput { action, ..finish(&mut changes, command) }
}

pub fn team_ui(ui: &mut egui::Ui, map: &OrgMap, index: usize, focus: bool) -> InspectorOutput {
    let original = &map.teams[index];
    let mut team = original.clone();
    let mut changes = Changes::default();
    let key = |field: &str| format!("team:{index}:{field}");
    ui.heading(visual(&team.name));
    let ring = map.ring(&team.ring).map_or("?", |r| r.name.as_str());
    let roles = map.roles.iter().filter(|r| r.team == team.id).count();
    ui.weak(format!("Team on the ring “{ring}”. {roles} roles."));
    ui.add_space(4.0);
    name_field_ui(ui, &mut team.name, &key("name"), focus, &mut changes);
    text_field(ui, "Description", &mut team.description, true, &key("description"), &mut changes);
    color_ui(ui, &mut team.color, &key("color"), &mut changes);
    let mut action = None;
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        if let Some(ring) = map.rings.iter().position(|r| r.id == team.ring)
            && ui.button("Add role in this team").clicked()
        {
            action = Some(Action::AddRole { ring, team: Some(index) });
        }
        if ui.button("Delete team…").clicked() {
            action = Some(Action::DeleteTeam(index));
        }
    });
    let command = (team != *original).then_some(Command::Set { index, item: Item::Team(team) });
    InspectorOutput { action, ..finish(&mut changes, command) }
}

pub fn link_ui(ui: &mut egui::Ui, map: &OrgMap, index: usize) -> InspectorOutput {
    let original = &map.links[index];
    let mut link = original.clone();
    let mut changes = Changes::default();
    let name = |id: &str| map.role(id).map_or(id.to_string(), |r| r.name.clone());
    ui.heading("Link");
    ui.label(
        RichText::new(format!("{} {} {}", name(&link.from), link.kind.verb(), name(&link.to)))
            .strong(),
    );
    ui.add_space(4.0);
    ui.label("Kind");
    if let Some(kind) = kind_choice_ui(ui, Some(&link.kind)) {
        link.kind = kind;
        changes.clicked("Change link kind");
    }
    if let LinkKind::Other(text) = &mut link.kind {
        text_field(ui, "Other kind", text, false, &format!("link:{index}:kind"), &mut changes);
    }
    text_field(ui, "Note", &mut link.note, true, &format!("link:{index}:note"), &mut changes);
    let mut action = None;
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Reverse direction").clicked() {
            std::mem::swap(&mut link.from, &mut link.to);
            changes.clicked("Reverse link");
        }
        if ui.button("Delete link").clicked() {
            action = Some(Action::DeleteLink(index));
        }
    });
    let command = (link != *original).then_some(Command::Set { index, item: Item::Link(link) });
    InspectorOutput { action, ..finish(&mut changes, command) }
}

/// Several roles: what they are, and what can be done to all at once.
pub fn roles_ui(ui: &mut egui::Ui, map: &OrgMap, roles: &[usize]) -> InspectorOutput {
    let mut action = None;
    ui.heading(format!("{} roles selected", roles.len()));
    ui.weak("Drag one of them to move them all; Shift-click adds or removes a role.");
    ui.add_space(4.0);
    for &i in roles.iter().take(40) {
        if let Some(role) = map.roles.get(i)
            && ui.link(&role.name).clicked()
        {
            action = Some(Action::Reveal(Selection::role(i)));
        }
    }
    if roles.len() > 40 {
        ui.weak(format!("and {} more", roles.len() - 40));
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        if roles.iter().any(|&i| map.roles.get(i).is_some_and(|r| r.angle.is_some()))
            && ui.button("Unpin all").clicked()
        {
            action = Some(Action::Unpin(roles.to_vec()));
        }
        if ui
            .button("Compose a role from these…")
            .on_hover_text("A new role made of duties, outcomes and skills picked from these")
            .clicked()
        {
            action = Some(Action::ComposeRole);
        }
        if ui.button(format!("Delete {} roles", roles.len())).clicked() {
            action = Some(Action::DeleteRoles(roles.to_vec()));
        }
    });
    InspectorOutput { action, ..InspectorOutput::default() }
}

/// A ring's or team's colour: the theme's, or one picked.
fn color_ui(ui: &mut egui::Ui, color: &mut String, key: &str, changes: &mut Changes) {
    ui.horizontal(|ui| {
        ui.label("Colour");
        let mut own = !color.is_empty();
        if ui.checkbox(&mut own, "own colour").changed() {
            *color = if own { "#7fb3d5".into() } else { String::new() };
            changes.clicked("Change colour");
        }
        if let Some(current) = Color::from_hex(color) {
            let mut rgb = [current.r, current.g, current.b];
            let response = ui.color_edit_button_srgb(&mut rgb);
            if response.changed() {
                *color = Color::rgb(rgb[0], rgb[1], rgb[2]).hex();
                changes.typed("Change colour", key.to_string());
            }
        } else {
            ui.weak("(the theme picks one)");
        }
    });
}
