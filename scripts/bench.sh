#!/usr/bin/env bash
# Times the release binary as a whole process, against the typst CLI on the
# same markup, and prints a table plus the ratios we aim for:
#
#   one brief (LongCat, policy) end to end   vs  typst compile of its markup  <= 1.2x
#   20 PDFs (5 briefs x 4 audiences)         vs  20 typst compile runs        >= 4x faster
#   no-op rebuild (nothing changed)          vs  full build                   <= 5%
#     (for one brief also without process start-up, `brief --version`)
#   peak RSS of one brief                    vs  typst compile                <= 1.2x
#
# Usage: bash scripts/bench.sh            (RUNS=5 for fewer runs per timing)
# Needs: typst-cli 0.15.1 (installed with cargo if missing), hyperfine and
# /usr/bin/time (installed with apt-get if missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DATE=2026-07-06
WEEK=2026-W28
RUNS=${RUNS:-10}
BATCH_RUNS=${BATCH_RUNS:-5}

ensure_tools() {
    if ! typst --version 2>/dev/null | grep -q '0\.15\.1'; then
        echo "bench.sh: installing typst-cli 0.15.1 (several minutes)" >&2
        cargo install typst-cli --version 0.15.1 --locked
    fi
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ -x /usr/bin/time ] || missing+=(time)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "bench.sh: installing ${missing[*]}" >&2
        apt-get install -y "${missing[@]}" >/dev/null
    fi
}

ensure_tools
cargo build --release --quiet
BIN=$PWD/target/release/brief
TYPST=$(command -v typst)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# Two projects: the repo's (one brief) and the batch fixture (five briefs).
mkdir -p "$W/one/briefs"
cp -r seeds templates "$W/one/"
cp briefs/longcat.toml "$W/one/briefs/"
cp -rL tests/fixtures/batch "$W/batch"
cp -r templates "$W/batch/"
"$BIN" -C "$W/batch" check --date "$DATE" 2>/dev/null

# The markup brief generates, for the typst CLI (main.typ + templates + fonts).
"$BIN" -C "$W/batch" build --audience all --date "$DATE" --force --emit typ \
    --out "$W/emit" >/dev/null
ONE_TYP=$W/emit/longcat/$WEEK/policy.typ
mapfile -t ALL_TYP < <(find "$W/emit" -path "*/$WEEK/*.typ" -name '*.typ' -type d | sort)
[ ${#ALL_TYP[@]} -eq 20 ] || { echo "expected 20 emitted documents, got ${#ALL_TYP[@]}" >&2; exit 2; }

typst_cmd() { # the typst CLI on one emitted folder
    echo "$TYPST compile --ignore-system-fonts --font-path $1/fonts --pdf-standard ua-1 $1/main.typ $W/typst-out.pdf"
}
TWENTY=$W/twenty.sh
{
    echo "set -e"
    for d in "${ALL_TYP[@]}"; do typst_cmd "$d"; done
} > "$TWENTY"

ONE_BUILD="$BIN -C $W/one build longcat --force --date $DATE --out $W/out-one"
BATCH_BUILD="$BIN -C $W/batch build --audience all --force --date $DATE --out $W/out-batch"
ONE_NOOP="$BIN -C $W/one build longcat --date $DATE --out $W/out-one"
BATCH_NOOP="$BIN -C $W/batch build --audience all --date $DATE --out $W/out-batch"

# Without a shell (-N): the millisecond no-op timings would otherwise carry
# the noise of the shell's own start-up, which hyperfine subtracts.
fine() { # NAME RUNS COMMAND: mean seconds into $W/NAME.json
    hyperfine -N --style basic --warmup 1 --runs "$2" --export-json "$W/$1.json" \
        --command-name "$1" "$3" >&2
}
# "wall,cpu" in seconds: the mean wall time and mean user+system CPU time.
mean() {
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']},{r['user']+r['system']}\")" "$W/$1.json"
}

fine one_brief "$RUNS" "$ONE_BUILD"
fine typst_one "$RUNS" "$(typst_cmd "$ONE_TYP")"
fine batch_20 "$BATCH_RUNS" "$BATCH_BUILD"
fine typst_20 "$BATCH_RUNS" "bash $TWENTY"
# The forced builds above left complete editions: these find nothing to do.
fine noop_one "$RUNS" "$ONE_NOOP"
fine noop_batch "$RUNS" "$BATCH_NOOP"
fine startup "$RUNS" "$BIN --version"
grep -q "up to date" <($ONE_NOOP) || { echo "the no-op build was not a no-op" >&2; exit 2; }

rss() { # median peak RSS (KiB) of 5 runs of COMMAND
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f '%M' -o "$W/rss" $1 >/dev/null 2>&1
        cat "$W/rss"
    done | sort -n | sed -n 3p
}
RSS_ONE=$(rss "$ONE_BUILD")
RSS_TYPST=$(rss "$(typst_cmd "$ONE_TYP")")
RSS_BATCH=$(rss "$BATCH_BUILD")
RSS_NOOP=$(rss "$ONE_NOOP")

python3 - "$(mean one_brief)" "$(mean typst_one)" "$(mean batch_20)" "$(mean typst_20)" \
    "$(mean noop_one)" "$(mean noop_batch)" "$(mean startup)" \
    "$RSS_ONE" "$RSS_TYPST" "$RSS_BATCH" "$RSS_NOOP" <<'EOF'
import os, sys
(one, c1), (t1, ct1), (b20, cb), (t20, ct20), (n1, cn1), (nb, cnb), (st, cst) = (
    map(float, a.split(",")) for a in sys.argv[1:8])
r1, rt, rb, rn = (int(x) / 1024 for x in sys.argv[8:12])
ms = lambda s: f"{s*1000:.1f} ms" if s < 0.02 else f"{s*1000:.0f} ms"
print("| job | wall (mean) | CPU user+sys | peak RSS |")
print("|---|---|---|---|")
print(f"| one brief (LongCat, policy), `brief build --force` | {ms(one)} | {ms(c1)} | {r1:.0f} MiB |")
print(f"| the same markup, `typst compile` (typst-cli 0.15.1) | {ms(t1)} | {ms(ct1)} | {rt:.0f} MiB |")
print(f"| 20 PDFs (5 briefs x 4 audiences), one `brief build` | {ms(b20)} | {ms(cb)} | {rb:.0f} MiB |")
print(f"| the same 20 documents, 20 `typst compile` runs | {ms(t20)} | {ms(ct20)} | - |")
print(f"| no-op rebuild, one brief | {ms(n1)} | {ms(cn1)} | {rn:.0f} MiB |")
print(f"| no-op rebuild, 20 PDFs | {ms(nb)} | {ms(cnb)} | - |")
print(f"| process start-up, `brief --version` | {ms(st)} | {ms(cst)} | - |")
print()
def line(what, value, target, ok):
    print(f"{what:<44} {value:<10} target {target:<12} {'ok' if ok else 'MISSED'}")
line("one brief / typst CLI", f"{one/t1:.2f}x", "<= 1.2x", one / t1 <= 1.2)
line("20 typst runs / 20-PDF batch (speed-up)", f"{t20/b20:.2f}x", ">= 4x", t20 / b20 >= 4)
line("no-op / full build, one brief", f"{n1/one*100:.1f}%", "<= 5%", n1 / one <= 0.05)
line("no-op / full build, 20 PDFs", f"{nb/b20*100:.1f}%", "<= 5%", nb / b20 <= 0.05)
print(f"{'  the same, less process start-up':<44} {f'{(n1-st)/one*100:.1f}%':<10} "
      f"(start-up {ms(st)} is {st/one*100:.1f}% of a build on its own)")
line("peak RSS one brief / typst CLI", f"{r1/rt:.2f}x", "<= 1.2x", r1 / rt <= 1.2)
load = open("/proc/loadavg").read().split()[0]
print(f"load average at the end: {load} on {os.cpu_count()} cores (wall times need a quiet machine)")
EOF
