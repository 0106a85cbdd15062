//! What changed between two maps, by id, and the three-way merge of two people's edits.
//!
//! Items are matched by id (a role whose name changed is renamed, not removed and added
//! again); links, which have no id, by their two ends and then their kind. Fields are compared
//! as the file writes them (serde), so a field added to the format one day is compared
//! without a change here: [`tests::every_field_is_compared`] fails until it is listed.

pub mod merge;
pub mod text;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::model::{Link, OrgMap, Person, Ring, Role, Team};

/// What happened to an item or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
    /// A role to another ring or team, a team to another ring, a ring to another place in the
    /// order from the centre out.
    Moved,
}

/// The kind of item a change is about. `Map` is the map's own name, purpose and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    Map,
    Ring,
    Team,
    Role,
    Person,
    Link,
}

impl What {
    pub fn label(self) -> &'static str {
        match self {
            What::Map => "map",
            What::Ring => "ring",
            What::Team => "team",
            What::Role => "role",
            What::Person => "person",
            What::Link => "link",
        }
    }
}

/// One change. `field` is `None` when a whole item was added or removed; `old` and `new` are
/// the values as the file writes them (the whole item for an addition or a removal, `null`
/// where there is none), lists as lists, an empty field as its empty value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub change: Change,
    pub what: What,
    /// The item's id; a link's is `from->to`; the map's own fields have `""`.
    pub id: String,
    pub field: Option<&'static str>,
    pub old: Value,
    pub new: Value,
}

/// The fields compared, in the file's order. `id` is the key; a link's ends are its key.
pub const MAP_FIELDS: &[&str] = &["name", "purpose", "values"];
pub const RING_FIELDS: &[&str] = &["name", "description", "color"];
pub const TEAM_FIELDS: &[&str] = &["name", "ring", "description", "color"];
pub const ROLE_FIELDS: &[&str] = &[
    "name",
    "ring",
    "team",
    "status",
    "purpose",
    "responsibilities",
    "outcomes",
    "culture",
    "qualifications",
    "skills",
    "holders",
    "pitch",
    "angle",
];
pub const PERSON_FIELDS: &[&str] = &["name", "note", "skills"];
pub const LINK_FIELDS: &[&str] = &["kind", "note"];

/// Fields whose change is a move (of place in the structure), not an edit.
const MOVE_FIELDS: &[&str] = &["ring", "team"];

/// What the file means when it leaves a field out.
fn empty_value(field: &str) -> Value {
    match field {
        "values" | "responsibilities" | "outcomes" | "culture" | "qualifications" | "skills"
        | "holders" => Value::Array(Vec::new()),
        "status" => Value::String("Filled".into()),
        "angle" => Value::Null,
        _ => Value::String(String::new()),
    }
}

/// An item as the file writes it, as a JSON object.
pub(crate) fn to_object<T: Serialize>(item: &T) -> serde_json::Map<String, Value> {
    match serde_json::to_value(item) {
        Ok(Value::Object(fields)) => fields,
        _ => serde_json::Map::new(),
    }
}

/// A field of an item written as an object, its empty value where the file leaves it out.
pub(crate) fn field_value(object: &serde_json::Map<String, Value>, field: &str) -> Value {
    match object.get(field) {
        Some(value) => readable(field, value.clone()),
        None => empty_value(field),
    }
}

/// A link's kind as FORMAT.md spells it (`ReportsTo`, `Other("mentors")`), not serde's
/// `{"Other": "mentors"}`.
fn readable(field: &str, value: Value) -> Value {
    match (field, value) {
        ("kind", Value::Object(tagged)) => match tagged.get("Other") {
            Some(Value::String(text)) => Value::String(format!("Other({text:?})")),
            _ => Value::Object(tagged),
        },
        (_, value) => value,
    }
}

/// A link's id in changes and conflicts.
pub fn link_id(link: &Link) -> String {
    format!("{}->{}", link.from, link.to)
}

/// Matches the links of `other` to those of `base`: for each link of `other`, the index of the
/// link of `base` it is (same ends; the same kind first, then the rest in file order), or
/// `None` for a new one. Each link of `base` is matched at most once.
pub fn match_links(base: &[Link], other: &[Link]) -> Vec<Option<usize>> {
    let mut by_ends: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, link) in base.iter().enumerate() {
        by_ends.entry((&link.from, &link.to)).or_default().push(i);
    }
    let mut taken = vec![false; base.len()];
    let mut matched = vec![None; other.len()];
    // Same kind first, so that of two links between one pair the one whose kind changed is
    // the one reported.
    for exact in [true, false] {
        for (j, link) in other.iter().enumerate() {
            if matched[j].is_some() {
                continue;
            }
            let Some(candidates) = by_ends.get(&(link.from.as_str(), link.to.as_str())) else {
                continue;
            };
            let found = candidates
                .iter()
                .copied()
                .find(|&i| !taken[i] && (!exact || base[i].kind == link.kind));
            if let Some(i) = found {
                taken[i] = true;
                matched[j] = Some(i);
            }
        }
    }
    matched
}

/// Every change from `old` to `new`: the map's fields, then rings, teams, roles, people and
/// links; within each, in the new map's order, then what was removed in the old one's.
pub fn compare(old: &OrgMap, new: &OrgMap) -> Vec<Difference> {
    let mut out = Vec::new();
    let (old_map, new_map) = (to_object(&MapFields::of(old)), to_object(&MapFields::of(new)));
    compare_fields(What::Map, "", &old_map, &new_map, MAP_FIELDS, &mut out);
    compare_by_id(What::Ring, &old.rings, &new.rings, RING_FIELDS, &mut out);
    ring_moves(old, new, &mut out);
    compare_by_id(What::Team, &old.teams, &new.teams, TEAM_FIELDS, &mut out);
    compare_by_id(What::Role, &old.roles, &new.roles, ROLE_FIELDS, &mut out);
    compare_by_id(What::Person, &old.people, &new.people, PERSON_FIELDS, &mut out);
    let (old_keys, new_keys) = link_keys(&old.links, &new.links);
    compare_items(What::Link, &old.links, &new.links, &old_keys, &new_keys, LINK_FIELDS, &mut out);
    out
}

/// Items with an id.
pub(crate) trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($item:ty),*) => {$(
        impl Keyed for $item {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}
keyed!(Ring, Team, Role, Person);

/// The ids of a list of items, in its order.
pub(crate) fn ids<T: Keyed>(items: &[T]) -> Vec<String> {
    items.iter().map(|i| i.key().to_string()).collect()
}

/// Keys for links: `i` for the old map's link `i`, and the key of the old link each new link
/// matches (a fresh one for a new link).
fn link_keys(old: &[Link], new: &[Link]) -> (Vec<String>, Vec<String>) {
    let old_keys: Vec<String> = (0..old.len()).map(|i| i.to_string()).collect();
    let new_keys = match_links(old, new)
        .into_iter()
        .enumerate()
        .map(|(j, m)| m.map_or_else(|| format!("new {j}"), |i| i.to_string()))
        .collect();
    (old_keys, new_keys)
}

/// The map's own fields, written as the file writes them.
#[derive(Serialize)]
pub(crate) struct MapFields<'a> {
    name: &'a str,
    purpose: &'a str,
    values: &'a [String],
}

impl<'a> MapFields<'a> {
    pub(crate) fn of(map: &'a OrgMap) -> Self {
        MapFields { name: &map.name, purpose: &map.purpose, values: &map.values }
    }
}

/// The id a change names: a link's ends, an item's id.
pub(crate) fn display_id(what: What, object: &serde_json::Map<String, Value>) -> String {
    let text =
        |field: &str| object.get(field).and_then(Value::as_str).unwrap_or_default().to_string();
    match what {
        What::Link => format!("{}->{}", text("from"), text("to")),
        What::Map => String::new(),
        _ => text("id"),
    }
}

/// [`compare_items`] for items with ids, matched by them.
fn compare_by_id<T: Serialize + PartialEq + Keyed>(
    what: What,
    old: &[T],
    new: &[T],
    fields: &[&'static str],
    out: &mut Vec<Difference>,
) {
    compare_items(what, old, new, &ids(old), &ids(new), fields, out);
}

fn compare_items<T: Serialize + PartialEq>(
    what: What,
    old: &[T],
    new: &[T],
    old_keys: &[String],
    new_keys: &[String],
    fields: &[&'static str],
    out: &mut Vec<Difference>,
) {
    let old_at: HashMap<&str, usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut seen: HashSet<usize> = HashSet::new();
    for (item, key) in new.iter().zip(new_keys) {
        match old_at.get(key.as_str()) {
            Some(&i) => {
                seen.insert(i);
                if old[i] != *item {
                    let (before, after) = (to_object(&old[i]), to_object(item));
                    let id = display_id(what, &after);
                    compare_fields(what, &id, &before, &after, fields, out);
                }
            }
            None => {
                let after = to_object(item);
                out.push(Difference {
                    change: Change::Added,
                    what,
                    id: display_id(what, &after),
                    field: None,
                    old: Value::Null,
                    new: readable_item(after),
                });
            }
        }
    }
    for (i, item) in old.iter().enumerate() {
        if !seen.contains(&i) {
            let before = to_object(item);
            out.push(Difference {
                change: Change::Removed,
                what,
                id: display_id(what, &before),
                field: None,
                old: readable_item(before),
                new: Value::Null,
            });
        }
    }
}

/// An item as an object whose link kind reads as FORMAT.md writes it.
fn readable_item(mut object: serde_json::Map<String, Value>) -> Value {
    if let Some(kind) = object.remove("kind") {
        object.insert("kind".into(), readable("kind", kind));
    }
    Value::Object(object)
}

fn compare_fields(
    what: What,
    id: &str,
    before: &serde_json::Map<String, Value>,
    after: &serde_json::Map<String, Value>,
    fields: &[&'static str],
    out: &mut Vec<Difference>,
) {
    for &field in fields {
        let (old, new) = (field_value(before, field), field_value(after, field));
        if old != new {
            let change = if MOVE_FIELDS.contains(&field) && what != What::Link {
                Change::Moved
            } else {
                Change::Changed
            };
            out.push(Difference { change, what, id: id.to_string(), field: Some(field), old, new });
        }
    }
}

/// Rings that changed place in the order from the centre out, among the rings both maps
/// have: the fewest that, taken out, leave the rest in the same order (the others kept
/// theirs; a ring added in the middle moves no ring outside it).
fn ring_moves(old: &OrgMap, new: &OrgMap, out: &mut Vec<Difference>) {
    let old_at: HashMap<&str, usize> =
        old.rings.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let common: Vec<(usize, usize)> = new
        .rings
        .iter()
        .enumerate()
        .filter_map(|(j, r)| old_at.get(r.id.as_str()).map(|&i| (i, j)))
        .collect();
    let staying = longest_increasing(&common.iter().map(|c| c.0).collect::<Vec<_>>());
    for (k, &(i, j)) in common.iter().enumerate() {
        if !staying.contains(&k) {
            out.push(Difference {
                change: Change::Moved,
                what: What::Ring,
                id: new.rings[j].id.clone(),
                field: Some("position"),
                old: Value::from(i),
                new: Value::from(j),
            });
        }
    }
}

/// The positions in `values` of one longest strictly increasing subsequence (quadratic: maps
/// have a handful of rings).
pub(crate) fn longest_increasing(values: &[usize]) -> HashSet<usize> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![None; n];
    for j in 0..n {
        for i in 0..j {
            if values[i] < values[j] && length[i] + 1 > length[j] {
                length[j] = length[i] + 1;
                previous[j] = Some(i);
            }
        }
    }
    let mut kept = HashSet::new();
    let mut at = (0..n).max_by_key(|&j| (length[j], std::cmp::Reverse(j)));
    while let Some(j) = at {
        kept.insert(j);
        at = previous[j];
    }
    kept
}

#[cfg(test)]
pub(crate) mod tests;
