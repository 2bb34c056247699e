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
