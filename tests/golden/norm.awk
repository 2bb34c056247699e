# norm.awk - an .ansi capture (tmux capture-pane -p -e) in one spelling: the
# text in runs, each run preceded by the attributes in effect for it, as
# "<fg bg flags>". tmux may spell the same screen with other escapes (an
# attribute set and reset with nothing between, a reset at the end of one
# row or at the start of the next, a colour set again that was already in
# effect); here only what each character is drawn with counts. On a blank
# the foreground and the intensity, italics and blink do not show, so they
# are left out there (unless reversed, where the foreground is the colour).
# Blanks at the end of a row are left out too: tmux trims them from a row
# that it has written to the end, and keeps them, coloured, before cells
# that were once written and are now blank again, so the same screen comes
# out with or without them depending on what was drawn there before.
function reset() { fg = "d"; bg = "d"; bold = dim = ital = und = blink = rev = 0 }
function sgr(params,    n, p, i, c) {
    n = split(params, p, ";")
    if (n == 0) { reset(); return }
    for (i = 1; i <= n; i++) {
        c = p[i] + 0
        if (p[i] == "" || c == 0) reset()
        else if (c == 1) bold = 1
        else if (c == 2) dim = 1
        else if (c == 3) ital = 1
        else if (c == 4) und = 1
        else if (c == 5) blink = 1
        else if (c == 7) rev = 1
        else if (c == 22) bold = dim = 0
        else if (c == 23) ital = 0
        else if (c == 24) und = 0
        else if (c == 25) blink = 0
        else if (c == 27) rev = 0
        else if (c >= 30 && c <= 37) fg = c - 30
        else if (c == 39) fg = "d"
        else if (c >= 40 && c <= 47) bg = c - 40
        else if (c == 49) bg = "d"
        else if (c >= 90 && c <= 97) fg = c - 90 + 8
        else if (c >= 100 && c <= 107) bg = c - 100 + 8
        else if ((c == 38 || c == 48) && p[i + 1] == 5) {
            if (c == 38) fg = p[i + 2] + 0; else bg = p[i + 2] + 0
            i += 2
        } else if ((c == 38 || c == 48) && p[i + 1] == 2) {
            if (c == 38) fg = p[i + 2] "," p[i + 3] "," p[i + 4]
            else bg = p[i + 2] "," p[i + 3] "," p[i + 4]
            i += 4
        }
    }
}
function state(blank) {
    if (blank && !rev)
        return "<- " bg " " und ">"
    return "<" fg " " bg " " bold dim ital und blink rev ">"
}
# emits text t under the current state, merged with the run before when the
# state is the same
function put(t,    n, ch, blank, s) {
    while (length(t) > 0) {
        ch = substr(t, 1, 1)
        blank = ch == " "
        n = match(t, blank ? /^ +/ : /^[^ ]+/) ? RLENGTH : 1
        s = state(blank)
        if (s != last) { out = out s; last = s }
        out = out substr(t, 1, n)
        t = substr(t, n + 1)
        if (!blank) { kept = length(out); kept_state = last }
    }
}
BEGIN { reset(); last = "" }
{
    out = ""
    kept = 0
    kept_state = last
    line = $0
    while ((i = index(line, "\033[")) > 0) {
        put(substr(line, 1, i - 1))
        rest = substr(line, i + 2)
        if (match(rest, /^[0-9;]*m/)) {
            sgr(substr(rest, 1, RLENGTH - 1))
            line = substr(rest, RLENGTH + 1)
        } else {
            put("\033[")
            line = rest
        }
    }
    put(line)
    # the row up to its last character that is not a blank
    printf "%s\n", substr(out, 1, kept)
    last = kept_state
}
