#!/bin/sh
# check_layers.sh BUILD - the layering law, checked on the objects: the engine
# calls no I/O, printing, exit, ncurses or cJSON; io calls no ncurses; no
# header of a lower layer includes a higher one.
set -u
build=${1:-build}
fail=0
pass=0
check() { # name, objects, forbidden-regex
    name=$1; objs=$2; bad=$3
    found=$(nm -u $objs 2>/dev/null | awk '{print $2}' | sed 's/@.*//' | grep -E "^($bad)\$" | sort -u | tr '\n' ' ')
    if [ -n "$found" ]; then
        echo "FAIL $name: calls $found"; fail=$((fail + 1))
    else
        echo "ok   $name"; pass=$((pass + 1))
    fi
}
io_calls='printf|fprintf|vfprintf|puts|fputs|fputc|putchar|fwrite|fread|fopen|fdopen|fclose|open|read|write|close|exit|_exit|abort|perror|getenv|system|stat|opendir'
curses_calls='initscr|newterm|endwin|wrefresh|doupdate|getch|wgetch|mvwaddstr|waddstr|.*curses.*'
json_calls='cJSON_.*'
engine_objs=$(ls "$build"/obj/src/engine/*.o 2>/dev/null)
io_objs=$(ls "$build"/obj/src/io/*.o 2>/dev/null)
if [ -z "$engine_objs" ]; then echo "check_layers: no engine objects in $build"; exit 1; fi
check "engine does no I/O" "$engine_objs" "$io_calls"
check "engine knows no ncurses" "$engine_objs" "$curses_calls"
check "engine knows no cJSON" "$engine_objs" "$json_calls"
[ -n "$io_objs" ] && check "io knows no ncurses" "$io_objs" "$curses_calls"
# headers: engine includes only engine headers; io no tui/app
if grep -nE '#include *"(io|tui|app)/' include/engine/*.h src/engine/*.c; then
    echo "FAIL engine includes a higher layer"; fail=$((fail + 1))
else echo "ok   engine includes only engine headers"; pass=$((pass + 1)); fi
if grep -nE '#include *"(tui|app)/' include/io/*.h src/io/*.c 2>/dev/null; then
    echo "FAIL io includes a higher layer"; fail=$((fail + 1))
else echo "ok   io includes no tui or app header"; pass=$((pass + 1)); fi
if grep -nE '#include *"app/' include/tui/*.h src/tui/*.c 2>/dev/null; then
    echo "FAIL tui includes the app layer"; fail=$((fail + 1))
else echo "ok   tui includes no app header"; pass=$((pass + 1)); fi
# the screen layer: no circle among its objects (a file that calls into
# another never is called back by it, directly or round a loop); tsort
# reports any loop in the "calls" graph
tui_objs=$(ls "$build"/obj/src/tui/*.o 2>/dev/null)
if [ -n "$tui_objs" ]; then
    defs=$(mktemp) edges=$(mktemp)
    for o in $tui_objs; do
        nm -g --defined-only "$o" | awk -v o="$(basename "$o" .o)" '$2 ~ /[TDRBC]/ {print $3, o}'
    done | sort > "$defs"
    for o in $tui_objs; do
        me=$(basename "$o" .o)
        nm -u "$o" | awk '{print $2}' | sort | join - "$defs" | awk -v me="$me" '$2 != me {print me, $2}'
    done | sort -u > "$edges"
    loops=$(tsort "$edges" 2>&1 >/dev/null | grep -v 'input contains a loop' | sed 's/^tsort: //' | sort -u | tr '\n' ' ')
    if [ -n "$loops" ]; then
        echo "FAIL the screen layer has a dependency circle through: $loops"; fail=$((fail + 1))
    else
        echo "ok   no dependency circle among the screen layer's files"; pass=$((pass + 1))
    fi
    rm -f "$defs" "$edges"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
