//! Presenting: the whole window full screen for a room, and the projector window beside the
//! editor. The drawing itself is `ui::present`; this holds what the app does around it.

use eframe::egui;

use super::OrgMapApp;
use crate::scene::Theme;
use crate::ui::menus;
use crate::ui::paint::color32;
use crate::ui::present::{Move, PresentInput, PresentRequest, present_ui};

impl OrgMapApp {
    /// Presents the map from step `step` (0 is the centre).
    pub fn start_presenting(&mut self, step: usize) {
        self.presenting = true;
        self.present.step = step;
        self.present.spotlight = None;
    }

    pub(super) fn stop_presenting(&mut self, ctx: &egui::Context) {
        self.presenting = false;
        if self.screenshot.is_none() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// The whole window presents: no menus, no panels.
    pub(super) fn presenting_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut leave = false;
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let request = self.present_in(ui, true);
            leave = request == Some(PresentRequest::Leave);
        });
        if leave || ctx.input_mut(|i| i.consume_shortcut(&menus::PRESENT)) {
            self.stop_presenting(&ctx);
        }
    }

    /// The presentation drawn in `ui`, or a spinner while a large map is being laid out.
    fn present_in(&mut self, ui: &mut egui::Ui, keys: bool) -> Option<PresentRequest> {
        let Some(layout) = self.doc.drawn_layout() else {
            let background = color32(Theme::present().background);
            ui.painter().rect_filled(ui.max_rect(), 0.0, background);
            ui.centered_and_justified(|ui| ui.spinner().on_hover_text("Laying out the map…"));
            return None;
        };
        let input = PresentInput {
            map: &self.doc.map,
            layout,
            options: &Self::layout_options(),
            version: (self.doc.generation(), self.doc.layout_generation()),
        };
        present_ui(ui, &input, &mut self.present, keys)
    }

    /// The projector window: the presented map only, on its own display; the clicker works
    /// in either window.
    pub(super) fn projector_ui(&mut self, ctx: &egui::Context) {
        let builder = egui::ViewportBuilder::default()
            .with_title(format!("{} — orgmap projector", self.doc.file_name()))
            .with_inner_size([1280.0, 720.0]);
        let closed = ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("orgmap projector"),
            builder,
            |ui, class| {
                // Embedded in the main window (no second window on this system), the keys
                // are the main window's, read once below.
                let own_keys = class != egui::ViewportClass::EmbeddedWindow;
                egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
                    if self.present_in(ui, own_keys).is_some() {
                        // Esc on the projector leaves full screen there.
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    }
                    if ui.input(|i| i.key_pressed(egui::Key::F11)) {
                        let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
                    }
                });
                ui.input(|i| i.viewport().close_requested())
            },
        );
        if closed {
            self.projector = false;
        }
        // The clicker works from the editor too, unless a text field has the keyboard.
        if !ctx.egui_wants_keyboard_input()
            && let Some(layout) = self.doc.drawn_layout()
        {
            let options = Self::layout_options();
            let generation = self.doc.layout_generation();
            let count = self.present.presentation(layout, &options, generation).steps.len();
            for step_move in Move::pressed(ctx) {
                self.present.go(step_move, count);
            }
        }
    }
}
