//! The rules a reader enforces (FORMAT.md, "Rules a reader enforces") and the health check.
//!
//! Every broken rule becomes one [`Finding`] that names where it is ([`Place`]), the id
//! concerned and what to do. All findings of a map are returned at once.

use std::collections::BTreeMap;

use super::{FORMAT_VERSION, Link, OrgMap, SKILL_LEVELS, Skill};

/// Longest id or name accepted: longer is almost surely a broken file, and would wreck a layout.
pub const MAX_NAME_CHARS: usize = 500;
/// Longest free text (a purpose, a pitch, a duty) accepted.
pub const MAX_TEXT_CHARS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file is refused.
    Error,
    /// The file loads; the health check reports it.
    Warning,
}

/// Where a finding is: which list, which entry (0-based), which field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Map { field: &'static str },
    Ring { index: usize, field: &'static str },
    Team { index: usize, field: &'static str },
    Role { index: usize, field: &'static str },
    Person { index: usize, field: &'static str },
    Link { index: usize, field: &'static str },
}

impl Place {
    /// The list the place is in (`"roles"`), or `None` for the map's own fields.
    pub fn list(&self) -> Option<(&'static str, usize)> {
        match *self {
            Place::Map { .. } => None,
            Place::Ring { index, .. } => Some(("rings", index)),
            Place::Team { index, .. } => Some(("teams", index)),
            Place::Role { index, .. } => Some(("roles", index)),
            Place::Person { index, .. } => Some(("people", index)),
            Place::Link { index, .. } => Some(("links", index)),
        }
    }

    pub fn field(&self) -> &'static str {
        match *self {
            Place::Map { field }
            | Place::Ring { field, .. }
            | Place::Team { field, .. }
            | Place::Role { field, .. }
            | Place::Person { field, .. }
            | Place::Link { field, .. } => field,
        }
    }
}

/// One broken rule (or, for the health check, one thing worth a look).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub place: Place,
    /// What is wrong, naming the id concerned.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Finding {
    fn error(place: Place, message: String, fix: String) -> Self {
        Finding { severity: Severity::Error, place, message, fix }
    }

    fn warning(place: Place, message: String, fix: String) -> Self {
        Finding { severity: Severity::Warning, place, message, fix }
    }
}

/// Checks every rule of FORMAT.md. An empty result means the map is valid.
pub fn validate(map: &OrgMap) -> Vec<Finding> {
    let mut out = Vec::new();
    let ring_ids = Ids::new(map.rings.iter().map(|r| r.id.as_str()));
    let team_ids = Ids::new(map.teams.iter().map(|t| t.id.as_str()));
    let role_ids = Ids::new(map.roles.iter().map(|r| r.id.as_str()));
    let person_ids = Ids::new(map.people.iter().map(|p| p.id.as_str()));

    if map.format > FORMAT_VERSION || map.format == 0 {
        out.push(format_version_finding(map.format));
    }
    check_name(&mut out, Place::Map { field: "name" }, "the map's name", &map.name);
    check_text(&mut out, Place::Map { field: "purpose" }, "the map's purpose", &map.purpose);
    for value in &map.values {
        check_text(&mut out, Place::Map { field: "values" }, "a value of the map", value);
    }
    if map.rings.is_empty() {
        out.push(Finding::error(
            Place::Map { field: "rings" },
            "the map has no rings".into(),
            "add at least one ring, for example: rings: [(id: \"centre\", name: \"The people we serve\")]"
                .into(),
        ));
    }

    check_ids(&mut out, "ring", &ring_ids.in_order, |index, field| Place::Ring { index, field });
    check_ids(&mut out, "team", &team_ids.in_order, |index, field| Place::Team { index, field });
    check_ids(&mut out, "role", &role_ids.in_order, |index, field| Place::Role { index, field });
    check_ids(&mut out, "person", &person_ids.in_order, |index, field| Place::Person {
        index,
        field,
    });

    for (index, ring) in map.rings.iter().enumerate() {
        let place = |field| Place::Ring { index, field };
        let what = format!("ring '{}'", ring.id);
        check_name(&mut out, place("name"), &format!("the name of {what}"), &ring.name);
        check_text(
            &mut out,
            place("description"),
            &format!("the description of {what}"),
            &ring.description,
        );
        check_color(&mut out, place("color"), &what, &ring.color);
    }

    for (index, team) in map.teams.iter().enumerate() {
        let place = |field| Place::Team { index, field };
        let what = format!("team '{}'", team.id);
        check_name(&mut out, place("name"), &format!("the name of {what}"), &team.name);
        check_text(
            &mut out,
            place("description"),
            &format!("the description of {what}"),
            &team.description,
        );
        check_color(&mut out, place("color"), &what, &team.color);
        check_ref(&mut out, place("ring"), &what, "ring", &team.ring, "rings", &ring_ids);
    }

    for (index, role) in map.roles.iter().enumerate() {
        let place = |field| Place::Role { index, field };
        let what = format!("role '{}'", role.id);
        check_name(&mut out, place("name"), &format!("the name of {what}"), &role.name);
        check_ref(&mut out, place("ring"), &what, "ring", &role.ring, "rings", &ring_ids);
        if !role.team.is_empty() {
            match team_ids.find(&role.team).map(|index| &map.teams[index]) {
                None => check_ref(
                    &mut out,
                    place("team"),
                    &what,
                    "team",
                    &role.team,
                    "teams",
                    &team_ids,
                ),
                Some(team) if team.ring != role.ring && ring_ids.contains(&role.ring) => {
                    out.push(Finding::error(
                        place("team"),
                        format!(
                            "{what} is on ring '{}' but its team '{}' is on ring '{}'",
                            role.ring, team.id, team.ring
                        ),
                        format!(
                            "set the role's ring to '{}', or choose a team of ring '{}', or leave team out",
                            team.ring, role.ring
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        for holder in &role.holders {
            check_ref(&mut out, place("holders"), &what, "holder", holder, "people", &person_ids);
        }
        let texts = [("purpose", &role.purpose), ("pitch", &role.pitch)];
        for (field, text) in texts {
            check_text(&mut out, place(field), &format!("the {field} of {what}"), text);
        }
        for resp in &role.responsibilities {
            check_name(
                &mut out,
                place("responsibilities"),
                &format!("an area of {what}"),
                &resp.area,
            );
            for duty in &resp.duties {
                check_text(&mut out, place("responsibilities"), &format!("a duty of {what}"), duty);
            }
        }
        let lists = [
            ("outcomes", &role.outcomes),
            ("culture", &role.culture),
            ("qualifications", &role.qualifications),
        ];
        for (field, list) in lists {
            for text in list {
                check_text(&mut out, place(field), &format!("an entry of {field} of {what}"), text);
            }
        }
        check_skills(&mut out, place("skills"), &what, &role.skills);
        if let Some(angle) = role.angle
            && !angle.is_finite()
        {
            out.push(Finding::error(
                place("angle"),
                format!("{what} has angle {angle}, which is not a number of degrees"),
                "give a finite number of degrees clockwise from 12 o'clock, such as 90.0, or leave angle out"
                    .into(),
            ));
        }
    }

    for (index, person) in map.people.iter().enumerate() {
        let place = |field| Place::Person { index, field };
        let what = format!("person '{}'", person.id);
        check_name(&mut out, place("name"), &format!("the name of {what}"), &person.name);
        check_text(&mut out, place("note"), &format!("the note of {what}"), &person.note);
        check_skills(&mut out, place("skills"), &what, &person.skills);
    }

    for (index, link) in map.links.iter().enumerate() {
        let place = |field| Place::Link { index, field };
        let what = format!("link {} ({} -> {})", index + 1, link.from, link.to);
        check_ref(&mut out, place("from"), &what, "from role", &link.from, "roles", &role_ids);
        check_ref(&mut out, place("to"), &what, "to role", &link.to, "roles", &role_ids);
        check_text(&mut out, place("note"), &format!("the note of {what}"), &link.note);
        if let super::LinkKind::Other(text) = &link.kind {
            check_name(&mut out, place("kind"), &format!("the kind of {what}"), text);
        }
    }
    out
}

/// Things that are allowed but worth a look: links to self, identical links.
pub fn health(map: &OrgMap) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<(&str, &str, &super::LinkKind), usize> = BTreeMap::new();
    for (index, link) in map.links.iter().enumerate() {
        let Link { from, to, kind, .. } = link;
        if from == to {
            out.push(Finding::warning(
                Place::Link { index, field: "to" },
                format!("link {} goes from role '{from}' to itself", index + 1),
                "point it at another role, or remove it".into(),
            ));
        }
        if let Some(first) = seen.insert((from, to, kind), index) {
            out.push(Finding::warning(
                Place::Link { index, field: "from" },
                format!(
                    "link {} ({from} {} {to}) repeats link {}",
                    index + 1,
                    kind.verb(),
                    first + 1
                ),
                "remove one of the two".into(),
            ));
        }
    }
    out
}

pub(crate) fn format_version_finding(format: u32) -> Finding {
    let message = if format == 0 {
        "format 0 does not exist: formats are numbered from 1".to_string()
    } else {
        format!(
            "this file is format {format}, but this build of orgmap reads format {FORMAT_VERSION} and older"
        )
    };
    let fix = if format == 0 {
        format!("set format: {FORMAT_VERSION}")
    } else {
        "install a newer orgmap to open it".to_string()
    };
    Finding::error(Place::Map { field: "format" }, message, fix)
}

fn check_ids(
    out: &mut Vec<Finding>,
    kind: &str,
    ids: &[&str],
    place: impl Fn(usize, &'static str) -> Place,
) {
    let mut first_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, id) in ids.iter().enumerate() {
        if id.trim().is_empty() {
            out.push(Finding::error(
                place(index, "id"),
                format!("{kind} {} has an empty id", index + 1),
                format!("give it a short unique id such as \"{kind}-{}\"", index + 1),
            ));
            continue;
        }
        if id.chars().count() > MAX_NAME_CHARS {
            out.push(too_long(
                place(index, "id"),
                &format!("the id of {kind} {}", index + 1),
                id,
                MAX_NAME_CHARS,
            ));
            continue;
        }
        if let Some(first) = first_index.insert(id, index) {
            first_index.insert(id, first);
            out.push(Finding::error(
                place(index, "id"),
                format!("{kind} id '{id}' is used twice ({kind}s {} and {})", first + 1, index + 1),
                format!("give each {kind} its own id"),
            ));
        }
    }
}

/// The ids of one list, in file order and sorted for fast lookup.
struct Ids<'a> {
    in_order: Vec<&'a str>,
    /// id -> first index with that id.
    sorted: BTreeMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let in_order: Vec<&str> = ids.collect();
        let mut sorted = BTreeMap::new();
        for (index, id) in in_order.iter().enumerate() {
            sorted.entry(*id).or_insert(index);
        }
        Ids { in_order, sorted }
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.sorted.get(id).copied()
    }

    fn contains(&self, id: &str) -> bool {
        self.sorted.contains_key(id)
    }
}

/// A reference to an id that must exist in `list` (`"rings"`, with `known` its ids).
fn check_ref(
    out: &mut Vec<Finding>,
    place: Place,
    what: &str,
    field: &str,
    target: &str,
    list: &str,
    known: &Ids,
) {
    if known.contains(target) {
        return;
    }
    let known = &known.in_order;
    let message = if target.is_empty() {
        format!("{what} has an empty {field}")
    } else {
        format!("{what} names {field} '{target}', which does not exist")
    };
    out.push(Finding::error(place, message, suggest(target, list, known)));
}

/// "did you mean 'support'? rings are: circle, team, support, national"
fn suggest(target: &str, list: &str, known: &[&str]) -> String {
    const SHOWN: usize = 12;
    if known.is_empty() {
        return format!(
            "the map has no {list} yet: add one with this id, or correct the reference"
        );
    }
    let closest = known
        .iter()
        .map(|id| (strsim::damerau_levenshtein(target, id), *id))
        .filter(|(distance, id)| {
            let len = id.chars().count();
            *distance <= (len / 3).max(1) && *distance < len
        })
        .min();
    let mut listed: Vec<String> = known.iter().take(SHOWN).map(|id| id.to_string()).collect();
    if known.len() > SHOWN {
        listed.push(format!("... and {} more", known.len() - SHOWN));
    }
    match closest {
        Some((_, id)) => format!("did you mean '{id}'? {list} are: {}", listed.join(", ")),
        None => format!("use one of the {list}: {}", listed.join(", ")),
    }
}

fn check_color(out: &mut Vec<Finding>, place: Place, what: &str, color: &str) {
    if color.is_empty() || parse_hex_color(color).is_some() {
        return;
    }
    out.push(Finding::error(
        place,
        format!("{what} has color \"{}\", which is not #rrggbb", truncate(color, 40)),
        "write a colour as # and six hex digits, such as \"#7fb3d5\", or leave color out".into(),
    ));
}

/// Parses `#rrggbb` into its three bytes.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn check_skills(out: &mut Vec<Finding>, place: Place, what: &str, skills: &[Skill]) {
    for skill in skills {
        check_name(out, place, &format!("a skill name of {what}"), &skill.name);
        if !SKILL_LEVELS.contains(&skill.level) {
            out.push(Finding::error(
                place,
                format!("{what} has skill '{}' at level {}", skill.name, skill.level),
                "use a level from 1 (aware) to 5 (expert)".into(),
            ));
        }
    }
}

fn check_name(out: &mut Vec<Finding>, place: Place, what: &str, text: &str) {
    if text.chars().count() > MAX_NAME_CHARS {
        out.push(too_long(place, what, text, MAX_NAME_CHARS));
    }
}

fn check_text(out: &mut Vec<Finding>, place: Place, what: &str, text: &str) {
    // Counting bytes first keeps a hostile 100 MB string cheap to reject.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        out.push(too_long(place, what, text, MAX_TEXT_CHARS));
    }
}

fn too_long(place: Place, what: &str, text: &str, max: usize) -> Finding {
    Finding::error(
        place,
        format!(
            "{what} is {} characters long (\"{}...\")",
            text.chars().count(),
            truncate(text, 30)
        ),
        format!("shorten it to at most {max} characters"),
    )
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}
