# Sourced by the installability benchmarks: sets $packages to bookworm main amd64's Packages file, the one apt
# downloaded (`apt-get indextargets`; /var/lib/apt/lists/…Packages.lz4), decompressed with apt-helper into
# bench/data (git-ignored) on first use. `apt-get update` first if apt has no such list.
data="$root/bench/data"
packages="$data/bookworm-main-amd64-Packages"
mkdir -p "$data"
if [ ! -s "$packages" ]; then
    list=$(apt-get indextargets --format '$(FILENAME)' 'Created-By: Packages' 'Codename: bookworm' \
        'Component: main' 'Architecture: amd64' 'Label: Debian' | grep -v -- '-updates\|security' | head -n 1)
    [ -n "$list" ] && [ -f "$list" ] || { echo "no bookworm main amd64 Packages in apt's lists: apt-get update" >&2; exit 1; }
    /usr/lib/apt/apt-helper cat-file "$list" > "$packages.tmp"
    mv "$packages.tmp" "$packages"
fi
