#!/bin/bash
# Query benchmark (issue: query calls). Whole commands, timed with hyperfine -N (no shell), warm cache:
#   debwork search: name glob, path substring, path glob, full text, --where
#   peers in the same run: apt-file-style grep over `dpkg-deb -c` listings (made once), aptly package search
# on the 1x corpus index and on a synthetic 10x index (10 hard-linked copies of the corpus in separate
# folders: debwork keys artifacts by path, so they are 6530 distinct .debs).
#
#   bench/query.sh            (build first: swift build -c release --static-swift-stdlib --scratch-path .build-static)
#
# Needs: hyperfine, dpkg-deb, aptly (skipped when missing). Prints p50/p95 per query as a markdown table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
corpus=$(readlink -f "$here/corpus/debs")
work=$here/work
debwork=${DEBWORK:-$top/.build-static/release/debwork}
runs=${RUNS:-200}
scales=${SCALES:-1 10}
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
[ -x "$debwork" ] || { echo "$debwork missing (see the header)" >&2; exit 1; }

# Indexes (kept between runs; delete bench/work/q*.sqlite to rebuild).
# Always run index: incremental (unchanged files are skipped) and it migrates an index an older debwork wrote.
"$debwork" index --index "$work/q1.sqlite" "$corpus" >/dev/null
if [[ " $scales " == *" 10 "* ]]; then
    mkdir -p "$work/corpus10"
    for i in 0 1 2 3 4 5 6 7 8 9; do [ -d "$work/corpus10/c$i" ] || cp -al "$corpus" "$work/corpus10/c$i"; done
    "$debwork" index --index "$work/q10.sqlite" "$work/corpus10" >/dev/null
fi

# apt-file's data, made once: "package: /path" for every file of every .deb.
if [ ! -s "$work/listings.txt" ]; then
    for deb in "$corpus"/*.deb; do
        pkg=$(dpkg-deb -f "$deb" Package)
        dpkg-deb -c "$deb" | awk -v p="$pkg" '$1 !~ /^d/ { sub(/^\.\//, "/", $6); print p ": " $6 }'
    done > "$work/listings.txt"
fi

# aptly: a local repo holding the corpus, in a private rootDir.
aptly_conf=$work/aptly.conf
have_aptly=0
if command -v aptly >/dev/null; then
    have_aptly=1
    printf '{"rootDir": "%s/aptly"}\n' "$work" > "$aptly_conf"
    if ! aptly -config="$aptly_conf" repo show bench >/dev/null 2>&1; then
        aptly -config="$aptly_conf" repo create bench >/dev/null
        aptly -config="$aptly_conf" repo add bench "$corpus" >/dev/null 2>&1
    fi
fi

results=$work/query-results.md
: > "$results"
measure() { # label command…
    local label=$1; shift
    hyperfine -N --style none --warmup 5 --runs "$runs" --export-json "$work/h.json" "$@" >/dev/null 2>&1
    python3 - "$label" "$work/h.json" >> "$results" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
times = sorted(t * 1000 for t in json.load(open(path))["results"][0]["times"])
pct = lambda p: times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))]
print(f"| {label} | {pct(50):.1f} | {pct(95):.1f} |")
PY
}

for scale in $scales; do
    idx=$work/q$scale.sqlite
    echo "| ${scale}x: query | p50 ms | p95 ms |" >> "$results"
    echo "|---|---:|---:|" >> "$results"
    measure "debwork search lib (name glob)" "$debwork search --index $idx lib"
    measure "debwork search -J 'lib*ssl*' (name glob, JSON)" "$debwork search -J --index $idx lib*ssl*"
    measure "debwork search --path bin/xz (substring)" "$debwork search --index $idx --path bin/xz"
    measure "debwork search --path '*.service' (glob)" "$debwork search --index $idx --path *.service"
    measure "debwork search --path /usr/bin/openssl --latest" "$debwork search --index $idx --path /usr/bin/openssl --latest"
    measure "debwork search --text 'compression library' --limit 20" "$debwork search --index $idx --text compression\ library --limit 20"
    if "$debwork" search --index "$idx" --where 'Priority (required)' >/dev/null 2>&1; then
        measure "debwork search --where 'Priority (required)'" "$debwork search --index $idx --where Priority\ (required)"
    else
        echo "| debwork search --where (WhereCompiler not available yet) | – | – |" >> "$results"
    fi
    if [ "$scale" = 1 ]; then
        measure "peer: grep -F bin/xz listings.txt (apt-file style)" "grep -F bin/xz $work/listings.txt"
        measure "peer: grep -E '\\.service\$' listings.txt" "grep -E \\.service\$ $work/listings.txt"
        if [ $have_aptly = 1 ]; then
            measure "peer: aptly package search 'Name (~ lib)'" "aptly -config=$aptly_conf package search Name\ (~\ lib)"
            measure "peer: aptly package search 'Priority (required)'" "aptly -config=$aptly_conf package search Priority\ (required)"
        fi
    fi
    echo >> "$results"
done
cat "$results"
