//! The scene: what the canvas paints (and the exports will write) holds every name of the map,
//! marks statuses, and puts the selected role in focus.

use std::path::Path;

use orgmap::format;
use orgmap::layout::{self, Layout, LayoutOptions, approximate_width};
use orgmap::model::{OrgMap, Status};
use orgmap::scene::{self, Anchor, Dash, Focus, Part, Scene, SceneOptions, Shape};

fn sample(name: &str) -> OrgMap {
    format::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name)).unwrap()
}

fn scene_of(map: &OrgMap, selected: Option<usize>) -> (Layout, Scene) {
    let options =
        SceneOptions { focus: Focus { selected, ..Focus::default() }, ..SceneOptions::default() };
    let laid_out = layout::compute(map, &LayoutOptions::default(), &approximate_width);
    let scene = scene::build(map, &laid_out, &options);
    (laid_out, scene)
}

#[test]
fn every_role_ring_and_fitting_team_name_is_drawn() {
    for name in ["wellbeing_teams.ron", "living_systems_sales.ron", "enterprise20.ron"] {
        let map = sample(name);
        let (_, scene) = scene_of(&map, None);
        for (i, role) in map.roles.iter().enumerate() {
            assert_eq!(scene.role_label(i), role.name, "{name}: role {} is labelled", role.id);
        }
        let texts: Vec<&str> = scene.texts().collect();
        for ring in &map.rings {
            assert!(texts.contains(&ring.name.as_str()), "{name}: ring {} is named", ring.id);
        }
    }
}

#[test]
fn long_names_go_on_two_lines_without_losing_a_word() {
    let map = sample("wellbeing_teams.ron");
    let (laid_out, scene) = scene_of(&map, None);
    let long =
        map.roles.iter().position(|r| r.name == "Community Circle Connector (Devon)").unwrap();
    assert!(laid_out.roles[long].wrap_at.is_some(), "a long name is wrapped");
    assert_eq!(scene.role_label(long), "Community Circle Connector (Devon)");
}

#[test]
fn statuses_are_marked_and_links_styled_by_kind() {
    let map = sample("wellbeing_teams.ron");
    let (_, scene) = scene_of(&map, None);
    for (i, role) in map.roles.iter().enumerate() {
        let node = scene
            .items
            .iter()
            .find(|item| item.part == Part::Role(i) && matches!(item.shape, Shape::Disc { .. }));
        let Some(Shape::Disc { stroke: Some(stroke), .. }) = node.map(|n| &n.shape) else {
            panic!("role {} has a node", role.id)
        };
        let expected = match role.status {
            Status::Filled => Dash::Solid,
            Status::Vacant => Dash::Dashed,
            Status::Proposed => Dash::Dotted,
        };
        assert_eq!(stroke.dash, expected, "role {} ({:?})", role.id, role.status);
        let question = scene.items.iter().any(|item| {
            item.part == Part::Role(i) && matches!(&item.shape, Shape::Text(t) if t.text == "?")
        });
        assert_eq!(question, role.status == Status::Vacant, "the ? marks vacant roles only");
    }
    let links_drawn = scene
        .items
        .iter()
        .filter(|item| {
            matches!(item.part, Part::Link(_)) && matches!(item.shape, Shape::Line { .. })
        })
        .count();
    assert!(links_drawn >= map.links.len(), "every link has its line");
}

#[test]
fn selecting_a_role_brings_it_and_its_links_forward() {
    let map = sample("wellbeing_teams.ron");
    let coach = map.role_index("practice-coach").unwrap();
    let (_, plain) = scene_of(&map, None);
    let (_, focused) = scene_of(&map, Some(coach));
    let width_of = |scene: &Scene, link: usize| {
        scene.items.iter().find_map(|item| match (&item.part, &item.shape) {
            (Part::Link(l), Shape::Line { stroke, .. }) if *l == link => Some(stroke.width),
            _ => None,
        })
    };
    for (l, link) in map.links.iter().enumerate() {
        let touches = link.from == "practice-coach" || link.to == "practice-coach";
        let (before, after) = (width_of(&plain, l).unwrap(), width_of(&focused, l).unwrap());
        if touches {
            assert!(after > before, "link {l} of the selected role is wider");
        } else {
            assert!(after < before, "link {l} of other roles is thinner");
        }
    }
    // A selection ring is drawn around the selected node only.
    let rings = focused
        .items
        .iter()
        .filter(|item| matches!(&item.shape, Shape::Disc { fill, .. } if fill.a == 0))
        .collect::<Vec<_>>();
    assert_eq!(rings.len(), 1);
    assert_eq!(rings[0].part, Part::Role(coach));
}

#[test]
fn a_selected_ring_is_outlined_and_search_matches_stand_out() {
    let map = sample("wellbeing_teams.ron");
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &approximate_width);
    let selection = scene::Theme::light().selection;
    let build = |focus: Focus| {
        let options = SceneOptions { focus, ..SceneOptions::default() };
        scene::build(&map, &laid_out, &options)
    };
    let outlines = |scene: &Scene| {
        scene
            .items
            .iter()
            .filter(
                |i| matches!(&i.shape, Shape::Circle { stroke, .. } if stroke.color == selection),
            )
            .count()
    };
    assert_eq!(outlines(&build(Focus::default())), 0);
    let ring = build(Focus { ring: Some(2), ..Focus::default() });
    assert_eq!(outlines(&ring), 2, "the ring's inner and outer edges");

    // A search: the matches get a halo, the other roles fade.
    let coach = map.role_index("practice-coach").unwrap();
    let searched = build(Focus { matches: Some(vec![coach]), ..Focus::default() });
    let halo = |i: usize| {
        searched.items.iter().any(|item| {
            item.part == Part::Role(i) && matches!(&item.shape, Shape::Disc { stroke: None, .. })
        })
    };
    assert!(halo(coach));
    assert!(!halo(0));
    let fill_alpha = |i: usize| {
        searched.items.iter().find_map(|item| match (&item.part, &item.shape) {
            (Part::Role(r), Shape::Disc { fill, stroke: Some(_), .. }) if *r == i => Some(fill.a),
            _ => None,
        })
    };
    let other = (0..map.roles.len()).find(|&i| i != coach && map.roles[i].status == Status::Filled);
    let other = other.unwrap();
    assert!(fill_alpha(other).unwrap() < 128, "roles that do not match fade");
}

#[test]
fn a_label_beside_its_node_is_ranged_on_the_node_side() {
    let map = sample("wellbeing_teams.ron");
    let (laid_out, scene) = scene_of(&map, None);
    let mut checked = [0, 0];
    for (i, placed) in laid_out.roles.iter().enumerate() {
        let lines: Vec<&scene::Text> = scene
            .items
            .iter()
            .filter(|item| item.part == Part::RoleLabel(i))
            .filter_map(|item| match &item.shape {
                Shape::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        assert!(!lines.is_empty(), "role {} is labelled", map.roles[i].id);
        let label = placed.label;
        // Every line starts next to the node: at the label's near edge, read away from it.
        let (anchor, x) = match (placed.label_beside(), label.center.x > placed.pos.x) {
            (false, _) => (Anchor::Middle, label.center.x),
            (true, true) => (Anchor::Start, label.center.x - label.half_width),
            (true, false) => (Anchor::End, label.center.x + label.half_width),
        };
        for line in lines {
            assert_eq!(line.anchor, anchor, "role {}", map.roles[i].id);
            assert!((line.pos.x - x).abs() < 1e-9, "role {}", map.roles[i].id);
        }
        if placed.label_beside() {
            checked[usize::from(anchor == Anchor::Start)] += 1;
        }
    }
    assert!(checked[0] > 0 && checked[1] > 0, "labels beside on both halves: {checked:?}");
}

#[test]
fn ring_and_team_names_are_drawn_where_the_layout_found_room() {
    for name in ["wellbeing_teams.ron", "community_of_purpose.ron"] {
        let map = sample(name);
        let (laid_out, scene) = scene_of(&map, None);
        let mut drawn = 0;
        for item in &scene.items {
            let Shape::ArcText { radius, angle, .. } = item.shape else { continue };
            let (ring, expected) = match item.part {
                Part::Ring(k) => (k, laid_out.rings[k].name_angle),
                Part::Team(t) => (laid_out.teams[t].ring, laid_out.teams[t].name_angle),
                _ => continue,
            };
            assert_eq!(Some(angle), expected, "{name}: {:?}", item.part);
            assert_eq!(radius, laid_out.rings[ring].name_radius, "{name}: {:?}", item.part);
            drawn += 1;
        }
        assert_eq!(drawn, map.rings.len() + map.teams.len(), "{name}: every name is drawn");
    }
}

/// A map whose names are Hebrew and Arabic (a Hebrew role, an Arabic ring, a Latin team):
/// what is drawn is in visual order, and every label's box is as wide as what is drawn.
#[test]
fn right_to_left_labels_are_drawn_in_visual_order_in_boxes_as_wide_as_them() {
    use orgmap::font::{measure, visual};
    let mut map = sample("wellbeing_teams.ron");
    let worker = map.role_index("wellbeing-worker").unwrap();
    map.roles[worker].name = "מנהל קהילה".into();
    let coach = map.role_index("team-coach").unwrap();
    map.roles[coach].name = "CEO / المدير".into();
    map.rings[1].name = "الحلقة الخارجية".into();
    let laid_out = layout::compute(&map, &LayoutOptions::default(), &measure);
    let scene = scene::build(&map, &laid_out, &SceneOptions::default());
    // The scene keeps the model's (logical) order; the window draws each line's visual form.
    assert_eq!(scene.role_label(worker).replace('\u{200e}', ""), "מנהל קהילה");
    for i in [worker, coach] {
        let lines: Vec<&str> = scene
            .items
            .iter()
            .filter(|item| item.part == Part::RoleLabel(i))
            .filter_map(|item| match &item.shape {
                Shape::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        let drawn: Vec<String> = lines.iter().map(|l| visual(l).into_owned()).collect();
        if i == worker {
            // Each word's letters run from its last: read right to left, it is the name.
            let reversed: Vec<String> =
                lines.iter().map(|l| l.chars().rev().collect::<String>()).collect();
            assert_eq!(drawn, reversed, "the Hebrew label in visual order");
        } else {
            assert_eq!(drawn[0], "CEO /");
            assert!(drawn[1].chars().all(|c| ('\u{fe70}'..='\u{feff}').contains(&c)), "joined");
        }
        let size = LayoutOptions::default().label_size;
        let widest = drawn.iter().map(|l| measure(l, size)).fold(0.0, f64::max);
        let box_width = 2.0 * laid_out.roles[i].label.half_width;
        assert!(
            box_width >= widest - 0.01 && box_width <= widest + size,
            "role {i}: box {box_width:.1} for text {widest:.1} wide"
        );
    }
    assert!(scene.texts().any(|t| t == "الحلقة الخارجية"), "the ring's name, logical in the scene");
}
