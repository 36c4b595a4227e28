#!/usr/bin/env bash
# Whole-process timings of `charter` beside its peers, in one run on one machine: rendering the largest
# example charter to standalone HTML, against pandoc converting that charter's Markdown to standalone HTML
# and against `cat` of the same charter (the floor: starting a process and reading the file), and, when it
# is installed, the Accord Project Cicero CLI drafting a contract from a template.
#
# Prints the median, minimum and maximum of each, the ratios, and charter's peak memory. See
# benches/README.md. Needs hyperfine and pandoc (Debian: apt-get install hyperfine pandoc).
#
#   benches/compare.sh            # 50 runs of each
#   RUNS=200 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-50}
for tool in hyperfine pandoc python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare.sh: $tool is not installed (Debian: apt-get install hyperfine pandoc)" >&2
    exit 2
  fi
done

cargo build --release --locked --quiet
bin=$PWD/target/release/charter
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The largest example, by size.
input=$(ls -S charters/*.toml | head -n 1)
cp "$input" "$work/charter.toml"
"$bin" render "$work/charter.toml" --format md -o "$work/charter.md"
title=$(sed -n 's/^# //p' "$work/charter.md" | head -n 1)

commands=(
  "$bin render $work/charter.toml --format html"
  "pandoc --from markdown --to html5 --standalone --metadata title=charter $work/charter.md"
  "cat $work/charter.toml"
  "$bin --version"
)
names=("charter render --format html" "pandoc md -> html (standalone)" "cat" "charter --version (start-up)")

# Cicero drafts a contract from a template and its data; CICERO_TEMPLATE (a template directory) and
# CICERO_DATA (its data, JSON) say which. Skipped when cicero is not on the PATH.
if command -v cicero >/dev/null && [[ -n ${CICERO_TEMPLATE:-} && -n ${CICERO_DATA:-} ]]; then
  commands+=("cicero draft --template $CICERO_TEMPLATE --data $CICERO_DATA")
  names+=("cicero draft")
else
  echo "note: Cicero is not installed (or CICERO_TEMPLATE/CICERO_DATA are unset): skipped" >&2
fi

echo "input: $input ($(wc -c <"$input") bytes of TOML, $(wc -c <"$work/charter.md") bytes of Markdown)"
echo "title: $title"
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "runs: $runs each, after 5 warm-up runs"
echo

hyperfine --style none -N --warmup 5 --runs "$runs" --export-json "$work/times.json" \
  "${commands[@]}" >/dev/null

# Peak resident memory of each command: the median of 10 runs, read by GNU time.
peaks=()
for command in "${commands[@]}"; do
  kib=$(for _ in $(seq 10); do
    /usr/bin/time -f %M sh -c "exec $command >/dev/null" 2>&1 >/dev/null | tail -n 1
  done | sort -n | sed -n 5p)
  peaks+=("$kib")
done

python3 - "$work/times.json" "${names[@]}" -- "${peaks[@]}" <<'PY'
import json, sys
args = sys.argv[2:]
split = args.index("--")
names, peaks = args[:split], [int(k) for k in args[split + 1:]]
results = json.load(open(sys.argv[1]))["results"]
ms = lambda s: s * 1000
charter = results[0]["median"]
print(f"{'command':34} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}  ratio to charter")
for name, r, kib in zip(names, results, peaks):
    ratio = r["median"] / charter
    print(f"{name:34} {ms(r['median']):7.2f}ms {ms(r['min']):7.2f}ms {ms(r['max']):7.2f}ms "
          f"{kib / 1024:7.1f}MiB  {ratio:6.2f}x")
pandoc, cat = results[1]["median"], results[2]["median"]
print()
print(f"pandoc / charter: {pandoc / charter:.1f}x (target: at least 10x)")
print(f"charter / cat:    {charter / cat:.2f}x (target: at most 3x)")
print(f"charter peak RSS: {peaks[0] / 1024:.1f} MiB (target: under 10 MiB)")
PY
