//! The import report in sentences, for the terminal and the import dialog.

use std::collections::BTreeMap;

use super::build::ImportReport;

/// Warnings of one kind shown before "and N more like this".
const SHOWN_PER_KIND: usize = 5;

fn plural(n: usize, one: &str, many: &str) -> String {
    let n_text = group_digits(n);
    format!("{n_text} {}", if n == 1 { one } else { many })
}

/// 1516 -> "1,516".
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl ImportReport {
    /// One sentence: what the table became.
    pub fn summary(&self) -> String {
        format!(
            "{} read: {}, {} holding them, {} vacant, {}, {} at the top.",
            plural(self.rows, "row", "rows"),
            plural(self.roles, "role", "roles"),
            plural(self.people, "person", "people"),
            group_digits(self.vacant),
            plural(self.links, "line of report", "lines of report"),
            group_digits(self.tops),
        )
    }

    /// The columns used, as "id: \"Employee ID\", manager: \"Reports To\"".
    pub fn columns_used(&self) -> String {
        let order = ["id", "manager", "name", "first name", "last name", "title", "team"];
        let mut parts: Vec<String> = order
            .iter()
            .filter_map(|k| self.columns.get(k).map(|h| format!("{k} {h:?}")))
            .collect();
        parts.extend(
            self.columns
                .iter()
                .filter(|(k, _)| !order.contains(k))
                .map(|(k, h)| format!("{k} {h:?}")),
        );
        parts.join(", ")
    }

    /// The whole report: summary, columns, skipped rows, then warnings grouped by kind (the
    /// first few of each, then how many more).
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\nColumns: {}.\n", self.summary(), self.columns_used());
        if !self.skipped.is_empty() {
            out.push_str(&format!("Skipped {}:\n", plural(self.skipped.len(), "row", "rows")));
            for s in &self.skipped {
                out.push_str(&format!("  line {}: {}\n", s.line, s.why));
            }
        }
        if !self.warnings.is_empty() {
            out.push_str(&format!("{}:\n", plural(self.warnings.len(), "warning", "warnings")));
            let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for w in &self.warnings {
                let seen = by_kind.entry(w.kind).or_insert(0);
                *seen += 1;
                if *seen <= SHOWN_PER_KIND {
                    out.push_str(&format!("  line {}: {}\n", w.line, w.message));
                }
            }
            for (kind, count) in by_kind {
                if count > SHOWN_PER_KIND {
                    out.push_str(&format!(
                        "  ... and {} more {kind:?} warnings (--report json lists them all)\n",
                        group_digits(count - SHOWN_PER_KIND)
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group_digits(7), "7");
        assert_eq!(group_digits(1516), "1,516");
        assert_eq!(group_digits(1234567), "1,234,567");
    }
}
