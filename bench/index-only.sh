#!/usr/bin/env bash
# Times searches of index-only packages as whole commands (process start included) on the metadata-only index of
# Debian bookworm main that bench/metadata.sh builds (63,440 binary and 34,335 source stanzas), with their peer in
# the same run: grep-dctrl (dctrl-tools) on the same Packages file. Prints p50/p95 over RUNS runs (nearest rank),
# the peak RSS of one more run, and the lines printed; with BASE=binary, an older build's row under each query, on
# BASE_INDEX (default: the same index; an older schema needs its own copy, made by that build's bench/metadata.sh).
#
#   bench/metadata.sh && bench/index-only.sh        (DEBWORK=binary, default .build/release/debwork; RUNS=10)
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=${DEBWORK:-.build/release/debwork}
runs=${RUNS:-10}
work=bench/work/metadata
index=$work/debwork.sqlite
packages=$work/tree/dists/bookworm/main/binary-amd64/Packages
[ -f "$index" ] && [ -f "$packages" ] || { echo "index-only.sh: run bench/metadata.sh first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "index-only.sh: needs hyperfine" >&2; exit 1; }
command -v grep-dctrl >/dev/null || { echo "index-only.sh: needs grep-dctrl (dctrl-tools)" >&2; exit 1; }

measure() { # LABEL COMMAND...
  local label=$1 json=$work/index-only.json
  shift
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  /usr/bin/time -f %M -o "$work/index-only.rss" "$@" >"$work/index-only.out" 2>/dev/null || true
  python3 - "$json" "$label" "$(cat "$work/index-only.rss")" "$(wc -l <"$work/index-only.out")" <<'EOF'
import json, math, sys
times = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
rank = lambda p: times[max(0, math.ceil(p * len(times)) - 1)] * 1000
print(f"| {sys.argv[2]} | {rank(0.5):.0f} | {rank(0.95):.0f} | {int(sys.argv[3]) / 1024:.0f} | {sys.argv[4]} |")
EOF
}

# QUERY-ARGUMENTS | PEER (grep-dctrl arguments; empty: none)
queries=(
  "hello|-F Package,Source hello"
  "--latest libreoffice-core|-F Package -X libreoffice-core"
  "--where 'Priority (required)'|-F Priority -X required"
  "--where 'Depends (% *libzstd1*)' --latest|-F Depends libzstd1"
  "--where 'Maintainer (% *Vila*)'|-F Maintainer Vila"
  "--where 'Section (editors), Priority (optional)'|-F Section -X editors -a -F Priority -X optional"
  "--where 'Name (bash)'|-F Package -X bash"
  "--where '\$Source (glibc)'|-S -X glibc"
  "--where 'Name (% *zstd*)'|-F Package zstd"
  "hello --where 'Priority (optional)'|-F Package,Source hello -a -F Priority -X optional"
  "--text editor --limit 5|-F Description -i -w editor"
  "--text editor|"
  "'lib*'|-r -F Package,Source ^lib"
  "--where 'Section (% *)'|-r -F Section ."
)
echo "$(date -u +%F) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
echo "| command | p50 ms | p95 ms | peak RSS MB | lines |"
echo "|---|---:|---:|---:|---:|"
for entry in "${queries[@]}"; do
  arguments=${entry%%|*}
  peer=${entry#*|}
  eval "set -- $arguments"
  measure "\`debwork search $arguments\`" "$debwork" search --index "$index" "$@"
  [ -n "${BASE:-}" ] && measure "  base" "$BASE" search --index "${BASE_INDEX:-$index}" "$@"
  if [ -n "$peer" ]; then
    # shellcheck disable=SC2086
    measure "  \`grep-dctrl $peer -s Package,Version\`" grep-dctrl $peer -s Package,Version "$packages"
  fi
done
rm -f "$work/index-only.json" "$work/index-only.rss" "$work/index-only.out"
