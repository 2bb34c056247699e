# Mini-batch training gives a noisy loss: the curve gets a smoothed line
# over the raw one, said in the legend; F turns it off and on again.
# Full-batch training starts without it.
. "$(dirname "$0")/lib.sh"
start 120 36 -- --dataset spiral --batch 10
wait_ready
keys Space Space Space
wait_re 'epoch 3[^0-9]' || fail "no epoch 3"
wait_for "━ smoothed" || fail "mini-batch training shows no smoothed line"
keys F
wait_for "loss curve: raw values only" || fail "F did not say the smoothing is off"
wait_gone "━ smoothed" || fail "F did not take the smoothed line away"
keys F
wait_for "loss curve: smoothed line over the raw one" || fail "F did not turn it back on"
wait_for "━ smoothed" || fail "the smoothed line did not come back"
finish
fresh
start 120 36 -- --dataset spiral
wait_ready
keys Space Space
wait_re 'epoch 2[^0-9]' || fail "no epoch 2"
if has "smoothed"; then
    fail "full-batch training shows a smoothed line unasked"
fi
finish
