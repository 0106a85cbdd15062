# Shared by the comparison scripts: sourced, not run.

# Median wall time in ms of a command run 5 times.
median_ms() {
    local times=()
    for _ in 1 2 3 4 5; do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1000}'
}

# Checks for twopi, builds orgmap in release mode, makes a scratch folder ($work).
setup() {
    command -v twopi >/dev/null || { echo "twopi not found: apt-get install graphviz" >&2; exit 1; }
    cargo build --release --quiet
    orgmap=target/release/orgmap
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
}
