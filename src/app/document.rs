//! The open document: a map, where it is saved, its history, and its layout (computed again
//! only when a change can move something).

use std::path::{Path, PathBuf};

use crate::edit::{Command, EditError, History};
use crate::format::{self, LoadError, SaveError};
use crate::layout::{self, Layout, LayoutOptions, Measure};
use crate::model::{OrgMap, Role};

pub struct Document {
    pub path: Option<PathBuf>,
    pub map: OrgMap,
    pub history: History,
    /// Bumped on every change: caches of what is drawn compare it.
    generation: u64,
    /// Bumped on changes that can move something (names, rings, teams, pins, links).
    shape_generation: u64,
    layout: Option<(u64, Layout)>,
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
            generation: 1,
            shape_generation: 1,
            layout: None,
        }
    }

    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let map = format::load(path)?;
        Ok(Document::with_map(Some(path.to_path_buf()), map))
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
        let moves = match &command {
            Command::SetMapInfo(_) => false,
            Command::SetRole { index, role } => {
                self.map.roles.get(*index).is_none_or(|before| moves_things(before, role))
            }
        };
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
        self.generation += 1;
        if moves {
            self.shape_generation += 1;
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
        self.generation += 1;
        Ok(true)
    }

    pub fn save_as(&mut self, path: PathBuf) -> Result<(), SaveError> {
        format::save(&path, &self.map)?;
        self.path = Some(path);
        self.history.mark_saved();
        self.generation += 1;
        Ok(())
    }

    /// The layout of the map as it is now, computed again only after changes that move things.
    pub fn layout(&mut self, options: &LayoutOptions, measure: Measure) -> &Layout {
        let current = self.shape_generation;
        if self.layout.as_ref().is_some_and(|(g, _)| *g != current) {
            self.layout = None;
        }
        let map = &self.map;
        &self.layout.get_or_insert_with(|| (current, layout::compute(map, options, measure))).1
    }

    /// The layout if it is up to date (for drawing between computations).
    pub fn current_layout(&self) -> Option<&Layout> {
        self.layout.as_ref().filter(|(g, _)| *g == self.shape_generation).map(|(_, l)| l)
    }
}

/// Whether replacing `before` by `after` can change the layout.
fn moves_things(before: &Role, after: &Role) -> bool {
    before.name != after.name
        || before.ring != after.ring
        || before.team != after.team
        || before.angle != after.angle
        || before.id != after.id
}
