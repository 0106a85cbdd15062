//! Crash recovery: while a map has unsaved changes, a copy is written every few seconds to
//! the app's data folder (atomically, never over the user's file). A save or a clean close
//! removes it; after a crash or a kill, the next start finds it and offers it back.
//!
//! A recovery copy is an ordinary map file with a few comment lines on top saying which file
//! it belongs to, when it was written and by which process, so that even without orgmap's
//! offer it can be opened, checked and diffed like any map.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use eframe::egui;

use super::{Document, OrgMapApp};
use crate::format;
use crate::model::OrgMap;
use crate::ui::selection::Selection;
use crate::ui::view::View;

/// How often a copy is written while there are unsaved changes.
pub const INTERVAL: f64 = 3.0;

const PREFIX: &str = "recovery-";

/// This session's recovery copy.
pub struct Recovery {
    dir: PathBuf,
    path: PathBuf,
    /// The document generation last written, and when (egui time, seconds).
    written: Option<(u64, f64)>,
}

/// A recovery copy left by a session that did not end cleanly.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// The file the map belongs to (none for a map never saved).
    pub file: Option<PathBuf>,
    pub written: SystemTime,
    pub map: OrgMap,
}

impl Recovery {
    /// The folder recovery copies go to: `ORGMAP_DATA_DIR` if set, else orgmap's data folder.
    pub fn default_dir() -> Option<PathBuf> {
        match std::env::var_os("ORGMAP_DATA_DIR") {
            Some(dir) => Some(PathBuf::from(dir).join("recovery")),
            None => eframe::storage_dir("orgmap").map(|d| d.join("recovery")),
        }
    }

    pub fn new(dir: PathBuf) -> Self {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let name = format!("{PREFIX}{}-{}.ron", std::process::id(), started.as_nanos());
        Recovery { path: dir.join(name), dir, written: None }
    }

    /// Called every frame: writes a copy when the map has changed since the last one and
    /// the interval has passed; removes it once the map is saved.
    pub fn tick(
        &mut self,
        now: f64,
        map: &OrgMap,
        file: Option<&Path>,
        dirty: bool,
        generation: u64,
    ) {
        if !dirty {
            self.remove();
            return;
        }
        let due = match self.written {
            None => true,
            Some((written, at)) => written != generation && now - at >= INTERVAL,
        };
        if due {
            // A copy that cannot be written (a read-only data folder) is tried again later;
            // it must never get in the way of editing.
            let _ = self.write(map, file);
            self.written = Some((generation, now));
        }
    }

    fn write(&self, map: &OrgMap, file: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let file = file.map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let written = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let header = format!(
            "// orgmap recovery copy\n// file: {}\n// written: {written}\n// pid: {}\n",
            ron::to_string(&file).unwrap_or_default(),
            std::process::id()
        );
        let text = header + &format::to_string(map);
        format::write_atomically(&self.path, text.as_bytes()).map_err(std::io::Error::other)
    }

    /// Removes this session's copy (after a save, or on a clean close).
    pub fn remove(&mut self) {
        if self.written.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Copies left by sessions that are no longer running, newest first. Copies that cannot
    /// be read are left alone (and not offered).
    pub fn left_behind(dir: &Path) -> Vec<Found> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut found: Vec<Found> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".ron"))
            })
            .filter_map(|path| read(&path))
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.written));
        found
    }
}

/// Reads a recovery copy, unless the session that writes it is still running.
fn read(path: &Path) -> Option<Found> {
    let text = std::fs::read_to_string(path).ok()?;
    let field = |name: &str| {
        text.lines()
            .take(6)
            .find_map(|line| line.strip_prefix(&format!("// {name}: ")).map(str::to_string))
    };
    let pid: u32 = field("pid")?.parse().ok()?;
    if pid != std::process::id() && is_running(pid) {
        return None;
    }
    let file: String = ron::from_str(&field("file")?).ok()?;
    let written = UNIX_EPOCH + Duration::from_secs(field("written")?.parse().ok()?);
    let map = format::load(path).ok()?;
    let file = (!file.is_empty()).then(|| PathBuf::from(file));
    Some(Found { path: path.to_path_buf(), file, written, map })
}

/// Whether process `pid` is running (known on Linux; elsewhere assumed not, so a copy is
/// offered rather than lost).
fn is_running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// "2026-11-24 22:31 UTC, 5 minutes ago".
pub fn describe_time(written: SystemTime, now: SystemTime) -> String {
    let secs = written.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    let ago = now.duration_since(written).unwrap_or_default().as_secs() / 60;
    let ago = match ago {
        0 => "less than a minute ago".to_string(),
        1 => "1 minute ago".to_string(),
        n if n < 120 => format!("{n} minutes ago"),
        n if n < 48 * 60 => format!("{} hours ago", n / 60),
        n => format!("{} days ago", n / 1440),
    };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC, {ago}", rest / 3600, rest % 3600 / 60)
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl OrgMapApp {
    /// Keeps recovery copies in `dir` while there are unsaved changes, and offers the copies
    /// that crashed sessions left there.
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        self.recovered = Recovery::left_behind(&dir);
        self.recovery = Some(Recovery::new(dir));
        self
    }

    /// True while a recovered copy is being offered.
    pub fn is_offering_recovery(&self) -> bool {
        !self.recovered.is_empty()
    }

    /// Offers the newest copy a crashed session left: restore, discard, or decide later.
    pub(super) fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some(found) = self.recovered.first() else { return };
        let file = found.file.as_ref().map_or("an untitled map".to_string(), |f| {
            format!("“{}”", f.file_name().unwrap_or_default().to_string_lossy())
        });
        let when = describe_time(found.written, std::time::SystemTime::now());
        let (mut choice, mut later) = (None, false);
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Restore unsaved changes?");
            ui.label(format!(
                "orgmap closed without saving the changes to {file}. A copy was kept at {when}."
            ));
            ui.weak(format!("The copy holds {}.", found.map.counts()));
            if let Some(path) = &found.file {
                ui.weak(format!(
                    "Restoring opens it in place of {}; nothing is saved until you save.",
                    path.display()
                ));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
                if ui.button("Decide later").clicked() {
                    later = true;
                }
            });
        });
        if later {
            // Kept on disk, offered again at the next start.
            self.recovered.clear();
        }
        if let Some(restore) = choice {
            let found = self.recovered.remove(0);
            if restore {
                self.doc = Document::recovered(found.file.clone(), found.map);
                self.selection = Selection::Nothing;
                self.view = View::default();
                self.forget_scene();
                // Further copies go on under this session's name; the old one is done.
            }
            let _ = std::fs::remove_file(&found.path);
        }
    }

    /// Writes the recovery copy when it is due (and wakes up to write it while idle).
    pub(super) fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &mut self.recovery else { return };
        let doc = &self.doc;
        let now = ctx.input(|i| i.time);
        recovery.tick(now, &doc.map, doc.path.as_deref(), doc.is_dirty(), doc.generation());
        if doc.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(INTERVAL));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_written_while_dirty_and_removed_once_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::new(dir.path().to_path_buf());
        let mut map = OrgMap::new("Draft");
        recovery.tick(0.0, &map, Some(Path::new("/maps/team.ron")), true, 2);
        assert!(recovery.path.exists());
        // Changes within the interval wait; after it, they are written.
        map.purpose = "Why we exist".into();
        recovery.tick(1.0, &map, Some(Path::new("/maps/team.ron")), true, 3);
        assert_eq!(format::load(&recovery.path).unwrap().purpose, "");
        recovery.tick(3.5, &map, Some(Path::new("/maps/team.ron")), true, 3);
        assert_eq!(format::load(&recovery.path).unwrap().purpose, "Why we exist");
        recovery.tick(4.0, &map, Some(Path::new("/maps/team.ron")), false, 4);
        assert!(!recovery.path.exists(), "a save removes the copy");
    }

    #[test]
    fn a_copy_left_behind_is_found_with_its_file_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::new(dir.path().to_path_buf());
        let map = OrgMap::new("Draft");
        recovery.tick(0.0, &map, Some(Path::new("/maps/a \"quoted\" name.ron")), true, 2);
        let found = Recovery::left_behind(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file.as_deref(), Some(Path::new("/maps/a \"quoted\" name.ron")));
        assert_eq!(found[0].map, map);
        let age = SystemTime::now().duration_since(found[0].written).unwrap();
        assert!(age < Duration::from_secs(60));
    }

    #[test]
    fn times_read_as_dates() {
        let written = UNIX_EPOCH + Duration::from_secs(1_795_991_460); // 2026-11-29 22:31 UTC
        let now = written + Duration::from_secs(5 * 60);
        assert_eq!(describe_time(written, now), "2026-11-29 22:31 UTC, 5 minutes ago");
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
