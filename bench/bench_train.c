/* bench_train.c - training speed of mlpviz's engine against a plain,
 * straightforward C loop written here for comparison (one sample at a time,
 * weights as small 2D arrays, libm activations), on the book's XOR run and
 * a 1,000-point spiral. Both are timed in the same run; the best of several
 * repetitions is reported, with GFLOP/s counted from the network shape and
 * set beside this core's vector multiply-add peak, measured here too.
 * MLPVIZ_NO_SIMD=1 runs the engine's kernels on their generic path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BENCH_X86 1
#endif

#include "engine/kernels.h"
#include "engine/session.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* ---- the straightforward loop ---- */

#define MAXU 16
typedef struct {
    int n_layers, units[4]; /* units[0] = inputs */
    int tanh_hidden;        /* hidden activation: tanh, else relu */
    double w[3][MAXU][MAXU], b[3][MAXU];
    double gw[3][MAXU][MAXU], gb[3][MAXU];
} plain_net;

static double sigm(double z) { return 1.0 / (1.0 + exp(-z)); }

static void plain_init(plain_net *p, int n_layers, const int *units, int tanh_hidden)
{
    memset(p, 0, sizeof *p);
    p->n_layers = n_layers;
    p->tanh_hidden = tanh_hidden;
    memcpy(p->units, units, (size_t)(n_layers + 1) * sizeof *units);
    unsigned s = 12345;
    for (int l = 0; l < n_layers; l++) {
        double bound = 1.0 / sqrt(units[l]);
        for (int j = 0; j < units[l + 1]; j++) {
            for (int i = 0; i < units[l]; i++) {
                s = s * 1103515245u + 12345u;
                p->w[l][j][i] = bound * (2.0 * (s >> 8) / 16777216.0 - 1.0);
            }
            s = s * 1103515245u + 12345u;
            p->b[l][j] = bound * (2.0 * (s >> 8) / 16777216.0 - 1.0);
        }
    }
}

/* one sample: forward, bce loss, backward accumulating into gw, gb */
static double plain_sample(plain_net *p, const double *x, double y, double scale)
{
    double a[4][MAXU], z[4][MAXU], d[4][MAXU];
    int L = p->n_layers;
    for (int i = 0; i < p->units[0]; i++)
        a[0][i] = x[i];
    for (int l = 0; l < L; l++)
        for (int j = 0; j < p->units[l + 1]; j++) {
            double s = p->b[l][j];
            for (int i = 0; i < p->units[l]; i++)
                s += p->w[l][j][i] * a[l][i];
            z[l + 1][j] = s;
            if (l == L - 1)
                a[l + 1][j] = sigm(s);
            else
                a[l + 1][j] = p->tanh_hidden ? tanh(s) : (s > 0 ? s : 0);
        }
    double out = a[L][0];
    double loss = -(y * log(out) + (1 - y) * log(1 - out));
    d[L][0] = (out - y) * scale;
    for (int l = L - 1; l >= 0; l--) {
        for (int j = 0; j < p->units[l + 1]; j++) {
            p->gb[l][j] += d[l + 1][j];
            for (int i = 0; i < p->units[l]; i++)
                p->gw[l][j][i] += d[l + 1][j] * a[l][i];
        }
        if (l == 0)
            break;
        for (int i = 0; i < p->units[l]; i++) {
            double s = 0;
            for (int j = 0; j < p->units[l + 1]; j++)
                s += d[l + 1][j] * p->w[l][j][i];
            double ai = a[l][i];
            d[l][i] = s * (p->tanh_hidden ? 1 - ai * ai : (z[l][i] > 0 ? 1 : 0));
        }
    }
    return loss;
}

static void plain_update(plain_net *p, double lr)
{
    for (int l = 0; l < p->n_layers; l++)
        for (int j = 0; j < p->units[l + 1]; j++) {
            p->b[l][j] -= lr * p->gb[l][j];
            p->gb[l][j] = 0;
            for (int i = 0; i < p->units[l]; i++) {
                p->w[l][j][i] -= lr * p->gw[l][j][i];
                p->gw[l][j][i] = 0;
            }
        }
}

static double plain_train(plain_net *p, const double *x, const double *y, int n,
                          int batch, int epochs, double lr)
{
    double loss = 0;
    for (int e = 0; e < epochs; e++) {
        loss = 0;
        for (int first = 0; first < n; first += batch) {
            int rows = n - first < batch ? n - first : batch;
            for (int r = 0; r < rows; r++)
                loss += plain_sample(p, x + 2 * (first + r), y[first + r], 1.0 / rows);
            plain_update(p, lr);
        }
    }
    return loss / n;
}

/* ---- the runs ---- */

typedef struct {
    const char *name;
    const char *data;
    int points;
    int n_layers, units[4];
    act_kind hidden;
    double lr;
    int batch, epochs, reps;
} run;

static double flops_of(const run *r, int n_train)
{
    /* forward 2*in*out per layer and sample, backward twice that */
    double per = 0;
    for (int l = 0; l < r->n_layers; l++)
        per += 6.0 * r->units[l] * r->units[l + 1];
    return per * n_train * r->epochs;
}

/* One timed engine run: a fresh session, then session_train. */
static double time_engine_once(const run *r, double *final_loss, int *n_train)
{
    ds_dataset d;
    ds_gen_options g;
    session s;
    session_config c;
    char err[256];
    ds_gen_options_default(&g);
    g.points = r->points;
    g.test_ratio = 0;
    ds_builtin(&d, r->data, &g);
    session_config_default(&c);
    c.n_hidden = r->n_layers - 1;
    for (int l = 0; l < c.n_hidden; l++)
        c.hidden[l] = r->units[l + 1];
    c.hidden_act = r->hidden;
    c.lr = r->lr;
    c.batch = r->batch;
    if (session_new(&s, &c, &d, err, sizeof err) < 0) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    double t0 = now();
    session_train(&s, r->epochs);
    double t = now() - t0;
    *final_loss = s.hist_train[s.hist_len - 1];
    *n_train = s.data.n_train;
    session_free(&s);
    return t;
}

/* One timed run of the plain loop on the same data. */
static double time_plain_once(const run *r, const ds_dataset *d,
                              double *final_loss)
{
    int n = d->n_train;
    int batch = r->batch > 0 ? r->batch : n;
    plain_net p;
    int units[4];
    memcpy(units, r->units, sizeof units);
    plain_init(&p, r->n_layers, units, r->hidden == ACT_TANH);
    double t0 = now();
    *final_loss = plain_train(&p, d->x, d->y, n, batch, r->epochs, r->lr);
    return now() - t0;
}

/* Best times of the engine and of the plain loop, their runs taken in
 * turn so that both see the same state of a shared machine. */
static void time_both(const run *r, double *te, double *tp, double *le,
                      double *lp, int *n_train)
{
    ds_dataset d;
    ds_gen_options g;
    ds_gen_options_default(&g);
    g.points = r->points;
    g.test_ratio = 0;
    ds_builtin(&d, r->data, &g);
    *te = *tp = 1e30;
    for (int k = 0; k < r->reps; k++) {
        double t = time_engine_once(r, le, n_train);
        if (t < *te)
            *te = t;
        t = time_plain_once(r, &d, lp);
        if (t < *tp)
            *tp = t;
    }
    ds_free(&d);
}

/* ---- the machine's peak ---- */

/* Twelve independent multiply-add chains in registers (enough to cover the
 * latency of two FMA units), each x = x * b + c settling towards 1: no
 * overflow, no subnormals. OP(x) is one step of a chain; the loop returns a
 * sum of the chains so that nothing is optimised away. */
#define PEAK_LOOP(VT, SET1, OP, FIRST)                                          \
    VT b = SET1(0.9999999), c = SET1(1e-7);                                     \
    VT x0 = SET1(1.000), x1 = SET1(1.001), x2 = SET1(1.002), x3 = SET1(1.003);  \
    VT x4 = SET1(1.004), x5 = SET1(1.005), x6 = SET1(1.006), x7 = SET1(1.007);  \
    VT x8 = SET1(1.008), x9 = SET1(1.009), xa = SET1(1.010), xb = SET1(1.011);  \
    for (long k = 0; k < iters; k++) {                                          \
        x0 = OP(x0), x1 = OP(x1), x2 = OP(x2), x3 = OP(x3);                     \
        x4 = OP(x4), x5 = OP(x5), x6 = OP(x6), x7 = OP(x7);                     \
        x8 = OP(x8), x9 = OP(x9), xa = OP(xa), xb = OP(xb);                     \
    }                                                                           \
    return FIRST(x0) + FIRST(x1) + FIRST(x2) + FIRST(x3) + FIRST(x4) +          \
           FIRST(x5) + FIRST(x6) + FIRST(x7) + FIRST(x8) + FIRST(x9) +          \
           FIRST(xa) + FIRST(xb)
#define PEAK_CHAINS 12

#ifdef BENCH_X86
#define FMA512(x) _mm512_fmadd_pd(x, b, c)
#define MULADD512(x) _mm512_add_pd(_mm512_mul_pd(x, b), c)
#define FMA256(x) _mm256_fmadd_pd(x, b, c)
#define MULADD256(x) _mm256_add_pd(_mm256_mul_pd(x, b), c)
#define FIRST512(x) _mm512_cvtsd_f64(x)
#define FIRST256(x) _mm256_cvtsd_f64(x)

__attribute__((target("avx512f"))) static double peak_loop_avx512(long iters)
{
    PEAK_LOOP(__m512d, _mm512_set1_pd, FMA512, FIRST512);
}

/* the same without FMA (a multiply, then an add), as the engine's kernels
 * compute so that every path gives the same bits */
__attribute__((target("avx512f"))) static double peak_loop_avx512_mul_add(long iters)
{
    PEAK_LOOP(__m512d, _mm512_set1_pd, MULADD512, FIRST512);
}

__attribute__((target("avx2,fma"))) static double peak_loop_avx2(long iters)
{
    PEAK_LOOP(__m256d, _mm256_set1_pd, FMA256, FIRST256);
}

__attribute__((target("avx2"))) static double peak_loop_avx2_mul_add(long iters)
{
    PEAK_LOOP(__m256d, _mm256_set1_pd, MULADD256, FIRST256);
}
#endif

/* two lanes (SSE2 on x86-64), multiply then add */
typedef double bench_v2 __attribute__((vector_size(16)));
static bench_v2 set1_v2(double v) { return (bench_v2){v, v}; }
static double first_v2(bench_v2 v) { return v[0]; }
#define MULADD2(x) ((x) * b + c)

static double peak_loop_plain(long iters)
{
    PEAK_LOOP(bench_v2, set1_v2, MULADD2, first_v2);
}

typedef struct {
    const char *what;
    int lanes, fma;
    double (*loop)(long);
} peak_kind;

/* GFLOP/s of the best of thirty timings of a loop (2 flops a lane a step) */
static double peak_of(const peak_kind *k)
{
    long iters = 1000000;
    double best_t = 1e30, sink = 0;
    for (int rep = 0; rep < 30; rep++) {
        double t0 = now();
        sink += k->loop(iters);
        double t = now() - t0;
        if (t < best_t)
            best_t = t;
    }
    if (sink == 42.0)
        puts("");
    return 2.0 * k->lanes * PEAK_CHAINS * (double)iters / best_t / 1e9;
}

/* The widest multiply-add this CPU runs, with FMA (*fma_peak) and as a
 * multiply then an add (*mul_add_peak); returns its name. */
static const char *machine_peak(double *fma_peak, double *mul_add_peak)
{
    static const peak_kind plain = {"SSE2 multiply + add", 2, 0, peak_loop_plain};
#ifdef BENCH_X86
    static const peak_kind avx512 = {"AVX-512 FMA", 8, 1, peak_loop_avx512};
    static const peak_kind avx512m = {"AVX-512", 8, 0, peak_loop_avx512_mul_add};
    static const peak_kind avx2 = {"AVX2 FMA", 4, 1, peak_loop_avx2};
    static const peak_kind avx2m = {"AVX2", 4, 0, peak_loop_avx2_mul_add};
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        *fma_peak = peak_of(&avx512);
        *mul_add_peak = peak_of(&avx512m);
        return avx512.what;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        *fma_peak = peak_of(&avx2);
        *mul_add_peak = peak_of(&avx2m);
        return avx2.what;
    }
#endif
    *fma_peak = *mul_add_peak = peak_of(&plain);
    return plain.what;
}

int main(void)
{
    const run runs[] = {
        {"XOR 2-8-4-1 relu/sigmoid, bce, sgd 0.1, full batch, 2000 epochs", "xor",
         4, 3, {2, 8, 4, 1}, ACT_RELU, 0.1, 0, 2000, 100},
        {"spiral 1000 pts 2-16-16-1 tanh/sigmoid, bce, sgd 0.05, batch 10, 200 epochs",
         "spiral", 1000, 3, {2, 16, 16, 1}, ACT_TANH, 0.05, 10, 200, 7},
    };
    const char *no_simd = getenv("MLPVIZ_NO_SIMD");
    if (no_simd && *no_simd && strcmp(no_simd, "0") != 0)
        kern_set_isa(FASTMATH_ISA_GENERIC);
    double peak, peak_mul_add;
    const char *peak_name = machine_peak(&peak, &peak_mul_add);
    printf("mlpviz training benchmark (best of N runs; one core)\n");
    printf("engine kernels: %s path%s\n", fastmath_isa_name(kern_isa()),
           kern_isa() == FASTMATH_ISA_GENERIC ? "" : " (MLPVIZ_NO_SIMD=1: generic)");
    printf("machine peak, %s on one core: %.1f GFLOP/s (multiply then add, as "
           "the engine's bit-reproducible kernels do: %.1f)\n\n",
           peak_name, peak, peak_mul_add);
    printf("%-7s %11s %11s %9s %7s %9s %7s %9s %11s\n", "run", "engine",
           "plain loop", "speed-up", "target", "eng GF/s", "of peak",
           "plain GF/s", "at peak");
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        const run *r = &runs[i];
        double te, tp, le, lp;
        int n_train;
        time_both(r, &te, &tp, &le, &lp, &n_train);
        double fl = flops_of(r, n_train);
        printf("%-7s %8.3f ms %8.3f ms %8.2fx %6s %9.2f %6.1f%% %9.2f %8.3f ms\n",
               r->data, te * 1e3, tp * 1e3, tp / te, tp / te >= 4.0 ? ">=4x" : "<4x",
               fl / te / 1e9, 100.0 * fl / te / 1e9 / peak, fl / tp / 1e9,
               fl / (peak * 1e9) * 1e3);
        printf("  %s\n  final loss: engine %.4f, plain loop %.4f\n", r->name, le, lp);
    }
    return 0;
}
