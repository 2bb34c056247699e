# Unscaled inputs whose ranges differ by more than ten times: the loss
# panel says by how much and how to scale them; scaled, it says nothing.
. "$(dirname "$0")/lib.sh"
start 120 36 -- --dataset wine
wait_ready
wait_re 'inputs differ [0-9]+x in range: try --scale standard' ||
    fail "no scale hint for wine's unscaled inputs"
finish
fresh
start 120 36 -- --dataset wine --scale standard
wait_ready
if has "inputs differ"; then
    fail "a scale hint with the inputs already scaled"
fi
finish
fresh
start 120 36 -- --dataset iris
wait_ready
if has "inputs differ"; then
    fail "a scale hint for iris, whose ranges differ less than ten times"
fi
finish
fresh
# at 80x24 the hint is shortened, never cut
start 80 24 -- --dataset wine
wait_ready
wait_re 'try --scale standard' || fail "the scale hint is cut at 80x24"
finish
