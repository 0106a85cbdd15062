//! Bundled links (hierarchical edge bundling, Holten 2006): each link drawn as a B-spline
//! through the points of the hierarchy between its two roles, so that links that go the
//! same way (from one team to another) are drawn together and the flows read as bundles.
//!
//! The hierarchy is the map's own: a ring's roles in their teams' sectors (a run of roles
//! outside any team is cut into arcs of at most a sixth of the ring, and where the block of
//! their managers on the ring inside changes), each a block, and
//! inside each block groups of neighbouring roles, a third of it at a time, down to a few.
//! Every group has a point, its hub, at the middle of its roles' angles: a block's on the
//! ring's inner edge, a smaller group's three quarters of the way from that edge to what it
//! holds. A link
//! within one block climbs from its role to the smallest group holding both ends and down
//! again; a link between blocks climbs to its block's hub, crosses straight to the other
//! block's hub (both taken three times, so that every link between the two blocks runs along
//! the same line there) and comes down.

use crate::layout::{Layout, Point, circular_mean, squared_distance_to_segment};
use crate::model::{Index, OrgMap};

/// How far a group's hub is from the ring's inner edge towards its roles (see `group`).
const GROUP_DEPTH: f64 = 0.75;

/// Groups of at most this many roles are not split again.
const LEAF_GROUP: usize = 3;

/// The widest arc of roles outside teams that is one block.
const TEAMLESS_ARC: f64 = std::f64::consts::TAU / 6.0;

/// Points sampled along each span of the curve between two control points.
const SAMPLES_PER_SPAN: usize = 6;

/// The control points of every link's route, computed once per layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bundles {
    /// One per link of the map, same order: from the `from` role's node to the `to` role's
    /// (empty for a link whose roles are missing or the same).
    routes: Vec<Vec<Point>>,
    /// The roles each route joins (to tell a route of the map it was made for).
    ends: Vec<Option<(usize, usize)>>,
    /// The block of every role (its team's sector on its ring, or its ring's run of roles
    /// outside teams), as an index into `hubs`; `None` for a role alone on its ring.
    block_of: Vec<Option<usize>>,
    /// Each block's hub: where the links between blocks meet.
    hubs: Vec<Point>,
}

/// A node of the hierarchy: a role (the first `roles.len()` nodes) or a group of them.
struct Node {
    parent: Option<usize>,
    point: Point,
}

impl Bundles {
    pub fn new(map: &OrgMap, layout: &Layout) -> Self {
        let index = map.index();
        let (tree, tops) = hierarchy(map, &index, layout);
        let block_at: std::collections::HashMap<usize, usize> =
            tops.iter().enumerate().map(|(block, &top)| (top, block)).collect();
        let block_of =
            (0..layout.roles.len()).map(|i| block_at.get(&top_of(&tree, i)).copied()).collect();
        let hubs = tops.iter().map(|&t| tree[t].point).collect();
        let n = layout.roles.len();
        let ends: Vec<Option<(usize, usize)>> = map
            .links
            .iter()
            .map(|link| match (index.role(&link.from), index.role(&link.to)) {
                (Some(a), Some(b)) if a != b && a < n && b < n => Some((a, b)),
                _ => None,
            })
            .collect();
        let routes =
            ends.iter().map(|e| e.map_or_else(Vec::new, |(a, b)| route(&tree, a, b))).collect();
        Bundles { routes, ends, block_of, hubs }
    }

    /// The block role `i` belongs to (see [`Bundles::hub`]).
    pub fn block_of(&self, i: usize) -> Option<usize> {
        self.block_of.get(i).copied().flatten()
    }

    /// How many blocks the map's rings are cut into.
    pub fn blocks(&self) -> usize {
        self.hubs.len()
    }

    /// Where block `b`'s links meet.
    pub fn hub(&self, b: usize) -> Point {
        self.hubs.get(b).copied().unwrap_or_default()
    }

    /// The control points of link `l`'s route (empty when it has none).
    pub fn route(&self, l: usize) -> &[Point] {
        self.routes.get(l).map_or(&[], Vec::as_slice)
    }

    /// Link `l`, joining roles `ends`, drawn with strength `beta` (0 straight, 1 through
    /// every hub), as a polyline from its first role's node to its second's that strays at
    /// most `tolerance` from the curve; `None` when the routes were made for a map in which
    /// link `l` joined other roles.
    pub fn curve(
        &self,
        l: usize,
        ends: (usize, usize),
        beta: f64,
        tolerance: f64,
    ) -> Option<Vec<Point>> {
        let fits = self.ends.get(l).copied().flatten() == Some(ends);
        fits.then(|| simplify(&curve(self.route(l), beta), tolerance))
    }
}

/// The hierarchy's nodes, one per role (its node), then the groups; and the top group of
/// each block.
fn hierarchy(map: &OrgMap, index: &Index, layout: &Layout) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> =
        layout.roles.iter().map(|r| Node { parent: None, point: r.pos }).collect();
    let mut tops = Vec::new();
    let managers = managers_inside(map, index, layout);
    // The block each role went into, as the rings are cut from the centre outward.
    let mut block: Vec<Option<usize>> = vec![None; layout.roles.len()];
    let manager_block = |block: &[Option<usize>], i: usize| managers[i].and_then(|m| block[m]);
    for (k, ring) in layout.rings.iter().enumerate() {
        let mut on_ring: Vec<(f64, usize)> = (0..layout.roles.len())
            .filter(|&i| layout.roles[i].ring == k)
            .map(|i| (layout.roles[i].angle, i))
            .collect();
        if on_ring.len() < 2 {
            continue;
        }
        on_ring.sort_by(|a, b| a.0.total_cmp(&b.0));
        let team = |i: usize| map.roles.get(i).and_then(|r| index.team(&r.team));
        // Start at a change of team, so that no block wraps past 12 o'clock.
        let n = on_ring.len();
        let start = (0..n).find(|&j| team(on_ring[j].1) != team(on_ring[(j + n - 1) % n].1));
        on_ring.rotate_left(start.unwrap_or(0));
        let roles: Vec<usize> = on_ring.iter().map(|&(_, i)| i).collect();
        let mut from = 0;
        while from < n {
            let mut to = from + 1;
            while to < n && team(roles[to]) == team(roles[from]) {
                to += 1;
            }
            // Roles outside teams have nothing in common but their ring: a run of them is cut
            // into arcs of at most a sixth of the ring, each a block with a hub of its own
            // (one hub for a whole ring would sit at an arbitrary angle), and where the block
            // their managers are in changes: on an org chart each block then holds the reports
            // of one block inside, and its band runs out from that block's, not across the
            // map to a hub a sixth of the ring away.
            let teamless = team(roles[from]).is_none();
            let mut start = from;
            for at in from..=to {
                let far = at < to
                    && teamless
                    && (crate::layout::clockwise(on_ring[start].0, on_ring[at].0) > TEAMLESS_ARC
                        || at > start
                            && manager_block(&block, roles[at])
                                != manager_block(&block, roles[at - 1]));
                if at == to || far {
                    tops.push(group(&mut nodes, &roles[start..at], hub_radius(ring), true));
                    for &i in &roles[start..at] {
                        block[i] = Some(tops.len() - 1);
                    }
                    start = at;
                }
            }
            from = to;
        }
    }
    (nodes, tops)
}

/// On an org chart (see [`crate::layout::is_org_chart`]), each role's manager
/// on the ring just inside its own: the role its first line of report (ReportsTo) on that
/// ring goes to. None on other maps: there a line of report is a link like any other, and
/// cutting the rings where they go would leave blocks of a role or two.
fn managers_inside(map: &OrgMap, index: &Index, layout: &Layout) -> Vec<Option<usize>> {
    let n = layout.roles.len();
    let mut manager = vec![None; n];
    if !crate::layout::is_org_chart(map) {
        return manager;
    }
    for link in map.links.iter().filter(|l| l.kind == crate::model::LinkKind::ReportsTo) {
        let (Some(a), Some(b)) = (index.role(&link.from), index.role(&link.to)) else { continue };
        if a >= n || b >= n {
            continue;
        }
        let (ra, rb) = (layout.roles[a].ring, layout.roles[b].ring);
        let (report, to) = match () {
            _ if ra == rb + 1 => (a, b),
            _ if rb == ra + 1 => (b, a),
            _ => continue,
        };
        manager[report].get_or_insert(to);
    }
    manager
}

/// The top of the hierarchy above node `at`.
fn top_of(nodes: &[Node], mut at: usize) -> usize {
    while let Some(p) = nodes[at].parent {
        at = p;
    }
    at
}

/// Makes a group of `members` (nodes of one ring, in order round it) and, when there are
/// more than [`LEAF_GROUP`], groups of each third of them under it; returns its node.
///
/// The block's hub (`top`) is on the ring's `edge`; each group below it three quarters of the
/// way from the edge to the mean distance of what it holds: on a crowded ring, whose roles are
/// staggered outward over many tracks, a role's link then joins its neighbours' where they
/// are, not in a long line of its own down to the edge (measured on a 10,000-role map: the
/// ink of bundled links 0.74x straight with every group on the edge, 0.68x halfway, 0.57x at
/// three quarters; all the way, 0.41x, but the big groups' curves loop out into the ring).
fn group(nodes: &mut Vec<Node>, members: &[usize], edge: f64, top: bool) -> usize {
    let id = nodes.len();
    nodes.push(Node { parent: None, point: Point::default() });
    let children: Vec<usize> = if members.len() <= LEAF_GROUP {
        members.to_vec()
    } else {
        let third = members.len().div_ceil(3);
        members
            .chunks(third)
            .map(|part| if part.len() == 1 { part[0] } else { group(nodes, part, edge, false) })
            .collect()
    };
    let points: Vec<Point> = children.iter().map(|&c| nodes[c].point).collect();
    for &c in &children {
        nodes[c].parent = Some(id);
    }
    let angle = circular_mean(points.iter().map(|&p| angle_of(p))).unwrap_or(0.0);
    let held = points.iter().map(|p| p.length()).sum::<f64>() / points.len().max(1) as f64;
    let radius = if top { edge } else { edge + (held - edge) * GROUP_DEPTH };
    nodes[id].point = Point::polar(radius, angle);
    id
}

/// Where a ring's hubs go: along its inner edge, in the strip kept for its names, clear of
/// its labels (which run outward from their nodes); in the centre disc, halfway in.
fn hub_radius(ring: &crate::layout::RingLayout) -> f64 {
    if ring.inner > 0.0 { ring.inner } else { ring.radius / 2.0 }
}

fn angle_of(p: Point) -> f64 {
    crate::layout::normalize(p.x.atan2(-p.y))
}

/// The points from role `a` to role `b` through the hierarchy: up from `a` to the smallest
/// group that holds both (or to the top of `a`'s block), down to `b`.
fn route(nodes: &[Node], a: usize, b: usize) -> Vec<Point> {
    let up = |mut at: usize| {
        let mut path = vec![at];
        while let Some(p) = nodes[at].parent {
            path.push(p);
            at = p;
        }
        path
    };
    let (mut from_a, mut from_b) = (up(a), up(b));
    // Drop the common ancestors but the lowest.
    let mut common = None;
    while from_a.len() > 1 && from_b.len() > 1 && from_a.last() == from_b.last() {
        common = from_a.pop();
        from_b.pop();
    }
    let tops = (from_a.last().copied(), from_b.last().copied());
    let mut path = from_a;
    if let Some(c) = common {
        path.push(c);
    }
    path.extend(from_b.into_iter().rev());
    // Between blocks, each block's hub is taken three times: the curve then passes through
    // both hubs and runs straight from one to the other, so that all the links between two
    // blocks are drawn as one line there (where the overview draws their band).
    if common.is_none() {
        let mut tripled = Vec::with_capacity(path.len() + 4);
        for n in path {
            let times = if Some(n) == tops.0 || Some(n) == tops.1 { 3 } else { 1 };
            tripled.extend(std::iter::repeat_n(n, times));
        }
        path = tripled;
    }
    path.into_iter().map(|n| nodes[n].point).collect()
}

/// The route straightened by `beta` (each control point moved towards the straight line
/// between the ends), drawn as a clamped uniform cubic B-spline: it starts and ends at the
/// ends and is pulled towards the points between.
pub fn curve(control: &[Point], beta: f64) -> Vec<Point> {
    let n = control.len();
    if n < 2 {
        return control.to_vec();
    }
    let (first, last) = (control[0], control[n - 1]);
    if n == 2 || beta <= 0.0 {
        return vec![first, last];
    }
    let beta = beta.min(1.0);
    let points: Vec<Point> = control
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let along = first.plus(last.minus(first).scale(i as f64 / (n - 1) as f64));
            p.scale(beta).plus(along.scale(1.0 - beta))
        })
        .collect();
    let degree = 3.min(n - 1);
    // Clamped knots: the curve starts at the first control point and ends at the last.
    let spans = n - degree;
    let knot = |i: usize| -> f64 { (i.saturating_sub(degree)).min(spans) as f64 };
    let mut out = Vec::with_capacity(spans * SAMPLES_PER_SPAN + 1);
    for s in 0..spans {
        for j in 0..SAMPLES_PER_SPAN {
            let u = s as f64 + j as f64 / SAMPLES_PER_SPAN as f64;
            out.push(de_boor(&points, degree, &knot, s + degree, u));
        }
    }
    out.push(last);
    out
}

/// The polyline with the points that keep it within `tolerance` of itself (Douglas-Peucker):
/// straight runs and gentle bends take a few points instead of dozens, which is what painting
/// a frame costs.
fn simplify(points: &[Point], tolerance: f64) -> Vec<Point> {
    let n = points.len();
    if n <= 2 {
        return points.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    let tolerance_sq = tolerance * tolerance;
    while let Some((a, b)) = stack.pop() {
        let far = (a + 1..b)
            .map(|i| (i, squared_distance_to_segment(points[i], points[a], points[b])))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, d)) = far
            && d > tolerance_sq
        {
            keep[i] = true;
            stack.push((a, i));
            stack.push((i, b));
        }
    }
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

/// The point of the B-spline at `u`, in the span of knots `span` (de Boor's algorithm).
fn de_boor(
    points: &[Point],
    degree: usize,
    knot: &dyn Fn(usize) -> f64,
    span: usize,
    u: f64,
) -> Point {
    // At most cubic: the working points fit in an array (a Vec here was an allocation for
    // every point of every curve).
    let mut d = [Point::default(); 4];
    for (j, p) in d.iter_mut().enumerate().take(degree + 1) {
        *p = points[j + span - degree];
    }
    for r in 1..=degree {
        for j in (r..=degree).rev() {
            let i = j + span - degree;
            let (lo, hi) = (knot(i), knot(i + 1 + degree - r));
            let alpha = if hi > lo { (u - lo) / (hi - lo) } else { 0.0 };
            d[j] = d[j - 1].scale(1.0 - alpha).plus(d[j].scale(alpha));
        }
    }
    d[degree]
}
