//! The skills analysis (issue 17) on a generated map of 10,000 roles and 5,000 people:
//! coverage (every skill's needs, people, risk and the holders' gaps), and for every person the
//! ten roles they fit best (the app's fit list). Target: both together under 50 ms.
//! Run: `cargo bench --bench skills`. Figures and how they were taken: BENCHMARKS.md.

use divan::Bencher;
use orgmap::analysis::skills::{self, Needs};
use orgmap::model::generate::{GenerateOptions, generate};

fn main() {
    divan::main();
}

fn big_map() -> orgmap::model::OrgMap {
    generate(&GenerateOptions { roles: 10_000, rings: 5, ..GenerateOptions::default() })
}

#[divan::bench(sample_count = 10)]
fn coverage(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| skills::coverage(&map));
}

#[divan::bench(sample_count = 10)]
fn fit_for_every_person(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| {
        let needs = Needs::new(&map);
        (0..map.people.len()).map(|p| skills::fitting_roles(&needs, p, 10).len()).sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn numbering_the_skills(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| Needs::new(&map));
}

/// The target as one figure: coverage and every person's fit list from the map.
#[divan::bench(sample_count = 10)]
fn coverage_and_fit_for_every_person(bencher: Bencher) {
    let map = big_map();
    bencher.bench(|| {
        let coverage = skills::coverage(&map);
        let needs = Needs::new(&map);
        let fits: usize =
            (0..map.people.len()).map(|p| skills::fitting_roles(&needs, p, 10).len()).sum();
        (coverage.skills.len(), fits)
    });
}
