# At 80x24 the status line keeps what matters most even with long names:
# epoch, loss, acc, lr, the state and the dataset; the activations, the
# loss and the optimizer stay on screen too, on the status line where they
# fit, else in the network panel's title.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --activation leaky_relu --output softsign --loss mse --optimizer momentum --lr 0.003
wait_ready
for word in "epoch 0" "loss " "acc " "lr 0.003" "paused" "data xor"; do
    status | grep -F -q -- "$word" || { show; fail "no '$word' on the status line"; }
done
for word in "leaky_relu/softsign" " mse" "momentum"; do
    { status; screen | head -n 1; } | grep -F -q -- "$word" ||
        { show; fail "'$word' neither on the status line nor in the network's title"; }
done
screen | head -n 1 | grep -F -q "Network mlp  mse  momentum" ||
    { show; fail "the network title does not take what the status line had no room for"; }
keys p
wait_state training || fail "no 'training' while playing"
keys p
wait_state paused || fail "no 'paused' after p"
finish
