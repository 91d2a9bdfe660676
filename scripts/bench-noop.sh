#!/usr/bin/env bash
# Times a full build vs a no-op rebuild of the release binary.
# Usage: scripts/bench-noop.sh [PROJECT_DIR]   (default: .)
set -euo pipefail
proj=${1:-.}
cargo build --release --quiet
bin=$(pwd)/target/release/brief
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ns() { date +%s%N; }
t0=$(ns); "$bin" -C "$proj" build --audience all --out "$out/full" --date 2026-07-06 >/dev/null; t1=$(ns)
full=$(( (t1 - t0) / 1000000 ))
t0=$(ns); for _ in 1 2 3 4 5; do "$bin" -C "$proj" build --audience all --out "$out/full" --date 2026-07-06 >/dev/null; done; t1=$(ns)
noop=$(( (t1 - t0) / 5000000 ))
echo "full build: ${full} ms"
echo "no-op rebuild: ${noop} ms (mean of 5)"
awk -v n="$noop" -v f="$full" 'BEGIN { printf "ratio no-op/full: %.3f\n", (f ? n / f : 0) }'
