# Selecting a hidden neuron with the arrows makes the map show that
# neuron's own output; back on the output node it shows the model again.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
wait_for "y_hat sigmoid" || fail "the output node is not selected at the start"
# output node -> the edges into it -> their source, h2.1
keys Left
wait_re 'w y_hat<-h2\.1' || fail "Left did not select an edge into the output"
keys Left
wait_for "Decision map: h2.1" || fail "the map does not show neuron h2.1"
wait_for "(on the map)" || fail "the network does not say the map shows it"
keys Up
wait_for "Decision map: h2.4" || fail "Up did not move to h2.4"
keys Right Right
wait_for "y_hat sigmoid" || fail "Right Right did not come back to the output"
wait_gone "Decision map:" || fail "the map still shows a neuron"
# the weights panel follows an edge selection, bias included
keys Tab
wait_for "━ Weights" || fail "Tab did not focus the weights panel"
keys Right Right Right Right
wait_for "y_hat<-bias" || fail "the bias cell cannot be selected"
finish
