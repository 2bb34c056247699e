# The hidden space: the xor-mlp lesson's sixth scene carries the four XOR
# points into the last hidden layer (the scene's pick: h2.1 and h2.4) with
# the input grid bent along; the arrows and < > pick other units and
# layers. A perceptron has no hidden layer and the view says so until m
# makes an MLP. Plain ASCII without colours too.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --lesson xor-mlp
wait_ready
keys Enter Enter Enter Enter Enter
wait_for "Hidden space: h2.1 vs h2.4 (layer 2 of 2 hidden, 4 units, relu)" ||
    fail "scene 6 did not open the hidden space on its pick"
wait_for "o:0  x:1" || fail "no class legend"
keys Right
wait_for "Hidden space: h2.2 vs h2.4" || fail "Right did not change the x unit"
keys '<'
wait_for "Hidden space: h1.1 vs h1.2 (layer 1 of 2 hidden, 8 units" || fail "< did not go to layer 1"
finish

fresh
start 160 48 -- --model perceptron --dataset xor
wait_ready
keys h
wait_for "the perceptron has no hidden layer" || fail "no word about the missing hidden layer"
keys m
wait_for "Hidden space: h2.1 vs h2.2" || fail "m did not give an MLP's hidden space"
finish

fresh
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 -- --lesson xor-mlp
wait_ready
keys Enter Enter Enter Enter Enter
wait_for "Hidden space: h2.1 vs h2.4" || fail "no hidden space under LANG=C"
wait_re 'x.*o|o.*x' || fail "no points"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    show
    fail "non-ASCII characters under LANG=C"
fi
finish
