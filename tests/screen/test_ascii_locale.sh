# LANG=C: plain ASCII only; with NO_COLOR too: no colour either.
. "$(dirname "$0")/lib.sh"
start 100 30 LANG=C LC_ALL=C
wait_ready
keys Space Space Space
wait_re 'epoch 3[^0-9]' || fail "no epoch 3"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    screen | LC_ALL=C grep -n '[^ -~]' | head -3
    fail "non-ASCII characters under LANG=C"
fi
finish
fresh
start 100 30 LANG=C LC_ALL=C NO_COLOR=1
wait_ready
keys Space
wait_re 'epoch 1[^0-9]' || fail "no epoch 1"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    fail "non-ASCII characters under LANG=C NO_COLOR=1"
fi
if colour_codes; then
    fail "colour codes with NO_COLOR set"
fi
finish
fresh
# the map of four-feature data, its axis names and its boundary line too
start 120 36 LANG=C LC_ALL=C -- --dataset iris
wait_ready
keys Space Space
wait_re 'epoch 2[^0-9]' || fail "no epoch 2"
has "x: sepal length  y: sepal width" || fail "no axis names under LANG=C"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    screen | LC_ALL=C grep -n '[^ -~]' | head -3
    fail "non-ASCII characters on the iris map under LANG=C"
fi
finish
