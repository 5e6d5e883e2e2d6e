#!/usr/bin/env bash
# Times `search --path-regex` with expressions that require no literal run, so no trigram index can narrow them
# and every Contents entry is tested (bookworm main: 7.3 M paths), and with expressions that backtrack
# catastrophically, against `apt-file search --regexp` (Perl) on the same Contents files, in the same run. Uses
# the index and the apt-file cache bench/contents.sh leaves in bench/work/contents. Prints each command's wall time
# (median of RUNS) and its lines.
#
#   bench/contents.sh && bench/regex-scan.sh   (DEBWORK=binary, default .build/release/debwork; BASE=binary times an
#                                               older build too; RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=${DEBWORK:-.build/release/debwork}
runs=${RUNS:-3}
work=bench/work/contents
index=$work/index.sqlite
aptdir=$work/apt
[ -f "$index" ] && [ -d "$aptdir/lists" ] || { echo "regex-scan.sh: run bench/contents.sh first" >&2; exit 1; }
aptopts=(-o Dir::Etc::sourcelist="$(realpath "$aptdir/etc/sources.list")" -o Dir::Etc::sourceparts="$(realpath "$aptdir/etc/sources.list.d")"
         -o Dir::State::Lists="$(realpath "$aptdir/lists")" -o Dir::Cache="$(realpath "$aptdir/cache")" -o APT::Architecture=amd64)

median_run() { # command… → "seconds lines status" (median wall time of RUNS runs; a run stops after 120 s)
  local times=() lines=0 status=0 start end
  for _ in $(seq "$runs"); do
    start=${EPOCHREALTIME/./}
    lines=$(timeout 120 "$@" 2>/dev/null | wc -l) || true
    status=${PIPESTATUS[0]}
    end=${EPOCHREALTIME/./}
    times+=("$(((end - start) / 1000))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$lines" '{a[NR] = $1} END {printf "%8.2f s %9d lines", a[int((NR + 1) / 2)] / 1000, l}'
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $runs runs each, median"
for pattern in '[0-9]{8}' '^(/[a-z]+)+x$' '^/[^/]+/[^/]+/[A-Z]' '(a+)+$' '(\w+\s?)+$'; do
  echo "--path-regex '$pattern':"
  echo "  debwork  $(median_run "$debwork" search --index "$index" --path-regex "$pattern")"
  [ -z "${BASE:-}" ] || echo "  base     $(median_run "$BASE" search --index "$index" --path-regex "$pattern")"
  echo "  apt-file $(median_run apt-file "${aptopts[@]}" search --regexp "$pattern")"
done
