# The network panel draws the selected node's edges fully with their
# values: its weights in beside the nodes they come from, its weights out
# beside the nodes they go to, and the title names the node with its
# weights in and its bias. The values are the weights panel's, at 80x24
# and 120x36.
. "$(dirname "$0")/lib.sh"
net() { screen | sed -n '2,16p' | sed 's/│.*//'; }
for size in "80 24" "120 36"; do
    [ "$size" = "80 24" ] || fresh
    start $size
    wait_ready
    # the output node, then the edges into it, their source h2.1, the
    # edges into h2.1 and their source h1.1; then down to h1.3
    keys Left Left Left Left
    wait_for "Decision map: h1.1" || fail "Left x4 did not select h1.1 at $size"
    keys Down Down
    wait_for "h1.3 relu: b -0.64 z " || fail "Down Down did not select h1.3 at $size"
    wait_for "Network mlp: h1.3 in x1 +0.28 x2 -0.50" ||
        fail "the title does not name h1.3 with its weights at $size"
    # the weights panel's row of h1.3: x1 grad x2 grad bias grad
    row=$(screen | grep '^h1\.3 [-+]' | head -n 1)
    w1=$(echo "$row" | awk '{print $2}')
    w2=$(echo "$row" | awk '{print $4}')
    [ "$w1" = "+0.28" ] && [ "$w2" = "-0.50" ] || { show; fail "weights panel row '$row'"; }
    # each weight in on the row of its input, just after the input node
    net | grep -q "^x1 .*[]●◆]$w1" || { show; fail "x1's weight $w1 is not beside x1 at $size"; }
    net | grep -q "^x2 .*[]●◆]$w2" || { show; fail "x2's weight $w2 is not beside x2 at $size"; }
    # its four weights out, each on the edge just before an h2 node's bias mark
    # (one braille cell of the edge between: three bytes, the first \342)
    outs=$(net | LC_ALL=C grep -o "[-+][0-9.e-]\{4\}$(printf '\342')..b" | wc -l)
    [ "$outs" -eq 4 ] || { show; fail "$outs weights out of h1.3 at $size, not 4"; }
    finish
done
# the bias is in the title where it fits
fresh
start 120 36
wait_ready
keys Left Left Left Left Down Down
wait_for "Network mlp: h1.3 in x1 +0.28 x2 -0.50 b -0.64" || fail "no bias in the title"
finish
