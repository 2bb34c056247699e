# The loss landscape: the ReLU lesson's last scene shows the loss over w and
# b with the path from w = b = 0.5 down to -0.5 (S the start, @ now); at
# 160x48 on XOR, y opens it over the output unit's first weight and its
# bias, each step joins the path and the arrows pick other parameters; in
# plain ASCII without colours the shading is made of characters.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --lesson relu
wait_ready
keys Enter Enter Enter Enter Enter Enter
wait_for "Loss landscape: mse over w and b" || fail "scene 7 did not open the landscape"
wait_for "w = -0.5000  b = -0.5000  loss 0  path 2 points" || fail "the point or the path is wrong"
wait_for "S start" || fail "the path does not go back to the start"
wait_for "@" || fail "the current point is not marked"
finish

fresh
start 160 48 -- --dataset xor
wait_ready
keys y
wait_for "Loss landscape: bce over w(h2.1->y_hat) and b(y_hat), 63 others frozen" ||
    fail "y did not open the landscape over the output unit"
wait_for "path 1 point" || fail "no starting point"
keys -N 5 Space
wait_for "path 6 points" || fail "the steps did not join the path"
keys Right
wait_for "over w(h2.2->y_hat) and b(y_hat)" || fail "Right did not move to the next weight"
keys Up
wait_for "and w(x1->h1.1)" || fail "Up did not change the second parameter"
keys '<'
wait_for "Loss landscape" || fail "the view went away on <"
finish

fresh
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 -- --lesson relu
wait_ready
keys Enter Enter Enter Enter Enter Enter
wait_for "over w and b" || fail "no landscape under LANG=C"
wait_for "low  .:-=+*#%& high" || fail "no character shading"
wait_re '[#%&]' || fail "the hill is not shaded"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    show
    fail "non-ASCII characters under LANG=C"
fi
finish
