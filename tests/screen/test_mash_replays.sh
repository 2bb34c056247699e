# The inputs of every defect the key-mash test found (tests/mash/replays/,
# cut down from the seed's inputs) are sent again by mash.sh --replay: the
# program must answer them with no sanitizer report, hang or exit.
. "$(dirname "$0")/lib.sh"
dir=$(cd "$(dirname "$0")/../mash" && pwd)
n=0
for f in "$dir"/replays/*.inputs; do
    MLPVIZ_TEST_TIMEOUT=$TIMEOUT sh "$dir/mash.sh" --bin "$MLPVIZ_BIN" --replay "$f" \
        --keep "$TMP/keep" >"$TMP/out" 2>&1 || { cat "$TMP/out"; fail "replaying $(basename "$f")"; }
    grep -q "no defect" "$TMP/out" || { cat "$TMP/out"; fail "no verdict from $(basename "$f")"; }
    n=$((n + 1))
done
[ $n -gt 0 ] || fail "no replay files"
