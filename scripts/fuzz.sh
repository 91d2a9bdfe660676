#!/usr/bin/env bash
# Fuzzes the brief and seed loaders for a bounded time each.
#
#   scripts/fuzz.sh            # 60 s per target
#   FUZZ_SECONDS=600 scripts/fuzz.sh brief_loader
#
# cargo fuzz uses -Z flags: a nightly toolchain if there is one, else the
# stable one with RUSTC_BOOTSTRAP=1 (machines that cannot fetch nightly).
# Installs cargo-fuzz if it is missing. Targets build in dev mode without a
# sanitizer (Rust code, no unsafe of ours) so the first build stays
# reasonable on a small machine.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(brief_loader seed_loader extract_text)

toolchain=()
if rustup toolchain list | grep -q '^nightly' \
    || rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
    toolchain=(+nightly)
else
    echo "fuzz.sh: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# Seed corpora from the bad inputs and fixtures.
mkdir -p fuzz/corpus/brief_loader fuzz/corpus/seed_loader fuzz/corpus/extract_text
for f in seeds/*.md tests/eval/*/seeds/*.md; do
    [ -f "$f" ] && cp "$f" "fuzz/corpus/extract_text/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
done
find tests/bad -name '*.toml' -exec cp {} fuzz/corpus/brief_loader/ \; 2>/dev/null || true
i=0
while IFS= read -r f; do
    cp "$f" "fuzz/corpus/seed_loader/seed-$i.md"; i=$((i + 1))
done < <(find tests/bad -name '*.md')

status=0
for target in "${targets[@]}"; do
    echo "== fuzzing $target for ${seconds}s" >&2
    cargo "${toolchain[@]}" fuzz run --dev --sanitizer none "$target" -- \
        -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 || status=$?
done
exit "$status"
