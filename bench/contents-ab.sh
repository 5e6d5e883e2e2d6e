#!/usr/bin/env bash
# Times bench/contents.sh's queries for two (build, index) pairs, query by query in one hyperfine run each: for
# comparing two index layouts (or two builds) on this noisy host, where only ratios from one run hold.
#
#   bench/contents-ab.sh A_BINARY A_INDEX B_BINARY B_INDEX [RUNS]      (RUNS default 20; needs hyperfine, python3)
#
# Prints each query's whole-command p50 / p95 in ms for A, then B. Build the indices first (`debwork index --index
# FILE bench/work/contents/tree`, after bench/contents.sh fetched the tree).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,7p' "$0" >&2; exit 64; }
a=$1 a_index=$2 b=$3 b_index=$4 runs=${5:-20}
command -v hyperfine >/dev/null || { echo "contents-ab.sh: needs hyperfine" >&2; exit 1; }
. "$(dirname "$0")/contents-queries.sh"
json=$(mktemp)
trap 'rm -f "$json"' EXIT
# p50 and p95 of hyperfine's times for command `index` of the JSON, in ms (the p95 of 20 runs is their 19th).
percentiles() {
  python3 -c 'import json, sys
times = sorted(t * 1000 for t in json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["times"])
n = len(times)
print("%6.1f %6.1f" % (times[(n + 1) // 2 - 1], times[min(n - 1, int(n * 0.95 + 0.999) - 1)]))' "$json" "$1"
}
printf '%-45s %13s | %13s\n' query "A p50 p95" "B p50 p95"
set -f
for entry in "${contents_queries[@]}"; do
  kind=${entry%% *}; pattern=${entry#* }
  option=--path; [ "$kind" = regex ] && option=--path-regex
  query="$option $pattern"
  hyperfine -N -w 2 -r "$runs" --export-json "$json" "$a search --index $a_index $query" "$b search --index $b_index $query" >/dev/null 2>&1
  printf '%-45s %13s | %13s\n' "$kind $pattern" "$(percentiles 0)" "$(percentiles 1)"
done
