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
