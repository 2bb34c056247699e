/* mode_common.c - what the analysis views (compare, sweep, landscape,
 * hidden space) share: a small decision map of any session, loss curves
 * overlaid with a letter each, the text of a run's summary, throttled
 * metrics and the signature of the main session. It draws what it is
 * handed and never trains or changes a session. */
#include "tui/mode_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/decision_map.h"
#include "tui/plot.h"

#define MODE_MAX_CURVES 16 /* curves on one plot, at most */

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
    if (s->status != SESSION_LEARNING)
        return session_status_name(s->status);
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

void mode_map_free(mode_map *m) { dmap_free(m); }

/* The training points, thinned to about two a cell, with the model's
 * outputs for them. */
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
    /* pts_cap counts doubles here (the panel's cache counts points) */
    size_t need = (size_t)npts * (size_t)s->n_out;
    if (need > m->pts_cap) {
        double *o = realloc(m->pts_out, need * sizeof *o);
        if (!o)
            return;
        m->pts_out = o;
        m->pts_cap = need;
    }
    /* the raw rows are contiguous: predict them in place, strided */
    if (stride == 1) {
        session_predict(s, d->x, npts, m->pts_out);
    } else {
        double *rowbuf = malloc((size_t)npts * nf * sizeof *rowbuf);
        if (!rowbuf)
            return;
        for (int k = 0; k < npts; k++)
            memcpy(rowbuf + (size_t)k * nf, d->x + (size_t)k * stride * nf,
                   nf * sizeof *rowbuf);
        session_predict(s, rowbuf, npts, m->pts_out);
        free(rowbuf);
    }
    dmap_targets tg = dmap_targets_of(s);
    for (int k = 0; k < npts; k++) {
        int row = k * stride, cx, cy;
        const double *r = d->x + (size_t)row * nf;
        if (!dmap_cell_of(m, r[0], nf >= 2 ? r[1] : d->y[row], w, h, &cx, &cy))
            continue;
        bool wrong = d->task != DS_REGRESSION &&
                     session_class_of(s, m->pts_out + (size_t)k * s->n_out) !=
                         (int)d->y[row];
        dmap_point pt = dmap_point_of(&v->st, s, &tg, row, wrong);
        dmap_put_point(&v->st, win, y + cy, x + cx, &pt, DMAP_POINT_PLAIN);
    }
}

void mode_map_draw(tui_view *v, WINDOW *win, mode_map *m, session *s, int y,
                   int x, int h, int w)
{
    if (h < 2 || w < 4)
        return;
    int sy = v->st.utf8 && v->st.colors != STYLE_MONO ? 2 : 1;
    dmap_spec sp = {0, 0, 0, 0, w, h * sy, -1, 0, false};
    dmap_plane(s, w, h, &sp.x0, &sp.x1, &sp.y0, &sp.y1);
    if (!dmap_compute(m, s, &sp)) {
        mode_text(v, win, y, x, ROLE_BAD, "no map");
        return;
    }
    dmap_paint(&v->st, win, y, x, h, w, m, s, &sp, sy);
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
