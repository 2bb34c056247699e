/* test_queries.c - what the engine answers for the screen, headless: the
 * table of outputs and losses that fit a task, a parameter's index, the
 * update an optimizer would make, the chain-rule terms of one weight and
 * the loss at given parameters over the training rows. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session.h"
#include "engine/session_fit.h"

/* ---- which outputs and losses fit a task ---- */

Test(fit, each_task_has_its_default_pair_and_it_fits)
{
    const struct { ds_task t; act_kind out; loss_kind loss; bool perc; } want[] = {
        {DS_BINARY, ACT_SIGMOID, LOSS_BCE, true},
        {DS_MULTICLASS, ACT_SOFTMAX, LOSS_CE, false},
        {DS_REGRESSION, ACT_LINEAR, LOSS_MSE, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const session_fit_rule *f = session_fit_rule_for(want[i].t);
        cr_assert_not_null(f);
        cr_expect_eq(f->output, want[i].out);
        cr_expect_eq(f->loss, want[i].loss);
        cr_expect_eq(f->perceptron, want[i].perc);
        char err[128] = "";
        cr_expect(session_fit_check(want[i].t, f->output, f->loss, err, sizeof err),
                  "%s", err);
    }
    cr_expect_null(session_fit_rule_for((ds_task)7));
}

Test(fit, two_classes_take_any_elementwise_output_with_mse_and_sigmoid_with_bce)
{
    char err[128];
    for (int k = 0; k < ACT_COUNT; k++) {
        bool elementwise = k < ACT_ELEMENTWISE_COUNT;
        cr_expect_eq(session_fit_check(DS_BINARY, (act_kind)k, LOSS_MSE, err,
                                       sizeof err),
                     elementwise, "%s with mse", act_name((act_kind)k));
        cr_expect_eq(session_fit_check(DS_BINARY, (act_kind)k, LOSS_BCE, err,
                                       sizeof err),
                     k == ACT_SIGMOID, "%s with bce", act_name((act_kind)k));
        cr_expect(!session_fit_check(DS_BINARY, (act_kind)k, LOSS_CE, err, sizeof err));
    }
    /* the reasons, in the order output, loss, pair */
    cr_expect(!session_fit_check(DS_BINARY, ACT_SOFTMAX, LOSS_CE, err, sizeof err));
    cr_expect_str_eq(err, "softmax needs more than two classes; use sigmoid");
    cr_expect(!session_fit_check(DS_BINARY, ACT_SIGMOID, LOSS_CE, err, sizeof err));
    cr_expect_str_eq(err, "ce needs more than two classes; use bce or mse");
    cr_expect(!session_fit_check(DS_BINARY, ACT_RELU, LOSS_BCE, err, sizeof err));
    cr_expect_str_eq(err, "bce needs outputs between 0 and 1: use the sigmoid "
                          "output, or mse");
}

Test(fit, more_classes_need_softmax_with_ce_and_a_target_needs_mse)
{
    char err[128];
    for (int k = 0; k < ACT_COUNT; k++)
        for (int l = 0; l < LOSS_COUNT; l++) {
            cr_expect_eq(session_fit_check(DS_MULTICLASS, (act_kind)k, (loss_kind)l,
                                           err, sizeof err),
                         k == ACT_SOFTMAX && l == LOSS_CE);
            cr_expect_eq(session_fit_check(DS_REGRESSION, (act_kind)k, (loss_kind)l,
                                           err, sizeof err),
                         k < ACT_ELEMENTWISE_COUNT && l == LOSS_MSE);
        }
    session_fit_check(DS_MULTICLASS, ACT_SIGMOID, LOSS_CE, err, sizeof err);
    cr_expect_str_eq(err, "more than two classes need the softmax output and the "
                          "ce loss");
    session_fit_check(DS_REGRESSION, ACT_SOFTMAX, LOSS_MSE, err, sizeof err);
    cr_expect_str_eq(err, "a real-valued target needs the mse loss and an "
                          "element-wise output (linear by default)");
}

Test(fit, a_new_output_takes_a_loss_that_goes_with_it_and_back)
{
    cr_expect_eq(session_fit_loss_for_output(DS_BINARY, ACT_RELU, LOSS_BCE), LOSS_MSE);
    cr_expect_eq(session_fit_loss_for_output(DS_BINARY, ACT_SIGMOID, LOSS_BCE),
                 LOSS_BCE);
    cr_expect_eq(session_fit_loss_for_output(DS_BINARY, ACT_TANH, LOSS_MSE), LOSS_MSE);
    /* an output no loss takes keeps the loss: the check says why */
    cr_expect_eq(session_fit_loss_for_output(DS_BINARY, ACT_SOFTMAX, LOSS_BCE),
                 LOSS_BCE);
    cr_expect_eq(session_fit_loss_for_output(DS_MULTICLASS, ACT_RELU, LOSS_CE),
                 LOSS_CE);
    cr_expect_eq(session_fit_output_for_loss(DS_BINARY, LOSS_BCE, ACT_RELU),
                 ACT_SIGMOID);
    cr_expect_eq(session_fit_output_for_loss(DS_BINARY, LOSS_MSE, ACT_RELU), ACT_RELU);
    cr_expect_eq(session_fit_output_for_loss(DS_BINARY, LOSS_CE, ACT_RELU), ACT_RELU);
    char note[128];
    session_fit_note_loss(DS_BINARY, LOSS_BCE, LOSS_MSE, note, sizeof note);
    cr_expect_str_eq(note, "bce needs the sigmoid output: the loss is now mse");
    session_fit_note_output(DS_BINARY, LOSS_BCE, ACT_SIGMOID, note, sizeof note);
    cr_expect_str_eq(note, "bce needs outputs between 0 and 1: the output is now "
                           "sigmoid");
}

/* The session's own commands follow the table. */
Test(fit, the_session_switches_the_other_half_of_the_pair_and_says_so)
{
    session s;
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config_fit_task(&c, &d);
    cr_assert_eq(session_new(&s, &c, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(session_set_output_act(&s, ACT_TANH), 0);
    cr_expect_eq(s.cfg.loss, LOSS_MSE);
    cr_expect_str_eq(s.message, "bce needs the sigmoid output: the loss is now mse");
    cr_assert_eq(session_set_loss(&s, LOSS_BCE), 0);
    cr_expect_eq(s.cfg.output_act, ACT_SIGMOID);
    cr_expect_str_eq(s.message, "bce needs outputs between 0 and 1: the output is "
                                "now sigmoid");
    cr_expect_eq(session_set_output_act(&s, ACT_SOFTMAX), -1);
    cr_expect_str_eq(s.message, "softmax needs more than two classes; use sigmoid");
    cr_expect_eq(session_set_loss(&s, LOSS_CE), -1);
    cr_expect_eq(s.cfg.loss, LOSS_BCE);
    session_free(&s);
}
