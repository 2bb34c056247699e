# At 120x36 every hidden neuron of the 2-8-4-1 network has a picture of its
# output over the map's plane beside it: after its bias mark b, seven cells
# of half blocks in the map's colours (backgrounds from its blue/orange
# scale). At 80x24 there is no room for them: the nodes are glyphs, and
# the line above the network says how to put a neuron on the map.
. "$(dirname "$0")/lib.sh"
net() { screen | sed -n '2,18p' | sed 's/│.*//'; }
start 120 36
wait_ready
pictures() { [ "$(net | grep -o 'b[▀ ]\{7\}' | wc -l)" -eq 12 ]; }
wait_true pictures || fail "not 12 pictures of seven cells at 120x36"
# the pictures' cells are painted in the map's scale: background colours
# 25, 33, 111, 153, 255 (blue side, neutral), 223, 215, 208, 166 (orange)
esc=$(printf '\033')
rows=$(screen_esc | sed -n '3,18p' |
    grep -E -o "b(${esc}\[[0-9;]*m)*${esc}\[48;5;(25|33|111|153|255|223|215|208|166)m" | wc -l)
[ "$rows" -eq 12 ] || fail "$rows pictures in the map's colours, not 12"
# a neuron's picture changes as it learns: train, and h1.1's changes
before=$(screen_esc | sed -n '3,18p' | md5sum)
keys Space Space Space
wait_for "epoch 3 " || fail "no epoch 3"
after=$(screen_esc | sed -n '3,18p' | md5sum)
[ "$before" != "$after" ] || fail "the pictures did not change with training"
finish
fresh
start 80 24
wait_ready
wait_for "<- a neuron's map" || fail "no hint at 80x24 that the map can show a neuron"
net | grep -q 'b[▀ ]\{7\}' && fail "pictures at 80x24"
keys Left Left
wait_for "Decision map: h2.1" || fail "the map does not show h2.1 at 80x24"
wait_for "(on map)" || fail "the network does not say the map shows it"
finish
