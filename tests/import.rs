//! Org chart tables in (`orgmap import`), maps out as tables (`orgmap export --format csv`):
//! one small fixture per trait of real exports, workbooks, the round trip, a big table.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use orgmap::format::table::{self, Column, ImportOptions, ImportReport};
use orgmap::layout::{self, LayoutOptions};
use orgmap::model::{self, LinkKind, OrgMap, Severity, Status};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn import_with(name: &str, options: &ImportOptions) -> (OrgMap, ImportReport) {
    let (map, report) = table::import_file(Path::new(&fixture(name)), options).unwrap();
    let errors: Vec<_> =
        model::validate(&map).into_iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{name}: the imported map is invalid: {errors:?}");
    (map, report)
}

fn import(name: &str) -> (OrgMap, ImportReport) {
    import_with(name, &ImportOptions::default())
}

fn role<'a>(map: &'a OrgMap, name: &str) -> &'a model::Role {
    map.roles.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no role {name:?}"))
}

/// "Care Worker" -> the name of the role it reports to.
fn manager_of<'a>(map: &'a OrgMap, name: &str) -> Option<&'a str> {
    let id = &role(map, name).id;
    let link = map.links.iter().find(|l| &l.from == id && l.kind == LinkKind::ReportsTo)?;
    map.role(&link.to).map(|r| r.name.as_str())
}

fn ring_index(map: &OrgMap, role_name: &str) -> usize {
    let ring = &role(map, role_name).ring;
    map.rings.iter().position(|r| &r.id == ring).unwrap()
}

fn holder_names(map: &OrgMap, role_name: &str) -> Vec<String> {
    role(map, role_name)
        .holders
        .iter()
        .map(|h| map.person(h).map(|p| p.name.clone()).unwrap_or_default())
        .collect()
}

fn warned(report: &ImportReport, line: usize, words: &str) -> bool {
    report.warnings.iter().any(|w| w.line == line && w.message.contains(words))
}

#[test]
fn a_bom_crlf_and_quoted_commas_read_as_the_spreadsheet_shows_them() {
    let (map, report) = import("bom_crlf_quotes.csv");
    assert_eq!(report.columns.get("id").map(String::as_str), Some("Employee ID"), "BOM kept");
    assert_eq!(holder_names(&map, "Chief Executive"), ["Okafor, Ada"]);
    assert_eq!(manager_of(&map, "Director of \"Care\""), Some("Chief Executive"));
    // Two care workers under one manager: one role, two holders.
    assert_eq!(holder_names(&map, "Care Worker"), ["Dev Patel", "Eve Stone"]);
    assert_eq!((report.rows, report.roles, report.people, report.links), (6, 5, 6, 4));
    assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{report:?}");
    // The top at the centre, then a ring per level.
    assert_eq!(map.rings.len(), 3);
    assert_eq!(ring_index(&map, "Chief Executive"), 0);
    assert_eq!(ring_index(&map, "Bookkeeper"), 2);
}

#[test]
fn semicolons_and_tabs_are_found_without_being_told() {
    let (map, report) = import("semicolons.csv");
    assert_eq!(report.roles, 4);
    assert_eq!(role(&map, "Controller, financiën").team, "financiën-level-2");
    assert_eq!(manager_of(&map, "Wijkverpleegkundige"), Some("Teamleider Zorg"));
    let (map, report) = import("tabs.tsv");
    // Cy has no unit, so is a Clerk apart from Ben of the Office.
    assert_eq!((report.roles, report.people), (3, 3), "{report:?}");
    assert_eq!(holder_names(&map, "Head"), ["Ada"]);
}

#[test]
fn departments_become_one_team_per_ring() {
    let (map, _) = import("vacant_withheld.csv");
    let policy: Vec<&model::Team> = map.teams.iter().filter(|t| t.name == "Policy").collect();
    assert_eq!(policy.len(), 2, "Policy on level 2 and on level 3");
    assert_ne!(policy[0].ring, policy[1].ring);
}

#[test]
fn ids_stay_text_and_leading_zeros_are_matched_with_a_warning() {
    let (map, report) = import("leading_zeros.csv");
    assert_eq!(manager_of(&map, "Agent"), Some("Manager"), "007 reports to 0012");
    assert_eq!(manager_of(&map, "Assistant"), Some("Director"), "1 is 0001");
    assert!(warned(&report, 4, "\"1\" taken as \"0001\""), "{report:?}");
    assert_eq!(report.tops, 1);
}

#[test]
fn a_manager_not_in_the_file_tops_a_tree_of_its_own() {
    let (map, report) = import("missing_manager.csv");
    assert!(warned(&report, 4, "manager \"99\" is not in the file"), "{report:?}");
    assert_eq!(report.tops, 2);
    assert_eq!(ring_index(&map, "Analyst"), 0);
    assert_eq!(manager_of(&map, "Intern"), Some("Analyst"), "its own reports stay under it");
    assert_eq!(report.rows, map.people.len(), "no row lost");
}

#[test]
fn several_tops_share_the_centre() {
    let (map, report) = import("several_tops.csv");
    assert_eq!(report.tops, 2);
    assert_eq!((ring_index(&map, "Chair"), ring_index(&map, "Chief Executive")), (0, 0));
    assert!(report.warnings.iter().any(|w| w.message.contains("2 roles have no manager")));
}

#[test]
fn a_cycle_is_broken_at_one_link_and_named() {
    let (map, report) = import("cycle.csv");
    // Lines 3, 4 and 5 (ids 2, 3, 4) report to each other; 2 is broken off, the earliest.
    assert!(warned(&report, 3, "lines 3, 4, 5 report to each other"), "{report:?}");
    assert!(warned(&report, 3, "2 -> 4 -> 3 -> 2"), "{report:?}");
    assert_eq!(manager_of(&map, "Manager"), None);
    assert_eq!(manager_of(&map, "Officer"), Some("Lead"));
    assert_eq!(manager_of(&map, "Lead"), Some("Manager"));
    assert_eq!(map.roles.len(), 5);
}

#[test]
fn a_duplicate_id_gets_a_suffix_and_its_reports_stay_with_the_first() {
    let (map, report) = import("duplicate_ids.csv");
    assert!(warned(&report, 4, "id \"2\" is also on line 3"), "{report:?}");
    assert_eq!(map.roles.len(), 4);
    assert_eq!(manager_of(&map, "Intern"), Some("Manager"));
    assert_eq!(manager_of(&map, "Analyst"), Some("Director"));
}

#[test]
fn vacant_and_withheld_names_make_vacant_roles_or_unnamed_holders() {
    let (map, report) = import("vacant_withheld.csv");
    assert_eq!(role(&map, "Director of Policy").status, Status::Filled, "N/D: filled, unnamed");
    assert!(role(&map, "Director of Policy").holders.is_empty());
    for vacant in ["Director of Delivery", "Deputy Director", "Analyst", "Head of Unit"] {
        assert_eq!(role(&map, vacant).status, Status::Vacant, "{vacant}");
    }
    assert_eq!((report.vacant, report.people), (4, 1));
    assert!(warned(&report, 3, "name withheld (\"N/D\")"), "{report:?}");
    // "XX" is the organograms' mark for the top.
    assert_eq!(report.tops, 1);
    assert!(!report.warnings.iter().any(|w| w.message.contains("XX")), "{report:?}");
}

#[test]
fn template_rows_are_skipped_with_a_reason() {
    let (map, report) = import("template_row.csv");
    let lines: Vec<usize> = report.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3]);
    assert!(report.skipped[0].why.contains("template"));
    assert_eq!(map.roles.len(), 2);
    assert_eq!(manager_of(&map, "Nurse"), Some("Director"));
    // A real title that starts like a placeholder is not a template row.
    let csv = "id,manager,name,title\n1,,Ada,Lab Director\n2,1,Ben,Sample Processing Technician\n3,1,Cy,Template Designer\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    assert!(report.skipped.is_empty(), "{report:?}");
    assert_eq!(manager_of(&map, "Sample Processing Technician"), Some("Lab Director"));
}

#[test]
fn twelve_care_workers_under_one_manager_are_one_role_unless_asked() {
    let (map, report) = import("care_workers.csv");
    assert_eq!(holder_names(&map, "Care Worker").len(), 12);
    assert_eq!(report.roles, 3);
    let options = ImportOptions { one_role_per_row: true, ..Default::default() };
    let (map, report) = import_with("care_workers.csv", &options);
    assert_eq!(report.roles, 14);
    assert_eq!(map.roles.iter().filter(|r| r.name == "Care Worker").count(), 12);
}

#[test]
fn spaces_are_trimmed_with_a_warning_and_capitals_kept_unless_asked() {
    let (map, report) = import("spaces_capitals.csv");
    assert_eq!(holder_names(&map, "CHIEF EXECUTIVE"), ["Ada Top"]);
    assert_eq!(manager_of(&map, "SENIOR CARE WORKER"), Some("CHIEF EXECUTIVE"), "\" 1 \" is 1");
    assert!(warned(&report, 2, "spaces around the id"), "{report:?}");
    let options = ImportOptions { title_case: true, ..Default::default() };
    let (map, _) = import_with("spaces_capitals.csv", &options);
    assert_eq!(manager_of(&map, "Senior Care Worker"), Some("Chief Executive"));
}

#[test]
fn workbooks_are_read_from_the_sheet_that_holds_the_chart() {
    for name in ["chart.xlsx", "chart.ods"] {
        let (map, report) = import(name);
        assert!(warned(&report, 1, "read the sheet \"Staff\""), "{name}: {report:?}");
        // The header is on the third row, under a title and a blank row.
        assert_eq!(report.columns.get("id").map(String::as_str), Some("Staff ID"), "{name}");
        assert_eq!(holder_names(&map, "Chief Executive"), ["Ada Okafor"], "{name}");
        // "0042" is text, and the number 7 is "7", not "7.0".
        assert_eq!(manager_of(&map, "Finance Director"), Some("Chief Executive"), "{name}");
        assert_eq!(holder_names(&map, "Bookkeeper"), ["Chloe Ng", "Dev Patel"], "{name}");
        let options = ImportOptions { sheet: Some("notes".into()), ..Default::default() };
        let error = table::import_file(Path::new(&fixture(name)), &options).unwrap_err();
        assert!(error.to_string().contains("no id or manager column"), "{name}: {error}");
    }
}

#[test]
fn flags_name_the_columns_the_headers_do_not() {
    let csv = "Nr,Who,Above,What\n1,Ada,,Director\n2,Ben,1,Clerk\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let error = table::import(&table, "t", &ImportOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("\"Nr\", \"Who\", \"Above\", \"What\""), "{message}");
    assert!(error.fix().contains("--id COLUMN") && error.fix().contains("--manager"), "{error:?}");
    let columns = vec![
        (Column::Id, "nr".to_string()),
        (Column::Manager, "Above".to_string()),
        (Column::Name, "2".to_string()),
        (Column::Title, "What".to_string()),
    ];
    let options = ImportOptions { columns, ..Default::default() };
    let (map, _) = table::import(&table, "t", &options).unwrap();
    assert_eq!(manager_of(&map, "Clerk"), Some("Director"));
    assert_eq!(holder_names(&map, "Clerk"), ["Ben"]);
}

#[test]
fn a_manager_column_of_names_is_matched_by_name() {
    let csv = "id,name,title,Manager Name\n1,Ada Lee,Director,\n2,Ben Ng,Manager,Ada Lee\n3,Cy Wu,Clerk,Ben Ng\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    assert_eq!(manager_of(&map, "Clerk"), Some("Manager"));
    assert_eq!(report.tops, 1);
    let about_names: Vec<_> =
        report.warnings.iter().filter(|w| w.message.contains("holds names")).collect();
    assert_eq!(about_names.len(), 1, "one warning for the column, not one per row: {report:?}");
    // Or by email, as "Manager Email" columns do.
    let csv = "Employee ID,Name,Title,Email,Manager Email\n7,Ada,Director,ada@x.org,\n8,Ben,Clerk,ben@x.org,ADA@x.org\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    assert_eq!(report.columns.get("manager").map(String::as_str), Some("Manager Email"));
    assert_eq!(manager_of(&map, "Clerk"), Some("Director"), "{report:?}");
}

#[test]
fn ragged_rows_blank_lines_and_repeated_headers_lose_nothing_silently() {
    let csv = "id,manager,name,title\n1,,Ada,Director\n\n2,1,Ben\n,,,\nid,manager,name,title\n3,1,Cy,Clerk,extra,cells\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    assert_eq!(map.roles.len(), 3, "{report:?}");
    let skipped: Vec<(usize, &str)> =
        report.skipped.iter().map(|s| (s.line, s.why.as_str())).collect();
    assert_eq!(skipped, [(5, "an empty row"), (6, "repeats the header row")]);
    // Ben has no title: his role is named after him.
    assert_eq!(manager_of(&map, "Ben"), Some("Director"));
}

#[test]
fn broken_and_hostile_tables_get_errors_that_say_what_to_do() {
    let latin1 = b"id,manager,name\n1,,Jos\xe9\n";
    let error = table::table_from_bytes(latin1, None).unwrap_err();
    assert_eq!(error.to_string(), "line 2 is not UTF-8 text");
    assert!(error.fix().contains("UTF-8"));
    let not_a_zip = b"PK\x03\x04 but nothing more";
    assert!(matches!(
        table::table_from_bytes(not_a_zip, None),
        Err(table::TableError::Workbook(_))
    ));
    let empty = table::table_from_bytes(b"", None).unwrap();
    assert!(matches!(
        table::import(&empty, "t", &ImportOptions::default()),
        Err(table::TableError::Empty)
    ));
    // A chain 5,000 deep and a cycle through all of it: no stack overflow, one warning.
    let mut deep = String::from("id,manager\n");
    for i in 0..5000 {
        deep.push_str(&format!("{i},{}\n", (i + 1) % 5000));
    }
    let table = table::table_from_bytes(deep.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    assert_eq!(map.rings.len(), 5000);
    assert_eq!(report.warnings.iter().filter(|w| w.kind == "cycle").count(), 1);
}

/// Ring, team, status, purpose, holders, manager role.
type RoleShape = (String, String, Status, String, Vec<String>, String);

/// What a round trip keeps: each role's name, ring, team, status, purpose, holders' names and
/// the role it reports to (by name).
fn shape(map: &OrgMap) -> BTreeMap<String, RoleShape> {
    let index = map.index();
    let name_of_ring = |id: &str| index.ring(id).map(|i| map.rings[i].name.clone());
    let name_of_team = |id: &str| index.team(id).map(|i| map.teams[i].name.clone());
    map.roles
        .iter()
        .map(|r| {
            let mut holders: Vec<String> = r
                .holders
                .iter()
                .filter_map(|h| index.person(h).map(|p| map.people[p].name.clone()))
                .collect();
            holders.sort();
            let manager = map
                .links
                .iter()
                .find(|l| l.from == r.id && l.kind == LinkKind::ReportsTo)
                .map(|l| l.to.clone())
                .unwrap_or_default();
            let value = (
                name_of_ring(&r.ring).unwrap_or_default(),
                name_of_team(&r.team).unwrap_or_default(),
                r.status,
                r.purpose.clone(),
                holders,
                manager,
            );
            (format!("{} {}", r.id, r.name), value)
        })
        .collect()
}

#[test]
fn exporting_to_csv_and_importing_gives_back_the_same_map() {
    let generated = model::generate::generate(&model::generate::GenerateOptions {
        roles: 300,
        rings: 5,
        teams: 6,
        links_per_role: 0.25,
        seed: 3,
        shape: model::generate::Shape::Hierarchy,
    });
    let mut maps = vec![("hierarchy".to_string(), generated)];
    for sample in
        ["wellbeing_teams", "living_systems_sales", "enterprise20", "community_of_purpose"]
    {
        let path = format!("{}/sample_orgs/{sample}.ron", env!("CARGO_MANIFEST_DIR"));
        maps.push((sample.to_string(), orgmap::format::load(Path::new(&path)).unwrap()));
    }
    for (name, map) in maps {
        let csv = table::to_csv(&map);
        assert!(csv.starts_with(
            "\u{feff}role id,role name,person,manager role,team,ring,status,purpose\r\n"
        ));
        let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
        let (back, report) = table::import(&table, &name, &ImportOptions::default()).unwrap();
        assert!(report.skipped.is_empty(), "{name}: {report:?}");
        assert_eq!(shape(&back), shape(&map), "{name}");
        let reports_to =
            |m: &OrgMap| m.links.iter().filter(|l| l.kind == LinkKind::ReportsTo).count();
        assert_eq!(reports_to(&back), reports_to(&map), "{name}");
        let rings: Vec<&str> = back.rings.iter().map(|r| r.name.as_str()).collect();
        let used: BTreeSet<&str> = map.roles.iter().map(|r| r.ring.as_str()).collect();
        let expected: Vec<&str> = map
            .rings
            .iter()
            .filter(|r| used.contains(r.id.as_str()))
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(rings, expected, "{name}: rings from the centre outward");
    }
}

fn big_chart(rows: usize) -> String {
    model::generate::org_chart_csv(rows, 42)
}

#[test]
fn a_generated_table_of_10000_rows_imports_whole() {
    let csv = big_chart(10_000);
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "big", &ImportOptions::default()).unwrap();
    assert_eq!(report.rows, 10_000);
    assert_eq!(map.people.len(), 10_000, "every named row is a holder");
    assert_eq!(report.tops, 1, "{:?}", &report.warnings[..report.warnings.len().min(5)]);
    // Only the 3% who work in another department than their manager's are worth a word.
    let odd: Vec<_> = report.warnings.iter().filter(|w| w.kind != "department split").collect();
    assert!(odd.is_empty(), "{:?}", &odd[..odd.len().min(5)]);
    let held: usize = map.roles.iter().map(|r| r.holders.len()).sum();
    assert_eq!(held, 10_000);
    assert_eq!(report.links, map.roles.len() - 1, "a tree: every role but the top reports");
    assert!(model::validate(&map).iter().all(|f| f.severity != Severity::Error));
}

/// Opened laid out: no label over another, every team one sector of its ring. Its tree is not
/// yet drawn without crossings (issue 14 is open on it): 1,182 measured on this chart (7,406
/// before departments split where their people report elsewhere, 5,744 before org charts
/// went all the way to their managers' angles, 1,246 before a ring's reports read their
/// managers' angles right where the sweeps had turned two of them round), a guard against
/// going back. The 3% of people in another department than their manager's force most of
/// them: their sectors cannot sit in the middle of their managers' department's.
#[test]
fn an_imported_chart_opens_readable_with_departments_whole() {
    let csv = big_chart(1_500);
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, _) = table::import(&table, "chart", &ImportOptions::default()).unwrap();
    let options = LayoutOptions::default();
    let placed = layout::compute(&map, &options, &layout::approximate_width);
    let metrics = layout::measure_layout(&map, &placed, &options);
    assert_eq!(metrics.label_overlaps, 0);
    // Every team's roles are one run of its ring, clockwise.
    for (t, team) in map.teams.iter().enumerate() {
        let ring = &placed.teams[t];
        for (i, role) in map.roles.iter().enumerate() {
            let inside = layout::clockwise(ring.start, placed.roles[i].angle)
                <= ring.end - ring.start + 1e-9;
            if role.ring == team.ring {
                assert_eq!(inside, role.team == team.id, "{} in {}'s sector", role.id, team.id);
            }
        }
    }
    assert!(metrics.crossings <= 1_300, "{} crossings", metrics.crossings);
}

/// Deep, lopsided charts come out without a crossing: 7 levels whose last holds a quarter of
/// the people, 44 of them under few managers bunched on one arc of a ring with room for many
/// more (`deep_chart_195.csv`: ids, names, positions, managers), and 1,516 people on 10
/// levels as deep as issue 14's largest public chart (`deep_chart_1516.csv`, made alike). On
/// the first, 68 crossed before the reports of one such arc were read as one run (the last of
/// them went round to before the first); on both, crowded rings with horizontal labels
/// drifted from their managers' (8 and 1,156 crossings; twopi: none) before the charts were
/// also placed with labels along the radius.
#[test]
fn deep_lopsided_charts_are_drawn_without_a_crossing() {
    for (file, rows, rings) in [("deep_chart_195.csv", 195, 7), ("deep_chart_1516.csv", 1_516, 10)]
    {
        let (map, report, metrics) = imported_and_laid_out(&fs::read(fixture(file)).unwrap());
        assert_eq!((report.rows, map.rings.len()), (rows, rings), "{file}");
        assert_eq!((metrics.crossings, metrics.label_overlaps), (0, 0), "{file}");
    }
}

/// Real exports put some people in another department than their manager's. Such a person's
/// department keeps one sector on its ring, beside its own managers' department, so their
/// line of report runs to their manager in the next department: it goes to the edge of its
/// department facing them, and crosses no other line (on generated charts of 400 and 1,500
/// people with 3% of such people: 81 -> 16 and 1,177 -> 1,046 crossings).
#[test]
fn a_report_in_another_department_than_their_manager_crosses_no_line() {
    let mut csv =
        String::from("ID,Name,Title,Manager,Department\n1,Chief,Chief Executive,,Leadership\n");
    let departments = ["Finance", "Care", "Digital"];
    for (d, name) in departments.iter().enumerate() {
        let head = 10 * (d + 1);
        csv += &format!("{head},Head {name},Head of {name},1,{name}\n");
        for k in 1..=5 {
            let officer = 100 * (d + 1) + k;
            csv += &format!("{officer},{name} officer {k},{name} Officer {k},{head},{name}\n");
            csv += &format!(
                "{},{name} assistant {k},{name} Assistant {k},{officer},{name}\n",
                officer + 50
            );
        }
    }
    // A carer reporting to the middle one of the finance officers.
    csv += "999,Carer on loan,Care Assistant 9,103,Care\n";
    let (map, _, metrics) = imported_and_laid_out(csv.as_bytes());
    assert!(map.teams.len() >= 9, "{} teams", map.teams.len());
    assert_eq!((metrics.crossings, metrics.label_overlaps), (0, 0));
}

/// A table imported with the default options, and the measures of its map's layout.
fn imported_and_laid_out(bytes: &[u8]) -> (OrgMap, ImportReport, layout::metrics::Metrics) {
    let table = table::table_from_bytes(bytes, None).unwrap();
    let (map, report) = table::import(&table, "chart", &ImportOptions::default()).unwrap();
    let options = LayoutOptions::default();
    let placed = layout::compute(&map, &options, &layout::approximate_width);
    let metrics = layout::measure_layout(&map, &placed, &options);
    (map, report, metrics)
}

/// The public org charts of issue 14 are lines of report alone: an id, a name, a title and a
/// manager, no department. Such a chart, 4 to 8 levels deep and lopsided (a few managers with
/// most of the reports), is a tree, and comes out as one: not a line of report crossing
/// another (43 crossed on the chart of 107 people before the ring following the one inside
/// read its managers' angles right, 533 on the chart of 1,500 before crowded rings gave up
/// their staggered tracks for their reports' sake).
#[test]
fn an_imported_chart_of_lines_of_report_alone_is_drawn_without_a_crossing() {
    for rows in [107, 195, 400, 1_500] {
        let csv: String = big_chart(rows)
            .lines()
            .map(|line| line.rsplit_once(',').map_or(line, |(rest, _)| rest).to_string() + "\n")
            .collect();
        assert!(csv.starts_with("Employee ID,Name,Job Title,Manager ID\n"), "{csv:.60}");
        let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
        let (map, _) = table::import(&table, "chart", &ImportOptions::default()).unwrap();
        assert!(map.teams.is_empty() && map.rings.len() >= 5, "{rows}: {} rings", map.rings.len());
        let options = LayoutOptions::default();
        let placed = layout::compute(&map, &options, &layout::approximate_width);
        let metrics = layout::measure_layout(&map, &placed, &options);
        assert_eq!(metrics.crossings, 0, "{rows} rows");
        assert_eq!(metrics.label_overlaps, 0, "{rows} rows");
    }
}

fn orgmap(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgmap")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn the_command_line_writes_the_map_and_reports_in_text_or_json() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("missing_manager.csv"), dir.path().join("chart.csv")).unwrap();
    let output = orgmap(&["import", "chart.csv"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("4 rows read: 4 roles"), "{text}");
    assert!(text.contains("line 4: manager \"99\" is not in the file"), "{text}");
    assert!(text.contains("Wrote chart.ron"), "{text}");
    let map = orgmap::format::load(&dir.path().join("chart.ron")).unwrap();
    assert_eq!(map.roles.len(), 4);
    // Never over an existing file unless it is named.
    let again = orgmap(&["import", "chart.csv"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("chart.ron already exists"));
    let json = orgmap(&["import", "chart.csv", "-o", "chart.ron", "--report", "json"], dir.path());
    assert!(json.status.success());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for key in ["rows", "roles", "people", "vacant", "links", "tops"] {
        assert!(report[key].is_u64(), "{key}: {report}");
    }
    assert_eq!(report["warnings"][1]["line"], 4);
    assert!(report["warnings"][1]["message"].as_str().unwrap().contains("\"99\""));
    assert!(report["skipped"].as_array().unwrap().is_empty());
    // Standard output takes the map; the report goes to standard error.
    let piped = orgmap(&["import", "chart.csv", "-o", "-"], dir.path());
    assert!(String::from_utf8_lossy(&piped.stdout).starts_with("(\n    format: 1,"));
    assert!(String::from_utf8_lossy(&piped.stderr).contains("4 rows read"));
}

#[test]
fn the_command_line_names_the_headers_and_flags_when_columns_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("people.csv"), "Nr,Who,Above\n1,Ada,\n").unwrap();
    let output = orgmap(&["import", "people.csv"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("people.csv: no id or manager column found"), "{err}");
    assert!(err.contains("\"Nr\", \"Who\", \"Above\""), "{err}");
    assert!(err.contains("--id COLUMN and --manager COLUMN"), "{err}");
    assert!(!dir.path().join("people.ron").exists(), "nothing written");
    let ok = orgmap(&["import", "people.csv", "--id", "Nr", "--manager", "3"], dir.path());
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
}

#[test]
fn export_csv_from_the_command_line_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let sample = format!("{}/sample_orgs/wellbeing_teams.ron", env!("CARGO_MANIFEST_DIR"));
    let output = orgmap(&["export", &sample, "--format", "csv", "-o", "map.csv"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let back = orgmap(&["import", "map.csv"], dir.path());
    assert!(back.status.success(), "{}", String::from_utf8_lossy(&back.stderr));
    let map = orgmap::format::load(&dir.path().join("map.ron")).unwrap();
    assert_eq!(map.roles.len(), 18);
    assert_eq!(map.rings[0].name, "The person, their family and Community Circle");
}

#[test]
fn a_department_whose_people_report_elsewhere_gets_a_sector_there() {
    // Finance people under Finance, and one Finance analyst reporting into Operations.
    let csv = "id,manager,name,title,department\n\
               1,,Ada,Chief Executive,Leadership\n\
               2,1,Ben,Finance Director,Finance\n\
               3,1,Cy,Operations Director,Operations\n\
               4,2,Di,Accountant,Finance\n\
               5,2,Ed,Bookkeeper,Finance\n\
               6,3,Flo,Analyst,Finance\n\
               7,3,Gus,Planner,Operations\n";
    let table = table::table_from_bytes(csv.as_bytes(), None).unwrap();
    let (map, report) = table::import(&table, "t", &ImportOptions::default()).unwrap();
    let team_of = |name: &str| {
        let id = &role(&map, name).team;
        map.team(id).map(|t| t.name.clone()).unwrap_or_default()
    };
    assert_eq!(team_of("Accountant"), "Finance");
    assert_eq!(team_of("Bookkeeper"), "Finance");
    assert_eq!(team_of("Analyst"), "Finance (Operations)");
    assert_eq!(team_of("Planner"), "Operations");
    assert!(warned(&report, 7, "Finance is in 2 places"), "{report:?}");
    // Drawn without a crossing: the analyst sits under the Operations Director.
    let options = LayoutOptions::default();
    let placed = layout::compute(&map, &options, &layout::approximate_width);
    assert_eq!(layout::measure_layout(&map, &placed, &options).crossings, 0);
}

#[test]
fn a_map_file_given_as_a_table_is_refused_with_what_to_do() {
    let sample = format!("{}/sample_orgs/wellbeing_teams.ron", env!("CARGO_MANIFEST_DIR"));
    let error = table::import_file(Path::new(&sample), &ImportOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("this is an orgmap map, not a table"), "{message}");
    assert!(message.contains("fix: open it with `orgmap FILE.ron`"), "{message}");
}
