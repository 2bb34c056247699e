# The keyboard cursor on the map adds points of either class and removes
# the nearest one; the network then shows the new point.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
wait_for "sample 1:" || fail "no sample line"
keys Tab Tab Tab
wait_re 'Decision map \(-?[0-9.]+, -?[0-9.]+\)' || fail "Tab did not reach the map"
keys Up Up Left
keys 1
wait_for "sample 5:" || fail "1 did not add a fifth point"
keys 0
wait_for "sample 6:" || fail "0 did not add a sixth point"
keys x
wait_gone "sample 6:" || fail "x did not remove a point"
keys Space
wait_re 'epoch 1[^0-9]' || fail "no training after adding points"
alive || fail "the program ended"
finish
