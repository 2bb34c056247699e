/* session_state.h - the state of a run as plain values, for a scene file:
 * what a session built from its config, data and initial weights still
 * needs to be the session that was saved (the weights now and before the
 * last update, the optimizer's moments, the epoch and step counts, the
 * row order and where the epoch is in it, the shuffle generator, the
 * epoch and step in progress, the history, the status). The engine
 * exports it and imports it, checking it against the session, so that a
 * file format only maps it to and from its own syntax. */
#ifndef MLPVIZ_ENGINE_SESSION_STATE_H
#define MLPVIZ_ENGINE_SESSION_STATE_H

#include <stddef.h>

#include "engine/session.h"

typedef struct {
    session_config cfg;
    session_init_source init_source;
    /* the weights and the optimizer, [n_params] each */
    size_t n_params;
    const double *params;       /* now */
    const double *prev_params;  /* before the last update */
    opt_kind opt_kind;
    double opt_lr;
    long opt_t;                 /* steps the optimizer took */
    const double *opt_m, *opt_v;
    /* the run */
    long epoch, steps, diverged_epoch;
    session_status status;
    long judge_since;           /* first history entry the judge reads */
    session_phase phase;        /* of the step in progress */
    int n_train;
    const int *order;           /* [n_train]: the epoch's row order */
    int cursor;                 /* next position in order */
    rng_state shuffle_rng;
    double epoch_loss_sum;      /* the epoch in progress */
    int epoch_rows, epoch_wrong;
    int batch_first, batch_rows; /* the step in progress */
    double batch_loss;
    session_step_info last;     /* the last step taken */
    long hist_len;
    const double *hist_train, *hist_test; /* [hist_len] */
} session_state;

/* Fills *st from s; its arrays point into s (valid until s changes). */
void session_export_state(const session *s, session_state *st);

/* Puts st into s: a session made by session_new (and session_load_params
 * for given initial weights) from st's config and data. The arrays are
 * copied. Checks st against s first; on a mismatch returns -1 with
 * "field: what is wrong" in err and s untouched. Then takes the phases of
 * a step in progress again (or, at a step boundary, the last step's
 * forward and backward from the weights before it), so that the values
 * the inspector reads are the ones the saved session held. */
int session_import_state(session *s, const session_state *st, char *err,
                         size_t errlen);

#endif
