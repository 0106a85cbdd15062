//! The legend over the canvas: what each link kind and role status looks like, drawn with the
//! same shapes as the map.

use eframe::egui::{self, Align2, Vec2};

use super::paint::paint_scene;
use super::view::View;
use crate::layout::{Point, Rect};
use crate::model::Status;
use crate::scene::{self, Color, Item, LEGEND_KINDS, Part, Scene, Theme, link_style};

const ROW: f32 = 18.0;
const SAMPLE: f32 = 34.0;

/// The legend in the canvas's bottom-left corner; its title folds it away to a small tab
/// and back (`folded`). Returns whether the title was clicked, and where the legend is.
pub fn legend_ui(
    ui: &mut egui::Ui,
    canvas: egui::Rect,
    theme: &Theme,
    folded: bool,
    overlaps: bool,
) -> (bool, egui::Rect) {
    let mut toggled = false;
    let area = egui::Area::new(egui::Id::unique("legend"))
        // The anchor is taken within the rect the area is constrained to: the canvas.
        .anchor(Align2::LEFT_BOTTOM, Vec2::new(10.0, -10.0))
        .constrain_to(canvas)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let (arrow, hint) = if folded {
                    ("▸", "Show the legend")
                } else {
                    ("▾", "Fold the legend away")
                };
                let title = egui::RichText::new(format!("{arrow} Legend")).strong();
                let response = ui.add(egui::Label::new(title).sense(egui::Sense::click()));
                if response.on_hover_text(hint).clicked() {
                    toggled = true;
                }
                if folded {
                    return;
                }
                for kind in &LEGEND_KINDS {
                    sample_row(ui, link_style(kind).label, |from, to| {
                        scene::arrow(from, to, kind, 1.6, 1.0)
                    });
                }
                for status in Status::ALL {
                    let name = match status {
                        Status::Filled => "filled role",
                        Status::Vacant => "vacant role",
                        Status::Proposed => "proposed role",
                    };
                    sample_row(ui, name, |from, to| {
                        let center = Point::new((from.x + to.x) / 2.0, from.y);
                        scene::node(center, 6.0, status, theme.pick(0), theme, 1.0)
                    });
                }
                if overlaps {
                    // View > Duplicated duties: as the canvas draws its bands.
                    ui.horizontal(|ui| {
                        let size = Vec2::new(SAMPLE, ROW);
                        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                        let (from, to) = (rect.left_center(), rect.right_center());
                        let stroke = egui::Stroke::new(10.0, super::canvas::OVERLAP_BAND);
                        ui.painter().line_segment([from, to], stroke);
                        ui.label("shared duties (broader: more of them)");
                    });
                }
            });
        });
    (toggled, area.response.rect)
}

/// One row: a sample drawn by `shapes` between two points, and its name.
fn sample_row(
    ui: &mut egui::Ui,
    name: &str,
    shapes: impl FnOnce(Point, Point) -> Vec<scene::Shape>,
) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(SAMPLE, ROW), egui::Sense::hover());
        // Map space is screen space here: zoom 1, centred on the sample's rectangle.
        let c = rect.center();
        let view = View { center: (c.x as f64, c.y as f64), zoom: 1.0, ..View::default() };
        let y = c.y as f64;
        let from = Point::new(rect.left() as f64 + 2.0, y);
        let to = Point::new(rect.right() as f64 - 2.0, y);
        let items =
            shapes(from, to).into_iter().map(|shape| Item { shape, part: Part::Decoration });
        let sample = Scene::new(items.collect(), Color::TRANSPARENT, Rect { min: from, max: to });
        paint_scene(ui.painter(), &sample, &view.transform(rect));
        ui.label(name);
    });
}
