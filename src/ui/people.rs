//! People: the list in the side panel (add, find, select), and the inspector of one person:
//! name, note, skills, and the roles they hold (one person may hold several).

use eframe::egui::{self, RichText};

use super::inspector::{
    Changes, Edit, InspectorOutput, finish, name_field_ui, skills_ui, text_field,
};
use super::menus::Action;
use super::selection::Selection;
use crate::analysis::skills::Needs;
use crate::edit::{Command, Item};
use crate::font::visual;
use crate::model::OrgMap;

/// The people list: who they are and how many roles each holds.
pub fn people_list_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    filter: &str,
    selection: &Selection,
) -> Option<Action> {
    let mut action = None;
    if ui.button("+ Add person").clicked() {
        action = Some(Action::AddPerson);
    }
    let needle = filter.to_lowercase();
    let shown: Vec<usize> = (0..map.people.len())
        .filter(|&p| needle.is_empty() || map.people[p].name.to_lowercase().contains(&needle))
        .collect();
    if map.people.is_empty() {
        ui.weak("Nobody yet. Add the people who hold roles, then assign them.");
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical().id_salt("people").auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, rows| {
            for &p in &shown[rows] {
                let person = &map.people[p];
                let held = map.roles.iter().filter(|r| r.holders.contains(&person.id)).count();
                let text = match held {
                    0 => format!("{}  (no role)", visual(&person.name)),
                    1 => format!("{}  (1 role)", visual(&person.name)),
                    n => format!("{}  ({n} roles)", visual(&person.name)),
                };
                let selected = *selection == Selection::Person(p);
                if ui.add(egui::Button::selectable(selected, text).truncate()).clicked() {
                    action = Some(Action::Select(Selection::Person(p)));
                }
            }
        },
    );
    action
}

const UNLOCK_HINT: &str = "The one skill whose next level would let this person meet every \
                           need of the most roles they cannot take on today";

/// The roles the person fits best, with what they would develop: "Could this be you?"
/// inside the organisation.
fn fits_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    needs: &Needs,
    person: usize,
    action: &mut Option<Action>,
) {
    const SHOWN: usize = 5;
    let fits = crate::analysis::skills::fitting_roles(needs, person, SHOWN);
    let unlock = crate::analysis::skills::unlocking_skill(map, needs, person);
    if fits.is_empty() && unlock.is_none() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Fits best").strong())
        .on_hover_text("Roles by how much of the skills they need this person has already");
    for fit in fits {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{:.0}%", fit.fit * 100.0));
            if ui.link(visual(&map.roles[fit.role].name)).clicked() {
                *action = Some(Action::Reveal(Selection::role(fit.role)));
            }
            let develop: Vec<String> =
                fit.develop.iter().map(|d| format!("{} {} → {}", d.skill, d.from, d.to)).collect();
            if !develop.is_empty() {
                ui.weak(format!("develop {}", develop.join(", ")));
            }
        });
    }
    if let Some(unlock) = unlock {
        let roles = match unlock.roles.len() {
            1 => format!("opens {}", visual(&map.roles[unlock.roles[0]].name)),
            n => format!("opens {n} roles"),
        };
        ui.label(format!("Next step: {} {} → {} {roles}", unlock.skill, unlock.from, unlock.to))
            .on_hover_text(UNLOCK_HINT);
    }
}

pub fn person_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    index: usize,
    focus: bool,
    needs: Option<&Needs>,
) -> InspectorOutput {
    let original = &map.people[index];
    let mut person = original.clone();
    let mut changes = Changes::default();
    let key = |field: &str| format!("person:{index}:{field}");
    ui.heading(visual(&person.name));
    ui.weak("A person who may hold roles.");
    name_field_ui(ui, &mut person.name, &key("name"), focus, &mut changes);
    text_field(ui, "Note", &mut person.note, true, &key("note"), &mut changes);
    skills_ui(ui, &mut person.skills, &key("skills"), &mut changes);

    ui.separator();
    ui.label(RichText::new("Holds").strong());
    let mut assignment = None;
    let mut action = None;
    let held: Vec<usize> =
        (0..map.roles.len()).filter(|&r| map.roles[r].holders.contains(&person.id)).collect();
    if held.is_empty() {
        ui.weak("no role yet");
    }
    for &r in &held {
        ui.horizontal(|ui| {
            if ui.link(visual(&map.roles[r].name)).clicked() {
                action = Some(Action::Reveal(Selection::role(r)));
            }
            if ui.small_button("×").on_hover_text("No longer holds this role").clicked() {
                assignment = Some((r, false));
            }
        });
    }
    egui::ComboBox::from_id_salt("assign role").selected_text("Assign to a role…").show_ui(
        ui,
        |ui| {
            for (r, role) in map.roles.iter().enumerate().filter(|(r, _)| !held.contains(r)) {
                if ui.selectable_label(false, visual(&role.name)).clicked() {
                    assignment = Some((r, true));
                }
            }
        },
    );
    if let Some(needs) = needs {
        fits_ui(ui, map, needs, index, &mut action);
    }
    ui.separator();
    if ui.button("Delete person").clicked() {
        action = Some(Action::DeletePerson(index));
    }

    if let Some((role, holds)) = assignment
        && let Ok(command) = Command::assign(map, index, role, holds)
    {
        let label = if holds { "Assign role" } else { "Unassign role" };
        let edit = Edit { command, label: label.into(), merge: None };
        return InspectorOutput { edit: Some(edit), end_group: true, action };
    }
    let command =
        (person != *original).then_some(Command::Set { index, item: Item::Person(person) });
    InspectorOutput { action, ..finish(&mut changes, command) }
}
