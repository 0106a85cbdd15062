#!/usr/bin/env bash
# SVG export of a generated map: orgmap (load, layout, scene, SVG) side by side with
# `twopi -Tsvg` on orgmap's DOT export of the same map (parse, layout, SVG).
#
#   bench/compare_svg.sh [SIZES...]        (default: 1000 10000)
#
# Needs graphviz; builds orgmap in release mode. Prints the median of 5 runs of each.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
source bench/common.sh
setup

printf '%-7s | %-40s | %s\n' roles "svg ms: orgmap / twopi -Tsvg (x)" "file size: orgmap / twopi"
for n in "${sizes[@]}"; do
    map="$work/map$n.ron"
    "$orgmap" generate --roles "$n" --seed 1 -o "$map"
    "$orgmap" export "$map" --format dot -o "$work/map$n.dot"
    o=$(median_ms "$orgmap" export "$map" --format svg -o "$work/orgmap$n.svg")
    t=$(median_ms twopi -Tsvg "$work/map$n.dot" -o "$work/twopi$n.svg")
    ratio=$(echo "scale=2; $o / $t" | bc)
    osize=$(stat -c %s "$work/orgmap$n.svg"); tsize=$(stat -c %s "$work/twopi$n.svg")
    printf '%-7s | %8s / %-8s (%5sx)                  | %s / %s bytes\n' "$n" "$o" "$t" "$ratio" "$osize" "$tsize"
done
