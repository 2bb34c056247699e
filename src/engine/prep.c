/* prep.c - the input pipeline: derived features appended to 2D data, then
 * scaling fitted on the training rows. Pure arithmetic on caller arrays. */
#include "engine/prep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const feature_names[PREP_FEATURE_COUNT] = {
    "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)",
};
static const char *const scale_names[PREP_SCALE_COUNT] = {
    "none", "standard", "minmax",
};

const char *prep_feature_name(int i)
{
    return (i >= 0 && i < PREP_FEATURE_COUNT) ? feature_names[i] : "?";
}

bool prep_features_parse(const char *list, unsigned *out, char *err,
                         size_t errlen)
{
    unsigned bits = 0;
    const char *p = list ? list : "";
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int found = -1;
        for (int i = 0; i < PREP_FEATURE_COUNT; i++)
            if (strlen(feature_names[i]) == len &&
                strncmp(p, feature_names[i], len) == 0)
                found = i;
        if (found < 0 && len > 0) {
            snprintf(err, errlen,
                     "unknown feature '%.*s' (known: x1^2, x2^2, x1*x2, "
                     "sin(x1), sin(x2))",
                     (int)(len > 40 ? 40 : len), p);
            return false;
        }
        if (found >= 0)
            bits |= 1u << found;
        p += len;
        if (*p == ',')
            p++;
    }
    *out = bits;
    return true;
}

const char *prep_scale_name(prep_scale s)
{
    return (s >= 0 && s < PREP_SCALE_COUNT) ? scale_names[s] : "?";
}

bool prep_scale_from_name(const char *name, prep_scale *out)
{
    for (int i = 0; i < PREP_SCALE_COUNT; i++)
        if (strcmp(name, scale_names[i]) == 0) {
            *out = (prep_scale)i;
            return true;
        }
    return false;
}

/* Unscaled inputs of one raw row. */
static void derive(const prep_pipeline *p, const double *raw, double *in)
{
    int k = p->n_raw;
    memcpy(in, raw, (size_t)p->n_raw * sizeof *in);
    if (!p->features)
        return;
    double x1 = raw[0], x2 = raw[1];
    if (p->features & PREP_X1SQ)
        in[k++] = x1 * x1;
    if (p->features & PREP_X2SQ)
        in[k++] = x2 * x2;
    if (p->features & PREP_X1X2)
        in[k++] = x1 * x2;
    if (p->features & PREP_SIN1)
        in[k++] = sin(x1);
    if (p->features & PREP_SIN2)
        in[k++] = sin(x2);
}

bool prep_fit(prep_pipeline *p, const ds_dataset *d, unsigned features,
              prep_scale scale, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    features &= (1u << PREP_FEATURE_COUNT) - 1;
    if (features && d->n_features != 2) {
        snprintf(err, errlen,
                 "derived features need 2D data; '%s' has %d features",
                 d->name, d->n_features);
        return false;
    }
    p->n_raw = d->n_features;
    p->features = features;
    p->scale = scale;
    p->n_in = d->n_features;
    for (int f = 0; f < d->n_features; f++)
        snprintf(p->names[f], sizeof p->names[f], "%s", d->feature_names[f]);
    for (int i = 0; i < PREP_FEATURE_COUNT; i++)
        if (features & (1u << i))
            snprintf(p->names[p->n_in++], sizeof p->names[0], "%s",
                     feature_names[i]);
    for (int j = 0; j < p->n_in; j++) {
        p->shift[j] = 0;
        p->mult[j] = 1;
    }
    if (scale == PREP_SCALE_NONE || d->n_train == 0)
        return true;

    double in[PREP_MAX_INPUTS];
    double sum[PREP_MAX_INPUTS] = {0}, sq[PREP_MAX_INPUTS] = {0};
    double lo[PREP_MAX_INPUTS], hi[PREP_MAX_INPUTS];
    for (int j = 0; j < p->n_in; j++) {
        lo[j] = INFINITY;
        hi[j] = -INFINITY;
    }
    int n = d->n_train;
    for (int r = 0; r < n; r++) {
        derive(p, d->x + (size_t)r * d->n_features, in);
        for (int j = 0; j < p->n_in; j++) {
            sum[j] += in[j];
            lo[j] = in[j] < lo[j] ? in[j] : lo[j];
            hi[j] = in[j] > hi[j] ? in[j] : hi[j];
        }
    }
    if (scale == PREP_SCALE_STANDARD) {
        for (int r = 0; r < n; r++) {
            derive(p, d->x + (size_t)r * d->n_features, in);
            for (int j = 0; j < p->n_in; j++) {
                double dv = in[j] - sum[j] / n;
                sq[j] += dv * dv;
            }
        }
    }
    for (int j = 0; j < p->n_in; j++) {
        if (scale == PREP_SCALE_STANDARD) {
            double sd = sqrt(sq[j] / n);
            p->shift[j] = sum[j] / n;
            p->mult[j] = sd > 1e-12 ? 1.0 / sd : 1.0;
        } else {
            double range = hi[j] - lo[j];
            p->shift[j] = lo[j];
            p->mult[j] = range > 1e-12 ? 1.0 / range : 1.0;
        }
    }
    return true;
}

void prep_apply(const prep_pipeline *p, const double *raw, double *in,
                int rows)
{
    for (int r = 0; r < rows; r++) {
        double *dst = in + (size_t)r * p->n_in;
        derive(p, raw + (size_t)r * p->n_raw, dst);
        if (p->scale != PREP_SCALE_NONE)
            for (int j = 0; j < p->n_in; j++)
                dst[j] = (dst[j] - p->shift[j]) * p->mult[j];
    }
}
