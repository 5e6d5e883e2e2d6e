#!/usr/bin/env bash
# Indexes Debian bookworm main's metadata and Contents (Release, Packages, Sources, Contents-amd64,
# Contents-all) and times `search --path`/`--path-regex` against `apt-file search` on the same Contents.
# Downloads from deb.debian.org into bench/work/contents (ignored by git; nothing is committed) and checks
# every file against the Release's SHA256 lines. Reports wall time and peak RSS (/usr/bin/time), the index
# size, an unchanged re-index, and each query's whole-command p50/p95 over RUNS runs.
#
#   bench/contents.sh            (DEBWORK=binary, default .build/release/debwork; RUNS=20: a p95 of 5 runs is their slowest; PEER_RUNS=2; needs curl, hyperfine, apt-file;
#                                 KEEP_INDEX=1 times the queries on the index a previous run built; BASE=binary times an
#                                 older build's queries on the same index, query by query after this one's)
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=${DEBWORK:-.build/release/debwork}
runs=${RUNS:-20}
# apt-file reads the whole Contents on every call (about 3 s): fewer runs for it.
peer_runs=${PEER_RUNS:-2}
mirror=http://deb.debian.org/debian/dists/bookworm
work=bench/work/contents
tree=$work/tree/dists/bookworm
files=(main/Contents-amd64.gz main/Contents-all.gz main/binary-amd64/Packages.xz main/source/Sources.xz)

command -v hyperfine >/dev/null || { echo "contents.sh: needs hyperfine" >&2; exit 1; }
mkdir -p "$tree"
[ -f "$tree/Release" ] || curl -fsS -o "$tree/Release" "$mirror/Release"
for file in "${files[@]}"; do
  expected=$(awk -v f="$file" '/^SHA256:/ {s = 1; next} /^[^ ]/ {s = 0} s && $3 == f {print $1}' "$tree/Release")
  [ -n "$expected" ] || { echo "contents.sh: $file is not in the Release" >&2; exit 1; }
  if [ ! -f "$tree/$file" ] || [ "$(sha256sum "$tree/$file" | cut -d' ' -f1)" != "$expected" ]; then
    mkdir -p "$(dirname "$tree/$file")"
    curl -fsS -o "$tree/$file" "$mirror/$file"
    [ "$(sha256sum "$tree/$file" | cut -d' ' -f1)" = "$expected" ] || { echo "contents.sh: $file: SHA256 mismatch" >&2; exit 1; }
  fi
done
echo "tree: $(du -sh "$work/tree" | cut -f1); Contents lines: amd64 $(zcat "$tree/main/Contents-amd64.gz" | wc -l), all $(zcat "$tree/main/Contents-all.gz" | wc -l)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

index=$work/index.sqlite
if [ "${KEEP_INDEX:-0}" = 1 ] && [ -f "$index" ]; then
  echo "index      kept (KEEP_INDEX=1): $(du -h "$index" | cut -f1)"
else
  rm -f "$index"
  /usr/bin/time -f "%e %M" -o "$work/index.time" "$debwork" index --index "$index" "$work/tree" >/dev/null 2>"$work/index.err" || true
  read -r seconds kilobytes <"$work/index.time"
  printf 'index      %7.2f s  %5d MB peak RSS  index %s\n' "$seconds" $((kilobytes / 1024)) "$(du -h "$index" | cut -f1)"
fi
/usr/bin/time -f "%e %M" -o "$work/reindex.time" "$debwork" index --index "$index" "$work/tree" >"$work/reindex.out" 2>&1 || true
read -r seconds kilobytes <"$work/reindex.time"
printf 'unchanged  %7.2f s  %5d MB peak RSS  (%s)\n' "$seconds" $((kilobytes / 1024)) "$(head -1 "$work/reindex.out")"

# apt-file on the same Contents files: a sources.list of its own pointing at the local tree (file:), its
# cache under bench/work.
aptdir=$work/apt
if command -v apt-file >/dev/null; then
  mkdir -p "$aptdir/lists/partial" "$aptdir/etc/sources.list.d" "$aptdir/cache"
  echo "deb [trusted=yes] file:$(realpath "$work/tree") bookworm main" >"$aptdir/etc/sources.list"
  aptopts=(-o Dir::Etc::sourcelist="$(realpath "$aptdir/etc/sources.list")" -o Dir::Etc::sourceparts="$(realpath "$aptdir/etc/sources.list.d")"
           -o Dir::State::Lists="$(realpath "$aptdir/lists")" -o Dir::Cache="$(realpath "$aptdir/cache")" -o APT::Architecture=amd64)
  [ -n "$(ls "$aptdir/lists" | grep Contents || true)" ] || apt-get "${aptopts[@]}" update -qq >/dev/null 2>&1 || true
fi

percentiles() { sort -n | awk '{a[NR] = $1} END {p50 = a[int((NR + 1) / 2)]; p95 = a[int(NR * 0.95 + 0.999)]; printf "%6.1f %6.1f", p50, p95}'; }
time_ms() { # command… → milliseconds of one run, to 0.1 ms (for apt-file: seconds a run)
  local start end
  start=${EPOCHREALTIME/./}; "$@" >/dev/null 2>&1 || true; end=${EPOCHREALTIME/./}
  echo "$(((end - start) / 1000)).$((((end - start) / 100) % 10))"
}
runs_ms() { # RUNS command… → the milliseconds of each run, by hyperfine without a shell (-N): bash's own fork
  # and exec of a 40 MB binary add about 3 ms to a 10 ms command
  local count=$1 json=$work/runs.json
  shift
  hyperfine -N --warmup 1 --runs "$count" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || true
  python3 -c 'import json, sys; print("\n".join("%.1f" % (t * 1000) for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' "$json"
}
. bench/contents-queries.sh
queries=("${contents_queries[@]}")
printf '\n%-45s %7s %7s %9s %9s %9s%s\n' query p50_ms p95_ms hits apt_p50 apt_p95 "${BASE:+   base_p50 base_p95}"
all_debwork=()
# Per kind, each query's p50 (the issue's targets: the p50 and p95 of substring and glob queries, the p95 of regexes).
declare -A kind_p50s=() kind_p95s=()
for entry in "${queries[@]}"; do
  kind=${entry%% *}; pattern=${entry#* }
  case $kind in
    substring) args=(--path "$pattern"); apt=(apt-file "${aptopts[@]:-}" search "$pattern") ;;
    glob) args=(--path "$pattern"); apt=() ;;
    regex) args=(--path-regex "$pattern"); apt=(apt-file "${aptopts[@]:-}" search -x "$pattern") ;;
  esac
  mapfile -t times < <(runs_ms "$runs" "$debwork" search --index "$index" "${args[@]}")
  all_debwork+=("${times[@]}")
  hits=$("$debwork" search --index "$index" "${args[@]}" | wc -l)
  apt50=-; apt95=-
  if [ ${#apt[@]} -gt 0 ] && command -v apt-file >/dev/null; then
    atimes=()
    for _ in $(seq "$peer_runs"); do atimes+=("$(time_ms "${apt[@]}")"); done
    read -r apt50 apt95 <<<"$(printf '%s\n' "${atimes[@]}" | percentiles)"
  fi
  base=""
  if [ -n "${BASE:-}" ]; then
    mapfile -t btimes < <(runs_ms "$runs" "$BASE" search --index "$index" "${args[@]}")
    read -r b50 b95 <<<"$(printf '%s\n' "${btimes[@]}" | percentiles)"
    base=$(printf ' %10s %8s' "$b50" "$b95")
  fi
  read -r p50 p95 <<<"$(printf '%s\n' "${times[@]}" | percentiles)"
  kind_p50s[$kind]+="$p50 "
  kind_p95s[$kind]+="$p95 "
  printf '%-45s %7s %7s %9s %9s %9s%s\n' "$kind $pattern" "$p50" "$p95" "$hits" "$apt50" "$apt95" "$base"
done
for kind in substring glob regex; do
  read -r m50 _ <<<"$(printf '%s\n' ${kind_p50s[$kind]} | percentiles)"
  worst=$(printf '%s\n' ${kind_p95s[$kind]} | sort -n | tail -1)
  echo "$kind queries: median of their p50s $m50 ms, worst p95 $worst ms"
done
read -r p50 p95 <<<"$(printf '%s\n' "${all_debwork[@]}" | percentiles)"
echo "all debwork queries: p50 $p50 ms, p95 $p95 ms"
peak=$(/usr/bin/time -f "%M" "$debwork" search --index "$index" --path libc.so.6 2>&1 >/dev/null | tail -1)
echo "query peak RSS (--path libc.so.6): $((peak / 1024)) MB"

# Long listings (LONG=0 skips them: `*` takes about a minute): one run each, wall time, peak RSS and lines of
# debwork and, when BASE is set, of the base build; apt-file's `search` of the same substring (it has no glob) as
# the peer. The output goes to a pipe (wc), as a script would read it. The index is read whole before each run
# (`cat`): this host pages out what has not been read for a minute (docs/BENCHMARKS.md, "Fourteenth session"),
# and apt-file's runs before it push pages out too; without it the first binary of a pair paid for reading them back.
if [ "${LONG:-1}" != 0 ]; then
  long_run() { # label command… → "wall s  peak MB  lines"
    local label=$1; shift
    cat "$index" >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/long.time" "$@" 2>/dev/null | wc -l >"$work/long.lines"
    read -r seconds kilobytes <"$work/long.time"
    printf '  %-8s %8.2f s %7d MB %9d lines\n' "$label" "$seconds" $((kilobytes / 1024)) "$(cat "$work/long.lines")"
  }
  for pattern in .py /usr/share/doc/ '*'; do
    echo "long listing --path '$pattern':"
    long_run debwork "$debwork" search --index "$index" --path "$pattern"
    [ -z "${BASE:-}" ] || long_run base "$BASE" search --index "$index" --path "$pattern"
    if [ "$pattern" != '*' ] && command -v apt-file >/dev/null; then
      long_run apt-file apt-file "${aptopts[@]:-}" search "$pattern"
    fi
  done
fi
