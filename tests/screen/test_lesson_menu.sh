# b opens the lesson menu; a lesson opens at its first scene with its
# narration; the menu can leave the lesson again.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys b
wait_for "Lessons (arrows choose, Enter opens, Esc closes)" || fail "b did not open the menu"
for name in perceptron or xor-fail xor-mlp pytorch relu chain rate activations; do
    wait_for "$name" || fail "no lesson $name in the menu"
done
keys Escape
wait_gone "Lessons (arrows" || fail "Esc did not close the menu"
keys b Down Down Enter
wait_for "scene 1/9" || fail "the third lesson did not open"
wait_for "The same perceptron on XOR" || fail "no narration"
keys Enter
wait_for "scene 2/9" || fail "Enter did not go on"
keys b
wait_for "leave the lesson" || fail "no way out of the lesson"
# the menu opens on the lesson followed (the third); up past the first is
# the last row
keys Up Up Up Enter
wait_for "left the lesson" || fail "did not leave"
wait_gone "scene 2/9" || fail "the lesson line stayed"
finish
fresh
start 160 48 -- --lesson activations
wait_ready
wait_for "scene 1/7" || fail "no activations lesson"
wait_for "Activation gallery: f and its slope" || fail "scene 1 is not the gallery"
finish
