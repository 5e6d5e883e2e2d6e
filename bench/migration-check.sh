#!/bin/sh
# The check of one migration (britney's rule) on a Debian-sized target: `debwork check --incoming`, which
# reads the target once and checks only what the migration can change, against the full check of the state
# after (`debwork check` of the whole target as it would be) and dose-debcheck, same run.
#
#   bench/migration-check.sh      build the incoming Packages, compare the answers, then time them
#
# Target: Debian bookworm main amd64 (63,440 packages, 50 MB), from apt's lists as bench/installability.sh
# gets it. Two migrations, each source's binaries rebuilt (+b1, `(= version)` between them updated):
#   hello    a leaf: nothing depends on it, no regression expected;
#   libzstd  libzstd1 made to need libc6 (>= 2.99): dpkg (Essential) pre-depends on it, so every package
#            becomes uninstallable.
# The expected regressions come from dose-debcheck: broken after, minus broken before (two full runs of
# ~40 s per migration; DOSE=0 skips them). RUNS (default 5) timed runs of debwork each.
# Build first: swift build -c release --scratch-path .build-release (or DEBWORK=path). Needs lz4 only
# through apt-helper (apt's lists are lz4-compressed), dose-distcheck, hyperfine.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/work/migration-check"
mkdir -p "$work"
. bench/bookworm-packages.sh
debwork=${DEBWORK:-$root/.build-release/release/debwork}
[ -x "$debwork" ] || { echo "$debwork missing (swift build -c release --scratch-path .build-release)" >&2; exit 1; }
runs=${RUNS:-5}
dose=${DOSE:-1}

# incoming-SOURCE-Packages: the source's binaries rebuilt; after-SOURCE-Packages: the whole target as it would be
# (installcheck reads a file as Packages text only when its name ends in "Packages").
python3 - "$packages" "$work" <<'PY'
import sys
target, work = sys.argv[1], sys.argv[2]
stanzas = [s for s in open(target).read().split("\n\n") if s.strip()]
def field(stanza, name):
    for line in stanza.split("\n"):
        if line.startswith(name + ": "):
            return line[len(name) + 2:]
def source(stanza):
    return (field(stanza, "Source") or field(stanza, "Package")).split(" ")[0]
for name, broken in (("hello", None), ("libzstd", "libzstd1")):
    old = [s for s in stanzas if source(s) == name]
    new = []
    for s in old:
        version = field(s, "Version")
        s = s.replace("Version: " + version + "\n", "Version: " + version + "+b1\n").replace("(= " + version + ")", "(= " + version + "+b1)")
        if field(s, "Package") == broken:
            s = "\n".join(l + ", libc6 (>= 2.99)" if l.startswith("Depends:") else l for l in s.split("\n"))
        new.append(s)
    open(f"{work}/incoming-{name}-Packages", "w").write("\n\n".join(new) + "\n")
    kept = [s for s in stanzas if source(s) != name]
    open(f"{work}/after-{name}-Packages", "w").write("\n\n".join(kept + new) + "\n")
    print(f"== {name}: {len(old)} binaries replaced")
PY

names() { sed -n 's/^ *"package": "\(.*\)",$/\1/p' "$1" | sort -u; }
for source in hello libzstd; do
    echo "== $source: answers and peak RSS (one run each)"
    /usr/bin/time -f "debwork check --incoming (closure only): wall %e s, user %U s, peak RSS %M KB" \
        "$debwork" check --packages "$packages" -a amd64 --incoming "$work/incoming-$source-Packages" -J \
        > "$work/$source-incremental.json" || true
    /usr/bin/time -f "debwork check of the whole state after:  wall %e s, user %U s, peak RSS %M KB" \
        "$debwork" check --packages "$work/after-$source-Packages" -a amd64 -J > "$work/$source-after.json" || true
    sed -n 's/^ *"checked": \(.*\),$/checked after: \1 binaries/p' "$work/$source-incremental.json"
    # Regressions: the names between "regressions" and "uninstallable_migrated".
    sed -n '/"regressions"/,/"uninstallable_migrated"/p' "$work/$source-incremental.json" > "$work/$source-regressions.json"
    names "$work/$source-regressions.json" > "$work/$source-debwork.names"
    echo "debwork: $(wc -l < "$work/$source-debwork.names") regressions"
    if [ "$dose" = 1 ] && command -v dose-debcheck >/dev/null; then
        [ -s "$work/before-dose.names" ] || {
            /usr/bin/time -f "dose-debcheck, target before: wall %e s, peak RSS %M KB" \
                dose-debcheck --failures --deb-native-arch=amd64 "$packages" > "$work/before-dose.yaml" || true
            sed -n 's/^  package: //p' "$work/before-dose.yaml" | sort -u > "$work/before-dose.names"; }
        /usr/bin/time -f "dose-debcheck, target after:  wall %e s, peak RSS %M KB" \
            dose-debcheck --failures --deb-native-arch=amd64 "$work/after-$source-Packages" > "$work/$source-dose.yaml" || true
        sed -n 's/^  package: //p' "$work/$source-dose.yaml" | sort -u | comm -23 - "$work/before-dose.names" \
            > "$work/$source-dose.names"
        if cmp -s "$work/$source-debwork.names" "$work/$source-dose.names"; then
            echo "debwork = dose-debcheck (after minus before): the same $(wc -l < "$work/$source-dose.names") regressions"
        else
            echo "debwork and dose-debcheck differ (< debwork, > dose):"
            diff "$work/$source-debwork.names" "$work/$source-dose.names" | head -n 20 || true
        fi
    fi
done

if command -v hyperfine >/dev/null; then
    echo "== timings (hyperfine -N, warm cache; exit 1 means 'not acceptable')"
    hyperfine -N --style basic --runs "$runs" -i --export-markdown "$work/timings.md" \
        -n "hello, incremental" "$debwork check --packages $packages -a amd64 --incoming $work/incoming-hello-Packages" \
        -n "hello, whole state after" "$debwork check --packages $work/after-hello-Packages -a amd64" \
        -n "libzstd, incremental" "$debwork check --packages $packages -a amd64 --incoming $work/incoming-libzstd-Packages" \
        -n "installcheck, hello after" "installcheck amd64 $work/after-hello-Packages"
    cat "$work/timings.md"
fi
