#!/bin/sh
# norm_test.sh - checks norm.awk, the one spelling that the golden screens
# are compared in: captures that tmux spells differently but that show the
# same cells must come out the same, and captures whose cells differ must
# not. Prints one line per failed pair and exits 1 if any failed.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
E=$(printf '\033')
fail=0
n=0
norm() { printf '%s\n' "$1" | awk -f "$dir/norm.awk"; }
same() {
    n=$((n + 1))
    if [ "$(norm "$2")" != "$(norm "$3")" ]; then
        echo "norm.awk: should be the same screen: $1"
        fail=1
    fi
}
differ() {
    n=$((n + 1))
    if [ "$(norm "$2")" = "$(norm "$3")" ]; then
        echo "norm.awk: should be different screens: $1"
        fail=1
    fi
}
same "a colour set and reset with nothing between" \
    "a${E}[31m${E}[39mb" "ab"
same "a colour set again that is already in effect" \
    "${E}[31ma${E}[31mb" "${E}[31mab"
same "a reset at the end of a row or at the start of the next" \
    "${E}[31mab${E}[0m
${E}[32mc" "${E}[31mab
${E}[0m${E}[32mc"
same "a blank's foreground does not show" \
    "${E}[31m ${E}[32m x" "${E}[32m  x"
same "coloured blanks at the end of a row, trimmed or kept" \
    "x${E}[48;5;25m      ${E}[49m" "x${E}[48;5;25m"
same "the next row after trailing blanks starts in the same state" \
    "${E}[31mx${E}[48;5;25m   ${E}[49m
y" "${E}[31mx${E}[48;5;25m
${E}[49my"
differ "a character in another colour" \
    "${E}[31mx" "${E}[32mx"
differ "a blank in another background inside a row" \
    "a${E}[44m ${E}[49mb" "a b"
differ "bold against normal" \
    "${E}[1mx" "x"
differ "reversed blanks in another colour inside a row" \
    "${E}[7;31m ${E}[0mx" "${E}[7;32m ${E}[0mx"
if [ "$fail" = 0 ]; then
    echo "norm.awk: $n pairs as expected"
fi
exit "$fail"
