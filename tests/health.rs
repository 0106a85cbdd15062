//! `orgmap overlap` and `orgmap health` (issue 18): their JSON shapes and exit codes are a
//! public interface.

mod common;
use common::orgmap;

const WELLBEING: &str = "sample_orgs/wellbeing_teams.ron";

fn json(args: &[&str]) -> serde_json::Value {
    let out = orgmap(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

#[test]
fn overlap_json_lists_duty_pairs_with_shared_terms_and_role_overlaps() {
    let v = json(&["overlap", WELLBEING, "--format", "json"]);
    let duties = v["duties"].as_array().unwrap();
    assert!(!duties.is_empty());
    let scores: Vec<f64> = duties.iter().map(|d| d["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "strongest first: {scores:?}");
    for d in duties {
        assert!(d["a"]["role"].is_string() && d["a"]["text"].is_string(), "{d}");
        assert!(d["b"]["role"].is_string() && d["b"]["text"].is_string(), "{d}");
        assert_ne!(d["a"]["role"], d["b"]["role"], "never within one role");
        assert!(d["shared"].as_array().is_some_and(|s| !s.is_empty()));
    }
    // The sample's two Community Circle Connectors share three duties word for word.
    let roles = v["roles"].as_array().unwrap();
    let connectors = roles
        .iter()
        .find(|r| {
            r["a"] == "community-circle-connector" && r["b"] == "community-circle-connector-devon"
        })
        .expect("the two connectors overlap");
    assert!(connectors["overlap"].as_f64().unwrap() > 0.5, "{connectors}");
    let strict = json(&["overlap", WELLBEING, "--format", "json", "--min", "0.99"]);
    assert!(strict["duties"].as_array().unwrap().len() < duties.len(), "--min raises the bar");
}

#[test]
fn health_json_names_kind_severity_id_message_and_fix() {
    let v = json(&["health", WELLBEING, "--format", "json"]);
    let findings = v["findings"].as_array().unwrap();
    for f in findings {
        for key in ["kind", "id", "message", "fix"] {
            assert!(f[key].as_str().is_some_and(|s| !s.is_empty()), "{key} of {f}");
        }
        assert!(["warning", "note"].contains(&f["severity"].as_str().unwrap()), "{f}");
    }
    let kinds: Vec<&str> = findings.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for kind in ["gap", "skill-uncovered", "duplicate-duty", "incomplete"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let gap = findings
        .iter()
        .find(|f| f["kind"] == "gap" && f["message"].as_str().unwrap().starts_with("Priya"))
        .unwrap();
    assert_eq!(gap["id"], "wellbeing-worker");
}

#[test]
fn health_exits_1_only_when_strict_and_warned() {
    assert!(orgmap(&["health", WELLBEING]).status.success());
    assert_eq!(orgmap(&["health", WELLBEING, "--strict"]).status.code(), Some(1));
    let empty = orgmap(&["health", "sample_orgs/empty.ron", "--strict"]);
    assert!(empty.status.success(), "{}", String::from_utf8_lossy(&empty.stdout));
    let broken = orgmap(&["health", "no-such-map.ron"]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("no-such-map.ron"));
    let bad = orgmap(&["health", WELLBEING, "--min", "3"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("outside 0 to 1"));
}

#[test]
fn max_roles_sets_how_many_roles_one_person_may_hold() {
    let count = |n: &str| {
        let v = json(&["health", WELLBEING, "--format", "json", "--max-roles", n]);
        v["findings"].as_array().unwrap().iter().filter(|f| f["kind"] == "many-roles").count()
    };
    assert!(count("0") > 0, "everyone who holds a role holds more than none");
    assert_eq!(count("100"), 0);
}

/// The Health tab lists the findings; a click selects what one names. A role's inspector says
/// which other roles do its duties, with a click to them.
#[test]
fn the_health_tab_lists_findings_and_a_click_selects_the_role() {
    use egui_kittest::kittest::Queryable;
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    harness.get_by_label("Health").click();
    harness.run_steps(3);
    let message = "Priya holds Wellbeing Worker with Personal care 0 of the 3 it needs";
    harness.get_by_label(message).click();
    harness.run_steps(3);
    let worker = common::role_index(&harness, "wellbeing-worker");
    assert_eq!(harness.state().selected_role(), Some(worker));
    assert!(harness.query_by_label_contains("notes").is_some(), "the counts are shown");
    harness.get_by_label("Duplicated duties").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Recruit, match and support volunteers").is_some());
    // The connector's inspector: its duties said by the Devon connector too.
    let connector = common::role_index(&harness, "community-circle-connector");
    harness.state_mut().selection = orgmap::ui::selection::Selection::role(connector);
    harness.run_steps(3);
    assert!(harness.query_by_label("Also done by").is_some());
    let devon = common::role_index(&harness, "community-circle-connector-devon");
    let links = harness.query_all_by_label("Community Circle Connector (Devon)").count();
    assert!(links >= 3, "each shared duty links to the other role");
    // The inspector's link (the panel on the right), scrolled into view first.
    let x = |harness: &egui_kittest::Harness<'_, orgmap::app::OrgMapApp>| {
        let nodes = harness.get_all_by_label("Community Circle Connector (Devon)");
        nodes.map(|n| n.rect().center().x).fold(0.0, f32::max)
    };
    let right = x(&harness);
    let node = harness
        .get_all_by_label("Community Circle Connector (Devon)")
        .find(|n| n.rect().center().x == right)
        .unwrap();
    node.scroll_to_me();
    harness.run_steps(3);
    let node = harness
        .get_all_by_label("Community Circle Connector (Devon)")
        .max_by(|a, b| a.rect().center().x.total_cmp(&b.rect().center().x))
        .unwrap();
    node.click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected_role(), Some(devon));
}

/// "Keep only here" on a duplicated duty takes it out of the other roles, in one undo step.
#[test]
fn a_duplicated_duty_is_kept_in_one_role_and_undone_in_one_step() {
    use eframe::egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    let before = harness.state().doc.map.clone();
    harness.get_by_label("Health").click();
    harness.run_steps(3);
    harness.get_by_label("Duplicated duties").click();
    harness.run_steps(3);
    // The first cluster's first role keeps its duty.
    harness.get_all_by_label("Keep only here").next().unwrap().click();
    harness.run_steps(3);
    let map = &harness.state().doc.map;
    let duty_count = |map: &orgmap::model::OrgMap| -> usize {
        map.roles.iter().flat_map(|r| &r.responsibilities).map(|a| a.duties.len()).sum::<usize>()
            + map.roles.iter().map(|r| r.outcomes.len()).sum::<usize>()
    };
    assert_eq!(duty_count(map), duty_count(&before) - 1, "one copy taken out");
    let found =
        orgmap::analysis::overlap::overlap(map, orgmap::analysis::overlap::DEFAULT_MIN_SCORE);
    let was =
        orgmap::analysis::overlap::overlap(&before, orgmap::analysis::overlap::DEFAULT_MIN_SCORE);
    assert_eq!(found.clusters.len(), was.clusters.len() - 1, "that duplicate is gone");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map, before, "one undo");
}

/// View > Duplicated duties: bands between the roles that share duties, as broad as the share.
#[test]
fn the_duplicated_duties_view_draws_bands_between_roles_that_share_them() {
    use egui_kittest::kittest::Queryable;
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    let ctx = harness.ctx.clone();
    assert!(harness.state_mut().overlap_bands(&ctx).is_empty(), "off at first");
    assert!(harness.query_by_label_contains("shared duties").is_none());
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Duplicated duties (a band").click();
    harness.run_steps(3);
    let bands = harness.state_mut().overlap_bands(&ctx);
    let a = common::role_index(&harness, "community-circle-connector");
    let b = common::role_index(&harness, "community-circle-connector-devon");
    let band =
        bands.iter().find(|&&(x, y, _)| (x, y) == (a.min(b), a.max(b))).expect("the connectors");
    let worker = common::role_index(&harness, "wellbeing-worker");
    let thin =
        bands.iter().find(|&&(x, y, _)| x == worker || y == worker).expect("worker and coach");
    assert!(band.2 > thin.2, "the connectors share more: a broader band");
    // The legend says what the bands are.
    assert!(harness.query_by_label_contains("shared duties").is_some());
}
