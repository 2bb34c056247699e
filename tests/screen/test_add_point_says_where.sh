# Adding a point with the keyboard cursor says the class and where it went,
# at the cursor's own coordinates (as the map's title shows them).
. "$(dirname "$0")/lib.sh"
cursor_at() {
    screen | sed -n 's/.*Decision map \((-\{0,1\}[0-9.]*, -\{0,1\}[0-9.]*)\).*/\1/p' | head -n 1
}
cursor_moved() { [ "$(cursor_at)" != "$at0" ]; }
start 100 30
wait_ready
keys Tab Tab Tab
wait_re 'Decision map \(-?[0-9.]+, -?[0-9.]+\)' || fail "Tab did not reach the map"
at0=$(cursor_at)
keys Up Up Left
wait_true cursor_moved || fail "the cursor did not move"
at=$(cursor_at)
[ -n "$at" ] || fail "no cursor coordinates in the map's title"
keys 1
wait_for "class 1 at $at" || fail "adding a class-1 point did not say 'class 1 at $at'"
keys Right Right
keys 0
wait_re 'class 0 at \(-?[0-9]+\.[0-9]{2}, -?[0-9]+\.[0-9]{2}\)' ||
    fail "adding a class-0 point did not say where"
finish
