//! File > Export and "Export candidate pack…": the same choices as `orgmap export` and
//! `orgmap card`, with what the file will be shown before it is written.

use eframe::egui;

use crate::export::pdf::{Page, Paper};
use crate::export::{PNG_WIDTH, PackFormat, PictureFormat, PictureSettings};

/// What is being exported.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportKind {
    Picture(PictureSettings),
    Pack {
        role: usize,
        format: PackFormat,
        with_map: bool,
    },
    /// The map as a table: one row per role and holder (File > Export as table).
    Table,
    /// The map as one web page (File > Export as web page), opening on `selected`.
    WebPage {
        selected: Option<usize>,
    },
}

impl ExportKind {
    /// The file extension and the name of the file type, for the save dialog.
    pub fn file_type(&self) -> (&'static str, &'static str) {
        match self {
            ExportKind::Picture(s) => match s.format {
                PictureFormat::Svg => ("svg", "SVG image"),
                PictureFormat::Png => ("png", "PNG image"),
                PictureFormat::Pdf => ("pdf", "PDF document"),
            },
            ExportKind::Pack { format, .. } => match format {
                PackFormat::Pdf => ("pdf", "PDF document"),
                PackFormat::Png => ("png", "PNG image"),
                PackFormat::Html => ("html", "Web page"),
                PackFormat::Markdown => ("md", "Markdown"),
            },
            ExportKind::Table => ("csv", "CSV table"),
            ExportKind::WebPage { .. } => ("html", "Web page"),
        }
    }
}

/// The dialog's state while it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    pub kind: ExportKind,
    /// The preview line, and the settings it was computed for.
    preview: Option<(ExportKind, String)>,
}

pub enum DialogAnswer {
    Export(ExportKind),
    Cancel,
}

impl ExportDialog {
    pub fn picture(selected: Option<usize>) -> Self {
        let settings = PictureSettings { highlight: selected, ..PictureSettings::default() };
        ExportDialog { kind: ExportKind::Picture(settings), preview: None }
    }

    pub fn pack(role: usize) -> Self {
        ExportDialog {
            kind: ExportKind::Pack { role, format: PackFormat::Pdf, with_map: true },
            preview: None,
        }
    }
}

/// Draws the dialog; `describe` says what the picture will be ("2400 x 2268 px").
pub fn export_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut ExportDialog,
    role_name: impl Fn(usize) -> String,
    describe: impl Fn(&PictureSettings) -> String,
) -> Option<DialogAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("export dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match &mut dialog.kind {
            ExportKind::Picture(settings) => picture_ui(ui, settings, &role_name),
            ExportKind::Pack { role, format, with_map } => {
                ui.heading("Export candidate pack");
                let name = crate::font::visual(&role_name(*role)).into_owned();
                ui.label(format!("For the role “{name}”"));
                ui.horizontal(|ui| {
                    for (value, name) in [
                        (PackFormat::Pdf, "PDF (A4)"),
                        (PackFormat::Png, "PNG (A4)"),
                        (PackFormat::Html, "HTML"),
                        (PackFormat::Markdown, "Markdown"),
                    ] {
                        ui.selectable_value(format, value, name);
                    }
                });
                if *format == PackFormat::Html {
                    ui.checkbox(with_map, "Show the map above the job description");
                }
            }
            ExportKind::Table => {
                ui.heading("Export as table");
                ui.label(
                    "One row per role and holder, as CSV; File > Import org chart reads it back.",
                );
            }
            ExportKind::WebPage { .. } => {
                ui.heading("Export as web page");
                ui.label(
                    "One HTML file that opens in any browser, offline: click a role to read its \
                     job description.",
                );
            }
        }
        if let ExportKind::Picture(settings) = &dialog.kind {
            let stale = dialog.preview.as_ref().is_none_or(|(k, _)| *k != dialog.kind);
            if stale {
                dialog.preview = Some((dialog.kind.clone(), describe(settings)));
            }
            if let Some((_, text)) = &dialog.preview {
                ui.label(egui::RichText::new(format!("Size: {text}")).strong());
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Export…").clicked() {
                answer = Some(DialogAnswer::Export(dialog.kind.clone()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(DialogAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(DialogAnswer::Cancel);
    }
    answer
}

fn picture_ui(ui: &mut egui::Ui, s: &mut PictureSettings, role_name: &impl Fn(usize) -> String) {
    ui.heading("Export the map");
    ui.horizontal(|ui| {
        ui.label("Format");
        for (value, name) in
            [(PictureFormat::Svg, "SVG"), (PictureFormat::Png, "PNG"), (PictureFormat::Pdf, "PDF")]
        {
            ui.selectable_value(&mut s.format, value, name);
        }
    });
    match s.format {
        PictureFormat::Svg | PictureFormat::Png => {
            let mut width = s.width.unwrap_or(PNG_WIDTH);
            ui.horizontal(|ui| {
                let label = ui.label("Width (px)");
                let drag = egui::DragValue::new(&mut width).range(16.0..=20_000.0).speed(10.0);
                ui.add(drag).labelled_by(label.id);
            });
            s.width = Some(width);
        }
        PictureFormat::Pdf => {
            let mut page = s.page;
            ui.horizontal(|ui| {
                ui.label("Paper");
                ui.selectable_value(&mut page, None, "Smallest readable");
                for paper in Paper::ALL {
                    let landscape = page.is_some_and(|p| p.landscape);
                    ui.selectable_value(&mut page, Some(Page { paper, landscape }), paper.name());
                }
            });
            if let Some(p) = &mut page {
                ui.checkbox(&mut p.landscape, "Landscape");
            }
            s.page = page;
        }
    }
    ui.checkbox(&mut s.dark, "Dark theme");
    if let Some(role) = s.highlight {
        let mut on = true;
        ui.checkbox(&mut on, format!("Highlight “{}”", role_name(role)));
        if !on {
            s.highlight = None;
        }
    }
}
