/* session.h - a training session: the network, its data, the optimizer, the
 * hyper-parameters, the epoch, the loss history and the status. It is the
 * one state the screen shows; every user action is a command here
 * (session_step_epoch, session_set_lr, ...), used alike by the screen's key
 * table, the headless runner, the lessons and the tests.
 *
 * A step is four phases that a caller may take one at a time
 * (session_step_phase): forward, loss, backward, update. After each phase
 * the values it produced stay readable: net.layer[l].z/a/da/dz for the rows
 * of the last forward (batch_rows[] names their dataset rows), net.grads,
 * prev_params (the weights before the last update) and `last`.
 * Commands return 0, or -1 with the reason in `message`; they never crash,
 * also after a divergence. Every command clears `message` as it starts, so
 * what it holds afterwards is that command's own note or refusal. */
#ifndef MLPVIZ_ENGINE_SESSION_H
#define MLPVIZ_ENGINE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/act.h"
#include "engine/ds.h"
#include "engine/loss.h"
#include "engine/net.h"
#include "engine/opt.h"
#include "engine/prep.h"
#include "engine/rng.h"

#define SESSION_CHUNK 1024   /* rows per forward/backward pass; a larger
                                batch is accumulated over chunks */
#define SESSION_MESSAGE_MAX 256
#define SESSION_LR_PERCEPTRON 1.0 /* the book's rate for the perceptron's rule */
#define SESSION_LR_MLP 0.1        /* and for gradient descent */
#define SESSION_DIVERGE_LOSS 1e30 /* a loss above this is growing without
                                     bound: the run counts as diverged */

typedef enum { MODEL_PERCEPTRON, MODEL_MLP } session_model;

/* The generator of the initial weights. MLPVIZ: the engine's xoshiro256**
 * (rng.h), uniform in +-1/sqrt(fan_in). TORCH: PyTorch's MT19937 and its
 * float32 mapping (mt.h, net_init_params_torch_mt): the weights
 * torch.manual_seed(seed) and nn.Linear give, for the MLP with the torch
 * initialisation. Either way the rows are shuffled by the engine's own
 * generator. */
typedef enum { SESSION_RNG_MLPVIZ, SESSION_RNG_TORCH, SESSION_RNG_COUNT } session_rng;

/* Where the initial weights (init_params, what replay restores) came from. */
typedef enum {
    SESSION_INIT_SEED,   /* drawn from cfg.seed with cfg.rng (or zeros) */
    SESSION_INIT_GIVEN,  /* given whole: a model file, session_load_params */
    SESSION_INIT_EDITED  /* the weights as they stood after a weight was
                            edited (session_set_param) */
} session_init_source;

/* The state of a run, judged by the engine at every epoch's end and after
 * every change (session_judge.h), each with a one-line reason in
 * session.reason. */
typedef enum {
    SESSION_LEARNING,  /* none of the below: training goes on */
    SESSION_CONVERGED, /* perceptron: an epoch without an error; MLP: every
                          training row right at the current weights and the
                          loss no longer moving (regression: the loss no
                          longer moving) */
    SESSION_DIVERGED,  /* a loss or weight became NaN or Inf, or the loss
                          passed SESSION_DIVERGE_LOSS */
    SESSION_STALLED,   /* MLP: the loss high and no longer falling (dead
                          ReLU units, saturated units, too small a rate,
                          a flat region) */
    SESSION_CYCLING,   /* perceptron: the weights at an epoch's end came back
                          to those of an earlier epoch's end: the rule goes
                          round for ever, no line separates the classes */
    SESSION_STATUS_COUNT
} session_status;
#define SESSION_PAUSED SESSION_LEARNING /* the old name of the plain state */

#define SESSION_CYCLE_EPOCHS 16 /* the longest perceptron cycle looked for */

typedef enum {
    SESSION_PHASE_READY,    /* next: forward of a new batch */
    SESSION_PHASE_FORWARD,  /* forward done; next: loss */
    SESSION_PHASE_LOSS,     /* loss done; next: backward */
    SESSION_PHASE_BACKWARD  /* gradients ready; next: update */
} session_phase;

typedef struct {
    session_model model;
    int n_hidden;                       /* hidden layers, 0 allowed */
    int hidden[NET_MAX_LAYERS - 1];     /* their sizes */
    act_kind hidden_act;                /* every hidden layer */
    act_kind output_act;
    loss_kind loss;
    opt_kind optimizer;
    double lr;
    int batch;                          /* rows per step; 0 = full batch */
    uint64_t seed;                      /* initial weights and shuffling */
    session_rng rng;                    /* generator of the initial weights */
    net_init_kind init;                 /* MLP only; the perceptron starts at 0 */
    double l1, l2;                      /* regularisation rates */
    unsigned features;                  /* PREP_* derived inputs */
    prep_scale scale;
} session_config;

/* What the last completed step did (the update view reads it). */
typedef struct {
    long step;          /* 1-based count of steps taken */
    int rows;           /* rows in the batch */
    int row;            /* dataset row of a one-row step, else -1 */
    double loss;        /* the batch's loss (mean, penalty included);
                           perceptron: |error| */
    double error;       /* perceptron: y - y_hat of the row */
    double y_hat;       /* one-row steps: the first output before the update */
    double step_size;   /* L2 norm of the parameter change */
} session_step_info;

typedef struct {
    double train_loss, test_loss;  /* at the current weights; NaN when no rows */
    double train_acc, test_acc;    /* classification share right, 0..1; NaN for
                                      regression or no rows */
} session_metrics;

typedef struct {
    session_config cfg;
    ds_dataset data;        /* raw rows, training first */
    ds_summary data_stats;  /* of `data`, made again whenever it changes */
    prep_pipeline prep;
    int n_in, n_out;        /* network inputs and outputs */
    double *inputs;         /* [rows][n_in] network inputs (prep applied) */
    double *targets;        /* [rows][n_out] 0/1, one-hot, or the target */
    net net;
    opt_state opt;
    double *init_params;    /* [n_params] initial weights (replay restores) */
    session_init_source init_source; /* where init_params came from */
    double *prev_params;    /* [n_params] weights before the last update */
    int *order;             /* [n_train] row order of the current epoch */
    int cursor;             /* next position in order */
    rng_state shuffle_rng;
    long epoch;             /* completed epochs */
    long steps;             /* completed steps */
    session_status status;
    session_phase phase;
    session_step_info last;
    /* the step in progress (between phases) */
    int batch_first, batch_rows_n; /* order[batch_first ..+ batch_rows_n) */
    double batch_loss;
    int *batch_rows;        /* [SESSION_CHUNK] dataset row of each row of the
                               net's last forward */
    double *batch_x, *batch_y; /* [SESSION_CHUNK][n_in], [SESSION_CHUNK][n_out] */
    /* the epoch in progress */
    double epoch_loss_sum;  /* sum of row losses so far */
    int epoch_rows;         /* rows seen so far */
    int epoch_wrong;        /* rows classified wrong when seen (perceptron:
                               errors made) */
    /* history, one entry per completed epoch */
    double *hist_train;     /* [hist_len] mean training loss of the epoch */
    double *hist_test;      /* [hist_len] test loss after it (NaN if none) */
    long hist_len, hist_cap;
    long diverged_epoch;    /* epoch at which it diverged, or -1 */
    /* cached metrics */
    session_metrics metrics;
    long metrics_stamp;     /* value of `version` when computed */
    struct {                /* a pass in pieces (session_metrics_slice) */
        long version;       /* the weights it is for; another: start again */
        int done;           /* rows taken, training rows first */
        double train_sum, test_sum;
        long train_right, test_right;
    } metrics_pass;
    long version;           /* bumped by every change of weights or data */
    double *eval_work;      /* scratch for net_eval over SESSION_CHUNK rows */
    double *eval_in;        /* [SESSION_CHUNK][n_in] scratch inputs */
    double *eval_out;       /* [SESSION_CHUNK][n_out] scratch outputs */
    char message[SESSION_MESSAGE_MAX];
    /* the judge (session_judge.h): why the status is what it is, and the
     * first history entry it looks at (entries before it come from before
     * the last change) */
    char reason[SESSION_MESSAGE_MAX];
    long judge_since;
    long cycle_epochs, cycle_steps; /* the cycle found (SESSION_CYCLING) */
    /* time-sliced training (session_step_slice): what a slice left part
     * done. Both 0 when nothing is. */
    int slice_rows;         /* rows of the step in progress already taken
                               through forward, loss and backward, ahead of
                               its last chunk; the phase is still READY */
    int slice_test_left;    /* test rows of the last epoch's test loss not
                               yet evaluated (hist_test's last entry is NaN
                               until they are) */
    double slice_test_sum;  /* loss sum over the test rows evaluated so far */
} session;

/* The book's XOR network: MLP 2-8-4-1, relu, sigmoid output, bce, sgd,
 * lr 0.1, full batch, torch init, seed 1. */
void session_config_default(session_config *c);
const char *session_status_name(session_status s); /* "learning", ... */
/* The status named (also "paused", the old name of "learning"). */
bool session_status_from_name(const char *name, session_status *out);
const char *session_model_name(session_model m);   /* "perceptron", "mlp" */
bool session_model_from_name(const char *name, session_model *out);
const char *session_rng_name(session_rng r);       /* "mlpviz", "torch" */
bool session_rng_from_name(const char *name, session_rng *out);

/* Checks that the generator fits the rest of the config: rng torch draws
 * only PyTorch's default initialisation of an MLP, so it is refused with
 * another initialisation or with the perceptron (which starts at zeros).
 * The command line refuses those; the engine itself, given them, draws
 * with its own generator (session_torch_seeded is then false). */
bool session_config_check_rng(const session_config *c, char *err,
                              size_t errlen);

/* Checks that the config fits the data's task (output activation and loss;
 * the perceptron only on two classes). false with the reason in err. */
bool session_config_check(const session_config *c, const ds_dataset *d,
                          char *err, size_t errlen);
/* Sets the output activation and loss that suit the data's task. */
void session_config_fit_task(session_config *c, const ds_dataset *d);

/* Builds a session; takes ownership of *data (left empty) on success and on
 * failure alike. 0, or -1 with the reason in err. */
int session_new(session *s, const session_config *c, ds_dataset *data,
                char *err, size_t errlen);
void session_free(session *s);
/* An independent copy of src with all its state (data, weights, initial
 * weights, optimizer, epoch, history). A step in progress is not copied:
 * finish it first. 0, or -1 with err set. */
int session_clone(session *dst, const session *src, char *err, size_t errlen);

/* Training commands. Each returns 0, or -1 (message says why: diverged,
 * no training rows). */
int session_step_phase(session *s);   /* one phase of a step */
int session_step_batch(session *s);   /* finishes the step in progress, or
                                         takes a whole one: one row
                                         (perceptron) or one batch (MLP) */
int session_step_epoch(session *s);   /* to the end of the current epoch */
int session_train(session *s, long epochs); /* that many epochs, stops early
                                               on divergence */

/* Time-sliced training, for a screen that must answer a key between two
 * pieces of work: session_step_slice does at most one chunk's worth
 * (SESSION_CHUNK rows) and returns, so a caller can call it in a loop
 * until its frame budget is spent and stop between any two calls.
 *   - A step whose batch fits in one chunk is one slice (forward, loss,
 *     backward and update: the same as session_step_batch).
 *   - A bigger batch takes one slice per chunk: forward, loss and backward
 *     of that chunk, the gradients added up; the last chunk's slice also
 *     does the update. Until then the phase stays SESSION_PHASE_READY, the
 *     weights are untouched, and slice_rows counts the rows done.
 *   - An epoch's end evaluates the test loss; over more than one chunk of
 *     test rows that is done one chunk a slice after the epoch's last step
 *     (the epoch has ended: epoch, status and hist_train are up to date;
 *     hist_test's last entry is NaN until the last test chunk).
 *   - A step left in another phase by session_step_phase is finished in
 *     one slice (its loss, backward and update).
 * Once a step is complete the session is bit for bit what
 * session_step_batch would have made of it. Returns -1 (diverged, no
 * training rows: message says why, as session_step_batch) or: */
typedef enum {
    SESSION_SLICE_PART,  /* part of a step, or of an epoch's test loss */
    SESSION_SLICE_STEP,  /* a step was completed (its update is done) */
    SESSION_SLICE_EPOCH  /* a step was completed and it ended an epoch */
} session_slice_result;
int session_step_slice(session *s);
/* true while a slice has left a step or an epoch's test loss part done. */
bool session_slice_pending(const session *s);
/* Finishes what slices left part done: the step in progress (to its
 * update) and the epoch's test loss; nothing otherwise. Call it before
 * session_clone or saving a scene in the middle of sliced training.
 * 0, or -1 as session_step_batch. */
int session_slice_finish(session *s);
/* Epochs done, with the share of the current epoch's training rows that
 * completed steps and a step's finished slices have taken. */
double session_progress(const session *s);

/* While slices have left a step part done, the other commands keep the
 * session consistent: session_step_phase finishes that step's forward (the
 * phase becomes FORWARD) and session_step_batch / _epoch / session_train
 * finish the step first; session_set_batch and session_set_param finish it
 * first too; the commands that rebuild the network or the data, reset and
 * replay drop it with the rest of the progress (adding or removing a point
 * first completes a pending test loss). lr, optimizer and regularisation
 * changes apply to the rest of the step, as between phases. Metrics,
 * predictions and the confusion matrix read the weights with their own
 * buffers and disturb nothing. */

/* New initial weights from a new seed, with the same generator
 * (cfg.rng: a torch session stays a torch session); clears epoch,
 * history, optimizer, and an edit's hold on the initial weights. */
int session_reset(session *s, uint64_t seed);
/* Back to the initial weights (after an edit: the edited ones, see
 * session_set_param); clears epoch, history, optimizer. */
int session_replay(session *s);

/* Settings. lr, optimizer, batch and regularisation keep the weights;
 * shapes, activations, loss, model, data, features and scaling
 * re-initialise from the same seed. Each says in `message` what it did
 * ("lr 0.1 -> 0.3: training continues", "relu -> tanh: weights
 * re-initialised, epoch 0"). A new model also takes its own rate
 * (SESSION_LR_PERCEPTRON, SESSION_LR_MLP). */
int session_set_lr(session *s, double lr);
int session_set_optimizer(session *s, opt_kind k);
int session_set_batch(session *s, int batch);
int session_set_regularization(session *s, double l1, double l2);
int session_set_hidden_act(session *s, act_kind k);
int session_set_output_act(session *s, act_kind k); /* may switch the loss
                                                       to one that fits */
int session_set_loss(session *s, loss_kind k);
int session_set_layers(session *s, int n_hidden, const int *sizes);
int session_set_model(session *s, session_model m);
int session_set_inputs(session *s, unsigned features, prep_scale scale);
/* Replaces the data (takes ownership; on failure the old data stays and
 * *data is freed). */
int session_set_data(session *s, ds_dataset *data);
/* Adds a training point given in raw features (the map's clicks) or
 * removes a row; weights are kept. */
int session_add_point(session *s, const double *raw, double y);
int session_remove_point(session *s, int row);
/* Sets one parameter: unit j's weight from input i of layer l, or its
 * bias when i == n_in of that layer. The weights as they stand after the
 * edit become the run's initial weights (init_source EDITED): replay, and
 * the sweeps and comparisons that start from a clone's initial weights,
 * start from them. Epoch and history are kept. */
int session_set_param(session *s, int l, int j, int i, double value);
/* Replaces the network by a given shape and parameters (a model file);
 * these become the initial weights. The shape must fit the data. */
int session_load_params(session *s, const net_shape *shape,
                        const double *params, const prep_pipeline *prep);

/* Queries. */
/* true when the initial weights are the ones PyTorch draws after
 * torch.manual_seed(cfg.seed) (rng torch, an MLP with the torch
 * initialisation, drawn from the seed: not given, not edited). */
bool session_torch_seeded(const session *s);
/* true when replay goes back to edited weights rather than the seed's. */
bool session_init_edited(const session *s);
/* Rows a step takes when it starts at position `first` of the order: the
 * batch size, or what is left of the epoch. */
int session_batch_rows_at(const session *s, int first);
session_metrics session_get_metrics(session *s);
/* The same pass in pieces of at most max_rows rows (at least one chunk), so
 * that a screen can answer keys between them on big data: true when
 * session_get_metrics now returns at once, with the same numbers bit for
 * bit. Any change of the weights or data starts the pass again. */
bool session_metrics_slice(session *s, int max_rows); /* cached per change */
/* Outputs for raw feature rows raw[rows][n_raw] -> out[rows][n_out]. */
void session_predict(session *s, const double *raw, int rows, double *out);
/* The predicted class of an output row (binary: >= 0.5). */
int session_class_of(const session *s, const double *out_row);
bool session_is_classifier(const session *s);
int session_n_rows(const session *s);
/* Confusion matrix counts[true][pred] (n_classes^2 ints) over the training
 * or the test rows. Returns the number of classes, 0 for regression. */
int session_confusion(session *s, bool test, int *counts);

#endif
