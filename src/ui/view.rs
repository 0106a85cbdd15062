//! The canvas's view of the map: which map point is at the centre of the canvas, and how
//! large. All conversions between map space and screen space go through [`Transform`].

use eframe::egui::{Pos2, Rect as ScreenRect, Vec2, pos2};

use crate::layout::{Point, Rect};

pub const MIN_ZOOM: f32 = 0.005;
pub const MAX_ZOOM: f32 = 12.0;

/// Pan and zoom of the canvas. Kept in view state, never in the map.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct View {
    /// The map point shown at the middle of the canvas.
    pub center: (f64, f64),
    /// Screen points per map unit.
    pub zoom: f32,
    /// Set until the first fit: a new map is shown whole.
    #[serde(skip)]
    pub needs_fit: bool,
    /// The view shows the whole map and has not been panned or zoomed since.
    #[serde(skip)]
    pub fitted: bool,
}

impl Default for View {
    fn default() -> Self {
        View { center: (0.0, 0.0), zoom: 1.0, needs_fit: true, fitted: false }
    }
}

impl View {
    pub fn transform(&self, canvas: ScreenRect) -> Transform {
        Transform { canvas, center: Point::new(self.center.0, self.center.1), zoom: self.zoom }
    }

    /// Shows all of `extent` in the canvas, with a margin.
    pub fn fit(&mut self, extent: Rect, canvas: ScreenRect) {
        if extent.is_empty() || canvas.width() < 1.0 || canvas.height() < 1.0 {
            return;
        }
        let margin = 0.94;
        let zoom_x = canvas.width() as f64 * margin / extent.width().max(1.0);
        let zoom_y = canvas.height() as f64 * margin / extent.height().max(1.0);
        self.zoom = (zoom_x.min(zoom_y) as f32).clamp(MIN_ZOOM, MAX_ZOOM);
        self.center = ((extent.min.x + extent.max.x) / 2.0, (extent.min.y + extent.max.y) / 2.0);
        self.needs_fit = false;
        self.fitted = true;
    }

    /// Zooms by `factor`, keeping the map point under `screen_pos` where it is.
    pub fn zoom_around(&mut self, factor: f32, screen_pos: Pos2, canvas: ScreenRect) {
        self.fitted = false;
        let before = self.transform(canvas).to_map(screen_pos);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.transform(canvas).to_map(screen_pos);
        self.center.0 += before.x - after.x;
        self.center.1 += before.y - after.y;
    }

    /// Shows map point `center` at the middle of the canvas (at `zoom`, if given).
    pub fn center_on(&mut self, center: (f64, f64), zoom: Option<f32>) {
        self.center = center;
        if let Some(zoom) = zoom {
            self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        }
        self.fitted = false;
    }

    /// Moves the map by a screen distance.
    pub fn pan(&mut self, screen_delta: Vec2) {
        self.fitted = false;
        self.center.0 -= screen_delta.x as f64 / self.zoom as f64;
        self.center.1 -= screen_delta.y as f64 / self.zoom as f64;
    }
}

/// Map space <-> screen space for one frame of the canvas.
#[derive(Debug, Clone, Copy)]
pub struct Transform {
    pub canvas: ScreenRect,
    pub center: Point,
    pub zoom: f32,
}

impl Transform {
    pub fn to_screen(&self, map_pos: Point) -> Pos2 {
        let c = self.canvas.center();
        pos2(
            c.x + ((map_pos.x - self.center.x) * self.zoom as f64) as f32,
            c.y + ((map_pos.y - self.center.y) * self.zoom as f64) as f32,
        )
    }

    pub fn to_map(&self, screen_pos: Pos2) -> Point {
        let c = self.canvas.center();
        Point::new(
            self.center.x + (screen_pos.x - c.x) as f64 / self.zoom as f64,
            self.center.y + (screen_pos.y - c.y) as f64 / self.zoom as f64,
        )
    }

    /// The part of the map the canvas shows.
    pub fn visible_map_rect(&self) -> Rect {
        let a = self.to_map(self.canvas.min);
        let b = self.to_map(self.canvas.max);
        Rect { min: a, max: b }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> ScreenRect {
        ScreenRect::from_min_size(pos2(100.0, 50.0), Vec2::new(800.0, 600.0))
    }

    #[test]
    fn screen_and_map_round_trip() {
        let view = View { center: (30.0, -20.0), zoom: 2.5, needs_fit: false, fitted: false };
        let t = view.transform(canvas());
        let p = Point::new(123.0, 45.0);
        let back = t.to_map(t.to_screen(p));
        assert!((back.x - p.x).abs() < 1e-3 && (back.y - p.y).abs() < 1e-3);
        assert_eq!(t.to_screen(Point::new(30.0, -20.0)), canvas().center());
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let mut view = View { center: (0.0, 0.0), zoom: 1.0, needs_fit: false, fitted: false };
        let pointer = pos2(700.0, 200.0);
        let under = view.transform(canvas()).to_map(pointer);
        view.zoom_around(1.7, pointer, canvas());
        let after = view.transform(canvas()).to_map(pointer);
        assert!((under.x - after.x).abs() < 1e-6 && (under.y - after.y).abs() < 1e-6);
        assert_eq!(view.zoom, 1.7);
    }

    #[test]
    fn fit_shows_the_whole_extent() {
        let mut view = View::default();
        let extent = Rect { min: Point::new(-1000.0, -500.0), max: Point::new(1000.0, 500.0) };
        view.fit(extent, canvas());
        let visible = view.transform(canvas()).visible_map_rect();
        assert!(visible.min.x <= -1000.0 && visible.max.x >= 1000.0);
        assert!(visible.min.y <= -500.0 && visible.max.y >= 500.0);
        assert!(!view.needs_fit);
    }
}
