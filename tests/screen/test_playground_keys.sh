# The playground's controls as keys: each changes its value on the screen
# and says what it did; on a truth table the data controls say why not.
. "$(dirname "$0")/lib.sh"
start 120 36 -- --dataset circle
wait_ready
keys N
wait_for "noise 0.2: the circle points made again" || fail "N did not change the noise"
wait_for "noise 0.2  test 20%" || fail "the noise is not shown"
keys T
wait_for "test share 30%: 140 rows to learn from, 60 held out" || fail "T did not change the test share"
keys G
wait_for "a new sample of circle (data seed 2)" || fail "G did not make a new sample"
keys K
wait_for "batch 1: one row a step, training continues" || fail "K did not change the batch"
wait_for "batch 1" || fail "the batch is not shown"
keys K
wait_for "batch 10: 10 rows a step" || fail "K did not step the batch"
keys P
wait_for "L1 0.001: the loss now includes" || fail "P did not turn on L1"
keys ')'
wait_for "L1 0.003" || fail ") did not raise the rate"
keys P
wait_for "L2 0.003: the loss now includes" || fail "P did not go on to L2"
keys P
wait_for "no regularisation, training continues" || fail "P did not turn it off"
keys '!'
wait_for "x1^2 on: 3 inputs, weights re-initialised, epoch 0" || fail "! did not add x1^2"
keys '!'
wait_for "x1^2 off: 2 inputs" || fail "! did not remove x1^2"
keys C
wait_for "regression: the label 0/1 as a number to fit" || fail "C did not switch to regression"
wait_for "relu/linear" || fail "the output did not follow the task"
keys C
wait_for "classification again" || fail "C did not switch back"
wait_for "relu/sigmoid  bce" || fail "the output and loss did not come back"
fresh
start 80 24
wait_ready
keys N
wait_for "xor is a fixed set: the noise is for the generated ones (d picks one)" ||
    fail "N on a truth table did not say why not, whole, at 80 columns"
keys C
wait_for "xor is a fixed set: the task switch is for the generated ones (d picks one)" ||
    fail "C on a truth table did not say why not, whole, at 80 columns"
finish
