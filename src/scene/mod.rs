//! Model + layout + view options -> backend-neutral primitives: discs, bands, lines, polygons
//! and text, in map space. The app paints them with egui; the exports write them as SVG. What
//! you see is what you export.

mod build;
pub mod bundle;
mod compare;
mod page;
pub mod present;
mod style;

pub use build::{
    Focus, LinkView, Links, SceneOptions, Stage, arrow, arrow_along, build, build_routed, node,
};
pub use compare::{ADDED, CHANGED, Compared, REMOVED, diff_scene};
pub use page::{page, wrap_words};
pub use style::{Color, Head, LEGEND_KINDS, LinkStyle, Theme, link_style};

use crate::layout::{Point, Rect};

/// How a line is drawn along its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
    /// Long dash, short gap, dot: told apart from `Dashed` without colour.
    DashDot,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width: f64,
    pub color: Color,
    pub dash: Dash,
}

impl Stroke {
    pub const fn solid(width: f64, color: Color) -> Self {
        Stroke { width, color, dash: Dash::Solid }
    }
}

/// Where a text's position is, along its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text. Its position is the middle of its line height at the anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub pos: Point,
    pub text: String,
    /// Font size in map units.
    pub size: f64,
    pub color: Color,
    pub anchor: Anchor,
    /// Radians clockwise; 0 is horizontal.
    pub rotation: f64,
    pub bold: bool,
}

/// What a scene is made of.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled circle with an optional outline (ring discs, role nodes).
    Disc {
        center: Point,
        radius: f64,
        fill: Color,
        stroke: Option<Stroke>,
    },
    /// The part of the annulus between `inner` and `outer` (about the map's centre) from
    /// `start` clockwise to `end` (radians from 12 o'clock): rings and team sectors.
    Band {
        inner: f64,
        outer: f64,
        start: f64,
        end: f64,
        fill: Color,
    },
    /// A circle outline about the map's centre (ring edges).
    Circle {
        radius: f64,
        stroke: Stroke,
    },
    /// An open line through the points (links, open arrowheads).
    Line {
        points: Vec<Point>,
        stroke: Stroke,
    },
    /// A filled closed polygon (arrowheads).
    Polygon {
        points: Vec<Point>,
        fill: Color,
    },
    Text(Text),
    /// Text set along a circle about the map's centre, centred on `angle`, reading left to
    /// right (turned over on the lower half): ring and team names.
    ArcText {
        radius: f64,
        angle: f64,
        text: String,
        size: f64,
        color: Color,
        bold: bool,
    },
}

/// What a primitive stands for, so that the canvas can pick it and the exports group it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Ring(usize),
    Team(usize),
    /// A role's node and marks.
    Role(usize),
    /// The lines of a role's label.
    RoleLabel(usize),
    Link(usize),
    Decoration,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub shape: Shape,
    pub part: Part,
}

/// Everything drawn for a map, back to front.
#[derive(Debug, Clone)]
pub struct Scene {
    pub items: Vec<Item>,
    pub background: Color,
    /// The box around everything drawn.
    pub bounds: Rect,
    /// Which scene this is, unique in the process (not part of what is drawn: two scenes of
    /// the same map are equal): the canvas keeps what it painted of a scene while the view
    /// only pans. Made by [`Scene::new`]; a scene changed after it was painted needs a new
    /// one ([`Scene::renew`]).
    pub version: u64,
}

impl PartialEq for Scene {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
            && self.background == other.background
            && self.bounds == other.bounds
    }
}

impl Scene {
    pub fn new(items: Vec<Item>, background: Color, bounds: Rect) -> Self {
        let mut scene = Scene { items, background, bounds, version: 0 };
        scene.renew();
        scene
    }

    /// Gives the scene a version of its own, after a change.
    pub fn renew(&mut self) {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.version = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Every text of the scene, in drawing order (for tests and search).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|item| match &item.shape {
            Shape::Text(text) => Some(text.text.as_str()),
            Shape::ArcText { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    /// The label drawn for role `i`, its lines joined as they were broken: by a space, or by
    /// nothing after a slash or a hyphen (empty when it has no label).
    pub fn role_label(&self, i: usize) -> String {
        let lines =
            self.items.iter().filter(|item| item.part == Part::RoleLabel(i)).filter_map(|item| {
                match &item.shape {
                    Shape::Text(t) => Some(t.text.as_str()),
                    _ => None,
                }
            });
        let mut label = String::new();
        for line in lines {
            if !label.is_empty() {
                label.push_str(crate::layout::line_joint(&label));
            }
            label.push_str(line);
        }
        label
    }
}

impl Text {
    /// The four corners of the box the text is drawn in (turned with it), measured with
    /// the font it is drawn with.
    pub fn corners(&self) -> [Point; 4] {
        let width = crate::font::measure_face(&self.text, self.size, self.bold);
        let start = match self.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => -width / 2.0,
            Anchor::End => -width,
        };
        let (sin, cos) = self.rotation.sin_cos();
        let half = self.size * 0.6;
        [(start, -half), (start + width, -half), (start + width, half), (start, half)].map(
            |(x, y)| Point::new(self.pos.x + x * cos - y * sin, self.pos.y + x * sin + y * cos),
        )
    }

    /// The upright box that holds the text.
    pub fn bounds(&self) -> Rect {
        points_bounds(&self.corners(), 0.0)
    }
}

impl Scene {
    /// Leaves out the label of every role one line of which would be drawn in `area` (all
    /// its lines: a label cut short by a card over the map reads as another name).
    pub fn drop_labels_in(&mut self, area: Rect) {
        let hidden: std::collections::BTreeSet<usize> = self
            .items
            .iter()
            .filter_map(|item| match (&item.part, &item.shape) {
                (Part::RoleLabel(i), Shape::Text(text)) if text.bounds().intersects(&area) => {
                    Some(*i)
                }
                _ => None,
            })
            .collect();
        self.items.retain(|item| !matches!(item.part, Part::RoleLabel(i) if hidden.contains(&i)));
        self.renew();
    }

    /// The box around the nodes and labels of `roles` (nothing when none is drawn).
    pub fn roles_bounds(&self, roles: &[usize]) -> Rect {
        let mut rect = Rect::NOTHING;
        for item in &self.items {
            let (Part::Role(i) | Part::RoleLabel(i)) = item.part else { continue };
            if !roles.contains(&i) {
                continue;
            }
            rect = rect.union(match &item.shape {
                Shape::Text(text) => text.bounds(),
                shape => shape.bounds(),
            });
        }
        rect
    }

    /// How far from the map's centre anything is drawn: with [`Scene::bounds`], the region
    /// the map covers is the box and this disc together (a round map leaves the box's
    /// corners empty, which is where the canvas keeps its legend).
    pub fn reach(&self) -> f64 {
        self.items.iter().map(|item| item.shape.reach()).fold(0.0, f64::max)
    }
}

impl Shape {
    /// The farthest any part of the shape is from the map's centre.
    fn reach(&self) -> f64 {
        let far = |points: &[Point]| points.iter().map(|p| p.x.hypot(p.y)).fold(0.0, f64::max);
        match self {
            Shape::Disc { center, radius, stroke, .. } => {
                center.x.hypot(center.y) + radius + stroke.map_or(0.0, |s| s.width)
            }
            Shape::Band { outer, .. } => *outer,
            Shape::Circle { radius, stroke } => radius + stroke.width / 2.0,
            Shape::Line { points, stroke } => far(points) + stroke.width,
            Shape::Polygon { points, .. } => far(points),
            Shape::Text(text) => far(&text.corners()),
            Shape::ArcText { radius, size, .. } => radius + size * 0.6,
        }
    }

    /// A box that holds the shape (texts measured roughly: for culling, not for layout).
    pub fn bounds(&self) -> Rect {
        let square = |c: Point, r: f64| Rect {
            min: Point::new(c.x - r, c.y - r),
            max: Point::new(c.x + r, c.y + r),
        };
        match self {
            Shape::Disc { center, radius, stroke, .. } => {
                square(*center, radius + stroke.map_or(0.0, |s| s.width))
            }
            Shape::Band { outer, .. } => square(Point::default(), *outer),
            Shape::Circle { radius, stroke } => square(Point::default(), radius + stroke.width),
            Shape::Line { points, stroke } => points_bounds(points, stroke.width),
            Shape::Polygon { points, .. } => points_bounds(points, 0.0),
            Shape::Text(text) => {
                square(text.pos, text.text.chars().count() as f64 * text.size * 0.6 + text.size)
            }
            Shape::ArcText { radius, size, .. } => square(Point::default(), radius + size),
        }
    }
}

fn points_bounds(points: &[Point], margin: f64) -> Rect {
    let mut rect = Rect::NOTHING;
    for p in points {
        rect = rect.union(Rect {
            min: Point::new(p.x - margin, p.y - margin),
            max: Point::new(p.x + margin, p.y + margin),
        });
    }
    rect
}
