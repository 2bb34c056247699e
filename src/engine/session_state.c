/* session_state.c - a run's state exported as plain values and imported
 * back, checked, with the step in progress taken again so that the last
 * pass's values are there as they were. */
#include "engine/session_state.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void session_export_state(const session *s, session_state *st)
{
    memset(st, 0, sizeof *st);
    st->cfg = s->cfg;
    st->init_source = s->init_source;
    st->n_params = s->net.n_params;
    st->params = s->net.params;
    st->prev_params = s->prev_params;
    st->opt_kind = s->opt.kind;
    st->opt_lr = s->opt.lr;
    st->opt_t = s->opt.t;
    st->opt_m = s->opt.m;
    st->opt_v = s->opt.v;
    st->epoch = s->epoch;
    st->steps = s->steps;
    st->diverged_epoch = s->diverged_epoch;
    st->status = s->status;
    st->judge_since = s->judge_since;
    st->phase = s->phase;
    st->n_train = s->data.n_train;
    st->order = s->order;
    st->cursor = s->cursor;
    st->shuffle_rng = s->shuffle_rng;
    st->epoch_loss_sum = s->epoch_loss_sum;
    st->epoch_rows = s->epoch_rows;
    st->epoch_wrong = s->epoch_wrong;
    st->batch_first = s->batch_first;
    st->batch_rows = s->batch_rows_n;
    st->batch_loss = s->batch_loss;
    st->last = s->last;
    st->hist_len = s->hist_len;
    st->hist_train = s->hist_train;
    st->hist_test = s->hist_test;
}

static int state_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* The order lists each training row once. */
static int state_check_order(const session_state *st, char *err, size_t errlen)
{
    int n = st->n_train;
    unsigned char *seen = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!seen)
        return state_fail(err, errlen, "order: out of memory");
    for (int i = 0; i < n; i++) {
        int r = st->order[i];
        if (r < 0 || r >= n || seen[r]) {
            free(seen);
            return state_fail(err, errlen, "order: row %d at %d is not a training "
                              "row listed once", r, i);
        }
        seen[r] = 1;
    }
    free(seen);
    return 0;
}

/* Everything that must hold before st may go into s. */
static int state_check(const session *s, const session_state *st, char *err,
                       size_t errlen)
{
    int n = s->data.n_train;
    if (st->n_params != s->net.n_params)
        return state_fail(err, errlen, "params: %zu values, but the network has %zu",
                          st->n_params, s->net.n_params);
    if (st->n_train != n)
        return state_fail(err, errlen, "order: %d rows, but the data has %d "
                          "training rows", st->n_train, n);
    char why[SESSION_MESSAGE_MAX];
    if (!session_config_check(&st->cfg, &s->data, why, sizeof why))
        return state_fail(err, errlen, "cfg: %s", why);
    if (st->opt_kind < 0 || st->opt_kind >= OPT_COUNT || !(st->opt_lr > 0) ||
        st->opt_t < 0)
        return state_fail(err, errlen, "optimizer: unknown kind, a rate not above "
                          "0 or a negative step count");
    if (st->epoch < 0 || st->steps < 0 || st->hist_len < 0)
        return state_fail(err, errlen, "epoch: negative counts");
    if (st->judge_since < 0 || st->judge_since > st->hist_len)
        return state_fail(err, errlen, "judged_from: %ld, outside the %ld "
                          "epochs of history", st->judge_since, st->hist_len);
    if (st->cursor < 0 || st->cursor > n || st->epoch_rows < 0 ||
        st->epoch_rows > n || st->epoch_wrong < 0 || st->epoch_wrong > n)
        return state_fail(err, errlen, "cursor: outside the %d training rows", n);
    if (st->batch_first < 0 || st->batch_rows < 0 ||
        st->batch_first + st->batch_rows > n)
        return state_fail(err, errlen, "batch_rows: %d from %d, past the %d "
                          "training rows", st->batch_rows, st->batch_first, n);
    if (st->phase < SESSION_PHASE_READY || st->phase > SESSION_PHASE_BACKWARD)
        return state_fail(err, errlen, "phase: unknown");
    if (state_check_order(st, err, errlen) != 0)
        return -1;
    if (st->phase == SESSION_PHASE_READY)
        return 0;
    if (st->status == SESSION_DIVERGED)
        return state_fail(err, errlen, "phase: a diverged scene cannot be in the "
                          "middle of a step");
    if (n < 1)
        return state_fail(err, errlen, "phase: a step in progress needs training "
                          "rows");
    if (st->batch_first != st->cursor)
        return state_fail(err, errlen, "batch_first: %d, but a step in progress "
                          "starts at the cursor (%d)", st->batch_first, st->cursor);
    return 0;
}

/* Copies the history, growing s's arrays as needed. */
static int state_put_history(session *s, const session_state *st)
{
    if (st->hist_len > s->hist_cap) {
        double *a = realloc(s->hist_train, (size_t)st->hist_len * sizeof *a);
        if (!a)
            return -1;
        s->hist_train = a;
        double *b = realloc(s->hist_test, (size_t)st->hist_len * sizeof *b);
        if (!b)
            return -1;
        s->hist_test = b;
        s->hist_cap = st->hist_len;
    }
    if (st->hist_len > 0) {
        memcpy(s->hist_train, st->hist_train, (size_t)st->hist_len * sizeof(double));
        memcpy(s->hist_test, st->hist_test, (size_t)st->hist_len * sizeof(double));
    }
    s->hist_len = st->hist_len;
    return 0;
}

static void state_put(session *s, const session_state *st)
{
    size_t n = st->n_params;
    s->cfg = st->cfg;
    s->init_source = st->init_source;
    memcpy(s->net.params, st->params, n * sizeof(double));
    memcpy(s->prev_params, st->prev_params, n * sizeof(double));
    memcpy(s->opt.m, st->opt_m, n * sizeof(double));
    memcpy(s->opt.v, st->opt_v, n * sizeof(double));
    s->opt.kind = st->opt_kind;
    s->opt.lr = st->opt_lr;
    s->opt.t = st->opt_t;
    if (st->n_train > 0)
        memcpy(s->order, st->order, (size_t)st->n_train * sizeof(int));
    s->cursor = st->cursor;
    s->shuffle_rng = st->shuffle_rng;
    s->epoch = st->epoch;
    s->steps = st->steps;
    s->status = st->status;
    s->diverged_epoch = st->diverged_epoch;
    s->last = st->last;
    s->epoch_loss_sum = st->epoch_loss_sum;
    s->epoch_rows = st->epoch_rows;
    s->epoch_wrong = st->epoch_wrong;
    s->batch_first = st->batch_first;
    s->batch_rows_n = st->batch_rows;
    s->batch_loss = st->batch_loss;
    s->phase = SESSION_PHASE_READY;
    s->message[0] = '\0';
    s->judge_since = st->judge_since;
    snprintf(s->reason, sizeof s->reason, "%s when saved, at epoch %ld",
             session_status_name(s->status), s->epoch);
    s->version++;
}

/* Takes the phases of the step in progress again (forward, loss, backward
 * up to `target`) from the imported state, so that the network holds the
 * values it held at the export. The epoch's shuffle happened before: the
 * epoch's row count is held above 0 meanwhile so that it is not redone. */
static int state_redo_phases(session *s, session_phase target)
{
    int er = s->epoch_rows, wrong = s->epoch_wrong;
    double bl = s->batch_loss;
    session_step_info last = s->last;
    s->epoch_rows = er > 0 ? er : 1;
    s->phase = SESSION_PHASE_READY;
    while (s->phase != target)
        if (session_step_phase(s) < 0)
            return -1;
    s->epoch_rows = er;
    s->epoch_wrong = wrong;
    s->batch_loss = bl;
    s->last = last;
    return 0;
}

/* At a step boundary: the last step's forward and backward, computed again
 * from the weights it started from (prev_params), for the inspector. The
 * state is put back afterwards; only the network's last-pass values change.
 * Skipped when the last batch cannot be told any more. */
static void state_redo_last_step(session *s)
{
    if (s->steps < 1 || s->phase != SESSION_PHASE_READY || s->batch_rows_n < 1 ||
        s->last.rows != s->batch_rows_n || s->data.n_train < 1 ||
        s->batch_first + s->batch_rows_n > s->data.n_train ||
        session_batch_rows_at(s, s->batch_first) != s->batch_rows_n ||
        !s->net.n_params)
        return;
    size_t n = s->net.n_params;
    double *cur = malloc(n * sizeof *cur);
    if (!cur)
        return;
    memcpy(cur, s->net.params, n * sizeof *cur);
    memcpy(s->net.params, s->prev_params, n * sizeof *cur);
    int cursor = s->cursor, er = s->epoch_rows, wrong = s->epoch_wrong;
    double els = s->epoch_loss_sum, bl = s->batch_loss;
    session_step_info last = s->last;
    session_status st = s->status;
    s->status = SESSION_LEARNING;
    s->cursor = s->batch_first;
    s->epoch_rows = 1;
    for (int k = 0; k < 3 && session_step_phase(s) == 0; k++)
        ;
    memcpy(s->net.params, cur, n * sizeof *cur);
    free(cur);
    s->cursor = cursor;
    s->epoch_rows = er;
    s->epoch_wrong = wrong;
    s->epoch_loss_sum = els;
    s->batch_loss = bl;
    s->last = last;
    s->status = st;
    s->phase = SESSION_PHASE_READY;
    s->message[0] = '\0';
    s->version++;
}

int session_import_state(session *s, const session_state *st, char *err,
                         size_t errlen)
{
    if (state_check(s, st, err, errlen) != 0)
        return -1;
    if (st->phase != SESSION_PHASE_READY &&
        session_batch_rows_at(s, st->cursor) != st->batch_rows)
        return state_fail(err, errlen, "batch_rows: %d, but a step from row %d of "
                          "the order takes %d rows", st->batch_rows, st->cursor,
                          session_batch_rows_at(s, st->cursor));
    if (state_put_history(s, st) != 0)
        return state_fail(err, errlen, "history: out of memory (%ld epochs)",
                          st->hist_len);
    state_put(s, st);
    if (st->phase == SESSION_PHASE_READY) {
        state_redo_last_step(s);
        return 0;
    }
    if (state_redo_phases(s, st->phase) != 0)
        return state_fail(err, errlen, "phase: %s", s->message);
    return 0;
}
