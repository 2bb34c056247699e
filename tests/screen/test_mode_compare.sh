# c opens Compare on XOR: the screen's MLP on the left, a perceptron copy on
# the right, both stepped by the same keys. After 700 epochs the MLP side
# says converged (every row right since epoch 300, the loss still from 656)
# and the perceptron side cycles, rows still wrong; the arrows
# change the pairing (two rates, two activations). Then at 160x48 with p,
# through a resize, and in plain ASCII without colours.
. "$(dirname "$0")/lib.sh"

# the header row of each side and the rows under it, split at the rule
left_of() { screen | grep -F -- "$1" | awk -F '│|\\|' '{print $1}'; }
right_of() { screen | grep -F -- "$1" | awk -F '│|\\|' '{print $2}'; }

start 80 24 -- --dataset xor
wait_ready
keys c
wait_for "Compare: perceptron vs MLP on xor" || fail "c did not open Compare"
wait_for "A: mlp 2-8-4-1 relu" || fail "no MLP on the left"
wait_for "B: perceptron" || fail "no perceptron on the right"
keys -N 700 Space
wait_re 'epoch 700 .*epoch 700' || fail "space did not step both sides"
mlp_converged() { left_of "A: mlp" | grep -q converged; }
wait_true mlp_converged || fail "the MLP side is not converged"
right_of "A: mlp" | grep -q cycling || { show; fail "the perceptron side is not cycling on XOR"; }
right_of "wrong" | grep -E -q '[1-9] wrong' || { show; fail "the perceptron side shows no errors"; }
left_of "wrong" | grep -q '0 wrong' || { show; fail "the MLP side still has errors"; }
# the pairings
keys Right
wait_for "Compare: two learning rates" || fail "Right did not pair two rates"
wait_for "lr 0.3" || fail "the right side is not one rung up"
keys +
wait_re 'lr 0\.3 .*lr 1([^0-9.]|$)' || fail "+ did not move both rates"
keys Right
wait_for "Compare: two activations" || fail "Right did not pair two activations"
wait_for "leaky_relu" || fail "the right side does not use the next activation"
keys Escape
wait_for "Decision map" || fail "Esc did not go back"
finish

fresh
start 160 48 -- --dataset xor
wait_ready
keys c
wait_for "B: perceptron" || fail "no Compare at 160x48"
keys p
wait_for "converged│" || fail "playing did not bring the MLP side to converged"
# play stops by itself on the epoch the MLP converges
wait_for "stopped: every point right" || fail "play did not stop at convergence"
wait_re ' epoch 656 ' || fail "play did not stop at epoch 656"
wait_state converged || fail "the MLP is not converged"
right_of "A: mlp" | grep -q converged && { show; fail "the perceptron side converged on XOR"; }
# a resize too small and back keeps the view
T resize-window -t "$SESSION" -x 60 -y 20
wait_for "too small" || fail "no size message at 60x20"
T resize-window -t "$SESSION" -x 100 -y 30
wait_for "B: perceptron" || fail "Compare lost after the resize"
finish

fresh
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 -- --dataset xor
wait_ready
keys c
wait_for "B: perceptron" || fail "no Compare under LANG=C"
keys -N 20 Space
wait_re 'epoch 20 .*epoch 20' || fail "space did not step both sides"
wait_for "wrong" || fail "no error count"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    show
    fail "non-ASCII characters under LANG=C"
fi
finish
