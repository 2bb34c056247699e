# --lesson chain: first the book's two small examples on the Book view,
# worked out by the program (y = 7, z = 50, dz/dx = 28; d sin(x^2) =
# cos(x^2) 2x dx); then the inspector writes dL/dw2 as the book's
# (g(z2) - y) * g'(z2) * a1 = -0.125, then w1's chain = -0.0625, and the
# update to 0.625 / 0.8125.
. "$(dirname "$0")/lib.sh"
for size in "80 24" "160 48"; do
    start $size -- --lesson chain
    wait_ready
    wait_for "Book 1/3: the chain rule" || fail "scene 1 is not the Book view ($size)"
    wait_for "y = 2*2 + 3 = 7        z = 7^2 + 1 = 50" || fail "y and z at x = 2 ($size)"
    wait_for "dz/dy = 2y = 14         dy/dx = 2" || fail "the two slopes ($size)"
    wait_for "dz/dx = dz/dy * dy/dx = 14 * 2 = 28" || fail "the book's 28 ($size)"
    wait_for "gives 28.0000" || fail "the finite-difference check ($size)"
    wait_for "u = 1.5^2 = 2.25         f = sin(2.25) = 0.7781" || fail "sin(x^2) ($size)"
    wait_for "d sin(x^2) = cos(x^2) * 2x dx = -0.6282 * 3 dx = -1.8845 dx" ||
        fail "the book's d sin(x^2) = cos(x^2) 2x dx ($size)"
    keys Enter
    wait_for "scene 2/8" || fail "no scene 2 ($size)"
    wait_for "Chain rule: w2" || fail "scene 2 is not the inspector on w2 ($size)"
    keys Enter Enter Enter
    wait_for "scene 5/8" || fail "no scene 5 ($size)"
    wait_for "phase: backward done" || fail "not after the backward ($size)"
    wait_for "= (g(z2) - y) * g'(z2) * a1" || fail "not the book's form ($size)"
    wait_for "= (0.5 - 1) * 0.25 * 1" || fail "the factors ($size)"
    wait_for "dL/dw2 = -0.125" || fail "dL/dw2 ($size)"
    keys Enter
    wait_for "scene 6/8" || fail "no scene 6 ($size)"
    wait_for "Chain rule: w1" || fail "scene 6 is not on w1 ($size)"
    wait_for "with dL/da1 = w2 * dL/dz2" || fail "the back-propagated term ($size)"
    wait_for "0.5 * (-0.125) = -0.0625" || fail "its numbers ($size)"
    wait_for "dL/dw1 = -0.0625" || fail "dL/dw1 ($size)"
    wait_for "w1 <- w1 - lr * dL/dw1 = 0.75 - 1 * (-0.0625) = 0.8125" ||
        fail "w1's next update ($size)"
    keys Enter
    wait_for "scene 7/8" || fail "no scene 7 ($size)"
    wait_for "update (made, sgd): w2 <- w2 - lr * dL/dw2 = 0.5 - 1 * (-0.125) = 0.625" ||
        fail "w2's update ($size)"
    finish
    fresh
done
