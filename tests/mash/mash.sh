#!/bin/sh
# mash.sh - the key-mash test: the real program (the sanitizer build by
# default) in a private tmux server, sent from a seed random keys of the key
# table, raw bytes, mouse presses, drags and wheels at random cells (also
# off the screen), bracketed pastes, unknown escape sequences and random
# resizes between 20x5 and 250x80, while it plays, opens views and lessons
# and switches datasets and models (tests/mash/gen.awk draws the inputs).
# It fails on a sanitizer report, an exit, a hang (no change of the screen
# within 5 s of a key that always changes it) or an idle screen, paused,
# using more than MASH_IDLE_CPU percent of a core (default 5) over 3 s.
# On failure it prints the seed, the last 50 inputs, and the file that
# holds every input sent, which --replay sends again exactly.
#
# Usage: sh tests/mash/mash.sh [--bin PROGRAM] [--seed N] [--seconds S]
#                              [--replay FILE] [--keep DIR] [-- ARGS...]
#   --seconds S   mash for S seconds (default 60); ignored with --replay
#   --replay FILE send exactly the inputs in FILE, then check as above
#   --keep DIR    where the inputs sent are kept (default $TMPDIR or /tmp)
#   ARGS          the program's arguments (default: drawn from the seed)
set -u
set -f
here=$(cd "$(dirname "$0")" && pwd)
bin=${MLPVIZ_BIN:-$here/../../build-san/mlpviz}
seed=1
seconds=60
replay=""
keep=${TMPDIR:-/tmp}
while [ $# -gt 0 ]; do
    case "$1" in
    --bin) bin=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --replay) replay=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "mash.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "mash.sh: $bin is not an executable (make sanitize builds build-san/mlpviz)" >&2; exit 2; }
case "$seed" in ''|*[!0-9]*) echo "mash.sh: --seed takes a number" >&2; exit 2 ;; esac
if [ -n "$replay" ]; then
    [ -r "$replay" ] || { echo "mash.sh: cannot read $replay" >&2; exit 2; }
    case "$replay" in /*) ;; *) replay=$(pwd)/$replay ;; esac
fi
command -v tmux >/dev/null 2>&1 || { echo "mash.sh: tmux is needed" >&2; exit 2; }

MLPVIZ_BIN=$bin
MLPVIZ_TEST_TIMEOUT=${MLPVIZ_TEST_TIMEOUT:-30}
. "$here/../screen/lib.sh"

# the program's arguments: from the replay file's first line, the command
# line, or drawn from the seed
if [ -n "$replay" ]; then
    args=$(sed -n 's/^# args: //p' "$replay" | head -n 1)
    seed=$(sed -n 's/^# seed: //p' "$replay" | head -n 1)
    seed=${seed:-0}
elif [ $# -gt 0 ]; then
    args="$*"
else
    set -- "" "--lesson xor-fail" "--model perceptron --dataset or" \
        "--dataset circle --layers 3" "--dataset spiral --layers 8,8 --batch 10" \
        "--lesson chain" "--dataset iris" "--dataset moons --optimizer adam"
    shift $((seed % $#))
    args=$1
fi
if [ -n "$replay" ]; then
    log="$keep/mlpviz-mash-$seed.replayed.inputs"
else
    log="$keep/mlpviz-mash-$seed.inputs"
fi
mkdir -p "$keep"
{ echo "# seed: $seed"; echo "# args: $args"; } > "$log"

# the key table, as generator lines ("key NAME" or "hex AA"); q never
"$bin" --keys | awk -F'|' '
    NF >= 3 {
        k = $2; gsub(/^ +| +$/, "", k)
        if (k == "key" || k ~ /^-+$/) next
        n = split(k, t, " ")
        for (i = 1; i <= n; i++) print t[i]
    }' | sort -u | awk '
    BEGIN { for (i = 33; i < 127; i++) ord[sprintf("%c", i)] = i
            name["space"] = "Space"; name["Tab"] = "Tab"; name["S-Tab"] = "BTab"
            name["Enter"] = "Enter"; name["Bksp"] = "BSpace"; name["Esc"] = "Escape"
            name["PgDn"] = "NPage"; name["PgUp"] = "PPage"; name["F1"] = "F1"
            name["F2"] = "F2"; name["Left"] = "Left"; name["Right"] = "Right"
            name["Up"] = "Up"; name["Down"] = "Down" }
    $1 == "q" || $1 == "click" { next }
    $1 == "arrows" { print "key Up"; print "key Down"; print "key Left"; print "key Right"; next }
    $1 in name { print "key " name[$1]; next }
    length($1) == 1 { printf "hex %02x\n", ord[$1]; next }
    { print "unknown key name in --keys: " $1 > "/dev/stderr"; exit 1 }' > "$TMP/keys" ||
    fail "could not read the key table"

# the program: the sanitizer writes its reports into $TMP/san.*
# shellcheck disable=SC2086
start 100 30 "MLPVIZ_DATADIR=$(cd "$here/../../datasets" && pwd)" "ASAN_OPTIONS=log_path=$TMP/san:detect_leaks=1" \
    "UBSAN_OPTIONS=log_path=$TMP/san:print_stacktrace=1" -- $args
wait_ready
pid=$(cat "$TMP/pid")
cols=100
lines=30
steps=0

report() {
    echo "MASH FAILED: $*"
    echo "seed $seed, program arguments '$args', $steps inputs sent"
    echo "--- the last 50 inputs ---"
    grep -v '^#' "$log" | tail -n 50
    echo "--------------------------"
    echo "every input sent is in $log; replay it with:"
    echo "  sh tests/mash/mash.sh --bin $bin --replay $log"
    show
    for f in "$TMP"/san.*; do
        [ -f "$f" ] && { echo "--- $f ---"; cat "$f"; }
    done
    # a program caught in a loop never looks at the SIGHUP that ending the
    # tmux server sends: it would spin on after the test
    kill -KILL "$pid" 2>/dev/null
    exit 1
}

sanitizer_clean() {
    for f in "$TMP"/san.*; do
        [ -f "$f" ] && return 1
    done
    ! grep -E -q 'Sanitizer|runtime error' "$TMP/stderr" 2>/dev/null
}

check_alive() {
    sanitizer_clean || report "sanitizer report"
    if ! alive; then
        sleep 0.3
        sanitizer_clean || report "sanitizer report"
        report "the program exited with status $(cat "$TMP/rc")"
    fi
}

msleep() { sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"; }

# back to a usable size and the main screen with nothing open (Esc closes
# a prompt, the help, a menu, then a view)
settle() {
    if [ "$cols" -lt 80 ] || [ "$lines" -lt 24 ]; then
        cols=100
        lines=30
        T resize-window -t "$SESSION" -x $cols -y $lines
    fi
    keys Escape
    sleep 0.1
    keys Escape
    sleep 0.1
    keys Escape
    sleep 0.3
}

# keys that always change the screen: ? opens the help over whatever is
# shown (after settle nothing takes it as text); where a menu holds the keys
# and ? is not one of them (the lesson menu), Esc closes the menu. A hang is
# a screen that neither changes within 5 s. Esc closes the help again.
probe() {
    settle
    before=$(screen)
    keys '?'
    _end=$(($(date +%s) + 5))
    _esc=$(($(date +%s) + 3))
    while [ "$(screen)" = "$before" ]; do
        check_alive
        [ "$(date +%s)" -ge "$_end" ] && report "hang: the screen did not change within 5 s of '?' (and Escape)"
        if [ -n "$_esc" ] && [ "$(date +%s)" -ge "$_esc" ]; then
            keys Escape
            _esc=""
        fi
        sleep 0.1
    done
    keys Escape
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

# paused and idle in the view of key $1 (- or nothing: the main screen):
# the screen must block on the keyboard
idle() {
    settle
    if status | grep -E -q "training|\(playing\)"; then
        keys p
    fi
    case "${1:--}" in
    -) ;;
    *) T send-keys -t "$SESSION" -l "$1" ;;
    esac
    # until a message has expired and nothing moves for 1.5 s
    _end=$(($(date +%s) + 20))
    prev=""
    same=0
    while [ $same -lt 15 ]; do
        cur=$(screen)
        if [ "$cur" = "$prev" ]; then same=$((same + 1)); else same=0; fi
        prev=$cur
        check_alive
        [ "$(date +%s)" -ge "$_end" ] && report "the paused screen kept changing for 20 s"
        sleep 0.1
    done
    if status | grep -E -q "training|\(playing\)"; then
        report "still training after p"
    fi
    [ -r "/proc/$pid/stat" ] || return 0
    hz=$(getconf CLK_TCK)
    t0=$(cpu_ticks)
    sleep 3
    t1=$(cpu_ticks)
    pct=$(( (t1 - t0) * 100 / (3 * hz) ))
    echo "# idle cpu ${pct}% (ticks $((t1 - t0)) over 3 s at $hz/s, view ${1:--})" >> "$log"
    [ "$pct" -le "${MASH_IDLE_CPU:-5}" ] || report "the paused, idle screen used ${pct}% of a core over 3 s"
}

run_step() {
    set -- $1
    case "$1" in
    key) keys "$2" ;;
    hex) shift; T send-keys -t "$SESSION" -H "$@" ;;
    resize) cols=$2; lines=$3; T resize-window -t "$SESSION" -x "$2" -y "$3" ;;
    sleep) msleep "$2" ;;
    probe) probe ;;
    idle) idle "${2:--}" ;;
    '#'*|'') ;;
    *) echo "mash.sh: bad input line: $*" >&2; exit 2 ;;
    esac
}

mash() {
    end=$(($(date +%s) + seconds))
    while IFS= read -r line; do
        case "$line" in '#'*) continue ;; esac
        echo "$line" >> "$log"
        run_step "$line"
        steps=$((steps + 1))
        [ $((steps % 10)) = 0 ] && check_alive
        if [ -z "$replay" ] && [ "$(date +%s)" -ge "$end" ]; then
            break
        fi
    done
    check_alive
    # the end: idle once more, then q must give status 0 and no report
    echo "idle" >> "$log"
    idle
    settle
    keys q
    rc=$(wait_exit) || report "the program did not end after q"
    sleep 0.3
    sanitizer_clean || report "sanitizer report"
    [ "$rc" = 0 ] || report "exit status $rc after q"
    grep '^# idle' "$log" | tail -n 1 | sed "s/^# /mash: seed $seed: /"
    echo "mash: seed $seed: $steps inputs, no defect"
}

if [ -n "$replay" ]; then
    mash < "$replay"
else
    awk -v seed="$seed" -v steps=100000000 -f "$here/gen.awk" "$TMP/keys" | mash
fi
