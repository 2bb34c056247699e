# Five presses of space train five epochs.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys Space Space Space Space Space
wait_re 'epoch 5[^0-9]' || fail "five spaces did not give epoch 5"
# the loss panel has a curve now
wait_gone "no epoch yet" || fail "the loss panel still has no epoch"
# n takes one more batch (full batch: one more epoch)
keys n
wait_re 'epoch 6[^0-9]' || fail "n did not take a step"
finish
