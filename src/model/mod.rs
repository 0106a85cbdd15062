//! The org map as plain data, exactly as FORMAT.md describes it.
//!
//! No egui, no file system: this layer is read by every other one. Field order in each
//! struct is the order FORMAT.md's table gives, because the canonical writer follows it.

pub mod generate;
pub mod ids;
mod validate;

pub use validate::{Finding, Place, Severity, health, validate};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The newest format version this build reads and the one it always writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole org map: rings from the centre outward, roles on the rings, links between roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgMap {
    #[serde(default = "current_format")]
    pub format: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rings: Vec<Ring>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

fn current_format() -> u32 {
    FORMAT_VERSION
}

/// One ring of the structure. The first ring of a map is the centre disc.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ring {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `#rrggbb`, or empty for "the theme picks one".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub color: String,
}

impl Ring {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Ring { id: id.into(), name: name.into(), description: String::new(), color: String::new() }
    }
}

/// A group of roles that shares one sector of its ring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub ring: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub color: String,
}

impl Team {
    pub fn new(id: impl Into<String>, name: impl Into<String>, ring: impl Into<String>) -> Self {
        Team {
            id: id.into(),
            name: name.into(),
            ring: ring.into(),
            description: String::new(),
            color: String::new(),
        }
    }
}

/// Whether a role is held, being recruited, or only proposed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Filled,
    Vacant,
    Proposed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Filled, Status::Vacant, Status::Proposed];

    pub fn is_filled(&self) -> bool {
        *self == Status::Filled
    }

    pub fn label(&self) -> &'static str {
        match self {
            Status::Filled => "Filled",
            Status::Vacant => "Vacant",
            Status::Proposed => "Proposed",
        }
    }
}

/// The five parts of a job description, in the order the living-systems document gives them.
pub const FIVE_PARTS: [&str; 5] =
    ["Purpose", "Responsibilities", "Outcomes", "Cultural expectations", "Qualifications"];

/// Which of the five parts are still empty.
pub fn missing_parts(role: &Role) -> Vec<&'static str> {
    let filled = [
        !role.purpose.trim().is_empty(),
        !role.responsibilities.is_empty(),
        !role.outcomes.is_empty(),
        !role.culture.is_empty(),
        !role.qualifications.is_empty(),
    ];
    FIVE_PARTS.iter().zip(filled).filter(|(_, f)| !f).map(|(p, _)| *p).collect()
}

/// A role and its living job description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub ring: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(default, skip_serializing_if = "Status::is_filled")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<Responsibility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub culture: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pitch: String,
    /// Degrees clockwise from 12 o'clock. `Some` pins the role there.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "angle_serde::serialize",
        deserialize_with = "angle_serde::deserialize"
    )]
    pub angle: Option<f64>,
}

impl Role {
    /// The role's texts: name, the five parts, skills, pitch.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let areas = self.responsibilities.iter().flat_map(|r| {
            std::iter::once(r.area.as_str()).chain(r.duties.iter().map(String::as_str))
        });
        let lists = [&self.outcomes, &self.culture, &self.qualifications]
            .into_iter()
            .flat_map(|list| list.iter().map(String::as_str));
        [self.name.as_str(), self.purpose.as_str(), self.pitch.as_str()]
            .into_iter()
            .chain(areas)
            .chain(lists)
            .chain(self.skills.iter().map(|s| s.name.as_str()))
    }

    /// A role with only the required fields set.
    pub fn new(id: impl Into<String>, name: impl Into<String>, ring: impl Into<String>) -> Self {
        Role {
            id: id.into(),
            name: name.into(),
            ring: ring.into(),
            team: String::new(),
            status: Status::Filled,
            purpose: String::new(),
            responsibilities: Vec::new(),
            outcomes: Vec::new(),
            culture: Vec::new(),
            qualifications: Vec::new(),
            skills: Vec::new(),
            holders: Vec::new(),
            pitch: String::new(),
            angle: None,
        }
    }
}

/// FORMAT.md writes a pinned angle as a plain number (`angle: 90.0`), not `Some(90.0)`.
mod angle_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(angle: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        match angle {
            Some(degrees) => serializer.serialize_f64(*degrees),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<f64>, D::Error> {
        f64::deserialize(deserializer).map(Some)
    }
}

/// A core area of a role, with its duties clustered under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub area: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
}

/// A skill and its level, 1 (aware) to 5 (expert).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub name: String,
    pub level: u8,
}

/// The lowest and highest skill levels.
pub const SKILL_LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// Someone who may hold roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
}

/// What a link between two roles means: read "from KIND to".
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    #[default]
    Supports,
    Coaches,
    Collaborates,
    Advises,
    ReportsTo,
    Other(String),
}

impl LinkKind {
    /// The words a sentence uses: "Practice Coach coaches Wellbeing Worker".
    pub fn verb(&self) -> &str {
        match self {
            LinkKind::Supports => "supports",
            LinkKind::Coaches => "coaches",
            LinkKind::Collaborates => "collaborates with",
            LinkKind::Advises => "advises",
            LinkKind::ReportsTo => "reports to",
            LinkKind::Other(text) => text,
        }
    }
}

/// A directed link between two roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// Always written, even when it is the default: a link reads "from KIND to".
    #[serde(default)]
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Counts shown in summaries (`orgmap check`) and status bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub rings: usize,
    pub teams: usize,
    pub roles: usize,
    pub people: usize,
    pub links: usize,
}

impl OrgMap {
    /// The smallest valid map: a name and one ring.
    pub fn new(name: impl Into<String>) -> Self {
        OrgMap {
            format: FORMAT_VERSION,
            name: name.into(),
            purpose: String::new(),
            values: Vec::new(),
            rings: vec![Ring::new("centre", "The people we serve")],
            teams: Vec::new(),
            roles: Vec::new(),
            people: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Every text the map holds that is shown to a reader (names, descriptions, notes), in
    /// file order: for checking that the fonts can draw them.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let map = [self.name.as_str(), self.purpose.as_str()].into_iter();
        let values = self.values.iter().map(String::as_str);
        let rings = self.rings.iter().flat_map(|r| [r.name.as_str(), r.description.as_str()]);
        let teams = self.teams.iter().flat_map(|t| [t.name.as_str(), t.description.as_str()]);
        let roles = self.roles.iter().flat_map(Role::texts);
        let people = self.people.iter().flat_map(|p| {
            [p.name.as_str(), p.note.as_str()]
                .into_iter()
                .chain(p.skills.iter().map(|s| s.name.as_str()))
        });
        let links = self.links.iter().map(|l| l.note.as_str());
        map.chain(values).chain(rings).chain(teams).chain(roles).chain(people).chain(links)
    }

    pub fn counts(&self) -> Counts {
        Counts {
            rings: self.rings.len(),
            teams: self.teams.len(),
            roles: self.roles.len(),
            people: self.people.len(),
            links: self.links.len(),
        }
    }

    pub fn ring(&self, id: &str) -> Option<&Ring> {
        self.rings.iter().find(|r| r.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// Lookups by id in O(log n), for code that looks up many ids at once.
    pub fn index(&self) -> Index<'_> {
        fn by_id<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
            let mut map = BTreeMap::new();
            for (i, id) in ids.enumerate() {
                map.entry(id).or_insert(i);
            }
            map
        }
        Index {
            rings: by_id(self.rings.iter().map(|r| r.id.as_str())),
            teams: by_id(self.teams.iter().map(|t| t.id.as_str())),
            roles: by_id(self.roles.iter().map(|r| r.id.as_str())),
            people: by_id(self.people.iter().map(|p| p.id.as_str())),
        }
    }
}

/// Where each id of a map is: the position of the first item with that id in its list.
#[derive(Debug, Clone)]
pub struct Index<'a> {
    rings: BTreeMap<&'a str, usize>,
    teams: BTreeMap<&'a str, usize>,
    roles: BTreeMap<&'a str, usize>,
    people: BTreeMap<&'a str, usize>,
}

impl Index<'_> {
    pub fn ring(&self, id: &str) -> Option<usize> {
        self.rings.get(id).copied()
    }

    pub fn team(&self, id: &str) -> Option<usize> {
        self.teams.get(id).copied()
    }

    pub fn role(&self, id: &str) -> Option<usize> {
        self.roles.get(id).copied()
    }

    pub fn person(&self, id: &str) -> Option<usize> {
        self.people.get(id).copied()
    }

    /// The names of the people who hold `role` (in `map`, the map indexed), in its order;
    /// holders not in the map's people are left out.
    pub fn holder_names<'m>(&self, map: &'m OrgMap, role: &'m Role) -> Vec<&'m str> {
        let people = role.holders.iter().filter_map(|h| self.person(h));
        people.map(|p| map.people[p].name.as_str()).collect()
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn plural(n: usize, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        write!(
            f,
            "{}, {}, {}, {}, {}",
            plural(self.rings, "ring", "rings"),
            plural(self.teams, "team", "teams"),
            plural(self.roles, "role", "roles"),
            plural(self.people, "person", "people"),
            plural(self.links, "link", "links"),
        )
    }
}
