//! `orgmap overlap` (duplicated duties) and `orgmap health` (the org health check), for
//! people (text) and scripts (JSON). The JSON shapes are a public interface (README,
//! tests/health.rs).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::write_output;
use crate::analysis::health::{self, Severity};
use crate::analysis::overlap::{self, DEFAULT_MIN_SCORE, Overlap};
use crate::format;
use crate::model::OrgMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct OverlapArgs {
    /// The map file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub score: MinScore,
    /// Where to write (standard output if left out).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// `--min`, shared by `overlap` and `health`.
#[derive(Debug, clap::Args)]
pub struct MinScore {
    /// The least score (0 to 1) for two duties to be reported as one.
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_MIN_SCORE,
          value_parser = score_in_range)]
    pub min: f64,
}

/// A score between 0 and 1.
pub fn score_in_range(text: &str) -> Result<f64, String> {
    let score: f64 = text.parse().map_err(|_| format!("'{text}' is not a number"))?;
    if (0.0..=1.0).contains(&score) {
        Ok(score)
    } else {
        Err(format!("{score} is outside 0 to 1 (0.6 is the default)"))
    }
}

pub fn run_overlap(args: &OverlapArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let map = format::load(&args.file)?;
    let found = overlap::overlap(&map, args.score.min);
    let text = match args.format {
        ReportFormat::Json => format!("{:#}\n", overlap_json(&map, &found)),
        ReportFormat::Text => overlap_text(&map, &found),
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// `{"duties": [{"a": {"role", "text"}, "b": {"role", "text"}, "score", "shared"}], "roles":
/// [{"a", "b", "overlap"}]}`, strongest first.
pub fn overlap_json(map: &OrgMap, found: &Overlap) -> Value {
    let line = |i: usize| {
        let line = &found.lines[i];
        json!({"role": map.roles[line.role].id, "text": line.text})
    };
    let duties: Vec<Value> = found
        .pairs
        .iter()
        .map(|p| json!({"a": line(p.a), "b": line(p.b), "score": round(p.score), "shared": p.shared}))
        .collect();
    let roles: Vec<Value> = found
        .roles
        .iter()
        .map(|r| json!({"a": map.roles[r.a].id, "b": map.roles[r.b].id, "overlap": round(r.overlap)}))
        .collect();
    let mut value = json!({"duties": duties, "roles": roles, "language": found.language});
    if found.left_out > 0 {
        value["left_out"] = json!(found.left_out);
    }
    value
}

/// Three decimals: enough to sort by, short to read.
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Each cluster as one finding with its roles and their holders, then the roles that share
/// the most.
pub fn overlap_text(map: &OrgMap, found: &Overlap) -> String {
    if found.clusters.is_empty() {
        return format!(
            "No duty or outcome of one role is said again by another ({} lines read, in {}).\n",
            found.lines.len(),
            found.language
        );
    }
    let mut text = format!(
        "{} said by more than one role ({} lines read, in {}):\n",
        match found.clusters.len() {
            1 => "1 duty".to_string(),
            n => format!("{n} duties"),
        },
        found.lines.len(),
        found.language
    );
    let index = map.index();
    for cluster in &found.clusters {
        text.push('\n');
        for &i in cluster {
            let line = &found.lines[i];
            let role = &map.roles[line.role];
            let holders = index.holder_names(map, role);
            let held = if holders.is_empty() {
                String::new()
            } else {
                format!(" ({})", holders.join(", "))
            };
            text.push_str(&format!("  {}{held}: {}\n", role.name, line.text));
        }
        let shared = found
            .pairs
            .iter()
            .find(|p| cluster.contains(&p.a))
            .map(|p| p.shared.join(", "))
            .unwrap_or_default();
        if !shared.is_empty() {
            text.push_str(&format!("  shared words: {shared}\n"));
        }
    }
    text.push_str("\nRoles that share the most of their duties and outcomes:\n");
    for r in found.roles.iter().take(10) {
        text.push_str(&format!(
            "  {:>3.0}%  {} and {}\n",
            r.overlap * 100.0,
            map.roles[r.a].name,
            map.roles[r.b].name
        ));
    }
    if found.left_out > 0 {
        text.push_str(&format!(
            "({} more pairs of lines left out: the strongest {} are counted)\n",
            found.left_out,
            found.pairs.len()
        ));
    }
    text
}

#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// The map file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Exit 1 when there is a warning (for CI on a map kept in git).
    #[arg(long)]
    pub strict: bool,
    /// People holding more roles than this are reported.
    #[arg(long, value_name = "N", default_value_t = health::DEFAULT_MAX_ROLES)]
    pub max_roles: usize,
    #[command(flatten)]
    pub score: MinScore,
    /// Where to write (standard output if left out).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

pub fn run_health(args: &HealthArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let map = format::load(&args.file)?;
    let found = overlap::overlap(&map, args.score.min);
    let findings = health::health(&map, args.max_roles, Some(&found));
    let text = match args.format {
        ReportFormat::Json => {
            let list: Vec<Value> = findings
                .iter()
                .map(|f| {
                    json!({"kind": f.kind, "severity": f.severity, "id": f.id,
                           "message": f.message, "fix": f.fix})
                })
                .collect();
            format!("{:#}\n", json!({"findings": list}))
        }
        ReportFormat::Text => health_text(&args.file, &findings),
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    let warned = findings.iter().any(|f| f.severity == Severity::Warning);
    Ok(if args.strict && warned { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn health_text(file: &std::path::Path, findings: &[health::Finding]) -> String {
    let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let notes = findings.len() - warnings;
    if findings.is_empty() {
        return format!("{}: healthy, nothing to report.\n", file.display());
    }
    let mut text = format!(
        "{}: {warnings} {}, {notes} {}\n",
        file.display(),
        if warnings == 1 { "warning" } else { "warnings" },
        if notes == 1 { "note" } else { "notes" }
    );
    for f in findings {
        let label = match f.severity {
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        text.push_str(&format!("{label}: {} [{}]\n    fix: {}\n", f.message, f.kind, f.fix));
    }
    text
}
