# --lesson relu: the ReLU neuron's two-epoch table in the inspector, phase
# by phase: y_hat 1, loss 0.5, dL/dw 1, dL/db 1, then w = b = -0.5; epoch 2
# z = -1, loss 0.
. "$(dirname "$0")/lib.sh"
for size in "80 24" "160 48"; do
    start $size -- --lesson relu
    wait_ready
    wait_for "scene 1/7" || fail "no scene 1 ($size)"
    wait_for "No forward pass yet" || fail "scene 1 ($size)"
    keys Enter
    wait_for "scene 2/7" || fail "no scene 2 ($size)"
    wait_for "forward: z = 1   y_hat = g(z) = 1   x = 1" || fail "forward ($size)"
    wait_for "z = w*x + b = 0.5*1 + 0.5 = 1" || fail "z written out ($size)"
    keys Enter
    wait_for "scene 3/7" || fail "no scene 3 ($size)"
    wait_for "L = (y_hat - y)^2 / 2 = (1 - 0)^2 / 2 = 0.5" || fail "loss ($size)"
    keys Enter
    wait_for "scene 4/7" || fail "no scene 4 ($size)"
    wait_for "= (g(z) - y) * g'(z) * x" || fail "the chain ($size)"
    wait_for "= (1 - 0) * 1 * 1" || fail "the factors ($size)"
    wait_for "dL/dw = 1 " || fail "dL/dw ($size)"
    wait_for "dL/db = dL/dz * 1 = 1" || fail "dL/db ($size)"
    keys Enter
    wait_for "scene 5/7" || fail "no scene 5 ($size)"
    wait_for "w <- w - lr * dL/dw = 0.5 - 1 * 1 = -0.5" || fail "w update ($size)"
    wait_for "b <- b - lr * dL/db = 0.5 - 1 * 1 = -0.5" || fail "b update ($size)"
    keys Enter
    wait_for "scene 6/7" || fail "no scene 6 ($size)"
    wait_for "forward: z = -1   y_hat = g(z) = 0" || fail "epoch 2 forward ($size)"
    wait_for "(0 - 0)^2 / 2 = 0" || fail "epoch 2 loss ($size)"
    wait_for "dL/dw = 0 " || fail "epoch 2 gradient ($size)"
    wait_state paused || fail "no state word ($size)"
    finish
    fresh
done
