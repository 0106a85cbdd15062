//! The ordering stage: the cyclic order of each ring, as blocks (a team's roles, or one role
//! without a team). It starts from a radial drawing of the tree the links form (see
//! `forest`), and the barycentric sweeps that reorder rings to reduce edge crossings refine it.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::f64::consts::PI;

use super::forest;
use super::geometry::{circular_mean, clockwise, normalize, relative};
use super::graph::RoleGraph;
use super::{LayoutOptions, Measure};
use crate::model::OrgMap;

/// How many times a role's own angle is counted among its neighbours' in a sweep.
const DAMPING: usize = 1;

/// One role on a ring, or the placeholder that keeps an empty team visible.
#[derive(Debug, Clone)]
pub struct Item {
    pub role: Option<usize>,
    pub team: Option<usize>,
    /// A pinned angle in radians: kept exactly.
    pub pin: Option<f64>,
    /// Width of the item's label text on one line.
    pub text_width: f64,
    /// The label as set horizontally: on one line, or on two when it is long.
    pub wrap: Wrap,
    /// Current angle, radians.
    pub angle: f64,
    /// Where the item would like to be: its angle in the drawing of the tree, then where the
    /// sweeps would like it (the circular mean of its neighbours).
    pub target: Option<f64>,
    /// Its angle in the radial drawing of the tree the ordering starts from.
    pub tree: Option<f64>,
    /// Which staggered track of a crowded ring the item is on (0 = innermost).
    pub track: usize,
    /// How many roles hang from this one in the tree (on the ring outside): such a role goes
    /// on an outer track of a staggered ring, so that its links outward start beyond its
    /// neighbours' nodes and cross none of their links inward.
    pub hanging: usize,
}

/// A horizontal label set on one or two lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wrap {
    /// Width of the widest line.
    pub width: f64,
    /// Where the second line starts (a byte index into the name), if there is one.
    pub at: Option<usize>,
}

impl Wrap {
    pub fn lines(&self) -> usize {
        if self.at.is_some() { 2 } else { 1 }
    }
}

/// A label goes on two lines, broken where that makes them most even, when that makes it
/// narrower by more than the line it adds: its footprint is then smaller where it matters
/// most, across a ring's diagonals (half width plus half height), and rings of short two-line
/// labels are much smaller than rings of long one-line labels. It breaks at a space, or after
/// a slash or a hyphen ("Reporter/" "Recorder"), which stay on the first line.
pub fn wrap_label(text: &str, options: &LayoutOptions, measure: Measure) -> Wrap {
    let size = options.label_size;
    let width = measure(text, size);
    let one_line = Wrap { width, at: None };
    text.char_indices()
        .filter_map(|(i, c)| match c {
            ' ' => Some(i + 1),
            '/' | '-' => Some(i + c.len_utf8()),
            _ => None,
        })
        .filter(|&at| at < text.len())
        .map(|at| {
            let (first, second) = (text[..at].trim_end(), text[at..].trim_start());
            let widest = measure(first, size).max(measure(second, size));
            Wrap { width: widest, at: Some(at) }
        })
        .filter(|wrap| wrap.width < width - options.line_height())
        .min_by(|a, b| a.width.total_cmp(&b.width))
        .unwrap_or(one_line)
}

/// A team's roles, kept together, or one role without a team.
#[derive(Debug, Clone)]
pub struct Block {
    pub team: Option<usize>,
    pub items: Vec<Item>,
}

/// The roles of one ring in clockwise order, as blocks.
#[derive(Debug, Clone)]
pub struct RingItems {
    pub blocks: Vec<Block>,
}

impl RingItems {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.blocks.iter().flat_map(|b| b.items.iter())
    }

    pub fn items_mut(&mut self) -> impl Iterator<Item = &mut Item> {
        self.blocks.iter_mut().flat_map(|b| b.items.iter_mut())
    }

    pub fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.items.len()).sum()
    }
}

/// The order every ring starts from: each role where a radial drawing of the forest of the
/// links between neighbouring rings puts it (its pin, if it has one), teams kept together,
/// each team's sector where its roles want to be. A tree comes out without a crossing; teams
/// that follow the tree (departments along the line of report) line up with the sectors of
/// the roles they report to. Every item's `target` and `tree` is that angle.
pub fn initial_order(
    map: &OrgMap,
    members: &Memberships,
    forest: &forest::Forest,
    options: &LayoutOptions,
    measure: Measure,
) -> Vec<RingItems> {
    let mut rings = file_order(map, members, options, measure);
    let angles = forest::tree_angles(forest, &members.ring_of);
    for ring in &mut rings {
        for item in ring.items_mut() {
            if let Some(role) = item.role {
                let target = item.pin.unwrap_or(angles[role]);
                item.target = Some(target);
                item.tree = Some(target);
                item.hanging = forest.children[role].len();
            }
        }
        sort_by_targets(ring);
    }
    rings
}

/// Moves the targets of a ring's items from their angles in the drawing of the tree to where
/// the ring inside it has actually put the roles around them: each tree angle is read between
/// the two roles of the inner ring whose tree angles enclose it, at the same fraction of the
/// way between where they were placed. The inner ring cannot always put its roles at their
/// tree angles (it may have no room to spare); so followed, a role's children stay between its
/// neighbours' angles and its links do not cross theirs. Pinned items keep their pin. With
/// `keep_distance` (org charts), a role whose two inner roles were placed the other way
/// round keeps its distance from the first of them.
pub fn follow_inner_ring(inner: &RingItems, ring: &mut RingItems, keep_distance: bool) {
    let mut placed: Vec<(f64, f64)> =
        inner.items().filter_map(|i| i.tree.map(|t| (normalize(t), i.angle))).collect();
    // One role inside (alone at the centre, often) says nothing of where the others went.
    if placed.len() < 2 {
        return;
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for item in ring.items_mut() {
        let Some(tree) = item.tree.filter(|_| item.pin.is_none()) else { continue };
        let tree = normalize(tree);
        // The last inner role at or before this tree angle, cyclically, and the one after.
        let at = placed.partition_point(|p| p.0 <= tree);
        let (a, b) = (placed[(at + placed.len() - 1) % placed.len()], placed[at % placed.len()]);
        let span = clockwise(a.0, b.0);
        let fraction = if span > 1e-12 { clockwise(a.0, tree) / span } else { 0.0 };
        let placed_span = clockwise(a.1, b.1);
        // The sweeps, or the team blocks, may have put those two the other way round: the
        // span between them is then most of the circle, and reading the angle in it would
        // send the role across the map. On an org chart it keeps its distance from the one
        // before instead (on a generated 10,000-person chart, 118,364 crossings instead of
        // 351,547). Other maps keep the reading, which their sweeps then reorder from: there
        // it did better (5,170 crossings against 5,541 on a random map of 300 roles).
        let inverted = keep_distance && placed_span > PI && placed_span > 2.0 * span + 0.1;
        item.target = Some(normalize(if inverted {
            a.1 + clockwise(a.0, tree)
        } else {
            a.1 + fraction * placed_span
        }));
    }
}

/// Which ring and team each role is on, and which ring each team, by index (`None` where
/// the id names none).
pub struct Memberships {
    pub ring_of: Vec<Option<usize>>,
    pub team_of: Vec<Option<usize>>,
    pub team_ring: Vec<Option<usize>>,
}

impl Memberships {
    pub fn new(map: &OrgMap) -> Self {
        let ring_index: BTreeMap<&str, usize> =
            map.rings.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let team_index: BTreeMap<&str, usize> =
            map.teams.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
        let (ring_of, team_of) = map
            .roles
            .iter()
            .map(|r| {
                (ring_index.get(r.ring.as_str()).copied(), team_index.get(r.team.as_str()).copied())
            })
            .unzip();
        let team_ring =
            map.teams.iter().map(|t| ring_index.get(t.ring.as_str()).copied()).collect();
        Memberships { ring_of, team_of, team_ring }
    }
}

/// Roles in file order, each team's block where its first role is, and empty teams after the
/// roles of their ring.
fn file_order(
    map: &OrgMap,
    members: &Memberships,
    options: &LayoutOptions,
    measure: Measure,
) -> Vec<RingItems> {
    let mut rings: Vec<RingItems> =
        map.rings.iter().map(|_| RingItems { blocks: Vec::new() }).collect();
    // Per ring: team -> the block it has, once created.
    let mut team_block: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); map.rings.len()];
    for (index, role) in map.roles.iter().enumerate() {
        let Some(ring) = members.ring_of[index] else { continue };
        let team = members.team_of[index];
        let item = Item {
            role: Some(index),
            team,
            pin: role.angle.map(|deg| normalize(deg.to_radians())),
            text_width: measure(&role.name, options.label_size),
            wrap: wrap_label(&role.name, options, measure),
            angle: 0.0,
            target: None,
            tree: None,
            track: 0,
            hanging: 0,
        };
        let blocks = &mut rings[ring].blocks;
        match team {
            Some(team) => {
                let at = *team_block[ring].entry(team).or_insert_with(|| {
                    blocks.push(Block { team: Some(team), items: Vec::new() });
                    blocks.len() - 1
                });
                blocks[at].items.push(item);
            }
            None => blocks.push(Block { team: None, items: vec![item] }),
        }
    }
    for (index, team) in map.teams.iter().enumerate() {
        let Some(ring) = members.team_ring[index] else { continue };
        if !team_block[ring].contains_key(&index) {
            let item = Item {
                role: None,
                team: Some(index),
                pin: None,
                text_width: measure(&team.name, options.label_size),
                wrap: wrap_label(&team.name, options, measure),
                angle: 0.0,
                target: None,
                tree: None,
                track: 0,
                hanging: 0,
            };
            rings[ring].blocks.push(Block { team: Some(index), items: vec![item] });
        }
    }
    rings
}

/// Reorders one ring by where its roles' neighbours are, keeping teams together and pins in
/// their angular order.
pub fn reorder_ring(ring: &mut RingItems, graph: &RoleGraph, angles: &[f64]) {
    if ring.len() < 2 {
        return;
    }
    for item in ring.items_mut() {
        item.target = match (item.pin, item.role) {
            (Some(pin), _) => Some(pin),
            // The role's own angle counts as one neighbour: a damped move keeps the layout
            // stable when one role is added or removed, at almost no cost in crossings.
            (None, Some(role)) => circular_mean(
                graph
                    .neighbours(role)
                    .map(|n| angles[n])
                    .chain(std::iter::repeat_n(item.angle, DAMPING)),
            ),
            (None, None) => None,
        };
    }
    sort_by_targets(ring);
}

/// Orders a ring's blocks by where they want to be, and each block's items likewise, keeping
/// pins in their angular order (where the teams disagree with the pins, pins win: each role
/// becomes its own block).
fn sort_by_targets(ring: &mut RingItems) {
    let mut keyed: Vec<(f64, usize, Block)> = Vec::with_capacity(ring.blocks.len());
    for (position, mut block) in std::mem::take(&mut ring.blocks).into_iter().enumerate() {
        let key = block_target(&block);
        // Within a team, order by each role's target relative to the team's.
        block.items.sort_by(|a, b| {
            let ka = relative(a.target.unwrap_or(a.angle), key);
            let kb = relative(b.target.unwrap_or(b.angle), key);
            ka.partial_cmp(&kb).unwrap_or(Ordering::Equal)
        });
        keyed.push((key, position, block));
    }
    keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal).then(a.1.cmp(&b.1)));
    ring.blocks = keyed.into_iter().map(|(_, _, block)| block).collect();
    if !pins_in_cyclic_order(ring) {
        // Pins that disagree with the team order win: each role becomes its own block.
        let mut items: Vec<Item> = ring.blocks.drain(..).flat_map(|b| b.items).collect();
        items.sort_by(|a, b| {
            let ka = a.target.unwrap_or(a.angle);
            let kb = b.target.unwrap_or(b.angle);
            ka.partial_cmp(&kb).unwrap_or(Ordering::Equal)
        });
        ring.blocks =
            items.into_iter().map(|item| Block { team: item.team, items: vec![item] }).collect();
    }
}

/// Where a block wants to be: the mean of its pins, else of its roles' targets, else where it is.
fn block_target(block: &Block) -> f64 {
    let pins: Vec<f64> = block.items.iter().filter_map(|i| i.pin).collect();
    if !pins.is_empty() {
        return circular_mean(pins.iter().copied()).unwrap_or(pins[0]);
    }
    circular_mean(block.items.iter().filter_map(|i| i.target))
        .or_else(|| circular_mean(block.items.iter().map(|i| i.angle)))
        .unwrap_or(block.items.first().map_or(0.0, |i| i.angle))
}

/// True when the pinned items, read in ring order, go once around clockwise.
pub fn pins_in_cyclic_order(ring: &RingItems) -> bool {
    let pins: Vec<f64> = ring.items().filter_map(|i| i.pin).collect();
    let descents = (0..pins.len()).filter(|&i| pins[(i + 1) % pins.len()] < pins[i]).count();
    descents <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{approximate_width, label_lines};

    fn lines(text: &str) -> Vec<&str> {
        let wrap = wrap_label(text, &LayoutOptions::default(), &approximate_width);
        label_lines(text, wrap.at)
    }

    #[test]
    fn labels_break_where_the_lines_come_out_most_even_and_only_when_it_pays() {
        assert_eq!(
            lines("Community Circle Connector (Devon)"),
            ["Community Circle", "Connector (Devon)"]
        );
        assert_eq!(lines("Reporter/Recorder"), ["Reporter/", "Recorder"]);
        assert_eq!(lines("Co-production Partner"), ["Co-production", "Partner"]);
        // Narrower by less than the line it would add: one line.
        assert_eq!(lines("A Coordinator"), ["A Coordinator"]);
        assert_eq!(lines("Team Lead"), ["Team", "Lead"]);
        assert_eq!(lines("Coach"), ["Coach"]);
        assert_eq!(lines("Trailing/"), ["Trailing/"]);
    }

    /// A ring of roles with these (tree angle, placed angle) pairs, in degrees.
    fn ring_of(pairs: &[(f64, f64)]) -> RingItems {
        let items = pairs
            .iter()
            .map(|&(tree, angle)| Item {
                role: Some(0),
                team: None,
                pin: None,
                text_width: 10.0,
                wrap: Wrap { width: 10.0, at: None },
                angle: angle.to_radians(),
                target: None,
                tree: Some(tree.to_radians()),
                track: 0,
                hanging: 0,
            })
            .collect();
        RingItems { blocks: vec![Block { team: None, items }] }
    }

    fn targets(ring: &RingItems) -> Vec<f64> {
        ring.items().map(|i| i.target.unwrap_or(f64::NAN).to_degrees().round()).collect()
    }

    #[test]
    fn a_ring_follows_where_the_ring_inside_put_the_roles_around_it() {
        // The inner ring squeezed its roles at 0, 90, 180, 270 (tree) into 0, 60, 120, 180.
        let inner = ring_of(&[(0.0, 0.0), (90.0, 60.0), (180.0, 120.0), (270.0, 180.0)]);
        let mut ring = ring_of(&[(45.0, 0.0), (135.0, 0.0)]);
        follow_inner_ring(&inner, &mut ring, true);
        assert_eq!(targets(&ring), [30.0, 90.0], "halfway between their placed neighbours");
        // The sweeps turned the second and third round: 90 placed at 130, 180 at 50. Read in
        // the span from 130 clockwise to 50 (280 degrees), 135 would land at 270, across the
        // map; on an org chart it keeps its 45 degrees from the one before.
        let inner = ring_of(&[(0.0, 0.0), (90.0, 130.0), (180.0, 50.0), (270.0, 180.0)]);
        let mut ring = ring_of(&[(135.0, 0.0)]);
        follow_inner_ring(&inner, &mut ring, true);
        assert_eq!(targets(&ring), [175.0]);
        follow_inner_ring(&inner, &mut ring, false);
        assert_eq!(targets(&ring), [270.0]);
    }
}
