#!/usr/bin/env bash
# Every test, as CI runs them: the system packages the window needs (and xvfb), the release
# binary (the window tests run it under xvfb-run, as a user would), then `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --release
ORGMAP_BIN="$PWD/target/release/orgmap" cargo test "$@"
