//! Synthetic but believable maps of any size, for tests, benchmarks and demos.
//!
//! Deterministic for a seed on every platform and every build: the random numbers come from
//! SplitMix64, written out here, because a crate's generator may change its stream between
//! versions and the benchmarks compare runs across time.

use super::{Link, LinkKind, OrgMap, Person, Responsibility, Ring, Role, Skill, Status, Team};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    pub roles: usize,
    pub rings: usize,
    pub teams: usize,
    /// Average links per role (random maps); cross links per role on top of the tree
    /// (hierarchies).
    pub links_per_role: f64,
    pub seed: u64,
    pub shape: Shape,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            roles: 100,
            rings: 4,
            teams: 8,
            links_per_role: 1.5,
            seed: 1,
            shape: Shape::Random,
        }
    }
}

/// How the generated roles are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Links spread at random over the same and neighbouring rings, half of a team's inside
    /// it; teams at random.
    #[default]
    Random,
    /// A reports-to tree: one role at the centre, every other role reports to one role on
    /// the ring inside it, chosen at random; no teams, no other links.
    Tree,
    /// That tree with departments that follow it: the roles of the first ring around the
    /// centre are split into `teams` departments, and every role further out belongs to the
    /// department of the role it reports to, as its team on its ring; plus `links_per_role` cross links per role (coaches, collaborates, advises,
    /// supports) between roles anywhere on the same or neighbouring rings, as real org
    /// charts have on top of their lines of report.
    Hierarchy,
}

/// SplitMix64: tiny, fast and stable forever.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const RING_NAMES: [&str; 8] = [
    "The people we serve",
    "Neighbourhood teams",
    "Support teams",
    "Partners",
    "Communities of practice",
    "Advisers",
    "Network",
    "Wider community",
];
const AREAS: [&str; 12] = [
    "Care",
    "Learning",
    "Community",
    "Quality",
    "Finance",
    "Partnership",
    "Wellbeing",
    "Practice",
    "People",
    "Outreach",
    "Digital",
    "Volunteer",
];
const TITLES: [&str; 10] = [
    "Coach",
    "Connector",
    "Lead",
    "Coordinator",
    "Adviser",
    "Worker",
    "Steward",
    "Facilitator",
    "Partner",
    "Champion",
];
const PLACES: [&str; 12] = [
    "Riverside",
    "Hillside",
    "Northgate",
    "Southbank",
    "Eastfield",
    "Westbrook",
    "Oakwood",
    "Meadow",
    "Harbour",
    "Millbrook",
    "Stonebridge",
    "Ashford",
];
const FIRST_NAMES: [&str; 12] = [
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kofi",
    "Lena",
];

/// A valid map with the requested counts. Rings grow in size outward, teams sit on the outer
/// rings, and links join neighbouring rings or, for half the links of a role in a team, stay
/// inside the team, as in real structures.
pub fn generate(options: &GenerateOptions) -> OrgMap {
    let mut rng = Random(options.seed);
    let ring_count = options.rings.max(1);
    let mut map = OrgMap::new(format!("Generated map of {} roles", options.roles));
    map.purpose = "A synthetic organisation for tests, benchmarks and demos.".into();
    map.rings = (0..ring_count)
        .map(|k| Ring {
            id: format!("ring-{k}"),
            name: RING_NAMES[k % RING_NAMES.len()].to_string(),
            description: String::new(),
            color: String::new(),
        })
        .collect();
    // Teams go on the rings outside the centre (or on the centre when it is the only ring).
    let team_rings: Vec<usize> = if ring_count > 1 { (1..ring_count).collect() } else { vec![0] };
    map.teams = (0..options.teams)
        .map(|t| Team {
            id: format!("team-{t}"),
            name: format!(
                "{} {}",
                PLACES[t % PLACES.len()],
                if t < PLACES.len() {
                    "Team".to_string()
                } else {
                    format!("Team {}", t / PLACES.len() + 1)
                }
            ),
            ring: format!("ring-{}", team_rings[t % team_rings.len()]),
            description: String::new(),
            color: String::new(),
        })
        .collect();
    // Ring k gets a share of roles that grows with k; the centre gets a few (one, the top
    // of the line, in a tree).
    let weights: Vec<usize> =
        (0..ring_count).map(|k| if k == 0 && ring_count > 1 { 1 } else { 2 * k + 2 }).collect();
    let total_weight: usize = weights.iter().sum();
    let mut ring_of_role = Vec::with_capacity(options.roles);
    for (k, w) in weights.iter().enumerate() {
        let count = match options.shape {
            Shape::Tree | Shape::Hierarchy if k == 0 && ring_count > 1 => options.roles.min(1),
            _ => options.roles * w / total_weight,
        };
        ring_of_role.extend(std::iter::repeat_n(k, count));
    }
    while ring_of_role.len() < options.roles {
        ring_of_role.push(ring_count - 1);
    }
    let people = (options.roles / 2).max(1);
    map.people = (0..people)
        .map(|p| Person {
            id: format!("person-{p:05}"),
            name: format!("{} {}", FIRST_NAMES[p % FIRST_NAMES.len()], p / FIRST_NAMES.len() + 1),
            note: String::new(),
            skills: vec![Skill {
                name: rng.pick(&AREAS).to_string(),
                level: 1 + rng.below(5) as u8,
            }],
        })
        .collect();
    if options.shape != Shape::Random {
        map.teams.clear();
    }
    for (i, &k) in ring_of_role.iter().enumerate() {
        let area = rng.pick(&AREAS);
        let mut role = Role::new(
            format!("role-{i:05}"),
            format!("{area} {}", rng.pick(&TITLES)),
            format!("ring-{k}"),
        );
        let teams_here: Vec<usize> =
            (0..map.teams.len()).filter(|&t| map.teams[t].ring == role.ring).collect();
        if !teams_here.is_empty() && rng.chance(0.8) {
            role.team = map.teams[teams_here[rng.below(teams_here.len())]].id.clone();
        }
        role.status = match rng.below(10) {
            0 => Status::Vacant,
            1 => Status::Proposed,
            _ => Status::Filled,
        };
        role.purpose = format!("Make {} work well for the people we serve.", area.to_lowercase());
        role.responsibilities = vec![Responsibility {
            area: area.to_string(),
            duties: vec![format!("Look after {} day to day", area.to_lowercase())],
        }];
        role.skills = vec![Skill { name: area.to_string(), level: 1 + rng.below(5) as u8 }];
        if role.status == Status::Filled {
            role.holders = vec![map.people[rng.below(people)].id.clone()];
        }
        map.roles.push(role);
    }
    if options.shape != Shape::Random {
        tree_links(&mut map, &ring_of_role, options, &mut rng);
        return map;
    }
    let link_count = (options.roles as f64 * options.links_per_role).round() as usize;
    let kinds = [
        LinkKind::Supports,
        LinkKind::Coaches,
        LinkKind::Collaborates,
        LinkKind::Advises,
        LinkKind::ReportsTo,
    ];
    // Roles by ring, to pick neighbours on the same or the next ring.
    let mut by_ring: Vec<Vec<usize>> = vec![Vec::new(); ring_count];
    for (i, &k) in ring_of_role.iter().enumerate() {
        by_ring[k].push(i);
    }
    // Roles by team: half the links of a role in a team stay inside it, as in real teams.
    let team_index: std::collections::BTreeMap<&str, usize> =
        map.teams.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let mut by_team: Vec<Vec<usize>> = vec![Vec::new(); map.teams.len()];
    let team_of: Vec<Option<usize>> =
        map.roles.iter().map(|r| team_index.get(r.team.as_str()).copied()).collect();
    for (i, team) in team_of.iter().enumerate() {
        if let Some(t) = team {
            by_team[*t].push(i);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    if options.roles >= 2 {
        for _ in 0..link_count {
            let from = rng.below(options.roles);
            let k = ring_of_role[from];
            let target_ring = match rng.below(4) {
                0 => k,
                1 if k > 0 => k - 1,
                _ if k + 1 < ring_count => k + 1,
                _ => k.saturating_sub(1),
            };
            let candidates = match team_of[from] {
                Some(t) if by_team[t].len() > 1 && rng.chance(0.5) => &by_team[t],
                _ => &by_ring[target_ring],
            };
            let to = if candidates.is_empty() {
                rng.below(options.roles)
            } else {
                candidates[rng.below(candidates.len())]
            };
            link_once(&mut map, &mut seen, from, to, || kinds[rng.below(kinds.len())].clone());
        }
    }
    map
}

/// Links role `from` to role `to`, of the kind `kind` gives, unless that joins a role to
/// itself or two roles already linked (`seen` holds the pairs linked so far). The kind is
/// asked for only when the link is made, so the random stream is the same as ever.
fn link_once(
    map: &mut OrgMap,
    seen: &mut std::collections::BTreeSet<(usize, usize)>,
    from: usize,
    to: usize,
    kind: impl FnOnce() -> LinkKind,
) {
    if to == from || !seen.insert((from.min(to), from.max(to))) {
        return;
    }
    map.links.push(Link {
        from: map.roles[from].id.clone(),
        to: map.roles[to].id.clone(),
        kind: kind(),
        note: String::new(),
    });
}

/// The links (and, for a hierarchy, the departments) of a tree or a hierarchy.
fn tree_links(
    map: &mut OrgMap,
    ring_of_role: &[usize],
    options: &GenerateOptions,
    rng: &mut Random,
) {
    let ring_count = map.rings.len();
    let mut by_ring: Vec<Vec<usize>> = vec![Vec::new(); ring_count];
    for (i, &k) in ring_of_role.iter().enumerate() {
        by_ring[k].push(i);
    }
    // Every role outside the centre reports to one role on the nearest ring inside it that
    // has roles (a ring may be empty on a small map).
    let mut parent: Vec<Option<usize>> = vec![None; map.roles.len()];
    for (i, &k) in ring_of_role.iter().enumerate() {
        if let Some(inner) = (0..k).rev().map(|j| &by_ring[j]).find(|r| !r.is_empty()) {
            parent[i] = Some(inner[rng.below(inner.len())]);
        }
    }
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = *p {
            map.links.push(Link {
                from: map.roles[i].id.clone(),
                to: map.roles[p].id.clone(),
                kind: LinkKind::ReportsTo,
                note: String::new(),
            });
        }
    }
    if options.shape != Shape::Hierarchy {
        return;
    }
    // Departments: the first ring around the centre in `teams` groups, every role further
    // out in the department of the role it reports to, on its own ring's team of it.
    let first = by_ring.get(1).map_or(0, Vec::len);
    let departments = options.teams.min(first).max(1);
    let mut department = vec![0; map.roles.len()];
    for (k, roles) in by_ring.iter().enumerate().skip(1) {
        for (n, &i) in roles.iter().enumerate() {
            department[i] = match parent[i] {
                Some(p) if k > 1 => department[p],
                _ => n * departments / roles.len(),
            };
        }
    }
    if options.teams > 0 {
        for k in 1..ring_count {
            for d in 0..departments {
                map.teams.push(Team {
                    id: format!("dept-{d}-ring-{k}"),
                    name: format!("{} {}", PLACES[d % PLACES.len()], DEPARTMENT_WORDS[(k - 1) % 4]),
                    ring: format!("ring-{k}"),
                    description: String::new(),
                    color: String::new(),
                });
            }
        }
        for (i, role) in map.roles.iter_mut().enumerate() {
            if ring_of_role[i] > 0 {
                role.team = format!("dept-{}-ring-{}", department[i], ring_of_role[i]);
            }
        }
    }
    let kinds = [LinkKind::Coaches, LinkKind::Collaborates, LinkKind::Advises, LinkKind::Supports];
    let cross = (map.roles.len() as f64 * options.links_per_role).round() as usize;
    let mut seen: std::collections::BTreeSet<(usize, usize)> =
        parent.iter().enumerate().filter_map(|(i, p)| p.map(|p| (i.min(p), i.max(p)))).collect();
    for _ in 0..cross {
        let from = rng.below(map.roles.len());
        let k = ring_of_role[from];
        let ring = (k + rng.below(3)).saturating_sub(1).min(ring_count - 1);
        if by_ring[ring].is_empty() {
            continue;
        }
        let to = by_ring[ring][rng.below(by_ring[ring].len())];
        link_once(map, &mut seen, from, to, || kinds[rng.below(kinds.len())].clone());
    }
}

/// What a department's team is called on each ring outward.
const DEPARTMENT_WORDS: [&str; 4] = ["Team", "Services", "Network", "Partners"];

/// A believable org chart as an HR system exports it, for the importer's tests and
/// benchmarks: `Employee ID,Name,Job Title,Manager ID,Department`, one row per person. A tree
/// about 8 deep under a chief executive; each department under one of the chief executive's
/// reports, and 3% of people in another department than their manager's (as HR business
/// partners are); rows shuffled, as exports sort by name, not by level.
pub fn org_chart_csv(rows: usize, seed: u64) -> String {
    let departments = ["Care", "Finance", "People", "Operations", "Digital", "Estates"];
    let titles = ["Officer", "Assistant", "Adviser", "Coordinator", "Specialist"];
    let mut rng = Random(seed);
    let mut lines = Vec::with_capacity(rows);
    let mut department_of = Vec::with_capacity(rows);
    for i in 0..rows {
        // Each reports to someone in the first third of those before: a tree about 8 deep.
        let manager = (i > 0).then(|| rng.below((1 + i / 3).min(i)));
        let department = match manager {
            None => "Leadership",
            Some(0) => departments[rng.below(departments.len())],
            Some(_) if rng.chance(0.03) => departments[rng.below(departments.len())],
            Some(m) => department_of[m],
        };
        department_of.push(department);
        let title = match manager {
            None => "Chief Executive".to_string(),
            Some(_) => format!("{department} {}", titles[rng.below(titles.len())]),
        };
        let manager = manager.map(|m| format!("E{m:05}")).unwrap_or_default();
        lines.push(format!("E{i:05},Person {i},{title},{manager},{department}\n"));
    }
    for i in (1..lines.len()).rev() {
        lines.swap(i, rng.below(i + 1));
    }
    let mut out = String::from("Employee ID,Name,Job Title,Manager ID,Department\n");
    out.extend(lines);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_are_valid_and_deterministic() {
        for roles in [0, 1, 2, 57, 1000] {
            let options = GenerateOptions { roles, ..Default::default() };
            let map = generate(&options);
            assert_eq!(map.roles.len(), roles);
            assert!(crate::model::validate(&map).is_empty(), "{:?}", crate::model::validate(&map));
            assert_eq!(map, generate(&options));
        }
        let a = generate(&GenerateOptions { seed: 1, ..Default::default() });
        let b = generate(&GenerateOptions { seed: 2, ..Default::default() });
        assert_ne!(a, b);
    }

    #[test]
    fn trees_have_one_inward_link_per_role_and_hierarchies_follow_them_with_teams() {
        for shape in [Shape::Tree, Shape::Hierarchy] {
            let options = GenerateOptions {
                roles: 300,
                rings: 5,
                links_per_role: 0.25,
                shape,
                ..Default::default()
            };
            let map = generate(&options);
            assert!(crate::model::validate(&map).is_empty(), "{:?}", crate::model::validate(&map));
            let ring = |id: &str| {
                let role = map.roles.iter().find(|r| r.id == id).unwrap();
                map.rings.iter().position(|r| r.id == role.ring).unwrap()
            };
            let reports: Vec<&Link> =
                map.links.iter().filter(|l| l.kind == LinkKind::ReportsTo).collect();
            let outside_centre = map.roles.iter().filter(|r| r.ring != "ring-0").count();
            assert_eq!(reports.len(), outside_centre, "{shape:?}: one line of report each");
            assert!(reports.iter().all(|l| ring(&l.from) == ring(&l.to) + 1));
            match shape {
                Shape::Tree => {
                    assert!(map.teams.is_empty());
                    assert_eq!(map.links.len(), reports.len());
                }
                _ => {
                    // A role is in the department of the role it reports to.
                    let team_of = |id: &str| {
                        let role = map.roles.iter().find(|r| r.id == id).unwrap();
                        role.team.split("-ring-").next().unwrap_or("").to_string()
                    };
                    for l in reports.iter().filter(|l| ring(&l.to) > 0) {
                        assert_eq!(team_of(&l.from), team_of(&l.to));
                    }
                    assert_eq!(map.teams.len(), 8 * 4);
                    let cross = map.links.len() - reports.len();
                    assert!((60..=75).contains(&cross), "{cross} cross links");
                }
            }
        }
    }
}
