//! Presenting a map to a room: the steps (the centre, then each ring outward, then a tour of
//! the roles), the camera of each step, and the large type a projector needs.
//!
//! Text is never drawn below [`MIN_LABEL_PX`] on the screen presented to. The map keeps the
//! layout the editor shows (the facilitator sees the same map as the room). While the rings
//! build up, the camera fits the rings shown so far; once role labels would be smaller than
//! the limit, the rings are collapsed: roles drawn without names, their teams (or the ring)
//! carrying a count of roles instead. The tour of roles comes close enough for every name to
//! be read, each role in turn at the middle of the screen.

use super::build::{Focus, SceneOptions, Stage, build};
use super::{Scene, Theme};
use crate::layout::{Layout, LayoutOptions, Point, Rect};
use crate::model::OrgMap;

/// Smallest role label on screen, in pixels.
pub const MIN_LABEL_PX: f64 = 18.0;
/// Ring names on screen, in pixels.
pub const RING_NAME_PX: f64 = 30.0;
/// Team names on screen, in pixels.
pub const TEAM_NAME_PX: f64 = 22.0;
/// One step of a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The first this many rings, from the centre.
    Rings(usize),
    /// The tour reached role `index` (of the map's roles): it is in the spotlight.
    Role(usize),
}

/// A map laid out for presenting on a screen of a given size.
#[derive(Debug, Clone)]
pub struct Presentation {
    pub layout: Layout,
    pub options: LayoutOptions,
    pub steps: Vec<Step>,
}

/// The zoom that fits `extent` into a screen, with a margin.
pub fn fit_zoom(extent: Rect, screen: (f64, f64)) -> f64 {
    let zoom_x = screen.0 * 0.94 / extent.width().max(1.0);
    let zoom_y = screen.1 * 0.90 / extent.height().max(1.0);
    zoom_x.min(zoom_y)
}

impl Presentation {
    /// The presentation of a map laid out by `layout` (with `options`): the editor's layout,
    /// so the room sees the map the facilitator sees.
    pub fn new(layout: &Layout, options: &LayoutOptions) -> Self {
        let mut tour: Vec<usize> = (0..layout.roles.len()).collect();
        tour.sort_by(|&a, &b| {
            let (ra, rb) = (&layout.roles[a], &layout.roles[b]);
            (ra.ring, ra.angle)
                .partial_cmp(&(rb.ring, rb.angle))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let steps = (1..=layout.rings.len())
            .map(Step::Rings)
            .chain(tour.into_iter().map(Step::Role))
            .collect();
        Presentation { layout: layout.clone(), options: options.clone(), steps }
    }

    /// How many rings a step shows.
    pub fn rings_shown(&self, step: Step) -> usize {
        match step {
            Step::Rings(n) => n,
            Step::Role(_) => self.layout.rings.len(),
        }
    }

    /// What a step's camera shows: the rings shown so far, whole.
    pub fn extent(&self, step: Step) -> Rect {
        let shown = self.rings_shown(step);
        if shown >= self.layout.rings.len() {
            return self.layout.extent;
        }
        let r = self.layout.rings.get(shown.max(1) - 1).map_or(100.0, |ring| ring.outer);
        Rect { min: Point::new(-r, -r), max: Point::new(r, r) }
    }

    /// Where a step's camera looks and how close: the shown rings fill the screen; on the
    /// tour, the role is in the middle, close enough for names to be read.
    pub fn camera(&self, step: Step, screen: (f64, f64)) -> (Point, f64) {
        let extent = self.extent(step);
        let fit = fit_zoom(extent, screen);
        match step {
            Step::Rings(_) => {
                let center = Point::new(
                    (extent.min.x + extent.max.x) / 2.0,
                    (extent.min.y + extent.max.y) / 2.0,
                );
                (center, fit)
            }
            Step::Role(i) => {
                let pos = self.layout.roles.get(i).map_or(Point::default(), |r| r.pos);
                (pos, fit.max(MIN_LABEL_PX / self.options.label_size))
            }
        }
    }

    /// The zoom of a step's camera on a screen (width, height) in pixels.
    pub fn zoom(&self, step: Step, screen: (f64, f64)) -> f64 {
        self.camera(step, screen).1
    }

    /// Whether role labels are drawn at `zoom` (else rings show counts instead).
    pub fn labels_readable(&self, zoom: f64) -> bool {
        self.options.label_size * zoom >= MIN_LABEL_PX - 1e-9
    }

    /// The scene of a step at `zoom`, with `spotlight` in focus (the others dimmed).
    pub fn scene(&self, map: &OrgMap, step: Step, spotlight: Option<usize>, zoom: f64) -> Scene {
        let stage = Stage {
            rings: self.rings_shown(step),
            collapsed: vec![!self.labels_readable(zoom); self.layout.rings.len()],
            ring_name_size: RING_NAME_PX / zoom,
            team_name_size: TEAM_NAME_PX / zoom,
        };
        let options = SceneOptions {
            theme: Theme::present(),
            layout: self.options.clone(),
            focus: Focus { selected: spotlight, ..Focus::default() },
            stage: Some(stage),
            links: crate::scene::Links::Straight,
        };
        build(map, &self.layout, &options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Part, Shape};

    const HD: (f64, f64) = (1920.0, 1080.0);
    const SMALL: (f64, f64) = (1024.0, 600.0);

    fn sample(name: &str) -> OrgMap {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name);
        crate::format::load(&path).unwrap()
    }

    /// The presentation of a map, laid out as the app lays it out.
    fn present(map: &OrgMap) -> Presentation {
        let options = LayoutOptions::default();
        let layout = crate::layout::compute(map, &options, &crate::font::measure);
        Presentation::new(&layout, &options)
    }

    /// Every text of the scene of every step, in pixels on a 1920 x 1080 screen: ring names
    /// at least 28, everything else at least 18.
    #[test]
    fn type_is_large_enough_at_every_step_of_every_sample() {
        for name in ["wellbeing_teams.ron", "living_systems_sales.ron", "enterprise20.ron"] {
            let map = sample(name);
            let presentation = present(&map);
            for &step in &presentation.steps {
                let zoom = presentation.zoom(step, HD);
                let scene = presentation.scene(&map, step, None, zoom);
                for item in &scene.items {
                    let (size, is_ring_name) = match &item.shape {
                        Shape::Text(text) if text.text != "?" => (text.size, false),
                        Shape::ArcText { size, .. } => (*size, matches!(item.part, Part::Ring(_))),
                        _ => continue,
                    };
                    let px = size * zoom;
                    let least = if is_ring_name { 28.0 } else { MIN_LABEL_PX };
                    assert!(px >= least - 1e-9, "{name} {step:?}: {:?} is {px:.1} px", item.shape);
                }
            }
        }
    }

    #[test]
    fn steps_build_the_map_ring_by_ring_then_tour_every_role() {
        let map = sample("wellbeing_teams.ron");
        let presentation = present(&map);
        assert_eq!(presentation.steps[0], Step::Rings(1));
        assert_eq!(presentation.steps.len(), map.rings.len() + map.roles.len());
        let first =
            presentation.scene(&map, Step::Rings(1), None, presentation.zoom(Step::Rings(1), HD));
        let drawn_rings: Vec<usize> = first
            .items
            .iter()
            .filter_map(|i| match i.part {
                Part::Ring(k) => Some(k),
                _ => None,
            })
            .collect();
        assert!(drawn_rings.iter().all(|&k| k == 0), "only the centre at the first step");
        assert!(presentation.zoom(Step::Rings(1), HD) > presentation.zoom(Step::Rings(4), HD));
    }

    #[test]
    fn too_small_for_names_the_rings_show_counts_and_the_tour_comes_close() {
        let map = sample("wellbeing_teams.ron");
        let small = present(&map);
        let whole = Step::Rings(map.rings.len());
        let zoom = small.zoom(whole, SMALL);
        assert!(!small.labels_readable(zoom), "a small screen cannot label the whole map");
        let scene = small.scene(&map, whole, None, zoom);
        assert!(scene.texts().any(|t| t.contains(" roles")), "counts replace the names");
        let coach = map.role_index("practice-coach").unwrap();
        assert_eq!(scene.role_label(coach), "");
        let zoom = small.zoom(Step::Role(coach), SMALL);
        assert!(small.labels_readable(zoom));
        let scene = small.scene(&map, Step::Role(coach), Some(coach), zoom);
        assert_eq!(scene.role_label(coach), "Practice Coach", "the tour shows names");
    }

    /// On a tour step, where role labels are drawn, ring and team names in large type keep
    /// clear of the nodes and labels of their ring and the rings beside it (they ran into the
    /// role in the spotlight). Ring steps too, where their labels are drawn.
    #[test]
    fn names_on_tour_steps_keep_clear_of_roles() {
        for name in ["wellbeing_teams.ron", "living_systems_sales.ron"] {
            let map = sample(name);
            let presentation = present(&map);
            let layout = &presentation.layout;
            let r = presentation.options.node_radius;
            for &step in &presentation.steps {
                let zoom = presentation.zoom(step, HD);
                if !presentation.labels_readable(zoom) {
                    continue; // collapsed: names go on top, on backdrops
                }
                let spotlight = match step {
                    Step::Role(role) => Some(role),
                    Step::Rings(_) => None,
                };
                let shown = presentation.rings_shown(step);
                let scene = presentation.scene(&map, step, spotlight, zoom);
                for item in &scene.items {
                    let Shape::ArcText { radius, angle, size, ref text, bold, .. } = item.shape
                    else {
                        continue;
                    };
                    let k = match item.part {
                        Part::Ring(k) => k,
                        Part::Team(t) => layout.teams[t].ring,
                        _ => continue,
                    };
                    let span = crate::font::measure_face(text, size, bold) / radius;
                    let points = (0..=20).flat_map(|i| {
                        let at = angle - span / 2.0 + span * i as f64 / 20.0;
                        [-0.4, 0.0, 0.4].map(|d| Point::polar(radius + d * size, at))
                    });
                    let near = |ring: usize| ring.abs_diff(k) <= 1 && ring < shown;
                    let roles: Vec<_> = layout.roles.iter().filter(|p| near(p.ring)).collect();
                    for p in points {
                        let hit = roles
                            .iter()
                            .any(|role| p.minus(role.pos).length() < r || role.label.contains(p));
                        assert!(!hit, "{name} {step:?}: {text:?} runs over a role");
                    }
                }
            }
        }
    }

    /// On the overview of a map too large for labels, ring and team names in large type
    /// reach over nodes: they are drawn after every node and link, each on a backdrop of the
    /// ground's colour, so that no dot or line runs through their letters.
    #[test]
    fn names_of_collapsed_rings_lie_on_top_of_the_nodes_on_a_backdrop() {
        let map = sample("wellbeing_teams.ron");
        let presentation = present(&map);
        let whole = Step::Rings(map.rings.len());
        let zoom = presentation.zoom(whole, SMALL);
        let scene = presentation.scene(&map, whole, None, zoom);
        let last_node = scene.items.iter().rposition(|i| matches!(i.part, Part::Role(_)));
        let names: Vec<usize> = (0..scene.items.len())
            .filter(|&n| matches!(scene.items[n].shape, Shape::ArcText { .. }))
            .collect();
        assert!(!names.is_empty() && names.iter().all(|&n| Some(n) > last_node));
        for n in names {
            let Shape::Band { fill, .. } = scene.items[n - 1].shape else {
                panic!("no backdrop under {:?}", scene.items[n].shape)
            };
            assert_eq!(fill.hex(), Theme::present().background.hex(), "the ground's colour");
            assert_eq!(scene.items[n - 1].part, scene.items[n].part);
        }
        // Where labels are readable, names stay under the nodes, as on the editing canvas.
        let coach = map.role_index("practice-coach").unwrap();
        let zoom = presentation.zoom(Step::Role(coach), SMALL);
        let scene = presentation.scene(&map, Step::Role(coach), Some(coach), zoom);
        let first_node = scene.items.iter().position(|i| matches!(i.part, Part::Role(_)));
        let last_name = scene.items.iter().rposition(|i| matches!(i.shape, Shape::ArcText { .. }));
        assert!(last_name < first_node);
    }
}
