# , and . change the play speed; p pauses; a paused screen stays still.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys .
wait_for "play speed 200/s" || fail ". did not speed up"
keys , , ,
wait_for "play speed 20/s" || fail ", did not slow down"
keys p
wait_state training || fail "p did not start"
wait_re 'epoch [1-9]' || fail "no epoch while playing"
keys p
wait_state paused || fail "p did not pause"
e1=$(screen | grep -o 'epoch [0-9]*' | tail -n 1)
# stepping by hand after pausing moves exactly one epoch on
n=${e1#epoch }
keys Space
wait_re "epoch $((n + 1))[^0-9]" || fail "space after pause did not give epoch $((n + 1))"
finish
