/* bench_train.c - training speed: mlpviz's engine against a plain,
 * straightforward C loop written here (one sample at a time, weights as
 * small 2D arrays, libm activations), against FANN when it is installed and,
 * with --torch, against the book's PyTorch loop; on the book's XOR run and a
 * 1,000-point spiral. The C contenders are timed in turn inside one loop so
 * that all see the same state of a shared machine; the best of N is kept.
 * GFLOP/s are counted from the network shape and set beside this core's
 * vector multiply-add peak, measured here too. MLPVIZ_NO_SIMD=1 runs the
 * engine's kernels on their generic path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BENCH_X86 1
#endif

#include "bench.h"
#include "engine/kernels.h"
#include "engine/session.h"

/* ---- the straightforward loop ---- */

#define MAXU 16
typedef struct {
    int n_layers, units[4]; /* units[0] = inputs */
    int tanh_hidden;        /* hidden activation: tanh, else relu */
    double w[3][MAXU][MAXU], b[3][MAXU];
    double gw[3][MAXU][MAXU], gb[3][MAXU];
} plain_net;

static double sigm(double z) { return 1.0 / (1.0 + exp(-z)); }

/* Same shape and initial weights as the engine (its layout: per layer
 * w[out][in], then b[out]). */
static void plain_init(plain_net *p, const bench_net_spec *sp, const double *init)
{
    memset(p, 0, sizeof *p);
    p->n_layers = sp->n_layers;
    p->tanh_hidden = sp->tanh_hidden;
    memcpy(p->units, sp->units, sizeof p->units);
    size_t k = 0;
    for (int l = 0; l < sp->n_layers; l++) {
        for (int j = 0; j < sp->units[l + 1]; j++)
            for (int i = 0; i < sp->units[l]; i++)
                p->w[l][j][i] = init[k++];
        for (int j = 0; j < sp->units[l + 1]; j++)
            p->b[l][j] = init[k++];
    }
}

static double plain_forward(const plain_net *p, const double *x,
                            double a[4][MAXU], double z[4][MAXU])
{
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
    return a[L][0];
}

/* one sample: forward, bce, backward accumulating into gw, gb */
static void plain_sample(plain_net *p, const double *x, double y, double scale)
{
    double a[4][MAXU], z[4][MAXU], d[4][MAXU];
    int L = p->n_layers;
    double out = plain_forward(p, x, a, z);
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

static void plain_train(plain_net *p, const double *x, const double *y, int n,
                        int batch, int epochs, double lr)
{
    for (int e = 0; e < epochs; e++)
        for (int first = 0; first < n; first += batch) {
            int rows = n - first < batch ? n - first : batch;
            for (int r = 0; r < rows; r++)
                plain_sample(p, x + 2 * (first + r), y[first + r], 1.0 / rows);
            plain_update(p, lr);
        }
}

/* ---- shared measures ---- */

/* Binary cross-entropy of one output (logs clamped at -100, as
 * torch.nn.BCELoss does) and whether it is on the right side of 0.5. */
static double bce_of(double p, double y, int *right)
{
    double lp = p > 0 ? fmax(log(p), -100) : -100;
    double lq = p < 1 ? fmax(log(1 - p), -100) : -100;
    *right = (p >= 0.5) == (y >= 0.5);
    return -(y * lp + (1 - y) * lq);
}

static double flops_of(const bench_net_spec *r, int n_train)
{
    /* forward 2*in*out per layer and sample, backward twice that */
    double per = 0;
    for (int l = 0; l < r->n_layers; l++)
        per += 6.0 * r->units[l] * r->units[l + 1];
    return per * n_train * r->epochs;
}

/* ---- the engine ---- */

static void engine_config(const bench_net_spec *r, session_config *c)
{
    session_config_default(c);
    c->n_hidden = r->n_layers - 1;
    for (int l = 0; l < c->n_hidden; l++)
        c->hidden[l] = r->units[l + 1];
    c->hidden_act = r->tanh_hidden ? ACT_TANH : ACT_RELU;
    c->lr = r->lr;
    c->batch = r->batch;
}

/* One timed engine run: a fresh session (not timed), then session_train. */
static double engine_time_once(const bench_net_spec *r, const ds_dataset *data,
                               double *bce, double *acc)
{
    ds_dataset d;
    session s;
    session_config c;
    char err[256];
    if (ds_copy(&d, data) < 0) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    engine_config(r, &c);
    if (session_new(&s, &c, &d, err, sizeof err) < 0) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    double t0 = bench_now();
    session_train(&s, r->epochs);
    double t = bench_now() - t0;
    int n = s.data.n_train, right = 0, ok;
    double *out = malloc(sizeof *out * (size_t)n * (size_t)s.n_out);
    double sum = 0;
    if (!out) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    session_predict(&s, s.data.x, n, out);
    for (int i = 0; i < n; i++) {
        sum += bce_of(out[i], s.data.y[i], &ok);
        right += ok;
    }
    *bce = sum / n;
    *acc = (double)right / n;
    free(out);
    session_free(&s);
    return t;
}

/* The engine's initial weights for this run (same seed every time). */
static double *engine_init_params(const bench_net_spec *r, const ds_dataset *data)
{
    ds_dataset d;
    session s;
    session_config c;
    char err[256];
    if (ds_copy(&d, data) < 0)
        return NULL;
    engine_config(r, &c);
    if (session_new(&s, &c, &d, err, sizeof err) < 0)
        return NULL;
    double *p = malloc(sizeof *p * s.net.n_params);
    if (p)
        memcpy(p, s.init_params, sizeof *p * s.net.n_params);
    session_free(&s);
    return p;
}

static double plain_time_once(const bench_net_spec *r, const ds_dataset *d,
                              const double *init, double *bce, double *acc)
{
    int n = d->n_train;
    int batch = r->batch > 0 ? r->batch : n;
    static plain_net p;
    plain_init(&p, r, init);
    double t0 = bench_now();
    plain_train(&p, d->x, d->y, n, batch, r->epochs, r->lr);
    double t = bench_now() - t0;
    double sum = 0, a[4][MAXU], z[4][MAXU];
    int right = 0, ok;
    for (int i = 0; i < n; i++) {
        sum += bce_of(plain_forward(&p, d->x + 2 * i, a, z), d->y[i], &ok);
        right += ok;
    }
    *bce = sum / n;
    *acc = (double)right / n;
    return t;
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
        double t0 = bench_now();
        sink += k->loop(iters);
        double t = bench_now() - t0;
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

/* ---- PyTorch (a child process) ---- */

typedef struct {
    bool ok;
    double ms, bce, acc;
    int reps;
} torch_result;

static bool torch_importable(const bench_opts *o, const char **why)
{
    static char msg[600];
    if (access(o->python, X_OK) != 0) {
        snprintf(msg, sizeof msg, "no %s", o->python);
        *why = msg;
        return false;
    }
    if (access(o->torch_script, R_OK) != 0) {
        snprintf(msg, sizeof msg, "%s is missing", o->torch_script);
        *why = msg;
        return false;
    }
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s -c 'import torch' >/dev/null 2>&1", o->python);
    if (system(cmd) != 0) {
        *why = "python3 cannot import torch (Debian: python3-torch)";
        return false;
    }
    return true;
}

/* Runs bench_torch.py on the XOR table and the spiral's rows (written to a
 * CSV file) and reads its result lines. */
static void torch_run(const bench_opts *o, const ds_dataset *spiral,
                      torch_result res[2], char *version, size_t vlen)
{
    char csv[512], cmd[2048], line[512];
    bench_tmp_path(o, "spiral1000.csv", csv, sizeof csv);
    FILE *f = fopen(csv, "w");
    if (!f)
        return;
    for (int i = 0; i < spiral->n_train; i++)
        fprintf(f, "%.17g,%.17g,%.0f\n", spiral->x[2 * i], spiral->x[2 * i + 1],
                spiral->y[i]);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s %s %d", o->python, o->torch_script, csv,
             o->quick ? 1 : 0);
    fflush(stdout);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    while (fgets(line, sizeof line, p)) {
        char name[32];
        torch_result t = {true, 0, 0, 0, 0};
        if (sscanf(line, "version %255s", version) == 1) {
            (void)vlen;
            continue;
        }
        if (sscanf(line, "%31s ms=%lf bce=%lf acc=%lf reps=%d", name, &t.ms,
                   &t.bce, &t.acc, &t.reps) == 5) {
            if (strcmp(name, "xor") == 0)
                res[0] = t;
            else if (strcmp(name, "spiral") == 0)
                res[1] = t;
        }
    }
    pclose(p);
}

/* ---- the section ---- */

static void print_row(const char *who, double t, double fl, double peak,
                      double engine_t, double bce, double acc, int reps)
{
    double gf = fl / t / 1e9, share = 100.0 * gf / peak;
    printf("  %-22s %10.3f ms %8.*f %*.*f%% ", who, t * 1e3, gf < 0.1 ? 4 : 2, gf,
           6, share < 0.1 ? 3 : 1, share);
    if (engine_t > 0)
        printf("%9.1fx", t / engine_t);
    else
        printf("%10s", "-");
    printf(" %9.4f %5.0f%% %5d\n", bce, 100 * acc, reps);
}

void bench_train_section(const bench_opts *o, bench_results *res)
{
    const bench_net_spec runs[2] = {
        {"xor", 3, {2, 8, 4, 1}, false, 0.1, 0, 2000},
        {"spiral", 3, {2, 16, 16, 1}, true, 0.05, 10, 200},
    };
    const char *titles[2] = {
        "XOR (the book's run): 2-8-4-1 relu/sigmoid, bce, sgd 0.1, full batch "
        "of 4, 2000 epochs",
        "spiral: 1,000 points, 2-16-16-1 tanh/sigmoid, bce, sgd 0.05, batch 10, "
        "200 epochs",
    };
    const int reps[2] = {o->quick ? 20 : 100, o->quick ? 2 : 7};
    const char *no_simd = getenv("MLPVIZ_NO_SIMD");
    if (no_simd && *no_simd && strcmp(no_simd, "0") != 0)
        kern_set_isa(FASTMATH_ISA_GENERIC);
    double peak, peak_mul_add;
    const char *peak_name = machine_peak(&peak, &peak_mul_add);
    res->peak_gflops = peak;

    printf("== Training speed (one core; best of N timed runs, the contenders "
           "taken in turn)\n");
    printf("machine peak, measured: %s, %.1f GFLOP/s on one core (%.1f as a "
           "multiply then an add,\n  which is what the engine's bit-reproducible "
           "kernels use)\n", peak_name, peak, peak_mul_add);
    printf("engine kernels: %s path%s\n", fastmath_isa_name(kern_isa()),
           kern_isa() == FASTMATH_ISA_GENERIC ? " (forced by MLPVIZ_NO_SIMD)" : "");
    printf("FLOPs counted from the shape: 6 x weights per row and epoch "
           "(forward 2, backward 4);\n  activations, loss and update not counted. "
           "\"x engine\": how many times longer than the engine.\n");

    const char *fann_why = NULL;
    bool fann = bench_fann_available(&fann_why);
    res->fann_missing = fann ? NULL : fann_why;
    const char *torch_why = NULL;
    bool torch = o->torch && torch_importable(o, &torch_why);
    if (!o->torch)
        torch_why = "not asked for (make bench BENCH_ARGS=--torch)";
    res->torch_missing = torch ? NULL : torch_why;

    ds_dataset data[2];
    for (int k = 0; k < 2; k++) {
        ds_gen_options g;
        ds_gen_options_default(&g);
        g.points = 1000;
        g.test_ratio = 0;
        if (ds_builtin(&data[k], runs[k].name, &g) < 0) {
            fprintf(stderr, "bench: cannot make the %s data\n", runs[k].name);
            exit(1);
        }
    }
    torch_result tr[2] = {{0}, {0}};
    char torch_version[256] = "?";
    if (torch)
        torch_run(o, &data[1], tr, torch_version, sizeof torch_version);

    for (int k = 0; k < 2; k++) {
        const bench_net_spec *r = &runs[k];
        const ds_dataset *d = &data[k];
        double *init = engine_init_params(r, d);
        if (!init) {
            fprintf(stderr, "bench: cannot build the %s session\n", r->name);
            exit(1);
        }
        double te = 1e30, tp = 1e30, tf = 1e30;
        double be = 0, ae = 0, bp = 0, ap = 0, bf = NAN, af = NAN;
        bool fann_ok = fann;
        for (int rep = 0; rep < reps[k]; rep++) {
            double b, a, t;
            t = engine_time_once(r, d, &b, &a);
            if (t < te)
                te = t, be = b, ae = a;
            t = plain_time_once(r, d, init, &b, &a);
            if (t < tp)
                tp = t, bp = b, ap = a;
            if (fann_ok) {
                t = bench_fann_time_once(r, d->x, d->y, d->n_train, init, &b, &a);
                if (t < 0)
                    fann_ok = false;
                else if (t < tf)
                    tf = t, bf = b, af = a;
            }
        }
        double fl = flops_of(r, d->n_train);
        printf("\n%s\n  %.2f MFLOP a run; the arithmetic alone at peak: %.3f ms\n",
               titles[k], fl / 1e6, fl / (peak * 1e9) * 1e3);
        printf("  %-22s %13s %8s %7s %10s %9s %6s %5s\n", "", "time", "GFLOP/s",
               "of peak", "x engine", "final bce", "acc", "N");
        print_row("mlpviz engine", te, fl, peak, 0, be, ae, reps[k]);
        print_row("plain C loop", tp, fl, peak, te, bp, ap, reps[k]);
        if (fann_ok)
            print_row(bench_fann_version(), tf, fl, peak, te, bf, af, reps[k]);
        else
            printf("  %-22s %s\n", "FANN", fann ? "failed to run" : "FANN not installed");
        if (torch && tr[k].ok) {
            char who[64];
            snprintf(who, sizeof who, "PyTorch %.12s loop", torch_version);
            print_row(who, tr[k].ms / 1e3, fl, peak, te, tr[k].bce, tr[k].acc,
                      tr[k].reps);
        } else {
            printf("  %-22s %s\n", "PyTorch loop",
                   torch ? "the script gave no figure" : torch_why);
        }
        res->engine_ms[k] = te * 1e3;
        res->plain_ms[k] = tp * 1e3;
        res->fann_ms[k] = fann_ok ? tf * 1e3 : NAN;
        res->torch_ms[k] = torch && tr[k].ok ? tr[k].ms : NAN;
        if (fann_ok)
            bench_fann_describe(r);
        free(init);
    }
    printf("\nSame for every contender: the data, the initial weights (FANN and "
           "the plain loop\n  start from the engine's; PyTorch from its own seeded "
           "ones), the update rule\n  (plain SGD on the batch's mean gradient), "
           "batches and epochs. The engine shuffles\n  the mini-batches each epoch "
           "(PyTorch too); the plain loop and FANN do not.\n");
    if (torch)
        printf("PyTorch: one thread (torch.set_num_threads(1)), float32 as in "
               "the book; the loop is\n  timed inside Python with "
               "time.perf_counter; its progress lines go to a buffer.\n");
    ds_free(&data[0]);
    ds_free(&data[1]);
}
