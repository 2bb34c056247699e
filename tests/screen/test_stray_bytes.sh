# Bytes that are not UTF-8 (a lone continuation byte, a byte UTF-8 never
# uses, a character broken off) are dropped and the keys after them still
# work: ncurses's own decoding kept such a byte and swallowed every key
# typed after it (found by the key-mash test, seed 101).
. "$(dirname "$0")/lib.sh"
start 100 30
wait_ready
for bytes in "ae" "c1" "ff" "ae 0b c1 af"; do
    T send-keys -t "$SESSION" -H $bytes
    keys ?
    wait_for "Esc or ? closes" || fail "? after the bytes $bytes did not open the help"
    keys Escape
    wait_gone "Esc or ? closes" || fail "Esc after the bytes $bytes did not close the help"
done
# a character broken off by an ASCII byte: that byte is a key of its own
T send-keys -t "$SESSION" -H e2 82 3f
wait_for "Esc or ? closes" || fail "the ? that broke off a character was lost"
keys Escape
wait_gone "Esc or ? closes" || fail "Esc did not close the help"
# a whole character goes into a prompt as nothing, and the prompt goes on
keys s
wait_for "Save model to [model.json]: _" || fail "no save prompt"
T send-keys -t "$SESSION" -H c3 a9 ae
type_text "ab.json"
wait_for "Save model to [model.json]: ab.json_" || fail "the typing after the bytes was lost"
keys Escape
wait_for "not saved" || fail "Esc did not cancel"
finish
