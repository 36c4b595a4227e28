#!/usr/bin/env bash
# Whole-process timings of the redline (`charter diff --format html` and `--format md`) of two versions:
# the largest example against itself with one obligation added, and synthetic charters of 100 and 1,000
# partners (ten obligations per partner) against their amended version. Prints medians, peak memory and,
# with INSTRUCTIONS=1, the instruction counts and their growth from 100 to 1,000 partners (linear: 10x).
# See benches/README.md. Needs hyperfine (apt-get install hyperfine), and valgrind for INSTRUCTIONS=1.
#
#   benches/redline.sh
#   RUNS=20 INSTRUCTIONS=1 benches/redline.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
for tool in hyperfine python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "redline.sh: $tool is not installed (Debian: apt-get install hyperfine)" >&2
    exit 2
  fi
done

cargo build --release --locked --quiet --bin charter --example synth
bin="$PWD/target/release/charter --max-input-size 4294967296"
synth=$PWD/target/release/examples/synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "runs: $runs each, after 2 warm-up runs; times are medians"
echo

# The largest example, and the same with one obligation added before the first.
largest=charters/sepsis-advisory-board.toml
cp "$largest" "$work/example-v1.toml"
python3 - "$largest" "$work/example-v2.toml" <<'PY'
import sys
text = open(sys.argv[1]).read()
at = text.index("[[obligations]]")
added = ('[[obligations]]\nid = "bias-audit"\nowner = "northstar"\n'
         'action = "Commission an independent audit of the algorithm for bias across patient groups"\n'
         'cadence = "annually"\nevidence = "Audit report to the advisory board"\n\n')
open(sys.argv[2], "w").write(text[:at] + added + text[at:])
PY
for n in 100 1000; do
  "$synth" --partners "$n" -o "$work/synth-$n-v1.toml" --no-check
  "$synth" --partners "$n" --amended -o "$work/synth-$n-v2.toml" --no-check
done

# Median peak resident memory of five runs, in MiB.
peak() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f %M sh -c "exec $1 >/dev/null 2>&1" 2>&1 >/dev/null | tail -n 1
  done | sort -n | sed -n 3p | awk '{ printf "%.1f", $1 / 1024 }'
}

# Median wall time of a command in milliseconds (diff exits 1: the versions differ).
median() {
  hyperfine --style none -N --warmup 2 --runs "$runs" --ignore-failure --export-json "$work/t.json" "$1" \
    2> >(grep -v -e "Ignoring non-zero exit code" -e "^ *$" >&2) >/dev/null
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$work/t.json"
}

printf '%-22s %7s %12s %12s %12s %12s\n' input KiB 'html ms' 'html MiB' 'md ms' 'md MiB'
for pair in example synth-100 synth-1000; do
  v1="$work/$pair-v1.toml"
  v2="$work/$pair-v2.toml"
  html="$bin diff $v1 $v2 --format html"
  md="$bin diff $v1 $v2 --format md"
  printf '%-22s %7s %12s %12s %12s %12s\n' "$pair" $(($(wc -c <"$v1") / 1024)) \
    "$(median "$html")" "$(peak "$html")" "$(median "$md")" "$(peak "$md")"
done

if [[ -n ${INSTRUCTIONS:-} ]]; then
  echo
  echo "instructions of the html redline (valgrind, millions):"
  count() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
      sed -n 's/.*refs: *//p' | tr -d , | awk '{ printf "%.1f", $1 / 1e6 }'
  }
  small=$(count $bin diff "$work/synth-100-v1.toml" "$work/synth-100-v2.toml" --format html)
  large=$(count $bin diff "$work/synth-1000-v1.toml" "$work/synth-1000-v2.toml" --format html)
  python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2])
print("  100 partners: %.1f M, 1,000 partners: %.1f M, growth %.1fx (linear: 10x)" % (a, b, b / a))' "$small" "$large"
fi
