/* plot.c - the curve plotter (see plot.h): the scale, the axes, the
 * series traced onto a canvas, then painted. */
#include "tui/plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PLOT_MAX_SERIES 16

typedef struct {
    double lo, hi;   /* value range on the (maybe log) axis */
    bool log;
} plot_scale;

static bool plot_tr(const plot_scale *sc, double x, double *out)
{
    if (!isfinite(x))
        return false;
    if (sc->log) {
        if (x <= 0)
            return false;
        x = log10(x);
    }
    *out = x;
    return true;
}

/* The scale from every series that is not clipped (all of them when every
 * one is). false when nothing finite is there to plot. */
double plot_fit_bottom(double lo, double hi)
{
    if (!(lo > 0) || !(hi > lo))
        return lo;
    if (lo < 0.2 * hi)
        return 0;
    double b = lo - 0.05 * (hi - lo);
    return b > 0 ? b : 0;
}

static bool plot_range(const plot_series *s, int n, bool log, bool fit,
                       plot_scale *sc)
{
    sc->log = log;
    bool any = false, unclipped = false;
    for (int k = 0; k < n; k++)
        unclipped |= !s[k].clip && s[k].n > 0;
    double lo = 0, hi = 0;
    for (int k = 0; k < n; k++) {
        if (unclipped && s[k].clip)
            continue;
        for (long e = 0; e < s[k].n; e++) {
            double t;
            if (!plot_tr(sc, s[k].h[e], &t))
                continue;
            if (!any) {
                lo = hi = t;
                any = true;
            }
            lo = t < lo ? t : lo;
            hi = t > hi ? t : hi;
        }
    }
    if (!any)
        return false;
    if (!log && lo > 0)
        lo = fit ? plot_fit_bottom(lo, hi) : 0;
    if (hi - lo < 1e-12) {
        double pad = log ? 0.5 : (fabs(hi) > 0 ? fabs(hi) * 0.5 : 1.0);
        hi += pad;
        lo -= log ? pad : 0;
    }
    sc->lo = lo;
    sc->hi = hi;
    return true;
}

static void plot_label(char *buf, size_t len, const plot_scale *sc, double t)
{
    double x = sc->log ? pow(10, t) : t;
    if (x == 0)
        snprintf(buf, len, "0");
    else if (fabs(x) >= 0.01 && fabs(x) < 10000)
        snprintf(buf, len, "%.3g", x);
    else
        snprintf(buf, len, "%.0e", x);
}

/* Dot row (0 = top) of a value on a plot DH dots tall. */
static int plot_dot_y(const plot_scale *sc, double t, int DH)
{
    double f = (t - sc->lo) / (sc->hi - sc->lo);
    if (!isfinite(f) || f > 1)
        f = 1;
    if (f < 0)
        f = 0;
    return (int)lround((1.0 - f) * (DH - 1));
}

static void plot_text(tui_view *v, WINDOW *win, const plot_opts *o, int y, int x,
                      style_role r, const char *text)
{
    int H, W;
    getmaxyx(win, H, W);
    int end = o->text_end > 0 && o->text_end < W ? o->text_end : W;
    if (y < 0 || y >= H || x < 0 || x >= end)
        return;
    style_text(win, &v->st, y, x, end - x, r, text);
}

/* ---- tracing ---- */

/* Every epoch a point, joined by lines; a gap where a value is not finite
 * (pinned to the top for a clipped series). */
static void plot_trace_lines(canvas *C, plot_series *s, const plot_scale *sc,
                             long N, const canvas_pen *pen)
{
    int lx = -1, ly = -1;
    for (long e = 0; e < s->n; e++) {
        double t;
        if (!plot_tr(sc, s->h[e], &t)) {
            if (!(isfinite(s->h[e]) && s->h[e] <= 0) && s->clip) {
                t = sc->hi;
            } else {
                lx = -1;
                continue;
            }
        }
        int X = N <= 1 ? 0 : (int)lround((double)e * (C->dw - 1) / (double)(N - 1));
        int Y = plot_dot_y(sc, t, C->dh);
        canvas_line(C, lx >= 0 ? lx : X, lx >= 0 ? ly : Y, X, Y, pen);
        lx = X;
        ly = Y;
        s->end_x = X / C->sx;
        s->end_y = Y / C->sy;
    }
}

/* More epochs than dot columns: each column spans the values of its epochs
 * and reaches back to the last value of the column before. */
static void plot_trace_thin(canvas *C, plot_series *s, const plot_scale *sc,
                            const canvas_pen *pen)
{
    long n = s->n;
    int DW = C->dw, DH = C->dh, prev = -1;
    for (int X = 0; X < DW; X++) {
        long e0 = (long)((double)X * n / DW);
        long e1 = (long)((double)(X + 1) * n / DW) - 1;
        if (e1 < e0)
            e1 = e0;
        int ymin = DH, ymax = -1, last = -1;
        for (long e = e0; e <= e1 && e < n; e++) {
            double t;
            if (!plot_tr(sc, s->h[e], &t))
                continue;
            int y = plot_dot_y(sc, t, DH);
            ymin = y < ymin ? y : ymin;
            ymax = y > ymax ? y : ymax;
            last = y;
        }
        if (ymax < 0) {
            prev = -1;
            continue;
        }
        if (prev >= 0 && prev < ymin)
            ymin = prev;
        if (prev > ymax)
            ymax = prev;
        canvas_fill(C, X, ymin, X, ymax, pen);
        prev = last;
        s->end_x = X / C->sx;
        s->end_y = last / C->sy;
    }
}

/* ---- axes and paint ---- */

static void plot_axes(tui_view *v, WINDOW *win, const plot_opts *o,
                      const plot_scale *sc, int x, const plot_area *a)
{
    char t[32], buf[48];
    /* y labels: top, bottom, and the middle when there is room */
    for (int k = 0; k < 3; k++) {
        int row = k == 0 ? 0 : k == 1 ? a->h - 1 : a->h / 2;
        if (k == 2 && (a->h < o->mid_label_rows || row == 0 || row == a->h - 1))
            continue;
        double val = k == 0 ? sc->hi : k == 1 ? sc->lo
                   : sc->hi - (sc->hi - sc->lo) * (row + 0.5) / a->h;
        plot_label(t, sizeof t, sc, val);
        snprintf(buf, sizeof buf, "%*s", PLOT_YW - 1, t);
        buf[PLOT_YW - 1] = '\0';
        plot_text(v, win, o, a->y + row, x, ROLE_DIM, buf);
        if (k == 1 && a->h == 1)
            break;
    }
    /* x axis: first and last epoch */
    snprintf(buf, sizeof buf, "%ld", a->n);
    plot_text(v, win, o, a->y + a->h, a->x, ROLE_DIM, "1");
    if (a->w > o->epochs_word_w)
        plot_text(v, win, o, a->y + a->h, a->x + a->w / 2 - 3, ROLE_DIM, "epochs");
    plot_text(v, win, o, a->y + a->h, a->x + a->w - (int)strlen(buf), ROLE_DIM, buf);
}

typedef struct {
    tui_style *st;
    const plot_series *s;
} plot_look_ctx;

static void plot_look(void *ctx, const canvas_cell *c, int cx, int cy, attr_t *a,
                      short *pr)
{
    (void)cx;
    (void)cy;
    const plot_look_ctx *L = ctx;
    const plot_series *s = &L->s[c->tag];
    if (s->color >= 0) {
        *a = A_NORMAL;
        *pr = style_pair(L->st, s->color, -1);
    } else {
        style_get(L->st, s->role, a, pr);
    }
}

bool plot_curves(tui_view *v, WINDOW *win, int y, int x, int h, int w,
                 plot_series *s, int n, const plot_opts *o, plot_area *area)
{
    plot_area a = {y, x + PLOT_YW, h - 1, w - PLOT_YW, 0, 0, 0};
    if (n > PLOT_MAX_SERIES)
        n = PLOT_MAX_SERIES;
    for (int k = 0; k < n; k++) {
        s[k].end_x = s[k].end_y = -1;
        a.n = s[k].n > a.n ? s[k].n : a.n;
    }
    if (area)
        *area = a;
    if (a.h < 1 || a.w < 4 || n < 1)
        return false;
    plot_scale sc;
    if (a.n == 0 || !plot_range(s, n, o->log, o->fit, &sc)) {
        plot_text(v, win, o, a.y + a.h / 2, a.x + 1, ROLE_DIM,
                  a.n ? "no finite loss to plot" : "no epoch yet: press space");
        return false;
    }
    a.lo = sc.lo;
    a.hi = sc.hi;
    if (area)
        *area = a;
    plot_axes(v, win, o, &sc, x, &a);
    canvas C;
    if (!canvas_init(&C, o->kind, a.w, a.h, &v->canvas, &v->canvas_cap))
        return false;
    C.replace = !o->stack;
    for (int k = 0; k < n; k++) {
        canvas_pen pen = canvas_pen_of((short)k);
        pen.rank = (float)(o->stack ? n - 1 - k : k);
        pen.ascii = s[k].ascii;
        if (o->thin && s[k].n > C.dw)
            plot_trace_thin(&C, &s[k], &sc, &pen);
        else
            plot_trace_lines(&C, &s[k], &sc, a.n, &pen);
    }
    plot_look_ctx L = {&v->st, s};
    canvas_paint(&C, win, &v->st, a.y, a.x, plot_look, &L);
    canvas_free(&C);
    return true;
}

int plot_epoch_col(const plot_area *a, long e)
{
    int col = a->n <= 1 ? 0 : (int)((double)e * (a->w - 1) / (double)(a->n - 1));
    if (e >= a->n || col > a->w - 1)
        col = a->w - 1;
    return col;
}
