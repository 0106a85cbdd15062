//! The ink links put on the fitted view of a map (issue 21's measure): the share of the
//! pixels of a PNG of the map that differ from the same map drawn without links.
//!
//!   cargo run --release --example link_ink -- MAP.ron [WIDTH_PX] [STRENGTH...]
//!   LINK_INK_PNGS=DIR ...   also writes each picture to DIR
//!
//! Prints, for straight links, bundled links (at each strength given, 1 if none) and the
//! overview's bands, that share and its ratio to straight.
use orgmap::export::{self, PictureFormat, PictureSettings};
use orgmap::scene::Links;

fn pixels(map: &orgmap::model::OrgMap, width: f64, links: Links) -> Vec<u8> {
    let settings = PictureSettings {
        format: PictureFormat::Png,
        width: Some(width),
        links,
        ..Default::default()
    };
    let png = export::picture(map, &settings).expect("the map renders");
    if let Ok(dir) = std::env::var("LINK_INK_PNGS") {
        let name = match links {
            Links::None => "none".to_string(),
            Links::Straight => "straight".to_string(),
            Links::Bundled { strength, .. } => format!("bundled-{strength}"),
            Links::Overview { .. } => "overview".to_string(),
        };
        std::fs::write(format!("{dir}/{name}.png"), &png).expect("the PNG is written");
    }
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    pixmap.data().to_vec()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: link_ink MAP.ron [WIDTH_PX] [BETA...]");
    let width: f64 = args.get(2).and_then(|w| w.parse().ok()).unwrap_or(1600.0);
    let map = orgmap::format::load(std::path::Path::new(path)).expect("a map");
    let bare = pixels(&map, width, Links::None);
    let share = |links: Links| {
        let drawn = pixels(&map, width, links);
        let differ = drawn.chunks(4).zip(bare.chunks(4)).filter(|(a, b)| a != b).count();
        differ as f64 / (bare.len() / 4) as f64
    };
    let straight = share(Links::Straight);
    println!("straight: {:.1}% of pixels", 100.0 * straight);
    let betas: Vec<f64> = args.iter().skip(3).filter_map(|b| b.parse().ok()).collect();
    let betas = if betas.is_empty() { vec![1.0] } else { betas };
    // One pixel of the picture in map units (curves are drawn within it, as the window does).
    let extent = orgmap::layout::compute(&map, &Default::default(), &orgmap::font::measure).extent;
    let pixel = extent.width().max(extent.height()) / width;
    for beta in betas {
        let bundled = share(Links::Bundled { strength: beta, pixel });
        println!(
            "bundled, beta {beta}: {:.1}% ({:.2}x straight)",
            100.0 * bundled,
            bundled / straight
        );
    }
    let overview = share(Links::Overview { dissolve: 0.0, pixel });
    println!(
        "overview (bands between teams): {:.1}% ({:.2}x straight)",
        100.0 * overview,
        overview / straight
    );
}
