//! `orgmap skills` and `orgmap fit` (issue 17): their JSON shapes are a public interface.

use egui_kittest::kittest::Queryable;

mod common;
use common::orgmap;

fn json(args: &[&str]) -> serde_json::Value {
    let out = orgmap(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

const WELLBEING: &str = "sample_orgs/wellbeing_teams.ron";

#[test]
fn skills_json_lists_needs_people_risk_and_gaps() {
    let v = json(&["skills", WELLBEING, "--format", "json"]);
    let skills = v["skills"].as_array().unwrap();
    assert!(!skills.is_empty());
    for skill in skills {
        assert!(skill["name"].is_string());
        assert!(["ok", "single", "uncovered"].contains(&skill["risk"].as_str().unwrap()));
        for need in skill["needed"].as_array().unwrap() {
            assert!(need["role"].is_string() && need["level"].is_u64(), "{need}");
        }
        for person in skill["people"].as_array().unwrap() {
            assert!(person["person"].is_string() && person["level"].is_u64(), "{person}");
        }
    }
    // The sample's Care Certificate assessment is needed by the Practice Coach and nobody has
    // it; Coaching at 4 only Sam has.
    let named = |name: &str| skills.iter().find(|s| s["name"] == name).unwrap().clone();
    assert_eq!(named("Care Certificate assessment")["risk"], "uncovered");
    assert_eq!(named("Coaching")["risk"], "single");
    let gaps = v["gaps"].as_array().unwrap();
    let gap = gaps
        .iter()
        .find(|g| g["person"] == "priya" && g["skill"] == "Personal care")
        .expect("Priya holds the Wellbeing Worker without personal care");
    assert_eq!(
        (gap["role"].as_str(), gap["has"].as_u64(), gap["needs"].as_u64()),
        (Some("wellbeing-worker"), Some(0), Some(3))
    );
}

#[test]
fn fit_json_ranks_roles_for_a_person_and_people_for_a_role() {
    let v = json(&["fit", WELLBEING, "--person", "sam", "--format", "json"]);
    assert_eq!(v["person"], "sam");
    let roles = v["roles"].as_array().unwrap();
    let fits: Vec<f64> = roles.iter().map(|r| r["fit"].as_f64().unwrap()).collect();
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "best first: {fits:?}");
    assert!(fits.iter().all(|f| (0.0..=1.0).contains(f)));
    let coach = roles.iter().find(|r| r["role"] == "practice-coach").unwrap();
    let develop = coach["develop"].as_array().unwrap();
    assert!(
        develop
            .iter()
            .any(|d| d["skill"] == "Care Certificate assessment" && d["from"] == 0 && d["to"] == 3)
    );

    let v = json(&["fit", WELLBEING, "--role", "practice-coach", "--format", "json"]);
    assert_eq!(v["role"], "practice-coach");
    let people = v["people"].as_array().unwrap();
    assert_eq!(people.len(), 9, "every person of the sample");
    assert!(people.iter().all(|p| p["person"].is_string() && p["develop"].is_array()));
}

#[test]
fn unknown_ids_and_missing_targets_are_refused_with_the_fix() {
    let out = orgmap(&["fit", WELLBEING, "--person", "nobody"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no person with that id") && stderr.contains("sam"), "{stderr}");
    let out = orgmap(&["fit", WELLBEING]);
    assert!(!out.status.success(), "--person or --role is needed");
    let out = orgmap(&["fit", WELLBEING, "--role", "nobody"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no role with that id"));
}

#[test]
fn skills_text_and_csv_read_for_people_and_spreadsheets() {
    let out = orgmap(&["skills", WELLBEING]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Care Certificate assessment") && text.contains("UNCOVERED"), "{text}");
    assert!(text.contains("Priya as Wellbeing Worker: Personal care 0 of 3"), "{text}");
    let out = orgmap(&["skills", WELLBEING, "--format", "csv"]);
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("person,Care Certificate assessment,Coaching"));
    assert!(lines.next().unwrap().starts_with("highest need,3,4"));
    assert!(lines.next().unwrap().starts_with("risk,uncovered,single"));
    assert_eq!(lines.count(), 9, "one row per person");
    let out = orgmap(&["skills", "sample_orgs/empty.ron"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("No skills in this map yet"));
}

/// The Skills tab: choosing a skill highlights on the map the roles that need it and the roles
/// whose holders have it; its detail names them.
#[test]
fn choosing_a_skill_in_the_skills_tab_highlights_its_roles_on_the_map() {
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    harness.get_by_label("Skills").click();
    harness.run_steps(3);
    harness.get_by_label("List").click();
    harness.run_steps(3);
    assert!(harness.query_all_by_label("1 person").count() >= 2, "risk badges are shown");
    assert!(harness.query_all_by_label("nobody").count() >= 2, "uncovered skills say so");
    harness.get_by_label("Coaching  ·  needs 4").click();
    harness.run_steps(4);
    let app = harness.state();
    let map = &app.doc.map;
    let coach = map.role_index("team-coach").unwrap();
    let matches = app.scene_focus().matches.expect("the map highlights the skill's roles");
    assert!(matches.contains(&coach), "the Team Coach needs Coaching");
    let needing: Vec<usize> = (0..map.roles.len())
        .filter(|&r| map.roles[r].skills.iter().any(|s| s.name == "Coaching"))
        .collect();
    assert!(needing.iter().all(|r| matches.contains(r)));
    assert!(matches.len() < map.roles.len(), "the others are not highlighted");
    assert!(harness.query_by_label_contains("Sam · level 4").is_some(), "who has it");
    // A selected role's needs are marked in the list.
    common::click_role(&mut harness, "team-coach");
    harness.run_steps(3);
    let coach = common::role_index(&harness, "team-coach");
    let needs = harness.state().doc.map.roles[coach].skills.clone();
    let marked = |level: u8| harness.query_all_by_label(&format!("▶{level}")).count();
    for level in 1..=5 {
        let n = needs.iter().filter(|s| s.level == level).count();
        assert_eq!(marked(level), n, "the Team Coach's needs at level {level} are marked");
    }
    assert!(!needs.is_empty());
}

/// The matrix: a skill's header chooses it (the map highlights its roles) and orders the
/// people by their level of it; a person's name selects them.
#[test]
fn the_skills_matrix_orders_people_by_the_chosen_skill_and_selects_them() {
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    harness.get_by_label("Skills").click();
    harness.run_steps(3);
    let row_of = |harness: &egui_kittest::Harness<'_, orgmap::app::OrgMapApp>, name: &str| {
        harness.get_by_label(name).rect().center().y
    };
    let map = harness.state().doc.map.clone();
    let mut names: Vec<String> = map.people.iter().map(|p| p.name.clone()).collect();
    names.sort_by_key(|n| n.to_lowercase());
    let ys: Vec<f32> = names.iter().map(|n| row_of(&harness, n)).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "people A to Z at first: {names:?} {ys:?}");
    harness.get_by_label("Coaching").click();
    harness.run_steps(4);
    let app = harness.state();
    let coach = map.role_index("team-coach").unwrap();
    let matches = app.scene_focus().matches.expect("the map highlights the skill's roles");
    assert!(matches.contains(&coach), "the Team Coach needs Coaching");
    let level = |name: &str| {
        let person = map.people.iter().find(|p| p.name == name).unwrap();
        person.skills.iter().filter(|s| s.name == "Coaching").map(|s| s.level).max().unwrap_or(0)
    };
    let mut by_row: Vec<(f32, u8)> =
        names.iter().map(|n| (row_of(&harness, n), level(n))).collect();
    by_row.sort_by(|a, b| a.0.total_cmp(&b.0));
    let levels: Vec<u8> = by_row.iter().map(|r| r.1).collect();
    assert!(levels.windows(2).all(|w| w[0] >= w[1]), "highest Coaching first: {levels:?}");
    assert!(levels[0] >= 4, "Sam, who has Coaching 4, comes first");
    harness.get_by_label("Sam").click();
    harness.run_steps(3);
    let sam = map.people.iter().position(|p| p.name == "Sam").unwrap();
    assert_eq!(harness.state().selection, orgmap::ui::selection::Selection::Person(sam));
}

/// Two spellings of one skill are offered for merging; the merge renames it in every role and
/// person, and one undo puts them back.
#[test]
fn near_duplicate_skills_are_merged_from_the_skills_tab_in_one_undo_step() {
    use eframe::egui::{Key, Modifiers};
    let dir = tempfile::tempdir().unwrap();
    let mut map = orgmap::format::load(&common::sample_path("wellbeing_teams.ron")).unwrap();
    let sam = map.people.iter().position(|p| p.id == "sam").unwrap();
    map.people[sam].skills.push(orgmap::model::Skill { name: "Facilitating".into(), level: 2 });
    let file = dir.path().join("dupes.ron");
    orgmap::format::save(&file, &map).unwrap();
    let mut harness = common::harness_for(orgmap::app::OrgMapApp::open(Some(&file)));
    harness.run_steps(3);
    harness.get_by_label("Skills").click();
    harness.run_steps(3);
    harness.get_by_label("Merge into “Facilitation”").click();
    harness.run_steps(3);
    let names = |h: &egui_kittest::Harness<'_, orgmap::app::OrgMapApp>| -> Vec<String> {
        let map = &h.state().doc.map;
        map.people
            .iter()
            .chain(std::iter::empty())
            .flat_map(|p| p.skills.iter().map(|s| s.name.clone()))
            .collect()
    };
    assert!(!names(&harness).contains(&"Facilitating".to_string()), "renamed everywhere");
    let sam_skills = &harness.state().doc.map.people[sam].skills;
    assert_eq!(sam_skills.iter().filter(|s| s.name == "Facilitation").count(), 1, "kept once");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(names(&harness).contains(&"Facilitating".to_string()), "one undo brings it back");
}

/// A role's inspector shows who has each skill it needs and its holders' gaps; a person's
/// shows the roles they fit best.
#[test]
fn inspectors_show_a_roles_cover_and_a_persons_best_fits() {
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    common::click_role(&mut harness, "wellbeing-worker");
    harness.run_steps(3);
    assert!(harness.query_by_label("Person-centred practice 3: only Priya 4").is_some());
    assert!(harness.query_by_label("Priya holds it with Personal care 0 of 3").is_some());
    let sam = harness.state().doc.map.people.iter().position(|p| p.id == "sam").unwrap();
    harness.state_mut().selection = orgmap::ui::selection::Selection::Person(sam);
    harness.run_steps(3);
    assert!(harness.query_by_label("Fits best").is_some());
    assert!(harness.query_by_label_contains("develop Care Certificate assessment 0 → 3").is_some());
    // With Care Certificate assessment 2 and Online community management 2, one level more of
    // the first would open the Practice Coach: the inspector says so.
    let dir = tempfile::tempdir().unwrap();
    let mut map = orgmap::format::load(&common::sample_path("wellbeing_teams.ron")).unwrap();
    let sam = map.people.iter_mut().find(|p| p.id == "sam").unwrap();
    for name in ["Care Certificate assessment", "Online community management"] {
        sam.skills.push(orgmap::model::Skill { name: name.into(), level: 2 });
    }
    let path = dir.path().join("sam.ron");
    orgmap::format::save(&path, &map).unwrap();
    let mut harness = common::harness_for(orgmap::app::OrgMapApp::open(Some(&path)));
    let sam = map.people.iter().position(|p| p.id == "sam").unwrap();
    harness.state_mut().selection = orgmap::ui::selection::Selection::Person(sam);
    harness.run_steps(3);
    let next = "Next step: Care Certificate assessment 2 → 3 opens Practice Coach";
    assert!(harness.query_by_label(next).is_some(), "the unlocking skill is shown");
}

/// `export --view skills`: the matrix as SVG (text stays text), PNG, PDF and CSV.
#[test]
fn the_skills_matrix_exports_as_svg_png_pdf_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = orgmap(&["export", WELLBEING, "--view", "skills", "--format", "svg"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8_lossy(&out.stdout);
    for text in [">Care Certificate assessment<", ">highest need<", ">none<", ">Sam<"] {
        assert!(svg.contains(text), "{text} in the SVG");
    }
    for (format, magic) in [("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF"[..])] {
        let path = dir.path().join(format!("matrix.{format}"));
        let path = path.to_str().unwrap();
        let out =
            orgmap(&["export", WELLBEING, "--view", "skills", "--format", format, "-o", path]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read(path).unwrap().starts_with(magic), "{format}");
    }
    let out = orgmap(&["export", WELLBEING, "--view", "skills", "--format", "csv"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("person,Care Certificate"));
    let out = orgmap(&["export", WELLBEING, "--view", "skills", "--format", "dot"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("svg, png, pdf or csv"));
}

/// Map > Compose role…: a duty moved from another role into a new one, one undo step.
#[test]
fn a_role_is_composed_of_a_duty_moved_from_another_and_undone_in_one_step() {
    use eframe::egui::{Key, Modifiers};
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    let before = harness.state().doc.map.clone();
    let coach = common::role_index(&harness, "practice-coach");
    let duty = before.roles[coach].responsibilities[1].duties[0].clone();
    harness.get_by_label("Map").click();
    harness.run_steps(2);
    harness.get_by_label("Compose role…").click();
    harness.run_steps(4);
    // The dialog's header (drawn after the outline's row of the same name).
    harness.get_all_by_label("Practice Coach").last().unwrap().click();
    // Until the header has opened (it slides open).
    harness.run_steps(30);
    harness.get_by_label_contains(&duty).click();
    harness.get_by_label("Move them").click();
    harness.run_steps(2);
    harness.get_by_label("Create role").click();
    harness.run_steps(4);
    let map = &harness.state().doc.map;
    assert_eq!(map.roles.len(), before.roles.len() + 1);
    let new = map.roles.last().unwrap();
    assert_eq!(new.responsibilities[0].duties, std::slice::from_ref(&duty));
    assert!(!map.roles[coach].responsibilities.iter().any(|a| a.duties.contains(&duty)), "moved");
    assert_eq!(
        harness.state().selected_role(),
        Some(map.roles.len() - 1),
        "the new role is selected"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map, before, "one undo");
}

/// A multi-selection's inspector composes a role from the selected roles only.
#[test]
fn a_multi_selection_composes_a_role_from_its_roles() {
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    let coach = common::role_index(&harness, "team-coach");
    let worker = common::role_index(&harness, "wellbeing-worker");
    harness.state_mut().selection = orgmap::ui::selection::Selection::Roles(vec![coach, worker]);
    harness.run_steps(3);
    let count = |harness: &egui_kittest::Harness<'_, orgmap::app::OrgMapApp>, name: &str| {
        harness.query_all_by_label(name).count()
    };
    let (coaches, rota) = (count(&harness, "Team Coach"), count(&harness, "Rota Coordinator"));
    harness.get_by_label("Compose a role from these…").click();
    harness.run_steps(4);
    assert!(harness.query_by_label("Create role").is_some(), "the composer is open");
    assert_eq!(count(&harness, "Team Coach"), coaches + 1, "a selected role is a source");
    assert_eq!(count(&harness, "Rota Coordinator"), rota, "a role not selected is not");
}
