#!/bin/bash
# The cost of trusting nothing (issue: trust), in one run, old and new debwork side by side:
#   (a) full index of the corpus (bench/corpus/debs): every data file now hashed (MD5) to check md5sums,
#       every .deb hashed (SHA-256) to identify it                               median of 3, interleaved
#   (b) re-index of the unchanged corpus: the old debwork trusted size + mtime, the new one hashes every file
#                                                                                  median of 5, interleaved
#   (c) debdiff from the index: the old debwork trusted size + mtime, the new one hashes both packages first;
#       with --no-index (decompress both) as the reference                        hyperfine -N, warm cache
#
#   BASE=/path/to/old/debwork bench/trust.sh
#
# BASE is a release build of the commit before the trust work (a7af719), e.g.
#   git worktree add /tmp/debwork-base a7af719 && (cd /tmp/debwork-base && swift build -c release)
#   BASE=/tmp/debwork-base/.build/release/debwork bench/trust.sh
# The new one is .build/release/debwork (swift build -c release). Needs /usr/bin/time and hyperfine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
new=${DEBWORK:-$top/.build/release/debwork}
old=${BASE:?set BASE to the old debwork (see the header)}
corpus=$here/corpus/debs
work=$here/work/trust
command -v hyperfine >/dev/null || { echo "E: hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "E: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
for binary in "$new" "$old"; do [ -x "$binary" ] || { echo "E: $binary missing" >&2; exit 1; }; done
shopt -s nullglob
debs=("$corpus"/*.deb)
[ ${#debs[@]} -gt 0 ] || { echo "E: no .debs in $corpus; run bench/fetch-corpus.sh first" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# timed INDEX: debwork index of the corpus; prints "wall cpu rss_kb"
timed() {
    local binary=$1 index=$2
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.out" "$binary" index -j 2 --index "$index" "$corpus" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.out"
}

cat "${debs[@]}" >/dev/null # warm the page cache
bytes=$(du -cb "${debs[@]}" | tail -1 | cut -f1)
echo "corpus: ${#debs[@]} .debs, $((bytes / 1000000)) MB"

declare -a full_old full_new cpu_old cpu_new
for round in 1 2 3; do
    rm -f "$work"/full-*.sqlite*
    read -r w c r < <(timed "$old" "$work/full-old.sqlite"); full_old+=("$w"); cpu_old+=("$c")
    read -r w c r < <(timed "$new" "$work/full-new.sqlite"); full_new+=("$w"); cpu_new+=("$c")
    echo "round $round: full index old ${full_old[-1]} s, new ${full_new[-1]} s"
done
declare -a again_old again_new
for round in 1 2 3 4 5; do
    read -r w c r < <(timed "$old" "$work/full-old.sqlite"); again_old+=("$w")
    read -r w c r < <(timed "$new" "$work/full-new.sqlite"); again_new+=("$w")
done
findings=$(sqlite3 "$work/full-new.sqlite" "SELECT count(*) FROM findings")

# (c) the two largest .debs of one source in the corpus, compared from each index
pair=$(ls -S "${debs[@]}" | sed -n 1,2p | tr "\n" " ")
read -r a b <<<"$pair"
hyperfine -N -i -w 3 -r 20 --export-json "$work/debdiff.json" \
    -n "old, from the index" "$old debdiff --index $work/full-old.sqlite $a $b" \
    -n "new, from the index (hashes both)" "$new debdiff --index $work/full-new.sqlite $a $b" \
    -n "new, --no-index" "$new debdiff --no-index $a $b" >/dev/null 2>&1 || true
debdiff_line() { python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
for r in runs: print("| %s | %.1f ms | %.1f ms |" % (r["command"], r["median"] * 1000, r["stddev"] * 1000))' "$work/debdiff.json"; }

fo=$(median "${full_old[@]}"); fn=$(median "${full_new[@]}")
co=$(median "${cpu_old[@]}"); cn=$(median "${cpu_new[@]}")
ao=$(median "${again_old[@]}"); an=$(median "${again_new[@]}")
echo
echo "| measure | old (size + mtime trusted, md5sums trusted) | new (everything hashed) | new / old |"
echo "|---|---|---|---|"
echo "| full index, wall (median of 3) | $fo s | $fn s | $(ratio "$fn" "$fo") |"
echo "| full index, CPU (median of 3) | $co s | $cn s | $(ratio "$cn" "$co") |"
echo "| re-index unchanged, wall (median of 5) | $ao s | $an s | $(ratio "$an" "$ao") |"
echo
echo "md5sums findings in the corpus: $findings"
echo
echo "debdiff of the two largest .debs ($(basename "$a"), $(basename "$b")):"
echo
echo "| command | median | stddev |"
echo "|---|---|---|"
debdiff_line
