/* ds.h - datasets in memory and the built-in ones: the four truth tables
 * and seeded generators of 2D sets (circle, gauss, quadrants, spiral, moons)
 * and one regression set (wave). A dataset holds raw feature rows and one
 * label per row (a class index 0..n_classes-1, or a real target), training
 * rows first, then test rows. Reading files is the io layer's job. */
#ifndef MLPVIZ_ENGINE_DS_H
#define MLPVIZ_ENGINE_DS_H

#include <stdbool.h>
#include <stdint.h>

#define DS_MAX_FEATURES 64
#define DS_MAX_CLASSES 16
#define DS_LABEL_MAX 32
#define DS_MAX_ROWS 5000000 /* rows held at once; a loader refuses more */

typedef enum {
    DS_BINARY,     /* two classes, labels 0 and 1 */
    DS_MULTICLASS, /* n_classes > 2 */
    DS_REGRESSION  /* real-valued target */
} ds_task;

typedef struct {
    char name[DS_LABEL_MAX * 2];
    ds_task task;
    int n_features;
    int n_classes;  /* 2 for binary, > 2 multi-class, 0 regression */
    int n_train;    /* rows 0 .. n_train-1 */
    int n_test;     /* rows n_train .. n_train+n_test-1 */
    int cap;        /* rows allocated */
    double *x;      /* [cap][n_features] raw features */
    double *y;      /* [cap] class index or target */
    char feature_names[DS_MAX_FEATURES][DS_LABEL_MAX];
    char class_names[DS_MAX_CLASSES][DS_LABEL_MAX]; /* "0"/"1" by default */
} ds_dataset;

typedef struct {
    uint64_t seed;
    int points;        /* generated sets: total points (train + test) */
    double noise;      /* generated sets: noise level, 0 .. 1 */
    double test_ratio; /* generated sets: share held out for testing, 0 .. 0.9 */
} ds_gen_options;

void ds_gen_options_default(ds_gen_options *o); /* seed 1, 200 points, noise 0.1, test 0.2 */

/* The book's first perceptron example as a built-in set: one row, [1, 0]
 * -> 0. Only one class is present, so a model trained on it learns nothing
 * about the other. Known to ds_is_builtin and ds_builtin, but not among
 * the sets the screen cycles. */
#define DS_ONE_ROW "one"

/* Names of the built-in sets, in the order the screen cycles them. */
int ds_builtin_count(void);
const char *ds_builtin_name(int i);
bool ds_is_builtin(const char *name);
/* True for a built-in set made from the options (noise, points, test share,
 * seed); false for the truth tables and unknown names. */
bool ds_builtin_is_generated(const char *name);
/* Fills d with a built-in set. Truth tables ignore the options; their four
 * rows come in the order [0,0],[0,1],[1,0],[1,1], except OR, which comes in
 * the book's order [1,1],[1,0],[0,1],[0,0]. Returns 0, or -1 for an
 * unknown name or no memory. */
int ds_builtin(ds_dataset *d, const char *name, const ds_gen_options *o);

/* An empty dataset with room for cap rows (0 or -1). */
int ds_new(ds_dataset *d, const char *name, int n_features, ds_task task,
           int n_classes, int cap);
void ds_free(ds_dataset *d);
int ds_copy(ds_dataset *dst, const ds_dataset *src);
int ds_rows(const ds_dataset *d);
/* Appends a row to the training rows (before any test rows). 0 or -1. */
int ds_add_train(ds_dataset *d, const double *x, double y);
/* Appends a row to the test rows. 0 or -1. */
int ds_add_test(ds_dataset *d, const double *x, double y);
/* Removes row i (train or test). */
void ds_remove(ds_dataset *d, int i);
/* Moves a seeded random share of the rows to the test split (shuffling
 * the order of the rows). */
void ds_split(ds_dataset *d, double test_ratio, uint64_t seed);
/* Row of the nearest point to (px, py) in the plane of features fx, fy,
 * or -1 when the set is empty. */
int ds_nearest(const ds_dataset *d, int fx, int fy, double px, double py);
/* Bounds of feature f over all rows. */
void ds_bounds(const ds_dataset *d, int f, double *lo, double *hi);
/* Mean of feature f over all rows (0 for no rows or no such feature). */
double ds_feature_mean(const ds_dataset *d, int f);
/* How many times the widest feature's range (max - min over all rows) is
 * the narrowest's, and which features those are (wide, narrow: may be
 * NULL). 1 with fewer than two features or no rows; features of zero
 * range are left out (INFINITY never comes back). */
double ds_range_ratio(const ds_dataset *d, int *wide, int *narrow);

/* What the views need to know of the data as a whole, made in one pass
 * when the data changes (not on every frame): each feature's bounds and
 * mean as ds_bounds and ds_feature_mean give them, the target range of
 * the training rows and of every row (0..0 with none), and ds_range_ratio's
 * answer. */
typedef struct {
    double lo[DS_MAX_FEATURES], hi[DS_MAX_FEATURES], mean[DS_MAX_FEATURES];
    double target_lo, target_hi;     /* training rows */
    double all_target_lo, all_target_hi;
    double range_ratio;
    int range_wide, range_narrow;
} ds_summary;
void ds_summarise(const ds_dataset *d, ds_summary *out);

#endif
