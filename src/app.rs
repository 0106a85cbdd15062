//! The eframe app: owns the document, the view and the dialogs, and routes what the panels
//! and menus ask for. Panels only draw and return requests; every change to the map goes
//! through [`Document::apply`] as a command.

mod compare;
mod document;
mod files;
mod recovery;
mod sketch;
mod watch;
mod workshop;

use std::path::{Path, PathBuf};

use eframe::egui;

pub use compare::Comparison;
pub use document::{BACKGROUND_LAYOUT_FROM, Document};
use files::{FileDialogs, Picked, dialog_available};

use crate::export;
use crate::font::visual;
use crate::format;
use crate::layout::LayoutOptions;
use crate::scene::{self, Focus, LinkView, Links, Scene, SceneOptions, Theme};
use crate::screenshot::ScreenshotRequest;
use crate::ui::canvas::{CanvasEvent, CanvasInput, CanvasState, canvas_ui};
use crate::ui::compose_dialog::{ComposeAnswer, ComposeDialog, compose_dialog_ui};
use crate::ui::context_menu::{context_menu_ui, kind_choice_ui};
use crate::ui::dialogs::{
    self, FateAnswer, FateQuestion, PathAnswer, PathPrompt, PathPurpose, UnsavedChoice,
};
use crate::ui::export_dialog::{DialogAnswer, ExportDialog, ExportKind, export_dialog_ui};
use crate::ui::hit::Target;
use crate::ui::import_dialog::{ImportAnswer, ImportDialog, import_dialog_ui};
use crate::ui::inspector::inspector_ui;
use crate::ui::legend::legend_ui;
use crate::ui::menus::{self, Action, MenuState};
use crate::ui::outline::{OutlineState, side_panel_ui};
use crate::ui::present::PresentState;
use crate::ui::selection::Selection;
use crate::ui::view::View;
use compare::Against;
use recovery::{Found, Recovery};
use sketch::{PendingLink, Reveal};
use watch::FileWatch;

/// The share of the screen's width and height a first launch takes.
pub const FIRST_LAUNCH_SHARE: f32 = 0.9;
/// The window's size before the screen's is known (and where it cannot be).
const FALLBACK_SIZE: [f32; 2] = [1280.0, 800.0];

/// Most recent files remembered.
const RECENT_FILES: usize = 10;
const PREFS_KEY: &str = "orgmap-prefs";

/// How the window is to be opened, from the command line.
pub struct Launch {
    pub file: Option<PathBuf>,
    /// Save a PNG of the window here once it has rendered, then close.
    pub screenshot: Option<PathBuf>,
    /// The window's size; `None` opens it as the user left it, or on a first launch (and for
    /// a screenshot) at [`FIRST_LAUNCH_SHARE`] of the screen.
    pub size: Option<[f32; 2]>,
    /// Select this role (by id) before the screenshot.
    pub select: Option<String>,
    /// The side panel's tab to open on.
    pub tab: Option<crate::ui::outline::Tab>,
    /// Start presenting, at this step (1 is the first).
    pub present: Option<usize>,
    /// Open comparing with this version: a file, `REV:PATH`, or a revision of the file.
    pub compare: Option<String>,
    /// Draw links so for this session (View > Links chooses for good).
    pub links: Option<LinkView>,
}

/// Opens the window and returns when it is closed.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let mut app = OrgMapApp::open(launch.file.as_deref());
    // A screenshot neither offers nor leaves recovery copies.
    if launch.screenshot.is_none()
        && let Some(dir) = Recovery::default_dir()
    {
        app = app.with_recovery(dir);
    }
    if let Some(id) = &launch.select {
        app.selection = Selection::role(app.doc.map.role_index(id).ok_or_else(|| {
            let ids: Vec<&str> = app.doc.map.roles.iter().take(12).map(|r| r.id.as_str()).collect();
            anyhow::anyhow!(
                "--select {id}: there is no role with that id in the map\n    fix: use one of \
                 the role ids in the file, for example: {}",
                ids.join(", ")
            )
        })?);
    }
    if let Some(tab) = launch.tab {
        app.outline_tab(tab);
    }
    if let Some(spec) = &launch.compare {
        let against = Against::from_spec(spec);
        let old = against
            .read(app.doc.path.as_deref())
            .map_err(|error| anyhow::anyhow!("--compare {spec}: {error}"))?;
        app.comparison = Some(Comparison::new(against.describe(), old));
    }
    if let Some(step) = launch.present {
        app.start_presenting(step.saturating_sub(1));
    }
    app.links_for_now = launch.links;
    let screenshot = launch.screenshot.map(ScreenshotRequest::new);
    let outcome = screenshot.as_ref().map(ScreenshotRequest::outcome);
    app.screenshot = screenshot;
    let capturing = app.screenshot.is_some();
    // A screenshot shows the window as a new user sees it: nothing remembered from earlier
    // sessions (panel widths, the view) is read, and nothing is written where they keep it.
    let fresh_storage = if capturing { tempfile::tempdir().ok() } else { None };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.doc.title())
            .with_inner_size(launch.size.unwrap_or(FALLBACK_SIZE))
            .with_min_inner_size([640.0, 420.0])
            .with_resizable(!capturing)
            .with_fullscreen(launch.present.is_some() && !capturing),
        persist_window: !capturing,
        persistence_path: fresh_storage.as_ref().map(|dir| dir.path().join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "orgmap",
        options,
        Box::new(move |cc| {
            if !capturing && let Some(storage) = cc.storage {
                app.prefs = eframe::get_value(storage, PREFS_KEY).unwrap_or_default();
            }
            // eframe restores a window the user has placed before; a first one is sized to
            // the screen once its size is known (on the first frame).
            if launch.size.is_none() && !app.prefs.window_placed {
                app.placement = Placement::Pending { frames: 0 };
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| {
        anyhow::anyhow!(
            "cannot open the orgmap window: {error}\n    fix: run it on a desktop session (a display \
             is needed; on a server, under xvfb-run); to check or format files without a window \
             use `orgmap check` or `orgmap fmt`"
        )
    })?;
    match outcome.map(|slot| slot.lock().ok().and_then(|mut s| s.take())) {
        None => Ok(()),
        Some(Some(Ok(()))) => Ok(()),
        Some(Some(Err(error))) => Err(anyhow::anyhow!("cannot save the screenshot: {error}")),
        Some(None) => Err(anyhow::anyhow!("the window closed before the screenshot was taken")),
    }
}

/// `path` with `extension` when it has none ("team" is saved as "team.ron").
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() { path.with_extension(extension) } else { path }
}

/// What the user keeps between sessions (in eframe's storage, never in the map).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub legend: bool,
    /// The legend folded away to its title.
    pub legend_folded: bool,
    /// The side panel with the outline and the people.
    pub outline: bool,
    /// Bands on the map between roles that share duties.
    pub overlaps: bool,
    /// How links are drawn (View > Links).
    pub links: LinkView,
    /// The window has been sized to the screen once; from then on eframe restores it.
    pub window_placed: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: false,
            legend: true,
            legend_folded: false,
            outline: true,
            overlaps: false,
            links: LinkView::Automatic,
            window_placed: false,
        }
    }
}

/// Sizing a first window to the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Placement {
    /// Nothing to do: the size was given, or eframe restored the window.
    Done,
    /// Waiting for the screen's size (counted in frames, to give up on platforms that never
    /// tell it).
    Pending { frames: u32 },
    /// Asked the window for this inner size; it settles within a few frames.
    Asked { size: egui::Vec2, frames: u32 },
}

/// Frames to wait for the screen's size or for the window to take its new size.
const PLACEMENT_FRAMES: u32 = 30;

/// An error to show in a dialog.
struct ErrorNote {
    title: String,
    message: String,
}

/// What to do once the unsaved-changes question is answered "Save" or "Don't save".
#[derive(Debug, Clone, PartialEq)]
enum Then {
    New,
    Open,
    Import,
    OpenPath(PathBuf),
    Close,
}

pub struct OrgMapApp {
    pub doc: Document,
    pub view: View,
    pub selection: Selection,
    pub prefs: Prefs,
    canvas: CanvasState,
    outline: OutlineState,
    /// What the canvas's context menu is open on.
    context_target: Option<Target>,
    /// A link drawn on the canvas, its kind still to choose.
    pending_link: Option<PendingLink>,
    /// "Where do the roles go?" while a ring or team with roles is deleted.
    fate_question: Option<FateQuestion>,
    /// A role was just added: its name field takes the keyboard.
    focus_name: bool,
    /// Something selected to bring into view once it is laid out.
    reveal: Option<Reveal>,
    /// The open file, watched for changes by other programs.
    watch: Option<FileWatch>,
    /// The file changed on disk while the map here has unsaved changes: the file's map and
    /// its fingerprint, until the user says which to keep.
    disk_conflict: Option<(crate::model::OrgMap, u64)>,
    /// Presenting full screen in this window.
    pub presenting: bool,
    /// The projector window is open.
    pub projector: bool,
    /// The step and spotlight of the presentation (shared by this window and the projector).
    pub present: PresentState,
    /// This session's recovery copy (none in tests and screenshots unless asked for).
    recovery: Option<Recovery>,
    /// Copies left by sessions that crashed, offered one after the other.
    recovered: Vec<Found>,
    /// The question "save before …?" and what follows it.
    unsaved_question: Option<Then>,
    /// What to do after a Save As that was asked for by the unsaved-changes question.
    after_save: Option<Then>,
    error: Option<ErrorNote>,
    path_prompt: Option<PathPrompt>,
    export_dialog: Option<ExportDialog>,
    import_dialog: Option<ImportDialog>,
    compose_dialog: Option<ComposeDialog>,
    /// An export waiting for the place to write it.
    pending_export: Option<ExportKind>,
    file_dialogs: FileDialogs,
    /// Whether the system can show a file dialog (else Open and Save as ask for a path).
    pub file_dialog_available: bool,
    screenshot: Option<ScreenshotRequest>,
    /// The user chose to close (saved or not): let the close request through.
    closing: bool,
    shown_title: String,
    scene: Option<(SceneKey, Scene)>,
    /// The scene being made on another thread (big maps), for this key.
    scene_job: Option<(SceneKey, std::sync::mpsc::Receiver<Scene>)>,
    /// Where the canvas was last drawn, for tests that click on roles.
    canvas_rect: Option<egui::Rect>,
    fonts_installed: bool,
    /// The system's fallback faces given to egui (see [`crate::font::coverage`]).
    font_fallbacks: std::collections::BTreeSet<usize>,
    /// The map generation whose texts the fonts were last checked against.
    fonts_checked: Option<u64>,
    /// "No font draws …" was said this session.
    font_warning_given: bool,
    placement: Placement,
    /// File > Compare with…: the canvas shows what changed, the side panel lists it.
    comparison: Option<Comparison>,
    /// How links are drawn this session, when launched with `--links` (until View > Links).
    links_for_now: Option<LinkView>,
}

/// What a scene depends on besides the layout.
#[derive(Debug, Clone, PartialEq)]
struct SceneKey {
    generation: u64,
    layout: u64,
    focus: Focus,
    dark: bool,
    links: Links,
}

impl OrgMapApp {
    /// The bands View > Duplicated duties draws: pairs of roles that share duties, with the
    /// share (none while the view is off, or while a big map's duties are being compared).
    pub fn overlap_bands(&mut self, ctx: &egui::Context) -> Vec<(usize, usize, f64)> {
        if !self.prefs.overlaps {
            return Vec::new();
        }
        let found = self.outline.health.overlap.get(ctx, &self.doc.map, self.doc.generation());
        found.map(|o| o.roles.iter().map(|r| (r.a, r.b, r.overlap)).collect()).unwrap_or_default()
    }

    /// Shows this tab of the side panel (as `--tab` does).
    pub fn outline_tab(&mut self, tab: crate::ui::outline::Tab) {
        self.outline.tab = tab;
    }

    /// The app on a file (or an empty map). A file that cannot be opened leaves an empty map
    /// and shows why.
    pub fn open(path: Option<&Path>) -> Self {
        let mut app = OrgMapApp {
            doc: Document::untitled(),
            view: View::default(),
            selection: Selection::Nothing,
            prefs: Prefs::default(),
            canvas: CanvasState::default(),
            outline: OutlineState::default(),
            context_target: None,
            pending_link: None,
            fate_question: None,
            focus_name: false,
            reveal: None,
            recovery: None,
            recovered: Vec::new(),
            watch: None,
            disk_conflict: None,
            presenting: false,
            projector: false,
            present: PresentState::default(),
            unsaved_question: None,
            after_save: None,
            error: None,
            path_prompt: None,
            export_dialog: None,
            import_dialog: None,
            compose_dialog: None,
            pending_export: None,
            file_dialogs: FileDialogs::default(),
            file_dialog_available: dialog_available(),
            screenshot: None,
            closing: false,
            shown_title: String::new(),
            scene: None,
            scene_job: None,
            canvas_rect: None,
            fonts_installed: false,
            font_fallbacks: Default::default(),
            fonts_checked: None,
            font_warning_given: false,
            placement: Placement::Done,
            comparison: None,
            links_for_now: None,
        };
        if let Some(path) = path {
            app.open_path(path);
        }
        app
    }

    pub fn layout_options() -> LayoutOptions {
        LayoutOptions::default()
    }

    /// Where role `index` is drawn on screen (for tests that click on the canvas). While
    /// comparing, the index is the compared map's (the map's roles, then the ghosts).
    pub fn role_screen_pos(&self, index: usize) -> Option<egui::Pos2> {
        let layout = match self.comparison.as_ref().and_then(|c| c.compared()) {
            Some(compared) => &compared.layout,
            None => self.doc.drawn_layout()?,
        };
        let rect = self.canvas_rect?;
        Some(self.view.transform(rect).to_screen(layout.roles.get(index)?.pos))
    }

    /// The comparison open (File > Compare with…), if any.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// The scene the canvas paints (once the first frame has been drawn).
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref().map(|(_, scene)| scene)
    }

    /// What the drawn scene emphasises: the selection and the search's matches.
    pub fn scene_focus(&self) -> Focus {
        self.scene.as_ref().map(|(key, _)| key.focus.clone()).unwrap_or_default()
    }

    /// Where the canvas was last drawn on screen.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas_rect
    }

    /// Where the legend was last drawn (none when it is hidden).
    pub fn legend_rect(&self) -> Option<egui::Rect> {
        self.canvas.keep_clear
    }

    /// The one selected role, if exactly one is selected.
    pub fn selected_role(&self) -> Option<usize> {
        self.selection.single_role()
    }

    /// Whether File > Import's dialog is open.
    pub fn importing(&self) -> bool {
        self.import_dialog.is_some()
    }

    /// The error dialog's text, if one is shown.
    pub fn error_message(&self) -> Option<&str> {
        self.error.as_ref().map(|e| e.message.as_str())
    }

    fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.doc = doc;
                self.selection = Selection::Nothing;
                self.view = View::default();
                self.forget_scene();
                self.comparison = None;
                self.remember(path);
            }
            Err(error) => {
                self.error = Some(ErrorNote {
                    title: format!("“{}” could not be opened", path.display()),
                    message: format!("{error}\n\nThe map you had open is still open."),
                });
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(RECENT_FILES);
    }

    fn new_map(&mut self) {
        self.doc = Document::untitled();
        self.selection = Selection::Nothing;
        self.view = View::default();
        self.forget_scene();
        self.comparison = None;
    }

    /// Carries out an action from the menus or the keyboard.
    pub fn act(&mut self, ctx: &egui::Context, action: Action) {
        let action = match action {
            Action::FitMap
            | Action::SetDarkTheme(_)
            | Action::ToggleLegend
            | Action::ToggleOverlaps
            | Action::SetLinks(_) => action,
            action if self.sketch(action.clone()) => {
                // Something of the map now is selected: no longer the ghost of a removed role.
                if let Some(comparison) = &mut self.comparison {
                    comparison.ghost = None;
                }
                return;
            }
            action => action,
        };
        match action {
            Action::New => self.guard(Then::New),
            Action::Open => self.guard(Then::Open),
            Action::Import => self.guard(Then::Import),
            Action::ExportTable => {
                self.pending_export = Some(ExportKind::Table);
                self.ask_path(PathPurpose::Export);
            }
            Action::ExportWebPage => {
                let selected = self.selection.single_role();
                self.pending_export = Some(ExportKind::WebPage { selected });
                self.ask_path(PathPurpose::Export);
            }
            Action::OpenPath(path) | Action::OpenRecent(path) => self.guard(Then::OpenPath(path)),
            Action::Save => {
                self.save(None);
            }
            Action::SaveAs => self.ask_path(PathPurpose::Save),
            Action::Export => {
                self.export_dialog = Some(ExportDialog::picture(self.selection.single_role()))
            }
            Action::ExportPack(role) => self.export_dialog = Some(ExportDialog::pack(role)),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::ComposeRole => {
                let ring = self.current_ring();
                let dialog = ComposeDialog::new(&self.doc.map, self.selection.roles(), ring);
                self.compose_dialog = Some(dialog);
            }
            Action::Undo => {
                self.report_edit(|doc| doc.undo().map(|_| ()));
            }
            Action::Redo => {
                self.report_edit(|doc| doc.redo().map(|_| ()));
            }
            Action::FitMap => self.view.needs_fit = true,
            Action::SetDarkTheme(dark) => self.prefs.dark = dark,
            Action::ToggleLegend => self.prefs.legend = !self.prefs.legend,
            Action::ToggleOverlaps => self.prefs.overlaps = !self.prefs.overlaps,
            Action::SetLinks(links) => {
                self.prefs.links = links;
                self.links_for_now = None;
            }
            Action::Present => {
                if self.presenting {
                    self.stop_presenting(ctx);
                } else {
                    self.start_presenting(self.present.step);
                    if self.screenshot.is_none() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                    }
                }
            }
            Action::ToggleProjector => self.projector = !self.projector,
            Action::CompareWithFile => self.ask_path(PathPurpose::Compare),
            Action::CompareWithCommit => self.compare_with(Against::Commit("HEAD".into())),
            Action::StopComparing => self.comparison = None,
            Action::SelectGhost(ghost) => self.select_ghost(ghost),
            // Sketching actions were carried out above.
            _ => {}
        }
    }

    /// The ring Map > Add role and Add team use: the selected ring, or the selected role's
    /// or team's, else the outermost.
    fn current_ring(&self) -> usize {
        let map = &self.doc.map;
        let ring_of = |id: &str| map.rings.iter().position(|r| r.id == id);
        let ring = match &self.selection {
            Selection::Ring(k) => Some(*k),
            Selection::Roles(roles) => {
                roles.first().and_then(|&i| map.roles.get(i)).and_then(|r| ring_of(&r.ring))
            }
            Selection::Team(t) => map.teams.get(*t).and_then(|t| ring_of(&t.ring)),
            _ => None,
        };
        ring.unwrap_or(map.rings.len().saturating_sub(1))
    }

    /// Brings what was just selected or made into view, once the layout has a place for it:
    /// pans only when it is off screen, and zooms in to reading size when asked.
    fn reveal_selection(&mut self) {
        let (Some(point), Some(rect)) = (self.selection_point(), self.canvas_rect) else {
            return;
        };
        let Some(reveal) = self.reveal.take() else { return };
        if self.view.fitted && !reveal.zoom_in {
            // The whole map is in view and stays so as it grows.
            return;
        }
        let transform = self.view.transform(rect);
        let on_screen = rect.shrink(40.0).contains(transform.to_screen(point));
        if reveal.zoom_in && self.view.zoom < 0.8 {
            self.view.center_on((point.x, point.y), Some(1.0));
        } else if !on_screen {
            self.view.center_on((point.x, point.y), None);
        }
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.error = Some(ErrorNote { title: title.into(), message });
    }

    /// Runs `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.unsaved_question = Some(then);
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New => self.new_map(),
            Then::Open => self.ask_path(PathPurpose::Open),
            Then::Import => self.ask_path(PathPurpose::Import),
            Then::OpenPath(path) => self.open_path(&path),
            Then::Close => self.closing = true,
        }
    }

    /// Asks for a file to open or a place to save: the system's dialog, or a path field.
    fn ask_path(&mut self, purpose: PathPurpose) {
        if self.file_dialogs.is_open() {
            return;
        }
        if self.file_dialog_available {
            let stem = self.doc.file_name().trim_end_matches(".ron").to_string();
            let (kind, extension) = match (&self.pending_export, purpose) {
                (Some(export), PathPurpose::Export) => {
                    let (extension, kind) = export.file_type();
                    (kind, extension)
                }
                _ => ("orgmap map", "ron"),
            };
            let name = format!("{stem}.{extension}");
            self.file_dialogs.start(purpose, self.doc.path.as_deref(), &name, (kind, extension));
        } else {
            self.prompt_path(purpose, "There is no file dialog on this system (no desktop portal and no zenity): type the path instead.");
        }
    }

    fn prompt_path(&mut self, purpose: PathPurpose, reason: &str) {
        let text = match (purpose, &self.pending_export) {
            (PathPurpose::Save, _) => self.doc.path.as_ref().map(|p| p.display().to_string()),
            // Beside the map, named after it: "team.ron" exports to "team.pdf".
            (PathPurpose::Export, Some(kind)) => self
                .doc
                .path
                .as_ref()
                .map(|p| p.with_extension(kind.file_type().0).display().to_string()),
            _ => None,
        };
        self.path_prompt =
            Some(PathPrompt { purpose, text: text.unwrap_or_default(), reason: reason.into() });
    }

    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(&path),
            PathPurpose::Compare => self.compare_with(Against::File(path)),
            PathPurpose::Import => match ImportDialog::open(&path) {
                Ok(dialog) => self.import_dialog = Some(dialog),
                Err(message) => self.show_error(
                    &format!("“{}” could not be read", path.display()),
                    format!("{message}\n\nThe map you had open is still open."),
                ),
            },
            PathPurpose::Save => {
                self.save(Some(with_extension(path, "ron")));
            }
            PathPurpose::Export => {
                if let Some(kind) = self.pending_export.take() {
                    let path = with_extension(path, kind.file_type().0);
                    self.export_to(&kind, &path);
                }
            }
        }
    }

    /// Writes an export (atomically); a failure is shown, nothing half-written is left.
    fn export_to(&mut self, kind: &ExportKind, path: &Path) {
        let bytes = match kind {
            ExportKind::Picture(settings) => export::picture(&self.doc.map, settings),
            ExportKind::Pack { role, format, with_map } => {
                export::candidate_pack(&self.doc.map, *role, *format, *with_map)
            }
            ExportKind::Table => Ok(format::table::to_csv(&self.doc.map).into_bytes()),
            ExportKind::WebPage { selected } => {
                let options = export::html::PageOptions {
                    selected: *selected,
                    dark: self.prefs.dark,
                    card: false,
                };
                Ok(export::html::web_page(&self.doc.map, &options).into_bytes())
            }
        };
        let written = bytes
            .map_err(|e| e.to_string())
            .and_then(|bytes| format::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        if let Err(message) = written {
            self.error = Some(ErrorNote { title: "The export failed".into(), message });
        }
    }

    /// Saves (to `path` for Save As). True when the map is saved.
    fn save(&mut self, path: Option<PathBuf>) -> bool {
        let result = match path {
            Some(path) => self.doc.save_as(path).map(|()| true),
            None => self.doc.save(),
        };
        match result {
            Ok(true) => {
                if let Some(path) = self.doc.path.clone() {
                    self.remember(&path);
                }
                if let Some(then) = self.after_save.take() {
                    self.proceed(then);
                }
                true
            }
            Ok(false) => {
                self.ask_path(PathPurpose::Save);
                false
            }
            Err(error) => {
                self.after_save = None;
                self.error = Some(ErrorNote {
                    title: "The map could not be saved".into(),
                    message: error.to_string(),
                });
                false
            }
        }
    }

    /// Makes a change to the document; a failure is shown. The selection forgets what the
    /// change removed. True when the change was made.
    fn report_edit(
        &mut self,
        edit: impl FnOnce(&mut Document) -> Result<(), crate::edit::EditError>,
    ) -> bool {
        let result = edit(&mut self.doc);
        if let Err(error) = &result {
            self.show_error("That change failed", error.to_string());
        }
        self.selection.keep_valid(&self.doc.map);
        result.is_ok()
    }

    fn theme(&self) -> Theme {
        if self.prefs.dark { Theme::dark() } else { Theme::light() }
    }

    /// Lays out the map (again, when it changed; large maps off the UI thread) and builds the
    /// scene for the current focus. False while a new layout is being computed.
    /// What the scene emphasises: the selected role(s) or link, and the search's matches.
    fn focus(&mut self) -> Focus {
        let matches = self.outline.matches(&self.doc.map, self.doc.generation());
        let roles = self.selection.roles();
        Focus {
            selected: self.selection.single_role(),
            marked: if roles.len() > 1 { roles.to_vec() } else { Vec::new() },
            link: match self.selection {
                Selection::Link(l) => Some(l),
                _ => None,
            },
            ring: match self.selection {
                Selection::Ring(k) => Some(k),
                _ => None,
            },
            team: match self.selection {
                Selection::Team(t) => Some(t),
                _ => None,
            },
            matches,
        }
    }

    /// How links are drawn: as launched with `--links`, else as View > Links says.
    pub fn link_view(&self) -> LinkView {
        self.links_for_now.unwrap_or(self.prefs.links)
    }

    /// Whether a scene is being made on another thread (a big map's, after a change).
    pub fn scene_in_making(&self) -> bool {
        self.scene_job.is_some()
    }

    /// Drops the scene and any being made: the document was replaced.
    pub(crate) fn forget_scene(&mut self) {
        self.scene = None;
        self.scene_job = None;
    }

    /// Brings the scene up to date with the map, its layout, the focus and the view's zoom.
    /// True when the canvas draws the map as it is now (false while a layout or, for a big
    /// map, a scene is being made: meanwhile the last one is drawn).
    fn refresh_scene(&mut self, ctx: &egui::Context) -> bool {
        let options = Self::layout_options();
        let fresh = self.doc.update_layout(&options);
        let key = SceneKey {
            generation: self.doc.generation(),
            layout: self.doc.layout_generation(),
            focus: self.focus(),
            dark: self.prefs.dark,
            links: self.link_view().links_at(
                f64::from(self.view.zoom),
                options.label_size,
                self.doc.map.links.len(),
            ),
        };
        if let Some((built, rx)) = &self.scene_job {
            match rx.try_recv() {
                Ok(scene) => {
                    // A scene made along another layout may name roles the map no longer has.
                    if built.layout == key.layout {
                        self.scene = Some((built.clone(), scene));
                    }
                    self.scene_job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.scene_job = None,
            }
        }
        if self.scene.as_ref().is_some_and(|(k, _)| *k == key) {
            return fresh;
        }
        if self.doc.drawn().is_none() {
            // The map's structure changed and its new layout is not there yet.
            self.scene = None;
            return fresh;
        }
        let scene_options = SceneOptions {
            theme: self.theme(),
            layout: options,
            focus: key.focus.clone(),
            stage: None,
            links: key.links,
        };
        if self.doc.map.roles.len() < BACKGROUND_LAYOUT_FROM {
            if let Some((layout, routes)) = self.doc.drawn() {
                let scene =
                    scene::build_routed(&self.doc.map, layout, Some(routes), &scene_options);
                self.scene = Some((key, scene));
            }
            return fresh;
        }
        // A big map's scene takes a tenth of a second or more (0.15 s bundled at 10,000
        // roles): made on another thread while the canvas goes on drawing the last one, so
        // that a click or a zoom through the straightening of links does not freeze the
        // window. One at a time: when it is done, the next frame starts the one wanted then.
        if self.scene_job.is_none()
            && let Some((map, layout, routes)) = self.doc.shared()
        {
            let (tx, rx) = std::sync::mpsc::channel();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let scene = scene::build_routed(&map, &layout, Some(&routes), &scene_options);
                if tx.send(scene).is_ok() {
                    ctx.request_repaint();
                }
            });
            self.scene_job = Some((key, rx));
        }
        false
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.recovery_ui(ctx);
        self.disk_conflict_ui(ctx);
        if let Some(question) = &mut self.fate_question {
            match dialogs::fate_ui(ctx, question) {
                Some(FateAnswer::Delete(fate)) => {
                    let (ring, index) = (question.ring, question.index);
                    self.fate_question = None;
                    self.delete_with_fate(ring, index, fate);
                }
                Some(FateAnswer::Cancel) => self.fate_question = None,
                None => {}
            }
        }
        if let Some(link) = self.pending_link.clone() {
            let map = &self.doc.map;
            let name = |i: usize| map.roles.get(i).map_or("?", |r| r.name.as_str());
            let title = format!("{} → {}", visual(name(link.from)), visual(name(link.to)));
            let mut chosen = None;
            let mut cancel = false;
            egui::Area::new(egui::Id::unique("link kind"))
                .order(egui::Order::Foreground)
                .fixed_pos(link.at)
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.label(egui::RichText::new(title).strong());
                        ui.label("What kind of link?");
                        chosen = kind_choice_ui(ui, None);
                        cancel = ui.button("Cancel").clicked();
                    });
                });
            if let Some(kind) = chosen {
                self.pending_link = None;
                self.finish_link(&link, kind);
            } else if cancel {
                self.pending_link = None;
            }
        }
        if let Some(then) = self.unsaved_question.clone() {
            let doing = match then {
                Then::Close => "closing",
                Then::New => "starting a new map",
                Then::Open | Then::OpenPath(_) | Then::Import => "opening another map",
            };
            match dialogs::unsaved_ui(ctx, &self.doc.file_name(), doing) {
                Some(UnsavedChoice::Save) => {
                    self.unsaved_question = None;
                    // Once saved (now, or after Save As picks a place), `save` goes on with it.
                    self.after_save = Some(then);
                    self.save(None);
                }
                Some(UnsavedChoice::DontSave) => {
                    self.unsaved_question = None;
                    self.proceed(then);
                }
                Some(UnsavedChoice::Cancel) => self.unsaved_question = None,
                None => {}
            }
        }
        if let Some(dialog) = &mut self.export_dialog {
            let map = &self.doc.map;
            let role_name = |i: usize| map.roles.get(i).map_or(String::new(), |r| r.name.clone());
            let describe = |s: &export::PictureSettings| {
                export::describe(map, s).unwrap_or_else(|e| e.to_string())
            };
            match export_dialog_ui(ctx, dialog, role_name, describe) {
                Some(DialogAnswer::Export(kind)) => {
                    self.export_dialog = None;
                    self.pending_export = Some(kind);
                    self.ask_path(PathPurpose::Export);
                }
                Some(DialogAnswer::Cancel) => self.export_dialog = None,
                None => {}
            }
        }
        if let Some(dialog) = &mut self.compose_dialog {
            match compose_dialog_ui(ctx, &self.doc.map, dialog) {
                Some(ComposeAnswer::Create(composed)) => {
                    self.compose_dialog = None;
                    let index = composed.index;
                    if self.report_edit(|doc| doc.apply(composed.command, "Compose role", None)) {
                        self.selection = Selection::role(index);
                    }
                }
                Some(ComposeAnswer::Cancel) => self.compose_dialog = None,
                None => {}
            }
        }
        if let Some(dialog) = &mut self.import_dialog {
            match import_dialog_ui(ctx, dialog) {
                Some(ImportAnswer::Import(map)) => {
                    self.import_dialog = None;
                    self.doc = Document::unsaved(*map);
                    self.selection = Selection::Nothing;
                    self.view = View::default();
                    self.forget_scene();
                }
                Some(ImportAnswer::Cancel) => self.import_dialog = None,
                None => {}
            }
        }
        if let Some(error) = &self.error
            && dialogs::error_ui(ctx, &error.title, &error.message)
        {
            self.error = None;
        }
        if let Some(prompt) = &mut self.path_prompt {
            match dialogs::path_prompt_ui(ctx, prompt) {
                Some(PathAnswer::Chosen(path)) => {
                    let purpose = prompt.purpose;
                    self.path_prompt = None;
                    self.path_chosen(purpose, path);
                }
                Some(PathAnswer::Cancel) => {
                    self.path_prompt = None;
                    self.after_save = None;
                    self.pending_export = None;
                }
                None => {}
            }
        }
        match self.file_dialogs.poll() {
            Some(Picked::Path(purpose, path)) => self.path_chosen(purpose, path),
            Some(Picked::Nothing { purpose, suspicious: true }) => self.prompt_path(
                purpose,
                "The system's file dialog did not open (it closed at once): type the path instead.",
            ),
            Some(Picked::Nothing { .. }) => {
                self.after_save = None;
                self.pending_export = None;
            }
            None => {}
        }
        if self.file_dialogs.is_open() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Closing the window with unsaved changes asks first.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_question = Some(Then::Close);
        }
        if self.closing {
            if let Some(recovery) = &mut self.recovery {
                recovery.remove();
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// True while the user is asked something (or the app is closing): the question asks.
    pub fn is_asking_about_unsaved_changes(&self) -> bool {
        self.unsaved_question.is_some()
    }

    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// Gives egui the shipped font and the system's faces that the map's texts need (checked
    /// again whenever the map changes: a name typed in Japanese brings in a Japanese face),
    /// and says once when some character has no font at all.
    fn install_fonts(&mut self, ctx: &egui::Context) {
        let generation = self.doc.generation();
        if self.fonts_installed && self.fonts_checked == Some(generation) {
            return;
        }
        self.fonts_checked = Some(generation);
        let coverage = crate::font::coverage(self.doc.map.texts());
        let fallbacks: std::collections::BTreeSet<usize> =
            self.font_fallbacks.union(&coverage.fallbacks).copied().collect();
        if !self.fonts_installed || fallbacks != self.font_fallbacks {
            ctx.set_fonts(crate::font::egui_fonts(&fallbacks));
            self.font_fallbacks = fallbacks;
            self.fonts_installed = true;
            ctx.request_repaint();
        }
        if let Some(warning) = coverage.warning()
            && !self.font_warning_given
            && self.error.is_none()
        {
            self.font_warning_given = true;
            self.error = Some(ErrorNote {
                title: "Some characters cannot be drawn".into(),
                message: format!("{}.", crate::export::card::sentence_case(&warning)),
            });
        }
    }

    /// A first launch: once the screen's size is known, the window takes most of it, centred.
    fn place_window(&mut self, ctx: &egui::Context) {
        match self.placement {
            Placement::Done => {}
            Placement::Pending { frames } => {
                let screen =
                    ctx.input(|i| i.viewport().monitor_size).filter(|s| s.min_elem() > 0.0);
                match screen {
                    Some(screen) => {
                        let size = (screen * FIRST_LAUNCH_SHARE).round();
                        let corner = ((screen - size) / 2.0).round().to_pos2();
                        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(corner));
                        self.placement = Placement::Asked { size, frames: 0 };
                    }
                    None if frames >= PLACEMENT_FRAMES => self.placement = Placement::Done,
                    None => self.placement = Placement::Pending { frames: frames + 1 },
                }
                self.prefs.window_placed = true;
                ctx.request_repaint();
            }
            Placement::Asked { size, frames } => {
                let now = ctx.input(|i| i.viewport().inner_rect).map(|r| r.size());
                let settled = now.is_some_and(|now| (now - size).length() < 2.0);
                self.placement = if settled || frames >= PLACEMENT_FRAMES {
                    Placement::Done
                } else {
                    Placement::Asked { size, frames: frames + 1 }
                };
                ctx.request_repaint();
            }
        }
    }

    /// The legend in the canvas's corner (when shown), which a fit keeps the map clear of.
    fn canvas_legend_ui(&mut self, ui: &mut egui::Ui) {
        self.canvas.keep_clear = None;
        if self.prefs.legend
            && let Some(rect) = self.canvas_rect
        {
            // (A comparison draws no duty bands.)
            let overlaps = self.prefs.overlaps && self.comparison.is_none();
            let (toggled, legend) =
                legend_ui(ui, rect, &self.theme(), self.prefs.legend_folded, overlaps);
            if toggled {
                self.prefs.legend_folded = !self.prefs.legend_folded;
            }
            self.canvas.keep_clear = Some(legend);
        }
    }

    /// Draws one frame of the whole app.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // The font the layout measures with (and the exports write). egui takes new fonts
        // from the next frame on: the map is drawn from then.
        let fonts_ready = self.fonts_installed;
        self.install_fonts(&ctx);
        ctx.set_visuals(if self.prefs.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        self.place_window(&ctx);
        self.handle_close(&ctx);
        self.watch_file(&ctx);
        if self.presenting {
            if !fonts_ready {
                return;
            }
            // The presentation draws the editor's layout: keep it up to date here too.
            let fresh = self.doc.update_layout(&Self::layout_options());
            if !fresh {
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
            }
            self.presenting_ui(ui);
            self.dialogs_ui(&ctx);
            if let Some(screenshot) = &mut self.screenshot {
                screenshot.tick(&ctx, fresh && self.placement == Placement::Done);
            }
            self.keep_recovery_copy(&ctx);
            return;
        }
        if self.projector {
            self.projector_ui(&ctx);
        }
        let mut actions =
            menus::shortcut_actions(&ctx, self.current_ring(), self.doc.map.rings.len());
        actions.extend(menus::canvas_shortcut_actions(&ctx, &self.selection));

        egui::Panel::top("menu").show(ui, |ui| {
            let state = MenuState {
                recent: &self.prefs.recent,
                undo: self.doc.history.undo_label(),
                redo: self.doc.history.redo_label(),
                dark: self.prefs.dark,
                legend: self.prefs.legend,
                overlaps: self.prefs.overlaps,
                links: self.link_view(),
                selection: &self.selection,
                ring: self.current_ring(),
                rings: self.doc.map.rings.len(),
                link_tool: self.canvas.link_tool,
                outline: self.prefs.outline,
                projector: self.projector,
                comparing: self.comparison.is_some(),
                saved: self.doc.path.is_some(),
            };
            actions.extend(menus::menu_bar_ui(ui, &state));
        });

        let compare_ready = self.update_comparison();
        if self.comparison.is_some() {
            let side = egui::Panel::left("comparison")
                .resizable(true)
                .default_size(320.0)
                .size_range(200.0..=(ui.available_width() * 0.5).max(320.0))
                .show(ui, |ui| self.compare_panel_ui(ui))
                .inner;
            actions.extend(side);
        } else if self.prefs.outline {
            // The skills matrix and the health findings want room across: their tabs have a
            // panel (and width) of their own.
            use crate::ui::outline::Tab;
            let skills = matches!(self.outline.tab, Tab::Skills | Tab::Health);
            let (id, width, widest) = if skills {
                ("skills panel", 440.0, (ui.available_width() * 0.5).max(320.0))
            } else {
                ("outline", 240.0, 320.0)
            };
            let side = egui::Panel::left(id)
                .resizable(true)
                .default_size(width)
                .size_range(160.0..=widest)
                .show(ui, |ui| {
                    let generation = self.doc.generation();
                    side_panel_ui(ui, &self.doc.map, generation, &mut self.outline, &self.selection)
                })
                .inner;
            actions.extend(side);
        }

        let focus_name = std::mem::take(&mut self.focus_name);
        let inspector = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(380.0)
            .min_size(280.0)
            .show(ui, |ui| {
                if let Some(output) = self.ghost_inspector_ui(ui) {
                    return output;
                }
                // Numbered once per map change, and only while a person (whose fit list
                // needs them) is shown.
                let generation = self.doc.generation();
                let needs = matches!(self.selection, Selection::Person(_))
                    .then(|| self.outline.skills.needs(&self.doc.map, generation) as &_);
                // A role's duties said by other roles too (worked out apart on big maps).
                let overlap = self.selection.single_role().and_then(|_| {
                    self.outline.health.overlap.get(ui.ctx(), &self.doc.map, generation)
                });
                let overlap = overlap.as_deref();
                inspector_ui(ui, &self.doc.map, &self.selection, focus_name, needs, overlap)
            })
            .inner;
        if let Some(edit) = inspector.edit {
            self.report_edit(|doc| doc.apply(edit.command, edit.label, edit.merge));
        }
        if inspector.end_group {
            self.doc.history.end_group();
            self.name_placeholder_id();
        }
        actions.extend(inspector.action);

        let fresh = self.refresh_scene(&ctx);
        if !fresh {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        let mut canvas_events = Vec::new();
        self.reveal_selection();
        let overlaps = self.overlap_bands(&ctx);
        let comparing = self.comparison.is_some();
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            if comparing {
                canvas_events = self.compare_canvas_ui(ui);
                self.canvas_legend_ui(ui);
                return;
            }
            if !fresh {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Progress);
            }
            let (Some(layout), Some((_, scene))) = (self.doc.drawn_layout(), &self.scene) else {
                let background = crate::ui::paint::color32(self.theme().background);
                ui.painter().rect_filled(ui.max_rect(), 0.0, background);
                ui.centered_and_justified(|ui| ui.spinner().on_hover_text("Laying out the map…"));
                return;
            };
            if !fonts_ready {
                return;
            }
            self.canvas_rect = Some(ui.available_rect_before_wrap());
            let input = CanvasInput {
                map: &self.doc.map,
                layout,
                scene,
                selection: &self.selection,
                accent: self.theme().selection,
                menu_open: self.pending_link.is_some(),
                overlaps: &overlaps,
                read_only: false,
            };
            let output = canvas_ui(ui, &input, &mut self.view, &mut self.canvas);
            // The menu opens on the frame of the right-click: take its target from there.
            for event in &output.events {
                if let CanvasEvent::Context(target) = event {
                    self.context_target = Some(*target);
                }
            }
            if let Some(target) = self.context_target {
                output.response.context_menu(|ui| {
                    actions.extend(context_menu_ui(ui, &self.doc.map, target, &self.selection));
                });
            }
            canvas_events = output.events;
            self.canvas_legend_ui(ui);
        });
        if comparing {
            self.compare_events(canvas_events);
        } else {
            self.canvas_events(canvas_events, &mut actions);
        }

        self.dialogs_ui(&ctx);
        for action in actions {
            self.act(&ctx, action);
        }
        let title = self.doc.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        if let Some(screenshot) = &mut self.screenshot {
            let placed = self.placement == Placement::Done;
            screenshot.tick(&ctx, fresh && self.scene.is_some() && placed && compare_ready);
        }
        self.keep_recovery_copy(&ctx);
    }
}

impl eframe::App for OrgMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The window closed cleanly (the unsaved-changes question was answered).
        if let Some(recovery) = &mut self.recovery {
            recovery.remove();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, PREFS_KEY, &self.prefs);
        }
    }
}
