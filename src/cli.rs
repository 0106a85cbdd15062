//! The command line: open the window, or check and format map files without one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod diff;
mod import;
mod overlap;
mod skills;

use crate::export::dot;
use crate::export::pdf::{self, Paper};
use crate::export::{self, PackFormat, PictureFormat, PictureSettings};
use crate::format::{self, scan::SourceIndex};
use crate::layout::{self, LabelPlacement, LayoutOptions};
use crate::model::{
    self,
    generate::{GenerateOptions, Shape, generate},
};
use crate::scene;

#[derive(Debug, Parser)]
#[command(
    name = "orgmap",
    version,
    about = "Draw an organisation as concentric rings of roles, and read and edit each role's \
             living job description.",
    long_about = "Draw an organisation as concentric rings of roles, and read and edit each \
                  role's living job description.\n\n\
                  Run `orgmap` to open the app on an empty map, or `orgmap FILE.ron` to open a \
                  map. A map is one plain-text RON file (see docs/FORMAT.md) that diffs well in \
                  git.",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  orgmap sample_orgs/wellbeing_teams.ron     open a map in the app\n  \
                  orgmap check sample_orgs/*.ron             check maps for mistakes\n  \
                  orgmap fmt --check maps/*.ron              in CI or a git hook: are they canonical?"
)]
pub struct Cli {
    /// The map file to open in the app (a .ron file). Without it, the app starts on an empty map.
    pub file: Option<PathBuf>,

    /// Open the window, let it render, save a PNG of it to this path and exit (for CI and docs).
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

    /// The window's size in pixels, as WIDTHxHEIGHT. Without it, the first launch fills
    /// about 90% of the screen and later ones open as the window was left.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,

    /// Select this role (by its id) when the window opens, as if it had been clicked.
    #[arg(long, value_name = "ROLE_ID")]
    pub select: Option<String>,

    /// The side panel's tab to open on: the outline, the people, or the skills matrix.
    #[arg(long, value_enum, value_name = "TAB")]
    pub tab: Option<crate::ui::outline::Tab>,

    /// Start presenting: full screen, large type, the map step by step (F5 in the app).
    #[arg(long)]
    pub present: bool,

    /// With --present: start at this step (1 is the centre; then each ring, then the roles).
    #[arg(long, value_name = "N", requires = "present")]
    pub step: Option<usize>,

    /// Open comparing the map with another version of it, as File > Compare with… does: a
    /// map file, REV:PATH for a version in git, or a revision of FILE (HEAD: the last commit).
    #[arg(long, value_name = "FILE|REV")]
    pub compare: Option<String>,

    /// How the window draws links this time (View > Links chooses for good): automatic (bands
    /// between teams while labels are too small to read, bundled closer, straight once they
    /// can be read), straight, bundled, or none.
    #[arg(long, value_enum, value_name = "LINKS")]
    pub links: Option<scene::LinkView>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check map files: print one summary line per valid file, or every problem found.
    /// Exits 0 when every file is valid, 1 otherwise.
    Check {
        /// The map files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Rewrite map files in canonical form (the form the app saves), atomically.
    Fmt {
        /// Change nothing; list the files that are not canonical and exit 1 if there are any.
        #[arg(long)]
        check: bool,
        /// Rewrite files that hold comments too (the canonical form does not keep comments).
        #[arg(long)]
        drop_comments: bool,
        /// The map files to format.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Lay a map out and print the layout's quality: time, edge crossings, label overlaps, edge
    /// length, ring radii and the map's extent.
    Stats {
        /// The map file.
        file: PathBuf,
        /// Measure Graphviz's layout instead: the `-Tplain` output of `twopi` run on
        /// `orgmap export FILE --format dot`.
        #[arg(long, value_name = "PLAIN")]
        graphviz_plain: Option<PathBuf>,
        /// Also count the crossings among the lines of report alone (ReportsTo links), in the
        /// layout of the whole map: a line of report drawn right has none.
        #[arg(long)]
        reports_to: bool,
    },
    /// Skills: for each, the roles that need it and the people who have it, and its risk
    /// (uncovered, single person, ok); the gaps of the people holding roles; likely duplicates.
    Skills(skills::SkillsArgs),
    /// How well people fit roles: every role for a person (--person), or every person for a
    /// role (--role), best first, with what they would develop.
    Fit(skills::FitArgs),
    /// Duplicated duties: duties and outcomes of different roles that say the same, by the
    /// rare words they share, grouped into findings; and the roles that share the most.
    Overlap(overlap::OverlapArgs),
    /// The org health check: incomplete job descriptions, roles nobody holds, people holding
    /// many roles, skill gaps and risks, duplicated duties, roles with no link, small teams,
    /// empty rings, repeated links. Exits 0 unless --strict and there is a warning.
    Health(overlap::HealthArgs),
    /// What changed between two maps, by id: rings, teams, roles, people and links added,
    /// removed, renamed, moved or changed, field by field. Exits 0 when they are the same, 1
    /// when they differ, 2 on an error (like diff).
    Diff(diff::DiffArgs),
    /// Merge two edits of one map (BASE, the common ancestor; OURS; THEIRS) by id and field.
    /// Exits 0 when merged, 1 with conflicts (printed; the map written keeps ours and is
    /// valid), 2 on an error (nothing written).
    Merge(diff::MergeArgs),
    /// Set up the git repository around this folder so that `git diff` shows what changed in
    /// maps and `git merge` merges them by id and field.
    GitSetup(diff::GitSetupArgs),
    /// The diff driver `orgmap git-setup` installs; git runs it.
    #[command(hide = true)]
    GitDiff(diff::GitDiffArgs),
    /// Write a synthetic but believable map, for tests, benchmarks and demos.
    Generate {
        /// Number of roles.
        #[arg(long)]
        roles: usize,
        /// Number of rings.
        #[arg(long, default_value_t = 4)]
        rings: usize,
        /// Number of teams.
        #[arg(long, default_value_t = 8)]
        teams: usize,
        /// Average number of links per role: all of them on a random map (default 1.5), the
        /// cross links on top of the tree in a hierarchy (default 0.25); a tree has none.
        #[arg(long)]
        links_per_role: Option<f64>,
        /// Seed: the same seed gives the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How roles are linked: random (links spread over neighbouring rings, teams at
        /// random), tree (one role at the centre, every other reports to one on the ring
        /// inside), hierarchy (that tree, departments following it as teams, plus
        /// --links-per-role cross links per role).
        #[arg(long, value_enum, default_value_t = ShapeArg::Random)]
        shape: ShapeArg,
        /// Where to write the map (standard output if left out).
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// A candidate pack for one role: where it sits in the map (highlighted) and its whole job
    /// description. pdf and png: one A4 page; html and md: for job boards and pasting.
    Card {
        /// The map file.
        file: PathBuf,
        /// The role's id.
        #[arg(long, value_name = "ROLE_ID")]
        role: String,
        #[arg(long, value_enum)]
        format: CardFormat,
        /// Where to write (standard output if left out; pdf and png need a file).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// For html: the job description alone, without the map.
        #[arg(long)]
        no_map: bool,
    },
    /// Make a map from an org chart table: CSV, TSV, semicolon-separated text, or an XLSX, XLS
    /// or ODS workbook, one row per person or post with an id and the manager's id. Prints
    /// what it made and every row it found odd; exits 0 when the map was written.
    Import(import::ImportArgs),
    /// Export a map: as a picture (svg, png or pdf) with its title and a legend, for Graphviz
    /// (dot), or as a table (csv) for a spreadsheet.
    Export {
        /// The map file.
        file: PathBuf,
        /// svg, png, pdf: the map as you see it, with its title and legend. dot: Graphviz,
        /// set up so that `twopi` puts every role on its ring. csv: one row per role and
        /// holder, which `orgmap import` reads back.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write (standard output if left out).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// For svg and png: the width in pixels (the height follows).
        #[arg(long, value_name = "PX")]
        width: Option<f64>,
        /// For svg and png: light or dark.
        #[arg(long, value_enum, default_value_t = ThemeName::Light)]
        theme: ThemeName,
        /// For svg and png: show this role (by id) highlighted with its links, the rest muted.
        #[arg(long, value_name = "ROLE_ID")]
        highlight: Option<String>,
        /// For svg, png and pdf: links drawn straight, bundled along the teams (the flows
        /// between teams read as bundles; a highlighted role's links stay straight), or not
        /// at all.
        #[arg(long, value_enum, default_value_t = LinksArg::Straight)]
        links: LinksArg,
        /// For pdf: the paper (the smallest that keeps labels readable if not given).
        #[arg(long, value_enum, ignore_case = true)]
        paper: Option<Paper>,
        /// For pdf: turn the paper sideways.
        #[arg(long)]
        landscape: bool,
        /// For dot: give every role orgmap's position and label box, for `neato -n2`.
        #[arg(long)]
        positions: bool,
        /// What to export: the map, or the skills matrix (people by skills; svg, png, pdf
        /// or csv).
        #[arg(long, value_enum, default_value_t = View::Map)]
        view: View,
    },
}

/// `export --view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Map,
    Skills,
}

/// `generate --shape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShapeArg {
    Random,
    Tree,
    Hierarchy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CardFormat {
    Pdf,
    Png,
    Html,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    Light,
    Dark,
}

/// `export --links` (the window's `--links` takes a [`scene::LinkView`], which adds automatic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LinksArg {
    None,
    Straight,
    Bundled,
}

impl LinksArg {
    pub fn scene_links(self) -> scene::Links {
        match self {
            LinksArg::None => scene::Links::None,
            LinksArg::Straight => scene::Links::Straight,
            LinksArg::Bundled => scene::Links::BUNDLED,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// SVG: the map with its title and legend; text stays text.
    Svg,
    /// PNG: the same picture as the SVG, --width pixels wide (2400 if not given).
    Png,
    /// PDF: one page, vector, text kept as text; on --paper, or the smallest paper on which
    /// labels print at least 6 pt.
    Pdf,
    /// HTML: one self-contained web page (no network): click a role to read its job
    /// description, search, pan and zoom; `#role=ID` in its address opens on that role.
    Html,
    /// Graphviz DOT.
    Dot,
    /// CSV: role id, role name, person, manager role, team, ring, status, purpose.
    Csv,
}

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match cli.command {
        None => {
            drop((out, err));
            crate::app::run(crate::app::Launch {
                file: cli.file,
                screenshot: cli.screenshot,
                size: cli.size,
                select: cli.select,
                tab: cli.tab,
                present: cli.present.then_some(cli.step.unwrap_or(1)),
                compare: cli.compare,
                links: cli.links,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { files }) => Ok(exit_code(check(&files, &mut out, &mut err)?)),
        Some(Command::Fmt { check, drop_comments, files }) => {
            Ok(exit_code(fmt(&files, check, drop_comments, &mut out, &mut err)?))
        }
        Some(Command::Stats { file, graphviz_plain, reports_to }) => {
            stats(&file, graphviz_plain.as_deref(), reports_to, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Generate { roles, rings, teams, links_per_role, seed, shape, output }) => {
            let shape = match shape {
                ShapeArg::Random => Shape::Random,
                ShapeArg::Tree => Shape::Tree,
                ShapeArg::Hierarchy => Shape::Hierarchy,
            };
            let links_per_role =
                links_per_role.unwrap_or(if shape == Shape::Hierarchy { 0.25 } else { 1.5 });
            let options = GenerateOptions { roles, rings, teams, links_per_role, seed, shape };
            let text = format::to_string(&generate(&options));
            write_output(output.as_deref(), text.as_bytes(), &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Card { file, role, format, output, no_map }) => {
            card(&file, &role, format, output.as_deref(), no_map, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format,
            output,
            width,
            theme,
            paper,
            landscape,
            view: View::Skills,
            ..
        }) => {
            let map = format::load(&file)?;
            warn_undrawable(&map);
            let dark = theme == ThemeName::Dark;
            let page = paper.map(|paper| pdf::Page { paper, landscape });
            let (bytes, what, text) = match format {
                ExportFormat::Csv => {
                    let coverage = crate::analysis::skills::coverage(&map);
                    (export::skills::matrix_csv(&map, &coverage)?.into_bytes(), "CSV", true)
                }
                ExportFormat::Svg => (
                    export::skills_picture(&map, PictureFormat::Svg, width, dark, page)?,
                    "SVG",
                    true,
                ),
                ExportFormat::Png => (
                    export::skills_picture(&map, PictureFormat::Png, width, dark, page)?,
                    "PNG",
                    false,
                ),
                ExportFormat::Pdf => (
                    export::skills_picture(&map, PictureFormat::Pdf, width, dark, page)?,
                    "PDF",
                    false,
                ),
                ExportFormat::Dot | ExportFormat::Html => anyhow::bail!(
                    "--view skills has no {} format\n    fix: use --format svg, png, pdf or csv",
                    if format == ExportFormat::Dot { "dot" } else { "html" }
                ),
            };
            write_bytes(output.as_deref(), &bytes, what, text, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format: ExportFormat::Html,
            output,
            theme,
            highlight,
            ..
        }) => {
            let map = format::load(&file)?;
            warn_undrawable(&map);
            let selected = match highlight.as_deref() {
                Some(id) => Some(role_of(&map, &file, "--highlight", id)?),
                None => None,
            };
            let options =
                export::html::PageOptions { selected, dark: theme == ThemeName::Dark, card: false };
            let page = export::html::web_page(&map, &options);
            write_bytes(output.as_deref(), page.as_bytes(), "HTML", true, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format: format @ (ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf),
            output,
            width,
            theme,
            highlight,
            links,
            paper,
            landscape,
            ..
        }) => {
            let job = PictureExport {
                file: &file,
                format,
                output: output.as_deref(),
                width,
                theme,
                highlight: highlight.as_deref(),
                links,
                paper,
                landscape,
            };
            export_picture(&job, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(args)) => import::run(&args, &mut out),
        Some(Command::Diff(args)) => diff::run_diff(&args, &mut out),
        Some(Command::Merge(args)) => diff::run_merge(&args, &mut out, &mut err),
        Some(Command::GitSetup(args)) => diff::run_git_setup(&args, &mut out),
        Some(Command::GitDiff(args)) => diff::run_git_diff(&args, &mut out),
        Some(Command::Skills(args)) => skills::run_skills(&args, &mut out),
        Some(Command::Fit(args)) => skills::run_fit(&args, &mut out),
        Some(Command::Overlap(args)) => overlap::run_overlap(&args, &mut out),
        Some(Command::Health(args)) => overlap::run_health(&args, &mut out),
        Some(Command::Export { file, format: ExportFormat::Csv, output, .. }) => {
            let map = format::load(&file)?;
            write_output(output.as_deref(), format::table::to_csv(&map).as_bytes(), &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { file, format: ExportFormat::Dot, positions, output, .. }) => {
            let map = format::load(&file)?;
            let options = LayoutOptions::default();
            let text = if positions {
                let layout = layout::compute(&map, &options, &crate::font::measure);
                dot::to_dot_with_positions(&map, &layout, &options)
            } else {
                dot::to_dot(&map, &options)
            };
            write_output(output.as_deref(), text.as_bytes(), &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// "1280x800" -> [1280.0, 800.0]
fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let parse = |part: &str| part.trim().parse::<u32>().ok().filter(|n| (100..=16384).contains(n));
    match text.split_once(['x', 'X']) {
        Some((w, h)) => match (parse(w), parse(h)) {
            (Some(w), Some(h)) => Ok([w as f32, h as f32]),
            _ => Err("each side must be a whole number from 100 to 16384, as in 1280x800".into()),
        },
        None => Err("write the size as WIDTHxHEIGHT, as in 1280x800".into()),
    }
}

/// An error that exits with its own code rather than 1 (`orgmap diff` and `merge` exit 2 on
/// an error, as diff(1) does, because 1 means "they differ").
#[derive(Debug)]
pub struct Coded {
    pub code: u8,
    pub error: anyhow::Error,
}

impl Coded {
    pub fn two(error: impl Into<anyhow::Error>) -> anyhow::Error {
        anyhow::Error::new(Coded { code: 2, error: error.into() })
    }
}

impl std::fmt::Display for Coded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for Coded {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

fn exit_code(ok: bool) -> ExitCode {
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `orgmap check`: true when every file is valid.
pub fn check(
    files: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<bool> {
    let mut invalid = 0;
    for path in files {
        match format::load(path) {
            Ok(map) => {
                writeln!(out, "ok {}: {}", path.display(), map.counts())?;
                let bytes = format::read_file(path).unwrap_or_default();
                let source = String::from_utf8_lossy(&bytes);
                let index = SourceIndex::new(&source);
                for finding in model::health(&map) {
                    let problem = format::Problem::new(
                        index.locate(&finding.place),
                        finding.message,
                        finding.fix,
                    );
                    writeln!(err, "warning: {}", problem.render(&path.display().to_string()))?;
                }
            }
            Err(error) => {
                invalid += 1;
                writeln!(err, "error: {error}")?;
            }
        }
    }
    if invalid > 0 {
        writeln!(err, "{invalid} of {} files invalid", files.len())?;
    }
    Ok(invalid == 0)
}

/// What `orgmap fmt` did with one file.
#[derive(Debug, PartialEq, Eq)]
enum FmtOutcome {
    Unchanged,
    Rewritten,
    WouldRewrite,
    Refused,
}

/// `orgmap fmt`: true when every file is (or now is) canonical.
pub fn fmt(
    files: &[PathBuf],
    check_only: bool,
    drop_comments: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<bool> {
    let mut all_ok = true;
    for path in files {
        match fmt_one(path, check_only, drop_comments) {
            Ok(FmtOutcome::Unchanged) => {}
            Ok(FmtOutcome::Rewritten) => writeln!(out, "formatted {}", path.display())?,
            Ok(FmtOutcome::WouldRewrite) => {
                all_ok = false;
                writeln!(
                    out,
                    "not canonical: {} (run `orgmap fmt {}`)",
                    path.display(),
                    path.display()
                )?;
            }
            Ok(FmtOutcome::Refused) => {
                all_ok = false;
                writeln!(
                    err,
                    "error: {} holds comments, which the canonical form does not keep; the file \
                     was not changed\n    fix: move what they say into the map's text fields \
                     (purpose, description, note), or pass --drop-comments",
                    path.display()
                )?;
            }
            Err(error) => {
                all_ok = false;
                writeln!(err, "error: {error}")?;
            }
        }
    }
    Ok(all_ok)
}

fn fmt_one(path: &Path, check_only: bool, drop_comments: bool) -> anyhow::Result<FmtOutcome> {
    let bytes = format::read_file(path)?;
    let map = format::from_bytes(&bytes).map_err(|problems| format::LoadError::Invalid {
        file: path.display().to_string(),
        problems,
    })?;
    let canonical = format::to_string(&map);
    if canonical.as_bytes() == bytes.as_slice() {
        return Ok(FmtOutcome::Unchanged);
    }
    if check_only {
        return Ok(FmtOutcome::WouldRewrite);
    }
    let comments = SourceIndex::new(&String::from_utf8_lossy(&bytes)).comments;
    if comments > 0 && !drop_comments {
        return Ok(FmtOutcome::Refused);
    }
    format::write_atomically(path, canonical.as_bytes())?;
    Ok(FmtOutcome::Rewritten)
}

/// Writes to a file atomically, or to standard output.
pub(crate) fn write_output(
    path: Option<&Path>,
    bytes: &[u8],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match path {
        Some(path) => format::write_atomically(path, bytes)?,
        None => out.write_all(bytes)?,
    }
    Ok(())
}

/// The index of the role `id` of `map`, or an error that lists some ids.
fn role_of(map: &model::OrgMap, file: &Path, flag: &str, id: &str) -> anyhow::Result<usize> {
    map.role_index(id).ok_or_else(|| {
        anyhow::anyhow!(
            "{flag} {id}: {} has no role with that id\n    fix: use a role id from the file, for \
             example {}",
            file.display(),
            map.roles.iter().take(5).map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
        )
    })
}

/// Writes bytes to `output`, or to the terminal for text formats (`what` names a binary one
/// in the error).
fn write_bytes(
    output: Option<&Path>,
    bytes: &[u8],
    what: &str,
    text: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if output.is_none() && !text {
        anyhow::bail!(
            "a {what} is not written to the terminal\n    fix: give the file to write with -o OUT.{}",
            what.to_lowercase()
        );
    }
    write_output(output, bytes, out)
}

/// `orgmap card`: one role's candidate pack.
fn card(
    file: &Path,
    id: &str,
    format: CardFormat,
    output: Option<&Path>,
    no_map: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let map = format::load(file)?;
    warn_undrawable(&map);
    let index = role_of(&map, file, "--role", id)?;
    let (pack, what, text) = match format {
        CardFormat::Pdf => (PackFormat::Pdf, "PDF", false),
        CardFormat::Png => (PackFormat::Png, "PNG", false),
        CardFormat::Html => (PackFormat::Html, "HTML", true),
        CardFormat::Md => (PackFormat::Markdown, "MD", true),
    };
    let bytes = export::candidate_pack(&map, index, pack, !no_map)?;
    write_bytes(output, &bytes, what, text, out)
}

/// A picture export: what to draw and how.
struct PictureExport<'a> {
    file: &'a Path,
    format: ExportFormat,
    output: Option<&'a Path>,
    width: Option<f64>,
    theme: ThemeName,
    highlight: Option<&'a str>,
    links: LinksArg,
    paper: Option<Paper>,
    landscape: bool,
}

/// `orgmap export --format svg|png|pdf`: the map's page (title, map, legend).
/// Says on stderr which characters of the map no font here draws (they come out as boxes).
fn warn_undrawable(map: &model::OrgMap) {
    if let Some(warning) = crate::font::coverage(map.texts()).warning() {
        eprintln!("warning: {warning}");
    }
}

fn export_picture(job: &PictureExport, out: &mut impl Write) -> anyhow::Result<()> {
    let map = format::load(job.file)?;
    warn_undrawable(&map);
    if let Some(width) = job.width
        && !(width.is_finite() && (16.0..=100_000.0).contains(&width))
    {
        anyhow::bail!("--width {width}: give a width in pixels between 16 and 100000");
    }
    let highlight = match job.highlight {
        Some(id) => Some(role_of(&map, job.file, "--highlight", id)?),
        None => None,
    };
    let (format, what) = match job.format {
        ExportFormat::Png => (PictureFormat::Png, "PNG"),
        ExportFormat::Pdf => (PictureFormat::Pdf, "PDF"),
        _ => (PictureFormat::Svg, "SVG"),
    };
    let settings = PictureSettings {
        format,
        width: job.width,
        dark: job.theme == ThemeName::Dark,
        highlight,
        page: job.paper.map(|paper| pdf::Page { paper, landscape: job.landscape }),
        links: job.links.scene_links(),
    };
    let bytes = export::picture(&map, &settings)?;
    write_bytes(job.output, &bytes, what, format == PictureFormat::Svg, out)
}

/// `orgmap stats`: lays the map out (or reads Graphviz's layout of it) and prints the metrics.
pub fn stats(
    file: &Path,
    graphviz_plain: Option<&Path>,
    reports_to: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let map = format::load(file)?;
    let options = LayoutOptions::default();
    writeln!(out, "map: {} ({})", file.display(), map.counts())?;
    let lines_of_report = reports_to.then(|| {
        let mut tree = map.clone();
        tree.links.retain(|l| l.kind == model::LinkKind::ReportsTo);
        tree
    });
    let metrics = match graphviz_plain {
        None => {
            let started = std::time::Instant::now();
            let placed = layout::compute(&map, &options, &crate::font::measure);
            let elapsed = started.elapsed();
            writeln!(out, "layout time: {:.2} ms", elapsed.as_secs_f64() * 1e3)?;
            let radii: Vec<String> = placed
                .rings
                .iter()
                .map(|r| match (r.labels, r.tracks) {
                    (LabelPlacement::Under, _) => format!("{:.0}", r.radius),
                    (LabelPlacement::Beside, _) => format!("{:.0} (labels beside)", r.radius),
                    (LabelPlacement::Radial, 1) => format!("{:.0} (radial labels)", r.radius),
                    (LabelPlacement::Radial, t) => {
                        format!("{:.0} (radial labels, {t} tracks)", r.radius)
                    }
                })
                .collect();
            writeln!(out, "ring radii: {} px", radii.join(", "))?;
            if let Some(tree) = &lines_of_report {
                let crossings = layout::measure_layout(tree, &placed, &options).crossings;
                writeln!(out, "reports-to crossings: {crossings}")?;
            }
            layout::measure_layout(&map, &placed, &options)
        }
        Some(plain) => {
            let text = std::fs::read_to_string(plain)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", plain.display()))?;
            let read = dot::read_plain(&text, map.roles.len())
                .map_err(|e| anyhow::anyhow!("{}: {e}", plain.display()))?;
            let missing = read.nodes.iter().filter(|n| n.is_none()).count();
            anyhow::ensure!(
                missing == 0,
                "{}: {missing} roles have no position; was it made from this map's DOT export?",
                plain.display()
            );
            let nodes: Vec<layout::Point> = read.nodes.iter().flatten().copied().collect();
            let labels: Vec<layout::TextBox> = read.boxes.iter().flatten().copied().collect();
            let extent = labels.iter().fold(layout::Rect::NOTHING, |r, b| r.union(b.bounds()));
            let links: Vec<(usize, usize)> = layout::RoleGraph::new(&map).edges().collect();
            writeln!(out, "layout: Graphviz, from {}", plain.display())?;
            // In twopi's drawing the node is its label: only label overlaps apply.
            layout::metrics::measure(&nodes, read.node_radius, &labels, &links, extent)
        }
    };
    writeln!(out, "edge crossings: {}", metrics.crossings)?;
    writeln!(out, "label overlaps: {}", metrics.label_overlaps)?;
    writeln!(out, "labels over nodes: {}", metrics.labels_over_nodes)?;
    writeln!(out, "total edge length: {:.0} px", metrics.edge_length)?;
    writeln!(out, "extent: {:.0} x {:.0} px", metrics.extent.width(), metrics.extent.height())?;
    Ok(())
}
