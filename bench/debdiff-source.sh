#!/bin/sh
# debdiff on a real source pair: `debwork debdiff A.dsc B.dsc` against devscripts' debdiff, same run.
#
#   bench/debdiff-source.sh            fetch (once), compare the reports, peak RSS, then hyperfine both
#
# Build first: swift build -c release --static-swift-stdlib --scratch-path .build-static (or DEBWORK=path).
#
# The pair is openssl 3.0.17-1~deb12u2 (bookworm-updates) and 3.0.20-1~deb12u2 (bookworm), fetched with
# `apt-get source --download-only` through a private APT configuration (a deb-src copy of the system's
# Debian entries) so the system's sources are left alone. Files land in bench/corpus/src (git-ignored).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
old=3.0.17-1~deb12u2
new=3.0.20-1~deb12u2
corpus="$root/bench/corpus/src"
apt="$root/bench/work/apt"
mkdir -p "$corpus" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts"

dsc() { echo "$corpus/openssl_$(echo "$1" | sed 's/^[0-9]*://').dsc"; }

if [ ! -f "$(dsc $old)" ] || [ ! -f "$(dsc $new)" ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$apt/sources.sources"
    set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/parts" \
        -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
    cp "$apt/sources.sources" "$apt/parts/debian.sources"
    apt-get "$@" update -qq
    (cd "$corpus" && apt-get "$@" source --download-only -qq "openssl=$old" "openssl=$new")
fi
ls -l "$corpus"/openssl_*

debwork=${DEBWORK:-$root/.build-static/release/debwork}
[ -x "$debwork" ] || { echo "$debwork missing (swift build -c release --static-swift-stdlib --scratch-path .build-static)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
runs=${RUNS:-3}
a=$(dsc $old) b=$(dsc $new)
mkdir -p bench/work

echo "== peak RSS and output (one run each)"
/usr/bin/time -f "devscripts debdiff: wall %e s, peak RSS %M KB" debdiff "$a" "$b" > bench/work/devscripts.diff 2> bench/work/devscripts.err || true
tail -1 bench/work/devscripts.err
/usr/bin/time -f "debwork debdiff: wall %e s, peak RSS %M KB" "$debwork" debdiff "$a" "$b" > bench/work/debwork.diff 2> bench/work/debwork.err || true
tail -1 bench/work/debwork.err
wc -c bench/work/devscripts.diff bench/work/debwork.diff
# What devscripts leaks aside (extraction times of files dpkg-source touched, its temporary directories in
# "Binary files" lines), the reports should agree.
strip() { sed -E -e 's/^((---|\+\+\+) [^\t]*)\t.*/\1/' -e 's#^(Binary files )/tmp/[^/]*/(.* and )/tmp/[^/]*/#\1\2#' "$1"; }
strip bench/work/devscripts.diff > bench/work/devscripts.notimes
strip bench/work/debwork.diff > bench/work/debwork.notimes
if cmp -s bench/work/devscripts.notimes bench/work/debwork.notimes; then
    echo "reports identical (after dropping timestamps)"
else
    echo "reports differ:"; diff bench/work/devscripts.notimes bench/work/debwork.notimes | head -20
fi

echo "== timing (hyperfine -N, $runs runs each, warm cache)"
# With DEBWORK_INDEX pointing at an index that holds both .dsc files, debwork also shows the index shortcut.
hyperfine -N -w 1 -r "$runs" -i "debdiff $a $b" "$debwork debdiff --no-index $a $b" 2>/dev/null | grep -E "Time|±|faster|debdiff"
