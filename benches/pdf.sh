#!/usr/bin/env bash
# Whole-process timings of the PDF render beside Chromium printing, in one run on one machine: `charter
# render --format pdf` of the largest example charter from its TOML (checked, laid out, typeset by typst,
# written as PDF/A-3b with its source attached), against headless Chromium printing charter's own HTML of
# the same charter to PDF (the way to a PDF before the `pdf` feature), a new profile each run.
#
# Prints the median, minimum and maximum of each, the ratio, the peak memory and the sizes. See
# benches/README.md. Needs hyperfine and chromium (Debian: apt-get install hyperfine chromium), and builds
# charter with `--features pdf` (typst: many minutes the first time).
#
#   benches/pdf.sh             # 20 runs of each
#   RUNS=50 benches/pdf.sh
#   CHARTER_BIN=target/release/charter benches/pdf.sh   # a binary already built with --features pdf
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
chromium=${CHROMIUM:-/usr/bin/chromium}
for tool in hyperfine python3 "$chromium"; do
  if ! command -v "$tool" >/dev/null; then
    echo "pdf.sh: $tool is not installed (Debian: apt-get install hyperfine chromium)" >&2
    exit 2
  fi
done

# CHARTER_BIN names a release binary built with `--features pdf` already (the build takes many minutes).
if [ -n "${CHARTER_BIN:-}" ]; then
  bin=$CHARTER_BIN
else
  cargo build --release --locked --quiet --features pdf
  bin=$PWD/target/release/charter
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The largest example, by size.
input=$(ls -S charters/*.toml | head -n 1)
cp "$input" "$work/charter.toml"
"$bin" render "$work/charter.toml" --format html -o "$work/charter.html"
"$bin" render "$work/charter.toml" --format pdf -o "$work/charter.pdf"
# Chromium as tests/print.rs starts it: headless, no network, a profile of its own, no page header.
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer"
"$chromium" $flags --user-data-dir="$work/profile-0" --print-to-pdf="$work/chromium.pdf" \
  "file://$work/charter.html" 2>/dev/null

commands=(
  "$bin render $work/charter.toml --format pdf"
  "sh -c 'rm -rf $work/profile; exec $chromium $flags --user-data-dir=$work/profile --print-to-pdf=$work/out.pdf file://$work/charter.html 2>/dev/null'"
)
names=("charter render --format pdf" "chromium --print-to-pdf (html)")

pages() { python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page[^s]", data)) or "?")
PY
}
echo "input: $input ($(wc -c <"$input") bytes of TOML, $(wc -c <"$work/charter.html") bytes of HTML)"
echo "charter pdf: $(wc -c <"$work/charter.pdf") bytes; chromium pdf: $(wc -c <"$work/chromium.pdf") bytes"
echo "chromium: $("$chromium" --version 2>/dev/null | head -n 1)"
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "runs: $runs each, after 3 warm-up runs"
echo

hyperfine --style none -N -i --warmup 3 --runs "$runs" --export-json "$work/times.json" \
  "$bin render $work/charter.toml --format pdf" \
  "$chromium $flags --user-data-dir=$work/profile --print-to-pdf=$work/out.pdf file://$work/charter.html" \
  >/dev/null

# Peak resident memory of each: the median of 5 runs, read by GNU time (Chromium's own process only: its
# renderer and GPU processes are not counted, so its figure is a floor).
peaks=()
for command in "${commands[@]}"; do
  kib=$(for _ in $(seq 5); do
    /usr/bin/time -f %M sh -c "$command >/dev/null" 2>&1 >/dev/null | tail -n 1 || true
  done | sort -n | sed -n 3p)
  peaks+=("$kib")
done

python3 - "$work/times.json" "${names[@]}" -- "${peaks[@]}" <<'PY'
import json, sys
args = sys.argv[2:]
split = args.index("--")
names, peaks = args[:split], [int(k) for k in args[split + 1:]]
results = json.load(open(sys.argv[1]))["results"]
ms = lambda s: s * 1000
print(f"{'command':34} {'median':>10} {'min':>10} {'max':>10} {'peak RSS':>10}  ratio to charter")
for name, r, kib in zip(names, results, peaks):
    print(f"{name:34} {ms(r['median']):8.1f}ms {ms(r['min']):8.1f}ms {ms(r['max']):8.1f}ms "
          f"{kib / 1024:7.1f}MiB  {r['median'] / results[0]['median']:6.2f}x")
print()
print(f"chromium / charter: {results[1]['median'] / results[0]['median']:.1f}x")
PY
