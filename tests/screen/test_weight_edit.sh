# e asks for a new value of the selected weight; a bad value gives a
# message and changes nothing; Esc cancels.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys e
wait_for "New value of bias of y_hat (now " || fail "no prompt for the selected weight"
keys Enter
wait_for "nothing typed: the weight is unchanged" || fail "Enter on nothing changed the weight"
keys e
keys C-u
type_text "0.5"
keys Enter
wait_for "bias of y_hat = 0.5" || fail "no confirmation"
keys e
wait_for "New value of bias of y_hat (now 0.5): _" || fail "the prompt does not show the value"
type_text "1"
wait_for "New value of bias of y_hat (now 0.5): 1_" || fail "typed text does not start afresh"
keys C-u
type_text "lots"
keys Enter
wait_for "is not a number" || fail "no message for a bad value"
keys e
keys Escape
wait_for "the weight is unchanged" || fail "Esc did not cancel"
keys R
wait_for "back to the initial weights: the edited ones" || fail "R did not say it replays from the edited weights"
keys i
wait_for "Chain rule: b3" || fail "the inspector is not on the edited bias"
wait_for "b3 = 0.5 now" || fail "the new value is not shown"
finish
