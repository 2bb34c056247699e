# The perceptron learns OR and stops by itself when an epoch has no error.
. "$(dirname "$0")/lib.sh"
start 100 30 -- --model perceptron --dataset or
wait_ready
wait_for "Network perceptron" || fail "not the perceptron"
keys p
wait_state converged || fail "the perceptron did not converge on OR"
wait_for "acc 100%" || fail "not every point right"
alive || fail "the program ended"
finish
