//! Changes in words: one line each, the old and new lines of a changed text under it. The
//! command line prints them, git's diff driver shows them, the diff picture lists them.

use serde_json::Value;

use super::{Change, Difference, What};
use crate::model::OrgMap;

/// One line per change (and the old and new text under a changed text), after a summary.
pub fn diff_text(old: &OrgMap, new: &OrgMap, changes: &[Difference]) -> String {
    if changes.is_empty() {
        return "no changes\n".into();
    }
    let count = |c: Change| changes.iter().filter(|d| d.change == c).count();
    let plural = if changes.len() == 1 { "" } else { "s" };
    let mut text = format!(
        "{} change{plural}: {} added, {} removed, {} changed, {} moved\n",
        changes.len(),
        count(Change::Added),
        count(Change::Removed),
        count(Change::Changed),
        count(Change::Moved)
    );
    for d in changes {
        text.push_str(&change_line(old, new, d));
    }
    text
}

/// The name an item has in the new map (or the old, if it was removed).
fn name_of(old: &OrgMap, new: &OrgMap, what: What, id: &str) -> String {
    let find = |map: &OrgMap| -> Option<String> {
        match what {
            What::Ring => map.rings.iter().find(|r| r.id == id).map(|r| r.name.clone()),
            What::Team => map.teams.iter().find(|t| t.id == id).map(|t| t.name.clone()),
            What::Role => map.roles.iter().find(|r| r.id == id).map(|r| r.name.clone()),
            What::Person => map.people.iter().find(|p| p.id == id).map(|p| p.name.clone()),
            What::Map | What::Link => None,
        }
    };
    find(new).or_else(|| find(old)).map(|n| format!(" \"{n}\"")).unwrap_or_default()
}

pub fn change_line(old: &OrgMap, new: &OrgMap, d: &Difference) -> String {
    let item = match d.what {
        What::Map => "map".to_string(),
        what => format!("{} {}{}", what.label(), d.id, name_of(old, new, what, &d.id)),
    };
    let field = d.field.unwrap_or_default();
    match (d.change, field) {
        (Change::Added, _) => format!("+ added {item}{}\n", placed(&d.new)),
        (Change::Removed, _) => format!("- removed {item}\n"),
        (Change::Moved, "position") => {
            format!("> moved {item}: from place {} to {} from the centre\n", d.old, d.new)
        }
        (Change::Moved, _) => {
            format!("> moved {item}: {field} {} -> {}\n", shown(&d.old), shown(&d.new))
        }
        (Change::Changed, "name") => {
            format!("~ renamed {}: {} -> {}\n", item_without_name(d), d.old, d.new)
        }
        (Change::Changed, "angle") => match (d.old.as_f64(), d.new.as_f64()) {
            (None, Some(to)) => format!("~ pinned {item} at {to}°\n"),
            (Some(from), None) => format!("~ unpinned {item} (was at {from}°)\n"),
            (from, to) => format!("~ pin of {item}: {:?}° -> {:?}°\n", from, to),
        },
        (Change::Changed, _) => {
            let mut text = format!("~ {item}: {field}\n");
            let (before, after) = (lines(&d.old), lines(&d.new));
            for line in before.iter().filter(|l| !after.contains(l)) {
                text.push_str(&format!("    - {line}\n"));
            }
            for line in after.iter().filter(|l| !before.contains(l)) {
                text.push_str(&format!("    + {line}\n"));
            }
            if before.iter().all(|l| after.contains(l)) && after.iter().all(|l| before.contains(l))
            {
                text.push_str("    (the same lines, in another order)\n");
            }
            text
        }
    }
}

fn item_without_name(d: &Difference) -> String {
    match d.what {
        What::Map => "map".into(),
        what => format!("{} {}", what.label(), d.id),
    }
}

/// Where an added role, team or link is: ` on ring support in team east`.
fn placed(item: &Value) -> String {
    let text = |field: &str| item.get(field).and_then(Value::as_str).filter(|t| !t.is_empty());
    let mut words = String::new();
    if let Some(ring) = text("ring") {
        words.push_str(&format!(" on ring {ring}"));
    }
    if let Some(team) = text("team") {
        words.push_str(&format!(" in team {team}"));
    }
    if let Some(kind) = item.get("kind").and_then(Value::as_str) {
        words.push_str(&format!(" ({kind})"));
    }
    words
}

/// A value in a line: text as itself in quotes, "(none)" when empty.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) if text.is_empty() => "(none)".into(),
        Value::String(text) => format!("\"{text}\""),
        Value::Null => "(none)".into(),
        other => other.to_string(),
    }
}

/// A field's value as lines to compare: a text is its one line; a list one line per entry
/// (a duty as "Area: duty", a skill as "Name (level)").
fn lines(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .flat_map(|item| match item {
                Value::Object(o) if o.contains_key("area") => {
                    let area = o.get("area").and_then(Value::as_str).unwrap_or_default();
                    let duties =
                        o.get("duties").and_then(Value::as_array).cloned().unwrap_or_default();
                    if duties.is_empty() {
                        vec![format!("{area}:")]
                    } else {
                        duties
                            .iter()
                            .map(|d| format!("{area}: {}", d.as_str().unwrap_or_default()))
                            .collect()
                    }
                }
                Value::Object(o) if o.contains_key("level") => vec![format!(
                    "{} ({})",
                    o.get("name").and_then(Value::as_str).unwrap_or_default(),
                    o.get("level").cloned().unwrap_or_default()
                )],
                Value::String(text) => vec![text.clone()],
                other => vec![other.to_string()],
            })
            .collect(),
        Value::String(text) if text.is_empty() => Vec::new(),
        Value::String(text) => vec![text.clone()],
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}
