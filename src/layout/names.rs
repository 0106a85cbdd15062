//! Room for ring and team names. Every ring but the centre keeps a strip along its inner edge
//! for its names, but only where a name goes must the strip be clear of the ring's roles:
//! elsewhere a role may reach down to the ring's inner edge. Roles sit thinnest across the
//! ring at 12 and 6 o'clock, so names usually find room there (and between teams) without
//! making the ring any larger.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI, TAU};

use super::geometry::{Point, TextBox, clockwise, normalize};

/// Where a ring's name may go, best first: at the top, a little to either side of it, at
/// the bottom, at the sides, at the diagonals.
pub const RING_NAME_PLACES: [f64; 12] = [
    0.0,
    PI / 12.0,
    -PI / 12.0,
    PI / 6.0,
    -PI / 6.0,
    PI,
    11.0 * PI / 12.0,
    13.0 * PI / 12.0,
    FRAC_PI_2,
    3.0 * FRAC_PI_2,
    FRAC_PI_4,
    7.0 * FRAC_PI_4,
];

/// The centre disc's name goes at its bottom first, so that it does not stack on the next
/// ring's name at the top.
pub const CENTRE_NAME_PLACES: [f64; 12] = [
    PI,
    11.0 * PI / 12.0,
    13.0 * PI / 12.0,
    5.0 * PI / 6.0,
    7.0 * PI / 6.0,
    0.0,
    PI / 12.0,
    -PI / 12.0,
    FRAC_PI_2,
    3.0 * FRAC_PI_2,
    3.0 * FRAC_PI_4,
    5.0 * FRAC_PI_4,
];

/// How far a box may reach into the strip and still count as clear of it (rounding).
const TOUCH: f64 = 0.01;

/// A team's name is left out when it would take more than this share of its sector.
pub const MAX_SECTOR_SHARE: f64 = 0.92;

/// A part of a circle: from `start` clockwise by `width` radians.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    pub start: f64,
    pub width: f64,
}

impl Arc {
    /// The arc `width` wide centred on `middle`.
    pub fn around(middle: f64, width: f64) -> Arc {
        Arc { start: normalize(middle - width / 2.0), width }
    }

    pub fn overlaps(&self, other: &Arc) -> bool {
        clockwise(self.start, other.start) < self.width
            || clockwise(other.start, self.start) < other.width
    }

    pub fn middle(&self) -> f64 {
        normalize(self.start + self.width / 2.0)
    }

    /// The same arc, `by` radians longer at both ends.
    fn widened(&self, by: f64) -> Arc {
        Arc { start: normalize(self.start - by), width: self.width + 2.0 * by }
    }
}

/// Clockwise angle of a point from 12 o'clock, in [0, TAU).
fn angle_of(p: Point) -> f64 {
    normalize(p.x.atan2(-p.y))
}

/// The arc of the annulus between `inner` and `outer` that a box (not over the centre)
/// covers, or `None` when the box stays out of it.
pub fn arc_in_strip(shape: &TextBox, inner: f64, outer: f64) -> Option<Arc> {
    let (near, far) = shape.radial_span();
    // (A box that only touches the strip, as rings placed against it do, leaves it free.)
    if near >= outer - TOUCH || far <= inner + TOUCH || near <= 0.0 {
        return None;
    }
    let centre = angle_of(shape.center);
    let offsets = shape.corners().map(|c| {
        let d = normalize(angle_of(c) - centre);
        if d > PI { d - TAU } else { d }
    });
    let low = offsets.iter().copied().fold(f64::INFINITY, f64::min);
    let high = offsets.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(Arc { start: normalize(centre + low), width: high - low })
}

/// The arc of the annulus between `inner` and `outer` that a node (a disc of `radius` at
/// `center`, not over the map's centre) covers, or `None` when it stays out of it.
pub fn disc_in_strip(center: Point, radius: f64, inner: f64, outer: f64) -> Option<Arc> {
    let d = center.length();
    if d - radius >= outer - TOUCH || d + radius <= inner + TOUCH || d <= radius {
        return None;
    }
    let half = (radius / d).asin();
    Some(Arc::around(angle_of(center), 2.0 * half))
}

/// The arcs of the annulus between `inner` and `outer` that roles (each a node of
/// `node_radius` and a label box) cover: where no name may go.
pub fn arcs_covered(
    roles: impl IntoIterator<Item = (Point, TextBox)>,
    node_radius: f64,
    inner: f64,
    outer: f64,
) -> Vec<Arc> {
    roles
        .into_iter()
        .flat_map(|(node, label)| {
            [disc_in_strip(node, node_radius, inner, outer), arc_in_strip(&label, inner, outer)]
        })
        .flatten()
        .collect()
}

/// What has to find room in one ring's strip.
pub struct Names {
    /// Angle the ring's name takes along the strip, and where it may go, in order.
    pub ring: f64,
    pub places: [f64; 12],
    /// Space kept on either side of a name, radians.
    pub gap: f64,
    /// Arcs only the ring's name keeps clear of (the centre disc's name, for the first ring,
    /// whose strip lies right outside the disc's: two ring names there would read as one).
    pub ring_avoids: Vec<Arc>,
    /// Each team of the ring: its index, its sector and the angle its name takes.
    pub teams: Vec<(usize, Arc, f64)>,
}

/// Where the names went: the ring's, and each team's that fits its sector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placed {
    pub ring: Option<f64>,
    pub teams: Vec<(usize, f64)>,
}

/// Places a ring's names clear of the `blocked` arcs of its strip (where roles reach into
/// it) and of each other: each team's as near the middle of its sector as is free, the
/// ring's at the first of its places that is free. Teams go first (they have only their
/// sector); if the ring's name then finds no place, it goes first, at each of its places in
/// turn, until one leaves every team room in its sector. `None` when a name finds no room;
/// with `leave_out`, such a name is left out instead, the ring's last. (A team's name too
/// long for its sector is always left out, as it is on the roomiest ring.)
pub fn place(names: &Names, blocked: &[Arc], leave_out: bool) -> Option<Placed> {
    let teams_first = place_in_order(names, blocked, false, false, &names.places);
    if teams_first.is_some() {
        return teams_first;
    }
    // Where the ring's name takes the first free place it may take the room a team needs
    // (its sector at 12 o'clock, say) while another of its places leaves that room.
    let every_name = names
        .places
        .iter()
        .find_map(|at| place_in_order(names, blocked, false, true, std::slice::from_ref(at)));
    if every_name.is_some() || !leave_out {
        return every_name;
    }
    let teams_first = place_in_order(names, blocked, true, false, &names.places);
    match teams_first {
        Some(Placed { ring: Some(_), .. }) => teams_first,
        _ => {
            let ring_first = place_in_order(names, blocked, true, true, &names.places);
            if ring_first.is_some() { ring_first } else { teams_first }
        }
    }
}

fn place_in_order(
    names: &Names,
    blocked: &[Arc],
    leave_out: bool,
    ring_first: bool,
    ring_places: &[f64],
) -> Option<Placed> {
    let mut taken: Vec<Arc> = blocked.iter().map(|b| b.widened(names.gap)).collect();
    let place_ring = |taken: &mut Vec<Arc>| {
        let candidates =
            ring_places.iter().map(|&at| Arc::around(normalize(at), names.ring + 2.0 * names.gap));
        let mut avoiding = taken.clone();
        avoiding.extend(names.ring_avoids.iter().map(|a| a.widened(names.gap)));
        let at = first_free(&mut avoiding, candidates, leave_out)?;
        taken.extend(at.map(|at| Arc::around(at, names.ring + 2.0 * names.gap)));
        Some(at)
    };
    let mut ring = None;
    if ring_first {
        ring = place_ring(&mut taken)?;
    }
    let mut teams = Vec::new();
    for &(team, sector, span) in &names.teams {
        if span > sector.width * MAX_SECTOR_SHARE {
            continue;
        }
        // The middle of the sector, or the place nearest to it that is free.
        let room = (sector.width - span) / 2.0;
        let middle = sector.start + sector.width / 2.0;
        let steps = 12;
        let candidates = (0..=steps)
            .flat_map(|i| {
                let d = room * i as f64 / steps as f64;
                [d, -d]
            })
            .map(|d| Arc::around(normalize(middle + d), span + 2.0 * names.gap));
        if let Some(at) = first_free(&mut taken, candidates, leave_out)? {
            teams.push((team, at));
        }
    }
    if !ring_first {
        ring = place_ring(&mut taken)?;
    }
    Some(Placed { ring, teams })
}

/// The middle of the first of `candidates` clear of every `taken` arc, which it then takes;
/// `Some(None)` when none is and it may be left out, `None` when it may not.
fn first_free(
    taken: &mut Vec<Arc>,
    mut candidates: impl Iterator<Item = Arc>,
    leave_out: bool,
) -> Option<Option<f64>> {
    match candidates.find(|arc| taken.iter().all(|t| !t.overlaps(arc))) {
        Some(arc) => {
            taken.push(arc);
            Some(Some(arc.middle()))
        }
        None if leave_out => Some(None),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upright(x: f64, y: f64, half_width: f64, half_height: f64) -> TextBox {
        TextBox { center: Point::new(x, y), half_width, half_height, rotation: 0.0 }
    }

    #[test]
    fn a_box_covers_the_arc_of_the_strip_it_reaches_into() {
        // A box at 12 o'clock, 20 wide, its near edge 95 from the centre.
        let b = upright(0.0, -100.0, 10.0, 5.0);
        let arc = arc_in_strip(&b, 90.0, 110.0).unwrap();
        assert!((arc.width - 2.0 * (10.0f64 / 95.0).atan()).abs() < 1e-9);
        assert!(arc.overlaps(&Arc::around(0.0, 0.01)));
        assert!(!arc.overlaps(&Arc::around(PI / 2.0, 0.01)));
        // Beyond the strip, or inside it, a box blocks nothing.
        assert_eq!(arc_in_strip(&b, 50.0, 90.0), None);
        assert_eq!(arc_in_strip(&b, 110.0, 130.0), None);
    }

    /// A ring name and one team's name, each 0.3 radians long, the team's sector `sector`.
    fn one_team(sector: Arc) -> Names {
        let teams = vec![(0, sector, 0.3)];
        Names { ring: 0.3, places: RING_NAME_PLACES, gap: 0.0, ring_avoids: vec![], teams }
    }

    #[test]
    fn names_go_where_the_strip_is_free() {
        // The top is blocked: the ring's name goes to the bottom; the team's name slides
        // from the middle of its sector (the top) to the nearest free place.
        let blocked = [Arc::around(0.0, 0.4)];
        let names = one_team(Arc::around(0.0, 2.0));
        let placed = place(&names, &blocked, false).unwrap();
        let (team, at) = placed.teams[0];
        assert_eq!(team, 0);
        let team_name = Arc::around(at, 0.3);
        assert!(!team_name.overlaps(&blocked[0]) && Arc::around(0.0, 2.0).overlaps(&team_name));
        let ring_name = Arc::around(placed.ring.unwrap(), 0.3);
        assert!(!ring_name.overlaps(&blocked[0]) && !ring_name.overlaps(&team_name));
        // Of its places, the first free one: near the top when it can.
        let first_free = RING_NAME_PLACES
            .into_iter()
            .find(|&p| {
                let arc = Arc::around(normalize(p), 0.3);
                !arc.overlaps(&blocked[0]) && !arc.overlaps(&team_name)
            })
            .unwrap();
        assert_eq!(placed.ring, Some(normalize(first_free)));
        // A team's sector blocked from end to end: no room, the ring must grow (or, as a last
        // resort, the name is left out).
        let names = one_team(Arc::around(PI / 2.0, 0.5));
        let blocked = [Arc::around(PI / 2.0, 0.6)];
        assert_eq!(place(&names, &blocked, false), None);
        assert_eq!(place(&names, &blocked, true).unwrap().teams, vec![]);
        // A name too long for its sector is left out, not a reason to grow.
        let names = one_team(Arc::around(PI / 2.0, 0.3));
        assert_eq!(place(&names, &[], false).unwrap().teams, vec![]);
    }

    /// A team's sector at 12 o'clock, another on the right, the rest of the strip blocked:
    /// with the teams' names first the ring's finds no place, and at its first free place
    /// (just right of the top) it takes the first team's room. At 3 o'clock every name fits.
    #[test]
    fn the_rings_name_takes_a_place_that_leaves_every_team_room() {
        let top = Arc { start: normalize(-0.35), width: 0.7 };
        let right = Arc { start: 0.4, width: 2.4 };
        let teams = vec![(0, top, 0.4), (1, right, 0.4)];
        let names =
            Names { ring: 1.2, places: RING_NAME_PLACES, gap: 0.0, ring_avoids: vec![], teams };
        let blocked = [Arc { start: 2.8, width: TAU - 0.35 - 2.8 }];
        let placed = place(&names, &blocked, false).unwrap();
        assert_eq!(placed.ring, Some(FRAC_PI_2));
        assert_eq!(placed.teams.len(), 2, "{placed:?}");
        let ring = Arc::around(FRAC_PI_2, 1.2);
        for (team, at) in placed.teams {
            let name = Arc::around(at, 0.4);
            assert!(!name.overlaps(&ring) && !name.overlaps(&blocked[0]), "team {team}");
        }
    }
}
