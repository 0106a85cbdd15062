//! `orgmap skills` and `orgmap fit` (issue 17): their JSON shapes are a public interface.

use std::process::Command;

fn orgmap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

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
