//! `orgmap diff`, `orgmap merge` and `orgmap git-setup` (issue 20): their JSON shape, exit
//! codes and the git drivers are a public interface.

mod common;
use std::path::Path;
use std::process::Command;

use common::{orgmap, sample_path};
use orgmap::format;

const WELLBEING: &str = "wellbeing_teams.ron";

fn run_in(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let program = if program == "orgmap" { env!("CARGO_BIN_EXE_orgmap") } else { program };
    Command::new(program)
        .args(args)
        .current_dir(dir)
        // No user's or machine's git settings: the test sets what it needs.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("the program runs")
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = run_in(dir, "git", args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A git repository holding the Wellbeing sample as `map.ron`, committed on `main`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["config", "user.email", "test@example.org"]);
    git(dir.path(), &["config", "user.name", "Test"]);
    std::fs::copy(sample_path(WELLBEING), dir.path().join("map.ron")).unwrap();
    git(dir.path(), &["add", "map.ron"]);
    git(dir.path(), &["commit", "-q", "-m", "the map"]);
    dir
}

/// Loads `path`, changes it, saves it canonically.
fn edit(path: &Path, change: impl FnOnce(&mut orgmap::model::OrgMap)) {
    let mut map = format::load(path).unwrap();
    change(&mut map);
    format::save(path, &map).unwrap();
}

fn role<'a>(map: &'a orgmap::model::OrgMap, id: &str) -> &'a orgmap::model::Role {
    map.roles.iter().find(|r| r.id == id).unwrap()
}

#[test]
fn diff_exits_0_when_the_same_1_when_different_2_on_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    std::fs::copy(sample_path(WELLBEING), &old).unwrap();
    std::fs::copy(sample_path(WELLBEING), &new).unwrap();
    let (old_s, new_s) = (old.to_str().unwrap(), new.to_str().unwrap());
    let same = orgmap(&["diff", old_s, new_s]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no changes\n");
    edit(&new, |m| m.roles[0].purpose.push_str(" And more."));
    assert_eq!(orgmap(&["diff", old_s, new_s]).status.code(), Some(1));
    let missing = orgmap(&["diff", old_s, "no-such-map.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-map.ron"));
    std::fs::write(&new, "(name: \"broken\", rings: [").unwrap();
    let broken = orgmap(&["diff", old_s, new_s]);
    assert_eq!(broken.status.code(), Some(2), "{}", String::from_utf8_lossy(&broken.stderr));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("new.ron"));
}

#[test]
fn diff_json_names_each_change_with_its_old_and_new_value() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.ron");
    std::fs::copy(sample_path(WELLBEING), &new).unwrap();
    edit(&new, |m| {
        let coach = m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap();
        coach.name = "Learning Coach".into();
        coach.purpose = "Help the team learn from everyday work.".into();
        m.roles.retain(|r| r.id != "team-coach");
        m.links.retain(|l| l.from != "team-coach" && l.to != "team-coach");
    });
    let out = orgmap(&[
        "diff",
        &sample_path(WELLBEING).display().to_string(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    for c in changes {
        for key in ["change", "what", "id", "field", "old", "new"] {
            assert!(c.get(key).is_some(), "{key} in {c}");
        }
    }
    let find = |what: &str, id: &str, field: serde_json::Value| {
        changes.iter().find(|c| c["what"] == what && c["id"] == id && c["field"] == field).cloned()
    };
    let renamed = find("role", "practice-coach", "name".into()).expect("a rename");
    assert_eq!(
        (renamed["change"].as_str(), renamed["old"].as_str(), renamed["new"].as_str()),
        (Some("changed"), Some("Practice Coach"), Some("Learning Coach"))
    );
    assert_eq!(
        find("role", "practice-coach", "purpose".into()).unwrap()["new"],
        "Help the team learn from everyday work."
    );
    let removed = find("role", "team-coach", serde_json::Value::Null).expect("a removal");
    assert_eq!(
        (removed["change"].as_str(), removed["old"]["name"].as_str()),
        (Some("removed"), Some("Team Coach"))
    );
    assert!(
        changes.iter().any(|c| c["what"] == "link" && c["change"] == "removed"),
        "its links went with it"
    );
    let text = String::from_utf8_lossy(
        &orgmap(&["diff", &sample_path(WELLBEING).display().to_string(), new.to_str().unwrap()])
            .stdout,
    )
    .into_owned();
    assert!(
        text.contains("~ renamed role practice-coach: \"Practice Coach\" -> \"Learning Coach\""),
        "{text}"
    );
    assert!(text.contains("- removed role team-coach \"Team Coach\""), "{text}");
}

#[test]
fn merge_combines_and_reports_a_conflict_keeping_ours_in_a_valid_map() {
    let dir = tempfile::tempdir().unwrap();
    let [base, ours, theirs, out] =
        ["base", "ours", "theirs", "out"].map(|n| dir.path().join(format!("{n}.ron")));
    for p in [&base, &ours, &theirs] {
        std::fs::copy(sample_path(WELLBEING), p).unwrap();
    }
    edit(&ours, |m| {
        m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap().purpose = "Ours".into()
    });
    edit(&theirs, |m| {
        m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap().purpose = "Theirs".into();
        m.roles.iter_mut().find(|r| r.id == "team-coach").unwrap().pitch =
            "Could this be you?".into();
    });
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let result = orgmap(&["merge", &s(&base), &s(&ours), &s(&theirs), "-o", &s(&out)]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("role practice-coach, purpose")
            && stderr.contains("\"Ours\"")
            && stderr.contains("\"Theirs\""),
        "{stderr}"
    );
    let merged = format::load(&out).expect("a valid map");
    assert_eq!(role(&merged, "practice-coach").purpose, "Ours");
    assert_eq!(role(&merged, "team-coach").pitch, "Could this be you?");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, format::to_string(&merged), "canonical");
    assert!(!written.contains("<<<<<<<"));
    // Nothing to merge but their edit: exit 0.
    let clean = orgmap(&["merge", &s(&base), &s(&base), &s(&theirs), "-o", &s(&out)]);
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stderr));
    std::fs::write(&theirs, "not a map").unwrap();
    let before = std::fs::read(&out).unwrap();
    assert_eq!(
        orgmap(&["merge", &s(&base), &s(&ours), &s(&theirs), "-o", &s(&out)]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read(&out).unwrap(), before, "an error writes nothing");
}

#[test]
fn git_merges_two_branches_that_edit_different_roles_without_a_conflict() {
    let repo = repository();
    let dir = repo.path();
    let setup = run_in(dir, "orgmap", &["git-setup"]);
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    assert!(
        std::fs::read_to_string(dir.join(".gitattributes"))
            .unwrap()
            .contains("*.ron diff=orgmap merge=orgmap")
    );
    git(dir, &["add", ".gitattributes"]);
    git(dir, &["commit", "-q", "-m", "orgmap drivers"]);
    let map = dir.join("map.ron");
    // Both branches add a role at the end of `roles` (a text conflict for git's own merge)
    // and edit different roles.
    git(dir, &["checkout", "-q", "-b", "restructure"]);
    edit(&map, |m| {
        m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap().purpose = "Theirs".into();
        m.roles.push(orgmap::model::Role::new(
            "night-worker",
            "Night Worker",
            m.roles[0].ring.clone(),
        ));
    });
    git(dir, &["commit", "-q", "-am", "their edit"]);
    git(dir, &["checkout", "-q", "main"]);
    edit(&map, |m| {
        m.roles.iter_mut().find(|r| r.id == "team-coach").unwrap().pitch = "Ours".into();
        m.roles.push(orgmap::model::Role::new("gardener", "Gardener", m.roles[0].ring.clone()));
    });
    git(dir, &["commit", "-q", "-am", "our edit"]);
    let diff = git(dir, &["diff", "HEAD~1", "HEAD"]);
    let shown = String::from_utf8_lossy(&diff.stdout);
    assert!(
        shown.contains("+ added role gardener \"Gardener\""),
        "git diff shows the semantic diff: {shown}"
    );
    let merged = run_in(dir, "git", &["merge", "-q", "--no-edit", "restructure"]);
    assert!(
        merged.status.success(),
        "{}{}",
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&merged.stderr)
    );
    let map = format::load(&map).unwrap();
    assert_eq!(role(&map, "practice-coach").purpose, "Theirs");
    assert_eq!(role(&map, "team-coach").pitch, "Ours");
    assert!(
        map.roles.iter().any(|r| r.id == "night-worker")
            && map.roles.iter().any(|r| r.id == "gardener")
    );
    // A map file added is summed up, not listed item by item.
    std::fs::copy(sample_path(WELLBEING), dir.join("second.ron")).unwrap();
    git(dir, &["add", "second.ron"]);
    let added = String::from_utf8_lossy(&git(dir, &["diff", "--cached"]).stdout).into_owned();
    assert!(added.contains("second.ron: new map file, \"Wellbeing Teams\""), "{added}");
}

#[test]
fn git_reports_a_conflict_when_both_branches_change_one_field_and_the_file_stays_a_map() {
    let repo = repository();
    let dir = repo.path();
    assert!(run_in(dir, "orgmap", &["git-setup"]).status.success());
    let map = dir.join("map.ron");
    git(dir, &["checkout", "-q", "-b", "theirs"]);
    edit(&map, |m| {
        m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap().purpose = "Theirs".into()
    });
    git(dir, &["commit", "-q", "-am", "their purpose"]);
    git(dir, &["checkout", "-q", "main"]);
    edit(&map, |m| {
        m.roles.iter_mut().find(|r| r.id == "practice-coach").unwrap().purpose = "Ours".into()
    });
    git(dir, &["commit", "-q", "-am", "our purpose"]);
    let merged = run_in(dir, "git", &["merge", "--no-edit", "theirs"]);
    assert!(!merged.status.success(), "git reports the conflict");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(said.contains("CONFLICT") && said.contains("practice-coach"), "{said}");
    let map = format::load(&map).expect("still a valid map, no conflict markers");
    assert_eq!(role(&map, "practice-coach").purpose, "Ours");
}

#[test]
fn the_diff_picture_marks_the_changes_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.ron");
    std::fs::copy(sample_path(WELLBEING), &new).unwrap();
    edit(&new, |m| {
        let ring = m.roles[0].ring.clone();
        m.roles.push(orgmap::model::Role::new("gardener", "Gardener", ring));
    });
    let old = sample_path(WELLBEING).display().to_string();
    let out = orgmap(&["diff", &old, new.to_str().unwrap(), "--format", "svg"]);
    assert_eq!(out.status.code(), Some(1));
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{}", &svg[..100.min(svg.len())]);
    assert!(
        svg.contains("What changed: 1 change") && svg.contains("added role gardener"),
        "the list beside the map"
    );
    assert!(svg.contains(">+<"), "the added role's badge");
    let png = dir.path().join("diff.png");
    assert_eq!(
        orgmap(&[
            "diff",
            &old,
            new.to_str().unwrap(),
            "--format",
            "png",
            "-o",
            png.to_str().unwrap()
        ])
        .status
        .code(),
        Some(1)
    );
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let no_file = orgmap(&["diff", &old, new.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(no_file.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_file.stderr).contains("-o"));
}
