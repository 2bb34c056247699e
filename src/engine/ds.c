/* ds.c - datasets in memory and the built-in ones: truth tables and seeded
 * 2D generators. Rows are stored training first, then test. Nothing here
 * reads files. */
#include "engine/ds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"

#define PI 3.14159265358979323846

static const char *const builtin_names[] = {
    "xor", "and", "or", "nand", "circle", "gauss", "quadrants", "spiral",
    "moons", "wave",
};
#define N_BUILTIN ((int)(sizeof builtin_names / sizeof builtin_names[0]))

void ds_gen_options_default(ds_gen_options *o)
{
    o->seed = 1;
    o->points = 200;
    o->noise = 0.1;
    o->test_ratio = 0.2;
}

int ds_builtin_count(void) { return N_BUILTIN; }

const char *ds_builtin_name(int i)
{
    return (i >= 0 && i < N_BUILTIN) ? builtin_names[i] : NULL;
}

bool ds_is_builtin(const char *name)
{
    if (strcmp(name, DS_ONE_ROW) == 0)
        return true;
    for (int i = 0; i < N_BUILTIN; i++)
        if (strcmp(name, builtin_names[i]) == 0)
            return true;
    return false;
}

int ds_new(ds_dataset *d, const char *name, int n_features, ds_task task,
           int n_classes, int cap)
{
    memset(d, 0, sizeof *d);
    if (n_features < 1 || n_features > DS_MAX_FEATURES || cap < 0 ||
        cap > DS_MAX_ROWS || n_classes < 0 || n_classes > DS_MAX_CLASSES)
        return -1;
    snprintf(d->name, sizeof d->name, "%s", name ? name : "data");
    d->task = task;
    d->n_features = n_features;
    d->n_classes = task == DS_REGRESSION ? 0 : n_classes;
    int c = cap > 0 ? cap : 4;
    d->x = malloc((size_t)c * (size_t)n_features * sizeof *d->x);
    d->y = malloc((size_t)c * sizeof *d->y);
    if (!d->x || !d->y) {
        ds_free(d);
        return -1;
    }
    d->cap = c;
    for (int f = 0; f < n_features; f++)
        snprintf(d->feature_names[f], DS_LABEL_MAX, "x%d", f + 1);
    for (int k = 0; k < DS_MAX_CLASSES; k++)
        snprintf(d->class_names[k], DS_LABEL_MAX, "%d", k);
    return 0;
}

void ds_free(ds_dataset *d)
{
    free(d->x);
    free(d->y);
    d->x = d->y = NULL;
    d->cap = d->n_train = d->n_test = 0;
}

int ds_copy(ds_dataset *dst, const ds_dataset *src)
{
    ds_dataset t = *src;
    int rows = ds_rows(src);
    int cap = rows > 0 ? rows : 4;
    t.x = malloc((size_t)cap * (size_t)src->n_features * sizeof *t.x);
    t.y = malloc((size_t)cap * sizeof *t.y);
    if (!t.x || !t.y) {
        free(t.x);
        free(t.y);
        return -1;
    }
    memcpy(t.x, src->x, (size_t)rows * (size_t)src->n_features * sizeof *t.x);
    memcpy(t.y, src->y, (size_t)rows * sizeof *t.y);
    t.cap = cap;
    *dst = t;
    return 0;
}

int ds_rows(const ds_dataset *d) { return d->n_train + d->n_test; }

static int grow(ds_dataset *d)
{
    if (ds_rows(d) < d->cap)
        return 0;
    if (d->cap >= DS_MAX_ROWS)
        return -1;
    int cap = d->cap * 2;
    if (cap > DS_MAX_ROWS)
        cap = DS_MAX_ROWS;
    double *x = realloc(d->x, (size_t)cap * (size_t)d->n_features * sizeof *x);
    if (!x)
        return -1;
    d->x = x;
    double *y = realloc(d->y, (size_t)cap * sizeof *y);
    if (!y)
        return -1;
    d->y = y;
    d->cap = cap;
    return 0;
}

int ds_add_test(ds_dataset *d, const double *x, double y)
{
    if (grow(d) < 0)
        return -1;
    int r = ds_rows(d);
    memcpy(d->x + (size_t)r * d->n_features, x, (size_t)d->n_features * sizeof *x);
    d->y[r] = y;
    d->n_test++;
    return 0;
}

int ds_add_train(ds_dataset *d, const double *x, double y)
{
    if (grow(d) < 0)
        return -1;
    int nf = d->n_features, at = d->n_train;
    memmove(d->x + (size_t)(at + 1) * nf, d->x + (size_t)at * nf,
            (size_t)d->n_test * nf * sizeof *d->x);
    memmove(d->y + at + 1, d->y + at, (size_t)d->n_test * sizeof *d->y);
    memcpy(d->x + (size_t)at * nf, x, (size_t)nf * sizeof *x);
    d->y[at] = y;
    d->n_train++;
    return 0;
}

void ds_remove(ds_dataset *d, int i)
{
    int rows = ds_rows(d), nf = d->n_features;
    if (i < 0 || i >= rows)
        return;
    memmove(d->x + (size_t)i * nf, d->x + (size_t)(i + 1) * nf,
            (size_t)(rows - i - 1) * nf * sizeof *d->x);
    memmove(d->y + i, d->y + i + 1, (size_t)(rows - i - 1) * sizeof *d->y);
    if (i < d->n_train)
        d->n_train--;
    else
        d->n_test--;
}

static void swap_rows(ds_dataset *d, int a, int b)
{
    int nf = d->n_features;
    for (int f = 0; f < nf; f++) {
        double t = d->x[(size_t)a * nf + f];
        d->x[(size_t)a * nf + f] = d->x[(size_t)b * nf + f];
        d->x[(size_t)b * nf + f] = t;
    }
    double t = d->y[a];
    d->y[a] = d->y[b];
    d->y[b] = t;
}

void ds_split(ds_dataset *d, double test_ratio, uint64_t seed)
{
    int rows = ds_rows(d);
    if (rows < 2 || !(test_ratio > 0)) {
        d->n_train = rows;
        d->n_test = 0;
        return;
    }
    if (test_ratio > 0.9)
        test_ratio = 0.9;
    rng_state r;
    rng_seed(&r, seed ^ 0x5eed5b117ULL);
    for (int i = rows - 1; i > 0; i--)
        swap_rows(d, i, (int)rng_below(&r, (uint64_t)i + 1));
    int n_test = (int)floor(rows * test_ratio + 0.5);
    if (n_test >= rows)
        n_test = rows - 1;
    d->n_test = n_test;
    d->n_train = rows - n_test;
}

int ds_nearest(const ds_dataset *d, int fx, int fy, double px, double py)
{
    int best = -1;
    double bd = INFINITY;
    int nf = d->n_features;
    if (fx < 0 || fx >= nf || fy < 0 || fy >= nf)
        return -1;
    for (int i = 0; i < ds_rows(d); i++) {
        double dx = d->x[(size_t)i * nf + fx] - px;
        double dy = d->x[(size_t)i * nf + fy] - py;
        double dd = dx * dx + dy * dy;
        if (dd < bd) {
            bd = dd;
            best = i;
        }
    }
    return best;
}

void ds_bounds(const ds_dataset *d, int f, double *lo, double *hi)
{
    double a = INFINITY, b = -INFINITY;
    int nf = d->n_features;
    if (f >= 0 && f < nf)
        for (int i = 0; i < ds_rows(d); i++) {
            double v = d->x[(size_t)i * nf + f];
            if (v < a)
                a = v;
            if (v > b)
                b = v;
        }
    if (a > b) {
        a = 0;
        b = 1;
    }
    *lo = a;
    *hi = b;
}

double ds_feature_mean(const ds_dataset *d, int f)
{
    int rows = ds_rows(d), nf = d->n_features;
    if (rows == 0 || f < 0 || f >= nf)
        return 0;
    double sum = 0;
    for (int i = 0; i < rows; i++)
        sum += d->x[(size_t)i * nf + f];
    return sum / rows;
}

double ds_range_ratio(const ds_dataset *d, int *wide, int *narrow)
{
    ds_summary s;
    ds_summarise(d, &s);
    if (wide)
        *wide = s.range_wide;
    if (narrow)
        *narrow = s.range_narrow;
    return s.range_ratio;
}

void ds_summarise(const ds_dataset *d, ds_summary *out)
{
    int rows = ds_rows(d), nf = d->n_features < DS_MAX_FEATURES ? d->n_features
                                                                : DS_MAX_FEATURES;
    memset(out, 0, sizeof *out);
    double sum[DS_MAX_FEATURES] = {0};
    for (int f = 0; f < nf; f++) {
        out->lo[f] = INFINITY;
        out->hi[f] = -INFINITY;
    }
    for (int i = 0; i < rows; i++) {
        const double *r = d->x + (size_t)i * d->n_features;
        for (int f = 0; f < nf; f++) {
            if (r[f] < out->lo[f])
                out->lo[f] = r[f];
            if (r[f] > out->hi[f])
                out->hi[f] = r[f];
            sum[f] += r[f];
        }
    }
    int w = 0, n = 0;
    double rw = -1, rn = -1;
    for (int f = 0; f < nf; f++) {
        if (out->lo[f] > out->hi[f]) {
            out->lo[f] = 0;
            out->hi[f] = 1;
        }
        out->mean[f] = rows ? sum[f] / rows : 0;
        double r = out->hi[f] - out->lo[f];
        if (rows == 0 || !(r > 0) || !isfinite(r))
            continue;
        if (rw < 0 || r > rw) {
            rw = r;
            w = f;
        }
        if (rn < 0 || r < rn) {
            rn = r;
            n = f;
        }
    }
    out->range_ratio = rw > 0 && rn > 0 ? rw / rn : 1;
    out->range_wide = w;
    out->range_narrow = n;
    for (int i = 0; i < rows; i++) {
        if (i == 0 || d->y[i] < out->all_target_lo)
            out->all_target_lo = d->y[i];
        if (i == 0 || d->y[i] > out->all_target_hi)
            out->all_target_hi = d->y[i];
        if (i == d->n_train - 1) {
            out->target_lo = out->all_target_lo;
            out->target_hi = out->all_target_hi;
        }
    }
}

/* ---- built-in sets ---- */

/* A truth table; out[] follows the rows of in[]. */
static int truth_table(ds_dataset *d, const char *name,
                       const double in[4][2], const int out[4])
{
    if (ds_new(d, name, 2, DS_BINARY, 2, 4) < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        ds_add_train(d, in[i], out[i]);
    return 0;
}

static void add(ds_dataset *d, double x1, double x2, double y)
{
    double x[2] = {x1, x2};
    ds_add_train(d, x, y);
}

static void gen_circle(ds_dataset *d, rng_state *r, int n, double noise)
{
    for (int i = 0; i < n; i++) {
        int inner = i % 2 == 0;
        double rad = inner ? rng_range(r, 0, 0.45) : rng_range(r, 0.65, 1.0);
        double t = rng_range(r, 0, 2 * PI);
        add(d, rad * cos(t) + noise * 0.3 * rng_normal(r),
            rad * sin(t) + noise * 0.3 * rng_normal(r), inner ? 1 : 0);
    }
}

static void gen_gauss(ds_dataset *d, rng_state *r, int n, double noise)
{
    double sd = 0.2 + noise * 0.5;
    for (int i = 0; i < n; i++) {
        int pos = i % 2 == 0;
        double c = pos ? 0.5 : -0.5;
        add(d, c + sd * rng_normal(r), c + sd * rng_normal(r), pos ? 1 : 0);
    }
}

static void gen_quadrants(ds_dataset *d, rng_state *r, int n, double noise)
{
    for (int i = 0; i < n; i++) {
        double x1 = rng_range(r, -1, 1), x2 = rng_range(r, -1, 1);
        /* keep a small gap along the axes, as the playgrounds do */
        x1 += x1 > 0 ? 0.05 : -0.05;
        x2 += x2 > 0 ? 0.05 : -0.05;
        int label = (x1 > 0) != (x2 > 0);
        add(d, x1 + noise * 0.3 * rng_normal(r), x2 + noise * 0.3 * rng_normal(r),
            label);
    }
}

static void gen_spiral(ds_dataset *d, rng_state *r, int n, double noise)
{
    int half = n / 2 > 0 ? n / 2 : 1;
    for (int i = 0; i < n; i++) {
        int arm = i % 2;
        int k = i / 2;
        double rad = (double)k / half;
        double t = 1.75 * rad * 2 * PI + (arm ? PI : 0);
        add(d, rad * sin(t) + noise * 0.15 * rng_normal(r),
            rad * cos(t) + noise * 0.15 * rng_normal(r), arm ? 0 : 1);
    }
}

static void gen_moons(ds_dataset *d, rng_state *r, int n, double noise)
{
    for (int i = 0; i < n; i++) {
        int inner = i % 2;
        double t = rng_range(r, 0, PI);
        double x1 = inner ? 1 - cos(t) : cos(t);
        double x2 = inner ? 0.5 - sin(t) : sin(t);
        add(d, (x1 - 0.5) * 0.8 + noise * 0.3 * rng_normal(r),
            (x2 - 0.25) * 0.8 + noise * 0.3 * rng_normal(r), inner);
    }
}

static void gen_wave(ds_dataset *d, rng_state *r, int n, double noise)
{
    for (int i = 0; i < n; i++) {
        double x1 = rng_range(r, -1, 1), x2 = rng_range(r, -1, 1);
        add(d, x1, x2, sin(PI * x1) * cos(PI * x2 * 0.5) + noise * 0.2 * rng_normal(r));
    }
}

int ds_builtin(ds_dataset *d, const char *name, const ds_gen_options *o)
{
    static const double table[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /* the book's OR script takes its rows in this order */
    static const double book_or[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    static const int t_xor[4] = {0, 1, 1, 0}, t_and[4] = {0, 0, 0, 1},
                     t_or[4] = {1, 1, 1, 0}, t_nand[4] = {1, 1, 1, 0};
    memset(d, 0, sizeof *d);
    if (!name)
        return -1;
    if (strcmp(name, "xor") == 0)
        return truth_table(d, name, table, t_xor);
    if (strcmp(name, "and") == 0)
        return truth_table(d, name, table, t_and);
    if (strcmp(name, "or") == 0)
        return truth_table(d, name, book_or, t_or);
    if (strcmp(name, "nand") == 0)
        return truth_table(d, name, table, t_nand);
    if (strcmp(name, DS_ONE_ROW) == 0) {
        /* the book's first perceptron: learn to answer 0 for [1, 0] */
        static const double x[2] = {1, 0};
        if (ds_new(d, name, 2, DS_BINARY, 2, 1) < 0)
            return -1;
        ds_add_train(d, x, 0);
        return 0;
    }

    ds_gen_options def;
    if (!o) {
        ds_gen_options_default(&def);
        o = &def;
    }
    int n = o->points;
    if (n < 2 || n > DS_MAX_ROWS)
        return -1;
    double noise = o->noise < 0 ? 0 : o->noise > 1 ? 1 : o->noise;
    void (*gen)(ds_dataset *, rng_state *, int, double) = NULL;
    ds_task task = DS_BINARY;
    if (strcmp(name, "circle") == 0)
        gen = gen_circle;
    else if (strcmp(name, "gauss") == 0)
        gen = gen_gauss;
    else if (strcmp(name, "quadrants") == 0)
        gen = gen_quadrants;
    else if (strcmp(name, "spiral") == 0)
        gen = gen_spiral;
    else if (strcmp(name, "moons") == 0)
        gen = gen_moons;
    else if (strcmp(name, "wave") == 0) {
        gen = gen_wave;
        task = DS_REGRESSION;
    } else
        return -1;
    if (ds_new(d, name, 2, task, task == DS_REGRESSION ? 0 : 2, n) < 0)
        return -1;
    rng_state r;
    rng_seed(&r, o->seed);
    gen(d, &r, n, noise);
    ds_split(d, o->test_ratio, o->seed);
    return 0;
}

bool ds_builtin_is_generated(const char *name)
{
    /* a generated set's size follows the options; a truth table's does not */
    ds_gen_options a, b;
    ds_gen_options_default(&a);
    b = a;
    a.points = 8;
    b.points = 9;
    ds_dataset da, db;
    bool ok = ds_builtin(&da, name, &a) == 0 && ds_builtin(&db, name, &b) == 0;
    bool gen = ok && ds_rows(&da) != ds_rows(&db);
    if (ok)
        ds_free(&db);
    ds_free(&da);
    return gen;
}
