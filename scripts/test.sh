#!/usr/bin/env bash
# Every test, as CI runs them: the system packages the window needs (and xvfb), the release
# binary (the window tests run it under xvfb-run, as a user would), then `cargo test` in the
# release profile: it reuses the dependencies the binary was built with (a debug build of them
# all would take longer than running every test), and the layout's property tests run fast.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --release
ORGMAP_BIN="$PWD/target/release/orgmap" cargo test --release "$@"
