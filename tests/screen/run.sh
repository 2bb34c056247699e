#!/bin/sh
# run.sh - runs every screen test (tests/screen/test_*.sh) against the mlpviz
# binary given as the first argument, each in its own tmux server, and ends
# with one line "N passed, N failed" (non-zero exit when any failed).
# Needs tmux. MLPVIZ_TEST_TIMEOUT sets the seconds a test waits for a screen.
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 path/to/mlpviz" >&2
    exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
    echo "$0: $bin is not an executable" >&2
    exit 2
fi
if ! command -v tmux >/dev/null 2>&1; then
    echo "$0: tmux is needed for the screen tests" >&2
    exit 2
fi
dir=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp "${TMPDIR:-/tmp}/mlpviz-screen-log.XXXXXX")
pass=0
failed=0
for t in "$dir"/test_*.sh; do
    name=$(basename "$t" .sh)
    if MLPVIZ_BIN="$bin" sh "$t" >"$log" 2>&1; then
        pass=$((pass + 1))
        echo "ok    $name"
    else
        failed=$((failed + 1))
        echo "FAIL  $name"
        sed 's/^/      /' "$log"
    fi
done
rm -f "$log"
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
