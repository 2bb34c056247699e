/* bench_latency.c - key latency of the real program while it trains: mlpviz
 * runs in a pseudo-terminal made here (forkpty) on a 100,000-point spiral,
 * plays continuously, and the benchmark presses + and - in turn (the learning
 * rate moves one rung, "lr X" on the status line changes). The time from
 * writing the key to the moment the new text is on the screen (read back
 * through bench_vt.c, a small virtual terminal) is one latency. Full batch
 * and batches of 10, each against the 30 fps frame budget. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define LAT_ROWS 24
#define LAT_COLS 80

typedef struct {
    int fd;
    pid_t pid;
    bench_vt vt;
    bool eof;
} lat_term;

static int lat_start(lat_term *t, const char *mlpviz, const char *batch,
                     const char *csv)
{
    struct winsize ws = {LAT_ROWS, LAT_COLS, 0, 0};
    memset(t, 0, sizeof *t);
    if (bench_vt_init(&t->vt, LAT_ROWS, LAT_COLS) < 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    t->pid = forkpty(&t->fd, NULL, NULL, &ws);
    if (t->pid < 0) {
        bench_vt_free(&t->vt);
        return -1;
    }
    if (t->pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        unsetenv("LINES");
        unsetenv("COLUMNS");
        unsetenv("NO_COLOR");
        char *argv[] = {(char *)mlpviz, "--dataset", "spiral", "--points", "100000",
                        "--test-ratio", "0.2", "--layers", "16,16", "--activation",
                        "tanh", "--lr", "0.003", "--batch", (char *)batch,
                        "--seed", "1", NULL};
        char *argv_csv[] = {(char *)mlpviz, "--dataset", (char *)csv, "--layers",
                            "16,16", "--activation", "tanh", "--lr", "0.003",
                            "--batch", (char *)batch, "--seed", "1", NULL};
        execv(mlpviz, csv ? argv_csv : argv);
        _exit(127);
    }
    return 0;
}

/* Reads what the program writes until `want` is on the screen or the clock
 * passes `until`; true when found, with *when the time it was. */
static bool lat_pump(lat_term *t, double until, const char *want, double *when)
{
    char buf[65536];
    if (want && bench_vt_find(&t->vt, want)) {
        if (when)
            *when = bench_now();
        return true;
    }
    for (;;) {
        double left = until - bench_now();
        if (left <= 0 || t->eof)
            return false;
        struct pollfd p = {t->fd, POLLIN, 0};
        int r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t n = read(t->fd, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            t->eof = true; /* EIO: the program has gone */
            return false;
        }
        double now = bench_now();
        bench_vt_feed(&t->vt, buf, (size_t)n);
        if (want && bench_vt_find(&t->vt, want)) {
            if (when)
                *when = now;
            return true;
        }
    }
}

static void lat_key(lat_term *t, char c)
{
    while (write(t->fd, &c, 1) < 0 && errno == EINTR)
        ;
}

/* Ends the program (q, then SIGTERM) and returns its peak RSS in KiB. */
static long lat_stop(lat_term *t)
{
    struct rusage ru;
    int status;
    memset(&ru, 0, sizeof ru);
    lat_key(t, 'q');
    double until = bench_now() + 5;
    pid_t w = 0;
    while ((w = wait4(t->pid, &status, WNOHANG, &ru)) == 0 && bench_now() < until)
        lat_pump(t, bench_now() + 0.05, NULL, NULL);
    if (w == 0) {
        kill(t->pid, SIGTERM);
        wait4(t->pid, &status, 0, &ru);
    }
    close(t->fd);
    bench_vt_free(&t->vt);
    return ru.ru_maxrss;
}

/* The epoch counter on the status line, or -1. */
static long lat_epoch(const lat_term *t)
{
    char row[LAT_COLS + 1];
    for (int y = t->vt.rows - 1; y >= 0; y--) {
        bench_vt_row(&t->vt, y, row, sizeof row);
        char *p = strstr(row, "epoch ");
        long e;
        if (p && sscanf(p + 6, "%ld", &e) == 1)
            return e;
    }
    return -1;
}

typedef struct {
    bool ran;
    const char *failure;
    int presses, answered;
    double median, max, min;
    long epochs, rss_kib;
    double seconds;
    bool still_training;
} lat_result;

static void lat_measure(const bench_opts *o, const char *batch, const char *csv,
                        int presses, lat_result *res)
{
    lat_term t;
    memset(res, 0, sizeof *res);
    if (lat_start(&t, o->mlpviz, batch, csv) < 0) {
        res->failure = "could not start the program in a pseudo-terminal";
        return;
    }
    if (!lat_pump(&t, bench_now() + 30, "lr 0.003", NULL)) {
        res->failure = "the program did not show its screen within 30 s";
        lat_stop(&t);
        return;
    }
    /* play as fast as the time slices allow (the speed ladder's top) */
    for (int i = 0; i < 4; i++) {
        lat_key(&t, '.');
        lat_pump(&t, bench_now() + 0.3, NULL, NULL);
    }
    lat_key(&t, 'p');
    if (!lat_pump(&t, bench_now() + 10, "training", NULL)) {
        res->failure = "pressing p did not start training";
        lat_stop(&t);
        return;
    }
    lat_pump(&t, bench_now() + 1.0, NULL, NULL); /* settle into playing */
    long e0 = lat_epoch(&t);
    double t_start = bench_now();
    double lat[64];
    int n = 0;
    unsigned seed = 12345;
    for (int i = 0; i < presses && i < 64; i++) {
        /* a varying pause so that presses land at every phase of a frame */
        seed = seed * 1103515245u + 12345u;
        lat_pump(&t, bench_now() + 0.08 + 0.12 * ((seed >> 8) % 1000) / 1000.0,
                 NULL, NULL);
        char key = i % 2 == 0 ? '+' : '-';
        /* the status line's field ("lr 0.01  "), not the message that
         * names both rates ("lr 0.003 -> 0.01: training continues") */
        const char *want = i % 2 == 0 ? "lr 0.01  " : "lr 0.003  ";
        double t0 = bench_now(), t1;
        lat_key(&t, key);
        res->presses++;
        if (!lat_pump(&t, t0 + 5.0, want, &t1))
            break; /* not answered in 5 s: the next key's text would be
                      the one already shown, so stop here */
        lat[n++] = (t1 - t0) * 1e3;
    }
    res->seconds = bench_now() - t_start;
    long e1 = lat_epoch(&t);
    res->epochs = e0 >= 0 && e1 >= 0 ? e1 - e0 : -1;
    res->still_training = bench_vt_find(&t.vt, "training");
    if (getenv("BENCH_DUMP_SCREEN")) { /* to check what the terminal shows */
        char row[LAT_COLS + 1];
        for (int y = 0; y < t.vt.rows; y++) {
            bench_vt_row(&t.vt, y, row, sizeof row);
            printf("  |%s|\n", row);
        }
    }
    res->rss_kib = lat_stop(&t);
    res->answered = n;
    res->ran = true;
    if (n > 0) {
        double mx = lat[0], mn = lat[0];
        for (int i = 1; i < n; i++) {
            if (lat[i] > mx)
                mx = lat[i];
            if (lat[i] < mn)
                mn = lat[i];
        }
        res->max = mx;
        res->min = mn;
        res->median = bench_median(lat, n);
    }
}

void bench_latency_section(const bench_opts *o, bench_results *r)
{
    int presses = o->quick ? 8 : 20;
    printf("== Key latency while training continuously (the real program in a "
           "pseudo-terminal)\n");
    printf("mlpviz --dataset spiral --points 100000 --test-ratio 0.2 --layers 16,16 "
           "--activation tanh\n  --lr 0.003 --batch B --seed 1, %dx%d, "
           "TERM=xterm-256color, UTF-8; 80,000 training rows.\n  p plays at "
           "the top speed; then + and - "
           "in turn, %d presses, 80-200 ms apart.\n  Latency: key written -> the "
           "new \"lr X\" read back from the terminal. Budget: one frame,\n  "
           "%.1f ms.\n",
           LAT_COLS, LAT_ROWS, presses, BENCH_FRAME_MS);
    if (!o->mlpviz || access(o->mlpviz, X_OK) != 0) {
        r->lat_missing = "the program was not found (--mlpviz PATH)";
        printf("  not measured: %s\n", r->lat_missing);
        return;
    }
    printf("  %-12s %10s %10s %10s %9s %9s %10s %9s\n", "batch", "median", "max",
           "min", "answered", "in budget", "epochs/s", "peak RSS");
    static const char *const batches[2] = {"full", "10"};
    for (int k = 0; k < 2; k++) {
        lat_result res;
        lat_measure(o, batches[k], NULL, presses, &res);
        r->lat_presses[k] = res.presses;
        r->lat_answered[k] = res.answered;
        r->lat_median_ms[k] = res.answered ? res.median : -1;
        r->lat_max_ms[k] = res.answered ? res.max : -1;
        if (!res.ran) {
            printf("  %-12s not measured: %s\n", batches[k], res.failure);
            r->lat_missing = res.failure;
            continue;
        }
        char eps[32] = "?";
        if (res.epochs >= 0 && res.seconds > 0)
            snprintf(eps, sizeof eps, "%.2f", res.epochs / res.seconds);
        printf("  %-12s %7.1f ms %7.1f ms %7.1f ms %5d/%-3d %6s %10s %6.0f MB%s\n",
               k == 0 ? "full (80k)" : "10", res.median, res.max, res.min,
               res.answered, res.presses,
               res.answered == res.presses && res.max < BENCH_FRAME_MS ? "all" :
               res.median < BENCH_FRAME_MS ? "median" : "no",
               eps, res.rss_kib / 1024.0,
               res.still_training ? "" : "  (stopped training!)");
    }
    printf("  (peak RSS: the program's own, from wait4; epochs/s: the status "
           "line's epoch count\n  over the measurement)\n");

    /* the same with a 1,000,000-row CSV loaded by the screen itself */
    char csv[512];
    long bytes = 0;
    bench_tmp_path(o, "screen1m.csv", csv, sizeof csv);
    printf("  The same with --dataset FILE.csv, a generated 1,000,000-row CSV "
           "(2 features + label),\n  --layers 16,16 --activation tanh --lr 0.003 "
           "--batch full --seed 1; peak RSS of the whole program:\n");
    if (bench_csv_generate(csv, &bytes) < 0) {
        printf("  not measured: cannot write %s\n", csv);
        return;
    }
    lat_result res;
    lat_measure(o, "full", csv, presses, &res);
    unlink(csv);
    if (!res.ran) {
        printf("  %-12s not measured: %s\n", "csv 1M", res.failure);
        return;
    }
    printf("  %-12s %7.1f ms %7.1f ms %7.1f ms %5d/%-3d %6s %10s %6.0f MB%s\n",
           "csv 1M", res.median, res.max, res.min, res.answered, res.presses,
           res.answered == res.presses && res.max < BENCH_FRAME_MS ? "all" :
           res.median < BENCH_FRAME_MS ? "median" : "no",
           "-", res.rss_kib / 1024.0,
           res.still_training ? "" : "  (stopped training!)");
}
