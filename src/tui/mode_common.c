/* mode_common.c - what the analysis views (compare, sweep, landscape,
 * hidden space) share: a small decision map of any session, loss curves
 * overlaid with a letter each, the text of a run's summary, throttled
 * metrics and the signature of the main session. It draws what it is
 * handed and never trains or changes a session. */
#include "tui/mode_common.h"

#include "tui/plot.h"

#define MODE_MAX_CURVES 16 /* curves on one plot, at most */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double mode_ladder_v[MODE_LADDER_N] = {
    0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};

static const char mode_ramp[] = " .:-=+*#%@";
static const char mode_glyphs[] = "oxvsdnzkmwuaeghr";

double mode_ladder(int k)
{
    if (k < 0)
        k = 0;
    if (k >= MODE_LADDER_N)
        k = MODE_LADDER_N - 1;
    return mode_ladder_v[k];
}

int mode_ladder_nearest(double lr)
{
    if (!(lr > 0) || !isfinite(lr))
        return MODE_LADDER_N / 2;
    int best = 0;
    double bd = INFINITY;
    for (int k = 0; k < MODE_LADDER_N; k++) {
        double d = fabs(log10(lr) - log10(mode_ladder_v[k]));
        if (d < bd - 1e-12) {
            bd = d;
            best = k;
        }
    }
    return best;
}

/* ---- text ---- */

void mode_fmt_lr(char *buf, size_t len, double lr)
{
    if (lr >= 0.001 && lr < 1e5)
        snprintf(buf, len, "%g", lr);
    else
        snprintf(buf, len, "%.0e", lr);
}

void mode_describe(const session *s, char *buf, size_t len)
{
    if (s->cfg.model == MODEL_PERCEPTRON) {
        snprintf(buf, len, "perceptron");
        return;
    }
    const net *n = &s->net;
    size_t at = (size_t)snprintf(buf, len, "mlp %d", n->n_inputs);
    for (int l = 0; l < n->n_layers && at < len; l++)
        at += (size_t)snprintf(buf + at, len - at, "-%d", n->layer[l].n_out);
    if (n->n_layers > 1 && at < len)
        snprintf(buf + at, len - at, " %s", act_name(s->cfg.hidden_act));
}

const char *mode_state_word(const session *s, bool playing)
{
    if (s->status == SESSION_DIVERGED)
        return "diverged";
    if (s->status == SESSION_CONVERGED)
        return "converged";
    return playing ? "training" : "paused";
}

int mode_text(tui_view *v, WINDOW *w, int y, int x, style_role r,
              const char *text)
{
    int H, W;
    getmaxyx(w, H, W);
    if (y < 0 || y >= H || x < 0 || x >= W)
        return 0;
    return style_text(w, &v->st, y, x, W - x, r, text);
}

void mode_text_right(tui_view *v, WINDOW *w, int y, int x_end, style_role r,
                     const char *text)
{
    int n = (int)strlen(text);
    int x = x_end - n;
    if (x < 0)
        x = 0;
    style_text(w, &v->st, y, x, x_end - x, r, text);
}

/* ---- metrics ---- */

void mode_metrics_init(mode_metrics *mm)
{
    memset(mm, 0, sizeof *mm);
    mm->stamp = -1;
}

session_metrics mode_metrics_get(mode_metrics *mm, session *s, bool playing)
{
    struct timespec now, done;
    view_now(&now);
    double every = 0.25;
    if (10 * mm->cost > every)
        every = 10 * mm->cost;
    if (mm->stamp == s->version)
        return mm->m;
    if (!playing || mm->stamp < 0 || view_elapsed(&mm->when, &now) > every) {
        mm->m = session_get_metrics(s);
        mm->stamp = s->version;
        view_now(&done);
        mm->cost = view_elapsed(&now, &done);
        mm->when = done;
    }
    return mm->m;
}

/* ---- signature ---- */

void mode_sig_take(mode_sig *g, const session *s)
{
    memset(g, 0, sizeof *g);
    g->cfg = s->cfg;
    snprintf(g->data_name, sizeof g->data_name, "%s", s->data.name);
    g->n_train = s->data.n_train;
    g->n_test = s->data.n_test;
    g->n_features = s->data.n_features;
    g->task = s->data.task;
    g->n_params = s->net.n_params;
}

bool mode_sig_same(const mode_sig *a, const mode_sig *b)
{
    const session_config *x = &a->cfg, *y = &b->cfg;
    if (x->model != y->model || x->n_hidden != y->n_hidden ||
        x->hidden_act != y->hidden_act || x->output_act != y->output_act ||
        x->loss != y->loss || x->optimizer != y->optimizer || x->lr != y->lr ||
        x->batch != y->batch || x->seed != y->seed || x->init != y->init ||
        x->l1 != y->l1 || x->l2 != y->l2 || x->features != y->features ||
        x->scale != y->scale)
        return false;
    for (int l = 0; l < x->n_hidden && l < NET_MAX_LAYERS - 1; l++)
        if (x->hidden[l] != y->hidden[l])
            return false;
    return strcmp(a->data_name, b->data_name) == 0 && a->n_train == b->n_train &&
           a->n_test == b->n_test && a->n_features == b->n_features &&
           a->task == b->task && a->n_params == b->n_params;
}

double mode_progress(const session *s)
{
    int n = s->data.n_train > 0 ? s->data.n_train : 1;
    return (double)s->epoch + (double)s->cursor / n;
}

/* ---- the small decision map ---- */

void mode_map_free(mode_map *m)
{
    free(m->raw);
    free(m->out);
    free(m->val);
    free(m->cls);
    free(m->pts_out);
    memset(m, 0, sizeof *m);
    m->stamp = -1;
}

static bool mode_grow(double **buf, size_t *cap, size_t n)
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

static double mode_margin(double r)
{
    if (!(r > 0))
        return 1.0;
    if (r <= 1)
        return 0.5 * r;
    if (r <= 5)
        return 0.5;
    return 0.1 * r;
}

/* The plane: the data's bounds with a margin, one unit as long on both
 * axes when there are two features (a cell is about twice as tall as
 * wide). With one feature the vertical axis is the target or the class. */
static void mode_map_plane(const session *s, int pw, int ph, double *x0,
                           double *x1, double *y0, double *y1)
{
    const ds_dataset *d = &s->data;
    int rows = ds_rows(d);
    if (rows == 0 || d->n_features < 1) {
        *x0 = *y0 = -0.5;
        *x1 = *y1 = 1.5;
        return;
    }
    double lo, hi;
    ds_bounds(d, 0, &lo, &hi);
    double m = mode_margin(hi - lo);
    *x0 = lo - m;
    *x1 = hi + m;
    if (d->n_features >= 2) {
        ds_bounds(d, 1, &lo, &hi);
    } else if (d->task == DS_REGRESSION) {
        lo = hi = d->y[0];
        for (int r = 1; r < rows; r++) {
            if (d->y[r] < lo)
                lo = d->y[r];
            if (d->y[r] > hi)
                hi = d->y[r];
        }
    } else {
        lo = 0;
        hi = d->n_classes > 1 ? d->n_classes - 1 : 1;
    }
    m = mode_margin(hi - lo);
    *y0 = lo - m;
    *y1 = hi + m;
    if (d->n_features < 2 || pw < 1 || ph < 1)
        return;
    double w = pw, h = 2.0 * ph;
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

static void mode_map_means(mode_map *m, const session *s)
{
    const ds_dataset *d = &s->data;
    int rows = ds_rows(d);
    for (int f = 0; f < d->n_features && f < DS_MAX_FEATURES; f++) {
        double sum = 0;
        for (int r = 0; r < rows; r++)
            sum += d->x[(size_t)r * d->n_features + f];
        m->mean[f] = rows ? sum / rows : 0;
    }
}

/* Target range of the training rows (regression colours). */
static void mode_target_range(const session *s, double *mid, double *half)
{
    const ds_dataset *d = &s->data;
    double lo = 0, hi = 0;
    for (int r = 0; r < d->n_train; r++) {
        if (r == 0 || d->y[r] < lo)
            lo = d->y[r];
        if (r == 0 || d->y[r] > hi)
            hi = d->y[r];
    }
    *mid = 0.5 * (lo + hi);
    *half = 0.5 * (hi - lo);
    if (!(*half > 0))
        *half = 1;
}

/* Computes every pixel's value unless the cached ones still hold. The
 * plane is worked out for the rectangle in cells (cw x chh); pixels are
 * pw x ph. */
static bool mode_map_compute(mode_map *m, session *s, int cw, int chh, int pw,
                             int ph)
{
    double x0, x1, y0, y1;
    mode_map_plane(s, cw, chh, &x0, &x1, &y0, &y1);
    if (m->stamp == s->version && m->pw == pw && m->ph == ph && m->x0 == x0 &&
        m->x1 == x1 && m->y0 == y0 && m->y1 == y1)
        return true;
    int nf = s->data.n_features;
    if (nf < 1 || pw < 1 || ph < 1)
        return false;
    size_t npx = (size_t)pw * (size_t)ph;
    if (!mode_grow(&m->raw, &m->raw_cap, npx * (size_t)nf) ||
        !mode_grow(&m->out, &m->out_cap, npx * (size_t)s->n_out) ||
        !mode_grow(&m->val, &m->px_cap, npx))
        return false;
    unsigned char *cls = realloc(m->cls, npx);
    if (!cls)
        return false;
    m->cls = cls;
    mode_map_means(m, s);
    for (size_t k = 0; k < npx; k++) {
        int px = (int)(k % (size_t)pw), py = (int)(k / (size_t)pw);
        double *raw = m->raw + k * (size_t)nf;
        for (int f = 0; f < nf; f++)
            raw[f] = f < DS_MAX_FEATURES ? m->mean[f] : 0;
        raw[0] = x0 + (px + 0.5) * (x1 - x0) / pw;
        if (nf >= 2)
            raw[1] = y1 - (py + 0.5) * (y1 - y0) / ph;
    }
    session_predict(s, m->raw, (int)npx, m->out);
    double mid, half;
    mode_target_range(s, &mid, &half);
    for (size_t k = 0; k < npx; k++) {
        const double *o = m->out + k * (size_t)s->n_out;
        double val;
        int c = 0;
        if (s->data.task == DS_REGRESSION) {
            val = (o[0] - mid) / half;
        } else if (s->n_out == 1) {
            c = session_class_of(s, o);
            val = 2 * o[0] - 1;
        } else {
            c = session_class_of(s, o);
            val = o[c];
        }
        if (!isfinite(val))
            val = 0;
        m->val[k] = val < -1 ? -1 : val > 1 ? 1 : val;
        m->cls[k] = (unsigned char)(c < 0 ? 0 : c);
    }
    m->stamp = s->version;
    m->pw = pw;
    m->ph = ph;
    m->x0 = x0;
    m->x1 = x1;
    m->y0 = y0;
    m->y1 = y1;
    return true;
}

static int mode_pixel_color(tui_view *v, const session *s, const mode_map *m,
                            size_t k)
{
    if (s->data.task == DS_MULTICLASS)
        return style_class_color(&v->st, m->cls[k], m->val[k] >= 0.75);
    return style_level_color(&v->st, style_level_of(&v->st, m->val[k]));
}

static void mode_map_points(tui_view *v, WINDOW *win, mode_map *m, session *s,
                            int y, int x, int h, int w)
{
    const ds_dataset *d = &s->data;
    int total = d->n_train;
    if (total < 1)
        return;
    int maxpts = 2 * w * h;
    if (maxpts < 1)
        maxpts = 1;
    int stride = total > maxpts ? (total + maxpts - 1) / maxpts : 1;
    int npts = (total + stride - 1) / stride;
    size_t nf = (size_t)d->n_features;
    /* the raw rows are contiguous: predict them in place, strided */
    if (!mode_grow(&m->pts_out, &m->pts_cap, (size_t)npts * (size_t)s->n_out))
        return;
    double *rowbuf = NULL;
    if (stride == 1) {
        session_predict(s, d->x, npts, m->pts_out);
    } else {
        rowbuf = malloc((size_t)npts * nf * sizeof *rowbuf);
        if (!rowbuf)
            return;
        for (int k = 0; k < npts; k++)
            memcpy(rowbuf + (size_t)k * nf, d->x + (size_t)k * stride * nf,
                   nf * sizeof *rowbuf);
        session_predict(s, rowbuf, npts, m->pts_out);
        free(rowbuf);
    }
    tui_style *st = &v->st;
    bool regress = d->task == DS_REGRESSION;
    double mid, half;
    mode_target_range(s, &mid, &half);
    int white = st->colors == STYLE_256 ? 231 : COLOR_WHITE;
    int magenta = st->colors == STYLE_256 ? 201 : COLOR_MAGENTA;
    for (int k = 0; k < npts; k++) {
        int row = k * stride;
        const double *r = d->x + (size_t)row * nf;
        double px = r[0], py = nf >= 2 ? r[1] : d->y[row];
        int cx = (int)floor((px - m->x0) / (m->x1 - m->x0) * w);
        int cy = (int)floor((m->y1 - py) / (m->y1 - m->y0) * h);
        if (cx < 0 || cy < 0 || cx >= w || cy >= h)
            continue;
        int cls;
        bool wrong = false;
        if (regress) {
            cls = style_level_of(st, (d->y[row] - mid) / half);
        } else {
            cls = (int)d->y[row];
            wrong = session_class_of(s, m->pts_out + (size_t)k * s->n_out) != cls;
        }
        char g = regress ? 'o'
                         : mode_glyphs[(cls < 0 ? 0 : cls) % (int)(sizeof mode_glyphs - 1)];
        attr_t a = A_BOLD;
        short pr = 0;
        if (st->colors == STYLE_MONO) {
            if (wrong)
                a |= A_REVERSE;
        } else {
            int cc = regress ? style_level_color(st, cls)
                             : style_class_color(st, cls, true);
            pr = wrong ? style_pair(st, white, magenta) : style_pair(st, white, cc);
        }
        style_put(win, st, y + cy, x + cx, 0, g, a, pr);
    }
}

void mode_map_draw(tui_view *v, WINDOW *win, mode_map *m, session *s, int y,
                   int x, int h, int w)
{
    if (h < 2 || w < 4)
        return;
    tui_style *st = &v->st;
    int sy = st->utf8 && st->colors != STYLE_MONO ? 2 : 1;
    if (!mode_map_compute(m, s, w, h, w, h * sy)) {
        mode_text(v, win, y, x, ROLE_BAD, "no map");
        return;
    }
    bool oned_regress = s->data.n_features == 1 && s->data.task == DS_REGRESSION;
    for (int cy = 0; cy < h; cy++)
        for (int cx = 0; cx < w; cx++) {
            if (oned_regress)
                break;
            size_t k = (size_t)(cy * sy) * (size_t)w + (size_t)cx;
            if (st->colors == STYLE_MONO) {
                char ch;
                if (s->data.task == DS_MULTICLASS) {
                    ch = ".:+#=*%@-~"[m->cls[k] % 10];
                } else {
                    int idx = (int)((m->val[k] + 1) * 0.5 * 9.999);
                    ch = mode_ramp[idx < 0 ? 0 : idx > 9 ? 9 : idx];
                }
                style_put(win, st, y + cy, x + cx, 0, ch, A_NORMAL, 0);
            } else if (sy == 2) {
                int ct = mode_pixel_color(v, s, m, k);
                int cb = mode_pixel_color(v, s, m, k + (size_t)w);
                style_put(win, st, y + cy, x + cx, ct == cb ? L' ' : L'▀', ' ',
                          A_NORMAL, style_pair(st, ct, cb));
            } else {
                int c = mode_pixel_color(v, s, m, k);
                style_put(win, st, y + cy, x + cx, L' ', ' ', A_NORMAL,
                          style_pair(st, c, c));
            }
        }
    if (oned_regress) {
        /* the prediction as a curve over x */
        attr_t a;
        short pr;
        style_get(st, ROLE_POS, &a, &pr);
        for (int cx = 0; cx < w; cx++) {
            double yv = m->out[(size_t)cx * s->n_out];
            if (!isfinite(yv))
                continue;
            int cy = (int)floor((m->y1 - yv) / (m->y1 - m->y0) * h);
            if (cy >= 0 && cy < h)
                style_put(win, st, y + cy, x + cx, L'•', '*', a, pr);
        }
    }
    mode_map_points(v, win, m, s, y, x, h, w);
}

/* ---- loss curves ---- */

int mode_curve_color(const tui_view *v, int k)
{
    static const short c256[] = {45, 208, 141, 118, 226, 203, 250};
    static const short c8[] = {COLOR_CYAN, COLOR_YELLOW, COLOR_MAGENTA,
                               COLOR_GREEN, COLOR_RED, COLOR_BLUE, COLOR_WHITE};
    int n = (int)(sizeof c8 / sizeof c8[0]);
    if (k < 0)
        k = 0;
    if (v->st.colors == STYLE_256)
        return c256[k % n];
    if (v->st.colors == STYLE_8)
        return c8[k % n];
    return -1;
}

void mode_plot_curves(tui_view *v, WINDOW *win, int y, int x, int h, int w,
                      const mode_curve *c, int n, bool log)
{
    plot_series ps[MODE_MAX_CURVES];
    if (n > MODE_MAX_CURVES)
        n = MODE_MAX_CURVES;
    bool colour = v->st.colors != STYLE_MONO;
    for (int k = 0; k < n; k++) {
        ps[k] = (plot_series){c[k].h, c[k].n, ROLE_NORMAL, -1,
                              n == 1 ? '*' : c[k].letter, c[k].clip, -1, -1};
        if (colour)
            ps[k].color = c[k].color >= 0 ? c[k].color : mode_curve_color(v, k);
    }
    plot_opts o = {.log = log,
                   .kind = canvas_kind_for(&v->st, true),
                   .stack = false,
                   .thin = false,
                   .mid_label_rows = 5,
                   .epochs_word_w = 16,
                   .text_end = 0};
    plot_area a;
    if (!plot_curves(v, win, y, x, h, w, ps, n, &o, &a))
        return;
    /* each curve's letter at its end; an x where it diverged */
    for (int k = 0; k < n; k++) {
        if (ps[k].end_x < 0)
            continue;
        short pr = colour ? style_pair(&v->st, ps[k].color, -1) : 0;
        if (n > 1)
            style_put(win, &v->st, a.y + ps[k].end_y, a.x + ps[k].end_x, 0,
                      c[k].letter, A_BOLD, pr);
        if (c[k].mark >= 1) {
            attr_t ab;
            short pb;
            style_get(&v->st, ROLE_BAD, &ab, &pb);
            style_put(win, &v->st, a.y, a.x + plot_epoch_col(&a, c[k].mark - 1), 0,
                      'x', ab, pb);
        }
    }
}
