/* playground.c - the playground's controls as keys (see playground.h). The
 * generated sets are made again from the view's generator options, so the
 * same noise and seed give the same points; a file's data keeps its rows. */
#include "tui/playground.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/lr_ladder.h"
#include "engine/session_fit.h"

static const double pg_noises[] = {0, 0.05, 0.1, 0.2, 0.3, 0.5};
static const double pg_shares[] = {0, 0.1, 0.2, 0.3, 0.5};
static const int pg_batches[] = {1, 10, 32, 0};
#define PG_N(a) ((int)(sizeof a / sizeof a[0]))

/* The index after the one nearest to x in a ladder of n values. */
static int pg_next(const double *ladder, int n, double x)
{
    int best = 0;
    for (int k = 1; k < n; k++)
        if (fabs(ladder[k] - x) < fabs(ladder[best] - x))
            best = k;
    return (best + 1) % n;
}

/* True when the session's data is a generated built-in set (its noise,
 * sample, test share and task can change); else says why not, naming the
 * control (`what`) that cannot apply, in a line that fits 80 columns. */
static bool pg_generated(tui_view *v, const char *what)
{
    if (v->dataset_index >= 0 && ds_builtin_is_generated(ds_builtin_name(v->dataset_index)))
        return true;
    view_say(v, true, "%.20s is a fixed set: %s is for the generated ones (d picks one)",
             v->s->data.name, what);
    return false;
}

/* Makes the built-in set again from v->gen (and the task override) and
 * puts it in the session; play goes on if it was on. */
static int pg_remake(tui_view *v)
{
    ds_dataset d;
    const char *name = ds_builtin_name(v->dataset_index);
    if (ds_builtin(&d, name, &v->gen) < 0) {
        ds_free(&d);
        view_say(v, true, "could not make the %s dataset", name);
        return -1;
    }
    if (v->regress && d.task == DS_BINARY) {
        d.task = DS_REGRESSION;
        d.n_classes = 0;
    }
    bool was_playing = v->playing;
    int rc = session_set_data(v->s, &d);
    view_after_command(v, rc);
    if (rc == 0 && was_playing && v->s->status != SESSION_DIVERGED)
        view_set_playing(v, true);
    return rc;
}

void pg_noise(tui_view *v, tui_action a)
{
    (void)a;
    if (!pg_generated(v, "the noise"))
        return;
    v->gen.noise = pg_noises[pg_next(pg_noises, PG_N(pg_noises), v->gen.noise)];
    if (pg_remake(v) == 0)
        view_say(v, false, "noise %g: the %s points made again, training "
                           "starts over", v->gen.noise, v->s->data.name);
}

void pg_resample(tui_view *v, tui_action a)
{
    (void)a;
    if (!pg_generated(v, "a new sample"))
        return;
    v->gen.seed++;
    if (pg_remake(v) == 0)
        view_say(v, false, "a new sample of %s (data seed %llu), training starts "
                           "over", v->s->data.name, (unsigned long long)v->gen.seed);
}

void pg_test_share(tui_view *v, tui_action a)
{
    (void)a;
    if (!pg_generated(v, "the test share"))
        return;
    v->gen.test_ratio = pg_shares[pg_next(pg_shares, PG_N(pg_shares), v->gen.test_ratio)];
    if (pg_remake(v) == 0)
        view_say(v, false, "test share %.0f%%: %d rows to learn from, %d held out",
                 v->gen.test_ratio * 100, v->s->data.n_train, v->s->data.n_test);
}

void pg_batch(tui_view *v, tui_action a)
{
    (void)a;
    int cur = v->s->cfg.batch, k = 0;
    for (int i = 0; i < PG_N(pg_batches); i++)
        if (pg_batches[i] == cur)
            k = i + 1;
    int b = pg_batches[k % PG_N(pg_batches)];
    int rc = session_set_batch(v->s, b);
    view_after_command(v, rc);
    if (rc == 0) {
        if (b == 0)
            view_say(v, false, "batch: full (every row each step), training continues");
        else if (b == 1)
            view_say(v, false, "batch 1: one row a step, training continues");
        else
            view_say(v, false, "batch %d: %d rows a step, training continues", b, b);
    }
}

/* The regularisation shown: 0 none, 1 L1, 2 L2, and its rate. */
static int pg_penalty_kind(const session *s, double *rate)
{
    *rate = s->cfg.l1 > 0 ? s->cfg.l1 : s->cfg.l2;
    return s->cfg.l1 > 0 ? 1 : s->cfg.l2 > 0 ? 2 : 0;
}

static void pg_set_penalty(tui_view *v, int kind, double rate)
{
    int rc = session_set_regularization(v->s, kind == 1 ? rate : 0,
                                        kind == 2 ? rate : 0);
    view_after_command(v, rc);
    if (rc == 0 && kind == 0)
        view_say(v, false, "no regularisation, training continues");
    else if (rc == 0)
        view_say(v, false, "%s %g: the loss now includes %s, training continues",
                 kind == 1 ? "L1" : "L2", rate,
                 kind == 1 ? "l1 * sum |w|" : "(l2 / 2) * sum w^2");
}

void pg_penalty(tui_view *v, tui_action a)
{
    (void)a;
    double rate;
    int kind = (pg_penalty_kind(v->s, &rate) + 1) % 3;
    if (!(rate > 0))
        rate = v->pen_rate > 0 ? v->pen_rate : 0.001;
    v->pen_rate = rate;
    pg_set_penalty(v, kind, rate);
}

void pg_penalty_rate(tui_view *v, tui_action a)
{
    double rate;
    int kind = pg_penalty_kind(v->s, &rate);
    if (kind == 0) {
        view_say(v, true, "no regularisation to change: P turns on L1, then L2");
        return;
    }
    rate = lr_ladder_next(rate, a == ACTION_PENALTY_UP ? 1 : -1);
    v->pen_rate = rate;
    pg_set_penalty(v, kind, rate);
}

static const char *const pg_feature_names[PREP_FEATURE_COUNT] = {
    "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};

void pg_feature(tui_view *v, tui_action a)
{
    int k = (int)(a - ACTION_FEATURE_1);
    if (k < 0 || k >= PREP_FEATURE_COUNT)
        return;
    if (v->s->data.n_features != 2) {
        view_say(v, true, "derived features need two inputs; %s has %d",
                 v->s->data.name, v->s->data.n_features);
        return;
    }
    unsigned f = v->s->cfg.features ^ (1u << k);
    bool on = f & (1u << k);
    int rc = session_set_inputs(v->s, f, v->s->cfg.scale);
    view_after_command(v, rc);
    if (rc == 0)
        view_say(v, false, "%s %s: %d inputs, weights re-initialised, epoch 0",
                 pg_feature_names[k], on ? "on" : "off", v->s->net.n_inputs);
}

void pg_task(tui_view *v, tui_action a)
{
    (void)a;
    if (!pg_generated(v, "the task switch"))
        return;
    if (v->s->data.task == DS_MULTICLASS) {
        view_say(v, true, "%s has more than two classes: it stays a classification",
                 v->s->data.name);
        return;
    }
    bool was = v->regress;
    v->regress = !v->regress;
    if (pg_remake(v) < 0) {
        v->regress = was;
        return;
    }
    /* the output and the loss of the new task: a line fitted by squared
     * error, or a probability by cross-entropy */
    if (v->s->cfg.model == MODEL_MLP) {
        const session_fit_rule *fit =
            session_fit_rule_for(v->regress ? DS_REGRESSION : DS_BINARY);
        int rc = session_set_output_act(v->s, fit->output);
        if (rc == 0)
            rc = session_set_loss(v->s, fit->loss);
        view_after_command(v, rc);
        if (rc < 0)
            return;
    }
    if (v->s->data.task == DS_REGRESSION && !v->regress) {
        view_say(v, false, "%s is a regression set: it has no classes to learn",
                 v->s->data.name);
        return;
    }
    view_say(v, false, v->regress ? "regression: the label 0/1 as a number to fit, "
                                    "weights re-initialised"
                                  : "classification again, weights re-initialised");
}

void pg_describe(const tui_view *v, char *buf, size_t len)
{
    const session *s = v->s;
    size_t at = 0;
    buf[0] = '\0';
#define PG_ADD(...)                                                            \
    do {                                                                       \
        if (at < len)                                                          \
            at += (size_t)snprintf(buf + at, len - at, __VA_ARGS__);           \
    } while (0)
    if (v->dataset_index >= 0 && ds_builtin_is_generated(ds_builtin_name(v->dataset_index)))
        PG_ADD("noise %g  test %.0f%%", v->gen.noise, v->gen.test_ratio * 100);
    if (s->cfg.batch > 0)
        PG_ADD("%sbatch %d", at ? "  " : "", s->cfg.batch);
    double rate;
    int kind = pg_penalty_kind(s, &rate);
    if (kind)
        PG_ADD("%s%s %g", at ? "  " : "", kind == 1 ? "L1" : "L2", rate);
    for (int k = 0; k < PREP_FEATURE_COUNT; k++)
        if (s->cfg.features & (1u << k))
            PG_ADD("%s+%s", at ? "  " : "", pg_feature_names[k]);
#undef PG_ADD
}
