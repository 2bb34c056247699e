#!/bin/sh
# record.sh BIN [NAME...] - (re)writes the expected screens of every golden
# case, or of the named ones: tests/golden/screens/NAME.txt and NAME.ansi.
# Each case is run GOLDEN_RUNS times (default 3), the first one held
# GOLDEN_HOLD seconds after it settled (default 7, longer than a message
# lasts); the files are written only when every run gave the same screen
# and it did not move while held. Review the change with `git diff tests/golden/screens`
# before committing it (see README.md).
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 path/to/mlpviz [NAME...]" >&2
    exit 2
fi
GOLDEN_HOLD=${GOLDEN_HOLD:-7}
. "$(dirname "$0")/lib.sh"
runs=${GOLDEN_RUNS:-3}

# record.sh --one BIN NAME WORK (internal): one case, its verdict left in
# WORK/NAME.log and WORK/NAME.ok
if [ "$1" = "--one" ]; then
    bin=$2
    n=$3
    work=$4
    {
        i=1
        while [ "$i" -le "$runs" ]; do
            mkdir -p "$work/$n.$i"
            # the first run is held; the others must only match it
            [ "$i" -eq 1 ] || GOLDEN_HOLD=0
            golden_run "$bin" "$n" "$work/$n.$i" || exit 0
            if [ "$i" -gt 1 ] && ! { cmp -s "$work/$n.1/$n.txt" "$work/$n.$i/$n.txt" &&
                cmp -s "$work/$n.1/$n.ansi" "$work/$n.$i/$n.ansi"; }; then
                echo "run $i differs from run 1: the case is not stable"
                diff -u "$work/$n.1/$n.txt" "$work/$n.$i/$n.txt"
                exit 0
            fi
            i=$((i + 1))
        done
        mkdir -p "$GOLDEN_DIR/screens"
        cp "$work/$n.1/$n.txt" "$work/$n.1/$n.ansi" "$GOLDEN_DIR/screens/"
        : >"$work/$n.ok"
    } >"$work/$n.log" 2>&1
    exit 0
fi

bin=$(golden_bin "$1") || exit 2
shift
jobs=${GOLDEN_JOBS:-4}
work=$(mktemp -d "${TMPDIR:-/tmp}/mlpviz-golden-record.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
if [ $# -gt 0 ]; then
    for n in "$@"; do echo "$n"; done >"$work/names"
else
    golden_names >"$work/names"
fi
xargs -P "$jobs" -I{} sh "$0" --one "$bin" {} "$work" <"$work/names"
ok=0
failed=0
while read -r n; do
    if [ -f "$work/$n.ok" ]; then
        ok=$((ok + 1))
        echo "recorded  $n"
    else
        failed=$((failed + 1))
        echo "FAIL      $n"
        sed 's/^/      /' "$work/$n.log"
    fi
done <"$work/names"
echo "golden: $ok recorded, $failed failed"
# screens of cases no longer in the cases file
for f in "$GOLDEN_DIR"/screens/*.txt; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .txt)
    [ -n "$(golden_case "$n")" ] || echo "note: screens/$n.txt belongs to no case (remove it?)"
done
[ "$failed" -eq 0 ]
