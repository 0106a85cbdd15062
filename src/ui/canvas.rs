//! The map canvas: paints the scene, pans (drag the background, scroll), zooms around the
//! pointer (Ctrl + scroll, pinch, + and -), fits the map (F, double-click outside the rings),
//! shows a role's purpose on hover, and turns the pointer's gestures into [`CanvasEvent`]s:
//! click to select (Shift or Ctrl adds), drag a role to move it, Shift-drag (or the link
//! tool) from a role to another to link them, Shift-drag on the background to select a band.

use eframe::egui::{self, Color32, Key, Pos2, Sense, Stroke, Vec2};

use super::hit::{Target, ring_for_drop, role_at, target_at, team_at};
use super::paint::{PaintCache, color32, paint_scene_cached};
use super::selection::Selection;
use super::view::{Transform, View};
use crate::font::visual;
use crate::layout::{Layout, LayoutOptions, Point, Rect, normalize};
use crate::model::OrgMap;
use crate::scene::Scene;

/// What the canvas draws from.
pub struct CanvasInput<'a> {
    pub map: &'a OrgMap,
    pub layout: &'a Layout,
    pub scene: &'a Scene,
    pub selection: &'a Selection,
    /// The colour gestures are drawn in (the theme's selection colour).
    pub accent: crate::scene::Color,
    /// A menu or a question is open over the canvas: no tooltip may cover it.
    pub menu_open: bool,
    /// Pairs of roles that share duties, with the share (0 to 1): drawn as bands.
    pub overlaps: &'a [(usize, usize, f64)],
    /// Nothing is moved or linked (a comparison): every drag pans.
    pub read_only: bool,
}

/// A gesture in progress, kept between frames.
#[derive(Debug, Clone, Default, PartialEq)]
enum Gesture {
    #[default]
    Idle,
    Pan,
    /// Roles being dragged; `grabbed` is the one under the pointer, `grab` where it was taken.
    Move {
        roles: Vec<usize>,
        grabbed: usize,
        grab: Point,
    },
    Link {
        from: usize,
    },
    /// A rubber band from `start` (map space); `add` keeps what was selected.
    Band {
        start: Point,
        add: bool,
    },
}

/// The canvas's own state: the gesture under way and the link tool.
#[derive(Debug, Default)]
pub struct CanvasState {
    gesture: Gesture,
    /// While on, dragging from a role draws a link instead of moving the role.
    pub link_tool: bool,
    /// The map's extent, the canvas and the corner to keep clear when last drawn.
    last_drawn: Option<(Rect, egui::Rect, Option<egui::Rect>)>,
    /// Where the legend is (from the frame before): a fit keeps the map clear of it.
    pub keep_clear: Option<egui::Rect>,
    /// What was painted, moved while the view pans.
    painted: PaintCache,
}

impl CanvasState {
    /// Fits the whole map into `canvas`, clear of the legend.
    fn fit(&self, view: &mut View, scene: &Scene, canvas: egui::Rect) {
        view.fit_clear_of(scene.bounds, scene.reach(), canvas, self.keep_clear);
    }
}

/// Where a dragged role was dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub role: usize,
    pub ring: usize,
    pub team: Option<usize>,
    /// Degrees clockwise from 12 o'clock, rounded to a tenth so files stay tidy.
    pub degrees: f64,
}

/// What the user did on the canvas this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum CanvasEvent {
    /// A click; `toggle` when Shift or Ctrl was held (add to or take from the selection).
    Click {
        target: Target,
        toggle: bool,
    },
    DoubleClick(Target),
    /// A right-click: the context menu for the target opens.
    Context(Target),
    /// Roles dragged and dropped.
    Place(Vec<Placement>),
    /// A link drawn from one role to another, dropped at `at` on screen (where the menu of
    /// kinds opens).
    Link {
        from: usize,
        to: usize,
        at: Pos2,
    },
    /// Roles inside a rubber band.
    Band {
        roles: Vec<usize>,
        add: bool,
    },
    /// The Delete key.
    Delete,
    /// Escape.
    Cancel,
}

pub struct CanvasOutput {
    pub events: Vec<CanvasEvent>,
    /// The canvas's response, for its context menu.
    pub response: egui::Response,
}

/// The colour of View > Duplicated duties' bands (the legend shows it too).
pub const OVERLAP_BAND: Color32 = Color32::from_rgba_unmultiplied_const(0x8e, 0x44, 0xad, 80);

/// Zoom step of the + and - keys.
const KEY_ZOOM: f32 = 1.25;

/// A translucent band between each two roles that share duties, as wide as the share (a
/// role doing half of another's duties gets a broad one): where the map says the same work
/// twice. Drawn over the links, under nothing the user must read (it is see-through).
fn overlap_bands_ui(
    painter: &egui::Painter,
    input: &CanvasInput,
    transform: &super::view::Transform,
) {
    let color = OVERLAP_BAND;
    for &(a, b, share) in input.overlaps {
        let (Some(ra), Some(rb)) = (input.layout.roles.get(a), input.layout.roles.get(b)) else {
            continue;
        };
        let width = 4.0 + 14.0 * share.clamp(0.0, 1.0) as f32;
        let ends = [transform.to_screen(ra.pos), transform.to_screen(rb.pos)];
        painter.line_segment(ends, egui::Stroke::new(width, color));
    }
}

pub fn canvas_ui(
    ui: &mut egui::Ui,
    input: &CanvasInput,
    view: &mut View,
    state: &mut CanvasState,
) -> CanvasOutput {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let mut events = Vec::new();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, format!("Map of {}", input.map.name))
    });
    let bounds = input.scene.bounds;
    // A fitted view stays fitted while the map grows (rings added while sketching) or the
    // window changes; once the user pans or zooms, the view is theirs.
    let drawn = (bounds, rect, state.keep_clear);
    let changed = state.last_drawn.is_some_and(|last| last != drawn);
    if view.needs_fit || (view.fitted && changed) {
        state.fit(view, input.scene, rect);
    }
    state.last_drawn = Some(drawn);
    navigate(ui, &response, rect, input.scene, view, state);
    if !ui.ctx().egui_wants_keyboard_input() {
        ui.input(|i| {
            // Delete only: Backspace right after Enter left a name field would delete the
            // role whose name was being fixed.
            if i.key_pressed(Key::Delete) {
                events.push(CanvasEvent::Delete);
            }
            if i.key_pressed(Key::Escape) {
                events.push(CanvasEvent::Cancel);
            }
        });
    }
    if events.contains(&CanvasEvent::Cancel) {
        state.gesture = Gesture::Idle;
    }

    let transform = view.transform(rect);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, color32(input.scene.background));
    paint_scene_cached(&painter, input.scene, &transform, &mut state.painted);
    overlap_bands_ui(&painter, input, &transform);

    // A node is easy to hit: its radius and a few pixels more, whatever the zoom.
    let reach = LayoutOptions::default().node_radius + 4.0 / transform.zoom as f64;
    let pointer = response.interact_pointer_pos().or(response.hover_pos());
    let map_pointer = pointer.map(|p| transform.to_map(p));
    gesture_ui(ui, &response, input, &transform, reach, state, &mut events);

    if state.gesture == Gesture::Idle
        && let Some(i) = map_pointer.and_then(|p| role_at(input.layout, p, reach))
        && response.hovered()
    {
        let menu_open = input.menu_open || egui::Popup::is_any_open(ui.ctx());
        ui.ctx().set_cursor_icon(if state.link_tool {
            egui::CursorIcon::Crosshair
        } else {
            egui::CursorIcon::PointingHand
        });
        let role = &input.map.roles[i];
        if !menu_open {
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(320.0);
                ui.strong(visual(&role.name));
                if role.purpose.is_empty() {
                    ui.weak("No purpose written yet.");
                } else {
                    ui.label(visual(&role.purpose));
                }
            });
        }
    }

    if let Some(pos) = map_pointer {
        let target = || target_at(input.map, input.layout, pos, reach);
        let toggle = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        if response.secondary_clicked() {
            events.push(CanvasEvent::Context(target()));
        }
        if response.double_clicked() {
            let target = target();
            if target == Target::Background {
                state.fit(view, input.scene, rect);
            }
            events.push(CanvasEvent::DoubleClick(target));
        } else if response.clicked() {
            events.push(CanvasEvent::Click { target: target(), toggle });
        }
    }
    CanvasOutput { events, response }
}

/// Pan (dragging the background without Shift, scrolling), zoom and the view keys.
fn navigate(
    ui: &egui::Ui,
    response: &egui::Response,
    rect: egui::Rect,
    scene: &Scene,
    view: &mut View,
    state: &CanvasState,
) {
    if state.gesture == Gesture::Pan && response.dragged() {
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
            state.fit(view, scene, rect);
        }
    }
}

/// Starts, draws and ends the drag gestures: move roles, draw a link, rubber band.
fn gesture_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    input: &CanvasInput,
    transform: &Transform,
    reach: f64,
    state: &mut CanvasState,
    events: &mut Vec<CanvasEvent>,
) {
    let layout = input.layout;
    if response.drag_started() {
        let (origin, modifiers) = ui.input(|i| (i.pointer.press_origin(), i.modifiers));
        let origin = origin.map(|p| transform.to_map(p));
        let on_role = origin.and_then(|p| role_at(layout, p, reach));
        state.gesture = match (on_role, origin) {
            _ if input.read_only => Gesture::Pan,
            (Some(from), _) if modifiers.shift || state.link_tool => Gesture::Link { from },
            (Some(grabbed), Some(grab)) => {
                let selected = input.selection.roles();
                let roles =
                    if selected.contains(&grabbed) { selected.to_vec() } else { vec![grabbed] };
                Gesture::Move { roles, grabbed, grab }
            }
            (None, Some(start)) if modifiers.shift => {
                Gesture::Band { start, add: modifiers.command }
            }
            _ => Gesture::Pan,
        };
    }
    let Some(pointer) = response.interact_pointer_pos().or(response.hover_pos()) else {
        return;
    };
    let at = transform.to_map(pointer);
    let painter = ui.painter_at(transform.canvas);
    let accent = color32(input.accent);
    match &state.gesture {
        Gesture::Idle | Gesture::Pan => {}
        Gesture::Move { roles, grabbed, grab } => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            let placements = placements(layout, roles, *grabbed, *grab, at);
            for p in &placements {
                let radius = layout.rings[p.ring].radius;
                let node = layout.roles[p.role].node_at(radius, p.degrees.to_radians());
                let ghost = transform.to_screen(node);
                let r = 7.0 * transform.zoom.max(0.6);
                painter.circle(ghost, r, accent.gamma_multiply(0.35), Stroke::new(2.0, accent));
            }
            if let Some(p) = placements.iter().find(|p| p.role == *grabbed) {
                let place = match p.team.and_then(|t| input.map.teams.get(t)) {
                    Some(team) => {
                        let ring = &input.map.rings[p.ring].name;
                        format!("{} · {}", visual(ring), visual(&team.name))
                    }
                    None => visual(&input.map.rings[p.ring].name).into_owned(),
                };
                tag_ui(&painter, pointer, &format!("{place} · {:.0}°", p.degrees), accent);
            }
            if response.drag_stopped() {
                events.push(CanvasEvent::Place(placements));
                state.gesture = Gesture::Idle;
            }
        }
        Gesture::Link { from } => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
            // The map may have changed under the gesture (a reload): then it is over.
            let Some(start) = layout.roles.get(*from).map(|r| transform.to_screen(r.pos)) else {
                state.gesture = Gesture::Idle;
                return;
            };
            let to = role_at(layout, at, reach).filter(|to| to != from);
            let end = to.map_or(pointer, |to| transform.to_screen(layout.roles[to].pos));
            painter.arrow(start, end - start, Stroke::new(2.5, accent));
            let hint = match to {
                Some(to) => format!("Link to {}", visual(&input.map.roles[to].name)),
                None => "Drop on another role to link".to_string(),
            };
            tag_ui(&painter, pointer, &hint, accent);
            if response.drag_stopped() {
                if let Some(to) = to {
                    events.push(CanvasEvent::Link { from: *from, to, at: pointer });
                }
                state.gesture = Gesture::Idle;
            }
        }
        Gesture::Band { start, add } => {
            let band = egui::Rect::from_two_pos(transform.to_screen(*start), pointer);
            painter.rect(
                band,
                2.0,
                accent.gamma_multiply(0.12),
                Stroke::new(1.5, accent),
                egui::StrokeKind::Inside,
            );
            if response.drag_stopped() {
                let (min, max) = (transform.to_map(band.min), transform.to_map(band.max));
                let inside =
                    |p: Point| p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
                let roles = (0..layout.roles.len()).filter(|&i| inside(layout.roles[i].pos));
                events.push(CanvasEvent::Band { roles: roles.collect(), add: *add });
                state.gesture = Gesture::Idle;
            }
        }
    }
    if response.drag_stopped() {
        state.gesture = Gesture::Idle;
    }
}

/// Where dragged roles land when the one grabbed at `grab` is let go at `at`: all turn by the
/// same angle; when the grabbed one changes ring, all go to that ring. Each joins the team
/// whose sector it lands in (or none).
pub fn placements(
    layout: &Layout,
    roles: &[usize],
    grabbed: usize,
    grab: Point,
    at: Point,
) -> Vec<Placement> {
    let Some(own) = layout.roles.get(grabbed) else { return Vec::new() };
    let own_ring = own.ring;
    // Angles are measured at the ring's circle, from which the node is offset: the grabbed
    // node then follows the pointer exactly.
    let turn = own.angle_of_node(at, own.angle) - own.angle_of_node(grab, own.angle);
    let drop_ring = ring_for_drop(layout, at).unwrap_or(own_ring);
    roles
        .iter()
        .filter_map(|&role| {
            let placed = layout.roles.get(role)?;
            let ring = if drop_ring == own_ring { placed.ring } else { drop_ring };
            let angle = normalize(placed.angle + turn);
            let degrees = (angle.to_degrees() * 10.0).round() / 10.0 % 360.0;
            Some(Placement { role, ring, team: team_at(layout, ring, angle), degrees })
        })
        .collect()
}

/// A small label beside the pointer saying what a drop would do.
fn tag_ui(painter: &egui::Painter, pointer: Pos2, text: &str, accent: Color32) {
    let galley =
        painter.layout_no_wrap(text.to_string(), egui::FontId::proportional(13.0), Color32::WHITE);
    let pos = pointer + Vec2::new(14.0, 10.0);
    let rect = egui::Rect::from_min_size(pos, galley.size()).expand(4.0);
    painter.rect_filled(rect, 4.0, accent);
    painter.galley(pos, galley, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::hit::tests::laid_out;

    #[test]
    fn a_drop_turns_the_roles_and_may_change_ring_and_team() {
        let (_, layout) = laid_out();
        let radius = layout.rings[1].radius;
        // Role b (6 o'clock) dragged an eighth of a turn clockwise along its ring: 225°, still
        // outside the north team's sector (from 270° to 90°, halfway to b on either side).
        // The node is dragged to where its node would be at 225° (it is offset from the
        // ring's circle, beside its label).
        let grab = layout.roles[2].pos;
        let at = layout.roles[2].node_at(radius, 225f64.to_radians());
        let moved = placements(&layout, &[2], 2, grab, at);
        assert_eq!(moved, [Placement { role: 2, ring: 1, team: None, degrees: 225.0 }]);
        // Dropped at 12 o'clock, it lands in the north team's sector.
        let at = Point::polar(radius, 0.05);
        assert_eq!(placements(&layout, &[2], 2, grab, at)[0].team, Some(0));
        // Dropped in the centre disc: onto the centre ring.
        let at = Point::new(1.0, 1.0);
        assert_eq!(placements(&layout, &[2], 2, grab, at)[0].ring, 0);
    }
}
