/* fastmath.h - exp, expm1, tanh and sigmoid for the engine's hot loops, as
 * branch-free arithmetic on a small vector of doubles with no libm call, so
 * that a loop over a block runs several lanes at a time in SIMD registers.
 * Internal to the engine (act.c and its tests); not a general libm.
 *
 * Accuracy: a few ulp of the correctly rounded value (relative error well
 * below 1e-15 wherever the result is a normal number); NaN stays NaN and the
 * infinities give the right limits. Every lane performs exactly the IEEE
 * operations a scalar would, so a result never depends on the vector width
 * or on where an element sits in a block: runs are bit-identical.
 *
 * The method: x = k*ln2 + r with |r| <= ln2/2 (k found with the 1.5*2^52
 * rounding trick, ln2 split in two parts), expm1(r) from a degree-12
 * polynomial fitted on [-0.35, 0.35] (relative error < 3e-18 before
 * rounding), and 2^k built in the exponent bits, in two factors where
 * 2^k alone would leave the normal range. */
#ifndef MLPVIZ_ENGINE_FASTMATH_H
#define MLPVIZ_ENGINE_FASTMATH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if (defined(__GNUC__) || defined(__clang__)) && !defined(FASTMATH_NO_VECTOR)
/* GCC/Clang vector extensions: 16 bytes is SSE2 on x86-64 and NEON on
 * aarch64, the baseline of both, so no -m flag and no ABI warning. */
#define FASTMATH_LANES 2
typedef double fastmath_vd __attribute__((vector_size(16)));
typedef uint64_t fastmath_vu __attribute__((vector_size(16)));
static inline fastmath_vu fastmath_bits(fastmath_vd x) { return (fastmath_vu)x; }
static inline fastmath_vd fastmath_from_bits(fastmath_vu u) { return (fastmath_vd)u; }
/* comparisons give all-ones or all-zeros per lane */
#define FASTMATH_MASK(cmp) ((fastmath_vu)(cmp))
#else
/* Plain C: one lane, the same operations. */
#define FASTMATH_LANES 1
typedef double fastmath_vd;
typedef uint64_t fastmath_vu;
static inline fastmath_vu fastmath_bits(fastmath_vd x)
{
    fastmath_vu u;
    memcpy(&u, &x, sizeof u);
    return u;
}
static inline fastmath_vd fastmath_from_bits(fastmath_vu u)
{
    fastmath_vd x;
    memcpy(&x, &u, sizeof x);
    return x;
}
#define FASTMATH_MASK(cmp) ((fastmath_vu)0 - (fastmath_vu)(cmp))
#endif

/* Loads and stores of FASTMATH_LANES doubles at any alignment. */
static inline fastmath_vd fastmath_load(const double *p)
{
    fastmath_vd v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void fastmath_store(double *p, fastmath_vd v)
{
    memcpy(p, &v, sizeof v);
}
/* The last n < FASTMATH_LANES elements of a block; the unused lanes are 0. */
static inline fastmath_vd fastmath_load_part(const double *p, size_t n)
{
    double buf[FASTMATH_LANES] = {0};
    memcpy(buf, p, n * sizeof *p);
    return fastmath_load(buf);
}
static inline void fastmath_store_part(double *p, fastmath_vd v, size_t n)
{
    double buf[FASTMATH_LANES];
    fastmath_store(buf, v);
    memcpy(p, buf, n * sizeof *p);
}

/* m ? a : b per lane, m from FASTMATH_MASK. */
static inline fastmath_vd fastmath_select(fastmath_vu m, fastmath_vd a,
                                          fastmath_vd b)
{
    return fastmath_from_bits((m & fastmath_bits(a)) |
                              (~m & fastmath_bits(b)));
}

#define FASTMATH_SIGN_BIT ((uint64_t)1 << 63)

static inline fastmath_vd fastmath_abs(fastmath_vd x)
{
    return fastmath_from_bits(fastmath_bits(x) & ~FASTMATH_SIGN_BIT);
}
/* |mag| with the sign of s */
static inline fastmath_vd fastmath_copysign(fastmath_vd mag, fastmath_vd s)
{
    return fastmath_from_bits((fastmath_bits(mag) & ~FASTMATH_SIGN_BIT) |
                              (fastmath_bits(s) & FASTMATH_SIGN_BIT));
}
/* Clamp into [lo, hi]; a NaN passes through unchanged. */
static inline fastmath_vd fastmath_clamp(fastmath_vd x, double lo, double hi)
{
    x = fastmath_select(FASTMATH_MASK(x < lo), x - x + lo, x);
    return fastmath_select(FASTMATH_MASK(x > hi), x - x + hi, x);
}

/* 2^k for integer k in [-1022, 1023], k given as a double (exact integer). */
static inline fastmath_vd fastmath_pow2_(fastmath_vu k)
{
    return fastmath_from_bits((k + 1023u) << 52);
}

/* x = k*ln2 + r: r returned, k as an integer (wrapping unsigned) and as a
 * double. Needs |x| < 2^50; callers clamp first. */
static inline fastmath_vd fastmath_reduce_(fastmath_vd x, fastmath_vu *k,
                                           fastmath_vd *kd)
{
    const double shift = 0x1.8p52;
    fastmath_vd t = x * 0x1.71547652b82fep0 + shift;
    *kd = t - shift;
    *k = fastmath_bits(t) - fastmath_bits(t - t + shift);
    return (x - *kd * 0x1.62e42feep-1) - *kd * 0x1.a39ef35793c76p-33;
}

/* expm1(r) for |r| <= 0.35. */
static inline fastmath_vd fastmath_expm1_poly_(fastmath_vd r)
{
    fastmath_vd p = r * 0x1.1f6942ca28386p-29 + 0x1.af3cd7b3560d9p-26;
    p = p * r + 0x1.27e4e0f0f6358p-22;
    p = p * r + 0x1.71de0be80e7e8p-19;
    p = p * r + 0x1.a01a01a4be7f8p-16;
    p = p * r + 0x1.a01a01a83a3a3p-13;
    p = p * r + 0x1.6c16c16c1678ap-10;
    p = p * r + 0x1.111111111091ap-7;
    p = p * r + 0x1.5555555555555p-5;
    p = p * r + 0x1.5555555555556p-3;
    p = p * r + 0.5;
    return r + (r * r) * p;
}

/* e^x over the whole double range: 0 below -745.2, +Inf above 709.8. */
static inline fastmath_vd fastmath_vexp(fastmath_vd x)
{
    fastmath_vu k;
    fastmath_vd kd;
    x = fastmath_clamp(x, -746.0, 710.0);
    fastmath_vd r = fastmath_reduce_(x, &k, &kd);
    fastmath_vd p = fastmath_expm1_poly_(r) + 1.0;
    /* 2^k = 2^(k - adj) * 2^adj with both factors normal; p * 2^(k - adj)
     * is exact, so the result is rounded once. */
    fastmath_vu adj = (FASTMATH_MASK(kd > 1000.0) & 100u) |
                      (FASTMATH_MASK(kd < -1000.0) & (uint64_t)-100);
    return p * fastmath_pow2_(k - adj) * fastmath_pow2_(adj);
}

/* e^x - 1 for |x| <= 40 only (2^k stays exact and normal). */
static inline fastmath_vd fastmath_vexpm1_small_(fastmath_vd x)
{
    fastmath_vu k;
    fastmath_vd kd;
    fastmath_vd r = fastmath_reduce_(x, &k, &kd);
    fastmath_vd q = fastmath_expm1_poly_(r);
    fastmath_vd s = fastmath_pow2_(k);
    return (s - 1.0) + s * q;
}

/* e^x - 1 over the whole double range, accurate near 0. */
static inline fastmath_vd fastmath_vexpm1(fastmath_vd x)
{
    fastmath_vu k;
    fastmath_vd kd;
    fastmath_vd xc = fastmath_clamp(x, -746.0, 710.0);
    fastmath_vd r = fastmath_reduce_(xc, &k, &kd);
    fastmath_vd q = fastmath_expm1_poly_(r);
    fastmath_vu big = FASTMATH_MASK(kd > 1000.0) | FASTMATH_MASK(kd < -1000.0);
    fastmath_vu adj = (FASTMATH_MASK(kd > 1000.0) & 100u) |
                      (FASTMATH_MASK(kd < -1000.0) & (uint64_t)-100);
    fastmath_vd s = fastmath_pow2_(k - adj);
    fastmath_vd near = (s - 1.0) + s * q;
    fastmath_vd far = (q + 1.0) * s * fastmath_pow2_(adj) - 1.0;
    return fastmath_select(big, far, near);
}

/* tanh(x) = sign(x) * e / (e + 2) with e = expm1(2|x|): no cancellation at
 * any size; |x| is clamped at 20, where tanh rounds to 1. */
static inline fastmath_vd fastmath_vtanh(fastmath_vd x)
{
    fastmath_vd ax = fastmath_clamp(fastmath_abs(x), 0.0, 20.0);
    fastmath_vd e = fastmath_vexpm1_small_(ax + ax);
    return fastmath_copysign(e / (e + 2.0), x);
}

/* 1 / (1 + e^-x), computed from e = e^-|x| so that nothing overflows:
 * 1 / (1 + e) for x >= 0 and e / (1 + e) below. */
static inline fastmath_vd fastmath_vsigmoid(fastmath_vd x)
{
    fastmath_vd e = fastmath_vexp(-fastmath_abs(x));
    fastmath_vd num = fastmath_select(FASTMATH_MASK(x >= 0.0), e - e + 1.0, e);
    return num / (e + 1.0);
}

/* Scalar forms, the same arithmetic on lane 0. */
#define FASTMATH_SCALAR_(name, vname)                                          \
    static inline double name(double x)                                        \
    {                                                                          \
        double buf[FASTMATH_LANES] = {0};                                      \
        buf[0] = x;                                                            \
        fastmath_store(buf, vname(fastmath_load(buf)));                        \
        return buf[0];                                                         \
    }
FASTMATH_SCALAR_(fastmath_exp, fastmath_vexp)
FASTMATH_SCALAR_(fastmath_expm1, fastmath_vexpm1)
FASTMATH_SCALAR_(fastmath_tanh, fastmath_vtanh)
FASTMATH_SCALAR_(fastmath_sigmoid, fastmath_vsigmoid)
#undef FASTMATH_SCALAR_

#endif
