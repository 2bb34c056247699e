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
#include "engine/session_query.h"

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
    cr_expect_str_eq(s.message, "bce needs the sigmoid output: the loss is now mse: "
                                "weights re-initialised, epoch 0");
    cr_assert_eq(session_set_loss(&s, LOSS_BCE), 0);
    cr_expect_eq(s.cfg.output_act, ACT_SIGMOID);
    cr_expect_str_eq(s.message, "bce needs outputs between 0 and 1: the output is "
                                "now sigmoid: weights re-initialised, epoch 0");
    cr_expect_eq(session_set_output_act(&s, ACT_SOFTMAX), -1);
    cr_expect_str_eq(s.message, "softmax needs more than two classes; use sigmoid");
    cr_expect_eq(session_set_loss(&s, LOSS_CE), -1);
    cr_expect_eq(s.cfg.loss, LOSS_BCE);
    session_free(&s);
}

/* ---- a parameter's index ---- */

static void new_session(session *s, const char *data, session_config *c)
{
    ds_dataset d;
    char err[256] = "";
    cr_assert_eq(ds_builtin(&d, data, NULL), 0, "%s", data);
    session_config_fit_task(c, &d);
    cr_assert_eq(session_new(s, c, &d, err, sizeof err), 0, "%s", err);
}

Test(query, parameter_index_follows_the_layout_and_locates_back)
{
    session s;
    session_config c;
    session_config_default(&c); /* 2 inputs, 8, 4, 1 */
    new_session(&s, "xor", &c);
    const net *n = &s.net;
    cr_expect_eq(net_param_index(n, 0, 0, 0), 0);
    cr_expect_eq(net_param_index(n, 0, 3, 1), 7, "w[3][1] of 2 inputs");
    cr_expect_eq(net_param_index(n, 0, 0, 2), 16, "the first bias after 16 weights");
    cr_expect_eq(net_param_index(n, 0, 7, 2), 23);
    cr_expect_eq(net_param_index(n, 1, 0, 0), 24);
    cr_expect_eq(net_param_index(n, 1, 2, 8), 24 + 32 + 2);
    cr_expect_eq(net_param_index(n, 2, 0, 4), n->n_params - 1, "the output's bias");
    cr_expect_eq(net_param_index(n, 0, 8, 0), NET_NO_PARAM);
    cr_expect_eq(net_param_index(n, 0, 0, 3), NET_NO_PARAM);
    cr_expect_eq(net_param_index(n, 3, 0, 0), NET_NO_PARAM);
    cr_expect_eq(net_param_index(n, -1, 0, 0), NET_NO_PARAM);
    for (size_t p = 0; p < n->n_params; p++) {
        int l, j, i;
        cr_assert(net_param_locate(n, p, &l, &j, &i));
        cr_expect_eq(net_param_index(n, l, j, i), p, "parameter %zu", p);
        /* the layer's own pointers say the same */
        const net_layer *L = &n->layer[l];
        const double *at = i < L->n_in ? &L->w[j * L->n_in + i] : &L->b[j];
        cr_expect_eq(at, &n->params[p]);
    }
    int l, j, i;
    cr_expect(!net_param_locate(n, n->n_params, &l, &j, &i));
    session_free(&s);
}

/* ---- the update an optimizer would make ---- */

Test(query, optimizer_preview_by_hand)
{
    opt_state o;
    cr_assert_eq(opt_new(&o, OPT_SGD, 0.1, 1), 0);
    cr_expect_eq(opt_preview(&o, 0, 1.0, 0.5), 1.0 - 0.1 * 0.5);
    cr_assert_eq(opt_set_kind(&o, OPT_MOMENTUM), 0);
    /* the first step: the buffer is the gradient */
    cr_expect_eq(opt_preview(&o, 0, 1.0, 0.5), 1.0 - 0.1 * 0.5);
    o.t = 3;
    o.m[0] = 0.2;
    cr_expect_eq(opt_preview(&o, 0, 1.0, 0.5), 1.0 - 0.1 * (0.2 * 0.9 + 0.5));
    cr_assert_eq(opt_set_kind(&o, OPT_ADAM), 0);
    /* Adam's first step moves by about lr against the gradient's sign */
    double m = 0.1 * 0.5, v = 0.001 * 0.25;
    double want = 1.0 - (0.1 / 0.1) * (m / (sqrt(v) / sqrt(0.001) + 1e-8));
    cr_expect_eq(opt_preview(&o, 0, 1.0, 0.5), want);
    cr_expect_float_eq(want, 0.9, 1e-7);
    opt_free(&o);
}

Test(query, optimizer_preview_is_what_the_step_makes)
{
    for (int k = 0; k < OPT_COUNT; k++) {
        opt_state o;
        double p[3] = {0.5, -1.25, 2.0}, g[3] = {0.3, -0.7, 0.01};
        cr_assert_eq(opt_new(&o, (opt_kind)k, 0.05, 3), 0);
        for (int t = 0; t < 4; t++) {
            double want[3];
            for (size_t i = 0; i < 3; i++)
                want[i] = opt_preview(&o, i, p[i], g[i]);
            long t0 = o.t;
            opt_step(&o, p, g);
            cr_expect_eq(o.t, t0 + 1);
            for (size_t i = 0; i < 3; i++)
                cr_expect(fabs(want[i] - p[i]) <= 1e-15 * fabs(p[i]), "%s step %d: %.17g %.17g",
                          opt_name((opt_kind)k), t, want[i], p[i]);
            g[0] *= -0.5;
        }
        opt_free(&o);
    }
}

/* ---- the chain rule of one weight, by hand ---- */

/* x -> linear unit (w1 = 2, b1 = 1) -> linear output (w2 = 0.5, b2 = -1),
 * mse, one training row x = 3, y = 10. */
static void hand_session(session *s, double lr)
{
    ds_dataset d;
    char err[256] = "";
    cr_assert_eq(ds_new(&d, "hand", 1, DS_REGRESSION, 0, 4), 0);
    cr_assert_eq(ds_add_train(&d, (double[]){3}, 10), 0);
    session_config c;
    session_config_default(&c);
    c.n_hidden = 1;
    c.hidden[0] = 1;
    c.hidden_act = ACT_LINEAR;
    c.output_act = ACT_LINEAR;
    c.loss = LOSS_MSE;
    c.lr = lr;
    cr_assert_eq(session_new(s, &c, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(session_set_param(s, 0, 0, 0, 2.0), 0);
    cr_assert_eq(session_set_param(s, 0, 0, 1, 1.0), 0);
    cr_assert_eq(session_set_param(s, 1, 0, 0, 0.5), 0);
    cr_assert_eq(session_set_param(s, 1, 0, 1, -1.0), 0);
}

Test(query, chain_terms_of_a_hand_computed_network)
{
    session s;
    session_chain c;
    hand_session(&s, 0.01);
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(!c.forward, "no forward yet");
    for (int k = 0; k < 3; k++)
        cr_assert_eq(session_step_phase(&s), 0);
    cr_assert_eq(s.phase, SESSION_PHASE_BACKWARD);
    /* the output weight: z2 = 0.5 * 7 - 1 = 2.5, L = (2.5 - 10)^2 / 2 */
    cr_assert(session_query_chain(&s, 1, 0, 0, 0, &c));
    cr_expect(c.forward && c.backward && c.output && !c.bias);
    cr_expect_eq(c.p, 2);
    cr_expect_eq(c.z, 2.5);
    cr_expect_eq(c.act, 2.5);
    cr_expect_eq(c.y, 10);
    cr_expect_eq(c.loss_row, 28.125);
    cr_expect_eq(c.dl_da, -7.5);
    cr_expect_eq(c.dact, 1);
    cr_expect_eq(c.delta, -7.5);
    cr_expect_eq(c.a_in, 7);
    cr_expect_eq(c.grad_row, -52.5);
    cr_expect_eq(c.grad, -52.5);
    cr_expect_eq(c.w0_used, 0.5);
    cr_expect_eq(c.b_used, -1);
    cr_expect_eq(c.in0, 7);
    /* the hidden weight: dL/da1 = w2 * dL/dz2 = 0.5 * -7.5, times x = 3 */
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(!c.output);
    cr_expect_eq(c.n_next, 1);
    cr_expect_eq(c.n_terms, 1);
    cr_expect_eq(c.w_next[0], 0.5);
    cr_expect_eq(c.delta_next[0], -7.5);
    cr_expect_eq(c.dl_da, -3.75);
    cr_expect_eq(c.grad, -11.25);
    cr_expect(c.pending);
    cr_expect_eq(c.before, 2.0);
    cr_expect_eq(c.after, 2.0 - 0.01 * -11.25);
    cr_expect_eq(session_preview_update(&s, 0, c.grad), c.after);
    double dz, in;
    cr_assert(session_chain_row(&s, &c, 0, &dz, &in));
    cr_expect_eq(dz, -3.75);
    cr_expect_eq(in, 3);
    cr_expect(!session_chain_row(&s, &c, 1, &dz, &in), "one row only");
    /* the bias: input 1 */
    cr_assert(session_query_chain(&s, 0, 0, 1, 0, &c));
    cr_expect(c.bias);
    cr_expect_eq(c.grad, -3.75);
    cr_expect_eq(c.in0, 3);
    double w, g, change;
    session_param_now(&s, 1, &w, &g, &change);
    cr_expect_eq(w, 1.0);
    cr_expect_eq(g, -3.75);
    /* the update: what was previewed is made */
    cr_assert_eq(session_step_phase(&s), 0);
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(c.updated);
    cr_expect_eq(c.before, 2.0);
    cr_expect_eq(c.after, 2.0 - 0.01 * -11.25);
    cr_expect_eq(s.net.params[0], c.after);
    session_param_now(&s, 0, &w, &g, &change);
    cr_expect_eq(change, c.after - 2.0);
    cr_expect(!session_query_chain(&s, 0, 1, 0, 0, &c), "one hidden unit");
    session_free(&s);
}

/* ---- the loss at given parameters ---- */

Test(query, loss_at_given_parameters_leaves_the_network_alone)
{
    session s;
    session_loss_probe p;
    memset(&p, 0, sizeof p);
    hand_session(&s, 0.01);
    for (int k = 0; k < 3; k++)
        cr_assert_eq(session_step_phase(&s), 0);
    double z2 = s.net.layer[1].z[0];
    double at[4] = {2.0, 1.0, 0.5, -1.0};
    cr_expect_eq(session_loss_at(&s, &p, at, 100), 28.125);
    cr_expect_eq(p.rows, 1);
    double at2[4] = {2.0, 1.0, 1.0, 0.0}; /* z2 = 7: (7 - 10)^2 / 2 */
    cr_expect_eq(session_loss_at(&s, &p, at2, 100), 4.5);
    /* the penalty on the weights, not the biases */
    s.cfg.l2 = 0.5;
    cr_expect_eq(session_loss_at(&s, &p, at2, 100), 4.5 + 0.5 * 0.5 * (4.0 + 1.0));
    s.cfg.l2 = 0;
    cr_expect_eq(s.net.layer[1].z[0], z2, "the last forward's values stay");
    cr_expect_eq(s.phase, SESSION_PHASE_BACKWARD);
    cr_expect(isnan(session_loss_at(&s, &p, at, 0)), "no rows");
    session_loss_probe_free(&p);
    session_free(&s);
}

/* A million rows: an even spread of at most SESSION_LOSS_ROWS_MAX. */
Test(query, loss_over_a_million_rows_takes_an_even_spread)
{
    enum { ROWS = 1000000 };
    ds_dataset d;
    char err[256] = "";
    cr_assert_eq(ds_new(&d, "line", 1, DS_REGRESSION, 0, ROWS), 0);
    for (int r = 0; r < ROWS; r++)
        cr_assert_eq(ds_add_train(&d, (double[]){(double)r / ROWS}, 2.0 * r / ROWS), 0);
    session_config c;
    session_config_default(&c);
    c.n_hidden = 0;
    c.output_act = ACT_LINEAR;
    c.loss = LOSS_MSE;
    session s;
    cr_assert_eq(session_new(&s, &c, &d, err, sizeof err), 0, "%s", err);
    session_loss_probe p;
    memset(&p, 0, sizeof p);
    double at[2] = {1.0, -0.5}; /* y_hat = x - 0.5 against y = 2x */
    double l = session_loss_at(&s, &p, at, ROWS);
    cr_expect_eq(p.rows, SESSION_LOSS_ROWS_MAX);
    double want = 0;
    for (int r = 0; r < SESSION_LOSS_ROWS_MAX; r++) {
        double x = (double)(int)((long long)r * ROWS / SESSION_LOSS_ROWS_MAX) / ROWS;
        want += (x + 0.5) * (x + 0.5) / 2;
    }
    want /= SESSION_LOSS_ROWS_MAX;
    cr_expect(fabs(l - want) <= 1e-12 * want, "%.17g against %.17g", l, want);
    /* fewer rows when asked */
    session_loss_at(&s, &p, at, 10);
    cr_expect_eq(p.rows, 10);
    session_loss_probe_free(&p);
    session_free(&s);
}

/* ---- hidden units over given rows ---- */

/* Every hidden unit's output over a few plane points, by hand from the
 * weights (relu layers 2-8-4-1), its largest |value|, and the last step's
 * values left as they were. */
Test(query, hidden_units_over_rows_match_the_weights_by_hand)
{
    session s;
    session_config c;
    session_config_default(&c);
    new_session(&s, "xor", &c);
    cr_assert_eq(session_train(&s, 20) >= 0, true);
    const net *n = &s.net;
    cr_assert_eq(n->n_layers, 3);
    double keep = n->layer[0].a[0];
    double raw[3][2] = {{0.25, -1.5}, {1.0, 1.0}, {-2.0, 0.5}};
    session_unit_probe p;
    memset(&p, 0, sizeof p);
    cr_assert(session_query_units(&s, &p, &raw[0][0], 3));
    cr_expect_eq(p.rows, 3);
    cr_expect_eq(p.units, 12);
    cr_expect_eq(p.first[0], 0);
    cr_expect_eq(p.first[1], 8);
    double mx[12] = {0};
    for (int r = 0; r < 3; r++) {
        double h1[8], h2[4];
        const net_layer *L = &n->layer[0], *M = &n->layer[1];
        for (int j = 0; j < 8; j++)
            h1[j] = act_value(L->act, L->w[j * 2] * raw[r][0] +
                                          L->w[j * 2 + 1] * raw[r][1] + L->b[j]);
        for (int j = 0; j < 4; j++) {
            double z = M->b[j];
            for (int i = 0; i < 8; i++)
                z += M->w[j * 8 + i] * h1[i];
            h2[j] = act_value(M->act, z);
        }
        for (int u = 0; u < 12; u++) {
            double want = u < 8 ? h1[u] : h2[u - 8];
            cr_expect(fabs(p.a[u * 3 + r] - want) <= 1e-12,
                      "unit %d row %d: %g against %g", u, r, p.a[u * 3 + r], want);
            if (fabs(want) > mx[u])
                mx[u] = fabs(want);
        }
    }
    for (int u = 0; u < 12; u++)
        cr_expect(fabs(p.amax[u] - mx[u]) <= 1e-12, "amax of unit %d", u);
    cr_expect_eq(n->layer[0].a[0], keep, "the last step's values were touched");
    /* no rows, too many rows, no hidden layer */
    cr_expect(!session_query_units(&s, &p, &raw[0][0], 0));
    cr_expect(!session_query_units(&s, &p, &raw[0][0], SESSION_UNIT_ROWS_MAX + 1));
    session_unit_probe_free(&p);
    session_free(&s);
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    new_session(&s, "or", &c);
    memset(&p, 0, sizeof p);
    cr_expect(!session_query_units(&s, &p, &raw[0][0], 3), "a perceptron has none");
    session_unit_probe_free(&p);
    session_free(&s);
}

/* A unit's z for given inputs: its bias plus the weighted sum; through its
 * activation it gives the unit's output as the network computes it. */
Test(query, unit_z_is_the_bias_plus_the_weighted_sum)
{
    session s;
    session_config c;
    session_config_default(&c);
    new_session(&s, "xor", &c);
    const net *n = &s.net;
    double in[2] = {1.0, 0.5};
    const net_layer *L = &n->layer[0];
    double want = L->b[2] + L->w[2 * 2] * 1.0 + L->w[2 * 2 + 1] * 0.5;
    cr_expect_eq(session_unit_z(&s, 0, 2, in), want);
    double raw[2] = {1.0, 0.5};
    session_unit_probe p;
    memset(&p, 0, sizeof p);
    cr_assert(session_query_units(&s, &p, raw, 1));
    double h1[8];
    for (int j = 0; j < 8; j++) {
        h1[j] = p.a[j];
        cr_expect(fabs(act_value(L->act, session_unit_z(&s, 0, j, in)) - h1[j]) <= 1e-15);
    }
    for (int j = 0; j < 4; j++)
        cr_expect(fabs(act_value(n->layer[1].act, session_unit_z(&s, 1, j, h1)) -
                       p.a[8 + j]) <= 1e-12, "unit h2.%d", j + 1);
    cr_expect(isnan(session_unit_z(&s, 0, 8, in)), "no ninth unit");
    cr_expect(isnan(session_unit_z(&s, 3, 0, in)), "no fourth layer");
    session_unit_probe_free(&p);
    session_free(&s);
}
