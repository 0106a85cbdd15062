//! File > Import…: an org chart table previewed before anything is imported: its first rows,
//! the column chosen for each thing (each changeable), and what the import would make, with
//! every warning. The result opens as a new, unsaved map.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use crate::format::table::{
    self, Column, Columns, ImportOptions, ImportReport, Table, find_columns,
};
use crate::model::OrgMap;

/// Rows of the table shown in the preview.
const PREVIEW_ROWS: usize = 6;
/// Warnings listed before "and N more".
const LISTED_WARNINGS: usize = 200;
/// The columns the dialog lets the user choose.
const CHOSEN: [Column; 5] =
    [Column::Id, Column::Manager, Column::Name, Column::Title, Column::Team];

pub struct ImportDialog {
    pub path: PathBuf,
    bytes: Vec<u8>,
    pub sheets: Vec<String>,
    pub options: ImportOptions,
    table: Option<Table>,
    /// The columns as found or chosen, for the table shown.
    columns: Columns,
    /// What importing with the current choices makes, or why it cannot.
    outcome: Result<(OrgMap, ImportReport), String>,
}

pub enum ImportAnswer {
    Import(Box<OrgMap>),
    Cancel,
}

impl ImportDialog {
    /// Reads the table and imports it once with the columns its headers name.
    pub fn open(path: &Path) -> Result<Self, String> {
        let bytes = crate::format::read_file(path).map_err(|e| e.to_string())?;
        let sheets = table::sheet_names(&bytes).map_err(|e| format!("{e}\n{}", e.fix()))?;
        let mut dialog = ImportDialog {
            path: path.to_path_buf(),
            bytes,
            sheets,
            options: ImportOptions::default(),
            table: None,
            columns: Columns::default(),
            outcome: Err(String::new()),
        };
        // A workbook of several sheets opens on the one the import finds its chart on.
        if dialog.sheets.len() > 1 {
            let found = table::import_bytes(&dialog.bytes, "", &dialog.options).ok();
            dialog.options.sheet = found.and_then(|(_, report)| report.sheet);
        }
        dialog.refresh();
        Ok(dialog)
    }

    /// The map's name: the file's, without its extension.
    fn map_name(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// Imports again with the current choices, from the table read once for the preview.
    fn refresh(&mut self) {
        let sheet = self.options.sheet.as_deref().or(self.sheets.first().map(String::as_str));
        let read = table::table_from_bytes(&self.bytes, sheet);
        self.outcome = read
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|t| table::import(t, &self.map_name(), &self.options))
            .map_err(|e| format!("{e}\n{}", e.fix()));
        self.table = read.ok();
        self.columns = self
            .table
            .as_ref()
            .and_then(|t| find_columns(t, &self.options.columns).ok())
            .unwrap_or_default();
    }

    /// Chooses column `index` (or none) for `what`, by number: headers may repeat.
    fn choose(&mut self, what: Column, index: Option<usize>) {
        self.options.columns.retain(|(c, _)| *c != what);
        let flag = index.map_or(String::new(), |i| format!("#{}", i + 1));
        self.options.columns.push((what, flag));
        self.refresh();
    }
}

pub fn import_dialog_ui(ctx: &egui::Context, dialog: &mut ImportDialog) -> Option<ImportAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("import dialog")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        let name = dialog.path.file_name().map(|n| n.to_string_lossy().into_owned());
        ui.heading(format!("Import “{}”", name.unwrap_or_default()));
        if dialog.sheets.len() > 1 {
            sheet_ui(ui, dialog);
        }
        preview_ui(ui, dialog);
        ui.add_space(6.0);
        columns_ui(ui, dialog);
        let (mut one_per_row, mut title_case) =
            (dialog.options.one_role_per_row, dialog.options.title_case);
        ui.checkbox(&mut one_per_row, "A role for every row")
            .on_hover_text("Otherwise rows with the same title, manager and department that manage nobody share one role");
        ui.checkbox(&mut title_case, "Titles in capitals to title case (CARE WORKER → Care Worker)");
        if (one_per_row, title_case) != (dialog.options.one_role_per_row, dialog.options.title_case)
        {
            dialog.options.one_role_per_row = one_per_row;
            dialog.options.title_case = title_case;
            dialog.refresh();
        }
        ui.separator();
        outcome_ui(ui, dialog);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = dialog.outcome.is_ok();
            if ui.add_enabled(ready, egui::Button::new("Import")).clicked()
                && let Ok((map, _)) = &dialog.outcome
            {
                answer = Some(ImportAnswer::Import(Box::new(map.clone())));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(ImportAnswer::Cancel);
            }
            ui.weak("The map opens as a new, unsaved map.");
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(ImportAnswer::Cancel);
    }
    answer
}

fn sheet_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog) {
    let current = dialog.options.sheet.clone().or(dialog.sheets.first().cloned());
    let mut chosen = current.clone();
    ui.horizontal(|ui| {
        let label = ui.label("Sheet");
        egui::ComboBox::from_id_salt("import sheet")
            .selected_text(current.clone().unwrap_or_default())
            .show_ui(ui, |ui| {
                for sheet in &dialog.sheets {
                    ui.selectable_value(&mut chosen, Some(sheet.clone()), sheet);
                }
            })
            .response
            .labelled_by(label.id);
    });
    if chosen != current {
        dialog.options.sheet = chosen;
        dialog.options.columns.clear();
        dialog.refresh();
    }
}

/// The header and the first rows, each chosen column marked with what it holds.
fn preview_ui(ui: &mut egui::Ui, dialog: &ImportDialog) {
    let Some(table) = &dialog.table else { return };
    let columns = &dialog.columns;
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).min(20);
    egui::ScrollArea::horizontal().id_salt("import preview").show(ui, |ui| {
        egui::Grid::new("import rows").striped(true).show(ui, |ui| {
            for i in 0..width {
                let what: Vec<&str> = Column::ALL
                    .iter()
                    .filter(|&&c| columns.get(c) == Some(i))
                    .map(|c| c.label())
                    .collect();
                ui.label(
                    RichText::new(what.join(", ")).small().color(ui.visuals().hyperlink_color),
                );
            }
            ui.end_row();
            let rows = table.rows.iter().skip(columns.header_row).take(PREVIEW_ROWS + 1);
            for (r, row) in rows.enumerate() {
                for i in 0..width {
                    let text = crate::font::visual(&shorten(row.cell(i), 24)).into_owned();
                    if r == 0 {
                        ui.strong(text)
                    } else {
                        ui.label(text)
                    };
                }
                ui.end_row();
            }
        });
    });
}

fn shorten(text: &str, chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars - 1).collect();
    format!("{cut}…")
}

/// A choice of column for each thing the importer reads.
fn columns_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog) {
    let headers = dialog.columns.headers.clone();
    let mut change = None;
    egui::Grid::new("import columns").num_columns(2).show(ui, |ui| {
        for what in CHOSEN {
            let label = ui.label(format!("{} column", capitalised(what.label())));
            let current = dialog.columns.get(what);
            let shown = |i: Option<usize>| match i {
                Some(i) => headers.get(i).map_or(format!("column {}", i + 1), |h| {
                    if h.trim().is_empty() { format!("column {}", i + 1) } else { h.clone() }
                }),
                None => "(none)".to_string(),
            };
            let mut chosen = current;
            egui::ComboBox::from_id_salt(("import column", what.label()))
                .selected_text(shown(current))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, "(none)");
                    for i in 0..headers.len() {
                        ui.selectable_value(&mut chosen, Some(i), shown(Some(i)));
                    }
                })
                .response
                .labelled_by(label.id);
            if chosen != current {
                change = Some((what, chosen));
            }
            ui.end_row();
        }
    });
    if let Some((what, index)) = change {
        dialog.choose(what, index);
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What the import would make, and every row it found odd.
fn outcome_ui(ui: &mut egui::Ui, dialog: &ImportDialog) {
    match &dialog.outcome {
        Err(message) => {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        Ok((_, report)) => {
            ui.label(RichText::new(report.summary()).strong());
            let notes = report.skipped.len() + report.warnings.len();
            if notes == 0 {
                ui.label("Nothing odd found.");
                return;
            }
            ui.label(format!(
                "{} skipped, {} warnings:",
                report.skipped.len(),
                report.warnings.len()
            ));
            egui::ScrollArea::vertical().id_salt("import warnings").max_height(180.0).show(
                ui,
                |ui| {
                    for s in &report.skipped {
                        ui.label(format!("line {}: skipped, {}", s.line, s.why));
                    }
                    for w in report.warnings.iter().take(LISTED_WARNINGS) {
                        ui.label(format!("line {}: {}", w.line, w.message));
                    }
                    if report.warnings.len() > LISTED_WARNINGS {
                        ui.weak(format!(
                            "… and {} more (orgmap import --report json lists them all)",
                            report.warnings.len() - LISTED_WARNINGS
                        ));
                    }
                },
            );
        }
    }
}
