/* bench.h - the pieces of `make bench`, one file a section (training,
 * activations, frames, key latency, CSV loading), the options they share and
 * the figures they hand to the closing verdicts. The benchmark links the
 * same library objects as the program; it prints, and is never part of
 * `make test`. */
#ifndef MLPVIZ_BENCH_H
#define MLPVIZ_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#define BENCH_FRAME_MS (1000.0 / 30.0) /* one frame at 30 frames a second */

typedef struct {
    bool torch;             /* --torch: also the PyTorch loops */
    int quick;              /* --quick: fewer repetitions (figures noisier) */
    const char *mlpviz;     /* the program for the key-latency run */
    const char *torch_script;
    const char *python;
    const char *only;       /* run one section only, or NULL */
    char tmpdir[256];       /* scratch folder of this run (removed at exit) */
} bench_opts;

/* What the verdicts need, filled in by the sections (NaN: not measured). */
typedef struct {
    double peak_gflops;            /* the vector FMA peak of one core */
    double engine_ms[2];           /* [0] XOR, [1] spiral */
    double plain_ms[2];
    double fann_ms[2];             /* NaN when FANN is not there */
    double torch_ms[2];            /* NaN without --torch or torch */
    const char *fann_missing;      /* why there is no FANN figure */
    const char *torch_missing;     /* why there is no PyTorch figure */
    double frame_ms[2];            /* full frame after a step: 80x24, 200x60 */
    double repaint_ms[2];          /* every cell re-sent: 80x24, 200x60 */
    double lat_median_ms[2];       /* [0] full batch, [1] batch 10 */
    double lat_max_ms[2];
    int lat_presses[2], lat_answered[2];
    const char *lat_missing;
    double csv_mb_s;
} bench_results;

/* Monotonic seconds. */
double bench_now(void);
/* A scratch path inside the run's folder. */
void bench_tmp_path(const bench_opts *o, const char *name, char *buf, size_t len);
/* The median of n values (sorts them). */
double bench_median(double *v, int n);

/* The sections. Each prints its own table and fills its part of r. */
void bench_train_section(const bench_opts *o, bench_results *r);
void bench_act_section(const bench_opts *o, bench_results *r);
void bench_frame_section(const bench_opts *o, bench_results *r);
void bench_latency_section(const bench_opts *o, bench_results *r);
void bench_csv_section(const bench_opts *o, bench_results *r);

/* The loader child of the CSV section (the benchmark runs itself with
 * --csv-child FILE): loads the file once, prints its figures, exits. */
int bench_csv_child(const char *path);
/* Writes the benchmark's 1,000,000-row CSV (two features and a 0/1 label,
 * a header) to path; its size into *bytes. -1: cannot write it. */
int bench_csv_generate(const char *path, long *bytes);

/* FANN (bench_fann.c; stubs when the library is not installed). */
typedef struct {
    const char *name;   /* "xor" or "spiral" */
    int n_layers;       /* weight layers */
    int units[4];       /* units[0] inputs ... units[n_layers] outputs */
    bool tanh_hidden;   /* else relu */
    double lr;
    int batch;          /* 0: full batch */
    int epochs;
} bench_net_spec;

bool bench_fann_available(const char **why_not);
const char *bench_fann_version(void);
/* One timed FANN run of spec on x[n][2], y[n] from the initial weights
 * init (the engine's layout: per layer w[out][in] then b[out]). Returns
 * seconds, or a negative value on failure; *bce and *acc are the training
 * set's binary cross-entropy and accuracy after training. */
double bench_fann_time_once(const bench_net_spec *spec, const double *x,
                            const double *y, int n, const double *init,
                            double *bce, double *acc);
/* Lines saying what FANN does differently for spec. */
void bench_fann_describe(const bench_net_spec *spec);

/* A small virtual terminal (bench_vt.c): enough of xterm's control
 * sequences to follow what ncurses sends, so that the text on the screen
 * can be read back. */
typedef struct {
    int rows, cols;
    unsigned *cell;        /* [rows][cols] code points */
    int y, x;              /* cursor */
    bool wrap_pending;
    int top, bot;          /* scroll region */
    int saved_y, saved_x;
    unsigned last;         /* last printed code point (for REP) */
    int state;             /* parser state */
    char seq[64];          /* CSI parameters collected */
    int seq_len;
    unsigned cp;           /* UTF-8 code point being decoded */
    int cp_need;           /* continuation bytes still expected */
} bench_vt;

int bench_vt_init(bench_vt *t, int rows, int cols);
void bench_vt_free(bench_vt *t);
void bench_vt_feed(bench_vt *t, const char *buf, size_t n);
/* Whether an ASCII string is on the screen (within one row). */
bool bench_vt_find(const bench_vt *t, const char *text);
/* Row y as UTF-8 text (non-ASCII cells as '?'). */
void bench_vt_row(const bench_vt *t, int y, char *buf, size_t len);

#endif
