# A 1,000,000-row CSV opens in the screen: play answers keys, and the hidden
# space shows an even sample of the rows (saying how many of how many)
# instead of carrying every row through the network each frame.
. "$(dirname "$0")/lib.sh"
awk 'BEGIN { srand(3); print "x1,x2,label"
    for (i = 0; i < 1000000; i++) { a = rand() * 4 - 2; b = rand() * 4 - 2
        printf "%.4f,%.4f,%d\n", a, b, (a * b > 0) } }' >"$TMP/big.csv"
start 120 36 -- --dataset big.csv --lr 0.003
wait_ready
wait_for "data big" || fail "the big CSV is not the dataset"
keys p
wait_state training || fail "p did not start training"
keys +
wait_for "lr 0.01 " || fail "+ was not answered while playing"
keys h
wait_for "Hidden space" || fail "h did not open the hidden space"
wait_for "points: 4000 of the 1000000 data rows (evenly spread)" ||
    fail "the hidden space does not say it shows a sample"
keys -
wait_for "lr 0.003 " || fail "- was not answered while playing in the hidden space"
keys p
wait_state paused || fail "p did not pause"
finish
