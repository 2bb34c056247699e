/* mode_metrics.c - the Metrics view: loss and accuracy on the training and
 * the test rows, and for a classifier the confusion matrix of each (true
 * class down, predicted class across, with the class names; the diagonal
 * is what the model gets right). Regression shows the losses. The counts
 * are computed again when the weights change, a few times a second at
 * most while training plays. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/view.h"

#define MET_K DS_MAX_CLASSES

typedef struct {
    int k;                       /* classes, 0 for regression */
    int train[MET_K * MET_K];    /* counts[true][pred] */
    int test[MET_K * MET_K];
    long stamp;                  /* session version counted, -1 none */
    struct timespec when;
} met_state;

static int met_open(tui_view *v)
{
    met_state *m = v->mode_state[MODE_METRICS];
    m->stamp = -1;
    return 0;
}

static void met_count(tui_view *v, met_state *m)
{
    session *s = v->s;
    struct timespec now;
    view_now(&now);
    if (m->stamp == s->version)
        return;
    if (v->playing && m->stamp >= 0 && view_elapsed(&m->when, &now) < 0.25)
        return;
    m->k = session_is_classifier(s) ? session_confusion(s, false, m->train) : 0;
    if (m->k > MET_K)
        m->k = 0;
    if (m->k > 0 && s->data.n_test > 0)
        session_confusion(s, true, m->test);
    m->stamp = s->version;
    m->when = now;
}

static void met_class_name(const session *s, int c, char *buf, size_t len)
{
    if (s->data.class_names[c][0])
        snprintf(buf, len, "%s", s->data.class_names[c]);
    else
        snprintf(buf, len, "%d", c);
}

/* One confusion matrix at (y, x); returns its height. The columns are as
 * wide as the longest class name (at most 8) or the largest count. */
static int met_matrix(tui_view *v, WINDOW *w, int y, int x, int wd,
                      const char *title, const int *counts, int k, int rows)
{
    const session *s = v->s;
    char name[DS_LABEL_MAX + 8];
    int lw = 4, cw = 5;
    for (int c = 0; c < k; c++) {
        met_class_name(s, c, name, sizeof name);
        int n = (int)strlen(name);
        if (n > lw)
            lw = n;
    }
    if (lw > 10)
        lw = 10;
    int big = 0;
    for (int q = 0; q < k * k; q++)
        if (counts[q] > big)
            big = counts[q];
    char num[32];
    snprintf(num, sizeof num, "%d", big);
    cw = (int)strlen(num) + 1;
    for (int c = 0; c < k; c++) {
        met_class_name(s, c, name, sizeof name);
        int n = (int)strlen(name) + 1;
        if (n > cw)
            cw = n;
    }
    if (cw > 9)
        cw = 9;
    /* as many predicted columns as fit */
    int fit = (wd - lw - 2 - 8) / cw;
    int show = k < fit ? k : fit;
    if (show < 1)
        show = 1;
    int h = 0;
    view_print(v, w, y + h++, x, ROLE_TITLE, "%s (%d rows)", title, rows);
    view_print(v, w, y + h, x + lw + 2, ROLE_DIM, "predicted:");
    h++;
    view_print(v, w, y + h, x, ROLE_DIM, "true");
    int xx = x + lw + 2;
    for (int c = 0; c < show; c++) {
        met_class_name(s, c, name, sizeof name);
        view_print(v, w, y + h, xx + c * cw, ROLE_KEY, "%*.*s", cw, cw - 1, name);
    }
    view_print(v, w, y + h, xx + show * cw, ROLE_DIM, "%s", show < k ? "  ..." :
                                                             "  right");
    h++;
    for (int t = 0; t < k; t++) {
        met_class_name(s, t, name, sizeof name);
        view_print(v, w, y + h, x, ROLE_KEY, "%-*.*s", lw, lw, name);
        int row_total = 0;
        for (int c = 0; c < k; c++)
            row_total += counts[t * k + c];
        for (int c = 0; c < show; c++) {
            int n = counts[t * k + c];
            style_role r = c == t ? (n ? ROLE_POS : ROLE_DIM) : (n ? ROLE_BAD : ROLE_DIM);
            view_print(v, w, y + h, xx + c * cw, r, "%*d", cw, n);
        }
        if (show == k) {
            if (row_total > 0)
                view_print(v, w, y + h, xx + show * cw, ROLE_DIM, "  %3.0f%%",
                           100.0 * counts[t * k + t] / row_total);
            else
                view_print(v, w, y + h, xx + show * cw, ROLE_DIM, "     -");
        }
        h++;
    }
    return h;
}

static void met_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    session *s = v->s;
    met_state *m = v->mode_state[MODE_METRICS];
    style_rule(w, &v->st, 0, 0, wd, session_is_classifier(s)
                                        ? "Metrics: accuracy and the confusion matrix"
                                        : "Metrics: the losses (regression)",
               true);
    if (!m)
        return;
    met_count(v, m);
    session_metrics mt = view_metrics(v);
    char a[32], b[32];
    int y = 2;
    const char *lname = s->cfg.model == MODEL_PERCEPTRON ? "mean |error|"
                                                         : loss_name(s->cfg.loss);
    fmt_val(a, sizeof a, mt.train_loss);
    if (isfinite(mt.train_acc))
        snprintf(b, sizeof b, "%.1f%%", 100 * mt.train_acc);
    else
        snprintf(b, sizeof b, "-");
    view_print(v, w, y++, 1, ROLE_NORMAL, "train   %6d rows   loss (%s) %-10s %s%s",
               s->data.n_train, lname, a, isfinite(mt.train_acc) ? "accuracy " : "",
               isfinite(mt.train_acc) ? b : "");
    if (s->data.n_test > 0) {
        fmt_val(a, sizeof a, mt.test_loss);
        if (isfinite(mt.test_acc))
            snprintf(b, sizeof b, "%.1f%%", 100 * mt.test_acc);
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "test    %6d rows   loss (%s) %-10s %s%s", s->data.n_test, lname, a,
                   isfinite(mt.test_acc) ? "accuracy " : "",
                   isfinite(mt.test_acc) ? b : "");
    } else {
        view_print(v, w, y++, 1, ROLE_DIM, "test    no test rows in this dataset");
    }
    view_print(v, w, y++, 1, ROLE_DIM, "epoch %ld, the weights as they are now", s->epoch);
    y++;
    if (m->k <= 0) {
        if (!session_is_classifier(s)) {
            /* regression: the best epoch so far */
            long best = -1;
            for (long e = 0; e < s->hist_len; e++)
                if (isfinite(s->hist_train[e]) &&
                    (best < 0 || s->hist_train[e] < s->hist_train[best]))
                    best = e;
            if (best >= 0) {
                fmt_val(a, sizeof a, s->hist_train[best]);
                view_print(v, w, y++, 1, ROLE_NORMAL,
                           "lowest training loss %s, at epoch %ld", a, best + 1);
            }
            view_print(v, w, y++, 1, ROLE_DIM,
                       "a regression has no classes: no accuracy, no confusion matrix");
        }
        return;
    }
    /* the two matrices side by side when they fit, else one under the other */
    int half = wd / 2;
    int need = 2 + 12 + m->k * 6 + 8;
    bool side = s->data.n_test > 0 && need <= half;
    int used = met_matrix(v, w, y, 1, side ? half - 2 : wd - 2, "train", m->train,
                          m->k, s->data.n_train);
    if (s->data.n_test > 0) {
        if (side)
            met_matrix(v, w, y, half, half - 1, "test", m->test, m->k, s->data.n_test);
        else if (y + used + 1 + m->k + 4 <= h)
            met_matrix(v, w, y + used + 1, 1, wd - 2, "test", m->test, m->k,
                       s->data.n_test);
        else
            view_print(v, w, y + used + 1, 1, ROLE_DIM,
                       "(the test matrix needs a taller window)");
    }
}

const view_mode_ops mode_metrics_ops = {
    .name = "metrics",
    .title = "Metrics",
    .state_size = sizeof(met_state),
    .open = met_open,
    .draw = met_draw,
    .about = "space trains an epoch; the numbers follow",
};
