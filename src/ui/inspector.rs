//! The inspector: the selected role's living job description, or the map's own name, purpose
//! and values when nothing is selected. It edits a copy and returns one [`Command`] per frame
//! when something changed; it never writes to the map itself.

use eframe::egui::{self, RichText};

use super::menus::Action;
use super::people::person_ui;
use super::selection::Selection;
use super::structure::{link_ui, ring_ui, roles_ui, team_ui};
use crate::analysis::overlap::{Kind, Overlap};
use crate::analysis::skills::Needs;
use crate::edit::{Command, MapInfo};
use crate::font::visual;
use crate::model::{OrgMap, Responsibility, Role, SKILL_LEVELS, Skill, Status};

/// The id of the inspector's name field, focused when something has just been added.
pub fn name_id() -> egui::Id {
    egui::Id::unique("orgmap-name")
}

/// A change the inspector asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub command: Command,
    pub label: String,
    /// Edits with the same key in a row (typing in one field) make one undo step.
    pub merge: Option<String>,
}

#[derive(Debug, Default)]
pub struct InspectorOutput {
    pub edit: Option<Edit>,
    /// A text field lost focus: the typing group it held is over.
    pub end_group: bool,
    /// A button asked for something the app does (delete a ring, add a role...).
    pub action: Option<Action>,
}

/// What changed while drawing, to name the undo step and group typing.
#[derive(Default)]
pub(super) struct Changes {
    label: Option<&'static str>,
    merge: Option<String>,
    end_group: bool,
}

impl Changes {
    pub(super) fn typed(&mut self, label: &'static str, key: String) {
        self.label = Some(label);
        self.merge = Some(key);
    }

    pub(super) fn clicked(&mut self, label: &'static str) {
        self.label = Some(label);
        self.merge = None;
        self.end_group = true;
    }
}

pub use crate::model::{FIVE_PARTS, missing_parts};

/// The inspector of what is selected. `focus_name`: a role was just added, its name field
/// takes the keyboard with the name selected, so typing replaces it.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    selection: &Selection,
    focus_name: bool,
    needs: Option<&Needs>,
    overlap: Option<&Overlap>,
) -> InspectorOutput {
    let mut output = InspectorOutput::default();
    // The panel's width is the user's: drawn in a child that the panel does not grow to
    // hold, a row a hair too wide is clipped instead of widening the panel for good.
    let rect = ui.available_rect_before_wrap();
    let mut inside = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    inside.shrink_clip_rect(rect);
    ui.allocate_rect(rect, egui::Sense::hover());
    let ui = &mut inside;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.set_width(ui.available_width());
        output = match *selection {
            Selection::Roles(ref roles) if roles.len() > 1 => roles_ui(ui, map, roles),
            Selection::Roles(ref roles) if roles[0] < map.roles.len() => {
                role_ui(ui, map, roles[0], focus_name, overlap)
            }
            Selection::Ring(i) if i < map.rings.len() => ring_ui(ui, map, i, focus_name),
            Selection::Team(i) if i < map.teams.len() => team_ui(ui, map, i, focus_name),
            Selection::Link(i) if i < map.links.len() => link_ui(ui, map, i),
            Selection::Person(i) if i < map.people.len() => {
                person_ui(ui, map, i, focus_name, needs)
            }
            _ => map_info_ui(ui, map),
        };
    });
    output
}

fn map_info_ui(ui: &mut egui::Ui, map: &OrgMap) -> InspectorOutput {
    let mut info = MapInfo::of(map);
    let mut changes = Changes::default();
    ui.heading("The organisation");
    ui.weak(format!("{}. Click a role on the map to read and edit it.", map.counts()));
    ui.add_space(6.0);
    text_field(ui, "Map name", &mut info.name, false, "map:name", &mut changes);
    text_field(ui, "Purpose", &mut info.purpose, true, "map:purpose", &mut changes);
    list_ui(ui, "Values", "value", &mut info.values, "map:values", &mut changes);
    let changed = info != MapInfo::of(map);
    finish(&mut changes, changed.then_some(Command::SetMapInfo(info)))
}

fn role_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    index: usize,
    focus_name: bool,
    overlap: Option<&Overlap>,
) -> InspectorOutput {
    let original = &map.roles[index];
    let mut role = original.clone();
    let mut changes = Changes::default();
    let key = |field: &str| format!("role:{index}:{field}");

    ui.heading(visual(&role.name));
    completeness_ui(ui, &role);
    ui.add_space(4.0);
    name_field_ui(ui, &mut role.name, &key("name"), focus_name, &mut changes);
    placement_ui(ui, map, &mut role, &mut changes);
    holders_ui(ui, map, &mut role, &mut changes);
    ui.separator();

    ui.label(RichText::new("1. Purpose").strong());
    text_field(ui, "Purpose", &mut role.purpose, true, &key("purpose"), &mut changes);
    ui.label(RichText::new("2. Responsibilities").strong());
    responsibilities_ui(ui, &mut role.responsibilities, &key("responsibilities"), &mut changes);
    let mut action = None;
    if let Some(overlap) = overlap {
        also_done_by_ui(ui, map, index, overlap, &mut action);
    }
    list_ui(ui, "3. Outcomes", "outcome", &mut role.outcomes, &key("outcomes"), &mut changes);
    let culture = "4. Cultural expectations";
    list_ui(ui, culture, "expectation", &mut role.culture, &key("culture"), &mut changes);
    let qualifications = "5. Qualifications";
    list_ui(
        ui,
        qualifications,
        "qualification",
        &mut role.qualifications,
        &key("quals"),
        &mut changes,
    );
    ui.separator();
    skills_ui(ui, &mut role.skills, &key("skills"), &mut changes);
    cover_ui(ui, map, index);
    ui.label(RichText::new("Could this be you?").strong());
    text_field(ui, "Pitch", &mut role.pitch, true, &key("pitch"), &mut changes);

    ui.separator();
    ui.horizontal_wrapped(|ui| {
        if role.angle.is_some()
            && ui.button("Unpin").on_hover_text("Let the layout place it").clicked()
        {
            role.angle = None;
            changes.clicked("Unpin role");
        }
        if ui.button("Duplicate").clicked() {
            action = Some(Action::DuplicateRole(index));
        }
        if ui.button("Delete role").clicked() {
            action = Some(Action::DeleteRoles(vec![index]));
        }
    });

    let command = (role != *original).then(|| Command::set_role(index, role));
    InspectorOutput { action, ..finish(&mut changes, command) }
}

/// Under the duties: each duty or outcome another role also does, with a click to that role.
fn also_done_by_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    role: usize,
    overlap: &Overlap,
    action: &mut Option<Action>,
) {
    let mine = overlap.lines.iter().filter(|l| l.role == role);
    let shared: Vec<_> = mine
        .map(|line| (line, overlap.also_done_by(role, line.kind, line.at)))
        .filter(|(_, others)| !others.is_empty())
        .collect();
    if shared.is_empty() {
        return;
    }
    ui.label(RichText::new("Also done by").strong())
        .on_hover_text("Duties and outcomes another role says too (Health > Duplicated duties)");
    for (line, others) in shared {
        let what = if line.kind == Kind::Outcome { "outcome" } else { "duty" };
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("{what} “{}”:", visual(&line.text)));
            for other in others {
                let link = ui.link(visual(&map.roles[other.role].name));
                if link.on_hover_text(format!("“{}”", other.text)).clicked() {
                    *action = Some(Action::Reveal(Selection::role(other.role)));
                }
            }
        });
    }
}

/// A name field (of a role, ring, team or person); focused with all its text selected right
/// after the thing was added, so that typing names it.
pub(super) fn name_field_ui(
    ui: &mut egui::Ui,
    name: &mut String,
    key: &str,
    focus: bool,
    changes: &mut Changes,
) {
    let label = ui.label("Name");
    let id = name_id();
    if focus {
        let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(name.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        egui::TextEdit::store_state(ui.ctx(), id, state);
        ui.memory_mut(|m| m.request_focus(id));
    }
    let edit = egui::TextEdit::singleline(name).id(id).desired_width(f32::INFINITY);
    let response = ui.add(edit).labelled_by(label.id);
    record(&response, "Edit name", key, changes);
    drawn_form_ui(ui, name);
}

/// Under a field holding right-to-left text, the text as the map draws it: egui's fields
/// show it in logical order (letters left to right, Arabic unjoined) until egui supports it.
fn drawn_form_ui(ui: &mut egui::Ui, text: &str) {
    if let std::borrow::Cow::Owned(drawn) = visual(text) {
        ui.label(RichText::new(format!("Reads: {drawn}")).weak().small())
            .on_hover_text("How the map draws it: the field shows it in typing order");
    }
}

pub(super) fn finish(changes: &mut Changes, command: Option<Command>) -> InspectorOutput {
    InspectorOutput {
        edit: command.map(|command| Edit {
            command,
            label: changes.label.unwrap_or("Edit").to_string(),
            merge: changes.merge.take(),
        }),
        end_group: changes.end_group,
        action: None,
    }
}

/// "3 of 5 parts written; missing: outcomes, qualifications".
fn completeness_ui(ui: &mut egui::Ui, role: &Role) {
    let missing = missing_parts(role);
    let written = FIVE_PARTS.len() - missing.len();
    let text = if missing.is_empty() {
        "Job description complete: all 5 parts written".to_string()
    } else {
        let names: Vec<String> = missing.iter().map(|m| m.to_lowercase()).collect();
        format!("{written} of 5 parts written; missing: {}", names.join(", "))
    };
    let color = if missing.is_empty() {
        ui.visuals().widgets.inactive.fg_stroke.color
    } else {
        ui.visuals().warn_fg_color
    };
    ui.label(RichText::new(text).color(color));
}

/// A labelled text field. Typing records a merge key; losing focus ends the typing group.
pub(super) fn text_field(
    ui: &mut egui::Ui,
    label: &'static str,
    text: &mut String,
    multiline: bool,
    key: &str,
    changes: &mut Changes,
) {
    let label_response = ui.label(label);
    let edit = if multiline {
        egui::TextEdit::multiline(text).desired_rows(3)
    } else {
        egui::TextEdit::singleline(text)
    };
    let response = ui.add(edit.desired_width(f32::INFINITY)).labelled_by(label_response.id);
    record(&response, label_edit_name(label), key, changes);
    drawn_form_ui(ui, text);
}

fn record(response: &egui::Response, label: &'static str, key: &str, changes: &mut Changes) {
    if response.changed() {
        changes.typed(label, key.to_string());
    }
    if response.lost_focus() {
        changes.end_group = true;
    }
}

/// The undo step's name for a field ("Edit purpose").
fn label_edit_name(label: &'static str) -> &'static str {
    match label {
        "Name" => "Edit name",
        "Map name" => "Edit map name",
        "Purpose" => "Edit purpose",
        "Description" => "Edit description",
        "Note" => "Edit note",
        "Pitch" => "Edit pitch",
        _ => "Edit text",
    }
}

/// Ring, team and status.
fn placement_ui(ui: &mut egui::Ui, map: &OrgMap, role: &mut Role, changes: &mut Changes) {
    egui::Grid::new("placement").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
        ui.label("Ring");
        let ring_name = map.ring(&role.ring).map_or("?", |r| r.name.as_str());
        fitted_combo("ring", &visual(ring_name), ui).show_ui(ui, |ui| {
            for ring in &map.rings {
                if ui.selectable_label(role.ring == ring.id, visual(&ring.name)).clicked()
                    && role.ring != ring.id
                {
                    role.ring = ring.id.clone();
                    // A team belongs to one ring: moving ring leaves the team.
                    if map.team(&role.team).is_some_and(|t| t.ring != role.ring) {
                        role.team.clear();
                    }
                    role.angle = None;
                    changes.clicked("Move to ring");
                }
            }
        });
        ui.end_row();

        ui.label("Team");
        let team_name = map.team(&role.team).map_or("No team", |t| t.name.as_str());
        fitted_combo("team", &visual(team_name), ui).show_ui(ui, |ui| {
            if ui.selectable_label(role.team.is_empty(), "No team").clicked()
                && !role.team.is_empty()
            {
                role.team.clear();
                changes.clicked("Leave team");
            }
            for team in map.teams.iter().filter(|t| t.ring == role.ring) {
                if ui.selectable_label(role.team == team.id, visual(&team.name)).clicked()
                    && role.team != team.id
                {
                    role.team = team.id.clone();
                    changes.clicked("Move to team");
                }
            }
        });
        ui.end_row();

        ui.label("Status");
        ui.horizontal(|ui| {
            for status in Status::ALL {
                if ui.selectable_label(role.status == status, status.label()).clicked()
                    && role.status != status
                {
                    role.status = status;
                    changes.clicked("Change status");
                }
            }
        });
        ui.end_row();
    });
}

/// A choice as wide as what is left of the row, its long names cut short with "…" (a long
/// ring name would otherwise widen the whole panel).
fn fitted_combo(id: &str, selected: &str, ui: &egui::Ui) -> egui::ComboBox<'static> {
    egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .width((ui.available_width() - ui.spacing().button_padding.x * 2.0).max(80.0))
        .truncate()
}

/// Who holds the role, chosen from the map's people.
fn holders_ui(ui: &mut egui::Ui, map: &OrgMap, role: &mut Role, changes: &mut Changes) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Held by");
        let mut remove = None;
        for (n, id) in role.holders.iter().enumerate() {
            let name = map.person(id).map_or(id.as_str(), |p| p.name.as_str());
            if ui
                .button(format!("{} ×", visual(name)))
                .on_hover_text("Remove this holder")
                .clicked()
            {
                remove = Some(n);
            }
        }
        if let Some(n) = remove {
            role.holders.remove(n);
            changes.clicked("Remove holder");
        }
        if role.holders.is_empty() {
            ui.weak(if role.status == Status::Vacant { "nobody yet (vacant)" } else { "nobody" });
        }
        let free: Vec<_> = map.people.iter().filter(|p| !role.holders.contains(&p.id)).collect();
        if !free.is_empty() {
            egui::ComboBox::from_id_salt("add holder").selected_text("Add holder…").show_ui(
                ui,
                |ui| {
                    for person in free {
                        if ui.selectable_label(false, visual(&person.name)).clicked() {
                            role.holders.push(person.id.clone());
                            changes.clicked("Add holder");
                        }
                    }
                },
            );
        }
    });
}

/// What a row's buttons asked for.
enum RowAction {
    Up(usize),
    Down(usize),
    Remove(usize),
}

/// Move up, move down and remove buttons for row `n` of `len`.
fn row_buttons(ui: &mut egui::Ui, what: &str, n: usize, len: usize) -> Option<RowAction> {
    let mut action = None;
    if ui
        .add_enabled(n > 0, egui::Button::new("Up").small())
        .on_hover_text(format!("Move {what} up"))
        .clicked()
    {
        action = Some(RowAction::Up(n));
    }
    if ui
        .add_enabled(n + 1 < len, egui::Button::new("Down").small())
        .on_hover_text(format!("Move {what} down"))
        .clicked()
    {
        action = Some(RowAction::Down(n));
    }
    if ui.small_button("Remove").on_hover_text(format!("Remove {what}")).clicked() {
        action = Some(RowAction::Remove(n));
    }
    action
}

fn apply_row_action<T>(items: &mut Vec<T>, action: RowAction, changes: &mut Changes) {
    match action {
        RowAction::Up(n) => items.swap(n, n - 1),
        RowAction::Down(n) => items.swap(n, n + 1),
        RowAction::Remove(n) => {
            items.remove(n);
        }
    }
    changes.clicked(match action {
        RowAction::Remove(_) => "Remove item",
        _ => "Reorder",
    });
}

/// A titled list of one-line texts with add, remove and reorder.
fn list_ui(
    ui: &mut egui::Ui,
    title: &'static str,
    what: &'static str,
    items: &mut Vec<String>,
    key: &str,
    changes: &mut Changes,
) {
    let heading = ui.label(RichText::new(title).strong());
    let mut action = None;
    let len = items.len();
    for (n, item) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            if let Some(a) = row_buttons(ui, what, n, len) {
                action = Some(a);
            }
            let edit = egui::TextEdit::multiline(item).desired_rows(1).desired_width(f32::INFINITY);
            let response = ui.add(edit).labelled_by(heading.id);
            record(&response, "Edit text", &format!("{key}:{n}"), changes);
        });
    }
    if let Some(action) = action {
        apply_row_action(items, action, changes);
    }
    if ui.small_button(format!("+ Add {what}")).clicked() {
        items.push(String::new());
        changes.clicked("Add item");
    }
    ui.add_space(4.0);
}

/// Core areas, each with its duties.
fn responsibilities_ui(
    ui: &mut egui::Ui,
    areas: &mut Vec<Responsibility>,
    key: &str,
    changes: &mut Changes,
) {
    let mut action = None;
    let len = areas.len();
    for (n, area) in areas.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(a) = row_buttons(ui, "area", n, len) {
                    action = Some(a);
                }
                let label = ui.label("Area");
                let edit = egui::TextEdit::singleline(&mut area.area).desired_width(f32::INFINITY);
                let response = ui.add(edit).labelled_by(label.id);
                record(&response, "Edit area", &format!("{key}:{n}:area"), changes);
            });
            list_ui(ui, "Duties", "duty", &mut area.duties, &format!("{key}:{n}:duties"), changes);
        });
    }
    if let Some(action) = action {
        apply_row_action(areas, action, changes);
    }
    if ui.small_button("+ Add area").clicked() {
        areas.push(Responsibility { area: String::new(), duties: Vec::new() });
        changes.clicked("Add area");
    }
    ui.add_space(4.0);
}

/// Under a role's skills: who in the organisation has each at the level needed, and where the
/// role's own holders fall short.
fn cover_ui(ui: &mut egui::Ui, map: &OrgMap, role: usize) {
    let (covers, gaps) = crate::analysis::skills::role_cover(map, role);
    if covers.is_empty() {
        return;
    }
    for cover in &covers {
        let who: Vec<String> = cover
            .able
            .iter()
            .map(|&(p, l)| format!("{} {l}", visual(&map.people[p].name)))
            .collect();
        let text = match who.len() {
            0 => format!("{} {}: nobody has it", cover.skill, cover.level),
            1 => format!("{} {}: only {}", cover.skill, cover.level, who[0]),
            _ => format!("{} {}: {}", cover.skill, cover.level, who.join(", ")),
        };
        let text = RichText::new(visual(&text).into_owned()).small();
        ui.label(if who.len() < 2 { text.color(ui.visuals().warn_fg_color) } else { text.weak() });
    }
    for gap in gaps {
        let name = visual(&map.people[gap.person].name).into_owned();
        ui.label(
            RichText::new(format!(
                "{name} holds it with {} {} of {}",
                gap.skill, gap.has, gap.needs
            ))
            .small()
            .color(ui.visuals().warn_fg_color),
        );
    }
}

/// The width of a skill's level slider.
const SKILL_SLIDER_WIDTH: f32 = 70.0;

/// Skills with their level, 1 (aware) to 5 (expert).
pub(super) fn skills_ui(
    ui: &mut egui::Ui,
    skills: &mut Vec<Skill>,
    key: &str,
    changes: &mut Changes,
) {
    let heading =
        ui.label(RichText::new("Skills").strong()).on_hover_text("Level 1 aware … 5 expert");
    let mut action = None;
    let len = skills.len();
    for (n, skill) in skills.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            if let Some(a) = row_buttons(ui, "skill", n, len) {
                action = Some(a);
            }
            // The name takes what the level's slider leaves, so the row fits the panel.
            ui.spacing_mut().slider_width = SKILL_SLIDER_WIDTH;
            // The slider, its value box, the gaps, and the field's own margins.
            let slider_room = SKILL_SLIDER_WIDTH + 3.0 * ui.spacing().interact_size.x + 12.0;
            let name_width = (ui.available_width() - slider_room).max(60.0);
            let edit = egui::TextEdit::singleline(&mut skill.name).desired_width(name_width);
            let response = ui.add(edit).labelled_by(heading.id);
            record(&response, "Edit skill", &format!("{key}:{n}"), changes);
            let slider = egui::Slider::new(&mut skill.level, SKILL_LEVELS);
            let response = ui.add(slider).on_hover_text("Level 1 aware … 5 expert");
            if response.changed() {
                changes.typed("Change skill level", format!("{key}:{n}:level"));
            }
            if response.drag_stopped() || response.lost_focus() {
                changes.end_group = true;
            }
        });
    }
    if let Some(action) = action {
        apply_row_action(skills, action, changes);
    }
    if ui.small_button("+ Add skill").clicked() {
        skills.push(Skill { name: String::new(), level: 3 });
        changes.clicked("Add skill");
    }
    ui.add_space(4.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_parts_lists_the_empty_ones_in_order() {
        let mut role = Role::new("r", "Coach", "centre");
        assert_eq!(missing_parts(&role), FIVE_PARTS.to_vec());
        role.purpose = "Why".into();
        role.outcomes.push("Done".into());
        assert_eq!(
            missing_parts(&role),
            vec!["Responsibilities", "Cultural expectations", "Qualifications"]
        );
    }
}
