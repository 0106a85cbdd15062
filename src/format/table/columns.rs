//! Which column holds what, found by the headers that real exports use (HR systems, Visio,
//! d3-org-chart, UK government organograms, orgmap's own CSV), ignoring case, spaces,
//! underscores and punctuation. Flags name a column when the headers say nothing.

use super::{Row, Table, TableError};

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Manager,
    Name,
    FirstName,
    LastName,
    Title,
    Team,
    Email,
    Ring,
    Status,
    Purpose,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Id,
        Column::Manager,
        Column::Name,
        Column::FirstName,
        Column::LastName,
        Column::Title,
        Column::Team,
        Column::Email,
        Column::Ring,
        Column::Status,
        Column::Purpose,
    ];

    /// The word the report, the flags and the import dialog use.
    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Manager => "manager",
            Column::Name => "name",
            Column::FirstName => "first name",
            Column::LastName => "last name",
            Column::Title => "title",
            Column::Team => "team",
            Column::Email => "email",
            Column::Ring => "ring",
            Column::Status => "status",
            Column::Purpose => "purpose",
        }
    }

    /// Headers that mean this column, normalised, best first.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Id => &[
                "id",
                "roleid",
                "employeeid",
                "employeenumber",
                "employeeno",
                "empid",
                "empno",
                "staffid",
                "staffnumber",
                "staffno",
                "personid",
                "personnelnumber",
                "postuniquereference",
                "postid",
                "postref",
                "positionid",
                "positionnumber",
                "uniqueid",
                "uid",
                "nodeid",
                "userid",
                "workerid",
                "key",
                "ref",
                "reference",
            ],
            Column::Manager => &[
                "parentid",
                "parent",
                "managerid",
                "manager",
                "managerrole",
                "reportsto",
                "reportstoid",
                "reportingto",
                "supervisor",
                "supervisorid",
                "linemanager",
                "linemanagerid",
                "reportstoseniorpost",
                "reportingseniorpost",
                "parentpost",
                "parentpostid",
                "bossid",
                "boss",
                "pid",
                "managerpost",
                "managerpositionid",
                "managerstaffid",
                "manageremployeeid",
                "reportstopost",
                "managerref",
                // Names last: a column of ids, when there is one, is the better reference.
                "managername",
                "linemanagername",
                "supervisorname",
                "reportstoname",
                "manageremail",
                "linemanageremail",
            ],
            Column::Name => &[
                "name",
                "fullname",
                "person",
                "employeename",
                "employee",
                "personname",
                "displayname",
                "staffname",
                "holder",
                "postholder",
                "nameofpostholder",
                "employeefullname",
                "workername",
            ],
            Column::FirstName => &["firstname", "givenname", "forename", "forenames", "first"],
            Column::LastName => &["lastname", "surname", "familyname", "last"],
            Column::Title => &[
                "title",
                "jobtitle",
                "rolename",
                "role",
                "position",
                "positionname",
                "positiontitle",
                "post",
                "posttitle",
                "designation",
                "jobrole",
                "jobname",
                "job",
                "occupation",
            ],
            Column::Team => &[
                "team",
                "teamname",
                "department",
                "departmentname",
                "dept",
                "unit",
                "businessunit",
                "area",
                "division",
                "section",
                "orgunit",
                "organisationalunit",
                "organizationalunit",
                "directorate",
                "function",
                "jobteamfunction",
                "group",
                "service",
            ],
            Column::Email => &[
                "email",
                "emailaddress",
                "contactemail",
                "contactemailaddress",
                "workemail",
                "mail",
            ],
            Column::Ring => &["ring", "ringname"],
            Column::Status => &["status", "poststatus", "rolestatus"],
            Column::Purpose => &["purpose", "rolepurpose", "jobpurpose"],
        }
    }

    /// A looser test for headers no list foresaw ("Manager's Staff No.", "Team (current)").
    fn loosely(self, header: &str) -> bool {
        let has = |word: &str| header.contains(word);
        match self {
            Column::Manager => {
                (has("manager") || has("reportsto") || has("supervisor") || has("boss"))
                    && !has("name")
            }
            Column::Id => {
                ["id", "number", "no", "ref", "reference", "code"]
                    .iter()
                    .any(|e| header.ends_with(e))
                    && !has("manager")
                    && !has("parent")
                    && !has("report")
            }
            Column::Title => has("title") || has("position") || has("jobrole"),
            Column::Team => has("department") || has("team") || has("unit") || has("division"),
            Column::Name => {
                has("name")
                    && !["job", "position", "team", "depart", "manager", "role", "unit", "org"]
                        .iter()
                        .any(|w| has(w))
            }
            Column::Email => has("email"),
            _ => false,
        }
    }
}

/// A header as compared: lower case letters and digits only ("Reports_To " -> "reportsto").
pub fn normalize_header(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The columns of a table, and which row holds their headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Index into the table's rows of the header row.
    pub header_row: usize,
    pub headers: Vec<String>,
    chosen: Vec<(Column, usize)>,
}

impl Columns {
    /// The index of the column that holds `what`.
    pub fn get(&self, what: Column) -> Option<usize> {
        self.chosen.iter().find(|(c, _)| *c == what).map(|&(_, i)| i)
    }

    /// Chooses column `index` (or none) for `what`; a column holds one thing.
    pub fn set(&mut self, what: Column, index: Option<usize>) {
        self.chosen.retain(|&(c, i)| c != what && Some(i) != index);
        if let Some(index) = index {
            self.chosen.push((what, index));
            self.chosen.sort();
        }
    }

    /// The header of the column chosen for `what`.
    pub fn header(&self, what: Column) -> Option<&str> {
        self.get(what).and_then(|i| self.headers.get(i)).map(String::as_str)
    }

    /// The id and manager columns are the least an org chart needs.
    pub fn missing(&self) -> Vec<&'static str> {
        [Column::Id, Column::Manager]
            .into_iter()
            .filter(|&c| self.get(c).is_none())
            .map(Column::label)
            .collect()
    }
}

/// Finds the header row (the first of the first rows that names an id or a manager column;
/// title rows above it are skipped) and the column for each thing. `flags` name columns by
/// header or by number (1 is the first) and win over what the headers say.
pub fn find_columns(table: &Table, flags: &[(Column, String)]) -> Result<Columns, TableError> {
    if table.rows.is_empty() {
        return Err(TableError::Empty);
    }
    let header_row = (0..table.rows.len().min(20))
        .max_by_key(|&i| {
            let found = recognised(&table.rows[i], flags);
            // Most columns recognised, the earliest row on ties.
            (
                found.get(Column::Id).is_some() || found.get(Column::Manager).is_some(),
                found.chosen.len(),
                usize::MAX - i,
            )
        })
        .unwrap_or(0);
    let mut columns = recognised(&table.rows[header_row], flags);
    columns.header_row = header_row;
    for (what, wanted) in flags {
        if wanted.trim().is_empty() {
            // An empty flag says "no such column" (the import dialog's "(none)").
            columns.set(*what, None);
            continue;
        }
        match flag_column(&columns.headers, wanted) {
            Some(index) => columns.set(*what, Some(index)),
            None => {
                return Err(TableError::NoSuchColumn {
                    flag: what.label(),
                    wanted: wanted.clone(),
                    headers: columns.headers.clone(),
                });
            }
        }
    }
    Ok(columns)
}

/// The columns one row's cells name, read as headers.
fn recognised(row: &Row, flags: &[(Column, String)]) -> Columns {
    let headers = row.cells.clone();
    let normal: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let flagged: Vec<Column> = flags.iter().map(|(c, _)| *c).collect();
    let mut columns = Columns { header_row: 0, headers, chosen: Vec::new() };
    let taken = |columns: &Columns, i: usize| columns.chosen.iter().any(|&(_, j)| j == i);
    // Exact names first, for every column, so that a loose match never takes a column that
    // another one names exactly ("Manager ID" is the manager's, not an id).
    for what in Column::ALL {
        if flagged.contains(&what) {
            continue;
        }
        let exact = what.headers().iter().find_map(|wanted| {
            (0..normal.len()).find(|&i| normal[i] == *wanted && !taken(&columns, i))
        });
        if let Some(i) = exact {
            columns.set(what, Some(i));
        }
    }
    for what in Column::ALL {
        if flagged.contains(&what) || columns.get(what).is_some() {
            continue;
        }
        if let Some(i) =
            (0..normal.len()).find(|&i| !taken(&columns, i) && what.loosely(&normal[i]))
        {
            columns.set(what, Some(i));
        }
    }
    columns
}

/// The column a flag names: by header (normalised), or by number from 1 ("3", or "#3" for
/// the third column even where a header reads "3").
fn flag_column(headers: &[String], wanted: &str) -> Option<usize> {
    let by_number = |text: &str| {
        text.trim().parse::<usize>().ok().filter(|&n| n >= 1 && n <= headers.len()).map(|n| n - 1)
    };
    if let Some(number) = wanted.trim().strip_prefix('#') {
        return by_number(number);
    }
    let normal = normalize_header(wanted);
    headers.iter().position(|h| normalize_header(h) == normal).or_else(|| by_number(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str]) -> Table {
        Table {
            rows: vec![Row { line: 1, cells: header.iter().map(|h| h.to_string()).collect() }],
            delimiter: Some(','),
            sheet: None,
        }
    }

    #[test]
    fn headers_are_found_whatever_their_case_and_punctuation() {
        let found = find_columns(
            &table(&["Employee_ID", "Full Name", "Job Title", "Reports To", "DEPT."]),
            &[],
        )
        .unwrap();
        assert_eq!(found.get(Column::Id), Some(0));
        assert_eq!(found.get(Column::Name), Some(1));
        assert_eq!(found.get(Column::Title), Some(2));
        assert_eq!(found.get(Column::Manager), Some(3));
        assert_eq!(found.get(Column::Team), Some(4));
    }

    #[test]
    fn a_manager_id_column_is_the_managers_not_the_id() {
        let found = find_columns(&table(&["Manager ID", "Staff No.", "Name"]), &[]).unwrap();
        assert_eq!(found.get(Column::Manager), Some(0));
        assert_eq!(found.get(Column::Id), Some(1));
        // The manager's id is a better reference than the manager's name; the name serves
        // when it is all there is.
        let both = table(&["Id", "Manager Name", "Manager ID", "Name"]);
        assert_eq!(find_columns(&both, &[]).unwrap().get(Column::Manager), Some(2));
        let names = table(&["Id", "Manager Name", "Name"]);
        let found = find_columns(&names, &[]).unwrap();
        assert_eq!((found.get(Column::Manager), found.get(Column::Name)), (Some(1), Some(2)));
    }

    #[test]
    fn uk_organogram_headers() {
        let found = find_columns(
            &table(&[
                "Post Unique Reference",
                "Name",
                "Grade (or equivalent)",
                "Job Title",
                "Job/Team Function",
                "Parent Department",
                "Organisation",
                "Unit",
                "Contact E-mail",
                "Reports to Senior Post",
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(found.get(Column::Id), Some(0));
        assert_eq!(found.get(Column::Title), Some(3));
        assert_eq!(found.get(Column::Team), Some(7));
        assert_eq!(found.get(Column::Email), Some(8));
        assert_eq!(found.get(Column::Manager), Some(9));
    }

    #[test]
    fn flags_name_columns_by_header_or_number() {
        let flags = vec![(Column::Id, "code".to_string()), (Column::Manager, "3".to_string())];
        let found = find_columns(&table(&["Code", "Who", "Above"]), &flags).unwrap();
        assert_eq!(found.get(Column::Id), Some(0));
        assert_eq!(found.get(Column::Manager), Some(2));
        let by_hash = vec![(Column::Id, "#3".to_string()), (Column::Manager, String::new())];
        let found = find_columns(&table(&["id", "Manager", "3"]), &by_hash).unwrap();
        assert_eq!((found.get(Column::Id), found.get(Column::Manager)), (Some(2), None));
        let wrong = find_columns(&table(&["Code"]), &[(Column::Team, "Dept".into())]);
        assert!(matches!(wrong, Err(TableError::NoSuchColumn { .. })));
    }

    #[test]
    fn a_title_row_above_the_headers_is_skipped() {
        let mut t = table(&["Organisation chart, March 2024"]);
        t.rows.push(Row { line: 2, cells: vec!["id".into(), "parentId".into(), "name".into()] });
        let found = find_columns(&t, &[]).unwrap();
        assert_eq!(found.header_row, 1);
        assert_eq!(found.get(Column::Manager), Some(1));
    }
}
