# A learning rate far too large diverges: training stops, the screen says
# so and what to do, nothing crashes, and q still quits cleanly.
. "$(dirname "$0")/lib.sh"
start 100 30 -- --lr 10 --activation relu --output linear --loss mse --dataset spiral
wait_ready
keys p
wait_state diverged || fail "the state did not become 'diverged'"
wait_re 'lr 10[^0-9]' || fail "the learning rate is not shown"
alive || { cat "$TMP/stderr"; fail "the program ended"; }
# training stopped by itself; space only repeats the advice
keys Space
wait_for "learning rate" || fail "no advice to lower the learning rate"
# lower it and start again: paused, epoch 0
keys - - r
wait_re 'lr 1[^0-9]' || fail "- did not lower the learning rate"
wait_re 'epoch 0[^0-9]' || fail "r did not start again"
wait_state paused || fail "not paused after r"
finish
