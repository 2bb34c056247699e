/* mode_landscape.c - the Loss landscape: the training loss over a grid of
 * two parameters (by default the selected weight and its unit's bias; for
 * the book's single ReLU neuron, w and b) with every other parameter
 * frozen, as a heat map on a log-like scale, the current point marked and
 * the path gradient descent took drawn on it. Each point of the grid is
 * the engine's loss at a copy of the parameters (session_loss_at), so the
 * values the last step left for the inspector are never disturbed. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/canvas.h"
#include "tui/cscale.h"
#include "tui/mode_common.h"
#include "tui/action.h"
#include "tui/view.h"

#define LAND_YW 8              /* y tick labels */
#define LAND_PATH_MAX 20000    /* path points kept (thinned beyond) */
#define LAND_REPLAY_STEPS 20000 /* the path before opening is rebuilt by a
                                   replay up to this many steps */
#define LAND_REPLAY_SECONDS 0.25
#define LAND_MACS 4e7        /* multiply-adds a grid may cost, about */
#define LAND_PLAY_EVERY 0.3     /* seconds between grids while playing */

/* no @, o or S: those mark the point and the path */
static const char land_ramp[] = " .:-=+*#%&";

typedef struct {
    int l, j, i;               /* layer, unit, input (i == n_in: the bias) */
} land_param;

typedef struct {
    land_param A, B;           /* the x and y axes */
    size_t pa, pb;             /* their indices in params */
    mode_sig sig;              /* the session the axes were picked for */
    /* the grid */
    double ca, cb, ra, rb;     /* centre and half ranges */
    int zoom;                  /* the fitted range times 2^zoom */
    bool fitted;
    double *loss;              /* [gh][gw] */
    size_t loss_cap;
    int W, H;                  /* pixels the grid is for */
    int step;                  /* pixels per grid point each way (1, 2, 4..) */
    int gw, gh;                /* grid points */
    long stamp;                /* session version of the grid, -1 none */
    double key_ca, key_cb, key_ra, key_rb; /* range the grid was made for */
    size_t key_pa, key_pb;
    struct timespec when;
    double lmin, lmax;         /* finite range over the grid */
    int rows_used;
    /* evaluation: a copy of the parameters with the two axes moved, and
     * the engine's buffers for the loss at them */
    double *params;
    size_t params_cap;
    session_loss_probe probe;
    /* the path: (a, b) after every step seen */
    double *path;              /* [np][2] */
    int np, path_cap;
    long lastysteps;
    bool path_from_start;      /* the path goes back to the initial weights */
} land_state;

static land_state *land_get(tui_view *v) { return v->mode_state[MODE_LANDSCAPE]; }

static bool land_grow(double **b, size_t *cap, size_t n)
{
    if (n <= *cap)
        return true;
    double *p = realloc(*b, n * sizeof *p);
    if (!p)
        return false;
    *b = p;
    *cap = n;
    return true;
}

/* ---- parameters ---- */

static size_t land_index(const net *n, land_param p)
{
    return net_param_index(n, p.l, p.j, p.i);
}

static land_param land_locate(const net *n, size_t idx)
{
    land_param p;
    net_param_locate(n, idx, &p.l, &p.j, &p.i);
    return p;
}

static bool land_is_bias(const net *n, size_t idx)
{
    land_param p = land_locate(n, idx);
    return p.i >= n->layer[p.l].n_in;
}

/* A network of single units in a chain (the book's neurons): its
 * parameters are called w and b, or w1, b1, w2, b2. */
static bool land_chain(const net *n)
{
    if (n->n_inputs != 1)
        return false;
    for (int l = 0; l < n->n_layers; l++)
        if (n->layer[l].n_out != 1)
            return false;
    return true;
}

static void land_name(const tui_view *v, land_param p, char *buf, size_t len)
{
    const net *n = &v->s->net;
    bool bias = p.i >= n->layer[p.l].n_in;
    if (land_chain(n)) {
        if (n->n_layers == 1)
            snprintf(buf, len, "%s", bias ? "b" : "w");
        else
            snprintf(buf, len, "%s%d", bias ? "b" : "w", p.l + 1);
        return;
    }
    char to[32], from[32];
    view_node_name(v, p.l + 1, p.j, to, sizeof to);
    if (bias) {
        snprintf(buf, len, "b(%s)", to);
        return;
    }
    view_node_name(v, p.l, p.i, from, sizeof from);
    snprintf(buf, len, "w(%s->%s)", from, to);
}

/* The axes from the selection: the weight it points at (a node: its first
 * input weight) and the same unit's bias. */
static void land_axes_from_selection(tui_view *v, land_state *st)
{
    const net *n = &v->s->net;
    int l = n->n_layers - 1, j = 0, i = 0;
    const view_selection *sel = &v->sel;
    if (sel->col % 2 == 1) {
        l = (sel->col - 1) / 2;
        j = sel->j;
        i = sel->i;
    } else if (sel->col / 2 >= 1) {
        l = sel->col / 2 - 1;
        j = sel->node;
        i = 0;
    } else {
        l = 0;
        j = 0;
        i = sel->node;
    }
    if (l < 0 || l >= n->n_layers)
        l = n->n_layers - 1;
    const net_layer *L = &n->layer[l];
    if (j < 0 || j >= L->n_out)
        j = 0;
    if (i < 0 || i >= L->n_in)
        i = 0; /* the bias selected: its unit's first weight and the bias */
    st->A = (land_param){l, j, i};
    st->B = (land_param){l, j, L->n_in};
    st->pa = land_index(n, st->A);
    st->pb = land_index(n, st->B);
}

static void land_current(const tui_view *v, const land_state *st, double *a,
                         double *b)
{
    *a = v->s->net.params[st->pa];
    *b = v->s->net.params[st->pb];
}

/* ---- the path ---- */

static void land_path_add(land_state *st, double a, double b)
{
    if (st->np > 0 && st->path[2 * (st->np - 1)] == a &&
        st->path[2 * (st->np - 1) + 1] == b)
        return;
    if (st->np >= LAND_PATH_MAX) {
        /* keep every other point (the first one stays) */
        int k = 1;
        for (int i = 2; i < st->np; i += 2, k++) {
            st->path[2 * k] = st->path[2 * i];
            st->path[2 * k + 1] = st->path[2 * i + 1];
        }
        st->np = k;
    }
    if (st->np >= st->path_cap) {
        int cap = st->path_cap ? 2 * st->path_cap : 256;
        double *p = realloc(st->path, (size_t)cap * 2 * sizeof *p);
        if (!p)
            return;
        st->path = p;
        st->path_cap = cap;
    }
    st->path[2 * st->np] = a;
    st->path[2 * st->np + 1] = b;
    st->np++;
}

/* The path up to now: a replay of the session from its initial weights,
 * when that gives back exactly the weights it has (nothing was changed on
 * the way); else the last step only. */
static void land_path_rebuild(tui_view *v, land_state *st)
{
    session *s = v->s;
    st->np = 0;
    st->lastysteps = s->steps;
    st->path_from_start = false;
    double a, b;
    if (s->steps > 0 && s->steps <= LAND_REPLAY_STEPS) {
        session r;
        char err[256];
        if (session_clone(&r, s, err, sizeof err) == 0) {
            session_replay(&r);
            land_path_add(st, r.net.params[st->pa], r.net.params[st->pb]);
            struct timespec t0, now;
            view_now(&t0);
            bool ok = true;
            while (r.steps < s->steps) {
                if (session_step_batch(&r) < 0) {
                    ok = false;
                    break;
                }
                land_path_add(st, r.net.params[st->pa], r.net.params[st->pb]);
                view_now(&now);
                if (view_elapsed(&t0, &now) > LAND_REPLAY_SECONDS) {
                    ok = false;
                    break;
                }
            }
            ok = ok && r.steps == s->steps &&
                 memcmp(r.net.params, s->net.params,
                        s->net.n_params * sizeof(double)) == 0;
            session_free(&r);
            if (ok) {
                st->path_from_start = true;
                return;
            }
            st->np = 0;
        }
    }
    if (s->steps > 0)
        land_path_add(st, s->prev_params[st->pa], s->prev_params[st->pb]);
    land_current(v, st, &a, &b);
    land_path_add(st, a, b);
}

/* Sees what training did since the last look: a new point on the path, or
 * a new path after a reset, or new axes after the network changed. */
static void land_observe(tui_view *v, land_state *st)
{
    session *s = v->s;
    mode_sig now;
    mode_sig_take(&now, s);
    bool shape = now.n_params != st->sig.n_params ||
                 now.cfg.model != st->sig.cfg.model ||
                 now.cfg.n_hidden != st->sig.cfg.n_hidden ||
                 now.n_features != st->sig.n_features ||
                 now.cfg.features != st->sig.cfg.features ||
                 st->pa >= s->net.n_params || st->pb >= s->net.n_params;
    if (shape) {
        land_axes_from_selection(v, st);
        st->sig = now;
        st->fitted = false;
        st->stamp = -1;
        land_path_rebuild(v, st);
        return;
    }
    st->sig = now;
    if (s->steps < st->lastysteps || (s->steps == 0 && st->np > 1)) {
        st->np = 0;
        st->path_from_start = true;
        st->fitted = false;
    }
    st->lastysteps = s->steps;
    double a, b;
    land_current(v, st, &a, &b);
    if (isfinite(a) && isfinite(b))
        land_path_add(st, a, b);
}

/* ---- the grid ---- */

/* Centre and ranges that hold the path and the current point. */
static void land_fit(tui_view *v, land_state *st)
{
    double a, b;
    land_current(v, st, &a, &b);
    double amin = a, amax = a, bmin = b, bmax = b;
    for (int k = 0; k < st->np; k++) {
        double x = st->path[2 * k], y = st->path[2 * k + 1];
        if (!isfinite(x) || !isfinite(y))
            continue;
        amin = fmin(amin, x);
        amax = fmax(amax, x);
        bmin = fmin(bmin, y);
        bmax = fmax(bmax, y);
    }
    st->ca = 0.5 * (amin + amax);
    st->cb = 0.5 * (bmin + bmax);
    st->ra = fmax(0.6 * (amax - amin), fmax(1.0, 0.5 * fabs(st->ca)));
    st->rb = fmax(0.6 * (bmax - bmin), fmax(1.0, 0.5 * fabs(st->cb)));
    double z = pow(2.0, st->zoom);
    st->ra *= z;
    st->rb *= z;
    if (st->zoom < 0) {
        /* a closer look is around the point where training is now */
        st->ca = a;
        st->cb = b;
    }
    st->fitted = true;
}

static bool land_inside(const land_state *st, double a, double b)
{
    return fabs(a - st->ca) <= 0.97 * st->ra && fabs(b - st->cb) <= 0.97 * st->rb;
}

/* The loss at pixel (px, py) of the W x H pixels. */
static double land_at(const land_state *st, int px, int py)
{
    int gx = px / st->step, gy = py / st->step;
    if (gx >= st->gw)
        gx = st->gw - 1;
    if (gy >= st->gh)
        gy = st->gh - 1;
    if (gx < 0 || gy < 0)
        return NAN;
    return st->loss[(size_t)gy * st->gw + gx];
}

/* Computes the grid for W x H pixels: one point per pixel, or per block of
 * pixels when the network and the data would make that too slow; over
 * every training row or an even spread of them. */
static bool land_compute(tui_view *v, land_state *st, int W, int H)
{
    session *s = v->s;
    const net *n = &s->net;
    int train = s->data.n_train;
    if (train < 1 || W < 1 || H < 1)
        return false;
    double per_row = (double)n->n_params + 1;
    int want = train < 16 ? train : 16;
    int step = 1, gw, gh, rows;
    size_t npts;
    for (;;) {
        gw = (W + step - 1) / step;
        gh = (H + step - 1) / step;
        npts = (size_t)gw * (size_t)gh;
        double r = LAND_MACS / ((double)npts * per_row);
        rows = r > train ? train : (int)r;
        if (rows >= want || step >= 16)
            break;
        step *= 2;
    }
    if (rows < 1)
        rows = 1;
    if (!land_grow(&st->loss, &st->loss_cap, npts) ||
        !land_grow(&st->params, &st->params_cap, n->n_params))
        return false;
    /* the network's parameters with the two axes moved */
    memcpy(st->params, n->params, n->n_params * sizeof(double));
    st->lmin = INFINITY;
    st->lmax = -INFINITY;
    for (int gy = 0; gy < gh; gy++)
        for (int gx = 0; gx < gw; gx++) {
            /* the middle of the grid point's block of pixels */
            double fx = fmin((gx + 0.5) * step, W - 0.5) / W;
            double fy = fmin((gy + 0.5) * step, H - 0.5) / H;
            double a = st->ca + st->ra * (2.0 * fx - 1.0);
            double b = st->cb + st->rb * (1.0 - 2.0 * fy);
            st->params[st->pa] = a;
            st->params[st->pb] = b;
            double l = session_loss_at(s, &st->probe, st->params, rows);
            st->loss[(size_t)gy * gw + gx] = l;
            if (isfinite(l)) {
                st->lmin = fmin(st->lmin, l);
                st->lmax = fmax(st->lmax, l);
            }
        }
    st->rows_used = st->probe.rows;
    st->W = W;
    st->H = H;
    st->step = step;
    st->gw = gw;
    st->gh = gh;
    st->stamp = s->version;
    st->key_ca = st->ca;
    st->key_cb = st->cb;
    st->key_ra = st->ra;
    st->key_rb = st->rb;
    st->key_pa = st->pa;
    st->key_pb = st->pb;
    view_now(&st->when);
    return true;
}

/* The grid is made again when the weights, the axes, the range or the
 * size changed; while playing at most a few times a second. */
static bool land_refresh(tui_view *v, land_state *st, int W, int H)
{
    bool same_key = st->W == W && st->H == H && st->key_ca == st->ca &&
                    st->key_cb == st->cb && st->key_ra == st->ra &&
                    st->key_rb == st->rb && st->key_pa == st->pa &&
                    st->key_pb == st->pb;
    if (st->stamp >= 0 && same_key) {
        if (st->stamp == v->s->version)
            return true;
        struct timespec now;
        view_now(&now);
        if (v->playing && view_elapsed(&st->when, &now) < LAND_PLAY_EVERY)
            return true;
    }
    return land_compute(v, st, W, H);
}

/* 0 (low) .. 1 (high) on a log-like scale. */
static double land_level(const land_state *st, double l)
{
    if (!isfinite(l))
        return 1;
    double span = st->lmax - st->lmin;
    if (!(span > 0))
        return 0.5;
    double d = span * 1e-3;
    double t = log((l - st->lmin) + d) - log(d);
    double T = log(span + d) - log(d);
    double f = t / T;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static int land_color(const tui_view *v, double f)
{
    /* low loss blue (the valley), high loss orange (the hill) */
    return cscale_color(&v->st, 1.0 - 2.0 * f);
}

/* ---- open, close, keys ---- */

static int land_open(tui_view *v)
{
    land_state *st = land_get(v);
    st->stamp = -1;
    land_axes_from_selection(v, st);
    mode_sig_take(&st->sig, v->s);
    land_path_rebuild(v, st);
    return 0;
}

static void land_close(tui_view *v)
{
    land_state *st = land_get(v);
    if (!st)
        return;
    free(st->loss);
    free(st->params);
    session_loss_probe_free(&st->probe);
    free(st->path);
}

/* The next weight (dir = +1/-1) after index idx, biases skipped. */
static size_t land_next_weight(const net *n, size_t idx, int dir)
{
    size_t N = n->n_params;
    for (size_t t = 1; t <= N; t++) {
        size_t k = (idx + N + (size_t)((long)dir * (long)t % (long)N)) % N;
        if (!land_is_bias(n, k))
            return k;
    }
    return idx;
}

static void land_set_axes(tui_view *v, land_state *st, size_t pa, size_t pb)
{
    const net *n = &v->s->net;
    st->pa = pa;
    st->pb = pb;
    st->A = land_locate(n, pa);
    st->B = land_locate(n, pb);
    st->fitted = false;
    st->stamp = -1;
    land_path_rebuild(v, st);
    char na[80], nb[80];
    land_name(v, st->A, na, sizeof na);
    land_name(v, st->B, nb, sizeof nb);
    view_say(v, false, "landscape over %s and %s", na, nb);
}

/* space and n train here, so that every step lands on the path. */
static void land_train(tui_view *v, land_state *st, bool epoch)
{
    session *s = v->s;
    int rc;
    if (!epoch) {
        rc = session_step_batch(s);
        if (rc == 0 && s->last.row >= 0 && s->last.row < ds_rows(&s->data))
            v->sample = s->last.row;
        land_observe(v, st);
    } else if (s->status == SESSION_DIVERGED || s->data.n_train < 1) {
        rc = session_step_batch(s); /* refused, with the reason */
    } else {
        long start = s->epoch;
        rc = 0;
        while (rc == 0 && s->epoch == start && s->status != SESSION_DIVERGED) {
            rc = session_step_batch(s);
            land_observe(v, st);
        }
    }
    view_after_command(v, rc);
}

static bool land_handle_action(tui_view *v, int action)
{
    land_state *st = land_get(v);
    if (!st)
        return false;
    const net *n = &v->s->net;
    tui_action a = (tui_action)action;
    switch (a) {
    case ACTION_TRAIN_EPOCH:
        land_train(v, st, true);
        return true;
    case ACTION_TRAIN_STEP:
        land_train(v, st, false);
        return true;
    case ACTION_AXIS_A_PREV:
    case ACTION_AXIS_A_NEXT: {
        size_t pa = land_next_weight(n, st->pa, a == ACTION_AXIS_A_NEXT ? 1 : -1);
        land_param p = land_locate(n, pa);
        p.i = n->layer[p.l].n_in;
        land_set_axes(v, st, pa, land_index(n, p));
        return true;
    }
    case ACTION_AXIS_B_PREV:
    case ACTION_AXIS_B_NEXT: {
        size_t N = n->n_params;
        if (N < 2)
            return true;
        size_t pb = st->pb;
        do
            pb = (pb + (a == ACTION_AXIS_B_NEXT ? 1 : N - 1)) % N;
        while (pb == st->pa);
        land_set_axes(v, st, st->pa, pb);
        return true;
    }
    case ACTION_ZOOM_OUT:
    case ACTION_ZOOM_IN:
        st->zoom += a == ACTION_ZOOM_OUT ? 1 : -1;
        if (st->zoom > 12)
            st->zoom = 12;
        if (st->zoom < -12)
            st->zoom = -12;
        st->fitted = false;
        return true;
    default:
        return false;
    }
}

static void land_sync(tui_view *v)
{
    land_state *st = land_get(v);
    if (st)
        land_observe(v, st);
}

static void land_tick(tui_view *v, double budget)
{
    (void)budget;
    land_sync(v);
}

/* ---- drawing ---- */

static void land_tick_label(char *buf, size_t len, double x)
{
    if (x == 0 || (fabs(x) >= 0.01 && fabs(x) < 1000))
        snprintf(buf, len, "%.3g", x);
    else
        snprintf(buf, len, "%.1e", x);
}

/* A plot position as a cell, kept well inside int's range. */
static int land_cell(double t)
{
    if (!(t > -1e6))
        return -1000000;
    if (t > 1e6)
        return 1000000;
    return (int)floor(t);
}

/* The segment from (x0d, y0d) to (x1d, y1d) in cell units clipped to the
 * plot and a cell around it (Liang-Barsky): false when none of it is
 * there, else the clipped ends' parameters t0 <= t1 on [0, 1]. */
static bool land_clip(double x0d, double y0d, double x1d, double y1d, int pw,
                      int ph, double *t0, double *t1)
{
    double ddx = x1d - x0d, ddy = y1d - y0d;
    const double lo_x = -1, hi_x = pw + 1, lo_y = -1, hi_y = ph + 1;
    const double pp[4] = {-ddx, ddx, -ddy, ddy};
    const double qq[4] = {x0d - lo_x, hi_x - x0d, y0d - lo_y, hi_y - y0d};
    *t0 = 0;
    *t1 = 1;
    for (int e = 0; e < 4; e++) {
        if (pp[e] == 0) {
            if (qq[e] < 0)
                return false;
            continue;
        }
        double r = qq[e] / pp[e];
        if (pp[e] < 0)
            *t0 = fmax(*t0, r);
        else
            *t1 = fmin(*t1, r);
        if (*t0 > *t1)
            return false;
    }
    return true;
}

/* The path onto a canvas of cells: dots along each segment, a bullet at
 * each point it reaches (tag 1; the dots tag 0). */
static void land_trace_path(const land_state *st, canvas *C)
{
    int pw = C->w, ph = C->h;
    canvas_pen dot = canvas_pen_of(0), vertex = canvas_pen_of(1);
    dot.wc = L'·';
    dot.ascii = '.';
    vertex.wc = L'•';
    vertex.ascii = 'o';
    double lxd = 0, lyd = 0;
    bool have = false;
    for (int k = 0; k < st->np; k++) {
        double a = st->path[2 * k], b = st->path[2 * k + 1];
        if (!isfinite(a) || !isfinite(b)) {
            have = false;
            continue;
        }
        double xd = (a - (st->ca - st->ra)) / (2 * st->ra) * pw;
        double yd = ((st->cb + st->rb) - b) / (2 * st->rb) * ph;
        double x0d = have ? lxd : xd, y0d = have ? lyd : yd;
        lxd = xd;
        lyd = yd;
        have = true;
        double t0, t1;
        if (!land_clip(x0d, y0d, xd, yd, pw, ph, &t0, &t1))
            continue;
        double ddx = xd - x0d, ddy = yd - y0d;
        int x = land_cell(x0d + t0 * ddx), y = land_cell(y0d + t0 * ddy);
        int cx = land_cell(x0d + t1 * ddx), cy = land_cell(y0d + t1 * ddy);
        canvas_line(C, x, y, cx, cy, &dot);
        if (t1 >= 1)
            canvas_dot(C, cx, cy, &vertex);
    }
}

typedef struct {
    tui_view *v;
    const land_state *st;
    int sy;
} land_look_ctx;

/* A path cell: bold on the landscape's colour under it (reverse without
 * colours). */
static void land_path_look(void *ctx, const canvas_cell *c, int cx, int cy,
                           attr_t *a, short *pr)
{
    (void)c;
    const land_look_ctx *L = ctx;
    tui_style *sty = &L->v->st;
    *a = A_BOLD;
    *pr = 0;
    if (sty->colors == STYLE_MONO) {
        *a |= A_REVERSE;
        return;
    }
    int black = sty->colors == STYLE_256 ? 16 : COLOR_BLACK;
    *pr = style_pair(sty, black,
                     land_color(L->v, land_level(L->st, land_at(L->st, cx, cy * L->sy))));
}

static void land_draw_path(tui_view *v, WINDOW *w, land_state *st, int py,
                           int px, int ph, int pw)
{
    tui_style *sty = &v->st;
    int sy = sty->utf8 && sty->colors != STYLE_MONO ? 2 : 1;
    canvas C;
    if (canvas_init(&C, CANVAS_CELL, pw, ph, &v->canvas, &v->canvas_cap)) {
        land_trace_path(st, &C);
        land_look_ctx L = {v, st, sy};
        canvas_paint(&C, w, sty, py, px, land_path_look, &L);
        canvas_free(&C);
    }
#define LAND_CX(a) land_cell(((a) - (st->ca - st->ra)) / (2 * st->ra) * pw)
#define LAND_CY(b) land_cell(((st->cb + st->rb) - (b)) / (2 * st->rb) * ph)
    /* the start and the current point on top */
    attr_t ac;
    short pc;
    style_get(sty, ROLE_CURSOR, &ac, &pc);
    if (st->np > 1 && st->path_from_start) {
        int cx = LAND_CX(st->path[0]), cy = LAND_CY(st->path[1]);
        if (cx >= 0 && cy >= 0 && cx < pw && cy < ph)
            style_put(w, sty, py + cy, px + cx, 0, 'S', ac, pc);
    }
    double a, b;
    land_current(v, st, &a, &b);
    int cx = LAND_CX(a), cy = LAND_CY(b);
    if (cx >= 0 && cy >= 0 && cx < pw && cy < ph)
        style_put(w, sty, py + cy, px + cx, 0, '@', ac, pc);
#undef LAND_CX
#undef LAND_CY
}

/* The title: the loss, the two parameters and how many are frozen. */
static void land_draw_title(tui_view *v, WINDOW *w, int wd, const land_state *st,
                            char *na, char *nb, size_t nlen)
{
    const session *s = v->s;
    char title[256];
    land_name(v, st->A, na, nlen);
    land_name(v, st->B, nb, nlen);
    const char *lname = s->cfg.model == MODEL_PERCEPTRON ? "mean |error|"
                                                         : loss_name(s->cfg.loss);
    long others = (long)s->net.n_params - 2;
    if (others > 0)
        snprintf(title, sizeof title,
                 "Loss landscape: %s over %s and %s, %ld other%s frozen",
                 lname, na, nb, others, others == 1 ? "" : "s");
    else
        snprintf(title, sizeof title, "Loss landscape: %s over %s and %s", lname,
                 na, nb);
    style_rule(w, &v->st, 0, 0, wd, title, true);
}

static void land_draw_info(tui_view *v, WINDOW *w, const land_state *st,
                           const char *na, const char *nb, double a, double b)
{
    const session *s = v->s;
    char buf[256], t1[32], t2[32], t3[32];
    double cur = view_metrics(v).train_loss;
    fmt_val(t1, sizeof t1, a);
    fmt_val(t2, sizeof t2, b);
    fmt_val(t3, sizeof t3, cur);
    int at = snprintf(buf, sizeof buf, "%s = %s  %s = %s  loss %s  path %d point%s",
                      na, t1, nb, t2, t3, st->np, st->np == 1 ? "" : "s");
    if (st->rows_used < s->data.n_train && at > 0 && (size_t)at < sizeof buf)
        snprintf(buf + at, sizeof buf - (size_t)at, "  (grid on %d of %d rows)",
                 st->rows_used, s->data.n_train);
    mode_text(v, w, 1, 1, ROLE_NORMAL, buf);
}

typedef struct {
    tui_view *v;
    const land_state *st;
} land_field_ctx;

static int land_pixel_color(void *ctx, int px, int py)
{
    const land_field_ctx *F = ctx;
    return land_color(F->v, land_level(F->st, land_at(F->st, px, py)));
}

/* The heat map: low loss blue, high orange; ASCII shades without colour. */
static void land_draw_heat(tui_view *v, WINDOW *w, const land_state *st, int py,
                           int px, int ph, int pw, int sy)
{
    if (v->st.colors != STYLE_MONO) {
        land_field_ctx F = {v, st};
        canvas_paint_field(w, &v->st, py, px, ph, pw, sy, land_pixel_color, &F);
        return;
    }
    for (int cy = 0; cy < ph; cy++)
        for (int cx = 0; cx < pw; cx++)
            style_put(w, &v->st, py + cy, px + cx, 0,
                      cscale_ramp_char(land_ramp, land_level(st, land_at(st, cx, cy))),
                      A_NORMAL, 0);
}

/* Three values on each axis and the parameters' names. */
static void land_draw_axes(tui_view *v, WINDOW *w, const land_state *st, int py,
                           int px, int ph, int pw, const char *na, const char *nb)
{
    char buf[256], t1[32];
    for (int k = 0; k < 3; k++) {
        int row = k == 0 ? 0 : k == 1 ? ph / 2 : ph - 1;
        double val = st->cb + st->rb * (k == 0 ? 1 : k == 1 ? 0 : -1);
        if (fabs(val) < 1e-9 * st->rb)
            val = 0;
        land_tick_label(t1, sizeof t1, val);
        snprintf(buf, sizeof buf, "%*s", LAND_YW - 1, t1);
        mode_text(v, w, py + row, 1, ROLE_DIM, buf);
    }
    snprintf(buf, sizeof buf, "%.*s", LAND_YW - 1, nb);
    if (ph >= 6)
        mode_text(v, w, py + ph / 4, 1, ROLE_TITLE, buf);
    int xr = py + ph;
    for (int k = 0; k < 3; k++) {
        int col = k == 0 ? 0 : k == 1 ? pw / 2 : pw - 1;
        double val = st->ca + st->ra * (k == 0 ? -1 : k == 1 ? 0 : 1);
        if (fabs(val) < 1e-9 * st->ra)
            val = 0;
        land_tick_label(t1, sizeof t1, val);
        int n = (int)strlen(t1);
        int x = k == 0 ? 0 : k == 1 ? col - n / 2 : pw - n;
        mode_text(v, w, xr, px + x, ROLE_DIM, t1);
    }
    mode_text(v, w, xr, px + pw / 4, ROLE_TITLE, na);
}

static void land_draw_legend(tui_view *v, WINDOW *w, const land_state *st, int h)
{
    char buf[256], t1[32], t2[32];
    fmt_val(t1, sizeof t1, st->lmin);
    fmt_val(t2, sizeof t2, st->lmax);
    int lx = 1;
    lx += mode_text(v, w, h - 1, lx, ROLE_DIM, "low ");
    for (int k = 0; k < 10; k++) {
        double f = k / 9.0;
        if (v->st.colors == STYLE_MONO)
            style_put(w, &v->st, h - 1, lx + k, 0, land_ramp[k], A_NORMAL, 0);
        else {
            int c = land_color(v, f);
            style_put(w, &v->st, h - 1, lx + k, L' ', ' ', A_NORMAL,
                      style_pair(&v->st, c, c));
        }
    }
    lx += 10;
    snprintf(buf, sizeof buf, " high (%s .. %s, log-like)  @ now  %s%s path",
             t1, t2, st->path_from_start && st->np > 1 ? "S start  " : "",
             v->st.utf8 ? "•" : "o");
    mode_text(v, w, h - 1, lx, ROLE_DIM, buf);
}

static void land_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    land_state *st = land_get(v);
    session *s = v->s;
    if (!st) {
        style_rule(w, &v->st, 0, 0, wd, "Loss landscape", true);
        return;
    }
    char na[80], nb[80];
    land_draw_title(v, w, wd, st, na, nb, sizeof na);
    double a, b;
    land_current(v, st, &a, &b);
    if (!isfinite(a) || !isfinite(b) || !net_params_finite(&s->net)) {
        mode_text(v, w, 2, 1, ROLE_BAD,
                  "the weights are not finite (training diverged): press - "
                  "then r");
        return;
    }
    if (s->data.n_train < 1) {
        mode_text(v, w, 2, 1, ROLE_BAD, "there are no training rows");
        return;
    }
    if (!st->fitted || !land_inside(st, a, b))
        land_fit(v, st);
    /* geometry: info row, plot, x ticks, legend */
    int py = 2, px = LAND_YW + 1;
    int ph = h - py - 2, pw = wd - px - 1;
    if (ph < 3 || pw < 10) {
        mode_text(v, w, 2, 1, ROLE_DIM, "too little room for the landscape");
        return;
    }
    int sy = v->st.utf8 && v->st.colors != STYLE_MONO ? 2 : 1;
    if (!land_refresh(v, st, pw, ph * sy)) {
        mode_text(v, w, 2, 1, ROLE_BAD, "out of memory for the landscape");
        return;
    }
    land_draw_info(v, w, st, na, nb, a, b);
    land_draw_heat(v, w, st, py, px, ph, pw, sy);
    land_draw_path(v, w, st, py, px, ph, pw);
    land_draw_axes(v, w, st, py, px, ph, pw, na, nb);
    land_draw_legend(v, w, st, h);
}

bool mode_landscape_axes(const tui_view *v, size_t *pa, size_t *pb)
{
    const land_state *st =
        v->mode == MODE_LANDSCAPE ? v->mode_state[MODE_LANDSCAPE] : NULL;
    if (!st)
        return false;
    *pa = st->pa;
    *pb = st->pb;
    return true;
}

int mode_landscape_path(const tui_view *v, const double **path)
{
    const land_state *st =
        v->mode == MODE_LANDSCAPE ? v->mode_state[MODE_LANDSCAPE] : NULL;
    if (!st)
        return 0;
    *path = st->path;
    return st->np;
}

static const key_binding land_keys[] = {
    {KEY_LEFT, ACTION_AXIS_A_PREV}, {KEY_RIGHT, ACTION_AXIS_A_NEXT},
    {KEY_DOWN, ACTION_AXIS_B_PREV}, {KEY_UP, ACTION_AXIS_B_NEXT},
    {'<', ACTION_ZOOM_OUT},         {'>', ACTION_ZOOM_IN},
    {0, ACTION_NONE},
};

const view_mode_ops mode_landscape_ops = {
    .name = "landscape",
    .title = "Loss landscape",
    .state_size = sizeof(land_state),
    .open = land_open,
    .close = land_close,
    .draw = land_draw,
    .keys = land_keys,
    .handle_action = land_handle_action,
    .sync = land_sync,
    .tick = land_tick,
    .about = "space: an epoch, each step drawn; n: one step",
};
