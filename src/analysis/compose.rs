//! The role composer: a new role made of parts of others (duties, outcomes, skills), as new
//! jobs such as the Community Manager are new mixes of existing competences. "Move" takes the
//! duties and outcomes away from the roles they came from; "copy" leaves them. Either is one
//! command, so one undo takes it all back. The file records nothing of where parts came from.

use crate::analysis::skills::skill_key;
use crate::edit::{Command, Item};
use crate::model::ids::{fresh_id, slug};
use crate::model::{OrgMap, Responsibility, Role, Skill};

/// One part of a role, picked for the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Duty `duty` of area `area` of role `role`.
    Duty {
        role: usize,
        area: usize,
        duty: usize,
    },
    Outcome {
        role: usize,
        index: usize,
    },
    Skill {
        role: usize,
        index: usize,
    },
}

impl Part {
    pub fn role(self) -> usize {
        match self {
            Part::Duty { role, .. } | Part::Outcome { role, .. } | Part::Skill { role, .. } => role,
        }
    }
}

/// Whether the parts picked leave the roles they came from (skills are always copied: a role
/// still needs a skill it shares).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Copy,
    Move,
}

/// What composing would do: the command, and the roles a move leaves with no duty and no
/// outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    pub command: Command,
    pub emptied: Vec<usize>,
    /// The new role's index.
    pub index: usize,
}

/// A new role named `name` on ring `ring` with `parts`; duties keep their areas' names (one
/// area per name), skills are merged by name at the highest level picked.
pub fn compose(map: &OrgMap, name: &str, ring: usize, parts: &[Part], mode: Mode) -> Composed {
    let id = fresh_id(&slug(name, "role"), |id| map.role(id).is_some());
    let ring_id = map.rings.get(ring).map_or(String::new(), |r| r.id.clone());
    let mut role = Role::new(id, name, ring_id);
    let mut parts = parts.to_vec();
    parts.sort();
    parts.dedup();
    for &part in &parts {
        let Some(source) = map.roles.get(part.role()) else { continue };
        match part {
            Part::Duty { area, duty, .. } => {
                let Some(from) = source.responsibilities.get(area) else { continue };
                let Some(text) = from.duties.get(duty) else { continue };
                match role.responsibilities.iter_mut().find(|r| r.area == from.area) {
                    Some(kept) => kept.duties.push(text.clone()),
                    None => role.responsibilities.push(Responsibility {
                        area: from.area.clone(),
                        duties: vec![text.clone()],
                    }),
                }
            }
            Part::Outcome { index, .. } => {
                if let Some(outcome) = source.outcomes.get(index) {
                    role.outcomes.push(outcome.clone());
                }
            }
            Part::Skill { index, .. } => {
                let Some(skill) = source.skills.get(index) else { continue };
                let key = skill_key(&skill.name);
                match role.skills.iter_mut().find(|s| skill_key(&s.name) == key) {
                    Some(kept) => kept.level = kept.level.max(skill.level),
                    None => role
                        .skills
                        .push(Skill { name: skill.name.trim().into(), level: skill.level }),
                }
            }
        }
    }
    let index = map.roles.len();
    let mut commands = vec![Command::Insert { index, item: Item::Role(Box::new(role)) }];
    let mut emptied = Vec::new();
    if mode == Mode::Move {
        let mut sources: Vec<usize> = parts.iter().map(|p| p.role()).collect();
        sources.dedup();
        for r in sources {
            let Some(source) = map.roles.get(r) else { continue };
            let mut left = source.clone();
            for area in 0..left.responsibilities.len() {
                let mut n = 0;
                left.responsibilities[area].duties.retain(|_| {
                    let keep = !parts.contains(&Part::Duty { role: r, area, duty: n });
                    n += 1;
                    keep
                });
            }
            left.responsibilities.retain(|area| !area.duties.is_empty() || area.area.is_empty());
            let mut n = 0;
            left.outcomes.retain(|_| {
                let keep = !parts.contains(&Part::Outcome { role: r, index: n });
                n += 1;
                keep
            });
            let had_some = !source.outcomes.is_empty()
                || source.responsibilities.iter().any(|a| !a.duties.is_empty());
            let has_none = left.outcomes.is_empty()
                && left.responsibilities.iter().all(|a| a.duties.is_empty());
            if had_some && has_none {
                emptied.push(r);
            }
            if left != *source {
                commands.push(Command::set_role(r, left));
            }
        }
    }
    Composed { command: Command::Batch(commands), emptied, index }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> OrgMap {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_orgs/wellbeing_teams.ron");
        crate::format::load(&path).unwrap()
    }

    #[test]
    fn copy_makes_a_role_of_parts_and_leaves_the_others_alone() {
        let mut map = map();
        let before = map.clone();
        let coach = map.role_index("practice-coach").unwrap();
        let worker = map.role_index("wellbeing-worker").unwrap();
        let parts = [
            Part::Duty { role: coach, area: 1, duty: 0 },
            Part::Outcome { role: worker, index: 0 },
            Part::Skill { role: coach, index: 0 },
        ];
        let composed = compose(&map, "Community Manager", 2, &parts, Mode::Copy);
        assert!(composed.emptied.is_empty());
        let undo = composed.command.apply(&mut map).unwrap();
        let new = &map.roles[composed.index];
        assert_eq!(
            (new.id.as_str(), new.ring.as_str()),
            ("community-manager", map.rings[2].id.as_str())
        );
        assert_eq!(new.responsibilities[0].area, before.roles[coach].responsibilities[1].area);
        assert_eq!(
            new.responsibilities[0].duties,
            [before.roles[coach].responsibilities[1].duties[0].clone()]
        );
        assert_eq!(new.outcomes, [before.roles[worker].outcomes[0].clone()]);
        assert_eq!(new.skills[0], before.roles[coach].skills[0]);
        assert_eq!(map.roles[coach], before.roles[coach], "copy leaves the source");
        undo.apply(&mut map).unwrap();
        assert_eq!(map, before, "one undo");
    }

    #[test]
    fn move_takes_the_parts_away_and_names_the_roles_left_with_nothing() {
        let mut map = map();
        let before = map.clone();
        let rota = map.role_index("reporter-recorder").unwrap();
        let source = &map.roles[rota];
        // Every duty and outcome of the Rota Coordinator.
        let mut parts: Vec<Part> = Vec::new();
        for (a, area) in source.responsibilities.iter().enumerate() {
            parts.extend((0..area.duties.len()).map(|d| Part::Duty {
                role: rota,
                area: a,
                duty: d,
            }));
        }
        parts.extend((0..source.outcomes.len()).map(|i| Part::Outcome { role: rota, index: i }));
        assert!(!parts.is_empty(), "the sample's reporter/recorder has duties");
        let coach = map.role_index("practice-coach").unwrap();
        parts.push(Part::Duty { role: coach, area: 0, duty: 0 });
        let composed = compose(&map, "Scheduler", 1, &parts, Mode::Move);
        assert_eq!(composed.emptied, [rota], "the reporter/recorder is left with nothing");
        let undo = composed.command.apply(&mut map).unwrap();
        assert!(map.roles[rota].responsibilities.iter().all(|a| a.duties.is_empty()));
        let coach_duties = |m: &OrgMap| m.roles[coach].responsibilities[0].duties.len();
        assert_eq!(coach_duties(&map), coach_duties(&before) - 1, "one duty moved");
        undo.apply(&mut map).unwrap();
        assert_eq!(map, before, "one undo puts every part back");
    }
}
