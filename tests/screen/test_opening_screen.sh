# The opening screen at 100x30: the book's XOR network with the four panel
# titles and every status word.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
for word in "Network" "Weights" "Loss" "Decision map" "epoch 0" "loss 0." \
    "acc " "lr 0.1" "relu/sigmoid" "bce" "sgd" "paused" "y_hat" "x1" "x2"; do
    wait_for "$word" || fail "no '$word' on the opening screen"
done
# 2-8-4-1: the weights panel starts on the output layer (4 -> 1)
wait_for "4->1 sigmoid" || fail "the weights panel does not show the output layer"
# the network panel (left of the rule, under its sample line) shows the
# 15 nodes: the 2 inputs and 13 units, each after its bias mark b
nodes() {
    [ "$(screen | sed -n '3,14p' | sed 's/│.*//' | grep -o 'b[●◆]\|^x[12] [●◆]' | wc -l)" -eq 15 ]
}
wait_true nodes || fail "not 15 nodes in the network panel"
# the output layer's weights in the weights panel appear in the network
for w in $(screen | grep '^y_hat [-+]' | head -n 1 | grep -o '[-+][0-9]\.[0-9][0-9]' | head -n 4); do
    screen | sed -n '3,14p' | sed 's/│.*//' | grep -F -q -- "$w" ||
        { show; fail "the last layer's weight $w is not in the network panel"; }
done
alive || fail "the program ended"
finish
