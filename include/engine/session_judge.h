/* session_judge.h - the state of a run and its reason (session.status,
 * session.reason), judged from what the session holds:
 *   - diverged: a loss or a step not finite, or the loss past
 *     SESSION_DIVERGE_LOSS (set by the step itself; the judge keeps it);
 *   - converged: perceptron, an epoch without an error (the book's rule);
 *     MLP classifier, every training row right at the current weights and
 *     the loss changing by less than JUDGE_SETTLED over the last
 *     JUDGE_WINDOW epochs (once converged, it stays so while its epochs
 *     get every row right and the loss keeps that still, without taking
 *     the weights through the rows again); regression, the loss changing
 *     by less than JUDGE_STILL;
 *   - cycling: perceptron, the rule taken on from the weights at an
 *     epoch's end brings them back there after a whole number of epochs
 *     (at most SESSION_CYCLE_EPOCHS); the rows come in the same order
 *     every epoch, so the run repeats for ever;
 *   - stalled: MLP, a hidden layer of ReLU units all dead on every
 *     training row, seen once the loss moves by less than JUDGE_SLOW;
 *     or the loss falling by less than JUDGE_STILL over the
 *     window while training rows are still wrong, with the cause: a hidden
 *     layer of ReLU units all dead on every training row, saturated
 *     sigmoid or tanh units, a gradient not small (then the rate is too
 *     small), or a gradient near zero (a flat region);
 *   - learning otherwise, the reason saying how the loss moved.
 * Only the epochs since the last change count (judge_since). */
#ifndef MLPVIZ_ENGINE_SESSION_JUDGE_H
#define MLPVIZ_ENGINE_SESSION_JUDGE_H

#include "engine/session.h"

#define JUDGE_WINDOW 10    /* epochs the loss's movement is taken over */
#define JUDGE_STILL 0.0003 /* relative change over the window below which
                              the loss "no longer moves" (stalled; a
                              regression converged) */
#define JUDGE_SETTLED 0.001 /* change of a classifier's loss over the window
                              below which, every row right, it has converged:
                              an absolute figure, because cross-entropy keeps
                              falling by about the same share for ever once
                              every row is right (at 0.65 as at 0.005) */
#define JUDGE_SLOW 0.01   /* change over the window below which a layer of
                              dead ReLU units is looked for */
#define JUDGE_GRAD_FLAT 1e-2 /* gradient norm below which it is "near zero" */
#define JUDGE_SATURATED 0.9  /* share of unit-row pairs in the flat tails */
#define JUDGE_SCAN_ROWS 4096 /* rows the judge goes through at the most: an
                                even spread of them beyond (the dead and
                                saturated units), or the epoch's own count
                                of rows wrong (every point right) */

/* At an epoch's end: judges the epoch just finished. */
void session_judge_epoch(session *s);
/* After a change (a weight, the rate, the data...): the window starts
 * again; a converged run stays converged only if every training row is
 * still right at the weights now. `what` names the change for the reason. */
void session_judge_change(session *s, const char *what);
/* A fresh start (epoch 0). */
void session_judge_reset(session *s);
/* Counts the units of hidden layer l (0-based weight layer) whose
 * pre-activation is <= 0 on every training row (past JUDGE_SCAN_ROWS, an
 * even spread of them) (for ReLU: dead, no gradient passes them). -1 when
 * l is not a hidden layer. */
int session_dead_units(const session *s, int l);

#endif
