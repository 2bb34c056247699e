/* bench_csv.c - CSV loading speed and memory: a generated 1,000,000-row file
 * (two features and a 0/1 label, with a header) written to the run's
 * scratch folder, loaded with ds_io_load in a fresh child process (the
 * benchmark runs itself with --csv-child), best of 3. Each child reports its
 * load time and its peak RSS (getrusage RUSAGE_SELF ru_maxrss) before and
 * after loading, so that the memory figure is the loader's own. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "engine/ds.h"
#include "io/ds_io.h"

#define CSV_ROWS 1000000

static long rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int bench_csv_child(const char *path)
{
    long before = rss_kib();
    ds_dataset d;
    ds_io_options o;
    char err[512];
    ds_io_options_default(&o);
    o.test_ratio = 0;
    double t0 = bench_now();
    int rc = ds_io_load(path, &d, &o, err, sizeof err);
    double t = bench_now() - t0;
    if (rc < 0) {
        printf("error %s\n", err);
        return 1;
    }
    long after = rss_kib();
    printf("load s=%.6f rows=%d features=%d rss_before=%ld rss_after=%ld\n", t,
           ds_rows(&d), d.n_features, before, after);
    ds_free(&d);
    return 0;
}

/* Writes the file: numbers with 6 decimals, as a spreadsheet would export. */
int bench_csv_generate(const char *path, long *bytes)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("x1,x2,label\n", f);
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    for (long i = 0; i < CSV_ROWS; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        double a = (double)(s >> 11) / 9007199254740992.0 * 4 - 2;
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        double b = (double)(s >> 11) / 9007199254740992.0 * 4 - 2;
        fprintf(f, "%.6f,%.6f,%d\n", a, b, a * b > 0);
    }
    if (fclose(f) != 0)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    *bytes = (long)st.st_size;
    return 0;
}

/* One child: runs `self --csv-child path` and reads its line. */
static int csv_child_run(const char *self, const char *path, double *secs,
                         long *before, long *after, int *rows, char *err,
                         size_t errlen)
{
    int pfd[2];
    if (pipe(pfd) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        close(pfd[0]);
        close(pfd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(pfd[1], 1);
        close(pfd[0]);
        close(pfd[1]);
        execl(self, self, "--csv-child", path, (char *)NULL);
        _exit(127);
    }
    close(pfd[1]);
    char line[1024] = "";
    FILE *f = fdopen(pfd[0], "r");
    if (f) {
        if (!fgets(line, sizeof line, f))
            line[0] = '\0';
        fclose(f);
    } else {
        close(pfd[0]);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int features;
    if (sscanf(line, "load s=%lf rows=%d features=%d rss_before=%ld rss_after=%ld",
               secs, rows, &features, before, after) == 5)
        return 0;
    snprintf(err, errlen, "%s", line[0] ? line : "the loader child gave no answer");
    err[strcspn(err, "\n")] = '\0';
    return -1;
}

void bench_csv_section(const bench_opts *o, bench_results *r)
{
    char path[512], err[1024];
    long bytes = 0;
    const int reps = 3;
    printf("== CSV loading (ds_io_load; a fresh child process a load; best of %d)\n",
           reps);
    bench_tmp_path(o, "rows1m.csv", path, sizeof path);
    double g0 = bench_now();
    if (bench_csv_generate(path, &bytes) < 0) {
        printf("  not measured: cannot write %s\n", path);
        return;
    }
    double g = bench_now() - g0;
    double best = 1e30;
    long before = 0, after = 0;
    int rows = 0;
    char self[512];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        printf("  not measured: cannot find the benchmark's own path\n");
        return;
    }
    self[n] = '\0';
    for (int i = 0; i < reps; i++) {
        double s;
        long b, a;
        if (csv_child_run(self, path, &s, &b, &a, &rows, err, sizeof err) < 0) {
            printf("  not measured: %s\n", err);
            unlink(path);
            return;
        }
        if (s < best) {
            best = s;
            before = b;
            after = a;
        }
    }
    unlink(path);
    double mb = bytes / 1e6;
    r->csv_mb_s = mb / best;
    printf("  file: %.2f million rows x (2 features + label), %.1f MB (written in "
           "%.2f s)\n", rows / 1e6, mb, g);
    printf("  load: %.1f ms, %.0f MB/s, %.1f million rows/s\n", best * 1e3,
           mb / best, rows / best / 1e6);
    printf("  loader's peak RSS: %.1f MB (%.1f MB before loading, so %.1f MB for "
           "the load;\n  the rows themselves take %.1f MB as doubles)\n",
           after / 1024.0, before / 1024.0, (after - before) / 1024.0,
           rows * 3 * 8 / 1e6);
}
