# i opens the chain-rule inspector on the selected weight; f steps one phase
# at a time and the chain fills in; B shows the batch mean; arrows choose
# another weight. At 80 columns the loss's own factor is never cut: it goes
# under the numbers when it does not fit beside them.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys i
wait_for "Chain rule:" || fail "i did not open the inspector"
wait_for "No forward pass yet" || fail "no hint before the forward"
wait_for "f phase" || fail "the hint line lacks f"
keys f
wait_for "phase: forward done" || fail "f did not run the forward"
wait_for "row 1 of 4" || fail "no row"
keys f
wait_for "phase: loss done" || fail "f did not run the loss"
keys f
wait_for "phase: backward done" || fail "f did not run the backward"
wait_for "dL/dy_hat" || fail "no chain for the output weight"
wait_for "(bce: dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat)))" ||
    fail "the loss's factor is cut at 80 columns"
wait_for "this row's term; the step uses the mean over 4 rows" || fail "no note on the mean"
wait_for "update (next, sgd)" || fail "no next update"
keys B
wait_for "the mean over the batch of 4 rows" || fail "B did not show the mean"
wait_for "(1/4) * sum over the rows" || fail "no mean formula"
keys Left
wait_re 'Chain rule: w3\[1,[0-9]\]' || fail "Left did not move to another weight"
keys f
wait_for "phase: update done" || fail "f did not run the update"
wait_for "update (made, sgd)" || fail "no update made"
wait_re 'epoch 1[^0-9]' || fail "the epoch did not end"
keys Escape
wait_for "Decision map" || fail "Esc did not go back"
finish
fresh
start 160 48 -- --layers 3 --optimizer adam
wait_ready
keys i n
wait_for "Chain rule:" || fail "no inspector at 160x48"
wait_for "update (made, adam)" || fail "no adam update"
wait_for "adam keeps a running average" || fail "no word on the optimizer"
keys Left Left Left Left Left
wait_re 'Chain rule: (w|b)1\[' || fail "no hidden weight"
wait_for "with dL/da1[" || fail "no back-propagated sum"
finish
