/* prep.h - the input pipeline between raw dataset rows and the network:
 * derived features for 2D data (x1^2, x2^2, x1*x2, sin(x1), sin(x2), as the
 * web playgrounds offer) appended after the raw features, then scaling
 * (none, standard, min-max) fitted on the training rows only. The model file
 * records it, so predictions on raw inputs stay right after a reload. */
#ifndef MLPVIZ_ENGINE_PREP_H
#define MLPVIZ_ENGINE_PREP_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/ds.h"

#define PREP_MAX_INPUTS (DS_MAX_FEATURES + 5)

enum {
    PREP_X1SQ = 1 << 0,
    PREP_X2SQ = 1 << 1,
    PREP_X1X2 = 1 << 2,
    PREP_SIN1 = 1 << 3,
    PREP_SIN2 = 1 << 4,
    PREP_FEATURE_COUNT = 5
};

typedef enum { PREP_SCALE_NONE, PREP_SCALE_STANDARD, PREP_SCALE_MINMAX,
               PREP_SCALE_COUNT } prep_scale;

typedef struct {
    int n_raw;                      /* raw features in */
    int n_in;                       /* network inputs out */
    unsigned features;              /* PREP_* bits */
    prep_scale scale;
    double shift[PREP_MAX_INPUTS];  /* input = (value - shift) * mult */
    double mult[PREP_MAX_INPUTS];
    char names[PREP_MAX_INPUTS][32];
} prep_pipeline;

/* Name of derived feature bit i (0..4): "x1^2" ... "sin(x2)". */
const char *prep_feature_name(int i);
/* Parses "x1^2,x1*x2" (empty: none). false on an unknown name, with the
 * offending name in err. */
bool prep_features_parse(const char *list, unsigned *out, char *err,
                         size_t errlen);
const char *prep_scale_name(prep_scale s);
bool prep_scale_from_name(const char *name, prep_scale *out);

/* Fits the pipeline to the training rows of d. Derived features need two
 * raw features (false otherwise, with a message). */
bool prep_fit(prep_pipeline *p, const ds_dataset *d, unsigned features,
              prep_scale scale, char *err, size_t errlen);
/* in[rows][n_in] from raw[rows][n_raw]. */
void prep_apply(const prep_pipeline *p, const double *raw, double *in,
                int rows);

#endif
