/* fastmath.c - branch-free exp, expm1, tanh, sigmoid, log and log1p on
 * vectors of doubles, and the activation and BCE kernels built on them, with
 * one copy of the code per instruction set (2, 4 or 8 lanes) chosen at run
 * time. Not a general libm: only what act.c and loss.c need, checked against
 * libm by tests. kernels.c includes the element kernels (the template with
 * FASTMATH_CORE_ONLY) to use them inside its own loops.
 *
 * Method: x = k*ln2 + r with |r| <= ln2/2 (k from the 1.5*2^52 rounding
 * trick, ln2 in two parts), expm1(r) from a degree-12 polynomial fitted on
 * [-0.35, 0.35] (relative error < 3e-18 before rounding, evaluated in
 * Estrin's scheme for a short dependency chain), 2^k built in the exponent
 * bits, in two factors where 2^k alone would leave the normal range.
 * tanh(x) = sign(x) * e / (e + 2) with e = expm1(2|x|): no cancellation at
 * any size. sigmoid from e = exp(-|x|): 1 / (1 + e) or e / (1 + e).
 * log: fdlibm's method (see FM_(log_core)), log1p from it with a correction
 * for the rounding of 1 + x; both within 1 ulp of glibc.
 *
 * The kernels are written once, below the "template" line, and this file
 * includes itself to instantiate them for each vector width: GCC and Clang
 * vector extensions, so no intrinsics and no -m flag; the wider copies carry
 * a target attribute and run only where __builtin_cpu_supports says so. */
#ifndef FASTMATH_TEMPLATE

#include "engine/fastmath.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* No fused multiply-add anywhere: the paths must give identical bits. GCC
 * does not contract in ISO C mode (-std=c11); Clang needs telling. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#if (defined(__GNUC__) || defined(__clang__)) && !defined(FASTMATH_NO_VECTOR)
#define FASTMATH_VECTOR 1
#if defined(__x86_64__) || defined(__i386__)
#define FASTMATH_X86 1
#endif
#endif

/* The generic copy: 2 lanes, or plain doubles for a compiler without
 * vector extensions. */
#define FM_(name) fm_##name##_generic
#define FM_ATTR
#ifdef FASTMATH_VECTOR
#define FM_LANES 2
typedef double fm_vd2 __attribute__((vector_size(16)));
typedef uint64_t fm_vu2 __attribute__((vector_size(16)));
#define FM_VD fm_vd2
#define FM_VU fm_vu2
#else
#define FM_LANES 1
#define FM_SCALAR 1
#define FM_VD double
#define FM_VU uint64_t
#endif
#define FASTMATH_TEMPLATE
#include "fastmath.c"
#undef FASTMATH_TEMPLATE
#undef FM_
#undef FM_ATTR
#undef FM_LANES
#undef FM_VD
#undef FM_VU
#undef FM_SCALAR

#ifdef FASTMATH_X86
#define FM_(name) fm_##name##_avx2
#define FM_ATTR __attribute__((target("avx2")))
#define FM_LANES 4
typedef double fm_vd4 __attribute__((vector_size(32)));
typedef uint64_t fm_vu4 __attribute__((vector_size(32)));
#define FM_VD fm_vd4
#define FM_VU fm_vu4
#define FASTMATH_TEMPLATE
#include "fastmath.c"
#undef FASTMATH_TEMPLATE
#undef FM_
#undef FM_ATTR
#undef FM_LANES
#undef FM_VD
#undef FM_VU

#define FM_(name) fm_##name##_avx512
#define FM_ATTR __attribute__((target("avx512f")))
#define FM_LANES 8
typedef double fm_vd8 __attribute__((vector_size(64)));
typedef uint64_t fm_vu8 __attribute__((vector_size(64)));
#define FM_VD fm_vd8
#define FM_VU fm_vu8
#define FASTMATH_TEMPLATE
#include "fastmath.c"
#undef FASTMATH_TEMPLATE
#undef FM_
#undef FM_ATTR
#undef FM_LANES
#undef FM_VD
#undef FM_VU
#endif

bool fastmath_isa_available(fastmath_isa isa)
{
    switch (isa) {
    case FASTMATH_ISA_AUTO:
    case FASTMATH_ISA_GENERIC:
        return true;
    case FASTMATH_ISA_AVX2:
#ifdef FASTMATH_X86
        return __builtin_cpu_supports("avx2");
#else
        return false;
#endif
    case FASTMATH_ISA_AVX512:
#ifdef FASTMATH_X86
        return __builtin_cpu_supports("avx512f");
#else
        return false;
#endif
    case FASTMATH_ISA_COUNT:
        break;
    }
    return false;
}

fastmath_isa fastmath_isa_best(void)
{
    if (fastmath_isa_available(FASTMATH_ISA_AVX512))
        return FASTMATH_ISA_AVX512;
    if (fastmath_isa_available(FASTMATH_ISA_AVX2))
        return FASTMATH_ISA_AVX2;
    return FASTMATH_ISA_GENERIC;
}

const char *fastmath_isa_name(fastmath_isa isa)
{
    switch (isa) {
    case FASTMATH_ISA_AUTO: return "auto";
    case FASTMATH_ISA_GENERIC: return "generic";
    case FASTMATH_ISA_AVX2: return "avx2";
    case FASTMATH_ISA_AVX512: return "avx512";
    case FASTMATH_ISA_COUNT: break;
    }
    return "unknown";
}

/* The widest path, found once: the CPU does not change under us. */
static fastmath_isa fastmath_best_cached(void)
{
    static _Atomic int best; /* 0: not known yet, else the isa */
    int b = atomic_load_explicit(&best, memory_order_relaxed);
    if (!b) {
        b = (int)fastmath_isa_best();
        atomic_store_explicit(&best, b, memory_order_relaxed);
    }
    return (fastmath_isa)b;
}

static fastmath_isa fastmath_resolve(fastmath_isa isa)
{
    if (isa == FASTMATH_ISA_AUTO || !fastmath_isa_available(isa))
        return fastmath_best_cached();
    return isa;
}

/* A block runs on the widest path that fits it: full vectors on the path
 * asked for, what is left over on the narrower ones (all paths give the
 * same bits), so a short block such as a network's four outputs takes one
 * 4-lane vector instead of a padded 8-lane one. FM_SPLIT(width, call)
 * runs `call` on the longest prefix of n that is a multiple of width and
 * moves past it (every pointer in ptrs, advanced by the same count). */
#define FM_SPLIT(width, call, ...)                                             \
    do {                                                                       \
        size_t m_ = n & ~(size_t)((width) - 1);                                \
        if (m_) {                                                              \
            call;                                                              \
            FM_ADVANCE(m_, __VA_ARGS__);                                       \
            n -= m_;                                                           \
        }                                                                      \
    } while (0)
#define FM_ADVANCE2(m, a, b) ((a) += (m), (b) += (m))
#define FM_ADVANCE3(m, a, b, c) ((a) += (m), (b) += (m), (c) += (m))

void fastmath_map(fastmath_map_kind f, fastmath_isa isa, double *y,
                  const double *x, size_t n)
{
#define FM_ADVANCE FM_ADVANCE2
    fastmath_isa p = fastmath_resolve(isa);
    (void)p;
#ifdef FASTMATH_X86
    if (p == FASTMATH_ISA_AVX512)
        FM_SPLIT(8, fm_map_avx512(f, y, x, m_), y, x);
    if (p == FASTMATH_ISA_AVX512 || p == FASTMATH_ISA_AVX2)
        FM_SPLIT(4, fm_map_avx2(f, y, x, m_), y, x);
#endif
    if (n)
        fm_map_generic(f, y, x, n);
#undef FM_ADVANCE
}

void fastmath_grad(fastmath_grad_kind g, fastmath_isa isa, double *dz,
                   const double *da, const double *z, size_t n)
{
#define FM_ADVANCE FM_ADVANCE3
    fastmath_isa p = fastmath_resolve(isa);
    (void)p;
#ifdef FASTMATH_X86
    if (p == FASTMATH_ISA_AVX512)
        FM_SPLIT(8, fm_grad_avx512(g, dz, da, z, m_), dz, da, z);
    if (p == FASTMATH_ISA_AVX512 || p == FASTMATH_ISA_AVX2)
        FM_SPLIT(4, fm_grad_avx2(g, dz, da, z, m_), dz, da, z);
#endif
    if (n)
        fm_grad_generic(g, dz, da, z, n);
#undef FM_ADVANCE
}

void fastmath_bce(fastmath_isa isa, double *t, const double *p,
                  const double *y, size_t n)
{
#define FM_ADVANCE FM_ADVANCE3
    fastmath_isa w = fastmath_resolve(isa);
    (void)w;
#ifdef FASTMATH_X86
    if (w == FASTMATH_ISA_AVX512)
        FM_SPLIT(8, fm_bce_terms_avx512(t, p, y, m_), t, p, y);
    if (w == FASTMATH_ISA_AVX512 || w == FASTMATH_ISA_AVX2)
        FM_SPLIT(4, fm_bce_terms_avx2(t, p, y, m_), t, p, y);
#endif
    if (n)
        fm_bce_terms_generic(t, p, y, n);
#undef FM_ADVANCE
}

double fastmath_bce_sum(fastmath_isa isa, const double *p, const double *y,
                        size_t n)
{
    double s = 0.0;
#define FM_ADVANCE FM_ADVANCE2
    fastmath_isa w = fastmath_resolve(isa);
    (void)w;
#ifdef FASTMATH_X86
    if (w == FASTMATH_ISA_AVX512)
        FM_SPLIT(8, s = fm_bce_sum_avx512(s, p, y, m_), p, y);
    if (w == FASTMATH_ISA_AVX512 || w == FASTMATH_ISA_AVX2)
        FM_SPLIT(4, s = fm_bce_sum_avx2(s, p, y, m_), p, y);
#endif
    if (n)
        s = fm_bce_sum_generic(s, p, y, n);
#undef FM_ADVANCE
    return s;
}

#undef FM_SPLIT
#undef FM_ADVANCE2
#undef FM_ADVANCE3

/* The scalar forms take the generic path: the same bits as any other. */
double fastmath_exp(double x)
{
    fm_map_generic(FASTMATH_EXP, &x, &x, 1);
    return x;
}

double fastmath_expm1(double x)
{
    fm_map_generic(FASTMATH_EXPM1, &x, &x, 1);
    return x;
}

double fastmath_tanh(double x)
{
    fm_map_generic(FASTMATH_TANH, &x, &x, 1);
    return x;
}

double fastmath_log(double x)
{
    fm_map_generic(FASTMATH_LOG, &x, &x, 1);
    return x;
}

double fastmath_log1p(double x)
{
    fm_map_generic(FASTMATH_LOG1P, &x, &x, 1);
    return x;
}

double fastmath_bce_term(double p, double y)
{
    double t;
    fm_bce_terms_generic(&t, &p, &y, 1);
    return t;
}

#else /* ---------------- template: one copy per vector width -------------- */

/* The template needs FM_(name), FM_ATTR, FM_LANES, FM_VD (FM_LANES doubles),
 * FM_VU (as many uint64_t) and, for plain doubles, FM_SCALAR. With
 * FASTMATH_CORE_ONLY it gives only the inline element kernels (exp, tanh,
 * sigmoid, log, ...), for kernels.c to use inside its own loops: the same
 * operations, so the same bits. */
#ifndef FASTMATH_CORE_DEFS
#define FASTMATH_CORE_DEFS
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FASTMATH_SIGN_BIT ((uint64_t)1 << 63)

/* The kernels are small functions composed into larger ones; GCC would
 * otherwise keep exp out of line and lose the loop's scheduling. */
#if defined(__GNUC__) || defined(__clang__)
#define FM_INLINE static inline __attribute__((always_inline))
#else
#define FM_INLINE static inline
#endif

/* exp(x) is 0 below this and +Inf above that; the clamps keep the reduction
 * in range and let infinities through as limits. */
#define FASTMATH_EXP_LO (-746.0)
#define FASTMATH_EXP_HI 710.0
#endif

/* Lane helpers. */

#ifdef FM_SCALAR
FM_INLINE FM_VD FM_(splat)(double c) { return c; }
FM_INLINE FM_VU FM_(bits)(FM_VD x)
{
    FM_VU u;
    memcpy(&u, &x, sizeof u);
    return u;
}
FM_INLINE FM_VD FM_(from_bits)(FM_VU u)
{
    FM_VD x;
    memcpy(&x, &u, sizeof x);
    return x;
}
/* all ones where cmp holds */
#define FM_MASK(cmp) ((FM_VU)0 - (FM_VU)(cmp))
#else
FM_INLINE FM_ATTR FM_VD FM_(splat)(double c)
{
    FM_VD v = {0};
    for (int i = 0; i < FM_LANES; i++)
        v[i] = c;
    return v;
}
FM_INLINE FM_ATTR FM_VU FM_(bits)(FM_VD x) { return (FM_VU)x; }
FM_INLINE FM_ATTR FM_VD FM_(from_bits)(FM_VU u) { return (FM_VD)u; }
/* vector comparisons already give all ones or all zeros per lane */
#define FM_MASK(cmp) ((FM_VU)(cmp))
#endif

FM_INLINE FM_ATTR FM_VD FM_(load)(const double *p)
{
    FM_VD v;
    memcpy(&v, p, sizeof v);
    return v;
}
FM_INLINE FM_ATTR void FM_(store)(double *p, FM_VD v)
{
    memcpy(p, &v, sizeof v);
}
/* The last n < FM_LANES elements of a block; the other lanes hold 0. */
FM_INLINE FM_ATTR FM_VD FM_(load_part)(const double *p, size_t n)
{
    double buf[FM_LANES] = {0};
    memcpy(buf, p, n * sizeof *p);
    return FM_(load)(buf);
}
FM_INLINE FM_ATTR void FM_(store_part)(double *p, FM_VD v, size_t n)
{
    double buf[FM_LANES];
    FM_(store)(buf, v);
    memcpy(p, buf, n * sizeof *p);
}

/* m ? a : b per lane */
FM_INLINE FM_ATTR FM_VD FM_(select)(FM_VU m, FM_VD a, FM_VD b)
{
    return FM_(from_bits)((m & FM_(bits)(a)) | (~m & FM_(bits)(b)));
}
FM_INLINE FM_ATTR FM_VD FM_(abs)(FM_VD x)
{
    return FM_(from_bits)(FM_(bits)(x) & ~FASTMATH_SIGN_BIT);
}
/* |mag| with the sign of s */
FM_INLINE FM_ATTR FM_VD FM_(copysign)(FM_VD mag, FM_VD s)
{
    return FM_(from_bits)((FM_(bits)(mag) & ~FASTMATH_SIGN_BIT) |
                          (FM_(bits)(s) & FASTMATH_SIGN_BIT));
}
/* min(x, hi) and max(x, lo) that let a NaN through */
FM_INLINE FM_ATTR FM_VD FM_(upto)(FM_VD x, double hi)
{
    return FM_(select)(FM_MASK(x > hi), FM_(splat)(hi), x);
}
FM_INLINE FM_ATTR FM_VD FM_(atleast)(FM_VD x, double lo)
{
    return FM_(select)(FM_MASK(x < lo), FM_(splat)(lo), x);
}

/* The exponential core. */

/* 2^k for an integer k in [-1022, 1023] (unsigned arithmetic wraps, so a
 * NaN's garbage k is harmless: the NaN survives in the other factor). */
FM_INLINE FM_ATTR FM_VD FM_(pow2)(FM_VU k)
{
    return FM_(from_bits)((k + 1023u) << 52);
}

/* x = k*ln2 + r for |x| < 2^50: returns r, k as an integer and as a double */
FM_INLINE FM_ATTR FM_VD FM_(reduce)(FM_VD x, FM_VU *k, FM_VD *kd)
{
    const double shift = 0x1.8p52;
    FM_VD t = x * 0x1.71547652b82fep0 + shift;
    *kd = t - shift;
    *k = FM_(bits)(t) - FM_(bits)(FM_(splat)(shift));
    return (x - *kd * 0x1.62e42feep-1) - *kd * 0x1.a39ef35793c76p-33;
}

/* expm1(r) for |r| <= 0.35: r + r^2 * P(r), P of degree 10 in Estrin form */
FM_INLINE FM_ATTR FM_VD FM_(expm1_poly)(FM_VD r)
{
    FM_VD r2 = r * r;
    FM_VD r4 = r2 * r2;
    FM_VD p01 = r * 0x1.5555555555556p-3 + 0.5;
    FM_VD p23 = r * 0x1.111111111091ap-7 + 0x1.5555555555555p-5;
    FM_VD p45 = r * 0x1.a01a01a83a3a3p-13 + 0x1.6c16c16c1678ap-10;
    FM_VD p67 = r * 0x1.71de0be80e7e8p-19 + 0x1.a01a01a4be7f8p-16;
    FM_VD p89 = r * 0x1.af3cd7b3560d9p-26 + 0x1.27e4e0f0f6358p-22;
    FM_VD p03 = p23 * r2 + p01;
    FM_VD p47 = p67 * r2 + p45;
    FM_VD p8a = r2 * 0x1.1f6942ca28386p-29 + p89;
    FM_VD p = (p8a * r4 + p47) * r4 + p03;
    return r + r2 * p;
}

/* (-2^k as adj) so that k - adj and adj both stay in the normal range */
FM_INLINE FM_ATTR FM_VU FM_(split)(FM_VD kd)
{
    return (FM_MASK(kd > 1000.0) & 100u) |
           (FM_MASK(kd < -1000.0) & (uint64_t)-100);
}

/* e^x for every double: 0 below -745.2, +Inf above 709.8 */
FM_INLINE FM_ATTR FM_VD FM_(exp)(FM_VD x)
{
    FM_VU k;
    FM_VD kd;
    x = FM_(upto)(FM_(atleast)(x, FASTMATH_EXP_LO), FASTMATH_EXP_HI);
    FM_VD p = FM_(expm1_poly)(FM_(reduce)(x, &k, &kd)) + 1.0;
    /* p * 2^(k - adj) is exact; the last product rounds once */
    FM_VU adj = FM_(split)(kd);
    return p * FM_(pow2)(k - adj) * FM_(pow2)(adj);
}

/* e^x - 1 for |x| <= 40 only: 2^k is then exact and normal */
FM_INLINE FM_ATTR FM_VD FM_(expm1_small)(FM_VD x)
{
    FM_VU k;
    FM_VD kd;
    FM_VD q = FM_(expm1_poly)(FM_(reduce)(x, &k, &kd));
    FM_VD s = FM_(pow2)(k);
    return (s - 1.0) + s * q;
}

/* e^x - 1 for every double, accurate near 0 */
FM_INLINE FM_ATTR FM_VD FM_(expm1)(FM_VD x)
{
    FM_VU k;
    FM_VD kd;
    FM_VD xc = FM_(upto)(FM_(atleast)(x, FASTMATH_EXP_LO), FASTMATH_EXP_HI);
    FM_VD q = FM_(expm1_poly)(FM_(reduce)(xc, &k, &kd));
    FM_VU adj = FM_(split)(kd);
    FM_VD s = FM_(pow2)(k - adj);
    FM_VD near = (s - 1.0) + s * q;
    FM_VD far = (q + 1.0) * s * FM_(pow2)(adj) - 1.0;
    /* keeps the sign of a zero, as libm does */
    near = FM_(select)(FM_MASK(x == 0.0), x, near);
    return FM_(select)(FM_MASK(adj != 0u), far, near);
}

/* tanh(x) = sign(x) * e / (e + 2), e = expm1(2|x|); |x| stops at 20, where
 * tanh rounds to 1 */
FM_INLINE FM_ATTR FM_VD FM_(tanh)(FM_VD x)
{
    FM_VD ax = FM_(upto)(FM_(abs)(x), 20.0);
    FM_VD e = FM_(expm1_small)(ax + ax);
    return FM_(copysign)(e / (e + 2.0), x);
}

/* sigmoid from e = e^-|x|, which never overflows */
/* FM_(exp) for x <= 0 (or NaN), with fewer steps in its dependency chain
 * and the same bits: the upper clamp cannot act, and while no lane is below
 * 2^-1000 the second factor of 2^k is 1 (a product by 1 is exact). */
FM_INLINE FM_ATTR FM_VD FM_(exp_nonpos)(FM_VD x)
{
    FM_VU k;
    FM_VD kd;
    x = FM_(atleast)(x, FASTMATH_EXP_LO);
    FM_VD p = FM_(expm1_poly)(FM_(reduce)(x, &k, &kd)) + 1.0;
    FM_VU adj = FM_(split)(kd);
    FM_VU any = adj;
#ifndef FM_SCALAR
    for (int i = 1; i < FM_LANES; i++)
        any[0] |= adj[i];
    if (any[0] == 0)
#else
    if (any == 0)
#endif
        return p * FM_(pow2)(k);
    return p * FM_(pow2)(k - adj) * FM_(pow2)(adj);
}

FM_INLINE FM_ATTR FM_VD FM_(sigmoid)(FM_VD x)
{
    FM_VD e = FM_(exp_nonpos)(-FM_(abs)(x));
    FM_VD num = FM_(select)(FM_MASK(x >= 0.0), FM_(splat)(1.0), e);
    return num / (e + 1.0);
}

/* tanh(softplus(x)) = n / (n + 2) with n = e (e + 2), e = e^x: all terms
 * positive, no log; past x = 20 it rounds to 1 */
FM_INLINE FM_ATTR FM_VD FM_(tanh_softplus)(FM_VD x)
{
    FM_VD e = FM_(exp)(FM_(upto)(x, 20.0));
    FM_VD n = e * (e + 2.0);
    return n / (n + 2.0);
}

/* The logarithm core (fdlibm's method): x = 2^k * m with m in
 * [sqrt(2)/2, sqrt(2)), f = m - 1, s = f / (2 + f), and
 * log(1 + f) = f - hfsq + s * (hfsq + R(s^2)), hfsq = f^2 / 2, R a degree-7
 * polynomial in s^2 (error below 2^-58.45); log(x) = k ln2 + log(1 + f) with
 * ln2 in two parts. k is read from the exponent bits (subnormals are scaled
 * by 2^54 first) and made a double by the 1.5*2^52 trick in reverse. */
FM_INLINE FM_ATTR FM_VD FM_(log_core)(FM_VD x)
{
    const uint64_t sqrt_half = 0x3fe6a09e667f3bcdULL; /* bits of sqrt(2)/2 */
    const double shift = 0x1.8p52;
    FM_VU sub = FM_MASK(x < 0x1p-1022);
    FM_VD xs = FM_(select)(sub, x * 0x1p54, x);
    FM_VU u = FM_(bits)(xs) - sqrt_half;
    /* k = u >> 52 as a signed 12-bit field */
    FM_VU k = ((u >> 52) ^ 0x800u) - 0x800u;
    FM_VD m = FM_(from_bits)(FM_(bits)(xs) - (k << 52));
    k = k - (sub & 54u);
    FM_VD kd = FM_(from_bits)(FM_(bits)(FM_(splat)(shift)) + k) - shift;
    FM_VD f = m - 1.0;
    FM_VD s = f / (f + 2.0);
    FM_VD z = s * s;
    FM_VD w = z * z;
    FM_VD t1 = w * (w * (w * 0x1.39a09d078c69fp-3 + 0x1.c71c51d8e78afp-3) +
                    0x1.999999997fa04p-2);
    FM_VD t2 = z * (w * (w * (w * 0x1.2f112df3e5244p-3 + 0x1.7466496cb03dep-3) +
                         0x1.2492494229359p-2) +
                    0x1.5555555555593p-1);
    FM_VD R = t2 + t1;
    FM_VD hfsq = 0.5 * f * f;
    return kd * 0x1.62e42feep-1 -
           ((hfsq - (s * (hfsq + R) + kd * 0x1.a39ef35793c76p-33)) - f);
}

/* log(x): -Inf at +-0, NaN below 0, +Inf at +Inf, NaN stays NaN */
FM_INLINE FM_ATTR FM_VD FM_(log)(FM_VD x)
{
    FM_VD r = FM_(log_core)(x);
    r = FM_(select)(FM_MASK(x == INFINITY), x, r);
    r = FM_(select)(FM_MASK(x == 0.0), FM_(splat)(-INFINITY), r);
    r = FM_(select)(FM_MASK(x < 0.0), FM_(splat)(NAN), r);
    return FM_(select)(FM_MASK(x != x), x, r);
}

/* log(1 + x) = log(u) + (x - (u - 1)) / u with u = 1 + x rounded: the
 * second term puts back what the rounding of u lost (u - 1 is exact), to
 * first order, which is all that is left below the last bit. Where u is 0
 * or infinite the term is left out; a zero keeps its sign. */
FM_INLINE FM_ATTR FM_VD FM_(log1p)(FM_VD x)
{
    FM_VD u = x + 1.0;
    FM_VD c = (x - (u - 1.0)) / u;
    FM_VU ok = FM_MASK(u > 0.0) & FM_MASK(u < INFINITY);
    FM_VD r = FM_(log)(u) + FM_(select)(ok, c, FM_(splat)(0.0));
    return FM_(select)(FM_MASK(x == 0.0), x, r);
}

/* Binary cross-entropy terms as PyTorch writes them, both logs floored at
 * -100 (a NaN goes through): (y - 1) max(log1p(-p), -100) - y max(log p, -100) */
FM_INLINE FM_ATTR FM_VD FM_(bce_full)(FM_VD p, FM_VD y)
{
    FM_VD l1 = FM_(atleast)(FM_(log1p)(-p), -100.0);
    FM_VD l0 = FM_(atleast)(FM_(log)(p), -100.0);
    return (y - 1.0) * l1 - y * l0;
}

/* The same when every lane has a target of 0 or 1 and p in [0, 1] (a
 * classifier's case): one of the two products is then a signed zero that
 * leaves the other term exactly as it is, so the term is -max(log p, -100)
 * for y = 1 and -max(log1p(-p), -100) for y = 0, and one logarithm a lane
 * is enough: log(p) or log(u), u = 1 - p, with log1p's correction. */
FM_INLINE FM_ATTR FM_VD FM_(bce01)(FM_VD p, FM_VD y)
{
    FM_VU one = FM_MASK(y == 1.0);
    FM_VD x = -p, u = x + 1.0;
    FM_VD c = (x - (u - 1.0)) / u;
    FM_VU ok = FM_MASK(u > 0.0) & FM_MASK(u < INFINITY);
    FM_VD l = FM_(log)(FM_(select)(one, p, u));
    FM_VD l1 = FM_(select)(FM_MASK(x == 0.0), x,
                           l + FM_(select)(ok, c, FM_(splat)(0.0)));
    return -FM_(atleast)(FM_(select)(one, l, l1), -100.0);
}

/* true when every lane of m is set */
FM_INLINE FM_ATTR bool FM_(all)(FM_VU m)
{
#ifdef FM_SCALAR
    return m != 0;
#else
    uint64_t a = m[0];
    for (int i = 1; i < FM_LANES; i++)
        a &= m[i];
    return a != 0;
#endif
}

FM_INLINE FM_ATTR FM_VD FM_(bce)(FM_VD p, FM_VD y)
{
    FM_VU fits = (FM_MASK(y == 0.0) | FM_MASK(y == 1.0)) &
                 FM_MASK(p >= 0.0) & FM_MASK(p <= 1.0);
    return FM_(all)(fits) ? FM_(bce01)(p, y) : FM_(bce_full)(p, y);
}

/* The activation kernels. A factor x that multiplies a term going to 0 is
 * clamped to +-800 (far past where that term is exactly 0), so that an
 * infinite input gives the limit instead of Inf * 0. */

FM_INLINE FM_ATTR FM_VD FM_(elu)(FM_VD x)
{
    return FM_(select)(FM_MASK(x > 0.0), x, FM_(expm1)(x));
}

FM_INLINE FM_ATTR FM_VD FM_(swish)(FM_VD x)
{
    return FM_(atleast)(x, -800.0) * FM_(sigmoid)(x);
}

FM_INLINE FM_ATTR FM_VD FM_(mish)(FM_VD x)
{
    return FM_(atleast)(x, -800.0) * FM_(tanh_softplus)(x);
}

/* torch: x <= 0 ? grad * exp(x) : grad */
FM_INLINE FM_ATTR FM_VD FM_(grad_elu)(FM_VD da, FM_VD z)
{
    return FM_(select)(FM_MASK(z <= 0.0), da * FM_(exp)(z), da);
}

/* torch: x > 20 ? grad : grad * e / (e + 1), e = exp(x) */
FM_INLINE FM_ATTR FM_VD FM_(grad_softplus)(FM_VD da, FM_VD z)
{
    FM_VD e = FM_(exp)(FM_(upto)(z, 20.0));
    return FM_(select)(FM_MASK(z > 20.0), da, da * e / (e + 1.0));
}

/* torch: e = exp(-|x|); grad * (x < 0 ? 1 - e/(1+e) : e/(1+e)) */
FM_INLINE FM_ATTR FM_VD FM_(grad_logsigmoid)(FM_VD da, FM_VD z)
{
    FM_VD e = FM_(exp)(-FM_(abs)(z));
    FM_VD s = e / (e + 1.0);
    return da * FM_(select)(FM_MASK(z < 0.0), 1.0 - s, s);
}

/* torch: grad * s * (1 + x * (1 - s)) */
FM_INLINE FM_ATTR FM_VD FM_(grad_swish)(FM_VD da, FM_VD z)
{
    FM_VD s = FM_(sigmoid)(z);
    FM_VD zc = FM_(upto)(FM_(atleast)(z, -800.0), 800.0);
    return da * s * (1.0 + zc * (1.0 - s));
}

/* torch: grad * (t + x * s * (1 - t * t)) */
FM_INLINE FM_ATTR FM_VD FM_(grad_mish)(FM_VD da, FM_VD z)
{
    FM_VD t = FM_(tanh_softplus)(z);
    FM_VD s = FM_(sigmoid)(z);
    FM_VD zc = FM_(upto)(FM_(atleast)(z, -800.0), 800.0);
    return da * (t + zc * s * (1.0 - t * t));
}

#ifndef FASTMATH_CORE_ONLY
/* The block loops: full vectors, then the tail through a padded vector. */

#define FM_MAP_LOOP(kernel)                                                    \
    do {                                                                       \
        size_t i = 0;                                                          \
        for (; i + FM_LANES <= n; i += FM_LANES)                               \
            FM_(store)(y + i, FM_(kernel)(FM_(load)(x + i)));                  \
        if (i < n)                                                             \
            FM_(store_part)(y + i, FM_(kernel)(FM_(load_part)(x + i, n - i)),  \
                            n - i);                                            \
    } while (0)

#define FM_GRAD_LOOP(kernel)                                                   \
    do {                                                                       \
        size_t i = 0;                                                          \
        for (; i + FM_LANES <= n; i += FM_LANES)                               \
            FM_(store)(dz + i,                                                 \
                       FM_(kernel)(FM_(load)(da + i), FM_(load)(z + i)));      \
        if (i < n)                                                             \
            FM_(store_part)(dz + i,                                            \
                            FM_(kernel)(FM_(load_part)(da + i, n - i),         \
                                        FM_(load_part)(z + i, n - i)),         \
                            n - i);                                            \
    } while (0)

static FM_ATTR void FM_(map)(fastmath_map_kind f, double *y, const double *x,
                             size_t n)
{
    switch (f) {
    case FASTMATH_EXP: FM_MAP_LOOP(exp); break;
    case FASTMATH_EXPM1: FM_MAP_LOOP(expm1); break;
    case FASTMATH_TANH: FM_MAP_LOOP(tanh); break;
    case FASTMATH_SIGMOID: FM_MAP_LOOP(sigmoid); break;
    case FASTMATH_ELU: FM_MAP_LOOP(elu); break;
    case FASTMATH_SWISH: FM_MAP_LOOP(swish); break;
    case FASTMATH_MISH: FM_MAP_LOOP(mish); break;
    case FASTMATH_LOG: FM_MAP_LOOP(log); break;
    case FASTMATH_LOG1P: FM_MAP_LOOP(log1p); break;
    case FASTMATH_MAP_COUNT: break;
    }
}

static FM_ATTR void FM_(grad)(fastmath_grad_kind g, double *dz,
                              const double *da, const double *z, size_t n)
{
    switch (g) {
    case FASTMATH_GRAD_ELU: FM_GRAD_LOOP(grad_elu); break;
    case FASTMATH_GRAD_SOFTPLUS: FM_GRAD_LOOP(grad_softplus); break;
    case FASTMATH_GRAD_LOGSIGMOID: FM_GRAD_LOOP(grad_logsigmoid); break;
    case FASTMATH_GRAD_SWISH: FM_GRAD_LOOP(grad_swish); break;
    case FASTMATH_GRAD_MISH: FM_GRAD_LOOP(grad_mish); break;
    case FASTMATH_GRAD_COUNT: break;
    }
}

static FM_ATTR void FM_(bce_terms)(double *t, const double *p,
                                   const double *y, size_t n)
{
    size_t i = 0;
    for (; i + FM_LANES <= n; i += FM_LANES)
        FM_(store)(t + i, FM_(bce)(FM_(load)(p + i), FM_(load)(y + i)));
    if (i < n)
        FM_(store_part)(t + i,
                        FM_(bce)(FM_(load_part)(p + i, n - i),
                                 FM_(load_part)(y + i, n - i)),
                        n - i);
}

/* s + t[0] + t[1] + ... over the terms, in order. (loss_row adds each
 * term to a row sum that starts at +0 first: that only turns a -0 into +0,
 * which a sum starting at +0 does anyway.) */
static FM_ATTR double FM_(bce_sum)(double s, const double *p, const double *y,
                                   size_t n)
{
    size_t i = 0;
    for (; i + FM_LANES <= n; i += FM_LANES) {
        FM_VD t = FM_(bce)(FM_(load)(p + i), FM_(load)(y + i));
#ifdef FM_SCALAR
        s += t;
#else
        for (int k = 0; k < FM_LANES; k++)
            s += t[k];
#endif
    }
    if (i < n) {
        FM_VD t = FM_(bce)(FM_(load_part)(p + i, n - i),
                           FM_(load_part)(y + i, n - i));
#ifdef FM_SCALAR
        s += t;
#else
        for (size_t k = 0; i + k < n; k++)
            s += t[k];
#endif
    }
    return s;
}

#undef FM_MAP_LOOP
#undef FM_GRAD_LOOP
#endif /* FASTMATH_CORE_ONLY */
#undef FM_MASK

#endif /* FASTMATH_TEMPLATE */
