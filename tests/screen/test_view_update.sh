# u opens the update view: the perceptron rule with every weight before and
# after (80x24), an MLP step's loss, size and largest changes (160x48); Esc
# goes back to the panels.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --model perceptron --dataset or
wait_ready
keys u
wait_for "Update: the perceptron rule" || fail "u did not open the update view"
wait_for "No step yet" || fail "no hint before the first step"
wait_for "n step" || fail "the hint line lacks the view's keys"
keys n
wait_for "error = y - y_hat =" || fail "no error line after n"
wait_for "w += lr * error * x" || fail "no rule"
wait_for "lr * error * x" || fail "no change column"
wait_re 'now: w1 = -?[0-9.]+ +w2 = -?[0-9.]+ +b = -?[0-9.]+' || fail "no weights after"
wait_state paused || fail "the status line lost its state word"
keys Escape
wait_for "Decision map" || fail "Esc did not go back to the panels"
finish
fresh
start 160 48
wait_ready
keys u
wait_for "Update: the last step of gradient descent" || fail "no MLP update view"
wait_for "No step yet" || fail "no hint before the first step"
keys n
wait_for "the full batch of 4 rows" || fail "no batch line"
wait_for "loss of the batch" || fail "no loss of the batch"
wait_for "size of the step" || fail "no step size"
wait_for "the weights that moved most" || fail "no largest changes"
wait_for "bias of y_hat" || fail "the output bias is not among the changes"
keys u
wait_for "Decision map" || fail "u again did not go back"
finish
