# The learning-rate sweep: the rate lesson's last scene opens it on the XOR
# network with a linear output and mse; 300 epochs for every run mark lr 10
# as diverged (at epoch 18) and name lr 1 the best. Then w from the main
# screen at 160x48 (legend beside the plot), p to play, the arrows to move
# the rates; and in plain ASCII without colours, where letters tell the
# curves apart.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --lesson rate
wait_ready
keys Enter Enter Enter Enter
wait_for "Learning-rate sweep: mlp 2-8-4-1 relu on xor" || fail "scene 5 did not open the sweep"
for r in "a lr 0.001" "b lr 0.01" "c lr 0.1" "d lr 1 " "e lr 10"; do
    wait_for "$r" || fail "no '$r' in the legend"
done
keys -N 300 Space
wait_for "epoch 300" || fail "space did not train the runs"
wait_for "e lr 10      x diverged at epoch 18" || fail "lr 10 is not marked diverged"
wait_for "best: lr 1 (loss" || fail "the best rate is not named"
wait_for "d lr 1       loss" || fail "no loss for lr 1"
screen | grep -F "d lr 1 " | grep -q "best" || { show; fail "lr 1 is not marked best"; }
# the screen's own session stayed where the scene left it
status | grep -q "epoch 18 " || { show; fail "the sweep trained the screen's session"; }
finish

fresh
start 160 48 -- --dataset xor
wait_ready
keys w
wait_for "Learning-rate sweep" || fail "w did not open the sweep"
wait_for "log scale; x: where a run diverged" || fail "no legend beside the plot"
keys p
wait_for "best: lr" || fail "playing named no best rate"
keys p
keys Down
wait_for "neighbours" || fail "Down did not switch to neighbouring rungs"
wait_for "a lr 0.01 " || fail "the neighbouring rates are not 0.01 .. 1"
wait_for "e lr 1 " || fail "the neighbouring rates do not end at 1"
keys +
wait_for "e lr 3 " || fail "+ did not move the rates up"
keys Escape
wait_for "Decision map" || fail "Esc did not go back"
finish

fresh
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 -- --lesson rate
wait_ready
keys Enter Enter Enter Enter
wait_for "Learning-rate sweep" || fail "no sweep under LANG=C"
keys -N 40 Space
wait_for "x diverged" || fail "no diverged mark"
# the curves are drawn with their letters
wait_re '^ +[0-9.e+-]+ .*[abcd]' || fail "no curve letters in the plot"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    show
    fail "non-ASCII characters under LANG=C"
fi
finish
