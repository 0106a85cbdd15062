fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1500);
    print!("{}", orgmap::model::generate::org_chart_csv(n, 42));
}
