# --lesson or: the OR perceptron in the book's row order ends with
# w1 = w2 = 1, b = -1 and no error.
. "$(dirname "$0")/lib.sh"
start 80 24 -- --lesson or
wait_ready
wait_for "scene 1/6" || fail "no scene 1"
keys Enter
wait_for "scene 2/6" || fail "no scene 2"
wait_for "x = [1, 1]   y = 1   y_hat = 1   error = y - y_hat = 0" || fail "row [1,1]"
keys Enter
wait_for "scene 3/6" || fail "no scene 3"
wait_for "x = [0, 0]   y = 0   y_hat = 1   error = y - y_hat = -1" || fail "row [0,0]"
wait_for "now: w1 = 0   w2 = 0   b = -1" || fail "b did not drop to -1"
keys Enter Enter
wait_for "scene 5/6" || fail "no scene 5"
wait_for "now: w1 = 1   w2 = 1   b = -1" || fail "not the book's final weights"
wait_state converged || fail "not converged"
keys Enter
wait_for "scene 6/6" || fail "no scene 6"
wait_for "Decision map" || fail "the last scene is not the main view"
finish
