/* panel_loss.c - the Loss panel: training and test loss over the epochs,
 * on a linear or log scale (`L`), drawn with braille dots (2x4 per cell)
 * where the locale allows and ASCII marks otherwise; axis labels, the
 * current values, and a mark where training diverged. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOSS_YW 7 /* y-axis label column */

static const unsigned char loss_braille_bit[4][2] = {
    {0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

typedef struct {
    double lo, hi;   /* value range on the (maybe log) axis */
    bool log;
} loss_scale;

static bool loss_tr(const loss_scale *sc, double x, double *out)
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

static bool loss_range(const session *s, bool log, loss_scale *sc)
{
    sc->log = log;
    bool any = false;
    double lo = 0, hi = 0;
    for (int which = 0; which < 2; which++) {
        const double *h = which ? s->hist_test : s->hist_train;
        for (long e = 0; e < s->hist_len; e++) {
            double t;
            if (!loss_tr(sc, h[e], &t))
                continue;
            if (!any) {
                lo = hi = t;
                any = true;
            }
            if (t < lo)
                lo = t;
            if (t > hi)
                hi = t;
        }
    }
    if (!any)
        return false;
    if (!log && lo > 0)
        lo = 0;
    if (hi - lo < 1e-12) {
        double pad = log ? 0.5 : (fabs(hi) > 0 ? fabs(hi) * 0.5 : 1.0);
        hi += pad;
        lo -= log ? pad : 0;
    }
    sc->lo = lo;
    sc->hi = hi;
    return true;
}

static void loss_axis_label(char *buf, size_t len, const loss_scale *sc, double t)
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
static int loss_dot_y(const loss_scale *sc, double t, int DH)
{
    double f = (t - sc->lo) / (sc->hi - sc->lo);
    int y = (int)lround((1.0 - f) * (DH - 1));
    if (y < 0)
        y = 0;
    if (y > DH - 1)
        y = DH - 1;
    return y;
}

static void loss_set(unsigned char *bits, int pw, int sx, int sy, int X, int Y)
{
    bits[(Y / sy) * pw + X / sx] |= sx == 2 ? loss_braille_bit[Y % 4][X % 2] : 1;
}

static void loss_line(unsigned char *bits, int pw, int sx, int sy, int x0,
                      int y0, int x1, int y1)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int stx = x0 < x1 ? 1 : -1, sty = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        loss_set(bits, pw, sx, sy, x0, y0);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += stx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sty;
        }
    }
}

/* Marks curve `h` into cells: braille dot bits (sx = 2, sy = 4) or one
 * mark per cell (sx = sy = 1). The plot is pw x ph cells. Up to one epoch
 * per dot column the points are joined by lines, stretched over the whole
 * width; beyond, each dot column spans the range of its epochs. */
static void loss_trace(const session *s, const double *h, const loss_scale *sc,
                       unsigned char *bits, int pw, int ph, int sx, int sy)
{
    int DW = pw * sx, DH = ph * sy;
    long n = s->hist_len;
    if (n <= DW) {
        int px = -1, py = -1;
        for (long e = 0; e < n; e++) {
            double t;
            if (!loss_tr(sc, h[e], &t)) {
                px = -1;
                continue;
            }
            int X = n == 1 ? 0 : (int)lround((double)e * (DW - 1) / (double)(n - 1));
            int Y = loss_dot_y(sc, t, DH);
            if (px >= 0)
                loss_line(bits, pw, sx, sy, px, py, X, Y);
            else
                loss_set(bits, pw, sx, sy, X, Y);
            px = X;
            py = Y;
        }
        return;
    }
    int prev = -1;
    for (int X = 0; X < DW; X++) {
        long e0 = (long)((double)X * n / DW);
        long e1 = (long)((double)(X + 1) * n / DW) - 1;
        if (e1 < e0)
            e1 = e0;
        int ymin = DH, ymax = -1, last = -1;
        for (long e = e0; e <= e1 && e < n; e++) {
            double t;
            if (!loss_tr(sc, h[e], &t))
                continue;
            int y = loss_dot_y(sc, t, DH);
            if (y < ymin)
                ymin = y;
            if (y > ymax)
                ymax = y;
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
        for (int y = ymin; y <= ymax; y++)
            loss_set(bits, pw, sx, sy, X, y);
        prev = last;
    }
}

static void loss_draw(tui_view *v, panel *p)
{
    const session *s = v->s;
    char title[64];
    snprintf(title, sizeof title, "Loss %s", v->log_loss ? "(log)" : "(linear)");
    panel_frame(v, p, title);
    if (p->ch < 3 || p->cw < LOSS_YW + 4)
        return;
    bool has_test = s->data.n_test > 0;
    /* legend: current values and the scale key */
    char buf[160], a[32], b[32];
    int x = 0;
    double tr = s->hist_len > 0 ? s->hist_train[s->hist_len - 1] : NAN;
    double te = s->hist_len > 0 ? s->hist_test[s->hist_len - 1] : NAN;
    fmt_val(a, sizeof a, tr);
    snprintf(buf, sizeof buf, "train %s", s->hist_len ? a : "-");
    x += panel_text(v, p, 0, x, ROLE_TRAIN, buf) + 2;
    if (has_test) {
        fmt_val(b, sizeof b, te);
        snprintf(buf, sizeof buf, "test %s", s->hist_len ? b : "-");
        x += panel_text(v, p, 0, x, ROLE_TEST, buf) + 2;
    }
    snprintf(buf, sizeof buf, "L %s", v->log_loss ? "lin" : "log");
    if (x + (int)strlen(buf) <= p->cw)
        panel_text(v, p, 0, p->cw - (int)strlen(buf), ROLE_DIM, buf);
    int ph = p->ch - 2, pw = p->cw - LOSS_YW;
    int px = LOSS_YW, py = 1;
    loss_scale sc;
    if (ph < 1 || pw < 2)
        return;
    if (s->hist_len == 0 || !loss_range(s, v->log_loss, &sc)) {
        panel_text(v, p, py + ph / 2, px + 1, ROLE_DIM,
                   s->hist_len ? "no finite loss to plot" : "no epoch yet: press space");
        return;
    }
    /* y axis labels: top, middle, bottom */
    for (int k = 0; k < 3; k++) {
        int row = k == 0 ? 0 : k == 1 ? ph / 2 : ph - 1;
        if (k == 1 && (row == 0 || row == ph - 1))
            continue;
        double t = sc.hi - (sc.hi - sc.lo) * (row + 0.5) / ph;
        if (k == 0)
            t = sc.hi;
        if (k == 2)
            t = sc.lo;
        loss_axis_label(a, sizeof a, &sc, t);
        snprintf(buf, sizeof buf, "%*s", LOSS_YW - 1, a);
        panel_text(v, p, py + row, 0, ROLE_DIM, buf);
    }
    /* x axis: first and last epoch */
    snprintf(buf, sizeof buf, "%ld", s->hist_len);
    panel_text(v, p, py + ph, px, ROLE_DIM, "1");
    if (pw > 14)
        panel_text(v, p, py + ph, px + pw / 2 - 3, ROLE_DIM, "epochs");
    panel_text(v, p, py + ph, px + pw - (int)strlen(buf), ROLE_DIM, buf);
    /* the curves */
    bool braille = v->st.utf8;
    int sx = braille ? 2 : 1, sy = braille ? 4 : 1;
    size_t ncell = (size_t)pw * (size_t)ph;
    unsigned char *cells[2];
    cells[0] = view_scratch(v, 2 * ncell);
    if (!cells[0])
        return;
    cells[1] = cells[0] + ncell;
    memset(cells[0], 0, 2 * ncell);
    loss_trace(s, s->hist_train, &sc, cells[0], pw, ph, sx, sy);
    if (has_test)
        loss_trace(s, s->hist_test, &sc, cells[1], pw, ph, sx, sy);
    attr_t atr, ate;
    short ptr, pte;
    style_get(&v->st, ROLE_TRAIN, &atr, &ptr);
    style_get(&v->st, ROLE_TEST, &ate, &pte);
    for (int r = 0; r < ph; r++)
        for (int c = 0; c < pw; c++) {
            unsigned char t0 = cells[0][r * pw + c], t1 = cells[1][r * pw + c];
            if (!t0 && !t1)
                continue;
            if (braille)
                style_put(p->win, &v->st, p->cy + py + r, p->cx + px + c,
                          (wchar_t)(0x2800 + (t0 | t1)), '*', t0 ? atr : ate,
                          t0 ? ptr : pte);
            else
                style_put(p->win, &v->st, p->cy + py + r, p->cx + px + c, 0,
                          t0 ? '*' : 'o', t0 ? atr : ate, t0 ? ptr : pte);
        }
    /* divergence: a column of marks at that epoch and a word */
    if (s->diverged_epoch >= 1) {
        long e = s->diverged_epoch - 1;
        long n = s->hist_len;
        int col = n <= 1 ? 0 : (int)((double)e * (pw - 1) / (n - 1));
        if (e >= n)
            col = pw - 1;
        if (col > pw - 1)
            col = pw - 1;
        attr_t ab;
        short pb;
        style_get(&v->st, ROLE_BAD, &ab, &pb);
        for (int r = 0; r < ph; r++)
            style_put(p->win, &v->st, p->cy + py + r, p->cx + px + col, L'┊', '!',
                      ab, pb);
        const char *word = "diverged";
        int wx = col - (int)strlen(word);
        if (wx < 0)
            wx = col + 1;
        panel_text(v, p, py, px + wx, ROLE_BAD, word);
    }
}

const panel_ops panel_loss_ops = {
    .title = "Loss",
    .layout = NULL,
    .draw = loss_draw,
    .handle_action = NULL,
};
