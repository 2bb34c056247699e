/* act.h - activation functions, each paired explicitly with its derivative.
 * Batched forms work on row-major [rows][cols] blocks so that softmax (the
 * one activation that is not element-wise) fits the same interface.
 * Numerically stable: sigmoid, softplus and logsigmoid never overflow. */
#ifndef MLPVIZ_ENGINE_ACT_H
#define MLPVIZ_ENGINE_ACT_H

#include <stdbool.h>

typedef enum {
    ACT_LINEAR,
    ACT_STEP,        /* 1 if z >= 0 else 0; derivative taken as 0 */
    ACT_SIGMOID,
    ACT_TANH,
    ACT_RELU,        /* derivative 0 at z = 0, as in PyTorch */
    ACT_LEAKY_RELU,  /* slope 0.01 below zero */
    ACT_ELU,         /* alpha 1 */
    ACT_SOFTPLUS,    /* log(1 + e^z) */
    ACT_SOFTSIGN,    /* z / (1 + |z|) */
    ACT_LOGSIGMOID,  /* log(sigmoid(z)) */
    ACT_SWISH,       /* z * sigmoid(z) */
    ACT_MISH,        /* z * tanh(softplus(z)) */
    ACT_SINC,        /* sin(z) / z, 1 at z = 0 */
    ACT_SOFTMAX,     /* output layer only: row-wise softmax */
    ACT_COUNT
} act_kind;

/* The thirteen element-wise activations are 0 .. ACT_ELEMENTWISE_COUNT-1. */
#define ACT_ELEMENTWISE_COUNT 13

typedef struct {
    const char *name;       /* command-line and file name: "leaky_relu" */
    const char *title;      /* display name: "Leaky ReLU" */
    const char *formula;    /* "max(0.01z, z)" */
    const char *derivative; /* "1 if z > 0 else 0.01" */
    const char *note;       /* one line: where it is used, its known trouble */
    double lo, hi;          /* display range of the output on z in [-4, 4] */
} act_info;

const act_info *act_get_info(act_kind k);
const char *act_name(act_kind k);
/* Parses a name as written by act_name (a few aliases are accepted:
 * "leaky", "leakyrelu", "silu"). Returns false for an unknown name. */
bool act_from_name(const char *name, act_kind *out);

/* Scalar value and derivative, for plots, the inspector and tests.
 * For ACT_SOFTMAX the scalar forms treat z as a lone logit (value 1,
 * derivative 0). */
double act_value(act_kind k, double z);
double act_derivative(act_kind k, double z);

/* a[r][c] = f(z[r][c]) over rows x cols. a may alias z. */
void act_forward(act_kind k, double *a, const double *z, int rows, int cols);
/* dz = dL/dz from da = dL/da, given the forward's z and a: dz = da * f'(z)
 * element-wise; for softmax the Jacobian-vector product per row.
 * dz may alias da. */
void act_backward(act_kind k, double *dz, const double *da, const double *z,
                  const double *a, int rows, int cols);

#endif
