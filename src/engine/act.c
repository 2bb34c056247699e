/* act.c - the activation functions: names and notes for the screen, scalar
 * forms for plots, and block forward/backward passes over [rows][cols].
 * Every kind has its own case in the forward switch and in the backward
 * one, with no default (the compiler flags a kind left out), so a derivative
 * can never fall back to another kind's. The exp-based kinds run on the SIMD
 * kernels of fastmath.c. Conventions are PyTorch's (float64) formulas. */
#include "engine/act.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "engine/fastmath.h"

/* PyTorch's constants */
#define ACT_LEAKY_SLOPE 0.01
#define ACT_SOFTPLUS_THRESHOLD 20.0

static const act_info act_table[ACT_COUNT] = {
    [ACT_LINEAR] = {"linear", "Linear", "z", "1",
                    "Identity: the usual output of a regression net; a stack "
                    "of linear layers is still one linear map.",
                    -4.0, 4.0},
    [ACT_STEP] = {"step", "Step", "1 if z >= 0 else 0",
                  "0 (undefined at 0)",
                  "The original perceptron's threshold; flat everywhere, so "
                  "it gives gradient descent nothing to follow.",
                  0.0, 1.0},
    [ACT_SIGMOID] = {"sigmoid", "Sigmoid", "1 / (1 + e^-z)",
                     "s (1 - s), s = sigmoid(z)",
                     "Squashes to (0, 1), fit for a probability output; its "
                     "slope is at most 0.25, so deep stacks lose gradient.",
                     0.0, 1.0},
    [ACT_TANH] = {"tanh", "Tanh", "(e^z - e^-z) / (e^z + e^-z)",
                  "1 - tanh(z)^2",
                  "A zero-centred sigmoid with range (-1, 1); trains faster "
                  "than sigmoid but still saturates for large |z|.",
                  -1.0, 1.0},
    [ACT_RELU] = {"relu", "ReLU", "max(0, z)", "1 if z > 0 else 0",
                  "The cheap default for hidden layers; a unit stuck at "
                  "negative z gets no gradient and may never recover.",
                  0.0, 4.0},
    [ACT_LEAKY_RELU] = {"leaky_relu", "Leaky ReLU", "max(0.01z, z)",
                        "1 if z > 0 else 0.01",
                        "ReLU with a small slope below zero, so no unit dies; "
                        "the 0.01 is a guess that rarely matters.",
                        -0.04, 4.0},
    [ACT_ELU] = {"elu", "ELU", "z if z > 0 else e^z - 1",
                 "1 if z > 0 else e^z",
                 "Smooth below zero and bounded by -1, keeping mean outputs "
                 "near 0; costs an exponential, flat for very negative z.",
                 -1.0, 4.0},
    [ACT_SOFTPLUS] = {"softplus", "Softplus", "log(1 + e^z)", "sigmoid(z)",
                      "A smooth ReLU whose slope is never 0, hence never "
                      "sparse; taken as z above 20, like PyTorch.",
                      0.0, 4.02},
    [ACT_SOFTSIGN] = {"softsign", "Softsign", "z / (1 + |z|)",
                      "1 / (1 + |z|)^2",
                      "Tanh-like but reaches +-1 only polynomially, so it "
                      "saturates more gently; gradients still fade far out.",
                      -0.8, 0.8},
    [ACT_LOGSIGMOID] = {"logsigmoid", "Log-sigmoid", "log(1 / (1 + e^-z))",
                        "1 - sigmoid(z)",
                        "Always negative, unbounded below; appears inside "
                        "log-likelihood losses; computed as -softplus(-z).",
                        -4.02, 0.0},
    [ACT_SWISH] = {"swish", "Swish (SiLU)", "z * sigmoid(z)",
                   "s + z s (1 - s), s = sigmoid(z)",
                   "Self-gated, smooth and slightly non-monotonic; a common "
                   "choice in large modern nets, dearer than ReLU.",
                   -0.28, 3.93},
    [ACT_MISH] = {"mish", "Mish", "z * tanh(softplus(z))",
                  "t + z sigmoid(z) (1 - t^2), t = tanh(softplus(z))",
                  "Close kin of swish, smooth with a small negative dip; "
                  "found in some detectors; the costliest of the set.",
                  -0.31, 4.0},
    [ACT_SINC] = {"sinc", "Sinc", "sin(z) / z, 1 at z = 0",
                  "(cos z - sinc z) / z, 0 at z = 0",
                  "Oscillates and is not monotonic; rare in practice: many "
                  "flat points and sign changes make training erratic.",
                  -0.19, 1.0},
    [ACT_SOFTMAX] = {"softmax", "Softmax", "e^z_i / sum_j e^z_j",
                     "s_i (delta_ij - s_j)",
                     "Turns a row of scores into probabilities summing to 1; "
                     "the multi-class output, paired with cross-entropy.",
                     0.0, 1.0},
};

static const struct {
    const char *alias;
    act_kind kind;
} act_aliases[] = {
    {"leaky", ACT_LEAKY_RELU},      {"leakyrelu", ACT_LEAKY_RELU},
    {"silu", ACT_SWISH},            {"identity", ACT_LINEAR},
    {"log_sigmoid", ACT_LOGSIGMOID},
};

const act_info *act_get_info(act_kind k)
{
    if ((unsigned)k >= ACT_COUNT)
        return NULL;
    return &act_table[k];
}

const char *act_name(act_kind k)
{
    const act_info *info = act_get_info(k);
    return info ? info->name : "unknown";
}

/* ASCII, case-insensitive, '-' taken as '_' */
static bool act_name_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (ca == '-')
            ca = '_';
        if (cb == '-')
            cb = '_';
        if (ca != cb)
            return false;
        if (ca == '\0')
            return true;
    }
}

bool act_from_name(const char *name, act_kind *out)
{
    if (!name)
        return false;
    for (int k = 0; k < ACT_COUNT; k++) {
        if (act_name_eq(name, act_table[k].name)) {
            if (out)
                *out = (act_kind)k;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof act_aliases / sizeof act_aliases[0]; i++) {
        if (act_name_eq(name, act_aliases[i].alias)) {
            if (out)
                *out = act_aliases[i].kind;
            return true;
        }
    }
    return false;
}

/* Elements in a block; 0 for an empty or nonsensical shape. */
static size_t act_size(int rows, int cols)
{
    if (rows <= 0 || cols <= 0)
        return 0;
    return (size_t)rows * (size_t)cols;
}

/* d/dz sin(z)/z. Below |z| = 1 the odd series
 * sum_{n>=1} (-1)^n 2n z^(2n-1) / (2n+1)! (truncated after z^17, error
 * < 1e-18) avoids the cancellation of cos z - sinc z. */
static double act_sinc_slope(double z)
{
    if (isinf(z))
        return 0.0;
    if (fabs(z) < 1.0) {
        static const double c[] = {
            -1.0 / 3.0,          1.0 / 30.0,           -1.0 / 840.0,
            1.0 / 45360.0,       -1.0 / 3991680.0,     1.0 / 518918400.0,
            -1.0 / 93405312000.0, 1.0 / 22230464256000.0,
            -1.0 / 6758061133824000.0,
        };
        double z2 = z * z, p = 0.0;
        for (int i = (int)(sizeof c / sizeof c[0]) - 1; i >= 0; i--)
            p = p * z2 + c[i];
        return p * z;
    }
    return (cos(z) - sin(z) / z) / z;
}

static void act_softmax_rows(double *a, const double *z, int rows, int cols)
{
    for (int r = 0; r < rows; r++) {
        const double *zr = z + (size_t)r * (size_t)cols;
        double *ar = a + (size_t)r * (size_t)cols;
        double m = zr[0];
        for (int j = 1; j < cols; j++)
            if (zr[j] > m)
                m = zr[j];
        for (int j = 0; j < cols; j++)
            ar[j] = zr[j] - m;
        fastmath_map(FASTMATH_EXP, FASTMATH_ISA_AUTO, ar, ar, (size_t)cols);
        double s = 0.0;
        for (int j = 0; j < cols; j++)
            s += ar[j];
        for (int j = 0; j < cols; j++)
            ar[j] /= s;
    }
}

void act_forward(act_kind k, double *a, const double *z, int rows, int cols)
{
    size_t n = act_size(rows, cols);
    switch (k) {
    case ACT_LINEAR:
        if (a != z)
            memmove(a, z, n * sizeof *a);
        return;
    case ACT_STEP: /* NaN stays NaN */
        for (size_t i = 0; i < n; i++)
            a[i] = z[i] >= 0.0 ? 1.0 : z[i] < 0.0 ? 0.0 : z[i];
        return;
    case ACT_SIGMOID:
        fastmath_map(FASTMATH_SIGMOID, FASTMATH_ISA_AUTO, a, z, n);
        return;
    case ACT_TANH:
        fastmath_map(FASTMATH_TANH, FASTMATH_ISA_AUTO, a, z, n);
        return;
    case ACT_RELU:
        for (size_t i = 0; i < n; i++)
            a[i] = z[i] <= 0.0 ? 0.0 : z[i];
        return;
    case ACT_LEAKY_RELU:
        for (size_t i = 0; i < n; i++)
            a[i] = z[i] > 0.0 ? z[i] : z[i] * ACT_LEAKY_SLOPE;
        return;
    case ACT_ELU:
        fastmath_map(FASTMATH_ELU, FASTMATH_ISA_AUTO, a, z, n);
        return;
    case ACT_SOFTPLUS:
        for (size_t i = 0; i < n; i++)
            a[i] = z[i] > ACT_SOFTPLUS_THRESHOLD ? z[i] : log1p(exp(z[i]));
        return;
    case ACT_SOFTSIGN:
        for (size_t i = 0; i < n; i++) {
            /* past 1e300 the value is +-1 anyway; this keeps Inf/Inf out */
            double x = z[i] > 1e300 ? 1e300 : z[i] < -1e300 ? -1e300 : z[i];
            a[i] = x / (1.0 + fabs(x));
        }
        return;
    case ACT_LOGSIGMOID: /* min(z, 0) - log1p(e^-|z|), as PyTorch */
        for (size_t i = 0; i < n; i++)
            a[i] = (z[i] < 0.0 ? z[i] : 0.0) - log1p(exp(-fabs(z[i])));
        return;
    case ACT_SWISH:
        fastmath_map(FASTMATH_SWISH, FASTMATH_ISA_AUTO, a, z, n);
        return;
    case ACT_MISH:
        fastmath_map(FASTMATH_MISH, FASTMATH_ISA_AUTO, a, z, n);
        return;
    case ACT_SINC:
        for (size_t i = 0; i < n; i++)
            a[i] = z[i] == 0.0 ? 1.0 : isinf(z[i]) ? 0.0 : sin(z[i]) / z[i];
        return;
    case ACT_SOFTMAX:
        if (n)
            act_softmax_rows(a, z, rows, cols);
        return;
    case ACT_COUNT:
        break;
    }
    for (size_t i = 0; i < n; i++) /* unknown kind: make it visible */
        a[i] = NAN;
}

void act_backward(act_kind k, double *dz, const double *da, const double *z,
                  const double *a, int rows, int cols)
{
    size_t n = act_size(rows, cols);
    switch (k) {
    case ACT_LINEAR:
        if (dz != da)
            memmove(dz, da, n * sizeof *dz);
        return;
    case ACT_STEP:
        for (size_t i = 0; i < n; i++)
            dz[i] = 0.0;
        return;
    case ACT_SIGMOID: /* from the output, as PyTorch */
        for (size_t i = 0; i < n; i++)
            dz[i] = da[i] * (1.0 - a[i]) * a[i];
        return;
    case ACT_TANH:
        for (size_t i = 0; i < n; i++)
            dz[i] = da[i] * (1.0 - a[i] * a[i]);
        return;
    case ACT_RELU: /* 0 at z = 0 */
        for (size_t i = 0; i < n; i++)
            dz[i] = z[i] <= 0.0 ? 0.0 : da[i];
        return;
    case ACT_LEAKY_RELU: /* 0.01 at z = 0 */
        for (size_t i = 0; i < n; i++)
            dz[i] = z[i] > 0.0 ? da[i] : da[i] * ACT_LEAKY_SLOPE;
        return;
    case ACT_ELU:
        fastmath_grad(FASTMATH_GRAD_ELU, FASTMATH_ISA_AUTO, dz, da, z, n);
        return;
    case ACT_SOFTPLUS:
        fastmath_grad(FASTMATH_GRAD_SOFTPLUS, FASTMATH_ISA_AUTO, dz, da, z, n);
        return;
    case ACT_SOFTSIGN:
        for (size_t i = 0; i < n; i++) {
            double d = 1.0 + fabs(z[i]);
            dz[i] = da[i] / (d * d);
        }
        return;
    case ACT_LOGSIGMOID:
        fastmath_grad(FASTMATH_GRAD_LOGSIGMOID, FASTMATH_ISA_AUTO, dz, da, z,
                      n);
        return;
    case ACT_SWISH:
        fastmath_grad(FASTMATH_GRAD_SWISH, FASTMATH_ISA_AUTO, dz, da, z, n);
        return;
    case ACT_MISH:
        fastmath_grad(FASTMATH_GRAD_MISH, FASTMATH_ISA_AUTO, dz, da, z, n);
        return;
    case ACT_SINC:
        for (size_t i = 0; i < n; i++)
            dz[i] = da[i] * act_sinc_slope(z[i]);
        return;
    case ACT_SOFTMAX: /* dz_j = a_j (da_j - sum_k da_k a_k), per row */
        for (int r = 0; r < rows && n; r++) {
            size_t off = (size_t)r * (size_t)cols;
            double dot = 0.0;
            for (int j = 0; j < cols; j++)
                dot += da[off + j] * a[off + j];
            for (int j = 0; j < cols; j++)
                dz[off + j] = a[off + j] * (da[off + j] - dot);
        }
        return;
    case ACT_COUNT:
        break;
    }
    for (size_t i = 0; i < n; i++)
        dz[i] = NAN;
}

double act_value(act_kind k, double z)
{
    if (k == ACT_SOFTMAX) /* a lone logit */
        return 1.0;
    double a;
    act_forward(k, &a, &z, 1, 1);
    return a;
}

double act_derivative(act_kind k, double z)
{
    if (k == ACT_SOFTMAX)
        return 0.0;
    double a = act_value(k, z), one = 1.0, d;
    act_backward(k, &d, &one, &z, &a, 1, 1);
    return d;
}
