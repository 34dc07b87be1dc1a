#!/usr/bin/env bash
# The paper's experiment (MODEL.md §9): three-bus, 5 seeds x 100 days, Table 4 budgets,
# learning and baseline worlds. Writes results to DIR (default results/paper), rebuilds
# report.html there and copies its figures to docs/reproduction/ for docs/REPRODUCTION.md.
# Extra arguments go to `stackelgrid run` (e.g. --parallel 2, --set key=value); by default all
# seeds run at once.
# Usage: docs/reproduce.sh [DIR] [run options...]
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$top/results/paper}"
[ $# -gt 0 ] && shift
start=$(date +%s)
"$top/stackelgrid" run --seeds 5 --days 100 --out "$out" "$@"
echo "reproduce: wall time $(( $(date +%s) - start )) s on $(nproc) cores (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
mkdir -p "$top/docs/reproduction"
cp "$out"/fig*.png "$top/docs/reproduction/"
echo "reproduce: cross-seed summary in $out/summary.json, figures copied to docs/reproduction/"
