//! Live reload: the open file is watched (notify) so that a change made by another program (a
//! text editor, `git pull`) shows within a second.
//!
//! The folder is watched rather than the file: safe savers (orgmap's own included) write a new
//! file and rename it over the old one, which a watch on the old file would miss. Bursts of
//! events (an editor writing in steps) settle for a moment before the file is read; a file
//! whose bytes are what orgmap last read or wrote is no change at all (orgmap's own saves).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use eframe::egui;
use notify::{RecursiveMode, Watcher};

use super::OrgMapApp;
use crate::format;
use crate::model::OrgMap;
use crate::ui::selection::Selection;

/// How long events must stop before the file is read (seconds of egui time).
const SETTLE: f64 = 0.15;

pub struct FileWatch {
    pub path: PathBuf,
    /// Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// When the last event about the file came (egui time), until it is read.
    pending: Option<f64>,
}

impl FileWatch {
    /// Watches `path`; every event wakes the UI up. None when the system cannot watch it
    /// (the app then simply does not reload).
    pub fn new(path: &Path, ctx: &egui::Context) -> Option<Self> {
        let (tx, events) = channel();
        let ctx = ctx.clone();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
            ctx.request_repaint();
        })
        .ok()?;
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
        Some(FileWatch { path: path.to_path_buf(), _watcher: watcher, events, pending: None })
    }

    /// True once the file has changed and the changes have settled (at egui time `now`).
    pub fn poll(&mut self, now: f64, ctx: &egui::Context) -> bool {
        let name = self.path.file_name();
        for event in self.events.try_iter() {
            let touches = event.is_ok_and(|e| e.paths.iter().any(|p| p.file_name() == name));
            if touches {
                self.pending = Some(now);
            }
        }
        match self.pending {
            Some(at) if now - at >= SETTLE => {
                self.pending = None;
                true
            }
            Some(_) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(SETTLE));
                false
            }
            None => false,
        }
    }
}

/// A fingerprint of a file's bytes, to tell orgmap's own writes from other programs'.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

impl OrgMapApp {
    /// Follows the open file: reloads it when another program changed it (keeping the
    /// selection, the view and the presentation step), asks when there are unsaved changes
    /// here, and keeps the last good map when the file became invalid.
    pub(super) fn watch_file(&mut self, ctx: &egui::Context) {
        let Some(path) = self.doc.path.clone() else {
            self.watch = None;
            return;
        };
        if self.watch.as_ref().is_none_or(|w| w.path != path) {
            self.watch = FileWatch::new(&path, ctx);
        }
        let now = ctx.input(|i| i.time);
        let Some(watch) = &mut self.watch else { return };
        if !watch.poll(now, ctx) {
            return;
        }
        // A file being replaced may be missing for a moment: the next event brings it.
        let Ok(bytes) = std::fs::read(&path) else { return };
        let disk = fingerprint(&bytes);
        if self.doc.disk == Some(disk) {
            return;
        }
        match format::load(&path) {
            Err(error) => {
                self.doc.disk = Some(disk);
                self.show_error(
                    &format!("“{}” changed on disk and cannot be read", self.doc.file_name()),
                    format!("{error}\n\nThe map on screen is the last good one. Fix the file and it loads again."),
                );
            }
            Ok(map) if self.doc.is_dirty() => self.disk_conflict = Some((map, disk)),
            Ok(map) => self.reload(map, disk),
        }
    }

    /// Takes the file's new map, keeping the selected roles (by id) and the view.
    pub(super) fn reload(&mut self, map: OrgMap, disk: u64) {
        let ids: Vec<String> = self
            .selection
            .roles()
            .iter()
            .filter_map(|&i| self.doc.map.roles.get(i).map(|r| r.id.clone()))
            .collect();
        self.doc.replace_map(map, disk);
        // Questions and menus about things by their place in the old map are over.
        self.fate_question = None;
        self.pending_link = None;
        self.context_target = None;
        if !ids.is_empty() {
            let index = self.doc.map.index();
            let roles = ids.iter().filter_map(|id| index.role(id)).collect();
            self.selection = Selection::from_roles(roles);
        }
        self.selection.keep_valid(&self.doc.map);
    }

    /// "The file changed on disk while you have unsaved changes: which to keep?"
    pub(super) fn disk_conflict_ui(&mut self, ctx: &egui::Context) {
        if self.disk_conflict.is_none() {
            return;
        }
        let name = self.doc.file_name();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("disk conflict")).show(ctx, |ui| {
            ui.set_max_width(500.0);
            ui.heading(format!("“{name}” changed on disk"));
            ui.label("Another program changed the file while you have unsaved changes here. Which version do you keep?");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Load the file's version").on_hover_text("Your unsaved changes here are lost").clicked() {
                    choice = Some(true);
                }
                if ui.button("Keep my changes").on_hover_text("The file stays as the other program left it until you save").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some((map, disk)) = self.disk_conflict.take() {
                    self.reload(map, disk);
                }
            }
            Some(false) => {
                if let Some((_, disk)) = self.disk_conflict.take() {
                    // Not asked again for this version of the file.
                    self.doc.disk = Some(disk);
                }
            }
            None => {}
        }
    }

    /// True while the app asks whether to keep the file's version or the changes here.
    pub fn is_asking_about_disk_change(&self) -> bool {
        self.disk_conflict.is_some()
    }
}
