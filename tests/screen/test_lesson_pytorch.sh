# --lesson pytorch: the Book view reads the book's XOR script (its
# forward nested in __init__, what the forward computes), then puts the
# script's loss at epochs 10, 100 and 2000 and its four outputs, as
# PyTorch printed them for the project (tests/torch/seeded, torch seed 0),
# beside mlpviz's live numbers from the same seed: equal to the printed
# digit. E opens the view anywhere; a session that is not the script's is
# told which command is.
. "$(dirname "$0")/lib.sh"
fixture="$(cd "$(dirname "$0")/../torch/seeded" && pwd)/xor_book_seed_0.txt"
[ -r "$fixture" ] || fail "no fixture $fixture"
loss_at() { sed -n "s|^Epoch \[$1/2000\], Loss: \([0-9.]*\)$|\1|p" "$fixture"; }
output_of() { sed -n "s|^Input: \[$1\], Output: \([0-9.]*\), .*|\1|p" "$fixture"; }
l10=$(loss_at 10) l100=$(loss_at 100) l2000=$(loss_at 2000)
[ -n "$l10" ] && [ -n "$l100" ] && [ -n "$l2000" ] || fail "the fixture has no losses"
# "loss, epoch 10   PyTorch  mlpviz  same"
row() { wait_re "$1 +$2 +$2  same" || fail "$1: not $2 on both sides ($size)"; }
for size in "80 24" "120 36"; do
    [ "$size" = "80 24" ] || fresh
    start $size -- --lesson pytorch
    wait_ready
    wait_for "scene 1/5" || fail "no scene 1 ($size)"
    wait_for "Book 2/3: the book's PyTorch script" || fail "scene 1 is not the script page ($size)"
    wait_for "def forward(self, x):   # <- indented under __init__" ||
        fail "the nested forward is not shown ($size)"
    wait_for "NotImplementedError" || fail "what the nesting does is not said ($size)"
    wait_for "y_hat = sigmoid(W3 relu(W2 relu(W1 x + b1) + b2) + b3)" ||
        fail "what forward computes ($size)"
    keys Enter
    wait_for "scene 2/5" || fail "no scene 2 ($size)"
    wait_for "torch seed 0" || fail "the seed is not named ($size)"
    row "loss, epoch 10" "$l10"
    wait_re "loss, epoch 100 +$l100 +-" || fail "epoch 100 is shown too soon ($size)"
    keys Enter
    wait_for "scene 3/5" || fail "no scene 3 ($size)"
    row "loss, epoch 100" "$l100"
    keys Enter
    wait_for "scene 4/5" || fail "no scene 4 ($size)"
    row "loss, epoch 2000" "$l2000"
    for x in "0.0, 0.0" "0.0, 1.0" "1.0, 0.0" "1.0, 1.0"; do
        o=$(output_of "$x")
        [ -n "$o" ] || fail "the fixture has no output for [$x]"
        label=$(echo "$x" | sed 's/\.0//g')
        row "output \[$label\]" "$o"
    done
    has "differs" && fail "a number differs ($size)"
    keys Enter
    wait_for "scene 5/5" || fail "no scene 5 ($size)"
    wait_for "epoch 2000  loss $l2000" || fail "the main screen's loss is not the script's ($size)"
    finish
done
# E on the default session: the book's pages; the run page says the session
# is not the script's and names the command that is
fresh
start 80 24
wait_ready
keys E
wait_for "Book 1/3: the chain rule" || fail "E did not open the Book view"
keys NPage NPage
wait_for "Book 3/3" || fail "PgDn did not turn the pages"
wait_for "This session is not the book's script" || fail "the default session passed as the script"
wait_for "mlpviz --rng torch --seed 0" || fail "no command for the script's run"
keys Escape
wait_gone "Book 3/3" || fail "Esc did not close the view"
finish
# the script's network from torch seed 7 (recorded too): PyTorch's column
# is filled, mlpviz's waits for its epochs
fixture="${fixture%_0.txt}_7.txt"
l10=$(loss_at 10)
[ -n "$l10" ] || fail "no loss in $fixture"
fresh
start 80 24 -- --rng torch --seed 7
wait_ready
keys E PPage
wait_for "torch seed 7" || fail "the run page does not name seed 7"
wait_re "loss, epoch 10 +$l10 +-" || fail "seed 7's recorded loss is not shown"
finish
