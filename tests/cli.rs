//! The command line as a user runs it.

use std::fs;
use std::process::Output;

mod common;
use common::orgmap;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SAMPLES: [&str; 5] = [
    "sample_orgs/community_of_purpose.ron",
    "sample_orgs/empty.ron",
    "sample_orgs/enterprise20.ron",
    "sample_orgs/living_systems_sales.ron",
    "sample_orgs/wellbeing_teams.ron",
];

#[test]
fn check_prints_one_ok_line_per_sample() {
    let mut args = vec!["check"];
    args.extend(SAMPLES);
    let output = orgmap(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<String> = stdout(&output).lines().map(String::from).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines.iter().all(|line| line.starts_with("ok sample_orgs/")));
    assert!(
        lines.contains(
            &"ok sample_orgs/empty.ron: 1 ring, 0 teams, 0 roles, 0 people, 0 links".to_string()
        ),
        "{lines:?}"
    );
    assert_eq!(stderr(&output), "", "the samples have no warnings");
}

#[test]
fn fmt_check_passes_on_the_samples() {
    let mut args = vec!["fmt", "--check"];
    args.extend(SAMPLES);
    let output = orgmap(&args);
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn check_reports_every_error_of_every_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    fs::write(
        &broken,
        "(\n    name: \"B\",\n    rings: [(id: \"a\", name: \"A\", color: \"red\")],\n    roles: [(id: \"r\", name: \"R\", ring: \"b\")],\n)\n",
    )
    .unwrap();
    let broken = broken.to_str().unwrap();
    let output = orgmap(&["check", "sample_orgs/empty.ron", broken]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 1, "the valid file still gets its ok line");
    let err = stderr(&output);
    assert!(err.contains(&format!("{broken}:3:34: ring 'a' has color \"red\"")), "{err}");
    assert!(
        err.contains(&format!("{broken}:4:34: role 'r' names ring 'b', which does not exist")),
        "{err}"
    );
    assert!(err.contains("fix: use one of the rings: a\n"), "{err}");
    assert!(err.contains("1 of 2 files invalid"), "{err}");
}

#[test]
fn check_reports_a_missing_file() {
    let output = orgmap(&["check", "no/such/map.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read no/such/map.ron"), "{}", stderr(&output));
}

#[test]
fn check_warns_about_self_links_but_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("self.ron");
    fs::write(
        &path,
        "(name: \"S\", rings: [(id: \"a\", name: \"A\")], roles: [(id: \"r\", name: \"R\", ring: \"a\")],\n links: [(from: \"r\", to: \"r\")])",
    )
    .unwrap();
    let output = orgmap(&["check", path.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("warning:"), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(":2:22: link 1 goes from role 'r' to itself"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn fmt_rewrites_a_hand_written_file_canonically_and_check_then_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.ron");
    let path_text = path.to_str().unwrap();
    fs::write(&path, "(name: \"Hand\", rings: [(id: \"a\", name: \"A\")], roles: [(ring: \"a\", name: \"R\", id: \"r\")])").unwrap();

    let output = orgmap(&["fmt", "--check", path_text]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("not canonical"), "{}", stdout(&output));

    let output = orgmap(&["fmt", path_text]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("(\n    format: 1,\n    name: \"Hand\",\n"), "{text}");
    assert!(
        text.contains(
            "            id: \"r\",\n            name: \"R\",\n            ring: \"a\",\n"
        ),
        "{text}"
    );

    let output = orgmap(&["fmt", "--check", path_text]);
    assert!(output.status.success());
}

#[test]
fn fmt_keeps_a_file_with_comments_unless_told_to_drop_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("commented.ron");
    let original = "// our structure\n(name: \"C\", rings: [(id: \"a\", name: \"A\")])";
    fs::write(&path, original).unwrap();
    let output = orgmap(&["fmt", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("holds comments"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), original);

    let output = orgmap(&["fmt", "--drop-comments", path.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(!fs::read_to_string(&path).unwrap().contains("//"));
}

#[test]
fn fmt_never_rewrites_an_invalid_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    fs::write(&path, "(name: \"x\")").unwrap();
    let output = orgmap(&["fmt", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the map has no rings"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), "(name: \"x\")");
}

#[test]
fn help_explains_the_commands_and_version_prints() {
    let help = stdout(&orgmap(&["--help"]));
    for expected in
        ["check", "fmt", "[FILE]", "concentric rings of roles", "orgmap check sample_orgs/*.ron"]
    {
        assert!(help.contains(expected), "--help lacks {expected:?}:\n{help}");
    }
    let version = stdout(&orgmap(&["--version"]));
    assert_eq!(version.trim(), format!("orgmap {}", env!("CARGO_PKG_VERSION")));
}

/// The numbers `orgmap stats` prints, by name.
fn stat(text: &str, name: &str) -> String {
    text.lines()
        .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        .to_string()
}

#[test]
fn generate_makes_trees_hierarchies_and_random_maps() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, links) in [("tree", "199 links"), ("hierarchy", "246 links"), ("random", "links")] {
        let path = dir.path().join(format!("{shape}.ron"));
        let path = path.to_str().unwrap();
        let output = orgmap(&["generate", "--roles", "200", "--shape", shape, "-o", path]);
        assert!(output.status.success(), "{}", stderr(&output));
        let checked = orgmap(&["check", path]);
        assert!(checked.status.success(), "{}", stderr(&checked));
        assert!(stdout(&checked).contains(links), "{shape}: {}", stdout(&checked));
        if shape == "tree" {
            let stats = stdout(&orgmap(&["stats", path]));
            assert_eq!(stat(&stats, "edge crossings"), "0", "{stats}");
        }
    }
    let output = orgmap(&["generate", "--roles", "10", "--shape", "star"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("tree"), "{}", stderr(&output));
}

/// One `lI` label node or `rI` role node of a `--positions` file: its position, size and
/// turn as written, in map space.
fn positioned(dot: &str, prefix: char, index: usize) -> orgmap::layout::TextBox {
    let start = format!("    {prefix}{index} [");
    let line = dot.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("no {start}"));
    let attr = |name: &str| -> f64 {
        let at = line.find(&format!(" {name}=")).unwrap_or_else(|| panic!("no {name}: {line}"));
        let value = line[at + name.len() + 2..].trim_start_matches('"');
        let end = value.find([',', '"', '!', ']']).unwrap();
        value[..end].parse().unwrap()
    };
    let pos = line.find("pos=\"").unwrap() + 5;
    let xy: Vec<f64> =
        line[pos..].split('!').next().unwrap().split(',').map(|v| v.parse().unwrap()).collect();
    let rotation = if prefix == 'l' { attr("orgmap_rotation").to_radians() } else { 0.0 };
    orgmap::layout::TextBox {
        center: orgmap::layout::Point::new(xy[0], -xy[1]),
        half_width: attr("width") * 36.0,
        half_height: attr("height") * 36.0,
        rotation,
    }
}

/// What `export --format dot --positions` writes redraws what orgmap drew: measured from the
/// file's nodes and label boxes, overlaps and crossings are those `orgmap stats` counts.
#[test]
fn dot_positions_redraw_what_orgmap_drew() {
    let dir = tempfile::tempdir().unwrap();
    // 100 roles: labels beside their nodes; 1,000: along the radius on the outer rings.
    for roles in ["100", "1000"] {
        let map = dir.path().join(format!("map{roles}.ron"));
        let dot = dir.path().join(format!("map{roles}.dot"));
        let (map, dot) = (map.to_str().unwrap(), dot.to_str().unwrap());
        assert!(orgmap(&["generate", "--roles", roles, "-o", map]).status.success());
        let output = orgmap(&["export", map, "--format", "dot", "--positions", "-o", dot]);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = fs::read_to_string(dot).unwrap();
        let loaded = orgmap::format::load(std::path::Path::new(map)).unwrap();
        let n = loaded.roles.len();
        let nodes: Vec<_> = (0..n).map(|i| positioned(&text, 'r', i).center).collect();
        let radius = positioned(&text, 'r', 0).half_width;
        let labels: Vec<_> = (0..n).map(|i| positioned(&text, 'l', i)).collect();
        let links: Vec<_> = orgmap::layout::RoleGraph::new(&loaded).edges().collect();
        let extent = orgmap::layout::Rect::NOTHING;
        let measured = orgmap::layout::metrics::measure(&nodes, radius, &labels, &links, extent);
        let stats = stdout(&orgmap(&["stats", map]));
        assert_eq!(measured.label_overlaps.to_string(), stat(&stats, "label overlaps"));
        assert_eq!(measured.labels_over_nodes.to_string(), stat(&stats, "labels over nodes"));
        // Positions are written to a hundredth of a point: among tens of thousands of
        // crossings of a random map, one whose lines nearly touch a node may flip.
        let crossings: usize = stat(&stats, "edge crossings").parse().unwrap();
        assert!(
            measured.crossings.abs_diff(crossings) <= crossings / 10_000,
            "{} crossings re-measured, {crossings} drawn",
            measured.crossings
        );
        assert_eq!(stat(&stats, "label overlaps"), "0");
    }
}

#[test]
fn output_cut_short_by_the_reader_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // As `orgmap export map --format svg | head -c 100`: the reader stops early, long before
    // the end of an SVG far bigger than a pipe holds.
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("big.ron");
    let made = orgmap(&["generate", "--roles", "1000", "-o", map.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgmap"))
        .args(["export", map.to_str().unwrap(), "--format", "svg"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // (The pipe is closed here, with most of the SVG unread.)
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with(b"<svg"));
    assert_eq!(stderr(&output), "", "no error is printed");
    assert!(output.status.success());
}
