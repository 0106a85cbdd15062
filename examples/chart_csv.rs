//! Prints a generated org chart as an HR system exports it (CSV), for trying the importer
//! and the layout on charts of any size: `cargo run --release --example chart_csv -- 1500`.
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1500);
    print!("{}", orgmap::model::generate::org_chart_csv(n, 42));
}
