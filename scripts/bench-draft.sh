#!/usr/bin/env bash
# Times `brief draft` and `brief figures` on 16, 64, 256 and 1,024 articles:
# the project's seeds and the stories' seeds in tests/eval, repeated under new
# ids. Prints seconds and peak memory (GNU time) for each size.
# usage: scripts/bench-draft.sh [path/to/brief]   (default: target/release/brief)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
brief=${1:-$root/target/release/brief}
# The runs happen in temp folders: a relative path must be made absolute.
brief=$(cd "$(dirname "$brief")" && pwd)/$(basename "$brief")
[ -x "$brief" ] || { echo "no brief binary at $brief (cargo build --release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t pool < <(ls "$root"/seeds/*.md "$root"/tests/eval/*/seeds/*.md)
for n in 16 64 256 1024; do
  dir=$work/p$n
  mkdir -p "$dir/seeds" "$dir/briefs"
  for ((i = 0; i < n; i++)); do
    src=${pool[i % ${#pool[@]}]}
    sed "s/^id = \"\(.*\)\"/id = \"\1-r$i\"/" "$src" >"$dir/seeds/a$i.md"
  done
  size=$(du -sk "$dir/seeds" | cut -f1)
  for cmd in "draft -o briefs/d.toml --force --date 2026-01-01" "figures"; do
    # shellcheck disable=SC2086
    (cd "$dir" && /usr/bin/time -f "%e %M" "$brief" $cmd >/dev/null 2>"$work/t") || true
    read -r secs kb < <(tail -1 "$work/t")
    printf '%-8s %5d articles %6d KB  %6.2f s  %6d MB peak\n' "${cmd%% *}" "$n" "$size" "$secs" $((kb / 1024))
  done
done
