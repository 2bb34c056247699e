# The opening screen at 100x30: the book's XOR network with the four panel
# titles and every status word.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
for word in "Network" "Weights" "Loss" "Decision map" "epoch 0" "loss 0." \
    "acc " "lr 0.1" "relu/sigmoid" "bce" "sgd" "paused" "y_hat" "x1" "x2"; do
    has "$word" || { show; fail "no '$word' on the opening screen"; }
done
# 2-8-4-1: the weights panel starts on the output layer (4 -> 1)
has "4->1 sigmoid" || { show; fail "the weights panel does not show the output layer"; }
alive || fail "the program ended"
finish
