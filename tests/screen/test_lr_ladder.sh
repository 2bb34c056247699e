# + and - move the learning rate along the ladder.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys +
wait_re 'lr 0\.3[^0-9]' || fail "+ did not move lr from 0.1 to 0.3"
keys - -
wait_re 'lr 0\.03[^0-9]' || fail "- - did not move lr from 0.3 to 0.03"
keys - - - - - - - -
wait_re 'lr 1e-05[^0-9]' || fail "the ladder does not stop at 0.00001"
finish
