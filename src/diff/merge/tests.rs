use super::*;
use crate::diff::tests::base;
use crate::model::{LinkKind, Role};

fn role<'a>(map: &'a OrgMap, id: &str) -> &'a Role {
    map.roles.iter().find(|r| r.id == id).unwrap()
}

#[test]
fn edits_to_different_roles_and_fields_combine() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles[0].purpose = "Ours".into();
    theirs.roles[0].pitch = "Could this be you?".into();
    theirs.roles[1].name = "Coach".into();
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(role(&merged.map, "worker").purpose, "Ours");
    assert_eq!(role(&merged.map, "worker").pitch, "Could this be you?");
    assert_eq!(role(&merged.map, "coach").name, "Coach");
}

#[test]
fn roles_added_at_the_end_on_both_sides_are_both_kept_in_order() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles.push(Role::new("a", "A", "team"));
    theirs.roles.push(Role::new("b", "B", "support"));
    theirs.roles.push(Role::new("c", "C", "support"));
    let merged = merge(&base(), &ours, &theirs).unwrap();
    let ids: Vec<&str> = merged.map.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["worker", "coach", "finance", "a", "b", "c"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn the_same_addition_on_both_sides_is_kept_once() {
    let (mut ours, mut theirs) = (base(), base());
    let link = Link {
        from: "finance".into(),
        to: "coach".into(),
        kind: LinkKind::Supports,
        note: String::new(),
    };
    ours.links.push(link.clone());
    theirs.links.push(link);
    ours.roles.push(Role::new("a", "A", "team"));
    theirs.roles.push(Role::new("a", "A", "team"));
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert_eq!(merged.map.links.len(), 3);
    assert_eq!(merged.map.roles.len(), 4);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn one_field_changed_differently_on_both_sides_is_a_conflict_that_keeps_ours() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles[0].purpose = "Ours".into();
    theirs.roles[0].purpose = "Theirs".into();
    theirs.roles[0].name = "Care Worker".into();
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!((c.what, c.id.as_str(), c.field), (What::Role, "worker", Some("purpose")));
    assert_eq!((c.ours.as_str(), c.theirs.as_str()), (Some("Ours"), Some("Theirs")));
    assert_eq!(role(&merged.map, "worker").purpose, "Ours");
    assert_eq!(role(&merged.map, "worker").name, "Care Worker", "the other field still merges");
}

#[test]
fn removed_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles[2].purpose = "Keep the money right".into();
    theirs.roles.retain(|r| r.id != "finance");
    theirs.links.retain(|l| l.from != "finance");
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert!(
        merged.conflicts.iter().any(|c| c.id == "finance" && c.field.is_none()),
        "{:?}",
        merged.conflicts
    );
    assert_eq!(role(&merged.map, "finance").purpose, "Keep the money right", "ours kept");
    // The other way round: we removed it, they edited it: it stays removed, as ours.
    let merged = merge(&base(), &theirs, &ours).unwrap();
    assert!(merged.map.roles.iter().all(|r| r.id != "finance"));
    assert!(merged.conflicts.iter().any(|c| c.id == "finance"));
}

#[test]
fn removed_on_one_side_and_untouched_on_the_other_is_removed() {
    let (ours, mut theirs) = (base(), base());
    theirs.roles.retain(|r| r.id != "finance");
    theirs.links.retain(|l| l.from != "finance");
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert!(merged.map.roles.iter().all(|r| r.id != "finance"));
    assert_eq!(merged.map.links.len(), 1);
}

#[test]
fn a_ring_removed_by_them_that_our_new_role_stands_on_is_kept() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles.push(Role::new("volunteer", "Volunteer", "circle"));
    theirs.rings.remove(0);
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert_eq!(merged.map.rings[0].id, "circle", "back in its place, the centre");
    assert!(merged.conflicts.iter().any(|c| c.what == What::Ring && c.id == "circle"));
    assert!(crate::model::validate(&merged.map).iter().all(|f| f.severity != Severity::Error));
}

#[test]
fn a_person_removed_by_them_who_holds_our_new_role_is_kept() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles[2].holders = vec!["tom".into()];
    theirs.people.retain(|p| p.id != "tom");
    theirs.roles[1].holders.clear();
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert!(merged.map.people.iter().any(|p| p.id == "tom"));
    assert!(role(&merged.map, "coach").holders.is_empty(), "their edit of the coach stands");
}

#[test]
fn a_link_kind_changed_on_one_side_and_noted_on_the_other_combines() {
    let (mut ours, mut theirs) = (base(), base());
    ours.links[0].kind = LinkKind::Advises;
    theirs.links[0].note = "Every Monday".into();
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert_eq!(merged.map.links.len(), 2);
    assert_eq!(
        (merged.map.links[0].kind.clone(), merged.map.links[0].note.as_str()),
        (LinkKind::Advises, "Every Monday")
    );
}

#[test]
fn their_new_order_of_rings_is_taken_when_ours_kept_the_old() {
    let (ours, mut theirs) = (base(), base());
    theirs.rings.swap(1, 2);
    let merged = merge(&base(), &ours, &theirs).unwrap();
    let ids: Vec<&str> = merged.map.rings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["circle", "support", "team"]);
}

#[test]
fn a_team_they_moved_to_another_ring_takes_no_role_of_ours_with_it() {
    let (mut ours, mut theirs) = (base(), base());
    ours.roles.push(Role { team: "east".into(), ..Role::new("night", "Night Worker", "team") });
    theirs.teams[0].ring = "support".into();
    theirs.roles[0].team.clear();
    let merged = merge(&base(), &ours, &theirs).unwrap();
    assert_eq!(role(&merged.map, "night").team, "");
    assert!(merged.conflicts.iter().any(|c| c.id == "night" && c.field == Some("team")));
    assert!(crate::model::validate(&merged.map).iter().all(|f| f.severity != Severity::Error));
}
