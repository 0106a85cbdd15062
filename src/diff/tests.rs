use super::*;
use crate::format;

/// A small map in the file's own words: two rings, a team, three roles, two people, links.
pub(crate) fn base() -> OrgMap {
    format::from_str(
        r##"(
    name: "Wellbeing",
    rings: [(id: "circle", name: "Circle"), (id: "team", name: "Team"), (id: "support", name: "Support")],
    teams: [(id: "east", name: "East", ring: "team")],
    roles: [
        (id: "worker", name: "Wellbeing Worker", ring: "team", team: "east", purpose: "Support people at home.",
         responsibilities: [(area: "Care", duties: ["Plan visits", "Keep notes"])], holders: ["mia"]),
        (id: "coach", name: "Team Coach", ring: "support", holders: ["tom"]),
        (id: "finance", name: "Finance", ring: "support"),
    ],
    people: [(id: "mia", name: "Mia"), (id: "tom", name: "Tom")],
    links: [
        (from: "coach", to: "worker", kind: Coaches),
        (from: "finance", to: "worker", kind: Supports),
    ],
)"##,
    )
    .unwrap()
}

fn changes(old: &OrgMap, new: &OrgMap) -> Vec<(Change, What, String, Option<&'static str>)> {
    compare(old, new).into_iter().map(|d| (d.change, d.what, d.id, d.field)).collect()
}

#[test]
fn the_same_map_has_no_changes() {
    assert!(compare(&base(), &base()).is_empty());
}

#[test]
fn a_renamed_role_is_a_rename_not_a_removal_and_an_addition() {
    let mut new = base();
    new.roles[0].name = "Care Worker".into();
    let found = compare(&base(), &new);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].change, found[0].what, found[0].id.as_str()),
        (Change::Changed, What::Role, "worker")
    );
    assert_eq!(found[0].field, Some("name"));
    assert_eq!(
        (found[0].old.as_str(), found[0].new.as_str()),
        (Some("Wellbeing Worker"), Some("Care Worker"))
    );
}

#[test]
fn roles_added_removed_and_moved_to_another_ring_or_team() {
    let mut new = base();
    new.roles.retain(|r| r.id != "finance");
    new.links.retain(|l| l.from != "finance");
    new.roles.push(crate::model::Role::new("practice-coach", "Practice Coach", "support"));
    new.roles[1].ring = "team".into(); // coach moves in
    new.roles[0].team.clear(); // worker leaves its team
    let found = changes(&base(), &new);
    assert!(
        found.contains(&(Change::Added, What::Role, "practice-coach".into(), None)),
        "{found:?}"
    );
    assert!(found.contains(&(Change::Removed, What::Role, "finance".into(), None)));
    assert!(found.contains(&(Change::Moved, What::Role, "coach".into(), Some("ring"))));
    assert!(found.contains(&(Change::Moved, What::Role, "worker".into(), Some("team"))));
    // The removed role's link is gone too, and says so.
    assert!(found.contains(&(Change::Removed, What::Link, "finance->worker".into(), None)));
    let added = compare(&base(), &new).into_iter().find(|d| d.change == Change::Added).unwrap();
    assert_eq!(added.new["name"], "Practice Coach", "the whole role, as the file writes it");
}

#[test]
fn each_changed_field_of_a_job_description_with_its_old_and_new_text() {
    let mut new = base();
    new.roles[0].purpose = "Support people to live well at home.".into();
    new.roles[0].responsibilities[0].duties.push("Call the family".into());
    new.roles[0].status = crate::model::Status::Vacant;
    let found = compare(&base(), &new);
    let fields: Vec<_> = found.iter().map(|d| d.field.unwrap()).collect();
    assert_eq!(fields, ["status", "purpose", "responsibilities"]);
    assert_eq!(found[0].old, "Filled", "a field left out reads as what it means");
    assert_eq!(found[0].new, "Vacant");
    assert_eq!(found[1].old, "Support people at home.");
    assert_eq!(found[2].new[0]["duties"][2], "Call the family");
}

#[test]
fn holders_pins_and_people() {
    let mut new = base();
    new.roles[1].holders = vec!["mia".into()];
    new.roles[2].angle = Some(90.0);
    new.people[1].name = "Thomas".into();
    new.people.push(crate::model::Person {
        id: "ann".into(),
        name: "Ann".into(),
        note: String::new(),
        skills: vec![],
    });
    let found = compare(&base(), &new);
    let holders = found.iter().find(|d| d.field == Some("holders")).unwrap();
    assert_eq!(
        (holders.old.clone(), holders.new.clone()),
        (serde_json::json!(["tom"]), serde_json::json!(["mia"]))
    );
    let pin = found.iter().find(|d| d.field == Some("angle")).unwrap();
    assert_eq!(
        (pin.id.as_str(), pin.old.clone(), pin.new.clone()),
        ("finance", Value::Null, serde_json::json!(90.0))
    );
    assert!(
        found.iter().any(|d| d.what == What::Person && d.id == "tom" && d.field == Some("name"))
    );
    assert!(
        found.iter().any(|d| d.what == What::Person && d.id == "ann" && d.change == Change::Added)
    );
}

#[test]
fn links_whose_kind_or_note_changed_are_the_same_link() {
    let mut new = base();
    new.links[0].kind = crate::model::LinkKind::Other("mentors".into());
    new.links[1].note = "Pays the bills".into();
    let found = compare(&base(), &new);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].id.as_str(), found[0].field), ("coach->worker", Some("kind")));
    assert_eq!(
        (found[0].old.clone(), found[0].new.clone()),
        (serde_json::json!("Coaches"), serde_json::json!("Other(\"mentors\")"))
    );
    assert_eq!((found[1].id.as_str(), found[1].field), ("finance->worker", Some("note")));
}

#[test]
fn of_two_links_between_one_pair_the_one_removed_is_the_one_reported() {
    let mut old = base();
    old.links.insert(
        0,
        Link {
            from: "coach".into(),
            to: "worker".into(),
            kind: crate::model::LinkKind::Supports,
            note: String::new(),
        },
    );
    let found = changes(&old, &base());
    assert_eq!(found, [(Change::Removed, What::Link, "coach->worker".into(), None)]);
}

#[test]
fn a_ring_put_elsewhere_moves_and_a_ring_added_inside_moves_nothing() {
    let mut new = base();
    new.rings.swap(1, 2);
    let found = changes(&base(), &new);
    assert_eq!(found.len(), 1, "one ring moved, not two: {found:?}");
    assert_eq!((found[0].0, found[0].1, found[0].3), (Change::Moved, What::Ring, Some("position")));
    let mut grown = base();
    grown.rings.insert(1, crate::model::Ring::new("family", "Family"));
    assert_eq!(changes(&base(), &grown), [(Change::Added, What::Ring, "family".into(), None)]);
}

#[test]
fn the_maps_own_name_purpose_and_values() {
    let mut new = base();
    new.name = "Wellbeing Teams".into();
    new.values = vec!["Compassion".into()];
    assert_eq!(
        changes(&base(), &new),
        [
            (Change::Changed, What::Map, String::new(), Some("name")),
            (Change::Changed, What::Map, String::new(), Some("values"))
        ]
    );
}

#[test]
fn every_field_is_compared() {
    // Every field the file can write, set, is in the lists compared (a new field in the format
    // fails here until it is listed).
    let mut role = crate::model::Role::new("r", "R", "k");
    role.team = "t".into();
    role.status = crate::model::Status::Vacant;
    role.purpose = "p".into();
    role.responsibilities =
        vec![crate::model::Responsibility { area: "a".into(), duties: vec!["d".into()] }];
    role.outcomes = vec!["o".into()];
    role.culture = vec!["c".into()];
    role.qualifications = vec!["q".into()];
    role.skills = vec![crate::model::Skill { name: "s".into(), level: 2 }];
    role.holders = vec!["h".into()];
    role.pitch = "x".into();
    role.angle = Some(1.0);
    let keys = |object: serde_json::Map<String, Value>| -> Vec<String> {
        let mut keys: Vec<String> = object.keys().filter(|k| *k != "id").cloned().collect();
        keys.sort();
        keys
    };
    let sorted = |fields: &[&str]| {
        let mut fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        fields.sort();
        fields
    };
    assert_eq!(keys(to_object(&role)), sorted(ROLE_FIELDS));
    let ring = crate::model::Ring {
        id: "k".into(),
        name: "K".into(),
        description: "d".into(),
        color: "#000000".into(),
    };
    assert_eq!(keys(to_object(&ring)), sorted(RING_FIELDS));
    let team = crate::model::Team {
        id: "t".into(),
        name: "T".into(),
        ring: "k".into(),
        description: "d".into(),
        color: "#000000".into(),
    };
    assert_eq!(keys(to_object(&team)), sorted(TEAM_FIELDS));
    let person = crate::model::Person {
        id: "p".into(),
        name: "P".into(),
        note: "n".into(),
        skills: role.skills.clone(),
    };
    assert_eq!(keys(to_object(&person)), sorted(PERSON_FIELDS));
    let link = Link {
        from: "a".into(),
        to: "b".into(),
        kind: crate::model::LinkKind::Coaches,
        note: "n".into(),
    };
    let mut link_keys = keys(to_object(&link));
    link_keys.retain(|k| k != "from" && k != "to");
    assert_eq!(link_keys, sorted(LINK_FIELDS));
    let mut map = base();
    map.purpose = "p".into();
    map.values = vec!["v".into()];
    let mut map_keys = keys(to_object(&map));
    map_keys.retain(|k| {
        !["format", "rings", "teams", "roles", "people", "links"].contains(&k.as_str())
    });
    assert_eq!(map_keys, sorted(MAP_FIELDS));
}
