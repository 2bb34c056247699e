/* decision_map.c - the decision map component (see decision_map.h): the
 * plane, the pixels' values in one batched call, their colours through
 * the colour scale, and the data points' look. */
#include "tui/decision_map.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"
#include "tui/cscale.h"

#define DMAP_CHUNK 1024 /* rows per net_eval call for neuron maps */

static const char dmap_glyphs[] = "oxvsdnzkmwuaeghr";

static bool dmap_grow(double **buf, size_t *cap, size_t n)
{
    if (n <= *cap)
        return true;
    double *b = realloc(*buf, n * sizeof *b);
    if (!b)
        return false;
    *buf = b;
    *cap = n;
    return true;
}

void dmap_free(view_map_cache *m)
{
    free(m->raw);
    free(m->in);
    free(m->out);
    free(m->work);
    free(m->val);
    free(m->cls);
    free(m->pts_raw);
    free(m->pts_out);
    free(m->pts_row);
    memset(m, 0, sizeof *m);
    m->stamp = -1;
    m->pts_stamp = -1;
}

/* ---- the plane ---- */

static double dmap_margin(double r)
{
    if (!(r > 0)) /* one point: room for lines that pass near it, such as
                     x1 = -1 beside the book's [1, 0] */
        return 3.0;
    if (r <= 1)
        return 0.5 * r;
    if (r <= 5)
        return 0.5;
    return 0.1 * r;
}

/* The vertical range with one feature: the targets or the classes. */
static void dmap_one_feature_range(const session *s, double *lo, double *hi)
{
    const ds_dataset *d = &s->data;
    if (d->task == DS_REGRESSION) {
        *lo = s->data_stats.all_target_lo;
        *hi = s->data_stats.all_target_hi;
    } else {
        *lo = 0;
        *hi = d->n_classes > 1 ? d->n_classes - 1 : 1;
    }
}

void dmap_set_axes(view_map_cache *m, int fx, int fy)
{
    m->fx = fx;
    m->fy = fy;
    m->axes_set = true;
}

void dmap_axes(const view_map_cache *m, const session *s, int *fx, int *fy)
{
    int nf = s->data.n_features;
    if (m->axes_set && m->fx != m->fy && m->fx >= 0 && m->fy >= 0 &&
        m->fx < nf && m->fy < nf) {
        *fx = m->fx;
        *fy = m->fy;
        return;
    }
    *fx = 0;
    *fy = nf >= 2 ? 1 : 0;
}

void dmap_plane(const session *s, int cw, int ch, double *x0, double *x1,
                double *y0, double *y1)
{
    dmap_plane_axes(s, 0, 1, cw, ch, x0, x1, y0, y1);
}

void dmap_plane_axes(const session *s, int fx, int fy, int cw, int ch,
                     double *x0, double *x1, double *y0, double *y1)
{
    const ds_dataset *d = &s->data;
    if (ds_rows(d) == 0 || d->n_features < 1) {
        *x0 = *y0 = -0.5;
        *x1 = *y1 = 1.5;
        return;
    }
    /* the data's bounds, made when it changed, never a pass per frame */
    const ds_summary *st = &s->data_stats;
    double lo = 0, hi = 1;
    if (fx >= 0 && fx < d->n_features && fx < DS_MAX_FEATURES) {
        lo = st->lo[fx];
        hi = st->hi[fx];
    }
    double m = dmap_margin(hi - lo);
    *x0 = lo - m;
    *x1 = hi + m;
    if (d->n_features >= 2) {
        lo = 0;
        hi = 1;
        if (fy >= 0 && fy < d->n_features && fy < DS_MAX_FEATURES) {
            lo = st->lo[fy];
            hi = st->hi[fy];
        }
    } else {
        dmap_one_feature_range(s, &lo, &hi);
    }
    m = dmap_margin(hi - lo);
    *y0 = lo - m;
    *y1 = hi + m;
    if (d->n_features < 2 || cw < 1 || ch < 1)
        return;
    /* one unit the same length on both axes, widening the narrower range */
    double w = cw, h = 2.0 * ch;
    double xr = *x1 - *x0, yr = *y1 - *y0;
    if (xr / w < yr / h) {
        double grow = (yr / h * w - xr) / 2;
        *x0 -= grow;
        *x1 += grow;
    } else {
        double grow = (xr / w * h - yr) / 2;
        *y0 -= grow;
        *y1 += grow;
    }
}

/* ---- the values ---- */

void dmap_means(view_map_cache *m, const session *s)
{
    const ds_dataset *d = &s->data;
    for (int f = 0; f < d->n_features && f < DS_MAX_FEATURES; f++)
        m->feat_mean[f] = s->data_stats.mean[f];
    m->tlo = s->data_stats.target_lo;
    m->thi = s->data_stats.target_hi;
}

void dmap_fill_raw(const view_map_cache *m, const session *s, double *raw,
                   double x, double y)
{
    int nf = s->data.n_features;
    for (int f = 0; f < nf; f++)
        raw[f] = f < DS_MAX_FEATURES ? m->feat_mean[f] : 0;
    int fx, fy;
    dmap_axes(m, s, &fx, &fy);
    raw[fx] = x;
    if (nf >= 2)
        raw[fy] = y;
}

static bool dmap_is_neuron(const dmap_spec *sp) { return sp->layer >= 0; }

static bool dmap_fresh(const view_map_cache *m, const session *s,
                       const dmap_spec *sp)
{
    int key = dmap_is_neuron(sp) ? sp->layer * NET_MAX_UNITS + sp->unit : -1;
    int fx, fy;
    dmap_axes(m, s, &fx, &fy);
    return m->stamp == s->version && m->cfx == fx && m->cfy == fy && m->neuron == key && m->pw == sp->pw &&
           m->ph == sp->ph && m->discrete == sp->discrete && m->x0 == sp->x0 &&
           m->x1 == sp->x1 && m->y0 == sp->y0 && m->y1 == sp->y1;
}

/* The outputs (model or neuron) of the neval plane points in m->raw. */
static bool dmap_eval(view_map_cache *m, session *s, const dmap_spec *sp,
                      size_t neval, int units)
{
    if (!dmap_is_neuron(sp)) {
        session_predict(s, m->raw, (int)neval, m->out);
        return true;
    }
    const net *n = &s->net;
    int nf = s->data.n_features;
    if (!dmap_grow(&m->in, &m->in_cap, (size_t)DMAP_CHUNK * s->n_in) ||
        !dmap_grow(&m->work, &m->work_cap, net_eval_work_size(n, DMAP_CHUNK)))
        return false;
    for (size_t done = 0; done < neval; done += DMAP_CHUNK) {
        int cnt = (int)(neval - done < DMAP_CHUNK ? neval - done : DMAP_CHUNK);
        prep_apply(&s->prep, m->raw + done * (size_t)nf, m->in, cnt);
        net_eval(n, m->in, cnt, sp->layer, m->out + done * (size_t)units, m->work);
    }
    m->vmax = 0;
    for (size_t k = 0; k < neval; k++) {
        double a = fabs(m->out[k * (size_t)units + sp->unit]);
        if (isfinite(a) && a > m->vmax)
            m->vmax = a;
    }
    return true;
}

/* A pixel's value in [-1, 1] and class from its outputs o. */
static double dmap_value(const view_map_cache *m, const session *s,
                         const dmap_spec *sp, const double *o, int *c)
{
    *c = 0;
    if (dmap_is_neuron(sp)) {
        double a = o[sp->unit];
        if (sp->discrete)
            return a > 0 ? 1 : a < 0 ? -1 : 0;
        return m->vmax > 0 ? a / m->vmax : 0;
    }
    if (s->data.task == DS_REGRESSION) {
        double mid = 0.5 * (m->tlo + m->thi), half = 0.5 * (m->thi - m->tlo);
        if (!(half > 0))
            half = 1;
        double val = (o[0] - mid) / half;
        return sp->discrete ? (val >= 0 ? 1 : -1) : val;
    }
    *c = session_class_of(s, o);
    if (s->n_out == 1)
        return sp->discrete ? (*c ? 1 : -1) : 2 * o[0] - 1;
    return sp->discrete ? 1 : o[*c];
}

bool dmap_compute(view_map_cache *m, session *s, const dmap_spec *sp)
{
    if (dmap_fresh(m, s, sp))
        return true;
    int nf = s->data.n_features, pw = sp->pw, ph = sp->ph;
    if (pw <= 0 || ph <= 0 || nf < 1)
        return false;
    /* with one feature a column has one value */
    size_t npx = (size_t)pw * (size_t)ph, neval = nf == 1 ? (size_t)pw : npx;
    int units = dmap_is_neuron(sp) ? s->net.layer[sp->layer].n_out : s->n_out;
    if (!dmap_grow(&m->raw, &m->raw_cap, neval * (size_t)nf) ||
        !dmap_grow(&m->out, &m->out_cap, neval * (size_t)units) ||
        !dmap_grow(&m->val, &m->val_cap, npx))
        return false;
    unsigned char *cls = realloc(m->cls, npx);
    if (!cls)
        return false;
    m->cls = cls;
    dmap_means(m, s);
    for (size_t k = 0; k < neval; k++) {
        int px = (int)(k % (size_t)pw), py = (int)(k / (size_t)pw);
        double x = sp->x0 + (px + 0.5) * (sp->x1 - sp->x0) / pw;
        double y = sp->y1 - (py + 0.5) * (sp->y1 - sp->y0) / ph;
        dmap_fill_raw(m, s, m->raw + k * (size_t)nf, x, y);
    }
    if (!dmap_eval(m, s, sp, neval, units))
        return false;
    for (size_t k = 0; k < npx; k++) {
        size_t e = nf == 1 ? k % (size_t)pw : k;
        int c;
        double val = dmap_value(m, s, sp, m->out + e * (size_t)units, &c);
        if (!isfinite(val))
            val = 0;
        m->val[k] = val < -1 ? -1 : val > 1 ? 1 : val;
        m->cls[k] = (unsigned char)(c < 0 ? 0 : c);
    }
    m->stamp = s->version;
    dmap_axes(m, s, &m->cfx, &m->cfy);
    m->neuron = dmap_is_neuron(sp) ? sp->layer * NET_MAX_UNITS + sp->unit : -1;
    m->pw = pw;
    m->ph = ph;
    m->discrete = sp->discrete;
    m->x0 = sp->x0;
    m->x1 = sp->x1;
    m->y0 = sp->y0;
    m->y1 = sp->y1;
    return true;
}

/* ---- paint ---- */

bool dmap_multiclass(const session *s, const dmap_spec *sp)
{
    return !dmap_is_neuron(sp) && s->n_out > 1 && s->data.task == DS_MULTICLASS;
}

typedef struct {
    const tui_style *st;
    const view_map_cache *m;
    bool multiclass, discrete;
    bool line;   /* the boundary drawn as a line */
    bool dither; /* odd steps as a checker: only with pixels finer than a
                    cell's width, where it blends */
} dmap_field;

/* One pixel as painted: its colour, its side of the boundary (the class,
 * or the sign), its shade step, and whether the boundary line crosses it. */
typedef struct {
    int col, side, lvl;
    bool line;
} dmap_px;

static int dmap_side(const dmap_field *F, size_t k)
{
    return F->multiclass ? F->m->cls[k] : F->m->val[k] >= 0;
}

/* A class's colour by the confidence v of the pixel's class: pale below
 * 0.7, strong from there (a checker between them reads as noise over the
 * wide bands where a softmax is unsure). */
static int dmap_class_shade(const dmap_field *F, int cls, double v, int px,
                            int py, int *lvl)
{
    (void)px;
    (void)py;
    *lvl = F->discrete || v >= 0.7 ? 1 : 0;
    return style_class_color(F->st, cls, *lvl == 1);
}

static dmap_px dmap_pixel(const dmap_field *F, int px, int py)
{
    const view_map_cache *m = F->m;
    size_t k = (size_t)py * (size_t)m->pw + (size_t)px;
    dmap_px P;
    P.side = dmap_side(F, k);
    if (F->multiclass) {
        P.col = dmap_class_shade(F, m->cls[k], m->val[k], px, py, &P.lvl);
    } else {
        P.lvl = cscale_map_step(m->val[k]);
        int step = P.lvl;
        if (!F->dither)
            step -= step % 2; /* whole shades only */
        P.col = cscale_map_step_color(F->st, step, px, py);
    }
    /* the line: where the side changes to the right or below */
    P.line = F->line &&
             ((px + 1 < m->pw && dmap_side(F, k + 1) != P.side) ||
              (py + 1 < m->ph && dmap_side(F, k + (size_t)m->pw) != P.side));
    if (P.line) {
        /* dark on the light middle, light through dark shades */
        int line = cscale_line_color(F->st);
        if (F->st->colors == STYLE_256 && !cscale_is_light(P.col))
            line = CSCALE_LINE_LIGHT;
        P.col = line;
    }
    return P;
}

static int dmap_pixel_color(void *ctx, int px, int py)
{
    return dmap_pixel(ctx, px, py).col;
}

/* Quadrant cells: U+2596 .. U+259F and the half and full blocks, by the
 * bits of the foreground's quarters (1 upper left, 2 upper right, 4 lower
 * left, 8 lower right). */
static const wchar_t dmap_quad[16] = {
    L' ',      0x2598, 0x259D, 0x2580, 0x2596, 0x258C, 0x259E, 0x259B,
    0x2597,    0x259A, 0x2590, 0x259C, 0x2584, 0x2599, 0x259F, 0x2588};

/* The colour of p[] that most of them have, among those with `want` (0:
 * any, 1: a line, 2: not a line, 3: on side `side`); -1 when none. */
static int dmap_most(const dmap_px *p, int n, int want, int side)
{
    int best = -1, best_n = 0;
    for (int i = 0; i < n; i++) {
        if ((want == 1 && !p[i].line) || (want == 2 && p[i].line) ||
            (want == 3 && (p[i].side != side || p[i].line)))
            continue;
        int c = 0;
        for (int j = 0; j < n; j++)
            c += p[j].col == p[i].col;
        if (c > best_n) {
            best_n = c;
            best = i;
        }
    }
    return best;
}

/* One cell of 2 x 2 pixels in two colours: the line and what most of the
 * rest is; else each side's most common colour; else the two most common
 * shades. A pixel of a third colour joins the one of its side, or the
 * nearer shade. */
static void dmap_quad_cell(const dmap_field *F, int px, int py, int *fg,
                           int *bg, unsigned *bits)
{
    dmap_px p[4] = {dmap_pixel(F, px, py), dmap_pixel(F, px + 1, py),
                    dmap_pixel(F, px, py + 1), dmap_pixel(F, px + 1, py + 1)};
    int a = dmap_most(p, 4, 1, 0), b;
    if (a >= 0) {
        b = dmap_most(p, 4, 2, 0);
    } else {
        a = dmap_most(p, 4, 0, 0);
        b = -1;
        for (int i = 0; i < 4 && b < 0; i++)
            if (p[i].side != p[a].side)
                b = dmap_most(p, 4, 3, p[i].side);
        if (b < 0) {
            /* one side: the most common colour other than a's */
            int best_n = 0;
            for (int i = 0; i < 4; i++) {
                if (p[i].col == p[a].col)
                    continue;
                int c = 0;
                for (int j = 0; j < 4; j++)
                    c += p[j].col == p[i].col;
                if (c > best_n) {
                    best_n = c;
                    b = i;
                }
            }
        }
    }
    *fg = p[a].col;
    *bits = 0;
    if (b < 0) {
        *bg = *fg;
        return;
    }
    *bg = p[b].col;
    bool split = p[a].side != p[b].side || p[a].line != p[b].line;
    for (int i = 0; i < 4; i++) {
        bool to_a;
        if (p[i].col == *fg)
            to_a = true;
        else if (p[i].col == *bg)
            to_a = false;
        else if (p[i].line != p[b].line && p[a].line == p[i].line)
            to_a = true;
        else if (split && !p[a].line && p[i].side == p[a].side)
            to_a = true;
        else if (split && p[i].side == p[b].side)
            to_a = false;
        else
            to_a = abs(p[i].lvl - p[a].lvl) <= abs(p[i].lvl - p[b].lvl);
        if (to_a)
            *bits |= 1u << i;
    }
}

static void dmap_paint_quads(tui_style *st, WINDOW *win, int y, int x, int h,
                             int w, const dmap_field *F)
{
    for (int cy = 0; cy < h; cy++)
        for (int cx = 0; cx < w; cx++) {
            int fg, bg;
            unsigned bits;
            dmap_quad_cell(F, 2 * cx, 2 * cy, &fg, &bg, &bits);
            if (bits == 0 || bits == 15 || fg == bg) {
                int c = bits == 0 ? bg : fg;
                style_put(win, st, y + cy, x + cx, L' ', ' ', A_NORMAL,
                          style_pair(st, c, c));
            } else {
                /* the fewer quarters in the foreground */
                if (__builtin_popcount(bits) > 2) {
                    int t = fg;
                    fg = bg;
                    bg = t;
                    bits ^= 15u;
                }
                style_put(win, st, y + cy, x + cx, dmap_quad[bits], ' ', A_NORMAL,
                          style_pair(st, fg, bg));
            }
        }
}

/* What most of cell (cx, cy)'s pixels show: their side (class or sign),
 * and the mean value of those pixels. */
static int dmap_cell_side(const tui_style *st, const view_map_cache *m,
                          const session *s, const dmap_spec *sp, int cx,
                          int cy, int w, int h, double *mean)
{
    int sx = m->pw / w, sy = m->ph / h;
    dmap_field F = {st, m, dmap_multiclass(s, sp), sp->discrete, false, false};
    /* what most of the cell's pixels are: their side, their mean value */
    int votes[DS_MAX_CLASSES + 2] = {0};
    for (int j = 0; j < sy; j++)
        for (int i = 0; i < sx; i++) {
            size_t k = (size_t)(cy * sy + j) * (size_t)m->pw + (size_t)(cx * sx + i);
            int sd = dmap_side(&F, k);
            votes[sd < 0 ? 0 : sd % (DS_MAX_CLASSES + 2)]++;
        }
    int side = 0;
    for (int c = 1; c < DS_MAX_CLASSES + 2; c++)
        if (votes[c] > votes[side])
            side = c;
    double sum = 0;
    int n = 0;
    for (int j = 0; j < sy; j++)
        for (int i = 0; i < sx; i++) {
            size_t k = (size_t)(cy * sy + j) * (size_t)m->pw + (size_t)(cx * sx + i);
            if (dmap_side(&F, k) == side) {
                sum += m->val[k];
                n++;
            }
        }
    *mean = n ? sum / n : 0;
    return side;
}

int dmap_cell_class(const view_map_cache *m, const session *s,
                    const dmap_spec *sp, int cx, int cy, int w, int h)
{
    if (w < 1 || h < 1 || m->pw < w || m->ph < h || dmap_is_neuron(sp) ||
        s->data.task == DS_REGRESSION)
        return -1;
    tui_style st;
    memset(&st, 0, sizeof st);
    double v;
    return dmap_cell_side(&st, m, s, sp, cx, cy, w, h, &v);
}

int dmap_cell_color(const tui_style *st, const view_map_cache *m,
                    const session *s, const dmap_spec *sp, int cx, int cy,
                    int w, int h)
{
    if (st->colors == STYLE_MONO || w < 1 || h < 1 || m->pw < w || m->ph < h)
        return -1;
    double v;
    int side = dmap_cell_side(st, m, s, sp, cx, cy, w, h, &v);
    dmap_field F = {st, m, dmap_multiclass(s, sp), sp->discrete, false, false};
    int lvl;
    if (F.multiclass)
        return dmap_class_shade(&F, side, v, 0, 0, &lvl);
    /* a whole shade (an even step), never the checker */
    int step = cscale_map_step(v);
    step -= step % 2;
    return cscale_map_step_color(st, step, 0, 0);
}

/* A regression on one feature: the prediction as a curve over x. */
static void dmap_paint_curve(tui_style *st, WINDOW *win, int y, int x, int h,
                             int w, const view_map_cache *m, const session *s,
                             const dmap_spec *sp)
{
    attr_t a;
    short pr;
    style_get(st, ROLE_POS, &a, &pr);
    bool neuron = dmap_is_neuron(sp);
    int units = neuron ? s->net.layer[sp->layer].n_out : s->n_out;
    for (int cx = 0; cx < w; cx++) {
        double yv = m->out[(size_t)cx * units + (neuron ? sp->unit : 0)];
        if (neuron && m->vmax > 0)
            yv = m->y0 + (yv / m->vmax + 1) * 0.5 * (m->y1 - m->y0);
        int cy = (int)floor((m->y1 - yv) / (m->y1 - m->y0) * h);
        if (cy >= 0 && cy < h)
            style_put(win, st, y + cy, x + cx, L'•', '*', a, pr);
    }
}

/* Without colours: a character a cell, a shade of the value or one a
 * class. */
static void dmap_paint_ascii(tui_style *st, WINDOW *win, int y, int x, int h,
                             int w, const view_map_cache *m, bool multiclass)
{
    for (int cy = 0; cy < h; cy++)
        for (int cx = 0; cx < w; cx++) {
            size_t k = (size_t)cy * (size_t)m->pw + (size_t)cx;
            char ch = multiclass
                          ? CSCALE_CLASS_RAMP[m->cls[k] % (sizeof CSCALE_CLASS_RAMP - 1)]
                          : cscale_ramp_char(CSCALE_RAMP, (m->val[k] + 1) * 0.5);
            style_put(win, st, y + cy, x + cx, 0, ch, A_NORMAL, 0);
        }
}

void dmap_paint(tui_style *st, WINDOW *win, int y, int x, int h, int w,
                const view_map_cache *m, const session *s, const dmap_spec *sp,
                int sy)
{
    if (s->data.n_features == 1 && s->data.task == DS_REGRESSION) {
        dmap_paint_curve(st, win, y, x, h, w, m, s, sp);
        return;
    }
    bool multiclass = dmap_multiclass(s, sp);
    if (st->colors == STYLE_MONO) {
        dmap_paint_ascii(st, win, y, x, h, w, m, multiclass);
        return;
    }
    /* the boundary line: for classes and a neuron's sign, not for a
     * regression's values */
    bool quads = st->utf8 && m->pw == 2 * w && m->ph == 2 * h;
    dmap_field F = {st, m, multiclass, sp->discrete,
                    s->data.task != DS_REGRESSION || dmap_is_neuron(sp), quads};
    if (quads)
        dmap_paint_quads(st, win, y, x, h, w, &F);
    else
        canvas_paint_field(win, st, y, x, h, w, sy, dmap_pixel_color, &F);
}

/* ---- data points ---- */

dmap_targets dmap_targets_of(const session *s)
{
    double lo = s->data_stats.target_lo, hi = s->data_stats.target_hi;
    dmap_targets t = {0.5 * (lo + hi), 0.5 * (hi - lo)};
    if (!(t.half > 0))
        t.half = 1;
    return t;
}

char dmap_class_glyph(int cls)
{
    return dmap_glyphs[(cls < 0 ? 0 : cls) % (int)(sizeof dmap_glyphs - 1)];
}

dmap_point dmap_point_of(const tui_style *st, const session *s,
                         const dmap_targets *t, int row, bool wrong)
{
    const ds_dataset *d = &s->data;
    dmap_point p = {'o', -1, row >= d->n_train, wrong, -1};
    if (d->task == DS_REGRESSION) {
        p.color = style_level_color(st, style_level_of(st, (d->y[row] - t->mid) / t->half));
    } else {
        int cls = (int)d->y[row];
        p.glyph = dmap_class_glyph(cls);
        p.color = style_class_color(st, cls, true);
        p.ink = dmap_class_ink(st, cls);
    }
    if (p.test)
        p.glyph = (char)(p.glyph - 'a' + 'A');
    return p;
}

void dmap_put_point(tui_style *st, WINDOW *win, int y, int x,
                    const dmap_point *p, unsigned flags)
{
    bool c256 = st->colors == STYLE_256;
    attr_t a = A_BOLD;
    short pr = 0;
    if (st->colors == STYLE_MONO) {
        if (p->wrong)
            a |= A_REVERSE;
    } else {
        int white = c256 ? 231 : COLOR_WHITE, black = c256 ? 16 : COLOR_BLACK;
        int magenta = c256 ? 201 : COLOR_MAGENTA;
        if (p->wrong)
            pr = style_pair(st, white, magenta);
        else if (p->test && (flags & DMAP_POINT_TEST_DARK))
            pr = style_pair(st, p->color, black);
        else
            pr = style_pair(st, white, p->color);
    }
    style_put(win, st, y, x, 0, p->glyph, a, pr);
}

int dmap_class_ink(const tui_style *st, int c)
{
    if (st->colors == STYLE_256 && (c == 0 || c == 1))
        return c == 0 ? 166 : 25;
    return style_class_color(st, c, true);
}

void dmap_put_mark(tui_style *st, WINDOW *win, int y, int x,
                   const dmap_point *p, unsigned flags, int bg)
{
    if (bg < 0 || p->wrong || st->colors == STYLE_MONO ||
        (p->test && (flags & DMAP_POINT_TEST_DARK))) {
        dmap_put_point(st, win, y, x, p, flags);
        return;
    }
    int white = st->colors == STYLE_256 ? 231 : COLOR_WHITE;
    int fg = cscale_is_light(bg) ? p->ink : white;
    style_put(win, st, y, x, 0, p->glyph, A_BOLD, style_pair(st, fg, bg));
}

bool dmap_cell_of(const view_map_cache *m, double px, double py, int w, int h,
                  int *cx, int *cy)
{
    *cx = (int)floor((px - m->x0) / (m->x1 - m->x0) * w);
    *cy = (int)floor((m->y1 - py) / (m->y1 - m->y0) * h);
    return *cx >= 0 && *cy >= 0 && *cx < w && *cy < h;
}
