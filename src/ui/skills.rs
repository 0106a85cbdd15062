//! The side panel's Skills tab: the matrix of people by skills (see [`super::skills_matrix`]),
//! or every skill as a list with its risk, who needs it and who has it. Choosing a skill
//! highlights on the map the roles that need it and the roles whose holders have it; the
//! filter box narrows the skills (or, when it names no skill, the people).

use eframe::egui::{self, RichText};

use super::menus::Action;
use super::selection::Selection;
use super::skills_matrix::{Levels, Matrix, MatrixClick, PeopleOrder, matrix_ui, people_order};
use crate::analysis::skills::{self, Coverage, Needs, Risk};
use crate::font::visual;
use crate::model::OrgMap;

/// The tab's state: the coverage of one map generation, and the chosen skill (by key).
#[derive(Debug, Default)]
pub struct SkillsState {
    analysed: Option<Analysed>,
    /// The map's skills numbered for fits, of one map generation (a person's fit list).
    needs: Option<(u64, Needs)>,
    pub chosen: Option<String>,
    /// Skills ordered by risk (uncovered first) instead of by name.
    pub by_risk: bool,
    /// The list instead of the matrix.
    pub as_list: bool,
    pub people_order: PeopleOrder,
}

impl SkillsState {
    /// The analysis of `map`, done again only when the map changed.
    fn analysed(&mut self, map: &OrgMap, generation: u64) -> &mut Analysed {
        if self.analysed.as_ref().is_some_and(|a| a.generation != generation) {
            self.analysed = None;
        }
        self.analysed.get_or_insert_with(|| {
            let coverage = skills::coverage(map);
            let levels = Levels::new(map, &coverage);
            let duplicates = skills::near_duplicates(&coverage);
            Analysed { generation, coverage, levels, duplicates, rows: None }
        })
    }

    /// The map's skills numbered for fits, numbered again only when the map changed.
    pub fn needs(&mut self, map: &OrgMap, generation: u64) -> &Needs {
        if self.needs.as_ref().is_some_and(|(g, _)| *g != generation) {
            self.needs = None;
        }
        &self.needs.get_or_insert_with(|| (generation, Needs::new(map))).1
    }

    /// The roles the chosen skill concerns: those that need it and those whose holders have
    /// it (none while no skill is chosen).
    pub fn matches(&mut self, map: &OrgMap, generation: u64) -> Option<Vec<usize>> {
        let key = self.chosen.clone()?;
        let coverage = &self.analysed(map, generation).coverage;
        let skill = coverage.skills.iter().find(|s| s.key == key)?;
        let have: Vec<&str> =
            skill.people.iter().map(|&(p, _)| map.people[p].id.as_str()).collect();
        let roles = (0..map.roles.len())
            .filter(|&r| {
                skill.needed.iter().any(|&(n, _)| n == r)
                    || map.roles[r].holders.iter().any(|h| have.contains(&h.as_str()))
            })
            .collect();
        Some(roles)
    }
}

/// What the tab shows of one map generation, kept while the map does not change (a map of
/// 5,000 people is not sorted again on every frame).
#[derive(Debug)]
struct Analysed {
    generation: u64,
    coverage: Coverage,
    levels: Levels,
    duplicates: Vec<skills::NearDuplicate>,
    /// The people's rows for an order and a chosen skill.
    rows: Option<(RowsKey, Vec<usize>)>,
}

/// What the people's order depends on: the order asked for and the chosen skill.
type RowsKey = (PeopleOrder, Option<usize>);

/// A badge for a risk, in words (the colour only repeats them).
fn risk_badge(risk: Risk) -> Option<RichText> {
    match risk {
        Risk::Uncovered => {
            Some(RichText::new("nobody").color(egui::Color32::from_rgb(0xb3, 0x3a, 0x1a)))
        }
        Risk::Single => {
            Some(RichText::new("1 person").color(egui::Color32::from_rgb(0x8a, 0x5a, 0x00)))
        }
        Risk::Ok => None,
    }
}

pub fn skills_tab_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    generation: u64,
    state: &mut SkillsState,
    needle: &str,
    selection: &Selection,
) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.as_list, false, "Matrix");
        ui.selectable_value(&mut state.as_list, true, "List");
        ui.separator();
        ui.weak("Skills");
        ui.selectable_value(&mut state.by_risk, false, "A–Z");
        ui.selectable_value(&mut state.by_risk, true, "By risk")
            .on_hover_text("Skills nobody has first, then those only one person has");
    });
    if !state.as_list {
        ui.horizontal_wrapped(|ui| {
            ui.weak("People");
            let order = &mut state.people_order;
            ui.selectable_value(order, PeopleOrder::Name, "A–Z");
            ui.selectable_value(order, PeopleOrder::MostSkilled, "Most skilled")
                .on_hover_text("By their levels of every skill added up");
            ui.add_enabled_ui(state.chosen.is_some(), |ui| {
                ui.selectable_value(order, PeopleOrder::ChosenSkill, "By chosen skill")
                    .on_disabled_hover_text("Choose a skill: click its name in the matrix");
            });
        });
    }
    let (by_risk, as_list, people_sort) = (state.by_risk, state.as_list, state.people_order);
    let chosen = state.chosen.clone();
    let Analysed { coverage, levels, duplicates, rows: kept_rows, .. } =
        state.analysed(map, generation);
    let (coverage, levels) = (&*coverage, &*levels);
    if coverage.skills.is_empty() {
        ui.weak("No skills yet: add what a role needs and what a person has in the inspector.");
        return None;
    }
    let mut order: Vec<usize> = (0..coverage.skills.len())
        .filter(|&i| needle.is_empty() || coverage.skills[i].key.contains(needle))
        .collect();
    // A filter that names no skill narrows the people instead.
    let people_needle = (order.is_empty() && !needle.is_empty()).then_some(needle);
    if people_needle.is_some() {
        order = (0..coverage.skills.len()).collect();
    }
    if by_risk {
        order.sort_by_key(|&i| coverage.skills[i].risk);
    }
    // Spellings that are probably one skill, each with a button that makes them one.
    // Above the matrix, a few: the matrix needs the room. The list shows them all.
    let shown = if as_list { duplicates.len() } else { duplicates.len().min(3) };
    if shown < duplicates.len() {
        ui.weak(format!("{} more spellings to merge: see List", duplicates.len() - shown));
    }
    for pair in &duplicates[..shown] {
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("One skill? “{}” and “{}”", visual(&pair.a), visual(&pair.b)));
            let hint = format!("Rename “{}” to “{}” in every role and person", pair.b, pair.a);
            if ui
                .small_button(format!("Merge into “{}”", visual(&pair.a)))
                .on_hover_text(hint)
                .clicked()
            {
                action = Some(Action::MergeSkill { from: pair.b.clone(), into: pair.a.clone() });
            }
        });
    }
    // The selected role's needs, marked in the list: (key, level).
    let role_needs: Vec<(String, u8)> = selection
        .single_role()
        .and_then(|r| map.roles.get(r))
        .map(|role| role.skills.iter().map(|s| (skills::skill_key(&s.name), s.level)).collect())
        .unwrap_or_default();
    if let Some(role) = selection.single_role().and_then(|r| map.roles.get(r))
        && !role_needs.is_empty()
    {
        let name = visual(&role.name);
        if as_list {
            ui.weak(format!("▶ marks what {name} needs"));
        } else {
            let hint = format!(
                "▶ what {name} needs (its columns framed); ● who holds it, red where below"
            );
            ui.add(egui::Label::new(RichText::new(hint).weak()).wrap());
        }
    }
    let mut choose = None;
    if !as_list {
        let chosen_index =
            chosen.as_ref().and_then(|k| coverage.skills.iter().position(|s| &s.key == k));
        let key = (people_sort, chosen_index);
        if kept_rows.as_ref().is_none_or(|(k, _)| *k != key) {
            *kept_rows = Some((key, people_order(map, levels, people_sort, chosen_index)));
        }
        let mut rows = kept_rows.as_ref().map(|(_, rows)| rows.clone()).unwrap_or_default();
        if let Some(needle) = people_needle {
            rows.retain(|&p| map.people[p].name.to_lowercase().contains(needle));
        }
        let matrix = Matrix {
            map,
            coverage,
            levels,
            columns: &order,
            rows: &rows,
            chosen: chosen_index,
            role: selection.single_role(),
            person: match selection {
                Selection::Person(p) => Some(*p),
                _ => None,
            },
        };
        match matrix_ui(ui, &matrix) {
            Some(MatrixClick::Skill(s)) => {
                let key = coverage.skills[s].key.clone();
                let again = chosen.as_deref() == Some(key.as_str());
                state.chosen = (!again).then_some(key);
                if !again {
                    state.people_order = PeopleOrder::ChosenSkill;
                }
            }
            Some(MatrixClick::Person(p)) => action = Some(Action::Select(Selection::Person(p))),
            None => {}
        }
        return action;
    }
    egui::ScrollArea::vertical().id_salt("skills").auto_shrink([false, false]).show(ui, |ui| {
        for &i in &order {
            let skill = &coverage.skills[i];
            let on = chosen.as_deref() == Some(skill.key.as_str());
            ui.horizontal(|ui| {
                if let Some((_, level)) = role_needs.iter().find(|(k, _)| *k == skill.key) {
                    ui.label(RichText::new(format!("▶{level}")).strong())
                        .on_hover_text("The selected role needs this skill at this level");
                }
                // The badge first: a long name is cut short, never the risk.
                if let Some(badge) = risk_badge(skill.risk) {
                    ui.label(badge.small());
                }
                let text = format!("{}  ·  needs {}", visual(&skill.name), skill.highest_need());
                if ui.add(egui::Button::selectable(on, text).truncate()).clicked() {
                    choose = Some(if on { None } else { Some(skill.key.clone()) });
                }
            });
            if on {
                skill_detail_ui(ui, map, coverage, i, &mut action);
            }
        }
    });
    if let Some(choice) = choose {
        state.chosen = choice;
    }
    action
}

/// Under the chosen skill: the roles that need it, the people who have it (each a link to
/// select), and the gaps.
fn skill_detail_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    coverage: &Coverage,
    i: usize,
    action: &mut Option<Action>,
) {
    let skill = &coverage.skills[i];
    ui.indent(("skill detail", i), |ui| {
        ui.weak("Needed by");
        if skill.needed.is_empty() {
            ui.label("no role");
        }
        for &(r, level) in &skill.needed {
            let text = format!("{} · level {level}", visual(&map.roles[r].name));
            if ui.link(text).clicked() {
                *action = Some(Action::Reveal(Selection::role(r)));
            }
        }
        ui.weak("Who has it");
        if skill.people.is_empty() {
            ui.label("nobody");
        }
        for &(p, level) in &skill.people {
            let text = format!("{} · level {level}", visual(&map.people[p].name));
            if ui.link(text).clicked() {
                *action = Some(Action::Select(Selection::Person(p)));
            }
        }
        let gaps: Vec<_> = coverage.gaps.iter().filter(|g| g.skill == skill.name).collect();
        if !gaps.is_empty() {
            ui.weak("Gaps");
            for gap in gaps {
                ui.label(format!(
                    "{} as {}: {} of {}",
                    visual(&map.people[gap.person].name),
                    visual(&map.roles[gap.role].name),
                    gap.has,
                    gap.needs
                ));
            }
        }
    });
}
