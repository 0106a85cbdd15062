//! The canvas's right-click menus: what can be done to the role, link, team or ring under the
//! pointer. They only return [`Action`]s.

use eframe::egui::{self, RichText};

use super::hit::Target;
use super::menus::Action;
use super::selection::Selection;
use crate::font::visual;
use crate::model::{LinkKind, OrgMap};
use crate::scene::LEGEND_KINDS;

pub fn context_menu_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    target: Target,
    selection: &Selection,
) -> Option<Action> {
    let mut action = None;
    let mut pick = |ui: &mut egui::Ui, text: &str, then: Action| {
        if ui.button(text).clicked() {
            action = Some(then);
            ui.close();
        }
    };
    match target {
        Target::Role(role) => {
            let r = map.roles.get(role)?;
            // Right-clicking one of several selected roles acts on all of them.
            let selected = selection.roles();
            let roles = if selected.contains(&role) { selected.to_vec() } else { vec![role] };
            if roles.len() > 1 {
                ui.label(RichText::new(format!("{} roles", roles.len())).strong());
            } else {
                ui.label(RichText::new(visual(&r.name)).strong());
                pick(ui, "Duplicate", Action::DuplicateRole(role));
            }
            if roles.iter().any(|&i| map.roles.get(i).is_some_and(|r| r.angle.is_some())) {
                pick(ui, "Unpin (let the layout place it)", Action::Unpin(roles.clone()));
            }
            let what = if roles.len() > 1 {
                format!("Delete {} roles", roles.len())
            } else {
                "Delete".into()
            };
            pick(ui, &what, Action::DeleteRoles(roles.clone()));
            ui.weak("Drag to move; Shift-drag to another role to link.");
            if roles.len() == 1 {
                ui.separator();
                pick(ui, "Export candidate pack…", Action::ExportPack(role));
            }
        }
        Target::Link(link) => {
            let l = map.links.get(link)?;
            let name = |id: &str| map.role(id).map_or(id.to_string(), |r| r.name.clone());
            ui.label(
                RichText::new(format!("{} {} {}", name(&l.from), l.kind.verb(), name(&l.to)))
                    .strong(),
            );
            ui.menu_button("Kind", |ui| {
                if let Some(kind) = kind_choice_ui(ui, Some(&l.kind)) {
                    action = Some(Action::SetLinkKind { link, kind });
                    ui.close();
                }
            });
            let mut pick = |ui: &mut egui::Ui, text: &str, then: Action| {
                if ui.button(text).clicked() {
                    action = Some(then);
                    ui.close();
                }
            };
            pick(ui, "Edit note…", Action::Select(Selection::Link(link)));
            pick(ui, "Delete link", Action::DeleteLink(link));
        }
        Target::Team(team) => {
            let t = map.teams.get(team)?;
            let ring =
                map.ring(&t.ring).and_then(|_| map.rings.iter().position(|r| r.id == t.ring));
            ui.label(RichText::new(visual(&t.name)).strong());
            if let Some(ring) = ring {
                pick(ui, "Add role in this team", Action::AddRole { ring, team: Some(team) });
            }
            pick(ui, "Rename or recolour…", Action::Select(Selection::Team(team)));
            pick(ui, "Delete team…", Action::DeleteTeam(team));
            if let Some(ring) = ring {
                ui.separator();
                ring_items_ui(ui, map, ring, &mut pick);
            }
        }
        Target::Ring(ring) => ring_items_ui(ui, map, ring, &mut pick),
        Target::Background => {
            pick(ui, "Add ring outside", Action::AddRing { at: map.rings.len() });
            pick(ui, "Fit the map", Action::FitMap);
        }
    }
    action
}

/// The ring's part of a menu: add a role or team on it, add rings beside it, move, rename,
/// delete it.
fn ring_items_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    ring: usize,
    pick: &mut impl FnMut(&mut egui::Ui, &str, Action),
) {
    let Some(r) = map.rings.get(ring) else { return };
    ui.label(RichText::new(visual(&r.name)).strong());
    pick(ui, "Add role here", Action::AddRole { ring, team: None });
    pick(ui, "Add team on this ring", Action::AddTeam { ring });
    pick(ui, "Add ring inside", Action::AddRing { at: ring });
    pick(ui, "Add ring outside", Action::AddRing { at: ring + 1 });
    if ring > 0 {
        pick(ui, "Move ring in", Action::MoveRing { index: ring, to: ring - 1 });
    }
    if ring + 1 < map.rings.len() {
        pick(ui, "Move ring out", Action::MoveRing { index: ring, to: ring + 1 });
    }
    pick(ui, "Rename or recolour…", Action::Select(Selection::Ring(ring)));
    if map.rings.len() > 1 {
        pick(ui, "Delete ring…", Action::DeleteRing(ring));
    }
}

/// One button per kind of link ("supports", "coaches"…), the current one marked; `Other`
/// keeps its text (written in the inspector).
pub fn kind_choice_ui(ui: &mut egui::Ui, current: Option<&LinkKind>) -> Option<LinkKind> {
    let mut chosen = None;
    for kind in LEGEND_KINDS {
        let same =
            current.is_some_and(|c| std::mem::discriminant(c) == std::mem::discriminant(&kind));
        let text = match &kind {
            LinkKind::Other(_) => "other (name it in the inspector)",
            kind => kind.verb(),
        };
        if ui.radio(same, text).clicked() {
            chosen = Some(match (current, kind) {
                (Some(LinkKind::Other(text)), LinkKind::Other(_)) => LinkKind::Other(text.clone()),
                (_, LinkKind::Other(_)) => LinkKind::Other("relates to".into()),
                (_, kind) => kind,
            });
        }
    }
    chosen
}
