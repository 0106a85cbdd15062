//! The concentric layout on the samples and on random maps.

use std::path::Path;

use orgmap::format;
use orgmap::layout::{self, LayoutOptions, approximate_width};
use orgmap::model::OrgMap;

fn sample(name: &str) -> OrgMap {
    format::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_orgs").join(name)).unwrap()
}

#[test]
fn samples_lay_out_without_overlaps() {
    let options = LayoutOptions::default();
    for name in [
        "wellbeing_teams.ron",
        "living_systems_sales.ron",
        "community_of_purpose.ron",
        "enterprise20.ron",
        "empty.ron",
    ] {
        let map = sample(name);
        let layout = layout::compute(&map, &options, &approximate_width);
        let m = layout::measure_layout(&map, &layout, &options);
        println!("{name}: {m:?}");
        for (i, r) in layout.rings.iter().enumerate() {
            println!(
                "  ring {i}: radius {:.1} band {:.1}..{:.1} radial {}",
                r.radius, r.inner, r.outer, r.radial_labels
            );
        }
        assert_eq!(m.label_overlaps, 0, "{name}");
        assert_eq!(m.labels_over_nodes, 0, "{name}");
    }
}
