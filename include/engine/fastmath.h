/* fastmath.h - the engine's SIMD kernels for the exp-based activations
 * (exp, expm1, tanh, sigmoid, elu, swish, mish and some of their
 * derivatives) and for the logarithms of the BCE loss, so act.c and loss.c
 * can run them over a block without a libm call per element. Internal to
 * the engine; act.h and loss.h are the interfaces the rest uses.
 *
 * Accuracy: within a few ulp of the correctly rounded value (relative error
 * below 1e-15 wherever the result is a normal number); NaN stays NaN, the
 * infinities give the right limits, nothing overflows on the way.
 * Determinism: every instruction-set path performs the same IEEE operations
 * in the same order on each element (no fused multiply-add), so the results
 * are bit-identical whatever the path, the block size or the position of an
 * element in the block. */
#ifndef MLPVIZ_ENGINE_FASTMATH_H
#define MLPVIZ_ENGINE_FASTMATH_H

#include <stdbool.h>
#include <stddef.h>

/* y = f(x) element-wise. */
typedef enum {
    FASTMATH_EXP,     /* e^x */
    FASTMATH_EXPM1,   /* e^x - 1 */
    FASTMATH_TANH,
    FASTMATH_SIGMOID, /* 1 / (1 + e^-x) */
    FASTMATH_ELU,     /* x if x > 0 else e^x - 1 */
    FASTMATH_SWISH,   /* x * sigmoid(x) */
    FASTMATH_MISH,    /* x * tanh(log(1 + e^x)) */
    FASTMATH_LOG,     /* log x: -Inf at 0, NaN below */
    FASTMATH_LOG1P,   /* log(1 + x), accurate near 0 */
    FASTMATH_MAP_COUNT
} fastmath_map_kind;

/* dz = da * f'(z) element-wise, f' written as PyTorch's backward does. */
typedef enum {
    FASTMATH_GRAD_ELU,        /* 1 if z > 0 else e^z */
    FASTMATH_GRAD_SOFTPLUS,   /* 1 if z > 20 else sigmoid(z) */
    FASTMATH_GRAD_LOGSIGMOID, /* sigmoid(-z) */
    FASTMATH_GRAD_SWISH,      /* s * (1 + z * (1 - s)), s = sigmoid(z) */
    FASTMATH_GRAD_MISH,       /* t + z * s * (1 - t^2), t = tanh(softplus z) */
    FASTMATH_GRAD_COUNT
} fastmath_grad_kind;

/* Instruction-set paths. AUTO takes the widest one the CPU offers; the
 * others exist so that tests and benchmarks can compare them. */
typedef enum {
    FASTMATH_ISA_AUTO,
    FASTMATH_ISA_GENERIC, /* 2 lanes: SSE2 on x86-64, NEON on arm64 */
    FASTMATH_ISA_AVX2,    /* 4 lanes, x86 only */
    FASTMATH_ISA_AVX512,  /* 8 lanes, x86 only */
    FASTMATH_ISA_COUNT
} fastmath_isa;

bool fastmath_isa_available(fastmath_isa isa);
/* The path AUTO resolves to on this machine (never AUTO itself). */
fastmath_isa fastmath_isa_best(void);
const char *fastmath_isa_name(fastmath_isa isa);

/* Block forms. y may alias x; dz may alias da. An unavailable isa is taken
 * as AUTO. A block takes full vectors of the isa asked for and runs what is
 * left over on the narrower paths (the bits are the same). */
void fastmath_map(fastmath_map_kind f, fastmath_isa isa, double *y,
                  const double *x, size_t n);
void fastmath_grad(fastmath_grad_kind g, fastmath_isa isa, double *dz,
                   const double *da, const double *z, size_t n);

/* Scalar forms: the same arithmetic, one element. */
double fastmath_exp(double x);
double fastmath_expm1(double x);
double fastmath_tanh(double x);
double fastmath_log(double x);
double fastmath_log1p(double x);

/* Binary cross-entropy terms with PyTorch's floors (t may alias p or y):
 *   t[i] = (y[i] - 1) * max(log1p(-p[i]), -100) - y[i] * max(log(p[i]), -100)
 * (a NaN goes through the max), and the same for one element. */
void fastmath_bce(fastmath_isa isa, double *t, const double *p,
                  const double *y, size_t n);
double fastmath_bce_term(double p, double y);
/* The sum of those terms in index order, from +0: the bits of loss_row's
 * sum row by row for one output column. */
double fastmath_bce_sum(fastmath_isa isa, const double *p, const double *y,
                        size_t n);

#endif
