//! The side panel while comparing (File > Compare with…): what the map is compared with, the
//! marks the canvas uses, and the changes one per line; a click on a line selects what it is
//! about and brings it into view. "Back to editing" (or Esc on the canvas) leaves.

use eframe::egui::{self, RichText, Sense, Stroke};

use super::menus::Action;
use super::paint::color32;
use super::selection::Selection;
use crate::diff::Change;
use crate::scene::{ADDED, CHANGED, REMOVED};

/// What a change's line selects.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// Something of the map as it is now.
    Select(Selection),
    /// The ghost of a removed role (its index in the compared map).
    Ghost(usize),
    /// Nothing on the map (the map's own name or purpose, a removed ring).
    Nothing,
}

/// One change, as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub text: String,
    pub change: Change,
    pub pick: Pick,
}

/// What the panel shows.
pub struct ComparePanel<'a> {
    /// "the last commit", a file's name.
    pub against: &'a str,
    pub entries: &'a [Entry],
    /// Still working the comparison out (a big map).
    pub computing: bool,
    pub selection: &'a Selection,
    pub ghost: Option<usize>,
}

pub fn compare_panel_ui(ui: &mut egui::Ui, panel: &ComparePanel) -> Option<Action> {
    let mut action = None;
    ui.set_max_width(ui.available_width());
    ui.add_space(4.0);
    ui.heading("What changed");
    ui.label(format!("The map as it is now, against {}.", panel.against));
    if ui.button("⬅ Back to editing").on_hover_text("Esc on the map does it too").clicked() {
        action = Some(Action::StopComparing);
    }
    ui.separator();
    marks_ui(ui);
    ui.separator();
    if panel.computing && panel.entries.is_empty() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Comparing…");
        });
        return action;
    }
    let count = panel.entries.len();
    ui.strong(match count {
        0 => "No changes: the two maps are the same.".to_string(),
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    });
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        for entry in panel.entries {
            let selected = match &entry.pick {
                Pick::Select(selection) => selection == panel.selection,
                Pick::Ghost(i) => panel.ghost == Some(*i),
                Pick::Nothing => false,
            };
            let color = mark_color(ui, entry.change);
            let text = RichText::new(&entry.text).color(color);
            let row = ui.add(egui::Button::selectable(selected, text).wrap());
            if row.clicked() {
                action = match &entry.pick {
                    Pick::Select(selection) => Some(Action::Reveal(selection.clone())),
                    Pick::Ghost(i) => Some(Action::SelectGhost(*i)),
                    Pick::Nothing => None,
                };
            }
        }
    });
    action
}

/// The colour of a change's mark (moves: the text's, as on the canvas).
fn mark_color(ui: &egui::Ui, change: Change) -> egui::Color32 {
    match change {
        Change::Added => color32(ADDED),
        Change::Removed => color32(REMOVED),
        Change::Changed => color32(CHANGED),
        Change::Moved => ui.visuals().text_color(),
    }
}

/// The marks of the canvas, each drawn as it is there, with what it means.
fn marks_ui(ui: &mut egui::Ui) {
    for (change, sign, words) in [
        (Change::Added, "+", "added role"),
        (Change::Removed, "−", "removed role, faded where it was"),
        (Change::Changed, "", "changed role, outlined"),
        (Change::Moved, "", "moved role, arrow from its old place"),
    ] {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 18.0), Sense::hover());
            let color = mark_color(ui, change);
            let painter = ui.painter();
            let center = rect.center();
            if change == Change::Moved {
                // The canvas draws moves dash-dotted: here an arrow in short.
                let from = center - egui::vec2(9.0, 0.0);
                painter.arrow(from, egui::vec2(16.0, 0.0), Stroke::new(2.0, color));
            } else {
                painter.circle_stroke(center, 7.0, Stroke::new(2.0, color));
            }
            if !sign.is_empty() {
                let badge = center + egui::vec2(6.0, -5.0);
                painter.circle_filled(badge, 5.0, color);
                let font = egui::FontId::proportional(9.0);
                painter.text(badge, egui::Align2::CENTER_CENTER, sign, font, egui::Color32::WHITE);
            }
            ui.label(words);
        });
    }
    for (change, words) in [
        (Change::Added, "added ring or team, a line along it"),
        (Change::Removed, "removed ring or team"),
    ] {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 18.0), Sense::hover());
            let (from, to) = (rect.left_center(), rect.right_center());
            let stroke = Stroke::new(3.0, mark_color(ui, change));
            if change == Change::Removed {
                ui.painter().add(egui::Shape::dashed_line(&[from, to], stroke, 5.0, 3.0));
            } else {
                ui.painter().line_segment([from, to], stroke);
            }
            ui.label(words);
        });
    }
}
