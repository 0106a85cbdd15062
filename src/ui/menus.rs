//! The menu bar and keyboard shortcuts. Both only return [`Action`]s; the app carries them out.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::selection::Selection;
use crate::model::LinkKind;

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
    /// File > Import: a map from an org chart table (CSV, XLSX, ODS).
    Import,
    /// File > Export: the map as SVG, PNG or PDF.
    Export,
    /// File > Export as table: one row per role and holder, CSV.
    ExportTable,
    /// File > Export as web page: the map and its job descriptions in one HTML file.
    ExportWebPage,
    /// A role's candidate pack.
    ExportPack(usize),
    /// File > Compare with a file…
    CompareWithFile,
    /// File > Compare with the last commit (git).
    CompareWithCommit,
    /// Leave the comparison: back to editing.
    StopComparing,
    /// Select the ghost of a removed role (its index in the compared map).
    SelectGhost(usize),
    Quit,
    Undo,
    Redo,
    FitMap,
    SetDarkTheme(bool),
    ToggleLegend,
    ToggleOverlaps,
    /// View > Links: how links are drawn.
    SetLinks(crate::scene::LinkView),
    /// A new role on ring `ring` (in team `team`), selected with its name field focused.
    AddRole {
        ring: usize,
        team: Option<usize>,
    },
    DuplicateRole(usize),
    /// Delete whatever is selected (Del).
    DeleteSelected,
    DeleteRoles(Vec<usize>),
    /// Let the layout place these roles again.
    Unpin(Vec<usize>),
    /// A new ring at position `at` (0 is the centre).
    AddRing {
        at: usize,
    },
    MoveRing {
        index: usize,
        to: usize,
    },
    /// Delete a ring; asks where its roles go when it has any.
    DeleteRing(usize),
    AddTeam {
        ring: usize,
    },
    /// Delete a team; asks where its roles go when it has any.
    DeleteTeam(usize),
    SetLinkKind {
        link: usize,
        kind: LinkKind,
    },
    DeleteLink(usize),
    AddPerson,
    /// Map > Compose role…: a new role of parts of others.
    ComposeRole,
    DeletePerson(usize),
    /// Rename skill `from` (any spelling) to `into` in every role and person: one undo step.
    MergeSkill {
        from: String,
        into: String,
    },
    /// Take these duties and outcomes (a duplicated duty) out of their roles.
    RemoveLines(Vec<crate::analysis::overlap::Line>),
    Select(Selection),
    /// Select and bring into view.
    Reveal(Selection),
    SelectAll,
    /// Focus the outline's filter box (Ctrl+F).
    Find,
    ToggleLinkTool,
    ToggleOutline,
    /// Start or stop presenting (F5).
    Present,
    /// Open or close the projector window.
    ToggleProjector,
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
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const DUPLICATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
pub const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::A);
pub const LINK_TOOL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::L);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
pub const IMPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::I);
pub const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F);
// The Map menu's: Ctrl with the thing's initial, Shift for the second thing on that letter
// (none of them types or edits text, so they work while a field has the keyboard).
pub const ADD_ROLE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
pub const ADD_RING: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::R);
pub const ADD_TEAM: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::T);
pub const ADD_PERSON: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);

/// Shortcuts pressed this frame, most specific first (Ctrl+Shift+Z before Ctrl+Z). `ring` and
/// `rings` say where the Map menu's additions go, as for its items.
pub fn shortcut_actions(ctx: &egui::Context, ring: usize, rings: usize) -> Vec<Action> {
    let mut actions = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, action) in [
            (QUIT, Action::Quit),
            (IMPORT, Action::Import),
            (ADD_RING, Action::AddRing { at: rings }),
            (ADD_ROLE, Action::AddRole { ring, team: None }),
            (ADD_TEAM, Action::AddTeam { ring }),
            (ADD_PERSON, Action::AddPerson),
            (SAVE_AS, Action::SaveAs),
            (SAVE, Action::Save),
            (OPEN, Action::Open),
            (NEW, Action::New),
            (EXPORT, Action::Export),
            (REDO, Action::Redo),
            (REDO_Y, Action::Redo),
            (UNDO, Action::Undo),
            (FIND, Action::Find),
            (PRESENT, Action::Present),
        ] {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
    });
    actions
}

/// Shortcuts that act on the map, only while no text field has the keyboard (else Ctrl+A
/// selects the text and L types an "l").
pub fn canvas_shortcut_actions(ctx: &egui::Context, selected: &Selection) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    let mut actions = Vec::new();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&SELECT_ALL) {
            actions.push(Action::SelectAll);
        }
        if i.consume_shortcut(&LINK_TOOL) {
            actions.push(Action::ToggleLinkTool);
        }
        if let Some(role) = selected.single_role()
            && i.consume_shortcut(&DUPLICATE)
        {
            actions.push(Action::DuplicateRole(role));
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
    /// Bands between roles that share duties.
    pub overlaps: bool,
    pub links: crate::scene::LinkView,
    pub selection: &'a Selection,
    /// The ring a new role or team goes on: the selected ring or role's, else the outermost.
    pub ring: usize,
    pub rings: usize,
    pub link_tool: bool,
    pub outline: bool,
    pub projector: bool,
    /// A comparison is open.
    pub comparing: bool,
    /// The map has a file (so git may have a version of it).
    pub saved: bool,
}

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &MenuState) -> Option<Action> {
    let mut action = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
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
            if item(ui, "Import org chart…", Some(IMPORT)) {
                action = Some(Action::Import);
            }
            ui.separator();
            if item(ui, "Save", Some(SAVE)) {
                action = Some(Action::Save);
            }
            if item(ui, "Save as…", Some(SAVE_AS)) {
                action = Some(Action::SaveAs);
            }
            ui.separator();
            compare_menu_ui(ui, state, &mut action);
            ui.separator();
            if item(ui, "Export…", Some(EXPORT)) {
                action = Some(Action::Export);
            }
            if item(ui, "Export as web page (HTML)…", None) {
                action = Some(Action::ExportWebPage);
            }
            if item(ui, "Export as table (CSV)…", None) {
                action = Some(Action::ExportTable);
            }
            if let Some(role) = state.selection.single_role()
                && item(ui, "Export candidate pack…", None)
            {
                action = Some(Action::ExportPack(role));
            }
            ui.separator();
            if item(ui, "Quit", Some(QUIT)) {
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
            ui.separator();
            edit_menu_ui(ui, state, &mut action);
        });
        ui.menu_button("Map", |ui| map_menu_ui(ui, state, &mut action));
        ui.menu_button("View", |ui| {
            if item(ui, "Fit the map", Some(FIT)) {
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
            let mut overlaps = state.overlaps;
            let text = "Duplicated duties (a band between roles that share them)";
            if ui.checkbox(&mut overlaps, text).changed() {
                action = Some(Action::ToggleOverlaps);
            }
            ui.menu_button("Links", |ui| links_menu_ui(ui, state.links, &mut action));
            let mut outline = state.outline;
            if ui.checkbox(&mut outline, "Outline and people").changed() {
                action = Some(Action::ToggleOutline);
            }
            ui.separator();
            if item(ui, "Present", Some(PRESENT)) {
                action = Some(Action::Present);
            }
            let mut projector = state.projector;
            let text = "Projector window (the presented map, beside the editor)";
            if ui.checkbox(&mut projector, text).changed() {
                action = Some(Action::ToggleProjector);
            }
        });
    });
    action
}

/// View > Links: automatic, straight, bundled or hidden.
fn links_menu_ui(ui: &mut egui::Ui, links: crate::scene::LinkView, action: &mut Option<Action>) {
    use crate::scene::LinkView;
    let choices = [
        (
            LinkView::Automatic,
            "Automatic",
            "Far away, bands between teams; closer, bundled; close enough to read, straight",
        ),
        (LinkView::Straight, "Straight", "Each link on its own, from role to role"),
        (
            LinkView::Bundled,
            "Bundled",
            "Links that go the same way, from team to team, drawn together",
        ),
        (LinkView::None, "Hidden", "Only the selected role's links"),
    ];
    for (choice, text, hover) in choices {
        if ui.radio(links == choice, text).on_hover_text(hover).clicked() {
            *action = Some(Action::SetLinks(choice));
        }
    }
}

/// File > Compare with a file, with the last commit, and back to editing.
fn compare_menu_ui(ui: &mut egui::Ui, state: &MenuState, action: &mut Option<Action>) {
    if item(ui, "Compare with a file…", None) {
        *action = Some(Action::CompareWithFile);
    }
    let button = egui::Button::new("Compare with the last commit (git)");
    let response = ui.add_enabled(state.saved, button);
    let response = response.on_disabled_hover_text("Save the map in a git repository first");
    if response.clicked() {
        *action = Some(Action::CompareWithCommit);
    }
    if state.comparing && item(ui, "Stop comparing", None) {
        *action = Some(Action::StopComparing);
    }
}

/// Edit > Duplicate, Delete, Select all, Find, Link tool.
fn edit_menu_ui(ui: &mut egui::Ui, state: &MenuState, action: &mut Option<Action>) {
    let ctx = ui.ctx().clone();
    let shortcut = |s: &KeyboardShortcut| ctx.format_shortcut(s);
    let role = state.selection.single_role();
    let button = egui::Button::new("Duplicate role").shortcut_text(shortcut(&DUPLICATE));
    if ui.add_enabled(role.is_some(), button).clicked()
        && let Some(role) = role
    {
        *action = Some(Action::DuplicateRole(role));
    }
    let something = *state.selection != Selection::Nothing;
    let button = egui::Button::new("Delete").shortcut_text("Del");
    if ui.add_enabled(something, button).clicked() {
        *action = Some(Action::DeleteSelected);
    }
    if ui.add(egui::Button::new("Select all roles").shortcut_text(shortcut(&SELECT_ALL))).clicked()
    {
        *action = Some(Action::SelectAll);
    }
    if ui.add(egui::Button::new("Find…").shortcut_text(shortcut(&FIND))).clicked() {
        *action = Some(Action::Find);
    }
    // A button that shows its state, as a checkbox cannot show its shortcut.
    let mark = if state.link_tool { "☑" } else { "☐" };
    let text = format!("{mark} Link tool (drag from role to role; or Shift-drag)");
    let button = egui::Button::new(text).shortcut_text(shortcut(&LINK_TOOL));
    if ui.add(button).clicked() {
        *action = Some(Action::ToggleLinkTool);
    }
}

/// Map > Add role, team, ring, person.
fn map_menu_ui(ui: &mut egui::Ui, state: &MenuState, action: &mut Option<Action>) {
    if item(ui, "Add role", Some(ADD_ROLE)) {
        *action = Some(Action::AddRole { ring: state.ring, team: None });
    }
    if item(ui, "Add team", Some(ADD_TEAM)) {
        *action = Some(Action::AddTeam { ring: state.ring });
    }
    if item(ui, "Add ring outside", Some(ADD_RING)) {
        *action = Some(Action::AddRing { at: state.rings });
    }
    if item(ui, "Add person", Some(ADD_PERSON)) {
        *action = Some(Action::AddPerson);
    }
    ui.separator();
    let from = if state.selection.roles().len() > 1 {
        "Compose role from the selected…"
    } else {
        "Compose role…"
    };
    if item(ui, from, None) {
        *action = Some(Action::ComposeRole);
    }
}

/// A menu item showing its shortcut, if it has one; true when clicked.
fn item(ui: &mut egui::Ui, text: &str, shortcut: Option<KeyboardShortcut>) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(s) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    ui.add(button).clicked()
}
