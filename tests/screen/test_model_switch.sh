# m switches the MLP to the perceptron and back.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys m
wait_for "Network perceptron" || fail "m did not switch to the perceptron"
wait_for " step " || fail "the perceptron's step activation is not on the status line"
keys m
wait_for "Network mlp" || fail "m did not switch back to the MLP"
wait_for "relu/sigmoid" || fail "the MLP's activations did not come back"
finish
