# lib.sh - sourced by check.sh and record.sh: reads tests/golden/cases and
# drives one case in its own private tmux server (a socket of its own, so
# that cases and other test runs can go side by side), then leaves the
# screen it settled on in two files: NAME.txt (the plain text of
# `tmux capture-pane -p`) and NAME.ansi (the same with the colour escapes,
# `-p -e`).
#
# A case runs like this: start the program at the case's size with its
# arguments, wait for the first screen (the status line's state word), send
# the keys, wait for the marker text, then wait until the screen is stable:
# GOLDEN_STABLE (default 6) captures 0.1 s apart, text and colours, all the
# same. Every wait polls and gives up after GOLDEN_TIMEOUT seconds
# (default 20). With GOLDEN_HOLD=N (record.sh sets 7) the screen must also
# be the same N seconds later: no message that a timer clears (they last
# 6 s), nothing else that moves by itself.
GOLDEN_DIR=$(cd "$(dirname "$0")" && pwd)
GOLDEN_TOP=$(cd "$GOLDEN_DIR/../.." && pwd)
GOLDEN_CASES=${GOLDEN_CASES:-$GOLDEN_DIR/cases}
GOLDEN_TIMEOUT=${GOLDEN_TIMEOUT:-20}
GOLDEN_STABLE=${GOLDEN_STABLE:-6}
GOLDEN_HOLD=${GOLDEN_HOLD:-0}

# golden_norm FILE: an .ansi capture in one spelling (norm.awk): each run of
# text with the attributes in effect for it, however tmux chose to spell the
# escapes that set them.
golden_norm() {
    awk -f "$GOLDEN_DIR/norm.awk" "$1"
}

# golden_bin PATH: the absolute path of an executable, or exit 2
golden_bin() {
    case "$1" in
    /*) _b=$1 ;;
    *) _b=$(pwd)/$1 ;;
    esac
    if [ ! -x "$_b" ]; then
        echo "$0: $_b is not an executable" >&2
        exit 2
    fi
    if ! command -v tmux >/dev/null 2>&1; then
        echo "$0: tmux is needed for the golden screens" >&2
        exit 2
    fi
    echo "$_b"
}

# golden_lines: the cases file without comments and blank lines, each line
# "name|size|args|keys|marker" with the blanks around the bars removed
golden_lines() {
    sed -e 's/[[:space:]]*|[[:space:]]*/|/g' -e 's/^[[:space:]]*//' \
        -e 's/[[:space:]]*$//' "$GOLDEN_CASES" | grep -v -e '^#' -e '^$'
}

# golden_names: every case's name, in the file's order
golden_names() { golden_lines | cut -d'|' -f1; }

# golden_case NAME: the case's line, or nothing
golden_case() { golden_lines | awk -F'|' -v n="$1" '$1 == n'; }

# golden_run BIN NAME OUTDIR: runs the case, writes OUTDIR/NAME.txt and
# OUTDIR/NAME.ansi; on failure says why on stdout and returns 1.
golden_run() {
    _bin=$1
    _name=$2
    _out=$3
    _line=$(golden_case "$_name")
    if [ -z "$_line" ]; then
        echo "no case named $_name in $GOLDEN_CASES"
        return 1
    fi
    _size=$(echo "$_line" | cut -d'|' -f2)
    _args=$(echo "$_line" | cut -d'|' -f3)
    _keys=$(echo "$_line" | cut -d'|' -f4)
    _marker=$(echo "$_line" | cut -d'|' -f5-)
    _w=${_size%x*}
    _h=${_size#*x}
    _sock="mlpviz-golden-$$-$_name"
    _tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlpviz-golden.XXXXXX")
    (
        T() { tmux -u -L "$_sock" -f /dev/null "$@"; }
        trap 'T kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$_sock"; rm -rf "$_tmp"' EXIT
        cap() { T capture-pane -p -t g; }
        cape() { T capture-pane -p -e -t g; }
        # wait_re REGEX WHAT: polls until the screen matches
        wait_re() {
            _end=$(($(date +%s) + GOLDEN_TIMEOUT))
            while ! cap | grep -E -q -- "$1"; do
                if [ -f "$_tmp/rc" ]; then
                    echo "$_name: the program ended (status $(cat "$_tmp/rc")) waiting for $2"
                    cat "$_tmp/stderr" 2>/dev/null
                    return 1
                fi
                if [ "$(date +%s)" -ge "$_end" ]; then
                    echo "$_name: timed out waiting for $2"
                    echo "--- screen ---"
                    cap
                    echo "--------------"
                    return 1
                fi
                sleep 0.1
            done
        }
        # settle: polls until GOLDEN_STABLE captures in a row are the same
        settle() {
            _end=$(($(date +%s) + GOLDEN_TIMEOUT))
            _same=0
            cap >"$_tmp/a.txt"
            cape >"$_tmp/a.ansi"
            while [ "$_same" -lt "$GOLDEN_STABLE" ]; do
                sleep 0.1
                cap >"$_tmp/b.txt"
                cape >"$_tmp/b.ansi"
                if cmp -s "$_tmp/a.txt" "$_tmp/b.txt" &&
                    cmp -s "$_tmp/a.ansi" "$_tmp/b.ansi"; then
                    _same=$((_same + 1))
                else
                    _same=0
                    mv "$_tmp/b.txt" "$_tmp/a.txt"
                    mv "$_tmp/b.ansi" "$_tmp/a.ansi"
                fi
                if [ "$(date +%s)" -ge "$_end" ]; then
                    echo "$_name: the screen never became stable"
                    cat "$_tmp/b.txt"
                    return 1
                fi
            done
        }
        {
            echo '#!/bin/sh'
            echo 'unset LC_ALL LC_CTYPE NO_COLOR'
            echo 'export TERM=tmux-256color LANG=C.UTF-8'
            printf 'export MLPVIZ_DATADIR=%s/datasets\n' "$GOLDEN_TOP"
            printf 'cd %s\n' "$_tmp"
            # $_args is split on blanks on purpose: the cases have no quoting
            printf '"%s" %s 2>"%s/stderr"\n' "$_bin" "$_args" "$_tmp"
            printf 'echo $? >"%s/rc"\n' "$_tmp"
            echo 'exec sleep 600'
        } >"$_tmp/run.sh"
        T new-session -d -s g -x "$_w" -y "$_h" "sh $_tmp/run.sh" || {
            echo "$_name: tmux could not start"
            exit 1
        }
        set -f # the keys hold * and ?, which are no file patterns here
        # keys typed before the first screen could be lost
        wait_re '(paused|converged|diverged)' "the first screen" || exit 1
        # the keys: tmux key names; NAME*N sends NAME N times; a lone +
        # waits for a stable screen before the keys after it
        for _k in $_keys; do
            case "$_k" in
            +) settle || exit 1 ;;
            *\*[0-9]*)
                _n=${_k##*\*}
                _k=${_k%\**}
                while [ "$_n" -gt 0 ]; do
                    T send-keys -t g "$_k"
                    _n=$((_n - 1))
                done
                ;;
            *) T send-keys -t g "$_k" ;;
            esac
        done
        wait_re "$_marker" "/$_marker/" || exit 1
        settle || exit 1
        if [ "$GOLDEN_HOLD" -gt 0 ]; then
            sleep "$GOLDEN_HOLD"
            cap >"$_tmp/b.txt"
            cape >"$_tmp/b.ansi"
            if ! cmp -s "$_tmp/a.txt" "$_tmp/b.txt" ||
                ! cmp -s "$_tmp/a.ansi" "$_tmp/b.ansi"; then
                echo "$_name: the screen changed within $GOLDEN_HOLD s of settling (a timed message?)"
                diff -u "$_tmp/a.txt" "$_tmp/b.txt"
                exit 1
            fi
        fi
        if [ -f "$_tmp/rc" ]; then
            echo "$_name: the program ended (status $(cat "$_tmp/rc"))"
            exit 1
        fi
        cp "$_tmp/a.txt" "$_out/$_name.txt"
        cp "$_tmp/a.ansi" "$_out/$_name.ansi"
    )
}
