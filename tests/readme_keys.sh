#!/bin/sh
# readme_keys.sh BIN [--update] - the README's key tables are the program's:
# the block between the markers equals `mlpviz --keys` exactly. --update
# writes the program's tables into the README (after a key changed on
# purpose).
set -u
bin=${1:?usage: readme_keys.sh path/to/mlpviz [--update]}
readme=$(dirname "$0")/../README.md
want=$(mktemp) have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$bin" --keys > "$want" || { echo "FAIL mlpviz --keys exited $?"; exit 1; }
if [ "${2:-}" = "--update" ]; then
    awk -v keys="$want" '
        /^<!-- end of keys -->/ { while ((getline l < keys) > 0) print l; on = 0 }
        !on { print }
        /^<!-- keys: made by/ { on = 1 }' "$readme" > "$have" && cat "$have" > "$readme"
    echo "updated the key tables in $readme"
    exit 0
fi
awk '/^<!-- end of keys -->/ {on=0} on {print} /^<!-- keys: made by/ {on=1}' "$readme" > "$have"
if [ ! -s "$have" ]; then
    echo "FAIL the README has no key block between its markers"; exit 1
fi
if ! diff -u "$want" "$have"; then
    echo "FAIL the README's key tables differ from mlpviz --keys (sh tests/readme_keys.sh BIN --update)"
    exit 1
fi
echo "ok   the README's key tables equal mlpviz --keys"
