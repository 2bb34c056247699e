/* test_act.c - activations: names and info, exact values, PyTorch's
 * conventions, every derivative against central differences, softmax's
 * Jacobian-vector product, stability at huge and infinite inputs, and the
 * fast kernels against libm (accuracy, and identical bits on every path). */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/act.h"
#include "engine/fastmath.h"

static const act_kind elementwise[] = {
    ACT_LINEAR,     ACT_STEP,     ACT_SIGMOID,  ACT_TANH,  ACT_RELU,
    ACT_LEAKY_RELU, ACT_ELU,      ACT_SOFTPLUS, ACT_SOFTSIGN,
    ACT_LOGSIGMOID, ACT_SWISH,    ACT_MISH,     ACT_SINC,
};
#define N_ELEMENTWISE (sizeof elementwise / sizeof elementwise[0])

static double rel_err(double got, double want)
{
    if (got == want)
        return 0.0;
    return fabs(got - want) / fabs(want);
}

static bool same_bits(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* A sweep with the awkward values mixed in. */
static size_t fill_sweep(double *x, size_t n, double lo, double hi)
{
    static const double special[] = {
        0.0,    -0.0,    INFINITY, -INFINITY, NAN,     1e300,  -1e300,
        1e4,    -1e4,    DBL_MAX,  -DBL_MAX,  5e-324,  -5e-324, DBL_MIN,
        -745.1, -745.2,  709.7,    709.8,     20.0,    -20.0,  19.99,
        1e-9,   -1e-9,   0.3466,   -0.3466,   1000.0,  -1000.0,
    };
    size_t ns = sizeof special / sizeof special[0];
    for (size_t i = 0; i < n; i++)
        x[i] = lo + (hi - lo) * (double)i / (double)(n - 1);
    for (size_t i = 0; i < ns && i < n; i++)
        x[i * 7 % n] = special[i];
    return n;
}

/* ---------------------------------------------------------- names, info */

Test(act, every_name_round_trips)
{
    for (int k = 0; k < ACT_COUNT; k++) {
        act_kind back = ACT_COUNT;
        cr_assert(act_from_name(act_name((act_kind)k), &back),
                  "name %s does not parse", act_name((act_kind)k));
        cr_assert_eq((int)back, k, "name %s parses to %d", act_name((act_kind)k),
                     (int)back);
    }
}

Test(act, names_are_the_documented_ones)
{
    static const char *want[ACT_COUNT] = {
        "linear", "step",     "sigmoid",  "tanh",       "relu",
        "leaky_relu", "elu",  "softplus", "softsign",   "logsigmoid",
        "swish",  "mish",     "sinc",     "softmax",
    };
    for (int k = 0; k < ACT_COUNT; k++)
        cr_assert_str_eq(act_name((act_kind)k), want[k]);
}

Test(act, aliases_and_case_are_accepted)
{
    act_kind k;
    cr_assert(act_from_name("leaky", &k) && k == ACT_LEAKY_RELU);
    cr_assert(act_from_name("leakyrelu", &k) && k == ACT_LEAKY_RELU);
    cr_assert(act_from_name("silu", &k) && k == ACT_SWISH);
    cr_assert(act_from_name("ReLU", &k) && k == ACT_RELU);
    cr_assert(act_from_name("Leaky-ReLU", &k) && k == ACT_LEAKY_RELU);
}

Test(act, unknown_names_are_refused)
{
    act_kind k = ACT_TANH;
    cr_assert_not(act_from_name("", &k));
    cr_assert_not(act_from_name("relu6", &k));
    cr_assert_not(act_from_name("tan", &k));
    cr_assert_not(act_from_name("sigmoid ", &k));
    cr_assert_not(act_from_name(NULL, &k));
    cr_assert_eq(k, ACT_TANH, "a refused name must not touch *out");
    cr_assert_null(act_get_info(ACT_COUNT));
}

Test(act, every_info_is_filled_in)
{
    for (int k = 0; k < ACT_COUNT; k++) {
        const act_info *in = act_get_info((act_kind)k);
        cr_assert_not_null(in);
        const char *texts[] = {in->name, in->title, in->formula,
                               in->derivative, in->note};
        for (int t = 0; t < 5; t++) {
            cr_assert(texts[t] && texts[t][0], "kind %d text %d empty", k, t);
            cr_assert_null(strchr(texts[t], '\n'), "kind %d text %d", k, t);
        }
        cr_assert(strlen(in->note) <= 160, "%s note too long", in->name);
        cr_assert_lt(in->lo, in->hi, "%s range", in->name);
    }
}

/* lo/hi hold every output on [-4, 4] and are no looser than 0.05. */
Test(act, display_range_fits_the_curve)
{
    for (size_t e = 0; e < N_ELEMENTWISE; e++) {
        act_kind k = elementwise[e];
        const act_info *in = act_get_info(k);
        double mn = INFINITY, mx = -INFINITY;
        for (int i = 0; i <= 8000; i++) {
            double v = act_value(k, -4.0 + i / 1000.0);
            mn = fmin(mn, v);
            mx = fmax(mx, v);
        }
        cr_assert(mn >= in->lo && mx <= in->hi, "%s: [%g, %g] outside [%g, %g]",
                  in->name, mn, mx, in->lo, in->hi);
        cr_assert(mn - in->lo <= 0.05 && in->hi - mx <= 0.05,
                  "%s: range [%g, %g] loose around [%g, %g]", in->name, in->lo,
                  in->hi, mn, mx);
    }
}

/* ------------------------------------------------------- exact values */

Test(act, exact_small_values)
{
    cr_assert_eq(act_value(ACT_SIGMOID, 0.0), 0.5);
    cr_assert_eq(act_value(ACT_TANH, 0.0), 0.0);
    cr_assert_eq(act_value(ACT_RELU, -1.0), 0.0);
    cr_assert_eq(act_value(ACT_RELU, 2.5), 2.5);
    cr_assert_eq(act_value(ACT_STEP, 0.0), 1.0);
    cr_assert_eq(act_value(ACT_STEP, -1e-300), 0.0);
    cr_assert_eq(act_value(ACT_STEP, 3.0), 1.0);
    cr_assert_eq(act_value(ACT_SINC, 0.0), 1.0);
    cr_assert_eq(act_value(ACT_LINEAR, -3.25), -3.25);
    cr_assert_eq(act_value(ACT_LEAKY_RELU, -1.0), -0.01);
    cr_assert_eq(act_value(ACT_LEAKY_RELU, 2.0), 2.0);
    cr_assert_eq(act_value(ACT_ELU, 0.0), 0.0);
    cr_assert_eq(act_value(ACT_ELU, 3.0), 3.0);
    cr_assert_eq(act_value(ACT_SOFTSIGN, 1.0), 0.5);
    cr_assert_eq(act_value(ACT_SOFTSIGN, -3.0), -0.75);
    cr_assert_eq(act_value(ACT_SWISH, 0.0), 0.0);
    cr_assert_eq(act_value(ACT_MISH, 0.0), 0.0);
    cr_assert_leq(rel_err(act_value(ACT_SOFTPLUS, 0.0), log(2.0)), 2.3e-16);
    cr_assert_leq(rel_err(act_value(ACT_LOGSIGMOID, 0.0), -log(2.0)), 2.3e-16);
    cr_assert_eq(act_value(ACT_SOFTMAX, 3.0), 1.0);
    cr_assert_eq(act_derivative(ACT_SOFTMAX, 3.0), 0.0);
    cr_assert_eq(act_derivative(ACT_SIGMOID, 0.0), 0.25);
    cr_assert_eq(act_derivative(ACT_TANH, 0.0), 1.0);
    cr_assert_eq(act_derivative(ACT_LINEAR, 7.0), 1.0);
}

Test(act, closed_forms_at_one)
{
    double e = exp(1.0), s = 1.0 / (1.0 + exp(-1.0));
    cr_assert_lt(rel_err(act_value(ACT_SIGMOID, 1.0), s), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_TANH, 1.0), tanh(1.0)), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_ELU, -1.0), 1.0 / e - 1.0), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_SOFTPLUS, 1.0), log(1.0 + e)), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_SWISH, 1.0), s), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_MISH, 1.0), tanh(log(1.0 + e))), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_SINC, 1.0), sin(1.0)), 1e-15);
    cr_assert_lt(rel_err(act_value(ACT_LOGSIGMOID, 1.0), log(s)), 1e-15);
}

/* ------------------------------------------------ PyTorch's conventions */

Test(act, torch_conventions_at_kinks)
{
    cr_assert_eq(act_derivative(ACT_RELU, 0.0), 0.0, "relu'(0) is 0");
    cr_assert_eq(act_derivative(ACT_RELU, 1e-300), 1.0);
    cr_assert_eq(act_derivative(ACT_RELU, -2.0), 0.0);
    cr_assert_eq(act_derivative(ACT_LEAKY_RELU, 0.0), 0.01, "leaky'(0)");
    cr_assert_eq(act_derivative(ACT_LEAKY_RELU, 2.0), 1.0);
    cr_assert_eq(act_derivative(ACT_ELU, 0.0), 1.0, "elu'(0) = e^0");
    cr_assert_eq(act_derivative(ACT_ELU, 2.0), 1.0);
    cr_assert_eq(act_derivative(ACT_STEP, 0.0), 0.0);
    cr_assert_eq(act_derivative(ACT_STEP, -1.0), 0.0);
    cr_assert_eq(act_derivative(ACT_SINC, 0.0), 0.0);
    cr_assert_eq(act_derivative(ACT_SOFTPLUS, 0.0), 0.5);
    cr_assert_eq(act_derivative(ACT_LOGSIGMOID, 0.0), 0.5);
}

Test(act, softplus_switches_to_identity_above_20)
{
    cr_assert_eq(act_value(ACT_SOFTPLUS, 20.5), 20.5);
    cr_assert_eq(act_value(ACT_SOFTPLUS, 1e6), 1e6);
    cr_assert_eq(act_derivative(ACT_SOFTPLUS, 20.5), 1.0);
    cr_assert_eq(act_value(ACT_SOFTPLUS, 20.0), log1p(exp(20.0)));
    cr_assert_neq(act_value(ACT_SOFTPLUS, 20.0), 20.0);
    cr_assert_lt(act_derivative(ACT_SOFTPLUS, 20.0), 1.0);
}

/* ---------------------------------------------------- gradient checks */

static bool near_kink(act_kind k, double z)
{
    switch (k) {
    case ACT_RELU:
    case ACT_LEAKY_RELU:
    case ACT_ELU:
        return fabs(z) < 1e-3;
    default:
        return false;
    }
}

Test(act, every_derivative_matches_central_differences)
{
    for (size_t e = 0; e < N_ELEMENTWISE; e++) {
        act_kind k = elementwise[e];
        if (k == ACT_STEP)
            continue;
        for (int i = 0; i <= 1200; i++) {
            double z = -6.0 + i * 0.01 + 0.0013; /* off the grid of kinks */
            if (near_kink(k, z))
                continue;
            double h = 1e-5 * fmax(1.0, fabs(z));
            double num = (act_value(k, z + h) - act_value(k, z - h)) / (2 * h);
            double ana = act_derivative(k, z);
            cr_assert(fabs(num - ana) <= 1e-7 * (1.0 + fabs(ana)),
                      "%s'(%g): analytic %.17g, numeric %.17g", act_name(k), z,
                      ana, num);
        }
    }
}

/* The block backward multiplies the incoming gradient in, in place too. */
Test(act, block_backward_is_da_times_derivative)
{
    enum { R = 3, C = 7 };
    double z[R * C], a[R * C], da[R * C], dz[R * C];
    for (size_t e = 0; e < N_ELEMENTWISE; e++) {
        act_kind k = elementwise[e];
        for (int i = 0; i < R * C; i++) {
            z[i] = -3.1 + 0.29 * i;
            da[i] = 0.5 + 0.1 * (i % 5) - 0.3 * (i % 2);
        }
        act_forward(k, a, z, R, C);
        act_backward(k, dz, da, z, a, R, C);
        for (int i = 0; i < R * C; i++) {
            double want = da[i] * act_derivative(k, z[i]);
            cr_assert(fabs(dz[i] - want) <= 1e-15 * (1.0 + fabs(want)),
                      "%s at %g: %.17g vs %.17g", act_name(k), z[i], dz[i],
                      want);
        }
        act_backward(k, da, da, z, a, R, C); /* dz aliasing da */
        cr_assert_arr_eq(da, dz, sizeof dz, "%s in place", act_name(k));
    }
}

/* L = sum w * softmax(z) per row; act_backward(da = w) must be dL/dz. */
Test(act, softmax_jacobian_vector_product_matches_central_differences)
{
    enum { R = 3, C = 5 };
    double z[R * C], a[R * C], w[R * C], dz[R * C], zp[R * C], ap[R * C];
    for (int i = 0; i < R * C; i++) {
        z[i] = sin(1.7 * i) * 2.0;
        w[i] = cos(0.9 * i) + 0.2 * i;
    }
    act_forward(ACT_SOFTMAX, a, z, R, C);
    act_backward(ACT_SOFTMAX, dz, w, z, a, R, C);
    for (int i = 0; i < R * C; i++) {
        double h = 1e-6, lp = 0.0, lm = 0.0;
        memcpy(zp, z, sizeof z);
        zp[i] = z[i] + h;
        act_forward(ACT_SOFTMAX, ap, zp, R, C);
        for (int j = 0; j < R * C; j++)
            lp += w[j] * ap[j];
        zp[i] = z[i] - h;
        act_forward(ACT_SOFTMAX, ap, zp, R, C);
        for (int j = 0; j < R * C; j++)
            lm += w[j] * ap[j];
        double num = (lp - lm) / (2 * h);
        cr_assert(fabs(num - dz[i]) <= 1e-8 * (1.0 + fabs(dz[i])),
                  "dz[%d] = %.17g, numeric %.17g", i, dz[i], num);
    }
}

Test(act, softmax_rows_are_distributions_and_stable)
{
    enum { R = 4, C = 3 };
    double z[R * C] = {1000.0, 1001.0, 999.0,   -1000.0, -1001.0, -999.0,
                       0.0,    0.0,    0.0,     1e300,   0.0,     -1e300};
    double a[R * C];
    act_forward(ACT_SOFTMAX, a, z, R, C);
    for (int r = 0; r < R; r++) {
        double s = 0.0;
        for (int c = 0; c < C; c++) {
            cr_assert(isfinite(a[r * C + c]) && a[r * C + c] >= 0.0);
            s += a[r * C + c];
        }
        cr_assert_lt(fabs(s - 1.0), 1e-15, "row %d sums to %.17g", r, s);
    }
    /* shift invariance: rows 0 and 1 are row [1, 2, 0] shifted */
    double ref[3] = {1.0, 2.0, 0.0}, p[3];
    act_forward(ACT_SOFTMAX, p, ref, 1, 3);
    for (int c = 0; c < 3; c++)
        cr_assert_lt(fabs(a[c] - p[c]), 1e-15);
    cr_assert_eq(a[6], a[7]);
    cr_assert_eq(a[9], 1.0);
    cr_assert_eq(a[11], 0.0);
    act_forward(ACT_SOFTMAX, z, z, R, C); /* in place */
    cr_assert_arr_eq(z, a, sizeof a);
}

/* ------------------------------------------------------------ stability */

Test(act, finite_inputs_give_finite_values_and_derivatives)
{
    static const double z[] = {1e4,   -1e4,     1e300,  -1e300, DBL_MAX,
                               -DBL_MAX, 800.0, -800.0, 710.0,  -746.0,
                               5e-324, -5e-324, 40.0,   -40.0};
    for (size_t e = 0; e < N_ELEMENTWISE; e++) {
        act_kind k = elementwise[e];
        for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
            double v = act_value(k, z[i]), d = act_derivative(k, z[i]);
            cr_assert(isfinite(v), "%s(%g) = %g", act_name(k), z[i], v);
            cr_assert(isfinite(d), "%s'(%g) = %g", act_name(k), z[i], d);
        }
    }
}

Test(act, limits_at_large_inputs)
{
    const double big[] = {1e4, 1e300};
    for (int i = 0; i < 2; i++) {
        double b = big[i];
        cr_assert_eq(act_value(ACT_SIGMOID, b), 1.0);
        cr_assert_eq(act_value(ACT_SIGMOID, -b), 0.0);
        cr_assert_eq(act_value(ACT_TANH, b), 1.0);
        cr_assert_eq(act_value(ACT_TANH, -b), -1.0);
        cr_assert_eq(act_value(ACT_ELU, -b), -1.0);
        cr_assert_eq(act_value(ACT_SOFTPLUS, b), b);
        cr_assert_eq(act_value(ACT_SOFTPLUS, -b), 0.0);
        cr_assert_eq(act_value(ACT_LOGSIGMOID, b), 0.0);
        cr_assert_eq(act_value(ACT_LOGSIGMOID, -b), -b);
        cr_assert_eq(act_value(ACT_SWISH, b), b);
        cr_assert_eq(act_value(ACT_SWISH, -b), 0.0);
        cr_assert_eq(act_value(ACT_MISH, b), b);
        cr_assert_eq(act_value(ACT_MISH, -b), 0.0);
        cr_assert_eq(act_value(ACT_SOFTSIGN, b), b / (1.0 + b));
        cr_assert_eq(act_value(ACT_SOFTSIGN, -b), -b / (1.0 + b));
        cr_assert_eq(act_derivative(ACT_SIGMOID, -b), 0.0);
        cr_assert_eq(act_derivative(ACT_SWISH, b), 1.0);
        cr_assert_eq(act_derivative(ACT_MISH, b), 1.0);
        cr_assert_eq(act_derivative(ACT_SOFTPLUS, -b), 0.0);
        cr_assert_eq(act_derivative(ACT_LOGSIGMOID, -b), 1.0);
        cr_assert_eq(act_derivative(ACT_ELU, -b), 0.0);
    }
    cr_assert_lt(fabs(act_value(ACT_SINC, 1e300)), 1e-299);
}

Test(act, infinities_give_limits_not_nan)
{
    struct {
        act_kind k;
        double at_pos, at_neg; /* values at +Inf and -Inf */
    } lim[] = {
        {ACT_LINEAR, INFINITY, -INFINITY}, {ACT_STEP, 1.0, 0.0},
        {ACT_SIGMOID, 1.0, 0.0},           {ACT_TANH, 1.0, -1.0},
        {ACT_RELU, INFINITY, 0.0},         {ACT_LEAKY_RELU, INFINITY, -INFINITY},
        {ACT_ELU, INFINITY, -1.0},         {ACT_SOFTPLUS, INFINITY, 0.0},
        {ACT_SOFTSIGN, 1.0, -1.0},         {ACT_LOGSIGMOID, 0.0, -INFINITY},
        {ACT_SWISH, INFINITY, 0.0},        {ACT_MISH, INFINITY, 0.0},
        {ACT_SINC, 0.0, 0.0},
    };
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        act_kind k = lim[i].k;
        cr_assert_eq(act_value(k, INFINITY), lim[i].at_pos, "%s(+Inf) = %g",
                     act_name(k), act_value(k, INFINITY));
        cr_assert_eq(act_value(k, -INFINITY), lim[i].at_neg, "%s(-Inf) = %g",
                     act_name(k), act_value(k, -INFINITY));
        cr_assert_not(isnan(act_derivative(k, INFINITY)), "%s'(+Inf)",
                      act_name(k));
        cr_assert_not(isnan(act_derivative(k, -INFINITY)), "%s'(-Inf)",
                      act_name(k));
    }
    cr_assert_eq(act_derivative(ACT_SIGMOID, INFINITY), 0.0);
    cr_assert_eq(act_derivative(ACT_TANH, -INFINITY), 0.0);
    cr_assert_eq(act_derivative(ACT_MISH, INFINITY), 1.0);
    cr_assert_eq(act_derivative(ACT_SWISH, -INFINITY), 0.0);
}

Test(act, nan_propagates)
{
    for (size_t e = 0; e < N_ELEMENTWISE; e++)
        cr_assert(isnan(act_value(elementwise[e], NAN)), "%s(NaN)",
                  act_name(elementwise[e]));
}

/* A block gives the same bits as the scalar form, whatever the length
 * (vector tails) and with a aliasing z. */
Test(act, block_forward_equals_scalar_bit_for_bit)
{
    enum { N = 37 };
    double z[N], a[N], b[N];
    fill_sweep(z, N, -30.0, 30.0);
    for (size_t e = 0; e < N_ELEMENTWISE; e++) {
        act_kind k = elementwise[e];
        for (int len = 1; len <= N; len += 6) {
            act_forward(k, a, z, 1, len);
            memcpy(b, z, sizeof z);
            act_forward(k, b, b, len, 1);
            for (int i = 0; i < len; i++) {
                double s = act_value(k, z[i]);
                cr_assert(same_bits(a[i], s) && same_bits(b[i], s),
                          "%s(%g): block %a, in place %a, scalar %a",
                          act_name(k), z[i], a[i], b[i], s);
            }
        }
    }
}

Test(act, unknown_kind_gives_nan_not_a_guess)
{
    double z[2] = {1.0, -1.0}, a[2], d[2], one[2] = {1.0, 1.0};
    act_forward(ACT_COUNT, a, z, 1, 2);
    act_backward(ACT_COUNT, d, one, z, a, 1, 2);
    cr_assert(isnan(a[0]) && isnan(a[1]) && isnan(d[0]) && isnan(d[1]));
}

/* ---------------------------------------------- fast kernels vs libm */

static double sigmoid_ref(double x)
{
    return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
}

/* 1e6 points on [-40, 40] plus the awkward values: tanh and sigmoid within
 * 1e-14 of libm (the engine's outputs are compared with PyTorch's). */
Test(act_fastmath, tanh_and_sigmoid_match_libm_on_a_dense_sweep)
{
    enum { N = 1000001 };
    double *x = malloc(N * sizeof *x), *t = malloc(N * sizeof *t),
           *s = malloc(N * sizeof *s);
    cr_assert(x && t && s);
    fill_sweep(x, N, -40.0, 40.0);
    act_forward(ACT_TANH, t, x, 1, N);
    act_forward(ACT_SIGMOID, s, x, N, 1);
    double wt = 0.0, ws = 0.0;
    for (size_t i = 0; i < N; i++) {
        if (isnan(x[i])) {
            cr_assert(isnan(t[i]) && isnan(s[i]));
            continue;
        }
        double et = rel_err(t[i], tanh(x[i]));
        double es = rel_err(s[i], sigmoid_ref(x[i]));
        if (fabs(sigmoid_ref(x[i])) < DBL_MIN) /* subnormal: absolute */
            es = fabs(s[i] - sigmoid_ref(x[i])) <= 1e-323 ? 0.0 : 1.0;
        cr_assert_leq(et, 1e-14, "tanh(%a): %a vs libm %a", x[i], t[i],
                      tanh(x[i]));
        cr_assert_leq(es, 1e-14, "sigmoid(%a): %a vs %a", x[i], s[i],
                      sigmoid_ref(x[i]));
        wt = fmax(wt, et);
        ws = fmax(ws, es);
    }
    cr_log_info("tanh max rel err %.3g, sigmoid %.3g", wt, ws);
    free(x);
    free(t);
    free(s);
}

Test(act_fastmath, tanh_keeps_signed_zero_and_tiny_values)
{
    double tiny[] = {5e-324, 1e-310, DBL_MIN, 1e-200, 1e-20, 1e-9};
    for (int i = 0; i < 6; i++) {
        cr_assert_leq(rel_err(fastmath_tanh(tiny[i]), tanh(tiny[i])), 2.3e-16);
        cr_assert_leq(rel_err(fastmath_tanh(-tiny[i]), tanh(-tiny[i])), 2.3e-16);
    }
    cr_assert_eq(fastmath_tanh(5e-324), 5e-324);
    cr_assert(signbit(fastmath_tanh(-0.0)) && fastmath_tanh(-0.0) == 0.0);
    cr_assert(signbit(fastmath_expm1(-0.0)));
}

Test(act_fastmath, exp_and_expm1_match_libm_over_the_whole_range)
{
    for (int i = 0; i <= 400000; i++) {
        double x = -745.5 + (709.78 + 745.5) * i / 400000.0;
        double e = exp(x), f = fastmath_exp(x);
        if (e < DBL_MIN) /* subnormal results: within one unit */
            cr_assert_leq(fabs(f - e), 5e-324, "exp(%a) = %a vs %a", x, f, e);
        else
            cr_assert_leq(rel_err(f, e), 1e-15, "exp(%a) = %a vs %a", x, f, e);
        cr_assert_leq(rel_err(fastmath_expm1(x), expm1(x)), 1e-15,
                      "expm1(%a) = %a vs %a", x, fastmath_expm1(x), expm1(x));
    }
    for (int i = -1074; i < 2; i++) { /* tiny arguments, both signs */
        double x = ldexp(1.37, i);
        cr_assert_leq(rel_err(fastmath_expm1(x), expm1(x)), 1e-15);
        cr_assert_leq(rel_err(fastmath_expm1(-x), expm1(-x)), 1e-15);
    }
    cr_assert_eq(fastmath_exp(710.0), INFINITY);
    cr_assert_eq(fastmath_exp(INFINITY), INFINITY);
    cr_assert_eq(fastmath_exp(-745.2), 0.0);
    cr_assert_eq(fastmath_exp(-INFINITY), 0.0);
    cr_assert_eq(fastmath_exp(0.0), 1.0);
    cr_assert_eq(fastmath_expm1(-INFINITY), -1.0);
    cr_assert_eq(fastmath_expm1(1e300), INFINITY);
    cr_assert(isnan(fastmath_exp(NAN)) && isnan(fastmath_expm1(NAN)));
}

Test(act_fastmath, exp_based_activations_match_libm_formulas)
{
    for (int i = 0; i <= 200000; i++) {
        double z = -40.0 + 80.0 * i / 200000.0;
        double s = sigmoid_ref(z);
        double elu = z > 0 ? z : expm1(z);
        double mish = z * tanh(log1p(exp(z)));
        double e = exp(-fabs(z));
        double dlogsig = z < 0 ? 1.0 - e / (1.0 + e) : e / (1.0 + e);
        double t = tanh(log1p(exp(z)));
        double dmish = t + z * s * (1.0 - t * t);
        cr_assert_leq(rel_err(act_value(ACT_ELU, z), elu), 1e-14, "elu %g", z);
        cr_assert_leq(rel_err(act_value(ACT_SWISH, z), z * s), 1e-14,
                      "swish %g", z);
        cr_assert_leq(rel_err(act_value(ACT_MISH, z), mish), 1e-14, "mish %g",
                      z);
        double dswish = s * (1.0 + z * (1.0 - s));
        cr_assert_leq(fabs(act_derivative(ACT_SWISH, z) - dswish),
                      1e-14 * (1.0 + fabs(dswish)), "swish' %g", z);
        cr_assert_leq(fabs(act_derivative(ACT_MISH, z) - dmish),
                      1e-14 * (1.0 + fabs(dmish)), "mish' %g", z);
        cr_assert_leq(rel_err(act_derivative(ACT_LOGSIGMOID, z), dlogsig),
                      1e-14, "logsigmoid' %g", z);
        cr_assert_leq(rel_err(act_derivative(ACT_ELU, z), z > 0 ? 1 : exp(z)),
                      1e-14, "elu' %g", z);
        double dsoftplus = z > 20.0 ? 1.0 : 1.0 / (1.0 + exp(-z));
        cr_assert_leq(rel_err(act_derivative(ACT_SOFTPLUS, z), dsoftplus),
                      1e-14, "softplus' %g", z);
    }
}

/* Every instruction-set path gives the bits of the generic one, for block
 * lengths that exercise each tail, in place or not. */
Test(act_fastmath, every_isa_path_gives_identical_bits)
{
    enum { N = 4099 };
    double *x = malloc(N * sizeof *x), *da = malloc(N * sizeof *da),
           *ref = malloc(N * sizeof *ref), *got = malloc(N * sizeof *got);
    cr_assert(x && da && ref && got);
    fill_sweep(x, N, -60.0, 60.0);
    for (int i = 0; i < N; i++)
        da[i] = 1.0 + 0.25 * (i % 9) - 1.5 * (i % 2);
    for (int isa = FASTMATH_ISA_AUTO; isa < FASTMATH_ISA_COUNT; isa++) {
        if (!fastmath_isa_available((fastmath_isa)isa))
            continue;
        for (int f = 0; f < FASTMATH_MAP_COUNT; f++) {
            fastmath_map((fastmath_map_kind)f, FASTMATH_ISA_GENERIC, ref, x, N);
            memcpy(got, x, N * sizeof *x);
            for (size_t off = 0, len = 1; off < N; off += len, len = len % 13 + 1)
                fastmath_map((fastmath_map_kind)f, (fastmath_isa)isa, got + off,
                             got + off, off + len > N ? N - off : len);
            for (int i = 0; i < N; i++)
                cr_assert(same_bits(got[i], ref[i]), "map %d isa %s x=%a: %a vs %a",
                          f, fastmath_isa_name((fastmath_isa)isa), x[i], got[i],
                          ref[i]);
        }
        for (int g = 0; g < FASTMATH_GRAD_COUNT; g++) {
            fastmath_grad((fastmath_grad_kind)g, FASTMATH_ISA_GENERIC, ref, da, x,
                          N);
            fastmath_grad((fastmath_grad_kind)g, (fastmath_isa)isa, got, da, x, N);
            for (int i = 0; i < N; i++)
                cr_assert(same_bits(got[i], ref[i]), "grad %d isa %s z=%a",
                          g, fastmath_isa_name((fastmath_isa)isa), x[i]);
        }
    }
    cr_log_info("fastmath: best path on this machine: %s",
                fastmath_isa_name(fastmath_isa_best()));
    free(x);
    free(da);
    free(ref);
    free(got);
}

/* ------------------------------------------------ logarithms (BCE loss) */

/* log and log1p within 1e-14 of libm: 64 points in every binade from the
 * smallest subnormal to DBL_MAX, a million on (0, 1] (the probabilities
 * BCE sees), and log1p on (-1, 3] and on tiny arguments of both signs. */
Test(fastmath_log, log_and_log1p_match_libm_on_a_dense_sweep)
{
    double wl = 0.0, w1 = 0.0;
    for (int e = -1074; e <= 1023; e++)
        for (int k = 0; k < 64; k++) {
            double x = ldexp(1.0 + k / 64.0 + k * 1.1e-5, e);
            if (!(x > 0.0) || isinf(x))
                continue;
            double r = rel_err(fastmath_log(x), log(x));
            cr_assert_leq(r, 1e-14, "log(%a): %a vs libm %a", x,
                          fastmath_log(x), log(x));
            wl = fmax(wl, r);
            double t = ldexp(1.0 + k / 64.0, e < 0 ? e : -e);
            r = fmax(rel_err(fastmath_log1p(t), log1p(t)),
                     t < 1.0 ? rel_err(fastmath_log1p(-t), log1p(-t)) : 0.0);
            cr_assert_leq(r, 1e-14, "log1p(+-%a)", t);
            w1 = fmax(w1, r);
        }
    for (int i = 1; i <= 1000000; i++) {
        double p = i / 1000000.0, u = -1.0 + 4.0 * i / 1000000.0;
        double r = rel_err(fastmath_log(p), log(p));
        cr_assert_leq(r, 1e-14, "log(%a)", p);
        wl = fmax(wl, r);
        r = fmax(rel_err(fastmath_log1p(-p), log1p(-p)),
                 rel_err(fastmath_log1p(u), log1p(u)));
        cr_assert_leq(r, 1e-14, "log1p(%a) or log1p(%a)", -p, u);
        w1 = fmax(w1, r);
    }
    cr_log_info("log max rel err %.3g, log1p %.3g", wl, w1);
}

Test(fastmath_log, special_values_follow_libm)
{
    cr_assert_eq(fastmath_log(0.0), -INFINITY);
    cr_assert_eq(fastmath_log(-0.0), -INFINITY);
    cr_assert_eq(fastmath_log(INFINITY), INFINITY);
    cr_assert_eq(fastmath_log(1.0), 0.0);
    cr_assert(isnan(fastmath_log(-1.0)) && isnan(fastmath_log(-INFINITY)));
    cr_assert(isnan(fastmath_log(NAN)) && isnan(fastmath_log1p(NAN)));
    cr_assert_eq(fastmath_log(DBL_MAX), log(DBL_MAX));
    cr_assert_eq(fastmath_log(5e-324), log(5e-324));
    cr_assert_eq(fastmath_log1p(-1.0), -INFINITY);
    cr_assert_eq(fastmath_log1p(INFINITY), INFINITY);
    cr_assert(isnan(fastmath_log1p(-2.0)) && isnan(fastmath_log1p(-INFINITY)));
    cr_assert(signbit(fastmath_log1p(-0.0)) && fastmath_log1p(-0.0) == 0.0);
    cr_assert(!signbit(fastmath_log1p(0.0)));
    cr_assert_eq(fastmath_log1p(5e-324), 5e-324);
    cr_assert_eq(fastmath_log1p(-1e-300), -1e-300);
}

/* The BCE terms: one block call on each path gives the bits of the scalar
 * form element by element, and both follow PyTorch's formula with libm's
 * logs (floored at -100) to 1e-14. */
Test(fastmath_log, bce_terms_agree_on_every_path_and_with_libm)
{
    enum { N = 2053 };
    double p[N], y[N], t[N];
    for (int i = 0; i < N; i++) {
        p[i] = (double)i / (N - 1); /* 0 and 1 included */
        y[i] = i % 3 == 0 ? 1.0 : i % 3 == 1 ? 0.0 : 0.375;
    }
    p[5] = 1e-300;
    p[6] = 1.0 - 0x1p-53;
    p[7] = NAN;
    for (int isa = FASTMATH_ISA_AUTO; isa < FASTMATH_ISA_COUNT; isa++) {
        if (!fastmath_isa_available((fastmath_isa)isa))
            continue;
        for (size_t off = 0, len = 1; off < N; off += len, len = len % 11 + 1)
            fastmath_bce((fastmath_isa)isa, t + off, p + off, y + off,
                         off + len > N ? N - off : len);
        for (int i = 0; i < N; i++) {
            double one = fastmath_bce_term(p[i], y[i]);
            cr_assert(same_bits(t[i], one), "isa %s p=%a y=%g: %a vs %a",
                      fastmath_isa_name((fastmath_isa)isa), p[i], y[i], t[i],
                      one);
            if (isnan(p[i])) {
                cr_assert(isnan(one));
                continue;
            }
            double l1 = fmax(log1p(-p[i]), -100.0), l0 = fmax(log(p[i]), -100.0);
            double ref = (y[i] - 1.0) * l1 - y[i] * l0;
            cr_assert_leq(fabs(one - ref), 1e-14 * (1.0 + fabs(ref)),
                          "p=%a y=%g: %a vs %a", p[i], y[i], one, ref);
        }
    }
    cr_assert_eq(fastmath_bce_term(0.0, 1.0), 100.0);
    cr_assert_eq(fastmath_bce_term(1.0, 0.0), 100.0);
    cr_assert_eq(fastmath_bce_term(0.0, 0.0), 0.0);
    cr_assert_eq(fastmath_bce_term(1.0, 1.0), 0.0);
}

/* A block whose targets are all 0 or 1 takes one logarithm a lane; a lane
 * computed that way has the bits of the full two-log formula (forced here
 * by a soft target in the other lane of a 2-lane block). */
Test(fastmath_log, bce_one_log_shortcut_equals_the_full_formula)
{
    static const double edge[] = {0.0, 1.0, 5e-324, 1e-300, 0x1p-53,
                                  1.0 - 0x1p-53, 0.5, 1e-17, 1.0 - 1e-9};
    for (int i = 0; i < 20000 + 9; i++) {
        double p = i < 9 ? edge[i] : (i - 9) / 19999.0;
        for (int t = 0; t <= 1; t++) {
            double pp[2] = {p, 0.5}, yy[2] = {(double)t, 0.25}, full[2];
            fastmath_bce(FASTMATH_ISA_GENERIC, full, pp, yy, 2);
            double fast = fastmath_bce_term(p, t);
            cr_assert(same_bits(fast, full[0]), "p=%a y=%d: %a vs %a", p, t,
                      fast, full[0]);
        }
    }
}
