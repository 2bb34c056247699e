# d and D cycle through the built-in datasets.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
wait_for "data xor" || fail "the dataset is not named"
keys d
wait_for "data and" || fail "d did not switch to the next dataset"
keys D D
wait_re 'data [a-z]+' || fail "no dataset name after D"
has "data and" && { show; fail "D did not move back"; }
alive || fail "the program ended"
finish
