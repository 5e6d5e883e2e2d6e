#!/usr/bin/env bash
# `search --hash` (issue #13: a whole command <= 15 ms) on the corpus of real .debs (bench/fetch-corpus.sh) and on
# its 10x copy (hard links in separate folders, as bench/query.sh makes them: 10 times the files and digests).
# The peer, timed in the same run: grep -F over the packages' own md5sums files (extracted once with
# `dpkg-deb --info DEB md5sums`, each line prefixed with its package), what people do with
# /var/lib/dpkg/info/*.md5sums; it knows MD5s only, and only what the packages claim.
# Digests asked for (read from the index): a file one package ships (its SHA-256 and its MD5), the most shipped
# non-empty content, and the empty file.
#
#   bench/fetch-corpus.sh && bench/hash.sh     (DEBWORK=binary, default .build/release/debwork; RUNS=30;
#                                               SCALES="1 10"; needs hyperfine, sqlite3, dpkg-deb)
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=$(readlink -f "${DEBWORK:-.build/release/debwork}")
runs=${RUNS:-30}
scales=${SCALES:-1 10}
corpus=bench/corpus/debs
work=bench/work/hash
[ -d "$corpus" ] && [ -n "$(ls "$corpus")" ] || { echo "hash.sh: run bench/fetch-corpus.sh first" >&2; exit 1; }
for tool in hyperfine sqlite3 dpkg-deb; do
  command -v $tool >/dev/null || { echo "hash.sh: needs $tool" >&2; exit 1; }
done
export DEBWORK_CONFIG=/dev/null
mkdir -p "$work"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; corpus: $(ls "$corpus" | wc -l) .debs"

# The peer's data: every package's md5sums, "package  md5  path" lines, made once.
md5sums=$work/md5sums.txt
if [ ! -s "$md5sums" ]; then
  for deb in "$corpus"/*.deb; do
    package=$(dpkg-deb --field "$deb" Package)
    dpkg-deb --info "$deb" md5sums 2>/dev/null | sed "s|^|$package  |" || true
  done >"$md5sums"
fi

time_runs() { # LABEL COMMAND… → a table row: p50, p95, lines printed
  local label=$1 json=$work/run.json
  shift
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  python3 - "$json" "$label" "$("$@" 2>/dev/null | wc -l)" <<'PY'
import json, math, sys
times = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
rank = lambda p: times[max(0, math.ceil(p * len(times)) - 1)] * 1000
print(f"| {sys.argv[2]} | {rank(0.5):.1f} | {rank(0.95):.1f} | {sys.argv[3]} |")
PY
}

for scale in $scales; do
  index=$work/hash$scale.sqlite
  if [ "$scale" = 1 ]; then
    tree=$corpus
  else
    tree=$work/corpus$scale
    for i in $(seq 0 $((scale - 1))); do [ -d "$tree/c$i" ] || { mkdir -p "$tree"; cp -al "$corpus" "$tree/c$i"; }; done
  fi
  start=${EPOCHREALTIME/./}
  "$debwork" index --index "$index" "$tree" >/dev/null 2>&1 || true
  end=${EPOCHREALTIME/./}
  files=$(sqlite3 "$index" "SELECT count(*) FROM binary_files WHERE sha256 IS NOT NULL")
  echo
  echo "scale ${scale}x: $(sqlite3 "$index" "SELECT count(*) FROM binaries") binaries, $files digested files (index run $(((end - start) / 1000)) ms)"
  unique=$(sqlite3 "$index" "SELECT sha256, md5 FROM binary_files WHERE sha256 IN (SELECT sha256 FROM binary_files WHERE type = 'regular' AND size > 1000 GROUP BY sha256 HAVING count(DISTINCT binary_id) = $scale LIMIT 1)" | head -1)
  common=$(sqlite3 "$index" "SELECT sha256 FROM binary_files WHERE type = 'regular' AND size > 0 AND sha256 IS NOT NULL GROUP BY sha256 ORDER BY count(*) DESC LIMIT 1")
  empty=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
  echo "| query | p50 ms | p95 ms | lines |"
  echo "|---|---:|---:|---:|"
  time_runs "\`search --hash\` SHA-256 of a file one package ships" "$debwork" search --index "$index" --hash "${unique%%|*}"
  time_runs "\`search --hash\` its MD5" "$debwork" search --index "$index" --hash "${unique##*|}"
  time_runs "\`search --hash\` the most shipped content" "$debwork" search --index "$index" --hash "$common"
  time_runs "\`search --hash\` the empty file" "$debwork" search --index "$index" --hash "$empty"
  time_runs "\`search --hash\` the empty file \`--limit 10\`" "$debwork" search --index "$index" --hash "$empty" --limit 10
  if [ "$scale" = 1 ]; then
    time_runs "peer: \`grep -F\` the MD5 in the packages' md5sums" grep -F "${unique##*|}" "$md5sums"
  fi
  rss=$(/usr/bin/time -f %M "$debwork" search --index "$index" --hash "$common" 2>&1 >/dev/null | tail -1)
  echo "peak RSS (the most shipped content): $((rss / 1024)) MB"
done
