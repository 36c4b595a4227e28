#!/usr/bin/env bash
# Whole-process timings at scale: synthetic charters of 10, 100 and 1,000 partners (ten obligations
# per partner) checked, rendered and diffed, and a batch of example-sized charters checked and rendered
# in one run. Prints medians, the growth ratio from each size to the next (linear growth is 10x), peak
# memory, and the batch throughput. See benches/README.md. Needs hyperfine (apt-get install hyperfine).
#
#   benches/scale.sh
#   SIZES="100 1000" BATCH=1000 RUNS=10 benches/scale.sh
#   INSTRUCTIONS=1 benches/scale.sh   # also count instructions with valgrind (apt-get install valgrind)
#
# Wall time on a shared machine also grows with cache misses and page faults as the working set grows;
# the instruction counts do not, and are the same from run to run, so they show the growth of the work
# itself.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
sizes=${SIZES:-10 100 1000}
batch=${BATCH:-2000}
for tool in hyperfine python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "scale.sh: $tool is not installed (Debian: apt-get install hyperfine)" >&2
    exit 2
  fi
done

cargo build --release --locked --quiet --bin charter --example synth
# Large synthetic charters may pass the default input limit of 16 MiB.
bin="$PWD/target/release/charter --max-input-size 4294967296"
synth=$PWD/target/release/examples/synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "runs: $runs each, after 2 warm-up runs; times are medians"
echo

# Median peak resident memory of five runs, in MiB.
peak() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f %M sh -c "exec $1 >/dev/null 2>&1" 2>&1 >/dev/null | tail -n 1
  done | sort -n | sed -n 3p | awk '{ printf "%.1f", $1 / 1024 }'
}

# Median wall time of a command in milliseconds; more options for hyperfine may follow the command.
median() {
  hyperfine --style none -N --warmup 2 --runs "$runs" --export-json "$work/t.json" "${@:2}" "$1" \
    2> >(grep -v -e "Ignoring non-zero exit code" -e "^ *$" >&2) >/dev/null
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$work/t.json"
}

# Prints how much check, render and diff grew since the size before (kept in `previous`).
previous=()
growth() {
  if ((${#previous[@]})); then
    python3 -c 'import sys; a = [float(x) for x in sys.argv[1:4]]; b = [float(x) for x in sys.argv[4:7]]
print("          growth from the size before: check %.1fx, render %.1fx, diff %.1fx (linear: 10x)" % tuple(y / x for x, y in zip(a, b)))' \
      "${previous[@]}" "$@"
  fi
  previous=("$@")
}

printf '%-9s %9s %7s %11s %11s %11s %11s\n' partners obligat. KiB 'check ms' 'render ms' 'diff ms' 'render MiB'
for n in $sizes; do
  "$synth" --partners "$n" -o "$work/v1-$n.toml" --no-check
  "$synth" --partners "$n" --amended -o "$work/v2-$n.toml" --no-check
  check=$(median "$bin check -q $work/v1-$n.toml")
  render=$(median "$bin render $work/v1-$n.toml --format html")
  # diff exits 1 when the versions differ, as they do here: checked once, then not while timing.
  $bin diff "$work/v1-$n.toml" "$work/v2-$n.toml" >/dev/null && exit 1
  [[ $? == 1 ]] || exit 1
  diff=$(median "$bin diff $work/v1-$n.toml $work/v2-$n.toml" --ignore-failure)
  mib=$(peak "$bin render $work/v1-$n.toml --format html")
  printf '%-9s %9s %7s %11s %11s %11s %11s\n' "$n" $((10 * n)) $(($(wc -c <"$work/v1-$n.toml") / 1024)) \
    "$check" "$render" "$diff" "$mib"
  growth "$check" "$render" "$diff"
done

if [[ -n ${INSTRUCTIONS:-} ]]; then
  echo
  echo "instructions (valgrind, millions):"
  printf '%-9s %11s %11s %11s\n' partners check render diff
  count() {
    # diff exits 1 (the versions differ); the count is what matters here.
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
      sed -n 's/.*refs: *//p' | tr -d , | awk '{ printf "%.1f", $1 / 1e6 }'
  }
  previous=()
  for n in $sizes; do
    check=$(count $bin check -q "$work/v1-$n.toml")
    render=$(count $bin render "$work/v1-$n.toml" --format html)
    diff=$(count $bin diff "$work/v1-$n.toml" "$work/v2-$n.toml")
    printf '%-9s %11s %11s %11s\n' "$n" "$check" "$render" "$diff"
    growth "$check" "$render" "$diff"
  done
fi

echo
# A batch of example-sized charters: the examples, copied round-robin.
mkdir -p "$work/batch"
examples=(charters/*.toml)
for ((i = 0; i < batch; i++)); do
  cp "${examples[i % ${#examples[@]}]}" "$work/batch/charter-$i.toml"
done
echo "a batch of $batch example charters (the ${#examples[@]} examples, copied round-robin):"
jobs=("check -q $work/batch" "render -q $work/batch --format md --out-dir $work/out --force"
  "render -q $work/batch --format html --out-dir $work/out --force")
labels=("check" "render --format md --out-dir" "render --format html --out-dir")
for i in "${!jobs[@]}"; do
  ms=$(median "$bin ${jobs[i]}")
  python3 -c 'import sys; n, ms = int(sys.argv[1]), float(sys.argv[2])
print("  %-32s %7.0f ms  %6.0f charters/s" % (sys.argv[3], ms, n / ms * 1000))' "$batch" "$ms" "${labels[i]}"
done
