# The perceptron is drawn as the book draws it: x1 and x2 with their
# weights on their edges, the bias on the edge of its input 1, the sum
# node with z, the step and y_hat; after the OR lesson the weights are the
# book's w1 = 1, w2 = 1, b = -1 (the weights panel says the same). In plain
# ASCII under LANG=C too.
. "$(dirname "$0")/lib.sh"
net() { screen | sed -n '2,12p' | sed 's/│.*//'; }
start 80 24 -- --lesson or
wait_ready
keys Enter Enter Enter Enter Enter
wait_for "scene 6/6" || fail "no scene 6"
wait_for "Network perceptron" || fail "not the perceptron"
net | grep -q '^x1 \[[01]\] w1 +1\.00' || { show; fail "x1's edge does not carry w1 +1.00"; }
net | grep -q '^x2 \[[01]\] w2 +1\.00' || { show; fail "x2's edge does not carry w2 +1.00"; }
net | grep -q '^ 1 \[1\] b -1\.00' || { show; fail "the bias's input 1 does not carry b -1.00"; }
net | grep -q '(Σ)──▶\[_|‾\]──▶ \[[01]\] y_hat' || { show; fail "no sum, step and y_hat"; }
net | grep -q 'z = -\?[0-9]' || { show; fail "no z beside the sum"; }
screen | grep -q '^y_hat +1\.00 .* +1\.00 .* -1\.00' || { show; fail "the weights panel disagrees"; }
finish
fresh
start 80 24 LANG=C LC_ALL=C -- --lesson or
wait_ready
keys Enter Enter Enter Enter Enter
wait_for "scene 6/6" || fail "no scene 6 under LANG=C"
net | grep -q '^x1 \[[01]\] w1 +1\.00' || { show; fail "no w1 under LANG=C"; }
net | grep -q '^ 1 \[1\] b -1\.00' || { show; fail "no b under LANG=C"; }
net | grep -q '(+)-->\[_|-\]--> \[[01]\] y_hat' || { show; fail "no sum, step and y_hat in ASCII"; }
finish
