# a and A change the hidden activation, and the status line says so.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys a
wait_for "leaky_relu/sigmoid" || fail "a did not change the activation"
keys a
wait_for "elu/sigmoid" || fail "a did not move on to elu"
keys A A
wait_re ' relu/sigmoid' || fail "A did not go back"
finish
