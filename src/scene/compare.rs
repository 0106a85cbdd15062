//! The picture of a diff: the new map, drawn by the same scene as the window, with what
//! changed marked on it (added roles ringed with a "+" badge, removed roles as faded ghosts
//! where they were, moved roles with an arrow from their old place, changed roles outlined)
//! and, on a page, the list of changes beside it. The app's File > Compare with… draws the
//! same marked map on its canvas and lists the changes in its side panel. The marks differ by shape and badge as well as by
//! colour (Okabe-Ito, and black for the arrows of moves), so that they read in grey print and for colour-blind readers.

use std::collections::{HashMap, HashSet};

use super::{
    Anchor, Color, Dash, Focus, Item, Part, Scene, SceneOptions, Shape, Stroke, Text, Theme,
};
use crate::diff::text::change_line;
use crate::diff::{Change, Difference, What};
use crate::layout::{self, Layout, LayoutOptions, Point, Rect};
use crate::model::OrgMap;

pub const ADDED: Color = Color::rgb(0x00, 0x9e, 0x73);
pub const REMOVED: Color = Color::rgb(0xd5, 0x5e, 0x00);
pub const CHANGED: Color = Color::rgb(0xe6, 0x9f, 0x00);
/// How much of their colour the ghosts of removed roles keep.
const GHOST: f64 = 0.3;
/// Changes listed beside the map; past this, a line says how many more.
const LISTED: usize = 60;

/// The new map with the removed roles (and their links) put back as ghosts: on their old ring
/// (put back too if it went), out of a team that went or moved.
fn with_ghosts(old: &OrgMap, new: &OrgMap, changes: &[Difference]) -> (OrgMap, HashSet<usize>) {
    let mut union = new.clone();
    let removed: HashSet<&str> = changes
        .iter()
        .filter(|d| d.what == What::Role && d.change == Change::Removed)
        .map(|d| d.id.as_str())
        .collect();
    let mut ghosts = HashSet::new();
    for role in old.roles.iter().filter(|r| removed.contains(r.id.as_str())) {
        if !union.rings.iter().any(|k| k.id == role.ring) {
            crate::diff::merge::restore_ring(&mut union, &[old], &role.ring);
        }
        let mut ghost = role.clone();
        if !union.teams.iter().any(|t| t.id == ghost.team && t.ring == ghost.ring) {
            ghost.team.clear();
        }
        ghost.holders.retain(|h| union.people.iter().any(|p| &p.id == h));
        ghosts.insert(union.roles.len());
        union.roles.push(ghost);
    }
    let ids: HashSet<String> = union.roles.iter().map(|r| r.id.clone()).collect();
    for link in &old.links {
        let touches = removed.contains(link.from.as_str()) || removed.contains(link.to.as_str());
        if touches && ids.contains(&link.from) && ids.contains(&link.to) {
            union.links.push(link.clone());
        }
    }
    (union, ghosts)
}

/// The two maps laid out as one: the new map with the ghosts of removed roles. Worked out
/// once per comparison (the layout is the slow part: the app does it off the UI thread for
/// big maps); scenes for any focus and theme are then drawn from it.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The new map, then the ghosts: roles keep their index in the new map, ghosts follow.
    pub union: OrgMap,
    pub ghosts: HashSet<usize>,
    /// Rings that only the old map has, put back for its ghosts (indices in `union`).
    pub ghost_rings: HashSet<usize>,
    pub layout: Layout,
    /// The new map's links come first in `union`: those from here on are the ghosts'.
    pub new_links: usize,
    /// Where each moved role was: on its old ring, at the angle the old map gave it.
    pub moved_from: HashMap<usize, Point>,
    pub changes: Vec<Difference>,
}

impl Compared {
    pub fn new(old: &OrgMap, new: &OrgMap, changes: Vec<Difference>) -> Compared {
        let options = LayoutOptions::default();
        let (union, ghosts) = with_ghosts(old, new, &changes);
        let layout = layout::compute(&union, &options, &crate::font::measure);
        let ghost_rings = (0..union.rings.len())
            .filter(|&k| !new.rings.iter().any(|r| r.id == union.rings[k].id))
            .collect();
        let mut moved_from = HashMap::new();
        let moved: Vec<&str> = changes
            .iter()
            .filter(|d| d.what == What::Role && d.change == Change::Moved)
            .map(|d| d.id.as_str())
            .collect();
        if !moved.is_empty() {
            // The old map's layout, for the arrows of moves: only if a role moved.
            let before = layout::compute(old, &options, &crate::font::measure);
            for id in moved {
                let Some(i) = union.roles.iter().position(|r| r.id == id) else { continue };
                if let Some(from) = old_place(old, &before, &union, &layout, id) {
                    moved_from.insert(i, from);
                }
            }
        }
        Compared {
            union,
            ghosts,
            ghost_rings,
            new_links: new.links.len(),
            layout,
            moved_from,
            changes,
        }
    }

    /// The marked map: as the window draws it with `focus` (`page` adds the title and the
    /// legend of link kinds, as an export does).
    pub fn scene(&self, theme: &Theme, focus: Focus, page: bool) -> Scene {
        let options = SceneOptions {
            theme: theme.clone(),
            layout: LayoutOptions::default(),
            focus,
            stage: None,
            links: crate::scene::Links::Straight,
        };
        let mut scene = if page {
            super::page(&self.union, &self.layout, &options)
        } else {
            super::build(&self.union, &self.layout, &options)
        };
        for item in &mut scene.items {
            let ghost = match item.part {
                Part::Role(i) | Part::RoleLabel(i) => self.ghosts.contains(&i),
                Part::Link(l) => l >= self.new_links,
                Part::Ring(k) => self.ghost_rings.contains(&k),
                _ => false,
            };
            if ghost {
                fade(&mut item.shape, GHOST);
            }
        }
        let marks = self.marks(options.layout.node_radius, theme.text);
        scene.items.extend(marks.into_iter().map(|shape| Item { shape, part: Part::Decoration }));
        scene
    }

    /// The marks of added, removed, changed and moved roles. Moves are drawn in the text's
    /// colour: not the blue of "supports" links, as an arrow of a move must not read as a link.
    fn marks(&self, r: f64, moved: Color) -> Vec<Shape> {
        let at: HashMap<&str, usize> =
            self.union.roles.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let mut marks = Vec::new();
        let mut marked: HashSet<(usize, Change)> = HashSet::new();
        for d in self.changes.iter().filter(|d| d.what == What::Role) {
            let Some(&i) = at.get(d.id.as_str()) else { continue };
            let pos = self.layout.roles[i].pos;
            // A role moved to another ring and team is two changes, one arrow.
            if !marked.insert((i, d.change)) {
                continue;
            }
            match d.change {
                Change::Added => marks.extend(ring_and_badge(pos, r, ADDED, Dash::Solid, "+")),
                Change::Removed => marks.extend(ring_and_badge(pos, r, REMOVED, Dash::Dashed, "−")),
                Change::Changed => marks.push(outline(pos, r * 2.0, CHANGED, Dash::Dotted)),
                Change::Moved => {
                    if let Some(&from) = self.moved_from.get(&i) {
                        marks.extend(moved_arrow(from, pos, r, moved));
                    }
                }
            }
        }
        marks.extend(self.ring_and_team_marks());
        marks
    }

    /// Rings and teams added (a green line along the ring, or the team's sector, at the
    /// ring's outer edge) and removed (the same, dashed vermillion: the ghosts' ring put
    /// back for them).
    fn ring_and_team_marks(&self) -> Vec<Shape> {
        let mut marks = Vec::new();
        for d in &self.changes {
            let (color, dash) = match d.change {
                Change::Added => (ADDED, Dash::Solid),
                Change::Removed => (REMOVED, Dash::Dashed),
                _ => continue,
            };
            let stroke = Stroke { width: 3.0, color, dash };
            let sector = match d.what {
                What::Ring => self
                    .union
                    .rings
                    .iter()
                    .position(|k| k.id == d.id)
                    .map(|k| (k, 0.0, std::f64::consts::TAU)),
                What::Team => self.union.teams.iter().position(|t| t.id == d.id).and_then(|t| {
                    let placed = self.layout.teams.get(t)?;
                    Some((placed.ring, placed.start, placed.end))
                }),
                _ => None,
            };
            let Some((k, start, end)) = sector else { continue };
            let Some(ring) = self.layout.rings.get(k) else { continue };
            marks.push(Shape::Line { points: arc(ring.outer - 2.0, start, end), stroke });
        }
        marks
    }
}

/// Points along the circle of `radius` from `start` clockwise to `end` (radians from 12
/// o'clock), a point every degree or so.
fn arc(radius: f64, start: f64, end: f64) -> Vec<Point> {
    let steps = (((end - start).abs() / 1f64.to_radians()).ceil() as usize).max(2);
    (0..=steps)
        .map(|i| Point::polar(radius, start + (end - start) * i as f64 / steps as f64))
        .collect()
}

/// The diff as one page: title, the marked map, its legend and the changes listed.
pub fn diff_scene(old: &OrgMap, new: &OrgMap, changes: &[Difference], theme: Theme) -> Scene {
    let compared = Compared::new(old, new, changes.to_vec());
    let mut scene = compared.scene(&theme, Focus::default(), true);
    list_changes(&mut scene, old, new, changes, &theme, LayoutOptions::default().label_size);
    scene
}

/// Where a moved role was: on its old ring (as the new picture draws that ring), at the angle
/// the old map's layout gave it.
fn old_place(
    old: &OrgMap,
    before: &Layout,
    union: &OrgMap,
    placed: &Layout,
    id: &str,
) -> Option<Point> {
    let i = old.roles.iter().position(|r| r.id == id)?;
    let ring = union.rings.iter().position(|k| k.id == old.roles[i].ring)?;
    Some(Point::polar(placed.rings[ring].radius, before.roles[i].angle))
}

fn outline(center: Point, radius: f64, color: Color, dash: Dash) -> Shape {
    Shape::Disc {
        center,
        radius,
        fill: Color::TRANSPARENT,
        stroke: Some(Stroke { width: 2.5, color, dash }),
    }
}

/// A ring round the node and a round badge with a sign at its upper right.
fn ring_and_badge(center: Point, r: f64, color: Color, dash: Dash, sign: &str) -> Vec<Shape> {
    let badge = Point::new(center.x + r * 2.2, center.y - r * 2.2);
    vec![
        outline(center, r * 2.0, color, dash),
        Shape::Disc { center: badge, radius: r * 1.3, fill: color, stroke: None },
        Shape::Text(Text {
            pos: badge,
            text: sign.into(),
            size: r * 2.2,
            color: Color::rgb(255, 255, 255),
            anchor: Anchor::Middle,
            rotation: 0.0,
            bold: true,
        }),
    ]
}

/// A dashed arrow from a moved role's old place to its node.
fn moved_arrow(from: Point, to: Point, r: f64, color: Color) -> Vec<Shape> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length < r * 3.0 {
        return vec![outline(to, r * 2.0, color, Dash::DashDot)];
    }
    let (ux, uy) = (dx / length, dy / length);
    let tip = Point::new(to.x - ux * r * 1.6, to.y - uy * r * 1.6);
    let back = Point::new(tip.x - ux * r * 2.2, tip.y - uy * r * 2.2);
    let side = Point::new(-uy * r * 1.1, ux * r * 1.1);
    vec![
        Shape::Disc {
            center: from,
            radius: r * 0.8,
            fill: Color::TRANSPARENT,
            stroke: Some(Stroke { width: 2.0, color, dash: Dash::Solid }),
        },
        Shape::Line {
            points: vec![from, back],
            stroke: Stroke { width: 2.5, color, dash: Dash::DashDot },
        },
        Shape::Polygon {
            points: vec![
                tip,
                Point::new(back.x + side.x, back.y + side.y),
                Point::new(back.x - side.x, back.y - side.y),
            ],
            fill: color,
        },
        outline(to, r * 2.0, color, Dash::DashDot),
    ]
}

/// The marks' legend and the changes, one line each, to the right of the page.
fn list_changes(
    scene: &mut Scene,
    old: &OrgMap,
    new: &OrgMap,
    changes: &[Difference],
    theme: &Theme,
    size: f64,
) {
    let b = scene.bounds;
    let x = b.max.x + size;
    let row = size * 1.5;
    let mut y = b.min.y + size * 3.0;
    let mut widest: f64 = 0.0;
    let mut line = |scene: &mut Scene, text: String, y: f64, bold: bool, indent: f64| {
        widest = widest.max(indent + crate::font::measure(&text, size));
        scene.items.push(Item {
            shape: Shape::Text(Text {
                pos: Point::new(x + indent, y),
                text,
                size,
                color: theme.text,
                anchor: Anchor::Start,
                rotation: 0.0,
                bold,
            }),
            part: Part::Decoration,
        });
    };
    let plural = if changes.len() == 1 { "" } else { "s" };
    line(scene, format!("What changed: {} change{plural}", changes.len()), y, true, 0.0);
    let r = 6.0;
    for (sign, color, dash, words) in [
        ("+", ADDED, Dash::Solid, "added role"),
        ("−", REMOVED, Dash::Dashed, "removed role, faded where it was"),
        ("", CHANGED, Dash::Dotted, "changed role, outlined"),
        ("", theme.text, Dash::DashDot, "moved role, arrow from its old place"),
    ] {
        y += row * 1.4;
        let center = Point::new(x + r * 2.0, y);
        let marks = if sign.is_empty() {
            vec![outline(center, r * 1.6, color, dash)]
        } else {
            ring_and_badge(center, r * 0.8, color, dash, sign)
        };
        scene.items.extend(marks.into_iter().map(|shape| Item { shape, part: Part::Decoration }));
        line(scene, words.into(), y, false, r * 5.0);
    }
    for (color, dash, words) in [
        (ADDED, Dash::Solid, "added ring or team, a line along it"),
        (REMOVED, Dash::Dashed, "removed ring or team"),
    ] {
        y += row * 1.4;
        let points = vec![Point::new(x, y), Point::new(x + r * 4.0, y)];
        let shape = Shape::Line { points, stroke: Stroke { width: 3.0, color, dash } };
        scene.items.push(Item { shape, part: Part::Decoration });
        line(scene, words.into(), y, false, r * 5.0);
    }
    y += row;
    let lines: Vec<String> = changes
        .iter()
        .flat_map(|d| change_line(old, new, d).lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for text in lines.iter().take(LISTED) {
        y += row;
        line(scene, text.clone(), y, false, 0.0);
    }
    if lines.len() > LISTED {
        y += row;
        line(
            scene,
            format!("… and {} more lines: orgmap diff lists them all", lines.len() - LISTED),
            y,
            false,
            0.0,
        );
    }
    scene.bounds =
        Rect { min: b.min, max: Point::new(x + widest + size * 2.0, b.max.y.max(y + row)) };
}

/// The shape with every colour's opacity multiplied by `factor`.
fn fade(shape: &mut Shape, factor: f64) {
    match shape {
        Shape::Disc { fill, stroke, .. } => {
            *fill = fill.faded(factor);
            if let Some(s) = stroke {
                s.color = s.color.faded(factor);
            }
        }
        Shape::Band { fill, .. } | Shape::Polygon { fill, .. } => *fill = fill.faded(factor),
        Shape::Circle { stroke, .. } | Shape::Line { stroke, .. } => {
            stroke.color = stroke.color.faded(factor)
        }
        Shape::Text(text) => text.color = text.color.faded(factor),
        Shape::ArcText { color, .. } => *color = color.faded(factor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;
    use crate::diff::tests::base;

    fn texts(scene: &Scene) -> Vec<&str> {
        scene.texts().collect()
    }

    #[test]
    fn a_removed_role_is_a_faded_ghost_and_an_added_one_has_a_badge() {
        let old = base();
        let mut new = base();
        new.roles.retain(|r| r.id != "finance");
        new.links.retain(|l| l.from != "finance");
        new.roles.push(crate::model::Role::new("gardener", "Gardener", "support"));
        let changes = compare(&old, &new);
        let scene = diff_scene(&old, &new, &changes, Theme::light());
        let (union, ghosts) = with_ghosts(&old, &new, &changes);
        let ghost = union.roles.iter().position(|r| r.id == "finance").unwrap();
        assert!(ghosts.contains(&ghost));
        // The ghost's label is drawn, faded; the others keep their full colour.
        let label_alpha = |role: usize| {
            scene.items.iter().find_map(|i| match (&i.part, &i.shape) {
                (Part::RoleLabel(r), Shape::Text(t)) if *r == role => Some(t.color.a),
                _ => None,
            })
        };
        assert!(label_alpha(ghost).unwrap() < 100, "faded");
        assert_eq!(label_alpha(0), Some(255));
        assert!(texts(&scene).contains(&"+"), "the added role's badge");
        assert!(texts(&scene).contains(&"−"), "the removed role's badge");
        assert!(texts(&scene).iter().any(|t| t.contains("removed role finance")), "listed beside");
        // The ghost link is faded too.
        let ghost_link = union.links.len() - 1;
        let faded_link = scene.items.iter().any(|i| match (&i.part, &i.shape) {
            (Part::Link(l), Shape::Line { stroke, .. }) => *l == ghost_link && stroke.color.a < 100,
            _ => false,
        });
        assert!(faded_link);
    }

    #[test]
    fn an_added_ring_and_an_added_team_are_marked_along_their_ring() {
        let old = base();
        let mut new = base();
        new.rings.push(crate::model::Ring::new("partners", "Partners"));
        new.teams.push(crate::model::Team::new("west", "West", "support"));
        new.roles[1].team = "west".into();
        let changes = compare(&old, &new);
        let scene = diff_scene(&old, &new, &changes, Theme::light());
        let arcs: Vec<usize> = scene
            .items
            .iter()
            .filter(|i| i.part == Part::Decoration)
            .filter_map(|i| match &i.shape {
                // (Arcs: the legend's samples are two-point lines, and it draws
                // "collaborates with" in the same green.)
                Shape::Line { stroke, points }
                    if stroke.color == ADDED && stroke.width == 3.0 && points.len() > 2 =>
                {
                    Some(points.len())
                }
                _ => None,
            })
            .collect();
        assert_eq!(arcs.len(), 2, "the new ring and the new team's sector: {arcs:?}");
        assert!(arcs.iter().any(|&n| n > 300), "the ring all the way round: {arcs:?}");
    }

    #[test]
    fn a_moved_role_gets_an_arrow_from_its_old_ring() {
        let old = base();
        let mut new = base();
        new.roles[1].ring = "team".into(); // the coach moves in
        let changes = compare(&old, &new);
        let scene = diff_scene(&old, &new, &changes, Theme::light());
        let arrows: Vec<&Shape> = scene
            .items
            .iter()
            .filter(|i| i.part == Part::Decoration)
            .map(|i| &i.shape)
            .filter(
                |s| matches!(s, Shape::Line { stroke, .. } if stroke.color == Theme::light().text),
            )
            .collect();
        assert_eq!(arrows.len(), 1);
        let Shape::Line { points, .. } = arrows[0] else { unreachable!() };
        let placed = layout::compute(&new, &LayoutOptions::default(), &crate::font::measure);
        let support = placed.rings[2].radius;
        let start = (points[0].x.powi(2) + points[0].y.powi(2)).sqrt();
        assert!((start - support).abs() < 1.0, "from the support ring: {start} vs {support}");
    }
}
