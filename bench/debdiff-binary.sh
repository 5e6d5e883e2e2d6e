#!/bin/bash
# debdiff benchmark, binary packages (issue: debdiff). Real pairs from bookworm (3.0.17-1~deb12u2 in
# bookworm-updates vs 3.0.22-1~deb12u2 in bookworm-security), timed against devscripts' debdiff in the same
# run with hyperfine -N (warm cache), plus peak RSS from /usr/bin/time. Output is checked identical first.
#
#   bench/debdiff-binary.sh   (build first: swift build -c release --static-swift-stdlib --scratch-path .build-static)
#
# Downloads (apt-get download) go to bench/corpus/debdiff/ (git-ignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
debwork=${DEBWORK:-$top/.build-static/release/debwork}
runs=${RUNS:-20}
old=3.0.17-1~deb12u2
new=3.0.22-1~deb12u2
packages=${PACKAGES:-libssl3 openssl libssl-dev}
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
command -v debdiff >/dev/null || { echo "debdiff missing (apt-get install devscripts wdiff)" >&2; exit 1; }
[ -x "$debwork" ] || { echo "$debwork missing (see the header)" >&2; exit 1; }

mkdir -p "$here/corpus/debdiff"
cd "$here/corpus/debdiff"
for package in $packages; do
    for version in $old $new; do
        ls "${package}_${version}_"*.deb >/dev/null 2>&1 || apt-get download "$package=$version" >/dev/null 2>&1
    done
done

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "| pair | devscripts debdiff | debwork debdiff | speed-up | debwork --contents | peak RSS devscripts / debwork (KiB) |"
echo "|---|---|---|---|---|---|"
for package in $packages; do
    a=$(ls "${package}_${old}_"*.deb) b=$(ls "${package}_${new}_"*.deb)
    cmp <(debdiff "$a" "$b" || true) <("$debwork" debdiff "$a" "$b" || true) || { echo "output differs for $package" >&2; exit 1; }
    json=$(mktemp)
    hyperfine -N -w 2 -r "$runs" -i --export-json "$json" \
        "debdiff $a $b" "$debwork debdiff $a $b" "$debwork debdiff --contents $a $b" >/dev/null
    read -r t1 t2 t3 < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(" ".join("%.1f" % (x["median"] * 1000) for x in r))' "$json")
    rm -f "$json"
    speedup=$(python3 -c "print('%.1f' % ($t1 / $t2))")
    echo "| $package $old → $new | $t1 ms | $t2 ms | ${speedup}× | $t3 ms | $(rss debdiff "$a" "$b") / $(rss "$debwork" debdiff "$a" "$b") |"
done
