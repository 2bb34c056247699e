# --lesson perceptron: scene by scene with Enter, back with Backspace; the
# update view shows the book's first update, w1 = -1, w2 = 0, b = -1; the
# last scene says where that line is, x1 = -1, and the map shows it: its x
# axis reaches left of -1, so both sides of the line are on the map.
. "$(dirname "$0")/lib.sh"
for size in "80 24" "120 36" "160 48"; do
    start $size -- --lesson perceptron
    wait_ready
    wait_for "scene 1/4" || fail "no scene number ($size)"
    wait_for "has to learn to answer 0 for [1, 0]" || fail "no narration ($size)"
    wait_for "No step yet" || fail "scene 1 is not the update view ($size)"
    keys Enter
    wait_for "scene 2/4" || fail "Enter did not go to scene 2 ($size)"
    wait_for "x = [1, 0]   y = 0   y_hat = 1   error = y - y_hat = -1" ||
        fail "not the book's first sample ($size)"
    wait_for "z = 0*1 + 0*0 + 0 = 0" || fail "no z ($size)"
    wait_for "now: w1 = -1   w2 = 0   b = -1" || fail "not the book's update ($size)"
    keys Enter
    wait_for "scene 3/4" || fail "no scene 3 ($size)"
    wait_for "z = -1*1 + 0*0 - 1 = -2" || fail "no second z ($size)"
    wait_for "error 0: the rule leaves every weight" || fail "no zero error ($size)"
    keys Enter
    wait_for "scene 4/4" || fail "no scene 4 ($size)"
    wait_for "Decision map" || fail "scene 4 is not the main view ($size)"
    wait_for "Its line -x1 - 1 = 0 is x1 = -1; right of it, at [1, 0], the output is 0." ||
        fail "scene 4 does not say where the line is ($size)"
    # the map's x axis: the row above the loss panel's rule, right of the bar
    axis=$(screen | grep -B1 -- "─ Loss" | head -n 1 | sed 's/.*│//')
    echo "$axis" | grep -E -q '(^| )0( |$)' || fail "no x axis found: '$axis' ($size)"
    left=no
    for t in $axis; do
        awk -v t="$t" 'BEGIN { exit !(t + 0 < -1) }' && left=yes
    done
    [ "$left" = yes ] ||
        fail "the map does not reach left of the line x1 = -1: '$axis' ($size)"
    keys BSpace
    wait_for "scene 3/4" || fail "Backspace did not go back ($size)"
    wait_for "error 0: the rule leaves every weight" || fail "scene 3 differs ($size)"
    wait_state converged || fail "no state word ($size)"
    finish
    fresh
done
