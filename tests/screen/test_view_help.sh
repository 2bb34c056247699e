# ? in a view lists the view's own keys first, then every key, in pages at
# 80x24.
. "$(dirname "$0")/lib.sh"
start 80 24
wait_ready
keys i ?
wait_for "Chain-rule inspector" || fail "no heading of the view's keys"
wait_for "one row / the batch mean" || fail "the view's keys are missing"
wait_for "PgDn/PgUp pages" || fail "no pages at 80x24"
keys PageDown
wait_for "Keys 2/" || fail "PgDn did not turn the page"
wait_for "lesson menu" || fail "no lesson key"
keys Escape
wait_gone "Keys 2/" || fail "Esc did not close the help"
wait_for "Chain rule:" || fail "the view did not come back"
finish
