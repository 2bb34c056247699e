# --lesson xor-fail: the perceptron on XOR makes errors epoch after epoch
# and never converges; the last scene puts it beside an MLP that does. At
# 80x24 and at 160x48.
. "$(dirname "$0")/lib.sh"
for size in "80 24" "160 48"; do
    [ "$size" = "80 24" ] || fresh
    start $size -- --lesson xor-fail
    wait_ready
    wait_for "scene 1/5" || fail "no scene 1 at $size"
    wait_for "perceptron" || fail "scene 1 is not a perceptron at $size"
    keys Enter
    wait_for "scene 2/5" || fail "no scene 2 at $size"
    wait_for "epoch 1" || fail "scene 2 did not train one epoch at $size"
    keys Enter Enter
    wait_for "scene 4/5" || fail "no scene 4 at $size"
    wait_for "epoch 100" || fail "scene 4 is not at epoch 100 at $size"
    wait_state paused || fail "the perceptron is not still failing at $size"
    keys Enter
    wait_for "scene 5/5" || fail "no scene 5 at $size"
    wait_for "Compare: perceptron vs MLP" || fail "the last scene is not the compare view at $size"
    wait_for "converged" || fail "the MLP side has not converged at $size"
    wait_re "[1-9] wrong" || fail "the perceptron side shows no errors at $size"
    finish
done
