//! Presenting: the map full screen for a room, step by step, with a spotlight card. Clicker
//! keys step (Right, Down, Page Down, Space forward; Left, Up, Page Up back; Home, End);
//! clicking a role puts it in the spotlight, clicking the background leaves it; Esc leaves.

use eframe::egui::{self, Color32, FontId, Key, RichText, Sense};

use super::hit::role_at;
use super::paint::{color32, paint_scene};
use super::view::Transform;
use crate::font::visual;
use crate::layout::{Layout, LayoutOptions, Point};
use crate::model::{OrgMap, Status};
use crate::scene::present::{Presentation, Step};
use crate::scene::{Scene, Theme};

/// Where a presentation is: its step and the role in the spotlight.
#[derive(Debug, Default)]
pub struct PresentState {
    /// Index into the presentation's steps.
    pub step: usize,
    pub spotlight: Option<usize>,
    /// The step the spotlight was last set for: reaching a step of the tour spotlights its
    /// role, reaching a ring leaves the spotlight.
    spotlight_step: Option<usize>,
    /// The presentation, for one layout of the map (its generation).
    cache: Option<(u64, Presentation)>,
    /// The scene last drawn and what it was drawn for (a 10,000-role scene takes ~10 ms to
    /// build: not on every frame).
    scene: Option<(SceneKey, Scene)>,
}

/// What a presented scene depends on.
#[derive(Debug, Clone, PartialEq)]
struct SceneKey {
    /// The map's generation and its layout's.
    version: (u64, u64),
    step: Step,
    spotlight: Option<usize>,
    zoom: f64,
    /// The card's place depends on the screen's size.
    screen: egui::Vec2,
}

/// What the user asked of the presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentRequest {
    Leave,
}

/// A clicker or keyboard move through the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Next,
    Back,
    First,
    Last,
}

impl Move {
    /// The moves pressed this frame (what presentation clickers send).
    pub fn pressed(ctx: &egui::Context) -> Vec<Move> {
        ctx.input(|i| {
            let mut moves = Vec::new();
            for (keys, step) in [
                (&[Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space][..], Move::Next),
                (&[Key::ArrowLeft, Key::ArrowUp, Key::PageUp][..], Move::Back),
                (&[Key::Home][..], Move::First),
                (&[Key::End][..], Move::Last),
            ] {
                if keys.iter().any(|&k| i.key_pressed(k)) {
                    moves.push(step);
                }
            }
            moves
        })
    }
}

impl PresentState {
    /// The presentation of the map laid out by `layout` (layout generation `generation`),
    /// made again when the layout changed; the step is kept in range.
    pub fn presentation(
        &mut self,
        layout: &Layout,
        options: &LayoutOptions,
        generation: u64,
    ) -> &Presentation {
        if self.cache.as_ref().is_some_and(|(g, _)| *g != generation) {
            self.cache = None;
        }
        let (_, presentation) =
            self.cache.get_or_insert_with(|| (generation, Presentation::new(layout, options)));
        self.step = self.step.min(presentation.steps.len().saturating_sub(1));
        presentation
    }

    /// Moves through `count` steps.
    pub fn go(&mut self, step_move: Move, count: usize) {
        let last = count.saturating_sub(1);
        self.step = match step_move {
            Move::Next => (self.step + 1).min(last),
            Move::Back => self.step.saturating_sub(1),
            Move::First => 0,
            Move::Last => last,
        };
    }

    /// A new step spotlights the role of the tour it reached (none for a ring).
    fn follow_step(&mut self, step: Step) {
        if self.spotlight_step != Some(self.step) {
            self.spotlight_step = Some(self.step);
            self.spotlight = match step {
                Step::Role(i) => Some(i),
                Step::Rings(_) => None,
            };
        }
    }
}

/// What the presentation is drawn from: the map, its layout, and their generations.
pub struct PresentInput<'a> {
    pub map: &'a OrgMap,
    pub layout: &'a Layout,
    pub options: &'a LayoutOptions,
    /// The map's generation and its layout's.
    pub version: (u64, u64),
}

/// Draws the presentation filling `ui`; `keys`: this view takes the clicker keys.
pub fn present_ui(
    ui: &mut egui::Ui,
    input: &PresentInput,
    state: &mut PresentState,
    keys: bool,
) -> Option<PresentRequest> {
    let map = input.map;
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, format!("Presenting {}", map.name))
    });
    let mut request = None;
    let count = state.presentation(input.layout, input.options, input.version.1).steps.len();
    if keys {
        for step_move in Move::pressed(ui.ctx()) {
            state.go(step_move, count);
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            request = Some(PresentRequest::Leave);
        }
    }
    let step_index = state.step;
    let step = state.cache.as_ref().and_then(|(_, p)| p.steps.get(step_index).copied());
    let Some(step) = step else { return request };
    state.follow_step(step);
    let spotlight = state.spotlight.filter(|&i| i < map.roles.len());
    let Some((_, presentation)) = &state.cache else { return request };
    let view = spotlight_view(presentation, step, spotlight, rect);
    let (transform, card, zoom) = (view.transform, view.card, view.zoom);
    let key = SceneKey { version: input.version, step, spotlight, zoom, screen: rect.size() };
    if state.scene.as_ref().is_none_or(|(k, _)| *k != key) {
        state.scene = Some((key, view.scene(map, presentation)));
    }
    let Some((_, scene)) = &state.scene else { return request };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, color32(scene.background));
    paint_scene(&painter, scene, &transform);

    // A click on a shown role spotlights it; on the background, leaves the spotlight.
    let clicked =
        response.clicked().then(|| response.interact_pointer_pos()).flatten().map(|pos| {
            let reach = presentation.options.node_radius + 8.0 / zoom;
            let shown = presentation.rings_shown(step);
            role_at(&presentation.layout, transform.to_map(pos), reach)
                .filter(|&i| presentation.layout.roles[i].ring < shown)
        });
    let total = presentation.steps.len();
    let label = match step {
        Step::Rings(n) => {
            format!(
                "Ring {n} of {}: {}",
                map.rings.len(),
                map.rings.get(n - 1).map_or(Default::default(), |r| visual(&r.name))
            )
        }
        Step::Role(_) => {
            format!("Role {} of {}", step_index + 1 - map.rings.len(), map.roles.len())
        }
    };
    indicator_ui(ui, rect, &format!("{label} · step {} of {total}", step_index + 1));
    if let Some(i) = spotlight {
        card_ui(ui, card, map, i);
    }
    if let Some(spotlight) = clicked {
        state.spotlight = spotlight;
    }
    request
}

/// How a step is shown on a screen: the camera, and the spotlight card if a role is in it.
struct StepView {
    transform: Transform,
    /// The camera's zoom, exactly (the transform's is rounded to f32: labels on the limit
    /// of [`crate::scene::present::MIN_LABEL_PX`] would be taken as too small).
    zoom: f64,
    /// Where the spotlight card goes (shown only when a role is in the spotlight).
    card: egui::Rect,
    step: Step,
    spotlight: Option<usize>,
}

impl StepView {
    /// The step's scene; with the card shown, without the labels it would cover.
    fn scene(&self, map: &OrgMap, presentation: &Presentation) -> Scene {
        let mut scene = presentation.scene(map, self.step, self.spotlight, self.zoom);
        if self.spotlight.is_some() {
            // A gap of a few pixels: a label touching the card's edge looks cut.
            let card = self.card.expand(6.0);
            let (a, b) = (self.transform.to_map(card.min), self.transform.to_map(card.max));
            scene.drop_labels_in(crate::layout::Rect { min: a, max: b });
        }
        scene
    }
}

/// The camera of `step` on screen `rect`: the spotlit role moves to the middle of what the
/// card leaves free, at the same zoom, so that its labels stay as large.
fn spotlight_view(
    presentation: &Presentation,
    step: Step,
    spotlight: Option<usize>,
    rect: egui::Rect,
) -> StepView {
    let screen = (rect.width() as f64, rect.height() as f64);
    let (mut center, zoom) = presentation.camera(step, screen);
    let card = card_rect(rect);
    if let Some(role) = spotlight.and_then(|i| presentation.layout.roles.get(i)) {
        let free_middle = (rect.left() + card.left()) / 2.0;
        let shift = (free_middle - rect.center().x) as f64 / zoom;
        center = Point::new(role.pos.x - shift, role.pos.y);
    }
    let transform = Transform { canvas: rect, center, zoom: zoom as f32 };
    StepView { transform, zoom, card, step, spotlight }
}

/// Where the spotlight card goes: the right third of the screen, inset.
fn card_rect(rect: egui::Rect) -> egui::Rect {
    let width = (rect.width() * 0.36).clamp(320.0, 760.0);
    egui::Rect::from_min_max(
        egui::pos2(rect.right() - width - 24.0, rect.top() + 24.0),
        egui::pos2(rect.right() - 24.0, rect.bottom() - 64.0),
    )
}

/// The step indicator: small, in the lower-right corner (a label, so screen readers and
/// tests read it too).
fn indicator_ui(ui: &mut egui::Ui, rect: egui::Rect, text: &str) {
    let theme = Theme::present();
    let font = FontId::proportional(20.0);
    let galley = ui.painter().layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE);
    let pos = rect.right_bottom() - galley.size() - egui::vec2(24.0, 18.0);
    let place = egui::Rect::from_min_size(pos, galley.size());
    ui.painter().rect_filled(
        place.expand(6.0),
        6.0,
        color32(theme.background).gamma_multiply(0.85),
    );
    let label = RichText::new(text).font(font).color(color32(theme.muted_text));
    ui.put(place.expand(2.0), egui::Label::new(label).extend());
}

/// The spotlight card: the role's name, where it sits, its purpose and its outcomes, in type
/// large enough for a room.
fn card_ui(ui: &mut egui::Ui, card: egui::Rect, map: &OrgMap, index: usize) {
    let theme = Theme::present();
    let role = &map.roles[index];
    let text = color32(theme.text);
    let muted = color32(theme.muted_text);
    let accent = color32(theme.selection);
    let mut place = map.ring(&role.ring).map_or(String::new(), |r| r.name.clone());
    if let Some(team) = map.team(&role.team) {
        place = format!("{} · {place}", visual(&team.name));
    }
    // An opaque card: the dimmed map must not show through the text.
    let fill = Color32::from_rgb(0x12, 0x17, 0x20);
    ui.painter().rect(card, 12.0, fill, egui::Stroke::new(2.0, accent), egui::StrokeKind::Inside);
    let frame = egui::Frame::new().inner_margin(28.0);
    ui.scope_builder(egui::UiBuilder::new().max_rect(card), |ui| {
        frame.show(ui, |ui| {
            ui.set_min_size(card.size() - egui::vec2(56.0, 56.0));
            egui::ScrollArea::vertical().id_salt("spotlight card").show(ui, |ui| {
                ui.label(RichText::new(visual(&role.name)).size(40.0).strong().color(text));
                ui.label(RichText::new(place).size(22.0).color(muted));
                ui.add_space(18.0);
                ui.label(RichText::new("Purpose").size(22.0).strong().color(accent));
                let purpose =
                    if role.purpose.is_empty() { "Not written yet." } else { &role.purpose };
                ui.label(RichText::new(visual(purpose)).size(26.0).color(text));
                if !role.outcomes.is_empty() {
                    ui.add_space(18.0);
                    ui.label(RichText::new("Outcomes").size(22.0).strong().color(accent));
                    for outcome in &role.outcomes {
                        ui.label(RichText::new(format!("• {outcome}")).size(24.0).color(text));
                    }
                }
                // An open role invites the room: its "Could this be you?" pitch.
                if role.status == Status::Vacant && !role.pitch.is_empty() {
                    ui.add_space(18.0);
                    let heading = RichText::new("Could this be you?").size(22.0).strong();
                    ui.label(heading.color(accent));
                    ui.label(RichText::new(&role.pitch).size(24.0).color(text));
                }
            });
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Part, Shape};

    /// On every step of the tour of every sample, on a laptop and on a projector, the card
    /// covers no role label that is drawn, and the spotlit role keeps its label.
    #[test]
    fn the_spotlight_card_covers_no_label() {
        let samples = ["wellbeing_teams", "enterprise20", "living_systems_sales"];
        for sample in samples {
            let path = format!("{}/sample_orgs/{sample}.ron", env!("CARGO_MANIFEST_DIR"));
            let map = crate::format::load(std::path::Path::new(&path)).unwrap();
            let options = LayoutOptions::default();
            let layout = crate::layout::compute(&map, &options, &crate::font::measure);
            let presentation = Presentation::new(&layout, &options);
            for size in [egui::vec2(1280.0, 800.0), egui::vec2(1920.0, 1080.0)] {
                let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
                let mut covered_before = 0;
                for &step in &presentation.steps {
                    let Step::Role(role) = step else { continue };
                    let view = spotlight_view(&presentation, step, Some(role), rect);
                    let card = view.card;
                    let boxes = |scene: &Scene| -> Vec<(usize, egui::Rect)> {
                        let to_screen = |p| view.transform.to_screen(p);
                        scene
                            .items
                            .iter()
                            .filter_map(|item| match (&item.part, &item.shape) {
                                (Part::RoleLabel(i), Shape::Text(text)) => {
                                    let b = text.bounds();
                                    let r = egui::Rect::from_two_pos(
                                        to_screen(b.min),
                                        to_screen(b.max),
                                    );
                                    Some((*i, r))
                                }
                                _ => None,
                            })
                            .collect()
                    };
                    let full = presentation.scene(&map, step, Some(role), view.zoom);
                    covered_before +=
                        boxes(&full).iter().filter(|(_, r)| r.intersects(card)).count();
                    let drawn = boxes(&view.scene(&map, &presentation));
                    for (i, r) in &drawn {
                        assert!(
                            !r.intersects(card),
                            "{sample} {size:?}: label of role {i} under the card"
                        );
                    }
                    assert!(
                        drawn.iter().any(|(i, _)| *i == role),
                        "{sample} {size:?}: the label of {} is left out",
                        map.roles[role].name,
                    );
                }
                // The test looks at cards that do fall on labels.
                if sample == "wellbeing_teams" {
                    assert!(covered_before > 0, "{size:?}: no card fell on a label");
                }
            }
        }
    }
}
