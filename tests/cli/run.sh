#!/bin/sh
# run.sh BIN - the command line as a script sees it: the book's XOR run,
# the perceptron's log (the book's OR and [1, 0] traces as text), bad
# options (one line, status 2), bad --init files (one line naming the file,
# non-zero status), and no crash anywhere.
set -u
bin=${1:?usage: run.sh path/to/mlpviz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/     /' "$tmp/err" | head -5; }

# The issue's XOR run: 200 epoch lines, four Input lines on the right side of 0.5.
"$bin" --headless --dataset xor --layers 8,4 --activation relu --output sigmoid \
    --loss bce --optimizer sgd --lr 0.1 --epochs 2000 --batch full --seed 1 >"$tmp/out" 2>"$tmp/err"
rc=$?
epochs=$(grep -c '^Epoch \[[0-9]*/2000\], Loss: [0-9.]*$' "$tmp/out")
right=$(awk -F'[][,: ]+' '/^Input:/ { x1=$2; x2=$3; out=$5; want=((x1!=x2)?1:0); if ((out>=0.5)==want) n++ } END { print n+0 }' "$tmp/out")
inputs=$(grep -c '^Input: \[[01].0, [01].0\], Output: [0-9.]*, Expected: [01].0$' "$tmp/out")
if [ $rc -eq 0 ] && [ "$epochs" -eq 200 ] && [ "$inputs" -eq 4 ] && [ "$right" -eq 4 ]; then
    ok "book XOR run: 200 epoch lines, 4 inputs right"
else ko "book XOR run (rc $rc, $epochs epoch lines, $inputs inputs, $right right)"; fi

# --log-every 0 prints no epoch lines
"$bin" --headless --dataset xor --epochs 50 --log-every 0 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && ! grep -q '^Epoch' "$tmp/out" && [ "$(grep -c '^Input:' "$tmp/out")" -eq 4 ]; then
    ok "--log-every 0"; else ko "--log-every 0"; fi

# the perceptron on OR converges and says so; on XOR it does not
"$bin" --headless --model perceptron --dataset or >"$tmp/out" 2>"$tmp/err"
if grep -q '^Converged after [1-5] epochs' "$tmp/out" && grep -q '^Epoch 1: errors' "$tmp/out"; then
    ok "perceptron converges on OR"; else ko "perceptron converges on OR"; fi
# The book's OR script, row by row in the book's order [1,1],[1,0],[0,1],[0,0]
# from zero weights: its per-row error lines, then the weights of each epoch.
cat >"$tmp/want" <<'EOF'
Error: 0
Error: 0
Error: 0
Error: -1
Epoch 1: errors 1, w = [0, 0], b = -1
Error: 1
Error: 0
Error: 0
Error: -1
Epoch 2: errors 2, w = [1, 1], b = -1
Error: 0
Error: 0
Error: 0
Error: 0
Epoch 3: errors 0, w = [1, 1], b = -1
Converged after 3 epochs.
Input: [1.0, 1.0], Output: 1.0000, Expected: 1.0
Input: [1.0, 0.0], Output: 1.0000, Expected: 1.0
Input: [0.0, 1.0], Output: 1.0000, Expected: 1.0
Input: [0.0, 0.0], Output: 0.0000, Expected: 0.0
state: converged (an epoch without a mistake: every point is classified right)
EOF
"$bin" --headless --model perceptron --dataset or --log-every 1 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && cmp -s "$tmp/want" "$tmp/out"; then ok "the book's OR trace, as text"
else ko "the book's OR trace"; diff "$tmp/want" "$tmp/out" | head -10; fi

# The book's first perceptron: one row [1, 0] -> 0, one class only.
cat >"$tmp/want" <<'EOF'
Note: every training row is of class 0; the perceptron learns nothing about class 1.
Loss: -1 | w1: 0 | w2: 0 | b: 0
Loss: 0 | w1: -1 | w2: 0 | b: -1
Converged after 2 epochs.
Input: [1.0, 0.0], Output: 0.0000, Expected: 0.0
state: converged (an epoch without a mistake: every point is classified right)
EOF
"$bin" --headless --model perceptron --dataset one >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && cmp -s "$tmp/want" "$tmp/out"; then ok "the book's [1, 0] -> 0 trace, as text"
else ko "the book's [1, 0] -> 0 trace"; diff "$tmp/want" "$tmp/out" | head -10; fi

"$bin" --headless --model perceptron --dataset xor --epochs 1000 >"$tmp/out" 2>"$tmp/err"
if grep -q '^Did not converge in 1000 epochs' "$tmp/out"; then
    ok "perceptron fails on XOR"; else ko "perceptron fails on XOR"; fi
# ... and the last line says why: its weights go round a cycle
if [ "$(tail -n 1 "$tmp/out")" = "state: cycling (weights repeat every epoch (4 steps): no line separates these classes)" ]
then ok "the perceptron on XOR ends cycling"; else ko "the perceptron on XOR ends cycling"; tail -n 1 "$tmp/out"; fi

# the MLP's last line: the book's XOR run converges; lr 10 kills its ReLUs
# and lr 0.0001 crawls
state_of() { "$bin" --headless --dataset xor --log-every 0 "$@" 2>"$tmp/err" | tail -n 1; }
s=$(state_of --epochs 2000)
case $s in "state: converged (every point right; the loss moves less than 0.001 in 10 epochs)") ok "book XOR run ends converged" ;;
    *) ko "book XOR run ends converged: $s" ;; esac
s=$(state_of --epochs 100 --lr 10)
[ "$s" = "state: stalled (4 of 4 ReLU units in layer 2 are dead, 4 of 8 in layer 1: no gradient passes)" ] &&
    ok "lr 10 ends stalled, its dead units counted" || ko "lr 10 ends stalled: $s"
s=$(state_of --epochs 100 --lr 0.0001)
[ "$s" = "state: stalled (learning rate too small: loss fell 0.003% in the last 10 epochs)" ] &&
    ok "lr 0.0001 ends stalled, too small a rate" || ko "lr 0.0001 ends stalled: $s"

# bad options: exactly one line on stderr, status 2
bad_option() { # expected-text args...
    want=$1; shift
    "$bin" --headless "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    lines=$(wc -l <"$tmp/err")
    if [ $rc -eq 2 ] && [ "$lines" -eq 1 ] && grep -q -- "$want" "$tmp/err"; then
        ok "bad option: $*"; else ko "bad option: $* (rc $rc, $lines lines)"; fi
}
bad_option "'abc' is not a number" --lr abc
bad_option "'8,,x' is not a list" --layers 8,,x
bad_option "unknown activation 'foo'" --activation foo
bad_option "unknown option '--bogus'" --bogus
bad_option "--epochs needs a value" --epochs
bad_option "out of range" --noise 7
bad_option "not a whole number" --batch 1.5
bad_option "unknown loss" --loss hinge
bad_option "unknown optimizer" --optimizer rmsprop
bad_option "unknown generator 'numpy'" --rng numpy
bad_option "cannot be used with --weights xavier" --rng torch --weights xavier
bad_option "cannot be used with --weights he" --rng torch --weights he
bad_option "cannot be used with --weights zeros" --weights zeros --rng torch
bad_option "cannot be used with --model perceptron" --rng torch --model perceptron

# the L1/L2 penalty is in the printed loss, and the line says so
"$bin" --headless --dataset xor --l2 0.01 --epochs 10 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q '^Epoch \[10/10\], Loss: [0-9.]* (with penalty)$' "$tmp/out"; then
    ok "the loss line says it includes the penalty"; else ko "penalty mark"; fi

# bad --init files: one line naming the file, non-zero status, no crash
bad_init() { # name file expected-text
    "$bin" --headless --dataset xor --epochs 1 --init "$2" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    lines=$(wc -l <"$tmp/err")
    if [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ "$lines" -eq 1 ] && grep -q -- "$2" "$tmp/err" \
        && grep -q -- "$3" "$tmp/err"; then
        ok "bad --init: $1"; else ko "bad --init: $1 (rc $rc, $lines lines)"; fi
}
bad_init "missing file" "$tmp/nope.json" "No such file"
cat >"$tmp/shapes.json" <<'JSON'
{"format": "mlpviz-model", "version": 1, "inputs": 2, "loss": "bce",
 "layers": [{"units": 2, "activation": "relu", "weights": [[1, 2, 3], [4, 5, 6]], "biases": [0, 0]},
            {"units": 1, "activation": "sigmoid", "weights": [[1, 2]], "biases": [0]}]}
JSON
bad_init "weights that do not fit the inputs" "$tmp/shapes.json" "weights"
cat >"$tmp/chain.json" <<'JSON'
{"format": "mlpviz-model", "version": 1, "inputs": 2, "loss": "bce",
 "layers": [{"units": 2, "activation": "relu", "weights": [[1, 2], [4, 5]], "biases": [0, 0]},
            {"units": 1, "activation": "sigmoid", "weights": [[1, 2, 3]], "biases": [0]}]}
JSON
bad_init "layers that do not chain" "$tmp/chain.json" "weights"
"$bin" --headless --dataset iris --layers 3 --epochs 1 --save "$tmp/iris.json" >/dev/null 2>"$tmp/err" &&
    bad_init "model of another dataset" "$tmp/iris.json" "features"

# save, then start again from the saved weights: same predictions
"$bin" --headless --dataset xor --epochs 300 --save "$tmp/m.json" --log-every 0 >"$tmp/a" 2>"$tmp/err"
"$bin" --headless --dataset xor --epochs 0 --init "$tmp/m.json" --log-every 0 >"$tmp/b" 2>>"$tmp/err"
# (the outputs, not the last line: the judge has no epochs to read at 0)
grep -v '^state:' "$tmp/a" >"$tmp/a2"; grep -v '^state:' "$tmp/b" >"$tmp/b2"
if [ -s "$tmp/a2" ] && cmp -s "$tmp/a2" "$tmp/b2"; then ok "--save then --init gives the same outputs"
else ko "--save then --init"; fi

# a diverging run says so on one line and does not crash
"$bin" --headless --dataset spiral --lr 10 --activation relu --output linear --loss mse \
    --epochs 200 --log-every 0 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "diverged" "$tmp/err"; then ok "divergence reported"
else ko "divergence reported (rc $rc)"; fi

# lessons: the list names the book's lessons; an unknown one is a bad option
"$bin" --lesson list >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q '^perceptron ' "$tmp/out" && grep -q '^relu ' "$tmp/out" && \
    [ "$(wc -l <"$tmp/out")" -ge 8 ]; then ok "--lesson list"; else ko "--lesson list"; fi
bad_option "unknown lesson 'nope'" --lesson nope

# a scene that cannot be read: one line naming the file
"$bin" --headless --session "$tmp/none.json" --epochs 1 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "none.json" "$tmp/err"; then
    ok "--session with a missing file"; else ko "--session with a missing file (rc $rc)"; fi

"$bin" --version >"$tmp/out" && grep -q '^mlpviz [0-9]' "$tmp/out" && ok "--version" || ko "--version"
"$bin" --help >"$tmp/out" && grep -q -- '--headless' "$tmp/out" && ok "--help" || ko "--help"

. "$(dirname "$0")/save_targets.sh"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
