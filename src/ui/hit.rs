//! What is under a point of the map: a role, a link, a team's sector, a ring's band, or the
//! background. Pure geometry over the layout, so the canvas and its tests share it.

use crate::layout::{Layout, Point, clockwise, normalize};
use crate::model::OrgMap;

/// The thing a click, double-click or right-click is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Role(usize),
    Link(usize),
    /// A team's sector of its ring.
    Team(usize),
    Ring(usize),
    Background,
}

/// The angle of a map point: radians clockwise from 12 o'clock, in [0, TAU).
pub fn angle_of(pos: Point) -> f64 {
    normalize(pos.x.atan2(-pos.y))
}

/// The role whose node (within `reach` of its centre) or label is at `pos`; the nearest when
/// several are.
pub fn role_at(layout: &Layout, pos: Point, reach: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, role) in layout.roles.iter().enumerate() {
        let distance = role.pos.minus(pos).length();
        let on_node = distance <= reach;
        if (on_node || role.label.contains(pos)) && best.is_none_or(|(_, d)| distance < d) {
            best = Some((i, distance));
        }
    }
    best.map(|(i, _)| i)
}

/// The link drawn within `reach` of `pos`, the nearest when several are.
pub fn link_at(map: &OrgMap, layout: &Layout, pos: Point, reach: f64) -> Option<usize> {
    let index = map.index();
    let mut best: Option<(usize, f64)> = None;
    for (l, link) in map.links.iter().enumerate() {
        let (Some(a), Some(b)) = (index.role(&link.from), index.role(&link.to)) else { continue };
        let (Some(a), Some(b)) = (layout.roles.get(a), layout.roles.get(b)) else { continue };
        let distance = crate::layout::distance_to_segment(pos, a.pos, b.pos);
        if distance <= reach && best.is_none_or(|(_, d)| distance < d) {
            best = Some((l, distance));
        }
    }
    best.map(|(l, _)| l)
}

/// The ring whose band holds `pos` (none outside the outermost ring).
pub fn ring_at(layout: &Layout, pos: Point) -> Option<usize> {
    let r = pos.length();
    layout.rings.iter().position(|ring| r >= ring.inner && r < ring.outer)
}

/// The ring a role dropped at `pos` goes to: the band it is in, the outermost ring beyond.
pub fn ring_for_drop(layout: &Layout, pos: Point) -> Option<usize> {
    ring_at(layout, pos).or_else(|| layout.rings.len().checked_sub(1))
}

/// The team of ring `ring` whose sector holds `angle`.
pub fn team_at(layout: &Layout, ring: usize, angle: f64) -> Option<usize> {
    layout.teams.iter().position(|team| {
        team.ring == ring
            && team.end > team.start
            && clockwise(team.start, angle) <= team.end - team.start
    })
}

/// What is at `pos`: roles first (they are on top), then links within `reach`, then the
/// team sector or ring band.
pub fn target_at(map: &OrgMap, layout: &Layout, pos: Point, reach: f64) -> Target {
    if let Some(role) = role_at(layout, pos, reach) {
        return Target::Role(role);
    }
    if let Some(link) = link_at(map, layout, pos, reach * 0.6) {
        return Target::Link(link);
    }
    match ring_at(layout, pos) {
        Some(ring) => match team_at(layout, ring, angle_of(pos)) {
            Some(team) => Target::Team(team),
            None => Target::Ring(ring),
        },
        None => Target::Background,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::layout::{LayoutOptions, approximate_width, compute};
    use crate::model::{Link, LinkKind, Ring, Role, Team};

    /// Two rings; on the outer one role a pinned at 12 o'clock in team north, role b at
    /// 6 o'clock in no team, a link from a to b; role c in the centre.
    pub(crate) fn laid_out() -> (OrgMap, Layout) {
        let mut map = OrgMap::new("Hit");
        map.rings.push(Ring::new("team", "Team"));
        map.teams.push(Team::new("north", "North", "team"));
        let mut a = Role::new("a", "A", "team");
        a.team = "north".into();
        a.angle = Some(0.0);
        let mut b = Role::new("b", "B", "team");
        b.angle = Some(180.0);
        map.roles.extend([Role::new("c", "C", "centre"), a, b]);
        map.links.push(Link {
            from: "a".into(),
            to: "b".into(),
            kind: LinkKind::Supports,
            note: String::new(),
        });
        let layout = compute(&map, &LayoutOptions::default(), &approximate_width);
        (map, layout)
    }

    #[test]
    fn angles_run_clockwise_from_twelve() {
        assert!((angle_of(Point::new(0.0, -1.0))).abs() < 1e-12);
        assert!((angle_of(Point::new(1.0, 0.0)) - std::f64::consts::FRAC_PI_2).abs() < 1e-12);
    }

    #[test]
    fn roles_rings_teams_and_links_are_found_where_they_are_drawn() {
        let (map, layout) = laid_out();
        let a = layout.roles[1].pos;
        assert_eq!(target_at(&map, &layout, a, 8.0), Target::Role(1));
        let ring = &layout.rings[1];
        let middle = (ring.inner + ring.outer) / 2.0;
        // 12 o'clock is in the team's sector (its one role is pinned there), 6 o'clock not.
        assert_eq!(team_at(&layout, 1, 0.1), Some(0));
        let six = Point::polar(middle, std::f64::consts::PI + 0.3);
        assert_eq!(target_at(&map, &layout, six, 8.0), Target::Ring(1));
        let far = Point::new(ring.outer * 3.0, 0.0);
        assert_eq!(target_at(&map, &layout, far, 8.0), Target::Background);
        assert_eq!(ring_for_drop(&layout, far), Some(1), "beyond the rings: the outermost");
        // The link from a (12 o'clock) to b (6 o'clock), a little way from a.
        let b = layout.roles[2].pos;
        let on_link = a.plus(b.minus(a).scale(20.0 / b.minus(a).length()));
        assert_eq!(link_at(&map, &layout, on_link, 4.0), Some(0));
    }
}
