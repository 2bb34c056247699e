/* panel_net.c - the Network panel: nodes by layer with their activation for
 * the selected sample, each unit's bias as a mark `b` beside it, one line
 * an edge (panel_net_edge.c). A layer whose edges a room could not tell
 * apart at this size is drawn faintly, and the selected node's edges, in
 * and out, fully with their values at the far end of each (as the
 * playgrounds do on hover); the title names the node and lists its
 * weights. Where there is room each hidden node has a picture of its
 * output over the map's plane (panel_net_maps.c). The perceptron is drawn
 * as the book draws it (panel_net_perc.c). Arrows select a node or an
 * edge. It only reads the session. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/action.h"
#include "tui/canvas.h"
#include "tui/cscale.h"
#include "tui/panel_net.h"

#define PNET_LABEL_W 6 /* one weight label and its space */
#define PNET_GAP_MIN 8 /* a gap between columns with labels: a label and
                          a few cells of edge */
#define PNET_NAME_W 6  /* input and output names, at most */

/* ---- input names ---- */

static void pnet_abbrev(const char *name, int width, char *out)
{
    int len = (int)strlen(name);
    if (len <= width) {
        snprintf(out, 16, "%s", name);
        return;
    }
    /* words split on '_', ' ', '-' or '.' */
    char buf[16] = "";
    int bl = 0;
    const char *w = name, *last = name;
    for (const char *q = name; *q; q++)
        if (strchr("_ -.", *q) && q[1] && !strchr("_ -.", q[1]))
            last = q + 1;
    for (w = name; w < last && bl < 14;) {
        if (!strchr("_ -.", *w)) {
            buf[bl++] = *w;
            buf[bl++] = '.';
            while (w < last && !strchr("_ -.", *w))
                w++;
        } else {
            w++;
        }
    }
    int lastn = last > name ? 3 : width;
    for (int i = 0; i < lastn && last[i] && strchr("_ -.", last[i]) == NULL && bl < 15;
         i++)
        buf[bl++] = last[i];
    buf[bl] = '\0';
    if (bl > width)
        buf[width] = '\0';
    snprintf(out, 16, "%s", buf);
}

void panel_net_short_names(const char *const *names, int n, int width,
                           char (*out)[16])
{
    if (width > 15)
        width = 15;
    if (width < 1)
        width = 1;
    bool clash = false;
    for (int k = 0; k < n; k++)
        pnet_abbrev(names[k], width, out[k]);
    for (int a = 0; a < n && !clash; a++)
        for (int b = a + 1; b < n; b++)
            if (strcmp(out[a], out[b]) == 0)
                clash = true;
    if (!clash)
        return;
    for (int k = 0; k < n; k++)
        snprintf(out[k], 16, "%.*s", width, names[k]);
    bool same[64] = {false};
    for (int a = 0; a < n && a < 64; a++)
        for (int b = 0; b < n; b++)
            if (b != a && strcmp(out[a], out[b]) == 0)
                same[a] = true;
    for (int a = 0; a < n && a < 64; a++) {
        if (!same[a])
            continue;
        char num[8];
        int nl = snprintf(num, sizeof num, "%d", a + 1);
        int keep = width - nl > 0 ? width - nl : 0;
        char tmp[16];
        snprintf(tmp, sizeof tmp, "%.*s%s", keep, names[a], num);
        snprintf(out[a], 16, "%s", tmp);
    }
}

/* The input names as the panel shows them, at most PNET_NAME_W wide. */
static void pnet_input_names(const tui_view *v, char (*out)[16])
{
    int n = v->s->net.n_inputs;
    if (n > PREP_MAX_INPUTS)
        n = PREP_MAX_INPUTS;
    char full[PREP_MAX_INPUTS][64];
    const char *ptr[PREP_MAX_INPUTS];
    for (int k = 0; k < n; k++) {
        view_node_name(v, 0, k, full[k], sizeof full[k]);
        ptr[k] = full[k];
    }
    panel_net_short_names(ptr, n, PNET_NAME_W, out);
}

typedef struct {
    int ncol;                           /* node columns: inputs .. outputs */
    int nw;                             /* node width: 7, 5 or 1 */
    int mw;                             /* picture width beside a hidden node */
    bool labels;                        /* gaps wide enough for labels */
    int lw, rw;                         /* input / output name widths */
    int x[NET_MAX_LAYERS + 1];          /* node column x (content coords); a
                                           unit's bias mark at x - 1 */
    int mh[NET_MAX_LAYERS + 1];         /* picture rows per column */
    bool crowded[NET_MAX_LAYERS];       /* a weight layer drawn faintly */
    int top, nh;                        /* rows of the node area */
    int off[NET_MAX_LAYERS + 1];        /* first node shown per column */
    int vis[NET_MAX_LAYERS + 1];        /* nodes shown per column */
    bool info_top, info_bottom;
    int fc, fk;                         /* the focus: the selected node, or
                                           the selected edge's destination */
} pnet_geom;

static int pnet_units(const tui_view *v, int c) { return view_column_units(v, c); }

static bool pnet_hidden(const pnet_geom *G, int c) { return c > 0 && c < G->ncol - 1; }

/* Columns a node column takes after its bias mark: the node, or a hidden
 * node's picture when there are pictures. */
static int pnet_node_w(const pnet_geom *G, int c)
{
    return pnet_hidden(G, c) && G->mw > 0 ? G->mw : G->nw;
}

static int pnet_col_w(const pnet_geom *G, int c)
{
    return (c > 0 ? 1 : 0) + pnet_node_w(G, c);
}

/* The widths of the input and the output names. */
static void pnet_name_widths(tui_view *v, pnet_geom *G)
{
    char name[64];
    char shortn[PREP_MAX_INPUTS][16];
    pnet_input_names(v, shortn);
    for (int k = 0; k < v->s->net.n_inputs && k < PREP_MAX_INPUTS; k++) {
        int len = (int)strlen(shortn[k]);
        if (len > G->lw)
            G->lw = len;
    }
    for (int k = 0; k < pnet_units(v, G->ncol - 1); k++) {
        view_node_name(v, G->ncol - 1, k, name, sizeof name);
        int len = (int)strlen(name);
        if (len > G->rw)
            G->rw = len;
    }
    if (G->lw > PNET_NAME_W)
        G->lw = PNET_NAME_W;
    if (G->rw > PNET_NAME_W)
        G->rw = PNET_NAME_W;
}

/* The widest form that fits: hidden nodes as pictures where the panel is
 * tall enough, the others as bracketed values; every node a bracketed
 * value; every node a glyph; gaps wide enough for a label (or, when
 * nothing else fits, not). Then the columns placed, the room left shared
 * out between the gaps. */
static void pnet_columns(tui_view *v, panel *p, pnet_geom *G)
{
    static const struct { int nw, mw; } forms[] = {
        {7, 12}, {7, 10}, {7, 7}, {7, 6}, {7, 5}, {7, 0}, {1, 0}};
    bool pictures = p->ch >= 14 && G->ncol > 2 && panel_net_maps_ready(v);
    int ngap = G->ncol - 1, need = 0;
    G->labels = true;
    for (size_t f = 0; f <= sizeof forms / sizeof forms[0]; f++) {
        bool last = f == sizeof forms / sizeof forms[0];
        G->nw = last ? 1 : forms[f].nw;
        G->mw = last ? 0 : forms[f].mw;
        G->labels = !last;
        if (G->mw > 0 && !pictures)
            continue;
        need = G->lw + 1 + 1 + G->rw + ngap * (G->labels ? PNET_GAP_MIN : 3);
        for (int c = 0; c < G->ncol; c++)
            need += pnet_col_w(G, c);
        if (need <= p->cw)
            break;
    }
    int extra = p->cw - need > 0 ? p->cw - need : 0;
    int x = G->lw + 1;
    for (int c = 0; c < G->ncol; c++) {
        x += c > 0 ? 1 : 0;
        G->x[c] = x;
        x += pnet_col_w(G, c) - (c > 0 ? 1 : 0);
        if (c < ngap)
            x += (G->labels ? PNET_GAP_MIN : 3) + extra / ngap +
                 (c < extra % ngap ? 1 : 0);
    }
}

/* The node shown first in a column too long for the rows: the selection
 * kept in view. */
static int pnet_scroll(const tui_view *v, const pnet_geom *G, int c)
{
    int u = pnet_units(v, c), sel = -1;
    if (v->sel.col == 2 * c)
        sel = v->sel.node;
    else if (v->sel.col == 2 * c - 1)
        sel = v->sel.j;
    else if (v->sel.col == 2 * c + 1)
        sel = v->sel.i;
    int off = sel >= 0 ? sel - G->vis[c] / 2 : 0;
    if (off > u - G->vis[c])
        off = u - G->vis[c];
    return off < 0 ? 0 : off;
}

/* Rows: a sample line on top when there is room, the selection line at
 * the bottom, the nodes between; which layers are drawn faintly. */
static void pnet_rows(tui_view *v, panel *p, pnet_geom *G)
{
    const net *n = &v->s->net;
    int maxu = 0;
    for (int c = 0; c < G->ncol; c++)
        if (pnet_units(v, c) > maxu)
            maxu = pnet_units(v, c);
    G->info_bottom = p->ch >= 4;
    G->info_top = p->ch >= maxu + 2 || p->ch >= 12;
    G->top = G->info_top ? 1 : 0;
    G->nh = p->ch - G->top - (G->info_bottom ? 1 : 0);
    for (int c = 0; c < G->ncol; c++) {
        int u = pnet_units(v, c);
        G->vis[c] = u <= G->nh ? u : G->nh - 1 > 0 ? G->nh - 1 : 1;
        G->off[c] = u <= G->nh ? 0 : pnet_scroll(v, G, c);
        /* pictures about square: a cell is two pixels tall */
        int mh = u > 0 ? G->nh / u : 1, most = G->mw / 2 > 3 ? G->mw / 2 : 3;
        mh -= mh >= 3; /* a row between pictures */
        G->mh[c] = mh < 1 ? 1 : mh > most ? most : mh;
    }
    /* a layer's edges can be told apart when they fan out of one node or
     * into one, or when they are few for the rows */
    int few = G->nh / 2 > 6 ? G->nh / 2 : 6;
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        G->crowded[l] = L->n_in > 1 && L->n_out > 1 && L->n_in * L->n_out > few;
    }
}

static void pnet_geometry(tui_view *v, panel *p, pnet_geom *G)
{
    memset(G, 0, sizeof *G);
    G->ncol = v->s->net.n_layers + 1;
    if (v->sel.col % 2 == 0) {
        G->fc = v->sel.col / 2;
        G->fk = v->sel.node;
    } else {
        G->fc = (v->sel.col + 1) / 2;
        G->fk = v->sel.j;
    }
    pnet_name_widths(v, G);
    pnet_columns(v, p, G);
    pnet_rows(v, p, G);
}

/* Row (content coords) of node k of column c, or -1 when not shown. */
static int pnet_node_row(const pnet_geom *G, const tui_view *v, int c, int k)
{
    int u = pnet_units(v, c);
    if (u <= G->nh)
        return G->top + ((2 * k + 1) * G->nh) / (2 * u);
    if (k < G->off[c] || k >= G->off[c] + G->vis[c])
        return -1;
    return G->top + (k - G->off[c]);
}

/* ---- edges ---- */

/* The largest finite |w| of a layer (1 when there is none). */
static double pnet_layer_max(const net_layer *L)
{
    double mx = 0;
    for (int q = 0; q < L->n_in * L->n_out; q++)
        if (fabs(L->w[q]) > mx && isfinite(L->w[q]))
            mx = fabs(L->w[q]);
    return mx > 0 ? mx : 1;
}

/* The largest finite |b| of a layer (1 when there is none). */
static double pnet_bias_max(const net_layer *L)
{
    double mx = 0;
    for (int j = 0; j < L->n_out; j++)
        if (fabs(L->b[j]) > mx && isfinite(L->b[j]))
            mx = fabs(L->b[j]);
    return mx > 0 ? mx : 1;
}

static bool pnet_edge_selected(const tui_view *v, int l, int j, int i)
{
    return v->sel.col == 2 * l + 1 && v->sel.j == j && v->sel.i == i;
}

/* Whether edge (j, i) of layer l is the focus node's, in or out. */
static bool pnet_focus_edge(const pnet_geom *G, int l, int j, int i)
{
    return (l == G->fc - 1 && j == G->fk) || (l == G->fc && i == G->fk);
}

/* The cells an edge of layer l runs between: the last of its source
 * column and the bias mark of its destination. */
static void pnet_gap(const pnet_geom *G, int l, int *xs, int *xd)
{
    *xs = G->x[l] + pnet_node_w(G, l) - 1;
    *xd = G->x[l + 1] - 1;
}

/* The edges of weight layer l into C: faint ones first, the focus node's
 * and the selected one over them (their pens rank higher). */
static void pnet_layer_edges(tui_view *v, const pnet_geom *G, canvas *C, int l)
{
    const net_layer *L = &v->s->net.layer[l];
    double mx = pnet_layer_max(L);
    int xs, xd;
    pnet_gap(G, l, &xs, &xd);
    if (xs + 1 >= xd)
        return;
    for (int j = 0; j < L->n_out; j++) {
        int yd = pnet_node_row(G, v, l + 1, j);
        for (int i = 0; i < L->n_in && yd >= 0; i++) {
            int ys = pnet_node_row(G, v, l, i);
            if (ys < 0)
                continue;
            double w = L->w[(size_t)j * L->n_in + i];
            pnet_edge_kind k = pnet_edge_selected(v, l, j, i) ? PNET_EDGE_SELECTED
                             : !G->crowded[l] || pnet_focus_edge(G, l, j, i)
                                 ? PNET_EDGE_FULL : PNET_EDGE_FAINT;
            panel_net_edge(C, xs, ys, xd, yd, w, mx, k);
        }
    }
}

static void pnet_draw_edges(tui_view *v, panel *p, const pnet_geom *G)
{
    canvas C;
    if (!canvas_init(&C, canvas_kind_for(&v->st, false), p->cw, p->ch, &v->canvas,
                     &v->canvas_cap))
        return;
    for (int l = 0; l < v->s->net.n_layers; l++)
        pnet_layer_edges(v, G, &C, l);
    panel_net_edges_paint(v, p, &C);
    canvas_free(&C);
}

/* ---- nodes and labels ---- */

static style_role pnet_value_role(double x, double scale)
{
    if (!(x == x))
        return ROLE_BAD;
    return cscale_role(x, fabs(x) >= 0.5 * scale);
}

/* The name beside an input (left) or an output (right) node. */
static void pnet_node_name(tui_view *v, panel *p, const pnet_geom *G, int c,
                           int k, int row)
{
    char name[64], buf[80];
    if (c == 0) {
        char shortn[PREP_MAX_INPUTS][16];
        pnet_input_names(v, shortn);
        snprintf(name, sizeof name, "%s", k < PREP_MAX_INPUTS ? shortn[k] : "?");
        name[G->lw] = '\0';
        snprintf(buf, sizeof buf, "%*s", G->lw, name);
        panel_text(v, p, row, 0, ROLE_TITLE, buf);
    } else if (c == G->ncol - 1) {
        view_node_name(v, c, k, name, sizeof name);
        name[G->rw] = '\0';
        panel_text(v, p, row, G->x[c] + G->nw + 1, ROLE_TITLE, name);
    }
}

/* The bias mark left of a unit: `b` in the sign's colour, bold when
 * strong (without colours: bold when positive, as the weights' values);
 * the selected node's in the selection's look. */
static void pnet_bias_mark(tui_view *v, panel *p, const pnet_geom *G, int c,
                           int k, int row, bool sel)
{
    const net_layer *L = &v->s->net.layer[c - 1];
    double b = L->b[k];
    attr_t a;
    short pr;
    style_get(&v->st, sel ? ROLE_SELECT : panel_net_weight_role(b, pnet_bias_max(L)),
              &a, &pr);
    style_put(p->win, &v->st, p->cy + row, p->cx + G->x[c] - 1, L'b', 'b', a, pr);
}

/* A hidden node's picture, centred on its row. */
static void pnet_picture(tui_view *v, panel *p, const pnet_geom *G, int c, int k,
                         int row)
{
    int h = G->mh[c], y = row - (h - 1) / 2;
    if (y < G->top)
        y = G->top;
    if (y + h > G->top + G->nh)
        h = G->top + G->nh - y;
    panel_net_maps_paint(v, p, c - 1, k, y, G->x[c], h, G->mw);
}

/* A node: its picture, its value for the sample in brackets, or a glyph
 * coloured by it; the bias mark before it; its name for an input or an
 * output. */
static void pnet_draw_node(tui_view *v, panel *p, const pnet_geom *G, int c,
                           int k, int row, bool have_values)
{
    double x = have_values ? view_sample_value(v, c, k) : NAN;
    bool sel = v->sel.col == 2 * c && v->sel.node == k;
    char num[16], box[40];
    fmt_num5(num, sizeof num, x);
    int X = G->x[c];
    if (pnet_hidden(G, c) && G->mw > 0) {
        pnet_picture(v, p, G, c, k, row);
    } else if (G->nw == 1) {
        attr_t a;
        short pr;
        style_get(&v->st, sel ? ROLE_SELECT : pnet_value_role(x, 1.0), &a, &pr);
        style_put(p->win, &v->st, p->cy + row, p->cx + X, x < 0 ? L'◆' : L'●',
                  x < 0 ? '-' : 'o', a, pr);
    } else {
        snprintf(box, sizeof box, "[%s]", have_values ? num : "  .  ");
        panel_text(v, p, row, X,
                   sel ? ROLE_SELECT : x < 0 ? ROLE_NODE_NEG : ROLE_NODE_POS, box);
    }
    /* the mark in the selection's look for the node, or for its bias
     * selected in the weights panel */
    if (c > 0)
        pnet_bias_mark(v, p, G, c, k, row,
                       sel || (v->sel.col == 2 * c - 1 && v->sel.j == k &&
                               v->sel.i == v->s->net.layer[c - 1].n_in));
    pnet_node_name(v, p, G, c, k, row);
}

/* Where edge (j, i) of layer l gets its value: 1 at the source end (on the
 * source's row), 2 at the destination end, 0 none. Fans get every value
 * at their spread end; other layers only the focus node's edges: its
 * inputs at their sources, its outputs at their destinations. */
static int pnet_label_end(const tui_view *v, const pnet_geom *G, int l, int j,
                          int i)
{
    const net_layer *L = &v->s->net.layer[l];
    if (!G->labels)
        return 0;
    if (L->n_in == 1)
        return 2;
    if (L->n_out == 1)
        return 1;
    if (l == G->fc - 1 && j == G->fk)
        return 1;
    if (l == G->fc && i == G->fk)
        return 2;
    return 0;
}

static void pnet_draw_labels(tui_view *v, panel *p, const pnet_geom *G, int l)
{
    const net_layer *L = &v->s->net.layer[l];
    double mx = pnet_layer_max(L);
    int xs, xd;
    pnet_gap(G, l, &xs, &xd);
    char num[16];
    for (int j = 0; j < L->n_out; j++)
        for (int i = 0; i < L->n_in; i++) {
            int end = pnet_label_end(v, G, l, j, i);
            int row = end == 1 ? pnet_node_row(G, v, l, i)
                    : end == 2 ? pnet_node_row(G, v, l + 1, j) : -1;
            if (row < 0)
                continue;
            double w = L->w[(size_t)j * L->n_in + i];
            fmt_num5(num, sizeof num, w);
            int x = end == 1 ? xs + 1 : xd - PNET_LABEL_W;
            panel_text(v, p, row, x,
                       pnet_edge_selected(v, l, j, i) ? ROLE_SELECT
                                                     : panel_net_weight_role(w, mx),
                       num);
        }
}

/* ---- the title, the sample and the selection lines ---- */

/* Appends " NAME VALUE" while it fits in len - 3 (room for " .."). */
static bool pnet_title_add(char *buf, size_t len, const char *name, double w)
{
    char num[16], part[96];
    fmt_num5(num, sizeof num, w);
    snprintf(part, sizeof part, " %s %s", name, num);
    size_t used = strlen(buf);
    if (used + strlen(part) + 3 >= len) {
        if (used + 3 < len)
            strcat(buf, " ..");
        return false;
    }
    strcat(buf, part);
    return true;
}

/* ": h1.3 in x1 +0.52 x2 -1.10 b +0.03", after "Network mlp" and the
 * status fields that moved to this title: the focus node and its weights
 * in (an input node: out), as many as fit in width. */
static void pnet_title(tui_view *v, const pnet_geom *G, int width, char *buf,
                       size_t len)
{
    const net *n = &v->s->net;
    char name[64], other[64];
    buf[0] = '\0';
    if (width < 12) /* not even a node's name */
        return;
    size_t room = (size_t)width < len ? (size_t)width : len;
    view_node_name(v, G->fc, G->fk, name, sizeof name);
    snprintf(buf, room, ": %s %s", name, G->fc == 0 ? "out" : "in");
    if (G->fc == 0) {
        const net_layer *L = &n->layer[0];
        for (int j = 0; j < L->n_out; j++) {
            view_node_name(v, 1, j, other, sizeof other);
            if (!pnet_title_add(buf, room, other, L->w[(size_t)j * L->n_in + G->fk]))
                return;
        }
        return;
    }
    const net_layer *L = &n->layer[G->fc - 1];
    for (int i = 0; i < L->n_in; i++) {
        view_node_name(v, G->fc - 1, i, other, sizeof other);
        if (!pnet_title_add(buf, room, other, L->w[(size_t)G->fk * L->n_in + i]))
            return;
    }
    pnet_title_add(buf, room, "b", L->b[G->fk]);
}

/* Right of the sample line, where it fits: with the output selected, that
 * the arrows put a hidden neuron's own output on the map. */
static void pnet_map_hint(tui_view *v, panel *p, int used)
{
    static const char hint[] = "<- a neuron's map";
    int x = p->cw - (int)sizeof hint + 1;
    if (v->sel.col == 2 * v->s->net.n_layers && v->s->net.n_layers > 1 && x >= used + 2)
        panel_text(v, p, 0, x, ROLE_KEY, hint);
}

/* "sample 1: (0, 0) y=0": the row whose values the nodes show. */
static void pnet_sample_text(tui_view *v, bool have_values, char *buf, size_t size)
{
    const session *s = v->s;
    if (!have_values) {
        snprintf(buf, size, "no data points");
        return;
    }
    int nf = s->data.n_features;
    int len = snprintf(buf, size, "sample %d%s: (", v->sample + 1,
                       v->sample >= s->data.n_train ? " (test)" : "");
    for (int f = 0; f < nf && f < 4 && len < (int)size - 56; f++)
        len += snprintf(buf + len, size - (size_t)len, "%s%.3g", f ? ", " : "",
                        s->data.x[(size_t)v->sample * nf + f]);
    double y = s->data.y[v->sample];
    if (s->data.task == DS_REGRESSION)
        snprintf(buf + len, size - (size_t)len, "%s) y=%.3g",
                 nf > 4 ? ", ..." : "", y);
    else
        snprintf(buf + len, size - (size_t)len, "%s) y=%s",
                 nf > 4 ? ", ..." : "", s->data.class_names[(int)y % DS_MAX_CLASSES]);
}

static void pnet_draw_sample(tui_view *v, panel *p, bool have_values)
{
    char buf[256];
    pnet_sample_text(v, have_values, buf, sizeof buf);
    panel_text(v, p, 0, 0, ROLE_DIM, buf);
    if (v->s->cfg.model == MODEL_MLP)
        pnet_map_hint(v, p, (int)strlen(buf));
}

/* The selected edge: its weight, gradient and last change. */
static void pnet_edge_info(tui_view *v, char *buf, size_t len)
{
    const net *n = &v->s->net;
    int l = (v->sel.col - 1) / 2, j = v->sel.j, i = v->sel.i;
    char a[32], b[32], c[32], name[64], name2[64];
    double w, g, d;
    session_param_now(v->s, net_param_index(n, l, j, i), &w, &g, &d);
    fmt_val(a, sizeof a, w);
    fmt_val(b, sizeof b, g);
    fmt_val(c, sizeof c, d);
    view_node_name(v, l + 1, j, name, sizeof name);
    if (i < n->layer[l].n_in)
        view_node_name(v, l, i, name2, sizeof name2);
    else
        snprintf(name2, sizeof name2, "bias");
    snprintf(buf, len, "w %s<-%s %s  grad %s  change %s", name, name2, a, b, c);
}

/* The selected node: its value, or its z and activation, and whether the
 * map shows it. */
static void pnet_node_info(tui_view *v, bool have_values, int width, char *buf,
                           size_t len)
{
    const net *n = &v->s->net;
    int col = v->sel.col / 2, k = v->sel.node;
    char a[32], b[32], c[32], name[64];
    view_node_name(v, col, k, name, sizeof name);
    if (!have_values) {
        snprintf(buf, len, "%s", name);
    } else if (col == 0) {
        fmt_val(a, sizeof a, view_sample_value(v, 0, k));
        snprintf(buf, len, "%s = %s (input)", name, a);
    } else {
        const net_layer *L = &n->layer[col - 1];
        double z = session_unit_z(v->s, col - 1, k, v->act_buf + v->act_off[col - 1]);
        fmt_num5(c, sizeof c, L->b[k]);
        fmt_num5(a, sizeof a, z);
        fmt_num5(b, sizeof b, view_sample_value(v, col, k));
        int used = snprintf(buf, len, "%s %s: b %s z %s a %s", name,
                            act_name(L->act), c, a, b);
        /* a hidden neuron's output is what the map shows */
        const char *say = used + 13 <= width ? " (on the map)"
                        : used + 9 <= width ? " (on map)" : "";
        if (col < n->n_layers && used >= 0 && (size_t)used + 14 < len)
            strcat(buf, say);
    }
}

static void pnet_draw_info(tui_view *v, panel *p, const pnet_geom *G,
                           bool have_values)
{
    char buf[256];
    if (G->info_top)
        pnet_draw_sample(v, p, have_values);
    if (!G->info_bottom)
        return;
    if (v->sel.col % 2 == 1)
        pnet_edge_info(v, buf, sizeof buf);
    else
        pnet_node_info(v, have_values, p->cw, buf, sizeof buf);
    panel_text(v, p, p->ch - 1, 0, ROLE_NORMAL, buf);
}

static void pnet_draw(tui_view *v, panel *p)
{
    const session *s = v->s;
    char title[160];
    pnet_geom G;
    pnet_geometry(v, p, &G);
    if (s->cfg.model == MODEL_PERCEPTRON) {
        snprintf(title, sizeof title, "Network %s%s", session_model_name(s->cfg.model),
                 p->w >= 48 ? ": y_hat = step(w.x + b)" : "");
        panel_frame(v, p, title);
        panel_net_perc_draw(v, p);
        G.info_top = G.info_bottom = p->ch >= 5;
        pnet_draw_info(v, p, &G, view_eval_sample(v));
        return;
    }
    char head[32];
    snprintf(head, sizeof head, "Network %s", session_model_name(s->cfg.model));
    pnet_title(v, &G, p->w - 4 - (int)strlen(head) - (int)strlen(panel_title_extra(v, p)),
               title, sizeof title);
    panel_frame_split(v, p, head, title);
    bool have_values = view_eval_sample(v);
    pnet_draw_edges(v, p, &G);
    for (int l = 0; l < s->net.n_layers; l++)
        pnet_draw_labels(v, p, &G, l);
    for (int c = 0; c < G.ncol; c++) {
        int u = pnet_units(v, c);
        for (int k = 0; k < u; k++) {
            int row = pnet_node_row(&G, v, c, k);
            if (row >= 0)
                pnet_draw_node(v, p, &G, c, k, row, have_values);
        }
        if (u > G.vis[c]) {
            char more[32];
            snprintf(more, sizeof more, "+%d", u - G.vis[c]);
            panel_text(v, p, G.top + G.nh - 1, G.x[c], ROLE_DIM, more);
        }
    }
    pnet_draw_info(v, p, &G, have_values);
}

/* ---- keys ---- */

static bool pnet_handle_action(tui_view *v, panel *p, int action)
{
    (void)p;
    const net *n = &v->s->net;
    view_selection *S = &v->sel;
    int maxcol = 2 * n->n_layers;
    switch ((tui_action)action) {
    case ACTION_MOVE_UP:
    case ACTION_MOVE_DOWN: {
        int d = action == ACTION_MOVE_UP ? -1 : 1;
        if (S->col % 2 == 0) {
            int u = view_column_units(v, S->col / 2);
            S->node = (S->node + d + u) % u;
        } else {
            const net_layer *L = &n->layer[(S->col - 1) / 2];
            int i = S->i < L->n_in ? S->i : L->n_in - 1;
            int m = L->n_in * L->n_out;
            int q = (S->j * L->n_in + i + d + m) % m;
            S->j = q / L->n_in;
            S->i = q % L->n_in;
        }
        return true;
    }
    case ACTION_MOVE_LEFT:
    case ACTION_MOVE_RIGHT: {
        int d = action == ACTION_MOVE_LEFT ? -1 : 1;
        int col = S->col + d;
        if (col < 0 || col > maxcol)
            return true;
        if (S->col % 2 == 0) {
            /* node -> the edges leaving it (right) or entering it (left) */
            int k = S->node;
            if (d > 0) {
                S->i = k;
                S->j = 0;
            } else {
                S->j = k;
                S->i = 0;
            }
        } else {
            /* edge -> its destination (right) or its source (left) */
            S->node = d > 0 ? S->j : S->i;
        }
        S->col = col;
        view_fix_selection(v);
        return true;
    }
    default:
        return false;
    }
}

const panel_ops panel_net_ops = {
    .title = "Network",
    .layout = NULL,
    .draw = pnet_draw,
    .handle_action = pnet_handle_action,
};
