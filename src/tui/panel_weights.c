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

#include "engine/session_query.h"
#include "tui/action.h"
#include "tui/cscale.h"

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
    session_param_now(s, net_param_index(&s->net, l, j, i), w, g, d);
}

static void wt_cell(tui_view *v, panel *p, int y, int x, double w, double d,
                    bool sel)
{
    char num[16];
    fmt_num5(num, sizeof num, w);
    /* strong where the last step changed it */
    style_role r = sel ? ROLE_SELECT : cscale_role(w, d != 0);
    panel_text(v, p, y, x, r, num);
    if (d != 0 && isfinite(d) && y < p->ch && x + 5 < p->cw) {
        attr_t a;
        short pr;
        style_get(&v->st, d > 0 ? ROLE_POS : ROLE_NEG, &a, &pr);
        style_put(p->win, &v->st, p->cy + y, p->cx + x + 5, d > 0 ? L'▲' : L'▼',
                  d > 0 ? '^' : 'v', a, pr);
    }
}

/* Where the matrix goes: its form, the cells shown and their offsets. */
typedef struct {
    int l, hr, hc;      /* layer, highlighted row / column (-1 none) */
    int rl;             /* row label width, with its space */
    int ncell;          /* cells a row: the inputs and the bias */
    wt_form form;
    int cwid, rows_per; /* columns a cell, rows a unit */
    bool detail;        /* the detail line at the bottom */
    int vis_rows, vis_cols, off_r, off_c;
    int sel_j, sel_i;
} wt_geom;

/* The offset that keeps `sel` in the middle of `vis` of `n`. */
static int wt_offset(int sel, int vis, int n)
{
    if (n <= vis)
        return 0;
    int off = sel - vis / 2;
    if (off > n - vis)
        off = n - vis;
    return off < 0 ? 0 : off;
}

static void wt_geometry(tui_view *v, panel *p, wt_geom *G)
{
    G->l = wt_layer(v, &G->hr, &G->hc);
    const net_layer *L = &v->s->net.layer[G->l];
    char name[64];
    G->rl = 0;
    for (int j = 0; j < L->n_out; j++) {
        view_node_name(v, G->l + 1, j, name, sizeof name);
        int n = (int)strlen(name);
        if (n > G->rl)
            G->rl = n;
    }
    G->rl = (G->rl > 6 ? 6 : G->rl) + 1;
    G->ncell = L->n_in + 1; /* the bias last */
    int avail = p->cw - G->rl;
    if (G->ncell * 13 <= avail) {
        G->form = WT_SIDE;
        G->cwid = 13;
    } else {
        G->form = 1 + 2 * L->n_out <= p->ch - 1 ? WT_STACKED : WT_PLAIN;
        G->cwid = 7;
    }
    G->rows_per = G->form == WT_STACKED ? 2 : 1;
    G->detail = p->ch >= 1 + G->rows_per * L->n_out + 1 ||
                (p->ch - 1 < G->rows_per * L->n_out && p->ch >= 12);
    int body = p->ch - 1 - (G->detail ? 1 : 0);
    G->vis_rows = body / G->rows_per > 0 ? body / G->rows_per : 1;
    G->vis_cols = avail / G->cwid > 0 ? avail / G->cwid : 1;
    G->sel_j = G->hr >= 0 ? G->hr : 0;
    G->sel_i = G->hc >= 0 ? G->hc : 0;
    G->off_r = wt_offset(G->sel_j, G->vis_rows, L->n_out);
    G->off_c = wt_offset(G->sel_i, G->vis_cols, G->ncell);
}

/* The column header and the marks of more columns to either side. */
static void wt_draw_header(tui_view *v, panel *p, const wt_geom *G)
{
    const net_layer *L = &v->s->net.layer[G->l];
    char name[64], head[64];
    for (int c = G->off_c; c < G->ncell && c < G->off_c + G->vis_cols; c++) {
        if (c < L->n_in)
            view_node_name(v, G->l, c, name, sizeof name);
        else
            snprintf(name, sizeof name, "bias");
        if (G->form == WT_SIDE)
            snprintf(head, sizeof head, "%5.6s  grad", name);
        else
            snprintf(head, sizeof head, "%5.6s", name);
        panel_text(v, p, 0, G->rl + (c - G->off_c) * G->cwid,
                   c == G->hc ? ROLE_SELECT : ROLE_TITLE, head);
    }
    if (G->off_c > 0)
        panel_text(v, p, 0, 0, ROLE_DIM, "<");
    if (G->off_c + G->vis_cols < G->ncell)
        panel_text(v, p, 0, p->cw - 1, ROLE_DIM, ">");
}

/* The rows shown: each unit's weights and gradients. */
static void wt_draw_rows(tui_view *v, panel *p, const wt_geom *G)
{
    const session *s = v->s;
    const net_layer *L = &s->net.layer[G->l];
    char name[64], num[16];
    for (int r = 0; r < G->vis_rows && G->off_r + r < L->n_out; r++) {
        int j = G->off_r + r;
        int y = 1 + r * G->rows_per;
        view_node_name(v, G->l + 1, j, name, sizeof name);
        name[G->rl - 1] = '\0';
        panel_text(v, p, y, 0, j == G->hr && G->hc < 0 ? ROLE_SELECT : ROLE_TITLE,
                   name);
        if (G->form == WT_STACKED)
            panel_text(v, p, y + 1, 0, ROLE_DIM, "grad");
        for (int c = G->off_c; c < G->ncell && c < G->off_c + G->vis_cols; c++) {
            double w, g, d;
            wt_value(s, G->l, j, c, &w, &g, &d);
            int x = G->rl + (c - G->off_c) * G->cwid;
            wt_cell(v, p, y, x, w, d, j == G->hr && c == G->hc);
            fmt_num5(num, sizeof num, g);
            if (G->form == WT_SIDE)
                panel_text(v, p, y, x + 7, ROLE_DIM, num);
            else if (G->form == WT_STACKED)
                panel_text(v, p, y + 1, x, ROLE_DIM, num);
        }
    }
    if (L->n_out > G->vis_rows) {
        char more[48];
        snprintf(more, sizeof more, "%d-%d/%d", G->off_r + 1, G->off_r + G->vis_rows,
                 L->n_out);
        panel_text(v, p, 0, p->cw - 2 - (int)strlen(more), ROLE_DIM, more);
    }
}

/* The selected cell's weight, gradient and change on the last line. */
static void wt_draw_detail(tui_view *v, panel *p, const wt_geom *G)
{
    const net_layer *L = &v->s->net.layer[G->l];
    char buf[256], a[32], b[32], c[32], to_name[64], from_name[64];
    int j = G->sel_j < L->n_out ? G->sel_j : 0, i = G->sel_i <= L->n_in ? G->sel_i : 0;
    double w, g, d;
    wt_value(v->s, G->l, j, i, &w, &g, &d);
    fmt_val(a, sizeof a, w);
    fmt_val(b, sizeof b, g);
    fmt_val(c, sizeof c, d);
    view_node_name(v, G->l + 1, j, to_name, sizeof to_name);
    if (i < L->n_in)
        view_node_name(v, G->l, i, from_name, sizeof from_name);
    else
        snprintf(from_name, sizeof from_name, "bias");
    snprintf(buf, sizeof buf, "%s<-%s w %s g %s d %s", to_name, from_name, a, b, c);
    panel_text(v, p, p->ch - 1, 0, ROLE_NORMAL, buf);
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
    wt_geom G;
    wt_geometry(v, p, &G);
    wt_draw_header(v, p, &G);
    wt_draw_rows(v, p, &G);
    if (G.detail)
        wt_draw_detail(v, p, &G);
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
