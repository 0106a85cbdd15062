#!/usr/bin/env bash
# orgmap's concentric layout side by side with Graphviz twopi, on the same generated maps.
#
#   bench/compare_twopi.sh [SIZES...]        (default: 100 1000 10000)
#   SHAPE=tree bench/compare_twopi.sh ...    (random, tree or hierarchy: orgmap generate --shape;
#                                             TEAMS=0 for a random map without teams)
#
# Needs graphviz (apt-get install graphviz) and builds orgmap in release mode. For each size it:
#   1. generates a map (orgmap generate, seed 1) and its DOT export (orgmap export --format dot);
#   2. times orgmap's layout (in-process, the median of 5 runs of `orgmap stats`) and the whole
#      `orgmap export --format dot --positions` command (load, layout, write), against
#      `twopi -Tdot` (parse, layout, write), each the median of 5 runs;
#   3. counts edge crossings, label overlaps and the extent of orgmap's layout, of twopi's
#      (-Tplain), and of twopi's overlap-free one (-Goverlap=prism), all with orgmap's own
#      metric code (orgmap stats --graphviz-plain);
#   4. prints one table: ratios are orgmap / twopi.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
source bench/common.sh
setup

# The median of orgmap's own "layout time" over 5 runs.
median_layout_ms() {
    for _ in 1 2 3 4 5; do "$orgmap" stats "$1" | awk '/^layout time/ {print $3}'; done | sort -n | sed -n 3p
}

field() { awk -v key="$1" -F': ' '$1 == key {print $2}' "$2"; }

echo "shape: ${SHAPE:-random}, teams: ${TEAMS:-8}"
printf '%-7s | %-32s | %-30s | %-24s | %-10s | %-22s | %s\n' roles "layout ms: orgmap / twopi (x)" \
    "command ms: orgmap / twopi (x)" "crossings: orgmap / twopi" "reports-to" "label overlaps: o / t" \
    "extent px: orgmap / twopi prism"
for n in "${sizes[@]}"; do
    map="$work/map$n.ron"
    "$orgmap" generate --roles "$n" --seed 1 --shape "${SHAPE:-random}" --teams "${TEAMS:-8}" -o "$map"
    "$orgmap" export "$map" --format dot -o "$work/map$n.dot"
    layout_ms=$(median_layout_ms "$map")
    command_ms=$(median_ms "$orgmap" export "$map" --format dot --positions -o "$work/pos$n.dot")
    twopi_ms=$(median_ms twopi -Tdot "$work/map$n.dot" -o "$work/twopi$n.dot")
    "$orgmap" stats "$map" --reports-to > "$work/orgmap$n.txt"
    twopi -Tplain "$work/map$n.dot" -o "$work/twopi$n.plain" 2>/dev/null
    "$orgmap" stats "$map" --graphviz-plain "$work/twopi$n.plain" > "$work/twopi$n.txt"
    twopi -Goverlap=prism -Tplain "$work/map$n.dot" -o "$work/prism$n.plain" 2>/dev/null
    "$orgmap" stats "$map" --graphviz-plain "$work/prism$n.plain" > "$work/prism$n.txt"
    oc=$(field "edge crossings" "$work/orgmap$n.txt"); tc=$(field "edge crossings" "$work/twopi$n.txt")
    oo=$(field "label overlaps" "$work/orgmap$n.txt"); to=$(field "label overlaps" "$work/twopi$n.txt")
    orc=$(field "reports-to crossings" "$work/orgmap$n.txt")
    oe=$(field "extent" "$work/orgmap$n.txt"); pe=$(field "extent" "$work/prism$n.txt")
    # A ratio to twopi's none is no ratio: "-" when twopi crosses nowhere.
    if [ "$tc" -gt 0 ]; then cross_ratio=$(printf '%.2fx' "$(echo "$oc / $tc" | bc -l)"); else cross_ratio=-; fi
    printf '%-7s | %8s / %-8s (%5.2fx)     | %8s / %-8s (%5.2fx)   | %8s / %-8s (%5s) | %-10s | %6s / %-8s      | %s / %s\n' \
        "$n" "$layout_ms" "$twopi_ms" "$(echo "$layout_ms / $twopi_ms" | bc -l)" \
        "$command_ms" "$twopi_ms" "$(echo "$command_ms / $twopi_ms" | bc -l)" \
        "$oc" "$tc" "$cross_ratio" "$orc" "$oo" "$to" "$oe" "$pe"
done
