# The `search --path`/`--path-regex` queries the Contents benchmarks time (bench/contents.sh, bench/contents-ab.sh),
# each "kind pattern": substring and glob are `--path`, regex is `--path-regex`. Sourced, not run.
# shellcheck disable=SC2034
contents_queries=(
  "substring bin/ls" "substring libc.so.6" "substring /usr/bin/python3" "substring fstab" "substring gcc-12"
  "substring sshd_config" "substring libssl.so" "substring bin/perl" "substring site-packages/numpy/__init__.py"
  "substring /etc/nginx/" "substring zsh/functions/Completion/Unix/_git"
  "glob /usr/bin/*grep" "glob */systemd/system/*.timer" "glob /usr/lib/*/libz.so.*" "glob *.desktop" "glob /usr/share/man/man1/ls.1*"
  "regex ^/usr/bin/[a-z]+grep$" "regex /libpython3\.[0-9]+\.so" "regex ^/etc/apt/.*\.conf$" "regex bin/(vim|nano)$"
)
