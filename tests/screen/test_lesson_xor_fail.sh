# --lesson xor-fail: the perceptron on XOR, then its swing one row per
# Enter (as n does) with the line moving: w1, w2 and b go
# (-1, 0, -1), (-1, 1, 0), (0, 1, 1) and back to (-1, 0, 0) on the weights
# panel (w1 grad w2 grad b grad, a change arrow after a value), the weights
# cycling; epoch 100 is still wrong; the last scene puts it beside an MLP
# that learns XOR, and Enter there says the lesson ends. At 80x24, 120x36
# and 160x48.
. "$(dirname "$0")/lib.sh"
# wb W1 W2 B: waits for the weights panel's row with those three values
wb() {
    _re=$(printf 'y_hat %s[^ ]* +[^ ]+ +%s[^ ]* +[^ ]+ +%s' "$1" "$2" "$3" | sed 's/+0/[+]0/g; s/+1/[+]1/g')
    wait_re "$_re"
}
for size in "80 24" "120 36" "160 48"; do
    [ "$size" = "80 24" ] || fresh
    start $size -- --lesson xor-fail
    wait_ready
    wait_for "scene 1/9" || fail "no scene 1 at $size"
    wait_for "perceptron" || fail "scene 1 is not a perceptron at $size"
    keys Enter
    wait_for "scene 2/9" || fail "no scene 2 at $size"
    wait_for "epoch 2 " || fail "scene 2 did not train two epochs at $size"
    wb -1.00 +0.00 +0.00 || fail "not w1 = -1, w2 = 0, b = 0 at $size"
    wait_for "acc 50%" || fail "the line x1 = 0 should leave two rows wrong at $size"
    keys Enter
    wait_for "scene 3/9" || fail "no scene 3 at $size"
    wait_for "[0,0] gives 1, not 0. b = -1: line x1 = -1" || fail "scene 3's row at $size"
    wait_for "sample 1: (0, 0) y=0" || fail "scene 3 does not show row [0,0] at $size"
    wb -1.00 +0.00 -1.00 || fail "b did not drop to -1 at $size"
    keys Enter
    wait_for "scene 4/9" || fail "no scene 4 at $size"
    wait_for "sample 2: (0, 1) y=1" || fail "scene 4 does not show row [0,1] at $size"
    wb -1.00 +1.00 +0.00 || fail "not w2 = 1, b = 0 at $size"
    keys Enter
    wait_for "scene 5/9" || fail "no scene 5 at $size"
    wait_for "sample 3: (1, 0) y=1" || fail "scene 5 does not show row [1,0] at $size"
    wb +0.00 +1.00 +1.00 || fail "not w1 = 0, b = 1 at $size"
    keys Enter
    wait_for "scene 6/9" || fail "no scene 6 at $size"
    wait_for "sample 4: (1, 1) y=0" || fail "scene 6 does not show row [1,1] at $size"
    wb -1.00 +0.00 +0.00 || fail "not back at the start at $size"
    wait_for "epoch 3 " || fail "the four rows are not epoch 3 at $size"
    keys Enter
    wait_for "scene 7/9" || fail "no scene 7 at $size"
    wait_for "epoch 100 " || fail "scene 7 is not at epoch 100 at $size"
    wait_for "The weights are cycling" || fail "no word for the cycle at $size"
    wb -1.00 +0.00 +0.00 || fail "epoch 100 is not the cycle's start at $size"
    keys n
    wb -1.00 +0.00 -1.00 || fail "n does not take the cycle's first step at $size"
    keys Enter
    wait_for "scene 8/9" || fail "no scene 8 at $size"
    wait_for "no line has [0,1] and [1,0] alone on one side" || fail "no reason at $size"
    keys Enter
    wait_for "scene 9/9" || fail "no scene 9 at $size"
    wait_for "Compare: perceptron vs MLP" || fail "the last scene is not the compare view at $size"
    wait_for "converged" || fail "the MLP side has not converged at $size"
    wait_re "[1-9] wrong" || fail "the perceptron side shows no errors at $size"
    keys Enter
    wait_for "the lesson ends here" || fail "Enter on the last scene does not say it ends at $size"
    finish
done
