#!/bin/sh
# screenshots.sh [BIN] - makes the PNG pictures in screenshots/ from the real
# program: an xterm under Xvfb shows a tmux session running mlpviz with fixed
# seeds; keys go in through tmux, ImageMagick's import takes the picture.
# Installs what it needs from Debian's packages (as root) the first time.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/mlpviz}
out=screenshots
need="xvfb xterm imagemagick fonts-dejavu-core tmux"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || { echo "screenshots: install:$missing" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
[ -x "$bin" ] || make "$bin"
mkdir -p "$out"

disp=:$((90 + $$ % 100))
Xvfb "$disp" -screen 0 2000x1300x24 >/dev/null 2>&1 &
xvfb=$!
sock=mlpviz-shots-$$
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
n=0
trap cleanup EXIT
sleep 1

# shot NAME COLS ROWS "ARGS" KEYS...   (KEYS: tmux send-keys words; "wait:S"
# sleeps S seconds, "until:TEXT" waits for TEXT on the screen)
shot() {
    name=$1 cols=$2 rows=$3 args=$4
    shift 4
    n=$((n + 1))
    sock=mlpviz-shots-$$-$n
    tmux -L "$sock" -f /dev/null new-session -d -s s -x "$cols" -y "$rows" \
        "env TERM=xterm-256color LANG=C.UTF-8 $bin $args; sleep 30"
    tmux -L "$sock" set -g status off
    tmux -L "$sock" set -g default-terminal tmux-256color
    DISPLAY=$disp xterm -tn xterm-256color -geometry "${cols}x${rows}" -fa 'DejaVu Sans Mono' -fs 12 \
        -bg '#101418' -fg '#d8dee9' -b 0 -bw 0 -title "mlpviz-$name" \
        -e tmux -2 -L "$sock" attach -t s &
    term=$!
    sleep 1.5
    for k in "$@"; do
        case "$k" in
        wait:*) sleep "${k#wait:}" ;;
        until:*)
            i=0
            while ! tmux -L "$sock" capture-pane -p -t s | grep -q -- "${k#until:}"; do
                i=$((i + 1)); [ $i -lt 100 ] || { echo "screenshots: $name: '${k#until:}' never showed" >&2; break; }
                sleep 0.1
            done ;;
        *) tmux -L "$sock" send-keys -t s "$k" ;;
        esac
    done
    sleep 0.8
    wid=$(DISPLAY=$disp xwininfo -root -tree | awk -v t="\"mlpviz-$name\"" '$0 ~ t { print $1; exit }')
    DISPLAY=$disp import -window "$wid" "$out/$name.png"
    kill "$term" 2>/dev/null || true
    tmux -L "$sock" kill-server 2>/dev/null || true
    echo "screenshots: $out/$name.png"
}

# the opening screen after the book's XOR network has learnt (seed 1)
shot opening 120 36 "" until:paused p until:converged wait:1
# the perceptron failing on XOR beside the MLP solving it
shot compare 120 36 "" until:paused c until:erceptron p wait:5 p wait:0.5
# the chain-rule inspector on an output weight, after a few steps
shot inspector 120 36 "--lesson chain" until:paused Enter Enter Enter Enter Enter Enter wait:1
# the learning-rate sweep: five rates from the same initial weights
shot sweep 120 36 "--activation relu --output linear --loss mse" until:paused w wait:0.5 p wait:5 p wait:0.5
# the network panel: the opening screen as it opens at 80x24 and 120x36
# (the output node selected, its weights beside their sources; from
# 120x36 a picture beside each hidden neuron), the 120x36 one again after
# training, and the perceptron drawn as the book draws it after the OR
# lesson (w1 = w2 = 1, b = -1)
shot opening-80x24 80 24 "" until:paused
shot opening-120x36 120 36 "" until:paused
shot trained-120x36 120 36 "" until:paused p until:converged wait:1
shot perceptron-or-80x24 80 24 "--lesson or" until:paused Enter Enter Enter Enter Enter until:"scene 6/6"
shot perceptron-or-120x36 120 36 "--lesson or" until:paused Enter Enter Enter Enter Enter until:"scene 6/6"
# the 80x24 layout, a few epochs into the spiral
shot layout-80x24 80 24 "--dataset spiral --layers 8,8 --activation tanh --lr 0.03 --batch 10" \
    until:paused Space Space Space Space Space Space Space Space Space Space until:"epoch 10"
