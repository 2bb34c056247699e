# SIGTERM and Ctrl-C (SIGINT) end the program cleanly: the terminal is
# restored and the status says which signal.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
kill -TERM "$(cat "$TMP/pid")"
rc=$(wait_exit) || fail "SIGTERM did not end the program"
[ "$rc" = 143 ] || fail "exit status $rc after SIGTERM (want 143)"
grep -q -- '-icanon' "$TMP/stty" && fail "canonical mode not restored after SIGTERM"
grep -q -- '-echo ' "$TMP/stty" && fail "echo not restored after SIGTERM"
no_sanitizer_reports
fresh
start 100 30
wait_ready
keys p
wait_state training || fail "p did not start training"
keys C-c
rc=$(wait_exit) || fail "Ctrl-C did not end the program"
[ "$rc" = 130 ] || fail "exit status $rc after Ctrl-C (want 130)"
grep -q -- '-icanon' "$TMP/stty" && fail "canonical mode not restored after Ctrl-C"
no_sanitizer_reports
