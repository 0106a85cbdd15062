//! The org health check: what in a map is worth a look, each finding naming the role, person,
//! skill or link, what is wrong and what to do. Warnings are what a map kept in git should
//! not carry (`orgmap health --strict` fails on them); notes are worth a look.

use super::overlap::Overlap;
use super::skills::{self, Risk};
use crate::model::{self, OrgMap, Status, missing_parts};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Note,
}

/// What a finding is about, to select and reveal it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The map as a whole.
    Map,
    Role(usize),
    Person(usize),
    /// A skill, by its key.
    Skill(String),
    Link(usize),
    Team(usize),
    Ring(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A short, stable name of the kind of finding ("unheld", "duplicate-duty"...).
    pub kind: &'static str,
    pub severity: Severity,
    pub target: Target,
    /// The id of what it is about (a skill's name, a link's "from -> to").
    pub id: String,
    pub message: String,
    pub fix: String,
}

/// People holding more roles than this are reported.
pub const DEFAULT_MAX_ROLES: usize = 4;

/// Every finding of `map`, warnings first, then in the order of the list above; duplicated
/// duties from `overlap` when it has been worked out (it takes longest, the app runs it
/// apart).
pub fn health(map: &OrgMap, max_roles: usize, overlap: Option<&Overlap>) -> Vec<Finding> {
    let mut out = Vec::new();
    job_descriptions(map, &mut out);
    holders(map, max_roles, &mut out);
    skill_findings(map, &mut out);
    if let Some(overlap) = overlap {
        duplicates(map, overlap, &mut out);
    }
    structure(map, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn finding(
    kind: &'static str,
    severity: Severity,
    target: Target,
    id: &str,
    message: String,
    fix: String,
) -> Finding {
    Finding { kind, severity, target, id: id.to_string(), message, fix }
}

/// `part` of `whole` as a percentage, with the decimals a small share needs to be more than
/// 0 ("0.05%" of 10,000 roles).
fn percent(part: usize, whole: usize) -> String {
    let share = 100.0 * part as f64 / whole.max(1) as f64;
    match share {
        s if s >= 10.0 || s == 0.0 => format!("{s:.0}%"),
        s if s >= 1.0 => format!("{s:.1}%"),
        s => format!("{s:.2}%"),
    }
}

/// "a", "a and b", "a, b and c".
fn in_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether a role stands for the people served rather than a job: on the centre ring, held
/// by nobody ("The person we support", "Family and friends"). It needs no job description
/// and no holder.
fn served(map: &OrgMap, role: &crate::model::Role) -> bool {
    map.rings.len() > 1 && map.rings[0].id == role.ring && role.holders.is_empty()
}

/// Roles missing parts of their job description; vacant roles without a pitch. A map where
/// no role has any part yet (an org chart just imported) gets one finding, not one per role.
fn job_descriptions(map: &OrgMap, out: &mut Vec<Finding>) {
    let jobs: Vec<usize> = (0..map.roles.len()).filter(|&r| !served(map, &map.roles[r])).collect();
    let blank = |r: &usize| missing_parts(&map.roles[*r]).len() == crate::model::FIVE_PARTS.len();
    let none_written = jobs.len() > 1 && jobs.iter().all(blank);
    if none_written {
        out.push(finding(
            "incomplete",
            Severity::Note,
            Target::Map,
            &map.name,
            format!("none of the {} roles has a job description yet", jobs.len()),
            "start with the roles people ask about most: click one and write its purpose".into(),
        ));
    }
    for (r, role) in map.roles.iter().enumerate().filter(|(_, role)| !served(map, role)) {
        let missing = missing_parts(role);
        if !missing.is_empty() && !none_written {
            let parts: Vec<String> = missing.iter().map(|p| p.to_lowercase()).collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            out.push(finding(
                "incomplete",
                Severity::Note,
                Target::Role(r),
                &role.id,
                format!("{} has no {} yet", role.name, in_words(&parts)),
                "write them in the role's inspector: a living job description has all five parts"
                    .into(),
            ));
        }
        if role.status == Status::Vacant && role.pitch.trim().is_empty() {
            out.push(finding(
                "no-pitch",
                Severity::Note,
                Target::Role(r),
                &role.id,
                format!("{} is vacant and has no \"Could this be you?\" pitch", role.name),
                "write a pitch in the inspector: it opens the role's candidate pack".into(),
            ));
        }
    }
}

/// Filled roles nobody holds, people holding many roles.
fn holders(map: &OrgMap, max_roles: usize, out: &mut Vec<Finding>) {
    if map.people.is_empty() {
        return;
    }
    let index = map.index();
    let mut held = vec![0usize; map.people.len()];
    // Rings where the map says who holds roles: on others (partners, communities outside
    // the organisation) a role without holders is not a missing assignment.
    let mut staffed = vec![false; map.rings.len()];
    for role in map.roles.iter().filter(|r| !r.holders.is_empty()) {
        if let Some(k) = index.ring(&role.ring) {
            staffed[k] = true;
        }
    }
    for (r, role) in map.roles.iter().enumerate() {
        let people: Vec<usize> = role.holders.iter().filter_map(|h| index.person(h)).collect();
        for &p in &people {
            held[p] += 1;
        }
        let on_staffed_ring = index.ring(&role.ring).is_some_and(|k| staffed[k]);
        if role.status == Status::Filled && people.is_empty() && on_staffed_ring {
            out.push(finding(
                "unheld",
                Severity::Warning,
                Target::Role(r),
                &role.id,
                format!("{} is marked filled but nobody holds it", role.name),
                "assign who holds it, or mark it vacant".into(),
            ));
        }
    }
    for (p, &count) in held.iter().enumerate().filter(|&(_, &count)| count > max_roles) {
        let person = &map.people[p];
        let share = percent(count, map.roles.len());
        out.push(finding(
            "many-roles",
            Severity::Warning,
            Target::Person(p),
            &person.id,
            format!("{} holds {count} roles, {share} of all roles", person.name),
            format!(
                "share some of them with others (more than {max_roles} is hard to do well), or \
                 check whether the roles say the same"
            ),
        ));
    }
}

/// Holders below a level their role needs; skills one person or nobody has.
fn skill_findings(map: &OrgMap, out: &mut Vec<Finding>) {
    let coverage = skills::coverage(map);
    for gap in &coverage.gaps {
        let (role, person) = (&map.roles[gap.role], &map.people[gap.person]);
        out.push(finding(
            "gap",
            Severity::Warning,
            Target::Role(gap.role),
            &role.id,
            format!(
                "{} holds {} with {} {} of the {} it needs",
                person.name, role.name, gap.skill, gap.has, gap.needs
            ),
            format!(
                "develop {} to {}, or share the role with someone who has it",
                gap.skill, gap.needs
            ),
        ));
    }
    for skill in &coverage.skills {
        let need = skill.highest_need();
        let (kind, severity, message, fix) = match skill.risk {
            Risk::Uncovered if need > 0 => (
                "skill-uncovered",
                Severity::Warning,
                format!("nobody has {} at level {need}, which a role needs", skill.name),
                "develop it in someone, or look for it when recruiting",
            ),
            Risk::Single if need > 0 => {
                let name = skill
                    .people
                    .iter()
                    .find(|&&(_, l)| l >= need)
                    .map_or("one person", |&(p, _)| map.people[p].name.as_str());
                (
                    "skill-single",
                    Severity::Note,
                    format!(
                        "only {name} has {} at level {need}: if they leave, it goes",
                        skill.name
                    ),
                    "develop it in a second person",
                )
            }
            _ => continue,
        };
        out.push(finding(
            kind,
            severity,
            Target::Skill(skill.key.clone()),
            &skill.name,
            message,
            fix.into(),
        ));
    }
}

/// One finding per duty said by several roles.
fn duplicates(map: &OrgMap, overlap: &Overlap, out: &mut Vec<Finding>) {
    for cluster in &overlap.clusters {
        let first = &overlap.lines[cluster[0]];
        let mut roles: Vec<usize> = cluster.iter().map(|&i| overlap.lines[i].role).collect();
        roles.dedup();
        let names: Vec<&str> = roles.iter().map(|&r| map.roles[r].name.as_str()).collect();
        out.push(finding(
            "duplicate-duty",
            Severity::Warning,
            Target::Role(first.role),
            &map.roles[first.role].id,
            format!("\"{}\" is done by {}", first.text, in_words(&names)),
            "keep it in one role: Map > Compose role… moves a duty, or remove it from the others"
                .into(),
        ));
    }
}

/// Roles with no link, teams of one role, rings without roles, links that repeat or loop.
fn structure(map: &OrgMap, out: &mut Vec<Finding>) {
    if !map.links.is_empty() {
        let mut linked = vec![false; map.roles.len()];
        let index = map.index();
        for link in &map.links {
            for id in [&link.from, &link.to] {
                if let Some(r) = index.role(id) {
                    linked[r] = true;
                }
            }
        }
        for (r, role) in map.roles.iter().enumerate().filter(|&(r, _)| !linked[r]) {
            out.push(finding(
                "unlinked",
                Severity::Note,
                Target::Role(r),
                &role.id,
                format!("{} has no link to any other role", role.name),
                "link it to the roles it supports, coaches or works with (L, then drag)".into(),
            ));
        }
    }
    for (t, team) in map.teams.iter().enumerate() {
        let roles = map.roles.iter().filter(|r| r.team == team.id).count();
        if roles <= 1 {
            let what = if roles == 0 { "no role" } else { "one role" };
            out.push(finding(
                "small-team",
                Severity::Note,
                Target::Team(t),
                &team.id,
                format!("team {} has {what}", team.name),
                "add its roles, or fold it into another team".into(),
            ));
        }
    }
    for (k, ring) in map.rings.iter().enumerate() {
        if !map.roles.iter().any(|r| r.ring == ring.id) {
            out.push(finding(
                "empty-ring",
                Severity::Note,
                Target::Ring(k),
                &ring.id,
                format!("ring {} has no roles", ring.name),
                "add roles to it, or remove it".into(),
            ));
        }
    }
    for f in model::health(map) {
        let model::Place::Link { index, .. } = f.place else { continue };
        let link = &map.links[index];
        let kind = if link.from == link.to { "self-link" } else { "repeated-link" };
        let id = format!("{} -> {}", link.from, link.to);
        out.push(finding(kind, Severity::Warning, Target::Link(index), &id, f.message, f.fix));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, LinkKind, Person, Responsibility, Ring, Role, Skill, Team};

    fn complete(id: &str) -> Role {
        let mut role = Role::new(id, id.to_uppercase(), "r");
        role.purpose = "Why".into();
        role.responsibilities =
            vec![Responsibility { area: "A".into(), duties: vec![format!("Duty of {id}")] }];
        role.outcomes = vec![format!("Outcome of {id}")];
        role.culture = vec!["Kind".into()];
        role.qualifications = vec!["None".into()];
        role
    }

    fn person(id: &str) -> Person {
        Person { id: id.into(), name: id.to_uppercase(), note: String::new(), skills: Vec::new() }
    }

    /// A healthy map: two complete roles, linked, each held, no skills.
    fn healthy() -> OrgMap {
        let mut map = OrgMap::new("h");
        map.rings = vec![Ring::new("r", "Ring")];
        map.roles = vec![complete("a"), complete("b")];
        map.people = vec![person("ann"), person("bob")];
        map.roles[0].holders = vec!["ann".into()];
        map.roles[1].holders = vec!["bob".into()];
        map.links = vec![Link {
            from: "a".into(),
            to: "b".into(),
            kind: LinkKind::Supports,
            note: String::new(),
        }];
        map
    }

    fn kinds(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_healthy_map_has_no_findings() {
        assert_eq!(health(&healthy(), DEFAULT_MAX_ROLES, None), []);
    }

    #[test]
    fn each_finding_names_what_is_wrong_and_what_to_do() {
        let mut map = healthy();
        map.roles[0].outcomes.clear();
        map.roles[0].culture.clear();
        let mut vacant = complete("v");
        vacant.status = Status::Vacant;
        map.roles.push(vacant);
        let mut unheld = complete("u");
        unheld.responsibilities[0].duties = vec!["Keep the books".into()];
        map.roles.push(unheld);
        let found = health(&map, DEFAULT_MAX_ROLES, None);
        let incomplete = found.iter().find(|f| f.kind == "incomplete").unwrap();
        assert_eq!(incomplete.message, "A has no outcomes and cultural expectations yet");
        assert_eq!((incomplete.severity, &incomplete.target), (Severity::Note, &Target::Role(0)));
        assert!(found.iter().any(|f| f.kind == "no-pitch" && f.id == "v"));
        let unheld = found.iter().find(|f| f.kind == "unheld").unwrap();
        assert_eq!((unheld.id.as_str(), unheld.severity), ("u", Severity::Warning));
        assert!(unheld.fix.contains("mark it vacant"));
        assert!(found.iter().filter(|f| f.kind == "unlinked").count() == 2, "v and u");
        assert_eq!(found[0].severity, Severity::Warning, "warnings first");
    }

    #[test]
    fn a_map_without_any_job_description_gets_one_finding_not_one_per_role() {
        let mut map = healthy();
        for role in &mut map.roles {
            *role = Role { holders: role.holders.clone(), ..Role::new(role.id.clone(), "R", "r") };
        }
        let found = health(&map, DEFAULT_MAX_ROLES, None);
        let incomplete: Vec<&Finding> = found.iter().filter(|f| f.kind == "incomplete").collect();
        assert_eq!(incomplete.len(), 1);
        assert_eq!(incomplete[0].message, "none of the 2 roles has a job description yet");
        assert_eq!(incomplete[0].target, Target::Map);
    }

    #[test]
    fn a_person_with_many_roles_and_holders_below_a_need_are_reported() {
        let mut map = healthy();
        for i in 0..5 {
            let mut role = complete(&format!("x{i}"));
            role.holders = vec!["ann".into()];
            map.links.push(Link {
                from: role.id.clone(),
                to: "a".into(),
                kind: LinkKind::Supports,
                note: String::new(),
            });
            map.roles.push(role);
        }
        map.roles[1].skills = vec![Skill { name: "Rota".into(), level: 3 }];
        map.people[1].skills = vec![Skill { name: "rota".into(), level: 1 }];
        let found = health(&map, DEFAULT_MAX_ROLES, None);
        let many = found.iter().find(|f| f.kind == "many-roles").unwrap();
        assert_eq!(many.message, "ANN holds 6 roles, 86% of all roles");
        assert!(health(&map, 6, None).iter().all(|f| f.kind != "many-roles"), "--max-roles 6");
        assert_eq!(
            (percent(5, 10_000), percent(3, 200), percent(0, 7)),
            ("0.05%".into(), "1.5%".into(), "0%".into())
        );
        let gap = found.iter().find(|f| f.kind == "gap").unwrap();
        assert_eq!(gap.message, "BOB holds B with Rota 1 of the 3 it needs");
        let uncovered = found.iter().find(|f| f.kind == "skill-uncovered").unwrap();
        assert_eq!(
            (uncovered.id.as_str(), &uncovered.target),
            ("Rota", &Target::Skill("rota".into()))
        );
    }

    #[test]
    fn structure_findings_and_duplicated_duties() {
        let mut map = healthy();
        map.rings.push(Ring::new("outer", "Outer"));
        map.teams = vec![Team::new("t", "Solo", "r")];
        map.roles[0].team = "t".into();
        map.links.push(map.links[0].clone());
        map.links.push(Link {
            from: "b".into(),
            to: "b".into(),
            kind: LinkKind::Advises,
            note: String::new(),
        });
        map.roles[1].responsibilities[0].duties.push("Duty of a".into());
        let overlap =
            super::super::overlap::overlap(&map, super::super::overlap::DEFAULT_MIN_SCORE);
        let found = health(&map, DEFAULT_MAX_ROLES, Some(&overlap));
        let got = kinds(&found);
        for kind in ["small-team", "empty-ring", "repeated-link", "self-link", "duplicate-duty"] {
            assert!(got.contains(&kind), "{kind} in {got:?}");
        }
        let duplicate = found.iter().find(|f| f.kind == "duplicate-duty").unwrap();
        assert_eq!(duplicate.message, "\"Duty of a\" is done by A and B");
        let repeated = found.iter().find(|f| f.kind == "repeated-link").unwrap();
        assert_eq!((repeated.id.as_str(), &repeated.target), ("a -> b", &Target::Link(1)));
        assert!(
            kinds(&health(&map, DEFAULT_MAX_ROLES, None)).iter().all(|k| *k != "duplicate-duty")
        );
    }
}
