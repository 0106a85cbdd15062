//! Presenting: the whole window full screen for a room, and the projector window beside the
//! editor. The drawing itself is `ui::present`; this holds what the app does around it.

use eframe::egui;

use super::OrgMapApp;
use crate::ui::menus;
use crate::ui::present::{Move, PresentRequest, present_ui};

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
        let generation = self.doc.generation();
        let mut leave = false;
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let request = present_ui(ui, &self.doc.map, generation, &mut self.present, true);
            leave = request == Some(PresentRequest::Leave);
        });
        if leave || ctx.input_mut(|i| i.consume_shortcut(&menus::PRESENT)) {
            self.stop_presenting(&ctx);
        }
    }

    /// The projector window: the presented map only, on its own display; the clicker works
    /// in either window.
    pub(super) fn projector_ui(&mut self, ctx: &egui::Context) {
        let generation = self.doc.generation();
        let (map, present) = (&self.doc.map, &mut self.present);
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
                    if present_ui(ui, map, generation, present, own_keys).is_some() {
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
        if !ctx.egui_wants_keyboard_input() {
            let steps = self.present.presentation(&self.doc.map, generation).steps.clone();
            for step_move in Move::pressed(ctx) {
                self.present.go(step_move, &steps);
            }
        }
    }
}
