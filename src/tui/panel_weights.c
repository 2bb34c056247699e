/* panel_weights.c - the Weights panel: the selected layer's weight matrix
 * and biases, the last gradient of each (net.layer[l].gw/gb), and the
 * change since the previous step (net.params against prev_params) marked
 * with an arrow. Three forms by room: weight and gradient side by side,
 * gradient rows under the weight rows, or weights only (the selected
 * cell's gradient then on the detail line). */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/action.h"

typedef enum { WT_SIDE, WT_STACKED, WT_PLAIN } wt_form;

/* The layer the selection points at, and the highlighted row / column
 * (-1: none). */
static int wt_layer(const tui_view *v, int *row, int *col)
{
    const view_selection *S = &v->sel;
    *row = *col = -1;
    if (S->col % 2 == 1) {
        *row = S->j;
        *col = S->i;
        return (S->col - 1) / 2;
    }
    int c = S->col / 2;
    if (c == 0) {
        *col = S->node;
        return 0;
    }
    *row = S->node;
    return c - 1;
}

static void wt_value(const session *s, int l, int j, int i, double *w,
                     double *g, double *d)
{
    const net_layer *L = &s->net.layer[l];
    size_t pi;
    if (i < L->n_in) {
        size_t q = (size_t)j * L->n_in + i;
        *w = L->w[q];
        *g = L->gw[q];
        pi = L->offset + q;
    } else {
        *w = L->b[j];
        *g = L->gb[j];
        pi = L->offset + (size_t)L->n_out * L->n_in + (size_t)j;
    }
    *d = *w - s->prev_params[pi];
}

static void wt_cell(tui_view *v, panel *p, int y, int x, double w, double d,
                    bool sel)
{
    char num[16];
    fmt_num5(num, sizeof num, w);
    style_role r = sel ? ROLE_SELECT : w < 0 ? ROLE_NEG : ROLE_POS;
    if (!sel && d == 0)
        r = w < 0 ? ROLE_NEG_DIM : ROLE_POS_DIM;
    panel_text(v, p, y, x, r, num);
    if (d != 0 && isfinite(d) && y < p->ch && x + 5 < p->cw) {
        attr_t a;
        short pr;
        style_get(&v->st, d > 0 ? ROLE_POS : ROLE_NEG, &a, &pr);
        style_put(p->win, &v->st, p->cy + y, p->cx + x + 5, d > 0 ? L'▲' : L'▼',
                  d > 0 ? '^' : 'v', a, pr);
    }
}

static void wt_draw(tui_view *v, panel *p)
{
    const session *s = v->s;
    int hr, hc;
    int l = wt_layer(v, &hr, &hc);
    const net_layer *L = &s->net.layer[l];
    char title[128];
    snprintf(title, sizeof title, "Weights layer %d/%d: %d->%d %s", l + 1,
             s->net.n_layers, L->n_in, L->n_out, act_name(L->act));
    panel_frame(v, p, title);
    if (p->ch < 2 || p->cw < 12)
        return;
    /* row labels */
    int rl = 0;
    char name[64];
    for (int j = 0; j < L->n_out; j++) {
        view_node_name(v, l + 1, j, name, sizeof name);
        int n = (int)strlen(name);
        if (n > rl)
            rl = n;
    }
    if (rl > 6)
        rl = 6;
    rl += 1;
    int ncell = L->n_in + 1; /* the bias last */
    int avail = p->cw - rl;
    wt_form form;
    int cwid;
    if (ncell * 13 <= avail) {
        form = WT_SIDE;
        cwid = 13;
    } else if (1 + 2 * L->n_out <= p->ch - 1) {
        form = WT_STACKED;
        cwid = 7;
    } else {
        form = WT_PLAIN;
        cwid = 7;
    }
    int rows_per = form == WT_STACKED ? 2 : 1;
    /* the detail line when there is room below the matrix */
    bool detail = p->ch >= 1 + rows_per * L->n_out + 1 ||
                  (p->ch - 1 < rows_per * L->n_out && p->ch >= 12);
    int body = p->ch - 1 - (detail ? 1 : 0);
    int vis_rows = body / rows_per;
    if (vis_rows < 1)
        vis_rows = 1;
    int vis_cols = avail / cwid;
    if (vis_cols < 1)
        vis_cols = 1;
    int sel_j = hr >= 0 ? hr : 0, sel_i = hc >= 0 ? hc : 0;
    int off_r = 0, off_c = 0;
    if (L->n_out > vis_rows) {
        off_r = sel_j - vis_rows / 2;
        if (off_r > L->n_out - vis_rows)
            off_r = L->n_out - vis_rows;
        if (off_r < 0)
            off_r = 0;
    }
    if (ncell > vis_cols) {
        off_c = sel_i - vis_cols / 2;
        if (off_c > ncell - vis_cols)
            off_c = ncell - vis_cols;
        if (off_c < 0)
            off_c = 0;
    }
    /* column header */
    for (int c = off_c; c < ncell && c < off_c + vis_cols; c++) {
        char head[64];
        if (c < L->n_in)
            view_node_name(v, l, c, name, sizeof name);
        else
            snprintf(name, sizeof name, "bias");
        if (form == WT_SIDE)
            snprintf(head, sizeof head, "%5.6s  grad", name);
        else
            snprintf(head, sizeof head, "%5.6s", name);
        panel_text(v, p, 0, rl + (c - off_c) * cwid, c == hc ? ROLE_SELECT : ROLE_TITLE,
                   head);
    }
    /* more columns to either side */
    if (off_c > 0)
        panel_text(v, p, 0, 0, ROLE_DIM, "<");
    if (off_c + vis_cols < ncell)
        panel_text(v, p, 0, p->cw - 1, ROLE_DIM, ">");
    for (int r = 0; r < vis_rows && off_r + r < L->n_out; r++) {
        int j = off_r + r;
        int y = 1 + r * rows_per;
        view_node_name(v, l + 1, j, name, sizeof name);
        name[rl - 1] = '\0';
        panel_text(v, p, y, 0, j == hr && hc < 0 ? ROLE_SELECT : ROLE_TITLE, name);
        if (form == WT_STACKED)
            panel_text(v, p, y + 1, 0, ROLE_DIM, "grad");
        for (int c = off_c; c < ncell && c < off_c + vis_cols; c++) {
            double w, g, d;
            wt_value(s, l, j, c, &w, &g, &d);
            int x = rl + (c - off_c) * cwid;
            bool sel = (j == hr && c == hc);
            wt_cell(v, p, y, x, w, d, sel);
            char num[16];
            fmt_num5(num, sizeof num, g);
            if (form == WT_SIDE)
                panel_text(v, p, y, x + 7, ROLE_DIM, num);
            else if (form == WT_STACKED)
                panel_text(v, p, y + 1, x, ROLE_DIM, num);
        }
    }
    if (L->n_out > vis_rows) {
        char more[48];
        snprintf(more, sizeof more, "%d-%d/%d", off_r + 1, off_r + vis_rows,
                 L->n_out);
        panel_text(v, p, 0, p->cw - 2 - (int)strlen(more), ROLE_DIM, more);
    }
    if (detail) {
        char buf[256], a[32], b[32], c[32];
        int j = sel_j < L->n_out ? sel_j : 0, i = sel_i <= L->n_in ? sel_i : 0;
        double w, g, d;
        wt_value(s, l, j, i, &w, &g, &d);
        fmt_val(a, sizeof a, w);
        fmt_val(b, sizeof b, g);
        fmt_val(c, sizeof c, d);
        char to_name[64], from_name[64];
        view_node_name(v, l + 1, j, to_name, sizeof to_name);
        if (i < L->n_in)
            view_node_name(v, l, i, from_name, sizeof from_name);
        else
            snprintf(from_name, sizeof from_name, "bias");
        snprintf(buf, sizeof buf, "%s<-%s w %s g %s d %s", to_name, from_name, a,
                 b, c);
        panel_text(v, p, p->ch - 1, 0, ROLE_NORMAL, buf);
    }
}

/* Arrows move over the cells of the matrix (the bias column included);
 * past the left or right end they go to the previous or next layer. */
static bool wt_handle_action(tui_view *v, panel *p, int action)
{
    (void)p;
    const net *n = &v->s->net;
    int hr, hc;
    int l = wt_layer(v, &hr, &hc);
    const net_layer *L = &n->layer[l];
    int j = hr >= 0 ? hr : 0, i = hc >= 0 ? hc : 0;
    switch ((tui_action)action) {
    case ACTION_MOVE_UP:
        j = (j - 1 + L->n_out) % L->n_out;
        break;
    case ACTION_MOVE_DOWN:
        j = (j + 1) % L->n_out;
        break;
    case ACTION_MOVE_LEFT:
        if (i > 0) {
            i--;
        } else if (l > 0) {
            l--;
            i = n->layer[l].n_in;
        }
        break;
    case ACTION_MOVE_RIGHT:
        if (i < L->n_in) {
            i++;
        } else if (l + 1 < n->n_layers) {
            l++;
            i = 0;
        }
        break;
    default:
        return false;
    }
    v->sel.col = 2 * l + 1;
    v->sel.j = j;
    v->sel.i = i;
    view_fix_selection(v);
    return true;
}

const panel_ops panel_weights_ops = {
    .title = "Weights",
    .layout = NULL,
    .draw = wt_draw,
    .handle_action = wt_handle_action,
};
