/* session_fit.h - which output activation and loss fit a task: one table,
 * one row per kind of dataset (two classes, more classes, a real-valued
 * target), asked by the session's checks, the command line, the keys and
 * the views alike. A row lists, for each loss, the output activations it
 * may go with (none: the loss does not fit the task), the pair a fresh
 * session takes, whether the perceptron can learn the task, and the
 * reasons said when a choice does not fit. */
#ifndef MLPVIZ_ENGINE_SESSION_FIT_H
#define MLPVIZ_ENGINE_SESSION_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/act.h"
#include "engine/ds.h"
#include "engine/loss.h"

typedef struct {
    ds_task task;
    act_kind output;                /* the pair a fresh session takes */
    loss_kind loss;
    bool perceptron;                /* the perceptron's rule can learn it */
    unsigned outputs_for[LOSS_COUNT]; /* bit k: output act_kind k goes with
                                         that loss; 0: the loss does not fit */
    const char *needs[LOSS_COUNT];  /* what a loss asks of the output, said
                                       when the output is switched for it */
    const char *bad_output;         /* no loss takes this output */
    const char *bad_loss;           /* the loss does not fit the task */
    const char *bad_pair;           /* both fit, not together */
} session_fit_rule;

/* The row of task t (NULL for no task). */
const session_fit_rule *session_fit_rule_for(ds_task t);
/* Whether some loss of the task goes with output out. */
bool session_fit_output_ok(ds_task t, act_kind out);
/* Whether the loss fits the task with some output. */
bool session_fit_loss_ok(ds_task t, loss_kind loss);
/* Whether the pair fits the task; false with the reason in err (checked in
 * this order: the output, the loss, the pair). */
bool session_fit_check(ds_task t, act_kind out, loss_kind loss, char *err,
                       size_t errlen);
/* The loss to take with a new output: cur when the pair fits or when out
 * fits no loss at all (the check then says why), else the first loss of
 * the table that goes with out. */
loss_kind session_fit_loss_for_output(ds_task t, act_kind out, loss_kind cur);
/* The output to take with a new loss, the same way round. */
act_kind session_fit_output_for_loss(ds_task t, loss_kind loss, act_kind cur);
/* The line said when a switch of output (or of loss) changed the other:
 * "bce needs the sigmoid output: the loss is now mse". */
void session_fit_note_loss(ds_task t, loss_kind old, loss_kind now, char *buf,
                           size_t len);
void session_fit_note_output(ds_task t, loss_kind loss, act_kind now, char *buf,
                             size_t len);

#endif
