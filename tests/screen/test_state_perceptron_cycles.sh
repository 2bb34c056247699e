# The perceptron on XOR (m, p): its weights come back every epoch, so
# play stops by itself, the state says cycling and the message why; the
# model switch says what it did (the book's rate 1, new weights). Back to
# the MLP: lr 0.1 again.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys m
wait_for "mlp -> perceptron, at the book's lr 1: weights re-initialised, epoch 0" ||
    fail "the switch did not say what it did"
wait_re 'lr 1  ' || fail "the perceptron does not run at the book's rate 1"
for word in "epoch 0" "loss 0.5000" "acc 50%" "lr 1" "paused" "data xor"; do
    status | grep -F -q -- "$word" || { show; fail "no '$word' on the perceptron's status line"; }
done
keys p
wait_state cycling || fail "the perceptron on XOR is not cycling"
wait_for "stopped: weights repeat every epoch (4 steps): no line separates these classes" ||
    fail "no word that play stopped and why"
status | grep -F -q "epoch 2 " || { show; fail "play did not stop at epoch 2"; }
# stopped: one epoch on space is one epoch, not a running clock
keys Space
wait_re 'epoch 3 ' || fail "space did not train one epoch"
status | grep -F -q "cycling" || { show; fail "no longer cycling"; }
# H lets play run through a verdict
keys H
wait_for "play stops when training converges or cycles: off" || fail "H did not say"
keys m
wait_for "perceptron -> mlp, at lr 0.1: weights re-initialised, epoch 0" ||
    fail "back to the MLP without a word"
wait_re 'lr 0\.1 ' || fail "the MLP does not run at 0.1"
keys a
wait_for "relu -> " || fail "the activation change said nothing"
wait_for ": weights re-initialised, epoch 0" || fail "the activation change said nothing"
finish
