/* mode_hidden.c - the Hidden space: every data point carried through the
 * network up to a hidden layer and plotted at the values of two of its
 * units, by class, with lines of the input plane's grid carried along the
 * same way (bent polylines). It shows how hidden layers move XOR's points
 * until a straight line can split them. Reads the session only. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"
#include "tui/decision_map.h"
#include "tui/mode_common.h"
#include "tui/action.h"
#include "tui/view.h"

#define HID_YW 8             /* y tick labels */
#define HID_SAMPLES 64       /* points along one grid line */
#define HID_MAX_POINTS 4000  /* data points carried at most */


typedef struct {
    int layer;            /* hidden layer (weight layer index) */
    int u1, u2;           /* its units on x and y (u2 < 0: the class / target) */
    /* buffers: raw plane points, their network inputs, eval scratch, the
     * layer's values */
    double *raw, *in, *work, *val;
    size_t raw_cap, in_cap, work_cap, val_cap;
    int *rows;            /* [points] dataset rows carried */
    size_t rows_cap;
} hid_state;

static hid_state *hid_get(tui_view *v) { return v->mode_state[MODE_HIDDEN]; }

static bool hid_grow(double **b, size_t *cap, size_t n)
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

static int hid_n_hidden(const tui_view *v) { return v->s->net.n_layers - 1; }

static int hid_units(const tui_view *v, int layer)
{
    return v->s->net.layer[layer].n_out;
}

static bool hid_carry(tui_view *v, hid_state *h, const double *raw, int rows);
static void hid_liveliest(tui_view *v, hid_state *h);

/* Keeps the layer and units inside the network (it may have changed). */
static void hid_fix(const tui_view *v, hid_state *h)
{
    int nh = hid_n_hidden(v);
    if (nh < 1)
        return;
    if (h->layer < 0 || h->layer >= nh)
        h->layer = nh - 1;
    int n = hid_units(v, h->layer);
    if (h->u1 < 0 || h->u1 >= n)
        h->u1 = 0;
    if (n < 2) {
        h->u2 = -1;
        return;
    }
    if (h->u2 < 0 || h->u2 >= n || h->u2 == h->u1)
        h->u2 = h->u1 + 1 < n ? h->u1 + 1 : h->u1 - 1;
}

/* The layer and units from the selection: an edge of a hidden layer's
 * weights names the layer, its unit and (as a unit of the same layer) its
 * input, as a lesson's pick does; a hidden node names its layer and unit.
 * Anything else: the last hidden layer's two liveliest units. */
static void hid_from_selection(tui_view *v, hid_state *h)
{
    const view_selection *sel = &v->sel;
    int nh = hid_n_hidden(v);
    h->layer = nh - 1;
    h->u1 = 0;
    h->u2 = 1;
    bool picked = false;
    if (sel->col % 2 == 1) {
        int l = (sel->col - 1) / 2;
        if (l < nh) {
            h->layer = l;
            h->u1 = sel->j;
            h->u2 = sel->i;
            picked = true;
        }
    } else {
        int c = sel->col / 2;
        if (c >= 1 && c <= nh) {
            h->layer = c - 1;
            h->u1 = sel->node;
            h->u2 = sel->node + 1;
            picked = true;
        }
    }
    hid_fix(v, h);
    if (!picked && nh >= 1)
        hid_liveliest(v, h);
}

/* Without a pick: the two units of the layer that vary most over the
 * training rows (a dead unit shows nothing). */
static void hid_liveliest(tui_view *v, hid_state *h)
{
    const ds_dataset *d = &v->s->data;
    int rows = d->n_train < HID_MAX_POINTS ? d->n_train : HID_MAX_POINTS;
    int units = hid_units(v, h->layer);
    if (rows < 2 || units < 3 || !hid_carry(v, h, d->x, rows))
        return;
    int best[2] = {-1, -1};
    double var[2] = {-1, -1};
    for (int u = 0; u < units; u++) {
        double sum = 0, sq = 0;
        for (int r = 0; r < rows; r++) {
            double a = h->val[(size_t)r * units + u];
            sum += a;
            sq += a * a;
        }
        double m = sum / rows, vv = sq / rows - m * m;
        if (!isfinite(vv))
            continue;
        if (vv > var[0] + 1e-12) {
            best[1] = best[0];
            var[1] = var[0];
            best[0] = u;
            var[0] = vv;
        } else if (vv > var[1] + 1e-12) {
            best[1] = u;
            var[1] = vv;
        }
    }
    if (best[0] < 0 || best[1] < 0)
        return;
    h->u1 = best[0] < best[1] ? best[0] : best[1];
    h->u2 = best[0] < best[1] ? best[1] : best[0];
}

static int hid_open(tui_view *v)
{
    hid_state *h = hid_get(v);
    hid_from_selection(v, h);
    return 0;
}

static void hid_close(tui_view *v)
{
    hid_state *h = hid_get(v);
    if (!h)
        return;
    free(h->raw);
    free(h->in);
    free(h->work);
    free(h->val);
    free(h->rows);
}

static void hid_sync(tui_view *v)
{
    hid_state *h = hid_get(v);
    if (h && hid_n_hidden(v) >= 1)
        hid_fix(v, h);
}

static bool hid_handle_action(tui_view *v, int action)
{
    hid_state *h = hid_get(v);
    if (!h || hid_n_hidden(v) < 1)
        return false;
    int n = hid_units(v, h->layer);
    tui_action act = (tui_action)action;
    switch (act) {
    case ACTION_LAYER_PREV:
    case ACTION_LAYER_NEXT: {
        int nh = hid_n_hidden(v);
        h->layer = (h->layer + (act == ACTION_LAYER_NEXT ? 1 : nh - 1)) % nh;
        h->u1 = 0;
        h->u2 = 1;
        hid_fix(v, h);
        break;
    }
    case ACTION_UNIT_X_PREV:
    case ACTION_UNIT_X_NEXT:
        if (n < 2)
            return true;
        do
            h->u1 = (h->u1 + (act == ACTION_UNIT_X_NEXT ? 1 : n - 1)) % n;
        while (h->u1 == h->u2);
        break;
    case ACTION_UNIT_Y_PREV:
    case ACTION_UNIT_Y_NEXT:
        if (n < 2)
            return true;
        do
            h->u2 = (h->u2 + (act == ACTION_UNIT_Y_NEXT ? 1 : n - 1)) % n;
        while (h->u2 == h->u1);
        break;
    default:
        return false;
    }
    char a[32], b[32];
    view_node_name(v, h->layer + 1, h->u1, a, sizeof a);
    if (h->u2 >= 0)
        view_node_name(v, h->layer + 1, h->u2, b, sizeof b);
    else
        snprintf(b, sizeof b, "the label");
    view_say(v, false, "hidden space of %s and %s", a, b);
    return true;
}

/* ---- carrying points through the network ---- */

/* The layer's values for raw feature rows raw[rows][n_features] into
 * h->val[rows][units]. */
static bool hid_carry(tui_view *v, hid_state *h, const double *raw, int rows)
{
    session *s = v->s;
    const net *n = &s->net;
    int units = hid_units(v, h->layer);
    if (!hid_grow(&h->in, &h->in_cap, (size_t)SESSION_CHUNK * s->n_in) ||
        !hid_grow(&h->work, &h->work_cap, net_eval_work_size(n, SESSION_CHUNK)) ||
        !hid_grow(&h->val, &h->val_cap, (size_t)rows * units))
        return false;
    int nf = s->data.n_features;
    for (int done = 0; done < rows; done += SESSION_CHUNK) {
        int cnt = rows - done < SESSION_CHUNK ? rows - done : SESSION_CHUNK;
        prep_apply(&s->prep, raw + (size_t)done * nf, h->in, cnt);
        net_eval(n, h->in, cnt, h->layer, h->val + (size_t)done * units, h->work);
    }
    return true;
}

typedef struct {
    double x0, x1, y0, y1;
} hid_box;

static void hid_box_add(hid_box *b, bool *any, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return;
    if (!*any) {
        b->x0 = b->x1 = x;
        b->y0 = b->y1 = y;
        *any = true;
        return;
    }
    b->x0 = fmin(b->x0, x);
    b->x1 = fmax(b->x1, x);
    b->y0 = fmin(b->y0, y);
    b->y1 = fmax(b->y1, y);
}

static void hid_pad(double *lo, double *hi)
{
    double r = *hi - *lo;
    if (!(r > 1e-9)) {
        double m = fmax(0.5, fabs(*lo) * 0.5);
        *lo -= m;
        *hi += m;
        return;
    }
    *lo -= 0.08 * r;
    *hi += 0.08 * r;
}

/* ---- drawing ---- */

static void hid_tick_label(char *buf, size_t len, double x)
{
    if (x == 0 || (fabs(x) >= 0.01 && fabs(x) < 1000))
        snprintf(buf, len, "%.3g", x);
    else
        snprintf(buf, len, "%.1e", x);
}

/* y value of a point on the vertical axis: the second unit, or the label
 * when the layer has one unit. */
static double hid_yof(const session *s, const hid_state *h, const double *val,
                      int units, int k, int row)
{
    if (h->u2 >= 0)
        return val[(size_t)k * units + h->u2];
    return s->data.y[row];
}

/* What one frame shows, computed before anything is drawn. */
typedef struct {
    int units;            /* of the layer */
    int npts;             /* data points carried (h->rows) */
    int total;            /* data rows they were taken from */
    int K, nlines;        /* grid lines per direction, in all */
    hid_box box;          /* the plot's bounds */
    bool pts_any;         /* a data point is finite */
    hid_box pts;          /* the data points' own bounds */
    int py, px, ph, pw;   /* the plot cells */
    char n1[32], n2[32];  /* the axes' names */
} hid_frame;

/* The screen when there is no hidden layer to show. */
static void hid_draw_none(tui_view *v, WINDOW *w, int wd)
{
    style_rule(w, &v->st, 0, 0, wd, "Hidden space", true);
    mode_text(v, w, 2, 1, ROLE_BAD,
              v->s->cfg.model == MODEL_PERCEPTRON
                  ? "the perceptron has no hidden layer: press m for the MLP"
                  : "this network has no hidden layer: press ] to add one");
    mode_text(v, w, 4, 1, ROLE_DIM,
              "Without a hidden layer the data stay in the input plane, "
              "where one straight line");
    mode_text(v, w, 5, 1, ROLE_DIM,
              "is all the output can draw; hidden units move the points "
              "first.");
}

static void hid_draw_title(tui_view *v, WINDOW *w, int wd, const hid_state *h,
                           hid_frame *F)
{
    const session *s = v->s;
    char title[256];
    view_node_name(v, h->layer + 1, h->u1, F->n1, sizeof F->n1);
    if (h->u2 >= 0)
        view_node_name(v, h->layer + 1, h->u2, F->n2, sizeof F->n2);
    else
        snprintf(F->n2, sizeof F->n2, "%s",
                 s->data.task == DS_REGRESSION ? "y" : "class");
    snprintf(title, sizeof title,
             "Hidden space: %s vs %s (layer %d of %d hidden, %d unit%s, %s)", F->n1,
             F->n2, h->layer + 1, hid_n_hidden(v), F->units, F->units == 1 ? "" : "s",
             act_name(s->net.layer[h->layer].act));
    style_rule(w, &v->st, 0, 0, wd, title, true);
}

/* The data rows to carry, thinned to at most HID_MAX_POINTS, into h->raw
 * (room for the grid lines' points after them). false: out of memory. */
static bool hid_gather_rows(tui_view *v, hid_state *h, hid_frame *F)
{
    const ds_dataset *d = &v->s->data;
    int nf = d->n_features;
    int total = d->n_train + (v->show_test ? d->n_test : 0);
    int stride = total > HID_MAX_POINTS ? (total + HID_MAX_POINTS - 1) / HID_MAX_POINTS : 1;
    F->npts = (total + stride - 1) / stride;
    F->total = total;
    int nall = F->npts + F->nlines * HID_SAMPLES;
    if (!hid_grow(&h->raw, &h->raw_cap, (size_t)nall * nf))
        return false;
    if ((size_t)F->npts > h->rows_cap) {
        int *r = realloc(h->rows, (size_t)F->npts * sizeof *r);
        if (!r)
            return false;
        h->rows = r;
        h->rows_cap = (size_t)F->npts;
    }
    for (int k = 0; k < F->npts; k++) {
        int row = k * stride;
        h->rows[k] = row;
        memcpy(h->raw + (size_t)k * nf, d->x + (size_t)row * nf, (size_t)nf * sizeof(double));
    }
    return true;
}

/* The grid lines of the input plane after the data rows in h->raw: the
 * data's bounds with a margin, the other features at their means; K lines
 * per direction (one line with one feature), HID_SAMPLES points each. */
static void hid_gather_grid(tui_view *v, hid_state *h, const hid_frame *F)
{
    const ds_dataset *d = &v->s->data;
    int nf = d->n_features, K = F->K;
    double mean[DS_MAX_FEATURES];
    /* means and bounds over every row, or over an even sample of at most
     * HID_MAX_POINTS of them: a frame never passes over a big dataset */
    int rows_all = ds_rows(d);
    int stride = rows_all > HID_MAX_POINTS ? (rows_all + HID_MAX_POINTS - 1) / HID_MAX_POINTS : 1;
    int taken = 0;
    for (int r = 0; r < rows_all; r += stride)
        taken++;
    double lo[2] = {0, 0}, hi[2] = {1, 1};
    for (int f = 0; f < nf && f < DS_MAX_FEATURES; f++) {
        double sum = 0, a = INFINITY, b = -INFINITY;
        for (int r = 0; r < rows_all; r += stride) {
            double x = d->x[(size_t)r * nf + f];
            sum += x;
            if (x < a)
                a = x;
            if (x > b)
                b = x;
        }
        mean[f] = taken ? sum / taken : 0;
        if (f < 2) {
            lo[f] = a > b ? 0 : a; /* as ds_bounds: 0..1 when there is nothing */
            hi[f] = a > b ? 1 : b;
        }
    }
    for (int f = 0; f < 2 && f < nf; f++) {
        double m = 0.25 * (hi[f] - lo[f]);
        if (!(m > 0))
            m = 0.5;
        lo[f] -= m;
        hi[f] += m;
    }
    double *lp = h->raw + (size_t)F->npts * nf;
    for (int L = 0; L < F->nlines; L++) {
        int dir = L < K ? 0 : 1; /* 0: x1 = const, the line runs along x2 */
        int idx = L % K;
        for (int q = 0; q < HID_SAMPLES; q++) {
            double *r = lp + ((size_t)L * HID_SAMPLES + q) * nf;
            for (int f = 0; f < nf; f++)
                r[f] = f < DS_MAX_FEATURES ? mean[f] : 0;
            double t = (double)q / (HID_SAMPLES - 1);
            if (nf == 1) {
                r[0] = lo[0] + t * (hi[0] - lo[0]);
                continue;
            }
            double fixed = K > 1 ? (double)idx / (K - 1) : 0.5;
            int a = dir == 0 ? 0 : 1, b = 1 - a;
            r[a] = lo[a] + fixed * (hi[a] - lo[a]);
            r[b] = lo[b] + t * (hi[b] - lo[b]);
        }
    }
}

/* The plot's bounds: the points and the lines. false: nothing finite. */
static bool hid_bounds(const session *s, const hid_state *h, hid_frame *F)
{
    int units = F->units, nall = F->npts + F->nlines * HID_SAMPLES;
    hid_box box = {0, 1, 0, 1};
    bool any = false;
    for (int k = 0; k < F->npts; k++)
        hid_box_add(&box, &any, h->val[(size_t)k * units + h->u1],
                    hid_yof(s, h, h->val, units, k, h->rows[k]));
    F->pts_any = any;
    F->pts = box;
    if (h->u2 >= 0)
        for (int k = F->npts; k < nall; k++)
            hid_box_add(&box, &any, h->val[(size_t)k * units + h->u1],
                        h->val[(size_t)k * units + h->u2]);
    if (!any)
        return false;
    hid_pad(&box.x0, &box.x1);
    hid_pad(&box.y0, &box.y1);
    F->box = box;
    return true;
}

/* Carries the data rows and the input grid to the hidden layer and finds
 * the plot's bounds; says what went wrong when it cannot. */
static bool hid_compute(tui_view *v, WINDOW *w, hid_state *h, int hh, hid_frame *F)
{
    const ds_dataset *d = &v->s->data;
    int total = d->n_train + (v->show_test ? d->n_test : 0);
    if (total < 1 || d->n_features < 1) {
        mode_text(v, w, 2, 1, ROLE_BAD, "there are no data points");
        return false;
    }
    F->K = hh >= 30 ? 9 : 5;
    F->nlines = d->n_features >= 2 ? 2 * F->K : 1;
    if (!hid_gather_rows(v, h, F)) {
        mode_text(v, w, 2, 1, ROLE_BAD, "out of memory");
        return false;
    }
    hid_gather_grid(v, h, F);
    if (!hid_carry(v, h, h->raw, F->npts + F->nlines * HID_SAMPLES)) {
        mode_text(v, w, 2, 1, ROLE_BAD, "out of memory");
        return false;
    }
    if (!hid_bounds(v->s, h, F)) {
        mode_text(v, w, 2, 1, ROLE_BAD,
                  "the hidden values are not finite (training diverged)");
        return false;
    }
    return true;
}

/* The info row: dead or constant units are worth saying. */
static void hid_draw_info(tui_view *v, WINDOW *w, const hid_state *h,
                          const hid_frame *F)
{
    char buf[256];
    if (F->pts_any && F->pts.x1 - F->pts.x0 < 1e-12)
        snprintf(buf, sizeof buf, "%s is the same for every point (a dead unit?)", F->n1);
    else if (F->pts_any && h->u2 >= 0 && F->pts.y1 - F->pts.y0 < 1e-12)
        snprintf(buf, sizeof buf, "%s is the same for every point (a dead unit?)", F->n2);
    else if (F->npts < F->total)
        snprintf(buf, sizeof buf,
                 "points: %d of the %d data rows (evenly spread) carried to hidden "
                 "layer %d; dots: the input grid, bent",
                 F->npts, F->total, h->layer + 1);
    else
        snprintf(buf, sizeof buf,
                 "points: data rows carried to hidden layer %d; dots: the input "
                 "grid, bent",
                 h->layer + 1);
    mode_text(v, w, 1, 1, ROLE_DIM, buf);
}

/* The grid lines as dotted polylines (braille where there is Unicode). */
static void hid_draw_grid(tui_view *v, WINDOW *w, const hid_state *h,
                          const hid_frame *F)
{
    canvas C;
    if (h->u2 < 0 || !canvas_init(&C, canvas_kind_for(&v->st, false), F->pw, F->ph,
                                  &v->canvas, &v->canvas_cap))
        return;
    const hid_box *b = &F->box;
    canvas_pen pen = canvas_pen_of(ROLE_DIM);
    pen.ascii = '.';
    for (int L = 0; L < F->nlines; L++) {
        int lx = -1, ly = -1;
        for (int q = 0; q < HID_SAMPLES; q++) {
            size_t k = (size_t)F->npts + (size_t)L * HID_SAMPLES + q;
            double x = h->val[k * F->units + h->u1], y = h->val[k * F->units + h->u2];
            if (!isfinite(x) || !isfinite(y)) {
                lx = -1;
                continue;
            }
            int X = (int)lround((x - b->x0) / (b->x1 - b->x0) * (C.dw - 1));
            int Y = (int)lround((b->y1 - y) / (b->y1 - b->y0) * (C.dh - 1));
            if (X < 0 || Y < 0 || X >= C.dw || Y >= C.dh) {
                lx = -1;
                continue;
            }
            canvas_line(&C, lx >= 0 ? lx : X, lx >= 0 ? ly : Y, X, Y, &pen);
            lx = X;
            ly = Y;
        }
    }
    canvas_paint(&C, w, &v->st, F->py, F->px, NULL, NULL);
    canvas_free(&C);
}

/* The data points by class on top. */
static void hid_draw_points(tui_view *v, WINDOW *w, const hid_state *h,
                            const hid_frame *F)
{
    const session *s = v->s;
    const ds_dataset *d = &s->data;
    const hid_box *b = &F->box;
    dmap_targets tg = dmap_targets_of(s);
    for (int k = 0; k < F->npts; k++) {
        int row = h->rows[k];
        double x = h->val[(size_t)k * F->units + h->u1];
        double y = hid_yof(s, h, h->val, F->units, k, row);
        if (!isfinite(x) || !isfinite(y))
            continue;
        int cx = (int)floor((x - b->x0) / (b->x1 - b->x0) * F->pw);
        int cy = (int)floor((b->y1 - y) / (b->y1 - b->y0) * F->ph);
        if (cx < 0 || cy < 0 || cx >= F->pw || cy >= F->ph)
            continue;
        dmap_point pt = dmap_point_of(&v->st, s, &tg, row, false);
        pt.test = row >= d->n_train;
        dmap_put_point(&v->st, w, F->py + cy, F->px + cx, &pt, DMAP_POINT_PLAIN);
    }
}

static void hid_draw_axes(tui_view *v, WINDOW *w, const hid_frame *F)
{
    char buf[64], t1[32];
    const hid_box *b = &F->box;
    for (int k = 0; k < 3; k++) {
        int row = k == 0 ? 0 : k == 1 ? F->ph / 2 : F->ph - 1;
        double val = b->y1 - (b->y1 - b->y0) * (k == 0 ? 0 : k == 1 ? 0.5 : 1);
        hid_tick_label(t1, sizeof t1, fabs(val) < 1e-9 * (b->y1 - b->y0) ? 0 : val);
        snprintf(buf, sizeof buf, "%*s", HID_YW - 1, t1);
        mode_text(v, w, F->py + row, 1, ROLE_DIM, buf);
    }
    if (F->ph >= 6) {
        snprintf(buf, sizeof buf, "%.*s", HID_YW - 1, F->n2);
        mode_text(v, w, F->py + F->ph / 4, 1, ROLE_TITLE, buf);
    }
    int xr = F->py + F->ph;
    for (int k = 0; k < 3; k++) {
        double val = b->x0 + (b->x1 - b->x0) * (k == 0 ? 0 : k == 1 ? 0.5 : 1);
        hid_tick_label(t1, sizeof t1, fabs(val) < 1e-9 * (b->x1 - b->x0) ? 0 : val);
        int n = (int)strlen(t1);
        int x = k == 0 ? 0 : k == 1 ? F->pw / 2 - n / 2 : F->pw - n;
        mode_text(v, w, xr, F->px + x, ROLE_DIM, t1);
    }
    mode_text(v, w, xr, F->px + F->pw / 4, ROLE_TITLE, F->n1);
}

static void hid_draw_legend(tui_view *v, WINDOW *w, int hh, const hid_state *h)
{
    const ds_dataset *d = &v->s->data;
    char buf[256];
    if (d->task == DS_REGRESSION)
        snprintf(buf, sizeof buf, "o data (orange low, blue high)  %s",
                 h->u2 >= 0 ? ". input grid lines" : "");
    else if (d->task == DS_BINARY)
        snprintf(buf, sizeof buf, "o:%s  x:%s  capitals: test  %s", d->class_names[0],
                 d->class_names[1],
                 h->u2 >= 0 ? (d->n_features >= 2
                                   ? "dots: lines x1 = c and x2 = c of the input plane"
                                   : "dots: the input axis")
                            : "");
    else
        snprintf(buf, sizeof buf, "o x v s ... by class  capitals: test  %s",
                 h->u2 >= 0 ? "dots: the input grid" : "");
    mode_text(v, w, hh - 1, 1, ROLE_DIM, buf);
}

static void hid_draw(tui_view *v, WINDOW *w, int hh, int wd)
{
    hid_state *h = hid_get(v);
    if (!h) {
        style_rule(w, &v->st, 0, 0, wd, "Hidden space", true);
        return;
    }
    if (hid_n_hidden(v) < 1) {
        hid_draw_none(v, w, wd);
        return;
    }
    hid_frame F;
    memset(&F, 0, sizeof F);
    F.units = hid_units(v, h->layer);
    hid_draw_title(v, w, wd, h, &F);
    if (!hid_compute(v, w, h, hh, &F))
        return;
    /* geometry: info row, plot, x ticks, legend */
    F.py = 2;
    F.px = HID_YW + 1;
    F.ph = hh - F.py - 2;
    F.pw = wd - F.px - 1;
    if (F.ph < 3 || F.pw < 10) {
        mode_text(v, w, 2, 1, ROLE_DIM, "too little room for the plot");
        return;
    }
    hid_draw_info(v, w, h, &F);
    hid_draw_grid(v, w, h, &F);
    hid_draw_points(v, w, h, &F);
    hid_draw_axes(v, w, &F);
    hid_draw_legend(v, w, hh, h);
}

bool mode_hidden_units(const tui_view *v, int *layer, int *u1, int *u2)
{
    hid_state *h = v->mode == MODE_HIDDEN ? v->mode_state[MODE_HIDDEN] : NULL;
    if (!h || hid_n_hidden(v) < 1)
        return false;
    hid_fix(v, h);
    *layer = h->layer;
    *u1 = h->u1;
    *u2 = h->u2;
    return true;
}

static const key_binding hid_keys[] = {
    {KEY_LEFT, ACTION_UNIT_X_PREV}, {KEY_RIGHT, ACTION_UNIT_X_NEXT},
    {KEY_DOWN, ACTION_UNIT_Y_PREV}, {KEY_UP, ACTION_UNIT_Y_NEXT},
    {'<', ACTION_LAYER_PREV},       {'>', ACTION_LAYER_NEXT},
    {0, ACTION_NONE},
};

const view_mode_ops mode_hidden_ops = {
    .name = "hidden",
    .title = "Hidden space",
    .state_size = sizeof(hid_state),
    .open = hid_open,
    .close = hid_close,
    .draw = hid_draw,
    .keys = hid_keys,
    .handle_action = hid_handle_action,
    .sync = hid_sync,
};
