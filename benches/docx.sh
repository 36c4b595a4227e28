#!/usr/bin/env bash
# Whole-process timings of the DOCX render and the DOCX redline beside pandoc, in one run on one machine:
# `charter` rendering the largest example charter to DOCX from its TOML (checking it first), against
# pandoc converting the same charter's Markdown, as charter renders it, to DOCX; and `charter diff
# --format docx` of that charter and an amendment of it (both checked, laid out and compared), against
# pandoc converting charter's Markdown redline of the same two versions to DOCX.
#
# Prints the median, minimum and maximum of each, the ratio, and the peak memory. See benches/README.md.
# Needs hyperfine and pandoc (Debian: apt-get install hyperfine pandoc).
#
#   benches/docx.sh            # 50 runs of each
#   RUNS=200 benches/docx.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-50}
for tool in hyperfine pandoc python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "docx.sh: $tool is not installed (Debian: apt-get install hyperfine pandoc)" >&2
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
"$bin" render "$work/charter.toml" --format docx -o "$work/charter.docx"
# The amendment: a new version, a shorter review period where there is one, and the last obligation gone.
python3 - "$work/charter.toml" "$work/amended.toml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'^version = "(.*)"', r'version = "\1.1"', text, count=1, flags=re.M)
text = re.sub(r'^review = "60 days"', 'review = "45 days"', text, count=1, flags=re.M)
last = text.rfind("[[obligations]]")
if last >= 0:
    end = text.find("\n[", last + 1)
    text = text[:last] + (text[end + 1:] if end >= 0 else "")
open(sys.argv[2], "w").write(text)
PY
"$bin" diff "$work/charter.toml" "$work/amended.toml" --format md -o "$work/redline.md" || [ $? -eq 1 ]

# Both write the DOCX to standard output (hyperfine discards it), so neither pays for a file on disk:
# charter's `-o` flushes the file to disk before renaming it into place, which on a busy disk is most of
# its time.
commands=(
  "$bin render $work/charter.toml --format docx"
  "pandoc --from markdown --to docx -o - $work/charter.md"
  "$bin diff $work/charter.toml $work/amended.toml --format docx"
  "pandoc --from markdown --to docx -o - $work/redline.md"
)
names=("charter render --format docx" "pandoc md -> docx" "charter diff --format docx" "pandoc redline md -> docx")

echo "input: $input ($(wc -c <"$input") bytes of TOML, $(wc -c <"$work/charter.md") bytes of Markdown, $(wc -c <"$work/charter.docx") bytes of DOCX)"
echo "redline: $(wc -c <"$work/redline.md") bytes of Markdown redline"
echo "pandoc: $(pandoc --version | head -n 1)"
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "runs: $runs each, after 5 warm-up runs"
echo

# `diff` exits 1 when the versions differ, as they do here.
hyperfine --style none -N -i --warmup 5 --runs "$runs" --export-json "$work/times.json" \
  "${commands[@]}" >/dev/null

# Peak resident memory of each command: the median of 10 runs, read by GNU time.
peaks=()
for command in "${commands[@]}"; do
  kib=$(for _ in $(seq 10); do
    /usr/bin/time -f %M sh -c "exec $command >/dev/null" 2>&1 >/dev/null | tail -n 1 || true
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
print(f"{'command':30} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}  ratio to charter")
for i, (name, r, kib) in enumerate(zip(names, results, peaks)):
    charter = results[i - i % 2]["median"]
    print(f"{name:30} {ms(r['median']):7.2f}ms {ms(r['min']):7.2f}ms {ms(r['max']):7.2f}ms "
          f"{kib / 1024:7.1f}MiB  {r['median'] / charter:6.2f}x")
print()
print(f"render: pandoc / charter: {results[1]['median'] / results[0]['median']:.1f}x (target: at least 10x)")
print(f"redline: pandoc / charter: {results[3]['median'] / results[2]['median']:.1f}x (target: at least 10x)")
PY
