# Turning the rate up to 10 on the opening screen (R + + + + p): the
# book's network does not blow up, its ReLU units die. The status line
# says stalled and the message row says why, whole, counting the dead; a
# stall does not stop play, and the state says so until p pauses it.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys R + + + +
wait_re 'lr 10[^0-9]' || fail "+ did not take the rate to 10"
wait_for "lr 3 -> 10: training continues" || fail "no word on what the change did"
keys p
wait_re ' (stalled|diverged) ' || fail "lr 10 neither stalled nor diverged"
wait_state stalled || fail "not stalled"
wait_for "4 of 4 ReLU units in layer 2 are dead, 4 of 8 in layer 1: no gradient passes" ||
    fail "no reason for the stall"
# the required fields stay on the status line at 80 columns
for word in "epoch " "loss " "acc 50%" "lr 10" "stalled" "data xor"; do
    status | grep -F -q -- "$word" || { show; fail "no '$word' on the status line"; }
done
wait_for "stalled (playing)" || fail "the state does not say that play goes on"
keys p
wait_gone "(playing)" || fail "p did not pause, or the state still says playing"
wait_state stalled || fail "not stalled once paused"
alive || fail "the program ended"
finish
