# v opens the activation gallery: plots with formulas, pages at 80x24, all
# thirteen at 160x48; Enter uses the chosen one; ASCII under LANG=C.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys v
wait_for "Activation gallery 1/2" || fail "v did not open the gallery"
wait_for "f(z) = max(0, z)" || fail "ReLU's formula is not shown"
wait_for "* in the hidden layers now" || fail "the current one is not marked"
keys Right
wait_for "f(z) = max(0.01z, z)" || fail "Right did not move to leaky ReLU"
keys Enter
wait_for "leaky_relu/sigmoid" || fail "Enter did not apply it"
keys PageDown
wait_for "Activation gallery 2/2" || fail "PgDn did not page"
wait_for "Sinc" || fail "no sinc on page 2"
keys Escape
wait_for "Decision map" || fail "Esc did not go back"
finish
fresh
start 160 48
wait_ready
keys v
wait_for "Activation gallery: f and its slope" || fail "no one-page gallery"
for t in Linear Step Sigmoid Tanh ReLU "Leaky ReLU" ELU Softplus Softsign \
    Log-sigmoid "Swish (SiLU)" Mish Sinc; do
    wait_for "$t" || fail "no $t at 160x48"
done
finish
fresh
start 80 24 LANG=C LC_ALL=C
wait_ready
keys v
wait_for "Activation gallery 1/2" || fail "no gallery under LANG=C"
wait_for "*" || fail "no ASCII plot"
if screen | LC_ALL=C grep -q '[^ -~]'; then
    fail "non-ASCII characters under LANG=C"
fi
finish
