//! How links are drawn (issue 21): straight, bundled along the teams, or as the overview's bands
//! between teams; View > Links and `--links` choose, and automatic follows the zoom.

mod common;

use orgmap::layout::{self, Layout, LayoutOptions, Point, angular_distance, approximate_width};
use orgmap::model::OrgMap;
use orgmap::model::generate::{GenerateOptions, generate};
use orgmap::scene::bundle::Bundles;
use orgmap::scene::{self, Focus, LinkView, Links, Part, Scene, SceneOptions, Shape};

fn laid_out(map: &OrgMap) -> Layout {
    layout::compute(map, &LayoutOptions::default(), &approximate_width)
}

fn scene_with(map: &OrgMap, layout: &Layout, links: Links, selected: Option<usize>) -> Scene {
    let focus = Focus { selected, ..Focus::default() };
    scene::build(map, layout, &SceneOptions { links, focus, ..SceneOptions::default() })
}

/// The shaft of each link drawn (its first line), by link.
fn shafts(scene: &Scene) -> Vec<(usize, Vec<Point>)> {
    let mut seen = std::collections::BTreeSet::new();
    scene
        .items
        .iter()
        .filter_map(|item| match (&item.part, &item.shape) {
            (Part::Link(l), Shape::Line { points, .. }) if seen.insert(*l) => {
                Some((*l, points.clone()))
            }
            _ => None,
        })
        .collect()
}

fn ends(map: &OrgMap, l: usize) -> (usize, usize) {
    let link = &map.links[l];
    (map.role_index(&link.from).unwrap(), map.role_index(&link.to).unwrap())
}

fn distance_to_path(p: Point, path: &[Point]) -> f64 {
    path.windows(2)
        .map(|w| layout::distance_to_segment(p, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

fn generated(roles: usize) -> OrgMap {
    generate(&GenerateOptions { roles, seed: 3, ..GenerateOptions::default() })
}

#[test]
fn a_bundled_link_starts_and_ends_at_its_roles_and_passes_through_its_teams_hubs() {
    for map in
        [orgmap::format::load(&common::sample_path("wellbeing_teams.ron")).unwrap(), generated(300)]
    {
        let placed = laid_out(&map);
        let bundles = Bundles::new(&map, &placed);
        let mut between_teams = 0;
        for l in 0..map.links.len() {
            let (a, b) = ends(&map, l);
            let curve = bundles.curve(l, (a, b), 1.0, 0.0).expect("a route for every link");
            assert_eq!(curve.first(), Some(&placed.roles[a].pos), "link {l} starts at its role");
            assert_eq!(curve.last(), Some(&placed.roles[b].pos), "link {l} ends at its role");
            let (Some(x), Some(y)) = (bundles.block_of(a), bundles.block_of(b)) else { continue };
            if x == y {
                continue;
            }
            between_teams += 1;
            for hub in [bundles.hub(x), bundles.hub(y)] {
                let off = distance_to_path(hub, &curve);
                assert!(off < 1e-6, "{}: link {l} passes {off} px from a hub", map.name);
            }
        }
        assert!(between_teams > 10, "{}: links between teams were checked", map.name);
        // A team's hub is in its sector, on its ring's inner edge.
        for (t, team) in placed.teams.iter().enumerate() {
            let Some(i) = map.roles.iter().position(|r| r.team == map.teams[t].id) else {
                continue;
            };
            let hub = bundles.hub(bundles.block_of(i).unwrap());
            let angle = layout::normalize(hub.x.atan2(-hub.y));
            let middle = team.start + (team.end - team.start) / 2.0;
            assert!(
                angular_distance(angle, middle) <= (team.end - team.start) / 2.0 + 1e-9,
                "{}: team {} has its hub in its sector",
                map.name,
                map.teams[t].name
            );
            let ring = &placed.rings[team.ring];
            assert!((hub.length() - ring.inner).abs() < 1e-6, "on the ring's inner edge");
        }
    }
}

#[test]
fn bundled_links_are_drawn_as_curves_clear_of_their_nodes_and_beta_zero_is_straight() {
    let map = generated(300);
    let placed = laid_out(&map);
    let straight = scene_with(&map, &placed, Links::Straight, None);
    assert_eq!(
        scene_with(&map, &placed, Links::Bundled { strength: 0.0, pixel: 1.0 }, None),
        straight,
        "beta 0"
    );
    let bundled = scene_with(&map, &placed, Links::BUNDLED, None);
    assert_eq!(bundled, scene_with(&map, &placed, Links::BUNDLED, None), "deterministic");
    let r = LayoutOptions::default().node_radius;
    let curves = shafts(&bundled);
    assert_eq!(curves.len(), shafts(&straight).len(), "every link is drawn");
    let mut curved = 0;
    for (l, shaft) in &curves {
        let (a, b) = ends(&map, *l);
        let (from, to) = (placed.roles[a].pos, placed.roles[b].pos);
        let start = shaft[0].minus(from).length();
        assert!((start - (r + 1.0)).abs() < 0.01, "link {l} starts at its node's edge: {start}");
        // The shaft (its last line but the head's) stops short of the node by the
        // arrowhead's length, or none.
        let lines = lines_of(&bundled, *l);
        let near_end = |line: &&Vec<Point>| {
            let end = line[line.len() - 1].minus(to).length();
            // (A curve that comes round its node may end a little nearer, never inside it.)
            end >= r && end < r + 20.0
        };
        let ends_at: Vec<f64> =
            lines.iter().map(|line| line[line.len() - 1].minus(to).length()).collect();
        assert!(
            lines.iter().any(|line| near_end(&line)),
            "link {l} ends at its node: {ends_at:?} {lines:?}"
        );
        curved += usize::from(shaft.len() > 2);
    }
    assert!(curved * 10 > curves.len() * 9, "most links are curves: {curved} of {}", curves.len());
}

/// Every line drawn for link `l`.
fn lines_of(scene: &Scene, l: usize) -> Vec<Vec<Point>> {
    scene
        .items
        .iter()
        .filter_map(|item| match (&item.part, &item.shape) {
            (Part::Link(k), Shape::Line { points, .. }) if *k == l => Some(points.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn links_between_two_teams_share_one_line_between_their_hubs() {
    let map = generated(1000);
    let placed = laid_out(&map);
    let bundles = Bundles::new(&map, &placed);
    let scene = scene_with(&map, &placed, Links::BUNDLED, None);
    let hubs: std::collections::BTreeMap<(i64, i64), usize> = (0..bundles.blocks())
        .map(|b| bundles.hub(b))
        .map(|hub| ((hub.x * 1e6) as i64, (hub.y * 1e6) as i64))
        .enumerate()
        .map(|(i, key)| (key, i))
        .collect();
    let hub_at = |p: &Point| hubs.get(&((p.x * 1e6) as i64, (p.y * 1e6) as i64)).copied();
    // Lines that run from one hub to another: the trunks, each drawn once per look.
    let mut trunks: std::collections::BTreeMap<((usize, usize), String), usize> =
        Default::default();
    for item in &scene.items {
        if let Shape::Line { points, stroke } = &item.shape
            && let (Some(x), Some(y)) = (hub_at(&points[0]), points.last().and_then(hub_at))
            && x != y
        {
            *trunks.entry(((x.min(y), x.max(y)), format!("{stroke:?}"))).or_default() += 1;
        }
    }
    let between: usize = (0..map.links.len())
        .filter(|&l| {
            let (a, b) = ends(&map, l);
            bundles.block_of(a) != bundles.block_of(b)
        })
        .count();
    assert!(!trunks.is_empty());
    assert!(trunks.values().all(|&n| n == 1), "each pair's trunk is drawn once per look");
    assert!(trunks.len() * 2 < between, "{} trunks for {between} links", trunks.len());
}

#[test]
fn the_selected_roles_links_stay_straight_and_are_drawn_over_the_bundles() {
    let map = generated(300);
    let placed = laid_out(&map);
    let selected = 40;
    let scene = scene_with(&map, &placed, Links::BUNDLED, Some(selected));
    let touching: Vec<usize> = (0..map.links.len())
        .filter(|&l| {
            let (a, b) = ends(&map, l);
            a == selected || b == selected
        })
        .collect();
    assert!(!touching.is_empty());
    let drawn = shafts(&scene);
    for (l, shaft) in &drawn {
        if touching.contains(l) {
            assert_eq!(shaft.len(), 2, "the selection's link {l} is straight");
        }
    }
    // Drawn after every other link: last among the links.
    let order: Vec<usize> = scene
        .items
        .iter()
        .filter_map(|i| match i.part {
            Part::Link(l) => Some(l),
            _ => None,
        })
        .collect();
    let first_selected = order.iter().position(|l| touching.contains(l)).unwrap();
    assert!(order[first_selected..].iter().all(|l| touching.contains(l)), "on top");
    // Hidden links: only the selection's are drawn.
    let hidden = scene_with(&map, &placed, Links::None, Some(selected));
    let left: Vec<usize> = shafts(&hidden).into_iter().map(|(l, _)| l).collect();
    assert_eq!(left, touching, "with links hidden, the selection's still show");
    assert!(shafts(&scene_with(&map, &placed, Links::None, None)).is_empty());
}

#[test]
fn the_overview_draws_a_band_per_pair_of_teams_as_wide_as_their_links_and_counts_roles() {
    let map = generated(1000);
    let placed = laid_out(&map);
    let bundles = Bundles::new(&map, &placed);
    let overview = Links::Overview { dissolve: 0.0, pixel: 3.0 };
    let scene = scene_with(&map, &placed, overview, None);
    // Expected: the links between two blocks, by pair.
    let mut pairs: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for l in 0..map.links.len() {
        let (a, b) = ends(&map, l);
        let (x, y) = (bundles.block_of(a).unwrap(), bundles.block_of(b).unwrap());
        if x != y {
            *pairs.entry((x.min(y), x.max(y))).or_default() += 1;
        }
    }
    let bands: Vec<(Vec<Point>, f64)> = scene
        .items
        .iter()
        .filter_map(|i| match (&i.part, &i.shape) {
            (Part::Decoration, Shape::Line { points, stroke }) => {
                Some((points.clone(), stroke.width))
            }
            _ => None,
        })
        .collect();
    assert_eq!(bands.len(), pairs.len(), "one band per pair of blocks that links join");
    let widest_pair = pairs.iter().max_by_key(|(_, n)| **n).map(|(p, _)| *p).unwrap();
    let widest = bands.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let hubs = [bundles.hub(widest_pair.0), bundles.hub(widest_pair.1)];
    assert!(
        widest.0.iter().all(|p| hubs.contains(p)),
        "the widest band joins the pair with most links"
    );
    assert!((widest.1 - 16.0 * 3.0).abs() < 1e-9, "the widest is 16 px on screen");
    assert!(shafts(&scene).is_empty(), "no link is drawn on its own");
    // Teams are named with their counts of roles.
    let texts: Vec<&str> = scene.texts().collect();
    let named = map.teams.iter().filter(|team| {
        let count = map.roles.iter().filter(|r| r.team == team.id).count();
        texts.contains(&format!("{} · {count} roles", team.name).as_str())
    });
    assert!(named.count() >= map.teams.len() / 2, "teams with their counts: {texts:?}");
    // Dissolved: the bands give way to the bundled links.
    let dissolved = scene_with(&map, &placed, Links::Overview { dissolve: 1.0, pixel: 3.0 }, None);
    assert!(
        dissolved
            .items
            .iter()
            .all(|i| i.part != Part::Decoration || !matches!(i.shape, Shape::Line { .. }))
    );
    assert_eq!(shafts(&dissolved).len(), map.links.len());
}

#[test]
fn automatic_links_summarise_far_away_bundle_closer_and_straighten_to_read() {
    let label = LayoutOptions::default().label_size;
    let at = |zoom: f64| LinkView::Automatic.links_at(zoom, label, 1500);
    assert!(matches!(at(0.1), Links::Overview { dissolve, .. } if dissolve == 0.0));
    assert_eq!(at(1.0), Links::Straight, "labels readable: straight");
    // From the overview to straight links, each step small: no jump on the way.
    let mut last: Option<f64> = None;
    let mut saw_bundled = false;
    for step in 0..=400 {
        let zoom = 0.2 + step as f64 * 0.001;
        // How far from straight: the bands count as fully bundled, fading out.
        let bent = match at(zoom) {
            Links::Overview { .. } => 1.0,
            Links::Bundled { strength: beta, .. } => {
                saw_bundled = true;
                beta
            }
            Links::Straight => 0.0,
            other => panic!("automatic gave {other:?}"),
        };
        if let Some(last) = last {
            assert!(bent <= last + 1e-9, "zooming in never bends links more");
            assert!(last - bent <= 0.1 + 1e-9, "a step of at most a tenth at zoom {zoom}");
        }
        last = Some(bent);
    }
    assert!(saw_bundled);
    assert_eq!(LinkView::Straight.links_at(0.01, label, 1500), Links::Straight);
    let bundled = LinkView::Bundled.links_at(5.0, label, 1500);
    assert!(matches!(bundled, Links::Bundled { strength: 1.0, .. }));
    // A map of a few dozen links reads link by link: automatic keeps them straight.
    assert_eq!(LinkView::Automatic.links_at(0.01, label, 20), Links::Straight);
    assert_eq!(
        LinkView::Bundled.links_at(0.01, label, 20),
        LinkView::Bundled.links_at(0.01, label, 1500)
    );
}

#[test]
fn export_links_draws_them_straight_bundled_or_not_at_all() {
    let path = common::sample_path("wellbeing_teams.ron");
    let svg = |links: &str| {
        let out = common::orgmap(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "svg",
            "--links",
            links,
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let link_shafts = |svg: &str| -> Vec<usize> {
        // Links are grouped: each link's first polyline is its shaft.
        svg.split("<polyline points=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or("").split_whitespace().count())
            .collect()
    };
    let (straight, bundled, none) = (svg("straight"), svg("bundled"), svg("none"));
    let curves = |svg: &str| link_shafts(svg).into_iter().filter(|&n| n > 3).count();
    assert_eq!(curves(&straight), 0, "straight links are two points (heads three)");
    assert!(curves(&bundled) >= 15, "most of the 20 links are curves: {}", curves(&bundled));
    let dropped = link_shafts(&straight).len() - link_shafts(&none).len();
    assert!(dropped >= 20, "each of the 20 links is left out with its head: {dropped}");
    let bad =
        common::orgmap(&["export", path.to_str().unwrap(), "--format", "svg", "--links", "curly"]);
    assert!(!bad.status.success());
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(message.contains("straight") && message.contains("bundled"), "{message}");
}

/// Bands (decoration lines) and link curves of the window's scene.
fn window_counts(app: &orgmap::app::OrgMapApp) -> (usize, usize, bool) {
    let scene = app.scene().expect("the scene is drawn");
    let bands = scene
        .items
        .iter()
        .filter(|i| i.part == Part::Decoration && matches!(i.shape, Shape::Line { .. }))
        .count();
    let curves = shafts(scene).iter().filter(|(_, p)| p.len() > 2).count();
    let counted = scene.texts().any(|t| t.ends_with(" roles"));
    (bands, curves, counted)
}

#[test]
fn the_window_summarises_a_big_map_seen_whole_and_view_links_chooses_how_links_are_drawn() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, orgmap::format::to_string(&generated(1000))).unwrap();
    let mut harness = common::harness_for(orgmap::app::OrgMapApp::open(Some(&path)));
    harness.run_steps(4);
    assert_eq!(harness.state().link_view(), LinkView::Automatic, "automatic at first");
    let (bands, curves, counted) = window_counts(harness.state());
    assert!(bands > 10 && curves == 0 && counted, "seen whole: the overview ({bands} bands)");
    // Close enough to read the labels: straight links, no bands.
    harness.state_mut().view.zoom = 1.0;
    harness.state_mut().view.fitted = false;
    harness.run_steps(2);
    let (bands, curves, counted) = window_counts(harness.state());
    assert!(bands == 0 && curves == 0 && !counted, "readable: straight links");
    // Halfway: bundled links, straightening.
    harness.state_mut().view.zoom = 0.48;
    harness.run_steps(2);
    let (bands, curves, _) = window_counts(harness.state());
    assert!(bands == 0 && curves > 100, "between: bundled links ({curves} curves)");
    // View > Links > Bundled: bundled at any zoom, and remembered.
    harness.state_mut().view.zoom = 1.0;
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Links").hover();
    harness.run_steps(2);
    harness.get_by_label("Bundled").click();
    harness.run_steps(3);
    assert_eq!(harness.state().prefs.links, LinkView::Bundled);
    let (bands, curves, _) = window_counts(harness.state());
    assert!(bands == 0 && curves > 500, "bundled when chosen ({curves} curves)");
}

/// Steps the window until `done` holds (a minute at most).
fn step_until(
    harness: &mut egui_kittest::Harness<'_, orgmap::app::OrgMapApp>,
    what: &str,
    done: impl Fn(&orgmap::app::OrgMapApp) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed().as_secs() < 60, "{what} never came");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_big_maps_scene_is_made_off_the_ui_thread_while_the_last_one_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let map = generated(5000);
    std::fs::write(&path, orgmap::format::to_string(&map)).unwrap();
    let mut harness = common::harness_for(orgmap::app::OrgMapApp::open(Some(&path)));
    // Bundled, the slowest scene to make (some 70 ms here), against a frame of a few: the
    // frame after the click must not have waited for it.
    harness.state_mut().prefs.links = LinkView::Bundled;
    step_until(&mut harness, "the first scene", |app| app.scene().is_some());
    // Settled: the view fitted to the map and the scene made for that zoom, none in making.
    for _ in 0..3 {
        step_until(&mut harness, "a settled scene", |app| !app.scene_in_making());
        for _ in 0..5 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    step_until(&mut harness, "a settled scene", |app| !app.scene_in_making());
    let first = harness.state().scene().unwrap().version;
    // Clicking a role (here, choosing it): the frame that follows keeps drawing the scene it
    // had, and does not wait for the new one.
    harness.state_mut().selection = orgmap::ui::selection::Selection::role(7);
    harness.step();
    let app = harness.state();
    assert!(app.scene_in_making(), "the selection's scene is being made");
    assert_eq!(app.scene().unwrap().version, first, "the last scene still drawn");
    assert_eq!(app.scene_focus().selected, None);
    // A moment later the new one, with the role chosen.
    step_until(&mut harness, "the selection's scene", |app| app.scene_focus().selected == Some(7));
    assert_ne!(harness.state().scene().unwrap().version, first);
    // Zooming to where links straighten: the scene follows the zoom, bundled.
    harness.state_mut().view.zoom = 0.48;
    harness.state_mut().view.fitted = false;
    step_until(&mut harness, "the zoomed scene", |app| window_counts(app).1 > 100);
}

/// On an org chart without teams, the overview's bands follow the lines of report: every
/// block outside the centre holds the reports of one block inside (cut where their managers'
/// block changes, as well as every sixth of the ring), so each band runs out from the
/// managers' block to their reports' beside it. Cut every sixth of the ring alone, a
/// 1,516-person chart's bands drew a star of chords across the middle.
#[test]
fn on_a_chart_without_teams_each_band_joins_a_block_to_the_block_its_people_report_to() {
    use orgmap::model::generate::Shape;
    let map = generate(&GenerateOptions {
        roles: 1000,
        teams: 0,
        shape: Shape::Tree,
        ..GenerateOptions::default()
    });
    let placed = laid_out(&map);
    let bundles = Bundles::new(&map, &placed);
    let mut manager_blocks: std::collections::BTreeMap<usize, std::collections::BTreeSet<usize>> =
        Default::default();
    let mut widest: f64 = 0.0;
    for l in 0..map.links.len() {
        let (report, manager) = ends(&map, l);
        let (Some(x), Some(y)) = (bundles.block_of(report), bundles.block_of(manager)) else {
            continue;
        };
        manager_blocks.entry(x).or_default().insert(y);
        let angle = |p: Point| p.x.atan2(-p.y);
        widest = widest.max(angular_distance(angle(bundles.hub(x)), angle(bundles.hub(y))));
    }
    assert!(bundles.blocks() > 12, "{} blocks", bundles.blocks());
    // Measured: 31 degrees at most (a band between sixths of two rings can span 60).
    assert!(widest.to_degrees() < 40.0, "a band spans {:.0} degrees", widest.to_degrees());
    for (block, managers) in &manager_blocks {
        assert_eq!(managers.len(), 1, "block {block} reports to blocks {managers:?}");
    }
}
