//! Skills across roles and people: one skill whatever its spelling's case or spaces, near
//! duplicates to merge, coverage and its risks, the gaps of the people holding roles, and how
//! well each person fits each role.
//!
//! A role's skill is what the role needs, at a level from 1 (aware) to 5 (expert); a person's
//! is what they have. A skill someone lacks counts as level 0.

use std::collections::{BTreeMap, HashMap};

use crate::edit::{Command, Item};
use crate::model::{OrgMap, Skill};

/// The key a skill is known by: its name trimmed, inner spaces collapsed, in lower case
/// ("  Facilitation " and "facilitation" are one skill).
pub fn skill_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// How exposed the organisation is on a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    /// Nobody has the highest level a role needs.
    Uncovered,
    /// Exactly one person has it: one person leaving takes it away.
    Single,
    Ok,
}

impl Risk {
    pub fn label(self) -> &'static str {
        match self {
            Risk::Uncovered => "uncovered",
            Risk::Single => "single",
            Risk::Ok => "ok",
        }
    }
}

/// One skill: who needs it, who has it.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillCoverage {
    /// The name as first written in the map (trimmed).
    pub name: String,
    pub key: String,
    /// (role index, level needed), in the map's order.
    pub needed: Vec<(usize, u8)>,
    /// (person index, level), in the map's order.
    pub people: Vec<(usize, u8)>,
    pub risk: Risk,
}

impl SkillCoverage {
    /// The highest level any role needs (0 when none needs it).
    pub fn highest_need(&self) -> u8 {
        self.needed.iter().map(|&(_, level)| level).max().unwrap_or(0)
    }
}

/// A holder of a role below a level the role needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub role: usize,
    pub person: usize,
    /// The skill's name as [`SkillCoverage::name`].
    pub skill: String,
    pub has: u8,
    pub needs: u8,
}

/// Every skill of the map and the gaps of the people holding roles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    /// By name, case-insensitively.
    pub skills: Vec<SkillCoverage>,
    pub gaps: Vec<Gap>,
}

/// Each person's level of each skill, by skill key (the highest, if a skill is listed twice).
struct Levels {
    of_person: Vec<HashMap<String, u8>>,
}

impl Levels {
    fn new(map: &OrgMap) -> Levels {
        let of_person = map.people.iter().map(|p| levels_of(&p.skills)).collect();
        Levels { of_person }
    }

    fn get(&self, person: usize, key: &str) -> u8 {
        self.of_person.get(person).and_then(|l| l.get(key)).copied().unwrap_or(0)
    }
}

/// Skills by key, each at its highest level listed.
fn levels_of(skills: &[Skill]) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    for skill in skills {
        let key = skill_key(&skill.name);
        if key.is_empty() {
            continue;
        }
        let level = levels.entry(key).or_insert(0);
        *level = (*level).max(skill.level);
    }
    levels
}

pub fn coverage(map: &OrgMap) -> Coverage {
    let mut skills: BTreeMap<String, SkillCoverage> = BTreeMap::new();
    fn entry<'a>(
        skills: &'a mut BTreeMap<String, SkillCoverage>,
        name: &str,
    ) -> &'a mut SkillCoverage {
        let key = skill_key(name);
        skills.entry(key.clone()).or_insert_with(|| SkillCoverage {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            key,
            needed: Vec::new(),
            people: Vec::new(),
            risk: Risk::Ok,
        })
    }
    for (r, role) in map.roles.iter().enumerate() {
        for (name, level) in ordered(&role.skills) {
            entry(&mut skills, &name).needed.push((r, level));
        }
    }
    for (p, person) in map.people.iter().enumerate() {
        for (name, level) in ordered(&person.skills) {
            entry(&mut skills, &name).people.push((p, level));
        }
    }
    let mut skills: Vec<SkillCoverage> = skills.into_values().collect();
    for skill in &mut skills {
        let need = skill.highest_need();
        let able = skill.people.iter().filter(|&&(_, level)| level >= need).count();
        skill.risk = match (need, able) {
            (0, _) => Risk::Ok,
            (_, 0) => Risk::Uncovered,
            (_, 1) => Risk::Single,
            _ => Risk::Ok,
        };
    }
    let names: HashMap<&str, &str> =
        skills.iter().map(|s| (s.key.as_str(), s.name.as_str())).collect();
    let levels = Levels::new(map);
    let people: HashMap<&str, usize> =
        map.people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut gaps = Vec::new();
    for (r, role) in map.roles.iter().enumerate() {
        if role.holders.is_empty() || role.skills.is_empty() {
            continue;
        }
        let needs = ordered(&role.skills);
        for holder in &role.holders {
            let Some(&person) = people.get(holder.as_str()) else {
                continue;
            };
            for (key, needs) in &needs {
                let key = skill_key(key);
                let has = levels.get(person, &key);
                if has < *needs {
                    let skill = names.get(key.as_str()).map_or(key.clone(), |n| n.to_string());
                    gaps.push(Gap { role: r, person, skill, has, needs: *needs });
                }
            }
        }
    }
    Coverage { skills, gaps }
}

/// A list's skills, each once (at its highest level), in the order first listed, with the
/// name as first written.
fn ordered(skills: &[Skill]) -> Vec<(String, u8)> {
    let mut out: Vec<(String, u8)> = Vec::new();
    for skill in skills {
        let key = skill_key(&skill.name);
        if key.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(name, _)| skill_key(name) == key) {
            Some((_, level)) => *level = (*level).max(skill.level),
            None => out.push((skill.name.trim().to_string(), skill.level)),
        }
    }
    out
}

/// A skill to develop, from the level someone has to the level a role needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Develop {
    pub skill: String,
    pub from: u8,
    pub to: u8,
}

/// How well a person fits a role: the share of the levels the role needs that they have
/// already (1 when it needs none), and what they would develop.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub role: usize,
    pub person: usize,
    /// 0 to 1.
    pub fit: f64,
    pub develop: Vec<Develop>,
}

/// The needs of every role and the levels of every person, with skills numbered: computed
/// once for many fits (a fit then allocates nothing until its skills to develop are asked).
#[derive(Debug)]
pub struct Needs {
    /// Skill names (as first written) by number.
    names: Vec<String>,
    /// Each role's needs: (skill, level), once per skill.
    of_role: Vec<Vec<(u32, u8)>>,
    /// Each person's levels: (skill, level), once per skill.
    of_person: Vec<Vec<(u32, u8)>>,
    /// The roles that need each skill, in the map's order.
    roles_needing: Vec<Vec<usize>>,
    /// Roles that need exactly the same (skills and levels), each group once: a person's
    /// fit is scored once per group, not once per role (a map of 10,000 roles has a few
    /// hundred such groups).
    groups: Vec<NeedGroup>,
    /// The groups that need each skill, in order of their first role.
    groups_needing: Vec<Vec<usize>>,
}

/// Roles that need the same: the needs of the first, the roles in the map's order.
#[derive(Debug)]
struct NeedGroup {
    role: usize,
    roles: Vec<usize>,
}

impl Needs {
    pub fn new(map: &OrgMap) -> Needs {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut number = |list: &[Skill]| -> Vec<(u32, u8)> {
            ordered(list)
                .into_iter()
                .map(|(name, level)| {
                    let id = *ids.entry(skill_key(&name)).or_insert_with(|| {
                        names.push(name.clone());
                        names.len() as u32 - 1
                    });
                    (id, level)
                })
                .collect()
        };
        let of_role: Vec<Vec<(u32, u8)>> = map.roles.iter().map(|r| number(&r.skills)).collect();
        let of_person: Vec<Vec<(u32, u8)>> = map.people.iter().map(|p| number(&p.skills)).collect();
        let mut roles_needing = vec![Vec::new(); names.len()];
        let mut groups: Vec<NeedGroup> = Vec::new();
        let mut groups_needing = vec![Vec::new(); names.len()];
        let mut group_of: HashMap<&[(u32, u8)], usize> = HashMap::new();
        for (r, needs) in of_role.iter().enumerate() {
            for &(id, _) in needs {
                roles_needing[id as usize].push(r);
            }
            let g = *group_of.entry(needs.as_slice()).or_insert_with(|| {
                for &(id, _) in needs {
                    groups_needing[id as usize].push(groups.len());
                }
                groups.push(NeedGroup { role: r, roles: Vec::new() });
                groups.len() - 1
            });
            groups[g].roles.push(r);
        }
        Needs { names, of_role, of_person, roles_needing, groups, groups_needing }
    }

    fn level(&self, person: usize, skill: u32) -> u8 {
        let levels = self.of_person.get(person).map_or(&[][..], Vec::as_slice);
        levels.iter().find(|&&(id, _)| id == skill).map_or(0, |&(_, level)| level)
    }

    fn needs_of(&self, role: usize) -> &[(u32, u8)] {
        self.of_role.get(role).map_or(&[][..], Vec::as_slice)
    }

    /// The share of what `role` needs that `person` has (1 when it needs nothing).
    fn score(&self, person: usize, role: usize) -> f64 {
        let (mut have, mut need) = (0u32, 0u32);
        for &(skill, level) in self.needs_of(role) {
            have += u32::from(self.level(person, skill).min(level));
            need += u32::from(level);
        }
        if need == 0 { 1.0 } else { f64::from(have) / f64::from(need) }
    }

    /// How well `person` fits `role`.
    pub fn fit(&self, person: usize, role: usize) -> Fit {
        let develop = self
            .needs_of(role)
            .iter()
            .filter_map(|&(skill, to)| {
                let from = self.level(person, skill);
                (from < to).then(|| Develop { skill: self.names[skill as usize].clone(), from, to })
            })
            .collect();
        Fit { role, person, fit: self.score(person, role), develop }
    }

    /// Whether `person` meets all of `role`'s needs, with `raised` (a skill and a level) in
    /// place of their own level of that skill.
    fn meets(&self, person: usize, role: usize, raised: Option<(u32, u8)>) -> bool {
        self.needs_of(role).iter().all(|&(skill, need)| {
            let has = match raised {
                Some((id, level)) if id == skill => level,
                _ => self.level(person, skill),
            };
            has >= need
        })
    }
}

/// Best first: the highest fit, then the role that needs more (a role needing nothing fits
/// anyone and says little), then the map's order.
fn best_first(needs: &Needs, (a, fa): (usize, f64), (b, fb): (usize, f64)) -> std::cmp::Ordering {
    fb.total_cmp(&fa).then(needs.needs_of(b).len().cmp(&needs.needs_of(a).len())).then(a.cmp(&b))
}

/// Every role for `person`, best fit first.
pub fn fit_for_person(map: &OrgMap, needs: &Needs, person: usize) -> Vec<Fit> {
    let mut scored: Vec<(usize, f64)> =
        (0..map.roles.len()).map(|r| (r, needs.score(person, r))).collect();
    scored.sort_by(|&a, &b| best_first(needs, a, b));
    scored.into_iter().map(|(r, _)| needs.fit(person, r)).collect()
}

/// The `limit` roles that `person` fits best among those that need a skill they have: what
/// the app lists for a person (every other role is at 0, or lists no skills). Roles that
/// need the same are scored once, and only the ones kept are spelled out, so this stays fast
/// on large maps.
pub fn fitting_roles(needs: &Needs, person: usize, limit: usize) -> Vec<Fit> {
    let own = needs.of_person.get(person).map_or(&[][..], Vec::as_slice);
    let mut groups: Vec<usize> = own
        .iter()
        .filter(|&&(_, level)| level > 0)
        .flat_map(|&(skill, _)| &needs.groups_needing[skill as usize])
        .copied()
        .collect();
    groups.sort_unstable();
    groups.dedup();
    // Best group first. A group's roles tie with each other, and with those of any other
    // group of the same score and number of needs: within such a tie class the map's order
    // decides, so each group gives at most the roles still wanted, the smallest first.
    let mut scored: Vec<(usize, f64)> =
        groups.into_iter().map(|g| (g, needs.score(person, needs.groups[g].role))).collect();
    let class = |&(g, fit): &(usize, f64)| (fit, needs.needs_of(needs.groups[g].role).len());
    scored.sort_by(|a, b| {
        let (fa, la) = class(a);
        let (fb, lb) = class(b);
        fb.total_cmp(&fa).then(lb.cmp(&la))
    });
    let mut roles: Vec<usize> = Vec::new();
    for tie in scored.chunk_by(|a, b| class(a) == class(b)) {
        let wanted = limit - roles.len();
        if wanted == 0 {
            break;
        }
        let mut taken: Vec<usize> = tie
            .iter()
            .flat_map(|&(g, _)| needs.groups[g].roles.iter().take(wanted))
            .copied()
            .collect();
        taken.sort_unstable();
        roles.extend(taken.into_iter().take(wanted));
    }
    roles.into_iter().map(|r| needs.fit(person, r)).collect()
}

/// Every person for `role`, best fit first: "Could this be you?" inside the organisation.
pub fn fit_for_role(map: &OrgMap, needs: &Needs, role: usize) -> Vec<Fit> {
    let mut scored: Vec<(usize, f64)> =
        (0..map.people.len()).map(|p| (p, needs.score(p, role))).collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(p, _)| needs.fit(p, role)).collect()
}

/// The one skill whose next level would open the most roles to a person (roles whose every
/// need they would then meet and do not meet today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlock {
    pub skill: String,
    pub from: u8,
    pub to: u8,
    /// The roles it opens, in the map's order.
    pub roles: Vec<usize>,
}

pub fn unlocking_skill(map: &OrgMap, needs: &Needs, person: usize) -> Option<Unlock> {
    let open_today: Vec<bool> =
        (0..map.roles.len()).map(|r| needs.meets(person, r, None)).collect();
    // Skills in name order, so that a tie goes to the first by name.
    let mut skills: Vec<u32> = (0..needs.names.len() as u32).collect();
    skills.sort_by_key(|&s| skill_key(&needs.names[s as usize]));
    let mut best: Option<Unlock> = None;
    for skill in skills {
        let from = needs.level(person, skill);
        if from >= 5 {
            continue;
        }
        let to = from + 1;
        let roles: Vec<usize> = needs.roles_needing[skill as usize]
            .iter()
            .copied()
            .filter(|&r| !open_today[r] && needs.meets(person, r, Some((skill, to))))
            .collect();
        if !roles.is_empty() && best.as_ref().is_none_or(|b| roles.len() > b.roles.len()) {
            let skill = needs.names[skill as usize].clone();
            best = Some(Unlock { skill, from, to, roles });
        }
    }
    best
}

/// One need of a role and who in the organisation meets it.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedCover {
    pub skill: String,
    pub level: u8,
    /// The people with the skill at that level or more: (person index, level).
    pub able: Vec<(usize, u8)>,
}

/// For one role (the inspector's): each skill it needs with the people who have it at that
/// level, and its holders' gaps. Reads only what that role concerns.
pub fn role_cover(map: &OrgMap, role: usize) -> (Vec<NeedCover>, Vec<Gap>) {
    let Some(r) = map.roles.get(role) else {
        return (Vec::new(), Vec::new());
    };
    let mut covers = Vec::new();
    let mut gaps = Vec::new();
    for (name, level) in ordered(&r.skills) {
        let key = skill_key(&name);
        // Every person's level of this one skill, in one pass (the inspector calls this on
        // every frame: no table of every person's skills is built).
        let levels: Vec<u8> = map
            .people
            .iter()
            .map(|p| {
                let of = p.skills.iter().filter(|s| skill_key(&s.name) == key);
                of.map(|s| s.level).max().unwrap_or(0)
            })
            .collect();
        let able =
            (0..map.people.len()).filter(|&p| levels[p] >= level).map(|p| (p, levels[p])).collect();
        for holder in &r.holders {
            if let Some(p) = map.people.iter().position(|q| &q.id == holder)
                && levels[p] < level
            {
                gaps.push(Gap {
                    role,
                    person: p,
                    skill: name.clone(),
                    has: levels[p],
                    needs: level,
                });
            }
        }
        covers.push(NeedCover { skill: name, level, able });
    }
    (covers, gaps)
}

/// Two spellings of what is likely one skill.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    pub a: String,
    pub b: String,
}

/// Pairs of skills that are probably one: the same letters once spaces and punctuation go
/// ("Book-keeping", "Bookkeeping"), or the same word in another form ("Facilitation",
/// "Facilitating": a shared start of five letters or more and a Jaro-Winkler similarity of
/// at least 0.9). Each pair once, the more used name first.
pub fn near_duplicates(coverage: &Coverage) -> Vec<NearDuplicate> {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let uses = |s: &SkillCoverage| s.needed.len() + s.people.len();
    let mut pairs = Vec::new();
    for (i, a) in coverage.skills.iter().enumerate() {
        for b in &coverage.skills[i + 1..] {
            let (la, lb) = (letters(&a.key), letters(&b.key));
            let shared = la.chars().zip(lb.chars()).take_while(|(x, y)| x == y).count();
            let same = la == lb
                || (shared >= 5
                    && strsim::jaro_winkler(&la, &lb) >= 0.9
                    && la.len().min(lb.len()) >= 6);
            if same {
                let (first, second) = if uses(b) > uses(a) { (b, a) } else { (a, b) };
                pairs.push(NearDuplicate { a: first.name.clone(), b: second.name.clone() });
            }
        }
    }
    pairs
}

/// One command (one undo step) that renames skill `from` (any spelling of it) to `to` in every
/// role and person; a role or person that had both keeps the higher level, once.
pub fn merge_skill(map: &OrgMap, from: &str, to: &str) -> Option<Command> {
    let (from_key, to_key) = (skill_key(from), skill_key(to));
    let rename = |skills: &[Skill]| -> Option<Vec<Skill>> {
        if !skills.iter().any(|s| skill_key(&s.name) == from_key) {
            return None;
        }
        let mut out: Vec<Skill> = Vec::new();
        for skill in skills {
            let key = skill_key(&skill.name);
            let merged = key == from_key || key == to_key;
            let name = if merged { to.trim().to_string() } else { skill.name.clone() };
            match out.iter_mut().find(|s| merged && skill_key(&s.name) == to_key) {
                Some(kept) => kept.level = kept.level.max(skill.level),
                None => out.push(Skill { name, level: skill.level }),
            }
        }
        Some(out)
    };
    let mut commands = Vec::new();
    for (index, role) in map.roles.iter().enumerate() {
        if let Some(skills) = rename(&role.skills) {
            let role = crate::model::Role { skills, ..role.clone() };
            commands.push(Command::set_role(index, role));
        }
    }
    for (index, person) in map.people.iter().enumerate() {
        if let Some(skills) = rename(&person.skills) {
            let person = crate::model::Person { skills, ..person.clone() };
            commands.push(Command::Set { index, item: Item::Person(person) });
        }
    }
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Role};

    fn skill(name: &str, level: u8) -> Skill {
        Skill { name: name.into(), level }
    }

    /// Two roles and three people whose answers are known by hand.
    fn small_map() -> OrgMap {
        let mut map = OrgMap::new("Skills");
        let role = |id: &str, skills: Vec<Skill>, holders: &[&str]| Role {
            skills,
            holders: holders.iter().map(|h| h.to_string()).collect(),
            ..Role::new(id, id, "centre")
        };
        map.roles = vec![
            role("coach", vec![skill("Facilitation", 3), skill("Coaching", 2)], &["ann"]),
            role("rota", vec![skill("scheduling ", 3)], &["bob"]),
            role("open", vec![], &[]),
        ];
        let person = |id: &str, skills: Vec<Skill>| Person {
            id: id.into(),
            name: id.into(),
            note: String::new(),
            skills,
        };
        map.people = vec![
            person("ann", vec![skill(" facilitation", 4), skill("Coaching", 1)]),
            person("bob", vec![skill("Scheduling", 1), skill("Facilitating", 2)]),
            person(
                "cat",
                vec![skill("FACILITATION", 3), skill("Coaching", 2), skill("Scheduling", 2)],
            ),
        ];
        map
    }

    #[test]
    fn a_skill_is_one_whatever_its_case_and_spaces() {
        let coverage = coverage(&small_map());
        let names: Vec<&str> = coverage.skills.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Coaching", "Facilitating", "Facilitation", "scheduling"]);
        let facilitation = &coverage.skills[2];
        assert_eq!(facilitation.needed, [(0, 3)]);
        assert_eq!(facilitation.people, [(0, 4), (2, 3)]);
    }

    #[test]
    fn risk_is_single_or_uncovered_by_who_has_the_highest_level_needed() {
        let coverage = coverage(&small_map());
        let risk = |name: &str| coverage.skills.iter().find(|s| s.name == name).unwrap().risk;
        assert_eq!(risk("Facilitation"), Risk::Ok, "ann 4 and cat 3 have the 3 needed");
        assert_eq!(risk("Coaching"), Risk::Single, "only cat has the 2 needed");
        assert_eq!(risk("scheduling"), Risk::Uncovered, "nobody has 3");
        assert_eq!(risk("Facilitating"), Risk::Ok, "no role needs it");
    }

    #[test]
    fn gaps_are_holders_below_what_their_role_needs() {
        let gaps = coverage(&small_map()).gaps;
        let coaching = Gap { role: 0, person: 0, skill: "Coaching".into(), has: 1, needs: 2 };
        let scheduling = Gap { role: 1, person: 1, skill: "scheduling".into(), has: 1, needs: 3 };
        assert_eq!(gaps, [coaching, scheduling]);
    }

    #[test]
    fn a_missing_skill_counts_as_level_zero() {
        let mut map = small_map();
        map.people[1].skills.clear();
        let gaps = coverage(&map).gaps;
        assert!(gaps.iter().any(|g| g.person == 1 && g.has == 0 && g.needs == 3));
    }

    #[test]
    fn roles_are_ranked_for_a_person_by_what_they_have_already() {
        let map = small_map();
        let needs = Needs::new(&map);
        let fits = fit_for_person(&map, &needs, 2);
        // cat: coach 3+2 of 3+2 needed (1.0, two needs), open (1.0, none), rota 2 of 3.
        let order: Vec<usize> = fits.iter().map(|f| f.role).collect();
        assert_eq!(order, [0, 2, 1]);
        assert_eq!(fits[2].fit, 2.0 / 3.0);
        assert_eq!(fits[2].develop, [Develop { skill: "scheduling".into(), from: 2, to: 3 }]);
        let fitting: Vec<usize> = fitting_roles(&needs, 2, 10).iter().map(|f| f.role).collect();
        assert_eq!(fitting, [0, 1], "the roles needing what cat has, best first");
        let people: Vec<usize> = fit_for_role(&map, &needs, 0).iter().map(|f| f.person).collect();
        // ann 3+1 of 5, bob 2 of 5 (Facilitating is not Facilitation), cat 5 of 5.
        assert_eq!(people, [2, 0, 1]);
    }

    #[test]
    fn the_fitting_roles_are_the_first_of_every_roles_ranking() {
        // Roles that need the same are scored as one group: the list must still be exactly
        // the head of the whole ranking, ties broken in the map's order.
        let mut map = crate::model::generate::generate(&crate::model::generate::GenerateOptions {
            roles: 300,
            ..Default::default()
        });
        for (i, person) in map.people.iter_mut().enumerate() {
            let extra = ["Facilitation", "Scheduling", "Coaching"][i % 3];
            person.skills.push(Skill { name: extra.into(), level: (i % 5) as u8 + 1 });
        }
        for (i, role) in map.roles.iter_mut().enumerate().filter(|(i, _)| i % 4 == 0) {
            role.skills.push(Skill { name: "Coaching".into(), level: (i % 3) as u8 + 1 });
        }
        let needs = Needs::new(&map);
        for person in 0..map.people.len() {
            let fast: Vec<usize> =
                fitting_roles(&needs, person, 10).iter().map(|f| f.role).collect();
            let all: Vec<usize> = fit_for_person(&map, &needs, person)
                .into_iter()
                .filter(|f| f.fit > 0.0)
                .take(10)
                .map(|f| f.role)
                .collect();
            assert_eq!(fast, all, "person {person}");
        }
    }

    #[test]
    fn a_roles_cover_agrees_with_the_whole_maps() {
        let map = small_map();
        let (covers, gaps) = role_cover(&map, 0);
        assert_eq!(covers[0].skill, "Facilitation");
        assert_eq!(covers[0].able, [(0, 4), (2, 3)]);
        assert_eq!(covers[1].able, [(2, 2)], "only cat has Coaching 2");
        let all = coverage(&map).gaps;
        assert_eq!(gaps, all.into_iter().filter(|g| g.role == 0).collect::<Vec<_>>());
    }

    #[test]
    fn the_unlocking_skill_is_the_next_level_that_opens_the_most_roles() {
        let map = small_map();
        let needs = Needs::new(&map);
        let ann = unlocking_skill(&map, &needs, 0).unwrap();
        assert_eq!((ann.skill.as_str(), ann.from, ann.to, ann.roles), ("Coaching", 1, 2, vec![0]));
        let cat = unlocking_skill(&map, &needs, 2).unwrap();
        assert_eq!((cat.skill.as_str(), cat.from, cat.to), ("scheduling", 2, 3));
        // bob: no single next level opens a role (coach needs two skills raised).
        assert_eq!(unlocking_skill(&map, &needs, 1).map(|u| u.roles), None);
    }

    #[test]
    fn near_duplicates_are_suggested_and_unrelated_skills_are_not() {
        let mut map = small_map();
        map.people[0].skills.push(skill("Book-keeping", 2));
        map.people[1].skills.push(skill("Bookkeeping", 3));
        map.people[1].skills.push(skill("Teaching", 3));
        let pairs = near_duplicates(&coverage(&map));
        let named: Vec<(&str, &str)> = pairs.iter().map(|p| (p.a.as_str(), p.b.as_str())).collect();
        assert!(named.contains(&("Book-keeping", "Bookkeeping")), "{named:?}");
        assert!(named.contains(&("Facilitation", "Facilitating")), "{named:?}");
        assert!(!named.iter().any(|(a, b)| [a, b].contains(&&"Teaching")), "{named:?}");
        assert!(!named.iter().any(|(a, b)| [a, b].contains(&&"Coaching")), "{named:?}");
    }

    #[test]
    fn merging_renames_a_skill_everywhere_in_one_undo_step() {
        let mut map = small_map();
        let before = map.clone();
        let command = merge_skill(&map, "Facilitating", "Facilitation").unwrap();
        let undo = command.apply(&mut map).unwrap();
        assert_eq!(map.people[1].skills[1].name, "Facilitation");
        let after = coverage(&map);
        assert!(after.skills.iter().all(|s| s.name != "Facilitating"));
        let facilitation = after.skills.iter().find(|s| s.key == "facilitation").unwrap();
        assert_eq!(facilitation.people, [(0, 4), (1, 2), (2, 3)]);
        undo.apply(&mut map).unwrap();
        assert_eq!(map, before, "one undo puts every spelling back");
        // A person with both spellings keeps one, at the higher level.
        let mut both = small_map();
        both.people[2].skills.push(skill("Facilitating", 5));
        merge_skill(&both, "Facilitating", "Facilitation").unwrap().apply(&mut both).unwrap();
        let cat: Vec<(&str, u8)> =
            both.people[2].skills.iter().map(|s| (s.name.as_str(), s.level)).collect();
        assert_eq!(cat, [("Facilitation", 5), ("Coaching", 2), ("Scheduling", 2)]);
    }
}
