//! Tables in and out: an org chart exported from a spreadsheet, an HR system or an org-chart
//! tool (one row per person or post: an id, the manager's id, a name, a title, a department)
//! becomes a map; a map goes back to a table, one row per role and holder.
//!
//! Real exports are messy, so every oddity the importer meets (a manager who is not in the
//! file, a cycle, a duplicate id, a vacant or withheld name, a template row) gets a warning
//! with its line and a sensible result; no row is dropped without a word.

mod build;
mod columns;
mod read;
mod report;
mod write;

pub use build::{ImportOptions, ImportReport, Skipped, Warning, import};
pub use columns::{Column, Columns, find_columns, normalize_header};
pub use read::{sheet_names, table_from_bytes};
pub use write::{CSV_HEADERS, to_csv};

use std::path::{Path, PathBuf};

/// The rows of a table as text, each with the line (or spreadsheet row) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
    /// The delimiter of a text table; `None` for a workbook.
    pub delimiter: Option<char>,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based: the line of a text file where the row starts, or the spreadsheet's row number.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `index`, empty when the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(String::as_str).unwrap_or("")
    }
}

/// Why a table could not be read or imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("line {line} is not UTF-8 text")]
    NotUtf8 { line: usize },
    #[error("line {line}: {message}")]
    Csv { line: usize, message: String },
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("the workbook has no sheet named {wanted:?}; its sheets are {}", quoted(sheets))]
    NoSuchSheet { wanted: String, sheets: Vec<String> },
    #[error("--sheet is for workbooks (XLSX, XLS, ODS), and this is a text table")]
    NotAWorkbook,
    #[error("--{flag} {wanted}: no column has that header; the headers are {}", quoted(headers))]
    NoSuchColumn { flag: &'static str, wanted: String, headers: Vec<String> },
    #[error("this is an orgmap map, not a table")]
    AMap,
    #[error("the table has no rows")]
    Empty,
    #[error(
        "no {} column found; the headers are {}",
        missing.join(" or "),
        quoted(headers)
    )]
    MissingColumns { missing: Vec<&'static str>, headers: Vec<String> },
}

impl TableError {
    /// What to do about it, for the command line and the app.
    pub fn fix(&self) -> String {
        match self {
            TableError::NotUtf8 { .. } => {
                "save the table as UTF-8 (in Excel: Save As > CSV UTF-8) and import it again".into()
            }
            TableError::Csv { .. } => "check the quotes on that line".into(),
            TableError::Workbook(_) | TableError::NoSheets => {
                "open it in a spreadsheet and save it as XLSX or CSV".into()
            }
            TableError::NoSuchSheet { .. } => "pass one of those names to --sheet".into(),
            TableError::NotAWorkbook => "leave out --sheet".into(),
            TableError::NoSuchColumn { .. } => {
                "pass one of those headers, or the column's number (1 is the first)".into()
            }
            TableError::Empty => "export the chart again with its header row and data".into(),
            TableError::AMap => "open it with `orgmap FILE.ron` or File > Open".into(),
            TableError::MissingColumns { missing, .. } => {
                let flags: Vec<String> = missing.iter().map(|m| format!("--{m} COLUMN")).collect();
                format!("name the columns with {}", flags.join(" and "))
            }
        }
    }
}

fn quoted(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    if names.is_empty() { "none".into() } else { names.join(", ") }
}

/// Why a table file could not be imported: it could not be read, or its table was not an org
/// chart orgmap can import. Shown with the file's name and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] super::LoadError),
    #[error("{}: {error}\n    fix: {}", path.display(), error.fix())]
    Table { path: PathBuf, error: TableError },
}

/// Reads a table file (size limit as for maps) and imports it.
pub fn import_file(
    path: &Path,
    options: &ImportOptions,
) -> Result<(crate::model::OrgMap, ImportReport), ImportError> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        return Err(ImportError::Table { path: path.to_path_buf(), error: TableError::AMap });
    }
    let bytes = super::read_file(path)?;
    let name = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    import_bytes(&bytes, &name, options)
        .map_err(|error| ImportError::Table { path: path.to_path_buf(), error })
}

/// Imports a table from a file's bytes. A workbook is read from `options.sheet`, or else from
/// its first sheet that has id and manager columns (a "Notes" or "Read me" sheet often comes
/// first), with a warning naming the sheet read.
pub fn import_bytes(
    bytes: &[u8],
    map_name: &str,
    options: &ImportOptions,
) -> Result<(crate::model::OrgMap, ImportReport), TableError> {
    let sheets = sheet_names(bytes)?;
    if options.sheet.is_some() || sheets.len() < 2 {
        let table = table_from_bytes(bytes, options.sheet.as_deref())?;
        return import(&table, map_name, options);
    }
    let mut first_error = None;
    for (k, sheet) in sheets.iter().enumerate() {
        let table = table_from_bytes(bytes, Some(sheet))?;
        match import(&table, map_name, options) {
            Ok((map, mut report)) => {
                if k > 0 {
                    report.warnings.insert(
                        0,
                        Warning {
                            line: 1,
                            message: format!(
                                "read the sheet {sheet:?}: the first sheet, {:?}, has no id and \
                             manager columns (--sheet chooses another)",
                                sheets[0]
                            ),
                            kind: "sheet",
                        },
                    );
                }
                return Ok((map, report));
            }
            Err(error @ TableError::MissingColumns { .. }) | Err(error @ TableError::Empty) => {
                first_error.get_or_insert(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(first_error.unwrap_or(TableError::NoSheets))
}
