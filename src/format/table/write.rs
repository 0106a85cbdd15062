//! A map back to a table: one row per role and holder, for a spreadsheet. `orgmap import`
//! reads it back to the same roles, holders, teams, rings and lines of report.

use std::collections::HashMap;

use crate::model::{LinkKind, OrgMap};

/// The header row of orgmap's CSV, a public interface (README).
pub const CSV_HEADERS: [&str; 8] =
    ["role id", "role name", "person", "manager role", "team", "ring", "status", "purpose"];

/// The map as CSV: UTF-8 with a byte order mark (so that Excel reads names in any script
/// right), CRLF line ends, rows ordered by ring from the centre outward, then as in the file.
/// A role with several holders has a row for each; a role nobody holds has one row with no
/// person. The manager role is the role's first ReportsTo link; other links are not tables'.
pub fn to_csv(map: &OrgMap) -> String {
    let index = map.index();
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut order: Vec<usize> = (0..map.roles.len()).collect();
    order.sort_by_key(|&i| (index.ring(&map.roles[i].ring), i));
    let mut manager_of: HashMap<&str, &str> = HashMap::new();
    for link in map.links.iter().filter(|l| l.kind == LinkKind::ReportsTo) {
        manager_of.entry(link.from.as_str()).or_insert(link.to.as_str());
    }
    for i in order {
        let role = &map.roles[i];
        let manager = manager_of.get(role.id.as_str()).copied().unwrap_or_default().to_string();
        let team = index.team(&role.team).map(|t| map.teams[t].name.clone()).unwrap_or_default();
        let ring = index.ring(&role.ring).map(|r| map.rings[r].name.clone()).unwrap_or_default();
        let people: Vec<String> = if role.holders.is_empty() {
            vec![String::new()]
        } else {
            role.holders
                .iter()
                .map(|h| index.person(h).map(|p| map.people[p].name.clone()).unwrap_or(h.clone()))
                .collect()
        };
        for person in people {
            rows.push(vec![
                role.id.clone(),
                role.name.clone(),
                person,
                manager.clone(),
                team.clone(),
                ring.clone(),
                role.status.label().to_string(),
                role.purpose.clone(),
            ]);
        }
    }
    // Writing to memory cannot fail; an error here would be a bug in csv, shown as text.
    let mut result = writer.write_record(CSV_HEADERS);
    for row in &rows {
        result = result.and_then(|()| writer.write_record(row));
    }
    let bytes = match result.and_then(|()| writer.into_inner().map_err(|e| e.into_error().into())) {
        Ok(bytes) => bytes,
        Err(e) => return format!("error writing CSV: {e}"),
    };
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
