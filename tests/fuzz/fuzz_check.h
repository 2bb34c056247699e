/* fuzz_check.h - shared by the libFuzzer targets: what every parse must
 * leave behind. A failure is one line starting with the file name; a success
 * is a dataset whose every field is within its documented range. Breaking a
 * rule traps, and libFuzzer reports it as a crash. */
#ifndef MLPVIZ_FUZZ_CHECK_H
#define MLPVIZ_FUZZ_CHECK_H

#include <math.h>
#include <string.h>

#include "io/ds_io.h"

#define FUZZ_REQUIRE(c) \
    do {                \
        if (!(c)) __builtin_trap(); \
    } while (0)

static inline void fuzz_check_error(const char *err, const char *fname)
{
    FUZZ_REQUIRE(strncmp(err, fname, strlen(fname)) == 0);
    FUZZ_REQUIRE(strchr(err, '\n') == NULL);
}

/* Options from the input's length, so one input always meets the same ones. */
static inline void fuzz_options(ds_io_options *o, size_t size)
{
    ds_io_options_default(o);
    o->task = (ds_io_task)(size % 3);
    o->test_ratio = size % 5 == 0 ? 0.25 : 0.0;
    o->seed = size;
}

static inline void fuzz_check_dataset(const ds_dataset *d, const ds_io_options *o)
{
    int rows = d->n_train + d->n_test;
    FUZZ_REQUIRE(d->n_features >= 1 && d->n_features <= DS_MAX_FEATURES);
    FUZZ_REQUIRE(rows >= 1 && rows <= DS_MAX_ROWS && rows <= d->cap);
    FUZZ_REQUIRE(d->n_test >= 0 && (o->test_ratio > 0 || d->n_test == 0));
    for (size_t i = 0; i < (size_t)rows * (size_t)d->n_features; i++)
        FUZZ_REQUIRE(isfinite(d->x[i]));
    if (d->task == DS_REGRESSION) {
        FUZZ_REQUIRE(d->n_classes == 0 && o->task != DS_IO_TASK_CLASSIFY);
        for (int r = 0; r < rows; r++) FUZZ_REQUIRE(isfinite(d->y[r]));
    } else {
        FUZZ_REQUIRE(o->task != DS_IO_TASK_REGRESS);
        FUZZ_REQUIRE(d->n_classes >= 2 && d->n_classes <= DS_MAX_CLASSES);
        FUZZ_REQUIRE((d->task == DS_BINARY) == (d->n_classes == 2));
        for (int r = 0; r < rows; r++)
            FUZZ_REQUIRE(d->y[r] >= 0 && d->y[r] < d->n_classes &&
                         d->y[r] == floor(d->y[r]));
        for (int k = 0; k < d->n_classes; k++)
            FUZZ_REQUIRE(memchr(d->class_names[k], '\0', DS_LABEL_MAX) != NULL);
    }
    for (int f = 0; f < d->n_features; f++)
        FUZZ_REQUIRE(memchr(d->feature_names[f], '\0', DS_LABEL_MAX) != NULL &&
                     d->feature_names[f][0] != '\0');
}

#endif
