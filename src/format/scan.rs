//! A light scan of RON source that finds where each list entry and field starts, so that a
//! rule broken in the parsed map (a dangling id) can be reported at its line and column.
//!
//! It only tracks brackets, strings and comments; the real parsing is ron's. It never fails:
//! on text it does not understand it simply knows fewer places.

use std::collections::BTreeMap;

use crate::model::Place;

/// A line and column, both counted from 1, columns in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Where the fields of the top-level struct and of the entries of its lists start.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Top-level field name -> byte offset of the name.
    top_fields: BTreeMap<String, usize>,
    /// Top-level list name (`roles`) -> its entries, in order.
    lists: BTreeMap<String, Vec<Entry>>,
    /// Byte offsets of line starts, for offset -> line:col.
    line_starts: Vec<usize>,
    /// Number of comments seen: the canonical writer does not keep them.
    pub comments: usize,
    source_len: usize,
}

#[derive(Debug, Default)]
struct Entry {
    start: usize,
    fields: BTreeMap<String, usize>,
}

impl Entry {
    fn at(start: usize) -> Self {
        Entry { start, fields: BTreeMap::new() }
    }
}

impl SourceIndex {
    pub fn new(source: &str) -> Self {
        let mut index = SourceIndex {
            line_starts: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            source_len: source.len(),
            ..Default::default()
        };
        index.scan(source.as_bytes());
        index
    }

    /// Where a finding's place is in the source, as precisely as the scan knows.
    pub fn locate(&self, place: &Place) -> Option<LineCol> {
        let offset = match place.list() {
            None => self.top_fields.get(place.field()).copied(),
            Some((list, index)) => self
                .lists
                .get(list)
                .and_then(|entries| entries.get(index))
                .map(|entry| entry.fields.get(place.field()).copied().unwrap_or(entry.start)),
        }
        .or_else(|| place.list().and_then(|(list, _)| self.top_fields.get(list).copied()))?;
        Some(self.line_col(offset))
    }

    /// The text of the top-level `format:` value, if the file has one.
    pub fn top_field_value<'a>(&self, source: &'a str, field: &str) -> Option<(&'a str, LineCol)> {
        let name_at = *self.top_fields.get(field)?;
        let rest = &source[name_at + field.len()..];
        let after_colon = rest.trim_start().strip_prefix(':')?;
        let value = after_colon.trim_start();
        let value_at = source.len() - value.len();
        let end = value
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .unwrap_or(value.len());
        Some((&value[..end], self.line_col(value_at)))
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.source_len);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        LineCol { line, col: offset - self.line_starts[line - 1] + 1 }
    }

    fn scan(&mut self, bytes: &[u8]) {
        // Open brackets from the outside in; the top-level struct is the first '(' at depth 0.
        let mut stack: Vec<u8> = Vec::new();
        let mut top_field: Option<String> = None;
        let mut in_attribute = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    self.comments += 1;
                    i = memchr_newline(bytes, i);
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    self.comments += 1;
                    i = skip_block_comment(bytes, i);
                    continue;
                }
                b'"' => {
                    i = skip_string(bytes, i + 1);
                    continue;
                }
                b'r' | b'b' if is_raw_string_start(bytes, i) => {
                    i = skip_raw_string(bytes, i);
                    continue;
                }
                b'\'' => {
                    i = skip_char(bytes, i);
                    continue;
                }
                b'#' if stack.is_empty() => in_attribute = true,
                b'(' | b'[' | b'{' => {
                    stack.push(b);
                    let opens_entry =
                        !in_attribute && stack.len() == 3 && stack[..2] == [b'(', b'['];
                    if let (true, b'(', Some(list)) = (opens_entry, b, &top_field) {
                        self.lists.entry(list.clone()).or_default().push(Entry::at(i));
                    }
                }
                b')' | b']' | b'}' => {
                    stack.pop();
                    if stack.is_empty() {
                        in_attribute = false;
                    }
                }
                _ if is_ident_start(b) && (i == 0 || !is_ident_char(bytes[i - 1])) => {
                    let end = ident_end(bytes, i);
                    if !in_attribute && followed_by_colon(bytes, end) {
                        let name = String::from_utf8_lossy(&bytes[i..end]).into_owned();
                        self.record_field(&stack, &top_field, name.clone(), i);
                        if stack.len() == 1 {
                            top_field = Some(name);
                        }
                    }
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn record_field(&mut self, stack: &[u8], top_field: &Option<String>, name: String, at: usize) {
        match stack {
            [b'('] => {
                self.top_fields.entry(name).or_insert(at);
            }
            [b'(', b'[', b'('] => {
                let entry = top_field
                    .as_ref()
                    .and_then(|list| self.lists.get_mut(list))
                    .and_then(|entries| entries.last_mut());
                if let Some(entry) = entry {
                    entry.fields.entry(name).or_insert(at);
                }
            }
            _ => {}
        }
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn ident_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && is_ident_char(bytes[i]) {
        i += 1;
    }
    i
}

fn followed_by_colon(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    bytes.get(i) == Some(&b':') && bytes.get(i + 1) != Some(&b':')
}

fn memchr_newline(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| i + p)
}

/// Skips a block comment, which RON lets nest.
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// From just after an opening quote to just after the closing one.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    if i > 0 && is_ident_char(bytes[i - 1]) {
        return false;
    }
    let mut j = i + 1;
    if bytes[i] == b'b' {
        // b"..." is a byte string; br"..." a raw one.
        if bytes.get(j) == Some(&b'"') {
            return true;
        }
        if bytes.get(j) != Some(&b'r') {
            return false;
        }
        j += 1;
    }
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

fn skip_raw_string(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if bytes[i] == b'b' && bytes.get(j) == Some(&b'"') {
        return skip_string(bytes, j + 1);
    }
    if bytes[i] == b'b' {
        j += 1;
    }
    let hashes_from = j;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    let hashes = j - hashes_from;
    j += 1; // the opening quote
    while j < bytes.len() {
        if bytes[j] == b'"'
            && bytes[j + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    j
}

fn skip_char(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'\\') {
        j += 2;
    } else {
        j += 1;
    }
    // A char is at most 4 bytes of UTF-8; find the closing quote close by.
    bytes[j..].iter().take(8).position(|&b| b == b'\'').map_or(j, |p| j + p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r##"// comment with roles: [(
(
    format: 1,
    name: "A (tricky) \"name\" with ring: inside",
    rings: [
        (id: "a", name: "A"),
        (
            id: "b",
            /* block */ name: r#"raw " (x: 1)"#,
        ),
    ],
    roles: [(id: "r", name: "R", ring: "nope")],
)
"##;

    #[test]
    fn finds_entries_and_fields_at_their_lines() {
        let index = SourceIndex::new(SOURCE);
        assert_eq!(index.locate(&Place::Map { field: "name" }), Some(LineCol { line: 4, col: 5 }));
        assert_eq!(
            index.locate(&Place::Ring { index: 1, field: "name" }),
            Some(LineCol { line: 9, col: 25 })
        );
        assert_eq!(
            index.locate(&Place::Role { index: 0, field: "ring" }),
            Some(LineCol { line: 12, col: 34 })
        );
        // A field the entry does not have points at the entry itself.
        assert_eq!(
            index.locate(&Place::Ring { index: 0, field: "color" }),
            Some(LineCol { line: 6, col: 9 })
        );
        assert_eq!(index.comments, 2);
    }

    #[test]
    fn reads_the_format_value() {
        let index = SourceIndex::new(SOURCE);
        let (value, at) = index.top_field_value(SOURCE, "format").unwrap();
        assert_eq!(value, "1");
        assert_eq!(at, LineCol { line: 3, col: 13 });
    }
}
