//! The map canvas: paints the scene, pans (drag, scroll), zooms around the pointer (Ctrl +
//! scroll, pinch, + and -), fits the map (F, double-click on the background), shows a role's
//! purpose on hover and selects roles on click.

use eframe::egui::{self, Key, Sense, Vec2};

use super::paint::paint_scene;
use super::view::View;
use crate::layout::{Layout, LayoutOptions, Point};
use crate::model::OrgMap;
use crate::scene::Scene;

/// What the user did on the canvas this frame.
pub struct CanvasOutput {
    /// `Some(Some(i))`: role i was clicked; `Some(None)`: the background was clicked.
    pub select: Option<Option<usize>>,
    /// A role was right-clicked: its context menu opens.
    pub context: Option<usize>,
    /// The canvas's response, for its context menu.
    pub response: egui::Response,
}

/// Zoom step of the + and - keys.
const KEY_ZOOM: f32 = 1.25;

pub fn canvas_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    layout: &Layout,
    scene: &Scene,
    view: &mut View,
) -> CanvasOutput {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let mut output = CanvasOutput { select: None, context: None, response: response.clone() };
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, format!("Map of {}", map.name))
    });
    if view.needs_fit {
        view.fit(scene.bounds, rect);
    }

    // Pan by dragging the background or with the scroll wheel; zoom with Ctrl + scroll or
    // pinch (egui reports both as zoom_delta), around the pointer.
    if response.dragged() {
        view.pan(response.drag_delta());
    }
    if response.hovered() {
        let (scroll, zoom, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        let pointer = pointer.unwrap_or(rect.center());
        if zoom != 1.0 {
            view.zoom_around(zoom, pointer, rect);
        } else if scroll != Vec2::ZERO {
            view.pan(scroll);
        }
    }
    if !ui.ctx().egui_wants_keyboard_input() {
        let (zoom_in, zoom_out, fit) = ui.input(|i| {
            (
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
                i.key_pressed(Key::F) && i.modifiers.is_none(),
            )
        });
        if zoom_in {
            view.zoom_around(KEY_ZOOM, rect.center(), rect);
        }
        if zoom_out {
            view.zoom_around(1.0 / KEY_ZOOM, rect.center(), rect);
        }
        if fit {
            view.fit(scene.bounds, rect);
        }
    }

    let transform = view.transform(rect);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, super::paint::color32(scene.background));
    paint_scene(&painter, scene, &transform);

    // A node is easy to hit: its radius and a few pixels more, whatever the zoom.
    let reach = LayoutOptions::default().node_radius + 4.0 / transform.zoom as f64;
    let hovered = response.hover_pos().and_then(|p| role_at(layout, transform.to_map(p), reach));
    if let Some(i) = hovered {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        let role = &map.roles[i];
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(320.0);
            ui.strong(&role.name);
            if role.purpose.is_empty() {
                ui.weak("No purpose written yet.");
            } else {
                ui.label(&role.purpose);
            }
        });
    }
    if response.secondary_clicked() {
        output.context = hovered;
    }
    if response.double_clicked() && hovered.is_none() {
        view.fit(scene.bounds, rect);
    } else if response.clicked() {
        output.select = Some(hovered);
    }
    output
}

/// The role whose node (within `reach` of its centre) or label is at `map_pos`; the nearest
/// when several are.
pub fn role_at(layout: &Layout, map_pos: Point, reach: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, role) in layout.roles.iter().enumerate() {
        let distance = role.pos.minus(map_pos).length();
        let on_node = distance <= reach;
        if (on_node || role.label.contains(map_pos)) && best.is_none_or(|(_, d)| distance < d) {
            best = Some((i, distance));
        }
    }
    best.map(|(i, _)| i)
}
