//! The duplicated duties and the health check (issue 18) on a generated map of 10,000 roles
//! with three duties each, written the way people write them: verbs, objects and qualifiers
//! drawn from lists, so that some duties say the same in other words and most do not (about
//! 30,000 lines). Targets: overlap under 2 s, health (without the overlap, which the app works
//! out apart) under 200 ms. Run: `cargo bench --bench health`. Figures: BENCHMARKS.md.

use divan::Bencher;
use orgmap::analysis::{health, overlap};
use orgmap::model::OrgMap;
use orgmap::model::generate::{GenerateOptions, generate};

fn main() {
    divan::main();
}

const VERBS: [&str; 12] = [
    "Plan",
    "Review",
    "Organise",
    "Draw up",
    "Check",
    "Prepare",
    "Coordinate",
    "Lead",
    "Support",
    "Report on",
    "Improve",
    "Keep track of",
];
const OBJECTS: [&str; 20] = [
    "the staff roster",
    "the invoices to the council",
    "the care records",
    "team meetings",
    "volunteer recruitment",
    "the training budget",
    "holiday planning",
    "the rota",
    "supervision sessions",
    "the community circle",
    "the quality audit",
    "new starters",
    "the annual report",
    "safeguarding concerns",
    "medication records",
    "the office move",
    "partner contracts",
    "the newsletter",
    "family visits",
    "the wellbeing survey",
];
const QUALIFIERS: [&str; 8] = [
    "every month",
    "with the team",
    "for the people we support",
    "each week",
    "with the coach",
    "before the deadline",
    "across the region",
    "when someone is ill",
];

fn big_map() -> OrgMap {
    let mut map = generate(&GenerateOptions { roles: 10_000, rings: 5, ..Default::default() });
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for role in &mut map.roles {
        role.responsibilities[0].duties = (0..3)
            .map(|_| {
                let (v, o, q) = (next(VERBS.len()), next(OBJECTS.len()), next(QUALIFIERS.len()));
                format!("{} {} {}", VERBS[v], OBJECTS[o], QUALIFIERS[q])
            })
            .collect();
    }
    map
}

#[divan::bench(sample_count = 5)]
fn overlap_of_30_000_duties(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| overlap::overlap(&map, overlap::DEFAULT_MIN_SCORE).clusters.len());
}

#[divan::bench(sample_count = 10)]
fn health_of_10_000_roles(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| health::health(&map, health::DEFAULT_MAX_ROLES, None).len());
}
