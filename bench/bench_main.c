/* bench_main.c - `make bench`: every speed figure of the program in one run,
 * section by section (training against a plain loop, FANN and PyTorch;
 * activations; frame cost; key latency; CSV loading and memory), then one
 * verdict line per target of issue 6 saying met or missed, and by how much.
 *
 * usage: mlpviz_bench [--torch] [--quick] [--mlpviz PATH] [--only SECTION]
 *        SECTION: train, act, frame, latency, csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void bench_tmp_path(const bench_opts *o, const char *name, char *buf, size_t len)
{
    snprintf(buf, len, "%s/%s", o->tmpdir, name);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: mlpviz_bench [--torch] [--quick] [--mlpviz PATH] "
               "[--only train|act|frame|latency|csv]\n");
}

static bool wants(const bench_opts *o, const char *section)
{
    return !o->only || strcmp(o->only, section) == 0;
}

/* ---- verdicts ---- */

static void verdict(const char *target, bool measured, bool met, const char *how)
{
    printf("  %-42s %-12s %s\n", target,
           !measured ? "not measured" : met ? "MET" : "MISSED", how);
}

static void verdict_ratio(const char *target, double ours_ms, double theirs_ms,
                          double want, const char *who, const char *missing)
{
    char how[256];
    if (!(ours_ms > 0) || !(theirs_ms > 0) || isnan(theirs_ms)) {
        snprintf(how, sizeof how, "(%s)", missing ? missing : "no figure");
        verdict(target, false, false, how);
        return;
    }
    double ratio = theirs_ms / ours_ms;
    if (ratio >= want)
        snprintf(how, sizeof how, "%.1fx (engine %.3f ms, %s %.3f ms)", ratio,
                 ours_ms, who, theirs_ms);
    else
        snprintf(how, sizeof how,
                 "%.2fx, short by %.2fx (engine %.3f ms, needs <= %.3f ms)",
                 ratio, want / ratio, ours_ms, theirs_ms / want);
    verdict(target, true, ratio >= want, how);
}

static void verdicts(const bench_opts *o, const bench_results *r)
{
    char how[256];
    if (!wants(o, "train") && !wants(o, "frame") && !wants(o, "latency"))
        return;
    printf("== Verdicts (targets of issue 6)\n");
    if (wants(o, "train")) {
        verdict_ratio("engine >= 4x faster than FANN, XOR", r->engine_ms[0],
                      r->fann_ms[0], 4, "FANN", r->fann_missing);
        verdict_ratio("engine >= 4x faster than FANN, spiral", r->engine_ms[1],
                      r->fann_ms[1], 4, "FANN", r->fann_missing);
        verdict_ratio("engine >= 1000x faster than PyTorch, XOR", r->engine_ms[0],
                      r->torch_ms[0], 1000, "PyTorch", r->torch_missing);
    }
    if (wants(o, "frame")) {
        double f = r->frame_ms[1], rp = r->repaint_ms[1];
        if (f > 0) {
            snprintf(how, sizeof how,
                     "%.3f ms after a step, %s by %.3f ms; every cell re-sent: "
                     "%.3f ms", f, f < 2 ? "under" : "over", fabs(2 - f), rp);
            verdict("a full 200x60 frame < 2 ms", true, f < 2, how);
        } else {
            verdict("a full 200x60 frame < 2 ms", false, false, "");
        }
    }
    if (wants(o, "latency")) {
        static const char *const names[2] = {"key latency < 1 frame, full batch",
                                             "key latency < 1 frame, batch 10"};
        for (int k = 0; k < 2; k++) {
            if (r->lat_answered[k] <= 0) {
                snprintf(how, sizeof how, "(%s)",
                         r->lat_missing ? r->lat_missing : "no key was answered");
                verdict(names[k], false, false, how);
                continue;
            }
            double med = r->lat_median_ms[k], mx = r->lat_max_ms[k];
            bool all = r->lat_answered[k] == r->lat_presses[k];
            bool met = all && mx < BENCH_FRAME_MS;
            if (met)
                snprintf(how, sizeof how, "median %.1f ms, max %.1f ms (budget %.1f)",
                         med, mx, BENCH_FRAME_MS);
            else if (all && med < BENCH_FRAME_MS)
                snprintf(how, sizeof how,
                         "median %.1f ms is in budget, max %.1f ms is over by %.1f ms",
                         med, mx, mx - BENCH_FRAME_MS);
            else
                snprintf(how, sizeof how,
                         "median %.1f ms (%.1fx the %.1f ms budget), max %.1f ms%s",
                         med, med / BENCH_FRAME_MS, BENCH_FRAME_MS, mx,
                         all ? "" : ", then a key went unanswered for 5 s");
            verdict(names[k], true, met, how);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--csv-child") == 0)
        return bench_csv_child(argv[2]);
    bench_opts o;
    memset(&o, 0, sizeof o);
    o.python = "/usr/bin/python3";
    o.torch_script = "bench/bench_torch.py";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--torch") == 0) {
            o.torch = true;
        } else if (strcmp(argv[i], "--quick") == 0) {
            o.quick = 1;
        } else if (strcmp(argv[i], "--mlpviz") == 0 && i + 1 < argc) {
            o.mlpviz = argv[++i];
        } else if (strcmp(argv[i], "--torch-script") == 0 && i + 1 < argc) {
            o.torch_script = argv[++i];
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            o.only = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(o.tmpdir, sizeof o.tmpdir, "%s/mlpviz-bench-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(o.tmpdir)) {
        perror("mlpviz_bench: cannot make a scratch folder");
        return 1;
    }
    bench_results r;
    memset(&r, 0, sizeof r);
    for (int k = 0; k < 2; k++)
        r.fann_ms[k] = r.torch_ms[k] = NAN;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("mlpviz benchmark%s%s - figures of one run on this machine (%ld cores "
           "online; a shared\nmachine is noisy, so every figure is the best of N "
           "timed runs, N given)\n\n",
           o.quick ? " (--quick: fewer runs, noisier)" : "",
           o.torch ? " with PyTorch" : "", sysconf(_SC_NPROCESSORS_ONLN));
    double t0 = bench_now();
    if (wants(&o, "train")) {
        bench_train_section(&o, &r);
        printf("\n");
    }
    if (wants(&o, "act")) {
        bench_act_section(&o, &r);
        printf("\n");
    }
    if (wants(&o, "frame")) {
        bench_frame_section(&o, &r);
        printf("\n");
    }
    if (wants(&o, "latency")) {
        bench_latency_section(&o, &r);
        printf("\n");
    }
    if (wants(&o, "csv")) {
        bench_csv_section(&o, &r);
        printf("\n");
    }
    verdicts(&o, &r);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\nbenchmark process peak RSS %.1f MB; the whole run took %.0f s\n",
           ru.ru_maxrss / 1024.0, bench_now() - t0);
    rmdir(o.tmpdir);
    return 0;
}
