//! Plain 2D geometry in map space: points, boxes that may be rotated, angles.
//!
//! Map space has its origin at the centre of the rings, x to the right and y down (as on
//! screen and in SVG), in pixels at zoom 1. Angles are clockwise from 12 o'clock.

use std::f64::consts::{PI, TAU};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// The point at `radius` from the centre, `angle` radians clockwise from 12 o'clock.
    pub fn polar(radius: f64, angle: f64) -> Self {
        Point { x: radius * angle.sin(), y: -radius * angle.cos() }
    }

    pub fn length(self) -> f64 {
        self.x.hypot(self.y)
    }

    pub fn dot(self, other: Point) -> f64 {
        self.x * other.x + self.y * other.y
    }

    pub fn minus(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }

    pub fn plus(self, other: Point) -> Point {
        Point::new(self.x + other.x, self.y + other.y)
    }

    pub fn scale(self, factor: f64) -> Point {
        Point::new(self.x * factor, self.y * factor)
    }
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub const NOTHING: Rect = Rect {
        min: Point::new(f64::INFINITY, f64::INFINITY),
        max: Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn union(self, other: Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// Whether the two boxes share more than an edge.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }
}

/// A box of text that may be turned: its centre, half width and half height along its own
/// axes, and the direction of its width axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    pub center: Point,
    pub half_width: f64,
    pub half_height: f64,
    /// Rotation of the text in radians, clockwise (0 = horizontal, reading left to right).
    pub rotation: f64,
}

impl TextBox {
    fn axes(&self) -> [Point; 2] {
        let (sin, cos) = self.rotation.sin_cos();
        [Point::new(cos, sin), Point::new(-sin, cos)]
    }

    pub fn corners(&self) -> [Point; 4] {
        let [u, v] = self.axes();
        let (a, b) = (u.scale(self.half_width), v.scale(self.half_height));
        let c = self.center;
        [c.minus(a).minus(b), c.plus(a).minus(b), c.plus(a).plus(b), c.minus(a).plus(b)]
    }

    /// Half the length of the box's shadow on a unit axis.
    fn half_extent_on(&self, axis: Point) -> f64 {
        let [u, v] = self.axes();
        self.half_width * u.dot(axis).abs() + self.half_height * v.dot(axis).abs()
    }

    /// Separating-axis test: do the two boxes overlap by more than `tolerance`?
    pub fn overlaps(&self, other: &TextBox, tolerance: f64) -> bool {
        let d = other.center.minus(self.center);
        let axes = self.axes().into_iter().chain(other.axes());
        for axis in axes {
            let gap = d.dot(axis).abs() - self.half_extent_on(axis) - other.half_extent_on(axis);
            if gap >= -tolerance {
                return false;
            }
        }
        true
    }

    /// Does the box overlap a circle by more than `tolerance`?
    pub fn overlaps_circle(&self, center: Point, radius: f64, tolerance: f64) -> bool {
        let [u, v] = self.axes();
        let d = center.minus(self.center);
        let (du, dv) = (d.dot(u), d.dot(v));
        let nearest_u = du.clamp(-self.half_width, self.half_width);
        let nearest_v = dv.clamp(-self.half_height, self.half_height);
        let distance = (du - nearest_u).hypot(dv - nearest_v);
        distance < radius - tolerance
    }

    pub fn bounds(&self) -> Rect {
        let mut rect = Rect::NOTHING;
        for corner in self.corners() {
            rect = rect.union(Rect { min: corner, max: corner });
        }
        rect
    }

    /// Distance from the map's centre to the box's farthest and nearest points.
    pub fn radial_span(&self) -> (f64, f64) {
        let far = self.corners().iter().map(|c| c.length()).fold(0.0, f64::max);
        let origin = Point::default();
        let near = if self.contains(origin) {
            0.0
        } else {
            let corners = self.corners();
            (0..4)
                .map(|i| distance_to_segment(origin, corners[i], corners[(i + 1) % 4]))
                .fold(f64::INFINITY, f64::min)
        };
        (near, far)
    }

    /// Whether `point` is inside the box.
    pub fn contains(&self, point: Point) -> bool {
        let [u, v] = self.axes();
        let d = point.minus(self.center);
        d.dot(u).abs() <= self.half_width && d.dot(v).abs() <= self.half_height
    }
}

/// The distance from `p` to the segment from `a` to `b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    squared_distance_to_segment(p, a, b).sqrt()
}

/// The square of [`distance_to_segment`], for comparing many distances (no square root).
pub fn squared_distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let ab = b.minus(a);
    let len2 = ab.dot(ab);
    let t = if len2 > 0.0 { (p.minus(a).dot(ab) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let off = p.minus(a.plus(ab.scale(t)));
    off.dot(off)
}

/// An angle brought into [0, TAU).
pub fn normalize(angle: f64) -> f64 {
    let a = angle.rem_euclid(TAU);
    if a >= TAU { 0.0 } else { a }
}

/// `angle` relative to `reference`, in (-PI, PI]: the shorter turn from one to the other.
pub fn relative(angle: f64, reference: f64) -> f64 {
    let d = normalize(angle - reference);
    if d > PI { d - 2.0 * PI } else { d }
}

/// The clockwise distance from `from` to `to`, in [0, TAU).
pub fn clockwise(from: f64, to: f64) -> f64 {
    normalize(to - from)
}

/// The smallest difference between two angles, in [0, PI].
pub fn angular_distance(a: f64, b: f64) -> f64 {
    let d = normalize(a - b);
    d.min(TAU - d)
}

/// Circular mean of angles, or `None` when they cancel out (or there are none).
pub fn circular_mean(angles: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut s, mut c) = (0.0, 0.0);
    for a in angles {
        s += a.sin();
        c += a.cos();
    }
    if s.hypot(c) < 1e-9 { None } else { Some(normalize(s.atan2(c))) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[test]
    fn polar_is_clockwise_from_twelve() {
        let p = Point::polar(10.0, PI / 2.0);
        assert!((p.x - 10.0).abs() < 1e-9 && p.y.abs() < 1e-9);
        let top = Point::polar(10.0, 0.0);
        assert!((top.y + 10.0).abs() < 1e-9);
    }

    #[test]
    fn rotated_boxes_overlap_only_when_they_touch() {
        let a = TextBox {
            center: Point::new(0.0, 0.0),
            half_width: 10.0,
            half_height: 2.0,
            rotation: 0.0,
        };
        let b = TextBox {
            center: Point::new(0.0, 5.0),
            half_width: 10.0,
            half_height: 2.0,
            rotation: 0.0,
        };
        assert!(!a.overlaps(&b, 0.0));
        let turned = TextBox { rotation: PI / 2.0, ..b };
        assert!(a.overlaps(&turned, 0.0));
    }

    #[test]
    fn circular_mean_wraps_around_twelve() {
        let mean = circular_mean([normalize(-0.1), 0.1]).unwrap();
        assert!(angular_distance(mean, 0.0) < 1e-9);
        assert_eq!(circular_mean([0.0, PI]), None);
    }
}
