# A view and the lesson line follow the terminal's size: shrinking from
# 160x48 to 80x24 pages the gallery, too small gives the size message, and
# growing again brings the view back; F1 opens the help too.
. "$(dirname "$0")/lib.sh"
start 160 48 -- --lesson activations
wait_ready
wait_for "Activation gallery: f and its slope" || fail "no one-page gallery"
T resize-window -t "$SESSION" -x 80 -y 24
wait_for "Activation gallery 1/2" || fail "the gallery did not page at 80x24"
wait_for "scene 1/7" || fail "the lesson's keys went"
wait_for "Thirteen activations" || fail "the narration went"
T resize-window -t "$SESSION" -x 70 -y 20
wait_for "too small" || fail "no size message at 70x20"
T resize-window -t "$SESSION" -x 120 -y 40
wait_for "Activation gallery" || fail "the view did not come back"
wait_state paused || fail "no state word after the resizes"
keys F1
wait_for "Esc or ? closes this help" || fail "F1 did not open the help"
keys Escape
wait_gone "Esc or ? closes" || fail "Esc did not close the help"
finish
