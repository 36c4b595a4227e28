#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a bounded time each (CHARTER_FUZZ_SECONDS, default 60). The targets are
# built with the instrumentation cargo-fuzz uses with `-s none -O` (libFuzzer's coverage counters, no
# sanitizer, release with debug assertions), so that CI need not compile cargo-fuzz itself; fuzz/README.md
# says how to run them with cargo-fuzz for longer.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${CHARTER_FUZZ_SECONDS:-60}
if [ "$seconds" = 0 ]; then
  echo "fuzzing skipped (CHARTER_FUZZ_SECONDS=0)"
  exit 0
fi
triple=$(rustc -vV | sed -n 's/^host: //p')
# The fuzz crate has a lock file of its own (not committed); start it from the project's, so that the
# shared dependencies are the versions the project is tested with.
[ -f Cargo.lock ] || cp ../Cargo.lock Cargo.lock
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# --target keeps the flags off build scripts and proc macros, as cargo-fuzz does.
cargo build --release --target "$triple" --bins
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
run() {
  local target=$1 seeds=$2 max_len=$3
  mkdir -p "$corpus/$target" artifacts/"$target"
  echo "-- $target: ${seconds} s"
  "target/$triple/release/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$corpus/$target" "seeds/$seeds" 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*(panicked|deadly signal|Timeout|crash))' || true
  # libFuzzer leaves the input of any crash in artifacts/; a run that found one fails.
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz target $target failed; its input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
}
run check_render check_render 4096
run diff diff 2048
run checklist check_render 4096
run verify verify 12288
