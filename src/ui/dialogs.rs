//! Modal dialogs: unsaved changes, errors, and the path field used when the system has no
//! file dialog.

use eframe::egui::{self, RichText};

/// The answer to "Save changes before …?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    DontSave,
    Cancel,
}

/// Asks whether to save `file_name` before `doing` ("closing", "opening another map").
pub fn unsaved_ui(ctx: &egui::Context, file_name: &str, doing: &str) -> Option<UnsavedChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved changes")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Unsaved changes");
        ui.label(format!("Save the changes to “{file_name}” before {doing}?"));
        ui.label("If you don't save, your changes since the last save are lost.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(UnsavedChoice::Save);
            }
            if ui.button("Don't save").clicked() {
                choice = Some(UnsavedChoice::DontSave);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(UnsavedChoice::Cancel);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(UnsavedChoice::Cancel);
    }
    choice
}

/// Shows an error with its full text; true once the user closes it.
pub fn error_ui(ctx: &egui::Context, title: &str, message: &str) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(RichText::new(title).color(ui.visuals().error_fg_color));
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(message).monospace()).wrap());
        });
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    close || modal.should_close()
}

/// Open or save through a typed path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    Save,
    /// Where to write an export.
    Export,
    /// An org chart table to import.
    Import,
    /// Another version of the map, to compare with.
    Compare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub text: String,
    /// Why the prompt is shown (no file dialog on this system).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathAnswer {
    Chosen(std::path::PathBuf),
    Cancel,
}

pub fn path_prompt_ui(ctx: &egui::Context, prompt: &mut PathPrompt) -> Option<PathAnswer> {
    let mut answer = None;
    let (title, button) = match prompt.purpose {
        PathPurpose::Open => ("Open a map", "Open"),
        PathPurpose::Save => ("Save the map as", "Save"),
        PathPurpose::Export => ("Export to", "Export"),
        PathPurpose::Import => ("Import an org chart", "Preview"),
        PathPurpose::Compare => ("Compare with a map", "Compare"),
    };
    let modal = egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.weak(&prompt.reason);
        let label = ui.label(match prompt.purpose {
            PathPurpose::Export => "Path of the file",
            PathPurpose::Import => "Path of the table (.csv, .tsv, .xlsx, .ods)",
            _ => "Path of the file (.ron)",
        });
        let response = ui.add(
            egui::TextEdit::singleline(&mut prompt.text)
                .desired_width(f32::INFINITY)
                .hint_text("e.g. /home/me/maps/our-organisation.ron"),
        );
        response.clone().labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let ready = !prompt.text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new(button)).clicked() || (entered && ready) {
                answer = Some(PathAnswer::Chosen(prompt.text.trim().into()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(PathAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(PathAnswer::Cancel);
    }
    answer
}

/// "Where do the roles of the ring (or team) being deleted go?" and the answer so far.
#[derive(Debug, Clone, PartialEq)]
pub struct FateQuestion {
    /// A ring (else a team) is being deleted.
    pub ring: bool,
    pub index: usize,
    pub name: String,
    pub roles: usize,
    /// The rings (or teams) the roles may go to: index and name.
    pub places: Vec<(usize, String)>,
    pub fate: crate::edit::RoleFate,
}

/// The answer to a [`FateQuestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FateAnswer {
    Delete(crate::edit::RoleFate),
    Cancel,
}

pub fn fate_ui(ctx: &egui::Context, question: &mut FateQuestion) -> Option<FateAnswer> {
    use crate::edit::RoleFate;
    let mut answer = None;
    let (what, where_to) =
        if question.ring { ("ring", "Move them to") } else { ("team", "Move them to the team") };
    let modal = egui::Modal::new(egui::Id::unique("where roles go")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Delete the {what} “{}”", question.name));
        let roles = match question.roles {
            1 => "1 role".to_string(),
            n => format!("{n} roles"),
        };
        ui.label(format!("It still holds {roles}. Where should they go?"));
        ui.add_space(4.0);
        if !question.ring {
            ui.radio_value(&mut question.fate, RoleFate::Stay, "Keep them on the ring, in no team");
        }
        for (index, name) in &question.places {
            ui.radio_value(
                &mut question.fate,
                RoleFate::MoveTo(*index),
                format!("{where_to} “{name}”"),
            );
        }
        ui.radio_value(
            &mut question.fate,
            RoleFate::Delete,
            format!("Delete them too ({roles} and their links)"),
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(format!("Delete {what}")).clicked() {
                answer = Some(FateAnswer::Delete(question.fate));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(FateAnswer::Cancel);
            }
        });
        ui.weak("Undo brings everything back.");
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(FateAnswer::Cancel);
    }
    answer
}
