#!/bin/bash
# Indexing benchmark (issue: foundation). In one run, on the same corpus (bench/corpus/debs, made by
# bench/fetch-corpus.sh), with the page cache warm:
#   (a) debwork index, full run into a fresh index        median of 3, wall time, CPU time, peak RSS
#   (b) decompression floor: dpkg-deb --fsys-tarfile, two at a time (xargs -P2)   median of 3
#   (c) dpkg-scanpackages -m                               median of 3
#   (d) aptly repo add into a fresh repo                   median of 3
#   (e) debwork index again on the unchanged corpus        median of 5
#   (f) peak RSS: debwork on the biggest .deb alone, on the smallest alone, and on the whole corpus
#   (g) debwork index -j1 (one run, for the analysis)
# (a)-(d) run interleaved, round by round, so background load hits them alike. Then the ratios against the targets, and a markdown table on stdout at the end.
#
#   bench/index.sh            (build first: swift build -c release)
#
# Needs: /usr/bin/time (package 'time'), dpkg-deb, dpkg-scanpackages ('dpkg-dev'), aptly ('aptly').
# It installs nothing: it says what is missing and stops (aptly missing only skips (d)).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
corpus=$here/corpus/debs
work=$here/work/index   # its own folder: it is wiped at the start (query.sh keeps its indexes in work/)
debwork=${DEBWORK:-$top/.build/release/debwork}

missing=()
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
command -v dpkg-deb >/dev/null || missing+=("dpkg-deb (apt-get install dpkg)")
command -v dpkg-scanpackages >/dev/null || missing+=("dpkg-scanpackages (apt-get install dpkg-dev)")
[ -x "$debwork" ] || missing+=("$debwork (run: swift build -c release)")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'E: missing %s\n' "${missing[@]}" >&2
    exit 1
fi
have_aptly=1
command -v aptly >/dev/null || { have_aptly=0; echo "W: aptly missing (apt-get install aptly); skipping (d)" >&2; }

shopt -s nullglob
debs=("$corpus"/*.deb)
[ ${#debs[@]} -gt 0 ] || { echo "E: no .debs in $corpus; run bench/fetch-corpus.sh first" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
timing=$work/time.out

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# timed CMD...: runs CMD under /usr/bin/time; sets $secs and $rss_kb
timed() {
    /usr/bin/time -f '%e %M %U %S' -o "$timing" "$@"
    read -r secs rss_kb u s < "$timing"
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}
# json_field NAME < json: an integer field of debwork's -J summary
json_field() { sed -n "s/.*\"$1\" *: *\([0-9.]*\).*/\1/p" | sed -n 1p; }

files=${#debs[@]}
bytes=$(cat "${debs[@]}" | wc -c)   # also warms the page cache for everything below
corpus_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
biggest=$(ls -S "${debs[@]}" | sed -n 1p)
smallest=$(ls -S "${debs[@]}" | tail -1)
commit=$(git -C "$top" rev-parse --short HEAD)
dirty=""
[ -z "$(git -C "$top" status --porcelain -- Sources Package.swift)" ] || dirty=" (+ uncommitted changes)"
dataz=$(for f in "${debs[@]}"; do ar t "$f" | grep '^data\.tar'; done | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')

echo "== machine"
echo "cores (nproc):    $(nproc)  ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'))"
echo "memory:           $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "corpus:           $files .debs, $corpus_mb MB ($dataz)"
echo "biggest .deb:     $(basename "$biggest") ($(stat -c %s "$biggest") bytes)"
echo "debwork commit:   $commit$dirty"
echo "tools:            dpkg $(dpkg-query -W -f '${Version}' dpkg), dpkg-dev $(dpkg-query -W -f '${Version}' dpkg-dev)$( [ $have_aptly = 1 ] && echo ", aptly $(dpkg-query -W -f '${Version}' aptly 2>/dev/null || echo '?')")"
echo

# (a)-(d) interleaved (a b c d, three times) so that load from other processes on the machine hits
# every tool alike; wall time and CPU time (user + system, children included) for each run.
ls -S "${debs[@]}" | tr '\n' '\0' > "$work/by-size"
aptly_conf() {
    rm -rf "$work/aptly"; mkdir -p "$work/aptly"
    printf '{ "rootDir": "%s", "architectures": [], "gpgDisableSign": true, "gpgDisableVerify": true }\n' "$work/aptly" > "$work/aptly.conf"
    aptly -config="$work/aptly.conf" repo create bench > /dev/null
}
full_s=() full_cpu=() full_rss=() floor_s=() floor_cpu=() scan_s=() scan_cpu=() aptly_s=() aptly_cpu=()
for i in 1 2 3; do
    echo "== round $i"
    rm -f "$work"/index.sqlite*
    timed "$debwork" index -J --index "$work/index.sqlite" "$corpus" > "$work/full.json"
    new=$(json_field new < "$work/full.json"); failed=$(json_field failed < "$work/full.json")
    echo "(a) debwork index, fresh:   ${secs} s, cpu ${cpu} s, peak RSS $(mb "$rss_kb") MB, new=$new failed=$failed"
    [ "$new" = "$files" ] || echo "W: expected new=$files" >&2
    full_s+=("$secs"); full_cpu+=("$cpu"); full_rss+=("$rss_kb")

    timed sh -c 'xargs -0 -P2 -n1 sh -c '\''dpkg-deb --fsys-tarfile "$1" > /dev/null'\'' sh < "$1"' sh "$work/by-size"
    echo "(b) dpkg-deb --fsys-tarfile -P2: ${secs} s, cpu ${cpu} s"
    floor_s+=("$secs"); floor_cpu+=("$cpu")

    (cd "$here" && /usr/bin/time -f '%e %M %U %S' -o "$timing" dpkg-scanpackages -m corpus/debs /dev/null > /dev/null 2> "$work/scan.err")
    read -r secs rss_kb u s < "$timing"; cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    echo "(c) dpkg-scanpackages -m:   ${secs} s, cpu ${cpu} s"
    scan_s+=("$secs"); scan_cpu+=("$cpu")

    if [ $have_aptly = 1 ]; then
        aptly_conf
        timed aptly -config="$work/aptly.conf" repo add bench "$corpus" > "$work/aptly.out" 2>&1
        echo "(d) aptly repo add, fresh:  ${secs} s, cpu ${cpu} s, $(grep -c 'added$' "$work/aptly.out") added"
        aptly_s+=("$secs"); aptly_cpu+=("$cpu")
    fi
done
full=$(median "${full_s[@]}"); full_c=$(median "${full_cpu[@]}"); full_rss_med=$(median "${full_rss[@]}")
floor=$(median "${floor_s[@]}"); floor_c=$(median "${floor_cpu[@]}")
scan=$(median "${scan_s[@]}"); scan_c=$(median "${scan_cpu[@]}")
aptly=""; aptly_c=""
[ $have_aptly = 1 ] && { aptly=$(median "${aptly_s[@]}"); aptly_c=$(median "${aptly_cpu[@]}"); }
index_mb=$(du -cb "$work"/index.sqlite* | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')
echo "medians: (a) $full s (cpu $full_c s, RSS $(mb "$full_rss_med") MB, index $index_mb MB); (b) $floor s (cpu $floor_c s); (c) $scan s (cpu $scan_c s)$( [ -n "$aptly" ] && echo "; (d) $aptly s (cpu $aptly_c s)")"
echo

# (e) re-index the unchanged corpus (same index as the last full run)
echo "== (e) debwork index, unchanged corpus (5 runs)"
re_s=()
for i in 1 2 3 4 5; do
    timed "$debwork" index -J --index "$work/index.sqlite" "$corpus" > "$work/re.json"
    echo "run $i: ${secs} s, peak RSS $(mb "$rss_kb") MB, unchanged=$(json_field unchanged < "$work/re.json")"
    re_s+=("$secs")
done
reindex=$(median "${re_s[@]}")
echo "median: $reindex s"
echo

# (f) peak RSS against package size
echo "== (f) peak RSS, fresh index each"
rm -f "$work"/one.sqlite*
timed "$debwork" index -J --index "$work/one.sqlite" "$biggest" > /dev/null
big_s=$secs; big_rss=$rss_kb
rm -f "$work"/one.sqlite*
timed "$debwork" index -J --index "$work/one.sqlite" "$smallest" > /dev/null
small_rss=$rss_kb
echo "biggest .deb alone ($(basename "$biggest"), $(stat -c %s "$biggest") bytes): $(mb "$big_rss") MB in $big_s s"
echo "smallest .deb alone ($(basename "$smallest"), $(stat -c %s "$smallest") bytes): $(mb "$small_rss") MB"
echo "whole corpus (median of (a)): $(mb "$full_rss_med") MB"
echo

# (g) one core
echo "== (g) debwork index -j1, fresh index (1 run)"
rm -f "$work"/index.sqlite*
timed "$debwork" index -J --jobs 1 --index "$work/index.sqlite" "$corpus" > /dev/null
j1=$secs; j1_cpu=$cpu; j1_rss=$rss_kb
echo "${j1} s, peak RSS $(mb "$j1_rss") MB"
echo

r_floor=$(ratio "$full" "$floor")
r_scan=$(ratio "$full" "$scan")
r_floor_cpu=$(ratio "$full_c" "$floor_c")
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t) ? "met" : "not met" }'; }
echo "== ratios"
echo "debwork / decompression floor: $r_floor (target < 1.2: $(verdict "$r_floor" 1.2))"
echo "re-index unchanged:            $reindex s (target < 1 s: $(verdict "$reindex" 1))"
echo "peak RSS whole corpus:         $(mb "$full_rss_med") MB (target < 200 MB: $(verdict "$(mb "$full_rss_med")" 200))"
echo "debwork / floor, CPU time:     $r_floor_cpu ($full_c s vs $floor_c s)"
echo "debwork / dpkg-scanpackages:   $r_scan"
[ -n "$aptly" ] && echo "debwork / aptly repo add:      $(ratio "$full" "$aptly")"
echo "debwork -j1 / -j2:             $(ratio "$j1" "$full")"
echo

echo "== markdown"
echo "Corpus: $files .debs, $corpus_mb MB ($dataz); $(nproc) cores; debwork $commit$dirty."
echo
echo "| measurement | median wall | median CPU | peak RSS | ratio / target |"
echo "|---|---:|---:|---:|---|"
echo "| debwork index, fresh index (3 runs) | $full s | $full_c s | $(mb "$full_rss_med") MB | $r_floor × floor (target < 1.2: $(verdict "$r_floor" 1.2)) |"
echo "| decompression floor, dpkg-deb --fsys-tarfile -P2 (3 runs) | $floor s | $floor_c s | | 1.00 (CPU: debwork = $r_floor_cpu ×) |"
echo "| dpkg-scanpackages -m (3 runs) | $scan s | $scan_c s | | debwork = $r_scan × |"
[ -n "$aptly" ] && echo "| aptly repo add, fresh repo (3 runs) | $aptly s | $aptly_c s | | debwork = $(ratio "$full" "$aptly") × |"
echo "| debwork index, unchanged corpus (5 runs) | $reindex s | | | target < 1 s: $(verdict "$reindex" 1) |"
echo "| debwork index -j1, fresh index (1 run) | $j1 s | $j1_cpu s | $(mb "$j1_rss") MB | $(ratio "$j1" "$full") × -j2 |"
echo "| debwork, biggest .deb alone ($(stat -c %s "$biggest") B) | $big_s s | | $(mb "$big_rss") MB | |"
echo "| debwork, smallest .deb alone ($(stat -c %s "$smallest") B) | | | $(mb "$small_rss") MB | |"
echo
echo "Peak RSS target (< 200 MB, not growing with package size): $(verdict "$(mb "$full_rss_med")" 200) for the corpus; biggest alone $(mb "$big_rss") MB vs smallest alone $(mb "$small_rss") MB."
