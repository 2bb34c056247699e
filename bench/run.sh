#!/bin/sh
# run.sh - make bench with arguments: bench/run.sh [--torch] [--quick]
# [--only SECTION]. BUILD picks the build folder (default build).
cd "$(dirname "$0")/.." || exit 1
exec make --no-print-directory BUILD="${BUILD:-build}" bench BENCH_ARGS="$*"
