#!/bin/sh
# Installability of a whole distribution: `debwork check` against dose-debcheck and libsolv's installcheck,
# same run, on the real Debian bookworm main amd64 Packages (63,440 packages).
#
#   bench/installability.sh            decompress (once), compare the uninstallable sets, then hyperfine all three
#
# Build first: swift build -c release --static-swift-stdlib --scratch-path .build-static (or DEBWORK=path).
# Needs: dose-distcheck, libsolv-tools, hyperfine (scripts/setup installs the first two).
#
# The Packages file is the one apt downloaded (`apt-get indextargets`; /var/lib/apt/lists/…Packages.lz4),
# decompressed with apt-helper into bench/data (git-ignored). `apt-get update` first if it is missing.
# RUNS (default 5) runs of debwork and installcheck; dose-debcheck, which takes ~40 s, runs DOSE_RUNS (default 1).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/work/installability"
mkdir -p "$work"
. bench/bookworm-packages.sh
echo "== $packages: $(grep -c '^Package:' "$packages") packages, $(wc -c < "$packages") bytes"

debwork=${DEBWORK:-$root/.build-static/release/debwork}
[ -x "$debwork" ] || { echo "$debwork missing (swift build -c release --static-swift-stdlib --scratch-path .build-static)" >&2; exit 1; }
for tool in dose-debcheck installcheck hyperfine; do
    command -v $tool >/dev/null || { echo "$tool missing (scripts/setup; apt-get install hyperfine)" >&2; exit 1; }
done
runs=${RUNS:-5}
dose_runs=${DOSE_RUNS:-1}

echo "== uninstallable packages and peak RSS (one run each)"
# Exit 1 means "some are not installable" for all three.
/usr/bin/time -f "debwork check: wall %e s, peak RSS %M KB" \
    "$debwork" check --packages "$packages" -a amd64 -J > "$work/debwork.json" || true
/usr/bin/time -f "installcheck: wall %e s, peak RSS %M KB" \
    installcheck amd64 "$packages" > "$work/installcheck.txt" || true
/usr/bin/time -f "dose-debcheck: wall %e s, peak RSS %M KB" \
    dose-debcheck --failures --deb-native-arch=amd64 "$packages" > "$work/dose.yaml" || true

sed -n 's/^    "package": "\(.*\)",$/\1/p' "$work/debwork.json" | sort -u > "$work/debwork.names"
# installcheck names a package name-version.arch (both may hold '-'): map back through the Packages file.
awk '/^Package:/ { p = $2 } /^Version:/ { print p "-" $2 "\t" p }' "$packages" > "$work/nevr.tsv"
sed -n "s/^can't install \(.*\)\.[^.]*:\$/\1/p" "$work/installcheck.txt" \
    | awk -F '\t' 'NR == FNR { name[$1] = $2; next } { print ($0 in name) ? name[$0] : $0 }' "$work/nevr.tsv" - \
    | sort -u > "$work/installcheck.names"
sed -n 's/^  package: //p' "$work/dose.yaml" | sort -u > "$work/dose.names"
for tool in debwork installcheck dose; do
    printf '%-13s %s uninstallable\n' "$tool" "$(wc -l < "$work/$tool.names")"
done
if cmp -s "$work/debwork.names" "$work/dose.names"; then
    echo "debwork = dose-debcheck: the same $(wc -l < "$work/dose.names") packages"
else
    echo "debwork and dose-debcheck differ (< debwork, > dose):"
    diff "$work/debwork.names" "$work/dose.names" || true
fi
cmp -s "$work/installcheck.names" "$work/dose.names" && echo "installcheck = dose-debcheck" \
    || { echo "installcheck and dose-debcheck differ (< installcheck, > dose):"; diff "$work/installcheck.names" "$work/dose.names" || true; }

echo "== timings (hyperfine -N, warm cache)"
hyperfine -N --style basic --runs "$runs" -i --export-markdown "$work/fast.md" \
    -n "debwork check" "$debwork check --packages $packages -a amd64" \
    -n "installcheck" "installcheck amd64 $packages"
hyperfine -N --style basic --runs "$dose_runs" -i --export-markdown "$work/dose.md" \
    -n "dose-debcheck" "dose-debcheck --failures --deb-native-arch=amd64 $packages"
cat "$work/fast.md"; tail -n 1 "$work/dose.md"

echo "== a broken core library: libzstd1 made to need libc6 (>= 2.99), one run each"
# What a bad migration does: dpkg (Essential) pre-depends on libzstd1, so dose-debcheck reports every package.
# installcheck is left out: its weak-install pruning re-solves for each dropped job (no answer after 150 s here;
# debwork with the same algorithm and no propagation: none after 10 minutes).
broken="$work/broken-libzstd1-Packages"
python3 - "$packages" "$broken" <<'PY'
import sys
stanzas = open(sys.argv[1]).read().split("\n\n")
for i, stanza in enumerate(stanzas):
    if stanza.startswith("Package: libzstd1\n"):
        stanzas[i] = "\n".join(line + ", libc6 (>= 2.99)" if line.startswith("Depends:") else line
                               for line in stanza.split("\n"))
open(sys.argv[2], "w").write("\n\n".join(stanzas))
PY
/usr/bin/time -f "debwork check: wall %e s, peak RSS %M KB" \
    "$debwork" check --packages "$broken" -a amd64 -J > "$work/broken-debwork.json" || true
/usr/bin/time -f "dose-debcheck: wall %e s, peak RSS %M KB" \
    dose-debcheck --failures --deb-native-arch=amd64 "$broken" > "$work/broken-dose.yaml" || true
sed -n 's/^    "package": "\(.*\)",$/\1/p' "$work/broken-debwork.json" | sort -u > "$work/broken-debwork.names"
sed -n 's/^  package: //p' "$work/broken-dose.yaml" | sort -u > "$work/broken-dose.names"
if cmp -s "$work/broken-debwork.names" "$work/broken-dose.names"; then
    echo "debwork = dose-debcheck: the same $(wc -l < "$work/broken-dose.names") packages"
else
    echo "debwork $(wc -l < "$work/broken-debwork.names"), dose-debcheck $(wc -l < "$work/broken-dose.names") packages; differences:"
    diff "$work/broken-debwork.names" "$work/broken-dose.names" | head -n 20 || true
fi
