//! An org chart table becomes a map the way orgmap sees an organisation: rings by level from
//! the top (the top at the centre), departments as teams on each ring, a role per position
//! (rows with the same title, manager and department that manage nobody share one role), the
//! people as holders, and a ReportsTo link from each role to its manager's role.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::columns::{Column, Columns, find_columns};
use super::{Row, Table, TableError};
use crate::model::ids::slug;
use crate::model::{Link, LinkKind, OrgMap, Person, Ring, Role, Status, Team};

/// How to import: columns named by flags, and the choices `orgmap import` offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Columns named by the user, by header or number; they win over what the headers say.
    pub columns: Vec<(Column, String)>,
    /// The workbook sheet to read (the first one if `None`).
    pub sheet: Option<String>,
    /// Keep a role for every row, even rows that would share one.
    pub one_role_per_row: bool,
    /// Write titles that are all in capitals in title case ("CARE WORKER" -> "Care Worker").
    pub title_case: bool,
}

/// What the import did, for the command line (`--report text|json`) and the import dialog.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// Data rows read (after the header row).
    pub rows: usize,
    pub roles: usize,
    pub people: usize,
    /// Roles nobody holds: every row of them named nobody, or said "vacant".
    pub vacant: usize,
    pub links: usize,
    /// Roles at the top of a tree (on the centre ring).
    pub tops: usize,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    /// The header of the column used for each thing ("id": "Employee ID").
    pub columns: BTreeMap<&'static str, String>,
    /// The workbook sheet read (none for a text table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// A row that made nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub line: usize,
    pub why: String,
}

/// Something odd about a row, and what the importer made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub line: usize,
    pub message: String,
    /// What kind of oddity, so that a report can say "and 40 more like this".
    #[serde(skip)]
    pub kind: &'static str,
}

/// Manager cells that mean "nobody": the top of the chart.
const NO_MANAGER: &[&str] =
    &["", "-", "--", "0", "none", "null", "nil", "na", "n/a", "#n/a", "xx", "top", "root", "self"];

/// Names that mean nobody holds the post.
const VACANT_NAMES: &[&str] = &[
    "",
    "vacant",
    "vacant post",
    "vacancy",
    "(vacant)",
    "post vacant",
    "open",
    "open position",
    "open role",
    "tbc",
    "tbd",
    "to be confirmed",
    "to be recruited",
    "to be appointed",
    "unfilled",
    "eliminated",
    "recruiting",
    "new hire",
    "new post",
];

/// Names that say the post is held by someone not named.
const WITHHELD_NAMES: &[&str] = &[
    "n/d",
    "nd",
    "n/a",
    "na",
    "withheld",
    "name withheld",
    "redacted",
    "not disclosed",
    "undisclosed",
    "confidential",
    "not published",
    "*",
    "-",
    "xx",
    "xxx",
];

/// One data row, cleaned.
#[derive(Debug, Clone)]
struct Record {
    line: usize,
    id: String,
    manager: String,
    name: String,
    title: String,
    team: String,
    email: String,
    ring: String,
    status: String,
    purpose: String,
}

/// What a row's name says about who holds the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Named,
    Withheld,
    Vacant,
}

/// Turns a table into a map and a report. Fails only when the table has no id or manager
/// column (or no rows); everything else is a warning.
pub fn import(
    table: &Table,
    map_name: &str,
    options: &ImportOptions,
) -> Result<(OrgMap, ImportReport), TableError> {
    let columns = find_columns(table, &options.columns)?;
    let missing = columns.missing();
    if !missing.is_empty() {
        return Err(TableError::MissingColumns { missing, headers: columns.headers.clone() });
    }
    let mut report = ImportReport { sheet: table.sheet.clone(), ..ImportReport::default() };
    for what in Column::ALL {
        if let Some(header) = columns.header(what) {
            report.columns.insert(what.label(), header.to_string());
        }
    }
    let records = read_records(table, &columns, options, &mut report);
    Ok(Builder::new(records, &columns, options, report).build(map_name))
}

/// The rows after the header as records; empty, repeated-header and template rows skipped.
fn read_records(
    table: &Table,
    columns: &Columns,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Vec<Record> {
    let header: Vec<String> = columns.headers.iter().map(|h| normalize(h)).collect();
    let mut records = Vec::new();
    for row in &table.rows[columns.header_row + 1..] {
        report.rows += 1;
        let filled: Vec<&String> = row.cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if filled.is_empty() {
            report.skipped.push(Skipped { line: row.line, why: "an empty row".into() });
            continue;
        }
        let repeats = row
            .cells
            .iter()
            .zip(&header)
            .filter(|(c, h)| !h.is_empty() && normalize(c) == **h)
            .count();
        if repeats * 2 >= filled.len().max(2) {
            report.skipped.push(Skipped { line: row.line, why: "repeats the header row".into() });
            continue;
        }
        let mut record = record_of(row, columns, report);
        // A template row: its id is a placeholder, or two of its id, name and title are (one
        // alone may be a real title: "Sample Processing Technician").
        let cells = [&record.id, &record.name, &record.title];
        let placeholders: Vec<&&String> = cells.iter().filter(|c| is_placeholder(c)).collect();
        let template = is_placeholder(&record.id) || placeholders.len() >= 2;
        if let Some(example) = placeholders.first().filter(|_| template) {
            report.skipped.push(Skipped {
                line: row.line,
                why: format!("a template or placeholder row ({example:?})"),
            });
            continue;
        }
        if options.title_case && is_all_capitals(&record.title) {
            record.title = title_case(&record.title);
        }
        records.push(record);
    }
    records
}

/// A row's cells for each column, trimmed (with a warning when that changed an id, a manager,
/// a name, a title or a team).
fn record_of(row: &Row, columns: &Columns, report: &mut ImportReport) -> Record {
    let raw = |what: Column| columns.get(what).map(|i| row.cell(i)).unwrap_or("");
    let mut trimmed = Vec::new();
    let mut cell = |what: Column| {
        let text = raw(what);
        if what == Column::Purpose {
            // A purpose may have paragraphs: only its ends are trimmed.
            return text.trim().to_string();
        }
        let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.len() != text.len() && text.trim() != text {
            trimmed.push(what.label());
        }
        clean
    };
    let (id, manager) = (cell(Column::Id), cell(Column::Manager));
    let name = match (cell(Column::Name), cell(Column::FirstName), cell(Column::LastName)) {
        (name, _, _) if !name.is_empty() => name,
        (_, first, last) => [first, last].join(" ").trim().to_string(),
    };
    let record = Record {
        line: row.line,
        id,
        manager,
        name,
        title: cell(Column::Title),
        team: cell(Column::Team),
        email: cell(Column::Email),
        ring: cell(Column::Ring),
        status: cell(Column::Status),
        purpose: cell(Column::Purpose),
    };
    if !trimmed.is_empty() {
        report.warnings.push(Warning {
            line: row.line,
            message: format!("spaces around the {} removed", trimmed.join(", ")),
            kind: "spaces",
        });
    }
    record
}

/// Lower case, spaces collapsed: how names, titles and teams are compared.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A cell a template leaves for the user to fill: "<Name>", "[Job title]", "e.g. 1001".
fn is_placeholder(cell: &str) -> bool {
    let lower = cell.trim().to_lowercase();
    let bracketed = [('<', '>'), ('[', ']'), ('{', '}')]
        .iter()
        .any(|&(open, close)| lower.len() > 2 && lower.starts_with(open) && lower.ends_with(close));
    bracketed
        || ["e.g.", "eg.", "e.g ", "example", "sample ", "template", "lorem ipsum", "insert "]
            .iter()
            .any(|p| lower.starts_with(p))
}

fn is_all_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// "SENIOR CARE WORKER" -> "Senior Care Worker"; short words inside stay small.
fn title_case(text: &str) -> String {
    let small = ["of", "and", "the", "for", "to", "in", "on", "at", "a", "an", "de", "van"];
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && small.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn holder_of(name: &str) -> Holder {
    let lower = normalize(name);
    if VACANT_NAMES.contains(&lower.as_str()) || lower.starts_with("vacant") {
        Holder::Vacant
    } else if WITHHELD_NAMES.contains(&lower.as_str()) {
        Holder::Withheld
    } else {
        Holder::Named
    }
}

/// The map being built from the records.
struct Builder<'a> {
    records: Vec<Record>,
    columns: &'a Columns,
    options: &'a ImportOptions,
    report: ImportReport,
    /// Each record's manager (an index into `records`), once resolved.
    parent: Vec<Option<usize>>,
}

impl<'a> Builder<'a> {
    fn new(
        records: Vec<Record>,
        columns: &'a Columns,
        options: &'a ImportOptions,
        report: ImportReport,
    ) -> Self {
        let parent = vec![None; records.len()];
        Builder { records, columns, options, report, parent }
    }

    fn warn(&mut self, line: usize, kind: &'static str, message: String) {
        self.report.warnings.push(Warning { line, message, kind });
    }

    fn build(mut self, map_name: &str) -> (OrgMap, ImportReport) {
        let same_post = self.give_ids();
        self.resolve_managers(&same_post);
        self.break_cycles();
        let level = self.levels();
        let map = self.make_map(map_name, &level, &same_post);
        self.report.warnings.sort_by_key(|w| w.line);
        (map, self.report)
    }

    /// Every record gets an id of its own: a missing id is made from the line, a repeated one
    /// gets a suffix. Returns, for each record, the first record of its post when the row
    /// repeats another's id with the same title and manager (one post, another holder: how
    /// orgmap's own CSV lists a role's holders).
    fn give_ids(&mut self) -> Vec<Option<usize>> {
        let mut first_of: HashMap<String, usize> = HashMap::new();
        let mut taken = Ids::new(self.records.iter().map(|r| r.id.clone()));
        let mut same_post = vec![None; self.records.len()];
        for (i, same) in same_post.iter_mut().enumerate() {
            let line = self.records[i].line;
            if self.records[i].id.is_empty() {
                let id = taken.fresh(&format!("line-{line}"));
                self.warn(line, "no id", format!("no id: given {id}; nobody can report to it"));
                self.records[i].id = id;
                continue;
            }
            let id = self.records[i].id.clone();
            match first_of.get(&id) {
                None => {
                    first_of.insert(id, i);
                }
                Some(&first) => {
                    let (a, b) = (&self.records[first], &self.records[i]);
                    if normalize(&a.title) == normalize(&b.title) && a.manager == b.manager {
                        *same = Some(first);
                    } else {
                        let new_id = taken.fresh(&id);
                        let first_line = a.line;
                        self.warn(
                            line,
                            "duplicate id",
                            format!(
                                "id {id:?} is also on line {first_line}: this row is {new_id:?}; \
                                 rows whose manager is {id:?} report to line {first_line}"
                            ),
                        );
                        self.records[i].id = new_id;
                    }
                }
            }
        }
        same_post
    }

    /// Each record's manager, by id; failing that by the id without leading zeros, or by name
    /// or email when the manager column holds those.
    fn resolve_managers(&mut self, same_post: &[Option<usize>]) {
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut by_number: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, Option<usize>> = HashMap::new();
        for (i, r) in self.records.iter().enumerate() {
            if same_post[i].is_some() {
                continue;
            }
            by_id.entry(r.id.as_str()).or_insert(i);
            by_number.entry(without_zeros(&r.id)).or_insert(i);
            if !r.name.is_empty() {
                // A name two people share finds nobody.
                by_name.entry(normalize(&r.name)).and_modify(|e| *e = None).or_insert(Some(i));
            }
            if !r.email.is_empty() {
                // Some exports name the manager by email ("Manager Email").
                by_name.entry(normalize(&r.email)).and_modify(|e| *e = None).or_insert(Some(i));
            }
        }
        let mut found = Vec::with_capacity(self.records.len());
        for r in &self.records {
            let manager = r.manager.as_str();
            let lookup = if NO_MANAGER.contains(&normalize(manager).as_str())
                && !by_id.contains_key(manager)
            {
                Lookup::Top
            } else if let Some(&i) = by_id.get(manager) {
                Lookup::Id(i)
            } else if let Some(&i) = by_number.get(&without_zeros(manager)) {
                Lookup::Zeros(i)
            } else if let Some(&Some(i)) = by_name.get(&normalize(manager)) {
                Lookup::Name(i)
            } else {
                Lookup::Missing
            };
            found.push(lookup);
        }
        let named = found.iter().filter(|l| matches!(l, Lookup::Name(_))).count();
        let by_ids = found.iter().filter(|l| matches!(l, Lookup::Id(_) | Lookup::Zeros(_))).count();
        let names_column = named > by_ids;
        if names_column {
            let header = self.columns.header(Column::Manager).unwrap_or("manager").to_string();
            let line = self.records.first().map(|r| r.line).unwrap_or(1);
            self.warn(
                line.saturating_sub(1).max(1),
                "manager names",
                format!(
                    "the {header:?} column holds names or emails, not ids: managers matched by \
                     those"
                ),
            );
        }
        for (i, lookup) in found.into_iter().enumerate() {
            let (line, id, manager) =
                (self.records[i].line, self.records[i].id.clone(), self.records[i].manager.clone());
            let parent = match lookup {
                Lookup::Top => None,
                Lookup::Id(p) | Lookup::Zeros(p) | Lookup::Name(p)
                    if p == i || self.records[p].id == id =>
                {
                    self.warn(
                        line,
                        "self",
                        format!("{id:?} is its own manager: it tops a tree of its own"),
                    );
                    None
                }
                Lookup::Id(p) => Some(p),
                Lookup::Zeros(p) => {
                    let other = self.records[p].id.clone();
                    self.warn(
                        line,
                        "leading zeros",
                        format!("manager {manager:?} taken as {other:?} (the same number)"),
                    );
                    Some(p)
                }
                Lookup::Name(p) => {
                    if !names_column {
                        let other = self.records[p].id.clone();
                        self.warn(line, "manager by name", format!("manager {manager:?} is no id: taken as the row named so ({other:?})"));
                    }
                    Some(p)
                }
                Lookup::Missing => {
                    self.warn(line, "missing manager", format!("manager {manager:?} is not in the file: this row tops a tree of its own"));
                    None
                }
            };
            // A repeated row of one post reports where the post does.
            self.parent[i] = match same_post[i] {
                Some(first) => self.parent.get(first).copied().flatten().or(parent),
                None => parent,
            };
        }
    }

    /// Cycles in the manager chain are broken at their earliest row, which then tops a tree.
    fn break_cycles(&mut self) {
        let n = self.records.len();
        // 0 unvisited, 1 on the current walk, 2 done.
        let mut state = vec![0u8; n];
        for start in 0..n {
            let mut walk = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    2 => break,
                    1 => {
                        let cycle: Vec<usize> =
                            walk[walk.iter().position(|&w| w == i).unwrap_or(0)..].to_vec();
                        self.break_cycle(&cycle);
                        break;
                    }
                    _ => {
                        state[i] = 1;
                        walk.push(i);
                        at = self.parent[i];
                    }
                }
            }
            for i in walk {
                state[i] = 2;
            }
        }
    }

    fn break_cycle(&mut self, cycle: &[usize]) {
        let Some(at) = (0..cycle.len()).min_by_key(|&k| self.records[cycle[k]].line) else {
            return;
        };
        let first = cycle[at];
        // From the row broken, along its managers: "2 -> 4 -> 3 -> 2" (2 reports to 4...).
        let ids: Vec<String> = (0..cycle.len())
            .map(|k| self.records[cycle[(at + k) % cycle.len()]].id.clone())
            .collect();
        let mut lines: Vec<usize> = cycle.iter().map(|&i| self.records[i].line).collect();
        lines.sort_unstable();
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let id = self.records[first].id.clone();
        let line = self.records[first].line;
        self.parent[first] = None;
        self.warn(
            line,
            "cycle",
            format!(
                "lines {} report to each other in a circle ({} -> {}): {id:?} now tops a tree of \
                 its own",
                lines.join(", "),
                ids.join(" -> "),
                ids[0]
            ),
        );
    }

    /// Each record's depth below its top.
    fn levels(&self) -> Vec<usize> {
        let n = self.records.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, p) in self.parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(i);
            }
        }
        let mut level = vec![0; n];
        let mut stack: Vec<usize> = (0..n).filter(|&i| self.parent[i].is_none()).collect();
        while let Some(i) = stack.pop() {
            for &c in &children[i] {
                level[c] = level[i] + 1;
                stack.push(c);
            }
        }
        level
    }

    fn make_map(&mut self, map_name: &str, level: &[usize], same_post: &[Option<usize>]) -> OrgMap {
        let mut map = OrgMap::new(humane(map_name));
        let ring_of = self.rings(&mut map, level);
        let has_children: HashSet<usize> = self.parent.iter().flatten().copied().collect();
        // Records -> roles: a post's repeated rows, and rows that manage nobody with the same
        // title, manager and team, share one role.
        let mut role_of = vec![usize::MAX; self.records.len()];
        let mut shared: HashMap<(String, Option<usize>, String, usize), usize> = HashMap::new();
        let mut role_ids = Ids::new(std::iter::empty());
        let mut team_ids_taken = Ids::new(std::iter::empty());
        let team_of = self.team_keys(&ring_of, level, same_post);
        let team_names = self.team_names(&team_of);
        let mut team_ids: HashMap<TeamKey, String> = HashMap::new();
        for i in 0..self.records.len() {
            if let Some(first) = same_post[i] {
                role_of[i] = role_of[first];
                continue;
            }
            let r = &self.records[i];
            let key = (normalize(&r.title), self.parent[i], normalize(&r.team), ring_of[i]);
            // Tops never share: each is the top of a tree of its own.
            let may_share = !self.options.one_role_per_row
                && !has_children.contains(&i)
                && !r.title.is_empty()
                && self.parent[i].is_some();
            if may_share && let Some(&role) = shared.get(&key) {
                role_of[i] = role;
                continue;
            }
            let name = if !r.title.is_empty() {
                r.title.clone()
            } else if holder_of(&r.name) == Holder::Named {
                r.name.clone()
            } else {
                format!("Post {}", r.id)
            };
            // The row's own id when it reads as one (orgmap's CSV, "finance-lead"), else one
            // made from the title.
            let wanted = if slug(&r.id, "") == r.id && r.id.chars().any(char::is_alphabetic) {
                r.id.clone()
            } else {
                slug(&name, "role")
            };
            let id = role_ids.fresh(&wanted);
            let ring_id = map.rings[ring_of[i]].id.clone();
            let mut role = Role::new(id, name, ring_id.clone());
            if let Some(key) = &team_of[i] {
                let team_id = team_ids
                    .entry(key.clone())
                    .or_insert_with(|| {
                        let id =
                            team_ids_taken.fresh(&format!("{}-{}", slug(&r.team, "team"), ring_id));
                        let name = team_names.get(key).cloned().unwrap_or(r.team.clone());
                        map.teams.push(Team::new(id.clone(), name, ring_id.clone()));
                        id
                    })
                    .clone();
                role.team = team_id;
            }
            role.purpose = r.purpose.clone();
            shared.insert(key, map.roles.len());
            role_of[i] = map.roles.len();
            map.roles.push(role);
        }
        self.holders(&mut map, &role_of);
        self.statuses(&mut map, &role_of);
        // One line of report from each role to its manager's role.
        let mut linked = HashSet::new();
        for i in 0..self.records.len() {
            if let Some(p) = self.parent[i] {
                let (from, to) = (role_of[i], role_of[p]);
                if from != to && linked.insert((from, to)) {
                    map.links.push(Link {
                        from: map.roles[from].id.clone(),
                        to: map.roles[to].id.clone(),
                        kind: LinkKind::ReportsTo,
                        note: String::new(),
                    });
                }
            }
        }
        let tops: HashSet<usize> = (0..self.records.len())
            .filter(|&i| self.parent[i].is_none())
            .map(|i| role_of[i])
            .collect();
        if tops.len() > 1 {
            let lines: Vec<String> = (0..self.records.len())
                .filter(|&i| self.parent[i].is_none())
                .take(8)
                .map(|i| self.records[i].line.to_string())
                .collect();
            let line = (0..self.records.len())
                .find(|&i| self.parent[i].is_none())
                .map(|i| self.records[i].line)
                .unwrap_or(1);
            self.warn(
                line,
                "several tops",
                format!(
                    "{} roles have no manager in the file (lines {}{}): each tops a tree, all of \
                     them on the centre ring",
                    tops.len(),
                    lines.join(", "),
                    if tops.len() > lines.len() { ", ..." } else { "" }
                ),
            );
        }
        self.report.roles = map.roles.len();
        self.report.people = map.people.len();
        self.report.vacant = map.roles.iter().filter(|r| r.status == Status::Vacant).count();
        self.report.links = map.links.len();
        self.report.tops = tops.len();
        map
    }

    /// Each record's team: its department on its ring, and which part of the department it
    /// is in. A department's part is the set of its people linked by lines of report among
    /// themselves, hanging from one part of another department: Finance under the chief
    /// executive is one part, Finance people reporting into Operations another. A department
    /// in two parts on a ring is two sectors: one sector would put those people beside the
    /// rest of Finance, across the map from their manager, and their lines of report would
    /// cross everyone else's.
    fn team_keys(
        &mut self,
        ring_of: &[usize],
        level: &[usize],
        same_post: &[Option<usize>],
    ) -> Vec<Option<TeamKey>> {
        let n = self.records.len();
        let mut by_level: Vec<usize> = (0..n).collect();
        by_level.sort_by_key(|&i| level[i]);
        let department: Vec<String> = self.records.iter().map(|r| normalize(&r.team)).collect();
        // Parts are numbered as found: (department, the part it hangs from) -> number.
        let mut numbers: HashMap<(String, Option<usize>), usize> = HashMap::new();
        let mut part = vec![0; n];
        for i in by_level {
            part[i] = match self.parent[i] {
                Some(p) if department[p] == department[i] => part[p],
                above => {
                    let next = numbers.len();
                    let key = (department[i].clone(), above.map(|p| part[p]));
                    *numbers.entry(key).or_insert(next)
                }
            };
        }
        let keys: Vec<Option<TeamKey>> = (0..n)
            .map(|i| {
                (!department[i].is_empty()).then(|| (ring_of[i], department[i].clone(), part[i]))
            })
            .collect();
        // One warning for each department found in several parts on a ring.
        let mut parts: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        let mut seen: HashSet<TeamKey> = HashSet::new();
        for (i, key) in keys.iter().enumerate() {
            if let Some(key) = key
                && same_post[i].is_none()
                && seen.insert(key.clone())
            {
                parts.entry((key.0, key.1.clone())).or_default().push(i);
            }
        }
        for firsts in parts.into_values().filter(|f| f.len() > 1) {
            let (line, team) = (self.records[firsts[1]].line, self.records[firsts[1]].team.clone());
            self.warn(
                line,
                "department split",
                format!(
                    "{team} is in {} places on this level (some of its people report into \
                     another department): a sector for each, so that lines of report stay short",
                    firsts.len()
                ),
            );
        }
        keys
    }

    /// The name of each team: its department's, and for the smaller parts of a department
    /// found in several places on a ring, the department they report into as well
    /// ("Finance (Operations)").
    fn team_names(&self, team_of: &[Option<TeamKey>]) -> HashMap<TeamKey, String> {
        let mut size: HashMap<&TeamKey, usize> = HashMap::new();
        for key in team_of.iter().flatten() {
            *size.entry(key).or_insert(0) += 1;
        }
        // The largest part keeps the plain name; on a tie, the one found first.
        let mut largest: HashMap<(usize, &str), (&TeamKey, usize)> = HashMap::new();
        for (&key, &count) in &size {
            let entry = largest.entry((key.0, key.1.as_str())).or_insert((key, count));
            if count > entry.1 || (count == entry.1 && key.2 < entry.0.2) {
                *entry = (key, count);
            }
        }
        let mut names = HashMap::new();
        for (i, key) in team_of.iter().enumerate() {
            let Some(key) = key else { continue };
            if names.contains_key(key) {
                continue;
            }
            let team = self.records[i].team.clone();
            let main = largest.get(&(key.0, key.1.as_str())).is_none_or(|(k, _)| *k == key);
            // The department above: that of the nearest manager outside this one.
            let mut above = self.parent[i];
            while let Some(p) = above.filter(|&p| normalize(&self.records[p].team) == key.1) {
                above = self.parent[p];
            }
            let name = match above.map(|p| &self.records[p]) {
                Some(r) if !main => {
                    let under = if r.team.is_empty() { &r.title } else { &r.team };
                    format!("{team} ({under})")
                }
                _ => team,
            };
            names.insert(key.clone(), name);
        }
        names
    }

    /// The rings: from the ring column when every row names one (orgmap's own CSV, in the
    /// order they first appear), else one ring per level from the top.
    fn rings(&mut self, map: &mut OrgMap, level: &[usize]) -> Vec<usize> {
        let use_column = self.columns.get(Column::Ring).is_some();
        if use_column {
            if let Some(r) = self.records.iter().find(|r| r.ring.is_empty()) {
                let line = r.line;
                self.warn(line, "ring", "no ring named: rings are made by level instead".into());
            } else if !self.records.is_empty() {
                map.rings.clear();
                let mut index: HashMap<String, usize> = HashMap::new();
                let mut ring_of = Vec::with_capacity(self.records.len());
                let mut ring_ids = Ids::new(std::iter::empty());
                for r in &self.records {
                    let next = index.len();
                    let k = *index.entry(normalize(&r.ring)).or_insert_with(|| {
                        let id = ring_ids.fresh(&slug(&r.ring, "ring"));
                        map.rings.push(Ring::new(id, r.ring.clone()));
                        next
                    });
                    ring_of.push(k);
                }
                return ring_of;
            }
        }
        let depth = level.iter().copied().max().unwrap_or(0);
        map.rings = (0..=depth)
            .map(|k| Ring::new(format!("level-{}", k + 1), format!("Level {}", k + 1)))
            .collect();
        level.to_vec()
    }

    /// People from the named rows: one person per name (and email), holding each role a row
    /// of theirs is in.
    fn holders(&mut self, map: &mut OrgMap, role_of: &[usize]) {
        if self.columns.get(Column::Name).is_none() && self.columns.get(Column::LastName).is_none()
        {
            self.warn(
                self.records.first().map(|r| r.line).unwrap_or(1),
                "no names",
                "no name column: the roles have no holders".into(),
            );
            return;
        }
        let mut person_of: HashMap<(String, String), usize> = HashMap::new();
        let mut first_line: HashMap<usize, usize> = HashMap::new();
        let mut roles_held: HashMap<usize, usize> = HashMap::new();
        let mut person_ids = Ids::new(std::iter::empty());
        for (i, &role_index) in role_of.iter().enumerate() {
            let r = &self.records[i];
            let (line, name) = (r.line, r.name.clone());
            match holder_of(&name) {
                Holder::Vacant => {}
                Holder::Withheld => self.warn(
                    line,
                    "withheld",
                    format!("name withheld ({name:?}): the role is filled, its holder not named"),
                ),
                Holder::Named => {
                    let key = (normalize(&name), r.email.to_lowercase());
                    let note = if r.email.is_empty() { String::new() } else { r.email.clone() };
                    let person = match person_of.get(&key) {
                        Some(&p) => p,
                        None => {
                            let id = person_ids.fresh(&slug(&name, "person"));
                            map.people.push(Person {
                                id,
                                name: name.clone(),
                                note,
                                skills: Vec::new(),
                            });
                            person_of.insert(key, map.people.len() - 1);
                            first_line.insert(map.people.len() - 1, line);
                            map.people.len() - 1
                        }
                    };
                    let person_id = map.people[person].id.clone();
                    let role = &mut map.roles[role_index];
                    if role.holders.contains(&person_id) {
                        let earlier = first_line.get(&person).copied().unwrap_or(line);
                        self.warn(
                            line,
                            "listed twice",
                            format!("{name} is listed twice for this role (line {earlier} too)"),
                        );
                    } else {
                        let held = roles_held.entry(person).or_insert(0);
                        *held += 1;
                        if *held > 1 {
                            let earlier = first_line.get(&person).copied().unwrap_or(line);
                            self.warn(line, "several roles", format!("{name} is on line {earlier} too: taken as one person who holds both roles"));
                        }
                        map.roles[role_index].holders.push(person_id);
                    }
                }
            }
        }
    }

    /// A role is filled when a row of it names its holder or withholds the name (or the
    /// status column says so); proposed when a row says proposed; vacant otherwise.
    fn statuses(&mut self, map: &mut OrgMap, role_of: &[usize]) {
        let has_names = self.columns.get(Column::Name).is_some()
            || self.columns.get(Column::LastName).is_some();
        let mut best: Vec<Status> = vec![Status::Vacant; map.roles.len()];
        for (i, r) in self.records.iter().enumerate() {
            let said = match normalize(&r.status).as_str() {
                "vacant" | "vacancy" | "open" => Some(Status::Vacant),
                "proposed" | "planned" | "new" => Some(Status::Proposed),
                "filled" | "held" | "occupied" => Some(Status::Filled),
                _ => None,
            };
            let status = said.unwrap_or(if !has_names || holder_of(&r.name) != Holder::Vacant {
                Status::Filled
            } else {
                Status::Vacant
            });
            let rank = |s: Status| match s {
                Status::Filled => 2,
                Status::Proposed => 1,
                Status::Vacant => 0,
            };
            let role = role_of[i];
            if rank(status) > rank(best[role]) {
                best[role] = status;
            }
        }
        for (role, status) in map.roles.iter_mut().zip(best) {
            role.status = status;
        }
    }
}

/// Ids handed out so far, and for each base the next suffix to try: `base`, `base-2`,
/// `base-3`... as [`crate::model::ids::fresh_id`] makes them, without trying every suffix
/// again each time (300 "Care Worker" roles would take 45,000 tries).
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn new(taken: impl Iterator<Item = String>) -> Self {
        Ids { taken: taken.collect(), next: HashMap::new() }
    }

    fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        if self.taken.contains(&id) {
            let n = self.next.entry(base.to_string()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A team of the imported map: ring, department (normalised), and the part of the
/// department (see `Builder::team_keys`).
type TeamKey = (usize, String, usize);

enum Lookup {
    Top,
    Id(usize),
    Zeros(usize),
    Name(usize),
    Missing,
}

/// "0012" -> "12": ids typed as numbers lose their zeros in spreadsheets.
fn without_zeros(id: &str) -> String {
    if id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty() {
        let rest = id.trim_start_matches('0');
        if rest.is_empty() { "0".into() } else { rest.to_string() }
    } else {
        id.to_string()
    }
}

/// A file's stem as a map's name: "acme_org-chart" -> "acme org chart".
fn humane(stem: &str) -> String {
    let name = stem.replace(['_', '-'], " ");
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() { "Imported org chart".into() } else { name }
}
