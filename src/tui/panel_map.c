/* panel_map.c - the Decision map: the model's output over the plane of two
 * features (the first two, or those X and Y choose; any others held at
 * their means, said under the ticks), on a blue/orange diverging scale for
 * two classes, argmax colours for more, a value scale for regression, or a
 * selected hidden neuron's own output; quadrant cells (2 x 2 pixels a
 * cell) where the locale and the colours allow, whole cells otherwise,
 * ASCII shading without colour; the class boundary drawn as a line. Data
 * points on top as marks on the map's colour, misclassified ones marked,
 * axis ticks, a legend, and the keyboard cursor that adds or removes
 * points. All cells of a frame are computed in one batched call, into
 * buffers that are reused. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/action.h"
#include "tui/cscale.h"
#include "tui/decision_map.h"

#define MAP_YW 5          /* y tick labels */

/* The plot's rectangle in the panel (rows for the legend, the ticks and,
 * with more than two features, the axes' names). */
static void map_geometry(tui_view *v, panel *p)
{
    bool legend = p->ch >= 6; /* the legend row, at every usable size */
    /* more than two features: a row under the ticks names the axes */
    bool names = p->ch >= 8 && v->s->data.n_features > 2;
    v->map_px = p->cx + MAP_YW;
    v->map_py = p->cy + (legend ? 1 : 0);
    v->map_pw = p->cw - MAP_YW;
    v->map_ph = p->ch - 1 - (legend ? 1 : 0) - (names ? 1 : 0);
    if (v->map_pw < 0)
        v->map_pw = 0;
    if (v->map_ph < 0)
        v->map_ph = 0;
    /* quadrant cells (2 x 2 pixels) with Unicode and colours */
    bool fine = v->st.utf8 && v->st.colors != STYLE_MONO;
    v->map_sx = fine ? 2 : 1;
    v->map_sy = fine ? 2 : 1;
}

static void map_layout(tui_view *v, panel *p)
{
    map_geometry(v, p);
    v->cur_x = v->map_pw / 2;
    v->cur_y = v->map_ph / 2;
}

/* The map's features across and up: those chosen (X, Y) for this data,
 * else the first two; handed to the map's cache. */
static void map_axes(tui_view *v, int *fx, int *fy)
{
    const ds_dataset *d = &v->s->data;
    if (v->map_axes_set && (strcmp(v->map_axes_data, d->name) != 0 ||
                            v->map_fx >= d->n_features ||
                            v->map_fy >= d->n_features || v->map_fx == v->map_fy))
        v->map_axes_set = false;
    if (v->map_axes_set)
        dmap_set_axes(&v->map, v->map_fx, v->map_fy);
    else
        v->map.axes_set = false;
    dmap_axes(&v->map, v->s, fx, fy);
}

/* Plane position of a dataset row. */
static void map_row_pos(tui_view *v, int row, double *x, double *y)
{
    const ds_dataset *d = &v->s->data;
    const double *r = d->x + (size_t)row * d->n_features;
    int fx, fy;
    map_axes(v, &fx, &fy);
    *x = r[fx];
    *y = d->n_features >= 2 ? r[fy] : d->y[row];
}

/* True when every point of the data lies inside the plane shown. */
static bool map_holds_data(tui_view *v)
{
    int rows = ds_rows(&v->s->data);
    for (int i = 0; i < rows; i++) {
        double x, y;
        map_row_pos(v, i, &x, &y);
        if (!(x >= v->x0 && x <= v->x1 && y >= v->y0 && y <= v->y1))
            return false;
    }
    return true;
}

/* The row nearest to plane point (x, y), -1 none. */
static int map_nearest(tui_view *v, double x, double y)
{
    const ds_dataset *d = &v->s->data;
    int fx, fy;
    map_axes(v, &fx, &fy);
    return ds_nearest(d, fx, d->n_features >= 2 ? fy : fx, x,
                      d->n_features >= 2 ? y : x);
}

/* The plane shown (see dmap_plane): fitted to the data, and kept while a
 * class adds or removes points inside it, so that no point jumps; fitted
 * again for other data or the panel's new size. */
static void map_plane(tui_view *v)
{
    const ds_dataset *d = &v->s->data;
    bool keep = v->plane_hold && v->plane_pw == v->map_pw &&
                v->plane_ph == v->map_ph && v->plane_features == d->n_features &&
                strcmp(v->plane_data, d->name) == 0 && map_holds_data(v);
    if (!keep) {
        int fx, fy;
        map_axes(v, &fx, &fy);
        dmap_plane_axes(v->s, fx, fy, v->map_pw, v->map_ph, &v->x0, &v->x1,
                        &v->y0, &v->y1);
        v->plane_hold = false;
    }
    v->plane_pw = v->map_pw;
    v->plane_ph = v->map_ph;
    v->plane_features = d->n_features;
    snprintf(v->plane_data, sizeof v->plane_data, "%s", d->name);
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


/* What the map shows: the model, or the selected hidden neuron. */
static dmap_spec map_spec(const tui_view *v)
{
    dmap_spec sp = {v->x0, v->x1, v->y0, v->y1, v->map_pw * v->map_sx,
                    v->map_ph * v->map_sy, -1, 0, v->discrete};
    int l, j;
    if (view_map_neuron(v, &l, &j)) {
        sp.layer = l;
        sp.unit = j;
    }
    return sp;
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
        /* room for the widest row any data can have, so that a switch to
         * data with more features or outputs but as many points fits */
        double *a = realloc(M->pts_raw, (size_t)npts * DS_MAX_FEATURES * sizeof *a);
        if (a)
            M->pts_raw = a;
        double *b = realloc(M->pts_out, (size_t)npts * DS_MAX_CLASSES * sizeof *b);
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

/* Dense: the points would mark more than a sixth of the map's cells. */
static bool map_points_dense(int npts, int cells)
{
    return cells > 0 && npts * 6 > cells;
}

bool panel_map_thin_keep(const unsigned char *occ, int w, int h, int cx, int cy,
                         bool dense, unsigned char kind)
{
    if (cx < 0 || cy < 0 || cx >= w || cy >= h)
        return false;
    if (occ[(size_t)cy * w + cx])
        return false;
    if (!dense)
        return true;
    if (cx > 0 && occ[(size_t)cy * w + cx - 1] == kind)
        return false;
    if (cx + 1 < w && occ[(size_t)cy * w + cx + 1] == kind)
        return false;
    if (cy > 0 && occ[(size_t)(cy - 1) * w + cx] == kind)
        return false;
    if (cy + 1 < h && occ[(size_t)(cy + 1) * w + cx] == kind)
        return false;
    return true;
}

static void map_draw_points(tui_view *v, panel *p, const dmap_spec *sp)
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
    dmap_targets tg = dmap_targets_of(s);
    /* at most one glyph a cell, the wrong points first; when the points
     * would cover much of the map, a point also leaves its four neighbours
     * free of its own kind (panel_map_thin_keep) */
    unsigned char *occ = calloc(cells > 0 ? (size_t)cells : 1, 1);
    bool dense = map_points_dense(M->pts_n, cells);
    v->map_thinned = false;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < M->pts_n; k++) {
            int row = M->pts_row[k], cx, cy;
            double x, y;
            map_row_pos(v, row, &x, &y);
            if (!dmap_cell_of(M, x, y, v->map_pw, v->map_ph, &cx, &cy))
                continue;
            bool wrong = d->task != DS_REGRESSION &&
                         session_class_of(s, M->pts_out + (size_t)k * s->n_out) !=
                             (int)d->y[row];
            if (wrong != (pass == 0))
                continue;
            if (occ) {
                if (!panel_map_thin_keep(occ, v->map_pw, v->map_ph, cx, cy,
                                         dense, wrong ? 2 : 1)) {
                    v->map_thinned = true;
                    continue;
                }
                occ[(size_t)cy * v->map_pw + cx] = wrong ? 2 : 1;
            }
            dmap_point pt = dmap_point_of(&v->st, s, &tg, row, wrong);
            /* a class's point: a mark on the map's own colour there, when
             * that is its class's colour; else (a slice through data of
             * more features, where a point right on all of them can sit on
             * another class's colour) a block of its own class's colour */
            int bg = -1;
            if (d->task != DS_REGRESSION &&
                dmap_cell_class(M, s, sp, cx, cy, v->map_pw, v->map_ph) ==
                    (int)d->y[row])
                bg = dmap_cell_color(&v->st, M, s, sp, cx, cy, v->map_pw,
                                     v->map_ph);
            dmap_put_mark(&v->st, p->win, v->map_py + cy, v->map_px + cx, &pt,
                          DMAP_POINT_TEST_DARK, bg);
        }
    free(occ);
}

#define MAP_MAX_TICKS 64 /* a round step gives a dozen at most; never more */

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
    /* ticks counted, not added up: far from 0 a step can be too small to
     * change the value at all (a plane of a tiny range around a big number),
     * and val += step would never end */
    double first = ceil(v->y0 / step) * step;
    for (int i = 0; i < MAP_MAX_TICKS; i++) {
        double val = first + i * step;
        if (!(val <= v->y1 + 1e-9))
            break;
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
    first = ceil(v->x0 / step) * step;
    for (int i = 0; i < MAP_MAX_TICKS; i++) {
        double val = first + i * step;
        if (!(val <= v->x1 + 1e-9))
            break;
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
    if (d->task == DS_REGRESSION) {
        panel_text(v, p, 0, 0, ROLE_DIM, "o train  O test  orange low, blue high");
        return;
    }
    /* each class's glyph drawn as the map draws it, then its name; a
     * wrong point; the test rows' capitals; as many as fit */
    int x = 0, y = p->cy, k = d->n_classes < 2 ? 2 : d->n_classes;
    bool mono = v->st.colors == STYLE_MONO;
    if (k > DS_MAX_CLASSES)
        k = DS_MAX_CLASSES;
    /* every class named: in full where all fit, else shortened (without
     * two reading the same) to what lets them all fit */
    const char *full[DS_MAX_CLASSES];
    char shortn[DS_MAX_CLASSES][16];
    int total = 0;
    for (int c = 0; c < k; c++) {
        full[c] = d->class_names[c];
        total += 3 + (int)strlen(full[c]) + (c + 1 < k ? 2 : 0);
    }
    bool cut = false;
    for (int width = 8; total > p->cw && width >= 3; width--) {
        panel_net_short_names(full, k, width, shortn);
        total = 0;
        for (int c = 0; c < k; c++)
            total += 3 + (int)strlen(shortn[c]) + (c + 1 < k ? 2 : 0);
        cut = true;
    }
    for (int c = 0; c < k; c++) {
        char name[DS_LABEL_MAX + 4];
        snprintf(name, sizeof name, " %s  ", cut ? shortn[c] : d->class_names[c]);
        if (c + 1 == k && (int)strlen(name) + x + 1 > p->cw)
            name[strlen(name) - 2] = '\0'; /* the last needs no gap */
        int need = 1 + (int)strlen(name);
        if (x + need > p->cw)
            return;
        dmap_point pt = {dmap_class_glyph(c), style_class_color(&v->st, c, true),
                         false, false, dmap_class_ink(&v->st, c)};
        /* as the map draws it: the mark on its class's light side */
        int bg = style_class_color(&v->st, c, false);
        dmap_put_mark(&v->st, p->win, y, p->cx + x, &pt, 0, d->task == DS_BINARY
                      ? cscale_map_step_color(&v->st, c ? 6 : -6, 0, 0) : bg);
        x += 1 + panel_text(v, p, 0, x + 1, ROLE_DIM, name);
    }
    const char *wrong = mono ? " wrong (reverse)  " : " wrong  ";
    if (x + 1 + (int)strlen(wrong) <= p->cw) {
        dmap_point pt = {'o', style_class_color(&v->st, 0, true), false, true, -1};
        dmap_put_point(&v->st, p->win, y, p->cx + x, &pt, 0);
        x += 1 + panel_text(v, p, 0, x + 1, ROLE_DIM, wrong);
    }
    if (v->show_test && d->n_test > 0 && x + 12 <= p->cw) {
        panel_text(v, p, 0, x, ROLE_DIM, "O X: test");
        x += 12;
    }
    /* dense data: points beside others of their kind are left unmarked */
    const char *thin = "(marks thinned)";
    if (v->map_thinned && x + (int)strlen(thin) <= p->cw)
        panel_text(v, p, 0, x, ROLE_DIM, thin);
}

/* A feature's name as a reader says it: "sepal length". */
static void map_feature_name(const ds_dataset *d, int f, char *out, size_t len)
{
    snprintf(out, len, "%s", d->feature_names[f]);
    for (char *c = out; *c; c++)
        if (*c == '_')
            *c = ' ';
}

/* More than two features: the row under the ticks names the features
 * across and up, and says the others are held at their means (the map is
 * a slice through the data). */
static void map_draw_names(tui_view *v, panel *p)
{
    const ds_dataset *d = &v->s->data;
    int row = v->map_py + v->map_ph + 1 - p->cy;
    if (d->n_features <= 2 || row >= p->ch)
        return;
    int fx, fy;
    map_axes(v, &fx, &fy);
    char nx[DS_LABEL_MAX], ny[DS_LABEL_MAX], buf[160];
    map_feature_name(d, fx, nx, sizeof nx);
    map_feature_name(d, fy, ny, sizeof ny);
    const char *others = d->n_features == 3 ? "the other at its mean"
                                            : "others at means";
    /* the longest form that fits: full names and the note, full names,
     * short names and the note, short names */
    char shortn[2][16];
    const char *pick[2] = {d->feature_names[fx], d->feature_names[fy]};
    panel_net_short_names(pick, 2, 8, shortn);
    /* the note matters more than whole names: a slice unsaid misleads */
    const char *forms[5][4] = {{"x: ", nx, ny, others},
                               {"x: ", shortn[0], shortn[1], others},
                               {"x ", shortn[0], shortn[1], others},
                               {"x: ", nx, ny, NULL},
                               {"x: ", shortn[0], shortn[1], NULL}};
    for (int k = 0; k < 5; k++) {
        bool colon = forms[k][0][1] == ':';
        int n = snprintf(buf, sizeof buf, "%s%s  %s%s%s%s", forms[k][0],
                         forms[k][1], colon ? "y: " : "y ", forms[k][2],
                         forms[k][3] ? "  " : "", forms[k][3] ? forms[k][3] : "");
        if (n <= p->cw || k == 4)
            break;
    }
    panel_text(v, p, row, 0, ROLE_DIM, buf);
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
    /* the data may have changed its number of features since the layout */
    int pw = v->map_pw, ph = v->map_ph;
    map_geometry(v, p);
    if (v->map_pw != pw || v->map_ph != ph) {
        v->cur_x = v->cur_x < v->map_pw ? v->cur_x : v->map_pw - 1;
        v->cur_y = v->cur_y < v->map_ph ? v->cur_y : v->map_ph - 1;
    }
    if (v->map_pw < 2 || v->map_ph < 2)
        return;
    map_plane(v);
    dmap_spec sp = map_spec(v);
    if (!dmap_compute(&v->map, v->s, &sp)) {
        panel_text(v, p, 0, 0, ROLE_BAD, "no map: out of memory or no features");
        return;
    }
    dmap_paint(&v->st, p->win, v->map_py, v->map_px, v->map_ph, v->map_pw, &v->map,
               v->s, &sp, v->map_sy);
    map_draw_points(v, p, &sp);
    if (v->focus == PANEL_MAP) {
        attr_t a;
        short pr;
        style_get(&v->st, ROLE_CURSOR, &a, &pr);
        style_put(p->win, &v->st, v->map_py + v->cur_y, v->map_px + v->cur_x, L'+',
                  '+', a, pr);
    }
    map_draw_axes(v, p);
    map_draw_names(v, p);
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
    dmap_means(&v->map, s);
    dmap_fill_raw(&v->map, s, raw, x, y);
    if (d->task == DS_REGRESSION)
        target = d->n_features == 1 ? y : (c ? v->map.thi : v->map.tlo);
    else
        target = c;
    int rc = session_add_point(s, raw, target);
    view_after_command(v, rc);
    if (rc == 0) {
        v->sample = d->n_train - 1;
        v->plane_hold = true; /* the points stay where they are */
        if (d->n_features > 2 && d->task != DS_REGRESSION) {
            /* where on this map: its two features (the session's message
             * lists every feature) */
            int fx, fy;
            map_axes(v, &fx, &fy);
            char nx[DS_LABEL_MAX], ny[DS_LABEL_MAX];
            map_feature_name(d, fx, nx, sizeof nx);
            map_feature_name(d, fy, ny, sizeof ny);
            view_say(v, false, "class %s at %s %.2f, %s %.2f (others at means)",
                     d->class_names[c], nx, x, ny, y);
        }
    }
    return rc;
}

int panel_map_remove_nearest(tui_view *v, int cx, int cy)
{
    session *s = v->s;
    double x, y;
    panel_map_cell_to_plane(v, cx, cy, &x, &y);
    int row = map_nearest(v, x, y);
    if (row < 0) {
        view_say(v, true, "there is no point to remove");
        return 1;
    }
    int rc = session_remove_point(s, row);
    if (rc == 0)
        v->plane_hold = true;
    return rc;
}

void panel_map_next_axis(tui_view *v, bool up)
{
    const ds_dataset *d = &v->s->data;
    if (d->n_features <= 2) {
        view_say(v, true, "the map already shows %s: this data has no other "
                          "features", d->n_features == 2 ? "both features" : "its feature");
        return;
    }
    int fx, fy;
    map_axes(v, &fx, &fy);
    int *f = up ? &fy : &fx, other = up ? fx : fy;
    do
        *f = (*f + 1) % d->n_features;
    while (*f == other);
    v->map_fx = fx;
    v->map_fy = fy;
    v->map_axes_set = true;
    snprintf(v->map_axes_data, sizeof v->map_axes_data, "%s", d->name);
    v->plane_hold = false;
    v->plane_pw = -1; /* fitted again to the new features */
    map_axes(v, &fx, &fy);
    char nx[DS_LABEL_MAX], ny[DS_LABEL_MAX];
    map_feature_name(d, fx, nx, sizeof nx);
    map_feature_name(d, fy, ny, sizeof ny);
    view_say(v, false, "map: x %s, y %s (others at their means)", nx, ny);
    v->dirty = true;
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
    int row = map_nearest(v, x, y);
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
