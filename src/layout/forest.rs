//! The tree the ordering starts from: a spanning forest of the links that join neighbouring
//! rings, each role hanging from one role on the ring inside it, and the angle each role
//! would take in a radial tree drawing of it (every subtree one wedge, sized by its roles).
//!
//! Most organisations are a line of report with links across it. A tree whose links join
//! neighbouring rings can always be drawn on concentric rings without a crossing: walked depth
//! first, every subtree is one contiguous arc on every ring, and nested wedges keep each
//! role's links inside its parent's. The barycentric sweeps that follow start from there.

use std::collections::BTreeMap;
use std::f64::consts::TAU;

use super::graph::RoleGraph;
use crate::model::{LinkKind, OrgMap};

/// Each role's parent: one role it is linked to on the ring just inside its own, or none
/// (a root: on the centre ring, or linked to nothing inside).
#[derive(Debug, Clone, PartialEq)]
pub struct Forest {
    pub parent: Vec<Option<usize>>,
    /// Whether the link to the parent is a line of report (ReportsTo).
    pub reports: Vec<bool>,
    /// Each role's children, in the order the walk visits them.
    pub children: Vec<Vec<usize>>,
    /// Roles without a parent, in the order the walk visits them.
    pub roots: Vec<usize>,
    /// Each role's subtree's team (see [`spanning_forest`]): siblings are grouped by it.
    pub team: Vec<Option<usize>>,
    /// Whether every link of the map is one of the forest's (each joins a role to the one it
    /// hangs from): such a map is drawn as an org chart, whatever its links' kinds.
    pub holds_every_link: bool,
}

/// How strongly a kind of link says "this role hangs from that one": lines of report first,
/// then support, then the rest.
fn priority(kind: &LinkKind) -> u8 {
    match kind {
        LinkKind::ReportsTo => 0,
        LinkKind::Supports => 1,
        _ => 2,
    }
}

/// The forest of `map`, `ring_of[i]` being role i's ring and `team_of[i]` its team. Every
/// role takes as parent the role it is linked to on the ring inside by the link of the
/// highest priority (the first such link in the file on a tie). Siblings, and roots, are
/// visited grouped by team (a subtree's team is its root's, else the one most of its
/// children's subtrees have), teams in file order, then in file order: a department that
/// follows the line of report comes out as one arc.
pub fn spanning_forest(
    map: &OrgMap,
    graph: &RoleGraph,
    ring_of: &[Option<usize>],
    team_of: &[Option<usize>],
) -> Forest {
    let n = map.roles.len();
    // The best link inward found so far for each role: (priority, link index, parent).
    let mut best: Vec<Option<(u8, usize, usize)>> = vec![None; n];
    for (a, b, index) in graph.links() {
        let (Some(ra), Some(rb)) = (ring_of[a], ring_of[b]) else { continue };
        let (child, parent) = match () {
            _ if ra == rb + 1 => (a, b),
            _ if rb == ra + 1 => (b, a),
            _ => continue,
        };
        let candidate = (priority(&map.links[index].kind), index, parent);
        if best[child].is_none_or(|known| candidate < known) {
            best[child] = Some(candidate);
        }
    }
    let parent: Vec<Option<usize>> = best.iter().map(|b| b.map(|(_, _, p)| p)).collect();
    let reports: Vec<bool> = best.iter().map(|b| b.is_some_and(|(kind, _, _)| kind == 0)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None if ring_of[i].is_some() => roots.push(i),
            None => {}
        }
    }
    let team_key = subtree_teams(&parent, &children, ring_of, team_of);
    let key = |i: &usize| (team_key[*i].unwrap_or(usize::MAX), *i);
    for list in &mut children {
        list.sort_by_key(key);
    }
    roots.sort_by_key(key);
    let holds_every_link = graph.edges().all(|(a, b)| parent[a] == Some(b) || parent[b] == Some(a));
    Forest { parent, reports, children, roots, team: team_key, holds_every_link }
}

/// Reorders the siblings of every team (and the roots) so that they fill every ring at the
/// same pace (see [`balance`]): for org charts, whose crowded rings stand their roles
/// evenly spaced. Maps drawn by hand keep the order their file gives.
pub fn balance_siblings(forest: &mut Forest, ring_of: &[Option<usize>]) {
    let counts = subtree_counts(&forest.parent, &forest.children, ring_of);
    let team = &forest.team;
    for list in forest.children.iter_mut().chain(std::iter::once(&mut forest.roots)) {
        for run in list.chunk_by_mut(|a, b| team[*a] == team[*b]) {
            balance(run, &counts);
        }
    }
}

/// On org charts whose departments are teams, a report in another department than its
/// manager's (a stray) has its department's sector, on its ring, beside the sector of the
/// roles most of that department reports to: before its manager's department or after it.
/// Its line then crosses every line of report between its manager and that side. So that
/// it crosses few, the stray's manager, and each role above it in its department, goes to
/// that side of its siblings (keeping the balanced order within each side), and the stray
/// with its team to that side of its manager's other reports.
pub fn pull_toward_strays(
    forest: &mut Forest,
    ring_of: &[Option<usize>],
    team_of: &[Option<usize>],
) {
    let n = forest.parent.len();
    // How many of each team's roles report into each team, and the team most do.
    let mut into: BTreeMap<usize, BTreeMap<usize, usize>> = Default::default();
    for i in 0..n {
        if let (Some(t), Some(p)) = (team_of[i], forest.parent[i])
            && let Some(pt) = team_of[p]
        {
            *into.entry(t).or_default().entry(pt).or_default() += 1;
        }
    }
    let usual = most_common(&into);
    // The team most of each team's reports are in, on the ring outside: a report in
    // another is astray (a department's head, under a chief executive of another team, too:
    // its department's order round the ring then follows its strays' pulls as well).
    let mut out: BTreeMap<usize, BTreeMap<usize, usize>> = Default::default();
    for (&t, counts) in &into {
        for (&pt, &c) in counts {
            *out.entry(pt).or_default().entry(t).or_default() += c;
        }
    }
    let next = most_common(&out);
    let is_stray = |i: usize| match (team_of[i], forest.parent[i].and_then(|p| team_of[p])) {
        (Some(t), Some(pt)) => next.get(&pt) != Some(&t),
        _ => false,
    };
    let angles = tree_angles(forest, ring_of);
    // Where each team's roles are in the drawing of the tree.
    let mut team_angles: BTreeMap<usize, Vec<f64>> = Default::default();
    for i in 0..n {
        if let Some(t) = team_of[i] {
            team_angles.entry(t).or_default().push(angles[i]);
        }
    }
    let team_angle: BTreeMap<usize, f64> = team_angles
        .into_iter()
        .filter_map(|(t, a)| super::geometry::circular_mean(a).map(|m| (t, m)))
        .collect();
    // Each role's pull: +1 for each stray below it (up to the first role astray above it)
    // whose sector is clockwise of its manager, -1 for each one counterclockwise.
    let mut pull = vec![0i64; n];
    for s in (0..n).filter(|&s| is_stray(s)) {
        let (Some(manager), Some(team)) = (forest.parent[s], team_of[s]) else { continue };
        // The stray's sector lines up with the sector its team reports into; where that is
        // its manager's own, it goes beside it, on the side its manager is nearer.
        let Some(&usual_team) = usual.get(&team) else { continue };
        let Some(&beside) = team_angle.get(&usual_team) else { continue };
        let from_beside = super::geometry::relative(angles[manager], beside);
        let side = if Some(usual_team) == team_of[manager] {
            if from_beside >= 0.0 { 1 } else { -1 }
        } else if from_beside <= 0.0 {
            1
        } else {
            -1
        };
        pull[s] += side;
        let mut at = Some(manager);
        while let Some(x) = at {
            pull[x] += side;
            at = if is_stray(x) { None } else { forest.parent[x] };
        }
    }
    if pull.iter().all(|&p| p == 0) {
        return;
    }
    let team = forest.team.clone();
    for list in forest.children.iter_mut().chain(std::iter::once(&mut forest.roots)) {
        // Strays pulled counterclockwise first, then the rest, then strays pulled clockwise;
        // within each, teams in their order and the roles of a team pulled counterclockwise
        // first, then the others, then those pulled clockwise (a stable sort: the balanced
        // order stays within each).
        let first_of = |t: Option<usize>, list: &[usize]| list.iter().position(|&c| team[c] == t);
        let keys: Vec<(i64, usize, i64)> = list
            .iter()
            .map(|&c| {
                let side = if is_stray(c) { pull[c].signum() } else { 0 };
                (side, first_of(team[c], list).unwrap_or(0), pull[c].signum())
            })
            .collect();
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by_key(|&k| keys[k]);
        *list = order.into_iter().map(|k| list[k]).collect();
    }
}

/// For each key, the value counted most often (the lowest on a tie).
fn most_common(counts: &BTreeMap<usize, BTreeMap<usize, usize>>) -> BTreeMap<usize, usize> {
    counts
        .iter()
        .filter_map(|(&key, counted)| {
            let most = counted.iter().max_by_key(|&(&v, &c)| (c, std::cmp::Reverse(v)));
            most.map(|(&v, _)| (key, v))
        })
        .collect()
}

/// The roles of each role's subtree on each ring (indexed by ring), summed bottom up.
fn subtree_counts(
    parent: &[Option<usize>],
    children: &[Vec<usize>],
    ring_of: &[Option<usize>],
) -> Vec<Vec<u32>> {
    let rings = ring_of.iter().flatten().max().map_or(0, |k| k + 1);
    let mut counts: Vec<Vec<u32>> = vec![Vec::new(); parent.len()];
    for i in bottom_up(parent, ring_of) {
        let Some(k) = ring_of[i] else { continue };
        let mut own = vec![0u32; rings];
        own[k] = 1;
        for &c in &children[i] {
            for (total, count) in own.iter_mut().zip(&counts[c]) {
                *total += count;
            }
        }
        counts[i] = own;
    }
    counts
}

/// Orders siblings so that, walked in turn, they fill every ring at the same pace: each next
/// one is the one that keeps the shares of the rings taken so far closest together (the
/// first in the list among equals). On a crowded ring roles stand evenly spaced, whatever
/// their subtrees' sizes: a head with two thousand reports, the large teams first and the
/// one-person ones last, would draw every report a quarter of the map away from the people
/// reporting to it, and their lines would cross everyone else's. Any order of siblings keeps
/// a tree planar.
fn balance(siblings: &mut [usize], counts: &[Vec<u32>]) {
    if siblings.len() < 3 {
        return;
    }
    // Siblings whose subtrees fill the rings alike are interchangeable: each kind keeps its
    // list order, and only the kinds are compared at each step.
    let mut kinds: Vec<(&[u32], std::collections::VecDeque<usize>)> = Vec::new();
    for &i in siblings.iter() {
        match kinds.iter_mut().find(|(v, _)| *v == counts[i].as_slice()) {
            Some((_, queue)) => queue.push_back(i),
            None => kinds.push((counts[i].as_slice(), [i].into())),
        }
    }
    if kinds.len() < 2 {
        return;
    }
    let rings = counts[siblings[0]].len();
    let mut total = vec![0.0f64; rings];
    for &i in siblings.iter() {
        for (t, &c) in total.iter_mut().zip(&counts[i]) {
            *t += c as f64;
        }
    }
    let mut taken = vec![0.0f64; rings];
    let spread_with = |taken: &[f64], add: &[u32]| {
        let (mut low, mut high) = (f64::MAX, f64::MIN);
        for k in 0..rings {
            if total[k] > 0.0 {
                let share = (taken[k] + add[k] as f64) / total[k];
                low = low.min(share);
                high = high.max(share);
            }
        }
        high - low
    };
    for slot in siblings.iter_mut() {
        // The kind to take next: the least spread after it, the first one listed on a tie.
        let mut best: Option<(f64, usize, usize)> = None; // (spread, first sibling, kind)
        for (kind, (vector, queue)) in kinds.iter().enumerate() {
            let Some(&first) = queue.front() else { continue };
            let spread = spread_with(&taken, vector);
            if best.is_none_or(|(s, f, _)| spread < s - 1e-12 || (spread <= s + 1e-12 && first < f))
            {
                best = Some((spread, first, kind));
            }
        }
        let Some((_, _, kind)) = best else { break };
        let (vector, queue) = &mut kinds[kind];
        let Some(next) = queue.pop_front() else { break };
        for (t, &c) in taken.iter_mut().zip(vector.iter()) {
            *t += c as f64;
        }
        *slot = next;
    }
}

/// Each role's subtree's team: the role's own, else the team most of its children's
/// subtrees have (the lowest team index on a tie).
fn subtree_teams(
    parent: &[Option<usize>],
    children: &[Vec<usize>],
    ring_of: &[Option<usize>],
    team_of: &[Option<usize>],
) -> Vec<Option<usize>> {
    let mut key: Vec<Option<usize>> = team_of.to_vec();
    // Children are on the ring outside their parent's: outer rings first, bottom up.
    for i in bottom_up(parent, ring_of) {
        if key[i].is_some() {
            continue;
        }
        let mut counts: Vec<usize> = children[i].iter().filter_map(|&c| key[c]).collect();
        counts.sort_unstable();
        let mut best: Option<(usize, usize)> = None; // (count, team)
        for run in counts.chunk_by(|a, b| a == b) {
            if best.is_none_or(|(count, _)| run.len() > count) {
                best = Some((run.len(), run[0]));
            }
        }
        key[i] = best.map(|(_, team)| team);
    }
    key
}

/// The roles that have a ring, from the outermost ring inward (file order within a ring):
/// every child comes before its parent.
fn bottom_up(parent: &[Option<usize>], ring_of: &[Option<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..parent.len()).filter(|&i| ring_of[i].is_some()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(ring_of[i]), i));
    order
}

/// The angle (radians clockwise from 12 o'clock, in [0, TAU)) of every role in a radial
/// drawing of the forest: the roots share the circle, every role's children share its wedge,
/// each subtree in proportion to the room it needs (the largest share of any one ring it
/// takes: its roles there over the ring's roles), and every role sits in the middle of its
/// wedge. Roles without a ring get 0.
pub fn tree_angles(forest: &Forest, ring_of: &[Option<usize>]) -> Vec<f64> {
    let n = forest.parent.len();
    let rings = ring_of.iter().flatten().max().map_or(0, |k| k + 1);
    let mut on_ring = vec![0usize; rings];
    for k in ring_of.iter().flatten() {
        on_ring[*k] += 1;
    }
    let weight: Vec<f64> = subtree_counts(&forest.parent, &forest.children, ring_of)
        .iter()
        .map(|own| {
            own.iter()
                .zip(&on_ring)
                .map(|(&count, &on)| count as f64 / on.max(1) as f64)
                .fold(0.0, f64::max)
        })
        .collect();
    let mut angles = vec![0.0; n];
    // (role, wedge start, wedge width), walked depth first.
    let mut stack: Vec<(usize, f64, f64)> = Vec::new();
    let share = |list: &[usize], start: f64, width: f64, stack: &mut Vec<(usize, f64, f64)>| {
        let total: f64 = list.iter().map(|&i| weight[i]).sum();
        let mut at = start;
        let wedges: Vec<(usize, f64, f64)> = list
            .iter()
            .map(|&i| {
                let w =
                    if total > 0.0 { width * weight[i] / total } else { width / list.len() as f64 };
                at += w;
                (i, at - w, w)
            })
            .collect();
        stack.extend(wedges.into_iter().rev());
    };
    share(&forest.roots, 0.0, TAU, &mut stack);
    while let Some((i, start, width)) = stack.pop() {
        angles[i] = (start + width / 2.0).rem_euclid(TAU);
        share(&forest.children[i], start, width, &mut stack);
    }
    angles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Ring, Role};

    /// A map of `rings` rings whose role `name` is on ring `ring`, linked as `links`
    /// (from, to, kind).
    fn map_of(roles: &[(&str, usize)], links: &[(&str, &str, LinkKind)]) -> OrgMap {
        let mut map = OrgMap::new("forest");
        let rings = roles.iter().map(|r| r.1).max().unwrap_or(0) + 1;
        map.rings = (0..rings).map(|k| Ring::new(format!("k{k}"), format!("Ring {k}"))).collect();
        for (id, k) in roles {
            map.roles.push(Role::new(*id, *id, format!("k{k}")));
        }
        for (from, to, kind) in links {
            map.links.push(Link {
                from: from.to_string(),
                to: to.to_string(),
                kind: kind.clone(),
                note: String::new(),
            });
        }
        map
    }

    fn rings_of(map: &OrgMap) -> Vec<Option<usize>> {
        map.roles.iter().map(|r| map.rings.iter().position(|k| k.id == r.ring)).collect()
    }

    #[test]
    fn a_role_hangs_from_its_line_of_report_before_any_other_link_inward() {
        use LinkKind::*;
        let map = map_of(
            &[("ceo", 0), ("coo", 0), ("lead", 1), ("coach", 2), ("peer", 1)],
            &[
                ("lead", "coo", Collaborates),
                ("lead", "ceo", ReportsTo),
                ("coach", "lead", Coaches),
                ("peer", "lead", Supports), // same ring: not a tree link
            ],
        );
        let rings = rings_of(&map);
        let forest = spanning_forest(&map, &RoleGraph::new(&map), &rings, &[None; 5]);
        assert_eq!(forest.parent, [None, None, Some(0), Some(2), None]);
        assert_eq!(forest.reports, [false, false, true, false, false]);
        assert_eq!(forest.roots, [0, 1, 4]);
        assert_eq!(forest.children[0], [2]);
    }

    #[test]
    fn every_subtree_is_one_wedge_sized_by_its_roles() {
        use LinkKind::ReportsTo;
        // One head with two reports; the first has three reports of its own, the second one.
        let map = map_of(
            &[("head", 0), ("a", 1), ("b", 1), ("a1", 2), ("a2", 2), ("a3", 2), ("b1", 2)],
            &[
                ("a", "head", ReportsTo),
                ("b", "head", ReportsTo),
                ("a1", "a", ReportsTo),
                ("a2", "a", ReportsTo),
                ("a3", "a", ReportsTo),
                ("b1", "b", ReportsTo),
            ],
        );
        let rings = rings_of(&map);
        let angles =
            tree_angles(&spanning_forest(&map, &RoleGraph::new(&map), &rings, &[None; 7]), &rings);
        let deg: Vec<f64> = angles.iter().map(|a| a.to_degrees().round()).collect();
        // Wedges in proportion to the largest share of one ring a subtree takes: a's three
        // quarters of the outer ring, b's half of the inner one (0.6 and 0.4 of the circle).
        assert_eq!(deg, [180.0, 108.0, 288.0, 36.0, 108.0, 180.0, 288.0]);
    }

    #[test]
    fn siblings_fill_the_rings_at_the_same_pace() {
        use LinkKind::ReportsTo;
        // A head with six reports: the first three lead two people each, the last three
        // nobody. In file order the second ring would fill in the first half of the first.
        let mut roles = vec![("head", 0)];
        let mut links = Vec::new();
        let names: Vec<String> = (0..6).map(|i| format!("m{i}")).collect();
        let reports: Vec<String> = (0..6).map(|i| format!("r{i}")).collect();
        for (i, m) in names.iter().enumerate() {
            roles.push((m.as_str(), 1));
            links.push((m.as_str(), "head", ReportsTo));
            if i < 3 {
                for r in &reports[2 * i..2 * i + 2] {
                    roles.push((r.as_str(), 2));
                    links.push((r.as_str(), m.as_str(), ReportsTo));
                }
            }
        }
        let map = map_of(&roles, &links);
        let rings = rings_of(&map);
        let mut forest = spanning_forest(&map, &RoleGraph::new(&map), &rings, &[None; 13]);
        let named = |forest: &Forest| -> Vec<String> {
            forest.children[0].iter().map(|&i| map.roles[i].id.clone()).collect()
        };
        assert_eq!(named(&forest), ["m0", "m1", "m2", "m3", "m4", "m5"]);
        balance_siblings(&mut forest, &rings);
        // Leaders and leaves take turns; each kind keeps its file order.
        assert_eq!(named(&forest), ["m0", "m3", "m1", "m4", "m2", "m5"]);
        // A tree's roles are all still there, each under its own manager.
        assert_eq!(forest.children[1].len(), 2);
    }

    #[test]
    fn siblings_are_grouped_by_their_subtrees_team() {
        use LinkKind::ReportsTo;
        let mut map = map_of(
            &[("head", 0), ("x", 1), ("y", 1), ("z", 1)],
            &[("x", "head", ReportsTo), ("y", "head", ReportsTo), ("z", "head", ReportsTo)],
        );
        let rings = rings_of(&map);
        map.roles[1].team = "t1".into();
        let teams = [None, Some(1), Some(0), Some(1)];
        let forest = spanning_forest(&map, &RoleGraph::new(&map), &rings, &teams);
        assert_eq!(forest.children[0], [2, 1, 3]);
    }
}
