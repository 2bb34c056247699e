# d and D cycle through the built-in datasets.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
wait_for "data xor" || fail "the dataset is not named"
keys d
wait_for "data and" || fail "d did not switch to the next dataset"
keys D
wait_for "data xor" || fail "D did not move back to xor"
keys D
wait_for "data wave" || fail "D did not wrap round to the last dataset"
alive || fail "the program ended"
finish
