/* session_judge.c - the state of a run and its one-line reason: converged,
 * cycling, stalled (with its cause) or learning, judged at every epoch's
 * end and after every change (the rules are in session_judge.h). */
#include "engine/session_judge.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reason(session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->reason, sizeof s->reason, fmt, ap);
    va_end(ap);
}

void session_judge_reset(session *s)
{
    s->judge_since = s->hist_len;
    s->cycle_epochs = s->cycle_steps = 0;
    if (s->status != SESSION_DIVERGED) {
        s->status = SESSION_LEARNING;
        reason(s, "epoch %ld: nothing judged yet", s->epoch);
    }
}

/* Training rows wrong at the current weights (classifiers), without
 * touching the values the last step left in the network. Past
 * JUDGE_SCAN_ROWS rows (a pass that would hold up a time slice) the rows
 * the epoch got wrong stand in for them. */
static int rows_wrong_now(session *s)
{
    if (s->data.n_train > JUDGE_SCAN_ROWS)
        return s->epoch_wrong;
    int wrong = 0;
    for (int done = 0; done < s->data.n_train; done += SESSION_CHUNK) {
        int rows = s->data.n_train - done < SESSION_CHUNK ? s->data.n_train - done
                                                          : SESSION_CHUNK;
        net_eval(&s->net, s->inputs + (size_t)done * s->n_in, rows, -1,
                 s->eval_out, s->eval_work);
        for (int r = 0; r < rows; r++)
            wrong += session_class_of(s, s->eval_out + (size_t)r * s->n_out) !=
                     (int)s->data.y[done + r];
    }
    return wrong;
}

/* Goes through the hidden layers for every training row: per hidden layer
 * the units dead on every row (pre-activation <= 0) and the share of
 * unit-row pairs where the activation's slope is under 1% of its slope at
 * 0 (the flat tails of sigmoid and tanh). */
typedef struct {
    int dead[NET_MAX_LAYERS];
    double flat[NET_MAX_LAYERS];
} judge_units;

static int scan_units(const session *s, judge_units *u)
{
    const net *n = &s->net;
    int widest = n->n_inputs;
    for (int l = 0; l < n->n_layers; l++)
        if (n->layer[l].n_out > widest)
            widest = n->layer[l].n_out;
    double *a = malloc(2 * (size_t)widest * sizeof *a);
    unsigned char *alive = calloc((size_t)(n->n_layers * widest) + 1, 1);
    if (!a || !alive) {
        free(a);
        free(alive);
        return -1;
    }
    long flat[NET_MAX_LAYERS] = {0};
    /* every row, or an even spread of JUDGE_SCAN_ROWS of them */
    int step = (s->data.n_train + JUDGE_SCAN_ROWS - 1) / JUDGE_SCAN_ROWS;
    if (step < 1)
        step = 1;
    long seen = 0;
    for (int r = 0; r < s->data.n_train; r += step, seen++) {
        const double *in = s->inputs + (size_t)r * s->n_in;
        double *cur = a, *next = a + widest;
        memcpy(cur, in, (size_t)n->n_inputs * sizeof *cur);
        for (int l = 0; l + 1 < n->n_layers; l++) {
            const net_layer *L = &n->layer[l];
            double d0 = act_derivative(L->act, 0.0);
            for (int j = 0; j < L->n_out; j++) {
                double z = L->b[j];
                const double *w = L->w + (size_t)j * L->n_in;
                for (int i = 0; i < L->n_in; i++)
                    z += w[i] * cur[i];
                if (z > 0)
                    alive[l * widest + j] = 1;
                if (d0 > 0 && fabs(act_derivative(L->act, z)) < 0.01 * d0)
                    flat[l]++;
                next[j] = act_value(L->act, z);
            }
            double *t = cur;
            cur = next;
            next = t;
        }
    }
    for (int l = 0; l + 1 < n->n_layers; l++) {
        int dead = 0;
        for (int j = 0; j < n->layer[l].n_out; j++)
            dead += !alive[l * widest + j];
        u->dead[l] = dead;
        long pairs = seen * n->layer[l].n_out;
        u->flat[l] = pairs > 0 ? (double)flat[l] / pairs : 0;
    }
    free(a);
    free(alive);
    return 0;
}

int session_dead_units(const session *s, int l)
{
    if (l < 0 || l + 1 >= s->net.n_layers)
        return -1;
    judge_units u;
    if (scan_units(s, &u) < 0)
        return -1;
    return u.dead[l];
}

static bool relu_like(act_kind k) { return k == ACT_RELU; }

/* The cause of a stall, in the reason. true when one was found among the
 * units (dead or saturated); otherwise the gradient decides. */
static bool stall_cause_units(session *s, bool dead_only)
{
    judge_units u;
    if (scan_units(s, &u) < 0)
        return false;
    for (int l = 0; l + 1 < s->net.n_layers; l++) {
        const net_layer *L = &s->net.layer[l];
        if (relu_like(L->act) && u.dead[l] == L->n_out) {
            if (l > 0 && relu_like(s->net.layer[0].act))
                reason(s, "%d of %d ReLU units in layer %d are dead, %d of %d "
                          "in layer 1: no gradient passes", u.dead[l],
                       L->n_out, l + 1, u.dead[0], s->net.layer[0].n_out);
            else
                reason(s, "%d of %d ReLU units in layer %d are dead: no "
                          "gradient passes them", u.dead[l], L->n_out, l + 1);
            return true;
        }
    }
    if (dead_only)
        return false;
    for (int l = 0; l + 1 < s->net.n_layers; l++)
        if (s->net.layer[l].act == ACT_STEP) {
            reason(s, "the step units in layer %d have slope 0: no gradient "
                      "passes them", l + 1);
            return true;
        }
    for (int l = 0; l + 1 < s->net.n_layers; l++) {
        const net_layer *L = &s->net.layer[l];
        if ((L->act == ACT_SIGMOID || L->act == ACT_TANH) &&
            u.flat[l] >= JUDGE_SATURATED) {
            reason(s, "%s units saturated: %.0f%% of layer %d's outputs sit "
                      "in the flat tails", act_name(L->act), 100 * u.flat[l],
                   l + 1);
            return true;
        }
    }
    return false;
}

static double grad_norm(const session *s)
{
    double g2 = 0;
    for (size_t p = 0; p < s->net.n_params; p++)
        g2 += s->net.grads[p] * s->net.grads[p];
    return sqrt(g2);
}

/* The rows the epoch got wrong, as words (full batch: at the weights the
 * epoch started from, which are the last epoch's end). */
static void epoch_words(const session *s, char *buf, size_t len)
{
    if (s->epoch_wrong == 0)
        snprintf(buf, len, "the epoch got every point right");
    else
        snprintf(buf, len, "the epoch got %d of %d points wrong", s->epoch_wrong,
                 s->data.n_train);
}

/* What the judge costs stays small beside an epoch of a tiny network: the
 * weights now are evaluated only on the way into a verdict, the units
 * scanned at most every JUDGE_WINDOW epochs, and a verdict that nothing
 * has changed since is kept. */
static void judge_mlp(session *s)
{
    bool classify = session_is_classifier(s);
    long n = s->hist_len, seen = n - s->judge_since;
    double now = n > 0 ? s->hist_train[n - 1] : NAN;
    char words[64];
    if (seen <= JUDGE_WINDOW) {
        s->status = SESSION_LEARNING;
        if (classify) {
            epoch_words(s, words, sizeof words);
            reason(s, "epoch %ld: %s", s->epoch, words);
        } else {
            reason(s, "epoch %ld: the loss is judged after %d epochs", s->epoch,
                   JUDGE_WINDOW);
        }
        return;
    }
    double old = s->hist_train[n - 1 - JUDGE_WINDOW];
    double fell = old != 0 ? (old - now) / fabs(old) : 0;
    bool still = fabs(fell) < JUDGE_STILL;
    bool full = s->cfg.batch <= 0 || s->cfg.batch >= s->data.n_train;
    /* a converged classifier stays so while its epochs get every point
     * right (the next epoch's count is taken at these weights) */
    if (classify && s->status == SESSION_CONVERGED && s->epoch_wrong == 0 &&
        fabs(old - now) < JUDGE_SETTLED)
        return;
    if (!classify && s->status == SESSION_CONVERGED && still)
        return;
    if (classify && s->epoch_wrong == 0 && fabs(old - now) < JUDGE_SETTLED &&
        rows_wrong_now(s) == 0) {
        s->status = SESSION_CONVERGED;
        reason(s, "every point right; the loss moves less than %g in %d epochs",
               JUDGE_SETTLED, JUDGE_WINDOW);
        return;
    }
    bool slow = fabs(fell) < JUDGE_SLOW && (!classify || s->epoch_wrong > 0);
    /* a stall found in the last JUDGE_WINDOW epochs stands while the loss
     * stays slow: its scan is not taken again every epoch */
    if (s->status == SESSION_STALLED && slow && seen % JUDGE_WINDOW != 0)
        return;
    /* a whole layer of dead ReLU units is a stall as soon as it is seen,
     * even while the layers after it still fit their biases; looked for
     * when the loss is slow */
    if (!still && slow) {
        s->status = SESSION_STALLED;
        if (stall_cause_units(s, true))
            return;
    }
    if (still) {
        s->status = SESSION_STALLED;
        if (stall_cause_units(s, false))
            return;
        double g = grad_norm(s);
        if (!classify && (!full || g < JUDGE_GRAD_FLAT)) {
            s->status = SESSION_CONVERGED;
            reason(s, "the loss moved only %.3f%% in %d epochs",
                   100 * fabs(fell), JUDGE_WINDOW);
        } else if (!full) {
            reason(s, "loss fell %.3f%% in the last %d epochs with %d of %d "
                      "points wrong", 100 * fell, JUDGE_WINDOW, rows_wrong_now(s),
                   s->data.n_train);
        } else if (g < JUDGE_GRAD_FLAT) {
            reason(s, "gradient near zero (%.1e) with points wrong: a flat "
                      "region or a local minimum", g);
        } else {
            reason(s, "learning rate too small: loss fell %.3f%% in the last "
                      "%d epochs", 100 * fell, JUDGE_WINDOW);
        }
        return;
    }
    s->status = SESSION_LEARNING;
    if (classify) {
        epoch_words(s, words, sizeof words);
        reason(s, "loss %s %.*f%% in the last %d epochs; %s",
               fell >= 0 ? "fell" : "rose", fabs(fell) < 0.01 ? 3 : 1,
               100 * fabs(fell), JUDGE_WINDOW, words);
    } else {
        reason(s, "loss %s %.*f%% in the last %d epochs",
               fell >= 0 ? "fell" : "rose", fabs(fell) < 0.01 ? 3 : 1,
               100 * fabs(fell), JUDGE_WINDOW);
    }
}

/* The perceptron's rule taken on from the weights now (an epoch's end),
 * through the rows in the epoch's order (the perceptron's order never
 * changes), as the session takes it: w -= lr * (-error * x). Returns the
 * first number of whole epochs after which the weights are back where
 * they are now after making mistakes (the run then repeats for ever), or 0
 * when they are not back within `bound` epochs or an epoch goes by without
 * a mistake (the next epoch converges). */
static long perceptron_cycle_epochs(const session *s, long bound)
{
    const net_layer *L = &s->net.layer[0];
    int n_in = L->n_in, n = s->data.n_train;
    double *w = malloc((size_t)(n_in + 1) * sizeof *w);
    if (!w || n < 1) {
        free(w);
        return 0;
    }
    memcpy(w, L->w, (size_t)n_in * sizeof *w);
    w[n_in] = L->b[0];
    long found = 0;
    for (long e = 1; e <= bound && !found; e++) {
        bool wrong = false;
        for (int k = 0; k < n; k++) {
            int row = s->order[k];
            const double *x = s->inputs + (size_t)row * n_in;
            double z = w[n_in];
            for (int i = 0; i < n_in; i++)
                z += w[i] * x[i];
            double err = s->targets[row] - act_value(ACT_STEP, z);
            wrong |= err != 0;
            for (int i = 0; i < n_in; i++)
                w[i] -= s->cfg.lr * (-err * x[i]);
            w[n_in] -= s->cfg.lr * (-err);
        }
        bool back = w[n_in] == L->b[0];
        for (int i = 0; back && i < n_in; i++)
            back = w[i] == L->w[i];
        if (!wrong)
            break; /* an epoch without a mistake: it converges instead */
        if (back)
            found = e;
    }
    free(w);
    return found;
}

static void judge_perceptron(session *s)
{
    if (s->epoch_wrong == 0) {
        s->status = SESSION_CONVERGED;
        reason(s, "an epoch without a mistake: every point is classified right");
        return;
    }
    /* the rule is deterministic and nothing changed since (a change starts
     * the judge again): a cycle found goes on */
    if (s->status == SESSION_CYCLING)
        return;
    /* a cycle of at most SESSION_CYCLE_EPOCHS epochs, once entered, is
     * found from any of its epoch ends: after the first epochs since a
     * change it is looked for every SESSION_CYCLE_EPOCHS epochs only */
    long seen = s->hist_len - s->judge_since;
    long back = seen <= SESSION_CYCLE_EPOCHS || seen % SESSION_CYCLE_EPOCHS == 0
                    ? perceptron_cycle_epochs(s, SESSION_CYCLE_EPOCHS)
                    : 0;
    if (back > 0) {
        s->status = SESSION_CYCLING;
        s->cycle_epochs = back;
        s->cycle_steps = back * s->data.n_train;
        if (back == 1)
            reason(s, "weights repeat every epoch (%ld steps): no line "
                      "separates these classes", s->cycle_steps);
        else
            reason(s, "weights repeat every %ld epochs (%ld steps): no line "
                      "separates these classes", back, s->cycle_steps);
        return;
    }
    s->status = SESSION_LEARNING;
    reason(s, "epoch %ld: %d mistake%s on %d points, the rule moved the weights",
           s->epoch, s->epoch_wrong, s->epoch_wrong == 1 ? "" : "s",
           s->data.n_train);
}

void session_judge_epoch(session *s)
{
    if (s->status == SESSION_DIVERGED)
        return;
    if (s->cfg.model == MODEL_PERCEPTRON)
        judge_perceptron(s);
    else
        judge_mlp(s);
}

void session_judge_change(session *s, const char *what)
{
    s->judge_since = s->hist_len;
    s->cycle_epochs = s->cycle_steps = 0;
    if (s->status == SESSION_DIVERGED)
        return;
    if (s->status == SESSION_CONVERGED && session_is_classifier(s) &&
        s->data.n_train > 0) {
        int wrong = rows_wrong_now(s);
        if (wrong == 0) {
            reason(s, "%s: every point is still right", what);
            return;
        }
        s->status = SESSION_LEARNING;
        reason(s, "%s: %d of %d points wrong now, no longer converged", what,
               wrong, s->data.n_train);
        return;
    }
    s->status = SESSION_LEARNING;
    reason(s, "%s: judging again from the next epochs", what);
}
