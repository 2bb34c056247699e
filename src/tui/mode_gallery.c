/* mode_gallery.c - the activation gallery: the thirteen element-wise
 * activations side by side, each a small plot of f and its derivative f'
 * over z in [-4, 4] (braille dots where the locale has Unicode, ASCII
 * marks otherwise), and for the one under the cursor its formula, its
 * derivative and a line on where it is used and what goes wrong with it.
 * Enter puts the chosen one in the hidden layers. As many as fit are
 * shown; the rest are a page away. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/action.h"
#include "tui/canvas.h"
#include "tui/view.h"

#define GAL_N ACT_ELEMENTWISE_COUNT
#define GAL_CELL_MIN_W 19
#define GAL_CELL_H 8     /* title, plot rows, formula */
#define GAL_CELL_MIN_H 6
#define GAL_DETAIL_H 6   /* the chosen one's lines under the grid */
#define GAL_Z 4.0        /* z from -GAL_Z to GAL_Z */

typedef struct {
    int cur;          /* the activation under the cursor */
    int seen_act;     /* the hidden activation when last drawn */
    int per_row;      /* cells across, as last drawn (for up / down) */
    int per_page;
} gal_state;

static bool gal_has_hidden(const session *s)
{
    return s->cfg.model == MODEL_MLP && s->cfg.n_hidden > 0;
}

static int gal_open(tui_view *v)
{
    gal_state *g = v->mode_state[MODE_GALLERY];
    g->cur = gal_has_hidden(v->s) ? (int)v->s->cfg.hidden_act : ACT_RELU;
    if (g->cur < 0 || g->cur >= GAL_N)
        g->cur = 0;
    g->seen_act = (int)v->s->cfg.hidden_act;
    g->per_row = 1;
    g->per_page = GAL_N;
    return 0;
}

/* The value range of f and f' over the plotted z, with a little room. */
static void gal_range(act_kind k, double *lo, double *hi)
{
    const act_info *in = act_get_info(k);
    double a = in->lo, b = in->hi;
    for (int t = 0; t <= 160; t++) {
        double z = -GAL_Z + 2 * GAL_Z * t / 160.0;
        double f = act_value(k, z), d = act_derivative(k, z);
        if (isfinite(f)) {
            a = fmin(a, f);
            b = fmax(b, f);
        }
        if (isfinite(d)) {
            a = fmin(a, d);
            b = fmax(b, d);
        }
    }
    if (b - a < 1e-9) {
        a -= 0.5;
        b += 0.5;
    }
    double pad = (b - a) * 0.06;
    *lo = a - pad;
    *hi = b + pad;
}

/* One curve (deriv: f') onto C. A jump (the step) is drawn as a vertical
 * line; a value off the range is left out. */
static void gal_trace(act_kind k, bool deriv, canvas *C, const canvas_pen *pen,
                      double lo, double hi)
{
    int DW = C->dw, DH = C->dh;
    int px = -1, py = -1;
    for (int X = 0; X < DW; X++) {
        double z = -GAL_Z + 2 * GAL_Z * X / (double)(DW - 1);
        double f = deriv ? act_derivative(k, z) : act_value(k, z);
        if (!isfinite(f) || f < lo || f > hi) {
            px = -1;
            continue;
        }
        int Y = (int)lround((hi - f) / (hi - lo) * (DH - 1));
        if (Y < 0)
            Y = 0;
        if (Y > DH - 1)
            Y = DH - 1;
        canvas_line(C, px >= 0 ? px : X, px >= 0 ? py : Y, X, Y, pen);
        px = X;
        py = Y;
    }
}

/* The plot of activation k in the rectangle (y, x, ph x pw cells): f over
 * f' over the dotted axes where they share a cell. */
static void gal_plot(tui_view *v, WINDOW *w, act_kind k, int y, int x, int ph,
                     int pw)
{
    if (ph < 2 || pw < 4)
        return;
    canvas C;
    if (!canvas_init(&C, canvas_kind_for(&v->st, false), pw, ph, &v->canvas,
                     &v->canvas_cap))
        return;
    double lo, hi;
    gal_range(k, &lo, &hi);
    canvas_pen pf = canvas_pen_of(ROLE_TRAIN), pd = canvas_pen_of(ROLE_TEST),
               pa = canvas_pen_of(ROLE_DIM);
    pf.rank = 2;
    pf.ascii = '*';
    pd.rank = 1;
    pd.ascii = 'o';
    pa.ascii = '.';
    gal_trace(k, false, &C, &pf, lo, hi);
    gal_trace(k, true, &C, &pd, lo, hi);
    /* the axes: value 0 across, z = 0 down */
    if (lo < 0 && hi > 0) {
        int Y = (int)lround(hi / (hi - lo) * (C.dh - 1));
        for (int X = 0; X < C.dw; X += 2)
            canvas_dot(&C, X, Y, &pa);
    }
    for (int Y = 0; Y < C.dh; Y += 2)
        canvas_dot(&C, C.dw / 2, Y, &pa);
    canvas_paint(&C, w, &v->st, y, x, NULL, NULL);
    canvas_free(&C);
}

/* text word-wrapped to width columns over at most `lines` rows from row
 * y; returns the row after the last written. */
static int gal_wrap(tui_view *v, WINDOW *w, int y, int x, int width, int lines,
                    style_role r, const char *text)
{
    const char *p = text;
    while (*p && lines-- > 0 && width > 0) {
        int n = (int)strlen(p);
        if (n > width) {
            n = width;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0)
                n = width;
        }
        char line[256];
        snprintf(line, sizeof line, "%.*s", n, p);
        style_text(w, &v->st, y++, x, width, r, line);
        p += n;
        while (*p == ' ')
            p++;
    }
    return y;
}

static void gal_cell(tui_view *v, WINDOW *w, act_kind k, int y, int x, int ch,
                     int cw, bool cur, bool used)
{
    const act_info *in = act_get_info(k);
    char t[64];
    snprintf(t, sizeof t, "%s%s%s", cur ? "> " : "", in->title, used ? " *" : "");
    style_text(w, &v->st, y, x, cw - 1, cur ? ROLE_SELECT : ROLE_TITLE, t);
    gal_plot(v, w, k, y + 1, x, ch - 2, cw - 2);
    style_text(w, &v->st, y + ch - 1, x, cw - 1, ROLE_DIM, in->formula);
}

/* The grid's arrangement for h x wd: columns, rows and the cell size. */
typedef struct {
    int cols, rows;  /* cells across and down a page */
    int per;         /* cells on a page */
    int cw, ch;      /* a cell's width and height */
} gal_layout;

static void gal_lay_out(gal_layout *L, int h, int wd)
{
    int grid_h = h - 1 - GAL_DETAIL_H;
    int rows_fit = grid_h / GAL_CELL_MIN_H;
    if (rows_fit < 1)
        rows_fit = 1;
    int max_cols = wd / GAL_CELL_MIN_W;
    if (max_cols < 1)
        max_cols = 1;
    if (max_cols > GAL_N)
        max_cols = GAL_N;
    /* all thirteen on one page when they fit, in the arrangement that
     * gives the plots the most room; else pages of the most that fit */
    int cols = max_cols, rows = rows_fit;
    double best = -1;
    for (int c = 1; c <= max_cols; c++) {
        int r = (GAL_N + c - 1) / c;
        if (r > rows_fit)
            continue;
        int chh = grid_h / r;
        if (chh > 2 * GAL_CELL_H)
            chh = 2 * GAL_CELL_H;
        double score = fmin((double)(wd / c), 2.5 * chh);
        if (score > best) {
            best = score;
            cols = c;
            rows = r;
        }
    }
    if (best < 0) {
        cols = max_cols;
        rows = rows_fit;
    }
    L->cols = cols;
    L->rows = rows;
    L->cw = wd / cols;
    L->per = rows * cols < GAL_N ? rows * cols : GAL_N;
    /* the rows share the room, up to twice the usual height */
    int ch = grid_h / rows;
    if (ch > 2 * GAL_CELL_H)
        ch = 2 * GAL_CELL_H;
    L->ch = ch < 3 ? 3 : ch;
}

/* The rule with the page and the legend on its right. */
static void gal_draw_title(tui_view *v, WINDOW *w, int wd, int page, int pages)
{
    char title[96];
    if (pages > 1)
        snprintf(title, sizeof title, "Activation gallery %d/%d: f and its slope f'",
                 page + 1, pages);
    else
        snprintf(title, sizeof title, "Activation gallery: f and its slope f'");
    style_rule(w, &v->st, 0, 0, wd, title, true);
    if (wd > 60) {
        int lx = wd - 22;
        style_text(w, &v->st, 0, lx, 6, ROLE_TRAIN, " f(z) ");
        style_text(w, &v->st, 0, lx + 7, 7, ROLE_TEST, " f'(z) ");
        style_text(w, &v->st, 0, lx + 15, 6, ROLE_DIM, " axes ");
    }
}

/* The chosen activation in full, below the grid. */
static void gal_draw_detail(tui_view *v, WINDOW *w, int h, int wd, int cur, int used)
{
    const session *s = v->s;
    const act_info *in = act_get_info((act_kind)cur);
    int y = h - GAL_DETAIL_H;
    style_rule(w, &v->st, y++, 0, wd, in->title, false);
    char buf[256];
    snprintf(buf, sizeof buf, "f(z) = %s      f'(z) = %s", in->formula,
             in->derivative);
    if ((int)strlen(buf) <= wd - 2) {
        view_print(v, w, y++, 1, ROLE_NORMAL, "%s", buf);
    } else {
        view_print(v, w, y++, 1, ROLE_NORMAL, "f(z)  = %s", in->formula);
        view_print(v, w, y++, 1, ROLE_NORMAL, "f'(z) = %s", in->derivative);
    }
    y = gal_wrap(v, w, y, 1, wd - 2, h - 1 - y, ROLE_DIM, in->note);
    if (!gal_has_hidden(s))
        view_print(v, w, y, 1, ROLE_DIM, "%s",
                   s->cfg.model == MODEL_PERCEPTRON
                       ? "the perceptron has no hidden layer: m switches to the MLP"
                       : "no hidden layer: ] adds one, then Enter puts this one in");
    else if (used == cur)
        view_print(v, w, y, 1, ROLE_DIM, "* in the hidden layers now");
    else
        view_print(v, w, y, 1, ROLE_DIM, "Enter puts it in the hidden layers "
                   "(now %s)", act_name(s->cfg.hidden_act));
}

static void gal_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    session *s = v->s;
    gal_state *g = v->mode_state[MODE_GALLERY];
    if (!g)
        return;
    if ((int)s->cfg.hidden_act != g->seen_act) {
        /* a / A changed it: the cursor follows */
        g->seen_act = (int)s->cfg.hidden_act;
        if (g->seen_act >= 0 && g->seen_act < GAL_N)
            g->cur = g->seen_act;
    }
    gal_layout L;
    gal_lay_out(&L, h, wd);
    g->per_row = L.cols;
    g->per_page = L.per;
    int page = g->cur / L.per, pages = (GAL_N + L.per - 1) / L.per;
    gal_draw_title(v, w, wd, page, pages);
    int used = gal_has_hidden(s) ? (int)s->cfg.hidden_act : -1;
    for (int q = 0; q < L.per; q++) {
        int k = page * L.per + q;
        if (k >= GAL_N)
            break;
        int r = q / L.cols, c = q % L.cols;
        gal_cell(v, w, (act_kind)k, 1 + r * L.ch, c * L.cw, L.ch, L.cw, k == g->cur,
                 k == used);
    }
    gal_draw_detail(v, w, h, wd, g->cur, used);
}

static void gal_apply(tui_view *v, gal_state *g)
{
    session *s = v->s;
    if (s->cfg.model != MODEL_MLP) {
        view_say(v, true, "the perceptron's activation is the step: m switches to "
                          "the MLP");
        return;
    }
    if (s->cfg.n_hidden == 0) {
        view_say(v, true, "no hidden layer: press ] to add one");
        return;
    }
    int rc = session_set_hidden_act(s, (act_kind)g->cur);
    view_after_command(v, rc);
    if (rc == 0) {
        g->seen_act = (int)s->cfg.hidden_act;
        view_say(v, false, "hidden layers now %s (new weights from the same seed)",
                 act_name((act_kind)g->cur));
    }
}

static bool gal_handle_action(tui_view *v, int action)
{
    gal_state *g = v->mode_state[MODE_GALLERY];
    if (!g)
        return false;
    int cols = g->per_row > 0 ? g->per_row : 1;
    int per = g->per_page > 0 ? g->per_page : GAL_N;
    switch ((tui_action)action) {
    case ACTION_CHOOSE_PREV:
        g->cur = (g->cur + GAL_N - 1) % GAL_N;
        return true;
    case ACTION_CHOOSE_NEXT:
        g->cur = (g->cur + 1) % GAL_N;
        return true;
    case ACTION_CHOOSE_UP:
        if (g->cur - cols >= 0)
            g->cur -= cols;
        return true;
    case ACTION_CHOOSE_DOWN:
        if (g->cur + cols < GAL_N)
            g->cur += cols;
        return true;
    case ACTION_PAGE_NEXT:
        g->cur = g->cur + per < GAL_N ? g->cur + per : GAL_N - 1;
        g->cur -= g->cur % per;
        return true;
    case ACTION_PAGE_PREV:
        g->cur = g->cur - per >= 0 ? g->cur - per : 0;
        g->cur -= g->cur % per;
        return true;
    case ACTION_APPLY:
        gal_apply(v, g);
        return true;
    default:
        return false;
    }
}

static const key_binding gal_keys[] = {
    {KEY_LEFT, ACTION_CHOOSE_PREV}, {KEY_RIGHT, ACTION_CHOOSE_NEXT},
    {KEY_UP, ACTION_CHOOSE_UP},     {KEY_DOWN, ACTION_CHOOSE_DOWN},
    /* U first: its hint holds inside a lesson too, where Enter moves on */
    {'U', ACTION_APPLY},            {'\r', ACTION_APPLY},
    {'\n', ACTION_APPLY},           {KEY_ENTER, ACTION_APPLY},
    {KEY_NPAGE, ACTION_PAGE_NEXT},
    {KEY_PPAGE, ACTION_PAGE_PREV},  {0, ACTION_NONE},
};

const view_mode_ops mode_gallery_ops = {
    .name = "gallery",
    .title = "Activation gallery",
    .state_size = sizeof(gal_state),
    .open = gal_open,
    .draw = gal_draw,
    .keys = gal_keys,
    .handle_action = gal_handle_action,
};
