//! Duplicated duties: every duty and outcome of every role compared with those of every other
//! role, by the words they share, each word weighted by how rare it is in this map.
//!
//! Words are cut at Unicode word boundaries, lower-cased, stripped of the language's stop
//! words (NLTK's lists) and stemmed (Snowball), the language being the one whose stop words
//! the map's texts use most (English when none stands out). Each line is a vector of its
//! stems weighted by BM25's inverse document frequency over the map's lines ("team" and
//! "support" are everywhere and weigh little, "rota" and "invoice" weigh a lot); two lines
//! score the cosine of their vectors. Pairs above the threshold are grouped into clusters
//! (the same duty in three roles is one finding).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::edit::Command;
use crate::model::OrgMap;

/// The score from which two lines are reported as one duty: "Draw up the monthly staff
/// roster" and "Drawing up the staff rosters every month" (1.0) are; "Support the team with IT
/// problems" and "Support the team with holiday planning" (about 0.3 in a real map: they share
/// only common words) are not. See the tests for more pairs on both sides.
pub const DEFAULT_MIN_SCORE: f64 = 0.6;

/// Most pairs kept, strongest first: a map whose roles all copy one duty would otherwise list
/// millions of pairs that say one thing (its clusters still hold every role).
pub const MAX_PAIRS: usize = 20_000;

/// Lines of other maps the word frequencies are counted as if among (see [`overlap`]).
const PRIOR_LINES: f64 = 50.0;

/// Languages whose stop words and stemmer are both known: (ISO code, name, stemmer).
const LANGUAGES: [(&str, &str, Algorithm); 17] = [
    ("en", "English", Algorithm::English),
    ("nl", "Dutch", Algorithm::Dutch),
    ("de", "German", Algorithm::German),
    ("fr", "French", Algorithm::French),
    ("es", "Spanish", Algorithm::Spanish),
    ("it", "Italian", Algorithm::Italian),
    ("pt", "Portuguese", Algorithm::Portuguese),
    ("sv", "Swedish", Algorithm::Swedish),
    ("da", "Danish", Algorithm::Danish),
    ("no", "Norwegian", Algorithm::Norwegian),
    ("fi", "Finnish", Algorithm::Finnish),
    ("ru", "Russian", Algorithm::Russian),
    ("hu", "Hungarian", Algorithm::Hungarian),
    ("ro", "Romanian", Algorithm::Romanian),
    ("el", "Greek", Algorithm::Greek),
    ("tr", "Turkish", Algorithm::Turkish),
    ("ar", "Arabic", Algorithm::Arabic),
];

/// Whether a line is a duty or an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Duty,
    Outcome,
}

/// One duty or outcome of a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub role: usize,
    pub kind: Kind,
    /// Where it is: (area, duty) for a duty, (0, outcome) for an outcome.
    pub at: (usize, usize),
    pub text: String,
}

/// Two lines of different roles that say the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Indices into [`Overlap::lines`].
    pub a: usize,
    pub b: usize,
    pub score: f64,
    /// The words they share, as first written in `a`, rarest first.
    pub shared: Vec<String>,
}

/// Two roles and the share of their lines that overlap the other's.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleOverlap {
    pub a: usize,
    pub b: usize,
    /// 0 to 1: lines of either with a match in the other, over the lines of both.
    pub overlap: f64,
}

/// The duplicated duties of a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlap {
    /// The language the words were read in (its English name).
    pub language: &'static str,
    pub lines: Vec<Line>,
    /// Strongest first, at most [`MAX_PAIRS`].
    pub pairs: Vec<Pair>,
    /// Pairs above the threshold left out of `pairs`.
    pub left_out: usize,
    /// Lines that say one duty, each cluster across two roles or more, the largest first;
    /// each cluster's lines in the map's order.
    pub clusters: Vec<Vec<usize>>,
    /// Pairs of roles that share lines, the largest share first.
    pub roles: Vec<RoleOverlap>,
}

impl Overlap {
    /// The other roles that have a line like `role`'s line at `at` (a duty's place), each
    /// once, with their line.
    pub fn also_done_by(&self, role: usize, kind: Kind, at: (usize, usize)) -> Vec<&Line> {
        let Some(me) =
            self.lines.iter().position(|l| l.role == role && l.kind == kind && l.at == at)
        else {
            return Vec::new();
        };
        let Some(cluster) = self.clusters.iter().find(|c| c.contains(&me)) else {
            return Vec::new();
        };
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for &i in cluster {
            let line = &self.lines[i];
            if line.role != role && !seen.contains(&line.role) {
                seen.push(line.role);
                out.push(line);
            }
        }
        out
    }
}

/// The command that takes `lines` (duties and outcomes, as found) out of their roles, as one
/// undo step: what "keep it in one role" does with a duplicated duty. A duty area left with
/// no duty goes too. `None` when none of them is still in the map as found (the map changed).
pub fn remove_lines(map: &OrgMap, lines: &[Line]) -> Option<Command> {
    let mut roles: Vec<usize> = lines.iter().map(|l| l.role).collect();
    roles.sort_unstable();
    roles.dedup();
    let mut commands = Vec::new();
    for r in roles {
        let Some(original) = map.roles.get(r) else { continue };
        let mut role = original.clone();
        let mut mine: Vec<&Line> = lines.iter().filter(|l| l.role == r).collect();
        // From the last, so that the places of the others stay right.
        mine.sort_by_key(|l| std::cmp::Reverse(l.at));
        for line in mine {
            let (a, i) = line.at;
            let list = match line.kind {
                Kind::Duty => role.responsibilities.get_mut(a).map(|area| &mut area.duties),
                Kind::Outcome => Some(&mut role.outcomes),
            };
            if let Some(list) = list
                && list.get(i).is_some_and(|text| text.trim() == line.text)
            {
                list.remove(i);
            }
        }
        let emptied = |area: &crate::model::Responsibility| area.duties.is_empty();
        let had: Vec<bool> = original.responsibilities.iter().map(emptied).collect();
        let mut k = 0;
        role.responsibilities.retain(|area| {
            // Only areas this emptied: an area that was empty already is the user's.
            let keep = !emptied(area) || had.get(k).copied().unwrap_or(true);
            k += 1;
            keep
        });
        if role != *original {
            commands.push(Command::set_role(r, role));
        }
    }
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

/// Every duty and outcome of the map, in its order.
fn lines_of(map: &OrgMap) -> Vec<Line> {
    let mut lines = Vec::new();
    for (r, role) in map.roles.iter().enumerate() {
        for (a, area) in role.responsibilities.iter().enumerate() {
            for (d, duty) in area.duties.iter().enumerate() {
                let text = duty.trim().to_string();
                lines.push(Line { role: r, kind: Kind::Duty, at: (a, d), text });
            }
        }
        for (o, outcome) in role.outcomes.iter().enumerate() {
            let text = outcome.trim().to_string();
            lines.push(Line { role: r, kind: Kind::Outcome, at: (0, o), text });
        }
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// The language whose stop words the texts use most (English on a tie or when none appear):
/// its name, stop words and stemmer.
fn language_of(lines: &[Line]) -> (&'static str, &'static [&'static str], Algorithm) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        for word in line.text.unicode_words() {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
    }
    let mut best = (0, 0);
    for (i, (code, _, _)) in LANGUAGES.iter().enumerate() {
        let stops = stop_words::lookup(code).unwrap_or_default();
        let used: usize = stops.iter().filter_map(|w| counts.get(*w)).sum();
        if used > best.1 {
            best = (i, used);
        }
    }
    let (code, name, algorithm) = LANGUAGES[best.0];
    (name, stop_words::lookup(code).unwrap_or_default(), algorithm)
}

/// Whether a character is a word of its own: Han characters, kana and Hangul syllables,
/// which Unicode's word boundaries cut one by one.
fn stands_alone(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// The words of a text that carry meaning: (stem, the word as written), in order.
fn terms<'t>(text: &'t str, stops: &[&str], stemmer: &Stemmer) -> Vec<(String, &'t str)> {
    text.unicode_words()
        .filter_map(|word| {
            let lower = word.to_lowercase();
            // A word of one letter or digit (a list's "a)", a stray "s") says nothing; one
            // Chinese character or Japanese kana (cut one by one) does.
            let single = lower.chars().count() < 2 && !lower.chars().any(stands_alone);
            if single || stops.binary_search(&lower.as_str()).is_ok() {
                return None;
            }
            Some((stemmer.stem(&lower).into_owned(), word))
        })
        .collect()
}

/// The duplicated duties of `map`, pairs scoring at least `min_score` (0 to 1).
pub fn overlap(map: &OrgMap, min_score: f64) -> Overlap {
    let lines = lines_of(map);
    let (language, stops, algorithm) = language_of(&lines);
    let mut stops: Vec<&str> = stops.to_vec();
    stops.sort_unstable();
    let stemmer = Stemmer::create(algorithm);
    // Each line's terms, numbered, once each (a word twice in a line is no more of a duty).
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<Vec<(u32, &str)>> = Vec::with_capacity(lines.len());
    for line in &lines {
        let mut own: Vec<(u32, &str)> = terms(&line.text, &stops, &stemmer)
            .into_iter()
            .map(|(stem, word)| {
                let next = ids.len() as u32;
                (*ids.entry(stem).or_insert(next), word)
            })
            .collect();
        own.sort_by_key(|&(id, _)| id);
        own.dedup_by_key(|&mut (id, _)| id);
        words.push(own);
    }
    let n = lines.len() as f64;
    let mut df = vec![0u32; ids.len()];
    for own in &words {
        for &(id, _) in own {
            df[id as usize] += 1;
        }
    }
    // BM25's inverse document frequency: never negative, small for words in most lines. The
    // map is read as if it had [`PRIOR_LINES`] more lines without these words: in a map of
    // ten lines a word in two of them is not common, it is what two of them share.
    let n = n + PRIOR_LINES;
    let idf: Vec<f64> =
        df.iter().map(|&d| (1.0 + (n - f64::from(d) + 0.5) / (f64::from(d) + 0.5)).ln()).collect();
    // Lines with the same words score 1 with each other and alike with any other line: each
    // such group is scored once (a map whose roles copy duties has few groups).
    let mut group_of: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut terms_of: Vec<Vec<u32>> = Vec::new();
    for (i, own) in words.iter().enumerate() {
        let key: Vec<u32> = own.iter().map(|&(id, _)| id).collect();
        if key.is_empty() {
            continue;
        }
        let g = *group_of.entry(key).or_insert_with_key(|key| {
            terms_of.push(key.clone());
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let matched = matched_groups(&lines, &groups, &terms_of, &idf, min_score);
    let (mut pairs, left_out) = line_pairs(&lines, &groups, &matched);
    for pair in &mut pairs {
        pair.shared = shared_words(&words[pair.a], &words[pair.b], &idf);
    }
    let clusters = clusters(&lines, &groups, &matched);
    let roles = role_overlaps(&lines, &pairs);
    Overlap { language, lines, pairs, left_out, clusters, roles }
}

/// Two groups of lines (the same one twice for lines with the same words) and their score.
type Matched = (usize, usize, f64);

/// Whether a group has lines of two roles or more.
fn across_roles(lines: &[Line], group: &[usize]) -> bool {
    group.iter().any(|&i| lines[i].role != lines[group[0]].role)
}

/// The pairs of groups scoring at least `min_score`, and each group with lines of several
/// roles with itself. Groups that share a word are found through an index of each word's
/// groups; on large maps a word in more than a tenth of the groups does not make two of them
/// candidates by itself (it weighs too little to make them one duty), which keeps the work
/// near linear.
fn matched_groups(
    lines: &[Line],
    groups: &[Vec<usize>],
    terms_of: &[Vec<u32>],
    idf: &[f64],
    min_score: f64,
) -> Vec<Matched> {
    let norm = |terms: &[u32]| terms.iter().map(|&id| idf[id as usize].powi(2)).sum::<f64>().sqrt();
    let norms: Vec<f64> = terms_of.iter().map(|t| norm(t)).collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); idf.len()];
    for (g, terms) in terms_of.iter().enumerate() {
        for &id in terms {
            postings[id as usize].push(g as u32);
        }
    }
    let common = if groups.len() > 2_000 { groups.len() / 10 } else { usize::MAX };
    let mut dot = vec![0.0f64; groups.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut matched: Vec<Matched> = Vec::new();
    for (g, terms) in terms_of.iter().enumerate() {
        if across_roles(lines, &groups[g]) {
            matched.push((g, g, 1.0));
        }
        for &id in terms {
            let list = &postings[id as usize];
            if list.len() > common {
                continue;
            }
            // Only groups after this one: each pair once.
            let start = list.partition_point(|&h| h as usize <= g);
            for &h in &list[start..] {
                if dot[h as usize] == 0.0 {
                    touched.push(h);
                }
                dot[h as usize] += idf[id as usize].powi(2);
            }
        }
        for &h in &touched {
            let h = h as usize;
            if common != usize::MAX {
                // The common words were skipped above: add what they share exactly.
                dot[h] = exact_dot(terms, &terms_of[h], idf);
            }
            let denominator = norms[g] * norms[h];
            let score = if denominator > 0.0 { (dot[h] / denominator).min(1.0) } else { 0.0 };
            let one_role = groups[g]
                .iter()
                .chain(&groups[h])
                .all(|&i| lines[i].role == lines[groups[g][0]].role);
            if score >= min_score && !one_role {
                matched.push((g, h, score));
            }
            dot[h] = 0.0;
        }
        touched.clear();
    }
    matched.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    matched
}

/// The pairs of lines of different roles the matched groups hold, strongest first: at most
/// [`MAX_PAIRS`], and how many more there were.
fn line_pairs(lines: &[Line], groups: &[Vec<usize>], matched: &[Matched]) -> (Vec<Pair>, usize) {
    let mut pairs = Vec::new();
    let mut left_out = 0;
    for &(g, h, score) in matched {
        for (k, &a) in groups[g].iter().enumerate() {
            let others = if g == h { &groups[h][k + 1..] } else { &groups[h][..] };
            for &b in others.iter().filter(|&&b| lines[b].role != lines[a].role) {
                if pairs.len() < MAX_PAIRS {
                    pairs.push(Pair { a: a.min(b), b: a.max(b), score, shared: Vec::new() });
                } else {
                    left_out += 1;
                }
            }
        }
    }
    pairs.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    (pairs, left_out)
}

/// The dot product of two vectors (their terms sorted by id).
fn exact_dot(a: &[u32], b: &[u32], idf: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += idf[a[i] as usize].powi(2);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The words two lines share, as written in the first, rarest first.
fn shared_words(a: &[(u32, &str)], b: &[(u32, &str)], idf: &[f64]) -> Vec<String> {
    let mut shared: Vec<(f64, String)> = a
        .iter()
        .filter(|(id, _)| b.iter().any(|(other, _)| other == id))
        .map(|&(id, word)| (idf[id as usize], word.to_lowercase()))
        .collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    shared.into_iter().map(|(_, word)| word).collect()
}

/// Lines joined by matched groups, as clusters over two roles or more, the largest first;
/// each cluster's lines in the map's order.
fn clusters(lines: &[Line], groups: &[Vec<usize>], matched: &[Matched]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(g, h, _) in matched {
        let (a, b) = (root(&mut parent, g), root(&mut parent, h));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(g, h, _) in matched {
        for group in [g, h] {
            let r = root(&mut parent, group);
            by_root.entry(r).or_default().push(group);
        }
    }
    let mut clusters: Vec<Vec<usize>> = by_root
        .into_values()
        .map(|mut member_groups| {
            member_groups.sort_unstable();
            member_groups.dedup();
            let mut c: Vec<usize> =
                member_groups.iter().flat_map(|&g| groups[g].iter().copied()).collect();
            c.sort_unstable();
            c
        })
        .filter(|c| across_roles(lines, c))
        .collect();
    clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    clusters
}

/// For each pair of roles with lines in common, the share of their lines that overlap,
/// counted over the pairs kept (all of them unless [`Overlap::left_out`] says otherwise: a
/// map whose every role copies every duty would otherwise pair every role with every other).
fn role_overlaps(lines: &[Line], pairs: &[Pair]) -> Vec<RoleOverlap> {
    let mut count: HashMap<usize, usize> = HashMap::new();
    for line in lines {
        *count.entry(line.role).or_default() += 1;
    }
    // For each pair of roles (smaller first), the lines of either matched in the other.
    let mut matched: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for pair in pairs {
        let (ra, rb) = (lines[pair.a].role, lines[pair.b].role);
        let list = matched.entry((ra.min(rb), ra.max(rb))).or_default();
        list.push(pair.a);
        list.push(pair.b);
    }
    let mut roles: Vec<RoleOverlap> = matched
        .into_iter()
        .map(|((a, b), mut list)| {
            list.sort_unstable();
            list.dedup();
            let total = count.get(&a).copied().unwrap_or(0) + count.get(&b).copied().unwrap_or(0);
            let overlap = if total == 0 { 0.0 } else { list.len() as f64 / total as f64 };
            RoleOverlap { a, b, overlap }
        })
        .collect();
    roles.sort_by(|x, y| y.overlap.total_cmp(&x.overlap).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Responsibility, Role};

    /// A map of roles, each with its duties (one area) and outcomes.
    fn map_of(roles: &[(&str, &[&str], &[&str])]) -> OrgMap {
        let mut map = OrgMap::new("overlap");
        map.rings = vec![crate::model::Ring::new("r", "Ring")];
        for (id, duties, outcomes) in roles {
            let mut role = Role::new(*id, *id, "r");
            role.responsibilities = vec![Responsibility {
                area: "Work".into(),
                duties: duties.iter().map(|d| d.to_string()).collect(),
            }];
            role.outcomes = outcomes.iter().map(|o| o.to_string()).collect();
            map.roles.push(role);
        }
        map
    }

    /// A team's roles as people write them: common words ("team", "support", "people")
    /// everywhere, a few duties said twice in other words.
    fn team() -> OrgMap {
        map_of(&[
            (
                "coordinator",
                &[
                    "Draw up the monthly staff roster",
                    "Support the team with IT problems",
                    "Book the rooms for team meetings",
                ],
                &["The team always knows who works when"],
            ),
            (
                "leader",
                &[
                    "Drawing up the staff rosters every month",
                    "Support the team with holiday planning",
                    "Coach the team on self-management",
                ],
                &["People in the team support each other"],
            ),
            (
                "worker",
                &[
                    "Support people at home to live well",
                    "Support the team when someone is ill",
                    "Keep care records up to date",
                ],
                &["The people we support say they live the life they want"],
            ),
            (
                "coach",
                &[
                    "Coach the team on self-management",
                    "Support the team in solving conflicts",
                    "Send invoices to the council every month",
                ],
                &[],
            ),
            (
                "admin",
                &["Send the invoices to the council monthly", "Support the team with paperwork"],
                &[],
            ),
        ])
    }

    fn found<'m>(o: &'m Overlap, map: &'m OrgMap) -> Vec<(&'m str, &'m str)> {
        let text = |i: usize| o.lines[i].text.as_str();
        let _ = map;
        o.pairs.iter().map(|p| (text(p.a), text(p.b))).collect()
    }

    #[test]
    fn the_same_duty_in_other_words_is_found_and_common_words_alone_are_not() {
        let map = team();
        let o = overlap(&map, DEFAULT_MIN_SCORE);
        assert_eq!(o.language, "English");
        let pairs = found(&o, &map);
        let has =
            |a: &str, b: &str| pairs.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b));
        assert!(has(
            "Draw up the monthly staff roster",
            "Drawing up the staff rosters every month"
        ));
        assert!(has("Coach the team on self-management", "Coach the team on self-management"));
        assert!(has(
            "Send invoices to the council every month",
            "Send the invoices to the council monthly"
        ));
        assert!(
            !has("Support the team with IT problems", "Support the team with holiday planning"),
            "they share common words, not a duty: {pairs:?}"
        );
        assert!(!has("Support the team when someone is ill", "Support the team with paperwork"));
        assert_eq!(pairs.len(), 3, "nothing else: {pairs:?}");
        let roster = o.pairs.iter().find(|p| o.lines[p.a].text.contains("roster")).unwrap();
        assert!(roster.shared.contains(&"roster".to_string()), "{:?}", roster.shared);
        assert!(!roster.shared.contains(&"up".to_string()), "stop words are not shared terms");
    }

    #[test]
    fn a_duty_in_three_roles_is_one_cluster_and_roles_say_how_much_they_overlap() {
        let mut map = team();
        map.roles[0].responsibilities[0].duties.push("Coach the team on self-management".into());
        let o = overlap(&map, DEFAULT_MIN_SCORE);
        let coaching: Vec<&Vec<usize>> = o
            .clusters
            .iter()
            .filter(|c| o.lines[c[0]].text.starts_with("Coach the team"))
            .collect();
        assert_eq!(coaching.len(), 1, "one finding");
        let roles: Vec<usize> = coaching[0].iter().map(|&i| o.lines[i].role).collect();
        assert_eq!(roles, [0, 1, 3]);
        // coach and admin: 1 of coach's 3 lines and 1 of admin's 2.
        let pair = o.roles.iter().find(|r| (r.a, r.b) == (3, 4)).unwrap();
        assert!((pair.overlap - 2.0 / 5.0).abs() < 1e-9);
        let also = o.also_done_by(1, Kind::Duty, (0, 2));
        let ids: Vec<usize> = also.iter().map(|l| l.role).collect();
        assert_eq!(ids, [0, 3], "the leader's coaching duty is also done by two roles");
    }

    #[test]
    fn keeping_a_duty_in_one_role_takes_it_from_the_others_in_one_step() {
        let mut map = team();
        map.roles[0].responsibilities[0].duties.push("Coach the team on self-management".into());
        let o = overlap(&map, DEFAULT_MIN_SCORE);
        let cluster = o.clusters.iter().find(|c| o.lines[c[0]].text.starts_with("Coach")).unwrap();
        // Keep it in the coach's role (3): take it from the coordinator (0) and the leader (1).
        let others: Vec<Line> =
            cluster.iter().map(|&i| o.lines[i].clone()).filter(|l| l.role != 3).collect();
        let command = remove_lines(&map, &others).unwrap();
        let mut edited = map.clone();
        let undo = command.apply(&mut edited).unwrap();
        let says = |map: &OrgMap, r: usize| {
            map.roles[r]
                .responsibilities
                .iter()
                .any(|a| a.duties.iter().any(|d| d.starts_with("Coach")))
        };
        assert!(!says(&edited, 0) && !says(&edited, 1) && says(&edited, 3));
        assert_eq!(edited.roles[1].responsibilities[0].duties.len(), 2, "the rest stays");
        undo.apply(&mut edited).unwrap();
        assert_eq!(edited, map, "one undo puts them back");
        // A map changed since: nothing of it is removed.
        let mut changed = map.clone();
        changed.roles[0].responsibilities[0].duties.pop();
        changed.roles[1].responsibilities[0].duties[2] = "Something else".into();
        assert!(remove_lines(&changed, &others).is_none());
    }

    #[test]
    fn lines_within_one_role_are_not_compared() {
        let map = map_of(&[
            ("a", &["Plan the rota", "Plan the rota"], &[]),
            ("b", &["Welcome visitors"], &[]),
        ]);
        assert!(overlap(&map, DEFAULT_MIN_SCORE).pairs.is_empty());
    }

    #[test]
    fn dutch_texts_are_read_in_dutch() {
        let map = map_of(&[
            ("a", &["Het maandelijkse rooster van het team maken"], &[]),
            ("b", &["De maandelijkse roosters voor het team maken"], &[]),
            ("c", &["De facturen naar de gemeente sturen"], &[]),
        ]);
        let o = overlap(&map, DEFAULT_MIN_SCORE);
        assert_eq!(o.language, "Dutch");
        let pair = o.pairs.iter().find(|p| (p.a, p.b) == (0, 1)).expect("rooster and roosters");
        assert!(pair.shared.iter().any(|w| w.starts_with("rooster")), "{:?}", pair.shared);
    }

    #[test]
    fn japanese_and_arabic_duties_are_compared_too() {
        let map = map_of(&[
            ("a", &["日本語の勤務表を作る", "إعداد جدول المناوبات الشهري للموظفين"], &[]),
            ("b", &["勤務表を作る", "إعداد جدول المناوبات الشهري"], &[]),
            ("c", &["請求書を送る"], &[]),
        ]);
        let o = overlap(&map, DEFAULT_MIN_SCORE);
        let texts: Vec<(&str, &str)> = o
            .pairs
            .iter()
            .map(|p| (o.lines[p.a].text.as_str(), o.lines[p.b].text.as_str()))
            .collect();
        assert!(texts.contains(&("日本語の勤務表を作る", "勤務表を作る")), "{texts:?}");
        assert!(texts.iter().any(|(a, _)| a.starts_with("إعداد")), "{texts:?}");
        assert_eq!(texts.len(), 2, "the invoice is another duty: {texts:?}");
    }

    #[test]
    fn empty_maps_and_lines_without_words_are_fine() {
        let o = overlap(&OrgMap::new("empty"), DEFAULT_MIN_SCORE);
        assert!(o.pairs.is_empty() && o.clusters.is_empty());
        let map = map_of(&[("a", &["-", "  "], &[]), ("b", &["-"], &[])]);
        assert!(overlap(&map, DEFAULT_MIN_SCORE).pairs.is_empty());
    }
}
