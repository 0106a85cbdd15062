//! Layout, load and save on generated maps of 100 to 10,000 roles.
//! Run: `cargo bench --bench layout`. Figures and how they were taken: BENCHMARKS.md.

use divan::Bencher;
use orgmap::format;
use orgmap::layout::{self, LayoutOptions};
use orgmap::model::generate::{GenerateOptions, generate};

fn main() {
    divan::main();
}

fn map(roles: usize) -> orgmap::model::OrgMap {
    generate(&GenerateOptions { roles, ..Default::default() })
}

/// The whole layout: ordering sweeps, overlap removal, label boxes.
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 10)]
fn layout(bencher: Bencher, roles: usize) {
    let map = map(roles);
    let options = LayoutOptions::default();
    bencher.bench(|| layout::compute(&map, &options, &orgmap::font::measure));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load(bencher: Bencher, roles: usize) {
    let text = format::to_string(&map(roles));
    bencher.bench(|| format::from_str(&text));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn save(bencher: Bencher, roles: usize) {
    let map = map(roles);
    bencher.bench(|| format::to_string(&map));
}
