//! The changes a user makes while sketching, each built as one [`Command`] from the map as it
//! is: adding a role picks a free id, deleting a role takes its links with it, deleting a
//! ring moves or deletes its roles as the user chose. Undo restores all of it in one step.

use super::{Command, EditError, Item, List};
pub use crate::model::ids::{fresh_id, slug};
use crate::model::{Link, LinkKind, OrgMap, Person, Ring, Role, Team};

/// Whether `id` is one [`fresh_id`] made from `base` (`new-role`, `new-role-2`...): an id
/// nobody chose, which may follow the name once one is typed.
pub fn is_placeholder_id(id: &str, base: &str) -> bool {
    id == base
        || id
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// What happens to the roles of a ring or team that is deleted (and to a ring's teams).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleFate {
    /// A team's roles stay on their ring, in no team (a ring's roles have nowhere to stay).
    Stay,
    /// They move to the ring (or team) at this index, as the map is before the deletion.
    MoveTo(usize),
    /// They are deleted too, with their links.
    Delete,
}

impl Command {
    /// A new role called `name` at the end of the list, on ring `ring` and in team `team`.
    pub fn add_role(map: &OrgMap, ring: usize, team: Option<usize>, name: &str) -> Command {
        let id = fresh_id(&slug(name, "role"), |id| map.role(id).is_some());
        let ring_id = map.rings.get(ring).map_or(String::new(), |r| r.id.clone());
        let mut role = Role::new(id, name, ring_id);
        role.team = team.and_then(|t| map.teams.get(t)).map_or(String::new(), |t| t.id.clone());
        Command::Insert { index: map.roles.len(), item: Item::Role(Box::new(role)) }
    }

    /// A copy of role `index` right after it: the job description without its holders (a
    /// new role is not held yet) and without its pin (the layout places it beside).
    pub fn duplicate_role(map: &OrgMap, index: usize) -> Result<Command, EditError> {
        let original = map.roles.get(index).ok_or(no_such(map, List::Roles, index))?;
        let mut copy = original.clone();
        copy.id = fresh_id(&format!("{}-copy", original.id), |id| map.role(id).is_some());
        copy.name = format!("{} (copy)", original.name);
        copy.holders.clear();
        copy.angle = None;
        Ok(Command::Insert { index: index + 1, item: Item::Role(Box::new(copy)) })
    }

    /// Deletes roles and every link to or from them.
    pub fn delete_roles(map: &OrgMap, roles: &[usize]) -> Result<Command, EditError> {
        role_deletions(map, roles).map(Command::Batch)
    }

    /// Moves role `index` to ring `ring`, team `team` (none: no team) and pin `angle`
    /// (degrees; none: the layout places it).
    pub fn place_role(
        map: &OrgMap,
        index: usize,
        ring: usize,
        team: Option<usize>,
        angle: Option<f64>,
    ) -> Result<Command, EditError> {
        let mut role = map.roles.get(index).ok_or(no_such(map, List::Roles, index))?.clone();
        role.ring = map.rings.get(ring).ok_or(no_such(map, List::Rings, ring))?.id.clone();
        role.team = match team {
            Some(t) => map.teams.get(t).ok_or(no_such(map, List::Teams, t))?.id.clone(),
            None => String::new(),
        };
        role.angle = angle;
        Ok(Command::set_role(index, role))
    }

    /// A new ring called `name` at position `at` (0 is the centre).
    pub fn add_ring(map: &OrgMap, at: usize, name: &str) -> Command {
        let id = fresh_id(&slug(name, "ring"), |id| map.ring(id).is_some());
        Command::Insert { index: at.min(map.rings.len()), item: Item::Ring(Ring::new(id, name)) }
    }

    /// Moves ring `index` to position `to` (inward or outward).
    pub fn move_ring(map: &OrgMap, index: usize, to: usize) -> Result<Command, EditError> {
        let ring = map.rings.get(index).ok_or(no_such(map, List::Rings, index))?.clone();
        if to >= map.rings.len() {
            return Err(no_such(map, List::Rings, to));
        }
        Ok(Command::Batch(vec![
            Command::Remove { list: List::Rings, index },
            Command::Insert { index: to, item: Item::Ring(ring) },
        ]))
    }

    /// Deletes ring `index`; its roles and teams move to another ring or are deleted, as
    /// `fate` says. The last ring of a map cannot go.
    pub fn delete_ring(map: &OrgMap, index: usize, fate: RoleFate) -> Result<Command, EditError> {
        let ring = map.rings.get(index).ok_or(no_such(map, List::Rings, index))?;
        if map.rings.len() == 1 {
            return Err(EditError::LastRing);
        }
        let on_ring: Vec<usize> =
            (0..map.roles.len()).filter(|&i| map.roles[i].ring == ring.id).collect();
        let mut commands = Vec::new();
        match fate {
            RoleFate::Stay => return Err(EditError::NowhereToStay),
            RoleFate::MoveTo(target) if target == index => return Err(EditError::MoveToItself),
            RoleFate::MoveTo(target) => {
                let target = map.rings.get(target).ok_or(no_such(map, List::Rings, target))?;
                for &i in &on_ring {
                    let mut role = map.roles[i].clone();
                    role.ring = target.id.clone();
                    commands.push(Command::set_role(i, role));
                }
                for (t, team) in map.teams.iter().enumerate().filter(|(_, t)| t.ring == ring.id) {
                    let team = Team { ring: target.id.clone(), ..team.clone() };
                    commands.push(Command::Set { index: t, item: Item::Team(team) });
                }
            }
            RoleFate::Delete => {
                commands.extend(role_deletions(map, &on_ring)?);
                commands.extend(removals(List::Teams, map.teams.iter().map(|t| t.ring == ring.id)));
            }
        }
        commands.push(Command::Remove { list: List::Rings, index });
        Ok(Command::Batch(commands))
    }

    /// A new team called `name` on ring `ring`.
    pub fn add_team(map: &OrgMap, ring: usize, name: &str) -> Result<Command, EditError> {
        let ring = map.rings.get(ring).ok_or(no_such(map, List::Rings, ring))?;
        let id = fresh_id(&slug(name, "team"), |id| map.team(id).is_some());
        let team = Team::new(id, name, ring.id.clone());
        Ok(Command::Insert { index: map.teams.len(), item: Item::Team(team) })
    }

    /// Deletes team `index`; its roles stay on the ring in no team, join another team (and
    /// its ring), or are deleted, as `fate` says.
    pub fn delete_team(map: &OrgMap, index: usize, fate: RoleFate) -> Result<Command, EditError> {
        let team = map.teams.get(index).ok_or(no_such(map, List::Teams, index))?;
        let in_team: Vec<usize> =
            (0..map.roles.len()).filter(|&i| map.roles[i].team == team.id).collect();
        let mut commands = Vec::new();
        match fate {
            RoleFate::Delete => {
                commands.extend(role_deletions(map, &in_team)?);
            }
            RoleFate::MoveTo(target) if target == index => return Err(EditError::MoveToItself),
            RoleFate::Stay | RoleFate::MoveTo(_) => {
                let target = match fate {
                    RoleFate::MoveTo(t) => {
                        Some(map.teams.get(t).ok_or(no_such(map, List::Teams, t))?)
                    }
                    _ => None,
                };
                for &i in &in_team {
                    let mut role = map.roles[i].clone();
                    role.team = target.map_or(String::new(), |t| t.id.clone());
                    if let Some(target) = target {
                        role.ring = target.ring.clone();
                    }
                    commands.push(Command::set_role(i, role));
                }
            }
        }
        commands.push(Command::Remove { list: List::Teams, index });
        Ok(Command::Batch(commands))
    }

    /// A link "from KIND to" between roles `from` and `to`.
    pub fn add_link(
        map: &OrgMap,
        from: usize,
        to: usize,
        kind: LinkKind,
    ) -> Result<Command, EditError> {
        let id =
            |i: usize| map.roles.get(i).map(|r| r.id.clone()).ok_or(no_such(map, List::Roles, i));
        let link = Link { from: id(from)?, to: id(to)?, kind, note: String::new() };
        Ok(Command::Insert { index: map.links.len(), item: Item::Link(link) })
    }

    /// A new person called `name`.
    pub fn add_person(map: &OrgMap, name: &str) -> Command {
        let id = fresh_id(&slug(name, "person"), |id| map.person(id).is_some());
        let person = Person { id, name: name.to_string(), note: String::new(), skills: Vec::new() };
        Command::Insert { index: map.people.len(), item: Item::Person(person) }
    }

    /// Deletes person `index` and takes them off the roles they hold.
    pub fn delete_person(map: &OrgMap, index: usize) -> Result<Command, EditError> {
        let id = &map.people.get(index).ok_or(no_such(map, List::People, index))?.id;
        let mut commands = Vec::new();
        for (i, role) in map.roles.iter().enumerate().filter(|(_, r)| r.holders.contains(id)) {
            let holders = role.holders.iter().filter(|h| *h != id).cloned().collect();
            commands.push(Command::set_role(i, Role { holders, ..role.clone() }));
        }
        commands.push(Command::Remove { list: List::People, index });
        Ok(Command::Batch(commands))
    }

    /// Makes person `person` a holder of role `role` (or no longer one).
    pub fn assign(
        map: &OrgMap,
        person: usize,
        role: usize,
        holds: bool,
    ) -> Result<Command, EditError> {
        let id = map.people.get(person).ok_or(no_such(map, List::People, person))?.id.clone();
        let mut changed = map.roles.get(role).ok_or(no_such(map, List::Roles, role))?.clone();
        changed.holders.retain(|h| *h != id);
        if holds {
            changed.holders.push(id);
        }
        Ok(Command::set_role(role, changed))
    }
}

impl Command {
    /// Gives entry `index` of `list` a new id, and every reference to it too (a ring's roles
    /// and teams, a team's roles, a role's links, a person's roles).
    pub fn rename_id(
        map: &OrgMap,
        list: List,
        index: usize,
        id: &str,
    ) -> Result<Command, EditError> {
        let id = id.to_string();
        let mut commands = Vec::new();
        let mut roles_where = |test: &dyn Fn(&Role) -> bool, change: &dyn Fn(&mut Role)| {
            for (i, role) in map.roles.iter().enumerate().filter(|(_, r)| test(r)) {
                let mut role = role.clone();
                change(&mut role);
                commands.push(Command::set_role(i, role));
            }
        };
        let own = match list {
            List::Rings => {
                let ring = map.rings.get(index).ok_or(no_such(map, List::Rings, index))?;
                let old = ring.id.clone();
                roles_where(&|r| r.ring == old, &|r| r.ring = id.clone());
                for (t, team) in map.teams.iter().enumerate().filter(|(_, t)| t.ring == old) {
                    let team = Team { ring: id.clone(), ..team.clone() };
                    commands.push(Command::Set { index: t, item: Item::Team(team) });
                }
                Item::Ring(Ring { id: id.clone(), ..ring.clone() })
            }
            List::Teams => {
                let team = map.teams.get(index).ok_or(no_such(map, List::Teams, index))?;
                let old = team.id.clone();
                roles_where(&|r| r.team == old, &|r| r.team = id.clone());
                Item::Team(Team { id: id.clone(), ..team.clone() })
            }
            List::Roles => {
                let role = map.roles.get(index).ok_or(no_such(map, List::Roles, index))?;
                let old = role.id.clone();
                for (l, link) in map.links.iter().enumerate() {
                    if link.from == old || link.to == old {
                        let mut link = link.clone();
                        for end in [&mut link.from, &mut link.to] {
                            if *end == old {
                                *end = id.clone();
                            }
                        }
                        commands.push(Command::Set { index: l, item: Item::Link(link) });
                    }
                }
                Item::Role(Box::new(Role { id: id.clone(), ..role.clone() }))
            }
            List::People => {
                let person = map.people.get(index).ok_or(no_such(map, List::People, index))?;
                let old = person.id.clone();
                roles_where(&|r| r.holders.contains(&old), &|r| {
                    for holder in r.holders.iter_mut().filter(|h| **h == old) {
                        *holder = id.clone();
                    }
                });
                Item::Person(Person { id: id.clone(), ..person.clone() })
            }
            List::Links => return Err(no_such(map, List::Links, index)),
        };
        commands.push(Command::Set { index, item: own });
        Ok(Command::Batch(commands))
    }
}

/// The removals that delete `roles` and every link to or from them. Ids are looked up in a
/// set: deleting all 10,000 roles of a map with 20,000 links stays instant.
fn role_deletions(map: &OrgMap, roles: &[usize]) -> Result<Vec<Command>, EditError> {
    let mut roles = roles.to_vec();
    roles.sort_unstable();
    roles.dedup();
    if let Some(&bad) = roles.iter().find(|&&i| i >= map.roles.len()) {
        return Err(no_such(map, List::Roles, bad));
    }
    let ids: std::collections::BTreeSet<&str> =
        roles.iter().map(|&i| map.roles[i].id.as_str()).collect();
    let touches = |link: &Link| ids.contains(link.from.as_str()) || ids.contains(link.to.as_str());
    let links = removals(List::Links, map.links.iter().map(touches));
    let roles = roles.into_iter().rev().map(|index| Command::Remove { list: List::Roles, index });
    Ok(links.chain(roles).collect())
}

/// Removals of the entries of `list` for which `remove` is true, from the last one back (so
/// that each index is still right when its turn comes).
fn removals(list: List, remove: impl Iterator<Item = bool>) -> impl Iterator<Item = Command> {
    let doomed: Vec<usize> = remove.enumerate().filter(|(_, r)| *r).map(|(i, _)| i).collect();
    doomed.into_iter().rev().map(move |index| Command::Remove { list, index })
}

fn no_such(map: &OrgMap, list: List, index: usize) -> EditError {
    EditError::NoSuch(list.name(), index, list.len(map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::validate;

    /// Two rings, a team, three roles, a person and two links.
    fn map() -> OrgMap {
        let mut map = OrgMap::new("Sketch");
        map.rings.push(Ring::new("team", "Wellbeing Team"));
        map.teams.push(Team::new("north", "North", "team"));
        map.roles.push(Role::new("person", "The person", "centre"));
        let mut worker = Role::new("worker", "Wellbeing Worker", "team");
        worker.team = "north".into();
        worker.holders = vec!["lesley".into()];
        map.roles.push(worker);
        let mut coach = Role::new("coach", "Team Coach", "team");
        coach.holders = vec!["lesley".into()];
        map.roles.push(coach);
        map.people.push(Person {
            id: "lesley".into(),
            name: "Lesley".into(),
            note: String::new(),
            skills: Vec::new(),
        });
        map.links.push(Link {
            from: "worker".into(),
            to: "person".into(),
            kind: LinkKind::Supports,
            note: String::new(),
        });
        map.links.push(Link {
            from: "coach".into(),
            to: "worker".into(),
            kind: LinkKind::Coaches,
            note: String::new(),
        });
        map
    }

    /// Applies `command` through a history; checks the result is valid and `expect`ed, that
    /// undo gives the map back exactly and redo the result exactly.
    fn round_trip(command: Command, expect: impl Fn(&OrgMap)) -> OrgMap {
        let before = map();
        let mut edited = before.clone();
        let mut history = History::new();
        history.apply(&mut edited, command, "Change", None).unwrap();
        assert!(validate(&edited).is_empty(), "a valid map stays valid: {:?}", validate(&edited));
        expect(&edited);
        let after = edited.clone();
        history.undo(&mut edited).unwrap();
        assert_eq!(edited, before, "undo gives the map back");
        history.redo(&mut edited).unwrap();
        assert_eq!(edited, after, "redo does it again");
        after
    }

    #[test]
    fn ids_come_from_names_and_never_clash() {
        assert_eq!(slug("Practice Coach", "role"), "practice-coach");
        assert_eq!(slug("  Öko & Co. ", "role"), "öko-co");
        assert_eq!(slug("!!!", "role"), "role");
        let map = map();
        let command = Command::add_role(&map, 1, None, "Wellbeing Worker");
        let Command::Insert { item: Item::Role(role), .. } = command else { panic!() };
        assert_eq!(role.id, "wellbeing-worker");
        assert_eq!(fresh_id("worker", |id| map.role(id).is_some()), "worker-2");
    }

    #[test]
    fn add_role_on_a_ring_and_in_a_team() {
        round_trip(Command::add_role(&map(), 1, Some(0), "Practice Coach"), |m| {
            let role = m.roles.last().unwrap();
            assert_eq!((role.name.as_str(), role.ring.as_str()), ("Practice Coach", "team"));
            assert_eq!(role.team, "north");
        });
    }

    #[test]
    fn duplicate_copies_the_description_not_the_holders_or_pin() {
        let mut base = map();
        base.roles[1].purpose = "Support people at home".into();
        base.roles[1].angle = Some(90.0);
        let command = Command::duplicate_role(&base, 1).unwrap();
        let mut edited = base.clone();
        let inverse = command.apply(&mut edited).unwrap();
        let copy = &edited.roles[2];
        assert_eq!(copy.id, "worker-copy");
        assert_eq!(copy.name, "Wellbeing Worker (copy)");
        assert_eq!(copy.purpose, "Support people at home");
        assert!(copy.holders.is_empty() && copy.angle.is_none());
        inverse.apply(&mut edited).unwrap();
        assert_eq!(edited, base);
    }

    #[test]
    fn deleting_roles_takes_their_links_and_undo_brings_all_back() {
        round_trip(Command::delete_roles(&map(), &[1]).unwrap(), |m| {
            assert_eq!(m.roles.len(), 2);
            assert!(m.links.is_empty(), "both links touched the worker");
        });
        round_trip(Command::delete_roles(&map(), &[2, 0, 2]).unwrap(), |m| {
            assert_eq!(m.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["worker"]);
            assert!(m.links.is_empty());
        });
        assert!(Command::delete_roles(&map(), &[7]).is_err());
    }

    #[test]
    fn placing_a_role_changes_ring_team_and_pin() {
        round_trip(Command::place_role(&map(), 2, 1, Some(0), Some(45.0)).unwrap(), |m| {
            assert_eq!((m.roles[2].team.as_str(), m.roles[2].angle), ("north", Some(45.0)));
        });
        round_trip(Command::place_role(&map(), 1, 0, None, None).unwrap(), |m| {
            assert_eq!((m.roles[1].ring.as_str(), m.roles[1].team.as_str()), ("centre", ""));
        });
    }

    #[test]
    fn rings_are_added_moved_and_deleted() {
        round_trip(Command::add_ring(&map(), 2, "Support"), |m| {
            assert_eq!(m.rings[2].id, "support");
        });
        round_trip(Command::add_ring(&map(), 0, "Team"), |m| {
            assert_eq!(m.rings[0].id, "team-2", "an inner ring with a fresh id");
        });
        round_trip(Command::move_ring(&map(), 1, 0).unwrap(), |m| {
            assert_eq!(m.rings[0].id, "team");
        });
        round_trip(Command::delete_ring(&map(), 1, RoleFate::MoveTo(0)).unwrap(), |m| {
            assert_eq!(m.rings.len(), 1);
            assert_eq!(m.roles.len(), 3, "no role is lost");
            assert!(m.roles.iter().all(|r| r.ring == "centre"));
            assert_eq!(m.teams[0].ring, "centre", "the team moves with its roles");
        });
        round_trip(Command::delete_ring(&map(), 1, RoleFate::Delete).unwrap(), |m| {
            assert_eq!(m.roles.len(), 1);
            assert!(m.teams.is_empty() && m.links.is_empty());
        });
    }

    #[test]
    fn a_ring_delete_that_cannot_be_done_is_refused() {
        let map = map();
        assert_eq!(
            Command::delete_ring(&map, 1, RoleFate::MoveTo(1)),
            Err(EditError::MoveToItself)
        );
        let one = OrgMap::new("One");
        assert_eq!(Command::delete_ring(&one, 0, RoleFate::Delete), Err(EditError::LastRing));
    }

    #[test]
    fn teams_are_added_and_deleted_without_losing_roles() {
        round_trip(Command::add_team(&map(), 1, "South").unwrap(), |m| {
            assert_eq!((m.teams[1].id.as_str(), m.teams[1].ring.as_str()), ("south", "team"));
        });
        round_trip(Command::delete_team(&map(), 0, RoleFate::Stay).unwrap(), |m| {
            assert!(m.teams.is_empty());
            assert_eq!(m.roles[1].team, "", "the worker stays on the ring, in no team");
            assert_eq!(m.roles[1].ring, "team");
        });
        round_trip(Command::delete_team(&map(), 0, RoleFate::Delete).unwrap(), |m| {
            assert!(m.teams.is_empty());
            assert!(m.role("worker").is_none() && m.links.is_empty());
        });
        let mut two = map();
        two.teams.push(Team::new("centre-team", "Centre team", "centre"));
        let command = Command::delete_team(&two, 0, RoleFate::MoveTo(1)).unwrap();
        let mut edited = two.clone();
        command.apply(&mut edited).unwrap();
        let worker = edited.role("worker").unwrap();
        assert_eq!((worker.team.as_str(), worker.ring.as_str()), ("centre-team", "centre"));
    }

    #[test]
    fn links_are_added_changed_and_removed() {
        round_trip(Command::add_link(&map(), 2, 0, LinkKind::Advises).unwrap(), |m| {
            let link = m.links.last().unwrap();
            assert_eq!((link.from.as_str(), link.to.as_str()), ("coach", "person"));
            assert_eq!(link.kind, LinkKind::Advises);
        });
        let mut changed = map().links[0].clone();
        changed.kind = LinkKind::Other("cares for".into());
        changed.note = "Every day".into();
        round_trip(Command::Set { index: 0, item: Item::Link(changed) }, |m| {
            assert_eq!(m.links[0].note, "Every day");
        });
        round_trip(Command::Remove { list: List::Links, index: 1 }, |m| {
            assert_eq!(m.links.len(), 1);
        });
    }

    #[test]
    fn people_are_added_assigned_and_deleted() {
        round_trip(Command::add_person(&map(), "Lesley"), |m| {
            assert_eq!(m.people[1].id, "lesley-2");
        });
        round_trip(Command::assign(&map(), 0, 0, true).unwrap(), |m| {
            assert_eq!(m.roles[0].holders, ["lesley"]);
        });
        round_trip(Command::assign(&map(), 0, 1, false).unwrap(), |m| {
            assert!(m.roles[1].holders.is_empty());
        });
        round_trip(Command::delete_person(&map(), 0).unwrap(), |m| {
            assert!(m.people.is_empty());
            assert!(m.roles.iter().all(|r| r.holders.is_empty()), "no dangling holder");
        });
    }

    #[test]
    fn rename_and_recolour_a_ring_and_a_team() {
        let ring = Ring { name: "Team".into(), color: "#7fb3d5".into(), ..map().rings[1].clone() };
        round_trip(Command::Set { index: 1, item: Item::Ring(ring) }, |m| {
            assert_eq!((m.rings[1].name.as_str(), m.rings[1].color.as_str()), ("Team", "#7fb3d5"));
        });
        let team = Team { name: "North team".into(), ..map().teams[0].clone() };
        round_trip(Command::Set { index: 0, item: Item::Team(team) }, |m| {
            assert_eq!(m.teams[0].name, "North team");
        });
    }

    #[test]
    fn renaming_an_id_renames_every_reference() {
        round_trip(Command::rename_id(&map(), List::Rings, 1, "wellbeing-team").unwrap(), |m| {
            assert_eq!(m.rings[1].id, "wellbeing-team");
            assert_eq!(m.teams[0].ring, "wellbeing-team");
            assert_eq!(m.roles[1].ring, "wellbeing-team");
        });
        round_trip(Command::rename_id(&map(), List::Teams, 0, "north-team").unwrap(), |m| {
            assert_eq!(m.roles[1].team, "north-team");
        });
        round_trip(Command::rename_id(&map(), List::Roles, 1, "wellbeing-worker").unwrap(), |m| {
            assert_eq!(m.links[0].from, "wellbeing-worker");
            assert_eq!(m.links[1].to, "wellbeing-worker");
        });
        round_trip(Command::rename_id(&map(), List::People, 0, "lesley-jones").unwrap(), |m| {
            assert_eq!(m.roles[1].holders, ["lesley-jones"]);
            assert_eq!(m.roles[2].holders, ["lesley-jones"]);
        });
        assert!(is_placeholder_id("new-role", "new-role"));
        assert!(is_placeholder_id("new-role-12", "new-role"));
        assert!(!is_placeholder_id("new-role-x", "new-role"));
        assert!(!is_placeholder_id("practice-coach", "new-role"));
    }

    #[test]
    fn a_batch_that_fails_half_way_leaves_the_map_as_it_was() {
        let before = map();
        let mut edited = before.clone();
        let batch = Command::Batch(vec![
            Command::Remove { list: List::Links, index: 0 },
            Command::Remove { list: List::Roles, index: 9 },
        ]);
        assert!(batch.apply(&mut edited).is_err());
        assert_eq!(edited, before);
    }
}
