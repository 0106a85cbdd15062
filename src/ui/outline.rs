//! The side panel: the outline of the map (rings, their teams, their roles) and the people,
//! both narrowed by one filter box (Ctrl+F). Choosing a row selects it and brings it into
//! view; the canvas highlights the roles the filter matches.

use eframe::egui::{self, RichText};

use super::health::{HealthClick, HealthState, health_tab_ui};
use super::menus::Action;
use super::people::people_list_ui;
use super::selection::Selection;
use super::skills::{SkillsState, skills_tab_ui};
use crate::font::visual;
use crate::model::OrgMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Tab {
    #[default]
    Outline,
    People,
    Skills,
    Health,
}

#[derive(Debug, Default)]
pub struct OutlineState {
    pub filter: String,
    /// Set by Ctrl+F: the filter box takes the keyboard on the next frame.
    pub focus_filter: bool,
    pub tab: Tab,
    pub skills: SkillsState,
    pub health: HealthState,
    /// The search for one map generation and filter: the outline and the canvas both use
    /// it, and a 10,000-role map is not searched again on every frame.
    search: Option<Search>,
}

/// What the filter found.
#[derive(Debug)]
struct Search {
    key: (u64, String),
    /// The roles that match, or none while the filter is empty.
    matches: Option<Vec<usize>>,
    rows: Vec<Row>,
}

impl OutlineState {
    /// The search of `map` (at `generation`) for the filter, done again only when either
    /// changed.
    fn search(&mut self, map: &OrgMap, generation: u64) -> &Search {
        let needle = self.filter.trim().to_lowercase();
        let key = (generation, needle);
        if self.search.as_ref().is_some_and(|s| s.key != key) {
            self.search = None;
        }
        self.search.get_or_insert_with(|| {
            let needle = &key.1;
            let matches = (!needle.is_empty()).then(|| search(map, needle));
            let rows = rows(map, needle, matches.as_deref());
            Search { key, matches, rows }
        })
    }

    /// The roles the map highlights: on the Skills tab, those the chosen skill concerns;
    /// else those the filter matches (none while it is empty).
    pub fn matches(&mut self, map: &OrgMap, generation: u64) -> Option<Vec<usize>> {
        if self.tab == Tab::Skills {
            return self.skills.matches(map, generation);
        }
        self.search(map, generation).matches.clone()
    }
}

/// Roles whose name, id or holders' names hold `needle` (lower case).
pub fn search(map: &OrgMap, needle: &str) -> Vec<usize> {
    let index = map.index();
    let holds = |text: &str| text.to_lowercase().contains(needle);
    (0..map.roles.len())
        .filter(|&i| {
            let role = &map.roles[i];
            holds(&role.name)
                || holds(&role.id)
                || role
                    .holders
                    .iter()
                    .any(|h| index.person(h).is_some_and(|p| holds(&map.people[p].name)))
        })
        .collect()
}

/// One line of the outline.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    Ring(usize),
    Team(usize),
    /// A role, indented under its team when it has one.
    Role(usize, bool),
}

/// The outline's lines: each ring, its teams with their roles, then its roles in no team.
/// With a filter (`needle`, and the roles it `found`), only those roles and the rings and
/// teams that hold them (or match).
fn rows(map: &OrgMap, needle: &str, found: Option<&[usize]>) -> Vec<Row> {
    let mut role_shown = vec![found.is_none(); map.roles.len()];
    for &i in found.into_iter().flatten() {
        role_shown[i] = true;
    }
    let matches = |name: &str| needle.is_empty() || name.to_lowercase().contains(needle);
    let index = map.index();
    let mut by_team: Vec<Vec<usize>> = vec![Vec::new(); map.teams.len()];
    let mut by_ring: Vec<Vec<usize>> = vec![Vec::new(); map.rings.len()];
    for (i, role) in map.roles.iter().enumerate().filter(|(i, _)| role_shown[*i]) {
        match index.team(&role.team) {
            Some(t) => by_team[t].push(i),
            None => {
                if let Some(k) = index.ring(&role.ring) {
                    by_ring[k].push(i);
                }
            }
        }
    }
    let mut rows = Vec::new();
    for (k, ring) in map.rings.iter().enumerate() {
        let teams: Vec<usize> = (0..map.teams.len())
            .filter(|&t| map.teams[t].ring == ring.id)
            .filter(|&t| !by_team[t].is_empty() || matches(&map.teams[t].name))
            .collect();
        if teams.is_empty() && by_ring[k].is_empty() && !matches(&ring.name) {
            continue;
        }
        rows.push(Row::Ring(k));
        for t in teams {
            rows.push(Row::Team(t));
            rows.extend(by_team[t].iter().map(|&i| Row::Role(i, true)));
        }
        rows.extend(by_ring[k].iter().map(|&i| Row::Role(i, false)));
    }
    rows
}

pub fn side_panel_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    generation: u64,
    state: &mut OutlineState,
    selection: &Selection,
) -> Option<Action> {
    // Long names are cut to the panel's width instead of widening it.
    ui.set_max_width(ui.available_width());
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // Wrapped: on a narrow panel the last tabs go under the first instead of out of sight.
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.tab, Tab::Outline, "Outline");
        ui.selectable_value(&mut state.tab, Tab::People, format!("People ({})", map.people.len()));
        ui.selectable_value(&mut state.tab, Tab::Skills, "Skills");
        ui.selectable_value(&mut state.tab, Tab::Health, "Health");
    });
    let hint = match state.tab {
        Tab::Outline => "Find a role, team or ring (Ctrl+F)",
        Tab::People => "Find a person (Ctrl+F)",
        Tab::Skills => "Find a skill (Ctrl+F)",
        Tab::Health => "Find a finding or a duty (Ctrl+F)",
    };
    let filter = ui
        .horizontal(|ui| {
            let label = ui.label("Find");
            let edit = egui::TextEdit::singleline(&mut state.filter)
                .hint_text(hint)
                .desired_width(f32::INFINITY);
            ui.add(edit).labelled_by(label.id)
        })
        .inner;
    if std::mem::take(&mut state.focus_filter) {
        filter.request_focus();
    }
    if filter.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.filter.clear();
    }
    let needle = state.filter.trim().to_lowercase();
    if state.tab == Tab::People {
        return people_list_ui(ui, map, &needle, selection);
    }
    if state.tab == Tab::Health {
        return match health_tab_ui(ui, map, generation, &mut state.health, &needle)? {
            // The map as a whole: its own inspector, nothing to bring into view.
            HealthClick::Select(Selection::Nothing) => Some(Action::Select(Selection::Nothing)),
            HealthClick::Select(selection) => Some(Action::Reveal(selection)),
            HealthClick::Remove(lines) => Some(Action::RemoveLines(lines)),
            HealthClick::Skill(key) => {
                state.tab = Tab::Skills;
                state.skills.chosen = Some(key);
                None
            }
        };
    }
    if state.tab == Tab::Skills {
        return skills_tab_ui(ui, map, generation, &mut state.skills, &needle, selection);
    }
    let Search { matches, rows, .. } = state.search(map, generation);
    if let Some(found) = matches {
        ui.weak(match found.len() {
            1 => "1 role found".to_string(),
            n => format!("{n} roles found"),
        });
    }
    let mut action = None;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical().id_salt("outline").auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            for row in &rows[range] {
                let (indent, text, target) = match *row {
                    Row::Ring(k) => (
                        0.0,
                        RichText::new(visual(&map.rings[k].name)).strong(),
                        Selection::Ring(k),
                    ),
                    Row::Team(t) => (
                        14.0,
                        RichText::new(visual(&map.teams[t].name)).italics(),
                        Selection::Team(t),
                    ),
                    Row::Role(i, in_team) => (
                        if in_team { 28.0 } else { 14.0 },
                        RichText::new(visual(&map.roles[i].name)),
                        Selection::role(i),
                    ),
                };
                ui.horizontal(|ui| {
                    ui.add_space(indent);
                    let on = match (&target, selection) {
                        (Selection::Roles(r), Selection::Roles(s)) => s.contains(&r[0]),
                        (t, s) => t == s,
                    };
                    // Long names are cut to the panel's width (hover shows them whole).
                    if ui.add(egui::Button::selectable(on, text).truncate()).clicked() {
                        action = Some(Action::Reveal(target));
                    }
                });
            }
        },
    );
    action
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ring, Role, Team};

    fn map() -> OrgMap {
        let mut map = OrgMap::new("Outline");
        map.rings.push(Ring::new("team", "Wellbeing Team"));
        map.teams.push(Team::new("north", "North", "team"));
        let mut coach = Role::new("coach", "Team Coach", "team");
        coach.team = "north".into();
        map.roles.extend([Role::new("person", "The person", "centre"), coach]);
        map.roles.push(Role::new("worker", "Wellbeing Worker", "team"));
        map
    }

    /// The rows for a filter, searched as the panel searches.
    fn rows_for(map: &OrgMap, needle: &str) -> Vec<Row> {
        let found = (!needle.is_empty()).then(|| search(map, needle));
        rows(map, needle, found.as_deref())
    }

    #[test]
    fn the_outline_nests_roles_under_teams_and_rings() {
        let rows = rows_for(&map(), "");
        assert_eq!(
            rows,
            [
                Row::Ring(0),
                Row::Role(0, false),
                Row::Ring(1),
                Row::Team(0),
                Row::Role(1, true),
                Row::Role(2, false)
            ]
        );
    }

    #[test]
    fn the_filter_keeps_matches_and_what_holds_them() {
        assert_eq!(search(&map(), "coach"), [1]);
        assert_eq!(rows_for(&map(), "coach"), [Row::Ring(1), Row::Team(0), Row::Role(1, true)]);
        assert_eq!(rows_for(&map(), "wellbeing"), [Row::Ring(1), Row::Role(2, false)]);
        assert!(rows_for(&map(), "nobody").is_empty());
    }
}
