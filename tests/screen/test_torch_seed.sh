# A run from PyTorch's generator says so on the status line, and r keeps
# the generator for the next seed.
. "$(dirname "$0")/lib.sh"
start 120 36 -- --rng torch --seed 5
wait_ready
wait_for "torch seed 5" || fail "the status line does not say torch seed"
keys r
wait_for "new initial weights from torch seed 6" || fail "r did not keep the generator"
wait_for "torch seed 6" || fail "the status line lost the generator"
finish
