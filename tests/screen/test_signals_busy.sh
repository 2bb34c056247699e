# SIGTERM, SIGINT and SIGHUP while the program is busy - playing, drawing
# the loss landscape while playing, playing the learning-rate sweep - end
# it with 128+signal and the terminal restored; and when the terminal
# itself goes away (tmux kills the server: the program gets SIGHUP and its
# terminal is gone) it ends at once instead of drawing into nothing - also
# when no SIGHUP comes (started by setsid, the terminal is not its own): it
# used to train and draw on into the closed terminal at a full core.
. "$(dirname "$0")/lib.sh"

first_epoch() { screen | grep -o 'epoch [0-9][0-9]*' | head -n 1; }
moved_from() { [ "$(first_epoch)" != "$1" ]; }

# gone PID: the process ends within the test's timeout
gone() {
    _end=$(($(date +%s) + TIMEOUT))
    while kill -0 "$1" 2>/dev/null; do
        if [ "$(date +%s)" -ge "$_end" ]; then
            kill "$1"
            return 1
        fi
        sleep 0.1
    done
}

# busy STATE: starts the program and makes it busy that way
busy() {
    start 120 36
    wait_ready
    case "$1" in
    play) ;;
    landscape) keys y; wait_for "Loss landscape" || fail "y did not open the landscape" ;;
    sweep) keys w; wait_for "Learning-rate sweep" || fail "w did not open the sweep" ;;
    esac
    keys p
    case "$1" in
    sweep) wait_re 'epoch [1-9]' || fail "the sweep did not play" ;;
    *) wait_state training || fail "p did not start training ($1)" ;;
    esac
    # a few frames of it
    e0=$(first_epoch)
    wait_true moved_from "$e0" || fail "the epoch did not move ($1)"
}

for state in play landscape sweep; do
    for sig in TERM INT HUP; do
        case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
        busy $state
        kill -$sig "$(cat "$TMP/pid")"
        rc=$(wait_exit) || fail "SIG$sig did not end the program ($state)"
        [ "$rc" = $want ] || fail "exit status $rc after SIG$sig ($state), want $want"
        grep -q -- '-icanon' "$TMP/stty" && fail "canonical mode not restored after SIG$sig ($state)"
        grep -q -- '-echo ' "$TMP/stty" && fail "echo not restored after SIG$sig ($state)"
        no_sanitizer_reports
        fresh
    done
    # the terminal closed under it
    busy $state
    pid=$(cat "$TMP/pid")
    T kill-server
    gone "$pid" || fail "the program went on after its terminal closed ($state)"
    no_sanitizer_reports
    fresh
done

command -v setsid >/dev/null 2>&1 || { echo "skip: no setsid"; exit 0; }
printf '#!/bin/sh\nexec setsid %s "$@"\n' "$MLPVIZ_BIN" >"$TMP/nohup-prog"
chmod +x "$TMP/nohup-prog"
MLPVIZ_BIN=$TMP/nohup-prog
for state in play landscape sweep; do
    busy $state
    pid=$(cat "$TMP/pid")
    T kill-server
    gone "$pid" || fail "the program, given no SIGHUP, went on after its terminal closed ($state)"
    no_sanitizer_reports
    fresh
done
