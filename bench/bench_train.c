/* bench_train.c - training speed of mlpviz's engine against a plain,
 * straightforward C loop written here for comparison (one sample at a time,
 * weights as small 2D arrays, libm activations), on the book's XOR run and
 * a 1,000-point spiral. Both are timed in the same run; the best of several
 * repetitions is reported, with GFLOP/s counted from the network shape. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double best(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    return t[0];
}

static double time_engine(const run *r, double *final_loss, int *n_train)
{
    double t[64];
    for (int k = 0; k < r->reps; k++) {
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
        t[k] = now() - t0;
        *final_loss = s.hist_train[s.hist_len - 1];
        *n_train = s.data.n_train;
        session_free(&s);
    }
    return best(t, r->reps);
}

static double time_plain(const run *r, double *final_loss)
{
    double t[64];
    ds_dataset d;
    ds_gen_options g;
    ds_gen_options_default(&g);
    g.points = r->points;
    g.test_ratio = 0;
    ds_builtin(&d, r->data, &g);
    int n = d.n_train;
    int batch = r->batch > 0 ? r->batch : n;
    for (int k = 0; k < r->reps; k++) {
        plain_net p;
        int units[4];
        memcpy(units, r->units, sizeof units);
        plain_init(&p, r->n_layers, units, r->hidden == ACT_TANH);
        double t0 = now();
        *final_loss = plain_train(&p, d.x, d.y, n, batch, r->epochs, r->lr);
        t[k] = now() - t0;
    }
    ds_free(&d);
    return best(t, r->reps);
}

/* The machine's double-precision peak on one core, measured with
 * independent multiply-add chains the compiler can keep in registers. */
static double peak_gflops(void)
{
    double a[16], b = 1.0000001, c = 0.9999999;
    for (int i = 0; i < 16; i++)
        a[i] = i * 0.001;
    long iters = 20000000;
    double t0 = now();
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 16; i++)
            a[i] = a[i] * b + c;
    double t = now() - t0;
    double sum = 0;
    for (int i = 0; i < 16; i++)
        sum += a[i];
    if (sum == 42.0)
        puts("");
    return 2.0 * 16 * iters / t / 1e9;
}

int main(void)
{
    const run runs[] = {
        {"XOR 2-8-4-1 relu/sigmoid, bce, sgd 0.1, full batch, 2000 epochs", "xor",
         4, 3, {2, 8, 4, 1}, ACT_RELU, 0.1, 0, 2000, 30},
        {"spiral 1000 pts 2-16-16-1 tanh/sigmoid, bce, sgd 0.05, batch 10, 200 epochs",
         "spiral", 1000, 3, {2, 16, 16, 1}, ACT_TANH, 0.05, 10, 200, 5},
    };
    double peak = peak_gflops();
    printf("mlpviz training benchmark (best of N runs; one core)\n");
    printf("machine peak, scalar multiply-add loop: %.2f GFLOP/s\n\n", peak);
    printf("%-26s %12s %12s %8s %10s %10s\n", "run", "engine", "plain loop",
           "ratio", "eng GF/s", "peak time");
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        const run *r = &runs[i];
        double le, lp;
        int n_train;
        double te = time_engine(r, &le, &n_train);
        double tp = time_plain(r, &lp);
        double fl = flops_of(r, n_train);
        printf("%-26.26s %10.3f ms %10.3f ms %7.2fx %10.2f %8.3f ms\n", r->data,
               te * 1e3, tp * 1e3, tp / te, fl / te / 1e9, fl / (peak * 1e9) * 1e3);
        printf("  %s\n  final loss: engine %.4f, plain loop %.4f\n", r->name, le, lp);
    }
    return 0;
}
