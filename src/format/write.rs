//! The canonical writer and atomic saves.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use super::error::SaveError;
use crate::model::{FORMAT_VERSION, OrgMap};

/// The canonical text of a map: pretty RON, four spaces, fields in FORMAT.md's order, empty
/// fields left out, `format:` set to the version written, ending with a newline.
pub fn to_string(map: &OrgMap) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .escape_strings(false);
    let current;
    let map = if map.format == FORMAT_VERSION {
        map
    } else {
        current = OrgMap { format: FORMAT_VERSION, ..map.clone() };
        &current
    };
    // The model holds only strings, numbers, lists and enums: serializing it cannot fail.
    let mut text = ron::ser::to_string_pretty(map, config)
        .unwrap_or_else(|error| unreachable!("serializing an org map failed: {error}"));
    text.push('\n');
    text
}

/// Saves a map atomically in its canonical form.
pub fn save(path: &Path, map: &OrgMap) -> Result<(), SaveError> {
    write_atomically(path, to_string(map).as_bytes())
}

/// Writes bytes atomically: temporary file in the same folder, flushed, renamed over the old
/// file, folder flushed. On any failure the old file is left exactly as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// [`write_atomically`] with the writing step given, so that tests can make it fail.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |step: String| move |source| SaveError { path: path.to_path_buf(), step, source };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (read for all, less the umask), not tempfile's
    // private ones; an old file's own permissions are copied below.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(fail(format!("create a temporary file in {}", dir.display())))?;
    write(temp.as_file_mut()).map_err(fail("write the temporary file".into()))?;
    temp.as_file().sync_all().map_err(fail("flush the temporary file to disk".into()))?;
    // Keep the permissions the user gave the old file (tempfile makes it private).
    if let Ok(meta) = fs::metadata(path) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail("copy the old file's permissions".into()))?;
    }
    temp.persist(path).map_err(|e| fail("replace the old file".into())(e.error))?;
    // The rename is only durable once the folder itself is flushed.
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(fail(format!("flush the folder {}", dir.display())))?;
    Ok(())
}
