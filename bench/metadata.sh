#!/usr/bin/env bash
# Indexes a metadata-only tree of Debian bookworm main (Release, Packages, Sources: what apt's own lists hold)
# and reports time and peak memory, for debwork (DEBWORK=binary, default .build/release/debwork) and, in the
# same run, an older build (BASE=binary, optional) for the ratio. The tree is laid out from /var/lib/apt/lists
# (lz4, decompressed; the InRelease's checksums then hold) under bench/work/metadata; nothing is committed.
#
#   bench/metadata.sh            (apt-get update first if the lists are missing; needs lz4)
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=${DEBWORK:-.build/release/debwork}
lists=/var/lib/apt/lists
work=bench/work/metadata
tree=$work/tree/dists/bookworm
prefix=$lists/deb.debian.org_debian_dists_bookworm
[ -f "${prefix}_InRelease" ] || { echo "metadata.sh: no bookworm lists in $lists (apt-get update)" >&2; exit 1; }
command -v lz4 >/dev/null || { echo "metadata.sh: needs lz4 (apt-get install lz4)" >&2; exit 1; }
if [ ! -f "$tree/main/source/Sources" ]; then
  mkdir -p "$tree/main/binary-amd64" "$tree/main/source"
  cp "${prefix}_InRelease" "$tree/InRelease"
  # The Release itself (the signed text, dash-escaping undone), which every debwork version reads.
  python3 -c 'import sys
t = open(sys.argv[1]).read().split("\n\n", 1)[1].split("-----BEGIN PGP SIGNATURE-----")[0]
sys.stdout.write("".join(l[2:] if l.startswith("- ") else l for l in t.splitlines(True)))' "$tree/InRelease" >"$tree/Release"
  lz4 -dcq "${prefix}_main_binary-amd64_Packages.lz4" >"$tree/main/binary-amd64/Packages"
  lz4 -dcq "${prefix}_main_source_Sources.lz4" >"$tree/main/source/Sources"
fi
echo "tree: $(du -sh "$work/tree" | cut -f1) ($(grep -c '^Package:' "$tree/main/binary-amd64/Packages") binary stanzas, $(grep -c '^Package:' "$tree/main/source/Sources") source stanzas)"
measure() { # NAME BINARY
  local index=$work/$1.sqlite
  rm -f "$index"
  /usr/bin/time -f "%e %M" -o "$work/$1.time" "$2" index --index "$index" "$work/tree" >/dev/null 2>"$work/$1.err" || true
  read -r seconds kilobytes <"$work/$1.time"
  printf '%-8s %6.2f s  %6d MB peak RSS  index %s\n' "$1" "$seconds" $((kilobytes / 1024)) "$(du -h "$index" | cut -f1)"
}
measure debwork "$debwork"
[ -n "${BASE:-}" ] && measure base "$BASE"
exit 0
