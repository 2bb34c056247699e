# At 80x24 every panel and every status word is there, and the network
# shows all eight hidden neurons of the first layer with their values.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
for word in "Network" "Weights" "Loss" "Decision map" "epoch 0" "loss 0." \
    "acc " "lr 0.1" "relu/sigmoid" "bce" "sgd" "paused"; do
    wait_for "$word" || fail "no '$word' at 80x24"
done
# 2 inputs + 8 + 4 + 1 nodes, each a bracketed value
nodes() { [ "$(screen | grep -o '\[[-+ ][0-9. e+-]*\]' | wc -l)" -ge 15 ]; }
wait_true nodes || fail "fewer than 15 node values at 80x24"
finish
