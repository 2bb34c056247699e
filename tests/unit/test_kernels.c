/* test_kernels.c - the engine's vector kernels: every instruction-set path
 * gives exactly the bits of the plain loops written in kernels.h, over
 * shapes that hit every block width and both orientations of the weight
 * gradient; the inline activations equal act.c's; whole training runs on
 * the generic path and on the vector paths are bit-identical.
 * MLPVIZ_NO_SIMD=1 in the environment runs the whole suite on the generic
 * path (the constructor below). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/kernels.h"
#include "engine/session.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF /* the reference loops must not fuse either */
#endif

static fastmath_isa env_isa = FASTMATH_ISA_AUTO;

__attribute__((constructor)) static void kernels_from_env(void)
{
    const char *e = getenv("MLPVIZ_NO_SIMD");
    if (e && *e && strcmp(e, "0") != 0) {
        env_isa = FASTMATH_ISA_GENERIC;
        kern_set_isa(FASTMATH_ISA_GENERIC);
    }
}

static const fastmath_isa all_isas[] = {FASTMATH_ISA_GENERIC, FASTMATH_ISA_AVX2,
                                        FASTMATH_ISA_AVX512};
#define N_ISAS (sizeof all_isas / sizeof all_isas[0])

/* Selects a path; false when this CPU lacks it. */
static bool use_isa(fastmath_isa isa)
{
    kern_set_isa(isa);
    return kern_isa() == isa;
}

static void restore_isa(void) { kern_set_isa(env_isa); }

TestSuite(kernels, .fini = restore_isa);

static unsigned long long lcg = 88172645463325252ULL;
static double rnd(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

static double *rnd_block(size_t n)
{
    double *p = malloc(n * sizeof *p);
    cr_assert_not_null(p);
    for (size_t i = 0; i < n; i++)
        p[i] = rnd();
    return p;
}

/* ---- the plain loops of kernels.h ---- */

static void ref_forward(double *z, const double *x, const double *w,
                        const double *b, int rows, int I, int J)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < J; j++) {
            double s = b[j];
            for (int i = 0; i < I; i++)
                s += x[r * I + i] * w[j * I + i];
            z[r * J + j] = s;
        }
}

static void ref_params(double *gw, double *gb, const double *dz,
                       const double *x, int rows, int I, int J)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < J; j++) {
            double d = dz[r * J + j];
            gb[j] += d;
            for (int i = 0; i < I; i++)
                gw[j * I + i] += d * x[r * I + i];
        }
}

static void ref_input(double *dx, const double *dz, const double *w, int rows,
                      int I, int J)
{
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < I; i++) {
            double s = 0.0;
            for (int j = 0; j < J; j++)
                s += dz[r * J + j] * w[j * I + i];
            dx[r * I + i] = s;
        }
}

#define SAME(a, b, n) (memcmp((a), (b), (size_t)(n) * sizeof(double)) == 0)

/* shapes: every width 1..19 on both sides, row counts around the blocks of 4 */
static const int sizes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 16, 17, 19, 33};
#define N_SIZES (int)(sizeof sizes / sizeof sizes[0])

/* the activations the matrix kernels may apply on the way, and one they
 * leave to act.c */
static const act_kind fused[] = {ACT_RELU, ACT_LINEAR, ACT_TANH, ACT_SIGMOID,
                                 ACT_ELU};

Test(kernels, matrix_products_equal_the_plain_loops_on_every_path)
{
    int checked = 0;
    for (size_t p = 0; p < N_ISAS; p++) {
        if (!use_isa(all_isas[p]))
            continue;
        const char *isa = fastmath_isa_name(all_isas[p]);
        for (int s1 = 0; s1 < N_SIZES; s1++)
            for (int s2 = 0; s2 < N_SIZES; s2++) {
                int I = sizes[s1], J = sizes[s2], rows = 1 + (s1 * 7 + s2 * 3) % 11;
                act_kind k = fused[(s1 + s2) % 5];
                size_t nx = (size_t)rows * I, nz = (size_t)rows * J, nw = (size_t)J * I;
                double *x = rnd_block(nx), *w = rnd_block(nw), *b = rnd_block(J);
                double *dz = rnd_block(nz), *z = rnd_block(nz), *zr = rnd_block(nz);
                double *a = rnd_block(nz), *ar = rnd_block(nz);
                double *gw = rnd_block(nw), *gb = rnd_block(J);
                double *gwr = malloc(nw * sizeof *gwr), *gbr = malloc(J * sizeof *gbr);
                double *dx = rnd_block(nx), *dxr = rnd_block(nx);
                double *dxz = rnd_block(nx), *dxzr = rnd_block(nx);
                double *zx = rnd_block(nx), *ax = rnd_block(nx);
                double *scratch = rnd_block(nw);
                memcpy(gwr, gw, nw * sizeof *gw);
                memcpy(gbr, gb, J * sizeof *gb);
                memcpy(ar, a, nz * sizeof *a);
                memcpy(dxzr, dxz, nx * sizeof *dxz);
                for (size_t q = 0; q < nx; q++) /* a tanh/sigmoid-like range */
                    ax[q] = 0.5 + 0.5 * ax[q];

                bool did = kern_linear_forward(z, a, k, x, w, b, scratch, rows, I, J);
                ref_forward(zr, x, w, b, rows, I, J);
                cr_assert(SAME(z, zr, nz), "%s forward %dx%d rows %d", isa, I, J, rows);
                cr_assert_eq(did, k == ACT_RELU || k == ACT_LINEAR);
                if (did)
                    act_forward(k, ar, zr, rows, J);
                cr_assert(SAME(a, ar, nz), "%s forward %s %dx%d rows %d", isa,
                          act_name(k), I, J, rows);
                double *zz = rnd_block(nz); /* in place, as net_eval does */
                kern_linear_forward(zz, zz, k, x, w, b, scratch, rows, I, J);
                cr_assert(SAME(zz, did ? ar : zr, nz), "%s in place", isa);
                free(zz);

                kern_linear_backward_params(gw, gb, dz, x, rows, I, J);
                ref_params(gwr, gbr, dz, x, rows, I, J);
                cr_assert(SAME(gw, gwr, nw), "%s gw %dx%d rows %d", isa, I, J, rows);
                cr_assert(SAME(gb, gbr, J), "%s gb %dx%d rows %d", isa, I, J, rows);

                /* the one-call form agrees with the two calls */
                double *gw2 = malloc(nw * sizeof *gw2), *gb2 = malloc(J * sizeof *gb2);
                double *dx2 = rnd_block(nx), *dxz2 = malloc(nx * sizeof *dxz2);
                memcpy(dxz2, dxz, nx * sizeof *dxz2);
                memcpy(gw2, gw, nw * sizeof *gw2); /* one sum in; adds a second */
                memcpy(gb2, gb, J * sizeof *gb2);
                bool did2 = kern_linear_backward(gw2, gb2, dx2, dxz2, k, zx, ax, dz, x, w,
                                                 rows, I, J);
                ref_params(gwr, gbr, dz, x, rows, I, J);
                cr_assert(SAME(gw2, gwr, nw) && SAME(gb2, gbr, J), "%s backward", isa);
                memcpy(gw2, gw, nw * sizeof *gw2);
                cr_assert(kern_linear_backward(gw2, gb2, NULL, NULL, k, NULL, NULL, dz, x,
                                               w, rows, I, J),
                          "no input gradient below the first layer");
                did = kern_linear_backward_input(dx, dxz, k, zx, ax, dz, w, rows, I, J);
                cr_assert_eq(did, did2);
                cr_assert(SAME(dx2, dx, nx), "%s backward dx", isa);
                if (did)
                    cr_assert(SAME(dxz2, dxz, nx), "%s backward dxz", isa);
                free(gw2), free(gb2), free(dx2), free(dxz2);
                ref_input(dxr, dz, w, rows, I, J);
                cr_assert(SAME(dx, dxr, nx), "%s dx %dx%d rows %d", isa, I, J, rows);
                cr_assert_eq(did, k != ACT_ELU);
                if (did)
                    act_backward(k, dxzr, dxr, zx, ax, rows, I);
                cr_assert(SAME(dxz, dxzr, nx), "%s dx %s %dx%d rows %d", isa,
                          act_name(k), I, J, rows);
                checked++;
                free(x), free(w), free(b), free(dz), free(z), free(zr), free(a);
                free(ar), free(gw), free(gb), free(gwr), free(gbr), free(dx);
                free(dxr), free(dxz), free(dxzr), free(zx), free(ax), free(scratch);
            }
    }
    cr_assert_geq(checked, N_SIZES * N_SIZES, "the generic path always runs");
}

Test(kernels, a_sign_error_in_one_product_would_be_caught)
{
    /* the comparison above is exact: a reference with one term changed
     * must differ */
    int rows = 3, I = 5, J = 4;
    double *x = rnd_block(15), *w = rnd_block(20), *b = rnd_block(4);
    double *scratch = rnd_block(20);
    double z[12], zr[12];
    kern_linear_forward(z, z, ACT_TANH, x, w, b, scratch, rows, I, J);
    w[7] = -w[7];
    ref_forward(zr, x, w, b, rows, I, J);
    cr_assert(!SAME(z, zr, 12));
    free(x), free(w), free(b), free(scratch);
}

/* values with every sign, zeros, infinities, NaN and saturating sizes */
static double special(int i)
{
    static const double v[] = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 0.5,
                               -0.5, 30.0, -30.0, 800.0, -800.0, 1e308,
                               INFINITY, -INFINITY, NAN, 0.25, -2.5, 3.75};
    const int nv = (int)(sizeof v / sizeof v[0]);
    return i < nv ? v[i] : rnd() * 4.0;
}

Test(kernels, inline_activations_equal_act_c_bit_for_bit)
{
    enum { N = 45 };
    double z[N], a[N], da[N], want[N], got[N];
    for (int i = 0; i < N; i++) {
        z[i] = special(i);
        da[i] = special(N - 1 - i);
    }
    for (size_t p = 0; p < N_ISAS; p++) {
        if (!use_isa(all_isas[p]))
            continue;
        for (int k = 0; k < ACT_COUNT; k++) {
            act_forward((act_kind)k, a, z, 1, N);
            for (int i = 0; i < N; i++)
                got[i] = 12345.0;
            if (kern_act_forward((act_kind)k, got, z, N)) {
                cr_assert(memcmp(got, a, sizeof a) == 0, "%s forward %s",
                          fastmath_isa_name(all_isas[p]), act_name((act_kind)k));
                memcpy(got, z, sizeof z); /* in place */
                cr_assert(kern_act_forward((act_kind)k, got, got, N));
                cr_assert(memcmp(got, a, sizeof a) == 0);
            } else {
                cr_assert_eq(got[0], 12345.0, "a refusal touches nothing");
            }
            act_backward((act_kind)k, want, da, z, a, 1, N);
            if (kern_act_backward((act_kind)k, got, da, z, a, N)) {
                cr_assert(memcmp(got, want, sizeof want) == 0, "%s backward %s",
                          fastmath_isa_name(all_isas[p]), act_name((act_kind)k));
            }
        }
        /* the kinds the network relies on are done inline */
        cr_assert(kern_act_forward(ACT_RELU, got, z, N));
        cr_assert(kern_act_backward(ACT_TANH, got, da, z, a, N));
        cr_assert(kern_act_backward(ACT_SIGMOID, got, da, z, a, N));
    }
}

Test(kernels, optimizer_updates_and_step_norm_follow_the_written_order)
{
    for (size_t p = 0; p < N_ISAS; p++) {
        if (!use_isa(all_isas[p]))
            continue;
        for (size_t n = 0; n < 40; n += 3) {
            double *g = rnd_block(n + 1), *pa = rnd_block(n + 1);
            double *pb = malloc((n + 1) * sizeof *pb), *ba = rnd_block(n + 1);
            double *bb = malloc((n + 1) * sizeof *bb);
            memcpy(pb, pa, (n + 1) * sizeof *pa);
            memcpy(bb, ba, (n + 1) * sizeof *ba);
            kern_sgd(pa, g, 0.1, n);
            for (size_t i = 0; i < n; i++)
                pb[i] -= 0.1 * g[i];
            cr_assert(SAME(pa, pb, n + 1), "sgd n=%zu", n);
            for (int first = 1; first >= 0; first--) {
                kern_momentum(pa, ba, g, 0.05, 0.9, first, n);
                for (size_t i = 0; i < n; i++) {
                    bb[i] = first ? g[i] : 0.9 * bb[i] + g[i];
                    pb[i] -= 0.05 * bb[i];
                }
                cr_assert(SAME(pa, pb, n + 1) && SAME(ba, bb, n + 1),
                          "momentum n=%zu first=%d", n, first);
            }
            double s[8] = {0};
            for (size_t i = 0; i < n; i++) {
                double d = pa[i] - g[i];
                s[i % 8] += d * d;
            }
            double want = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
            double got = kern_sumsq_diff(pa, g, n);
            cr_assert(memcmp(&got, &want, sizeof got) == 0, "sumsq n=%zu", n);
            /* the one-pass sgd step: same parameters, same norm */
            double *old = malloc((n + 1) * sizeof *old);
            memcpy(old, pa, (n + 1) * sizeof *pa);
            memcpy(pb, pa, (n + 1) * sizeof *pa);
            double norm = kern_sgd_step(pa, ba, g, 0.3, n);
            kern_sgd(pb, g, 0.3, n);
            cr_assert(SAME(pa, pb, n), "sgd step n=%zu", n);
            cr_assert(SAME(ba, old, n), "sgd step keeps the old values n=%zu", n);
            free(old);
            want = kern_sumsq_diff(pa, ba, n);
            cr_assert(memcmp(&norm, &want, sizeof norm) == 0, "sgd step norm n=%zu", n);
            free(g), free(pa), free(pb), free(ba), free(bb);
        }
    }
}

/* ---- whole runs: the generic path and each vector path agree exactly ---- */

typedef struct {
    const char *data;
    int points, n_hidden, hidden[3];
    act_kind act;
    opt_kind opt;
    int batch;
    double l2;
    session_model model;
    int epochs, phases;
} run_case;

static void run(session *s, const run_case *c, fastmath_isa isa)
{
    ds_dataset d;
    ds_gen_options g;
    session_config cfg;
    char err[256] = "";
    kern_set_isa(isa);
    ds_gen_options_default(&g);
    g.points = c->points;
    cr_assert_eq(ds_builtin(&d, c->data, &g), 0, "%s", c->data);
    session_config_default(&cfg);
    cfg.model = c->model;
    cfg.n_hidden = c->n_hidden;
    memcpy(cfg.hidden, c->hidden, sizeof c->hidden);
    cfg.hidden_act = c->act;
    cfg.optimizer = c->opt;
    cfg.batch = c->batch;
    cfg.l2 = c->l2;
    cfg.lr = 0.05;
    if (c->model == MODEL_MLP)
        session_config_fit_task(&cfg, &d);
    cr_assert_eq(session_new(s, &cfg, &d, err, sizeof err), 0, "%s", err);
    session_train(s, c->epochs);
    for (int p = 0; p < c->phases; p++)
        session_step_phase(s);
    session_get_metrics(s);
}

static void same_session(const session *a, const session *b, const char *what)
{
    size_t n = a->net.n_params;
    cr_assert(SAME(a->net.params, b->net.params, n), "%s: params", what);
    cr_assert(SAME(a->net.grads, b->net.grads, n), "%s: grads", what);
    cr_assert(SAME(a->prev_params, b->prev_params, n), "%s: prev_params", what);
    cr_assert(SAME(a->opt.m, b->opt.m, n), "%s: moments", what);
    cr_assert_eq(a->hist_len, b->hist_len);
    cr_assert(SAME(a->hist_train, b->hist_train, a->hist_len), "%s: history", what);
    cr_assert_eq(a->net.batch, b->net.batch);
    for (int l = 0; l < a->net.n_layers; l++) {
        const net_layer *x = &a->net.layer[l], *y = &b->net.layer[l];
        int k = a->net.batch * x->n_out;
        cr_assert(SAME(x->z, y->z, k) && SAME(x->a, y->a, k) &&
                      SAME(x->da, y->da, k) && SAME(x->dz, y->dz, k),
                  "%s: layer %d values", what, l);
    }
    cr_assert(memcmp(&a->last, &b->last, sizeof a->last) == 0, "%s: last step", what);
    cr_assert(memcmp(&a->metrics, &b->metrics, sizeof a->metrics) == 0,
              "%s: metrics", what);
}

Test(kernels, training_runs_are_bit_identical_on_every_path, .timeout = 120)
{
    static const run_case cases[] = {
        {"xor", 4, 2, {8, 4}, ACT_RELU, OPT_SGD, 0, 0, MODEL_MLP, 200, 0},
        {"spiral", 300, 2, {16, 16}, ACT_TANH, OPT_SGD, 10, 0, MODEL_MLP, 3, 2},
        {"moons", 150, 3, {5, 7, 3}, ACT_SIGMOID, OPT_MOMENTUM, 7, 0.01, MODEL_MLP, 4, 3},
        {"moons", 150, 1, {33}, ACT_LEAKY_RELU, OPT_ADAM, 5, 0, MODEL_MLP, 3, 1},
        {"circle", 2600, 2, {6, 3}, ACT_RELU, OPT_SGD, 0, 0, MODEL_MLP, 2, 2},
        {"quadrants", 200, 2, {9, 17}, ACT_ELU, OPT_SGD, 16, 0, MODEL_MLP, 3, 1},
        {"wave", 120, 1, {12}, ACT_TANH, OPT_MOMENTUM, 3, 0, MODEL_MLP, 3, 0},
        {"and", 4, 0, {0}, ACT_TANH, OPT_SGD, 0, 0, MODEL_PERCEPTRON, 3, 2},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        session ref;
        run(&ref, &cases[c], FASTMATH_ISA_GENERIC);
        for (size_t p = 1; p < N_ISAS; p++) {
            if (!use_isa(all_isas[p]))
                continue;
            session s;
            run(&s, &cases[c], all_isas[p]);
            char what[96];
            snprintf(what, sizeof what, "%s on %s", cases[c].data,
                     fastmath_isa_name(all_isas[p]));
            same_session(&ref, &s, what);
            session_free(&s);
        }
        session_free(&ref);
    }
}

/* ---- tiny networks: one call for the whole net, the same bits ---- */

typedef struct {
    net n;
    double *x, *dz_out;
} tiny_case;

/* A net of the given widths and activations with random weights, random
 * gradients already in (the backward adds), an input block and dL/dz of
 * the output. */
static void tiny_build(tiny_case *t, int n_in, int n_layers, const int *units,
                       const act_kind *acts, int rows)
{
    net_shape sh = {0};
    sh.n_inputs = n_in;
    sh.n_layers = n_layers;
    for (int l = 0; l < n_layers; l++) {
        sh.units[l] = units[l];
        sh.acts[l] = acts[l];
    }
    cr_assert_eq(net_new(&t->n, &sh, 4), 0);
    for (size_t i = 0; i < t->n.n_params; i++) {
        t->n.params[i] = rnd();
        t->n.grads[i] = rnd();
    }
    t->x = rnd_block((size_t)rows * n_in);
    t->dz_out = rnd_block((size_t)rows * units[n_layers - 1]);
}

static void tiny_copy(tiny_case *dst, const tiny_case *src, int rows)
{
    net_shape sh;
    net_get_shape(&src->n, &sh);
    cr_assert_eq(net_new(&dst->n, &sh, 4), 0);
    memcpy(dst->n.params, src->n.params, src->n.n_params * sizeof(double));
    memcpy(dst->n.grads, src->n.grads, src->n.n_params * sizeof(double));
    size_t nx = (size_t)rows * sh.n_inputs, nd = (size_t)rows * sh.units[sh.n_layers - 1];
    dst->x = malloc(nx * sizeof(double));
    dst->dz_out = malloc(nd * sizeof(double));
    memcpy(dst->x, src->x, nx * sizeof(double));
    memcpy(dst->dz_out, src->dz_out, nd * sizeof(double));
}

static void tiny_free(tiny_case *t)
{
    net_free(&t->n);
    free(t->x);
    free(t->dz_out);
}

/* one forward and one backward, by the tiny path or layer by layer */
static bool tiny_pass(tiny_case *t, int rows, bool tiny)
{
    net_layer *Lo = &t->n.layer[t->n.n_layers - 1];
    kern_set_tiny(tiny);
    bool took = kern_tiny_forward(&t->n, t->x, rows);
    if (!took)
        net_forward(&t->n, t->x, rows);
    memcpy(Lo->dz, t->dz_out, (size_t)rows * Lo->n_out * sizeof(double));
    bool took_b = kern_tiny_backward(&t->n);
    if (!took_b)
        net_backward(&t->n, Lo->dz);
    kern_set_tiny(true);
    cr_assert_eq(took, took_b, "forward and backward take the same path");
    return took;
}

static void same_net(const net *a, const net *b, const char *what)
{
    cr_assert_eq(a->batch, b->batch, "%s: batch", what);
    cr_assert(SAME(a->grads, b->grads, a->n_params), "%s: grads", what);
    cr_assert(SAME(a->input, b->input, a->batch * a->n_inputs), "%s: input", what);
    for (int l = 0; l < a->n_layers; l++) {
        const net_layer *x = &a->layer[l], *y = &b->layer[l];
        int k = a->batch * x->n_out;
        cr_assert(SAME(x->z, y->z, k), "%s: layer %d z", what, l);
        cr_assert(SAME(x->a, y->a, k), "%s: layer %d a", what, l);
        cr_assert(SAME(x->da, y->da, k), "%s: layer %d da", what, l);
        cr_assert(SAME(x->dz, y->dz, k), "%s: layer %d dz", what, l);
    }
}

/* Every width 1..8 at every position, every inline activation, 1..4 rows,
 * on each vector path: the tiny path leaves exactly what net_forward and
 * net_backward leave. */
Test(kernels, tiny_networks_equal_the_layer_path_bit_for_bit)
{
    static const act_kind acts[] = {ACT_RELU, ACT_LINEAR, ACT_SIGMOID, ACT_TANH};
    int checked = 0;
    for (size_t p = 0; p < N_ISAS; p++) {
        if (!use_isa(all_isas[p]))
            continue;
        for (int v = 0; v < 64; v++) {
            int n_in = 1 + v % 8, n_layers = 1 + v % 3, rows = 1 + v % 4;
            int units[3];
            act_kind a[3];
            for (int l = 0; l < n_layers; l++) {
                units[l] = 1 + (v * 3 + l * 5) % 8;
                a[l] = acts[(v + l) % 4];
            }
            if (v % 5 == 0)
                units[n_layers - 1] = 1; /* the usual single output */
            tiny_case ref, got;
            tiny_build(&ref, n_in, n_layers, units, a, rows);
            tiny_copy(&got, &ref, rows);
            cr_assert_not(tiny_pass(&ref, rows, false));
            bool took = tiny_pass(&got, rows, true);
            cr_assert_eq(took, all_isas[p] != FASTMATH_ISA_GENERIC,
                         "the tiny path runs on the 4- and 8-lane paths only");
            char what[96];
            snprintf(what, sizeof what, "%s, case %d (%d inputs, %d layers, %d rows)",
                     fastmath_isa_name(all_isas[p]), v, n_in, n_layers, rows);
            same_net(&ref.n, &got.n, what);
            checked += took;
            tiny_free(&ref);
            tiny_free(&got);
        }
    }
    cr_log_info("tiny path compared on %d networks", checked);
}

/* Shapes outside the tiny path are refused and left alone: nine units,
 * five rows, an activation the kernels do not compute. */
Test(kernels, tiny_path_refuses_what_it_does_not_cover)
{
    static const struct {
        int n_in, units, rows;
        act_kind act;
    } no[] = {{9, 2, 2, ACT_RELU}, {2, 9, 2, ACT_RELU}, {2, 3, 5, ACT_RELU},
              {2, 3, 2, ACT_ELU},  {2, 3, 0, ACT_RELU}};
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++) {
        net_shape sh = {0};
        sh.n_inputs = no[k].n_in;
        sh.n_layers = 2;
        sh.units[0] = no[k].units;
        sh.units[1] = 1;
        sh.acts[0] = no[k].act;
        sh.acts[1] = ACT_SIGMOID;
        net n;
        cr_assert_eq(net_new(&n, &sh, 8), 0);
        double x[9 * 8] = {0};
        n.batch = 3;
        cr_assert_not(kern_tiny_forward(&n, x, no[k].rows), "case %zu", k);
        cr_assert_eq(n.batch, 3, "case %zu: untouched", k);
        n.batch = no[k].rows;
        cr_assert_not(kern_tiny_backward(&n), "case %zu", k);
        net_free(&n);
    }
}

/* Whole runs with the tiny path and without it are bit-identical. */
Test(kernels, training_runs_with_and_without_the_tiny_path_agree)
{
    static const run_case cases[] = {
        {"xor", 4, 2, {8, 4}, ACT_RELU, OPT_SGD, 0, 0, MODEL_MLP, 300, 0},
        {"xor", 4, 2, {8, 4}, ACT_TANH, OPT_ADAM, 0, 0.01, MODEL_MLP, 50, 3},
        {"moons", 40, 2, {5, 7}, ACT_SIGMOID, OPT_MOMENTUM, 3, 0, MODEL_MLP, 4, 2},
        {"gauss", 40, 1, {3}, ACT_LINEAR, OPT_SGD, 1, 0, MODEL_MLP, 3, 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        fastmath_isa isa = kern_isa();
        session ref, s;
        kern_set_tiny(false);
        run(&ref, &cases[c], isa);
        kern_set_tiny(true);
        run(&s, &cases[c], isa);
        same_session(&ref, &s, cases[c].data);
        session_free(&s);
        session_free(&ref);
    }
}

/* kern_tiny_train is the layer path's forward, count, loss, loss gradient
 * and backward in one call: the same loss and count, the same values, and
 * with `fresh` the gradients of a net_zero_grad first. */
Test(kernels, tiny_train_equals_the_passes_it_stands_for)
{
    static const act_kind outs[] = {ACT_SIGMOID, ACT_LINEAR, ACT_TANH, ACT_RELU};
    int checked = 0;
    for (size_t p = 1; p < N_ISAS; p++) {
        if (!use_isa(all_isas[p]))
            continue;
        for (int v = 0; v < 48; v++) {
            int rows = 1 + v % 4, n_in = 1 + v % 3;
            int units[3] = {2 + v % 7, 1 + (v / 2) % 8, v % 3 == 0 ? 2 : 1};
            act_kind a[3] = {ACT_RELU, v % 2 ? ACT_TANH : ACT_SIGMOID,
                             outs[v % 4]};
            loss_kind k = v % 4 == 0 ? LOSS_BCE : (v % 2 ? LOSS_MSE : LOSS_BCE);
            if (k == LOSS_BCE)
                a[2] = ACT_SIGMOID;
            bool fresh = v % 3 != 1;
            tiny_case ref, got;
            tiny_build(&ref, n_in, 3, units, a, rows);
            tiny_copy(&got, &ref, rows);
            int n_out = units[2];
            double y[4 * 2];
            for (int i = 0; i < rows * n_out; i++)
                y[i] = (i + v) % 3 == 0 ? 1.0 : 0.0;
            double norm = 1.0 / rows;
            /* the layer path */
            kern_set_tiny(false);
            if (fresh)
                net_zero_grad(&ref.n);
            net_forward(&ref.n, ref.x, rows);
            net_layer *Lo = &ref.n.layer[2];
            int want_wrong = 0;
            for (int r = 0; r < rows && n_out == 1; r++)
                want_wrong += (Lo->a[r] >= 0.5) != ((int)y[r] == 1);
            double want = loss_forward(k, Lo->a, y, rows, n_out, norm);
            loss_backward(k, Lo->da, Lo->a, y, rows, n_out, norm);
            act_backward(Lo->act, Lo->dz, Lo->da, Lo->z, Lo->a, rows, n_out);
            net_backward(&ref.n, Lo->dz);
            kern_set_tiny(true);
            /* one call */
            double loss = NAN;
            int wrong = -1;
            cr_assert(kern_tiny_train(&got.n, got.x, rows, k, y, norm, fresh, &loss,
                                      n_out == 1 ? &wrong : NULL));
            char what[96];
            snprintf(what, sizeof what, "%s case %d", fastmath_isa_name(all_isas[p]), v);
            cr_assert(memcmp(&loss, &want, sizeof loss) == 0, "%s: loss %a vs %a",
                      what, loss, want);
            if (n_out == 1)
                cr_assert_eq(wrong, want_wrong, "%s: wrong rows", what);
            same_net(&ref.n, &got.n, what);
            checked++;
            tiny_free(&ref);
            tiny_free(&got);
        }
    }
    /* ce, and a count with two outputs, are refused */
    tiny_case t;
    int units[2] = {3, 2};
    act_kind a[2] = {ACT_RELU, ACT_SIGMOID};
    tiny_build(&t, 2, 2, units, a, 2);
    double y[4] = {0, 1, 1, 0}, loss;
    int wrong;
    cr_assert_not(kern_tiny_train(&t.n, t.x, 2, LOSS_CE, y, 0.5, true, &loss, NULL));
    cr_assert_not(kern_tiny_train(&t.n, t.x, 2, LOSS_BCE, y, 0.5, true, &loss, &wrong));
    tiny_free(&t);
    cr_log_info("kern_tiny_train compared on %d networks", checked);
}
