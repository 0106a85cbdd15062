//! The canvas's view of the map: which map point is at the centre of the canvas, and how
//! large. All conversions between map space and screen space go through [`Transform`].

use eframe::egui::{Pos2, Rect as ScreenRect, Vec2, pos2};

use crate::layout::{Point, Rect};

pub const MIN_ZOOM: f32 = 0.005;
pub const MAX_ZOOM: f32 = 12.0;
/// The share of the canvas a fitted map takes, across and down.
const FIT_MARGIN: f64 = 0.96;
/// Screen points kept between a fitted map and the legend.
const CLEAR_GAP: f32 = 8.0;

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

    /// Shows all of `extent` in the canvas, as large as it allows, with a margin.
    pub fn fit(&mut self, extent: Rect, canvas: ScreenRect) {
        if extent.is_empty() || canvas.width() < 1.0 || canvas.height() < 1.0 {
            return;
        }
        let margin = FIT_MARGIN;
        let zoom_x = canvas.width() as f64 * margin / extent.width().max(1.0);
        let zoom_y = canvas.height() as f64 * margin / extent.height().max(1.0);
        self.zoom = (zoom_x.min(zoom_y) as f32).clamp(MIN_ZOOM, MAX_ZOOM);
        self.center = ((extent.min.x + extent.max.x) / 2.0, (extent.min.y + extent.max.y) / 2.0);
        self.needs_fit = false;
        self.fitted = true;
    }

    /// Like [`View::fit`], but the map (the box `extent` and the disc of radius `reach`
    /// about its centre) keeps clear of `clear` (the legend's corner): it moves aside as far
    /// as the canvas leaves room, and is made smaller only as much as it must be.
    pub fn fit_clear_of(
        &mut self,
        extent: Rect,
        reach: f64,
        canvas: ScreenRect,
        clear: Option<ScreenRect>,
    ) {
        self.fit(extent, canvas);
        let Some(clear) = clear.filter(|c| c.intersects(canvas)) else {
            return;
        };
        if !self.fitted {
            return;
        }
        let clear = clear.expand(CLEAR_GAP);
        let largest = self.zoom as f64;
        if let Some(origin) = self.map_centre_clear_of(extent, reach, canvas, clear, largest) {
            self.place_origin(largest, origin, canvas);
            return;
        }
        // Smaller, by halving the interval: a map smaller than half the canvas is left
        // under the legend rather than shrunk further.
        let (mut low, mut high) = (largest * 0.5, largest);
        let mut best = None;
        for _ in 0..16 {
            let zoom = (low + high) / 2.0;
            match self.map_centre_clear_of(extent, reach, canvas, clear, zoom) {
                Some(origin) => {
                    best = Some((zoom, origin));
                    low = zoom;
                }
                None => high = zoom,
            }
        }
        if let Some((zoom, origin)) = best {
            self.place_origin(zoom, origin, canvas);
        }
    }

    /// Where on screen the map's centre can go at `zoom` so that the map is inside the canvas
    /// and clear of `clear`: the place nearest to where a plain fit puts it, if there is one.
    fn map_centre_clear_of(
        &self,
        extent: Rect,
        reach: f64,
        canvas: ScreenRect,
        clear: ScreenRect,
        zoom: f64,
    ) -> Option<Pos2> {
        let margin_x = canvas.width() as f64 * (1.0 - FIT_MARGIN) / 2.0;
        let margin_y = canvas.height() as f64 * (1.0 - FIT_MARGIN) / 2.0;
        let x_range = (
            canvas.min.x as f64 + margin_x - extent.min.x * zoom,
            canvas.max.x as f64 - margin_x - extent.max.x * zoom,
        );
        let y_range = (
            canvas.min.y as f64 + margin_y - extent.min.y * zoom,
            canvas.max.y as f64 - margin_y - extent.max.y * zoom,
        );
        // Rounding can leave the tightest range a hair inverted at the plain fit's zoom.
        let ordered = |(a, b): (f64, f64)| if a <= b + 0.5 { (a, b.max(a)) } else { (b, a) };
        let (x_range, y_range) = (ordered(x_range), ordered(y_range));
        if x_range.0 > x_range.1 + 0.5 || y_range.0 > y_range.1 + 0.5 {
            return None;
        }
        let centred = Pos2::new(
            ((canvas.center().x as f64) - (extent.min.x + extent.max.x) / 2.0 * zoom) as f32,
            ((canvas.center().y as f64) - (extent.min.y + extent.max.y) / 2.0 * zoom) as f32,
        );
        let hits = |origin: Pos2| {
            let o = (origin.x as f64, origin.y as f64);
            let boxed = ScreenRect::from_min_max(
                Pos2::new((o.0 + extent.min.x * zoom) as f32, (o.1 + extent.min.y * zoom) as f32),
                Pos2::new((o.0 + extent.max.x * zoom) as f32, (o.1 + extent.max.y * zoom) as f32),
            );
            boxed.intersects(clear) && clear.distance_to_pos(origin) < (reach * zoom) as f32
        };
        const STEPS: usize = 16;
        let along = |(a, b): (f64, f64), k: usize| (a + (b - a) * k as f64 / STEPS as f64) as f32;
        (0..=STEPS)
            .flat_map(|i| (0..=STEPS).map(move |j| (i, j)))
            .map(|(i, j)| Pos2::new(along(x_range, i), along(y_range, j)))
            .filter(|origin| !hits(*origin))
            .min_by(|a, b| a.distance_sq(centred).total_cmp(&b.distance_sq(centred)))
    }

    /// Shows the map at `zoom` with its centre at screen point `origin`.
    fn place_origin(&mut self, zoom: f64, origin: Pos2, canvas: ScreenRect) {
        let c = canvas.center();
        self.zoom = (zoom as f32).clamp(MIN_ZOOM, MAX_ZOOM);
        self.center = (
            (c.x - origin.x) as f64 / self.zoom as f64,
            (c.y - origin.y) as f64 / self.zoom as f64,
        );
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
