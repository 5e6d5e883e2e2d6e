#!/bin/bash
# Port benchmark (issue: port). The real hello 2.10-3 (3.0 quilt) ported to bookworm-test-unstable:
# `debwork port_ext -u` against, in the same run, the pipeline a person would type
# (dpkg-source --no-check -x, dch -b --force-distribution -D … -v …, dpkg-source -b, dpkg-genchanges -S -sa), hyperfine, warm cache.
#
#   bench/port.sh   (build first: swift build -c release --static-swift-stdlib --scratch-path .build-static)
#
# The source is fetched with apt-get source --download-only through a private apt configuration (the system's
# Debian entries copied as deb-src into bench/corpus/port/apt/); the system's apt configuration is not touched.
# Downloads and work folders go to bench/corpus/port/ (git-ignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
debwork=${DEBWORK:-$top/.build-static/release/debwork}
runs=${RUNS:-20}
version=2.10-3
target=bookworm-test-unstable
ported=$version~test12+1
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
command -v dch >/dev/null || { echo "dch missing (apt-get install devscripts)" >&2; exit 1; }
[ -x "$debwork" ] || { echo "$debwork missing (see the header)" >&2; exit 1; }

corpus=$here/corpus/port
apt=$corpus/apt
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$corpus/src"
if [ ! -f "$corpus/src/hello_$version.dsc" ]; then
    # Only the Debian entries, as deb-src.
    for file in /etc/apt/sources.list.d/*.sources; do
        grep -q 'debian.org' "$file" || continue
        sed 's/^Types:.*/Types: deb-src/' "$file" > "$apt/sources.list.d/$(basename "$file" .sources)-src.sources"
    done
    options=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/sources.list.d"
             -o "Dir::State::Lists=$apt/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
    apt-get "${options[@]}" update >/dev/null
    (cd "$corpus/src" && apt-get "${options[@]}" source --download-only "hello=$version" >/dev/null)
fi

export DEBFULLNAME="Bench Porter" DEBEMAIL=bench@example.org SOURCE_DATE_EPOCH=1737000000
export DEBWORK_INDEX=$corpus/none.sqlite
dsc=$corpus/src/hello_$version.dsc
work=$corpus/work

# The pipeline a person types; its result is checked first, like debwork's.
cat > "$corpus/by-hand.sh" <<SCRIPT
set -e
rm -rf "$work/hand" && mkdir -p "$work/hand" && cd "$work/hand"
dpkg-source --no-check -x "$dsc" hello >/dev/null
cd hello
dch -b --force-distribution -D $target -v $ported "Port to $target." 2>/dev/null
cd ..
dpkg-source -b hello >/dev/null
cd hello
dpkg-genchanges -S -sa > "../hello_${ported}_source.changes" 2>/dev/null
SCRIPT
by_hand="bash $corpus/by-hand.sh"
with_debwork="$debwork port_ext -u --force --output-dir $work/debwork $dsc $target"

$by_hand
$with_debwork >/dev/null
dscverify -u --no-sig-check "$work/hand/hello_${ported}_source.changes" >/dev/null
dscverify -u --no-sig-check "$work/debwork/$target/hello_${ported}_source.changes" >/dev/null

json=$(mktemp)
hyperfine -N -w 2 -r "$runs" --export-json "$json" "$by_hand" "$with_debwork" >/dev/null
read -r t1 t2 < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(" ".join("%.1f" % (x["median"] * 1000) for x in r))' "$json")
rm -f "$json"
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
echo "| source | by hand (dpkg-source -x, dch, dpkg-source -b, dpkg-genchanges) | debwork port_ext -u | speed-up | peak RSS debwork (KiB) |"
echo "|---|---|---|---|---|"
echo "| hello $version → $target | $t1 ms | $t2 ms | $(python3 -c "print('%.1f' % ($t1 / $t2))")× | $(rss $with_debwork) |"
