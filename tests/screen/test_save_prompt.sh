# s asks for a file name with a default; Enter saves the model file, Esc
# cancels.
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
keys s
wait_for "Save model to [model.json]: _" || fail "no empty prompt showing the default name"
keys Escape
wait_for "not saved" || fail "Esc did not cancel"
[ -e "$TMP/model.json" ] && fail "a file was written after Esc"
keys s
wait_for "Save model to [model.json]:" || fail "no prompt the second time"
keys C-u
type_text "xor-model.json"
keys Enter
wait_for "saved the model" || fail "no confirmation"
[ -s "$TMP/xor-model.json" ] || fail "the model file is missing"
grep -q 'mlpviz-model' "$TMP/xor-model.json" || fail "not a model file"
# a file name that cannot be written gives a message, not a crash
keys s C-u
type_text "/nonexistent-dir/x.json"
keys Enter
wait_re 'nonexistent|cannot|could not|No such' || fail "no error message for a bad path"
alive || fail "the program ended"
finish
