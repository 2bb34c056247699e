# The MLP converges on XOR and play stops there (epoch 656); an edit of the
# output's bias to -50 puts every output under 0.5: the screen says at once
# that two points are wrong and the run is no longer converged.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys p
wait_state converged || fail "the MLP did not converge on XOR"
wait_for "stopped: every point right; the loss moves less than 0.001 in 10 epochs" ||
    fail "play did not stop at convergence"
status | grep -F -q "epoch 656 " || { show; fail "play did not stop at epoch 656"; }
keys e
wait_for "New value of bias of y_hat" || fail "no prompt for the output's bias"
T send-keys -t "$SESSION" -l -- "-50" # (a leading - is no flag)
keys Enter
wait_for "bias of y_hat = -50: 2 of 4 points wrong now, no longer converged" ||
    fail "the edit did not say what it did to the converged run"
wait_state paused || fail "still converged after the edit"
status | grep -F -q "acc 50%" || { show; fail "the accuracy does not show the two wrong points"; }
finish
