//! Reading a map: size, encoding and format checks first, then ron, then the model's rules.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};

use super::error::{LoadError, Problem};
use super::scan::{LineCol, SourceIndex};
use crate::model::{self, FORMAT_VERSION, OrgMap, Severity};

/// Largest file read. A map of 100,000 roles with short job descriptions is about 20 MB, with
/// full ones (as `orgmap generate --roles 100000` writes) about 93 MB; anything far larger is
/// not an org map, and reading it would only freeze the app.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting accepted. A valid map nests 5 deep; the limit keeps a hostile file from
/// exhausting the stack.
const RECURSION_LIMIT: usize = 64;

/// Reads and checks a map file. Every problem found is reported, with line and column.
pub fn load(path: &Path) -> Result<OrgMap, LoadError> {
    let bytes = read_file(path)?;
    from_bytes(&bytes)
        .map_err(|problems| LoadError::Invalid { file: path.display().to_string(), problems })
}

/// Reads a file's bytes, refusing files larger than [`MAX_FILE_BYTES`] before reading them.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_error = |source| LoadError::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io_error)?;
    let too_large = |size: u64| LoadError::Invalid {
        file: path.display().to_string(),
        problems: vec![Problem::new(
            None,
            format!(
                "the file is {:.1} MB; orgmap reads map files of at most {} MB",
                size as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "check that this is an org map; a very large map can be split into several files",
        )],
    };
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(io_error(std::io::Error::other("it is a folder, not a map file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // The size can change between the check and the read (or lie, for special files).
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a map from a file's bytes: UTF-8 RON, optionally starting with a byte-order mark.
pub fn from_bytes(bytes: &[u8]) -> Result<OrgMap, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(source) => from_str(source),
        Err(error) => {
            let good = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let at = SourceIndex::new(good).line_col(good.len());
            Err(vec![Problem::new(
                Some(at),
                format!(
                    "the file is not UTF-8 text: byte {} is not valid UTF-8",
                    error.valid_up_to() + 1
                ),
                "save the file as UTF-8 in your editor, or check that it is an org map",
            )])
        }
    }
}

/// Reads a map from RON text and checks every rule of FORMAT.md.
pub fn from_str(source: &str) -> Result<OrgMap, Vec<Problem>> {
    let index = SourceIndex::new(source);
    if source.trim().is_empty() {
        return Err(vec![Problem::new(
            None,
            "the file is empty (a save that did not finish, or the wrong file)",
            "restore it from git or a backup, or start a new map with File > New",
        )]);
    }
    if let Some(offset) = source.find('\0') {
        return Err(vec![Problem::new(
            Some(index.line_col(offset)),
            "the file contains a NUL character, so it is not a text file or it is damaged",
            "open it in a text editor and remove the damaged part, or restore it from git",
        )]);
    }
    if let Some(problem) = check_format_version(source, &index) {
        return Err(vec![problem]);
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let map: OrgMap = options.from_str(source).map_err(|error| vec![parse_problem(&error)])?;
    let problems: Vec<Problem> = model::validate(&map)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| Problem::new(index.locate(&finding.place), finding.message, finding.fix))
        .collect();
    if problems.is_empty() { Ok(map) } else { Err(problems) }
}

/// A newer file must be refused for its version, not for the fields it added since.
fn check_format_version(source: &str, index: &SourceIndex) -> Option<Problem> {
    let (value, at) = index.top_field_value(source, "format")?;
    let version: u32 = value.parse().ok()?;
    if (1..=FORMAT_VERSION).contains(&version) {
        return None;
    }
    let finding = model::validate(&OrgMap { format: version, ..OrgMap::new("") })
        .into_iter()
        .find(|f| f.place == model::Place::Map { field: "format" })?;
    Some(Problem::new(Some(at), finding.message, finding.fix))
}

fn parse_problem(error: &SpannedError) -> Problem {
    let at = Some(LineCol { line: error.span.start.line, col: error.span.start.col });
    let (message, fix) = match &error.code {
        RonError::NoSuchStructField { expected, found, outer } => (
            format!("unknown field `{found}`{}", in_struct(outer)),
            format!("check its spelling; the fields allowed there are: {}", expected.join(", ")),
        ),
        RonError::MissingStructField { field, outer } => (
            format!("the required field `{field}` is missing{}", in_struct(outer)),
            format!("add {field}: ... to it"),
        ),
        RonError::DuplicateStructField { field, outer } => (
            format!("the field `{field}` is given twice{}", in_struct(outer)),
            "keep one of the two".to_string(),
        ),
        RonError::NoSuchEnumVariant { expected, found, outer } => (
            format!("`{found}` is not a known value{}", in_struct(outer)),
            format!("use one of: {}", expected.join(", ")),
        ),
        RonError::ExceededRecursionLimit => (
            format!("the file nests brackets more than {RECURSION_LIMIT} deep"),
            "an org map nests at most 5 deep: check for unclosed or repeated brackets".to_string(),
        ),
        RonError::ExpectedString => (
            "expected text in double quotes here".to_string(),
            "write text as \"...\"; a list of texts is written [\"first\", \"second\"]".to_string(),
        ),
        RonError::Eof => (
            "the file ends too early".to_string(),
            "check for a missing closing bracket or quote".to_string(),
        ),
        other => (
            other.to_string(),
            "compare with the shape in FORMAT.md (docs/FORMAT.md) and correct the text there"
                .to_string(),
        ),
    };
    Problem::new(at, message, fix)
}

fn in_struct(outer: &Option<String>) -> String {
    match outer.as_deref() {
        Some("OrgMap") => " in the map".to_string(),
        Some(name) => format!(" in a {}", name.to_lowercase()),
        None => String::new(),
    }
}
