/* bench_vt.c - a small virtual terminal for the key-latency benchmark: it
 * follows the xterm control sequences ncurses sends for TERM=xterm-256color
 * (cursor moves, erasing, inserting and deleting, scroll regions, repeat)
 * and keeps the characters of the screen, so that the benchmark can tell
 * when a given text has appeared. Colours and attributes are ignored. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

enum { VT_GROUND, VT_ESC, VT_CSI, VT_CHARSET, VT_OSC, VT_OSC_ESC };

int bench_vt_init(bench_vt *t, int rows, int cols)
{
    memset(t, 0, sizeof *t);
    t->cell = malloc(sizeof *t->cell * (size_t)rows * (size_t)cols);
    if (!t->cell)
        return -1;
    t->rows = rows;
    t->cols = cols;
    t->bot = rows - 1;
    for (int i = 0; i < rows * cols; i++)
        t->cell[i] = ' ';
    return 0;
}

void bench_vt_free(bench_vt *t)
{
    free(t->cell);
    t->cell = NULL;
}

static unsigned *vt_at(bench_vt *t, int y, int x) { return t->cell + (size_t)y * t->cols + x; }

static int vt_clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static void vt_blank(bench_vt *t, int y, int x0, int x1) /* [x0, x1) */
{
    for (int x = x0; x < x1; x++)
        *vt_at(t, y, x) = ' ';
}

/* Moves rows [top, bot] up by n (new blank rows at the bottom). */
static void vt_scroll_up(bench_vt *t, int top, int bot, int n)
{
    if (n > bot - top + 1)
        n = bot - top + 1;
    for (int y = top; y <= bot - n; y++)
        memcpy(vt_at(t, y, 0), vt_at(t, y + n, 0), sizeof *t->cell * (size_t)t->cols);
    for (int y = bot - n + 1; y <= bot; y++)
        vt_blank(t, y, 0, t->cols);
}

static void vt_scroll_down(bench_vt *t, int top, int bot, int n)
{
    if (n > bot - top + 1)
        n = bot - top + 1;
    for (int y = bot; y >= top + n; y--)
        memcpy(vt_at(t, y, 0), vt_at(t, y - n, 0), sizeof *t->cell * (size_t)t->cols);
    for (int y = top; y < top + n; y++)
        vt_blank(t, y, 0, t->cols);
}

static void vt_linefeed(bench_vt *t)
{
    if (t->y == t->bot)
        vt_scroll_up(t, t->top, t->bot, 1);
    else if (t->y < t->rows - 1)
        t->y++;
}

static void vt_put(bench_vt *t, unsigned cp)
{
    if (t->wrap_pending) {
        t->x = 0;
        vt_linefeed(t);
        t->wrap_pending = false;
    }
    *vt_at(t, t->y, t->x) = cp;
    t->last = cp;
    if (t->x == t->cols - 1)
        t->wrap_pending = true;
    else
        t->x++;
}

/* The n-th numeric parameter of the CSI sequence, or def when absent or 0. */
static int vt_param(const bench_vt *t, int n, int def)
{
    const char *p = t->seq;
    if (*p == '?' || *p == '>' || *p == '=')
        p++;
    for (int i = 0; i < n; i++) {
        p = strchr(p, ';');
        if (!p)
            return def;
        p++;
    }
    int v = 0;
    bool any = false;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p - '0');
        p++;
        any = true;
    }
    return any && v > 0 ? v : def;
}

static void vt_csi(bench_vt *t, char final)
{
    if (t->seq[0] == '?' || t->seq[0] == '>' || t->seq[0] == '=')
        return; /* private modes: nothing on the screen changes */
    int n = vt_param(t, 0, 1);
    int y = t->y, x = t->x;
    t->wrap_pending = false;
    switch (final) {
    case 'H':
    case 'f':
        t->y = vt_clamp(vt_param(t, 0, 1) - 1, 0, t->rows - 1);
        t->x = vt_clamp(vt_param(t, 1, 1) - 1, 0, t->cols - 1);
        break;
    case 'A': t->y = vt_clamp(y - n, 0, t->rows - 1); break;
    case 'B': t->y = vt_clamp(y + n, 0, t->rows - 1); break;
    case 'C': t->x = vt_clamp(x + n, 0, t->cols - 1); break;
    case 'D': t->x = vt_clamp(x - n, 0, t->cols - 1); break;
    case 'E': t->y = vt_clamp(y + n, 0, t->rows - 1); t->x = 0; break;
    case 'F': t->y = vt_clamp(y - n, 0, t->rows - 1); t->x = 0; break;
    case 'G':
    case '`': t->x = vt_clamp(n - 1, 0, t->cols - 1); break;
    case 'd': t->y = vt_clamp(n - 1, 0, t->rows - 1); break;
    case 'K': {
        int mode = vt_param(t, 0, 0);
        if (mode == 0)
            vt_blank(t, y, x, t->cols);
        else if (mode == 1)
            vt_blank(t, y, 0, x + 1);
        else
            vt_blank(t, y, 0, t->cols);
        break;
    }
    case 'J': {
        int mode = vt_param(t, 0, 0);
        if (mode == 0) {
            vt_blank(t, y, x, t->cols);
            for (int r = y + 1; r < t->rows; r++)
                vt_blank(t, r, 0, t->cols);
        } else if (mode == 1) {
            for (int r = 0; r < y; r++)
                vt_blank(t, r, 0, t->cols);
            vt_blank(t, y, 0, x + 1);
        } else {
            for (int r = 0; r < t->rows; r++)
                vt_blank(t, r, 0, t->cols);
        }
        break;
    }
    case 'X':
        vt_blank(t, y, x, vt_clamp(x + n, 0, t->cols));
        break;
    case '@': /* insert n blanks, the rest of the row moves right */
        n = vt_clamp(n, 0, t->cols - x);
        memmove(vt_at(t, y, x + n), vt_at(t, y, x),
                sizeof *t->cell * (size_t)(t->cols - x - n));
        vt_blank(t, y, x, x + n);
        break;
    case 'P': /* delete n characters, the rest of the row moves left */
        n = vt_clamp(n, 0, t->cols - x);
        memmove(vt_at(t, y, x), vt_at(t, y, x + n),
                sizeof *t->cell * (size_t)(t->cols - x - n));
        vt_blank(t, y, t->cols - n, t->cols);
        break;
    case 'L':
        if (y >= t->top && y <= t->bot)
            vt_scroll_down(t, y, t->bot, n);
        break;
    case 'M':
        if (y >= t->top && y <= t->bot)
            vt_scroll_up(t, y, t->bot, n);
        break;
    case 'S': vt_scroll_up(t, t->top, t->bot, n); break;
    case 'T': vt_scroll_down(t, t->top, t->bot, n); break;
    case 'r':
        t->top = vt_clamp(vt_param(t, 0, 1) - 1, 0, t->rows - 1);
        t->bot = vt_clamp(vt_param(t, 1, t->rows) - 1, 0, t->rows - 1);
        if (t->top >= t->bot) {
            t->top = 0;
            t->bot = t->rows - 1;
        }
        t->y = 0;
        t->x = 0;
        break;
    case 'b': /* repeat the last character n times */
        for (int i = 0; i < n && i < t->cols * t->rows; i++)
            vt_put(t, t->last);
        break;
    default: /* m (attributes), h/l (modes), n, t, ...: no cells change */
        break;
    }
}

static void vt_byte(bench_vt *t, unsigned char c)
{
    switch (t->state) {
    case VT_ESC:
        t->state = VT_GROUND;
        switch (c) {
        case '[':
            t->state = VT_CSI;
            t->seq_len = 0;
            t->seq[0] = '\0';
            break;
        case ']': t->state = VT_OSC; break;
        case '(': case ')': case '*': case '+': t->state = VT_CHARSET; break;
        case '7': t->saved_y = t->y; t->saved_x = t->x; break;
        case '8': t->y = t->saved_y; t->x = t->saved_x; t->wrap_pending = false; break;
        case 'D': t->wrap_pending = false; vt_linefeed(t); break;
        case 'E': t->wrap_pending = false; t->x = 0; vt_linefeed(t); break;
        case 'M':
            t->wrap_pending = false;
            if (t->y == t->top)
                vt_scroll_down(t, t->top, t->bot, 1);
            else if (t->y > 0)
                t->y--;
            break;
        case 'c':
            for (int i = 0; i < t->rows * t->cols; i++)
                t->cell[i] = ' ';
            t->y = t->x = 0;
            t->top = 0;
            t->bot = t->rows - 1;
            break;
        default: break; /* = > and the like */
        }
        return;
    case VT_CSI:
        if (c >= 0x40 && c <= 0x7e) {
            t->seq[t->seq_len] = '\0';
            vt_csi(t, (char)c);
            t->state = VT_GROUND;
        } else if (t->seq_len < (int)sizeof t->seq - 1) {
            t->seq[t->seq_len++] = (char)c;
            t->seq[t->seq_len] = '\0';
        }
        return;
    case VT_CHARSET:
        t->state = VT_GROUND;
        return;
    case VT_OSC:
        if (c == 7)
            t->state = VT_GROUND;
        else if (c == 27)
            t->state = VT_OSC_ESC;
        return;
    case VT_OSC_ESC:
        t->state = c == '\\' ? VT_GROUND : VT_OSC;
        return;
    default:
        break;
    }
    /* ground state */
    if (t->cp_need > 0) {
        if ((c & 0xc0) == 0x80) {
            t->cp = (t->cp << 6) | (c & 0x3f);
            if (--t->cp_need == 0)
                vt_put(t, t->cp);
            return;
        }
        t->cp_need = 0; /* a broken sequence: take the byte afresh */
    }
    if (c >= 0xc0) {
        t->cp_need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
        t->cp = c & (c >= 0xf0 ? 0x07 : c >= 0xe0 ? 0x0f : 0x1f);
        return;
    }
    if (c >= 0x80)
        return;
    switch (c) {
    case 27: t->state = VT_ESC; return;
    case '\r': t->x = 0; t->wrap_pending = false; return;
    case '\n': case 11: case 12: t->wrap_pending = false; vt_linefeed(t); return;
    case '\b':
        if (t->x > 0)
            t->x--;
        t->wrap_pending = false;
        return;
    case '\t':
        t->x = vt_clamp((t->x / 8 + 1) * 8, 0, t->cols - 1);
        return;
    default:
        if (c >= 0x20 && c < 0x7f)
            vt_put(t, c);
        return; /* BEL, SO, SI and other controls */
    }
}

void bench_vt_feed(bench_vt *t, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vt_byte(t, (unsigned char)buf[i]);
}

void bench_vt_row(const bench_vt *t, int y, char *buf, size_t len)
{
    size_t k = 0;
    for (int x = 0; x < t->cols && k + 1 < len; x++) {
        unsigned cp = t->cell[(size_t)y * t->cols + x];
        buf[k++] = cp < 0x80 ? (char)cp : '?';
    }
    if (len > 0)
        buf[k] = '\0';
}

bool bench_vt_find(const bench_vt *t, const char *text)
{
    char row[1024];
    for (int y = 0; y < t->rows; y++) {
        bench_vt_row(t, y, row, sizeof row);
        if (strstr(row, text))
            return true;
    }
    return false;
}
