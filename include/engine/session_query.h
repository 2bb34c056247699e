/* session_query.h - numbers the screen shows, computed by the engine so
 * that a view only draws them and a test can ask for them headless:
 *   - the update the optimizer would make of one parameter;
 *   - the chain-rule terms of one weight's gradient, from what the last
 *     forward and backward left (net.layer[l].z, a, da, dz, gw, gb, the
 *     input, prev_params): for one row of the batch, the mean over the
 *     batch, the back-propagated sum of a hidden unit, and the update made
 *     or about to be made;
 *   - the training loss at any parameters, over the training rows or an
 *     even spread of them (the loss landscape), without disturbing the
 *     values the last step left. */
#ifndef MLPVIZ_ENGINE_SESSION_QUERY_H
#define MLPVIZ_ENGINE_SESSION_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/session.h"

/* The value parameter p would have after the next update with gradient g:
 * the session's optimizer, or the perceptron's rule (plain sgd). */
double session_preview_update(const session *s, size_t p, double g);

/* Parameter p now: its value, its gradient from the last backward and
 * its change in the last update (value - prev_params). */
void session_param_now(const session *s, size_t p, double *w, double *g,
                       double *change);

#define SESSION_CHAIN_TERMS 8 /* next-layer terms kept, the largest first */

typedef struct {
    int l, j, i;           /* unit j's input i of weight layer l (i == n_in:
                              the bias) */
    size_t p;              /* its index in params */
    bool bias, output;     /* the bias; a weight of the output layer */
    bool perceptron;       /* the perceptron rule: gradient -error * x */
    bool fused;            /* softmax with cross-entropy: dL/dz = p - y */
    bool forward;          /* the last forward's values exist */
    bool backward;         /* ... and its backward's (da, dz, gradients) */
    session_phase phase;
    int r;                 /* row of the last forward shown */
    int rows;              /* rows the last forward held (<= batch) */
    int batch;             /* rows of the batch the gradient is the mean of */
    int data_row;          /* dataset row of r */
    /* one row: dL/dw = dL/da * act'(z) * a_in, each without the 1/batch
     * the engine folds into its da and dz */
    double z;              /* z of unit j */
    double act;            /* a of unit j: act(z) */
    double y;              /* the target of unit j (output layer) */
    double loss_row;       /* the row's loss */
    double dl_da;          /* dL/da of unit j for the row */
    double dact;           /* act'(z) (act_derivative) */
    double delta;          /* dL/dz = dl_da * dact (fused: p - y) */
    double a_in;           /* input i of the row (1 for the bias) */
    double grad_row;       /* delta * a_in: the row's dL/dw */
    /* z written out for a unit of one input: z = w0 * in0 + b, with the
     * weights the forward used */
    double w0_used, b_used, in0;
    /* a hidden unit: dl_da = sum over the next layer's units k of
     * w_next[k] * delta_next[k] (the weights the backward used) */
    int n_next;            /* units of the next layer */
    int n_terms;           /* terms kept below, largest |product| first */
    int k_next[SESSION_CHAIN_TERMS];
    double w_next[SESSION_CHAIN_TERMS], delta_next[SESSION_CHAIN_TERMS];
    /* the batch */
    double grad;           /* the engine's gradient (gw / gb): the mean over
                              the batch, penalty included */
    double penalty;        /* l1 * sign(w) + l2 * w, part of grad */
    double grad_rows;      /* mean over the rows held of delta * a_in (equals
                              grad - penalty when rows == batch) */
    /* the update */
    double lr;
    opt_kind opt;
    bool updated;          /* the step was taken: before / after are the
                              weights around it */
    bool pending;          /* gradients ready, update next: after is what the
                              optimizer will make of it */
    double before, after;
} session_chain;

/* Fills *c for weight (l, j, i) of session s; row `want` of the last
 * forward (a dataset row: used when it was in that forward, else the first
 * row). false when (l, j, i) is no weight. */
bool session_query_chain(const session *s, int l, int j, int i, int want,
                         session_chain *c);

/* Row r (0 .. c->rows-1) of the last forward's terms of the batch mean
 * for the weight of c: its dL/dz without the 1/batch, and its input (1
 * for the bias). false for no such row or before the backward. */
bool session_chain_row(const session *s, const session_chain *c, int r,
                       double *delta, double *a_in);

/* The rows a loss is taken over and the buffers to take it with; zero it
 * (or SESSION_LOSS_PROBE_INIT) before the first use, free it after. */
#define SESSION_LOSS_ROWS_MAX 4096 /* rows at the most: an even spread of
                                      the training rows beyond */
typedef struct {
    int rows;              /* rows used by the last session_loss_at */
    long stamp;            /* session version the rows were taken for */
    double *x, *y;         /* the spread: [rows][n_in], [rows][n_out] */
    double *work, *out;    /* net_eval_at buffers */
    size_t x_cap, y_cap, work_cap, out_cap;
} session_loss_probe;

/* The training loss (as the epochs report it: the mean row loss plus the
 * penalty; the perceptron: the mean |error|) at params ([n_params], laid
 * out as net.params), over every training row or, past max_rows (at most
 * SESSION_LOSS_ROWS_MAX), an even spread of max_rows of them. NaN without
 * training rows or when out of memory. */
double session_loss_at(const session *s, session_loss_probe *p,
                       const double *params, int max_rows);
void session_loss_probe_free(session_loss_probe *p);

/* Every hidden unit's output over a set of raw feature rows (e.g. the
 * points of the decision map's plane, the other features at their means),
 * as the network panel's per-neuron pictures show them. Zero it before
 * the first use, free it after. */
#define SESSION_UNIT_ROWS_MAX 4096 /* rows a query takes at the most */
typedef struct {
    int rows;                 /* rows of the last query */
    int units;                /* hidden units in all (layers 0 .. n_layers-2) */
    int first[NET_MAX_LAYERS]; /* index of hidden layer l's first unit */
    double *a;                /* [units][rows]: unit u's output for row r at
                                 a[u * rows + r] */
    double *amax;             /* [units] the largest finite |a| of each unit
                                 over the rows (0 when none) */
    double *in, *out, *work;  /* scratch */
    size_t a_cap, amax_cap, in_cap, out_cap, work_cap;
} session_unit_probe;

/* Fills p for raw[rows][n_features] (rows <= SESSION_UNIT_ROWS_MAX): the
 * rows go through the session's input pipeline and the network without
 * disturbing the values the last step left. false when out of memory, for
 * no rows or too many, or a network without hidden layers. */
bool session_query_units(const session *s, session_unit_probe *p,
                         const double *raw, int rows);
void session_unit_probe_free(session_unit_probe *p);

/* The pre-activation of unit j of weight layer l for the layer's inputs
 * a_in[n_in] (the previous layer's outputs, or the network's inputs):
 * its bias plus the weighted sum, z = b_j + sum_i w_ji a_in_i, with the
 * weights as they stand. NaN for no such unit. */
double session_unit_z(const session *s, int l, int j, const double *a_in);

#endif
