//! File > Compare with…: the map as it is now against another version of it (a file, or the
//! version last committed to git). While a comparison is open the canvas draws the marked
//! map of [`Compared`] (added roles with a "+", removed ones as ghosts where they were, moves
//! as arrows, changed roles outlined) and the side panel lists the changes; edits made
//! meanwhile are compared again, so a workshop sees what it has changed so far.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::document::BACKGROUND_LAYOUT_FROM;
use crate::diff::{self, Change, Difference, What, text::change_line};
use crate::format;
use crate::model::OrgMap;
use crate::scene::{Compared, Focus, Scene, Theme};
use crate::ui::canvas::{CanvasEvent, CanvasInput, canvas_ui};
use crate::ui::compare_panel::{ComparePanel, Entry, Pick, compare_panel_ui};
use crate::ui::hit::Target;
use crate::ui::menus::Action;
use crate::ui::selection::Selection;

/// What the map is compared with.
pub enum Against {
    /// A map file.
    File(std::path::PathBuf),
    /// A version in git of the open file (`HEAD`: the last commit).
    Commit(String),
    /// `REV:PATH` as `orgmap diff` takes it.
    Spec(String),
}

impl Against {
    /// The other version, read now; the error says what went wrong and what to do.
    pub fn read(&self, open_file: Option<&Path>) -> Result<OrgMap, String> {
        match self {
            Against::File(path) => format::load(path).map_err(|e| e.to_string()),
            Against::Commit(rev) => match open_file {
                Some(file) => format::git::committed(file, rev).map_err(|e| e.to_string()),
                None => Err("This map has not been saved yet, so git has no version of it: \
                             save it in a git repository and commit it, or compare with a file."
                    .into()),
            },
            Against::Spec(spec) => match spec.split_once(':') {
                Some((rev, path)) if !rev.is_empty() => {
                    format::git::show(rev, path, None).map_err(|e| e.to_string())
                }
                _ => Err(format!("{spec}: no such file, and not a REV:PATH for git")),
            },
        }
    }

    /// As the panel's heading names it.
    pub fn describe(&self) -> String {
        match self {
            Against::File(path) => {
                path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned()
            }
            Against::Commit(rev) if rev == "HEAD" => "the last commit".into(),
            Against::Commit(rev) => format!("commit {rev}"),
            Against::Spec(spec) => spec.clone(),
        }
    }

    /// What `--compare SPEC` means: a file if there is one, `REV:PATH`, else a revision of
    /// the open file.
    pub fn from_spec(spec: &str) -> Against {
        if Path::new(spec).exists() {
            Against::File(spec.into())
        } else if spec.contains(':') {
            Against::Spec(spec.into())
        } else {
            Against::Commit(spec.into())
        }
    }
}

/// An open comparison.
pub struct Comparison {
    /// What the map is compared with, as the panel names it ("the last commit", a file name).
    pub against: String,
    pub old: OrgMap,
    /// The document generation compared (compared again when the map changes).
    generation: Option<u64>,
    compared: Option<Compared>,
    /// The panel's lines, for `compared`.
    entries: Vec<Entry>,
    /// A comparison being laid out on another thread, for this generation.
    pending: Option<(u64, Receiver<Compared>)>,
    scene: Option<((Focus, bool), Scene)>,
    /// A removed role selected: its index in the compared map.
    pub ghost: Option<usize>,
}

impl Comparison {
    pub fn new(against: String, old: OrgMap) -> Self {
        Comparison {
            against,
            old,
            generation: None,
            compared: None,
            entries: Vec::new(),
            pending: None,
            scene: None,
            ghost: None,
        }
    }

    /// Brings the comparison up to date with `map`: at once for small maps, on another
    /// thread for big ones (the old comparison is drawn meanwhile). False while computing.
    pub fn update(&mut self, map: &OrgMap, generation: u64) -> bool {
        if let Some((wanted, rx)) = &self.pending {
            match rx.try_recv() {
                Ok(compared) => {
                    let wanted = *wanted;
                    self.pending = None;
                    self.take(map, compared, wanted);
                }
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => self.pending = None,
            }
        }
        if self.generation == Some(generation) {
            return true;
        }
        if self.pending.as_ref().is_some_and(|(g, _)| *g == generation) {
            return false;
        }
        let changes = diff::compare(&self.old, map);
        if map.roles.len() + self.old.roles.len() < BACKGROUND_LAYOUT_FROM {
            let compared = Compared::new(&self.old, map, changes);
            self.take(map, compared, generation);
            return true;
        }
        let (tx, rx) = channel();
        let (old, new) = (self.old.clone(), map.clone());
        std::thread::spawn(move || {
            // The receiver may be gone (the comparison was closed): nothing to do then.
            let _ = tx.send(Compared::new(&old, &new, changes));
        });
        self.pending = Some((generation, rx));
        false
    }

    fn take(&mut self, map: &OrgMap, compared: Compared, generation: u64) {
        self.entries = entries(&self.old, map, &compared);
        self.compared = Some(compared);
        self.generation = Some(generation);
        self.scene = None;
        if self
            .ghost
            .is_some_and(|g| !self.compared.as_ref().is_some_and(|c| c.ghosts.contains(&g)))
        {
            self.ghost = None;
        }
    }

    pub fn compared(&self) -> Option<&Compared> {
        self.compared.as_ref()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Draws the marked map with `focus` (again only when the focus or theme changed).
    pub fn prepare_scene(&mut self, theme: &Theme, dark: bool, focus: Focus) {
        let Some(compared) = &self.compared else { return };
        let key = (focus, dark);
        if self.scene.as_ref().is_none_or(|(k, _)| *k != key) {
            let scene = compared.scene(theme, key.0.clone(), false);
            self.scene = Some((key, scene));
        }
    }

    /// The compared maps and their scene, once both are ready.
    pub fn drawn(&self) -> Option<(&Compared, &Scene)> {
        Some((self.compared.as_ref()?, &self.scene.as_ref()?.1))
    }

    /// The ghost's role as the old map has it, and its index there.
    pub fn ghost_role(&self) -> Option<usize> {
        let compared = self.compared.as_ref()?;
        let id = &compared.union.roles.get(self.ghost?)?.id;
        self.old.roles.iter().position(|r| &r.id == id)
    }
}

/// One line per change, with what a click on it selects: the item in the map as it is now,
/// or the ghost of a removed role.
fn entries(old: &OrgMap, new: &OrgMap, compared: &Compared) -> Vec<Entry> {
    let places = Places::new(new, &compared.union);
    compared
        .changes
        .iter()
        .map(|d| Entry { text: change_line(old, new, d), change: d.change, pick: places.pick(d) })
        .collect()
}

/// Where each id is, looked up once for all the changes (a big restructure has thousands).
struct Places<'a> {
    roles: HashMap<&'a str, usize>,
    new_roles: usize,
    rings: HashMap<&'a str, usize>,
    teams: HashMap<&'a str, usize>,
    people: HashMap<&'a str, usize>,
    links: HashMap<String, usize>,
}

fn by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<&str, usize> {
    // The first of equal ids, as the map's own lookups take.
    let mut found = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        found.entry(id(item)).or_insert(i);
    }
    found
}

impl<'a> Places<'a> {
    fn new(new: &'a OrgMap, union: &'a OrgMap) -> Self {
        let mut links = HashMap::new();
        for (i, link) in new.links.iter().enumerate() {
            links.entry(diff::link_id(link)).or_insert(i);
        }
        Places {
            roles: by_id(&union.roles, |r| &r.id),
            new_roles: new.roles.len(),
            rings: by_id(&new.rings, |r| &r.id),
            teams: by_id(&new.teams, |t| &t.id),
            people: by_id(&new.people, |p| &p.id),
            links,
        }
    }

    fn pick(&self, d: &Difference) -> Pick {
        let id = d.id.as_str();
        let select = match d.what {
            What::Role => match self.roles.get(id) {
                Some(&i) if i >= self.new_roles => return Pick::Ghost(i),
                i => i.map(|&i| Selection::role(i)),
            },
            What::Ring => self.rings.get(id).map(|&k| Selection::Ring(k)),
            What::Team => self.teams.get(id).map(|&t| Selection::Team(t)),
            What::Person => self.people.get(id).map(|&p| Selection::Person(p)),
            What::Link => match self.links.get(id) {
                Some(&l) if d.change != Change::Removed => Some(Selection::Link(l)),
                // A removed link: the roles it joined, where they still are.
                _ => {
                    let (from, to) = id.split_once("->").unwrap_or((id, ""));
                    let roles: Vec<usize> = [from, to]
                        .into_iter()
                        .filter_map(|end| self.roles.get(end).copied())
                        .filter(|&i| i < self.new_roles)
                        .collect();
                    (!roles.is_empty()).then_some(Selection::Roles(roles))
                }
            },
            What::Map => None,
        };
        select.map_or(Pick::Nothing, Pick::Select)
    }
}

impl super::OrgMapApp {
    /// Opens a comparison with `against`; what cannot be read is shown, the map stays as it is.
    pub(super) fn compare_with(&mut self, against: Against) {
        match against.read(self.doc.path.as_deref()) {
            Ok(old) => {
                self.comparison = Some(Comparison::new(against.describe(), old));
                self.view.needs_fit = true;
            }
            Err(message) => self.show_error(
                &format!("Cannot compare with {}", against.describe()),
                format!("{message}\n\nThe map is as it was."),
            ),
        }
    }

    /// Brings the comparison up to date with the map; false while a big one is worked out.
    pub(super) fn update_comparison(&mut self) -> bool {
        let generation = self.doc.generation();
        match &mut self.comparison {
            Some(comparison) => comparison.update(&self.doc.map, generation),
            None => true,
        }
    }

    /// Selects the ghost of a removed role and brings it into view.
    pub(super) fn select_ghost(&mut self, ghost: usize) {
        self.selection = Selection::Nothing;
        let Some(comparison) = &mut self.comparison else { return };
        comparison.ghost = Some(ghost);
        let pos = comparison.compared().and_then(|c| c.layout.roles.get(ghost)).map(|r| r.pos);
        if let (Some(pos), Some(rect)) = (pos, self.canvas_rect) {
            let on_screen = rect.shrink(40.0).contains(self.view.transform(rect).to_screen(pos));
            if !on_screen {
                self.view.center_on((pos.x, pos.y), None);
            }
        }
    }

    /// What the compared map emphasises: the selection (indices of the map now, which the
    /// compared map keeps, but for rings, found by id) or the selected ghost.
    fn compare_focus(&self) -> Focus {
        let Some(comparison) = &self.comparison else { return Focus::default() };
        let union = comparison.compared().map(|c| &c.union);
        let ring = |k: usize| {
            let id = &self.doc.map.rings.get(k)?.id;
            union?.rings.iter().position(|r| &r.id == id)
        };
        let roles = self.selection.roles();
        Focus {
            selected: comparison.ghost.or(self.selection.single_role()),
            marked: if roles.len() > 1 { roles.to_vec() } else { Vec::new() },
            link: match self.selection {
                Selection::Link(l) => Some(l),
                _ => None,
            },
            ring: match self.selection {
                Selection::Ring(k) => ring(k),
                _ => None,
            },
            team: match self.selection {
                Selection::Team(t) => Some(t),
                _ => None,
            },
            matches: None,
        }
    }

    /// The side panel while comparing.
    pub(super) fn compare_panel_ui(&self, ui: &mut eframe::egui::Ui) -> Option<Action> {
        let comparison = self.comparison.as_ref()?;
        let panel = ComparePanel {
            against: &comparison.against,
            entries: comparison.entries(),
            computing: comparison.compared().is_none(),
            selection: &self.selection,
            ghost: comparison.ghost,
        };
        compare_panel_ui(ui, &panel)
    }

    /// The canvas while comparing: the compared map, read only (click to select, pan, zoom).
    pub(super) fn compare_canvas_ui(&mut self, ui: &mut eframe::egui::Ui) -> Vec<CanvasEvent> {
        let (theme, dark, focus) = (self.theme(), self.prefs.dark, self.compare_focus());
        let Some(comparison) = &mut self.comparison else { return Vec::new() };
        comparison.prepare_scene(&theme, dark, focus);
        let Some((compared, scene)) = comparison.drawn() else {
            let background = crate::ui::paint::color32(theme.background);
            ui.painter().rect_filled(ui.max_rect(), 0.0, background);
            ui.centered_and_justified(|ui| ui.spinner().on_hover_text("Comparing…"));
            return Vec::new();
        };
        self.canvas_rect = Some(ui.available_rect_before_wrap());
        let input = CanvasInput {
            map: &compared.union,
            layout: &compared.layout,
            scene,
            selection: &self.selection,
            accent: theme.selection,
            menu_open: false,
            overlaps: &[],
            read_only: true,
        };
        canvas_ui(ui, &input, &mut self.view, &mut self.canvas).events
    }

    /// Clicks on the compared map select (a ghost, or what the map now has); Esc clears the
    /// selection, then leaves the comparison. Nothing on it is edited.
    pub(super) fn compare_events(&mut self, events: Vec<CanvasEvent>) {
        let Some(comparison) = &mut self.comparison else { return };
        let (roles, links) = (self.doc.map.roles.len(), self.doc.map.links.len());
        for event in events {
            match event {
                CanvasEvent::Click { target: Target::Role(i), .. } if i >= roles => {
                    comparison.ghost = Some(i);
                    self.selection = Selection::Nothing;
                }
                CanvasEvent::Click { target: Target::Role(i), toggle } => {
                    comparison.ghost = None;
                    if toggle {
                        self.selection.toggle_role(i);
                    } else {
                        self.selection = Selection::role(i);
                    }
                }
                CanvasEvent::Click { target: Target::Link(l), .. } if l < links => {
                    comparison.ghost = None;
                    self.selection = Selection::Link(l);
                }
                CanvasEvent::Click { toggle: false, .. } => {
                    comparison.ghost = None;
                    self.selection = Selection::Nothing;
                }
                CanvasEvent::Cancel => {
                    if comparison.ghost.is_none() && self.selection == Selection::Nothing {
                        self.comparison = None;
                        return;
                    }
                    comparison.ghost = None;
                    self.selection = Selection::Nothing;
                }
                _ => {}
            }
        }
    }
}

impl super::OrgMapApp {
    /// The inspector for a selected ghost: the removed role as the other version has it,
    /// greyed (it is not in the map to edit). `None` when no ghost is selected.
    pub(super) fn ghost_inspector_ui(
        &self,
        ui: &mut eframe::egui::Ui,
    ) -> Option<crate::ui::inspector::InspectorOutput> {
        let comparison = self.comparison.as_ref()?;
        let index = comparison.ghost_role()?;
        ui.add_space(6.0);
        ui.strong(format!("Removed since {}", comparison.against));
        ui.weak("As it was there: it is not in the map now, so there is nothing to edit.");
        ui.separator();
        let selection = Selection::role(index);
        ui.add_enabled_ui(false, |ui| {
            crate::ui::inspector::inspector_ui(ui, &comparison.old, &selection, false, None, None)
        });
        Some(Default::default())
    }
}
