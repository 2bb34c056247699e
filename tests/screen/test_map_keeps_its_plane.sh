# Adding a point at the edge of the map keeps the plane: the points already
# drawn stay in their cells (only the new point's row changes).
. "$(dirname "$0")/lib.sh"
start 80 24 -- --dataset circle
wait_ready
keys Tab Tab Tab
wait_for "Decision map (" || fail "the map cursor did not show"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys Left; done
wait_for "Decision map (-" || fail "the cursor did not move left"
screen | cut -c47- | sed -n 2,11p > "$TMP/before"
keys 0
wait_re "sample 1[0-9][0-9]: " || fail "the point was not added"
screen | cut -c47- | sed -n 2,11p > "$TMP/after"
changed=$(diff "$TMP/before" "$TMP/after" | grep -c '^<')
[ "$changed" -le 1 ] || { diff "$TMP/before" "$TMP/after"; fail "$changed map rows changed: the plane moved"; }
finish
