# q quits with status 0 and leaves the terminal as it was: canonical mode
# and echo back on, the panels gone with the alternate screen.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys Space
wait_re 'epoch 1[^0-9]' || fail "no epoch 1"
keys q
rc=$(wait_exit) || fail "q did not end the program"
[ "$rc" = 0 ] || fail "exit status $rc after q"
grep -q -- '-icanon' "$TMP/stty" && fail "canonical mode not restored"
grep -q -- '-echo ' "$TMP/stty" && fail "echo not restored"
grep -q 'icanon' "$TMP/stty" || fail "no terminal modes recorded"
wait_gone "Decision map" || fail "the screen was not restored"
no_sanitizer_reports
