# The other keys of the table: log scale, discretised map, optimizer, loss,
# output activation, new seed, layers and neurons.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys L
wait_for "Loss (log)" || fail "L did not switch to the log scale"
keys L
wait_for "Loss (linear)" || fail "L did not switch back"
keys z
wait_for "[z]" || fail "z did not discretise the map"
keys g
wait_for "momentum" || fail "g did not switch to momentum"
keys g
wait_for "adam" || fail "g did not switch to adam"
keys l
wait_for " mse " || fail "l did not switch the loss to mse"
keys o
wait_gone "relu/sigmoid" || fail "o did not change the output activation"
wait_re ' relu/[a-z_]+ ' || fail "no output activation after o"
keys r
wait_for "seed 2" || fail "r did not take a new seed"
keys ]
wait_for "layer 3/4" || fail "] did not add a hidden layer"
keys }
wait_for "4->5" || fail "} did not add a neuron to the new layer"
keys {
wait_for "4->4" || fail "{ did not remove a neuron"
keys [
wait_for "/3:" || fail "[ did not remove the hidden layer"
keys t
wait_for "test points" || fail "t said nothing"
alive || fail "the program ended"
finish
