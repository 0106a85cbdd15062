//! The real window: the binary opens each sample under a virtual display (xvfb-run), renders
//! it, saves a screenshot and exits. Needs `xvfb-run` (scripts/install-deps.sh installs it).

use std::path::Path;
use std::process::Command;

/// Decodes a PNG into (width, height, RGBA bytes).
fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

/// Share of pixels that differ from the top-left pixel: 0 for a blank window.
fn ink(rgba: &[u8]) -> f64 {
    let background = &rgba[..4];
    let differing = rgba.chunks_exact(4).filter(|px| px != &background).count();
    differing as f64 / (rgba.len() / 4) as f64
}

fn screenshot(map: &str, size: &str, out: &Path) -> std::process::Output {
    Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1920x1200x24"])
        .arg(env!("CARGO_BIN_EXE_orgmap"))
        .arg(map)
        .arg("--screenshot")
        .arg(out)
        .args(["--size", size])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("xvfb-run is needed for the window tests: run scripts/install-deps.sh")
}

#[test]
fn every_sample_opens_in_a_real_window_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let samples = [
        "community_of_purpose",
        "empty",
        "enterprise20",
        "living_systems_sales",
        "wellbeing_teams",
    ];
    for (i, sample) in samples.iter().enumerate() {
        // Vary the size to check that --size is honoured.
        let (width, height) = (1000 + 40 * i as u32, 700 + 20 * i as u32);
        let out = dir.path().join(format!("{sample}.png"));
        let output =
            screenshot(&format!("sample_orgs/{sample}.ron"), &format!("{width}x{height}"), &out);
        assert!(
            output.status.success(),
            "{sample}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let (w, h, rgba) = read_png(&out);
        assert_eq!((w, h), (width, height), "{sample}: the window has the requested size");
        let ink = ink(&rgba);
        assert!(ink > 0.002, "{sample}: the window looks blank ({ink:.4} of pixels drawn)");
    }
}

#[test]
fn a_bad_size_is_refused_with_an_example() {
    let output = Command::new(env!("CARGO_BIN_EXE_orgmap"))
        .args(["--screenshot", "x.png", "--size", "big"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("as in 1280x800"));
}
