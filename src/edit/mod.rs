//! Every change to a map is a [`Command`]; the [`History`] applies commands, keeps their
//! inverses for undo and redo, and knows whether the map differs from the saved file.
//!
//! Typing is grouped: commands that carry the same merge key one after the other (the
//! letters of a sentence typed into one field) make one undo step, until [`History::end_group`]
//! is called (the field lost focus, or another kind of change began).

use thiserror::Error;

use crate::model::{OrgMap, Role};

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

/// One change to a map. Applying a command returns the command that undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Sets the map's name, purpose and values.
    SetMapInfo(MapInfo),
    /// Replaces role `index` (any of its fields: name, ring, job description, holders...).
    SetRole { index: usize, role: Box<Role> },
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("there is no role number {0} in the map (it has {1})")]
    NoSuchRole(usize, usize),
}

impl Command {
    /// Applies the command and returns its inverse.
    pub fn apply(self, map: &mut OrgMap) -> Result<Command, EditError> {
        match self {
            Command::SetMapInfo(info) => {
                let before = MapInfo::of(map);
                map.name = info.name;
                map.purpose = info.purpose;
                map.values = info.values;
                Ok(Command::SetMapInfo(before))
            }
            Command::SetRole { index, role } => {
                let count = map.roles.len();
                let slot = map.roles.get_mut(index).ok_or(EditError::NoSuchRole(index, count))?;
                let before = std::mem::replace(slot, *role);
                Ok(Command::SetRole { index, role: Box::new(before) })
            }
        }
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
        Command::SetRole { index: 0, role: Box::new(role) }
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
        let command = Command::SetRole { index: 5, role: Box::new(map.roles[0].clone()) };
        assert_eq!(command.apply(&mut map), Err(EditError::NoSuchRole(5, 1)));
    }
}
