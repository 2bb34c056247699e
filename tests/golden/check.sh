#!/bin/sh
# check.sh BIN [NAME...] - runs every golden case (tests/golden/cases), or
# the named ones, against the mlpviz binary BIN, each in its own tmux
# server, and compares the screen it settles on with screens/NAME.txt (the
# text) and screens/NAME.ansi (the text with its colours), byte for byte.
# A mismatch prints a unified diff (the expected file first) and fails; the
# last line is "N passed, N failed". GOLDEN_JOBS cases run side by side
# (default 4); GOLDEN_ANSI=0 compares the text only (the .ansi files are
# tmux's spelling of the attributes, which another tmux may spell
# otherwise). See README.md for reviewing and re-recording.
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 path/to/mlpviz [NAME...]" >&2
    exit 2
fi
. "$(dirname "$0")/lib.sh"

# check.sh --one BIN NAME WORK (internal): one case, its verdict left in
# WORK/NAME.log and WORK/NAME.ok or WORK/NAME.fail
if [ "$1" = "--one" ]; then
    bin=$2
    n=$3
    work=$4
    out=$work/$n.out
    mkdir -p "$out"
    exp=$GOLDEN_DIR/screens/$n
    {
        if ! golden_run "$bin" "$n" "$out"; then
            : >"$work/$n.fail"
        elif [ ! -f "$exp.txt" ]; then
            echo "no screens/$n.txt: record it with tests/golden/record.sh BIN $n"
            : >"$work/$n.fail"
        else
            bad=0
            if ! cmp -s "$exp.txt" "$out/$n.txt"; then
                diff -u "$exp.txt" "$out/$n.txt" |
                    sed -e "1s|.*|--- screens/$n.txt (expected)|" \
                        -e "2s|.*|+++ $n (this run)|"
                bad=1
            fi
            if [ "${GOLDEN_ANSI:-1}" != 0 ] && [ -f "$exp.ansi" ]; then
                golden_norm "$exp.ansi" >"$out/expected.ansi"
                golden_norm "$out/$n.ansi" >"$out/this.ansi"
            fi
            if [ "${GOLDEN_ANSI:-1}" != 0 ] && [ -f "$exp.ansi" ] &&
                ! cmp -s "$out/expected.ansi" "$out/this.ansi"; then
                if [ "$bad" = 1 ]; then
                    echo "(screens/$n.ansi differs too)"
                else
                    echo "the text is the same; the colours or attributes differ (ESC shown as ^[):"
                    diff -u "$out/expected.ansi" "$out/this.ansi" |
                        sed -e "1s|.*|--- screens/$n.ansi (expected)|" \
                            -e "2s|.*|+++ $n (this run)|" | cat -v
                fi
                bad=1
            fi
            if [ "$bad" = 1 ]; then
                : >"$work/$n.fail"
            else
                : >"$work/$n.ok"
            fi
        fi
    } >"$work/$n.log" 2>&1
    exit 0
fi

bin=$(golden_bin "$1") || exit 2
shift
jobs=${GOLDEN_JOBS:-4}
work=$(mktemp -d "${TMPDIR:-/tmp}/mlpviz-golden-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
if [ $# -gt 0 ]; then
    for n in "$@"; do echo "$n"; done >"$work/names"
else
    golden_names >"$work/names"
fi
start=$(date +%s)
xargs -P "$jobs" -I{} sh "$0" --one "$bin" {} "$work" <"$work/names"
pass=0
failed=0
while read -r n; do
    if [ -f "$work/$n.ok" ]; then
        pass=$((pass + 1))
        echo "ok    $n"
    else
        failed=$((failed + 1))
        echo "FAIL  $n"
        sed 's/^/      /' "$work/$n.log"
    fi
done <"$work/names"
echo "golden: $pass passed, $failed failed ($(($(date +%s) - start)) s)"
[ "$failed" -eq 0 ]
