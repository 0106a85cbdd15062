//! Builds the scene of a map from its layout: bands for rings and teams, names along the
//! rings, links as styled arrows, roles as nodes with their labels.

use std::f64::consts::{PI, TAU};

use super::bundle::Bundles;
use super::style::{Head, LEGEND_KINDS, link_style};
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
    /// How links are drawn.
    pub links: Links,
}

/// How a scene draws its links.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Links {
    /// Each link a straight arrow from role to role.
    Straight,
    /// Links bundled along the map's hierarchy (see [`super::bundle`]), with a `strength`:
    /// 0 is straight, 1 passes through every hub. The selected role's links stay straight.
    /// `pixel` is one pixel of the screen in map units: curves are drawn with as few points as
    /// keep them within one (three when the map is seen whole; see `curve_tolerance`).
    Bundled { strength: f64, pixel: f64 },
    /// The overview of a map too large to read role by role: between every two teams (or
    /// runs of roles outside teams) that links join, one band as wide as their number, in
    /// the colour of their most common kind. `dissolve` (0 to 1) fades the bands out and the
    /// bundled links in, as the view comes closer; `pixel` is one pixel of the screen in map
    /// units (the bands keep their width on screen).
    Overview { dissolve: f64, pixel: f64 },
    /// No links (only the selected role's, if any).
    None,
}

impl Links {
    /// The strength bundled links are drawn with when asked for plainly (`--links bundled`):
    /// all the way through the hubs, so that the links between two teams are drawn one over
    /// the other, as one line (measured: 0.39x the ink of straight links on a 1,000-role map;
    /// at Holten's 0.85 the curves part and draw 1.25x, more than straight; BENCHMARKS.md).
    pub const BUNDLED: Links = Links::Bundled { strength: 1.0, pixel: 1.0 };
}

/// How the window draws links (View > Links): as the user chose, or by how close the view is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum LinkView {
    /// While labels are too small to read, the overview (bands between teams, teams named
    /// with their counts of roles); coming closer, the bands dissolve into bundled links,
    /// which straighten as the labels become readable.
    #[default]
    Automatic,
    Straight,
    Bundled,
    None,
}

/// Label sizes on screen, in pixels, between which automatic links change: below the first
/// the overview (labels are not drawn below it); up to the second the bands dissolve into
/// bundled links; up to the third those straighten.
const OVERVIEW_PX: f64 = 4.5;
const DISSOLVED_PX: f64 = 5.5;
const STRAIGHT_PX: f64 = 8.0;

/// Maps with fewer links than this are drawn with straight links at any zoom in automatic
/// mode: a few dozen links read one by one, and bundling them only bends them.
pub const AUTOMATIC_FROM_LINKS: usize = 150;

/// Steps the automatic changes are taken in: a scene is built again at each, not at every
/// frame of a zoom (a 10,000-role scene takes 80 ms straight, 0.45 s bundled), and a step
/// moves a link by no more than a few pixels.
const AUTOMATIC_STEPS: f64 = 10.0;

/// How far a drawn bundled curve may stray from its B-spline, in map units, when one screen
/// pixel is `pixel`: a pixel; three where the map is seen whole (below the window's overview
/// zoom, where links are faint hairlines and a 10,000-role map's curves would otherwise be
/// half a million triangles a frame).
fn curve_tolerance(pixel: f64) -> f64 {
    const OVERVIEW_PIXEL: f64 = 1.0 / 0.35;
    if pixel >= OVERVIEW_PIXEL { 3.0 * pixel } else { pixel }
}

/// One screen pixel in map units at `zoom`, to the nearest of `steps` powers of two per
/// doubling: a scene that depends on it is made again only that often as the zoom changes.
fn pixel_at(zoom: f64, steps: f64) -> f64 {
    2f64.powf((-zoom.max(1e-6).log2() * steps).round() / steps)
}

impl LinkView {
    /// How links are drawn at `zoom` (screen pixels per map unit) with labels of
    /// `label_size`, on a map of `links` links.
    pub fn links_at(self, zoom: f64, label_size: f64, links: usize) -> Links {
        let px = label_size * zoom;
        let step = |t: f64| (t.clamp(0.0, 1.0) * AUTOMATIC_STEPS).round() / AUTOMATIC_STEPS;
        match self {
            LinkView::Straight => Links::Straight,
            // Bundled curves are drawn again when the zoom doubles or halves.
            LinkView::Bundled => Links::Bundled { strength: 1.0, pixel: pixel_at(zoom, 1.0) },
            LinkView::None => Links::None,
            LinkView::Automatic if px >= STRAIGHT_PX || links < AUTOMATIC_FROM_LINKS => {
                Links::Straight
            }
            LinkView::Automatic if px >= DISSOLVED_PX => {
                let t = (px - DISSOLVED_PX) / (STRAIGHT_PX - DISSOLVED_PX);
                // Smooth at both ends: no jump where the straightening starts or stops.
                let strength = 1.0 - step(t * t * (3.0 - 2.0 * t));
                Links::Bundled { strength, pixel: pixel_at(zoom, 1.0) }
            }
            LinkView::Automatic => {
                let dissolve = step((px - OVERVIEW_PX) / (DISSOLVED_PX - OVERVIEW_PX));
                // Band widths are kept on screen; a new scene every eighth of a doubling.
                Links::Overview { dissolve, pixel: pixel_at(zoom, 8.0) }
            }
        }
    }
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
            links: Links::Straight,
        }
    }
}

/// Ring and team names of the overview, in screen pixels.
const OVERVIEW_RING_NAME_PX: f64 = 16.0;
const OVERVIEW_TEAM_NAME_PX: f64 = 13.0;

/// Opacity of what is not in focus while a role is selected.
const MUTED: f64 = 0.28;

/// The scene of a map laid out by `layout` (computed from the same map).
pub fn build(map: &OrgMap, layout: &Layout, options: &SceneOptions) -> Scene {
    build_routed(map, layout, None, options)
}

/// [`build`] with the links' routes through the hierarchy computed beforehand, once per
/// layout (the window does it with the layout, off the UI thread for big maps); without them
/// they are computed here when links are bundled. A link whose route no longer joins its
/// roles (the map changed and its layout is being computed) is drawn straight.
pub fn build_routed(
    map: &OrgMap,
    layout: &Layout,
    routes: Option<&Bundles>,
    options: &SceneOptions,
) -> Scene {
    // The overview names the teams with their counts of roles, in type kept readable on
    // screen, as presenting does for rings too crowded for labels.
    let overview;
    let options = match (options.links, &options.stage) {
        (Links::Overview { pixel, .. }, None) => {
            let stage = Stage {
                rings: layout.rings.len(),
                collapsed: vec![true; layout.rings.len()],
                ring_name_size: OVERVIEW_RING_NAME_PX * pixel,
                team_name_size: OVERVIEW_TEAM_NAME_PX * pixel,
            };
            overview = SceneOptions { stage: Some(stage), ..options.clone() };
            &overview
        }
        _ => options,
    };
    let bundled = matches!(options.links, Links::Overview { .. })
        || matches!(options.links, Links::Bundled { strength, .. } if strength > 0.0);
    let computed;
    let routes = match routes {
        _ if !bundled => None,
        Some(routes) => Some(routes),
        None => {
            computed = Bundles::new(map, layout);
            Some(&computed)
        }
    };
    let mut builder = Builder {
        map,
        index: map.index(),
        layout,
        options,
        routes,
        items: Vec::new(),
        on_top: Vec::new(),
    };
    builder.rings();
    builder.names();
    builder.links();
    builder.roles();
    let mut items = builder.items;
    items.append(&mut builder.on_top);
    Scene::new(items, options.theme.background, layout.extent)
}

struct Builder<'a> {
    map: &'a OrgMap,
    index: Index<'a>,
    layout: &'a Layout,
    options: &'a SceneOptions,
    /// The links' routes, when they are bundled.
    routes: Option<&'a Bundles>,
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

    /// Links as arrows from node edge to node edge, styled by kind: straight, or bundled
    /// along the hierarchy. The selected role's links are drawn straight and on top, so that
    /// they can be followed in any mode.
    fn links(&mut self) {
        let selected = self.options.focus.selected;
        let r = self.options.layout.node_radius;
        let (beta, fade, pixel) = match self.options.links {
            Links::Bundled { strength, pixel } => (strength, 1.0, pixel),
            Links::Overview { dissolve, pixel } => {
                self.team_bands(1.0 - dissolve, pixel);
                (1.0, dissolve.clamp(0.0, 1.0), pixel)
            }
            _ => (0.0, 1.0, 1.0),
        };
        let bundles = self.routes.filter(|_| beta > 0.0);
        let mut on_top = Vec::new();
        // The straight runs between two blocks' hubs drawn so far, by pair and look: at full
        // strength every link between two teams runs along the same one, drawn once.
        let mut trunks = std::collections::HashSet::new();
        for (l, link) in self.map.links.iter().enumerate() {
            let (Some(a), Some(b)) = (self.index.role(&link.from), self.index.role(&link.to))
            else {
                continue;
            };
            if !self.shows_role(a) || !self.shows_role(b) {
                continue;
            }
            let (from, to) = (self.layout.roles[a].pos, self.layout.roles[b].pos);
            if a == b || to.minus(from).length() <= 2.0 * r + 1.0 {
                continue;
            }
            let touches = selected.is_some_and(|s| s == a || s == b);
            let chosen = self.options.focus.link == Some(l);
            let hidden = self.options.links == Links::None || fade <= 0.0;
            if hidden && !touches && !chosen {
                continue;
            }
            let curve = bundles
                .filter(|_| !touches && !chosen)
                .and_then(|routes| routes.curve(l, (a, b), beta, curve_tolerance(pixel)));
            let path = curve.unwrap_or_else(|| vec![from, to]);
            let Some(path) = clear_of_nodes(&path, r + 1.0, r + 1.5) else { continue };
            let (width, opacity) = match selected {
                _ if chosen => (3.4, 1.0),
                None if self.options.focus.matches.is_some() => (1.0, MUTED * 0.6),
                None => (1.4, 0.8),
                Some(_) if touches => (2.6, 1.0),
                Some(_) => (1.0, MUTED * 0.6),
            };
            let opacity = if touches || chosen { opacity } else { opacity * fade };
            let mut shapes = Vec::new();
            if touches && self.options.stage.is_some() {
                // On a projector the spotlit role's links glow: a wide soft line beneath.
                let glow = Stroke::solid(9.0, self.theme().selection.faded(0.35));
                shapes.push(Shape::Line { points: path.clone(), stroke: glow });
            }
            let trunk = bundles
                .filter(|_| beta >= 1.0 && !touches && !chosen)
                .and_then(|routes| trunk_of(&path, routes, (a, b), 2.0 * (7.0 + 2.0 * width)));
            match trunk {
                Some((at_a, at_b, pair)) => {
                    let stroke = link_stroke(&link.kind, width, opacity);
                    let c = stroke.color;
                    let look = ((c.r, c.g, c.b, c.a), stroke.dash as u8, width.to_bits());
                    shapes.push(Shape::Line { points: path[..=at_a].to_vec(), stroke });
                    if trunks.insert((pair, look)) {
                        let points = path[at_a..=at_b].to_vec();
                        shapes.push(Shape::Line { points, stroke });
                    }
                    shapes.extend(arrow_along(&path[at_b..], &link.kind, width, opacity));
                }
                None => shapes.extend(arrow_along(&path, &link.kind, width, opacity)),
            }
            // Bundled, the selection's links go over the bundles they would be lost in.
            let shapes = shapes.into_iter().map(|shape| Item { shape, part: Part::Link(l) });
            if bundles.is_some() && (touches || chosen) {
                on_top.extend(shapes);
            } else {
                self.items.extend(shapes);
            }
        }
        self.items.extend(on_top);
    }

    /// The overview's bands: one between every two blocks (teams' sectors, runs of roles
    /// outside teams) that links join, from hub to hub, as wide as their number (the widest
    /// 16 screen pixels), in the colour of their most common kind, at `opacity`.
    fn team_bands(&mut self, opacity: f64, pixel: f64) {
        let Some(bundles) = self.routes.filter(|_| opacity > 0.0) else { return };
        // (block, block) -> count of each kind, in the legend's order.
        let mut pairs: std::collections::BTreeMap<(usize, usize), Vec<usize>> = Default::default();
        for link in &self.map.links {
            let (Some(a), Some(b)) = (self.index.role(&link.from), self.index.role(&link.to))
            else {
                continue;
            };
            let (Some(x), Some(y)) = (bundles.block_of(a), bundles.block_of(b)) else { continue };
            if x == y || !self.shows_role(a) || !self.shows_role(b) {
                continue;
            }
            let kinds =
                pairs.entry((x.min(y), x.max(y))).or_insert_with(|| vec![0; LEGEND_KINDS.len()]);
            let same =
                |k: &LinkKind| std::mem::discriminant(k) == std::mem::discriminant(&link.kind);
            if let Some(k) = LEGEND_KINDS.iter().position(same) {
                kinds[k] += 1;
            }
        }
        let widest = pairs.values().map(|k| k.iter().sum::<usize>()).max().unwrap_or(1).max(1);
        for ((x, y), kinds) in pairs {
            let count: usize = kinds.iter().sum();
            // The most common kind; a tie goes to the kind first in the legend.
            let Some(kind) = (0..kinds.len()).max_by_key(|&k| (kinds[k], usize::MAX - k)) else {
                continue;
            };
            let color = link_style(&LEGEND_KINDS[kind]).color.faded(0.55 * opacity);
            let width = pixel * (1.5 + 14.5 * count as f64 / widest as f64);
            let points = vec![bundles.hub(x), bundles.hub(y)];
            self.push(
                Part::Decoration,
                Shape::Line { points, stroke: Stroke::solid(width, color) },
            );
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
    arrow_along(&[start, end], kind, width, opacity)
}

/// How a link of `kind` is stroked.
fn link_stroke(kind: &LinkKind, width: f64, opacity: f64) -> Stroke {
    let style = link_style(kind);
    Stroke { width, color: style.color.faded(opacity), dash: style.dash }
}

/// Where a bundled link's `path` (from role `ends.0` to `ends.1`) reaches the hub of its first
/// role's block and that of its second's, when they are different blocks: (index of the first
/// hub's point, index of the second's, the pair of blocks). `None` when the link stays in its
/// block, or when less than `tail` is left after the second hub (for the arrowhead).
fn trunk_of(
    path: &[Point],
    routes: &Bundles,
    ends: (usize, usize),
    tail: f64,
) -> Option<(usize, usize, (usize, usize))> {
    let (x, y) = (routes.block_of(ends.0)?, routes.block_of(ends.1)?);
    if x == y {
        return None;
    }
    let near = |hub: Point| path.iter().position(|p| p.minus(hub).length() < 1e-6);
    let (at_a, at_b) = (near(routes.hub(x))?, near(routes.hub(y))?);
    let rest: f64 = path[at_b..].windows(2).map(|w| w[1].minus(w[0]).length()).sum();
    (at_a >= 1 && at_b > at_a && at_b + 1 < path.len() && rest >= tail).then_some((
        at_a,
        at_b,
        (x.min(y), x.max(y)),
    ))
}

/// A link's shapes along `path` (at least two points, already clear of the nodes): its line
/// in the kind's colour and dash, and its arrowhead at the end, pointing along the path's
/// last stretch.
pub fn arrow_along(path: &[Point], kind: &LinkKind, width: f64, opacity: f64) -> Vec<Shape> {
    let style = link_style(kind);
    let stroke = link_stroke(kind, width, opacity);
    let color = stroke.color;
    let head_length = 7.0 + 2.0 * width;
    let (Some(&end), Some(&first)) = (path.last(), path.first()) else { return Vec::new() };
    // The head points from where the path was a head's length before its end.
    let back_from = trimmed_end(path, head_length).last().copied().unwrap_or(first);
    let d = end.minus(back_from);
    let unit = d.scale(1.0 / d.length().max(1e-9));
    let shaft = if style.head == Head::Filled {
        trimmed_end(path, head_length * 0.8)
    } else {
        path.to_vec()
    };
    let mut shapes = vec![Shape::Line { points: shaft, stroke }];
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

/// The path with its end cut back by `length` along it (at least its first point is kept).
fn trimmed_end(path: &[Point], length: f64) -> Vec<Point> {
    let mut out = path.to_vec();
    let mut left = length;
    while out.len() >= 2 {
        let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
        let piece = b.minus(a).length();
        if piece > left {
            let last = out.len() - 1;
            out[last] = b.minus(b.minus(a).scale(left / piece));
            return out;
        }
        left -= piece;
        out.pop();
    }
    out
}

/// The path from where it leaves a circle of `start` about its first point to where it
/// enters one of `end` about its last (links start and end at their nodes' edges); `None`
/// when the nodes are so close that nothing is left.
fn clear_of_nodes(path: &[Point], start: f64, end: f64) -> Option<Vec<Point>> {
    let (&first, &last) = (path.first()?, path.last()?);
    // The first segment that leaves the circle, and where along it (a path may wander back
    // in, but a link's curve leaves its node once).
    fn leave(
        mut points: impl Iterator<Item = (usize, Point, Point)>,
        centre: Point,
        r: f64,
    ) -> Option<(usize, Point)> {
        points.find(|(_, _, b)| b.minus(centre).length() >= r).map(|(i, a, b)| {
            let (mut lo, mut hi) = (0.0, 1.0);
            for _ in 0..24 {
                let mid = (lo + hi) / 2.0;
                if a.plus(b.minus(a).scale(mid)).minus(centre).length() < r {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            (i, a.plus(b.minus(a).scale(hi)))
        })
    }
    let n = path.len();
    let (i, from) = leave((0..n - 1).map(|i| (i, path[i], path[i + 1])), first, start)?;
    let (j, to) = leave((1..n).rev().map(|j| (j, path[j], path[j - 1])), last, end)?;
    // Segment i (from point i to i + 1) holds the start, segment j - 1 the end.
    if j < i + 1 || (j == i + 1 && from.minus(first).length() >= to.minus(first).length()) {
        return None;
    }
    let mut points = Vec::with_capacity(j - i + 2);
    points.push(from);
    points.extend_from_slice(&path[i + 1..j]);
    points.push(to);
    Some(points)
}

/// The angle a text of this size (bold or not) takes along a circle of `radius`.
fn arc_span(text: &str, size: f64, radius: f64, bold: bool) -> f64 {
    crate::font::measure_face(text, size, bold) / radius.max(1.0)
}
