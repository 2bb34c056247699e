# A left click on the map adds a point of the first class, a right click
# one of the second; a click elsewhere only moves the focus.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
wait_for "sample 1:" || fail "no sample line"
# the map is the right-hand top panel: column 75, row 8 is inside its plot
click 0 75 8
wait_re 'sample 5: .* y=0' || fail "a left click did not add a point of class 0"
click 2 70 12
wait_re 'sample 6: .* y=1' || fail "a right click did not add a point of class 1"
# a click on the loss panel focuses it and adds nothing
click 0 75 25
wait_for "━ Loss" || fail "a click on the loss panel did not focus it"
has "sample 7:" && fail "a click outside the map added a point"
keys Space
wait_re 'epoch 1[^0-9]' || fail "no training after the clicks"
finish
