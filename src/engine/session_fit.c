/* session_fit.c - the one table of which outputs and losses fit a task. */
#include "engine/session_fit.h"

#include <stdio.h>

#define FIT_BIT(k) (1u << (k))
/* every element-wise activation, softmax left out */
#define FIT_ELEMENTWISE (FIT_BIT(ACT_ELEMENTWISE_COUNT) - 1u)

static const session_fit_rule fit_rules[] = {
    {
        .task = DS_BINARY,
        .output = ACT_SIGMOID,
        .loss = LOSS_BCE,
        .perceptron = true,
        .outputs_for = {[LOSS_MSE] = FIT_ELEMENTWISE,
                        [LOSS_BCE] = FIT_BIT(ACT_SIGMOID)},
        .needs = {[LOSS_BCE] = "outputs between 0 and 1"},
        .bad_output = "softmax needs more than two classes; use sigmoid",
        .bad_loss = "ce needs more than two classes; use bce or mse",
        .bad_pair = "bce needs outputs between 0 and 1: use the sigmoid "
                    "output, or mse",
    },
    {
        .task = DS_MULTICLASS,
        .output = ACT_SOFTMAX,
        .loss = LOSS_CE,
        .perceptron = false,
        .outputs_for = {[LOSS_CE] = FIT_BIT(ACT_SOFTMAX)},
        .bad_output = "more than two classes need the softmax output and the "
                      "ce loss",
        .bad_loss = "more than two classes need the softmax output and the "
                    "ce loss",
        .bad_pair = "more than two classes need the softmax output and the "
                    "ce loss",
    },
    {
        .task = DS_REGRESSION,
        .output = ACT_LINEAR,
        .loss = LOSS_MSE,
        .perceptron = false,
        .outputs_for = {[LOSS_MSE] = FIT_ELEMENTWISE},
        .bad_output = "a real-valued target needs the mse loss and an "
                      "element-wise output (linear by default)",
        .bad_loss = "a real-valued target needs the mse loss and an "
                    "element-wise output (linear by default)",
        .bad_pair = "a real-valued target needs the mse loss and an "
                    "element-wise output (linear by default)",
    },
};

const session_fit_rule *session_fit_rule_for(ds_task t)
{
    for (size_t i = 0; i < sizeof fit_rules / sizeof fit_rules[0]; i++)
        if (fit_rules[i].task == t)
            return &fit_rules[i];
    return NULL;
}

static bool fit_pair(const session_fit_rule *f, act_kind out, loss_kind loss)
{
    return loss >= 0 && loss < LOSS_COUNT && out >= 0 && out < ACT_COUNT &&
           (f->outputs_for[loss] & FIT_BIT(out));
}

bool session_fit_output_ok(ds_task t, act_kind out)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    for (int l = 0; f && l < LOSS_COUNT; l++)
        if (fit_pair(f, out, (loss_kind)l))
            return true;
    return false;
}

bool session_fit_loss_ok(ds_task t, loss_kind loss)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    return f && loss >= 0 && loss < LOSS_COUNT && f->outputs_for[loss] != 0;
}

bool session_fit_check(ds_task t, act_kind out, loss_kind loss, char *err,
                       size_t errlen)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    const char *why = NULL;
    if (!f)
        why = "the dataset has no task";
    else if (!session_fit_output_ok(t, out))
        why = f->bad_output;
    else if (!session_fit_loss_ok(t, loss))
        why = f->bad_loss;
    else if (!fit_pair(f, out, loss))
        why = f->bad_pair;
    if (!why)
        return true;
    snprintf(err, errlen, "%s", why);
    return false;
}

loss_kind session_fit_loss_for_output(ds_task t, act_kind out, loss_kind cur)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    if (!f || fit_pair(f, out, cur))
        return cur;
    for (int l = 0; l < LOSS_COUNT; l++)
        if (fit_pair(f, out, (loss_kind)l))
            return (loss_kind)l;
    return cur;
}

act_kind session_fit_output_for_loss(ds_task t, loss_kind loss, act_kind cur)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    if (!f || fit_pair(f, cur, loss))
        return cur;
    for (int k = 0; k < ACT_COUNT; k++)
        if (fit_pair(f, (act_kind)k, loss))
            return (act_kind)k;
    return cur;
}

/* The one output a loss takes, or ACT_COUNT when it takes several. */
static act_kind fit_only_output(const session_fit_rule *f, loss_kind loss)
{
    unsigned m = f->outputs_for[loss];
    for (int k = 0; k < ACT_COUNT; k++)
        if (m == FIT_BIT(k))
            return (act_kind)k;
    return ACT_COUNT;
}

void session_fit_note_loss(ds_task t, loss_kind old, loss_kind now, char *buf,
                           size_t len)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    act_kind only = f ? fit_only_output(f, old) : ACT_COUNT;
    if (only != ACT_COUNT)
        snprintf(buf, len, "%s needs the %s output: the loss is now %s",
                 loss_name(old), act_name(only), loss_name(now));
    else
        snprintf(buf, len, "the loss is now %s", loss_name(now));
}

void session_fit_note_output(ds_task t, loss_kind loss, act_kind now, char *buf,
                             size_t len)
{
    const session_fit_rule *f = session_fit_rule_for(t);
    const char *needs = f && loss >= 0 && loss < LOSS_COUNT ? f->needs[loss] : NULL;
    if (needs)
        snprintf(buf, len, "%s needs %s: the output is now %s", loss_name(loss),
                 needs, act_name(now));
    else
        snprintf(buf, len, "%s needs the %s output", loss_name(loss), act_name(now));
}
