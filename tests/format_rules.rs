//! Every rule of FORMAT.md's "Rules a reader enforces": the error names the id, the line and
//! column, and what to do. Nothing is half-loaded.

use orgmap::format::{self, Problem};

/// A valid map to break one rule at a time. Line numbers in the tests refer to this text.
const BASE: &str = r#"(
    format: 1,
    name: "Test",
    rings: [
        (id: "circle", name: "Circle"),
        (id: "team", name: "Team"),
        (id: "support", name: "Support"),
        (id: "national", name: "National"),
    ],
    teams: [
        (id: "coproduction", name: "Co-production", ring: "support"),
    ],
    roles: [
        (id: "practice-coach", name: "Practice Coach", ring: "support", team: "coproduction"),
        (id: "worker", name: "Worker", ring: "team", holders: ["lesley"]),
    ],
    people: [
        (id: "lesley", name: "Lesley", skills: [(name: "Mapping", level: 4)]),
    ],
    links: [
        (from: "practice-coach", to: "worker", kind: Coaches),
    ],
)
"#;

fn problems(source: &str) -> Vec<Problem> {
    match format::from_str(source) {
        Ok(map) => panic!("expected errors, but the map loaded: {map:?}"),
        Err(problems) => problems,
    }
}

/// The one problem of `source`, asserting there is exactly one.
fn only_problem(source: &str) -> Problem {
    let found = problems(source);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found.into_iter().next().unwrap()
}

fn line_of(problem: &Problem) -> usize {
    problem.at.expect("the problem should have a line").line
}

#[test]
fn the_base_map_is_valid() {
    let map = format::from_str(BASE).unwrap();
    assert_eq!(map.roles.len(), 2);
}

#[test]
fn the_example_in_format_md_parses_with_every_field() {
    let source = include_str!("fixtures/format_example.ron");
    let map = format::from_str(source).unwrap();
    assert_eq!(map.name, "Wellbeing Teams");
    assert_eq!(map.rings.len(), 4);
    assert_eq!(map.rings[1].color, "#7fb3d5");
    let coach = map.role("practice-coach").unwrap();
    assert_eq!(coach.status, orgmap::model::Status::Vacant);
    assert_eq!(coach.responsibilities[0].duties.len(), 2);
    assert_eq!(coach.skills[0].level, 3);
    assert_eq!(map.role("wellbeing-worker").unwrap().angle, Some(90.0));
    assert_eq!(map.role("team-coach").unwrap().holders, vec!["lesley".to_string()]);
    assert_eq!(map.links[0].kind, orgmap::model::LinkKind::Collaborates);
    assert_eq!(map.links[0].note, "The coaches support each other");
}

#[test]
fn the_fixture_is_the_example_in_docs_format_md() {
    let docs = include_str!("../docs/FORMAT.md");
    let start = docs.find("```ron\n").expect("docs/FORMAT.md has a ron example") + "```ron\n".len();
    let end = start + docs[start..].find("```").unwrap();
    assert_eq!(&docs[start..end], include_str!("fixtures/format_example.ron"));
}

#[test]
fn a_dangling_ring_names_the_role_the_ring_and_the_choices() {
    let source = BASE.replace(
        r#"name: "Practice Coach", ring: "support""#,
        r#"name: "Practice Coach", ring: "suport""#,
    );
    let problem =
        problems(&source).into_iter().find(|p| p.message.contains("ring 'suport'")).unwrap();
    assert_eq!(problem.message, "role 'practice-coach' names ring 'suport', which does not exist");
    assert_eq!(problem.fix, "did you mean 'support'? rings are: circle, team, support, national");
    assert_eq!(line_of(&problem), 14);
    assert_eq!(problem.at.unwrap().col, 56, "points at the ring field");
}

#[test]
fn a_dangling_team_holder_and_link_end_are_each_reported() {
    let source = BASE
        .replace(r#"team: "coproduction")"#, r#"team: "coprod")"#)
        .replace(r#"holders: ["lesley"]"#, r#"holders: ["lesly"]"#)
        .replace(r#"to: "worker""#, r#"to: "wroker""#);
    let found = problems(&source);
    assert_eq!(found.len(), 3, "all problems at once: {found:#?}");
    assert!(found[0].message.contains("role 'practice-coach' names team 'coprod'"));
    assert_eq!(line_of(&found[0]), 14);
    assert!(found[1].message.contains("role 'worker' names holder 'lesly'"));
    assert!(found[1].fix.contains("did you mean 'lesley'?"));
    assert_eq!(line_of(&found[1]), 15);
    assert!(found[2].message.contains("names to role 'wroker'"));
    assert_eq!(line_of(&found[2]), 21);
}

#[test]
fn a_team_on_a_missing_ring_is_refused() {
    let source = BASE.replace(r#"ring: "support"),"#, r#"ring: "nowhere"),"#);
    let found = problems(&source);
    let problem = found.iter().find(|p| p.message.contains("team 'coproduction'")).unwrap();
    assert!(problem.message.contains("names ring 'nowhere'"));
    assert_eq!(line_of(problem), 11);
}

#[test]
fn a_role_whose_team_is_on_another_ring_is_refused() {
    let source =
        BASE.replace(r#"ring: "team", holders"#, r#"ring: "team", team: "coproduction", holders"#);
    let problem = only_problem(&source);
    assert_eq!(
        problem.message,
        "role 'worker' is on ring 'team' but its team 'coproduction' is on ring 'support'"
    );
    assert_eq!(line_of(&problem), 15);
}

#[test]
fn an_unknown_field_names_the_allowed_fields() {
    let source = BASE.replace(r#"(id: "worker", name"#, r#"(id: "worker", nmae"#);
    let problem = only_problem(&source);
    assert!(problem.message.contains("unknown field `nmae` in a role"), "{}", problem.message);
    assert!(problem.fix.contains("id, name, ring, team, status, purpose"), "{}", problem.fix);
    assert_eq!(line_of(&problem), 15);
}

#[test]
fn a_missing_required_field_is_named() {
    let source = BASE.replace(
        r#"(id: "worker", name: "Worker", ring: "team","#,
        r#"(id: "worker", name: "Worker","#,
    );
    let problem = only_problem(&source);
    assert!(problem.message.contains("`ring` is missing in a role"), "{}", problem.message);
    assert_eq!(line_of(&problem), 15);
}

#[test]
fn a_newer_format_is_refused_naming_both_numbers() {
    // A newer file may hold fields this build does not know: the version must be the error.
    let source = BASE.replace("format: 1,", "format: 7,\n    timeline: [],");
    let problem = only_problem(&source);
    assert!(problem.message.contains("format 7"), "{}", problem.message);
    assert!(problem.message.contains("reads format 1"), "{}", problem.message);
    assert_eq!(line_of(&problem), 2);
    assert!(problem.fix.contains("newer orgmap"));
}

#[test]
fn empty_and_duplicate_ids_are_refused() {
    let source = BASE
        .replace(r#"(id: "national", name"#, r#"(id: "team", name"#)
        .replace(r#"(id: "lesley", name"#, r#"(id: "", name"#)
        .replace(r#"holders: ["lesley"]"#, "holders: []");
    let found = problems(&source);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].message, "ring id 'team' is used twice (rings 2 and 4)");
    assert_eq!(line_of(&found[0]), 8);
    assert_eq!(found[1].message, "person 1 has an empty id");
    assert_eq!(line_of(&found[1]), 18);
}

#[test]
fn a_skill_level_outside_one_to_five_is_refused() {
    let source = BASE.replace("level: 4", "level: 9");
    let problem = only_problem(&source);
    assert_eq!(problem.message, "person 'lesley' has skill 'Mapping' at level 9");
    assert!(problem.fix.contains("1 (aware) to 5 (expert)"));
    assert_eq!(line_of(&problem), 18);
}

#[test]
fn a_colour_that_is_not_hex_is_refused() {
    let source = BASE
        .replace(r#"(id: "team", name: "Team")"#, r#"(id: "team", name: "Team", color: "blue")"#);
    let problem = only_problem(&source);
    assert_eq!(problem.message, "ring 'team' has color \"blue\", which is not #rrggbb");
    assert_eq!(line_of(&problem), 6);
}

#[test]
fn an_angle_that_is_not_finite_is_refused() {
    let source = BASE.replace(r#"ring: "team", holders"#, r#"ring: "team", angle: inf, holders"#);
    let problem = only_problem(&source);
    assert!(problem.message.contains("role 'worker' has angle inf"), "{}", problem.message);
    assert_eq!(line_of(&problem), 15);
}

#[test]
fn a_map_without_rings_is_refused() {
    let problem = only_problem(r#"(name: "Nothing yet")"#);
    assert_eq!(problem.message, "the map has no rings");
    assert!(problem.fix.contains("rings: [(id:"));
}

#[test]
fn a_syntax_error_has_its_line_and_column() {
    let source = BASE.replace(r#"(id: "team", name: "Team"),"#, r#"(id: "team" name: "Team"),"#);
    let problem = only_problem(&source);
    assert_eq!(line_of(&problem), 6);
}

#[test]
fn self_links_and_repeated_links_load_but_the_health_check_reports_them() {
    let source = BASE.replace(
        r#"(from: "practice-coach", to: "worker", kind: Coaches),"#,
        r#"(from: "practice-coach", to: "worker", kind: Coaches),
        (from: "practice-coach", to: "worker", kind: Coaches),
        (from: "worker", to: "worker"),"#,
    );
    let map = format::from_str(&source).unwrap();
    let findings = orgmap::model::health(&map);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert!(findings[0].message.contains("repeats link 1"));
    assert!(findings[1].message.contains("from role 'worker' to itself"));
}

#[test]
fn a_load_error_renders_file_line_column_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, BASE.replace(r#"ring: "support", team"#, r#"ring: "suport", team"#))
        .unwrap();
    let error = format::load(&path).unwrap_err().to_string();
    let expected_place =
        format!("{}:14:56: role 'practice-coach' names ring 'suport'", path.display());
    assert!(error.contains(&expected_place), "{error}");
    assert!(error.contains("\n    fix: did you mean 'support'?"), "{error}");
}

#[test]
fn an_empty_file_is_called_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, " \n").unwrap();
    let error = format::load(&path).unwrap_err().to_string();
    assert!(error.contains("the file is empty"), "{error}");
    assert!(error.contains("fix: restore it from git"), "{error}");
}
