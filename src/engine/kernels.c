/* kernels.c - the dense loops of a training step (see kernels.h), written
 * once with GCC/Clang vector extensions and instantiated per instruction
 * set: generic (2 lanes: SSE2 on x86-64, NEON on arm64), AVX2 (4 lanes) and
 * AVX-512 (8 lanes), the wider ones behind a target attribute and used only
 * where __builtin_cpu_supports says so. No intrinsics, no -m flag.
 *
 * The file includes itself twice over: level 1 instantiates one instruction
 * set's kernels, level 2 (inside it) the column-block helpers for each
 * vector width up to that set's widest (8, 4, 2 and 1 lanes), so a layer of
 * any width runs in as few vector blocks as possible. The matrix kernels
 * keep a block of outputs in registers across the whole sum (row blocks of
 * four share each weight load), so small layers cost little more than their
 * arithmetic. */
#ifndef KERN_TPL

#include "engine/kernels.h"

#include <stdint.h>
#include <string.h>

/* No fused multiply-add: every path must give the same bits. GCC does not
 * contract in ISO C mode (-std=c11); Clang needs telling. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#if (defined(__GNUC__) || defined(__clang__)) && !defined(KERN_NO_VECTOR)
#define KERN_VECTOR 1
#if defined(__x86_64__) || defined(__i386__)
#define KERN_X86 1
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define KERN_INLINE static inline __attribute__((always_inline))
#else
#define KERN_INLINE static inline
#endif

#ifdef KERN_VECTOR
typedef double kern_v2 __attribute__((vector_size(16)));
typedef int64_t kern_m2 __attribute__((vector_size(16)));
typedef double kern_v4 __attribute__((vector_size(32)));
typedef int64_t kern_m4 __attribute__((vector_size(32)));
typedef double kern_v8 __attribute__((vector_size(64)));
typedef int64_t kern_m8 __attribute__((vector_size(64)));
#endif

/* One instruction set's kernels. */
typedef struct {
    void (*linear_forward)(double *, const double *, const double *,
                           const double *, double *, int, int, int);
    void (*backward_params)(double *, double *, const double *, const double *,
                            double *, int, int, int);
    void (*backward_input)(double *, const double *, const double *, int, int,
                           int);
    bool (*act_forward)(act_kind, double *, const double *, size_t);
    bool (*act_backward)(act_kind, double *, const double *, const double *,
                         const double *, size_t);
    void (*sgd)(double *, const double *, double, size_t);
    void (*momentum)(double *, double *, const double *, double, double, bool,
                     size_t);
    double (*sumsq_diff)(const double *, const double *, size_t);
} kern_ops;

/* ---- the generic path ---- */
#define KI_(name) kern_##name##_generic
#define KI_ATTR
#ifdef KERN_VECTOR
#define KI_LANES 2
#define KI_VD kern_v2
#define KI_VM kern_m2
#else
#define KI_LANES 1
#define KI_VD double
#endif
#define KERN_TPL 1
#include "kernels.c"
#undef KERN_TPL
#undef KI_
#undef KI_ATTR
#undef KI_LANES
#undef KI_VD
#undef KI_VM

#ifdef KERN_X86
/* ---- AVX2: 4 lanes (no "fma" in the target: nothing to contract into) */
#define KI_(name) kern_##name##_avx2
#define KI_ATTR __attribute__((target("avx2")))
#define KI_LANES 4
#define KI_VD kern_v4
#define KI_VM kern_m4
#define KERN_TPL 1
#include "kernels.c"
#undef KERN_TPL
#undef KI_
#undef KI_ATTR
#undef KI_LANES
#undef KI_VD
#undef KI_VM

/* ---- AVX-512: 8 lanes */
#define KI_(name) kern_##name##_avx512
#define KI_ATTR __attribute__((target("avx512f")))
#define KI_LANES 8
#define KI_VD kern_v8
#define KI_VM kern_m8
#define KERN_TPL 1
#include "kernels.c"
#undef KERN_TPL
#undef KI_
#undef KI_ATTR
#undef KI_LANES
#undef KI_VD
#undef KI_VM
#endif

/* ---- dispatch ---- */

static fastmath_isa kern_forced = FASTMATH_ISA_AUTO;

static bool kern_available(fastmath_isa isa)
{
    switch (isa) {
    case FASTMATH_ISA_AUTO:
    case FASTMATH_ISA_GENERIC:
        return true;
#ifdef KERN_X86
    case FASTMATH_ISA_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2");
    case FASTMATH_ISA_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f");
#endif
    default:
        return false;
    }
}

void kern_set_isa(fastmath_isa isa)
{
    kern_forced = kern_available(isa) ? isa : FASTMATH_ISA_AUTO;
}

fastmath_isa kern_isa(void)
{
    if (kern_forced != FASTMATH_ISA_AUTO)
        return kern_forced;
#ifdef KERN_X86
    if (__builtin_cpu_supports("avx512f"))
        return FASTMATH_ISA_AVX512;
    if (__builtin_cpu_supports("avx2"))
        return FASTMATH_ISA_AVX2;
#endif
    return FASTMATH_ISA_GENERIC;
}

static const kern_ops kern_generic = {
    kern_linear_forward_generic, kern_backward_params_generic,
    kern_backward_input_generic, kern_act_forward_generic,
    kern_act_backward_generic,   kern_sgd_generic,
    kern_momentum_generic,       kern_sumsq_diff_generic,
};
#ifdef KERN_X86
static const kern_ops kern_avx2 = {
    kern_linear_forward_avx2, kern_backward_params_avx2,
    kern_backward_input_avx2, kern_act_forward_avx2,
    kern_act_backward_avx2,   kern_sgd_avx2,
    kern_momentum_avx2,       kern_sumsq_diff_avx2,
};
static const kern_ops kern_avx512 = {
    kern_linear_forward_avx512, kern_backward_params_avx512,
    kern_backward_input_avx512, kern_act_forward_avx512,
    kern_act_backward_avx512,   kern_sgd_avx512,
    kern_momentum_avx512,       kern_sumsq_diff_avx512,
};
#endif

static const kern_ops *kern_ops_now(void)
{
    switch (kern_isa()) {
#ifdef KERN_X86
    case FASTMATH_ISA_AVX512:
        return &kern_avx512;
    case FASTMATH_ISA_AVX2:
        return &kern_avx2;
#endif
    default:
        return &kern_generic;
    }
}

void kern_linear_forward(double *z, const double *x, const double *w,
                         const double *b, double *wt, int rows, int I, int J)
{
    if (rows > 0 && J > 0)
        kern_ops_now()->linear_forward(z, x, w, b, wt, rows, I, J);
}

void kern_linear_backward_params(double *gw, double *gb, const double *dz,
                                 const double *x, double *scratch, int rows,
                                 int I, int J)
{
    if (rows > 0 && J > 0)
        kern_ops_now()->backward_params(gw, gb, dz, x, scratch, rows, I, J);
}

void kern_linear_backward_input(double *dx, const double *dz, const double *w,
                                int rows, int I, int J)
{
    if (rows > 0 && I > 0)
        kern_ops_now()->backward_input(dx, dz, w, rows, I, J);
}

bool kern_act_forward(act_kind k, double *a, const double *z, size_t n)
{
    return kern_ops_now()->act_forward(k, a, z, n);
}

bool kern_act_backward(act_kind k, double *dz, const double *da,
                       const double *z, const double *a, size_t n)
{
    return kern_ops_now()->act_backward(k, dz, da, z, a, n);
}

void kern_sgd(double *p, const double *g, double lr, size_t n)
{
    kern_ops_now()->sgd(p, g, lr, n);
}

void kern_momentum(double *p, double *buf, const double *g, double lr,
                   double mu, bool first, size_t n)
{
    kern_ops_now()->momentum(p, buf, g, lr, mu, first, n);
}

double kern_sumsq_diff(const double *a, const double *b, size_t n)
{
    return kern_ops_now()->sumsq_diff(a, b, n);
}

#elif KERN_TPL == 1
/* ==== level 1: one instruction set (KI_, KI_ATTR, KI_LANES, KI_VD) ==== */

/* the column-block helpers, one copy per width */
#define KB_ATTR KI_ATTR
#define KB_(name) KI_(name##_w1)
#define KB_VT double
#undef KERN_TPL
#define KERN_TPL 2
#include "kernels.c"
#undef KB_
#undef KB_VT
#if KI_LANES >= 2
#define KB_(name) KI_(name##_w2)
#define KB_VT kern_v2
#include "kernels.c"
#undef KB_
#undef KB_VT
#endif
#if KI_LANES >= 4
#define KB_(name) KI_(name##_w4)
#define KB_VT kern_v4
#include "kernels.c"
#undef KB_
#undef KB_VT
#endif
#if KI_LANES >= 8
#define KB_(name) KI_(name##_w8)
#define KB_VT kern_v8
#include "kernels.c"
#undef KB_
#undef KB_VT
#endif
#undef KB_ATTR
#undef KERN_TPL
#define KERN_TPL 1

/* Columns 0..n-1 in blocks: as many of the widest as fit, then at most one
 * of each narrower width. fn(args..., first column). */
#if KI_LANES >= 8
#define KI_LOAD KI_(load_w8)
#define KI_STORE KI_(store_w8)
#define KI_COLUMNS(fn, n, ...)                                                 \
    do {                                                                       \
        int c_ = 0;                                                            \
        for (; c_ + 8 <= (n); c_ += 8)                                         \
            KI_(fn##_w8)(__VA_ARGS__, c_);                                     \
        if (c_ + 4 <= (n)) {                                                   \
            KI_(fn##_w4)(__VA_ARGS__, c_);                                     \
            c_ += 4;                                                           \
        }                                                                      \
        if (c_ + 2 <= (n)) {                                                   \
            KI_(fn##_w2)(__VA_ARGS__, c_);                                     \
            c_ += 2;                                                           \
        }                                                                      \
        if (c_ < (n))                                                          \
            KI_(fn##_w1)(__VA_ARGS__, c_);                                     \
    } while (0)
#elif KI_LANES >= 4
#define KI_LOAD KI_(load_w4)
#define KI_STORE KI_(store_w4)
#define KI_COLUMNS(fn, n, ...)                                                 \
    do {                                                                       \
        int c_ = 0;                                                            \
        for (; c_ + 4 <= (n); c_ += 4)                                         \
            KI_(fn##_w4)(__VA_ARGS__, c_);                                     \
        if (c_ + 2 <= (n)) {                                                   \
            KI_(fn##_w2)(__VA_ARGS__, c_);                                     \
            c_ += 2;                                                           \
        }                                                                      \
        if (c_ < (n))                                                          \
            KI_(fn##_w1)(__VA_ARGS__, c_);                                     \
    } while (0)
#elif KI_LANES >= 2
#define KI_LOAD KI_(load_w2)
#define KI_STORE KI_(store_w2)
#define KI_COLUMNS(fn, n, ...)                                                 \
    do {                                                                       \
        int c_ = 0;                                                            \
        for (; c_ + 2 <= (n); c_ += 2)                                         \
            KI_(fn##_w2)(__VA_ARGS__, c_);                                     \
        if (c_ < (n))                                                          \
            KI_(fn##_w1)(__VA_ARGS__, c_);                                     \
    } while (0)
#else
#define KI_LOAD KI_(load_w1)
#define KI_STORE KI_(store_w1)
#define KI_COLUMNS(fn, n, ...)                                                 \
    do {                                                                       \
        for (int c_ = 0; c_ < (n); c_++)                                       \
            KI_(fn##_w1)(__VA_ARGS__, c_);                                     \
    } while (0)
#endif

/* vector blocks needed for n columns */
static KI_ATTR int KI_(blocks)(int n)
{
    int b = n / KI_LANES;
    for (int rem = n % KI_LANES; rem; rem &= rem - 1)
        b++;
    return b;
}

/* dst[cols][rows] = src[rows][cols]^T */
static KI_ATTR void KI_(transpose)(double *restrict dst,
                                   const double *restrict src, int rows,
                                   int cols)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            dst[(size_t)c * rows + r] = src[(size_t)r * cols + c];
}

static KI_ATTR void KI_(linear_forward)(double *z, const double *x,
                                        const double *w, const double *b,
                                        double *wt, int rows, int I, int J)
{
    /* one row or one column: w [J][I] is already laid out as w^T [I][J] */
    const double *t = w;
    if (I > 1 && J > 1) {
        KI_(transpose)(wt, w, J, I);
        t = wt;
    }
    KI_COLUMNS(fwd, J, z, x, t, b, rows, I, J);
}

static KI_ATTR void KI_(backward_params)(double *gw, double *gb,
                                         const double *dz, const double *x,
                                         double *scratch, int rows, int I,
                                         int J)
{
    KI_COLUMNS(gb, J, gb, dz, rows, J);
    /* Vectorise along whichever of i and j takes fewer vector operations;
     * along j the gradient is accumulated transposed (two more passes). */
    size_t along_i = (size_t)rows * J * KI_(blocks)(I);
    size_t along_j = (size_t)rows * I * KI_(blocks)(J) + (size_t)I * J;
    if (along_j < along_i) {
        KI_(transpose)(scratch, gw, J, I);
        KI_COLUMNS(gwt, J, scratch, dz, x, rows, I, J);
        KI_(transpose)(gw, scratch, I, J);
    } else {
        KI_COLUMNS(gw, I, gw, dz, x, rows, I, J);
    }
}

static KI_ATTR void KI_(backward_input)(double *dx, const double *dz,
                                        const double *w, int rows, int I,
                                        int J)
{
    KI_COLUMNS(dx, I, dx, dz, w, rows, I, J);
}

static KI_ATTR bool KI_(act_forward)(act_kind k, double *a, const double *z,
                                     size_t n)
{
    size_t i = 0;
    switch (k) {
    case ACT_LINEAR:
        if (a != z)
            memmove(a, z, n * sizeof *a);
        return true;
    case ACT_RELU: /* z <= 0 ? 0 : z; NaN stays NaN */
#if KI_LANES > 1
        for (; i + KI_LANES <= n; i += KI_LANES) {
            KI_VD v = KI_LOAD(z + i);
            KI_VM neg = (KI_VM)(v <= 0.0);
            KI_STORE(a + i, (KI_VD)((KI_VM)v & ~neg));
        }
#endif
        for (; i < n; i++)
            a[i] = z[i] <= 0.0 ? 0.0 : z[i];
        return true;
    default:
        return false;
    }
}

static KI_ATTR bool KI_(act_backward)(act_kind k, double *dz, const double *da,
                                      const double *z, const double *a,
                                      size_t n)
{
    size_t i = 0;
    switch (k) {
    case ACT_LINEAR:
        if (dz != da)
            memmove(dz, da, n * sizeof *dz);
        return true;
    case ACT_RELU: /* z <= 0 ? 0 : da */
#if KI_LANES > 1
        for (; i + KI_LANES <= n; i += KI_LANES) {
            KI_VM neg = (KI_VM)(KI_LOAD(z + i) <= 0.0);
            KI_STORE(dz + i, (KI_VD)((KI_VM)KI_LOAD(da + i) & ~neg));
        }
#endif
        for (; i < n; i++)
            dz[i] = z[i] <= 0.0 ? 0.0 : da[i];
        return true;
    case ACT_SIGMOID: /* da * (1 - a) * a */
#if KI_LANES > 1
        for (; i + KI_LANES <= n; i += KI_LANES) {
            KI_VD av = KI_LOAD(a + i);
            KI_STORE(dz + i, KI_LOAD(da + i) * (1.0 - av) * av);
        }
#endif
        for (; i < n; i++)
            dz[i] = da[i] * (1.0 - a[i]) * a[i];
        return true;
    case ACT_TANH: /* da * (1 - a^2) */
#if KI_LANES > 1
        for (; i + KI_LANES <= n; i += KI_LANES) {
            KI_VD av = KI_LOAD(a + i);
            KI_STORE(dz + i, KI_LOAD(da + i) * (1.0 - av * av));
        }
#endif
        for (; i < n; i++)
            dz[i] = da[i] * (1.0 - a[i] * a[i]);
        return true;
    default:
        return false;
    }
}

static KI_ATTR void KI_(sgd)(double *restrict p, const double *restrict g,
                             double lr, size_t n)
{
    size_t i = 0;
#if KI_LANES > 1
    for (; i + KI_LANES <= n; i += KI_LANES)
        KI_STORE(p + i, KI_LOAD(p + i) - lr * KI_LOAD(g + i));
#endif
    for (; i < n; i++)
        p[i] -= lr * g[i];
}

static KI_ATTR void KI_(momentum)(double *restrict p, double *restrict buf,
                                  const double *restrict g, double lr,
                                  double mu, bool first, size_t n)
{
    size_t i = 0;
    if (first)
        memcpy(buf, g, n * sizeof *buf);
    else {
#if KI_LANES > 1
        for (; i + KI_LANES <= n; i += KI_LANES)
            KI_STORE(buf + i, mu * KI_LOAD(buf + i) + KI_LOAD(g + i));
#endif
        for (; i < n; i++)
            buf[i] = mu * buf[i] + g[i];
    }
    i = 0;
#if KI_LANES > 1
    for (; i + KI_LANES <= n; i += KI_LANES)
        KI_STORE(p + i, KI_LOAD(p + i) - lr * KI_LOAD(buf + i));
#endif
    for (; i < n; i++)
        p[i] -= lr * buf[i];
}

static KI_ATTR double KI_(sumsq_diff)(const double *a, const double *b,
                                      size_t n)
{
    /* eight partial sums, as KI_LANES-wide vectors */
    KI_VD acc[8 / KI_LANES];
    for (int k = 0; k < 8 / KI_LANES; k++)
        acc[k] = (KI_VD){0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8 / KI_LANES; k++) {
            KI_VD d = KI_LOAD(a + i + k * KI_LANES) - KI_LOAD(b + i + k * KI_LANES);
            acc[k] = acc[k] + d * d;
        }
    double s[8];
    memcpy(s, acc, sizeof s);
    for (; i < n; i++) {
        double d = a[i] - b[i];
        s[i % 8] += d * d;
    }
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

#undef KI_LOAD
#undef KI_STORE
#undef KI_COLUMNS

#else /* KERN_TPL == 2 */
/* ==== level 2: column-block helpers for one width (KB_, KB_VT) ==== */

KERN_INLINE KB_ATTR KB_VT KB_(load)(const double *p)
{
    KB_VT v;
    memcpy(&v, p, sizeof v);
    return v;
}

KERN_INLINE KB_ATTR void KB_(store)(double *p, KB_VT v)
{
    memcpy(p, &v, sizeof v);
}

/* z[r][c..] = b[c..]; then += wt[i][c..] * x[r][i] for i ascending.
 * wt [I][J]; four rows share each load of wt. */
KERN_INLINE KB_ATTR void KB_(fwd)(double *restrict z, const double *restrict x,
                                  const double *restrict wt,
                                  const double *restrict b, int rows, int I,
                                  int J, int c)
{
    const KB_VT bias = KB_(load)(b + c);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double *x0 = x + (size_t)r * I, *x1 = x0 + I, *x2 = x1 + I,
                     *x3 = x2 + I;
        const double *w = wt + c;
        KB_VT s0 = bias, s1 = bias, s2 = bias, s3 = bias;
        for (int i = 0; i < I; i++, w += J) {
            KB_VT wi = KB_(load)(w);
            s0 = s0 + wi * x0[i];
            s1 = s1 + wi * x1[i];
            s2 = s2 + wi * x2[i];
            s3 = s3 + wi * x3[i];
        }
        double *z0 = z + (size_t)r * J + c;
        KB_(store)(z0, s0);
        KB_(store)(z0 + J, s1);
        KB_(store)(z0 + 2 * (size_t)J, s2);
        KB_(store)(z0 + 3 * (size_t)J, s3);
    }
    for (; r < rows; r++) {
        const double *x0 = x + (size_t)r * I;
        const double *w = wt + c;
        KB_VT s0 = bias;
        for (int i = 0; i < I; i++, w += J)
            s0 = s0 + KB_(load)(w) * x0[i];
        KB_(store)(z + (size_t)r * J + c, s0);
    }
}

/* gb[c..] += dz[r][c..] for r ascending */
KERN_INLINE KB_ATTR void KB_(gb)(double *restrict gb, const double *restrict dz,
                                 int rows, int J, int c)
{
    KB_VT s = KB_(load)(gb + c);
    const double *d = dz + c;
    for (int r = 0; r < rows; r++, d += J)
        s = s + KB_(load)(d);
    KB_(store)(gb + c, s);
}

/* gw[j][c..] += x[r][c..] * dz[r][j] for r ascending, every j; gw [J][I].
 * Four units share each load of x. */
KERN_INLINE KB_ATTR void KB_(gw)(double *restrict gw, const double *restrict dz,
                                 const double *restrict x, int rows, int I,
                                 int J, int c)
{
    int j = 0;
    for (; j + 4 <= J; j += 4) {
        double *g0 = gw + (size_t)j * I + c;
        KB_VT s0 = KB_(load)(g0), s1 = KB_(load)(g0 + I),
              s2 = KB_(load)(g0 + 2 * (size_t)I),
              s3 = KB_(load)(g0 + 3 * (size_t)I);
        const double *xr = x + c, *d = dz + j;
        for (int r = 0; r < rows; r++, xr += I, d += J) {
            KB_VT xv = KB_(load)(xr);
            s0 = s0 + xv * d[0];
            s1 = s1 + xv * d[1];
            s2 = s2 + xv * d[2];
            s3 = s3 + xv * d[3];
        }
        KB_(store)(g0, s0);
        KB_(store)(g0 + I, s1);
        KB_(store)(g0 + 2 * (size_t)I, s2);
        KB_(store)(g0 + 3 * (size_t)I, s3);
    }
    for (; j < J; j++) {
        double *g0 = gw + (size_t)j * I + c;
        KB_VT s0 = KB_(load)(g0);
        const double *xr = x + c, *d = dz + j;
        for (int r = 0; r < rows; r++, xr += I, d += J)
            s0 = s0 + KB_(load)(xr) * d[0];
        KB_(store)(g0, s0);
    }
}

/* The same sum on the transposed gradient t [I][J] (t[i][j] = gw[j][i]):
 * t[i][c..] += dz[r][c..] * x[r][i] for r ascending, every i. Four inputs
 * share each load of dz. */
KERN_INLINE KB_ATTR void KB_(gwt)(double *restrict t, const double *restrict dz,
                                  const double *restrict x, int rows, int I,
                                  int J, int c)
{
    int i = 0;
    for (; i + 4 <= I; i += 4) {
        double *t0 = t + (size_t)i * J + c;
        KB_VT s0 = KB_(load)(t0), s1 = KB_(load)(t0 + J),
              s2 = KB_(load)(t0 + 2 * (size_t)J),
              s3 = KB_(load)(t0 + 3 * (size_t)J);
        const double *xr = x + i, *d = dz + c;
        for (int r = 0; r < rows; r++, xr += I, d += J) {
            KB_VT dv = KB_(load)(d);
            s0 = s0 + dv * xr[0];
            s1 = s1 + dv * xr[1];
            s2 = s2 + dv * xr[2];
            s3 = s3 + dv * xr[3];
        }
        KB_(store)(t0, s0);
        KB_(store)(t0 + J, s1);
        KB_(store)(t0 + 2 * (size_t)J, s2);
        KB_(store)(t0 + 3 * (size_t)J, s3);
    }
    for (; i < I; i++) {
        double *t0 = t + (size_t)i * J + c;
        KB_VT s0 = KB_(load)(t0);
        const double *xr = x + i, *d = dz + c;
        for (int r = 0; r < rows; r++, xr += I, d += J)
            s0 = s0 + KB_(load)(d) * xr[0];
        KB_(store)(t0, s0);
    }
}

/* dx[r][c..] = 0, then += w[j][c..] * dz[r][j] for j ascending; w [J][I].
 * Four rows share each load of w. */
KERN_INLINE KB_ATTR void KB_(dx)(double *restrict dx, const double *restrict dz,
                                 const double *restrict w, int rows, int I,
                                 int J, int c)
{
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double *d0 = dz + (size_t)r * J, *d1 = d0 + J, *d2 = d1 + J,
                     *d3 = d2 + J;
        const double *wj = w + c;
        KB_VT s0 = (KB_VT){0}, s1 = s0, s2 = s0, s3 = s0;
        for (int j = 0; j < J; j++, wj += I) {
            KB_VT wv = KB_(load)(wj);
            s0 = s0 + wv * d0[j];
            s1 = s1 + wv * d1[j];
            s2 = s2 + wv * d2[j];
            s3 = s3 + wv * d3[j];
        }
        double *o = dx + (size_t)r * I + c;
        KB_(store)(o, s0);
        KB_(store)(o + I, s1);
        KB_(store)(o + 2 * (size_t)I, s2);
        KB_(store)(o + 3 * (size_t)I, s3);
    }
    for (; r < rows; r++) {
        const double *d0 = dz + (size_t)r * J;
        const double *wj = w + c;
        KB_VT s0 = (KB_VT){0};
        for (int j = 0; j < J; j++, wj += I)
            s0 = s0 + KB_(load)(wj) * d0[j];
        KB_(store)(dx + (size_t)r * I + c, s0);
    }
}

#endif /* KERN_TPL */
