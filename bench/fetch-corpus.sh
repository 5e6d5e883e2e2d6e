#!/bin/sh
# Downloads a deterministic corpus of real .debs into bench/corpus/debs/ with `apt-get download`:
# the packages installed on this machine, sorted by name, the first N (default 700) that download.
#
#   bench/fetch-corpus.sh [N]
#
# Idempotent: packages whose .deb is already there are not fetched again. Installs nothing; runs
# `apt-get update` only when the package lists are empty (needs root then).
set -eu

N=${1:-700}
case $N in ''|*[!0-9]*) echo "usage: $0 [N]" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
dest=$here/corpus/debs
mkdir -p "$dest"

for tool in apt-get dpkg-query; do
    command -v "$tool" >/dev/null 2>&1 || { echo "E: missing '$tool' (this script needs Debian's apt and dpkg)" >&2; exit 1; }
done

if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    echo "I: APT package lists are empty; running apt-get update" >&2
    apt-get update -qq
fi

# apt-get download names files <package>_<version with ':' as %3a>_<arch>.deb; we match on the
# package and version (architecture may be 'all' or the native one).
encode() { printf '%s' "$1" | sed 's/:/%3a/g'; }

list=$(mktemp) avail=$(mktemp) want=$(mktemp)
trap 'rm -f "$list" "$avail" "$want"' EXIT
# Installed packages (status 'ii'), sorted: the same machine state gives the same list.
dpkg-query -W -f '${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n' \
    | awk -F '\t' '$1 ~ /^ii/ { print $2 "\t" $3 "\t" $4 }' | LC_ALL=C sort -u > "$list"

# One apt-cache call (each apt call costs seconds): the installed versions an archive still offers
# (their stanza has a Filename). Versions only dpkg knows about (superseded updates, local builds) are skipped.
# shellcheck disable=SC2046
apt-cache show --no-all-versions $(awk -F '\t' '{ print ($3 == "all" ? $1 : $1 ":" $3) "=" $2 }' "$list") 2>/dev/null \
    | awk '/^Package:/ { p = $2 } /^Version:/ { v = $2 } /^Filename:/ { f = 1 }
           /^$/ { if (f && p != "") print p "\t" v; p = ""; v = ""; f = 0 }
           END { if (f && p != "") print p "\t" v }' | LC_ALL=C sort -u > "$avail"
total=$(wc -l < "$list")
offered=$(awk -F '\t' 'NR == FNR { a[$1 "\t" $2] = 1; next } ($1 "\t" $2) in a' "$avail" "$list" | tee "$want" | wc -l)
echo "I: $total packages installed, $offered of them downloadable from the configured archives" >&2
awk -F '\t' 'NR == FNR { a[$1 "\t" $2] = 1; next } !(($1 "\t" $2) in a) { print "W: not downloadable, skipped: " $1 "=" $2 }' \
    "$avail" "$list" >&2

cd "$dest"
have=0 fetched=0 failed=0 batch=""
# apt-get download NAME=VERSION… in batches of 50 (one failure fails a batch: retry those one by one).
fetch_batch() {
    [ -n "$batch" ] || return 0
    # shellcheck disable=SC2086
    if apt-get download -qq $batch >/dev/null 2>&1; then
        fetched=$((fetched + $(echo $batch | wc -w)))
    else
        for one in $batch; do
            if apt-get download -qq "$one" >/dev/null 2>&1; then
                fetched=$((fetched + 1))
            else
                failed=$((failed + 1)); echo "W: cannot download $one; skipped" >&2
            fi
        done
    fi
    batch=""
}
n=0 queued=0
while IFS="$(printf '\t')" read -r pkg ver arch; do
    [ "$n" -ge "$N" ] && break
    n=$((n + 1))
    if [ -s "${pkg}_$(encode "$ver")_${arch}.deb" ]; then
        have=$((have + 1))
        continue
    fi
    [ "$arch" = all ] && spec=$pkg || spec=$pkg:$arch
    batch="$batch $spec=$ver"
    queued=$((queued + 1))
    [ $((queued % 50)) -eq 0 ] && fetch_batch
done < "$want"
fetch_batch

count=$(find "$dest" -maxdepth 1 -name '*.deb' | wc -l)
bytes=$(du -sb "$dest" | cut -f1)
echo "I: $have already present, $fetched fetched, $failed failed; corpus: $count .debs, $((bytes / 1000000)) MB in $dest" >&2
if [ "$n" -lt "$N" ]; then
    echo "W: only $n of the $N packages asked for are downloadable from the configured archives" >&2
fi
