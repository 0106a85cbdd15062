//! Importing org chart tables (issue 15): a believable HR export of 1,500 and 10,000 rows read
//! and turned into a map, and the 1,500-row map laid out as the app opens it.
//! Run: `cargo bench --bench import`. Figures and how they were taken: BENCHMARKS.md.

use divan::Bencher;
use orgmap::format::table::{self, ImportOptions};
use orgmap::layout::{self, LayoutOptions};
use orgmap::model::generate::org_chart_csv;

fn main() {
    divan::main();
}

/// Bytes to map: the table sniffed and parsed, columns found, the tree built and checked.
#[divan::bench(args = [1_500, 10_000], sample_count = 10)]
fn import(bencher: Bencher, rows: usize) {
    let csv = org_chart_csv(rows, 42);
    let options = ImportOptions::default();
    bencher.bench(|| table::import_bytes(csv.as_bytes(), "chart", &options));
}

/// What opening the imported map costs on top: its layout.
#[divan::bench(args = [1_500, 10_000], sample_count = 5)]
fn layout_imported(bencher: Bencher, rows: usize) {
    let csv = org_chart_csv(rows, 42);
    let (map, _) = table::import_bytes(csv.as_bytes(), "chart", &ImportOptions::default())
        .expect("the generated chart imports");
    let options = LayoutOptions::default();
    bencher.bench(|| layout::compute(&map, &options, &orgmap::font::measure));
}
