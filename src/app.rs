//! The eframe app. For now it opens a map and shows its rings and roles as an outline; the
//! canvas, inspector and editing come with the app issue.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::format;
use crate::model::OrgMap;
use crate::screenshot::ScreenshotRequest;

/// How the window is to be opened, from the command line.
pub struct Launch {
    pub file: Option<PathBuf>,
    /// Save a PNG of the window here once it has rendered, then close.
    pub screenshot: Option<PathBuf>,
    pub size: [f32; 2],
}

/// Opens the window and returns when it is closed.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let mut app = OrgMapApp::open(launch.file.as_deref());
    let screenshot = launch.screenshot.map(ScreenshotRequest::new);
    let outcome = screenshot.as_ref().map(ScreenshotRequest::outcome);
    app.screenshot = screenshot;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size(launch.size)
            .with_resizable(app.screenshot.is_none()),
        persist_window: app.screenshot.is_none(),
        ..Default::default()
    };
    eframe::run_native("orgmap", options, Box::new(|_cc| Ok(Box::new(app)))).map_err(|error| {
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

/// The open document: a map, or the reason none could be opened.
pub struct OrgMapApp {
    path: Option<PathBuf>,
    map: OrgMap,
    load_error: Option<String>,
    screenshot: Option<ScreenshotRequest>,
}

impl OrgMapApp {
    pub fn open(path: Option<&Path>) -> Self {
        let untitled = || OrgMap::new("Untitled map");
        let (path, map, load_error) = match path {
            None => (None, untitled(), None),
            Some(path) => match format::load(path) {
                Ok(map) => (Some(path.to_path_buf()), map, None),
                Err(error) => (None, untitled(), Some(error.to_string())),
            },
        };
        OrgMapApp { path, map, load_error, screenshot: None }
    }

    pub fn title(&self) -> String {
        match &self.path {
            Some(path) => format!(
                "{} — orgmap",
                path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
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
                ui.colored_label(ui.visuals().error_fg_color, "This file could not be opened:");
                ui.monospace(error);
                ui.separator();
            }
            self.outline_ui(ui);
        });
        if let Some(screenshot) = &mut self.screenshot {
            screenshot.tick(ui.ctx());
        }
    }
}
