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
