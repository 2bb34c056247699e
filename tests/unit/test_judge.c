/* test_judge.c - the state of a run and its reason, on small constructed
 * cases: dead ReLU units, a too small rate, the perceptron cycling on XOR
 * and converging on OR, the MLP converging on XOR, a weight edit that
 * breaks convergence, divergence; and what each change says it did. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/session.h"
#include "engine/session_judge.h"

static session S;
static void teardown(void) { session_free(&S); }
TestSuite(judge, .fini = teardown);

/* The book's XOR network (2-8-4-1 relu, sigmoid, bce, torch seed 1) at a
 * given rate, or the perceptron at the book's rate 1. */
static void build(const char *data, session_model m, double lr)
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    c.model = m;
    if (m == MODEL_PERCEPTRON) {
        c.rng = SESSION_RNG_MLPVIZ;
        c.lr = SESSION_LR_PERCEPTRON;
    } else {
        c.lr = lr;
    }
    cr_assert_eq(ds_builtin(&d, data, NULL), 0);
    if (m == MODEL_MLP)
        session_config_fit_task(&c, &d);
    cr_assert_eq(session_new(&S, &c, &d, err, sizeof err), 0, "%s", err);
}

/* Trains until the state is `want` or `limit` epochs; returns the epoch
 * it was first seen at, or -1. */
static long first_epoch_in(session_status want, long limit)
{
    for (long e = 0; e < limit; e++) {
        if (session_step_epoch(&S) < 0)
            return S.status == want ? S.epoch : -1;
        if (S.status == want)
            return S.epoch;
    }
    return -1;
}

Test(judge, every_relu_unit_of_layer_1_dead_is_a_stall_that_names_the_count)
{
    build("xor", MODEL_MLP, 3);
    cr_assert_eq(first_epoch_in(SESSION_STALLED, 200), 37);
    cr_expect_str_eq(S.reason, "8 of 8 ReLU units in layer 1 are dead: no "
                               "gradient passes them");
    cr_expect_eq(session_dead_units(&S, 0), 8);
    cr_expect_eq(session_dead_units(&S, 2), -1, "the output is no hidden layer");
    /* dead stays dead: 100 epochs later nothing has moved */
    double loss = S.hist_train[S.hist_len - 1];
    cr_assert_eq(session_train(&S, 100), 0);
    cr_expect_eq(S.status, SESSION_STALLED);
    cr_expect(fabs(S.hist_train[S.hist_len - 1] - loss) < 1e-6);
}

Test(judge, lr_10_on_the_default_net_kills_layer_2_and_says_so)
{
    build("xor", MODEL_MLP, 10);
    cr_assert_eq(first_epoch_in(SESSION_STALLED, 200), 16);
    cr_expect_str_eq(S.reason, "4 of 4 ReLU units in layer 2 are dead, 4 of 8 in "
                               "layer 1: no gradient passes");
    cr_expect_eq(session_dead_units(&S, 1), 4);
    cr_expect_eq(session_dead_units(&S, 0), 4);
}

Test(judge, weights_set_so_that_every_relu_is_dead_stall_at_once)
{
    build("xor", MODEL_MLP, 0.1);
    /* every first-layer bias far below what the inputs (0 or 1) can lift */
    for (int j = 0; j < 8; j++)
        cr_assert_eq(session_set_param(&S, 0, j, 2, -100), 0);
    cr_assert_eq(session_dead_units(&S, 0), 8);
    cr_assert_eq(first_epoch_in(SESSION_STALLED, 100), 11);
    cr_expect_str_eq(S.reason, "8 of 8 ReLU units in layer 1 are dead: no "
                               "gradient passes them");
}

Test(judge, a_tiny_rate_is_stalled_with_the_progress_it_makes)
{
    build("xor", MODEL_MLP, 0.0001);
    cr_assert_eq(first_epoch_in(SESSION_STALLED, 100), 11);
    cr_expect_str_eq(S.reason, "learning rate too small: loss fell 0.003% in "
                               "the last 10 epochs");
    /* a new rate: the weights stay, the window starts again */
    cr_assert_eq(session_set_lr(&S, 0.1), 0);
    cr_expect_str_eq(S.message, "lr 0.0001 -> 0.1: training continues");
    cr_expect_eq(S.status, SESSION_LEARNING);
    cr_expect_str_eq(S.reason, "lr 0.0001 -> 0.1: judging again from the next "
                               "epochs");
    cr_expect_eq(S.epoch, 11);
    cr_assert_eq(session_train(&S, 10), 0);
    cr_expect_eq(S.status, SESSION_LEARNING, "%s", S.reason);
}

Test(judge, the_perceptron_on_xor_cycles_every_epoch_and_says_no_line_separates)
{
    build("xor", MODEL_PERCEPTRON, 1);
    cr_assert_eq(S.cfg.lr, 1.0);
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_assert_eq(S.status, SESSION_CYCLING, "%s", S.reason);
    cr_expect_eq(S.cycle_epochs, 1);
    cr_expect_eq(S.cycle_steps, 4);
    cr_expect_str_eq(S.reason, "weights repeat every epoch (4 steps): no line "
                               "separates these classes");
    /* and they do: w = [-1, 0], b = 0 at every epoch's end */
    const net_layer *L = &S.net.layer[0];
    for (int e = 0; e < 3; e++) {
        cr_expect_eq(L->w[0], -1.0);
        cr_expect_eq(L->w[1], 0.0);
        cr_expect_eq(L->b[0], 0.0);
        cr_assert_eq(session_step_epoch(&S), 0);
        cr_expect_eq(S.status, SESSION_CYCLING);
    }
}

Test(judge, the_perceptron_on_or_converges_after_an_epoch_without_error)
{
    build("or", MODEL_PERCEPTRON, 1);
    cr_assert_eq(first_epoch_in(SESSION_CONVERGED, 20), 3);
    cr_expect_str_eq(S.reason, "an epoch without a mistake: every point is "
                               "classified right");
    cr_expect_eq(S.epoch_wrong, 0);
}

Test(judge, one_row_learnt_in_one_update_is_no_cycle)
{
    /* one row of class 0: one error, then the weights stay (a fixed point,
     * not a cycle) and the next epoch converges */
    build("one", MODEL_PERCEPTRON, 1);
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_expect_eq(S.status, SESSION_LEARNING, "%s", S.reason);
    cr_expect_str_eq(S.reason, "epoch 1: 1 mistake on 1 points, the rule moved "
                               "the weights");
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_expect_eq(S.status, SESSION_CONVERGED);
}

Test(judge, the_mlp_converges_on_xor_once_every_point_is_right_and_the_loss_is_still)
{
    build("xor", MODEL_MLP, 0.1);
    /* at epoch 300 every point is right but the loss still falls fast */
    cr_assert_eq(session_train(&S, 300), 0);
    cr_expect_eq(session_get_metrics(&S).train_acc, 1.0);
    cr_expect_eq(S.status, SESSION_LEARNING, "%s", S.reason);
    cr_assert_eq(first_epoch_in(SESSION_CONVERGED, 2000), 656);
    cr_expect_str_eq(S.reason, "every point right; the loss moves less than 0.001 "
                               "in 10 epochs");
    /* it stays converged while every point stays right */
    cr_assert_eq(session_train(&S, 50), 0);
    cr_expect_eq(S.status, SESSION_CONVERGED);
}

Test(judge, a_weight_edit_that_breaks_convergence_is_seen_at_once)
{
    build("xor", MODEL_MLP, 0.1);
    cr_assert_eq(first_epoch_in(SESSION_CONVERGED, 2000), 656);
    /* a small change: every point still right */
    double b = S.net.layer[2].b[0];
    cr_assert_eq(session_set_param(&S, 2, 0, 4, b + 0.01), 0);
    cr_expect_eq(S.status, SESSION_CONVERGED);
    cr_expect_str_eq(S.reason, "weight edited: every point is still right");
    /* the output bias far down: every output below 0.5 */
    cr_assert_eq(session_set_param(&S, 2, 0, 4, -50), 0);
    cr_expect_eq(S.status, SESSION_LEARNING);
    cr_expect_str_eq(S.reason, "weight edited: 2 of 4 points wrong now, no "
                               "longer converged");
    cr_expect_eq(session_get_metrics(&S).train_acc, 0.5);
}

Test(judge, a_perceptron_edit_that_breaks_convergence)
{
    build("or", MODEL_PERCEPTRON, 1);
    cr_assert_eq(first_epoch_in(SESSION_CONVERGED, 20), 3);
    cr_assert_eq(session_set_param(&S, 0, 0, 2, 5), 0); /* bias 5: all class 1 */
    cr_expect_eq(S.status, SESSION_LEARNING);
    cr_expect_str_eq(S.reason, "weight edited: 1 of 4 points wrong now, no "
                               "longer converged");
}

Test(judge, divergence_keeps_its_rule_and_gives_the_epoch)
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    c.output_act = ACT_LINEAR;
    c.loss = LOSS_MSE;
    c.lr = 10;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(&S, &c, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(session_train(&S, 300), -1);
    cr_expect_eq(S.status, SESSION_DIVERGED);
    cr_expect_eq(S.diverged_epoch, 18);
    cr_expect_str_eq(S.reason, "the loss grew without bound at epoch 18: steps "
                               "too big for lr 10");
    /* a change does not hide it */
    session_judge_change(&S, "lr 10 -> 1");
    cr_expect_eq(S.status, SESSION_DIVERGED);
}

Test(judge, changes_say_whether_they_kept_the_weights)
{
    build("xor", MODEL_MLP, 0.1);
    cr_assert_eq(session_train(&S, 5), 0);
    cr_assert_eq(session_set_hidden_act(&S, ACT_TANH), 0);
    cr_expect_str_eq(S.message, "relu -> tanh: weights re-initialised, epoch 0");
    cr_expect_eq(S.epoch, 0);
    int sizes[2] = {8, 2};
    cr_assert_eq(session_set_layers(&S, 2, sizes), 0);
    cr_expect_str_eq(S.message, "layers 8,4 -> 8,2: weights re-initialised, epoch 0");
    cr_assert_eq(session_set_loss(&S, LOSS_MSE), 0);
    cr_expect_str_eq(S.message, "loss bce -> mse: weights re-initialised, epoch 0");
    cr_assert_eq(session_train(&S, 3), 0);
    cr_assert_eq(session_set_optimizer(&S, OPT_ADAM), 0);
    cr_expect_str_eq(S.message, "sgd -> adam: training continues");
    cr_expect_eq(S.epoch, 3);
    cr_assert_eq(session_set_batch(&S, 2), 0);
    cr_expect_str_eq(S.message, "batch full -> 2: training continues");
    cr_assert_eq(session_set_regularization(&S, 0, 0.01), 0);
    cr_expect_str_eq(S.message, "L1 0, L2 0 -> L1 0, L2 0.01: training continues");
    cr_expect_eq(S.epoch, 3);
}

Test(judge, the_perceptron_takes_the_books_rate_and_the_mlp_its_own)
{
    build("or", MODEL_MLP, 0.3);
    cr_assert_eq(session_set_model(&S, MODEL_PERCEPTRON), 0);
    cr_expect_eq(S.cfg.lr, 1.0);
    cr_expect_str_eq(S.message, "mlp -> perceptron, at the book's lr 1: weights "
                                "re-initialised, epoch 0");
    cr_assert_eq(session_set_model(&S, MODEL_MLP), 0);
    cr_expect_eq(S.cfg.lr, 0.1);
    cr_expect_str_eq(S.message, "perceptron -> mlp, at lr 0.1: weights "
                                "re-initialised, epoch 0");
}

Test(judge, state_names_read_back_and_the_old_paused)
{
    session_status st;
    for (int k = 0; k < SESSION_STATUS_COUNT; k++) {
        cr_assert(session_status_from_name(session_status_name((session_status)k), &st));
        cr_expect_eq((int)st, k);
    }
    cr_assert(session_status_from_name("paused", &st));
    cr_expect_eq(st, SESSION_LEARNING);
    cr_expect(!session_status_from_name("done", &st));
    cr_expect_str_eq(session_status_name(SESSION_CYCLING), "cycling");
    cr_expect_str_eq(session_status_name(SESSION_STALLED), "stalled");
}

Test(judge, saturated_sigmoid_units_are_named_as_the_cause_of_a_stall)
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    c.hidden_act = ACT_SIGMOID;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config_fit_task(&c, &d);
    cr_assert_eq(session_new(&S, &c, &d, err, sizeof err), 0, "%s", err);
    /* layer 1 far out in sigmoid's tails: z is -25, 25 or 75 on every row,
     * and [0,1], [1,0], [1,1] look the same to the layers after it */
    for (int j = 0; j < 8; j++) {
        cr_assert_eq(session_set_param(&S, 0, j, 0, 50), 0);
        cr_assert_eq(session_set_param(&S, 0, j, 1, 50), 0);
        cr_assert_eq(session_set_param(&S, 0, j, 2, -25), 0);
    }
    long at = first_epoch_in(SESSION_STALLED, 5000);
    cr_assert_eq(at, 1217, "at %ld: %s", at, S.reason);
    cr_expect_str_eq(S.reason, "sigmoid units saturated: 100% of layer 1's "
                               "outputs sit in the flat tails");
    cr_expect_lt(session_get_metrics(&S).train_acc, 1.0);
}
