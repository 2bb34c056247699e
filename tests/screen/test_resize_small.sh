# Below 80x24 a message says the size needed; growing the terminal brings
# the panels back.
. "$(dirname "$0")/lib.sh"
start 60 20
wait_for "too small" || fail "no size message at 60x20"
wait_for "80x24" || fail "the message does not say the size needed"
T resize-window -t "$SESSION" -x 100 -y 30
wait_for "Decision map" || fail "the panels did not come back at 100x30"
wait_for "paused" || fail "no status line after the resize"
T resize-window -t "$SESSION" -x 79 -y 30
wait_for "too small" || fail "no size message at 79 columns"
T resize-window -t "$SESSION" -x 80 -y 24
wait_for "Decision map" || fail "the panels did not come back at 80x24"
alive || fail "the program ended"
finish
