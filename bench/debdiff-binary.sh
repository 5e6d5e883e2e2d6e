#!/bin/bash
# debdiff benchmark, binary packages (issue: debdiff). Real pairs from bookworm (3.0.17-1~deb12u2 in
# bookworm-updates vs 3.0.22-1~deb12u2 in bookworm-security), timed against devscripts' debdiff in the same
# run with hyperfine -N (warm cache), plus peak RSS from /usr/bin/time. Output is checked identical first.
#
#   bench/debdiff-binary.sh   (build first: swift build -c release --static-swift-stdlib --scratch-path .build-static)
#
# Downloads (apt-get download) go to bench/corpus/debdiff/ (git-ignored). debwork runs twice: reading the
# archives (--no-index) and answering from an index of the pairs (bench/work/debdiff-index.sqlite).
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

# The index of the pairs (the shortcut: both packages indexed, nothing decompressed).
index=$here/work/debdiff-index.sqlite
rm -f "$index" "$index-wal" "$index-shm"
"$debwork" index --index "$index" "$here/corpus/debdiff" >/dev/null

echo "| pair | devscripts debdiff | debwork, archives (--no-index) | speed-up | debwork, from the index | speed-up | debwork --contents, archives / index | peak RSS devscripts / archives / index (KiB) |"
echo "|---|---|---|---|---|---|---|---|"
for package in $packages; do
    a=$(ls "$PWD/${package}_${old}_"*.deb) b=$(ls "$PWD/${package}_${new}_"*.deb)
    for mode in "--no-index" "--index $index"; do
        # shellcheck disable=SC2086
        cmp <(debdiff "$a" "$b" || true) <("$debwork" debdiff $mode "$a" "$b" || true) \
            || { echo "output differs for $package ($mode)" >&2; exit 1; }
    done
    json=$(mktemp)
    hyperfine -N -w 2 -r "$runs" -i --export-json "$json" \
        "debdiff $a $b" "$debwork debdiff --no-index $a $b" "$debwork debdiff --index $index $a $b" \
        "$debwork debdiff --no-index --contents $a $b" "$debwork debdiff --index $index --contents $a $b" >/dev/null 2>&1
    read -r t1 t2 t3 t4 t5 < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(" ".join("%.1f" % (x["median"] * 1000) for x in r))' "$json")
    rm -f "$json"
    s2=$(python3 -c "print('%.1f' % ($t1 / $t2))") s3=$(python3 -c "print('%.1f' % ($t1 / $t3))")
    echo "| $package $old → $new | $t1 ms | $t2 ms | ${s2}× | $t3 ms | ${s3}× | $t4 / $t5 ms |" \
        "$(rss debdiff "$a" "$b") / $(rss "$debwork" debdiff --no-index "$a" "$b") / $(rss "$debwork" debdiff --index "$index" "$a" "$b") |"
done
