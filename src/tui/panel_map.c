/* panel_map.c - the Decision map: the model's output over the plane of the
 * first two features (a blue/orange diverging scale for two classes,
 * argmax colours for more, a value scale for regression), or a selected
 * hidden neuron's own output; two pixels per cell with half blocks where
 * the locale and the colours allow, ASCII shading without colour. Data
 * points on top by class, misclassified ones marked, axis ticks, and the
 * keyboard cursor that adds or removes points. All cells of a frame are
 * computed in one batched call, into buffers that are reused. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/action.h"

#define MAP_YW 5          /* y tick labels */
#define MAP_CHUNK 1024    /* rows per net_eval call for neuron maps */

static const char map_ramp[] = " .:-=+*#%@";
static const char map_class_ramp[] = ".:+#=*%@-~";
static const char map_glyphs[] = "oxvsdnzkmwuaeghr";

static bool map_grow(double **buf, size_t *cap, size_t n)
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

static void map_layout(tui_view *v, panel *p)
{
    bool legend = p->ch >= 14;
    v->map_px = p->cx + MAP_YW;
    v->map_py = p->cy + (legend ? 1 : 0);
    v->map_pw = p->cw - MAP_YW;
    v->map_ph = p->ch - 1 - (legend ? 1 : 0);
    if (v->map_pw < 0)
        v->map_pw = 0;
    if (v->map_ph < 0)
        v->map_ph = 0;
    v->map_sx = 1;
    v->map_sy = v->st.utf8 && v->st.colors != STYLE_MONO ? 2 : 1;
    v->cur_x = v->map_pw / 2;
    v->cur_y = v->map_ph / 2;
}

static double map_margin(double r)
{
    if (!(r > 0))
        return 1.0;
    if (r <= 1)
        return 0.5 * r;
    if (r <= 5)
        return 0.5;
    return 0.1 * r;
}

/* The plane shown: the data's bounds with a margin. With one feature the
 * vertical axis is the target (regression) or the class. */
static void map_plane(tui_view *v)
{
    const ds_dataset *d = &v->s->data;
    int rows = ds_rows(d);
    if (rows == 0 || d->n_features < 1) {
        v->x0 = v->y0 = -0.5;
        v->x1 = v->y1 = 1.5;
        return;
    }
    double lo, hi;
    ds_bounds(d, 0, &lo, &hi);
    double m = map_margin(hi - lo);
    v->x0 = lo - m;
    v->x1 = hi + m;
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
        hi = d->n_classes - 1;
    }
    m = map_margin(hi - lo);
    v->y0 = lo - m;
    v->y1 = hi + m;
    if (d->n_features < 2 || v->map_pw < 1 || v->map_ph < 1)
        return;
    /* two features: one unit the same length on both axes (a cell is
     * about twice as tall as wide), widening the narrower range */
    double w = v->map_pw, h = 2.0 * v->map_ph;
    double xr = v->x1 - v->x0, yr = v->y1 - v->y0;
    if (xr / w < yr / h) {
        double grow = (yr / h * w - xr) / 2;
        v->x0 -= grow;
        v->x1 += grow;
    } else {
        double grow = (xr / w * h - yr) / 2;
        v->y0 -= grow;
        v->y1 += grow;
    }
}

void panel_map_cell_to_plane(const tui_view *v, int cx, int cy, double *px,
                             double *py)
{
    int pw = v->map_pw > 0 ? v->map_pw : 1, ph = v->map_ph > 0 ? v->map_ph : 1;
    *px = v->x0 + (cx + 0.5) * (v->x1 - v->x0) / pw;
    *py = v->y1 - (cy + 0.5) * (v->y1 - v->y0) / ph;
}

bool panel_map_screen_to_cell(const tui_view *v, int sy, int sx, int *cx,
                              int *cy)
{
    const panel *p = &v->panels[PANEL_MAP];
    if (!p->visible)
        return false;
    int x = sx - p->x - v->map_px, y = sy - p->y - v->map_py;
    if (x < 0 || y < 0 || x >= v->map_pw || y >= v->map_ph)
        return false;
    *cx = x;
    *cy = y;
    return true;
}

/* Plane position of a dataset row. */
static void map_row_pos(const tui_view *v, int row, double *x, double *y)
{
    const ds_dataset *d = &v->s->data;
    const double *r = d->x + (size_t)row * d->n_features;
    *x = r[0];
    *y = d->n_features >= 2 ? r[1] : d->y[row];
}

static void map_means(tui_view *v)
{
    const ds_dataset *d = &v->s->data;
    int rows = ds_rows(d);
    for (int f = 0; f < d->n_features && f < DS_MAX_FEATURES; f++) {
        double sum = 0;
        for (int r = 0; r < rows; r++)
            sum += d->x[(size_t)r * d->n_features + f];
        v->map.feat_mean[f] = rows ? sum / rows : 0;
    }
    v->map.tlo = v->map.thi = 0;
    for (int r = 0; r < d->n_train; r++) {
        if (r == 0 || d->y[r] < v->map.tlo)
            v->map.tlo = d->y[r];
        if (r == 0 || d->y[r] > v->map.thi)
            v->map.thi = d->y[r];
    }
}

static void map_fill_raw(tui_view *v, double *raw, double x, double y)
{
    const ds_dataset *d = &v->s->data;
    for (int f = 0; f < d->n_features; f++)
        raw[f] = v->map.feat_mean[f];
    raw[0] = x;
    if (d->n_features >= 2)
        raw[1] = y;
}

/* Computes the value of every pixel, unless the cached ones still hold. */
static bool map_values(tui_view *v)
{
    session *s = v->s;
    const net *n = &s->net;
    view_map_cache *M = &v->map;
    int nf = s->data.n_features;
    int pw = v->map_pw * v->map_sx, ph = v->map_ph * v->map_sy;
    int l = 0, j = 0;
    bool neuron = view_map_neuron(v, &l, &j);
    int key = neuron ? l * NET_MAX_UNITS + j : -1;
    if (M->stamp == s->version && M->neuron == key && M->pw == pw &&
        M->ph == ph && M->discrete == v->discrete && M->x0 == v->x0 &&
        M->x1 == v->x1 && M->y0 == v->y0 && M->y1 == v->y1)
        return true;
    if (pw <= 0 || ph <= 0 || nf < 1)
        return false;
    bool oned = nf == 1;
    size_t npx = (size_t)pw * (size_t)ph;
    size_t neval = oned ? (size_t)pw : npx;
    int units = neuron ? n->layer[l].n_out : s->n_out;
    if (!map_grow(&M->raw, &M->raw_cap, neval * (size_t)nf) ||
        !map_grow(&M->out, &M->out_cap, neval * (size_t)units) ||
        !map_grow(&M->val, &M->val_cap, npx))
        return false;
    unsigned char *cls = realloc(M->cls, npx);
    if (!cls)
        return false;
    M->cls = cls;
    map_means(v);
    for (size_t k = 0; k < neval; k++) {
        int px = (int)(k % (size_t)pw), py = (int)(k / (size_t)pw);
        double x = v->x0 + (px + 0.5) * (v->x1 - v->x0) / pw;
        double y = v->y1 - (py + 0.5) * (v->y1 - v->y0) / ph;
        map_fill_raw(v, M->raw + k * (size_t)nf, x, y);
    }
    if (!neuron) {
        session_predict(s, M->raw, (int)neval, M->out);
    } else {
        if (!map_grow(&M->in, &M->in_cap, (size_t)MAP_CHUNK * s->n_in) ||
            !map_grow(&M->work, &M->work_cap, net_eval_work_size(n, MAP_CHUNK)))
            return false;
        for (size_t done = 0; done < neval; done += MAP_CHUNK) {
            int cnt = (int)(neval - done < MAP_CHUNK ? neval - done : MAP_CHUNK);
            prep_apply(&s->prep, M->raw + done * (size_t)nf, M->in, cnt);
            net_eval(n, M->in, cnt, l, M->out + done * (size_t)units, M->work);
        }
    }
    M->vmax = 0;
    if (neuron)
        for (size_t k = 0; k < neval; k++) {
            double a = fabs(M->out[k * (size_t)units + j]);
            if (isfinite(a) && a > M->vmax)
                M->vmax = a;
        }
    double mid = 0.5 * (M->tlo + M->thi), half = 0.5 * (M->thi - M->tlo);
    if (!(half > 0))
        half = 1;
    for (size_t k = 0; k < npx; k++) {
        size_t e = oned ? k % (size_t)pw : k;
        const double *o = M->out + e * (size_t)units;
        double val;
        int c = 0;
        if (neuron) {
            double a = o[j];
            val = M->vmax > 0 ? a / M->vmax : 0;
            if (v->discrete)
                val = a > 0 ? 1 : a < 0 ? -1 : 0;
        } else if (s->data.task == DS_REGRESSION) {
            val = (o[0] - mid) / half;
            if (v->discrete)
                val = val >= 0 ? 1 : -1;
        } else if (s->n_out == 1) {
            c = session_class_of(s, o);
            val = v->discrete ? (c ? 1 : -1) : 2 * o[0] - 1;
        } else {
            c = session_class_of(s, o);
            val = v->discrete ? 1 : o[c];
        }
        if (!isfinite(val))
            val = 0;
        M->val[k] = val < -1 ? -1 : val > 1 ? 1 : val;
        M->cls[k] = (unsigned char)(c < 0 ? 0 : c);
    }
    M->stamp = s->version;
    M->neuron = key;
    M->pw = pw;
    M->ph = ph;
    M->discrete = v->discrete;
    M->x0 = v->x0;
    M->x1 = v->x1;
    M->y0 = v->y0;
    M->y1 = v->y1;
    return true;
}

static bool map_multiclass(const tui_view *v)
{
    int l, j;
    return !view_map_neuron(v, &l, &j) && v->s->n_out > 1 &&
           v->s->data.task == DS_MULTICLASS;
}

static int map_pixel_color(tui_view *v, size_t k)
{
    if (map_multiclass(v))
        return style_class_color(&v->st, v->map.cls[k],
                                 v->discrete || v->map.val[k] >= 0.75);
    return style_level_color(&v->st, style_level_of(&v->st, v->map.val[k]));
}

static void map_draw_background(tui_view *v, panel *p)
{
    tui_style *st = &v->st;
    int pw = v->map.pw;
    bool oned_regress = v->s->data.n_features == 1 &&
                        v->s->data.task == DS_REGRESSION;
    if (oned_regress) {
        /* a curve of the prediction over x instead of a colour field */
        view_map_cache *M = &v->map;
        attr_t a;
        short pr;
        style_get(st, ROLE_POS, &a, &pr);
        int l, j;
        bool neuron = view_map_neuron(v, &l, &j);
        int units = neuron ? v->s->net.layer[l].n_out : v->s->n_out;
        for (int cx = 0; cx < v->map_pw; cx++) {
            double yv = M->out[(size_t)cx * v->map_sx * units + (neuron ? j : 0)];
            if (neuron && M->vmax > 0)
                yv = v->y0 + (yv / M->vmax + 1) * 0.5 * (v->y1 - v->y0);
            int cy = (int)floor((v->y1 - yv) / (v->y1 - v->y0) * v->map_ph);
            if (cy >= 0 && cy < v->map_ph)
                style_put(p->win, st, v->map_py + cy, v->map_px + cx, L'•', '*', a,
                          pr);
        }
        return;
    }
    for (int cy = 0; cy < v->map_ph; cy++)
        for (int cx = 0; cx < v->map_pw; cx++) {
            int y = v->map_py + cy, x = v->map_px + cx;
            if (st->colors == STYLE_MONO) {
                size_t k = (size_t)cy * pw + cx;
                char ch;
                if (map_multiclass(v)) {
                    ch = map_class_ramp[v->map.cls[k] % (sizeof map_class_ramp - 1)];
                } else {
                    int idx = (int)((v->map.val[k] + 1) * 0.5 * 9.999);
                    ch = map_ramp[idx < 0 ? 0 : idx > 9 ? 9 : idx];
                }
                style_put(p->win, st, y, x, 0, ch, A_NORMAL, 0);
            } else if (v->map_sy == 2) {
                size_t kt = (size_t)(2 * cy) * pw + cx, kb = kt + (size_t)pw;
                int ct = map_pixel_color(v, kt), cb = map_pixel_color(v, kb);
                if (ct == cb)
                    style_put(p->win, st, y, x, L' ', ' ', A_NORMAL,
                              style_pair(st, ct, cb));
                else
                    style_put(p->win, st, y, x, L'▀', ' ', A_NORMAL,
                              style_pair(st, ct, cb));
            } else {
                int c = map_pixel_color(v, (size_t)cy * pw + cx);
                style_put(p->win, st, y, x, L' ', ' ', A_NORMAL,
                          style_pair(st, c, c));
            }
        }
}

/* Gathers the points to draw (training rows, test rows when `t` is on),
 * thinned to a few per cell, and the model's outputs for them. */
static void map_gather_points(tui_view *v)
{
    session *s = v->s;
    view_map_cache *M = &v->map;
    const ds_dataset *d = &s->data;
    int total = d->n_train + (v->show_test ? d->n_test : 0);
    int maxpts = 4 * v->map_pw * v->map_ph;
    if (maxpts < 1)
        maxpts = 1;
    int stride = total > maxpts ? (total + maxpts - 1) / maxpts : 1;
    int npts = (total + stride - 1) / stride;
    size_t nf = (size_t)d->n_features;
    if ((size_t)npts > M->pts_cap) {
        double *a = realloc(M->pts_raw, (size_t)npts * nf * sizeof *a);
        if (a)
            M->pts_raw = a;
        double *b = realloc(M->pts_out, (size_t)npts * s->n_out * sizeof *b);
        if (b)
            M->pts_out = b;
        int *c = realloc(M->pts_row, (size_t)npts * sizeof *c);
        if (c)
            M->pts_row = c;
        if (!a || !b || !c) {
            M->pts_n = 0;
            return;
        }
        M->pts_cap = (size_t)npts;
    }
    int k = 0;
    for (int i = 0; i < total && k < npts; i += stride) {
        M->pts_row[k] = i;
        memcpy(M->pts_raw + (size_t)k * nf, d->x + (size_t)i * nf, nf * sizeof(double));
        k++;
    }
    M->pts_n = k;
    if (k > 0)
        session_predict(s, M->pts_raw, k, M->pts_out);
    M->pts_stamp = s->version;
}

static void map_point_style(tui_view *v, int cls, bool test, bool wrong,
                            attr_t *a, short *pr)
{
    tui_style *st = &v->st;
    bool c256 = st->colors == STYLE_256;
    if (st->colors == STYLE_MONO) {
        *pr = 0;
        *a = wrong ? (A_REVERSE | A_BOLD) : A_BOLD;
        return;
    }
    int white = c256 ? 231 : COLOR_WHITE, black = c256 ? 16 : COLOR_BLACK;
    int magenta = c256 ? 201 : COLOR_MAGENTA;
    int cc = v->s->data.task == DS_REGRESSION ? style_level_color(st, cls)
                                             : style_class_color(st, cls, true);
    *a = A_BOLD;
    if (wrong)
        *pr = style_pair(st, white, magenta);
    else if (test)
        *pr = style_pair(st, cc, black);
    else
        *pr = style_pair(st, white, cc);
}

static void map_draw_points(tui_view *v, panel *p)
{
    session *s = v->s;
    const ds_dataset *d = &s->data;
    view_map_cache *M = &v->map;
    int cells = v->map_pw * v->map_ph;
    if (M->pts_stamp != s->version || M->pts_test != v->show_test ||
        M->pts_cells != cells) {
        map_gather_points(v);
        M->pts_test = v->show_test;
        M->pts_cells = cells;
    }
    bool regress = d->task == DS_REGRESSION;
    double mid = 0.5 * (M->tlo + M->thi), half = 0.5 * (M->thi - M->tlo);
    if (!(half > 0))
        half = 1;
    for (int k = 0; k < M->pts_n; k++) {
        int row = M->pts_row[k];
        double x, y;
        map_row_pos(v, row, &x, &y);
        int cx = (int)floor((x - v->x0) / (v->x1 - v->x0) * v->map_pw);
        int cy = (int)floor((v->y1 - y) / (v->y1 - v->y0) * v->map_ph);
        if (cx < 0 || cy < 0 || cx >= v->map_pw || cy >= v->map_ph)
            continue;
        bool test = row >= d->n_train;
        int cls;
        bool wrong = false;
        if (regress) {
            cls = style_level_of(&v->st, (d->y[row] - mid) / half);
        } else {
            cls = (int)d->y[row];
            wrong = session_class_of(s, M->pts_out + (size_t)k * s->n_out) != cls;
        }
        char g = regress ? 'o' : map_glyphs[(cls < 0 ? 0 : cls) % (sizeof map_glyphs - 1)];
        if (test)
            g = (char)(g - 'a' + 'A');
        attr_t a;
        short pr;
        map_point_style(v, cls, test, wrong, &a, &pr);
        style_put(p->win, &v->st, v->map_py + cy, v->map_px + cx, 0, g, a, pr);
    }
}

static void map_tick(char *buf, size_t len, double x)
{
    if (fabs(x) < 99.5)
        snprintf(buf, len, "%.4g", x);
    else if (fabs(x) < 99999)
        snprintf(buf, len, "%.0f", x);
    else
        snprintf(buf, len, "%.0e", x);
}

/* A round tick step giving about `want` ticks over [lo, hi]. */
static double map_tick_step(double lo, double hi, int want)
{
    double raw = (hi - lo) / (want > 1 ? want : 1);
    if (!(raw > 0))
        return 1;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

static void map_draw_axes(tui_view *v, panel *p)
{
    char t[32], buf[40];
    /* y: round values, at the row that holds them */
    double step = map_tick_step(v->y0, v->y1, v->map_ph >= 16 ? 5 : 3);
    int last_row = -2;
    for (double val = ceil(v->y0 / step) * step; val <= v->y1 + 1e-9; val += step) {
        int row = (int)floor((v->y1 - val) / (v->y1 - v->y0) * v->map_ph);
        if (row < 0 || row >= v->map_ph || abs(row - last_row) < 2)
            continue;
        last_row = row;
        map_tick(t, sizeof t, fabs(val) < step * 1e-6 ? 0 : val);
        snprintf(buf, sizeof buf, "%*s", MAP_YW - 1, t);
        buf[MAP_YW - 1] = '\0';
        style_text(p->win, &v->st, v->map_py + row, v->map_px - MAP_YW, MAP_YW - 1,
                   ROLE_DIM, buf);
    }
    /* x: round values under the plot, centred on their column */
    int y = v->map_py + v->map_ph;
    step = map_tick_step(v->x0, v->x1, v->map_pw >= 40 ? 6 : 4);
    int next_free = 0;
    for (double val = ceil(v->x0 / step) * step; val <= v->x1 + 1e-9; val += step) {
        int col = (int)floor((val - v->x0) / (v->x1 - v->x0) * v->map_pw);
        map_tick(t, sizeof t, fabs(val) < step * 1e-6 ? 0 : val);
        int n = (int)strlen(t);
        int at = col - n / 2;
        if (at < 0)
            at = 0;
        if (at + n > v->map_pw)
            at = v->map_pw - n;
        if (at < next_free)
            continue;
        style_text(p->win, &v->st, y, v->map_px + at, n, ROLE_DIM, t);
        next_free = at + n + 1;
    }
}

static void map_draw_legend(tui_view *v, panel *p)
{
    if (v->map_py == p->cy)
        return;
    const ds_dataset *d = &v->s->data;
    char buf[160];
    if (d->task == DS_REGRESSION)
        snprintf(buf, sizeof buf, "o train  O test  orange low, blue high");
    else if (d->task == DS_BINARY)
        snprintf(buf, sizeof buf, "o:%s x:%s  O X test  %s wrong", d->class_names[0],
                 d->class_names[1], v->st.colors == STYLE_MONO ? "reverse" : "magenta");
    else
        snprintf(buf, sizeof buf, "o x v s ... by class  capitals: test");
    panel_text(v, p, 0, 0, ROLE_DIM, buf);
}

static void map_draw(tui_view *v, panel *p)
{
    char title[96];
    int l, j, len;
    len = snprintf(title, sizeof title, "Decision map");
    if (view_map_neuron(v, &l, &j))
        len += snprintf(title + len, sizeof title - (size_t)len, ": h%d.%d", l + 1,
                        j + 1);
    if (v->discrete)
        len += snprintf(title + len, sizeof title - (size_t)len, " [z]");
    if (v->focus == PANEL_MAP) {
        double x, y;
        panel_map_cell_to_plane(v, v->cur_x, v->cur_y, &x, &y);
        snprintf(title + len, sizeof title - (size_t)len, " (%.2f, %.2f)", x, y);
    }
    panel_frame(v, p, title);
    if (v->map_pw < 2 || v->map_ph < 2)
        return;
    map_plane(v);
    if (!map_values(v)) {
        panel_text(v, p, 0, 0, ROLE_BAD, "no map: out of memory or no features");
        return;
    }
    map_draw_background(v, p);
    map_draw_points(v, p);
    if (v->focus == PANEL_MAP) {
        attr_t a;
        short pr;
        style_get(&v->st, ROLE_CURSOR, &a, &pr);
        style_put(p->win, &v->st, v->map_py + v->cur_y, v->map_px + v->cur_x, L'+',
                  '+', a, pr);
    }
    map_draw_axes(v, p);
    map_draw_legend(v, p);
}

/* The class of a point added by a click or a key: the class itself, or for
 * regression the low (0) or high (1) end of the targets. */
int panel_map_add_point(tui_view *v, int cx, int cy, int c)
{
    session *s = v->s;
    const ds_dataset *d = &s->data;
    double raw[DS_MAX_FEATURES], x, y, target;
    panel_map_cell_to_plane(v, cx, cy, &x, &y);
    map_means(v);
    map_fill_raw(v, raw, x, y);
    if (d->task == DS_REGRESSION)
        target = d->n_features == 1 ? y : (c ? v->map.thi : v->map.tlo);
    else
        target = c;
    s->message[0] = '\0';
    int rc = session_add_point(s, raw, target);
    if (rc == 0)
        v->sample = d->n_train - 1;
    return rc;
}

int panel_map_remove_nearest(tui_view *v, int cx, int cy)
{
    session *s = v->s;
    double x, y;
    panel_map_cell_to_plane(v, cx, cy, &x, &y);
    int row = ds_nearest(&s->data, 0, s->data.n_features >= 2 ? 1 : 0, x,
                         s->data.n_features >= 2 ? y : x);
    s->message[0] = '\0';
    if (row < 0) {
        view_say(v, true, "there is no point to remove");
        return 1;
    }
    return session_remove_point(s, row);
}

static bool map_handle_action(tui_view *v, panel *p, int action)
{
    (void)p;
    switch ((tui_action)action) {
    case ACTION_MOVE_UP:
        v->cur_y = v->cur_y > 0 ? v->cur_y - 1 : 0;
        break;
    case ACTION_MOVE_DOWN:
        v->cur_y = v->cur_y < v->map_ph - 1 ? v->cur_y + 1 : v->cur_y;
        break;
    case ACTION_MOVE_LEFT:
        v->cur_x = v->cur_x > 0 ? v->cur_x - 1 : 0;
        break;
    case ACTION_MOVE_RIGHT:
        v->cur_x = v->cur_x < v->map_pw - 1 ? v->cur_x + 1 : v->cur_x;
        break;
    default:
        return false;
    }
    /* the network shows the point nearest to the cursor */
    double x, y;
    panel_map_cell_to_plane(v, v->cur_x, v->cur_y, &x, &y);
    const ds_dataset *d = &v->s->data;
    int row = ds_nearest(d, 0, d->n_features >= 2 ? 1 : 0, x,
                         d->n_features >= 2 ? y : x);
    if (row >= 0)
        v->sample = row;
    return true;
}

const panel_ops panel_map_ops = {
    .title = "Decision map",
    .layout = map_layout,
    .draw = map_draw,
    .handle_action = map_handle_action,
};
