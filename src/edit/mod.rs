//! Every change to a map is a [`Command`]; the [`History`] applies commands, keeps their
//! inverses for undo and redo, and knows whether the map differs from the saved file.
//!
//! Typing is grouped: commands that carry the same merge key one after the other (the
//! letters of a sentence typed into one field) make one undo step, until [`History::end_group`]
//! is called (the field lost focus, or another kind of change began).

mod ops;

pub use ops::{RoleFate, fresh_id, is_placeholder_id, slug};

use thiserror::Error;

use crate::model::{Link, OrgMap, Person, Ring, Role, Team};

/// The parts of a map that describe the whole organisation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapInfo {
    pub name: String,
    pub purpose: String,
    pub values: Vec<String>,
}

impl MapInfo {
    pub fn of(map: &OrgMap) -> Self {
        MapInfo { name: map.name.clone(), purpose: map.purpose.clone(), values: map.values.clone() }
    }
}

/// One of the map's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Rings,
    Teams,
    Roles,
    People,
    Links,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Rings => "ring",
            List::Teams => "team",
            List::Roles => "role",
            List::People => "person",
            List::Links => "link",
        }
    }

    /// The id and name of entry `index` (links have neither).
    pub fn id_and_name(self, map: &OrgMap, index: usize) -> Option<(&str, &str)> {
        match self {
            List::Rings => map.rings.get(index).map(|r| (r.id.as_str(), r.name.as_str())),
            List::Teams => map.teams.get(index).map(|t| (t.id.as_str(), t.name.as_str())),
            List::Roles => map.roles.get(index).map(|r| (r.id.as_str(), r.name.as_str())),
            List::People => map.people.get(index).map(|p| (p.id.as_str(), p.name.as_str())),
            List::Links => None,
        }
    }

    /// Whether an entry of this list has the id `id`.
    pub fn has_id(self, map: &OrgMap, id: &str) -> bool {
        match self {
            List::Rings => map.ring(id).is_some(),
            List::Teams => map.team(id).is_some(),
            List::Roles => map.role(id).is_some(),
            List::People => map.person(id).is_some(),
            List::Links => false,
        }
    }

    fn len(self, map: &OrgMap) -> usize {
        match self {
            List::Rings => map.rings.len(),
            List::Teams => map.teams.len(),
            List::Roles => map.roles.len(),
            List::People => map.people.len(),
            List::Links => map.links.len(),
        }
    }
}

/// An entry of one of the map's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Ring(Ring),
    Team(Team),
    Role(Box<Role>),
    Person(Person),
    Link(Link),
}

impl Item {
    pub fn list(&self) -> List {
        match self {
            Item::Ring(_) => List::Rings,
            Item::Team(_) => List::Teams,
            Item::Role(_) => List::Roles,
            Item::Person(_) => List::People,
            Item::Link(_) => List::Links,
        }
    }
}

/// One change to a map. Applying a command returns the command that undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Sets the map's name, purpose and values.
    SetMapInfo(MapInfo),
    /// Replaces entry `index` of the item's list (a role's name, a ring's colour...).
    Set { index: usize, item: Item },
    /// Puts the item into its list at `index` (at most the list's length).
    Insert { index: usize, item: Item },
    /// Takes entry `index` out of a list.
    Remove { list: List, index: usize },
    /// Several commands as one step, applied in order.
    Batch(Vec<Command>),
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("there is no {0} number {1} in the map (it has {2})")]
    NoSuch(&'static str, usize, usize),
    #[error("a map needs at least one ring: add another ring before deleting this one")]
    LastRing,
    #[error("the roles cannot move to the ring or team being deleted: choose another one")]
    MoveToItself,
    #[error(
        "the roles of a deleted ring cannot stay on it: move them to another ring or delete them"
    )]
    NowhereToStay,
}

impl Command {
    /// Replaces role `index`.
    pub fn set_role(index: usize, role: Role) -> Command {
        Command::Set { index, item: Item::Role(Box::new(role)) }
    }

    /// Applies the command and returns its inverse. A failing command leaves the map as it
    /// was (a batch undoes the part it had done).
    pub fn apply(self, map: &mut OrgMap) -> Result<Command, EditError> {
        match self {
            Command::SetMapInfo(info) => {
                let before = MapInfo::of(map);
                map.name = info.name;
                map.purpose = info.purpose;
                map.values = info.values;
                Ok(Command::SetMapInfo(before))
            }
            Command::Set { index, item } => {
                check(map, item.list(), index, false)?;
                let before = match item {
                    Item::Ring(x) => Item::Ring(std::mem::replace(&mut map.rings[index], x)),
                    Item::Team(x) => Item::Team(std::mem::replace(&mut map.teams[index], x)),
                    Item::Role(x) => {
                        Item::Role(Box::new(std::mem::replace(&mut map.roles[index], *x)))
                    }
                    Item::Person(x) => Item::Person(std::mem::replace(&mut map.people[index], x)),
                    Item::Link(x) => Item::Link(std::mem::replace(&mut map.links[index], x)),
                };
                Ok(Command::Set { index, item: before })
            }
            Command::Insert { index, item } => {
                let list = item.list();
                check(map, list, index, true)?;
                match item {
                    Item::Ring(x) => map.rings.insert(index, x),
                    Item::Team(x) => map.teams.insert(index, x),
                    Item::Role(x) => map.roles.insert(index, *x),
                    Item::Person(x) => map.people.insert(index, x),
                    Item::Link(x) => map.links.insert(index, x),
                }
                Ok(Command::Remove { list, index })
            }
            Command::Remove { list, index } => {
                check(map, list, index, false)?;
                let item = match list {
                    List::Rings => Item::Ring(map.rings.remove(index)),
                    List::Teams => Item::Team(map.teams.remove(index)),
                    List::Roles => Item::Role(Box::new(map.roles.remove(index))),
                    List::People => Item::Person(map.people.remove(index)),
                    List::Links => Item::Link(map.links.remove(index)),
                };
                Ok(Command::Insert { index, item })
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for command in commands {
                    match command.apply(map) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            for inverse in inverses.into_iter().rev() {
                                // Inverses of commands that just applied cannot fail.
                                let _ = inverse.apply(map);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Command::Batch(inverses))
            }
        }
    }

    /// Whether applying the command can move something on the map (so the layout must run
    /// again): anything but the texts of the job descriptions, people and link notes.
    pub fn moves_things(&self, map: &OrgMap) -> bool {
        match self {
            Command::SetMapInfo(_) => false,
            Command::Set { index, item: Item::Role(after) } => {
                map.roles.get(*index).is_none_or(|before| {
                    before.name != after.name
                        || before.ring != after.ring
                        || before.team != after.team
                        || before.angle != after.angle
                        || before.id != after.id
                })
            }
            Command::Set { index, item: Item::Link(after) } => map
                .links
                .get(*index)
                .is_none_or(|before| before.from != after.from || before.to != after.to),
            Command::Set { item: Item::Person(_), .. } => false,
            Command::Insert { item: Item::Person(_), .. } => false,
            Command::Remove { list: List::People, .. } => false,
            Command::Batch(commands) => commands.iter().any(|c| c.moves_things(map)),
            _ => true,
        }
    }
}

/// Entry `index` of `list` exists (or, for an insertion, may be made).
fn check(map: &OrgMap, list: List, index: usize, inserting: bool) -> Result<(), EditError> {
    let len = list.len(map);
    if index < len || (inserting && index == len) {
        Ok(())
    } else {
        Err(EditError::NoSuch(list.name(), index, len))
    }
}

/// A step of the history: what undoes it, and what it was called.
#[derive(Debug, Clone)]
struct Entry {
    label: String,
    inverse: Command,
    /// Identifies the map state this entry leads to (for the unsaved-changes mark).
    state: u64,
}

/// Undo and redo stacks, and the saved state.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Merging into the top entry is allowed while this is its key.
    open_group: Option<String>,
    next_state: u64,
    saved_state: u64,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// The state the map is in now: that of the last step applied (0 for the file as opened).
    fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }

    /// Applies `command`. With a `merge` key equal to the open group's, it joins the last
    /// step (whose inverse already restores the state before the group began).
    pub fn apply(
        &mut self,
        map: &mut OrgMap,
        command: Command,
        label: impl Into<String>,
        merge: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = command.apply(map)?;
        self.redo.clear();
        let joins = merge.is_some() && self.open_group == merge && !self.undo.is_empty();
        if !joins {
            self.next_state += 1;
            let state = self.next_state;
            self.undo.push(Entry { label: label.into(), inverse, state });
        }
        self.open_group = merge;
        Ok(())
    }

    /// Ends the group of typing: the next command starts a new undo step.
    pub fn end_group(&mut self) {
        self.open_group = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo ("Undo edit purpose").
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self, map: &mut OrgMap) -> Result<bool, EditError> {
        self.end_group();
        let Some(entry) = self.undo.pop() else { return Ok(false) };
        let redo = entry.inverse.apply(map)?;
        self.redo.push(Entry { inverse: redo, ..entry });
        Ok(true)
    }

    /// Re-applies the last undone step; false when there is none.
    pub fn redo(&mut self, map: &mut OrgMap) -> Result<bool, EditError> {
        self.end_group();
        let Some(entry) = self.redo.pop() else { return Ok(false) };
        let undo = entry.inverse.apply(map)?;
        self.undo.push(Entry { inverse: undo, ..entry });
        Ok(true)
    }

    /// True when the map differs from the file as last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }

    /// The map was just saved: this state is the clean one, and typing goes on in a new step.
    pub fn mark_saved(&mut self) {
        self.end_group();
        self.saved_state = self.state();
    }

    /// The map differs from its file although no step was taken here (a recovered copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Forgets every step (a new or reopened file).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrgMap;

    fn map() -> OrgMap {
        let mut map = OrgMap::new("Test");
        map.roles.push(Role::new("coach", "Practice Coach", "centre"));
        map
    }

    /// Sets the purpose of the one role of [`map`].
    fn set_purpose(text: &str) -> Command {
        let mut role = map().roles[0].clone();
        role.purpose = text.into();
        Command::set_role(0, role)
    }

    #[test]
    fn typing_a_sentence_is_one_undo_step() {
        let mut map = map();
        let mut history = History::new();
        let key = Some("role:0:purpose".to_string());
        for typed in ["H", "He", "Hel", "Help"] {
            history.apply(&mut map, set_purpose(typed), "Edit purpose", key.clone()).unwrap();
        }
        assert_eq!(map.roles[0].purpose, "Help");
        assert!(history.is_dirty());
        assert!(history.undo(&mut map).unwrap());
        assert_eq!(map.roles[0].purpose, "");
        assert!(!history.can_undo());
        assert!(!history.is_dirty(), "back to the file as opened");
        assert!(history.redo(&mut map).unwrap());
        assert_eq!(map.roles[0].purpose, "Help");
    }

    #[test]
    fn ending_the_group_starts_a_new_step() {
        let mut map = map();
        let mut history = History::new();
        let key = Some("role:0:purpose".to_string());
        history.apply(&mut map, set_purpose("One."), "Edit purpose", key.clone()).unwrap();
        history.end_group();
        history.apply(&mut map, set_purpose("One. Two."), "Edit purpose", key).unwrap();
        history.undo(&mut map).unwrap();
        assert_eq!(map.roles[0].purpose, "One.");
    }

    #[test]
    fn saving_marks_the_state_clean_and_undo_past_it_is_dirty_again() {
        let mut map = map();
        let mut history = History::new();
        let key = Some("k".to_string());
        history.apply(&mut map, set_purpose("A"), "Edit", key.clone()).unwrap();
        history.mark_saved();
        assert!(!history.is_dirty());
        // Typing after a save is a new step, so the saved state stays recognisable.
        history.apply(&mut map, set_purpose("AB"), "Edit", key).unwrap();
        assert!(history.is_dirty());
        history.undo(&mut map).unwrap();
        assert!(!history.is_dirty());
        history.undo(&mut map).unwrap();
        assert!(history.is_dirty());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut map = map();
        let mut history = History::new();
        history.apply(&mut map, set_purpose("A"), "Edit", None).unwrap();
        history.undo(&mut map).unwrap();
        assert!(history.can_redo());
        history.apply(&mut map, set_purpose("B"), "Edit", None).unwrap();
        assert!(!history.can_redo());
    }

    #[test]
    fn map_info_round_trips() {
        let mut map = map();
        let mut history = History::new();
        let info =
            MapInfo { name: "New".into(), purpose: "Why".into(), values: vec!["Care".into()] };
        history.apply(&mut map, Command::SetMapInfo(info.clone()), "Edit map", None).unwrap();
        assert_eq!(MapInfo::of(&map), info);
        history.undo(&mut map).unwrap();
        assert_eq!(map.name, "Test");
        assert!(map.values.is_empty());
    }

    #[test]
    fn a_role_that_is_not_there_is_an_error_not_a_panic() {
        let mut map = map();
        let command = Command::set_role(5, map.roles[0].clone());
        assert_eq!(command.apply(&mut map), Err(EditError::NoSuch("role", 5, 1)));
    }
}
