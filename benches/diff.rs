//! Comparing and merging maps of 10,000 roles (issue 20; target: each under 200 ms). Two
//! edits of one generated map (10,000 roles, 5,000 people, 15,000 links), each touching one
//! role in twenty: renamed, a purpose rewritten, moved to another ring, removed, or added;
//! some links change kind. Run: `cargo bench --bench diff`. Figures: BENCHMARKS.md.

use divan::Bencher;
use orgmap::diff::{compare, merge::merge};
use orgmap::model::generate::{GenerateOptions, generate};
use orgmap::model::{LinkKind, OrgMap, Role};

fn main() {
    divan::main();
}

fn base() -> OrgMap {
    generate(&GenerateOptions { roles: 10_000, rings: 5, ..Default::default() })
}

/// An edit of `map` touching every 20th role from `offset` on, in one of five ways.
fn edited(map: &OrgMap, offset: usize, tag: &str) -> OrgMap {
    let mut map = map.clone();
    let rings: Vec<String> = map.rings.iter().map(|r| r.id.clone()).collect();
    let mut removed = Vec::new();
    for (n, i) in (offset..map.roles.len()).step_by(20).enumerate() {
        let role = &mut map.roles[i];
        match n % 5 {
            0 => role.name = format!("{} ({tag})", role.name),
            1 => role.purpose = format!("{tag}: {}", role.purpose),
            2 => {
                role.ring = rings[(n / 5) % rings.len()].clone();
                role.team.clear();
            }
            3 => removed.push(role.id.clone()),
            _ => {}
        }
    }
    for n in 0..100 {
        map.roles.push(Role::new(
            format!("{tag}-new-{n}"),
            format!("New role {n}"),
            rings[1].clone(),
        ));
    }
    map.roles.retain(|r| !removed.contains(&r.id));
    map.links.retain(|l| !removed.contains(&l.from) && !removed.contains(&l.to));
    for link in map.links.iter_mut().skip(offset).step_by(50) {
        link.kind = LinkKind::Advises;
    }
    map
}

#[divan::bench(sample_count = 10)]
fn diff_10000_roles(bencher: Bencher) {
    let old = base();
    let new = edited(&old, 0, "ours");
    bencher.bench(|| compare(&old, &new).len());
}

#[divan::bench(sample_count = 10)]
fn merge_10000_roles(bencher: Bencher) {
    let base = base();
    let (ours, theirs) = (edited(&base, 0, "ours"), edited(&base, 7, "theirs"));
    bencher.bench(|| merge(&base, &ours, &theirs).map(|m| m.conflicts.len()).unwrap_or_default());
}
