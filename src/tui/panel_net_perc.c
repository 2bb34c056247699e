/* panel_net_perc.c - the perceptron as the book draws it: the inputs x1,
 * x2 ... and the bias's constant input 1, each with its value for the
 * selected sample, an edge from each into the sum node with its weight
 * written on it (w1, w2, b), then z, the step function and y_hat. The
 * edges are drawn like the network's (panel_net_edge.c). */
#include "tui/panel_net.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/cscale.h"
#include "tui/panel.h"

#define PERC_LABEL_W 10 /* " w1 +1.00" and a space */
#define PERC_RIGHT_W 24 /* "(S)-->[_|-]--> [1] y_hat" */

typedef struct {
    int n;                  /* inputs shown (the bias's 1 comes after) */
    int top, nh;            /* rows of the drawing */
    int xin;                /* first column after the input boxes */
    int xsum;               /* the sum node's column */
    int arrow;              /* columns of each arrow after it (3 or more) */
    int mid;                /* the sum node's row */
    double wmax;            /* the largest |w| or |b| */
} perc_geom;

static int perc_row(const perc_geom *G, int k)
{
    return G->top + ((2 * k + 1) * G->nh) / (2 * (G->n + 1));
}

/* An input's box: "x1 [0]"; the bias's constant input: "1 [1]". */
static void perc_box(tui_view *v, const perc_geom *G, int k, bool have_values,
                     char *buf, size_t len)
{
    char name[64], num[32];
    bool bias = k == G->n;
    if (bias)
        snprintf(name, sizeof name, "1");
    else
        view_node_name(v, 0, k, name, sizeof name);
    if (bias)
        snprintf(num, sizeof num, "1");
    else if (have_values)
        fmt_num(num, sizeof num, view_sample_value(v, 0, k));
    else
        snprintf(num, sizeof num, ".");
    snprintf(buf, len, "%.5s [%.8s]", name, num);
}

static void perc_geometry(tui_view *v, panel *p, perc_geom *G, bool have_values)
{
    const net_layer *L = &v->s->net.layer[0];
    G->top = 1;
    G->nh = p->ch - 2;
    G->n = L->n_in < G->nh - 1 ? L->n_in : G->nh - 1;
    if (G->n < 0)
        G->n = 0;
    G->xin = 0;
    for (int k = 0; k <= G->n; k++) {
        char box[96];
        perc_box(v, G, k, have_values, box, sizeof box);
        if ((int)strlen(box) > G->xin)
            G->xin = (int)strlen(box);
    }
    int room = p->cw - G->xin - PERC_LABEL_W - PERC_RIGHT_W;
    /* the room to spare: half to the edges, half to the arrows */
    int spare = room > 3 ? room - 3 : 0;
    G->arrow = 3 + (spare / 4 < 6 ? spare / 4 : 6);
    G->xsum = G->xin + PERC_LABEL_W + 3 + spare / 2;
    if (G->xsum > p->cw - PERC_RIGHT_W - 2 * (G->arrow - 3))
        G->xsum = p->cw - PERC_RIGHT_W - 2 * (G->arrow - 3);
    if (G->xsum < G->xin + PERC_LABEL_W + 1)
        G->xsum = G->xin + PERC_LABEL_W + 1;
    G->mid = (perc_row(G, 0) + perc_row(G, G->n)) / 2;
    G->wmax = fabs(L->b[0]);
    for (int i = 0; i < L->n_in; i++)
        if (isfinite(L->w[i]) && fabs(L->w[i]) > G->wmax)
            G->wmax = fabs(L->w[i]);
    if (!(G->wmax > 0) || !isfinite(G->wmax))
        G->wmax = 1;
}

/* An input box, right-aligned before xin. */
static void perc_input(tui_view *v, panel *p, const perc_geom *G, int k,
                       bool have_values)
{
    char buf[96];
    perc_box(v, G, k, have_values, buf, sizeof buf);
    int x = G->xin - (int)strlen(buf);
    panel_text(v, p, perc_row(G, k), x < 0 ? 0 : x, k == G->n ? ROLE_DIM : ROLE_TITLE,
               buf);
}

/* The weight on an edge, at its start: "w1 +1.00", "b -1.00". */
static void perc_label(tui_view *v, panel *p, const perc_geom *G, int k)
{
    const net_layer *L = &v->s->net.layer[0];
    bool bias = k == G->n;
    double w = bias ? L->b[0] : L->w[k];
    char num[16], buf[40];
    fmt_num5(num, sizeof num, w);
    if (bias)
        snprintf(buf, sizeof buf, "b %s", num);
    else
        snprintf(buf, sizeof buf, "w%d %s", k + 1, num);
    bool sel = v->sel.col == 1 && v->sel.i == (bias ? L->n_in : k);
    panel_text(v, p, perc_row(G, k), G->xin + 1,
               sel ? ROLE_SELECT : panel_net_weight_role(w, G->wmax), buf);
}

static void perc_edges(tui_view *v, panel *p, const perc_geom *G)
{
    const net_layer *L = &v->s->net.layer[0];
    canvas C;
    if (!canvas_init(&C, canvas_kind_for(&v->st, false), p->cw, p->ch, &v->canvas,
                     &v->canvas_cap))
        return;
    for (int k = 0; k <= G->n; k++) {
        bool bias = k == G->n;
        double w = bias ? L->b[0] : L->w[k];
        bool sel = v->sel.col == 1 && v->sel.i == (bias ? L->n_in : k);
        panel_net_edge(&C, G->xin + PERC_LABEL_W - 1, perc_row(G, k), G->xsum, G->mid,
                       w, G->wmax,
                       sel ? PNET_EDGE_SELECTED : PNET_EDGE_FULL);
    }
    panel_net_edges_paint(v, p, &C);
    canvas_free(&C);
}

/* An arrow of n columns at (y, x): "──▶" or "-->". */
static void perc_arrow(tui_view *v, panel *p, int y, int x, int n)
{
    attr_t a;
    short pr;
    style_get(&v->st, ROLE_RULE, &a, &pr);
    for (int i = 0; i < n && x + i < p->cw; i++)
        style_put(p->win, &v->st, p->cy + y, p->cx + x + i, i < n - 1 ? L'─' : L'▶',
                  i < n - 1 ? '-' : '>', a, pr);
}

/* The sum node, z below it, the step and y_hat: "(S)--> [_|-] --> y_hat [1]". */
static void perc_sum_step(tui_view *v, panel *p, const perc_geom *G,
                          bool have_values)
{
    bool u = v->st.utf8;
    char num[32], buf[96];
    int x = G->xsum, y = G->mid;
    bool sel = v->sel.col == 2;
    panel_text(v, p, y, x, ROLE_TITLE, u ? "(Σ)" : "(+)");
    double z = have_values ? session_unit_z(v->s, 0, 0, v->act_buf + v->act_off[0]) : NAN;
    fmt_num(num, sizeof num, z);
    snprintf(buf, sizeof buf, "z = %s", have_values ? num : ".");
    panel_text(v, p, y + 1, x + 1, ROLE_NORMAL, buf);
    int a = G->arrow;
    perc_arrow(v, p, y, x + 3, a);
    panel_text(v, p, y - 1, x + 4 + a, ROLE_DIM, "step");
    panel_text(v, p, y, x + 3 + a, ROLE_TITLE, u ? "[_|‾]" : "[_|-]");
    perc_arrow(v, p, y, x + 8 + a, a);
    x += 2 * (a - 3);
    fmt_num(num, sizeof num, have_values ? view_sample_value(v, 1, 0) : NAN);
    snprintf(buf, sizeof buf, "[%s]", have_values ? num : ".");
    double yh = have_values ? view_sample_value(v, 1, 0) : 0;
    panel_text(v, p, y, x + 15, sel ? ROLE_SELECT : yh > 0 ? ROLE_NODE_POS : ROLE_NODE_NEG,
               buf);
    panel_text(v, p, y, x + 16 + (int)strlen(buf), ROLE_TITLE, "y_hat");
}

void panel_net_perc_draw(tui_view *v, panel *p)
{
    perc_geom G;
    if (p->ch < 5 || p->cw < 30)
        return;
    bool have_values = view_eval_sample(v);
    perc_geometry(v, p, &G, have_values);
    perc_edges(v, p, &G);
    for (int k = 0; k <= G.n; k++) {
        perc_label(v, p, &G, k);
        perc_input(v, p, &G, k, have_values);
    }
    perc_sum_step(v, p, &G, have_values);
}
