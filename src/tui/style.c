/* style.c - colour modes, colour pairs, the diverging blue/orange scale, the
 * class palette, and the small drawing and number-format helpers shared by
 * the panels. Decides Unicode from the locale's codeset only. */
#include "tui/style.h"

#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Diverging scale in 256 colours, strongest orange .. neutral .. strongest
 * blue (xterm colour numbers). */
static const short style_div256[2 * STYLE_MAX_SHADES + 1] = {
    166, 208, 215, 223, 255, 153, 111, 33, 25};
/* With 8 colours: two shades per side, no neutral middle. */
static const short style_div8[4] = {COLOR_RED, COLOR_YELLOW, COLOR_CYAN,
                                    COLOR_BLUE};

/* Class palette: class 0 orange and class 1 blue, as the two-class scale. */
static const short style_class256[][2] = {
    {208, 223}, {33, 153}, {34, 157}, {135, 183}, {160, 217}, {37, 159},
    {178, 229}, {169, 225}, {94, 180}, {244, 252}};
static const short style_class8[] = {COLOR_RED,    COLOR_BLUE, COLOR_GREEN,
                                     COLOR_MAGENTA, COLOR_YELLOW, COLOR_CYAN,
                                     COLOR_WHITE};

static bool style_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

short style_pair(tui_style *st, int fg, int bg)
{
    if (st->colors == STYLE_MONO || !st->pairs)
        return 0;
    if (fg < -1 || fg > 256 || bg < -1 || bg > 256)
        return 0;
    size_t k = (size_t)(fg + 1) * STYLE_PAIR_SLOTS + (size_t)(bg + 1);
    if (st->pairs[k])
        return st->pairs[k];
    if (st->next_pair >= COLOR_PAIRS || st->next_pair > 32767)
        return 0;
    short p = (short)st->next_pair++;
    if (init_pair(p, (short)fg, (short)bg) == ERR)
        return 0;
    st->pairs[k] = p;
    return p;
}

static void style_role_set(tui_style *st, style_role r, int fg, int bg,
                           attr_t colour_attr, attr_t mono_attr)
{
    if (st->colors == STYLE_MONO) {
        st->role_pair[r] = 0;
        st->role_attr[r] = mono_attr;
    } else {
        st->role_pair[r] = style_pair(st, fg, bg);
        st->role_attr[r] = colour_attr;
    }
}

int style_init(tui_style *st)
{
    memset(st, 0, sizeof *st);
    st->utf8 = style_locale_utf8();
    const char *nc = getenv("NO_COLOR");
    bool no_color = nc && nc[0] != '\0';
    if (!no_color && has_colors() && start_color() != ERR) {
        use_default_colors();
        st->colors = COLORS >= 256 ? STYLE_256 : STYLE_8;
    } else {
        st->colors = STYLE_MONO;
    }
    st->shades = st->colors == STYLE_256 ? STYLE_MAX_SHADES
               : st->colors == STYLE_8   ? 2 : 0;
    if (st->colors != STYLE_MONO) {
        st->pairs = calloc((size_t)STYLE_PAIR_SLOTS * STYLE_PAIR_SLOTS,
                           sizeof *st->pairs);
        if (!st->pairs)
            return -1;
        st->next_pair = 1;
    }
    bool c256 = st->colors == STYLE_256;
    int blue = c256 ? 33 : COLOR_BLUE, orange = c256 ? 208 : COLOR_YELLOW;
    int blue_dim = c256 ? 68 : COLOR_CYAN, orange_dim = c256 ? 137 : COLOR_RED;
    style_role_set(st, ROLE_NORMAL, -1, -1, A_NORMAL, A_NORMAL);
    style_role_set(st, ROLE_TITLE, c256 ? 231 : COLOR_WHITE, -1, A_BOLD, A_BOLD);
    style_role_set(st, ROLE_RULE, c256 ? 244 : COLOR_WHITE, -1, A_NORMAL,
                   A_NORMAL);
    style_role_set(st, ROLE_POS, blue, -1, A_BOLD, A_BOLD);
    style_role_set(st, ROLE_NEG, orange, -1, A_BOLD, A_NORMAL);
    style_role_set(st, ROLE_POS_DIM, blue_dim, -1, A_NORMAL, A_NORMAL);
    style_role_set(st, ROLE_NEG_DIM, orange_dim, -1, A_NORMAL, A_NORMAL);
    style_role_set(st, ROLE_DIM, c256 ? 245 : COLOR_WHITE, -1,
                   c256 ? A_NORMAL : A_DIM, A_DIM);
    style_role_set(st, ROLE_TRAIN, c256 ? 45 : COLOR_CYAN, -1, A_BOLD, A_BOLD);
    style_role_set(st, ROLE_TEST, c256 ? 214 : COLOR_YELLOW, -1, A_NORMAL,
                   A_NORMAL);
    style_role_set(st, ROLE_BAD, c256 ? 196 : COLOR_RED, -1, A_BOLD,
                   A_BOLD | A_REVERSE);
    style_role_set(st, ROLE_SELECT, c256 ? 16 : COLOR_BLACK,
                   c256 ? 46 : COLOR_GREEN, A_BOLD, A_REVERSE);
    /* the map cursor: yellow, a colour no point uses (wrong points are
     * magenta) */
    style_role_set(st, ROLE_CURSOR, c256 ? 16 : COLOR_BLACK,
                   c256 ? 226 : COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD);
    style_role_set(st, ROLE_STATUS, c256 ? 255 : COLOR_WHITE,
                   c256 ? 236 : COLOR_BLUE, A_NORMAL, A_REVERSE);
    style_role_set(st, ROLE_STATE, c256 ? 16 : COLOR_BLACK,
                   c256 ? 220 : COLOR_YELLOW, A_BOLD, A_BOLD);
    style_role_set(st, ROLE_MESSAGE, c256 ? 16 : COLOR_BLACK,
                   c256 ? 214 : COLOR_YELLOW, A_NORMAL, A_BOLD);
    style_role_set(st, ROLE_KEY, c256 ? 220 : COLOR_YELLOW, -1, A_BOLD, A_BOLD);
    style_role_set(st, ROLE_NODE_POS, c256 ? 117 : COLOR_BLUE,
                   c256 ? 236 : COLOR_WHITE, A_BOLD, A_REVERSE);
    style_role_set(st, ROLE_NODE_NEG, c256 ? 215 : COLOR_RED,
                   c256 ? 236 : COLOR_WHITE, A_BOLD, A_REVERSE);
    return 0;
}

void style_free(tui_style *st)
{
    free(st->pairs);
    st->pairs = NULL;
}

void style_get(const tui_style *st, style_role r, attr_t *attr, short *pair)
{
    *attr = st->role_attr[r];
    *pair = st->role_pair[r];
}

void style_set(WINDOW *w, const tui_style *st, style_role r)
{
    wattr_set(w, st->role_attr[r], st->role_pair[r], NULL);
}

int style_level_color(const tui_style *st, int k)
{
    if (st->colors == STYLE_256) {
        if (k < -STYLE_MAX_SHADES)
            k = -STYLE_MAX_SHADES;
        if (k > STYLE_MAX_SHADES)
            k = STYLE_MAX_SHADES;
        return style_div256[k + STYLE_MAX_SHADES];
    }
    if (st->colors == STYLE_8) {
        if (k <= -2)
            return style_div8[0];
        if (k == -1)
            return style_div8[1];
        if (k >= 2)
            return style_div8[3];
        return style_div8[2];
    }
    return -1;
}

int style_level_of(const tui_style *st, double v)
{
    if (!(v == v))
        return 0;
    if (v > 1)
        v = 1;
    if (v < -1)
        v = -1;
    if (st->colors == STYLE_8) {
        if (v < 0)
            return v < -0.5 ? -2 : -1;
        return v > 0.5 ? 2 : 1;
    }
    int S = st->shades > 0 ? st->shades : STYLE_MAX_SHADES;
    /* neutral only very near the middle, so that the boundary shows */
    double a = fabs(v);
    int k = (int)ceil(a * S - 0.15);
    if (k < 0)
        k = 0;
    if (k > S)
        k = S;
    return v < 0 ? -k : k;
}

int style_class_color(const tui_style *st, int c, bool strong)
{
    if (c < 0)
        c = 0;
    if (st->colors == STYLE_256) {
        int n = (int)(sizeof style_class256 / sizeof style_class256[0]);
        return style_class256[c % n][strong ? 0 : 1];
    }
    if (st->colors == STYLE_8) {
        int n = (int)(sizeof style_class8 / sizeof style_class8[0]);
        return style_class8[c % n];
    }
    return -1;
}

void style_put(WINDOW *w, const tui_style *st, int y, int x, wchar_t wc,
               char ascii, attr_t attr, short pair)
{
    if (st->utf8 && wc) {
        wchar_t s[2] = {wc, L'\0'};
        cchar_t cc;
        setcchar(&cc, s, attr, pair, NULL);
        mvwadd_wch(w, y, x, &cc);
    } else {
        wattr_set(w, attr, pair, NULL);
        mvwaddch(w, y, x, (chtype)(unsigned char)ascii);
    }
}

int style_text(WINDOW *w, const tui_style *st, int y, int x, int n,
               style_role r, const char *text)
{
    if (n <= 0)
        return 0;
    int len = (int)strlen(text);
    if (len > n)
        len = n;
    style_set(w, st, r);
    mvwaddnstr(w, y, x, text, len);
    wattr_set(w, A_NORMAL, 0, NULL);
    return len;
}

void style_rule(WINDOW *w, const tui_style *st, int y, int x, int width,
                const char *title, bool focused)
{
    attr_t a;
    short p;
    style_get(st, ROLE_RULE, &a, &p);
    for (int i = 0; i < width; i++)
        style_put(w, st, y, x + i, focused ? L'━' : L'─', focused ? '=' : '-',
                  a, p);
    if (title && width > 4) {
        int n = (int)strlen(title);
        if (n > width - 4)
            n = width - 4;
        style_get(st, ROLE_TITLE, &a, &p);
        if (focused)
            a |= A_REVERSE;
        wattr_set(w, a, p, NULL);
        mvwaddch(w, y, x + 1, ' ');
        waddnstr(w, title, n);
        waddch(w, ' ');
        wattr_set(w, A_NORMAL, 0, NULL);
    }
}

void style_vrule(WINDOW *w, const tui_style *st, int y, int x, int h)
{
    attr_t a;
    short p;
    style_get(st, ROLE_RULE, &a, &p);
    for (int i = 0; i < h; i++)
        style_put(w, st, y + i, x, L'│', '|', a, p);
}

void fmt_num5(char *buf, size_t len, double v)
{
    if (v != v) {
        snprintf(buf, len, "  nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, len, v > 0 ? " +inf" : " -inf");
        return;
    }
    double a = fabs(v);
    if (a > 0 && a < 0.005) {
        /* small values keep their size: "+3e-4" */
        int e = (int)floor(log10(a));
        int m = (int)lround(a / pow(10, e));
        if (m >= 10) {
            m = 1;
            e++;
        }
        if (e >= -9)
            snprintf(buf, len, "%c%de%d", v < 0 ? '-' : '+', m, e);
        else
            snprintf(buf, len, "%c0.00", v < 0 ? '-' : '+');
    } else if (a < 9.995)
        snprintf(buf, len, "%+.2f", v);
    else if (a < 99.95)
        snprintf(buf, len, "%+.1f", v);
    else if (a < 9999.5)
        snprintf(buf, len, "%+5.0f", v);
    else {
        /* "+3e04" / "-7e16" */
        int e = (int)floor(log10(a));
        int m = (int)lround(a / pow(10, e));
        if (m >= 10) {
            m = 1;
            e++;
        }
        if (e > 99)
            snprintf(buf, len, "%cbig", v < 0 ? '-' : '+');
        else
            snprintf(buf, len, "%c%de%02d", v < 0 ? '-' : '+', m, e);
    }
}

void fmt_val(char *buf, size_t len, double v)
{
    if (v != v) {
        snprintf(buf, len, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, len, v > 0 ? "inf" : "-inf");
        return;
    }
    double a = fabs(v);
    if (a == 0)
        snprintf(buf, len, "0");
    else if (a >= 0.001 && a < 1000)
        snprintf(buf, len, "%.4f", v);
    else if (a >= 1000 && a < 1e6)
        snprintf(buf, len, "%.0f", v);
    else
        snprintf(buf, len, "%.2e", v);
}

void fmt_num(char *buf, size_t len, double v)
{
    if (v != v) {
        snprintf(buf, len, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, len, v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == 0 || fabs(v) < 1e-300)
        v = 0; /* no "-0" */
    snprintf(buf, len, "%.6g", v);
}
