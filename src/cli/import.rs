//! `orgmap import`: an org chart table to a map file, and a report of what it made.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::{
    self,
    table::{Column, ImportOptions},
};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: .csv, .tsv, .txt (delimiter found by itself), .xlsx, .xls or .ods.
    pub file: PathBuf,
    /// Where to write the map: FILE with .ron in place of its extension if left out (never
    /// over an existing file: name it with -o to replace it), `-` for standard output.
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
    /// The column of each row's id, by header or number (1 is the first).
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// The column of the manager's (parent's) id.
    #[arg(long, value_name = "COL")]
    pub manager: Option<String>,
    /// The column of the person's name.
    #[arg(long, value_name = "COL")]
    pub name: Option<String>,
    /// The column of the job title (the role's name).
    #[arg(long, value_name = "COL")]
    pub title: Option<String>,
    /// The column of the department or team.
    #[arg(long, value_name = "COL")]
    pub team: Option<String>,
    /// The sheet of a workbook to read (if left out, the first that has id and manager
    /// columns).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A role for every row. Without it, rows with the same title, manager and department that
    /// manage nobody share one role with several holders.
    #[arg(long)]
    pub one_role_per_row: bool,
    /// Write titles that are all in capitals in title case ("CARE WORKER" -> "Care Worker").
    #[arg(long)]
    pub title_case: bool,
    /// How to print the report: sentences, or JSON ({"rows", "roles", "people", "vacant",
    /// "links", "tops", "skipped": [{"line", "why"}], "warnings": [{"line", "message"}],
    /// "columns"}).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub report: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        let flags = [
            (Column::Id, &self.id),
            (Column::Manager, &self.manager),
            (Column::Name, &self.name),
            (Column::Title, &self.title),
            (Column::Team, &self.team),
        ];
        ImportOptions {
            columns: flags
                .into_iter()
                .filter_map(|(what, flag)| flag.clone().map(|col| (what, col)))
                .collect(),
            sheet: self.sheet.clone(),
            one_role_per_row: self.one_role_per_row,
            title_case: self.title_case,
        }
    }
}

/// Where the map goes when `-o` is left out: beside the table, never over a file.
fn default_output(table: &Path) -> anyhow::Result<PathBuf> {
    let out = table.with_extension("ron");
    if out.exists() {
        anyhow::bail!(
            "{} already exists\n    fix: name the map to write with -o OUT.ron (-o {} replaces it)",
            out.display(),
            out.display()
        );
    }
    Ok(out)
}

pub fn run(args: &ImportArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let output = match &args.output {
        Some(path) => path.clone(),
        None => default_output(&args.file)?,
    };
    let (map, report) = format::table::import_file(&args.file, &args.options())?;
    let text = format::to_string(&map);
    let to_stdout = output.as_os_str() == "-";
    let mut report_text = match args.report {
        ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        ReportFormat::Text => report.to_text(),
    };
    super::write_output((!to_stdout).then_some(output.as_path()), text.as_bytes(), out)?;
    if to_stdout {
        // Standard output holds the map: the report goes beside it.
        std::io::stderr().write_all(report_text.as_bytes())?;
    } else {
        if args.report == ReportFormat::Text {
            report_text.push_str(&format!("Wrote {}.\n", output.display()));
        }
        out.write_all(report_text.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
