/* mode_sweep.c - the Learning-rate sweep: the screen's network copied five
 * times, each back at the same initial weights and given its own rate from
 * the ladder (decades or neighbouring rungs around the current rate),
 * trained together; the loss curves overlaid with a letter each, diverged
 * runs marked, the best run named. The screen's own session is not
 * touched by this view's keys. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/action.h"
#include "tui/mode_common.h"
#include "tui/view.h"

#define SWEEP_N 5

/* The decades of the ladder, as ladder rungs: 1e-5 .. 10. */
static const int sweep_decades[] = {0, 1, 2, 4, 6, 8, 10};
#define SWEEP_N_DECADES ((int)(sizeof sweep_decades / sizeof sweep_decades[0]))

typedef struct {
    session run[SWEEP_N];
    int n;                  /* runs built */
    double lr[SWEEP_N];
    bool decades;           /* decade steps, else neighbouring rungs */
    int start;              /* first rate: index into the decades or the ladder */
    mode_sig sig;           /* the screen's session the runs were made from */
    double owed;            /* epochs owed to the play speed */
    struct timespec last;
    mode_metrics met[SWEEP_N];
} sweep_state;

static sweep_state *sweep_get(tui_view *v) { return v->mode_state[MODE_SWEEP]; }

static int sweep_list_len(const sweep_state *w)
{
    return w->decades ? SWEEP_N_DECADES : LR_LADDER_N;
}

static double sweep_rate(const sweep_state *w, int k)
{
    int i = w->start + k;
    return lr_ladder(w->decades ? sweep_decades[i] : i);
}

static int sweep_clamp_start(const sweep_state *w, int start)
{
    int hi = sweep_list_len(w) - SWEEP_N;
    if (start > hi)
        start = hi;
    if (start < 0)
        start = 0;
    return start;
}

/* The window of five centred on the rate nearest to lr. */
static void sweep_centre(sweep_state *w, double lr)
{
    int rung = lr_ladder_nearest(lr);
    int centre = rung;
    if (w->decades) {
        double best = INFINITY;
        for (int i = 0; i < SWEEP_N_DECADES; i++) {
            double d = fabs(log10(lr_ladder(sweep_decades[i])) - log10(lr_ladder(rung)));
            if (d < best) {
                best = d;
                centre = i;
            }
        }
    }
    w->start = sweep_clamp_start(w, centre - SWEEP_N / 2);
}

static void sweep_free_runs(sweep_state *w)
{
    for (int k = 0; k < w->n; k++)
        session_free(&w->run[k]);
    w->n = 0;
}

/* The five runs: copies of the screen's session, back at its initial
 * weights, each at its rate. 0, or -1 with a message. */
static int sweep_build(tui_view *v, sweep_state *w)
{
    char err[256];
    sweep_free_runs(w);
    for (int k = 0; k < SWEEP_N; k++) {
        session *r = &w->run[k];
        if (session_clone(r, v->s, err, sizeof err) < 0) {
            view_say(v, true, "the sweep could not copy the session: %s", err);
            sweep_free_runs(w);
            return -1;
        }
        w->n = k + 1;
        w->lr[k] = sweep_rate(w, k);
        session_replay(r);
        if (session_set_lr(r, w->lr[k]) < 0) {
            view_say(v, true, "%s", r->message);
            sweep_free_runs(w);
            return -1;
        }
        mode_metrics_init(&w->met[k]);
    }
    mode_sig_take(&w->sig, v->s);
    w->owed = 0;
    view_now(&w->last);
    return 0;
}

static int sweep_open(tui_view *v)
{
    sweep_state *w = sweep_get(v);
    w->decades = true;
    sweep_centre(w, v->s->cfg.lr);
    return sweep_build(v, w) < 0 ? -1 : 0;
}

static void sweep_close(tui_view *v)
{
    sweep_state *w = sweep_get(v);
    if (!w)
        return;
    sweep_free_runs(w);
}

/* The screen's session changed shape, data or settings: the runs are made
 * again from it, at the same rates. */
static void sweep_follow(tui_view *v, sweep_state *w)
{
    mode_sig now;
    mode_sig_take(&now, v->s);
    if (mode_sig_same(&now, &w->sig))
        return;
    if (sweep_build(v, w) == 0)
        view_say(v, false, "the network changed: the five runs start again");
}

/* The best run: the lowest last training loss among those not diverged;
 * -1 when none has trained. */
static int sweep_best(const sweep_state *w)
{
    int best = -1;
    for (int k = 0; k < w->n; k++) {
        const session *r = &w->run[k];
        if (r->status == SESSION_DIVERGED || r->hist_len < 1)
            continue;
        double l = r->hist_train[r->hist_len - 1];
        if (!isfinite(l))
            continue;
        if (best < 0 || l < w->run[best].hist_train[w->run[best].hist_len - 1])
            best = k;
    }
    return best;
}

static bool sweep_all_stopped(const sweep_state *w)
{
    for (int k = 0; k < w->n; k++)
        if (w->run[k].status != SESSION_DIVERGED)
            return false;
    return true;
}

/* ---- keys ---- */

static void sweep_step(tui_view *v, sweep_state *w, bool epoch)
{
    int moved = 0;
    for (int k = 0; k < w->n; k++) {
        session *r = &w->run[k];
        if (r->status == SESSION_DIVERGED)
            continue;
        if ((epoch ? session_step_epoch(r) : session_step_batch(r)) == 0)
            moved++;
    }
    if (!moved)
        view_say(v, true, "every run has diverged: press - to move the rates "
                          "down, or R to start them again");
}

static void sweep_shift(tui_view *v, sweep_state *w, int dir)
{
    int start = sweep_clamp_start(w, w->start + dir);
    if (start == w->start) {
        view_say(v, true, "the ladder ends here");
        return;
    }
    w->start = start;
    sweep_build(v, w);
}

static void sweep_sync(tui_view *v)
{
    sweep_state *w = sweep_get(v);
    if (w && w->n >= SWEEP_N)
        sweep_follow(v, w);
}

static bool sweep_handle_action(tui_view *v, int action)
{
    sweep_state *w = sweep_get(v);
    if (!w)
        return false;
    if (w->n < SWEEP_N)
        return false;
    switch ((tui_action)action) {
    case ACTION_TRAIN_EPOCH:
        sweep_step(v, w, true);
        return true;
    case ACTION_TRAIN_STEP:
        sweep_step(v, w, false);
        return true;
    case ACTION_PLAY:
        if (!v->playing && sweep_all_stopped(w)) {
            view_say(v, true, "every run has diverged: press - or R first");
            return true;
        }
        view_set_playing(v, !v->playing);
        w->owed = 0;
        view_now(&w->last);
        return true;
    case ACTION_RESET:
    case ACTION_REPLAY: {
        uint64_t seed = w->run[0].cfg.seed + 1;
        for (int k = 0; k < w->n; k++)
            view_session_command(&w->run[k], (tui_action)action, seed);
        if (action == ACTION_RESET)
            view_say(v, false, "five runs from new initial weights (seed %llu)",
                     (unsigned long long)seed);
        else
            view_say(v, false, "five runs back at the same initial weights");
        return true;
    }
    case ACTION_LR_UP:
    case ACTION_RATES_UP:
        sweep_shift(v, w, 1);
        return true;
    case ACTION_LR_DOWN:
    case ACTION_RATES_DOWN:
        sweep_shift(v, w, -1);
        return true;
    case ACTION_SPACING: {
        double mid = w->lr[SWEEP_N / 2];
        w->decades = !w->decades;
        sweep_centre(w, mid);
        sweep_build(v, w);
        view_say(v, false, "rates %s", w->decades ? "a decade apart"
                                                  : "on neighbouring rungs");
        return true;
    }
    default:
        return false;
    }
}

/* Trains the runs at the play speed, the one furthest behind first, within
 * the budget. */
static void sweep_tick(tui_view *v, double budget)
{
    sweep_state *w = sweep_get(v);
    if (!w || w->n < SWEEP_N)
        return;
    sweep_follow(v, w);
    struct timespec start, now;
    view_now(&start);
    double dt = view_elapsed(&w->last, &start);
    w->last = start;
    double speed = view_speed(v);
    if (speed > 0) {
        w->owed += speed * dt;
        if (w->owed > speed * 0.25 + 1)
            w->owed = speed * 0.25 + 1;
    }
    double base = INFINITY;
    for (int k = 0; k < w->n; k++)
        if (w->run[k].status != SESSION_DIVERGED) {
            double p = mode_progress(&w->run[k]);
            if (p < base)
                base = p;
        }
    if (!isfinite(base)) {
        view_set_playing(v, false);
        view_say(v, true, "every run has diverged");
        return;
    }
    double target = speed > 0 ? base + w->owed : INFINITY;
    for (;;) {
        int lag = -1;
        for (int k = 0; k < w->n; k++) {
            session *r = &w->run[k];
            if (r->status == SESSION_DIVERGED || mode_progress(r) >= target)
                continue;
            if (lag < 0 || mode_progress(r) < mode_progress(&w->run[lag]))
                lag = k;
        }
        if (lag < 0)
            break;
        session_step_batch(&w->run[lag]);
        view_now(&now);
        if (view_elapsed(&start, &now) >= budget)
            break;
    }
    double after = INFINITY;
    for (int k = 0; k < w->n; k++)
        if (w->run[k].status != SESSION_DIVERGED) {
            double p = mode_progress(&w->run[k]);
            if (p < after)
                after = p;
        }
    if (speed > 0 && isfinite(after))
        w->owed -= after - base;
    else
        w->owed = 0;
    v->dirty = true;
}

/* ---- drawing ---- */

static void sweep_legend_line(tui_view *v, WINDOW *win, sweep_state *w, int k,
                              int best, int y, int x, int width)
{
    session *r = &w->run[k];
    char lr[32], l[32], buf[160];
    mode_fmt_lr(lr, sizeof lr, w->lr[k]);
    int col = mode_curve_color(v, k);
    short pr = col >= 0 ? style_pair(&v->st, col, -1) : 0;
    char letter = (char)('a' + k);
    style_put(win, &v->st, y, x, 0, letter, A_BOLD, pr);
    int at = x + 2;
    snprintf(buf, sizeof buf, "lr %-7s", lr);
    at += mode_text(v, win, y, at, ROLE_NORMAL, buf);
    if (r->status == SESSION_DIVERGED) {
        snprintf(buf, sizeof buf, " x diverged at epoch %ld", r->diverged_epoch);
        mode_text(v, win, y, at, ROLE_BAD, buf);
        return;
    }
    session_metrics m = mode_metrics_get(&w->met[k], r, v->playing);
    if (r->hist_len > 0)
        fmt_val(l, sizeof l, r->hist_train[r->hist_len - 1]);
    else
        snprintf(l, sizeof l, "-");
    snprintf(buf, sizeof buf, " loss %-9s", l);
    at += mode_text(v, win, y, at, ROLE_NORMAL, buf);
    if (session_is_classifier(r) && isfinite(m.train_acc) && at - x + 9 <= width) {
        snprintf(buf, sizeof buf, " acc %3.0f%%", 100 * m.train_acc);
        at += mode_text(v, win, y, at, ROLE_DIM, buf);
    }
    if (k == best && at - x + 7 <= width)
        at += mode_text(v, win, y, at, ROLE_POS, " * best");
    /* the engine's word for the run, as on the main screen's status line */
    if (r->status != SESSION_LEARNING) {
        snprintf(buf, sizeof buf, " %s", session_status_name(r->status));
        if (at - x + (int)strlen(buf) <= width)
            mode_text(v, win, y, at,
                      r->status == SESSION_CONVERGED ? ROLE_DIM : ROLE_BAD, buf);
    }
}

static void sweep_draw(tui_view *v, WINDOW *win, int h, int wd)
{
    sweep_state *w = sweep_get(v);
    if (!w || w->n < SWEEP_N) {
        style_rule(win, &v->st, 0, 0, wd, "Learning-rate sweep", true);
        mode_text(v, win, 2, 1, ROLE_BAD, "no runs");
        return;
    }
    char desc[96], title[256], buf[200];
    mode_describe(&w->run[0], desc, sizeof desc);
    long epoch = 0;
    for (int k = 0; k < w->n; k++)
        if (w->run[k].epoch > epoch)
            epoch = w->run[k].epoch;
    snprintf(title, sizeof title,
             "Learning-rate sweep: %s on %s, one start (seed %llu), five rates",
             desc, w->run[0].data.name, (unsigned long long)w->run[0].cfg.seed);
    style_rule(win, &v->st, 0, 0, wd, title, true);
    int best = sweep_best(w);
    /* the best run named on the second row */
    if (best >= 0) {
        char lr[32], l[32];
        mode_fmt_lr(lr, sizeof lr, w->lr[best]);
        fmt_val(l, sizeof l, w->run[best].hist_train[w->run[best].hist_len - 1]);
        snprintf(buf, sizeof buf, "best: lr %s (loss %s after %ld epochs)", lr, l,
                 w->run[best].epoch);
        mode_text(v, win, 1, 1, ROLE_POS, buf);
    } else if (epoch == 0) {
        mode_text(v, win, 1, 1, ROLE_DIM,
                  "space: one epoch for every run, p: play; the same start each");
    } else {
        mode_text(v, win, 1, 1, ROLE_BAD, "best: none (every run diverged)");
    }
    snprintf(buf, sizeof buf, "epoch %ld  %s", epoch,
             w->decades ? "decades" : "neighbours");
    mode_text_right(v, win, 1, wd - 1, ROLE_DIM, buf);
    /* legend beside the plot when wide, else under it */
    bool side = wd >= 110;
    int legend_w = side ? 46 : wd - 2;
    int plot_h = side ? h - 3 : h - 3 - SWEEP_N;
    int plot_w = side ? wd - legend_w - 3 : wd - 2;
    if (plot_h < 4) {
        side = false;
        plot_h = h - 3 - SWEEP_N;
    }
    for (int k = 0; k < w->n; k++) {
        int ly = side ? 3 + k : 2 + plot_h + 1 + k;
        int lx = side ? plot_w + 3 : 1;
        if (ly < h)
            sweep_legend_line(v, win, w, k, best, ly, lx, legend_w);
    }
    if (side && 3 + SWEEP_N + 1 < h)
        mode_text(v, win, 3 + SWEEP_N + 1, plot_w + 3, ROLE_DIM,
                  "log scale; x: where a run diverged");
    mode_curve cv[SWEEP_N];
    for (int k = 0; k < w->n; k++) {
        session *r = &w->run[k];
        cv[k].h = r->hist_train;
        cv[k].n = r->hist_len;
        cv[k].color = mode_curve_color(v, k);
        cv[k].letter = (char)('a' + k);
        cv[k].clip = r->status == SESSION_DIVERGED;
        cv[k].mark = r->status == SESSION_DIVERGED ? r->diverged_epoch : 0;
    }
    if (plot_h >= 2)
        mode_plot_curves(v, win, 2, 1, plot_h + 1, plot_w, cv, w->n, true);
}

int mode_sweep_runs(const tui_view *v, const session **runs, double *lrs)
{
    const sweep_state *w = v->mode == MODE_SWEEP ? v->mode_state[MODE_SWEEP] : NULL;
    if (!w)
        return 0;
    for (int k = 0; k < w->n; k++) {
        if (runs)
            runs[k] = &w->run[k];
        if (lrs)
            lrs[k] = w->lr[k];
    }
    return w->n;
}

int mode_sweep_best(const tui_view *v)
{
    const sweep_state *w = v->mode == MODE_SWEEP ? v->mode_state[MODE_SWEEP] : NULL;
    return w ? sweep_best(w) : -1;
}

static const key_binding sweep_keys[] = {
    {KEY_LEFT, ACTION_RATES_DOWN},
    {KEY_RIGHT, ACTION_RATES_UP},
    {KEY_UP, ACTION_SPACING},
    {KEY_DOWN, ACTION_SPACING},
    {0, ACTION_NONE},
};

const view_mode_ops mode_sweep_ops = {
    .name = "sweep",
    .title = "Learning-rate sweep",
    .state_size = sizeof(sweep_state),
    .open = sweep_open,
    .close = sweep_close,
    .draw = sweep_draw,
    .keys = sweep_keys,
    .handle_action = sweep_handle_action,
    .sync = sweep_sync,
    .tick = sweep_tick,
    .own_play = true,
    .about = "space n p r R + -: all five runs",
};
