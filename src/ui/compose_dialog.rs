//! Map > Compose role…: a new role made of duties, outcomes and skills picked from others
//! (the roles selected, or all), copied or moved; shows where each part comes from and which
//! roles a move would leave with nothing.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use crate::analysis::compose::{self, Composed, Mode, Part};
use crate::font::visual;
use crate::model::OrgMap;

pub struct ComposeDialog {
    pub name: String,
    pub ring: usize,
    pub mode: Mode,
    /// The roles parts can be picked from.
    pub sources: Vec<usize>,
    pub picked: BTreeSet<Part>,
}

impl ComposeDialog {
    /// On the roles of a multi-selection, or on every role; the new role goes on `ring`.
    pub fn new(map: &OrgMap, selected: &[usize], ring: usize) -> Self {
        let sources =
            if selected.len() > 1 { selected.to_vec() } else { (0..map.roles.len()).collect() };
        ComposeDialog {
            name: "New role".into(),
            ring,
            mode: Mode::Copy,
            sources,
            picked: BTreeSet::new(),
        }
    }

    fn composed(&self, map: &OrgMap) -> Composed {
        let parts: Vec<Part> = self.picked.iter().copied().collect();
        compose::compose(map, self.name.trim(), self.ring, &parts, self.mode)
    }
}

pub enum ComposeAnswer {
    Create(Composed),
    Cancel,
}

pub fn compose_dialog_ui(
    ctx: &egui::Context,
    map: &OrgMap,
    dialog: &mut ComposeDialog,
) -> Option<ComposeAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("compose dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading("Compose a role");
        ui.label("Pick the duties, outcomes and skills the new role takes from others.");
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            ui.text_edit_singleline(&mut dialog.name).labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            ui.label("Ring");
            let ring =
                map.rings.get(dialog.ring).map_or("?".into(), |r| visual(&r.name).into_owned());
            egui::ComboBox::from_id_salt("compose ring").selected_text(ring).show_ui(ui, |ui| {
                for (k, r) in map.rings.iter().enumerate() {
                    ui.selectable_value(&mut dialog.ring, k, visual(&r.name));
                }
            });
            ui.radio_value(&mut dialog.mode, Mode::Copy, "Copy the parts")
                .on_hover_text("The roles they come from keep them");
            ui.radio_value(&mut dialog.mode, Mode::Move, "Move them").on_hover_text(
                "The duties and outcomes leave the roles they come from (skills are copied)",
            );
        });
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for &r in &dialog.sources {
                sources_ui(ui, map, r, &mut dialog.picked);
            }
        });
        let composed = dialog.composed(map);
        let from: BTreeSet<usize> = dialog.picked.iter().map(|p| p.role()).collect();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        ui.label(format!(
            "{} from {}",
            count(dialog.picked.len(), "part", "parts"),
            count(from.len(), "role", "roles")
        ));
        if !composed.emptied.is_empty() {
            let names: Vec<String> =
                composed.emptied.iter().map(|&r| visual(&map.roles[r].name).into_owned()).collect();
            ui.label(
                RichText::new(format!(
                    "Moving leaves {} with no duty or outcome",
                    names.join(", ")
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.horizontal(|ui| {
            let ready = !dialog.picked.is_empty() && !dialog.name.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Create role")).clicked() {
                answer = Some(ComposeAnswer::Create(composed));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(ComposeAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(ComposeAnswer::Cancel);
    }
    answer
}

/// One role's parts, each with a checkbox.
fn sources_ui(ui: &mut egui::Ui, map: &OrgMap, r: usize, picked: &mut BTreeSet<Part>) {
    let role = &map.roles[r];
    let has_parts = role.responsibilities.iter().any(|a| !a.duties.is_empty())
        || !role.outcomes.is_empty()
        || !role.skills.is_empty();
    if !has_parts {
        return;
    }
    let taken = picked.iter().filter(|p| p.role() == r).count();
    let title = match taken {
        0 => visual(&role.name).into_owned(),
        n => format!("{} ({n} picked)", visual(&role.name)),
    };
    let mut toggle = |ui: &mut egui::Ui, part: Part, text: String| {
        let mut on = picked.contains(&part);
        if ui.checkbox(&mut on, visual(&text)).changed() {
            if on {
                picked.insert(part);
            } else {
                picked.remove(&part);
            }
        }
    };
    egui::CollapsingHeader::new(title).id_salt(("compose source", r)).show(ui, |ui| {
        for (a, area) in role.responsibilities.iter().enumerate() {
            for (d, duty) in area.duties.iter().enumerate() {
                toggle(
                    ui,
                    Part::Duty { role: r, area: a, duty: d },
                    format!("{}: {duty}", area.area),
                );
            }
        }
        for (i, outcome) in role.outcomes.iter().enumerate() {
            toggle(ui, Part::Outcome { role: r, index: i }, format!("Outcome: {outcome}"));
        }
        for (i, skill) in role.skills.iter().enumerate() {
            toggle(
                ui,
                Part::Skill { role: r, index: i },
                format!("Skill: {} {}", skill.name, skill.level),
            );
        }
    });
}
