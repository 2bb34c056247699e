#!/bin/sh
# run.sh DIR SECONDS TARGET... - runs each libFuzzer target DIR/TARGET for
# SECONDS on a working corpus DIR/corpus/TARGET grown from the committed
# seeds tests/fuzz/seeds/TARGET, then prints one line per target with the
# executions run and the crashes found (crash, leak, timeout and out-of-memory
# artifacts land in DIR/artifacts/). Exits 1 when any target found one.
set -u
dir=${1:?usage: run.sh DIR SECONDS TARGET...}
secs=${2:?usage: run.sh DIR SECONDS TARGET...}
shift 2
here=$(dirname "$0")
total_fail=0
summary=""
for t in "$@"; do
    mkdir -p "$dir/corpus/$t" "$dir/artifacts"
    rm -f "$dir/artifacts/$t-"*
    case $t in fuzz_csv) dict=$here/csv.dict ;; *) dict=$here/json.dict ;; esac
    echo "fuzz: $t for ${secs}s (log: $dir/$t.log)"
    "$dir/$t" -max_total_time="$secs" -timeout=10 -max_len=8192 \
        -rss_limit_mb=2048 -print_final_stats=1 -dict="$dict" \
        -artifact_prefix="$dir/artifacts/$t-" \
        "$dir/corpus/$t" "$here/seeds/$t" >"$dir/$t.log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log" | tail -n 1)
    crashes=$(ls "$dir/artifacts/$t-"* 2>/dev/null | wc -l)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    [ "$crashes" -gt 0 ] && total_fail=1
    line="$t: ${execs:-?} executions, $crashes crashes, corpus $(ls "$dir/corpus/$t" | wc -l) inputs"
    summary="$summary$line
"
    echo "$line"
    if [ "$crashes" -gt 0 ]; then
        grep -m 5 -E 'ERROR|SUMMARY|runtime error|deadly signal' "$dir/$t.log" | sed 's/^/    | /'
    fi
done
echo "fuzz summary (${secs}s each):"
printf '%s' "$summary"
exit $total_fail
