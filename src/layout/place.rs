//! Angles and radii: every footprint clear of its neighbours, pins kept, rings as tight as
//! their labels allow.

use std::collections::BTreeMap;
use std::f64::consts::{PI, TAU};

use super::geometry::{Point, Rect, TextBox, circular_mean, clockwise, normalize, relative};
use super::metrics::{
    Segment, count_crossings_marked, count_label_overlaps, count_labels_over_nodes,
};
use super::names::{self, Arc, CENTRE_NAME_PLACES, Names, Placed, RING_NAME_PLACES};
use super::order::{Item, RingItems};
use super::{LabelPlacement, Layout, LayoutOptions, RingLayout, RoleLayout, TeamLayout, outward};
use crate::model::OrgMap;

/// Most staggered tracks on one ring: beyond this a ring is better made larger.
const MAX_TRACKS: usize = 12;

/// Steps from none of a ring's name strip kept free all the way round to all of it.
const NAME_ROOM_STEPS: usize = 4;

/// Growth steps tried before a ring that cannot fit (pins too close together) is accepted.
const MAX_GROWTH_STEPS: usize = 40;

/// The placement being built: angles of roles, radii and label modes of rings.
#[derive(Clone)]
pub struct State<'a> {
    options: &'a LayoutOptions,
    /// Current angle of every role, radians.
    pub angles: Vec<f64>,
    /// Radius each ring's roles sit on.
    radii: Vec<f64>,
    /// Labels along the radius, per ring.
    radial: Vec<bool>,
    /// Staggered tracks of a radial ring (1 for all others), and the radial step between them.
    tracks: Vec<usize>,
    track_step: Vec<f64>,
    /// Outer edge of each ring's footprints, as last placed.
    outer: Vec<f64>,
    /// Width of the centre ring's name, which runs along the centre disc's edge.
    pub centre_name_width: f64,
    /// Widths of each ring's and each team's name, as drawn.
    pub ring_name_widths: Vec<f64>,
    pub team_name_widths: Vec<f64>,
    /// How much of its name strip each ring keeps free of roles all the way round: none
    /// while its names find room where its roles leave it, the whole strip at worst.
    strip_kept: Vec<f64>,
    /// Where each ring's names go.
    names: Vec<Placed>,
    /// How far roles go from even spacing towards their targets (see [`PULL`]).
    pub pull: f64,
    /// The least radius of each ring, raised where a crowded ring would otherwise draw its
    /// lines of report across each other (see `layout::untangle_rings`).
    pub min_radius: Vec<f64>,
    /// The most staggered tracks each ring may take: fewer where a ring's lines of report
    /// would cross on more (see `layout::untangle_rings`).
    pub max_tracks: Vec<usize>,
    /// Rings whose labels go along the radius even where horizontal ones would have room:
    /// set where horizontal labels would draw a ring's lines of report across each other
    /// (see `layout::untangle_rings`).
    pub along_radius: Vec<bool>,
    /// Whether the map is an org chart, mostly lines of report (see `layout::compute`).
    pub org_chart: bool,
    /// Whether a single role at the centre has its node on the very middle, its label under
    /// it, rather than node and label centred together (see `fit_ring`).
    centre_on_middle: bool,
}

/// Largest angle a ring's name may take along its circle: longer, it curls out of reading.
pub const MAX_NAME_ARC: f64 = 0.6 * PI;

impl<'a> State<'a> {
    pub fn new(map: &OrgMap, options: &'a LayoutOptions, rings: &[RingItems]) -> Self {
        State {
            options,
            angles: vec![0.0; map.roles.len()],
            radii: vec![0.0; rings.len()],
            radial: vec![false; rings.len()],
            tracks: vec![1; rings.len()],
            track_step: vec![0.0; rings.len()],
            outer: vec![0.0; rings.len()],
            centre_name_width: 0.0,
            ring_name_widths: vec![0.0; rings.len()],
            team_name_widths: vec![0.0; map.teams.len()],
            strip_kept: vec![0.0; rings.len()],
            names: vec![Placed::default(); rings.len()],
            pull: PULL,
            min_radius: vec![0.0; rings.len()],
            max_tracks: vec![MAX_TRACKS; rings.len()],
            along_radius: vec![false; rings.len()],
            org_chart: false,
            centre_on_middle: false,
        }
    }

    /// The smallest radius at which ring `k`'s footprints clear ring `k - 1`'s, with as much
    /// of the ring's name strip as it keeps free all the way round (at least a gap: nodes do
    /// not sit on the band's edge).
    fn stacking_floor(&self, k: usize) -> f64 {
        match k {
            0 => 0.0,
            _ => self.band_inner(k) + self.strip_kept[k].max(self.options.gap),
        }
    }

    /// The inner edge of ring `k`'s band (`k` > 0), where its name strip starts: just clear
    /// of the ring inside it (the centre disc's own strip, along its edge, included).
    fn band_inner(&self, k: usize) -> f64 {
        let centre_strip = if k == 1 { self.options.name_strip() } else { 0.0 };
        self.outer[k - 1] + self.options.gap + centre_strip
    }

    /// Places every ring from the centre outward, each searching for room for its names
    /// from none of its strip kept up (see `fit_ring`).
    pub fn place_all(&mut self, rings: &mut [RingItems]) {
        for k in 0..rings.len() {
            self.strip_kept[k] = 0.0;
            self.fit_ring_of(rings, k);
        }
    }

    /// The first placement: every ring from the centre outward, each ring's roles first moved
    /// to follow where the ring inside put the roles they hang from (see
    /// [`super::order::follow_inner_ring`]).
    pub fn place_all_following(&mut self, rings: &mut [RingItems]) {
        self.place_following_from(rings, 0);
    }

    /// Places ring `from` and every ring outside it as [`Self::place_all_following`] does.
    pub fn place_following_from(&mut self, rings: &mut [RingItems], from: usize) {
        for k in from..rings.len() {
            if let Some(inner) = (0..k).rev().find(|&j| rings[j].len() > 0) {
                let (inside, outside) = rings.split_at_mut(k);
                super::order::follow_inner_ring(&inside[inner], &mut outside[0], self.org_chart);
            }
            self.strip_kept[k] = 0.0;
            self.fit_ring_of(rings, k);
        }
    }

    /// How many staggered tracks ring `k` is on now.
    pub fn tracks(&self, k: usize) -> usize {
        self.tracks[k]
    }

    /// Whether ring `k`'s labels are set along the radius now.
    pub fn radial(&self, k: usize) -> bool {
        self.radial[k]
    }

    /// How far from the centre the outermost ring reaches now.
    pub fn outer_radius(&self) -> f64 {
        self.outer.iter().copied().fold(0.0, f64::max)
    }

    /// The radius ring `k`'s roles sit on now.
    pub fn radius(&self, k: usize) -> f64 {
        self.radii[k]
    }

    /// Re-places ring `k` after a reorder, and the rings outside it if it grew.
    pub fn place_ring(&mut self, rings: &mut [RingItems], k: usize) {
        let before = self.outer[k];
        self.fit_ring_of(rings, k);
        if self.outer[k] > before {
            for j in k + 1..rings.len() {
                self.fit_ring_of(rings, j);
            }
        }
    }

    /// Fits ring `k` of `rings`. A single role at the centre whose ring around it is so
    /// crowded that it is staggered over tracks then has its node put on the very middle:
    /// centred with its label, the node sits a line above the middle, and its lines to the
    /// ring's outer tracks lean across the nodes of the inner ones (a fifth of a degree at
    /// 1,400 px, more than the ring's roles are apart) and cross their lines outward (197 of
    /// a 10,000-role tree's 257 crossings). From the middle, they run along the radius.
    fn fit_ring_of(&mut self, rings: &mut [RingItems], k: usize) {
        self.fit_ring(&mut rings[k], k);
        if k == 1 && self.tracks[1] > 1 && rings[0].len() == 1 && !self.centre_on_middle {
            self.centre_on_middle = true;
            self.fit_ring(&mut rings[0], 0);
            self.fit_ring(&mut rings[1], 1);
        }
    }

    fn fit_ring(&mut self, ring: &mut RingItems, k: usize) {
        let strip = self.options.name_strip();
        if k == 0 {
            self.fit_roles(ring, k);
            // The disc is wide enough for its name along its edge to stay readable.
            let name_radius = self.centre_name_width / MAX_NAME_ARC;
            self.outer[0] = self.outer[0].max(name_radius - self.options.gap - strip / 2.0);
            // Its strip, outside its roles, is free all the way round.
            self.names[0] = self.place_names(ring, 0, true).unwrap_or_default();
            return;
        }
        // The ring comes as close to the one inside as its names allow: with none of its
        // strip kept free all the way round, or more, up to all of it. Between sweeps the
        // search starts a step below where the ring's last fit ended (the sweeps fit every
        // ring many times, and its names' needs change little between them).
        let last_step = (self.strip_kept[k] / strip * NAME_ROOM_STEPS as f64).round() as usize;
        for step in last_step.saturating_sub(1)..=NAME_ROOM_STEPS {
            self.strip_kept[k] = strip * step as f64 / NAME_ROOM_STEPS as f64;
            self.fit_roles(ring, k);
            // Keeping the whole strip (labels along the radius always do), names are only
            // ever short of room for each other: those that find none are left out.
            let last = self.strip_kept[k] >= strip;
            if let Some(placed) = self.place_names(ring, k, last) {
                self.names[k] = placed;
                return;
            }
        }
    }

    /// Where ring `k`'s name strip starts: outside the centre disc's roles for the disc (its
    /// strip runs along its edge), at the band's inner edge for the others.
    fn strip_inner(&self, k: usize) -> f64 {
        if k == 0 { self.outer[0] + self.options.gap } else { self.band_inner(k) }
    }

    /// The middle of ring `k`'s name strip, the circle its names are set along.
    fn name_radius(&self, k: usize) -> f64 {
        self.strip_inner(k) + self.options.name_strip() / 2.0
    }

    /// Where ring `k`'s name and its teams' names go in its strip, clear of its roles as they
    /// are placed now; `None` if one finds no room (with `leave_out`, it is left out instead).
    fn place_names(&self, ring: &RingItems, k: usize, leave_out: bool) -> Option<Placed> {
        let o = self.options;
        let inner = self.strip_inner(k);
        let radius = self.name_radius(k);
        let shapes = ring.items().map(|item| self.role_shapes(item, k));
        let blocked = names::arcs_covered(shapes, o.node_radius, inner, inner + o.name_strip());
        let teams = sectors(ring)
            .into_iter()
            .map(|(team, start, end)| {
                let sector = Arc { start, width: end - start };
                (team, sector, self.team_name_widths[team] / radius)
            })
            .collect();
        let places = if k == 0 { CENTRE_NAME_PLACES } else { RING_NAME_PLACES };
        // A quarter of a line height on either side of a name: half a line between two.
        let gap = o.line_height() / 4.0 / radius;
        let ring_avoids = match (k, self.names[0].ring) {
            (1, Some(at)) => vec![Arc::around(at, self.ring_name_widths[0] / self.name_radius(0))],
            _ => Vec::new(),
        };
        let ring = self.ring_name_widths[k] / radius;
        let names = Names { ring, places, gap, ring_avoids, teams };
        names::place(&names, &blocked, leave_out)
    }

    /// Places ring `k`'s roles: angles, radius and label mode.
    fn fit_roles(&mut self, ring: &mut RingItems, k: usize) {
        let floor = self.stacking_floor(k);
        let n = ring.len();
        if n == 0 {
            self.radii[k] = floor + self.options.line_height();
            self.outer[k] = floor + 2.0 * self.options.line_height();
            return;
        }
        if k == 0 && n == 1 {
            // A single role at the centre sits in the middle of the disc.
            let item = &mut ring.blocks[0].items[0];
            item.angle = item.pin.unwrap_or(0.0);
            self.radii[k] = 0.0;
            self.radial[k] = false;
            self.tracks[k] = 1;
            self.sync_angles(ring);
            self.outer[k] = self.ring_span(ring, k).1;
            return;
        }
        if ring.items().all(|i| i.angle == 0.0 && i.pin.is_none()) {
            spread_evenly(ring);
        }
        let reach = self.horizontal_reach(ring, k);
        let ((radial, tracks), along_radius) = self.label_mode(ring, k, floor, reach);
        let room = self.fit_in_mode(ring, k, (floor, reach), radial, tracks);
        // Horizontal labels were thought to have room, but the ring had to grow past it (long
        // labels at 12 and 6 o'clock need more than the average footprint): where labels along
        // the radius would end nearer the centre, they go along it. A ring of an org chart
        // made larger to untangle its lines of report would otherwise push the next ring's
        // labels out of their tracks into one wide horizontal ring, a third larger.
        if !radial && k > 0 && !room {
            let (tracks, radial_outer) = along_radius;
            if radial_outer < self.outer[k] {
                self.fit_in_mode(ring, k, (floor, reach), true, tracks);
            }
        }
    }

    /// Places ring `k`'s roles with their labels set as given, from `floor` out; whether
    /// the ring had room there (did not grow past `reach`, a horizontal footprint's, beyond
    /// `floor`).
    fn fit_in_mode(
        &mut self,
        ring: &mut RingItems,
        k: usize,
        (floor, reach): (f64, f64),
        radial: bool,
        tracks: usize,
    ) -> bool {
        // Labels along the radius fill the ring to its inner edge at every angle, leaving no
        // room between them for names: such a ring keeps its whole strip free.
        let floor = if radial && k > 0 {
            self.strip_kept[k] = self.options.name_strip();
            self.stacking_floor(k)
        } else {
            floor
        };
        self.radial[k] = radial;
        self.tracks[k] = tracks;
        self.track_step[k] = self.track_step_of(ring);
        // The radius grows until every neighbour is clear; then the ring moves out until its
        // inner edge clears the ring inside it.
        let mut radius = floor
            .max(self.crowd_radius(ring, k))
            .max(self.options.node_radius * 2.0)
            .max(self.min_radius[k]);
        let mut verified = false;
        for _ in 0..MAX_GROWTH_STEPS {
            let fit = self.assign_angles(ring, k, radius, false);
            let fit = match fit {
                Fit::Fits => self.assign_angles(ring, k, radius, false),
                other => other,
            };
            match fit {
                Fit::Fits => {
                    self.radii[k] = radius;
                    self.sync_angles(ring);
                    let (near, _) = self.ring_span(ring, k);
                    if near < floor - 1e-6 {
                        radius += floor - near + 1e-3;
                    } else if self.ring_is_clear(ring, k) {
                        verified = true;
                        break;
                    } else {
                        // Neighbours are clear but a long label reaches past its neighbour
                        // to another role (small rings with wide labels): a little more room.
                        radius *= 1.05;
                    }
                }
                Fit::Grow(scale) => radius *= scale.clamp(1.01, 4.0),
                Fit::Impossible => break,
            }
        }
        self.radii[k] = radius;
        // Angles checked clear are kept as they are: assigning again from them would move
        // them (each pass measures footprints at the angles of the last one).
        if !verified && !matches!(self.assign_angles(ring, k, radius, false), Fit::Fits) {
            self.assign_angles(ring, k, radius, true);
        }
        self.sync_angles(ring);
        self.outer[k] = self.ring_span(ring, k).1;
        radial || radius <= floor.max(self.min_radius[k]) + reach + 1e-6
    }

    /// How far a horizontal footprint of the ring reaches from its centre at most: its half
    /// diagonal.
    fn horizontal_reach(&self, ring: &RingItems, k: usize) -> f64 {
        ring.items()
            .map(|item| {
                let (hx, hy) = self.tangential_half(item, k);
                hx.hypot(hy)
            })
            .fold(0.0, f64::max)
    }

    fn sync_angles(&mut self, ring: &RingItems) {
        for item in ring.items() {
            if let Some(role) = item.role {
                self.angles[role] = item.angle;
            }
        }
    }

    /// Horizontal labels where there is room; on a crowded ring, labels along the radius, in as
    /// many staggered tracks as make the ring smallest: ((radial, tracks), and the tracks and
    /// outer edge labels along the radius would take). `reach`: how far a horizontal
    /// footprint reaches from its centre (see `horizontal_reach`).
    fn label_mode(
        &self,
        ring: &RingItems,
        k: usize,
        floor: f64,
        reach: f64,
    ) -> ((bool, usize), (usize, f64)) {
        let o = self.options;
        let widest = ring.items().map(|i| i.text_width).fold(0.0, f64::max);
        let n = ring.len() as f64;
        let tangential_radius = self.horizontal_radius(ring, k);
        let tangential_outer = tangential_radius + reach;
        let per_role = 2.0 * self.radial_half() + o.gap;
        let step = self.track_step_of(ring);
        let radial_outer = |tracks: usize| {
            let radius = (n * per_role / (TAU * tracks as f64)).max(floor);
            radius + (tracks - 1) as f64 * step + o.node_radius + 2.0 + widest
        };
        let best = (1..=self.max_tracks[k])
            .min_by(|&a, &b| radial_outer(a).total_cmp(&radial_outer(b)))
            .unwrap_or(1);
        let along_radius = (best, radial_outer(best));
        if self.along_radius[k] {
            return ((true, best), along_radius);
        }
        if tangential_radius <= floor + reach {
            return ((false, 1), along_radius); // there is room: horizontal labels read best
        }
        let mode = if radial_outer(best) < tangential_outer { (true, best) } else { (false, 1) };
        (mode, along_radius)
    }

    /// The radius a ring of horizontal labels needs side by side, before any angle is known:
    /// where footprints need less room (at 3 and 9 o'clock, stacked one above the other)
    /// more of them sit, so the ring holds `n / integral(dθ / need(θ))`, `need` being the
    /// chord between two average footprints clear of each other at angle θ.
    fn horizontal_radius(&self, ring: &RingItems, k: usize) -> f64 {
        let n = ring.len() as f64;
        let (sum_x, sum_y) = ring.items().fold((0.0, 0.0), |(x, y), item| {
            let (hx, hy) = self.tangential_half(item, k);
            (x + hx, y + hy)
        });
        let across = 2.0 * sum_x / n + self.options.gap;
        let down = 2.0 * sum_y / n + self.options.gap;
        // The quarter circle, sampled at the middle of equal steps (the need is symmetric).
        const STEPS: usize = 32;
        let step = PI / 2.0 / STEPS as f64;
        let per_radian: f64 = (0..STEPS)
            .map(|i| {
                let (sin, cos) = ((i as f64 + 0.5) * step).sin_cos();
                1.0 / (across / cos).min(down / sin)
            })
            .sum::<f64>()
            * step
            * 4.0;
        n / per_radian
    }

    /// Radial distance between two tracks: one whole footprint, node to end of label.
    fn track_step_of(&self, ring: &RingItems) -> f64 {
        let o = self.options;
        let widest = ring.items().map(|i| i.text_width).fold(0.0, f64::max);
        2.0 * o.node_radius + 2.0 + widest + o.gap
    }

    /// A first guess of the radius the ring's footprints need side by side: the chords
    /// between neighbours at their current angles, laid end to end.
    fn crowd_radius(&self, ring: &RingItems, k: usize) -> f64 {
        let items: Vec<&Item> = ring.items().collect();
        let n = items.len();
        let total: f64 = (0..n)
            .map(|i| {
                let (a, b) = (items[i], items[(i + 1) % n]);
                let mid = a.angle + clockwise(a.angle, b.angle) / 2.0;
                self.chord(a, b, k, mid, 0.0)
            })
            .sum();
        total / TAU / self.tracks[k] as f64
    }

    /// Half of a horizontal footprint on ring `k`, the node with its label under or beside
    /// it: (x, y).
    fn tangential_half(&self, item: &Item, k: usize) -> (f64, f64) {
        let o = self.options;
        let text_height = item.wrap.lines() as f64 * o.line_height();
        if beside(k) {
            let hx = (2.0 * o.node_radius + 2.0 + item.wrap.width) / 2.0;
            (hx, (text_height / 2.0).max(o.node_radius))
        } else {
            let hy = (2.0 * o.node_radius + 2.0 + text_height) / 2.0;
            ((item.wrap.width / 2.0).max(o.node_radius), hy)
        }
    }

    /// Where a node sits from its footprint's centre, at one end of the footprint: at the top
    /// when its label is under it, on the side of the map's middle when its label is beside
    /// it (so the label reads outward); on the centre for labels along the radius.
    fn node_offset(&self, item: &Item, k: usize) -> Point {
        if self.radial[k] || (k == 0 && self.centre_on_middle) {
            return Point::default();
        }
        let (hx, hy) = self.tangential_half(item, k);
        let r = self.options.node_radius;
        if beside(k) {
            Point::new(-outward(item.angle) * (hx - r), 0.0)
        } else {
            Point::new(0.0, r - hy)
        }
    }

    /// Half the width across the radius of a footprint set along the radius.
    fn radial_half(&self) -> f64 {
        self.options.node_radius.max(self.options.line_height() / 2.0)
    }

    /// The shortest chord between neighbours `a` and `b` (clockwise) on ring `k` that keeps
    /// their footprints `extra` more than a gap apart, the chord being parallel to the tangent
    /// at `mid`.
    fn chord(&self, a: &Item, b: &Item, k: usize, mid: f64, extra: f64) -> f64 {
        let o = self.options;
        let clear = o.gap + extra;
        if self.radial[k] {
            return 2.0 * self.radial_half() + clear;
        }
        // Both footprints are upright boxes centred on the circle, so the chord joins their
        // centres: they are clear when they are apart across (x) or apart up and down (y),
        // whichever comes first along the chord.
        let (cos, sin) = (mid.cos().abs(), mid.sin().abs());
        let (half_a, half_b) = (self.tangential_half(a, k), self.tangential_half(b, k));
        let across = half_a.0 + half_b.0 + clear;
        let down = half_a.1 + half_b.1 + clear;
        let by_x = if cos > 1e-9 { across / cos } else { f64::INFINITY };
        let by_y = if sin > 1e-9 { down / sin } else { f64::INFINITY };
        by_x.min(by_y)
    }

    /// The smallest angle between two neighbours on ring `k` at `radius`, or `None` if no
    /// angle separates them at this radius.
    fn separation(
        &self,
        a: &Item,
        b: &Item,
        k: usize,
        radius: f64,
        teams_differ: bool,
    ) -> Option<f64> {
        let mid = a.angle + clockwise(a.angle, b.angle) / 2.0;
        let extra = if teams_differ { 2.0 * self.options.gap } else { 0.0 };
        let needed = self.chord(a, b, k, mid, extra);
        if self.radial[k] {
            // Both footprints run outward along their radii, which part from each other:
            // the nodes (at the inner end) are where the two come closest.
            (needed <= radius).then(|| (needed / radius).asin())
        } else {
            (needed <= 2.0 * radius).then(|| 2.0 * (needed / (2.0 * radius)).asin())
        }
    }

    /// How many places apart two roles on each track of ring `k` must be at least, its
    /// innermost track at `radius`, for the gaps between neighbours on different tracks (a
    /// share of the whole gap, see `assign_angles`) to keep them a whole gap apart. An outer
    /// track is longer: the same gap is a smaller angle there, and its roles may come back
    /// more often (on six tracks at 1,214 px, the outermost at 2,144 px: every fourth place
    /// rather than every sixth).
    fn track_spans(&self, k: usize, radius: f64, tracks: usize) -> Vec<usize> {
        let needed = 2.0 * self.radial_half() + self.options.gap;
        let angle = |r: f64| (needed <= r).then(|| (needed / r).asin());
        let Some(inner) = angle(radius) else { return vec![tracks; tracks] };
        (0..tracks)
            .map(|t| {
                let on_track = angle(radius + t as f64 * self.track_step[k]).unwrap_or(inner);
                ((tracks as f64 * on_track / inner - 1e-9).ceil() as usize).clamp(1, tracks)
            })
            .collect()
    }

    /// Gives every item of the ring an angle at `radius`. With `force`, segments that do not
    /// fit are squeezed (used only when pins make a fit impossible).
    fn assign_angles(&self, ring: &mut RingItems, k: usize, radius: f64, force: bool) -> Fit {
        let flat: Vec<(Item, bool)> = ring
            .blocks
            .iter()
            .flat_map(|b| b.items.iter().map(move |i| (i.clone(), b.team.is_some())))
            .collect();
        let n = flat.len();
        if n == 1 {
            let item = &mut ring.blocks[0].items[0];
            item.angle = item.pin.or(item.target).unwrap_or(item.angle);
            return Fit::Fits;
        }
        let tracks = self.tracks[k];
        let hanging: Vec<usize> = flat.iter().map(|(item, _)| item.hanging).collect();
        let track_of = assign_tracks(&hanging, &self.track_spans(k, radius, tracks));
        // gaps[i]: smallest angle from item i to item i + 1.
        let mut gaps = Vec::with_capacity(n);
        for i in 0..n {
            let (a, a_team) = &flat[i];
            let (b, b_team) = &flat[(i + 1) % n];
            let teams_differ = a.team != b.team && (*a_team || *b_team);
            // Neighbours on different tracks may come closer than a whole gap: their labels
            // lie at different distances from the centre. A share of it is kept, so that
            // teams' sectors and the ring's rhythm stay even.
            let share = if track_of[i] != track_of[(i + 1) % n] { tracks as f64 } else { 1.0 };
            match self.separation(a, b, k, radius, teams_differ) {
                Some(gap) => gaps.push(gap / share),
                None if force => gaps.push(0.0),
                None => return Fit::Grow(2.0),
            }
        }
        // Two roles of one track, with only roles of other tracks between them, need a whole
        // gap between them, shared by the gaps they span.
        if tracks > 1 {
            for (i, j, span) in same_track_spans(&track_of) {
                let on_track = radius + track_of[i] as f64 * self.track_step[k];
                let need = match self.separation(&flat[i].0, &flat[j].0, k, on_track, false) {
                    Some(gap) => gap,
                    None if force => 0.0,
                    None => return Fit::Grow(2.0),
                };
                for step in 0..span {
                    let g = &mut gaps[(i + step) % n];
                    *g = g.max(need / span as f64);
                }
            }
        }
        let anchors: Vec<usize> = (0..n).filter(|&i| flat[i].0.pin.is_some()).collect();
        let mut angles = vec![0.0; n];
        let mut worst: f64 = 1.0;
        if anchors.is_empty() {
            let total: f64 = gaps.iter().sum();
            if total > TAU && !force {
                return Fit::Grow(total / TAU * 1.01);
            }
            let step =
                |i: usize| gaps[i] * (TAU / total.max(TAU)) + (TAU - total).max(0.0) / n as f64;
            let mut offsets = vec![0.0; n];
            for i in 1..n {
                offsets[i] = offsets[i - 1] + step(i - 1);
            }
            // The best rotation: as close as possible to where the items want to be.
            let targets: Vec<Option<f64>> = flat.iter().map(|(item, _)| item.target).collect();
            let rotation = rotation_toward(&offsets, &targets)
                .or_else(|| circular_mean((0..n).map(|i| flat[i].0.angle - offsets[i])))
                .unwrap_or(0.0);
            let even: Vec<f64> = offsets.iter().map(|o| rotation + o).collect();
            let least: Vec<f64> = gaps.iter().map(|g| g * TAU / total.max(TAU)).collect();
            // Which turn each target is read at: the nearest to its even angle. On an org
            // chart, whose roles go all the way to their targets, also the nearest to its
            // angle with the ring's roles side by side, their room shared by none: spread
            // evenly, the last of forty reports bunched on one arc of an emptier ring would
            // have its even angle half a circle from its manager's, be read a turn away, and
            // be placed before the first (a 195-person chart drew 28 crossings of that line).
            // Of the two readings, the one whose fit ends nearer the targets.
            let mut fitted = nearest_targets(&even, &even, &least, &targets, self.pull);
            if self.org_chart {
                let reading = side_by_side(&targets, &least);
                let other = nearest_targets(&even, &reading, &least, &targets, self.pull);
                if distance_to_targets(&other, &targets) < distance_to_targets(&fitted, &targets) {
                    fitted = other;
                }
            }
            for (angle, near) in angles.iter_mut().zip(fitted) {
                *angle = normalize(near);
            }
        } else {
            for (at, &a) in anchors.iter().enumerate() {
                let b = anchors[(at + 1) % anchors.len()];
                let start = flat[a].0.pin.unwrap_or(0.0);
                let available = if anchors.len() == 1 {
                    TAU
                } else {
                    clockwise(start, flat[b].0.pin.unwrap_or(0.0))
                };
                let count = if b > a { b - a } else { b + n - a };
                let needed: f64 = (0..count).map(|j| gaps[(a + j) % n]).sum();
                if needed > available + 1e-12 {
                    if available <= 1e-9 {
                        if !force {
                            return Fit::Impossible;
                        }
                    } else {
                        worst = worst.max(needed / available);
                    }
                    if !force {
                        continue;
                    }
                }
                let squeeze =
                    if needed > available && needed > 0.0 { available / needed } else { 1.0 };
                let slack = (available - needed * squeeze).max(0.0) / count as f64;
                let mut angle = start;
                angles[a] = start;
                for j in 1..count {
                    angle += gaps[(a + j - 1) % n] * squeeze + slack;
                    angles[(a + j) % n] = normalize(angle);
                }
            }
            if worst > 1.0 && !force {
                return Fit::Grow(worst * 1.01);
            }
        }
        for ((item, angle), track) in ring.items_mut().zip(angles).zip(track_of) {
            item.angle = item.pin.unwrap_or(angle);
            item.track = track;
        }
        Fit::Fits
    }

    /// The node and label of an item placed on ring `k`.
    fn role_shapes(&self, item: &Item, k: usize) -> (Point, TextBox) {
        let o = self.options;
        let radius = self.radii[k] + item.track as f64 * self.track_step[k];
        let pos = Point::polar(radius, item.angle).plus(self.node_offset(item, k));
        let label = if self.radial[k] {
            let along = radius + o.node_radius + 2.0 + item.text_width / 2.0;
            // Text reads outward on the right half and is turned over on the left half.
            let rotation =
                if item.angle <= PI { item.angle - PI / 2.0 } else { item.angle + PI / 2.0 };
            TextBox {
                center: Point::polar(along, item.angle),
                half_width: item.text_width / 2.0,
                half_height: o.line_height() / 2.0,
                rotation: normalize(rotation),
            }
        } else {
            let half_height = item.wrap.lines() as f64 * o.line_height() / 2.0;
            let beyond_node = o.node_radius + 2.0;
            let from_node = if beside(k) {
                Point::new(outward(item.angle) * (beyond_node + item.wrap.width / 2.0), 0.0)
            } else {
                Point::new(0.0, beyond_node + half_height)
            };
            TextBox {
                center: pos.plus(from_node),
                half_width: item.wrap.width / 2.0,
                half_height,
                rotation: 0.0,
            }
        };
        (pos, label)
    }

    /// How many pairs of `edges` (role indices) cross, drawn straight between the nodes as
    /// placed now, counted by the same code as the metrics; `None` if counting them means
    /// testing more than `budget` pairs.
    pub fn crossings(
        &self,
        rings: &[RingItems],
        edges: &[(usize, usize)],
        budget: usize,
    ) -> Option<usize> {
        self.crossings_marked(rings, edges, &[], budget).map(|(_, all)| all)
    }

    /// The crossings of `edges` as placed, and in the same pass those between two edges both
    /// `marked`: (among the marked, all).
    pub fn crossings_marked(
        &self,
        rings: &[RingItems],
        edges: &[(usize, usize)],
        marked: &[bool],
        budget: usize,
    ) -> Option<(usize, usize)> {
        let mut nodes = vec![Point::default(); self.angles.len()];
        for (k, ring) in rings.iter().enumerate() {
            for item in ring.items() {
                if let Some(role) = item.role {
                    nodes[role] = self.role_shapes(item, k).0;
                }
            }
        }
        let segments: Vec<Segment> = edges
            .iter()
            .map(|&(a, b)| Segment { a: nodes[a], b: nodes[b], ends: (a, b) })
            .collect();
        count_crossings_marked(&segments, marked, budget)
    }

    /// Whether no label on ring `k` overlaps another label or node of the ring, counted by the
    /// same code as the metrics.
    fn ring_is_clear(&self, ring: &RingItems, k: usize) -> bool {
        let (nodes, labels): (Vec<Point>, Vec<TextBox>) =
            ring.items().map(|item| self.role_shapes(item, k)).unzip();
        count_label_overlaps(&labels) == 0
            && count_labels_over_nodes(&labels, &nodes, self.options.node_radius) == 0
    }

    /// Nearest and farthest distance from the centre of the ring's nodes and labels.
    fn ring_span(&self, ring: &RingItems, k: usize) -> (f64, f64) {
        let r = self.options.node_radius;
        ring.items().fold((f64::INFINITY, 0.0_f64), |(near, far), item| {
            let (pos, label) = self.role_shapes(item, k);
            let (label_near, label_far) = label.radial_span();
            let d = pos.length();
            (near.min(label_near).min((d - r).max(0.0)), far.max(label_far).max(d + r))
        })
    }

    /// The finished layout.
    pub fn finish(&self, map: &OrgMap, rings: &[RingItems]) -> Layout {
        let o = self.options;
        let mut roles = vec![
            RoleLayout {
                ring: 0,
                angle: 0.0,
                pos: Point::default(),
                label: TextBox {
                    center: Point::default(),
                    half_width: 0.0,
                    half_height: 0.0,
                    rotation: 0.0,
                },
                wrap_at: None,
                lift: 0.0,
                shift: 0.0,
            };
            map.roles.len()
        ];
        let mut teams: Vec<TeamLayout> = map
            .teams
            .iter()
            .map(|_| TeamLayout { ring: 0, start: 0.0, end: 0.0, name_angle: None })
            .collect();
        let mut ring_layouts = Vec::with_capacity(rings.len());
        let mut extent = Rect::NOTHING;
        let mut inner = 0.0;
        for (k, ring) in rings.iter().enumerate() {
            for item in ring.items() {
                let (pos, label) = self.role_shapes(item, k);
                extent = extent.union(label.bounds());
                if let Some(role) = item.role {
                    let wrap_at = if self.radial[k] { None } else { item.wrap.at };
                    let angle = normalize(item.angle);
                    let offset = self.node_offset(item, k);
                    let (lift, shift) = (-offset.y, offset.x.abs());
                    roles[role] = RoleLayout { ring: k, angle, pos, label, wrap_at, lift, shift };
                }
            }
            // The centre disc's band holds its name strip, along its edge.
            let centre_strip = if k == 0 { o.name_strip() } else { 0.0 };
            let outer_edge = self.outer[k] + o.gap + centre_strip;
            ring_layouts.push(RingLayout {
                radius: self.radii[k],
                inner,
                outer: outer_edge,
                name_radius: self.name_radius(k),
                name_angle: self.names[k].ring,
                labels: match (self.radial[k], beside(k)) {
                    (true, _) => LabelPlacement::Radial,
                    (false, true) => LabelPlacement::Beside,
                    (false, false) => LabelPlacement::Under,
                },
                tracks: self.tracks[k],
                track_step: self.track_step[k],
            });
            inner = outer_edge;
            for (team, start, end) in sectors(ring) {
                let name_angle = self.names[k].teams.iter().find(|t| t.0 == team).map(|t| t.1);
                teams[team] = TeamLayout { ring: k, start, end, name_angle };
            }
        }
        let edge = inner;
        extent = extent.union(Rect { min: Point::new(-edge, -edge), max: Point::new(edge, edge) });
        Layout { rings: ring_layouts, teams, roles, extent }
    }
}

/// Each team's sector on a ring, (team, start, end): from halfway to the item before its
/// first role to halfway to the item after its last.
fn sectors(ring: &RingItems) -> Vec<(usize, f64, f64)> {
    let angles: Vec<f64> = ring.items().map(|i| i.angle).collect();
    let n = angles.len();
    let mut at = 0;
    let mut sectors = Vec::new();
    for block in &ring.blocks {
        let len = block.items.len();
        if let Some(team) = block.team {
            let (start, end) = if ring.blocks.len() == 1 {
                (0.0, TAU)
            } else {
                let first = angles[at];
                let last = angles[at + len - 1];
                let before = angles[(at + n - 1) % n];
                let after = angles[(at + len) % n];
                let start = first - clockwise(before, first) / 2.0;
                let end = last + clockwise(last, after) / 2.0;
                let start = normalize(start);
                (start, start + clockwise(start, normalize(end)))
            };
            sectors.push((team, start, end));
        }
        at += len;
    }
    sectors
}

/// Whether ring `k`'s horizontal labels go beside their nodes rather than under them. Around
/// the centre they do: such footprints are flatter, and at 3 and 9 o'clock, where most roles
/// of a crowded ring sit stacked one above the other, each needs less of the circle. In the
/// centre disc, whose few roles sit close around its middle, they go under. (Choosing per
/// ring whichever is smaller was measured too: rings then flip between the two as roles are
/// added, and the map jumps while it is edited; see BENCHMARKS.md.)
fn beside(k: usize) -> bool {
    k > 0
}

/// Angles for a ring's items in their order, each at least its least gap from the next
/// (`least[i]`, from item i to i + 1, the last to the first once round), as near as they can
/// be to their targets (the least sum of squares: children near the angle of the roles they
/// hang from, not spread evenly round the ring, so that links between rings stay short and
/// do not cross). `even` are the angles spread evenly with those gaps, as near the targets as
/// a rotation brings them: each target is read as the turn nearest its angle in `reading`
/// (`even` itself, or the angles side by side), and an item without a target stays at its
/// even angle. Isotonic regression by pooling adjacent violators.
fn nearest_targets(
    even: &[f64],
    reading: &[f64],
    least: &[f64],
    targets: &[Option<f64>],
    pull: f64,
) -> Vec<f64> {
    let n = even.len();
    if n == 0 {
        return Vec::new();
    }
    // With every gap taken out, the angles left must only not decrease round the ring.
    let taken = side_by_side_offsets(least);
    let slack = (TAU - least.iter().sum::<f64>()).max(0.0);
    let wanted: Vec<f64> = (0..n)
        .map(|i| {
            let near = targets[i].map_or(even[i], |t| {
                let t = reading[i] + relative(t, reading[i]);
                even[i] + pull * (t - even[i])
            });
            near - taken[i]
        })
        .collect();
    // Pools of (sum, count): each pool's items share its mean, pools' means increase.
    let mut pools: Vec<(f64, usize)> = Vec::with_capacity(n);
    for &w in &wanted {
        pools.push((w, 1));
        while pools.len() > 1 {
            let (s1, c1) = pools[pools.len() - 1];
            let (s0, c0) = pools[pools.len() - 2];
            if s0 / c0 as f64 <= s1 / c1 as f64 {
                break;
            }
            pools.pop();
            let last = pools.len() - 1;
            pools[last] = (s0 + s1, c0 + c1);
        }
    }
    let mut fitted: Vec<f64> = pools
        .iter()
        .flat_map(|&(sum, count)| std::iter::repeat_n(sum / count as f64, count))
        .collect();
    // Once round, the last item must leave its gap to the first: the spread of what is left
    // may be at most the slack. Where it is more, clamp it to a window of the slack around
    // its middle (the order is kept).
    let spread = fitted[n - 1] - fitted[0];
    if spread > slack {
        let low = (fitted[0] + fitted[n - 1] - slack) / 2.0;
        for f in &mut fitted {
            *f = f.clamp(low, low + slack);
        }
    }
    (0..n).map(|i| fitted[i] + taken[i]).collect()
}

/// How far items go from their even spacing towards their targets: all the way bunches a
/// ring's roles where their links go and leaves the rest of the ring empty (a small map looks
/// lopsided); halfway keeps children near the angle of the roles they hang from and the ring
/// filled. An org chart goes all the way ([`ORG_CHART_PULL`]): its reader wants each report
/// beside its manager, as in a radial tree, and a ring too full for that is made larger
/// (alone, all the way drew more crossings on a generated chart of 1,500 people, 2,649
/// against 1,459: full rings bunch in places and push reports further away in others).
const PULL: f64 = 0.5;
pub const ORG_CHART_PULL: f64 = 1.0;

/// The track of each item of a ring staggered over as many tracks as `spans` has, a role
/// on track t at least `spans[t]` places from the last on it (see `State::track_spans`).
/// `hanging`: how many roles hang from each (see [`Item::hanging`]). On two tracks, or where
/// at most half the ring's roles have roles hanging from them outside, those go on the outer
/// track and the others take turns from the innermost, starting again after each: their
/// links outward then start beyond their neighbours' nodes and cross none of their links
/// inward (two such roles side by side need a whole gap between them: on two tracks the ring
/// is at most twice as large, and untangled). Where most have and the tracks are more, that
/// would put most of the ring on one track of many and make it far larger: then each role
/// takes a track free again at its place, the outermost for a role whose reports are many
/// (twice the ring's mean: they spread past its neighbours' angles, and a neighbour on a
/// track further out would draw its line inward across theirs), the innermost for another.
fn assign_tracks(hanging: &[usize], spans: &[usize]) -> Vec<usize> {
    let tracks = spans.len();
    if tracks <= 1 {
        return vec![0; hanging.len()];
    }
    let with = hanging.iter().filter(|&&h| h > 0).count();
    let few = tracks == 2 || 2 * with <= hanging.len();
    let mean = hanging.iter().sum::<usize>() as f64 / hanging.len().max(1) as f64;
    let many = ((2.0 * mean).ceil() as usize).max(2);
    let mut assigned: Vec<usize> = Vec::with_capacity(hanging.len());
    let mut last: Vec<Option<usize>> = vec![None; tracks];
    let mut turn = 0;
    for (i, &h) in hanging.iter().enumerate() {
        let track = if few {
            if h > 0 {
                turn = 0;
                tracks - 1
            } else {
                turn += 1;
                (turn - 1) % tracks
            }
        } else {
            // How many places past its span each track's last role is (free at 0 or more).
            let past =
                |t: usize| last[t].map_or(isize::MAX, |l| (i - l) as isize - spans[t] as isize);
            let free = |t: &usize| past(*t) >= 0;
            let found =
                if h >= many { (0..tracks).rev().find(free) } else { (0..tracks).find(free) };
            found.unwrap_or_else(|| (0..tracks).max_by_key(|&t| past(t)).unwrap_or(0))
        };
        last[track] = Some(i);
        assigned.push(track);
    }
    assigned
}

/// For each item, the next item on its track round the ring: (item, next, positions apart).
/// An item alone on its track has no such pair.
fn same_track_spans(track_of: &[usize]) -> Vec<(usize, usize, usize)> {
    let n = track_of.len();
    let mut last_on: BTreeMap<usize, usize> = BTreeMap::new();
    let mut first_on: BTreeMap<usize, usize> = BTreeMap::new();
    let mut spans = Vec::new();
    for (j, &t) in track_of.iter().enumerate() {
        if let Some(i) = last_on.insert(t, j) {
            spans.push((i, j, j - i));
        }
        first_on.entry(t).or_insert(j);
    }
    for (&first, &last) in first_on.values().zip(last_on.values()) {
        if first != last {
            spans.push((last, first, first + n - last));
        }
    }
    spans
}

/// The angles of a ring's items side by side, each its least gap from the one before, the
/// run turned to the circular mean of where the items want to be (0 without targets).
fn side_by_side(targets: &[Option<f64>], least: &[f64]) -> Vec<f64> {
    let offsets = side_by_side_offsets(least);
    let rotation = rotation_toward(&offsets, targets).unwrap_or(0.0);
    offsets.iter().map(|o| rotation + o).collect()
}

/// How far each item is from the first with every item its least gap (`least[i]`, from item
/// i to i + 1) from the one before.
fn side_by_side_offsets(least: &[f64]) -> Vec<f64> {
    let mut offsets = vec![0.0; least.len()];
    for i in 1..least.len() {
        offsets[i] = offsets[i - 1] + least[i - 1];
    }
    offsets
}

/// The turn that brings items at `offsets` (from the first) nearest their targets: the
/// circular mean of target minus offset (`None` when no item has a target).
fn rotation_toward(offsets: &[f64], targets: &[Option<f64>]) -> Option<f64> {
    circular_mean(targets.iter().zip(offsets).filter_map(|(t, o)| t.map(|t| t - o)))
}

/// The sum of the squared angles from each item's angle to its target.
fn distance_to_targets(angles: &[f64], targets: &[Option<f64>]) -> f64 {
    angles.iter().zip(targets).filter_map(|(a, t)| t.map(|t| relative(*a, t).powi(2))).sum()
}

/// Puts a ring's items evenly around it, in order: the start before any sweep.
fn spread_evenly(ring: &mut RingItems) {
    let n = ring.len() as f64;
    for (i, item) in ring.items_mut().enumerate() {
        item.angle = TAU * i as f64 / n;
    }
}

/// Whether a ring's items fit at a radius.
enum Fit {
    Fits,
    /// Grow the radius by about this factor.
    Grow(f64),
    /// Pins on one angle: no radius separates them.
    Impossible,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_with_reports_outside_go_on_the_outer_track() {
        // A few such roles: on the outermost track; the others take turns, again after each.
        let hanging = [0, 0, 1, 0, 0, 0, 3];
        assert_eq!(assign_tracks(&hanging, &[2, 2]), [0, 1, 1, 0, 1, 0, 1]);
        assert_eq!(assign_tracks(&hanging, &[3, 3, 3]), [0, 1, 2, 0, 1, 2, 2]);
        assert_eq!(assign_tracks(&hanging, &[1]), [0; 7]);
        assert_eq!(assign_tracks(&[0; 5], &[2, 2]), [0, 1, 0, 1, 0]);
        // Most of them on three tracks or more: each role on the innermost track free again
        // at its place, one with many reports (twice the mean) on the outermost free.
        assert_eq!(assign_tracks(&[1, 0, 1, 1, 1, 0], &[3, 3, 3]), [0, 1, 2, 0, 1, 2]);
        // The outer track is free again two places on, where the others take three.
        assert_eq!(assign_tracks(&[1, 1, 1, 1, 1], &[3, 3, 2]), [0, 1, 2, 0, 1]);
        assert_eq!(assign_tracks(&[1, 1, 1, 1, 6], &[3, 3, 2]), [0, 1, 2, 0, 2]);
    }

    #[test]
    fn the_reports_bunched_on_one_arc_of_an_empty_ring_stay_on_it_in_order() {
        // The outer ring of a 195-person chart: 44 reports, each needing 1.8 degrees, wanting
        // the arc from 112 to 172 degrees (most of them the last 15), on a ring with room for
        // 200: spread evenly, the ring gives each 8.2 degrees.
        let wanted = [
            111.7, 122.2, 123.9, 125.4, 127.0, 147.2, 148.7, 150.3, 152.2, 157.0, 157.7, 158.1,
            158.5, 159.0, 159.4, 159.9, 160.2, 160.5, 160.7, 161.0, 161.3, 161.6, 161.9, 162.3,
            162.7, 163.1, 163.5, 164.3, 167.0, 167.2, 167.5, 167.8, 168.0, 168.3, 168.5, 168.8,
            169.1, 169.5, 169.9, 170.4, 170.8, 171.2, 171.6, 172.0,
        ];
        let n = wanted.len();
        let targets: Vec<Option<f64>> = wanted.iter().map(|t: &f64| Some(t.to_radians())).collect();
        let least = vec![1.8f64.to_radians(); n];
        let offsets: Vec<f64> = (0..n).map(|i| i as f64 * TAU / n as f64).collect();
        let rotation = rotation_toward(&offsets, &targets).unwrap();
        let even: Vec<f64> = offsets.iter().map(|o| rotation + o).collect();
        let fit = |reading: &[f64]| nearest_targets(&even, reading, &least, &targets, 1.0);
        let degrees = |angles: &[f64]| -> Vec<f64> {
            angles.iter().map(|a| normalize(*a).to_degrees()).collect()
        };
        let side = fit(&side_by_side(&targets, &least));
        let by_even = fit(&even);
        // Read against their even angles, the last ones are a turn away: before the first.
        let first_last = |angles: &[f64]| (degrees(angles)[0], degrees(angles)[n - 1]);
        let (first, last) = first_last(&by_even);
        assert!(last < first, "{:?}", degrees(&by_even));
        // Side by side, one run in order about the arc they want, and nearer their targets.
        let (first, last) = first_last(&side);
        assert!(first < last && first > 90.0 && last < 200.0, "{:?}", degrees(&side));
        assert!(distance_to_targets(&side, &targets) < distance_to_targets(&by_even, &targets));
    }

    #[test]
    fn every_role_is_a_whole_gap_from_the_next_on_its_track() {
        let tracks = [0, 1, 1, 0, 1, 0, 1];
        let spans = same_track_spans(&tracks);
        // Round the ring once on every track: the spans of a track add up to the ring.
        for track in [0, 1] {
            let total: usize =
                spans.iter().filter(|(i, _, _)| tracks[*i] == track).map(|s| s.2).sum();
            assert_eq!(total, tracks.len(), "track {track}");
        }
        assert!(spans.contains(&(1, 2, 1)), "two outer neighbours: a whole gap between them");
        assert!(spans.contains(&(6, 1, 2)), "round the end of the ring: {spans:?}");
    }
}
