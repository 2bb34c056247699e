/* panel_net.c - the Network panel: nodes by layer with their activation for
 * the selected sample, edges coloured by sign and shaded by magnitude
 * (braille lines where the locale allows, ASCII strokes otherwise), weight
 * values beside the edges when they fit, and the selection of a node or an
 * edge with the arrow keys. It only reads the session. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/action.h"
#include "tui/canvas.h"
#include "tui/cscale.h"

#define PNET_LABEL_W 6 /* one weight label and its space */
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

typedef enum { LBL_NONE, LBL_DEST, LBL_SRC } pnet_label_mode;

typedef struct {
    int ncol;                           /* node columns: inputs .. outputs */
    int nw;                             /* node width: 7, 5 or 1 */
    int lw, rw;                         /* input / output name widths */
    int x[NET_MAX_LAYERS + 1];          /* node column x, content coords */
    pnet_label_mode mode[NET_MAX_LAYERS];
    int top, nh;                        /* rows of the node area */
    int off[NET_MAX_LAYERS + 1];        /* first node shown per column */
    int vis[NET_MAX_LAYERS + 1];        /* nodes shown per column */
    bool info_top, info_bottom;
} pnet_geom;

static int pnet_units(const tui_view *v, int c) { return view_column_units(v, c); }

static int pnet_gap_need(const net *n, int g, pnet_label_mode m)
{
    if (m == LBL_DEST)
        return n->layer[g].n_in * PNET_LABEL_W + 2;
    if (m == LBL_SRC)
        return n->layer[g].n_out * PNET_LABEL_W + 2;
    return 2;
}

static pnet_label_mode pnet_label_choice(const net *n, int g)
{
    if (n->layer[g].n_in <= 3)
        return LBL_DEST;
    if (n->layer[g].n_out <= 3)
        return LBL_SRC;
    return LBL_NONE;
}

static void pnet_geometry(tui_view *v, panel *p, pnet_geom *G)
{
    const session *s = v->s;
    const net *n = &s->net;
    memset(G, 0, sizeof *G);
    G->ncol = n->n_layers + 1;
    char name[64];
    char shortn[PREP_MAX_INPUTS][16];
    pnet_input_names(v, shortn);
    for (int k = 0; k < n->n_inputs && k < PREP_MAX_INPUTS; k++) {
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
    /* widest form that fits: labelled with bracketed nodes, labelled with
     * bare values, bare values, then one glyph per node */
    static const struct { int nw; bool labels; } forms[] = {
        {7, true}, {5, true}, {7, false}, {5, false}, {1, false}};
    int ngap = G->ncol - 1;
    int need = 0;
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        G->nw = forms[f].nw;
        need = G->lw + 1 + G->ncol * G->nw + 1 + G->rw;
        for (int g = 0; g < ngap; g++) {
            G->mode[g] = forms[f].labels ? pnet_label_choice(n, g) : LBL_NONE;
            need += pnet_gap_need(n, g, G->mode[g]);
        }
        if (need <= p->cw)
            break;
    }
    int extra = p->cw - need;
    if (extra < 0)
        extra = 0;
    int x = G->lw + 1;
    for (int c = 0; c < G->ncol; c++) {
        G->x[c] = x;
        x += G->nw;
        if (c < ngap) {
            int share = extra / ngap + (c < extra % ngap ? 1 : 0);
            x += pnet_gap_need(n, c, G->mode[c]) + share;
        }
    }
    /* rows: a sample line on top when there is room, the selection line at
     * the bottom */
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
        if (u <= G->nh) {
            G->off[c] = 0;
            G->vis[c] = u;
            continue;
        }
        G->vis[c] = G->nh - 1 > 0 ? G->nh - 1 : 1;
        int off = 0;
        int sel = -1;
        if (v->sel.col == 2 * c)
            sel = v->sel.node;
        else if (v->sel.col == 2 * c - 1)
            sel = v->sel.j;
        else if (v->sel.col == 2 * c + 1)
            sel = v->sel.i;
        if (sel >= 0)
            off = sel - G->vis[c] / 2;
        if (off > u - G->vis[c])
            off = u - G->vis[c];
        if (off < 0)
            off = 0;
        G->off[c] = off;
    }
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

/* The pen of one edge: the sign as the tag, the strength (|w| over the
 * layer's largest) as the value. Without Unicode each cell takes the
 * stroke nearest the edge's slope and the strongest edge through it; with
 * braille the edge drawn last colours a cell. */
static canvas_pen pnet_edge_pen(const canvas *C, int x0, int y0, int x1, int y1,
                                float strength, int sign, bool sel, bool dotted)
{
    canvas_pen pen = canvas_pen_of((short)sign);
    pen.value = strength;
    pen.flag = sel;
    if (C->kind == CANVAS_BRAILLE) {
        pen.rank = INFINITY;
        pen.dash = dotted;
        return pen;
    }
    int dx = x1 - x0, dy = y1 - y0;
    /* cells are about twice as tall as wide */
    double slope = dx != 0 ? 2.0 * dy / dx : 99.0;
    pen.ascii = fabs(slope) < 0.5 ? '-' : fabs(slope) > 3.0 ? '|'
              : slope > 0 ? '\\' : '/';
    if (dotted)
        pen.ascii = '.';
    pen.rank = strength;
    return pen;
}

/* An edge between two cell positions (content coords of the node area):
 * from the left of (x0, y0) to the right of (x1, y1), through the middle
 * of their rows. */
static void pnet_edge(canvas *C, int x0, int y0, int x1, int y1, float strength,
                      int sign, bool sel, bool dotted)
{
    canvas_pen pen = pnet_edge_pen(C, x0, y0, x1, y1, strength, sign, sel, dotted);
    canvas_line(C, x0 * C->sx, y0 * C->sy + C->sy / 2, x1 * C->sx + C->sx - 1,
                y1 * C->sy + C->sy / 2, &pen);
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
    float strength = c->value;
    if (st->colors == STYLE_MONO) {
        *pr = 0;
        *a = strength > 0.66f ? A_BOLD : strength < 0.2f ? A_DIM : A_NORMAL;
        return;
    }
    *pr = style_pair(st, cscale_signed_color(st, c->tag, strength), -1);
    if (st->colors == STYLE_256)
        *a = strength > 0.66f ? A_BOLD : A_NORMAL;
    else
        *a = strength > 0.66f ? A_BOLD : strength < 0.2f ? A_DIM : A_NORMAL;
}

static bool pnet_edge_selected(const tui_view *v, int l, int j, int i)
{
    return v->sel.col == 2 * l + 1 && v->sel.j == j && v->sel.i == i;
}

/* The largest finite |w| of a layer (1 when there is none). */
static double pnet_layer_max(const net_layer *L)
{
    double mx = 0;
    for (int q = 0; q < L->n_in * L->n_out; q++)
        if (fabs(L->w[q]) > mx && isfinite(L->w[q]))
            mx = fabs(L->w[q]);
    return mx > 0 ? mx : 1;
}

/* The edges of weight layer l into C, the selected one last so that it
 * stays on top. */
static void pnet_layer_edges(tui_view *v, const pnet_geom *G, canvas *C, int l)
{
    const net_layer *L = &v->s->net.layer[l];
    bool mono = v->st.colors == STYLE_MONO;
    double mx = pnet_layer_max(L);
    int xs = G->x[l] + G->nw + (G->mode[l] == LBL_SRC ? L->n_out * PNET_LABEL_W : 0);
    int xd = G->x[l + 1] - 1 - (G->mode[l] == LBL_DEST ? L->n_in * PNET_LABEL_W : 0);
    if (xs > xd)
        return;
    for (int pass = 0; pass < 2; pass++)
        for (int j = 0; j < L->n_out; j++) {
            int yd = pnet_node_row(G, v, l + 1, j);
            if (yd < 0)
                continue;
            for (int i = 0; i < L->n_in; i++) {
                int ys = pnet_node_row(G, v, l, i);
                bool sel = pnet_edge_selected(v, l, j, i);
                if (ys < 0 || sel != (pass == 1))
                    continue;
                double w = L->w[(size_t)j * L->n_in + i];
                float strength = isfinite(w) ? (float)(fabs(w) / mx) : 1.0f;
                pnet_edge(C, xs, ys, xd, yd, strength, w < 0 ? -1 : 1, sel,
                          mono && w < 0 && !sel);
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
    canvas_paint(&C, p->win, &v->st, p->cy, p->cx, pnet_edge_look, &v->st);
    canvas_free(&C);
}

/* ---- nodes and labels ---- */

static style_role pnet_value_role(double x, double scale)
{
    if (!(x == x))
        return ROLE_BAD;
    return cscale_role(x, fabs(x) >= 0.5 * scale);
}

static void pnet_draw_node(tui_view *v, panel *p, const pnet_geom *G, int c,
                          int k, int row, bool have_values)
{
    double x = have_values ? view_sample_value(v, c, k) : NAN;
    bool sel = v->sel.col == 2 * c && v->sel.node == k;
    char num[16];
    fmt_num5(num, sizeof num, x);
    int X = G->x[c];
    style_role r = sel ? ROLE_SELECT : x < 0 ? ROLE_NODE_NEG : ROLE_NODE_POS;
    if (G->nw == 1) {
        attr_t a;
        short pr;
        style_get(&v->st, sel ? ROLE_SELECT : pnet_value_role(x, 1.0), &a, &pr);
        style_put(p->win, &v->st, p->cy + row, p->cx + X, x < 0 ? L'◆' : L'●',
                  x < 0 ? '-' : 'o', a, pr);
    } else if (G->nw == 5) {
        panel_text(v, p, row, X, r, have_values ? num : "  .  ");
    } else {
        char box[40];
        snprintf(box, sizeof box, "[%s]", have_values ? num : "  .  ");
        panel_text(v, p, row, X, r, box);
    }
    char name[64];
    if (c == 0) {
        char shortn[PREP_MAX_INPUTS][16];
        pnet_input_names(v, shortn);
        snprintf(name, sizeof name, "%s", k < PREP_MAX_INPUTS ? shortn[k] : "?");
        name[G->lw] = '\0';
        char buf[80];
        snprintf(buf, sizeof buf, "%*s", G->lw, name);
        panel_text(v, p, row, 0, ROLE_TITLE, buf);
    } else if (c == G->ncol - 1) {
        view_node_name(v, c, k, name, sizeof name);
        name[G->rw] = '\0';
        panel_text(v, p, row, X + G->nw + 1, ROLE_TITLE, name);
    }
}

static void pnet_draw_labels(tui_view *v, panel *p, const pnet_geom *G, int l)
{
    const net_layer *L = &v->s->net.layer[l];
    char num[16];
    if (G->mode[l] == LBL_DEST) {
        for (int j = 0; j < L->n_out; j++) {
            int row = pnet_node_row(G, v, l + 1, j);
            if (row < 0)
                continue;
            int x = G->x[l + 1] - L->n_in * PNET_LABEL_W;
            for (int i = 0; i < L->n_in; i++, x += PNET_LABEL_W) {
                double w = L->w[(size_t)j * L->n_in + i];
                fmt_num5(num, sizeof num, w);
                panel_text(v, p, row, x,
                           pnet_edge_selected(v, l, j, i) ? ROLE_SELECT
                                                         : pnet_value_role(w, 1.0),
                           num);
            }
        }
    } else if (G->mode[l] == LBL_SRC) {
        for (int i = 0; i < L->n_in; i++) {
            int row = pnet_node_row(G, v, l, i);
            if (row < 0)
                continue;
            int x = G->x[l] + G->nw + 1;
            for (int j = 0; j < L->n_out; j++, x += PNET_LABEL_W) {
                double w = L->w[(size_t)j * L->n_in + i];
                fmt_num5(num, sizeof num, w);
                panel_text(v, p, row, x,
                           pnet_edge_selected(v, l, j, i) ? ROLE_SELECT
                                                         : pnet_value_role(w, 1.0),
                           num);
            }
        }
    }
}

static void pnet_draw_info(tui_view *v, panel *p, const pnet_geom *G,
                          bool have_values)
{
    const session *s = v->s;
    const net *n = &s->net;
    char buf[256], a[32], b[32], c[32], name[64], name2[64];
    if (G->info_top) {
        if (have_values) {
            int nf = s->data.n_features;
            int len = snprintf(buf, sizeof buf, "sample %d%s: (", v->sample + 1,
                               v->sample >= s->data.n_train ? " (test)" : "");
            for (int f = 0; f < nf && f < 4 && len < 200; f++)
                len += snprintf(buf + len, sizeof buf - (size_t)len, "%s%.3g",
                                f ? ", " : "",
                                s->data.x[(size_t)v->sample * nf + f]);
            double y = s->data.y[v->sample];
            if (s->data.task == DS_REGRESSION)
                snprintf(buf + len, sizeof buf - (size_t)len, "%s) y=%.3g",
                         nf > 4 ? ", ..." : "", y);
            else
                snprintf(buf + len, sizeof buf - (size_t)len, "%s) y=%s",
                         nf > 4 ? ", ..." : "",
                         s->data.class_names[(int)y % DS_MAX_CLASSES]);
        } else {
            snprintf(buf, sizeof buf, "no data points");
        }
        panel_text(v, p, 0, 0, ROLE_DIM, buf);
    }
    if (!G->info_bottom)
        return;
    if (v->sel.col % 2 == 1) {
        int l = (v->sel.col - 1) / 2;
        const net_layer *L = &n->layer[l];
        int j = v->sel.j, i = v->sel.i;
        double w, g, d;
        session_param_now(s, net_param_index(n, l, j, i), &w, &g, &d);
        fmt_val(a, sizeof a, w);
        fmt_val(b, sizeof b, g);
        fmt_val(c, sizeof c, d);
        view_node_name(v, l + 1, j, name, sizeof name);
        if (i < L->n_in)
            view_node_name(v, l, i, name2, sizeof name2);
        else
            snprintf(name2, sizeof name2, "bias");
        snprintf(buf, sizeof buf, "w %s<-%s %s  grad %s  change %s", name, name2,
                 a, b, c);
    } else {
        int col = v->sel.col / 2, k = v->sel.node;
        view_node_name(v, col, k, name, sizeof name);
        if (!have_values) {
            snprintf(buf, sizeof buf, "%s", name);
        } else if (col == 0) {
            fmt_val(a, sizeof a, view_sample_value(v, 0, k));
            snprintf(buf, sizeof buf, "%s = %s (input)", name, a);
        } else {
            const net_layer *L = &n->layer[col - 1];
            double z = L->b[k];
            for (int i = 0; i < L->n_in; i++)
                z += L->w[(size_t)k * L->n_in + i] * view_sample_value(v, col - 1, i);
            fmt_val(a, sizeof a, z);
            fmt_val(b, sizeof b, view_sample_value(v, col, k));
            snprintf(buf, sizeof buf, "%s %s: z %s  a %s%s", name,
                     act_name(L->act), a, b,
                     col < n->n_layers ? "  (map: this neuron)" : "");
        }
    }
    panel_text(v, p, p->ch - 1, 0, v->sel.col % 2 ? ROLE_NORMAL : ROLE_NORMAL, buf);
}

static void pnet_draw(tui_view *v, panel *p)
{
    const session *s = v->s;
    char title[96];
    snprintf(title, sizeof title, "Network %s", session_model_name(s->cfg.model));
    panel_frame(v, p, title);
    pnet_geom G;
    pnet_geometry(v, p, &G);
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
