//! Round trips, atomic saves and hostile files.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use orgmap::format;
use orgmap::model::{LinkKind, OrgMap, Role, Skill};
use proptest::prelude::*;

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sample_orgs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn there_are_five_samples() {
    let names: Vec<String> =
        samples().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "community_of_purpose.ron",
            "empty.ron",
            "enterprise20.ron",
            "living_systems_sales.ron",
            "wellbeing_teams.ron"
        ]
    );
}

#[test]
fn every_sample_loads_and_saves_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for path in samples() {
        let original = fs::read(&path).unwrap();
        let map = format::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let copy = dir.path().join(path.file_name().unwrap());
        format::save(&copy, &map).unwrap();
        assert_eq!(
            fs::read(&copy).unwrap(),
            original,
            "{} is not saved back unchanged: run `orgmap fmt` on it",
            path.display()
        );
        // And again: load -> save -> load -> save is stable.
        let again = format::load(&copy).unwrap();
        assert_eq!(again, map);
        assert_eq!(format::to_string(&again).as_bytes(), original.as_slice());
    }
}

#[test]
fn the_samples_hold_the_material_of_their_sources() {
    let load = |name: &str| {
        format::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name)).unwrap()
    };
    let wellbeing = load("wellbeing_teams.ron");
    assert_eq!(wellbeing.rings[0].name, "The person, their family and Community Circle");
    for role in ["Community Circle Connector", "Practice Coach", "Team Coach", "Wellbeing Leader"] {
        assert!(wellbeing.roles.iter().any(|r| r.name == role), "{role} missing");
    }
    let coach = wellbeing.role("practice-coach").unwrap();
    assert!(coach.pitch.starts_with("Could this be you?"));
    assert_eq!(coach.status, orgmap::model::Status::Vacant);
    assert_eq!(coach.team, "support-team");

    let sales = load("living_systems_sales.ron");
    let vp = sales.role("vp-sales").unwrap();
    assert!(vp.purpose.starts_with("Lead the sales team to achieve organizational goals."));
    assert_eq!(vp.responsibilities[0].area, "Develop a high-performing team.");
    assert_eq!(vp.responsibilities[0].duties.len(), 6);
    assert!(!vp.outcomes.is_empty() && !vp.culture.is_empty());
    assert_eq!(vp.qualifications.len(), 8);

    let community = load("community_of_purpose.ron");
    let fluid = community
        .people
        .iter()
        .filter(|p| community.roles.iter().filter(|r| r.holders.contains(&p.id)).count() > 1);
    assert!(fluid.count() >= 3, "people hold several roles");

    let e20 = load("enterprise20.ron");
    for role in ["Community Manager", "IT 2.0 expert", "Chief Networking Officer"] {
        let role = e20.roles.iter().find(|r| r.name == role).unwrap();
        assert!(role.skills.len() >= 3, "{} is a mix of skills", role.name);
    }

    let empty = load("empty.ron");
    assert_eq!((empty.rings.len(), empty.roles.len()), (1, 0));
}

#[test]
fn a_save_that_fails_while_writing_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    fs::write(&path, "old content").unwrap();
    let error = format::write_atomically_with(&path, |file| {
        file.write_all(b"half of the new")?;
        Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
    })
    .unwrap_err();
    assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
    let message = error.to_string();
    assert!(message.contains("map.ron"), "{message}");
    assert!(message.contains("no space left on device"), "{message}");
    assert!(message.contains("The file on disk was not changed"), "{message}");
    assert!(message.contains("free some disk space"), "{message}");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "the temporary file is removed");
}

#[test]
fn a_save_into_a_missing_folder_says_which_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("map.ron");
    let error = format::save(&path, &OrgMap::new("x")).unwrap_err().to_string();
    assert!(error.contains("no-such-folder"), "{error}");
    assert!(error.contains("check that the folder exists"), "{error}");
}

#[test]
fn a_save_that_cannot_replace_the_target_leaves_it() {
    // Renaming a file over a non-empty folder fails, as a locked or read-only target would.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep.txt"), "kept").unwrap();
    let error = format::save(&path, &OrgMap::new("x")).unwrap_err().to_string();
    assert!(error.contains("replace the old file"), "{error}");
    assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "kept");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_old_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    format::save(&path, &OrgMap::new("x")).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);
}

/// Loads hostile bytes from a file and returns the error text, checking it came fast.
fn hostile(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let error = format::load(&path).unwrap_err().to_string();
    // Generous: the point is "no hang", not a benchmark.
    assert!(started.elapsed() < Duration::from_secs(10), "{name} took {:?}", started.elapsed());
    error
}

#[test]
fn a_300_mb_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).unwrap();
    file.set_len(300 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let error = format::load(&path).unwrap_err().to_string();
    assert!(error.contains("the file is 314.6 MB"), "{error}");
    assert!(error.contains("at most 256 MB"), "{error}");
}

#[test]
fn nesting_100000_deep_is_refused() {
    // Inside a field, and as the whole file: both stop at once with a place, never overflow.
    let mut inside = String::from("(name: \"x\", values: ");
    inside.push_str(&"[".repeat(100_000));
    inside.push_str(&"]".repeat(100_000));
    inside.push(')');
    let error = hostile("deep.ron", inside.as_bytes());
    assert!(error.contains("deep.ron:1:22: expected text in double quotes"), "{error}");

    let whole = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
    let error = hostile("deep.ron", whole.as_bytes());
    assert!(error.contains("deep.ron:1:"), "{error}");
}

#[test]
fn a_nul_byte_is_refused_with_its_place() {
    let error = hostile("nul.ron", b"(\n    name: \"a\0b\",\n)");
    assert!(error.contains("nul.ron:2:13: the file contains a NUL character"), "{error}");
}

#[test]
fn invalid_utf8_is_refused_with_its_place() {
    let error = hostile("latin1.ron", b"(\n    name: \"Caf\xe9\",\n)");
    assert!(error.contains("latin1.ron:2:15: the file is not UTF-8 text"), "{error}");
    assert!(error.contains("save the file as UTF-8"), "{error}");
}

#[test]
fn a_10_mb_name_is_refused() {
    let text =
        format!("(name: \"{}\", rings: [(id: \"c\", name: \"C\")])", "x".repeat(10 * 1024 * 1024));
    let error = hostile("long.ron", text.as_bytes());
    assert!(error.contains("the map's name is 10485760 characters long"), "{error}");
    assert!(error.contains("at most 500 characters"), "{error}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"(name: "x", rings: [(id: "c", name: "C")])"#);
    assert_eq!(format::from_bytes(&bytes).unwrap().name, "x");
}

#[test]
fn a_folder_given_as_a_map_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let error = format::load(dir.path()).unwrap_err().to_string();
    assert!(error.contains("it is a folder, not a map file"), "{error}");
}

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, tabs, emoji, right-to-left and combining characters.
    prop::string::string_regex("[a-zA-Z0-9 \"\\\\\n\t#/*(),:éß€😀אב\u{301}]{0,16}").unwrap()
}

fn role_strategy() -> impl Strategy<Value = Role> {
    (
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        prop::option::of(-720.0f64..720.0),
        1u8..=5,
    )
        .prop_map(|(name, purpose, outcomes, angle, level)| {
            let mut role = Role::new("id", name, "c");
            role.purpose = purpose;
            role.outcomes = outcomes;
            role.angle = angle;
            role.skills = vec![Skill { name: "s".into(), level }];
            role
        })
}

proptest! {
    #[test]
    fn any_map_round_trips_through_the_canonical_text(
        name in text(),
        roles in prop::collection::vec(role_strategy(), 0..6),
        other_kind in text(),
    ) {
        let mut map = OrgMap::new(name);
        for (i, mut role) in roles.into_iter().enumerate() {
            role.id = format!("role-{i}");
            map.roles.push(role);
        }
        if map.roles.len() >= 2 {
            map.links.push(orgmap::model::Link {
                from: "role-0".into(),
                to: "role-1".into(),
                kind: LinkKind::Other(other_kind),
                note: String::new(),
            });
        }
        map.rings[0].id = "c".into();
        let text = format::to_string(&map);
        let back = format::from_str(&text).map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
        prop_assert_eq!(&back, &map);
        prop_assert_eq!(format::to_string(&back), text);
    }
}

/// The generator's largest maps stay readable: a generated map's text grows with its roles,
/// and 100,000 roles (the most the layout is built for) stay under the size limit.
#[test]
fn a_generated_map_of_100000_roles_fits_the_size_limit() {
    use orgmap::model::generate::{GenerateOptions, generate};
    let map = generate(&GenerateOptions { roles: 2000, seed: 1, ..Default::default() });
    let per_role = format::to_string(&map).len() as f64 / 2000.0;
    let expected = per_role * 100_000.0;
    assert!(
        expected < 0.8 * format::MAX_FILE_BYTES as f64,
        "100,000 generated roles would take {:.0} MB",
        expected / 1e6
    );
}
