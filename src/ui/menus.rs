//! The menu bar and keyboard shortcuts. Both only return [`Action`]s; the app carries them out.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

/// Something the user asked the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    New,
    Open,
    /// Open a file typed into the path field (when there is no file dialog).
    OpenPath(PathBuf),
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    /// File > Export: the map as SVG, PNG or PDF.
    Export,
    /// A role's candidate pack.
    ExportPack(usize),
    Quit,
    Undo,
    Redo,
    FitMap,
    SetDarkTheme(bool),
    ToggleLegend,
}

pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// Shortcuts pressed this frame, most specific first (Ctrl+Shift+Z before Ctrl+Z).
pub fn shortcut_actions(ctx: &egui::Context) -> Vec<Action> {
    let mut actions = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, action) in [
            (SAVE_AS, Action::SaveAs),
            (SAVE, Action::Save),
            (OPEN, Action::Open),
            (NEW, Action::New),
            (EXPORT, Action::Export),
            (REDO, Action::Redo),
            (REDO_Y, Action::Redo),
            (UNDO, Action::Undo),
        ] {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
    });
    actions
}

/// What the menus need to know to draw themselves.
pub struct MenuState<'a> {
    pub recent: &'a [PathBuf],
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub dark: bool,
    pub legend: bool,
    /// The selected role, for "Export candidate pack…".
    pub selected: Option<usize>,
}

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &MenuState) -> Option<Action> {
    let mut action = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let ctx = ui.ctx().clone();
            let item = |ui: &mut egui::Ui, text: &str, shortcut: Option<KeyboardShortcut>| {
                let mut button = egui::Button::new(text);
                if let Some(s) = shortcut {
                    button = button.shortcut_text(ctx.format_shortcut(&s));
                }
                ui.add(button).clicked()
            };
            if item(ui, "New", Some(NEW)) {
                action = Some(Action::New);
            }
            if item(ui, "Open…", Some(OPEN)) {
                action = Some(Action::Open);
            }
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in state.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        action = Some(Action::OpenRecent(path.clone()));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", Some(SAVE)) {
                action = Some(Action::Save);
            }
            if item(ui, "Save as…", Some(SAVE_AS)) {
                action = Some(Action::SaveAs);
            }
            ui.separator();
            if item(ui, "Export…", Some(EXPORT)) {
                action = Some(Action::Export);
            }
            if let Some(role) = state.selected
                && item(ui, "Export candidate pack…", None)
            {
                action = Some(Action::ExportPack(role));
            }
            ui.separator();
            if item(ui, "Quit", None) {
                action = Some(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo =
                state.undo.map_or("Undo".to_string(), |l| format!("Undo {}", l.to_lowercase()));
            let button = egui::Button::new(undo).shortcut_text(ui.ctx().format_shortcut(&UNDO));
            if ui.add_enabled(state.undo.is_some(), button).clicked() {
                action = Some(Action::Undo);
            }
            let redo =
                state.redo.map_or("Redo".to_string(), |l| format!("Redo {}", l.to_lowercase()));
            let button = egui::Button::new(redo).shortcut_text(ui.ctx().format_shortcut(&REDO));
            if ui.add_enabled(state.redo.is_some(), button).clicked() {
                action = Some(Action::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            if ui.add(egui::Button::new("Fit the map").shortcut_text("F")).clicked() {
                action = Some(Action::FitMap);
            }
            let mut dark = state.dark;
            if ui.checkbox(&mut dark, "Dark theme").changed() {
                action = Some(Action::SetDarkTheme(dark));
            }
            let mut legend = state.legend;
            if ui.checkbox(&mut legend, "Legend").changed() {
                action = Some(Action::ToggleLegend);
            }
        });
    });
    action
}
