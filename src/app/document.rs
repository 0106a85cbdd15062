//! The open document: a map, where it is saved, its history, and its layout (computed again
//! only when a change can move something).

use std::path::{Path, PathBuf};

use crate::edit::{Command, EditError, History};
use crate::format::{self, LoadError, SaveError};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::watch::fingerprint;
use crate::font;
use crate::layout::{self, Layout, LayoutOptions};
use crate::model::OrgMap;
use crate::scene::bundle::Bundles;

pub struct Document {
    pub path: Option<PathBuf>,
    pub map: OrgMap,
    pub history: History,
    /// Bumped on every change: caches of what is drawn compare it.
    generation: u64,
    /// Bumped on changes that can move something (names, rings, teams, pins, links).
    shape_generation: u64,
    /// The last layout computed, the shape generation it was computed for, and the routes
    /// of the links bundled along it.
    layout: Option<(u64, Arc<Layout>, Arc<Bundles>)>,
    /// A copy of the map as of a generation, shared with threads that draw it.
    snapshot: Option<(u64, Arc<OrgMap>)>,
    /// A layout being computed on another thread, for this shape generation.
    pending: Option<(u64, Receiver<(Layout, Bundles)>)>,
    /// A fingerprint of the file's bytes as last read or written here (to tell another
    /// program's change from an echo of our own save).
    pub disk: Option<u64>,
}

/// Maps with at least this many roles are laid out off the UI thread (a 10,000-role map takes
/// about 0.3 s), so that typing a name does not freeze the window.
pub const BACKGROUND_LAYOUT_FROM: usize = 2000;

/// Generations are unique across documents, not only within one: caches keyed by them (the
/// outline's search, the scene) must not take a map just opened or imported for the one
/// before it, which also started at its first generation.
fn fresh_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    pub fn untitled() -> Self {
        Document::with_map(None, OrgMap::new("Untitled map"))
    }

    pub fn with_map(path: Option<PathBuf>, map: OrgMap) -> Self {
        Document {
            path,
            map,
            history: History::new(),
            generation: fresh_generation(),
            shape_generation: fresh_generation(),
            layout: None,
            snapshot: None,
            pending: None,
            disk: None,
        }
    }

    /// A map made here and saved nowhere yet (an imported org chart).
    pub fn unsaved(map: OrgMap) -> Self {
        Document::recovered(None, map)
    }

    /// A map recovered after a crash: it belongs to `path` but is not saved there.
    pub fn recovered(path: Option<PathBuf>, map: OrgMap) -> Self {
        let mut doc = Document::with_map(path, map);
        doc.history.mark_unsaved();
        doc
    }

    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let map = format::load(path)?;
        let mut doc = Document::with_map(Some(path.to_path_buf()), map);
        doc.note_disk();
        Ok(doc)
    }

    /// Remembers what the file holds now.
    fn note_disk(&mut self) {
        self.disk =
            self.path.as_deref().and_then(|p| std::fs::read(p).ok()).map(|b| fingerprint(&b));
    }

    /// Takes the map another program wrote to the file (whose bytes have `disk` as
    /// fingerprint). The history starts again from it.
    pub fn replace_map(&mut self, map: OrgMap, disk: u64) {
        self.map = map;
        self.history.clear();
        self.disk = Some(disk);
        self.changed(true);
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file's name for titles and questions ("wellbeing_teams.ron", or "Untitled").
    pub fn file_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("Untitled".to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// The window title: file name, a dot while there are unsaved changes, the app.
    pub fn title(&self) -> String {
        let mark = if self.is_dirty() { " ●" } else { "" };
        format!("{}{mark} — orgmap", self.file_name())
    }

    pub fn apply(
        &mut self,
        command: Command,
        label: impl Into<String>,
        merge: Option<String>,
    ) -> Result<(), EditError> {
        let moves = command.moves_things(&self.map);
        self.history.apply(&mut self.map, command, label, merge)?;
        self.changed(moves);
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.map)?;
        self.changed(done);
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.map)?;
        self.changed(done);
        Ok(done)
    }

    fn changed(&mut self, moves: bool) {
        self.generation = fresh_generation();
        if moves {
            self.shape_generation = fresh_generation();
        }
    }

    /// Saves to the document's path (atomically). `Ok(false)` when it has no path yet: the
    /// caller asks for one (Save As).
    pub fn save(&mut self) -> Result<bool, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        format::save(&path, &self.map)?;
        self.history.mark_saved();
        self.generation = fresh_generation();
        self.note_disk();
        Ok(true)
    }

    pub fn save_as(&mut self, path: PathBuf) -> Result<(), SaveError> {
        format::save(&path, &self.map)?;
        self.path = Some(path);
        self.history.mark_saved();
        self.generation = fresh_generation();
        self.note_disk();
        Ok(())
    }

    /// Brings the layout up to date: at once for small maps, on another thread for large
    /// ones. True when the layout matches the map as it is now.
    pub fn update_layout(&mut self, options: &LayoutOptions) -> bool {
        let current = self.shape_generation;
        if let Some((generation, rx)) = &self.pending {
            match rx.try_recv() {
                Ok((layout, routes)) => {
                    self.layout = Some((*generation, Arc::new(layout), Arc::new(routes)));
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.pending = None,
            }
        }
        if self.layout.as_ref().is_some_and(|(g, _, _)| *g == current) {
            return true;
        }
        if self.pending.as_ref().is_some_and(|(g, _)| *g == current) {
            return false;
        }
        // The routes of bundled links are computed with the layout, once, whichever way
        // links are drawn now: switching to bundled or zooming out then costs no wait.
        let laid_out = |map: &OrgMap, options: &LayoutOptions| {
            let layout = layout::compute(map, options, &font::measure);
            let routes = Bundles::new(map, &layout);
            (layout, routes)
        };
        if self.map.roles.len() < BACKGROUND_LAYOUT_FROM {
            let (layout, routes) = laid_out(&self.map, options);
            self.layout = Some((current, Arc::new(layout), Arc::new(routes)));
            return true;
        }
        let (tx, rx) = channel();
        let (map, options) = (self.map.clone(), options.clone());
        std::thread::spawn(move || {
            let _ = tx.send(laid_out(&map, &options));
        });
        self.pending = Some((current, rx));
        false
    }

    /// The layout to draw: the current one, or while a new one is computed the last one, as long
    /// as it still has a place for every ring, team and role of the map.
    pub fn drawn_layout(&self) -> Option<&Layout> {
        self.drawn().map(|(layout, _)| layout)
    }

    /// [`Self::drawn_layout`] with the routes of its bundled links.
    pub fn drawn(&self) -> Option<(&Layout, &Bundles)> {
        let (_, layout, routes) = self.layout.as_ref()?;
        let fits = layout.rings.len() == self.map.rings.len()
            && layout.teams.len() == self.map.teams.len()
            && layout.roles.len() == self.map.roles.len();
        fits.then_some((&**layout, &**routes))
    }

    /// What [`Self::drawn`] gives, with the map as it is now, to be drawn on another thread
    /// (the map is copied once per change, not once per scene).
    pub fn shared(&mut self) -> Option<(Arc<OrgMap>, Arc<Layout>, Arc<Bundles>)> {
        self.drawn()?;
        let (_, layout, routes) = self.layout.as_ref()?;
        let (layout, routes) = (Arc::clone(layout), Arc::clone(routes));
        let generation = self.generation;
        if self.snapshot.as_ref().is_none_or(|(g, _)| *g != generation) {
            self.snapshot = Some((generation, Arc::new(self.map.clone())));
        }
        let map = self.snapshot.as_ref().map(|(_, map)| Arc::clone(map))?;
        Some((map, layout, routes))
    }

    /// Which layout [`Self::drawn_layout`] is (changes when a new one arrives).
    pub fn layout_generation(&self) -> u64 {
        self.layout.as_ref().map_or(0, |(g, _, _)| *g)
    }
}
