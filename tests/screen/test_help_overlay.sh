# ? opens the help made from the key table; Esc closes it.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys ?
wait_for "Esc or ? closes" || fail "? did not open the help"
for text in "train one epoch" "play / pause" "learning rate up the ladder" \
    "next hidden activation" "perceptron <-> MLP" "noise of the points"; do
    wait_for "$text" || fail "the help lacks '$text'"
done
keys PageDown
wait_for "Keys 2/2" || fail "PgDn did not turn to the second page"
for text in "save the model" "lesson menu" "quit"; do
    wait_for "$text" || fail "the help's second page lacks '$text'"
done
keys Escape
wait_gone "Esc or ? closes" || fail "Esc did not close the help"
wait_for "Decision map" || fail "the panels did not come back"
finish
