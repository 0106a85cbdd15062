//! The eframe app. For now it opens a map and shows its rings and roles as an outline; the
//! canvas, inspector and editing come with the app issue.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::format;
use crate::model::OrgMap;

/// Opens the window, on `file` if given, and returns when it is closed.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let app = OrgMapApp::open(file.as_deref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native("orgmap", options, Box::new(|_cc| Ok(Box::new(app)))).map_err(|error| {
        anyhow::anyhow!(
            "cannot open the orgmap window: {error}\n    fix: run it on a desktop session (a display \
             is needed); to check or format files without a window use `orgmap check` or `orgmap fmt`"
        )
    })
}

/// The open document: a map, or the reason none could be opened.
pub struct OrgMapApp {
    path: Option<PathBuf>,
    map: OrgMap,
    load_error: Option<String>,
}

impl OrgMapApp {
    pub fn open(path: Option<&Path>) -> Self {
        let untitled = || OrgMap::new("Untitled map");
        match path {
            None => OrgMapApp {
                path: None,
                map: untitled(),
                load_error: None,
            },
            Some(path) => match format::load(path) {
                Ok(map) => OrgMapApp {
                    path: Some(path.to_path_buf()),
                    map,
                    load_error: None,
                },
                Err(error) => OrgMapApp {
                    path: None,
                    map: untitled(),
                    load_error: Some(error.to_string()),
                },
            },
        }
    }

    pub fn title(&self) -> String {
        match &self.path {
            Some(path) => format!(
                "{} — orgmap",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ),
            None => "Untitled — orgmap".to_string(),
        }
    }

    fn outline_ui(&self, ui: &mut egui::Ui) {
        ui.heading(&self.map.name);
        if !self.map.purpose.is_empty() {
            ui.label(&self.map.purpose);
        }
        ui.label(self.map.counts().to_string());
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for ring in &self.map.rings {
                ui.collapsing(&ring.name, |ui| {
                    for role in self.map.roles.iter().filter(|r| r.ring == ring.id) {
                        ui.label(format!("{} ({})", role.name, role.status.label()));
                    }
                });
            }
        });
    }
}

impl eframe::App for OrgMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(error) = &self.load_error {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "This file could not be opened:",
                );
                ui.monospace(error);
                ui.separator();
            }
            self.outline_ui(ui);
        });
    }
}
