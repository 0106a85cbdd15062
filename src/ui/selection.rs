//! What the user has selected: nothing, one or several roles, or one ring, team, link or
//! person. The inspector shows what is selected; the canvas marks it.

use crate::model::OrgMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Selection {
    #[default]
    Nothing,
    /// One or more roles, in the order they were picked (never empty).
    Roles(Vec<usize>),
    Ring(usize),
    Team(usize),
    Link(usize),
    Person(usize),
}

impl Selection {
    pub fn role(index: usize) -> Self {
        Selection::Roles(vec![index])
    }

    /// The role, when exactly one is selected.
    pub fn single_role(&self) -> Option<usize> {
        match self {
            Selection::Roles(roles) if roles.len() == 1 => Some(roles[0]),
            _ => None,
        }
    }

    /// The selected roles (none when something else is selected).
    pub fn roles(&self) -> &[usize] {
        match self {
            Selection::Roles(roles) => roles,
            _ => &[],
        }
    }

    /// Adds role `index` to the selected roles, or takes it out (Shift- or Ctrl-click).
    pub fn toggle_role(&mut self, index: usize) {
        let mut roles = self.roles().to_vec();
        match roles.iter().position(|&r| r == index) {
            Some(at) => {
                roles.remove(at);
            }
            None => roles.push(index),
        }
        *self = Selection::from_roles(roles);
    }

    /// These roles, or nothing when the list is empty.
    pub fn from_roles(mut roles: Vec<usize>) -> Self {
        let mut seen = std::collections::BTreeSet::new();
        roles.retain(|r| seen.insert(*r));
        if roles.is_empty() { Selection::Nothing } else { Selection::Roles(roles) }
    }

    /// Forgets what no longer exists in `map` (after an undo or a deletion).
    pub fn keep_valid(&mut self, map: &OrgMap) {
        let valid = match self {
            Selection::Nothing => true,
            Selection::Roles(roles) => {
                roles.retain(|&r| r < map.roles.len());
                !roles.is_empty()
            }
            Selection::Ring(i) => *i < map.rings.len(),
            Selection::Team(i) => *i < map.teams.len(),
            Selection::Link(i) => *i < map.links.len(),
            Selection::Person(i) => *i < map.people.len(),
        };
        if !valid {
            *self = Selection::Nothing;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_and_removes_roles() {
        let mut selection = Selection::role(3);
        selection.toggle_role(5);
        assert_eq!(selection.roles(), [3, 5]);
        assert_eq!(selection.single_role(), None);
        selection.toggle_role(3);
        assert_eq!(selection.single_role(), Some(5));
        selection.toggle_role(5);
        assert_eq!(selection, Selection::Nothing);
    }

    #[test]
    fn what_is_gone_is_forgotten() {
        let map = OrgMap::new("One ring");
        let mut selection = Selection::Roles(vec![0, 1]);
        selection.keep_valid(&map);
        assert_eq!(selection, Selection::Nothing);
        let mut ring = Selection::Ring(0);
        ring.keep_valid(&map);
        assert_eq!(ring, Selection::Ring(0));
    }
}
