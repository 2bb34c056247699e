# At 80x24 every panel and every status word is there, and the network
# shows all fifteen nodes (the eight hidden neurons of the first layer
# too), each unit with its bias mark, and the selected output node's four
# weights, each on the row of the node it comes from.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
for word in "Network" "Weights" "Loss" "Decision map" "epoch 0" "loss 0." \
    "acc " "lr 0.1" "relu/sigmoid" "bce" "sgd" "paused"; do
    wait_for "$word" || fail "no '$word' at 80x24"
done
# 8 + 4 + 1 units, each a glyph after its bias mark b; the 2 inputs
net() { screen | sed -n '2,12p' | sed 's/│.*//'; }
nodes() { [ "$(net | grep -o 'b[●◆]' | wc -l)" -eq 13 ] && [ "$(net | grep -c '^x[12] [●◆]')" -eq 2 ]; }
wait_true nodes || fail "not 13 units with a bias mark and 2 inputs at 80x24"
wait_for "Network mlp: y_hat in h2.1 +0.12" || fail "the title does not name the selected node"
# the weights into y_hat (the weights panel's row) beside their sources
for w in $(screen | grep '^y_hat [-+]' | head -n 1 | grep -o '[-+][0-9]\.[0-9][0-9]' | head -n 4); do
    net | grep -q -- "b[●◆]$w" || { show; fail "the weight $w is not beside its source"; }
done
finish
