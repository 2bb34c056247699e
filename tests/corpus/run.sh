#!/bin/sh
# run.sh BIN - the bad-input corpus. Every tests/corpus/<case>.csv|.json is
# given to `BIN --headless --dataset FILE --epochs 1`, every
# <case>.model.json to `BIN --headless --dataset xor --init FILE --epochs 1`
# (plus the words of <case>.args when there is one). Each run must fail
# cleanly: a non-zero status below 128 (no crash), exactly one line on
# stderr that names the file and contains the text of <case>.expect, and no
# sanitizer report. Cases that cannot live in git (a directory, a missing or
# unreadable file, a line over the limit, 10 million rows, files over the
# size caps) are made in a temporary folder at run time.
# Prints failures, then one line "N passed, N failed"; exits 1 on failure.
set -u
bin=${1:?usage: sh tests/corpus/run.sh BIN}
dir=$(dirname "$0")
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin is not an executable" >&2
    exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlpviz-corpus.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
as=""        # a prefix that runs the program as another user (setpriv)
limit=""     # a time limit, when coreutils' timeout is there
command -v timeout >/dev/null 2>&1 && limit="timeout 300"

bad() { # case, reason
    fail=$((fail + 1))
    echo "FAIL $1: $2"
    sed -n '1,4s/^/    | /p' "$tmp/err"
}

# run_case NAME KIND FILE EXPECT [EXTRA ARGS...]; KIND is data or model
run_case() {
    name=$1 kind=$2 file=$3 expect=$4
    shift 4
    if [ "$kind" = model ]; then
        set -- --headless --dataset xor --init "$file" --epochs 1 --log-every 0 "$@"
    else
        set -- --headless --dataset "$file" --epochs 1 --log-every 0 "$@"
    fi
    $as $limit "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
    if [ "$status" -eq 0 ]; then bad "$name" "exit status 0 (the file was accepted)"; return; fi
    if [ "$status" -eq 124 ] && [ -n "$limit" ]; then bad "$name" "timed out"; return; fi
    if [ "$status" -ge 128 ]; then bad "$name" "crashed (status $status)"; return; fi
    if grep -qE 'Sanitizer|runtime error:|SUMMARY:' "$tmp/err"; then
        bad "$name" "sanitizer report"; return
    fi
    lines=$(wc -l <"$tmp/err")
    if [ "$lines" -ne 1 ] || [ "$(wc -c <"$tmp/err")" -le 1 ]; then
        bad "$name" "stderr has $lines lines, expected exactly one"; return
    fi
    if ! grep -qF -- "$expect" "$tmp/err"; then
        bad "$name" "message lacks: $expect"; return
    fi
    if ! grep -qF -- "$file" "$tmp/err"; then
        bad "$name" "message does not name the file $file"; return
    fi
    pass=$((pass + 1))
}

# ---- the committed cases ----
for f in "$dir"/*.csv "$dir"/*.json; do
    [ -e "$f" ] || continue
    case $f in
    *.model.json) kind=model base=${f%.model.json} ;;
    *.csv) kind=data base=${f%.csv} ;;
    *) kind=data base=${f%.json} ;;
    esac
    name=$(basename "$base")
    if [ ! -f "$base.expect" ]; then
        : >"$tmp/err"
        bad "$name" "no $base.expect"
        continue
    fi
    expect=$(head -n 1 "$base.expect")
    args=""
    [ -f "$base.args" ] && args=$(head -n 1 "$base.args")
    # shellcheck disable=SC2086 # the .args words are meant to split
    run_case "$name" "$kind" "$f" "$expect" $args
done

# ---- cases made at run time ----
mkdir "$tmp/folder.csv" "$tmp/folder.model.json"
run_case directory data "$tmp/folder.csv" "is a directory"
run_case model_directory model "$tmp/folder.model.json" "is a directory"
run_case missing data "$tmp/missing.csv" "cannot open: No such file or directory"
run_case model_missing model "$tmp/missing.model.json" "cannot open: No such file or directory"

# a line of 2 MiB (the limit is 1 MiB)
{
    printf 'a,b,y\n1,2,0\n1,'
    head -c 2097152 /dev/zero | tr '\0' '7'
    printf ',1\n'
} >"$tmp/long_line.csv"
run_case long_line data "$tmp/long_line.csv" ":3: line longer than 1048576 bytes"

# 10 million rows: refused at the row limit, memory stays bounded
yes '0.5,1' | head -n 10000000 >"$tmp/ten_million.csv"
run_case ten_million_rows data "$tmp/ten_million.csv" "more than 5000000 rows"
rm -f "$tmp/ten_million.csv"

# files over the size caps (sparse: no disk space used); refused unread
if truncate -s 600M "$tmp/huge.csv" 2>/dev/null &&
    truncate -s 65M "$tmp/huge.json" 2>/dev/null &&
    truncate -s 65M "$tmp/huge.model.json" 2>/dev/null; then
    run_case huge_csv data "$tmp/huge.csv" "file too large (600.0 MiB; the limit is 512 MiB)"
    run_case huge_json data "$tmp/huge.json" "file too large (65.0 MiB; the limit is 64 MiB)"
    run_case huge_model model "$tmp/huge.model.json" "file too large (65.0 MiB; the limit is 64 MiB)"
fi

# unreadable files; root reads everything, so run those as nobody
printf 'x,y\n1,0\n2,1\n' >"$tmp/secret.csv"
printf '{}\n' >"$tmp/secret.model.json"
chmod 000 "$tmp/secret.csv" "$tmp/secret.model.json"
if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$tmp"
    if command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$bin" 2>/dev/null; then
        as="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        as="skip"
    fi
fi
if [ "$as" = skip ]; then
    echo "skip no_permission, model_no_permission: running as root and cannot switch to nobody"
else
    run_case no_permission data "$tmp/secret.csv" "cannot open: Permission denied"
    run_case model_no_permission model "$tmp/secret.model.json" "cannot open: Permission denied"
fi
as=""

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
