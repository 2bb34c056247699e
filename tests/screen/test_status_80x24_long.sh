# At 80x24 the status keeps every word even with long names: epoch, loss,
# acc, lr, both activations, the loss, the optimizer and the state.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --activation leaky_relu --output softsign --loss mse --optimizer momentum --lr 0.003
wait_ready
for word in "epoch 0" "loss " "acc " "lr 0.003" "leaky_relu/softsign" " mse" \
    "momentum" "paused"; do
    screen | tail -n 2 | grep -F -q -- "$word" || { show; fail "no '$word' in the status rows"; }
done
keys p
wait_state training || fail "no 'training' while playing"
keys p
wait_state paused || fail "no 'paused' after p"
finish
