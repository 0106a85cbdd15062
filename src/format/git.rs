//! Maps read from git: a committed version of a file, through `git show`, for `orgmap diff
//! REV:PATH` and the app's File > Compare with the last commit.

use std::path::Path;
use std::process::Command;

use crate::model::OrgMap;

/// Why a version could not be read from git; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("could not run git ({0}): install git to compare with a committed version")]
    NoGit(std::io::Error),
    #[error("{spec}: git could not read it: {message}")]
    Show { spec: String, message: String },
    #[error(transparent)]
    Invalid(#[from] super::LoadError),
}

/// The map as `rev:path` holds it, `path` as git reads it: from the repository's top, or
/// `./path` from `folder` (the current folder when `None`).
pub fn show(rev: &str, path: &str, folder: Option<&Path>) -> Result<OrgMap, GitError> {
    let spec = format!("{rev}:{path}");
    let mut git = Command::new("git");
    if let Some(folder) = folder {
        git.current_dir(folder);
    }
    let shown = git.args(["show", &spec]).output().map_err(GitError::NoGit)?;
    if !shown.status.success() {
        let message = String::from_utf8_lossy(&shown.stderr).trim().to_string();
        return Err(GitError::Show { spec, message });
    }
    super::from_bytes(&shown.stdout)
        .map_err(|problems| super::LoadError::Invalid { file: spec, problems }.into())
}

/// The version of the map file at `file` that `rev` holds (`HEAD`: the last commit).
pub fn committed(file: &Path, rev: &str) -> Result<OrgMap, GitError> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    show(rev, &format!("./{name}"), Some(folder)).map_err(|error| match error {
        GitError::Show { spec, message } if message.contains("not a git repository") => {
            GitError::Show {
                spec,
                message: format!(
                    "{} is not in a git repository: run `git init` and commit the map, or \
                     compare with a file instead",
                    folder.display()
                ),
            }
        }
        GitError::Show { spec, message }
            if message.contains("exists on disk, but not in")
                || message.contains("does not exist")
                || message.contains("invalid object name") =>
        {
            GitError::Show {
                spec,
                message: format!(
                    "{name} is not committed in {rev} yet: commit it (git add {name} && git \
                     commit), or compare with a file instead"
                ),
            }
        }
        error => error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git").current_dir(dir).args(args).status().unwrap();
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn the_committed_version_is_read_and_an_uncommitted_file_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("map.ron");
        let mut map = OrgMap::new("Committed");
        super::super::save(&file, &map).unwrap();
        let not_a_repo = committed(&file, "HEAD").unwrap_err().to_string();
        // (Unless the temporary folder is itself inside a repository.)
        let inside = Command::new("git").current_dir(dir.path()).args(["rev-parse"]).output();
        if inside.is_ok_and(|o| !o.status.success()) {
            assert!(not_a_repo.contains("not in a git repository"), "{not_a_repo}");
        }
        git(dir.path(), &["init", "-q"]);
        let not_committed = committed(&file, "HEAD").unwrap_err().to_string();
        assert!(not_committed.contains("commit"), "{not_committed}");
        git(dir.path(), &["add", "map.ron"]);
        git(
            dir.path(),
            &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first"],
        );
        map.name = "Edited".into();
        super::super::save(&file, &map).unwrap();
        assert_eq!(committed(&file, "HEAD").unwrap().name, "Committed");
    }
}
