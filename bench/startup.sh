#!/usr/bin/env bash
# Start-up of whole commands on the fixture-sized index (issue: native tool, target p95 <= 10 ms): the floor
# (/bin/true), --version, vercmp (ArgumentParser only), ls / search / show (+ the index). DEBWORK=binary
# (default .build/release/debwork, the static-stdlib build scripts/install makes); BASE=binary, optional, an
# older build timed in the same run for the ratio. hyperfine -N (no shell), warm cache. With valgrind installed it
# also counts the instructions each command executes (user space, the dynamic loader included): a figure
# the noise of a shared machine does not move.
#
#   swift build -c release --static-swift-stdlib --product debwork && bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
debwork=$(readlink -f "${DEBWORK:-.build/release/debwork}")
runs=${RUNS:-300}
work=bench/work/startup
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
export DEBWORK_CONFIG=/dev/null
binaries=(debwork="$debwork")
[ -n "${BASE:-}" ] && binaries+=(base="$(readlink -f "$BASE")")
# Each binary queries an index it wrote itself (an older debwork refuses a newer schema).
for entry in "${binaries[@]}"; do
  rm -f "$work/${entry%%=*}.sqlite"
  DEBWORK_INDEX=$PWD/$work/${entry%%=*}.sqlite "${entry#*=}" index fixtures/packages fixtures/uploads fixtures/repo >/dev/null 2>&1 || true
done
printf '| command | binary | median | p95 |\n|---|---|---:|---:|\n'
time_one() { # LABEL BINARY ARGS...
  local label=$1; shift
  # Failures are not ignored: a command that fails would be timed as its error path.
  DEBWORK_INDEX=$PWD/$work/$label.sqlite hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/run.json" "$*" >/dev/null 2>&1 \
    || { echo "startup.sh: '$*' failed" >&2; return 0; }
  python3 - "$work/run.json" "$label" "${*:2}" <<'PY'
import json, sys
times = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
print(f"| `{sys.argv[3] or '/bin/true'}` | {sys.argv[2]} | {p(0.5):.1f} ms | {p(0.95):.1f} ms |")
PY
}
time_one floor /bin/true
commands=("--version" "vercmp 1.0 lt 2.0" "ls dwhello" "search dwh" "search --path bin/dwh" "show dwhello" "-J status")
for args in "${commands[@]}"; do
  for entry in "${binaries[@]}"; do
    time_one "${entry%%=*}" "${entry#*=}" $args
  done
done
command -v valgrind >/dev/null || exit 0
# valgrind cannot read Swift's DWARF 5: count on stripped copies.
printf '\n| command | binary | instructions |\n|---|---|---:|\n'
for entry in "${binaries[@]}"; do strip -o "$work/${entry%%=*}.stripped" "${entry#*=}"; done
for args in "${commands[@]}"; do
  for entry in "${binaries[@]}"; do
    count=$(DEBWORK_INDEX=$PWD/$work/${entry%%=*}.sqlite valgrind --tool=lackey --basic-counts=yes "$work/${entry%%=*}.stripped" $args 2>&1 >/dev/null \
      | awk '/guest instrs/ { print $NF; exit }')
    printf '| `%s` | %s | %s |\n' "$args" "${entry%%=*}" "$count"
  done
done
