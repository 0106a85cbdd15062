//! Native file dialogs (rfd) run off the UI thread, so the window keeps drawing while one is
//! open; and a test of whether this system has a file dialog at all.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::ui::dialogs::PathPurpose;

/// What a file dialog came back with.
#[derive(Debug)]
pub enum Picked {
    Path(PathPurpose, PathBuf),
    /// Closed without a choice. `suspicious` when it came back too fast for a person to have
    /// seen it: there is probably no dialog on this system.
    Nothing {
        purpose: PathPurpose,
        suspicious: bool,
    },
}

/// The tables File > Import reads.
const TABLE_EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

#[derive(Default)]
pub struct FileDialogs {
    waiting: Option<(PathPurpose, Instant, Receiver<Option<PathBuf>>)>,
}

/// Whether rfd can show a dialog here: the desktop portal (over the session bus) or zenity.
pub fn dialog_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl FileDialogs {
    pub fn is_open(&self) -> bool {
        self.waiting.is_some()
    }

    /// Opens a dialog to pick a map (Open) or a place to save one (Save).
    /// `kind`: the file type's name and extension ("orgmap map", "ron").
    pub fn start(
        &mut self,
        purpose: PathPurpose,
        near: Option<&Path>,
        file_name: &str,
        (kind, extension): (&str, &str),
    ) {
        let (tx, rx) = channel();
        let mut dialog = if purpose == PathPurpose::Import {
            rfd::FileDialog::new().add_filter("Org chart table", TABLE_EXTENSIONS)
        } else {
            rfd::FileDialog::new().add_filter(kind, &[extension])
        };
        if let Some(dir) = near.and_then(Path::parent).filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        let dialog = match purpose {
            PathPurpose::Open => dialog.set_title("Open a map"),
            PathPurpose::Compare => dialog.set_title("Compare with a map"),
            PathPurpose::Save => dialog.set_title("Save the map as").set_file_name(file_name),
            PathPurpose::Export => dialog.set_title("Export to").set_file_name(file_name),
            PathPurpose::Import => dialog.set_title("Import an org chart"),
        };
        std::thread::spawn(move || {
            let picked = match purpose {
                PathPurpose::Open | PathPurpose::Import | PathPurpose::Compare => {
                    dialog.pick_file()
                }
                PathPurpose::Save | PathPurpose::Export => dialog.save_file(),
            };
            let _ = tx.send(picked);
        });
        self.waiting = Some((purpose, Instant::now(), rx));
    }

    /// The dialog's answer, once it has one.
    pub fn poll(&mut self) -> Option<Picked> {
        let (purpose, started, rx) = self.waiting.as_ref()?;
        let (purpose, started) = (*purpose, *started);
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        self.waiting = None;
        Some(match answer {
            Some(path) => Picked::Path(purpose, path),
            None => Picked::Nothing {
                purpose,
                suspicious: started.elapsed() < Duration::from_millis(300),
            },
        })
    }
}
