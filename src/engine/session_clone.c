/* session_clone.c - an independent copy of a session with all its state:
 * data, weights, initial weights, optimizer moments, epoch, history and
 * the position inside the epoch. The comparison views and the
 * learning-rate sweep start several runs from one session with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session.h"

int session_clone(session *dst, const session *src, char *err, size_t errlen)
{
    ds_dataset d;
    if (ds_copy(&d, &src->data) < 0) {
        snprintf(err, errlen, "out of memory copying the dataset");
        return -1;
    }
    session_config c = src->cfg;
    if (session_new(dst, &c, &d, err, errlen) < 0)
        return -1;
    net_shape sh;
    net_get_shape(&src->net, &sh);
    if (session_load_params(dst, &sh, src->init_params, &src->prep) < 0) {
        snprintf(err, errlen, "%s", dst->message);
        session_free(dst);
        return -1;
    }
    size_t n = src->net.n_params;
    memcpy(dst->net.params, src->net.params, n * sizeof(double));
    memcpy(dst->prev_params, src->prev_params, n * sizeof(double));
    memcpy(dst->opt.m, src->opt.m, n * sizeof(double));
    memcpy(dst->opt.v, src->opt.v, n * sizeof(double));
    dst->opt.t = src->opt.t;
    dst->cfg = src->cfg;
    dst->init_source = src->init_source;
    dst->opt.kind = src->opt.kind;
    dst->opt.lr = src->opt.lr;
    if (src->hist_len > 0) {
        dst->hist_train = malloc((size_t)src->hist_cap * sizeof(double));
        dst->hist_test = malloc((size_t)src->hist_cap * sizeof(double));
        if (!dst->hist_train || !dst->hist_test) {
            session_free(dst);
            snprintf(err, errlen, "out of memory copying the history");
            return -1;
        }
        memcpy(dst->hist_train, src->hist_train, (size_t)src->hist_len * sizeof(double));
        memcpy(dst->hist_test, src->hist_test, (size_t)src->hist_len * sizeof(double));
        dst->hist_cap = src->hist_cap;
        dst->hist_len = src->hist_len;
    }
    memcpy(dst->order, src->order, (size_t)src->data.n_train * sizeof(int));
    dst->cursor = src->cursor;
    dst->shuffle_rng = src->shuffle_rng;
    dst->epoch = src->epoch;
    dst->steps = src->steps;
    dst->status = src->status;
    memcpy(dst->reason, src->reason, sizeof dst->reason);
    dst->judge_since = src->judge_since;
    dst->cycle_epochs = src->cycle_epochs;
    dst->cycle_steps = src->cycle_steps;

    dst->last = src->last;
    dst->diverged_epoch = src->diverged_epoch;
    dst->epoch_loss_sum = src->epoch_loss_sum;
    dst->epoch_rows = src->epoch_rows;
    dst->epoch_wrong = src->epoch_wrong;
    /* a step in progress is not carried over: the copy starts at a step
     * boundary (the source's phases are finished first by the caller) */
    dst->phase = SESSION_PHASE_READY;
    dst->version++;
    return 0;
}
