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
fresh
# the activations lesson ends on the gallery: there Enter still means the
# next scene (so the lesson ends, the activation stays), and the hint names
# U for using the activation chosen
start 80 24 -- --lesson activations
wait_ready
keys Enter Enter Enter Enter Enter Enter
wait_for "scene 7/7" || fail "no last scene"
wait_for "U use" || fail "the gallery's hint does not name U inside the lesson"
wait_gone "Enter use" || fail "the hint offers Enter for using an activation inside the lesson"
wait_re 'epoch 1000 .*relu/sigmoid' || fail "not the relu run at epoch 1000"
keys Right Enter
wait_for "the lesson ends here" || fail "Enter on the last scene did not end the lesson"
wait_re 'epoch 1000 .*relu/sigmoid' || fail "Enter on the last scene changed the activation or the run"
finish
