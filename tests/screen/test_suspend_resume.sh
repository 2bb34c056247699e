# Ctrl-Z suspends the program from an interactive shell and fg brings it
# back with the whole screen redrawn.
. "$(dirname "$0")/lib.sh"
command -v bash >/dev/null 2>&1 || { echo "no bash: skipped"; exit 0; }
cat > "$TMP/shell.sh" <<EOS
unset LC_ALL LC_CTYPE NO_COLOR
export TERM=tmux-256color LANG=C.UTF-8 PS1='sh\$ '
cd "$TMP"
exec bash --norc --noprofile -i
EOS
T new-session -d -s "$SESSION" -x 100 -y 30 "sh $TMP/shell.sh" || fail "tmux could not start"
wait_for 'sh$' || fail "no shell prompt"
type_text "'$MLPVIZ_BIN' 2> '$TMP/stderr'"
keys Enter
wait_ready
keys Space
wait_re 'epoch 1[^0-9]' || fail "no epoch 1"
keys C-z
wait_for "Stopped" || fail "Ctrl-Z did not suspend the program"
wait_gone "Decision map" || fail "the screen was not given back to the shell"
type_text "fg"
keys Enter
wait_for "Decision map" || fail "fg did not bring the screen back"
wait_re 'epoch 1[^0-9]' || fail "the status line was not redrawn"
wait_for "Network" || fail "the network panel was not redrawn"
keys Space
wait_re 'epoch 2[^0-9]' || fail "keys do not work after fg"
keys q
wait_gone "Decision map" || fail "q after fg did not end the program"
type_text 'echo status=$?'
keys Enter
wait_for "status=0" || fail "q after fg did not exit with status 0"
no_sanitizer_reports
