# NO_COLOR: no colour codes on the screen, and it still reads.
. "$(dirname "$0")/lib.sh"
start 100 30 NO_COLOR=1
wait_ready
keys Space Space
wait_re 'epoch 2[^0-9]' || fail "no epoch 2"
# colour SGR parameters: 30-49, 90-107, 38;5;n / 48;5;n
if colour_codes; then
    screen_esc | cat -v | head -5
    fail "colour codes with NO_COLOR set"
fi
has "Decision map" || fail "no map panel"
finish
# a terminal without colours at all
fresh
start 100 30 TERM=vt100
wait_ready
keys Space
wait_re 'epoch 1[^0-9]' || fail "no epoch 1 on a vt100"
colour_codes && fail "colour codes on a terminal without colours"
finish
