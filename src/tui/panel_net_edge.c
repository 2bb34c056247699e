/* panel_net_edge.c - the network's edges as a room can read them: one
 * line an edge, its colour the sign of its weight (the style's blue and
 * orange), its weight in three steps, weak dotted and dim, middling solid,
 * strong doubled and bold; edges too many to tell apart drawn faintly
 * (sparse dim dots), the selected weight green. Braille dots where the
 * locale allows, one stroke a cell otherwise. */
#include "tui/panel_net.h"

#include <math.h>
#include <stdlib.h>

#include "tui/cscale.h"
#include "tui/panel.h"

int panel_net_edge_step(double w, double wmax)
{
    if (!isfinite(w))
        return 2;
    double m = wmax > 0 ? fabs(w) / wmax : 0;
    return m < 1.0 / 3 ? 0 : m < 2.0 / 3 ? 1 : 2;
}

style_role panel_net_weight_role(double w, double wmax)
{
    if (!(w == w))
        return ROLE_BAD;
    return cscale_role(w, panel_net_edge_step(w, wmax) > 0);
}

/* The stroke nearest a slope in cells (cells are about twice as tall as
 * wide). */
static char pnet_stroke(int dx, int dy)
{
    double slope = dx != 0 ? 2.0 * dy / dx : 99.0;
    return fabs(slope) < 0.5 ? '-' : fabs(slope) > 3.0 ? '|' : slope > 0 ? '\\' : '/';
}

/* Dots of the line (x0, y0) .. (x1, y1), every `every`-th one. */
static void pnet_dots(canvas *C, int x0, int y0, int x1, int y1, int every,
                      const canvas_pen *pen)
{
    int dx = x1 - x0, dy = y1 - y0;
    int n = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
    if (n == 0) {
        canvas_dot(C, x0, y0, pen);
        return;
    }
    for (int k = 0; k <= n; k += every) {
        int x = x0 + (int)lround((double)dx * k / n);
        int y = y0 + (int)lround((double)dy * k / n);
        canvas_dot(C, x, y, pen);
    }
}

void panel_net_edge(canvas *C, int x0, int y0, int x1, int y1, double w,
                    double wmax, pnet_edge_kind kind)
{
    int step = panel_net_edge_step(w, wmax);
    canvas_pen pen = canvas_pen_of((short)(w < 0 ? -1 : 1));
    pen.value = (float)step;
    /* the rank orders the kinds: the selected weight over full edges over
     * faint ones, a stronger edge over a weaker one */
    pen.rank = kind == PNET_EDGE_SELECTED ? 10.0f
             : kind == PNET_EDGE_FULL ? 1.0f + (float)step : 0.0f;
    pen.flag = kind == PNET_EDGE_SELECTED;
    int X0 = x0 * C->sx + C->sx - 1, X1 = x1 * C->sx;
    int Y0 = y0 * C->sy + C->sy / 2, Y1 = y1 * C->sy + C->sy / 2;
    if (C->kind == CANVAS_CELL) {
        X0 = x0 + 1;
        X1 = x1 - 1;
        pen.ascii = kind == PNET_EDGE_FAINT || (kind == PNET_EDGE_FULL && step == 0)
                        ? '.' : pnet_stroke(X1 - X0, Y1 - Y0);
        if (kind == PNET_EDGE_FULL && step == 2 && pen.ascii == '-')
            pen.ascii = '=';
        pnet_dots(C, X0, Y0, X1, Y1, kind == PNET_EDGE_FAINT ? 2 : 1, &pen);
        return;
    }
    int every = kind == PNET_EDGE_FULL && step == 0 ? 2 : 1;
    pnet_dots(C, X0, Y0, X1, Y1, every, &pen);
    if (kind == PNET_EDGE_SELECTED || (kind == PNET_EDGE_FULL && step == 2)) {
        /* doubled: the next dot row (or column, for a steep edge) */
        bool steep = abs(Y1 - Y0) > 2 * abs(X1 - X0);
        pnet_dots(C, X0 + steep, Y0 + !steep, X1 + steep, Y1 + !steep, 1, &pen);
    }
}

static void pnet_edge_look(void *ctx, const canvas_cell *c, int cx, int cy,
                           attr_t *a, short *pr)
{
    (void)cx;
    (void)cy;
    tui_style *st = ctx;
    if (c->flag) {
        style_get(st, ROLE_SELECT, a, pr);
        if (st->colors != STYLE_MONO) {
            *pr = style_pair(st, st->colors == STYLE_256 ? 46 : COLOR_GREEN, -1);
            *a = A_BOLD;
        }
        return;
    }
    bool neg = c->tag < 0;
    int step = (int)c->value;
    if (c->rank < 1.0f) {
        style_get(st, neg ? ROLE_NEG_DIM : ROLE_POS_DIM, a, pr);
        *a = A_DIM;
        return;
    }
    style_get(st, step == 0 ? (neg ? ROLE_NEG_DIM : ROLE_POS_DIM)
                            : (neg ? ROLE_NEG : ROLE_POS), a, pr);
    *a = step == 2 ? A_BOLD : A_NORMAL;
    if (st->colors == STYLE_MONO && step == 0)
        *a = A_DIM;
}

void panel_net_edges_paint(tui_view *v, panel *p, const canvas *C)
{
    canvas_paint(C, p->win, &v->st, p->cy, p->cx, pnet_edge_look, &v->st);
}
