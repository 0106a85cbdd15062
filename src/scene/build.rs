//! Builds the scene of a map from its layout: bands for rings and teams, names along the
//! rings, links as styled arrows, roles as nodes with their labels.

use std::f64::consts::{PI, TAU};

use super::style::{Head, link_style};
use super::{Anchor, Color, Dash, Item, Part, Scene, Shape, Stroke, Text, Theme};
use crate::layout::names::{self, Arc};
use crate::layout::{Layout, LayoutOptions, Point, angular_distance, normalize};
use crate::model::{Index, LinkKind, OrgMap, Status};

/// What the viewer is looking at: the selected role is emphasised with its links and the
/// roles it is linked to; the rest is muted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Focus {
    pub selected: Option<usize>,
    /// More selected roles (a multi-selection): ringed like the selected one, nothing muted.
    pub marked: Vec<usize>,
    /// A selected link, drawn wide.
    pub link: Option<usize>,
    /// Roles that match a search: they get a halo and the others are muted.
    pub matches: Option<Vec<usize>>,
    /// A selected ring, outlined.
    pub ring: Option<usize>,
    /// A selected team, its sector tinted.
    pub team: Option<usize>,
}

impl Focus {
    pub fn role(selected: usize) -> Self {
        Focus { selected: Some(selected), ..Focus::default() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneOptions {
    pub theme: Theme,
    /// The sizes the layout was computed with.
    pub layout: LayoutOptions,
    pub focus: Focus,
    /// Set while presenting: which rings are shown and how names are sized.
    pub stage: Option<Stage>,
}

/// What a presentation shows of the map at one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Rings shown, from the centre (the organisation builds up ring by ring).
    pub rings: usize,
    /// Rings too crowded for readable labels: their roles are drawn without names, and
    /// their teams (or the ring) carry the count of roles instead.
    pub collapsed: Vec<bool>,
    /// Sizes of ring and team names, in map units (so that they are large on screen).
    pub ring_name_size: f64,
    pub team_name_size: f64,
}

impl Default for SceneOptions {
    fn default() -> Self {
        SceneOptions {
            theme: Theme::light(),
            layout: LayoutOptions::default(),
            focus: Focus::default(),
            stage: None,
        }
    }
}

/// Opacity of what is not in focus while a role is selected.
const MUTED: f64 = 0.28;

/// The scene of a map laid out by `layout` (computed from the same map).
pub fn build(map: &OrgMap, layout: &Layout, options: &SceneOptions) -> Scene {
    let mut builder =
        Builder { map, index: map.index(), layout, options, items: Vec::new(), on_top: Vec::new() };
    builder.rings();
    builder.names();
    builder.links();
    builder.roles();
    let mut items = builder.items;
    items.append(&mut builder.on_top);
    Scene { items, background: options.theme.background, bounds: layout.extent }
}

struct Builder<'a> {
    map: &'a OrgMap,
    index: Index<'a>,
    layout: &'a Layout,
    options: &'a SceneOptions,
    items: Vec<Item>,
    /// Drawn after everything else: the names of collapsed rings in a presentation, whose
    /// large type reaches past the ring's name strip over nodes and links.
    on_top: Vec<Item>,
}

impl Builder<'_> {
    fn push(&mut self, part: Part, shape: Shape) {
        self.items.push(Item { shape, part });
    }

    fn theme(&self) -> &Theme {
        &self.options.theme
    }

    /// Whether ring `k` is drawn (all are, unless a presentation has not reached it yet).
    fn shows_ring(&self, k: usize) -> bool {
        self.options.stage.as_ref().is_none_or(|stage| k < stage.rings)
    }

    /// Whether ring `k`'s roles are drawn without their names.
    fn collapsed(&self, k: usize) -> bool {
        self.options.stage.as_ref().is_some_and(|s| s.collapsed.get(k).copied().unwrap_or(false))
    }

    /// Whether role `i` is drawn.
    fn shows_role(&self, i: usize) -> bool {
        self.layout.roles.get(i).is_some_and(|r| self.shows_ring(r.ring))
    }

    /// "Coaches · 12 roles" for a team of a collapsed ring.
    fn with_count(&self, name: &str, count: usize) -> String {
        match count {
            1 => format!("{name} · 1 role"),
            n => format!("{name} · {n} roles"),
        }
    }

    /// Roles in focus: none selected means all; else the selected one and its neighbours.
    fn in_focus(&self) -> Vec<bool> {
        let Some(selected) = self.options.focus.selected else {
            return match &self.options.focus.matches {
                Some(matches) => {
                    let mut focus = vec![false; self.map.roles.len()];
                    for &i in matches {
                        if let Some(slot) = focus.get_mut(i) {
                            *slot = true;
                        }
                    }
                    focus
                }
                None => vec![true; self.map.roles.len()],
            };
        };
        let mut focus = vec![false; self.map.roles.len()];
        if let Some(slot) = focus.get_mut(selected) {
            *slot = true;
        }
        let id = self.map.roles.get(selected).map(|r| r.id.as_str()).unwrap_or_default();
        for link in &self.map.links {
            let other = if link.from == id {
                &link.to
            } else if link.to == id {
                &link.from
            } else {
                continue;
            };
            if let Some(i) = self.index.role(other) {
                focus[i] = true;
            }
        }
        focus
    }

    fn ring_color(&self, k: usize) -> Color {
        let ring = &self.map.rings[k];
        Color::from_hex(&ring.color).unwrap_or_else(|| self.theme().pick(k))
    }

    fn team_color(&self, t: usize) -> Color {
        let team = &self.map.teams[t];
        Color::from_hex(&team.color).unwrap_or_else(|| self.theme().pick(self.map.rings.len() + t))
    }

    /// Ring bands from the centre out, team wedges over them, and the ring edges.
    fn rings(&mut self) {
        for (k, ring) in self.layout.rings.iter().enumerate() {
            if !self.shows_ring(k) {
                continue;
            }
            let tint = if self.map.rings[k].color.is_empty() {
                self.theme().ring_tints[k % 2]
            } else {
                self.theme().background.mix(self.ring_color(k), 0.12)
            };
            let band = Shape::Band {
                inner: ring.inner,
                outer: ring.outer,
                start: 0.0,
                end: TAU,
                fill: tint,
            };
            self.push(Part::Ring(k), band);
        }
        for (t, team) in self.layout.teams.iter().enumerate() {
            let Some(ring) = self.layout.rings.get(team.ring) else { continue };
            if !self.shows_ring(team.ring) {
                continue;
            }
            let fill = self.team_color(t).faded(self.theme().team_alpha);
            let (inner, outer) = (ring.inner, ring.outer);
            self.push(
                Part::Team(t),
                Shape::Band { inner, outer, start: team.start, end: team.end, fill },
            );
        }
        if let Some(t) = self.options.focus.team
            && let Some(team) = self.layout.teams.get(t)
            && let Some(ring) = self.layout.rings.get(team.ring)
        {
            let fill = self.theme().selection.faded(0.18);
            let (inner, outer) = (ring.inner, ring.outer);
            let band = Shape::Band { inner, outer, start: team.start, end: team.end, fill };
            self.push(Part::Team(t), band);
        }
        let edge = Stroke::solid(1.0, self.theme().ring_edge);
        for (k, ring) in self.layout.rings.iter().enumerate() {
            if self.shows_ring(k) {
                self.push(Part::Ring(k), Shape::Circle { radius: ring.outer, stroke: edge });
            }
        }
        if let Some(k) = self.options.focus.ring
            && let Some(ring) = self.layout.rings.get(k)
        {
            let stroke = Stroke::solid(3.0, self.theme().selection);
            for radius in [ring.inner, ring.outer].into_iter().filter(|&r| r > 0.0) {
                self.push(Part::Ring(k), Shape::Circle { radius, stroke });
            }
        }
    }

    /// Ring and team names where the layout found room for them in each ring's strip.
    fn names_as_laid_out(&mut self) {
        let o = &self.options.layout;
        let (ring_size, team_size) = (o.ring_name_size(), o.team_name_size());
        for (t, team) in self.layout.teams.iter().enumerate() {
            let Some(angle) = team.name_angle else { continue };
            let radius = self.layout.rings[team.ring].name_radius;
            let text = self.map.teams[t].name.clone();
            let color = self.team_color(t).mix(self.theme().text, 0.45);
            let name = Shape::ArcText { radius, angle, text, size: team_size, color, bold: false };
            self.push(Part::Team(t), name);
        }
        for (k, ring) in self.layout.rings.iter().enumerate() {
            let Some(angle) = ring.name_angle else { continue };
            let text = self.map.rings[k].name.clone();
            let color = self.theme().text;
            let radius = ring.name_radius;
            let name = Shape::ArcText { radius, angle, text, size: ring_size, color, bold: true };
            self.push(Part::Ring(k), name);
        }
    }

    /// Ring and team names: where the layout put them, or, presenting, in large type where
    /// they fit (rings too crowded for labels carry counts of roles).
    fn names(&mut self) {
        let Some(stage) = &self.options.stage else {
            self.names_as_laid_out();
            return;
        };
        let (ring_size, team_size) = (stage.ring_name_size, stage.team_name_size);
        // Roles per team and, outside teams, per ring: collapsed rings show these counts.
        let mut in_team = vec![0; self.map.teams.len()];
        let mut teamless = vec![0; self.layout.rings.len()];
        for (i, role) in self.map.roles.iter().enumerate() {
            match self.index.team(&role.team) {
                Some(t) => in_team[t] += 1,
                None => teamless[self.layout.roles[i].ring] += 1,
            }
        }
        // Every name drawn so far (radius, angle, span, size): large presentation type can
        // reach across into the next ring's strip, so names avoid those of other rings too.
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        let near = |placed: &[(f64, f64, f64, f64)], radius: f64, size: f64, at: f64, span: f64| {
            placed.iter().any(|&(r, a, s, z)| {
                (r - radius).abs() < (z + size) * 0.6
                    && angular_distance(a, at) < (s + span) / 2.0 + 0.02
            })
        };
        for (k, &teamless) in teamless.iter().enumerate() {
            if !self.shows_ring(k) {
                continue;
            }
            let radius = self.layout.rings[k].name_radius;
            let mut name = self.map.rings[k].name.clone();
            if self.collapsed(k) && teamless > 0 {
                name = self.with_count(&name, teamless);
            }
            // Team names at the middle of their sectors, where they fit.
            let mut taken: Vec<(f64, f64)> = Vec::new();
            let candidates =
                if k == 0 { names::CENTRE_NAME_PLACES } else { names::RING_NAME_PLACES };
            let ring_span = arc_span(&name, ring_size, radius, true);
            // Large type that would wrap more than half way round a small ring is left out
            // rather than shrunk or tangled (the step that revealed the ring showed its name,
            // and the step indicator names it).
            if ring_span > PI {
                name.clear();
            }
            // Where the ring's roles and their labels are drawn, large type would run into
            // them: names keep clear (on a collapsed ring they go over its dots instead).
            let in_the_way = |size: f64| self.roles_in_the_way(k, radius, size);
            let (ring_blocked, team_blocked) = (in_the_way(ring_size), in_the_way(team_size));
            let over_roles = |blocked: &[Arc], at: f64, span: f64| {
                blocked.iter().any(|b| b.overlaps(&Arc::around(at, span)))
            };
            // On a projector the ring's name comes first, at the first usual place clear of
            // other rings' names and of roles; team names make way for it.
            let mut ring_angle = None;
            if !name.is_empty() {
                let clear = |&a: &f64| {
                    !near(&placed, radius, ring_size, a, ring_span)
                        && !over_roles(&ring_blocked, a, ring_span)
                };
                ring_angle = candidates.into_iter().map(normalize).find(clear);
                if let Some(angle) = ring_angle {
                    taken.push((angle, ring_span));
                }
            }
            for (t, team) in self.layout.teams.iter().enumerate() {
                if team.ring != k {
                    continue;
                }
                let mut text = self.map.teams[t].name.clone();
                if self.collapsed(k) {
                    text = self.with_count(&text, in_team[t]);
                }
                let span = arc_span(&text, team_size, radius, false);
                let sector = team.end - team.start;
                if span > sector * names::MAX_SECTOR_SHARE {
                    continue;
                }
                // The middle of the sector, or the place nearest to it that is free (a
                // ring's name may hold the middle), still inside the sector.
                let clear = |at: f64| {
                    taken.iter().all(|&(t, s)| angular_distance(t, at) >= (s + span) / 2.0 + 0.02)
                        && !near(&placed, radius, team_size, at, span)
                        && !over_roles(&team_blocked, at, span)
                };
                let room = (sector - span) / 2.0;
                let steps = 12;
                let offsets = (0..=steps).flat_map(|i| {
                    let d = room * i as f64 / steps as f64;
                    [d, -d]
                });
                let centre = team.start + sector / 2.0;
                let Some(mid) = offsets.map(|d| normalize(centre + d)).find(|&at| clear(at)) else {
                    continue;
                };
                taken.push((mid, span));
                placed.push((radius, mid, span, team_size));
                let color = self.team_color(t).mix(self.theme().text, 0.45);
                let name = Shape::ArcText {
                    radius,
                    angle: mid,
                    text,
                    size: team_size,
                    color,
                    bold: false,
                };
                self.push_name(k, Part::Team(t), name, span);
            }
            let Some(angle) = ring_angle else { continue };
            let span = ring_span;
            placed.push((radius, angle, span, ring_size));
            let color = self.theme().text;
            let name =
                Shape::ArcText { radius, angle, text: name, size: ring_size, color, bold: true };
            self.push_name(k, Part::Ring(k), name, span);
        }
    }

    /// The arcs of the circle of `radius` where drawn nodes and labels would meet a name of
    /// ring `k` in type of `size` set along it: those of the ring and of its neighbours, which
    /// large type reaches (none on a collapsed ring: its names go on top).
    fn roles_in_the_way(&self, k: usize, radius: f64, size: f64) -> Vec<Arc> {
        if self.collapsed(k) {
            return Vec::new();
        }
        let near = |ring: usize| ring.abs_diff(k) <= 1 && self.shows_ring(ring);
        let roles = self.layout.roles.iter().filter(|placed| near(placed.ring));
        let shapes = roles.map(|placed| (placed.pos, placed.label));
        let r = self.options.layout.node_radius;
        names::arcs_covered(shapes, r, radius - 0.6 * size, radius + 0.6 * size)
    }

    /// A ring or team name (an `ArcText` taking `span` radians) of ring `k`. On a collapsed
    /// ring of a presentation its large type covers nodes and links: it goes on top of them,
    /// on a backdrop of the ground's colour that keeps it readable (the nodes under it are
    /// only dots there, their names not drawn).
    fn push_name(&mut self, k: usize, part: Part, name: Shape, span: f64) {
        let Shape::ArcText { radius, angle, size, .. } = name else { return };
        if !self.collapsed(k) {
            self.push(part, name);
            return;
        }
        let margin = 0.4 * size / radius.max(1.0);
        let start = normalize(angle - span / 2.0 - margin);
        let backdrop = Shape::Band {
            inner: (radius - 0.65 * size).max(0.0),
            outer: radius + 0.65 * size,
            start,
            end: start + span + 2.0 * margin,
            fill: self.theme().background.faded(0.75),
        };
        self.on_top.push(Item { shape: backdrop, part });
        self.on_top.push(Item { shape: name, part });
    }

    /// Links as arrows from node edge to node edge, styled by kind.
    fn links(&mut self) {
        let selected = self.options.focus.selected;
        let r = self.options.layout.node_radius;
        for (l, link) in self.map.links.iter().enumerate() {
            let (Some(a), Some(b)) = (self.index.role(&link.from), self.index.role(&link.to))
            else {
                continue;
            };
            if !self.shows_role(a) || !self.shows_role(b) {
                continue;
            }
            let (from, to) = (self.layout.roles[a].pos, self.layout.roles[b].pos);
            let d = to.minus(from);
            let length = d.length();
            if a == b || length <= 2.0 * r + 1.0 {
                continue;
            }
            let unit = d.scale(1.0 / length);
            let start = from.plus(unit.scale(r + 1.0));
            let end = to.minus(unit.scale(r + 1.5));
            let touches = selected.is_some_and(|s| s == a || s == b);
            let (width, opacity) = match selected {
                _ if self.options.focus.link == Some(l) => (3.4, 1.0),
                None if self.options.focus.matches.is_some() => (1.0, MUTED * 0.6),
                None => (1.4, 0.8),
                Some(_) if touches => (2.6, 1.0),
                Some(_) => (1.0, MUTED * 0.6),
            };
            if touches && self.options.stage.is_some() {
                // On a projector the spotlit role's links glow: a wide soft line beneath.
                let glow = Stroke::solid(9.0, self.theme().selection.faded(0.35));
                self.push(Part::Link(l), Shape::Line { points: vec![start, end], stroke: glow });
            }
            for shape in arrow(start, end, &link.kind, width, opacity) {
                self.push(Part::Link(l), shape);
            }
        }
    }

    /// Nodes, marks for vacant and proposed roles, the selection ring, and labels.
    fn roles(&mut self) {
        let focus = self.in_focus();
        let theme = self.theme().clone();
        let o = self.options.layout.clone();
        let r = o.node_radius;
        let mut ringed = vec![false; self.map.roles.len()];
        for &i in self.options.focus.marked.iter().chain(&self.options.focus.selected) {
            if let Some(slot) = ringed.get_mut(i) {
                *slot = true;
            }
        }
        if let Some(matches) = &self.options.focus.matches {
            for &i in matches.iter().filter(|&&i| i < self.layout.roles.len()) {
                let halo = Shape::Disc {
                    center: self.layout.roles[i].pos,
                    radius: r + 7.0,
                    fill: theme.selection.faded(0.3),
                    stroke: None,
                };
                self.push(Part::Role(i), halo);
            }
        }
        for (i, role) in self.map.roles.iter().enumerate() {
            if !self.shows_role(i) {
                continue;
            }
            let placed = &self.layout.roles[i];
            let color = match self.index.team(&role.team) {
                Some(t) => self.team_color(t),
                None => self.ring_color(placed.ring),
            };
            let opacity = if focus[i] { 1.0 } else { MUTED };
            let center = placed.pos;
            for shape in node(center, r, role.status, color, &theme, opacity) {
                self.push(Part::Role(i), shape);
            }
            if ringed[i] {
                let ring = Shape::Disc {
                    center,
                    radius: r + 3.5,
                    fill: Color::TRANSPARENT,
                    stroke: Some(Stroke::solid(2.5, theme.selection)),
                };
                self.push(Part::Role(i), ring);
            }
            let color = if role.status == Status::Proposed {
                theme.muted_text.faded(opacity)
            } else {
                theme.text.faded(opacity)
            };
            if self.collapsed(placed.ring) {
                continue;
            }
            let lines = crate::font::lines_in_direction(&role.name, placed.label_lines(&role.name));
            let box_ = placed.label;
            // Lines stacked along the box's own vertical axis (labels may be turned). A label
            // beside its node is ranged on the node's side, so every line starts at the node.
            let (sin, cos) = box_.rotation.sin_cos();
            let down = Point::new(-sin, cos);
            let (start, anchor) = match placed.label_beside() {
                false => (box_.center, Anchor::Middle),
                true if box_.center.x > center.x => {
                    (box_.center.plus(Point::new(-box_.half_width, 0.0)), Anchor::Start)
                }
                true => (box_.center.plus(Point::new(box_.half_width, 0.0)), Anchor::End),
            };
            for (n, line) in lines.iter().enumerate() {
                let offset = (n as f64 - (lines.len() as f64 - 1.0) / 2.0) * o.line_height();
                let label = Text {
                    pos: start.plus(down.scale(offset)),
                    text: line.to_string(),
                    size: o.label_size,
                    color,
                    anchor,
                    rotation: box_.rotation,
                    bold: self.options.focus.selected == Some(i),
                };
                self.push(Part::RoleLabel(i), Shape::Text(label));
            }
        }
    }
}

/// A link's shapes from `start` to `end` (already clear of the nodes): its line in the
/// kind's colour and dash, and its arrowhead.
pub fn arrow(start: Point, end: Point, kind: &LinkKind, width: f64, opacity: f64) -> Vec<Shape> {
    let d = end.minus(start);
    let length = d.length().max(1e-9);
    let unit = d.scale(1.0 / length);
    let style = link_style(kind);
    let color = style.color.faded(opacity);
    let stroke = Stroke { width, color, dash: style.dash };
    let head_length = 7.0 + 2.0 * width;
    let shaft_end =
        if style.head == Head::Filled { end.minus(unit.scale(head_length * 0.8)) } else { end };
    let mut shapes = vec![Shape::Line { points: vec![start, shaft_end], stroke }];
    let normal = Point::new(-unit.y, unit.x);
    let back = end.minus(unit.scale(head_length));
    let left = back.plus(normal.scale(head_length * 0.45));
    let right = back.minus(normal.scale(head_length * 0.45));
    match style.head {
        Head::Filled => shapes.push(Shape::Polygon { points: vec![end, left, right], fill: color }),
        Head::Open => {
            let stroke = Stroke { dash: Dash::Solid, ..stroke };
            shapes.push(Shape::Line { points: vec![left, end, right], stroke });
        }
        Head::None => {}
    }
    shapes
}

/// A role's node: filled; hollow and dashed with a "?" when vacant; faded and dotted when
/// proposed.
pub fn node(
    center: Point,
    radius: f64,
    status: Status,
    color: Color,
    theme: &Theme,
    opacity: f64,
) -> Vec<Shape> {
    let disc =
        |fill: Color, stroke: Stroke| Shape::Disc { center, radius, fill, stroke: Some(stroke) };
    match status {
        Status::Filled => vec![disc(
            color.faded(opacity),
            Stroke::solid(1.0, theme.node_edge.faded(0.55 * opacity)),
        )],
        Status::Vacant => vec![
            disc(
                theme.background.faded(opacity),
                Stroke { width: 1.6, color: color.faded(opacity), dash: Dash::Dashed },
            ),
            Shape::Text(Text {
                pos: center,
                text: "?".into(),
                size: radius * 1.7,
                color: color.mix(theme.text, 0.4).faded(opacity),
                anchor: Anchor::Middle,
                rotation: 0.0,
                bold: true,
            }),
        ],
        Status::Proposed => vec![disc(
            color.faded(0.35 * opacity),
            Stroke { width: 1.2, color: color.faded(opacity), dash: Dash::Dotted },
        )],
    }
}

/// The angle a text of this size (bold or not) takes along a circle of `radius`.
fn arc_span(text: &str, size: f64, radius: f64, bold: bool) -> f64 {
    crate::font::measure_face(text, size, bold) / radius.max(1.0)
}
