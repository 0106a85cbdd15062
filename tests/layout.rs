//! The concentric layout: on the samples, on small maps whose best order is known, and on
//! random maps (proptest).

use std::f64::consts::TAU;
use std::path::Path;

use orgmap::format;
use orgmap::layout::{
    self, LabelPlacement, Layout, LayoutOptions, angular_distance, approximate_width, normalize,
};
use orgmap::model::generate::{GenerateOptions, Shape, generate};
use orgmap::model::{Link, LinkKind, OrgMap, Ring, Role};
use proptest::prelude::*;

fn sample(name: &str) -> OrgMap {
    format::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name)).unwrap()
}

fn lay_out(map: &OrgMap) -> Layout {
    layout::compute(map, &LayoutOptions::default(), &approximate_width)
}

/// Every rule a layout must keep, as a list of broken ones (empty when all hold).
fn broken_rules(map: &OrgMap, placed: &Layout) -> Vec<String> {
    let mut broken = Vec::new();
    let options = LayoutOptions::default();
    let metrics = layout::measure_layout(map, placed, &options);
    if metrics.label_overlaps > 0 {
        broken.push(format!("{} label overlaps", metrics.label_overlaps));
    }
    if metrics.labels_over_nodes > 0 {
        broken.push(format!("{} labels over nodes", metrics.labels_over_nodes));
    }
    for (i, role) in map.roles.iter().enumerate() {
        let at = &placed.roles[i];
        let ring = map.rings.iter().position(|r| r.id == role.ring).unwrap();
        let band = &placed.rings[ring];
        // A node is offset from the point of its ring's circle at its angle (above it, or
        // beside it towards the middle line).
        let distance = at.pos.minus(at.offset_at(at.angle)).length();
        let on_a_track = (0..band.tracks)
            .any(|t| (distance - band.radius - t as f64 * band.track_step).abs() < 1e-6);
        if at.ring != ring || !on_a_track || distance < band.inner || distance > band.outer {
            broken.push(format!("role {} is not on its ring {ring}", role.id));
        }
        // Everything of the role is drawn inside its ring's band.
        let (near, far) = at.label.radial_span();
        let node = at.pos.length();
        let r = options.node_radius;
        // (A node may cover the middle of the centre disc: nothing is nearer than 0.)
        let node_near = (node - r).max(0.0);
        if near.min(node_near) < band.inner - 1e-6 || far.max(node + r) > band.outer + 1e-6 {
            broken.push(format!("role {} reaches out of its ring's band", role.id));
        }
        // A horizontal label is under its node or level with it on its outer side, clear
        // of it either way.
        let (label, node) = (at.label, at.pos);
        let set_right = match band.labels {
            LabelPlacement::Under => {
                (label.center.x - node.x).abs() < 1e-6
                    && label.center.y - label.half_height >= node.y + r - 1e-6
            }
            LabelPlacement::Beside => {
                let across = (label.center.x - node.x) * layout::outward(at.angle);
                (label.center.y - node.y).abs() < 1e-6 && across - label.half_width >= r - 1e-6
            }
            LabelPlacement::Radial => true,
        };
        if !set_right {
            broken.push(format!("role {}'s label is not {:?} its node", role.id, band.labels));
        }
        if let Some(pin) = role.angle
            && angular_distance(at.angle, normalize(pin.to_radians())) > 1e-9
        {
            broken.push(format!("role {} is at {} not its pin {pin}", role.id, at.angle_degrees()));
        }
        if let Some(team) = map.teams.iter().position(|t| t.id == role.team) {
            let sector = &placed.teams[team];
            let into = normalize(at.angle - sector.start);
            if sector.end - sector.start < TAU - 1e-9 && into > sector.end - sector.start + 1e-9 {
                broken.push(format!("role {} is outside its team's sector", role.id));
            }
        }
    }
    for text in names_over_roles(map, placed) {
        broken.push(text);
    }
    // Sectors of one ring do not overlap.
    for (a, ta) in placed.teams.iter().enumerate() {
        for tb in placed.teams.iter().skip(a + 1) {
            if ta.ring == tb.ring && (ta.end - ta.start) < TAU && (tb.end - tb.start) < TAU {
                let b_start_in_a = normalize(tb.start - ta.start) < (ta.end - ta.start) - 1e-9;
                let a_start_in_b = normalize(ta.start - tb.start) < (tb.end - tb.start) - 1e-9;
                if b_start_in_a || a_start_in_b {
                    broken.push(format!("team sectors {a} and another overlap"));
                }
            }
        }
    }
    broken
}

/// Ring and team names that run over a role of their ring: each name, at the angle the
/// layout gave it, is sampled across its strip and along its length (as wide as the layout
/// measured it) against every node and label of the ring.
fn names_over_roles(map: &OrgMap, placed: &Layout) -> Vec<String> {
    let options = LayoutOptions::default();
    let strip = options.name_strip();
    let ring_size = options.ring_name_size();
    let names = placed.rings.iter().enumerate().filter_map(|(k, ring)| {
        // Ring names are bold: the layout takes them a tenth wider than they measure.
        let width = 1.1 * approximate_width(&map.rings[k].name, ring_size);
        ring.name_angle.map(|at| (k, at, width, map.rings[k].name.as_str()))
    });
    let team_names = placed.teams.iter().enumerate().filter_map(|(t, team)| {
        let width = approximate_width(&map.teams[t].name, options.team_name_size());
        team.name_angle.map(|at| (team.ring, at, width, map.teams[t].name.as_str()))
    });
    let mut broken = Vec::new();
    for (k, at, width, text) in names.chain(team_names) {
        let radius = placed.rings[k].name_radius;
        let span = width / radius;
        let across = (1..8).map(|i| radius - strip / 2.0 + strip * i as f64 / 8.0);
        let points: Vec<layout::Point> = across
            .flat_map(|r| {
                (0..=40)
                    .map(move |j| layout::Point::polar(r, at - span / 2.0 + span * j as f64 / 40.0))
            })
            .collect();
        let over = placed.roles.iter().filter(|role| role.ring == k).any(|role| {
            points.iter().any(|&p| {
                p.minus(role.pos).length() < options.node_radius || role.label.contains(p)
            })
        });
        if over {
            broken.push(format!("the name {text:?} of ring {k} runs over a role"));
        }
    }
    broken
}

#[test]
fn samples_keep_every_rule() {
    for name in [
        "wellbeing_teams.ron",
        "living_systems_sales.ron",
        "community_of_purpose.ron",
        "enterprise20.ron",
        "empty.ron",
    ] {
        let map = sample(name);
        let placed = lay_out(&map);
        assert_eq!(broken_rules(&map, &placed), Vec::<String>::new(), "{name}");
        // Rings go outward in the file's order.
        for pair in placed.rings.windows(2) {
            assert!(pair[0].outer <= pair[1].inner + 1e-9 && pair[0].radius < pair[1].radius);
        }
    }
}

#[test]
fn the_example_in_format_md_keeps_its_pinned_role_at_90_degrees() {
    let map = format::from_str(include_str!("fixtures/format_example.ron")).unwrap();
    let placed = lay_out(&map);
    let worker = map.roles.iter().position(|r| r.id == "wellbeing-worker").unwrap();
    assert!((placed.roles[worker].angle_degrees() - 90.0).abs() < 1e-9);
    assert!(placed.roles[worker].pos.x > 0.0, "90 degrees is 3 o'clock, to the right");
}

/// Two rings of four roles, linked one to one in a scrambled file order: one order of the
/// outer ring has no crossing at all, and the layout must find it.
#[test]
fn finds_the_order_without_crossings() {
    let mut map = OrgMap::new("known best");
    map.rings = ["centre", "inner", "outer"].iter().map(|id| Ring::new(*id, *id)).collect();
    for i in 0..6 {
        map.roles.push(Role::new(format!("in{i}"), format!("Inner {i}"), "inner"));
    }
    let scrambled = [3, 0, 5, 1, 4, 2];
    for &i in &scrambled {
        map.roles.push(Role::new(format!("out{i}"), format!("Outer {i}"), "outer"));
    }
    for i in 0..6 {
        map.links.push(Link {
            from: format!("in{i}"),
            to: format!("out{i}"),
            kind: LinkKind::Supports,
            note: String::new(),
        });
    }
    let placed = lay_out(&map);
    let metrics = layout::measure_layout(&map, &placed, &LayoutOptions::default());
    assert_eq!(metrics.crossings, 0);
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

fn crossings(map: &OrgMap, placed: &Layout) -> usize {
    layout::measure_layout(map, placed, &LayoutOptions::default()).crossings
}

fn link(from: &str, to: &str, kind: LinkKind) -> Link {
    Link { from: from.into(), to: to.into(), kind, note: String::new() }
}

/// A line of report in a file sorted by name, as exports are: the ordering stage alone puts
/// every subtree in one arc on every ring, the order of the walk of the tree.
#[test]
fn the_ordering_stage_alone_walks_the_tree() {
    let mut map = OrgMap::new("line of report");
    map.rings = ["top", "heads", "staff"].iter().map(|id| Ring::new(*id, *id)).collect();
    // (id, ring, manager): sorted by id, so file order scatters every department.
    let people = [
        ("a-ceo", "top", ""),
        ("b-ops", "heads", "a-ceo"),
        ("c-care", "heads", "a-ceo"),
        ("d-nurse", "staff", "c-care"),
        ("e-driver", "staff", "b-ops"),
        ("f-carer", "staff", "c-care"),
        ("g-clerk", "staff", "b-ops"),
        ("h-cook", "staff", "c-care"),
    ];
    for (id, ring, manager) in people {
        map.roles.push(Role::new(id, id, ring));
        if !manager.is_empty() {
            map.links.push(link(id, manager, LinkKind::ReportsTo));
        }
    }
    // A cross link does not change the tree: lines of report come first.
    map.links.push(link("d-nurse", "b-ops", LinkKind::Collaborates));
    let orders = layout::initial_order(&map);
    let names = |ring: &[usize]| ring.iter().map(|&i| map.roles[i].id.as_str()).collect::<Vec<_>>();
    assert_eq!(names(&orders[0]), ["a-ceo"]);
    assert_eq!(names(&orders[1]), ["b-ops", "c-care"]);
    // Operations' staff, then care's, each in file order.
    assert_eq!(names(&orders[2]), ["e-driver", "g-clerk", "d-nurse", "f-carer", "h-cook"]);
    let placed = lay_out(&map);
    assert_eq!(crossings(&map, &placed), 0);
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

/// Departments as teams on each ring: a team's sector lines up with the sector of the team
/// its roles report to, whatever the order of the teams in the file.
#[test]
fn team_sectors_follow_the_roles_their_roles_report_to() {
    let mut map = OrgMap::new("departments");
    map.rings = ["top", "heads", "staff"].iter().map(|id| Ring::new(*id, *id)).collect();
    map.roles.push(Role::new("ceo", "Chief Executive", "top"));
    // Teams listed in the opposite order on the outer ring.
    for (team, ring) in
        [("ops", "heads"), ("care", "heads"), ("care-staff", "staff"), ("ops-staff", "staff")]
    {
        map.teams.push(orgmap::model::Team::new(team, team, ring));
    }
    for (head, team, staff_team) in
        [("ops-head", "ops", "ops-staff"), ("care-head", "care", "care-staff")]
    {
        let mut role = Role::new(head, head, "heads");
        role.team = team.into();
        map.roles.push(role);
        map.links.push(link(head, "ceo", LinkKind::ReportsTo));
        for n in 0..4 {
            let id = format!("{head}-{n}");
            let mut role = Role::new(&id, format!("Staff {n}"), "staff");
            role.team = staff_team.into();
            map.roles.push(role);
            map.links.push(link(&id, head, LinkKind::ReportsTo));
        }
    }
    let placed = lay_out(&map);
    assert_eq!(crossings(&map, &placed), 0);
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
    let middle = |t: usize| normalize((placed.teams[t].start + placed.teams[t].end) / 2.0);
    // ops (0) lines up with ops-staff (3), care (1) with care-staff (2).
    assert!(angular_distance(middle(0), middle(3)) < angular_distance(middle(0), middle(2)));
    assert!(angular_distance(middle(1), middle(2)) < angular_distance(middle(1), middle(3)));
}

/// Generated lines of report, as most organisations are, come out without a crossing while
/// their rings set labels beside their nodes; with departments that follow them as teams,
/// too.
#[test]
fn trees_and_hierarchies_come_out_without_crossings() {
    for (roles, rings, seed) in [(100, 4, 1), (200, 5, 2), (300, 6, 3)] {
        for shape in [Shape::Tree, Shape::Hierarchy] {
            let options = GenerateOptions {
                roles,
                rings,
                seed,
                shape,
                links_per_role: 0.0,
                ..Default::default()
            };
            let map = generate(&options);
            let placed = lay_out(&map);
            assert_eq!(crossings(&map, &placed), 0, "{shape:?} of {roles} roles, seed {seed}");
            assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
        }
    }
}

/// At 1,000 roles the rings are crowded enough to set labels along the radius in staggered
/// tracks. A link from an inner track outward would pass the outer track's links inward (205
/// crossings, and 5,739 before the layout started from the tree; twopi 0), so roles with
/// reports outside go on the outermost track.
#[test]
fn a_crowded_tree_comes_out_untangled() {
    let options =
        GenerateOptions { roles: 1000, rings: 5, shape: Shape::Tree, ..Default::default() };
    let map = generate(&options);
    let placed = lay_out(&map);
    let found = crossings(&map, &placed);
    assert_eq!(found, 0, "crossings on a tree of 1,000 roles");
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

/// With cross links on top, the tree's own links do not cross each other where labels are
/// beside their nodes.
#[test]
fn a_hierarchy_with_cross_links_keeps_its_tree_untangled() {
    let options = GenerateOptions {
        roles: 150,
        rings: 4,
        shape: Shape::Hierarchy,
        links_per_role: 0.25,
        ..Default::default()
    };
    let map = generate(&options);
    let placed = lay_out(&map);
    let mut tree = map.clone();
    tree.links.retain(|l| l.kind == LinkKind::ReportsTo);
    assert_eq!(crossings(&tree, &placed), 0);
    assert!(crossings(&map, &placed) > 0, "the cross links do cross: the test means something");
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

/// Refinement keeps a step only when it lowers the crossings: the layout never has more than
/// its starting order placed without any sweep.
#[test]
fn refinement_never_adds_crossings() {
    for (shape, links_per_role) in
        [(Shape::Random, 1.5), (Shape::Hierarchy, 0.5), (Shape::Random, 0.6)]
    {
        for seed in 1..4 {
            let map = generate(&GenerateOptions {
                roles: 300,
                seed,
                shape,
                links_per_role,
                ..Default::default()
            });
            let start = layout::compute(
                &map,
                &LayoutOptions { sweeps: 0, ..LayoutOptions::default() },
                &approximate_width,
            );
            let refined = lay_out(&map);
            assert!(
                crossings(&map, &refined) <= crossings(&map, &start),
                "{shape:?} seed {seed}: {} after refinement, {} before",
                crossings(&map, &refined),
                crossings(&map, &start)
            );
        }
    }
}

#[test]
fn the_same_map_gives_bit_identical_layouts() {
    let map = generate(&GenerateOptions { roles: 400, ..Default::default() });
    let a = lay_out(&map);
    let b = lay_out(&map);
    assert_eq!(a, b);
    let bits = |l: &Layout| {
        l.roles.iter().map(|r| (r.pos.x.to_bits(), r.pos.y.to_bits())).collect::<Vec<_>>()
    };
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn labels_go_beside_their_nodes_around_the_centre_and_under_them_in_it() {
    let map = generate(&GenerateOptions { roles: 100, seed: 1, ..Default::default() });
    let placed = lay_out(&map);
    let placements: Vec<LabelPlacement> = placed.rings.iter().map(|r| r.labels).collect();
    use LabelPlacement::{Beside, Under};
    assert_eq!(placements, [Under, Beside, Beside, Beside]);
    // Outward: right of the node on the right half, left of it on the left half.
    let sides: Vec<(f64, f64)> = placed
        .roles
        .iter()
        .filter(|r| r.ring > 0)
        .map(|r| (layout::outward(r.angle), r.label.center.x - r.pos.x))
        .collect();
    assert!(sides.iter().any(|&(out, _)| out < 0.0) && sides.iter().any(|&(out, _)| out > 0.0));
    assert!(sides.iter().all(|&(out, dx)| out * dx > 0.0), "every label reads outward");
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

/// A ring keeps its name strip free of roles only where its names go: elsewhere roles come
/// down to the ring's inner edge, and the map is smaller (the Wellbeing Teams map went from
/// 1347 to 1235 px square with this).
#[test]
fn names_take_room_only_where_they_go() {
    let map = sample("wellbeing_teams.ron");
    let placed = lay_out(&map);
    let strip = LayoutOptions::default().name_strip();
    let into_strip = placed.rings.iter().enumerate().skip(1).filter(|(k, ring)| {
        placed
            .roles
            .iter()
            .filter(|r| r.ring == *k)
            .any(|r| r.label.radial_span().0.min(r.pos.length()) < ring.inner + strip)
    });
    assert!(into_strip.count() >= 2, "roles reach into their rings' name strips");
    for (k, ring) in placed.rings.iter().enumerate() {
        assert!(ring.name_angle.is_some(), "ring {k} is named");
    }
    assert!(placed.teams.iter().all(|t| t.name_angle.is_some()), "every team is named");
    assert_eq!(names_over_roles(&map, &placed), Vec::<String>::new());
}

#[test]
fn a_crowded_ring_sets_its_labels_along_the_radius_without_overlaps() {
    let map = generate(&GenerateOptions { roles: 2000, ..Default::default() });
    let placed = lay_out(&map);
    assert!(placed.rings.iter().any(|r| r.labels == LabelPlacement::Radial));
    assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
}

#[test]
fn long_labels_on_a_small_ring_clear_every_role_not_only_their_neighbours() {
    // Found by the property test: on a small ring a long label reached past its neighbour to
    // a role further on, while every pair of neighbours was clear. Try many small rings.
    let names = ["Care Lead", "Community Adviser", "Outreach Champion", "Wellbeing Adviser"];
    for roles in 3..7 {
        for (long, extra) in (0..roles).flat_map(|n| (5..60).step_by(5).map(move |x| (n, x))) {
            for pin in (0..360).step_by(30) {
                let mut map = OrgMap::new("Small centre");
                map.rings.push(Ring::new("team", "Team"));
                for n in 0..roles {
                    let mut name = names[n % names.len()].to_string();
                    if n == long {
                        name.push_str(&"x".repeat(extra));
                    }
                    map.roles.push(Role::new(format!("r{n}"), name, "centre"));
                    map.roles.push(Role::new(format!("t{n}"), "Team Coach", "team"));
                    map.links.push(Link {
                        from: format!("r{n}"),
                        to: format!("t{}", (n * 5) % roles),
                        kind: LinkKind::Supports,
                        note: String::new(),
                    });
                }
                map.roles[0].angle = Some(pin as f64);
                let placed = lay_out(&map);
                let broken = broken_rules(&map, &placed);
                assert!(
                    broken.is_empty(),
                    "{roles} roles, {long} + {extra}, pin {pin}: {broken:?}"
                );
            }
        }
    }
}

/// Mean angular move, in degrees, of the roles both maps have.
fn mean_displacement(before: &OrgMap, a: &Layout, after: &OrgMap, b: &Layout) -> f64 {
    let mut total = 0.0;
    let mut count = 0;
    for (i, role) in before.roles.iter().enumerate() {
        if let Some(j) = after.roles.iter().position(|r| r.id == role.id) {
            total += angular_distance(a.roles[i].angle, b.roles[j].angle).to_degrees();
            count += 1;
        }
    }
    total / count as f64
}

#[test]
fn adding_or_removing_one_role_moves_the_others_little() {
    let map = generate(&GenerateOptions { roles: 300, seed: 7, ..Default::default() });
    let placed = lay_out(&map);

    let mut fewer = map.clone();
    let gone = fewer.roles.remove(150);
    fewer.links.retain(|l| l.from != gone.id && l.to != gone.id);
    let removed = mean_displacement(&map, &placed, &fewer, &lay_out(&fewer));

    let mut more = map.clone();
    let mut extra = Role::new("extra", "Extra Coach", map.roles[150].ring.clone());
    extra.team = map.roles[150].team.clone();
    more.roles.push(extra);
    more.links.push(Link {
        from: "extra".into(),
        to: map.roles[10].id.clone(),
        kind: LinkKind::Coaches,
        note: String::new(),
    });
    let added = mean_displacement(&map, &placed, &more, &lay_out(&more));

    // Measured: about 2.7 and 3.1 degrees (1.9 and 2.7 before labels went beside their nodes
    // and names where roles leave room). One role's slot on the outer ring of this map is
    // about 2.9 degrees: on average the others move by less than one and a half slots.
    println!("mean displacement: removing one role {removed:.2} deg, adding one {added:.2} deg");
    assert!(removed < 4.0, "removing one role moved the others {removed:.2} degrees on average");
    assert!(added < 4.0, "adding one role moved the others {added:.2} degrees on average");
}

/// Random valid maps: generated structure, random label lengths, and pins on some roles
/// without a team, far enough apart that their labels can be separated.
fn random_map() -> impl Strategy<Value = OrgMap> {
    (
        0usize..120,
        1usize..6,
        0usize..6,
        0.0f64..2.5,
        any::<u64>(),
        prop::collection::vec(0usize..40, 0..8),
    )
        .prop_map(|(roles, rings, teams, links_per_role, seed, extra_chars)| {
            let mut map = generate(&GenerateOptions {
                roles,
                rings,
                teams,
                links_per_role,
                seed,
                ..Default::default()
            });
            for (n, role) in map.roles.iter_mut().enumerate() {
                role.name.push_str(&"x".repeat(extra_chars.get(n % 8).copied().unwrap_or(0)));
            }
            // Pins: at most one per ring, on a role without a team.
            let mut pinned_rings = Vec::new();
            for (n, role) in map.roles.iter_mut().enumerate() {
                if role.team.is_empty() && !pinned_rings.contains(&role.ring) && n % 3 == 0 {
                    role.angle = Some((n * 37 % 360) as f64);
                    pinned_rings.push(role.ring.clone());
                }
            }
            map
        })
}

/// A forest on rings: every role outside the centre hangs from a random role on the ring
/// inside it, or (one in `orphans`) from nothing; links of any kind, in any direction; some
/// rings may be empty.
fn random_forest() -> impl Strategy<Value = OrgMap> {
    (1usize..150, 1usize..7, 0u32..4, any::<u64>()).prop_map(|(roles, rings, orphans, seed)| {
        let mut map = OrgMap::new("forest");
        map.rings = (0..rings).map(|k| Ring::new(format!("k{k}"), format!("Ring {k}"))).collect();
        let mut state = seed | 1;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let mut by_ring: Vec<Vec<usize>> = vec![Vec::new(); rings];
        let kinds = [LinkKind::ReportsTo, LinkKind::Supports, LinkKind::Coaches, LinkKind::Advises];
        for i in 0..roles {
            let k = next(rings);
            map.roles.push(Role::new(format!("r{i}"), format!("Role {i}"), format!("k{k}")));
            by_ring[k].push(i);
        }
        for i in 0..roles {
            let k: usize = map.roles[i].ring[1..].parse().unwrap();
            if k == 0 || by_ring[k - 1].is_empty() || next(10) < orphans as usize {
                continue;
            }
            let parent = by_ring[k - 1][next(by_ring[k - 1].len())];
            let (from, to) = if next(2) == 0 { (i, parent) } else { (parent, i) };
            map.links.push(link(&format!("r{from}"), &format!("r{to}"), kinds[next(4)].clone()));
        }
        map
    })
}

/// Generated trees and hierarchies (departments that follow them, as teams) of any size.
fn random_tree() -> impl Strategy<Value = OrgMap> {
    (1usize..200, 1usize..7, 0usize..6, any::<u64>(), any::<bool>()).prop_map(
        |(roles, rings, teams, seed, hierarchy)| {
            let shape = if hierarchy { Shape::Hierarchy } else { Shape::Tree };
            generate(&GenerateOptions { roles, rings, teams, seed, shape, links_per_role: 0.0 })
        },
    )
}

/// What a tree or forest's layout keeps: at most `crossings` crossings, every rule, the
/// same layout every time.
fn untangled(map: &OrgMap, most: usize) -> Result<(), TestCaseError> {
    let placed = lay_out(map);
    prop_assert!(crossings(map, &placed) <= most, "{} crossings", crossings(map, &placed));
    prop_assert_eq!(broken_rules(map, &placed), Vec::<String>::new());
    prop_assert_eq!(&placed, &lay_out(map));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // A forest of links of every kind, most not lines of report, is drawn as an org chart
    // (every link joins a role to the one it hangs from): in two runs of 2,000 cases none
    // crossed. Placed as any map (halfway between even spacing and where the links go), one
    // drew 1 crossing and one 4 (both kept in the regressions file).
    #[test]
    fn random_forests_come_out_without_crossings(map in random_forest()) {
        untangled(&map, 0)?;
    }

    // In two runs of 2,000 cases, none crossed (before the layout started from the tree, a
    // generated tree of 1,000 roles had 5,739 crossings).
    #[test]
    fn generated_trees_come_out_without_crossings(map in random_tree()) {
        untangled(&map, 0)?;
    }

    #[test]
    fn random_maps_keep_every_rule(map in random_map()) {
        let placed = lay_out(&map);
        prop_assert_eq!(broken_rules(&map, &placed), Vec::<String>::new());
        prop_assert_eq!(&placed, &lay_out(&map));
    }
}

/// An org chart too big for the refinement to count its crossings (10,000 roles) keeps the
/// order of the walk of its tree on every ring: unchecked sweeps moved it away (251,836
/// crossings at 10,000 roles with them; 18,033 without). Its crowded rings stand their roles
/// evenly spaced: with siblings balanced (leaders and one-person roles taking turns) and
/// each ring following the placed ring inside it, reports stay beside their managers (233
/// crossings; 18,033 when the head's two thousand reports were in file order).
#[test]
fn a_huge_org_chart_keeps_the_order_of_its_tree() {
    let options = GenerateOptions {
        roles: 10_000,
        rings: 4,
        seed: 1,
        shape: Shape::Tree,
        ..Default::default()
    };
    let map = generate(&options);
    let placed = lay_out(&map);
    let orders = layout::initial_order(&map);
    for (k, order) in orders.iter().enumerate() {
        // The ring's roles clockwise from the first of the tree's order.
        let Some(&first) = order.first() else { continue };
        let start = placed.roles[first].angle;
        let mut drawn = order.clone();
        drawn.sort_by(|&a, &b| {
            let (a, b) = (placed.roles[a].angle - start, placed.roles[b].angle - start);
            normalize(a).total_cmp(&normalize(b))
        });
        assert!(drawn == *order, "ring {k} is drawn in another order than its tree's");
    }
    assert!(broken_rules(&map, &placed).is_empty());
    let found = crossings(&map, &placed);
    assert!(found <= 500, "{found} crossings on a tree of 10,000 roles (233 measured)");
}
