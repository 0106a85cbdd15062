//! `--screenshot`: let the real window render, save a PNG of it, and close.
//!
//! Used by CI and by developers to look at what a user sees, without a display of their own.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui;

/// Frames to wait before capturing, so that fonts, layout and first-frame sizing settle.
const SETTLE_FRAMES: u32 = 10;

/// A screenshot that is waiting for the window to settle, being taken, or done.
pub struct ScreenshotRequest {
    path: PathBuf,
    frames_left: u32,
    /// Set by the capture callback: `Ok` once the PNG is written.
    result: Arc<Mutex<Option<Result<(), String>>>>,
    requested: bool,
}

impl ScreenshotRequest {
    pub fn new(path: PathBuf) -> Self {
        ScreenshotRequest {
            path,
            frames_left: SETTLE_FRAMES,
            result: Arc::new(Mutex::new(None)),
            requested: false,
        }
    }

    /// A handle on the outcome, to read after the window has closed.
    pub fn outcome(&self) -> Arc<Mutex<Option<Result<(), String>>>> {
        Arc::clone(&self.result)
    }

    /// Call once per frame: counts down (only frames where the app has all it will show:
    /// `ready`), asks for the capture, closes the window when done.
    pub fn tick(&mut self, ctx: &egui::Context, ready: bool) {
        ctx.request_repaint();
        if !ready {
            return;
        }
        if self.frames_left > 0 {
            self.frames_left -= 1;
            return;
        }
        if !self.requested {
            self.requested = true;
            let path = self.path.clone();
            let result = Arc::clone(&self.result);
            let callback = egui::ScreenshotCallback::new(move |image| {
                let outcome = write_png(&path, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(outcome);
                }
            });
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(callback));
            return;
        }
        let done = self.result.lock().map(|slot| slot.is_some()).unwrap_or(true);
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Writes an RGBA image as PNG, atomically.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(image.as_raw()).map_err(|e| e.to_string())?;
    }
    crate::format::write_atomically(path, &bytes).map_err(|e| e.to_string())
}
