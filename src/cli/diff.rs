//! `orgmap diff`, `orgmap merge` and `orgmap git-setup`: what changed between two maps, the
//! three-way merge of two edits, and the git drivers that use them. The JSON shapes and exit
//! codes are a public interface (README, tests/diff.rs).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::Context;
use serde_json::{Value, json};

use super::{Coded, write_output};
use crate::diff::merge::{Conflict, merge};
use crate::diff::text::diff_text;
use crate::diff::{Difference, What, compare};
use crate::format;
use crate::model::OrgMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    /// The new map with what changed marked on it, and the list of changes beside it.
    Svg,
    /// The same picture as the SVG, 2400 pixels wide (needs -o).
    Png,
    /// The same picture on the smallest paper that keeps labels readable (needs -o).
    Pdf,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old map: a file, or REV:PATH for a version in git (read with `git show`, so PATH
    /// is from the repository's top; `REV:./PATH` is from the current folder).
    pub old: String,
    /// The new map, the same way.
    pub new: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Where to write (standard output if left out).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor of the two versions.
    pub base: PathBuf,
    /// Our version: where a field was changed differently on both sides, ours is kept.
    pub ours: PathBuf,
    /// Their version.
    pub theirs: PathBuf,
    /// Where to write the merged map, atomically (standard output if left out).
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct GitSetupArgs {
    /// Which files are maps, as .gitattributes patterns.
    #[arg(default_value = "*.ron", value_name = "PATTERN")]
    pub patterns: Vec<String>,
}

/// `orgmap diff`: exit 0 when the maps are the same, 1 when they differ, 2 on an error.
pub fn run_diff(args: &DiffArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let two =
        || -> anyhow::Result<(OrgMap, OrgMap)> { Ok((read_map(&args.old)?, read_map(&args.new)?)) };
    let (old, new) = two().map_err(Coded::two)?;
    let changes = compare(&old, &new);
    let bytes = match args.format {
        DiffFormat::Json => format!("{:#}\n", diff_json(&changes)).into_bytes(),
        DiffFormat::Text => diff_text(&old, &new, &changes).into_bytes(),
        picture => diff_picture(&old, &new, &changes, picture, args.output.is_some())
            .map_err(Coded::two)?,
    };
    write_output(args.output.as_deref(), &bytes, out).map_err(Coded::two)?;
    Ok(if changes.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The diff picture's bytes as SVG, PNG or PDF.
fn diff_picture(
    old: &OrgMap,
    new: &OrgMap,
    changes: &[Difference],
    format: DiffFormat,
    to_file: bool,
) -> anyhow::Result<Vec<u8>> {
    use crate::export::{PNG_WIDTH, pdf, png, svg};
    if !to_file && format != DiffFormat::Svg {
        anyhow::bail!("a PNG or PDF needs a file: add -o OUT");
    }
    let scene = crate::scene::diff_scene(old, new, changes, crate::scene::Theme::light());
    let options = svg::SvgOptions {
        title: format!("{}: what changed", new.name),
        description: format!("{} changes", changes.len()),
        width: None,
        page: None,
        view: None,
    };
    Ok(match format {
        DiffFormat::Png => {
            let svg = svg::to_svg(&scene, &svg::SvgOptions { width: Some(PNG_WIDTH), ..options });
            png::to_png(&svg, PNG_WIDTH as u32)?
        }
        DiffFormat::Pdf => {
            pdf::to_pdf(&scene, crate::layout::LayoutOptions::default().label_size, None, &options)?
        }
        _ => svg::to_svg(&scene, &options).into_bytes(),
    })
}

/// A map from a file, or from git when `spec` is `REV:PATH` and no such file exists.
pub fn read_map(spec: &str) -> anyhow::Result<OrgMap> {
    let path = Path::new(spec);
    if path.exists() {
        return Ok(format::load(path)?);
    }
    let Some((rev, file)) = spec.split_once(':').filter(|(rev, _)| !rev.is_empty()) else {
        anyhow::bail!(
            "{spec}: no such file (for a version in git, write REV:PATH, e.g. HEAD:map.ron)"
        );
    };
    format::git::show(rev, file, None).map_err(|error| match error {
        format::git::GitError::Show { spec, message } => anyhow::anyhow!(
            "{spec}: git could not read it: {message} (PATH is from the repository's top; \
             write {rev}:./{file} for a path from this folder)"
        ),
        error => error.into(),
    })
}

/// `{"changes": [{"change", "what", "id", "field", "old", "new"}]}`.
pub fn diff_json(changes: &[Difference]) -> Value {
    json!({ "changes": changes })
}

/// `orgmap merge`: exit 0 when merged cleanly, 1 with conflicts (each printed on standard
/// error; the map written keeps ours), 2 on an error (nothing written).
pub fn run_merge(
    args: &MergeArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| format::load(path).map_err(Coded::two);
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let merged = merge(&base, &ours, &theirs).map_err(Coded::two)?;
    let text = format::to_string(&merged.map);
    write_output(args.output.as_deref(), text.as_bytes(), out).map_err(Coded::two)?;
    if merged.conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let name = args.output.as_deref().unwrap_or(&args.ours).display();
    writeln!(err, "{name}: {} conflicts, ours kept in each:", merged.conflicts.len())?;
    for conflict in &merged.conflicts {
        writeln!(err, "{}", conflict_line(conflict))?;
    }
    Ok(ExitCode::FAILURE)
}

fn conflict_line(c: &Conflict) -> String {
    let item = match c.what {
        What::Map => "map".to_string(),
        what => format!("{} {}", what.label(), c.id),
    };
    match c.field {
        Some(field) => format!(
            "  {item}, {field}: {}\n    ours:   {}\n    theirs: {}",
            c.note,
            compact(&c.ours),
            compact(&c.theirs)
        ),
        None => format!("  {item}: {}", c.note),
    }
}

/// A value on one line, shortened past 200 characters.
fn compact(value: &Value) -> String {
    let text = match value {
        Value::String(text) => format!("\"{text}\""),
        other => other.to_string(),
    };
    match text.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// `orgmap git-setup`: in the git repository around the current folder, `.gitattributes`
/// gets `PATTERN diff=orgmap merge=orgmap` for each pattern, and the repository's config the
/// two drivers, run by this very program.
pub fn run_git_setup(args: &GitSetupArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let top = git(&["rev-parse", "--show-toplevel"])
        .context("orgmap git-setup works inside a git repository")?;
    let exe = std::env::current_exe().context("could not find this program's path")?;
    let exe = shell_quote(&exe.display().to_string());
    git(&["config", "diff.orgmap.command", &format!("{exe} git-diff")])?;
    git(&["config", "merge.orgmap.name", "orgmap: merge org maps by id and field"])?;
    git(&["config", "merge.orgmap.driver", &format!("{exe} merge %O %A %B -o %A")])?;
    let attributes = Path::new(top.trim()).join(".gitattributes");
    let mut text = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("could not read {}", attributes.display()));
        }
    };
    let mut added = Vec::new();
    for pattern in &args.patterns {
        let line = format!("{pattern} diff=orgmap merge=orgmap");
        if !text.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
            added.push(line);
        }
    }
    format::write_atomically(&attributes, text.as_bytes())?;
    writeln!(out, "git diff and git merge now read org maps by id and field:")?;
    writeln!(out, "  config: diff.orgmap.command, merge.orgmap.driver (this repository only)")?;
    match added.is_empty() {
        true => writeln!(out, "  {} already had the patterns", attributes.display())?,
        false => writeln!(out, "  {}: added {}", attributes.display(), added.join(", "))?,
    }
    writeln!(
        out,
        "Commit .gitattributes so that others get it; each clone runs orgmap git-setup once."
    )?;
    Ok(ExitCode::SUCCESS)
}

fn git(args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git").args(args).output().context("could not run git")?;
    if !output.status.success() {
        anyhow::bail!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A path as one word for git's shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[derive(Debug, clap::Args)]
pub struct GitDiffArgs {
    /// What git passes an external diff: path old-file old-hex old-mode new-file new-hex
    /// new-mode (and, for a rename, the new path and a similarity).
    #[arg(num_args = 7..=9, required = true)]
    pub args: Vec<String>,
}

/// The diff driver git runs (`diff.orgmap.command`): the semantic diff of a map, or git's own
/// diff of a file that is not one (or not any more).
pub fn run_git_diff(args: &GitDiffArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let (path, old, new) = (&args.args[0], &args.args[1], &args.args[4]);
    let read = |file: &str| -> anyhow::Result<OrgMap> {
        match file {
            "/dev/null" => Ok(OrgMap::new("")),
            file => Ok(format::load(Path::new(file))?),
        }
    };
    match (read(old), read(new)) {
        // A map file added or deleted: what it holds, not every item as a change.
        (Ok(before), Ok(after)) if old == "/dev/null" || new == "/dev/null" => {
            let (map, what) = match old == "/dev/null" {
                true => (after, "new map file"),
                false => (before, "map file deleted"),
            };
            let c = map.counts();
            writeln!(
                out,
                "orgmap diff {path}: {what}, \"{}\": {} rings, {} teams, {} roles, {} people, {} links",
                map.name, c.rings, c.teams, c.roles, c.people, c.links
            )?;
        }
        (Ok(old_map), Ok(new_map)) => {
            writeln!(out, "orgmap diff {path}")?;
            out.write_all(diff_text(&old_map, &new_map, &compare(&old_map, &new_map)).as_bytes())?;
        }
        (old_read, new_read) => {
            let why = old_read.err().or(new_read.err()).map(|e| e.to_string()).unwrap_or_default();
            writeln!(out, "orgmap diff {path}: not read as a map ({why}); git's diff follows")?;
            let plain = Command::new("git")
                .args(["diff", "--no-index", "--no-ext-diff", "--", old, new])
                .output()
                .context("could not run git")?;
            out.write_all(&plain.stdout)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
