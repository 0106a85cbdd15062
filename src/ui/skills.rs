//! The side panel's Skills tab: every skill with its risk, who needs it and who has it.
//! Choosing a skill highlights on the map the roles that need it and the roles whose holders
//! have it; the filter box narrows the list.

use eframe::egui::{self, RichText};

use super::menus::Action;
use super::selection::Selection;
use crate::analysis::skills::{self, Coverage, Risk};
use crate::font::visual;
use crate::model::OrgMap;

/// The tab's state: the coverage of one map generation, and the chosen skill (by key).
#[derive(Debug, Default)]
pub struct SkillsState {
    coverage: Option<(u64, Coverage)>,
    pub chosen: Option<String>,
    /// Skills ordered by risk (uncovered first) instead of by name.
    pub by_risk: bool,
}

impl SkillsState {
    /// The coverage of `map`, computed again only when the map changed.
    fn coverage(&mut self, map: &OrgMap, generation: u64) -> &Coverage {
        if self.coverage.as_ref().is_some_and(|(g, _)| *g != generation) {
            self.coverage = None;
        }
        &self.coverage.get_or_insert_with(|| (generation, skills::coverage(map))).1
    }

    /// The roles the chosen skill concerns: those that need it and those whose holders have
    /// it (none while no skill is chosen).
    pub fn matches(&mut self, map: &OrgMap, generation: u64) -> Option<Vec<usize>> {
        let key = self.chosen.clone()?;
        let coverage = self.coverage(map, generation);
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
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.by_risk, false, "By name");
        ui.selectable_value(&mut state.by_risk, true, "By risk");
    });
    let by_risk = state.by_risk;
    let chosen = state.chosen.clone();
    let coverage = state.coverage(map, generation);
    if coverage.skills.is_empty() {
        ui.weak("No skills yet: add what a role needs and what a person has in the inspector.");
        return None;
    }
    let mut order: Vec<usize> = (0..coverage.skills.len())
        .filter(|&i| needle.is_empty() || coverage.skills[i].key.contains(needle))
        .collect();
    if by_risk {
        order.sort_by_key(|&i| coverage.skills[i].risk);
    }
    // Spellings that are probably one skill, each with a button that makes them one.
    for pair in skills::near_duplicates(coverage) {
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
        ui.weak(format!("▶ marks what {} needs", visual(&role.name)));
    }
    let mut choose = None;
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
