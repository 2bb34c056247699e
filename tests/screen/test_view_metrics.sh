# M opens the metrics: accuracy and the confusion matrix with class names;
# for a regression the losses.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --dataset iris
wait_ready
keys M
wait_for "Metrics: accuracy and the confusion matrix" || fail "M did not open it"
wait_for "predicted:" || fail "no matrix"
wait_for "setosa" || fail "no class names"
wait_for "accuracy" || fail "no accuracy"
keys Space
wait_re 'epoch 1[^0-9]' || fail "space did not train in the view"
keys M
wait_for "Decision map" || fail "M again did not go back"
finish
fresh
start 160 48 -- --dataset circle
wait_ready
keys M
wait_for "train (160 rows)" || fail "no train matrix"
wait_for "test (40 rows)" || fail "no test matrix"
finish
fresh
start 80 24 -- --dataset wave
wait_ready
keys M
wait_for "Metrics: the losses (regression)" || fail "no regression metrics"
wait_for "no accuracy, no confusion matrix" || fail "no word on regression"
finish
