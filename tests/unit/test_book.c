/* test_book.c - the book's examples, number for number: the perceptron that
 * learns to output 0 for [1, 0], the OR perceptron, the ReLU neuron's
 * two-epoch table, the two-layer chain rule, and the XOR network. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <math.h>
#include <string.h>

#include "engine/chain.h"
#include "engine/session.h"

static session S;

static void make_session(session *s, session_config *c, ds_dataset *d)
{
    char err[256] = "";
    int rc = session_new(s, c, d, err, sizeof err);
    cr_assert_eq(rc, 0, "session_new: %s", err);
}

static void one_row(ds_dataset *d, ds_task task, int nf, const double *x, double y)
{
    cr_assert_eq(ds_new(d, "book", nf, task, task == DS_REGRESSION ? 0 : 2, 1), 0);
    cr_assert_eq(ds_add_train(d, x, y), 0);
}

static void teardown(void) { session_free(&S); }

TestSuite(book, .fini = teardown);

Test(book, perceptron_learns_zero_for_one_zero_in_one_update)
{
    /* w1, w2, b start at 0; input [1, 0], target 0; step(0) = 1 so the first
     * error is -1 and the update gives w1 = -1, w2 = 0, b = -1. */
    session_config c;
    ds_dataset d;
    const double x[2] = {1, 0};
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    c.lr = 1;
    one_row(&d, DS_BINARY, 2, x, 0);
    make_session(&S, &c, &d);

    cr_assert_eq(session_step_batch(&S), 0);
    cr_assert_eq(S.last.error, -1.0);
    cr_assert_eq(S.net.layer[0].w[0], -1.0);
    cr_assert_eq(S.net.layer[0].w[1], 0.0);
    cr_assert_eq(S.net.layer[0].b[0], -1.0);
    cr_assert_eq(S.status, SESSION_PAUSED);

    cr_assert_eq(session_step_batch(&S), 0);
    cr_assert_eq(S.last.error, 0.0);
    cr_assert_eq(S.status, SESSION_CONVERGED);
    cr_assert_eq(S.net.layer[0].w[0], -1.0);
    cr_assert_eq(S.net.layer[0].b[0], -1.0);
}

Test(book, or_perceptron_in_the_books_order_converges_within_five_epochs)
{
    static const double xs[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    static const double ys[4] = {1, 1, 1, 0};
    session_config c;
    ds_dataset d;
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    c.lr = 1;
    cr_assert_eq(ds_new(&d, "or", 2, DS_BINARY, 2, 4), 0);
    for (int i = 0; i < 4; i++)
        ds_add_train(&d, xs[i], ys[i]);
    make_session(&S, &c, &d);

    /* the errors the book's loop meets, epoch by epoch */
    static const double errors[3][4] = {{0, 0, 0, -1}, {1, 0, 0, -1}, {0, 0, 0, 0}};
    for (int e = 0; e < 3; e++)
        for (int i = 0; i < 4; i++) {
            cr_assert_eq(session_step_batch(&S), 0);
            cr_assert_eq(S.last.error, errors[e][i], "epoch %d row %d", e + 1, i);
        }
    cr_assert_eq(S.epoch, 3);
    cr_assert_eq(S.status, SESSION_CONVERGED);
    cr_assert_eq(S.net.layer[0].w[0], 1.0);
    cr_assert_eq(S.net.layer[0].w[1], 1.0);
    cr_assert_eq(S.net.layer[0].b[0], -1.0);

    /* model(0,0) = 0, model(0,1) = 1, model(1,0) = 1, model(1,1) = 1 */
    static const double q[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static const double want[4] = {0, 1, 1, 1};
    for (int i = 0; i < 4; i++) {
        double out;
        session_predict(&S, q[i], 1, &out);
        cr_assert_eq(out, want[i]);
    }
}

Test(book, relu_neuron_two_epoch_table)
{
    /* x = 1, y = 0, w = 0.5, b = 0.5, lr = 1, ReLU, loss (y - y_hat)^2 / 2 */
    session_config c;
    ds_dataset d;
    const double x = 1;
    session_config_default(&c);
    c.n_hidden = 0;
    c.output_act = ACT_RELU;
    c.loss = LOSS_MSE;
    c.lr = 1;
    one_row(&d, DS_REGRESSION, 1, &x, 0);
    make_session(&S, &c, &d);
    cr_assert_eq(session_set_param(&S, 0, 0, 0, 0.5), 0);
    cr_assert_eq(session_set_param(&S, 0, 0, 1, 0.5), 0);
    const net_layer *L = &S.net.layer[0];

    /* epoch 1, phase by phase */
    cr_assert_eq(session_step_phase(&S), 0); /* forward */
    cr_assert_eq(S.phase, SESSION_PHASE_FORWARD);
    cr_assert_eq(L->z[0], 1.0);
    cr_assert_eq(L->a[0], 1.0);
    cr_assert_eq(session_step_phase(&S), 0); /* loss */
    cr_assert_eq(S.batch_loss, 0.5);
    cr_assert_eq(session_step_phase(&S), 0); /* backward */
    cr_assert_eq(L->gw[0], 1.0);
    cr_assert_eq(L->gb[0], 1.0);
    cr_assert_eq(session_step_phase(&S), 0); /* update */
    cr_assert_eq(S.phase, SESSION_PHASE_READY);
    cr_assert_eq(L->w[0], -0.5);
    cr_assert_eq(L->b[0], -0.5);
    cr_assert_eq(S.epoch, 1);
    cr_assert_eq(S.hist_train[0], 0.5);

    /* epoch 2: z = -1, y_hat = 0, loss 0, no gradient */
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_assert_eq(L->z[0], -1.0);
    cr_assert_eq(L->a[0], 0.0);
    cr_assert_eq(S.hist_train[1], 0.0);
    cr_assert_eq(L->gw[0], 0.0);
    cr_assert_eq(L->gb[0], 0.0);
    cr_assert_eq(L->w[0], -0.5);
    cr_assert_eq(L->b[0], -0.5);
}

Test(book, two_layer_chain_rule_matches_the_books_formula)
{
    /* z1 = w1 x + b1, a1 = f(z1), z2 = w2 a1 + b2, y_hat = g(z2),
     * L = (g(z2) - y)^2 / 2:
     *   dL/dw2 = (g(z2) - y) g'(z2) a1
     *   dL/dw1 = (g(z2) - y) g'(z2) w2 f'(z1) x */
    const act_kind fs[] = {ACT_SIGMOID, ACT_TANH, ACT_SOFTPLUS};
    for (int t = 0; t < 3; t++) {
        session_config c;
        ds_dataset d;
        const double x = 0.7, y = 0.2;
        session_config_default(&c);
        c.n_hidden = 1;
        c.hidden[0] = 1;
        c.hidden_act = fs[t];
        c.output_act = ACT_SIGMOID;
        c.loss = LOSS_MSE;
        one_row(&d, DS_REGRESSION, 1, &x, y);
        session s;
        make_session(&s, &c, &d);
        double w1 = 0.8, b1 = -0.3, w2 = -1.3, b2 = 0.4;
        session_set_param(&s, 0, 0, 0, w1);
        session_set_param(&s, 0, 0, 1, b1);
        session_set_param(&s, 1, 0, 0, w2);
        session_set_param(&s, 1, 0, 1, b2);
        for (int p = 0; p < 3; p++)
            session_step_phase(&s);
        double z1 = w1 * x + b1, a1 = act_value(fs[t], z1);
        double z2 = w2 * a1 + b2, g = act_value(ACT_SIGMOID, z2);
        double dw2 = (g - y) * act_derivative(ACT_SIGMOID, z2) * a1;
        double dw1 = (g - y) * act_derivative(ACT_SIGMOID, z2) * w2 *
                     act_derivative(fs[t], z1) * x;
        cr_assert_float_eq(s.net.layer[1].gw[0], dw2, 1e-15, "%s", act_name(fs[t]));
        cr_assert_float_eq(s.net.layer[0].gw[0], dw1, 1e-15, "%s", act_name(fs[t]));
        cr_assert_float_eq(s.net.layer[1].z[0], z2, 1e-15);
        session_free(&s);
    }
}

static bool xor_converges(uint64_t seed, double out[4])
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    c.seed = seed;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session s;
    cr_assert_eq(session_new(&s, &c, &d, err, sizeof err), 0, "%s", err);
    session_train(&s, 2000);
    static const double q[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static const int want[4] = {0, 1, 1, 0};
    bool ok = s.status != SESSION_DIVERGED;
    for (int i = 0; i < 4; i++) {
        session_predict(&s, q[i], 1, &out[i]);
        ok = ok && ((out[i] >= 0.5) == want[i]);
    }
    session_free(&s);
    return ok;
}

Test(book, xor_network_with_the_default_seed_learns_xor)
{
    session_config c;
    double out[4];
    session_config_default(&c);
    cr_assert(xor_converges(c.seed, out), "outputs %g %g %g %g", out[0], out[1],
              out[2], out[3]);
    /* the book ends near 0.0017, 0.9995, 0.9995, 0.0005 */
    cr_assert_lt(out[0], 0.05);
    cr_assert_gt(out[1], 0.95);
    cr_assert_gt(out[2], 0.95);
    cr_assert_lt(out[3], 0.05);
}

Test(book, xor_network_convergence_rate_over_twenty_seeds)
{
    int ok = 0;
    double out[4];
    for (uint64_t seed = 1; seed <= 20; seed++)
        ok += xor_converges(seed, out);
    cr_log_info("XOR 2-8-4-1 relu/sigmoid bce sgd 0.1, 2000 epochs: %d of 20 "
                "seeds converge",
                ok);
    /* with 8 and 4 ReLU units a few seeds start with dead units; most learn */
    cr_assert_geq(ok, 14, "only %d of 20 seeds converged", ok);
}

static int perceptron_epochs(const char *name, long max_epochs)
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    c.lr = 1;
    cr_assert_eq(ds_builtin(&d, name, NULL), 0);
    session s;
    cr_assert_eq(session_new(&s, &c, &d, err, sizeof err), 0, "%s", err);
    int at = -1;
    for (long e = 0; e < max_epochs && at < 0; e++) {
        session_step_epoch(&s);
        if (s.status == SESSION_CONVERGED)
            at = (int)s.epoch;
    }
    session_free(&s);
    return at;
}

Test(book, perceptron_converges_on_and_or_nand)
{
    const char *names[] = {"and", "or", "nand"};
    for (int i = 0; i < 3; i++) {
        int at = perceptron_epochs(names[i], 100);
        cr_assert_gt(at, 0, "%s did not converge", names[i]);
        cr_assert_leq(at, 10, "%s took %d epochs", names[i], at);
    }
    cr_assert_leq(perceptron_epochs("or", 100), 5);
}

Test(book, perceptron_never_converges_on_xor)
{
    cr_assert_eq(perceptron_epochs("xor", 1000), -1);
}

Test(book, the_small_chain_rule_examples_are_computed)
{
    chain_example e;
    chain_poly_example(2, &e);
    cr_expect_eq(e.inner, 7);      /* y = 2*2 + 3 */
    cr_expect_eq(e.outer, 50);     /* z = 49 + 1 */
    cr_expect_eq(e.d_outer, 14);   /* dz/dy = 2y */
    cr_expect_eq(e.d_inner, 2);    /* dy/dx */
    cr_expect_eq(e.product, 28);   /* the book's dz/dx */
    cr_expect(fabs(e.numeric - 28) < 1e-6, "finite difference %.9g", e.numeric);
    chain_sin_example(1.5, &e);
    cr_expect_eq(e.inner, 2.25);
    cr_expect_eq(e.product, cos(2.25) * 3.0);
    cr_expect(fabs(e.numeric - e.product) < 1e-6, "finite difference %.9g vs %.9g",
              e.numeric, e.product);
}
