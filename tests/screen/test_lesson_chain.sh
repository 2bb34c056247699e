# --lesson chain: the inspector writes dL/dw2 as the book's
# (g(z2) - y) * g'(z2) * a1 = -0.125, then w1's chain = -0.0625, and the
# update to 0.625 / 0.8125.
. "$(dirname "$0")/lib.sh"
for size in "80 24" "160 48"; do
    start $size -- --lesson chain
    wait_ready
    wait_for "Chain rule: w2" || fail "scene 1 is not the inspector on w2 ($size)"
    keys Enter Enter Enter
    wait_for "scene 4/7" || fail "no scene 4 ($size)"
    wait_for "phase: backward done" || fail "not after the backward ($size)"
    wait_for "= (g(z2) - y) * g'(z2) * a1" || fail "not the book's form ($size)"
    wait_for "= (0.5 - 1) * 0.25 * 1" || fail "the factors ($size)"
    wait_for "dL/dw2 = -0.125" || fail "dL/dw2 ($size)"
    keys Enter
    wait_for "scene 5/7" || fail "no scene 5 ($size)"
    wait_for "Chain rule: w1" || fail "scene 5 is not on w1 ($size)"
    wait_for "with dL/da1 = w2 * dL/dz2" || fail "the back-propagated term ($size)"
    wait_for "0.5 * (-0.125) = -0.0625" || fail "its numbers ($size)"
    wait_for "dL/dw1 = -0.0625" || fail "dL/dw1 ($size)"
    wait_for "w1 <- w1 - lr * dL/dw1 = 0.75 - 1 * (-0.0625) = 0.8125" ||
        fail "w1's next update ($size)"
    keys Enter
    wait_for "scene 6/7" || fail "no scene 6 ($size)"
    wait_for "update (made, sgd): w2 <- w2 - lr * dL/dw2 = 0.5 - 1 * (-0.125) = 0.625" ||
        fail "w2's update ($size)"
    finish
    fresh
done
