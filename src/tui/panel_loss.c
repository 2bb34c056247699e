/* panel_loss.c - the Loss panel: training and test loss over the epochs,
 * on a linear or log scale (`L`), through the curve plotter (braille dots
 * where the locale allows, ASCII marks otherwise); the current values,
 * and a mark where training diverged. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/plot.h"

#define PLOSS_BETA 0.9 /* the smoothed line: about the last ten epochs */

bool panel_loss_smoothed(const tui_view *v)
{
    if (v->smooth_loss)
        return v->smooth_loss > 0;
    const session *s = v->s;
    return s->cfg.model == MODEL_MLP && s->cfg.batch > 0 &&
           s->cfg.batch < s->data.n_train;
}

void panel_loss_smooth(const double *h, long n, double beta, double *out)
{
    double m = 0, w = 0;
    for (long e = 0; e < n; e++) {
        if (isfinite(h[e])) {
            m = beta * m + (1 - beta) * h[e];
            w = beta * w + (1 - beta);
        }
        out[e] = w > 0 ? m / w : h[e];
    }
}

/* The scale hint: unscaled inputs whose ranges differ by more than ten
 * times (the engine's figure) make a comb of the loss; NULL when not. */
static const char *ploss_scale_hint(const tui_view *v, char *buf, size_t len,
                                    int width)
{
    const session *s = v->s;
    if (s->cfg.scale != PREP_SCALE_NONE || s->data.n_features < 2)
        return NULL;
    double r = s->data_stats.range_ratio;
    if (!(r > 10))
        return NULL;
    /* the longest form that fits */
    const char *forms[] = {"inputs differ %.0fx in range: try --scale standard",
                           "inputs %.0fx apart: try --scale standard",
                           "try --scale standard (%.0fx)"};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (snprintf(buf, len, forms[k], r) <= width)
            break;
    return buf;
}

/* The legend on the first row: the current values and the scale key. */
static void ploss_legend(tui_view *v, panel *p)
{
    const session *s = v->s;
    char buf[160], a[32], b[32];
    int x = 0;
    /* the values now, after the last epoch: the same as the status line's;
     * the training curve is the mean over each epoch's steps, as the book's
     * log prints it, and the legend says so where it fits */
    session_metrics m = view_metrics(v);
    fmt_val(a, sizeof a, m.train_loss);
    snprintf(buf, sizeof buf, "train %s", s->hist_len ? a : "-");
    x += panel_text(v, p, 0, x, ROLE_TRAIN, buf) + 2;
    if (s->data.n_test > 0) {
        fmt_val(b, sizeof b, m.test_loss);
        snprintf(buf, sizeof buf, "test %s", s->hist_len ? b : "-");
        x += panel_text(v, p, 0, x, ROLE_TEST, buf) + 2;
    }
    if (panel_loss_smoothed(v) && s->hist_len > 1) {
        const char *sm = v->st.utf8 ? "━ smoothed" : "= smoothed";
        if (x + (int)strlen(sm) + 8 <= p->cw)
            x += panel_text(v, p, 0, x, ROLE_TRAIN, sm) + 2;
    }
    snprintf(buf, sizeof buf, "L %s", v->log_loss ? "lin" : "log");
    int right = p->cw - (int)strlen(buf);
    if (x + (int)strlen(buf) <= p->cw)
        panel_text(v, p, 0, right, ROLE_DIM, buf);
    const char *note = "now; curve: epoch means";
    if (s->hist_len && !panel_loss_smoothed(v) && x + (int)strlen(note) + 2 <= right)
        panel_text(v, p, 0, x, ROLE_DIM, note);
}

/* Divergence: a column of marks at that epoch and a word. */
static void ploss_diverged(tui_view *v, panel *p, const plot_area *a)
{
    int col = plot_epoch_col(a, v->s->diverged_epoch - 1);
    attr_t ab;
    short pb;
    style_get(&v->st, ROLE_BAD, &ab, &pb);
    for (int r = 0; r < a->h; r++)
        style_put(p->win, &v->st, a->y + r, a->x + col, L'┊', '!', ab, pb);
    const char *word = "diverged";
    int wx = col - (int)strlen(word);
    if (wx < 0)
        wx = col + 1;
    panel_text(v, p, a->y - p->cy, a->x - p->cx + wx, ROLE_BAD, word);
}

static void ploss_draw(tui_view *v, panel *p)
{
    const session *s = v->s;
    char title[64];
    snprintf(title, sizeof title, "Loss %s", v->log_loss ? "(log)" : "(linear)");
    panel_frame(v, p, title);
    if (p->ch < 3 || p->cw < PLOT_YW + 4)
        return;
    ploss_legend(v, p);
    /* the scale hint takes the row under the legend, where there is room */
    char hint[96];
    int top = 1;
    if (p->ch >= 7 && ploss_scale_hint(v, hint, sizeof hint, p->cw)) {
        panel_text(v, p, 1, 0, ROLE_MESSAGE, hint);
        top = 2;
    }
    /* smoothed: each curve's mean line drawn over the raw one, which turns
     * muted */
    bool smooth = panel_loss_smoothed(v) && s->hist_len > 1;
    bool test = s->data.n_test > 0;
    double *sm = NULL;
    if (smooth) {
        sm = (double *)view_scratch(v, 2 * (size_t)s->hist_len * sizeof *sm);
        if (sm) {
            panel_loss_smooth(s->hist_train, s->hist_len, PLOSS_BETA, sm);
            if (test)
                panel_loss_smooth(s->hist_test, s->hist_len, PLOSS_BETA,
                                  sm + s->hist_len);
        }
        smooth = sm != NULL;
    }
    bool c256 = v->st.colors == STYLE_256;
    /* the raw curves, then the smoothed lines over them (drawn later, they
     * take the cells they cross) */
    plot_series c[4] = {
        {s->hist_train, s->hist_len, ROLE_TRAIN, smooth && c256 ? 66 : -1,
         smooth ? '.' : '*', false, -1, -1},
        {s->hist_test, s->hist_len, ROLE_TEST, smooth && c256 ? 137 : -1,
         smooth ? ',' : 'o', false, -1, -1},
        {sm, s->hist_len, ROLE_TRAIN, -1, '=', false, -1, -1},
        {sm ? sm + s->hist_len : NULL, s->hist_len, ROLE_TEST, -1, '~', false,
         -1, -1}};
    int ns = test ? 2 : 1;
    if (smooth) {
        if (!test)
            c[1] = c[2];
        ns *= 2;
    }
    plot_opts o = {.log = v->log_loss,
                   .kind = canvas_kind_for(&v->st, false),
                   .stack = !smooth,
                   .thin = true,
                   .mid_label_rows = 3,
                   .epochs_word_w = 14,
                   .text_end = p->cx + p->cw,
                   .fit = true};
    plot_area a;
    bool drawn = plot_curves(v, p->win, p->cy + top, p->cx, p->ch - top, p->cw,
                             c, ns, &o, &a);
    if (drawn && !v->log_loss && a.lo > 0) {
        /* the axis starts above 0: said in the title, where it is seen */
        snprintf(title, sizeof title, "Loss (linear, from %.3g)", a.lo);
        panel_frame_title(v, p, title);
    }
    if (drawn && s->diverged_epoch >= 1)
        ploss_diverged(v, p, &a);
}

const panel_ops panel_loss_ops = {
    .title = "Loss",
    .layout = NULL,
    .draw = ploss_draw,
    .handle_action = NULL,
};
