# lib.sh - helpers for the screen tests, sourced by each test_*.sh: a private
# tmux server per test (its own socket), the real program started in a
# detached session at a fixed size through a wrapper that records its exit
# status and the terminal modes it left, keys sent, and the pane polled
# until the expected text appears (never a fixed sleep as the assertion).
# MLPVIZ_BIN names the program; MLPVIZ_TEST_TIMEOUT the seconds to wait.
: "${MLPVIZ_BIN:?MLPVIZ_BIN must name the mlpviz binary}"
TIMEOUT=${MLPVIZ_TEST_TIMEOUT:-20}
SOCK="mlpviz-test-$$"
SESSION=t
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mlpviz-screen.XXXXXX")

T() { tmux -u -L "$SOCK" -f /dev/null "$@"; }

# the server's socket file, which tmux leaves behind
sock_path() { echo "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"; }

cleanup() {
    T kill-server >/dev/null 2>&1
    rm -f "$(sock_path)"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "FAIL: $*"
    exit 1
}

# start WIDTH HEIGHT [VAR=value ...] [-- program arguments ...]
# Runs the program in a UTF-8 locale on a 256-colour terminal unless the
# VAR=value pairs say otherwise.
start() {
    w=$1
    h=$2
    shift 2
    {
        echo '#!/bin/sh'
        echo 'unset LC_ALL LC_CTYPE NO_COLOR'
        # Ctrl-C reaches the whole foreground group: the wrapper outlives
        # it (a trap, not an ignore, so that the program gets the default)
        echo "trap ':' INT"
        echo 'export TERM=tmux-256color LANG=C.UTF-8'
        while [ $# -gt 0 ] && [ "$1" != "--" ]; do
            printf 'export %s\n' "$1"
            shift
        done
        [ "${1:-}" = "--" ] && shift
        printf 'cd %s\n' "$TMP"
        # the program is the wrapper's child, in the foreground; its pid is
        # kept for the signal tests
        printf 'sh -c '\''echo $$ > "%s/pid"; exec "$0" "$@"'\'' "%s"' "$TMP" "$MLPVIZ_BIN"
        for a in "$@"; do
            printf ' '\''%s'\''' "$a"
        done
        printf ' 2> "%s/stderr"\n' "$TMP"
        printf 'echo $? > "%s/rc.tmp"\n' "$TMP"
        printf 'stty -a > "%s/stty" 2>&1\n' "$TMP"
        printf 'mv "%s/rc.tmp" "%s/rc"\n' "$TMP" "$TMP"
        echo 'exec sleep 600'
    } > "$TMP/run.sh"
    T new-session -d -s "$SESSION" -x "$w" -y "$h" "sh $TMP/run.sh" ||
        fail "tmux could not start"
}

screen() { T capture-pane -p -t "$SESSION"; }
screen_esc() { T capture-pane -p -e -t "$SESSION"; }

keys() { T send-keys -t "$SESSION" "$@"; }
# literal text, one key per character
type_text() { T send-keys -t "$SESSION" -l "$1"; }

show() {
    echo "--- screen ---"
    screen
    echo "--------------"
    if [ -s "$TMP/stderr" ]; then
        echo "--- stderr ---"
        cat "$TMP/stderr"
    fi
}

# wait_for TEXT: polls until the screen contains TEXT (fixed string).
wait_for() {
    _end=$(($(date +%s) + TIMEOUT))
    while :; do
        if screen | grep -F -q -- "$1"; then
            return 0
        fi
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for: $1"
            show
            return 1
        fi
        sleep 0.1
    done
}

# wait_re REGEX: the same with an extended regular expression.
wait_re() {
    _end=$(($(date +%s) + TIMEOUT))
    while :; do
        if screen | grep -E -q -- "$1"; then
            return 0
        fi
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for /$1/"
            show
            return 1
        fi
        sleep 0.1
    done
}

# wait_gone TEXT: polls until the screen no longer contains TEXT.
wait_gone() {
    _end=$(($(date +%s) + TIMEOUT))
    while :; do
        if ! screen | grep -F -q -- "$1"; then
            return 0
        fi
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for '$1' to go"
            show
            return 1
        fi
        sleep 0.1
    done
}

# wait_exit: polls until the program has ended; prints its exit status.
wait_exit() {
    _end=$(($(date +%s) + TIMEOUT))
    while [ ! -f "$TMP/rc" ]; do
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for the program to exit" >&2
            show >&2
            return 1
        fi
        sleep 0.1
    done
    cat "$TMP/rc"
}

# has TEXT: the current screen contains TEXT.
has() { screen | grep -F -q -- "$1"; }

# The opening screen is up (keys typed before it could be lost).
wait_ready() { wait_re '(paused|converged|diverged|stalled|cycling)' || fail "the screen did not open"; }

# alive: the program has not exited.
alive() { [ ! -f "$TMP/rc" ]; }

# fresh: ends this test's tmux server and the program, for a second run in
# the same test (a new socket, so the old server's end cannot race it).
fresh() {
    T kill-server >/dev/null 2>&1
    rm -f "$(sock_path)"
    SOCK="$SOCK.n"
    rm -f "$TMP/rc" "$TMP/rc.tmp" "$TMP/pid" "$TMP/stty" "$TMP/stderr"
}

# colour_codes: the screen, with attributes, has an SGR colour parameter
# (30-38, 40-48, 90-97, 100-107; 39 and 49 are the defaults tmux always
# writes).
colour_codes() {
    _esc=$(printf '\033')
    screen_esc | grep -E -q "${_esc}\\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m"
}

# no_sanitizer_reports: fails when the program's stderr holds a report of
# AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer.
no_sanitizer_reports() {
    if [ -f "$TMP/stderr" ] && grep -E -q 'Sanitizer|runtime error' "$TMP/stderr"; then
        cat "$TMP/stderr"
        fail "sanitizer report"
    fi
}

# finish: quits with q (unless the program already ended), expects exit
# status 0 and no sanitizer report. Every test ends with it.
finish() {
    if alive; then
        keys q
    fi
    _rc=$(wait_exit) || fail "the program did not end after q"
    no_sanitizer_reports
    [ "$_rc" = 0 ] || { show; fail "exit status $_rc"; }
}

# click BUTTON X Y: a mouse press and its release at screen column X, row Y
# (0-based), as the terminal sends them (X10 encoding: ESC [ M, then
# button+32, x+33, y+33; button 3 is the release). BUTTON: 0 left, 2 right.
click() {
    _x=$(printf "\\$(printf %o $(($2 + 33)))")
    _y=$(printf "\\$(printf %o $(($3 + 33)))")
    _b=$(printf "\\$(printf %o $(($1 + 32)))")
    T send-keys -t "$SESSION" -l "$(printf '\033[M')$_b$_x$_y"
    _b=$(printf "\\$(printf %o 35)")
    T send-keys -t "$SESSION" -l "$(printf '\033[M')$_b$_x$_y"
}

# status: the status line (the second row from the bottom).
status() { screen | tail -n 2 | head -n 1; }

# wait_state WORD: polls until the status line's state is WORD (paused,
# training, converged, diverged, stalled, cycling).
wait_state() {
    _end=$(($(date +%s) + TIMEOUT))
    while :; do
        if status | grep -E -q -- "(^| )$1( |\$)"; then
            return 0
        fi
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for the state '$1'"
            show
            return 1
        fi
        sleep 0.1
    done
}

# wait_true COMMAND...: polls until the command succeeds (for counts and
# other checks over the whole screen, which a half-drawn frame could fail).
wait_true() {
    _end=$(($(date +%s) + TIMEOUT))
    while :; do
        if "$@"; then
            return 0
        fi
        if [ "$(date +%s)" -ge "$_end" ]; then
            echo "timed out waiting for: $*"
            show
            return 1
        fi
        sleep 0.1
    done
}
