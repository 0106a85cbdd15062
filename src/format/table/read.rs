//! Tables from files: CSV, TSV and semicolon-separated text (delimiter sniffed), and XLSX, XLS
//! and ODS workbooks. Parsing is the `csv` and `calamine` crates'; this module only decides
//! which to call and turns what they give into rows of text, as written (the importer trims
//! and says so), with their line numbers.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::{Row, Table, TableError};

/// What a file is, by its first bytes (a workbook is a zip or an OLE file, whatever its name).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a table from a file's bytes: a workbook's sheet (`sheet`, or the first one), or
/// delimited text.
pub fn table_from_bytes(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    if is_workbook(bytes) {
        return workbook_table(bytes, sheet);
    }
    if sheet.is_some() {
        return Err(TableError::NotAWorkbook);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| TableError::NotUtf8 {
        line: 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count(),
    })?;
    text_table(text)
}

/// The sheets of a workbook, in order; empty for a text table.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, TableError> {
    if !is_workbook(bytes) {
        return Ok(Vec::new());
    }
    let workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TableError::Workbook(e.to_string()))?;
    Ok(workbook.sheet_names())
}

/// Delimited text: UTF-8, with or without a byte order mark, any line ending.
fn text_table(text: &str) -> Result<Table, TableError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        // Real exports have rows of different lengths: short rows get empty cells.
        .flexible(true)
        .from_reader(text.as_bytes());
    // Lines are counted here from each record's byte offset: csv's own line count is off by
    // one on CRLF files, the usual kind from Windows.
    let newlines: Vec<usize> =
        text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect();
    // A record's offset can point at the line end before it (the `\n` of a CRLF).
    let bytes = text.as_bytes();
    let line_at = |mut byte: usize| {
        while bytes.get(byte).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            byte += 1;
        }
        1 + newlines.partition_point(|&n| n < byte)
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv {
            line: e.position().map(|p| line_at(p.byte() as usize)).unwrap_or(0),
            message: e.to_string(),
        })?;
        let line = record.position().map(|p| line_at(p.byte() as usize)).unwrap_or(rows.len() + 1);
        rows.push(Row { line, cells: record.iter().map(str::to_string).collect() });
    }
    Ok(Table { rows, delimiter: Some(delimiter as char), sheet: None })
}

/// The delimiter that splits the first lines most consistently: comma, semicolon, tab or bar.
/// Counted outside double quotes, so a comma inside a quoted title does not vote.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let candidates = [b',', b';', b'\t', b'|'];
    let mut best = (b',', 0usize);
    for &d in &candidates {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else { continue };
        // Lines that agree with the header on the number of fields, weighted by that number.
        let agreeing = counts.iter().filter(|&&c| c == first).count();
        let score = if first == 0 { 0 } else { agreeing * 1000 + first };
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// A workbook's sheet, by name (case and spaces ignored) or the first one.
fn workbook_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TableError::Workbook(e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| TableError::NoSuchSheet {
                wanted: wanted.to_string(),
                sheets: names.clone(),
            })?,
        None => names.first().cloned().ok_or(TableError::NoSheets)?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| TableError::Workbook(e.to_string()))?;
    let first_row = range.start().map(|(row, _)| row as usize).unwrap_or(0);
    let first_col = range.start().map(|(_, col)| col as usize).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Columns left of the used range are empty; keep them so that column letters and
            // positions match what the user sees in the workbook.
            let mut row: Vec<String> = vec![String::new(); first_col];
            row.extend(cells.iter().map(cell_text));
            Row { line: first_row + i + 1, cells: row }
        })
        .filter(|row| row.cells.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(Table { rows, delimiter: None, sheet: Some(name) })
}

/// A workbook cell as text: whole numbers without a decimal point (an id typed as 0012 in a
/// text cell stays "0012"; one typed as a number was 12 all along).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Error(_) | Data::Empty => String::new(),
        other => other.to_string(),
    }
}
