//! Sketching: what the canvas's gestures, the context menus, the Edit and Map menus and the
//! inspector's buttons ask for, turned into commands on the document (one undo step each),
//! and the selection kept in step with the map.

use eframe::egui;

use super::OrgMapApp;
use crate::edit::{Command, Item, RoleFate};
use crate::layout::Point;
use crate::model::LinkKind;
use crate::ui::canvas::CanvasEvent;
use crate::ui::dialogs::FateQuestion;
use crate::ui::hit::Target;
use crate::ui::menus::Action;
use crate::ui::selection::Selection;

/// The name a new role, ring, team or person starts with (selected, so typing replaces it).
pub const NEW_ROLE: &str = "New role";
pub const NEW_RING: &str = "New ring";
pub const NEW_TEAM: &str = "New team";
pub const NEW_PERSON: &str = "New person";

/// A link drawn on the canvas, waiting for its kind to be chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub from: usize,
    pub to: usize,
    pub at: egui::Pos2,
}

/// Bring the selection into view once it has a place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Reveal {
    pub selection: Selection,
    /// Zoom in to reading size when the map is shown smaller (chosen in the outline).
    pub zoom_in: bool,
}

impl OrgMapApp {
    /// Applies a command as one undo step (see [`Self::report_edit`]).
    pub(super) fn edit(&mut self, command: Command, label: &str) -> bool {
        self.edit_or_report(Ok(command), label)
    }

    /// Like [`Self::edit`] for a command that could not be built (an index that is gone):
    /// the reason is shown.
    fn edit_or_report(
        &mut self,
        command: Result<Command, crate::edit::EditError>,
        label: &str,
    ) -> bool {
        self.doc.history.end_group();
        self.report_edit(|doc| doc.apply(command?, label, None))
    }

    /// Carries out a sketching action; false when `action` is not one.
    pub(super) fn sketch(&mut self, action: Action) -> bool {
        let map = &self.doc.map;
        match action {
            Action::AddRole { ring, team } => {
                let index = map.roles.len();
                if self.edit(Command::add_role(map, ring, team, NEW_ROLE), "Add role") {
                    self.select_new(Selection::role(index));
                    self.focus_name = true;
                }
            }
            Action::DuplicateRole(role) => {
                if self.edit_or_report(Command::duplicate_role(map, role), "Duplicate role") {
                    self.select_new(Selection::role(role + 1));
                }
            }
            Action::DeleteSelected => match self.selection.clone() {
                Selection::Nothing => {}
                Selection::Roles(roles) => return self.sketch(Action::DeleteRoles(roles)),
                Selection::Ring(i) => return self.sketch(Action::DeleteRing(i)),
                Selection::Team(i) => return self.sketch(Action::DeleteTeam(i)),
                Selection::Link(i) => return self.sketch(Action::DeleteLink(i)),
                Selection::Person(i) => return self.sketch(Action::DeletePerson(i)),
            },
            Action::DeleteRoles(roles) => {
                let label = if roles.len() == 1 { "Delete role" } else { "Delete roles" };
                if self.edit_or_report(Command::delete_roles(map, &roles), label) {
                    self.selection = Selection::Nothing;
                }
            }
            Action::Unpin(roles) => {
                let unpinned = roles
                    .iter()
                    .filter_map(|&i| map.roles.get(i).filter(|r| r.angle.is_some()).map(|r| (i, r)))
                    .map(|(i, r)| {
                        Command::set_role(i, crate::model::Role { angle: None, ..r.clone() })
                    })
                    .collect();
                self.edit(Command::Batch(unpinned), "Unpin");
            }
            Action::AddRing { at } => {
                let at = at.min(map.rings.len());
                if self.edit(Command::add_ring(map, at, NEW_RING), "Add ring") {
                    self.select_new(Selection::Ring(at));
                    self.focus_name = true;
                }
            }
            Action::MoveRing { index, to } => {
                let label = if to < index { "Move ring in" } else { "Move ring out" };
                if self.edit_or_report(Command::move_ring(map, index, to), label) {
                    self.selection = Selection::Ring(to);
                }
            }
            Action::DeleteRing(index) => self.ask_fate(true, index),
            Action::AddTeam { ring } => {
                let index = map.teams.len();
                if self.edit_or_report(Command::add_team(map, ring, NEW_TEAM), "Add team") {
                    self.select_new(Selection::Team(index));
                    self.focus_name = true;
                }
            }
            Action::DeleteTeam(index) => self.ask_fate(false, index),
            Action::SetLinkKind { link, kind } => {
                if let Some(mut changed) = map.links.get(link).cloned() {
                    changed.kind = kind;
                    self.edit(
                        Command::Set { index: link, item: Item::Link(changed) },
                        "Change link kind",
                    );
                }
            }
            Action::DeleteLink(index) => {
                let command = Command::Remove { list: crate::edit::List::Links, index };
                if self.edit(command, "Delete link") {
                    self.selection = Selection::Nothing;
                }
            }
            Action::AddPerson => {
                let index = map.people.len();
                if self.edit(Command::add_person(map, NEW_PERSON), "Add person") {
                    self.outline.tab = crate::ui::outline::Tab::People;
                    self.prefs.outline = true;
                    self.selection = Selection::Person(index);
                    self.focus_name = true;
                }
            }
            Action::DeletePerson(index) => {
                if self.edit_or_report(Command::delete_person(map, index), "Delete person") {
                    self.selection = Selection::Nothing;
                }
            }
            Action::RemoveLines(lines) => {
                if let Some(command) = crate::analysis::overlap::remove_lines(map, &lines) {
                    self.edit(command, "Keep a duty in one role");
                }
            }
            Action::MergeSkill { from, into } => {
                if let Some(command) = crate::analysis::skills::merge_skill(map, &from, &into) {
                    self.edit(command, "Merge skills");
                }
            }
            Action::Select(selection) => self.select(selection),
            Action::Reveal(selection) => {
                self.select(selection.clone());
                self.reveal = Some(Reveal { selection, zoom_in: true });
            }
            Action::SelectAll => {
                self.select(Selection::from_roles((0..map.roles.len()).collect()));
            }
            Action::Find => {
                self.prefs.outline = true;
                self.outline.focus_filter = true;
            }
            Action::ToggleLinkTool => self.canvas.link_tool = !self.canvas.link_tool,
            Action::ToggleOutline => self.prefs.outline = !self.prefs.outline,
            _ => return false,
        }
        true
    }

    /// Something added here has an id nobody chose ("new-role-2"): once it is named, the id
    /// follows the name (with every reference to it), so that the file reads well in git.
    pub(super) fn name_placeholder_id(&mut self) {
        use crate::edit::{List, fresh_id, is_placeholder_id, slug};
        let map = &self.doc.map;
        let (list, index, base) = match self.selection {
            Selection::Roles(ref roles) if roles.len() == 1 => (List::Roles, roles[0], NEW_ROLE),
            Selection::Ring(k) => (List::Rings, k, NEW_RING),
            Selection::Team(t) => (List::Teams, t, NEW_TEAM),
            Selection::Person(p) => (List::People, p, NEW_PERSON),
            _ => return,
        };
        let Some((id, name)) = list.id_and_name(map, index) else { return };
        let base = slug(base, "");
        let wanted = slug(name, &base);
        if !is_placeholder_id(id, &base) || wanted == base {
            return;
        }
        let taken = |candidate: &str| candidate != id && list.has_id(map, candidate);
        let new_id = fresh_id(&wanted, taken);
        if new_id != id {
            let command = Command::rename_id(map, list, index, &new_id);
            self.edit_or_report(command, "Name id");
        }
    }

    fn select(&mut self, selection: Selection) {
        if selection != self.selection {
            self.doc.history.end_group();
        }
        self.selection = selection;
    }

    /// Selects something just made, and brings it into view once it is laid out.
    fn select_new(&mut self, selection: Selection) {
        self.select(selection.clone());
        self.reveal = Some(Reveal { selection, zoom_in: false });
    }

    /// Deleting a ring or team that holds roles asks where they go; an empty one just goes
    /// (with its empty teams).
    fn ask_fate(&mut self, ring: bool, index: usize) {
        let map = &self.doc.map;
        let (id, name) = match ring {
            true => map.rings.get(index).map(|r| (r.id.clone(), r.name.clone())),
            false => map.teams.get(index).map(|t| (t.id.clone(), t.name.clone())),
        }
        .unwrap_or_default();
        let roles =
            map.roles.iter().filter(|r| if ring { r.ring == id } else { r.team == id }).count();
        if roles == 0 {
            let fate = if ring { RoleFate::Delete } else { RoleFate::Stay };
            self.delete_with_fate(ring, index, fate);
            return;
        }
        let places: Vec<(usize, String)> = if ring {
            map.rings
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != index)
                .map(|(k, r)| (k, r.name.clone()))
                .collect()
        } else {
            map.teams
                .iter()
                .enumerate()
                .filter(|(t, _)| *t != index)
                .map(|(t, team)| {
                    let ring = map.ring(&team.ring).map_or("", |r| r.name.as_str());
                    (t, format!("{} ({ring})", team.name))
                })
                .collect()
        };
        // Rings: the next ring inward (outward for the centre); teams: stay on the ring.
        let fate = match ring {
            true => RoleFate::MoveTo(if index > 0 { index - 1 } else { 1 }),
            false => RoleFate::Stay,
        };
        self.fate_question = Some(FateQuestion { ring, index, name, roles, places, fate });
    }

    /// Deletes ring (or team) `index`, its roles going where `fate` says.
    pub(super) fn delete_with_fate(&mut self, ring: bool, index: usize, fate: RoleFate) {
        let map = &self.doc.map;
        let (command, label) = match ring {
            true => (Command::delete_ring(map, index, fate), "Delete ring"),
            false => (Command::delete_team(map, index, fate), "Delete team"),
        };
        if self.edit_or_report(command, label) {
            self.selection = Selection::Nothing;
        }
    }

    /// Makes the link whose kind was just chosen.
    pub(super) fn finish_link(&mut self, link: &PendingLink, kind: LinkKind) {
        let index = self.doc.map.links.len();
        let command = Command::add_link(&self.doc.map, link.from, link.to, kind);
        if self.edit_or_report(command, "Add link") {
            self.selection = Selection::Link(index);
        }
    }

    /// What the user did on the canvas.
    pub(super) fn canvas_events(&mut self, events: Vec<CanvasEvent>, actions: &mut Vec<Action>) {
        for event in events {
            match event {
                CanvasEvent::Click { target: Target::Role(i), toggle: true } => {
                    let mut selection = self.selection.clone();
                    selection.toggle_role(i);
                    self.select(selection);
                }
                CanvasEvent::Click { target: Target::Role(i), .. } => {
                    self.select(Selection::role(i))
                }
                CanvasEvent::Click { target: Target::Link(l), .. } => {
                    self.select(Selection::Link(l))
                }
                CanvasEvent::Click { toggle: true, .. } => {}
                CanvasEvent::Click { .. } => self.select(Selection::Nothing),
                CanvasEvent::DoubleClick(Target::Ring(ring)) => {
                    actions.push(Action::AddRole { ring, team: None });
                }
                CanvasEvent::DoubleClick(Target::Team(team)) => {
                    let map = &self.doc.map;
                    let ring = map
                        .teams
                        .get(team)
                        .and_then(|t| map.rings.iter().position(|r| r.id == t.ring));
                    if let Some(ring) = ring {
                        actions.push(Action::AddRole { ring, team: Some(team) });
                    }
                }
                CanvasEvent::DoubleClick(_) => {}
                CanvasEvent::Context(target) => {
                    if let Target::Role(i) = target
                        && !self.selection.roles().contains(&i)
                    {
                        self.select(Selection::role(i));
                    }
                    self.context_target = Some(target);
                }
                CanvasEvent::Place(placements) => {
                    let map = &self.doc.map;
                    let commands: Result<Vec<Command>, _> = placements
                        .iter()
                        .map(|p| Command::place_role(map, p.role, p.ring, p.team, Some(p.degrees)))
                        .collect();
                    let label = if placements.len() == 1 { "Move role" } else { "Move roles" };
                    self.edit_or_report(commands.map(Command::Batch), label);
                }
                CanvasEvent::Link { from, to, at } => {
                    self.pending_link = Some(PendingLink { from, to, at });
                }
                CanvasEvent::Band { roles, add } => {
                    let mut all = if add { self.selection.roles().to_vec() } else { Vec::new() };
                    all.extend(roles);
                    self.select(Selection::from_roles(all));
                }
                CanvasEvent::Delete => actions.push(Action::DeleteSelected),
                CanvasEvent::Cancel => {
                    if self.pending_link.take().is_none() {
                        self.select(Selection::Nothing);
                    }
                }
            }
        }
    }

    /// Where the selection is on the map (to bring it into view).
    pub(super) fn selection_point(&self) -> Option<Point> {
        // While comparing, the canvas draws the compared map (roles, links and teams keep
        // their indices there; rings are found by id, as the old map's may be put back).
        let (map, layout) = match self.comparison.as_ref().and_then(|c| c.compared()) {
            Some(compared) => (&compared.union, &compared.layout),
            None => (&self.doc.map, self.doc.drawn_layout()?),
        };
        match &self.reveal.as_ref()?.selection {
            Selection::Nothing | Selection::Person(_) => None,
            Selection::Roles(roles) => Some(layout.roles.get(*roles.first()?)?.pos),
            Selection::Ring(k) => {
                let id = &self.doc.map.rings.get(*k)?.id;
                let ring = layout.rings.get(map.rings.iter().position(|r| &r.id == id)?)?;
                Some(Point::new(0.0, -ring.name_radius))
            }
            Selection::Team(t) => {
                let team = layout.teams.get(*t)?;
                let ring = layout.rings.get(team.ring)?;
                Some(Point::polar(ring.radius, (team.start + team.end) / 2.0))
            }
            Selection::Link(l) => {
                let link = map.links.get(*l)?;
                let a = layout.roles.get(map.role_index(&link.from)?)?.pos;
                let b = layout.roles.get(map.role_index(&link.to)?)?.pos;
                Some(a.plus(b).scale(0.5))
            }
        }
    }
}
