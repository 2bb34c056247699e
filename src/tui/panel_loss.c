/* panel_loss.c - the Loss panel: training and test loss over the epochs,
 * on a linear or log scale (`L`), through the curve plotter (braille dots
 * where the locale allows, ASCII marks otherwise); the current values,
 * and a mark where training diverged. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/plot.h"

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
    snprintf(buf, sizeof buf, "L %s", v->log_loss ? "lin" : "log");
    int right = p->cw - (int)strlen(buf);
    if (x + (int)strlen(buf) <= p->cw)
        panel_text(v, p, 0, right, ROLE_DIM, buf);
    const char *note = "now; curve: epoch means";
    if (s->hist_len && x + (int)strlen(note) + 2 <= right)
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
    plot_series c[2] = {
        {s->hist_train, s->hist_len, ROLE_TRAIN, -1, '*', false, -1, -1},
        {s->hist_test, s->hist_len, ROLE_TEST, -1, 'o', false, -1, -1}};
    plot_opts o = {.log = v->log_loss,
                   .kind = canvas_kind_for(&v->st, false),
                   .stack = true,
                   .thin = true,
                   .mid_label_rows = 3,
                   .epochs_word_w = 14,
                   .text_end = p->cx + p->cw,
                   .fit = true};
    plot_area a;
    bool drawn = plot_curves(v, p->win, p->cy + 1, p->cx, p->ch - 1, p->cw, c,
                             s->data.n_test > 0 ? 2 : 1, &o, &a);
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
