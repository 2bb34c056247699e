/* mode_inspector.h - the numbers of the chain-rule inspector, gathered from
 * what the engine left after its last forward and backward (net.layer[l].z,
 * a, da, dz, gw, gb, the input, prev_params), so that the view and the unit
 * tests read the same values: the factors of dL/dw for one row or the mean
 * over the batch, the back-propagated sum for a hidden unit, and the
 * update the optimizer made or is about to make. */
#ifndef MLPVIZ_TUI_MODE_INSPECTOR_H
#define MLPVIZ_TUI_MODE_INSPECTOR_H

#include <stdbool.h>

#include "engine/session.h"

#define MODE_INSPECTOR_TERMS 8 /* next-layer terms kept, the largest first */

typedef struct {
    int l, j, i;           /* unit j's input i of weight layer l (i == n_in:
                              the bias) */
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
    /* a hidden unit: dl_da = sum over the next layer's units k of
     * w_next[k] * delta_next[k] (the weights the backward used) */
    int n_next;            /* units of the next layer */
    int n_terms;           /* terms kept below, largest |product| first */
    int k_next[MODE_INSPECTOR_TERMS];
    double w_next[MODE_INSPECTOR_TERMS], delta_next[MODE_INSPECTOR_TERMS];
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
} mode_inspector_chain;

/* Fills *c for weight (l, j, i) of session s; row `want` of the last
 * forward (a dataset row: used when it was in that forward, else the first
 * row). false when (l, j, i) is no weight. */
bool mode_inspector_gather(const session *s, int l, int j, int i, int want,
                           mode_inspector_chain *c);

#endif
