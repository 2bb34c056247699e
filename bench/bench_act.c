/* bench_act.c - cost of one tanh and one sigmoid: libm against the engine's
 * kernels on each instruction-set path this CPU has, over blocks of 160
 * values (the spiral run's 10 x 16 hidden layer), and the largest relative
 * difference from libm seen on the way. A section of `make bench`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "engine/act.h"
#include "engine/fastmath.h"

enum { BLOCK = 160, CALLS = 40000 }; /* 6.4 million values per timing */

static double sigmoid_libm(double x)
{
    return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
}

/* best of 5, in ns per value; sink keeps the work alive */
static double time_libm(double (*f)(double), const double *z, double *a,
                        double *sink)
{
    double best = INFINITY;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = bench_now();
        for (int c = 0; c < CALLS; c++) {
            const double *zc = z + (c % 16) * BLOCK;
            for (int i = 0; i < BLOCK; i++)
                a[i] = f(zc[i]);
            *sink += a[c % BLOCK];
        }
        double t = bench_now() - t0;
        if (t < best)
            best = t;
    }
    return best / ((double)CALLS * BLOCK) * 1e9;
}

static double time_fast(fastmath_map_kind f, fastmath_isa isa, const double *z,
                        double *a, double *sink)
{
    double best = INFINITY;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = bench_now();
        for (int c = 0; c < CALLS; c++) {
            fastmath_map(f, isa, a, z + (c % 16) * BLOCK, BLOCK);
            *sink += a[c % BLOCK];
        }
        double t = bench_now() - t0;
        if (t < best)
            best = t;
    }
    return best / ((double)CALLS * BLOCK) * 1e9;
}

void bench_act_section(const bench_opts *o, bench_results *r)
{
    (void)o, (void)r;
    static double z[16 * BLOCK], a[BLOCK];
    double sink = 0.0;
    for (int i = 0; i < 16 * BLOCK; i++)
        z[i] = 3.0 * sin(0.7 * i); /* typical pre-activations */

    double worst_t = 0.0, worst_s = 0.0;
    for (int i = 0; i <= 1000000; i++) {
        double x = -40.0 + 80.0 * i / 1000000.0;
        double t = act_value(ACT_TANH, x), s = act_value(ACT_SIGMOID, x);
        if (t != tanh(x))
            worst_t = fmax(worst_t, fabs(t - tanh(x)) / fabs(tanh(x)));
        if (s != sigmoid_libm(x))
            worst_s = fmax(worst_s, fabs(s - sigmoid_libm(x)) / sigmoid_libm(x));
    }

    printf("== Activations: ns per value, blocks of %d, best of 5\n", BLOCK);
    printf("max relative difference from libm on [-40, 40]: tanh %.2g, "
           "sigmoid %.2g\n\n", worst_t, worst_s);
    printf("the spiral run makes 6.4 million tanh calls (1,000 rows x 32 units x "
           "200 epochs)\n");
    printf("%-10s %10s %10s %14s\n", "path", "tanh", "sigmoid",
           "6.4M tanh");
    double lt = time_libm(tanh, z, a, &sink);
    double ls = time_libm(sigmoid_libm, z, a, &sink);
    printf("%-10s %10.2f %10.2f %11.1f ms\n", "libm", lt, ls, lt * 6.4);
    for (int isa = FASTMATH_ISA_GENERIC; isa < FASTMATH_ISA_COUNT; isa++) {
        if (!fastmath_isa_available((fastmath_isa)isa))
            continue;
        double ft = time_fast(FASTMATH_TANH, (fastmath_isa)isa, z, a, &sink);
        double fs = time_fast(FASTMATH_SIGMOID, (fastmath_isa)isa, z, a, &sink);
        printf("%-10s %10.2f %10.2f %11.1f ms  (tanh %.1fx libm)%s\n",
               fastmath_isa_name((fastmath_isa)isa), ft, fs, ft * 6.4, lt / ft,
               isa == (int)fastmath_isa_best() ? "  <- used" : "");
    }
    if (sink == 42.0) /* never; keeps sink observable */
        puts("");
}
