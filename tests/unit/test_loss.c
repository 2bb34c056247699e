/* test_loss.c - losses: names, the book's ReLU-neuron numbers, PyTorch's
 * BCE clamps, every gradient (loss_backward and loss_backward_z with each
 * kind of output layer) against central differences of loss_forward. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "engine/act.h"
#include "engine/loss.h"

enum { LR = 3, LC = 4 }; /* the block used by the gradient checks */
#define LNORM 0.37     /* any norm but 1 */

/* ---------------------------------------------------------------- names */

Test(loss, names_round_trip)
{
    static const char *want[LOSS_COUNT] = {"mse", "bce", "ce"};
    for (int k = 0; k < LOSS_COUNT; k++) {
        loss_kind back = LOSS_COUNT;
        cr_assert_str_eq(loss_name((loss_kind)k), want[k]);
        cr_assert(loss_from_name(loss_name((loss_kind)k), &back));
        cr_assert_eq((int)back, k);
        const char *f = loss_formula((loss_kind)k);
        cr_assert(f && f[0] && !strchr(f, '\n'), "formula of %s", want[k]);
    }
}

Test(loss, aliases_and_unknown_names)
{
    loss_kind k = LOSS_MSE;
    cr_assert(loss_from_name("cross_entropy", &k) && k == LOSS_CE);
    cr_assert(loss_from_name("BCE", &k) && k == LOSS_BCE);
    k = LOSS_MSE;
    cr_assert_not(loss_from_name("nll", &k));
    cr_assert_not(loss_from_name("", &k));
    cr_assert_not(loss_from_name(NULL, &k));
    cr_assert_eq(k, LOSS_MSE);
}

/* --------------------------------------------------------- exact values */

/* The book's ReLU neuron: x = 1, w = b = 0.5, y = 0. */
Test(loss, book_relu_neuron_table)
{
    double x = 1.0, w = 0.5, b = 0.5, y = 0.0;
    double z = w * x + b, out, dz;
    act_forward(ACT_RELU, &out, &z, 1, 1);
    cr_assert_eq(out, 1.0);
    cr_assert_eq(loss_forward(LOSS_MSE, &out, &y, 1, 1, 1.0), 0.5);
    loss_backward_z(LOSS_MSE, ACT_RELU, &dz, &z, &out, &y, 1, 1, 1.0);
    cr_assert_eq(dz * x, 1.0, "dLoss/dw");
    cr_assert_eq(dz, 1.0, "dLoss/db");
    /* epoch 2: w = b = -0.5 */
    w = b = -0.5;
    z = w * x + b;
    act_forward(ACT_RELU, &out, &z, 1, 1);
    cr_assert_eq(out, 0.0);
    cr_assert_eq(loss_forward(LOSS_MSE, &out, &y, 1, 1, 1.0), 0.0);
    loss_backward_z(LOSS_MSE, ACT_RELU, &dz, &z, &out, &y, 1, 1, 1.0);
    cr_assert_eq(dz, 0.0);
}

Test(loss, mse_is_half_the_squared_error)
{
    double out[2] = {3.0, -1.0}, y[2] = {1.0, 0.5}, g[2];
    cr_assert_eq(loss_row(LOSS_MSE, out, y, 2), 0.5 * 4.0 + 0.5 * 2.25);
    cr_assert_eq(loss_forward(LOSS_MSE, out, y, 1, 2, 0.5), 0.5 * 3.125);
    loss_backward(LOSS_MSE, g, out, y, 1, 2, 0.5);
    cr_assert_eq(g[0], 1.0);
    cr_assert_eq(g[1], -0.75);
    cr_assert_eq(loss_row(LOSS_MSE, y, y, 2), 0.0);
}

Test(loss, bce_and_ce_closed_forms)
{
    double p = 0.3, one = 1.0, zero = 0.0;
    cr_assert_lt(fabs(loss_row(LOSS_BCE, &p, &one, 1) + log(0.3)), 1e-15);
    cr_assert_lt(fabs(loss_row(LOSS_BCE, &p, &zero, 1) + log(0.7)), 1e-15);
    double q[3] = {0.2, 0.5, 0.3}, t[3] = {0.0, 0.0, 1.0};
    cr_assert_lt(fabs(loss_row(LOSS_CE, q, t, 3) + log(0.3)), 1e-15);
}

Test(loss, bce_clamps_logs_at_minus_100_like_torch)
{
    double p0 = 0.0, p1 = 1.0, y0 = 0.0, y1 = 1.0, g;
    cr_assert_eq(loss_row(LOSS_BCE, &p0, &y1, 1), 100.0);
    cr_assert_eq(loss_row(LOSS_BCE, &p1, &y0, 1), 100.0);
    cr_assert_eq(loss_row(LOSS_BCE, &p0, &y0, 1), 0.0);
    cr_assert_eq(loss_row(LOSS_BCE, &p1, &y1, 1), 0.0);
    /* torch: grad (p - y) / max(p (1 - p), 1e-12) */
    loss_backward(LOSS_BCE, &g, &p0, &y1, 1, 1, 0.5);
    cr_assert_eq(g, -0.5 / 1e-12);
    loss_backward(LOSS_BCE, &g, &p1, &y0, 1, 1, 1.0);
    cr_assert_eq(g, 1.0 / 1e-12);
    cr_assert(isfinite(loss_forward(LOSS_BCE, &p0, &y1, 1, 1, 1.0)));
}

Test(loss, ce_stays_finite_at_zero_probability)
{
    double p[2] = {0.0, 1.0}, y[2] = {1.0, 0.0}, g[2];
    double l = loss_row(LOSS_CE, p, y, 2);
    cr_assert(isfinite(l) && l > 700.0, "ce = %g", l);
    loss_backward(LOSS_CE, g, p, y, 1, 2, 1.0);
    cr_assert(isfinite(g[0]) && g[0] < 0.0);
    cr_assert_eq(g[1], 0.0);
}

Test(loss, forward_is_norm_times_sum_of_rows)
{
    double out[LR * LC], y[LR * LC];
    for (int i = 0; i < LR * LC; i++) {
        out[i] = 0.1 + 0.07 * i;
        y[i] = (i % 3 == 0) ? 1.0 : 0.0;
    }
    for (int k = 0; k < LOSS_COUNT; k++) {
        double s = 0.0;
        for (int r = 0; r < LR; r++)
            s += loss_row((loss_kind)k, out + r * LC, y + r * LC, LC);
        double f = loss_forward((loss_kind)k, out, y, LR, LC, LNORM);
        cr_assert_lt(fabs(f - LNORM * s), 1e-15 * fabs(s), "%s",
                     loss_name((loss_kind)k));
        cr_assert_eq(loss_forward((loss_kind)k, out, y, 0, LC, LNORM), 0.0);
    }
}

/* ---------------------------------------------------- gradient checks */

/* Outputs and targets valid for each loss: probabilities in (0.05, 0.95)
 * for bce (soft targets too), rows of a softmax and one-hot rows for ce. */
static void make_block(loss_kind k, double *out, double *y)
{
    for (int r = 0; r < LR; r++) {
        double s = 0.0;
        for (int c = 0; c < LC; c++) {
            int i = r * LC + c;
            switch (k) {
            case LOSS_MSE:
                out[i] = sin(1.3 * i) * 2.0;
                y[i] = cos(0.7 * i);
                break;
            case LOSS_BCE:
                out[i] = 0.5 + 0.45 * sin(1.9 * i + 0.3);
                y[i] = (i % 4 == 3) ? 0.25 : (double)(i % 2);
                break;
            default:
                out[i] = exp(sin(2.1 * i));
                s += out[i];
                y[i] = (c == (r + 1) % LC) ? 1.0 : 0.0;
                break;
            }
        }
        if (k == LOSS_CE)
            for (int c = 0; c < LC; c++)
                out[r * LC + c] /= s;
    }
}

Test(loss, every_loss_backward_matches_central_differences)
{
    double out[LR * LC], y[LR * LC], g[LR * LC], o2[LR * LC];
    for (int k = 0; k < LOSS_COUNT; k++) {
        make_block((loss_kind)k, out, y);
        loss_backward((loss_kind)k, g, out, y, LR, LC, LNORM);
        for (int i = 0; i < LR * LC; i++) {
            double h = 1e-6;
            memcpy(o2, out, sizeof out);
            o2[i] = out[i] + h;
            double lp = loss_forward((loss_kind)k, o2, y, LR, LC, LNORM);
            o2[i] = out[i] - h;
            double lm = loss_forward((loss_kind)k, o2, y, LR, LC, LNORM);
            double num = (lp - lm) / (2 * h);
            cr_assert(fabs(num - g[i]) <= 1e-7 * (1.0 + fabs(g[i])),
                      "%s d/dout[%d]: %.17g vs numeric %.17g",
                      loss_name((loss_kind)k), i, g[i], num);
        }
    }
}

/* L(z) = loss_forward(act_forward(z)); loss_backward_z must be dL/dz. */
static void check_backward_z(loss_kind k, act_kind act, const double *z,
                             const double *y)
{
    double out[LR * LC], dz[LR * LC], z2[LR * LC], o2[LR * LC];
    act_forward(act, out, z, LR, LC);
    loss_backward_z(k, act, dz, z, out, y, LR, LC, LNORM);
    for (int i = 0; i < LR * LC; i++) {
        double h = 1e-6;
        memcpy(z2, z, sizeof z2);
        z2[i] = z[i] + h;
        act_forward(act, o2, z2, LR, LC);
        double lp = loss_forward(k, o2, y, LR, LC, LNORM);
        z2[i] = z[i] - h;
        act_forward(act, o2, z2, LR, LC);
        double lm = loss_forward(k, o2, y, LR, LC, LNORM);
        double num = (lp - lm) / (2 * h);
        cr_assert(fabs(num - dz[i]) <= 1e-7 * (1.0 + fabs(dz[i])),
                  "%s with %s: dz[%d] = %.17g vs numeric %.17g", loss_name(k),
                  act_name(act), i, dz[i], num);
    }
}

Test(loss, backward_z_matches_central_differences_for_each_pairing)
{
    double z[LR * LC], y01[LR * LC], yreal[LR * LC], onehot[LR * LC];
    for (int i = 0; i < LR * LC; i++) {
        z[i] = 1.7 * sin(1.1 * i + 0.4) + 0.05; /* no z near 0 */
        y01[i] = (double)(i % 2);
        yreal[i] = 0.3 * cos(0.8 * i);
        onehot[i] = (i % LC == (i / LC + 2) % LC) ? 1.0 : 0.0;
    }
    static const act_kind mse_outs[] = {ACT_LINEAR, ACT_SIGMOID, ACT_TANH,
                                        ACT_RELU,   ACT_ELU,     ACT_SOFTPLUS,
                                        ACT_SWISH,  ACT_MISH,    ACT_SOFTMAX};
    for (size_t i = 0; i < sizeof mse_outs / sizeof mse_outs[0]; i++)
        check_backward_z(LOSS_MSE, mse_outs[i], z, yreal);
    check_backward_z(LOSS_BCE, ACT_SIGMOID, z, y01);
    check_backward_z(LOSS_CE, ACT_SOFTMAX, z, onehot); /* the fused form */
}

Test(loss, fused_softmax_ce_is_p_minus_y_and_agrees_with_the_chain)
{
    double z[LR * LC], p[LR * LC], y[LR * LC], fused[LR * LC],
        chain[LR * LC];
    for (int i = 0; i < LR * LC; i++) {
        z[i] = cos(1.3 * i) * 3.0;
        y[i] = (i % LC == 1) ? 1.0 : 0.0;
    }
    act_forward(ACT_SOFTMAX, p, z, LR, LC);
    loss_backward_z(LOSS_CE, ACT_SOFTMAX, fused, z, p, y, LR, LC, LNORM);
    loss_backward(LOSS_CE, chain, p, y, LR, LC, LNORM);
    act_backward(ACT_SOFTMAX, chain, chain, z, p, LR, LC);
    for (int i = 0; i < LR * LC; i++) {
        cr_assert_eq(fused[i], (p[i] - y[i]) * LNORM);
        cr_assert_lt(fabs(fused[i] - chain[i]), 1e-14, "dz[%d]", i);
    }
}

Test(loss, unfused_backward_z_is_loss_then_activation_backward)
{
    double z[LR * LC], out[LR * LC], y[LR * LC], dz[LR * LC], g[LR * LC];
    for (int i = 0; i < LR * LC; i++) {
        z[i] = 0.4 * i - 2.0;
        y[i] = (double)(i % 2);
    }
    act_forward(ACT_SIGMOID, out, z, LR, LC);
    loss_backward_z(LOSS_BCE, ACT_SIGMOID, dz, z, out, y, LR, LC, LNORM);
    loss_backward(LOSS_BCE, g, out, y, LR, LC, LNORM);
    act_backward(ACT_SIGMOID, g, g, z, out, LR, LC);
    cr_assert_arr_eq(dz, g, sizeof dz);
    /* and it is close to the exact (p - y) * norm of sigmoid + bce */
    for (int i = 0; i < LR * LC; i++)
        cr_assert_lt(fabs(dz[i] - (out[i] - y[i]) * LNORM), 1e-15);
}

/* BCE over a block takes fastmath's vector logs: its sum has the bits of
 * the row by row sum whatever the block's length (every tail of the vector
 * paths), and it follows libm's logs to 1e-14. */
Test(loss, bce_block_equals_rows_bit_for_bit_at_every_length)
{
    enum { R = 70 };
    double out[R * 2], y[R * 2];
    for (int i = 0; i < R * 2; i++) {
        out[i] = 0.5 + 0.4999 * sin(0.37 * i + 0.1);
        y[i] = (i % 5 == 4) ? 0.5 : (double)(i % 2);
    }
    out[3] = 0.0;
    out[8] = 1.0;
    for (int cols = 1; cols <= 2; cols++)
        for (int rows = 0; rows <= R; rows++) {
            double s = 0.0, ref = 0.0;
            for (int r = 0; r < rows; r++) {
                s += loss_row(LOSS_BCE, out + r * cols, y + r * cols, cols);
                for (int c = 0; c < cols; c++) {
                    double p = out[r * cols + c], t = y[r * cols + c];
                    ref += (t - 1.0) * fmax(log1p(-p), -100.0) -
                           t * fmax(log(p), -100.0);
                }
            }
            double f = loss_forward(LOSS_BCE, out, y, rows, cols, 1.0);
            cr_assert(memcmp(&f, &s, sizeof f) == 0,
                      "%d x %d: block %a, rows %a", rows, cols, f, s);
            cr_assert_leq(fabs(f - ref), 1e-13 * (1.0 + fabs(ref)),
                          "%d x %d: %a vs libm %a", rows, cols, f, ref);
        }
}
