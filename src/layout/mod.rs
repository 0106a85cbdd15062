//! The concentric layout: map -> positions of rings, team sectors, roles and their labels.
//!
//! No egui here: text width comes from a measuring function passed in, so that the same
//! layout serves the screen and paper. The same map and options give bit-identical output.
//!
//! How it works, in order:
//! 1. every role gets a footprint: its node and its label, horizontal beside the node on its
//!    outer side (under it in the centre disc), the footprint, one upright box, being centred
//!    on the ring's circle so that the ring is as thin at its diagonals as it can be; or set
//!    along the radius on rings too crowded for horizontal labels;
//! 2. the ordering stage: a spanning forest of the links between neighbouring rings (lines of
//!    report first) is drawn as a radial tree, every subtree one wedge, and each ring's roles
//!    are ordered by their angles in it into one cycle of blocks (a team's roles stay
//!    together); placement puts roles in that order, halfway from even spacing towards those
//!    angles, each ring following where the ring inside it put the roles they hang from;
//! 3. barycentric sweeps outward and inward reorder each ring by the circular mean of the
//!    angles of the roles its roles link to, a step kept only when it lowers the crossings;
//! 4. radii grow from the centre outward until no footprint touches another, on its ring or
//!    on the next; pinned roles keep their angle exactly; on an org chart (mostly lines of
//!    report) each report then goes all the way to its manager's angle, and a ring whose
//!    lines of report still cross gives up its staggered tracks, then grows, while that
//!    removes them;
//! 5. each ring's name and its teams' names go along its inner edge where its roles leave
//!    room, the ring keeping that edge clear all the way round only when they find none.

mod forest;
mod geometry;
mod graph;
pub mod metrics;
pub mod names;
mod order;
mod place;

pub use geometry::{
    Point, Rect, TextBox, angular_distance, circular_mean, clockwise, distance_to_segment,
    normalize, squared_distance_to_segment,
};
pub use graph::RoleGraph;

use crate::model::OrgMap;

/// Sizes the layout is computed for, in map units (pixels at zoom 1).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Font size of role labels.
    pub label_size: f64,
    /// Radius of a role's node.
    pub node_radius: f64,
    /// Smallest space left between two footprints.
    pub gap: f64,
    /// Crossing-reduction sweeps (each is one pass outward and one inward).
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { label_size: 14.0, node_radius: 6.0, gap: 4.0, sweeps: 4 }
    }
}

impl LayoutOptions {
    /// Height of one line of label text.
    pub fn line_height(&self) -> f64 {
        self.label_size * 1.25
    }

    /// Font size of ring names.
    pub fn ring_name_size(&self) -> f64 {
        self.label_size * 1.05
    }

    /// Font size of team names.
    pub fn team_name_size(&self) -> f64 {
        self.label_size * 0.95
    }

    /// Space kept along each ring for its name (and its teams' names).
    pub fn name_strip(&self) -> f64 {
        self.line_height() * 1.3
    }
}

/// How wide a text is at a font size. The app passes egui's measure; exports pass their font's.
pub type Measure<'a> = &'a dyn Fn(&str, f64) -> f64;

/// A measure that needs no font: 0.55 em per character, close to a sans-serif's average.
pub fn approximate_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.55
}

/// Where everything of a map goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One per ring of the map, same order.
    pub rings: Vec<RingLayout>,
    /// One per team of the map, same order.
    pub teams: Vec<TeamLayout>,
    /// One per role of the map, same order.
    pub roles: Vec<RoleLayout>,
    /// The bounding box of everything drawn: ring circles, nodes and labels.
    pub extent: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RingLayout {
    /// Radius of the circle the ring's roles are centred on (0 for a single role at the
    /// centre): with horizontal labels, the box of a node and its label is centred on it (the
    /// node sits at one end of it, see [`RoleLayout::offset_at`]); with labels along the
    /// radius, the node is on it.
    pub radius: f64,
    /// Inner and outer edges of the ring's band; the centre ring's inner edge is 0.
    pub inner: f64,
    pub outer: f64,
    /// Where the ring's name and its teams' names go: the middle of the strip kept for them
    /// (at the inner edge of a ring, at the outer edge of the centre disc).
    pub name_radius: f64,
    /// The angle of the middle of the ring's name along that circle, found clear of roles
    /// (`None`: no room, left out).
    pub name_angle: Option<f64>,
    /// How the ring's labels are set.
    pub labels: LabelPlacement,
    /// A crowded ring staggers its roles over this many tracks, `track_step` apart from
    /// `radius` outward; 1 for a ring with room.
    pub tracks: usize,
    pub track_step: f64,
}

/// How a ring's labels are set, from the roomiest ring to the most crowded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlacement {
    /// Horizontal, under the node: the centre disc's.
    Under,
    /// Horizontal, beside the node on its outer side: right of it on the right half of the
    /// map, left of it on the left half. The other rings' while they have room: flatter than
    /// under, such footprints stack closer at 3 and 9 o'clock, so more roles fit on a ring.
    Beside,
    /// Along the radius, reading outward, on rings too crowded for horizontal labels.
    Radial,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamLayout {
    pub ring: usize,
    /// Sector from `start` clockwise to `end`, in radians from 12 o'clock; `end` may pass TAU.
    pub start: f64,
    pub end: f64,
    /// The angle of the middle of the team's name along its ring's name circle, clear of
    /// roles and of the ring's name (`None`: too long for its sector, or no room).
    pub name_angle: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleLayout {
    pub ring: usize,
    /// Radians clockwise from 12 o'clock, in [0, TAU).
    pub angle: f64,
    pub pos: Point,
    pub label: TextBox,
    /// The label's second line starts at this byte of the name (two-line labels only).
    pub wrap_at: Option<usize>,
    /// How far the node sits above the point of its ring's circle at `angle` (half the
    /// height of the label under it), so that node and label together are centred there.
    pub lift: f64,
    /// How far the node sits from that point towards the map's vertical middle line (half
    /// the width of the label beside it), for the same reason.
    pub shift: f64,
}

/// Which way is outward, across, at `angle` (radians clockwise from 12 o'clock): 1 (right)
/// on the right half of the map, from 12 o'clock down to 6, -1 (left) on the left half.
pub fn outward(angle: f64) -> f64 {
    if normalize(angle) <= std::f64::consts::PI { 1.0 } else { -1.0 }
}

/// What joins a label's line to the next to give its name back: a space, or nothing after a
/// slash or a hyphen (where [`RoleLayout::label_lines`] may also break).
pub fn line_joint(line: &str) -> &'static str {
    if line.ends_with(['/', '-']) { "" } else { " " }
}

/// The lines of a label broken at byte `at` (one line when there is no break, or when `at`
/// is not a place in `name` where it could break).
pub fn label_lines(name: &str, at: Option<usize>) -> Vec<&str> {
    match at.filter(|&at| name.is_char_boundary(at) && at < name.len()) {
        Some(at) => vec![name[..at].trim_end(), name[at..].trim_start()],
        None => vec![name],
    }
}

impl RoleLayout {
    /// The lines of the label of a role called `name`.
    pub fn label_lines<'n>(&self, name: &'n str) -> Vec<&'n str> {
        label_lines(name, self.wrap_at)
    }

    /// Where this role's node goes at `angle` on a circle of `radius`.
    pub fn node_at(&self, radius: f64, angle: f64) -> Point {
        Point::polar(radius, angle).plus(self.offset_at(angle))
    }

    /// Where the node sits from the point of its ring's circle at `angle`: `lift` above it,
    /// `shift` towards the middle line (a label beside the node stays on its outer side).
    pub fn offset_at(&self, angle: f64) -> Point {
        Point::new(-outward(angle) * self.shift, -self.lift)
    }

    /// The angle at which this role's node would be at `node`: the angle of the point of
    /// its circle the node is offset from, the offset's side being that of the angle. Near
    /// 12 and 6 o'clock a node beside its label can be at `node` from either side; then the
    /// angle nearer `near` is taken (a drag stays continuous).
    pub fn angle_of_node(&self, node: Point, near: f64) -> f64 {
        let circle_angle = |side: f64| {
            let p = node.minus(Point::new(-side * self.shift, -self.lift));
            normalize(p.x.atan2(-p.y))
        };
        [1.0, -1.0]
            .map(|side| (side, circle_angle(side)))
            .into_iter()
            .filter(|&(side, angle)| outward(angle) == side)
            .map(|(_, angle)| angle)
            .min_by(|a, b| angular_distance(*a, near).total_cmp(&angular_distance(*b, near)))
            .unwrap_or_else(|| circle_angle(outward(near)))
    }

    /// Whether the label is beside the node (to be read from the node's side).
    pub fn label_beside(&self) -> bool {
        self.shift > 0.0
    }
}

impl RoleLayout {
    pub fn angle_degrees(&self) -> f64 {
        self.angle.to_degrees()
    }
}

/// Lays out a map. Never fails: a map that passed validation always gets a layout.
pub fn compute(map: &OrgMap, options: &LayoutOptions, measure: Measure) -> Layout {
    let graph = RoleGraph::new(map);
    let members = order::Memberships::new(map);
    let (forest, backbone) = ordered_forest(map, &graph, &members);
    let rings = order::initial_order(map, &members, &forest, options, measure);
    let mut state = place::State::new(map, options, &rings);
    state.org_chart = backbone;
    if let Some(centre) = map.rings.first() {
        state.centre_name_width = measure(&centre.name, options.ring_name_size());
    }
    // Ring names are set in bold, about a tenth wider than the regular face measured here.
    state.ring_name_widths =
        map.rings.iter().map(|r| 1.1 * measure(&r.name, options.ring_name_size())).collect();
    state.team_name_widths =
        map.teams.iter().map(|t| measure(&t.name, options.team_name_size())).collect();
    // The lines of report the order starts from, kept untangled on org charts (and every
    // link, where the links are a forest); on other maps they are links like any other.
    let tree: Vec<(usize, usize)> = (0..map.roles.len())
        .filter(|&i| backbone && (forest.reports[i] || forest.holds_every_link))
        .filter_map(|i| forest.parent[i].map(|p| (p, i)))
        .collect();
    let links = links_marking_tree(&graph, &tree);
    let score = |state: &place::State, rings: &[order::RingItems]| {
        crossings_in_tree_and_all(state, rings, &links)
    };
    let along_radius = (backbone && map.teams.is_empty()).then(|| (rings.clone(), state.clone()));
    let (mut rings, mut state) = arrange(rings, state, &graph, (&tree, &links), &members, options);
    // An org chart whose lines of report still cross is also placed with every ring's
    // labels along the radius: each role then takes the same room all round its ring, where
    // a horizontal label takes its width at 12 o'clock and its height at 3, and a ring's
    // reports fill it at the pace their managers fill theirs (two 1,516-person charts ten
    // levels deep: 13 and 24 crossings with horizontal labels where they had room, none
    // so, at 1.06x the size).
    // The one whose lines of report cross less is kept, then the one whose links do. Not
    // on a chart with departments: there the crossings left are those its sectors force (a
    // report in a department whose sector cannot be beside its manager's), which labels do
    // not move; on the charts measured the second layout never won, and doubled the time.
    if let (Some((start_rings, mut start)), Some(crossing)) =
        (along_radius, score(&state, &rings).filter(|&(in_tree, _)| in_tree > 0))
    {
        start.along_radius.iter_mut().skip(1).for_each(|along| *along = true);
        // From the tree's own order, without sweeps: on every chart measured their order
        // lost to it here (same crossings, 1,516 people 396 -> 245 ms).
        let unswept = LayoutOptions { sweeps: 0, ..options.clone() };
        let (other_rings, other) =
            arrange(start_rings, start, &graph, (&tree, &links), &members, &unswept);
        // Kept where it removes a tenth of them at least, as each step of the untangling: a
        // ring of labels along the radius is larger, and reads less easily.
        let fewer =
            |(in_tree, _): (usize, usize)| in_tree as f64 <= crossing.0 as f64 * UNTANGLE_GAIN;
        if score(&other, &other_rings).is_some_and(fewer) {
            (rings, state) = (other_rings, other);
        }
    }
    state.finish(map, &rings)
}

/// Places the rings from their first order: followed outward, refined by the sweeps, and on
/// an org chart (some of `links` marked as its lines of report) placed at full pull and
/// untangled.
fn arrange<'a>(
    mut rings: Vec<order::RingItems>,
    mut state: place::State<'a>,
    graph: &RoleGraph,
    (tree, links): (&[(usize, usize)], &MarkedLinks),
    members: &order::Memberships,
    options: &LayoutOptions,
) -> (Vec<order::RingItems>, place::State<'a>) {
    state.place_all_following(&mut rings);
    // An org chart is also placed from the tree's own order, unrefined: the sweeps judge a
    // step at half pull, and at full pull a ring they turned out of the tree's order can
    // cross lines of report the tree had none of (on a 107-person chart, 3 against none).
    let org_chart = !tree.is_empty();
    let unrefined = org_chart.then(|| (rings.clone(), state.clone()));
    let refined = refine(&mut rings, &mut state, graph, (tree, links), options.sweeps);
    if let Some((mut plain_rings, mut plain)) = unrefined.filter(|_| refined) {
        place_org_chart(&mut rings, &mut state, tree, &members.ring_of);
        place_org_chart(&mut plain_rings, &mut plain, tree, &members.ring_of);
        // The fewer crossings among the lines of report, then among all links.
        let score = |state: &place::State, rings: &[order::RingItems]| {
            crossings_in_tree_and_all(state, rings, links)
        };
        if let (Some(refined), Some(unrefined)) =
            (score(&state, &rings), score(&plain, &plain_rings))
            && unrefined < refined
        {
            return (plain_rings, plain);
        }
    } else if org_chart {
        place_org_chart(&mut rings, &mut state, tree, &members.ring_of);
    } else {
        state.place_all(&mut rings);
    }
    (rings, state)
}

/// The last placement of an org chart: all the way to the managers' angles, each ring
/// following where the ring inside now puts them (targets read off the placement at half
/// pull would leave every ring turned against the one inside: on a 10,000-role tree by 3.7
/// degrees, 20 roles), then rings whose lines of report still cross made roomier.
fn place_org_chart(
    rings: &mut [order::RingItems],
    state: &mut place::State,
    tree: &[(usize, usize)],
    ring_of: &[Option<usize>],
) {
    state.pull = place::ORG_CHART_PULL;
    state.place_all_following(rings);
    untangle_rings(rings, state, tree, ring_of);
}

/// The forest the order starts from, and whether the map is an org chart (mostly lines of
/// report): then its siblings are balanced round the rings.
fn ordered_forest(
    map: &OrgMap,
    graph: &RoleGraph,
    members: &order::Memberships,
) -> (forest::Forest, bool) {
    let mut forest = forest::spanning_forest(map, graph, &members.ring_of, &members.team_of);
    let backbone = is_org_chart(map) || forest.holds_every_link;
    if backbone {
        forest::balance_siblings(&mut forest, &members.ring_of);
        forest::pull_toward_strays(&mut forest, &members.ring_of, &members.team_of);
    }
    (forest, backbone)
}

/// Whether a map is an org chart: mostly lines of report (ReportsTo), which its layout
/// keeps untangled and its overview's blocks follow.
pub fn is_org_chart(map: &OrgMap) -> bool {
    let reports = map.links.iter().filter(|l| l.kind == crate::model::LinkKind::ReportsTo).count();
    2 * reports >= map.links.len()
}

/// How much larger a ring may grow, step by step, to draw its lines of report without
/// crossings, and the step.
const UNTANGLE_GROWTH: f64 = 1.6;
const UNTANGLE_STEP: f64 = 1.1;
/// However many rings grow, the map grows by at most this much across: beyond it, a map of
/// 10,000 roles doubled in size for crossings nobody reads one by one.
const UNTANGLE_MAP_GROWTH: f64 = 1.3;
/// A step is kept when it removes at least a tenth of the ring's crossings: those that a
/// department's sector forces do not go away with room, and the map would only grow.
const UNTANGLE_GAIN: f64 = 0.9;

/// On an org chart, a crowded ring has no room to put each report beside its manager: spread
/// evenly round the ring, reports land a quarter of the map away and their lines cross
/// everyone else's. From the centre outward, each ring whose lines of report to the ring
/// inside cross is first set on one track if it is staggered over several (a report on an
/// outer track, a few degrees from its manager, draws its line slanting across the nodes of
/// the inner track, and crosses the lines of all of them it passes), then given labels
/// along the radius if its labels are horizontal (they take their width at 12 o'clock and
/// their height at 3, so the ring's roles bunch where their managers' do not), then made
/// larger, a step at a time (up to [`UNTANGLE_GROWTH`]), while that removes many of them.
/// After each step the rings outside follow the ring again (their targets were read off it
/// as it was: a 2,000-role tree drew 231 crossings so, 36 followed). A step that does not
/// remove many is undone, and so is one that would make the whole map larger than
/// [`UNTANGLE_MAP_GROWTH`] allows (after a growth step, no ring grows any more).
fn untangle_rings(
    rings: &mut [order::RingItems],
    state: &mut place::State,
    tree: &[(usize, usize)],
    ring_of: &[Option<usize>],
) {
    // Each ring's steps are judged on its own lines, and they move the rings outside it:
    // the whole is kept only if the lines of report cross no more than before (a
    // department's sector forces crossings that larger rings only move about).
    let budget = 4 * CROSSING_BUDGET;
    let before = state.crossings(rings, tree, budget);
    let kept = (rings.to_vec(), state.clone());
    untangle_each_ring(rings, state, tree, ring_of);
    if let (Some(before), Some(after)) = (before, state.crossings(rings, tree, budget))
        && after > before
    {
        rings.clone_from_slice(&kept.0);
        *state = kept.1;
    }
}

/// The steps of [`untangle_rings`], ring by ring from the centre outward.
fn untangle_each_ring(
    rings: &mut [order::RingItems],
    state: &mut place::State,
    tree: &[(usize, usize)],
    ring_of: &[Option<usize>],
) {
    let largest = state.outer_radius() * UNTANGLE_MAP_GROWTH;
    for k in 1..rings.len() {
        let into = |ring: usize| -> Vec<(usize, usize)> {
            tree.iter().copied().filter(|&(_, child)| ring_of[child] == Some(ring)).collect()
        };
        let edges = into(k);
        if edges.is_empty() {
            continue;
        }
        // The ring's lines, and those into the ring inside, which a line slanting far from
        // its manager's angle dips across: their crossings among themselves do not change
        // with this ring, and are taken out. Where they are too many to count, the ring's own
        // lines are counted.
        let with_inner: Vec<(usize, usize)> = edges.iter().copied().chain(into(k - 1)).collect();
        let inner_alone = state.crossings(rings, &with_inner[edges.len()..], CROSSING_BUDGET);
        let together = state.crossings(rings, &with_inner, CROSSING_BUDGET);
        let (edges, inner_alone, now) = match (inner_alone, together) {
            (Some(alone), Some(together)) => (with_inner, alone, Some(together)),
            _ => {
                let own = state.crossings(rings, &edges, CROSSING_BUDGET);
                (edges, 0, own)
            }
        };
        let count = |state: &place::State, rings: &[order::RingItems]| {
            state.crossings(rings, &edges, CROSSING_BUDGET).map(|c| c.saturating_sub(inner_alone))
        };
        let Some(mut best) = now.map(|c| c.saturating_sub(inner_alone)) else { continue };
        // One step: place the ring again as `change` says; kept if it removes a tenth of the
        // ring's crossings within the map's growth, else undone. (kept, by how much the map
        // grew too large)
        let step = |rings: &mut [order::RingItems],
                    state: &mut place::State,
                    best: &mut usize,
                    change: &dyn Fn(&mut place::State)| {
            let kept = (rings.to_vec(), state.clone());
            change(state);
            state.place_following_from(rings, k);
            let over = state.outer_radius() - largest;
            match count(state, rings) {
                Some(now) if over <= 0.0 && (now as f64) <= *best as f64 * UNTANGLE_GAIN => {
                    *best = now;
                    (true, None)
                }
                _ => {
                    rings.clone_from_slice(&kept.0);
                    *state = kept.1;
                    (false, (over > 0.0).then_some(over))
                }
            }
        };
        if best > 0 && state.tracks(k) > 1 {
            step(rings, state, &mut best, &|state| state.max_tracks[k] = 1);
        }
        if best > 0 && !state.radial(k) {
            step(rings, state, &mut best, &|state| state.along_radius[k] = true);
        }
        let start = state.radius(k);
        while best > 0 && state.radius(k) * UNTANGLE_STEP <= start * UNTANGLE_GROWTH {
            let grown = state.radius(k) * UNTANGLE_STEP;
            match step(rings, state, &mut best, &|state| state.min_radius[k] = grown) {
                (true, _) => {}
                // Too large by a little, often: the last step goes as far as the map may.
                (false, Some(over)) => {
                    let last = grown - over - 1.0;
                    if last > state.radius(k) {
                        step(rings, state, &mut best, &|state| state.min_radius[k] = last);
                    }
                    return;
                }
                (false, None) => break,
            }
        }
    }
}

/// Most pairs of links a refinement step may test for crossings (about 10 ms here). Long links
/// across the middle of a big, densely linked map share the grid's cells, and counting their
/// crossings would cost more than the layout itself.
const CROSSING_BUDGET: usize = 250_000;

/// Most sweeps run where the crossings cannot be counted (every step is kept unchecked).
const UNCHECKED_SWEEPS: usize = 2;

/// The barycentric sweeps, outward and inward, each ring reordered by where its roles' links
/// go and placed again. Where the crossings can be counted within the budget, a step is kept
/// only when it lowers the crossings of the links as they are drawn without adding any among
/// the lines of report of `tree` (empty on a map that is not mostly lines of report): the
/// order never gets worse than its start, a tree drawn without a crossing stays so, and the
/// line of report stays untangled while the links across it are. On maps too densely linked
/// to count (random links by the thousand, which no tree orders) every step is kept: there
/// the sweeps alone remove most crossings. An org chart too big to count keeps its tree's
/// order: unchecked sweeps only tangle it. Whether any step was kept.
fn refine(
    rings: &mut Vec<order::RingItems>,
    state: &mut place::State,
    graph: &RoleGraph,
    (tree, links): (&[(usize, usize)], &MarkedLinks),
    sweeps: usize,
) -> bool {
    let count = |state: &place::State, rings: &[order::RingItems]| {
        crossings_in_tree_and_all(state, rings, links)
    };
    let mut best = count(state, rings);
    let mut changed = false;
    // Too many links to count, on a map that is mostly lines of report: the tree's order is
    // the one wanted, and a sweep that cannot be checked only moves away from it (measured on
    // a 10,000-role tree: 18,033 crossings without sweeps, 251,836 with four).
    if best.is_none() && !tree.is_empty() {
        return changed;
    }
    // Unchecked sweeps have diminishing returns: on a random 10,000-role map the third and
    // fourth remove 3% of the crossings and cost half of the layout's time.
    let sweeps = if best.is_none() { sweeps.min(UNCHECKED_SWEEPS) } else { sweeps };
    for _ in 0..sweeps {
        let mut improved = false;
        for k in (0..rings.len()).chain((0..rings.len()).rev()) {
            if best.is_some_and(|(_, all)| all == 0) {
                return changed;
            }
            let kept = best.map(|_| (rings.clone(), state.clone()));
            order::reorder_ring(&mut rings[k], graph, &state.angles);
            state.place_ring(rings, k);
            let (Some((kept_rings, kept_state)), Some((in_tree, all))) = (kept, best) else {
                (improved, changed) = (true, true);
                continue;
            };
            match count(state, rings) {
                Some(now) if now.0 <= in_tree && now.1 < all => {
                    best = Some(now);
                    (improved, changed) = (true, true);
                }
                // Grown past counting: on an org chart, stop as it is (see above); otherwise
                // from here on, steps are kept as they come.
                None if !tree.is_empty() => {
                    *rings = kept_rings;
                    *state = kept_state;
                    return changed;
                }
                None => best = None,
                Some(_) => {
                    *rings = kept_rings;
                    *state = kept_state;
                }
            }
        }
        if !improved {
            return changed;
        }
    }
    changed
}

/// The map's links, and for each whether it is one of the lines of report (see
/// [`links_marking_tree`]).
type MarkedLinks = (Vec<(usize, usize)>, Vec<bool>);

/// The crossings among the lines of report and among all links as placed now, counted in
/// one pass within [`CROSSING_BUDGET`]: (among the lines of report, all).
fn crossings_in_tree_and_all(
    state: &place::State,
    rings: &[order::RingItems],
    links: &MarkedLinks,
) -> Option<(usize, usize)> {
    state.crossings_marked(rings, &links.0, &links.1, CROSSING_BUDGET)
}

/// The map's links, and for each whether it is one of `tree`'s lines (either way round):
/// what [`place::State::crossings_marked`] counts the lines of report among all links with.
fn links_marking_tree(graph: &RoleGraph, tree: &[(usize, usize)]) -> MarkedLinks {
    let edges: Vec<(usize, usize)> = graph.edges().collect();
    let in_tree: std::collections::HashSet<(usize, usize)> =
        tree.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    let marked = edges.iter().map(|&(a, b)| in_tree.contains(&(a.min(b), a.max(b)))).collect();
    (edges, marked)
}

/// The ordering stage alone, before any placement or refinement: the roles of every ring
/// (indices into the map's roles), clockwise from 12 o'clock, as the radial drawing of the
/// tree of the map's links orders them (see [`compute`]).
pub fn initial_order(map: &OrgMap) -> Vec<Vec<usize>> {
    let members = order::Memberships::new(map);
    let (forest, _) = ordered_forest(map, &RoleGraph::new(map), &members);
    let rings =
        order::initial_order(map, &members, &forest, &LayoutOptions::default(), &approximate_width);
    rings
        .iter()
        .map(|ring| {
            let mut roles: Vec<(f64, usize)> =
                ring.items().filter_map(|i| i.role.map(|r| (normalize(i.angle), r))).collect();
            // The ring's order is cyclic: read it from the item nearest 12 o'clock on.
            let first = (0..roles.len()).min_by(|&a, &b| roles[a].0.total_cmp(&roles[b].0));
            roles.rotate_left(first.unwrap_or(0));
            roles.into_iter().map(|(_, r)| r).collect()
        })
        .collect()
}

/// The quality measures of a map's layout (see [`metrics::Metrics`]).
pub fn measure_layout(map: &OrgMap, layout: &Layout, options: &LayoutOptions) -> metrics::Metrics {
    let graph = RoleGraph::new(map);
    let nodes: Vec<Point> = layout.roles.iter().map(|r| r.pos).collect();
    let labels: Vec<TextBox> = layout.roles.iter().map(|r| r.label).collect();
    let links: Vec<(usize, usize)> = graph.edges().collect();
    metrics::measure(&nodes, options.node_radius, &labels, &links, layout.extent)
}
