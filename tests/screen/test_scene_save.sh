# S saves the whole scene with the view; --session reopens it at the same
# epoch, in the same view (and in a lesson, at the same scene).
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys Space Space Space
wait_re 'epoch 3[^0-9]' || fail "no epoch 3"
keys M
wait_for "Metrics" || fail "no metrics view"
keys S
wait_for "Save scene to [scene.json]: _" || fail "no empty scene prompt showing its default"
type_text "/tmp/x"
wait_for "Save scene to [scene.json]: /tmp/x_" || fail "typed text is not the whole name"
keys C-u
keys Enter
wait_for "saved the scene to scene.json" || fail "no confirmation"
[ -s "$TMP/scene.json" ] || fail "no scene file"
grep -q 'mlpviz-scene' "$TMP/scene.json" || fail "not a scene file"
finish
fresh
start 80 24 -- --session scene.json
wait_ready
wait_re 'epoch 3[^0-9]' || fail "the scene did not reopen at epoch 3"
wait_for "Metrics: accuracy" || fail "the scene did not reopen in its view"
finish
fresh
start 80 24 -- --lesson relu
wait_ready
keys Enter Enter
wait_for "scene 3/7" || fail "no scene 3"
keys S C-u
type_text "relu.json"
keys Enter
wait_for "saved the scene to relu.json" || fail "lesson scene not saved"
finish
fresh
start 80 24 -- --session relu.json
wait_ready
wait_for "scene 3/7" || fail "the lesson scene did not come back"
wait_for "(1 - 0)^2 / 2 = 0.5" || fail "the inspector's numbers did not come back"
keys Enter
wait_for "scene 4/7" || fail "Enter does not go on from the saved scene"
finish
