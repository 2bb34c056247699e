# gen.awk - the key-mash inputs drawn from a seed, one input a line:
#   key NAME        a key by its tmux name (Up, Enter, F1, ...)
#   hex AA BB ...   raw bytes, exactly as the terminal would send them
#   resize W H      the window resized (tmux resize-window)
#   sleep MS        nothing sent for MS milliseconds (play goes on)
#   probe           the hang probe (mash.sh): a key that always changes
#                   the screen must change it within 5 s
#   idle V          pause, open the view of key V (- none), wait, and
#                   measure the CPU of the idle screen
# Usage: awk -v seed=N -v steps=N -f gen.awk KEYS
# KEYS holds the key table as lines "key NAME" or "hex AA" (mash.sh makes it
# from mlpviz --keys). Never drawn: q, and the bytes the terminal turns into
# signals or flow control (Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q); nor '/',
# so that a save prompt filled at random writes only under the working
# directory.
BEGIN { srand(seed); nk = 0 }
{ table[nk++] = $0 }
function rnd(n) { return int(rand() * n) }
function safe(b) {
    return !(b == 3 || b == 17 || b == 19 || b == 26 || b == 28 || b == 47 || b == 113)
}
function byte(lo, hi,   b) {
    do b = lo + rnd(hi - lo + 1); while (!safe(b))
    return b
}
function hexs(s,   i, out) {
    out = ""
    for (i = 1; i <= length(s); i++)
        out = out sprintf(" %02x", ord[substr(s, i, 1)])
    return out
}
function emit_text(s) { print "hex" hexs(s) }
function esc_text(s) { print "hex 1b" hexs(s) }
function rawbytes(   n, i, out) {
    n = 1 + rnd(6); out = "hex"
    for (i = 0; i < n; i++)
        out = out sprintf(" %02x", rnd(4) ? byte(1, 127) : byte(128, 255))
    print out
}
function mouse(   b, x, y, kind, n, i, out, bx, by) {
    # SGR (1006) press, release, drag and wheel; X10 now and then
    x = rnd(5) ? 1 + rnd(250) : 200 + rnd(2000)
    y = rnd(5) ? 1 + rnd(80) : 80 + rnd(2000)
    kind = rnd(10)
    if (kind < 6) {
        b = (rnd(3) == 0) ? 2 : 0
        esc_text("[<" b ";" x ";" y "M")
        n = rnd(4)
        for (i = 0; i < n; i++) {
            x += rnd(5) - 2; y += rnd(3) - 1
            if (x < 1) x = 1
            if (y < 1) y = 1
            esc_text("[<" (b + 32) ";" x ";" y "M")
        }
        esc_text("[<" b ";" x ";" y "m")
    } else if (kind < 8) {
        esc_text("[<" (64 + rnd(2)) ";" x ";" y "M")
    } else {
        # X10: ESC [ M then button+32, x+33, y+33 as bytes
        bx = byte(33, 255); by = byte(33, 255)
        out = sprintf("hex 1b 5b 4d %02x %02x %02x", 32 + rnd(4), bx, by)
        print out
        print sprintf("hex 1b 5b 4d %02x %02x %02x", 35, bx, by)
    }
}
function paste(   n, i, s, c) {
    n = rnd(40); s = ""
    for (i = 0; i < n; i++) {
        do c = 32 + rnd(95); while (!safe(c))
        s = s sprintf("%c", c)
    }
    if (rnd(4) == 0) s = s "\r"
    esc_text("[200~" s)
    esc_text("[201~")
}
function unknown_esc(   k, s, n, i) {
    k = rnd(7)
    if (k == 0) s = "[" rnd(3000) ";" rnd(300) substr("ABCDHJKPRSTXZabcdefghlmnrsuz@`", 1 + rnd(30), 1)
    else if (k == 1) s = "[?" rnd(3000) substr("hlnsu$", 1 + rnd(6), 1)
    else if (k == 2) s = "O" substr("ABCDEFGHPRSTjklmnoxyz", 1 + rnd(21), 1)
    else if (k == 3) s = "]" rnd(120) ";" "junk" rnd(99999) "\007"
    else if (k == 4) s = "[" rnd(40) "~"
    else if (k == 5) s = "[1;" (2 + rnd(7)) substr("ABCDPRS", 1 + rnd(7), 1)
    else {
        n = 1 + rnd(8); s = ""
        for (i = 0; i < n; i++) s = s sprintf("%c", byte(32, 126))
    }
    esc_text(s)
}
function resize(   w, h) {
    if (rnd(10) < 7) { w = 80 + rnd(171); h = 24 + rnd(57) }
    else { w = 20 + rnd(231); h = 5 + rnd(76) }
    print "resize " w " " h
}
function anykey() { print table[rnd(nk)] }
function view(   v, n, i) {
    v = substr("uivcwyhM", 1 + rnd(8), 1)
    print "key Escape"
    print "sleep 60"
    emit_text(v)
    n = 1 + rnd(6)
    for (i = 0; i < n; i++) {
        if (rnd(2)) print "key " arrow[rnd(4)]
        else anykey()
    }
}
function lesson(   n, i) {
    print "key Escape"
    print "sleep 60"
    emit_text("b")
    n = rnd(9)
    for (i = 0; i < n; i++) print "key Down"
    print "key Enter"
    n = rnd(4)
    for (i = 0; i < n; i++) print "key Enter"
}
END {
    for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i
    ord["\r"] = 13; ord["\007"] = 7
    arrow[0] = "Left"; arrow[1] = "Right"; arrow[2] = "Up"; arrow[3] = "Down"
    for (step = 0; step < steps; step++) {
        if (step % 40 == 39) {
            print "probe"
            if (step % 400 == 399) print "idle " substr("-uivcwyhM", 1 + rnd(9), 1)
            continue
        }
        k = rnd(100)
        if (k < 42) anykey()
        else if (k < 50) rawbytes()
        else if (k < 60) mouse()
        else if (k < 62) paste()
        else if (k < 66) unknown_esc()
        else if (k < 70) resize()
        else if (k < 77) view()
        else if (k < 80) lesson()
        else if (k < 84) emit_text(substr("dDmMm", 1 + rnd(5), 1))
        else if (k < 88) emit_text("p")
        else print "sleep " (20 + rnd(rnd(8) ? 150 : 1500))
    }
}
