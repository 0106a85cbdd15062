//! Errors of reading and saving, each naming the file, the place and what to do.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::scan::LineCol;

/// One thing wrong with a file: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line and column where the file shows it, when known.
    pub at: Option<LineCol>,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn new(at: Option<LineCol>, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Problem { at, message: message.into(), fix: fix.into() }
    }

    /// `file:line:col: message` then the fix on its own line, as compilers print.
    pub fn render(&self, file: &str) -> String {
        let place = match self.at {
            Some(LineCol { line, col }) => format!("{file}:{line}:{col}"),
            None => file.to_string(),
        };
        if self.fix.is_empty() {
            format!("{place}: {}", self.message)
        } else {
            format!("{place}: {}\n    fix: {}", self.message, self.fix)
        }
    }
}

/// Why a map could not be loaded. Nothing is half-loaded: on error there is no map.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}", render_all(file, problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

impl LoadError {
    /// The problems found in the file's content (empty for an I/O error).
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Io { .. } => &[],
            LoadError::Invalid { problems, .. } => problems,
        }
    }
}

fn render_all(file: &str, problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| p.render(file)).collect();
    lines.join("\n")
}

/// Why a save failed. The file that was on disk before is left as it was.
#[derive(Debug, thiserror::Error)]
pub struct SaveError {
    pub path: PathBuf,
    /// What the save was doing: "create a temporary file in /maps".
    pub step: String,
    #[source]
    pub source: io::Error,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot save {}: could not {}: {}. The file on disk was not changed; {}",
            self.path.display(),
            self.step,
            self.source,
            save_fix(&self.source)
        )
    }
}

fn save_fix(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "save to a folder you can write to (Save As), or change the folder's permissions."
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "free some disk space and save again."
        }
        io::ErrorKind::NotFound => "check that the folder exists, or choose another (Save As).",
        _ => "fix the cause above and save again, or save to another place (Save As).",
    }
}
