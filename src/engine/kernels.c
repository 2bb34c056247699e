/* kernels.c - the dense loops of a training step (see kernels.h), written
 * once with GCC/Clang vector extensions and instantiated per instruction
 * set: generic (2 lanes: SSE2 on x86-64, NEON on arm64), AVX2 (4 lanes) and
 * AVX-512 (8 lanes), the wider ones behind a target attribute and used only
 * where __builtin_cpu_supports says so. No intrinsics, no -m flag.
 *
 * The file includes itself twice over: level 1 instantiates one instruction
 * set's kernels, level 2 (inside it) the block helpers for each vector
 * width up to that set's widest (8, 4, 2 and 1 lanes), so a layer of any
 * width runs in as few vector blocks as possible. A block keeps a 4 x width
 * tile of outputs in registers across its whole sum (four rows or units
 * share each load), and small layers read their weights where they lie
 * instead of transposing them first; relu and linear are applied as the
 * forward tile is stored, the common derivatives as the input gradient is.
 * Tiny networks (kern_tiny_*: a few rows, layers up to 8 wide) have kernels
 * of their own further down that run a whole pass in one call. */
#ifndef KERN_TPL

#include "engine/kernels.h"

#include <stdatomic.h>
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

/* __builtin_shufflevector: Clang, and GCC from version 12 */
#if defined(KERN_VECTOR) && defined(__has_builtin)
#if __has_builtin(__builtin_shufflevector)
#define KERN_SHUFFLE 1
#endif
#endif

/* KERN_OPAQUE(v): v passes through an empty asm, so that GCC cannot see a
 * loop's store of a value it just loaded as a plain copy and split it out
 * into a call to memcpy (a call costs more than the copy at these sizes). */
#if defined(KERN_X86)
#define KERN_OPAQUE(v) __asm__("" : "+x"(v))
#else
#define KERN_OPAQUE(v) ((void)0)
#endif

#if defined(__GNUC__) || defined(__clang__)
#define KERN_INLINE static inline __attribute__((always_inline))
#else
#define KERN_INLINE static inline
#endif

/* the activations applied inside the matrix kernels */
enum { KERN_ACT_NONE, KERN_ACT_LINEAR, KERN_ACT_RELU, KERN_ACT_TANH,
       KERN_ACT_SIGMOID };

#ifdef KERN_VECTOR
typedef double kern_v2 __attribute__((vector_size(16)));
typedef int64_t kern_m2 __attribute__((vector_size(16)));
typedef double kern_v4 __attribute__((vector_size(32)));
typedef int64_t kern_m4 __attribute__((vector_size(32)));
typedef double kern_v8 __attribute__((vector_size(64)));
typedef int64_t kern_m8 __attribute__((vector_size(64)));
typedef uint64_t kern_u4 __attribute__((vector_size(32)));
#endif

/* One instruction set's kernels. */
typedef struct {
    bool (*linear_forward)(double *, double *, act_kind, const double *,
                           const double *, const double *, double *, int, int,
                           int);
    void (*backward_params)(double *, double *, const double *, const double *,
                            int, int, int);
    bool (*backward_input)(double *, double *, act_kind, const double *,
                           const double *, const double *, const double *, int,
                           int, int);
    bool (*backward)(double *, double *, double *, double *, act_kind,
                     const double *, const double *, const double *,
                     const double *, const double *, int, int, int);
    bool (*act_forward)(act_kind, double *, const double *, size_t);
    bool (*act_backward)(act_kind, double *, const double *, const double *,
                         const double *, size_t);
    void (*sgd)(double *, const double *, double, size_t);
    void (*momentum)(double *, double *, const double *, double, double, bool,
                     size_t);
    double (*sumsq_diff)(const double *, const double *, size_t);
    double (*sgd_step)(double *, double *, const double *, double, size_t);
    bool (*tiny_forward)(net *, const double *, int);
    bool (*tiny_backward)(net *);
    bool (*tiny_loss_backward)(net *, loss_kind, const double *, double);
    bool (*tiny_train)(net *, const double *, int, loss_kind, const double *,
                       double, bool, double *, int *);
    bool tiny; /* the tiny-network kernels are real (4 lanes or more) */
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

/* The path in use, picked on first use (a step makes a dozen calls and the
 * CPU does not change under us); kern_set_isa replaces it. */
static _Atomic(const kern_ops *) kern_cur;
static const kern_ops *kern_pick(void);

void kern_set_isa(fastmath_isa isa)
{
    kern_forced = kern_available(isa) ? isa : FASTMATH_ISA_AUTO;
    atomic_store_explicit(&kern_cur, kern_pick(), memory_order_relaxed);
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
    kern_backward_input_generic, kern_backward_generic, kern_act_forward_generic,
    kern_act_backward_generic,   kern_sgd_generic,
    kern_momentum_generic,       kern_sumsq_diff_generic, kern_sgd_step_generic,
    kern_tiny_forward_generic, kern_tiny_backward_generic,
    kern_tiny_loss_backward_generic, kern_tiny_train_generic, false,
};
#ifdef KERN_X86
static const kern_ops kern_avx2 = {
    kern_linear_forward_avx2, kern_backward_params_avx2,
    kern_backward_input_avx2, kern_backward_avx2, kern_act_forward_avx2,
    kern_act_backward_avx2,   kern_sgd_avx2,
    kern_momentum_avx2,       kern_sumsq_diff_avx2, kern_sgd_step_avx2,
    kern_tiny_forward_avx2, kern_tiny_backward_avx2,
    kern_tiny_loss_backward_avx2, kern_tiny_train_avx2, true,
};
static const kern_ops kern_avx512 = {
    kern_linear_forward_avx512, kern_backward_params_avx512,
    kern_backward_input_avx512, kern_backward_avx512, kern_act_forward_avx512,
    kern_act_backward_avx512,   kern_sgd_avx512,
    kern_momentum_avx512,       kern_sumsq_diff_avx512, kern_sgd_step_avx512,
    kern_tiny_forward_avx512, kern_tiny_backward_avx512,
    kern_tiny_loss_backward_avx512, kern_tiny_train_avx512, true,
};
#endif

static const kern_ops *kern_pick(void)
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

static const kern_ops *kern_ops_now(void)
{
    const kern_ops *o = atomic_load_explicit(&kern_cur, memory_order_relaxed);
    if (!o) {
        o = kern_pick();
        atomic_store_explicit(&kern_cur, o, memory_order_relaxed);
    }
    return o;
}

bool kern_linear_forward(double *z, double *a, act_kind k, const double *x,
                         const double *w, const double *b, double *wt,
                         int rows, int I, int J)
{
    if (rows <= 0 || J <= 0)
        return true;
    return kern_ops_now()->linear_forward(z, a, k, x, w, b, wt, rows, I, J);
}

void kern_linear_backward_params(double *gw, double *gb, const double *dz,
                                 const double *x, int rows, int I, int J)
{
    if (rows > 0 && J > 0)
        kern_ops_now()->backward_params(gw, gb, dz, x, rows, I, J);
}

bool kern_linear_backward_input(double *dx, double *dxz, act_kind k,
                                const double *zx, const double *ax,
                                const double *dz, const double *w, int rows,
                                int I, int J)
{
    if (rows <= 0 || I <= 0)
        return true;
    return kern_ops_now()->backward_input(dx, dxz, k, zx, ax, dz, w, rows, I,
                                          J);
}

bool kern_linear_backward(double *gw, double *gb, double *dx, double *dxz,
                          act_kind k, const double *zx, const double *ax,
                          const double *dz, const double *x, const double *w,
                          int rows, int I, int J)
{
    if (rows <= 0 || J <= 0)
        return true;
    return kern_ops_now()->backward(gw, gb, dx, dxz, k, zx, ax, dz, x, w, rows,
                                    I, J);
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

/* A small parameter block's update on the 4-lane path even where 8 lanes
 * exist: one step of a small network is too short to pay for the 512-bit
 * units (while they run, Intel cores shut one vector port), and every
 * path gives the same bits. */
#define KERN_NARROW_PARAMS 4096

static const kern_ops *kern_ops_narrow(size_t n)
{
    const kern_ops *o = kern_ops_now();
#ifdef KERN_X86
    if (o == &kern_avx512 && n <= KERN_NARROW_PARAMS)
        return &kern_avx2;
#else
    (void)n;
#endif
    return o;
}

double kern_sgd_step(double *p, double *prev, const double *g, double lr,
                     size_t n)
{
    return kern_ops_narrow(n)->sgd_step(p, prev, g, lr, n);
}

static _Atomic bool kern_tiny_off;

void kern_set_tiny(bool on)
{
    atomic_store_explicit(&kern_tiny_off, !on, memory_order_relaxed);
}

/* The shape test shared by both directions: every width, every activation
 * and the block size in range. */
static bool kern_tiny_fits(const net *n, int rows)
{
    const unsigned acts = 1u << ACT_LINEAR | 1u << ACT_RELU |
                          1u << ACT_SIGMOID | 1u << ACT_TANH;
    if (atomic_load_explicit(&kern_tiny_off, memory_order_relaxed) ||
        rows < 1 || rows > KERN_TINY_ROWS || rows > n->batch_cap ||
        n->n_inputs > KERN_TINY_UNITS)
        return false;
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        if (L->n_out > KERN_TINY_UNITS || (unsigned)L->act >= 32 ||
            !(acts >> L->act & 1u))
            return false;
    }
    return true;
}

bool kern_tiny_forward(net *n, const double *x, int rows)
{
    if (!kern_tiny_fits(n, rows))
        return false;
    return kern_ops_now()->tiny_forward(n, x, rows);
}

bool kern_tiny_backward(net *n)
{
    if (!kern_tiny_fits(n, n->batch))
        return false;
    return kern_ops_now()->tiny_backward(n);
}

bool kern_tiny_loss_backward(net *n, loss_kind k, const double *y,
                             double norm)
{
    if ((k != LOSS_MSE && k != LOSS_BCE) || !kern_tiny_fits(n, n->batch))
        return false;
    return kern_ops_now()->tiny_loss_backward(n, k, y, norm);
}

bool kern_tiny_train(net *n, const double *x, int rows, loss_kind k,
                     const double *y, double norm, bool fresh, double *loss,
                     int *wrong)
{
    if ((k != LOSS_MSE && k != LOSS_BCE) || !kern_tiny_fits(n, rows) ||
        (wrong && n->layer[n->n_layers - 1].n_out != 1))
        return false;
    return kern_ops_now()->tiny_train(n, x, rows, k, y, norm, fresh, loss,
                                      wrong);
}

#elif KERN_TPL == 1
/* ==== level 1: one instruction set (KI_, KI_ATTR, KI_LANES, KI_VD) ==== */

/* the column-block helpers, one copy per width */
#define KB_ATTR KI_ATTR
#define KB_(name) KI_(name##_w1)
#define KB_VT double
#define KB_W 1
#undef KERN_TPL
#define KERN_TPL 2
#include "kernels.c"
#undef KB_
#undef KB_VT
#undef KB_W
#if KI_LANES >= 2
#define KB_(name) KI_(name##_w2)
#define KB_VT kern_v2
#define KB_VM kern_m2
#define KB_W 2
#include "kernels.c"
#undef KB_
#undef KB_VT
#undef KB_VM
#undef KB_W
#endif
#if KI_LANES >= 4
#define KB_(name) KI_(name##_w4)
#define KB_VT kern_v4
#define KB_VM kern_m4
#define KB_W 4
#include "kernels.c"
#undef KB_
#undef KB_VT
#undef KB_VM
#undef KB_W
#endif
#if KI_LANES >= 8
#define KB_(name) KI_(name##_w8)
#define KB_VT kern_v8
#define KB_VM kern_m8
#define KB_W 8
#include "kernels.c"
#undef KB_
#undef KB_VT
#undef KB_VM
#undef KB_W
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

/* dst[cols][rows] = src[rows][cols]^T; 4 x 4 blocks through registers
 * where the vectors allow, the edges one element at a time */
static KI_ATTR void KI_(transpose)(double *restrict dst,
                                   const double *restrict src, int rows,
                                   int cols)
{
    int r4 = 0, c4 = 0;
#if KI_LANES >= 4 && defined(KERN_SHUFFLE)
    r4 = rows & ~3;
    c4 = cols & ~3;
    for (int r = 0; r < r4; r += 4)
        for (int c = 0; c < c4; c += 4) {
            const double *p = src + (size_t)r * cols + c;
            kern_v4 a = KI_(load_w4)(p), b = KI_(load_w4)(p + cols),
                    e = KI_(load_w4)(p + 2 * (size_t)cols),
                    f = KI_(load_w4)(p + 3 * (size_t)cols);
            kern_v4 t0 = __builtin_shufflevector(a, b, 0, 4, 2, 6);
            kern_v4 t1 = __builtin_shufflevector(a, b, 1, 5, 3, 7);
            kern_v4 t2 = __builtin_shufflevector(e, f, 0, 4, 2, 6);
            kern_v4 t3 = __builtin_shufflevector(e, f, 1, 5, 3, 7);
            double *q = dst + (size_t)c * rows + r;
            KI_(store_w4)(q, __builtin_shufflevector(t0, t2, 0, 1, 4, 5));
            KI_(store_w4)(q + rows, __builtin_shufflevector(t1, t3, 0, 1, 4, 5));
            KI_(store_w4)(q + 2 * (size_t)rows,
                          __builtin_shufflevector(t0, t2, 2, 3, 6, 7));
            KI_(store_w4)(q + 3 * (size_t)rows,
                          __builtin_shufflevector(t1, t3, 2, 3, 6, 7));
        }
#endif
    /* the columns right of the blocks, then the rows below them */
    for (int c = c4; c < cols; c++)
        for (int r = 0; r < rows; r++)
            dst[(size_t)c * rows + r] = src[(size_t)r * cols + c];
    for (int c = 0; c < c4; c++)
        for (int r = r4; r < rows; r++)
            dst[(size_t)c * rows + r] = src[(size_t)r * cols + c];
}

static KI_ATTR bool KI_(linear_forward)(double *z, double *a, act_kind k,
                                        const double *x, const double *w,
                                        const double *b, double *wt, int rows,
                                        int I, int J)
{
    int act = k == ACT_RELU     ? KERN_ACT_RELU
              : k == ACT_LINEAR ? KERN_ACT_LINEAR
                                : KERN_ACT_NONE;
    if (I == 1 || J == 1) {
        /* w [J][I] is already laid out as w^T [I][J] */
        KI_COLUMNS(fwd_t, J, z, a, act, x, w, b, rows, I, J);
    } else if (rows <= 4) {
        /* one block of rows: read each weight where it lies, once */
        KI_COLUMNS(fwd_g, J, z, a, act, x, w, b, rows, I, J);
    } else {
        KI_(transpose)(wt, w, J, I);
        KI_COLUMNS(fwd_t, J, z, a, act, x, wt, b, rows, I, J);
    }
    return act != KERN_ACT_NONE;
}

KERN_INLINE KI_ATTR void KI_(params_body)(double *gw, double *gb,
                                          const double *dz, const double *x,
                                          int rows, int I, int J)
{
    KI_COLUMNS(gb, J, gb, dz, rows, J);
    /* Vectorise along whichever of i and j costs less: tiles of four units
     * (or inputs) times the vector blocks of the other side, five
     * instructions a row; along j each weight is also gathered and
     * scattered, about three instructions an element. */
    size_t along_i = (size_t)KI_(blocks)(I) * ((J + 3) / 4) * rows * 5;
    size_t along_j = (size_t)KI_(blocks)(J) * ((I + 3) / 4) * rows * 5 +
                     (size_t)I * J * 3;
    if (along_j < along_i)
        KI_COLUMNS(gwt, J, gw, dz, x, rows, I, J);
    else
        KI_COLUMNS(gw, I, gw, dz, x, rows, I, J);
}

KERN_INLINE KI_ATTR bool KI_(input_body)(double *dx, double *dxz,
                                         act_kind k, const double *zx,
                                         const double *ax, const double *dz,
                                         const double *w, int rows, int I,
                                         int J)
{
    int act = k == ACT_RELU      ? KERN_ACT_RELU
              : k == ACT_TANH    ? KERN_ACT_TANH
              : k == ACT_SIGMOID ? KERN_ACT_SIGMOID
              : k == ACT_LINEAR  ? KERN_ACT_LINEAR
                                 : KERN_ACT_NONE;
    KI_COLUMNS(dx, I, dx, dxz, act, zx, ax, dz, w, rows, I, J);
    return act != KERN_ACT_NONE;
}

static KI_ATTR void KI_(backward_params)(double *gw, double *gb,
                                         const double *dz, const double *x,
                                         int rows, int I, int J)
{
    KI_(params_body)(gw, gb, dz, x, rows, I, J);
}

static KI_ATTR bool KI_(backward_input)(double *dx, double *dxz, act_kind k,
                                        const double *zx, const double *ax,
                                        const double *dz, const double *w,
                                        int rows, int I, int J)
{
    return KI_(input_body)(dx, dxz, k, zx, ax, dz, w, rows, I, J);
}

/* both in one call: a layer's whole backward */
static KI_ATTR bool KI_(backward)(double *gw, double *gb, double *dx,
                                  double *dxz, act_kind k, const double *zx,
                                  const double *ax, const double *dz,
                                  const double *x, const double *w, int rows,
                                  int I, int J)
{
    KI_(params_body)(gw, gb, dz, x, rows, I, J);
    if (!dx)
        return true;
    return KI_(input_body)(dx, dxz, k, zx, ax, dz, w, rows, I, J);
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
    for (; i < n; i++) { /* the tail, each element into its own sum */
        double d = a[i] - b[i];
#if KI_LANES > 1
        acc[(i % 8) / KI_LANES][i % KI_LANES] += d * d;
#else
        acc[i % 8] += d * d;
#endif
    }
    double s[8];
    memcpy(s, acc, sizeof s);
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/* p -= lr * g, keeping the old p in prev, and the sum of squares of the
 * change in kern_sumsq_diff's order */
static KI_ATTR double KI_(sgd_step)(double *restrict p, double *restrict prev,
                                    const double *restrict g, double lr,
                                    size_t n)
{
    KI_VD acc[8 / KI_LANES];
    for (int k = 0; k < 8 / KI_LANES; k++)
        acc[k] = (KI_VD){0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8 / KI_LANES; k++) {
            size_t o = i + k * KI_LANES;
            KI_VD old = KI_LOAD(p + o);
            KERN_OPAQUE(old);
            KI_VD now = old - lr * KI_LOAD(g + o);
            KI_STORE(prev + o, old);
            KI_STORE(p + o, now);
            KI_VD d = now - old;
            acc[k] = acc[k] + d * d;
        }
    double s[8];
    memcpy(s, acc, sizeof s);
    for (; i < n; i++) { /* the tail, each element into its own sum */
        double old = p[i];
        KERN_OPAQUE(old);
        double now = old - lr * g[i];
        prev[i] = old;
        p[i] = now;
        double d = now - old;
        s[i % 8] += d * d;
    }
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/* ---- tiny networks (kern_tiny_forward / kern_tiny_backward) ----
 * The forward keeps a block's rows in the lanes of 4-lane vectors, one
 * vector per unit (a column of the block), so that the weights are read as
 * they lie, one scalar at a time, and a layer's output columns are the next
 * layer's inputs as they stand; the columns are turned into rows (4 x 4
 * transposes) only to be stored. The backward works on rows, as the
 * layer kernels above: it reads what the forward stored. */
#if defined(KERN_VECTOR) && KI_LANES >= 4

/* the fastmath element kernels (sigmoid, tanh) on 4 lanes */
#define FM_(name) KI_(fm_##name)
#define FM_ATTR KI_ATTR
#define FM_LANES 4
#define FM_VD kern_v4
#define FM_VU kern_u4
#define FASTMATH_TEMPLATE
#define FASTMATH_CORE_ONLY
#include "fastmath.c"
#undef FASTMATH_CORE_ONLY
#undef FASTMATH_TEMPLATE
#undef FM_
#undef FM_ATTR
#undef FM_LANES
#undef FM_VD
#undef FM_VU

/* one copy each, called (inlined into every layer copy they would weigh
 * more than they save) */
static KI_ATTR __attribute__((noinline)) kern_v4 KI_(t4_sigmoid)(kern_v4 z)
{
    return KI_(fm_sigmoid)(z);
}

static KI_ATTR __attribute__((noinline)) kern_v4 KI_(t4_tanh)(kern_v4 z)
{
    return KI_(fm_tanh)(z);
}

KERN_INLINE KI_ATTR kern_v4 KI_(t4_load)(const double *p)
{
    kern_v4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

KERN_INLINE KI_ATTR void KI_(t4_store)(double *p, kern_v4 v)
{
    memcpy(p, &v, sizeof v);
}

/* p[0 .. n) into the low lanes (n = 1..4), zeros above */
KERN_INLINE KI_ATTR kern_v4 KI_(t4_part)(const double *p, int n)
{
    switch (n) {
    case 1: return (kern_v4){p[0], 0.0, 0.0, 0.0};
    case 2: return (kern_v4){p[0], p[1], 0.0, 0.0};
    case 3: return (kern_v4){p[0], p[1], p[2], 0.0};
    default: return KI_(t4_load)(p);
    }
}

/* the low n lanes (n = 1..4) to p[0 .. n) */
KERN_INLINE KI_ATTR void KI_(t4_store_part)(double *p, kern_v4 v, int n)
{
    switch (n) {
    case 1:
        p[0] = v[0];
        return;
    case 2:
        p[0] = v[0];
        p[1] = v[1];
        return;
    case 3:
        p[0] = v[0];
        p[1] = v[1];
        p[2] = v[2];
        return;
    default:
        KI_(t4_store)(p, v);
        return;
    }
}

/* p[0], p[s], p[2s], p[3s] for the first n rows, zeros below */
KERN_INLINE KI_ATTR kern_v4 KI_(t4_column)(const double *p, size_t s, int n)
{
    switch (n) {
    case 1: return (kern_v4){p[0], 0.0, 0.0, 0.0};
    case 2: return (kern_v4){p[0], p[s], 0.0, 0.0};
    case 3: return (kern_v4){p[0], p[s], p[2 * s], 0.0};
    default: return (kern_v4){p[0], p[s], p[2 * s], p[3 * s]};
    }
}

/* rows r[k] = (c0[k], c1[k], c2[k], c3[k]) of four columns */
KERN_INLINE KI_ATTR void KI_(t4_transpose)(kern_v4 r[4], kern_v4 c0,
                                           kern_v4 c1, kern_v4 c2, kern_v4 c3)
{
#ifdef KERN_SHUFFLE
    kern_v4 t0 = __builtin_shufflevector(c0, c1, 0, 4, 2, 6);
    kern_v4 t1 = __builtin_shufflevector(c0, c1, 1, 5, 3, 7);
    kern_v4 t2 = __builtin_shufflevector(c2, c3, 0, 4, 2, 6);
    kern_v4 t3 = __builtin_shufflevector(c2, c3, 1, 5, 3, 7);
    r[0] = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
    r[1] = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
    r[2] = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
    r[3] = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
#else
    for (int k = 0; k < 4; k++)
        r[k] = (kern_v4){c0[k], c1[k], c2[k], c3[k]};
#endif
}

/* for (j = 0; j < J; j++) body, unrolled in the copies where J is a
 * constant (Jc != 0) and left a loop in the others (which stay small) */
#define KI_TINY_FOR_J(j, ...)                                                  \
    do {                                                                       \
        if (Jc) {                                                              \
            _Pragma("GCC unroll 8") for (int j = 0; j < J; j++) {              \
                __VA_ARGS__                                                    \
            }                                                                  \
        } else {                                                               \
            for (int j = 0; j < J; j++) {                                      \
                __VA_ARGS__                                                    \
            }                                                                  \
        }                                                                      \
    } while (0)

/* acc += T(r) for the rows r < rows, in order (a block has 1 to 4; `full`,
 * a constant, says it has 4) */
#define KI_TINY_ROWS_SUM(acc, T)                                               \
    do {                                                                       \
        acc = acc + (T(0));                                                    \
        if (full || rows > 1) {                                                \
            acc = acc + (T(1));                                                \
            if (full || rows > 2) {                                            \
                acc = acc + (T(2));                                            \
                if (full || rows > 3)                                          \
                    acc = acc + (T(3));                                        \
            }                                                                  \
        }                                                                      \
    } while (0)

/* Stores J columns (J <= 8) of `rows` rows as the row-major block
 * dst[rows][J]. */
KERN_INLINE KI_ATTR void KI_(t4_store_columns)(double *dst, const kern_v4 *col,
                                               int J, int rows, const int full)
{
    if (full)
        rows = 4;
    if (J == 1) { /* a column of one unit is its own row-major block */
        KI_(t4_store_part)(dst, col[0], rows);
        return;
    }
    const kern_v4 zero = {0.0, 0.0, 0.0, 0.0};
    for (int j0 = 0; j0 < J; j0 += 4) {
        int n = J - j0 < 4 ? J - j0 : 4;
        kern_v4 r[4];
        KI_(t4_transpose)(r, col[j0], n > 1 ? col[j0 + 1] : zero,
                          n > 2 ? col[j0 + 2] : zero,
                          n > 3 ? col[j0 + 3] : zero);
        double *d = dst + j0;
        size_t sJ = (size_t)J;
        if (n == 4 && (full || rows == 4)) {
            KI_(t4_store)(d, r[0]);
            KI_(t4_store)(d + sJ, r[1]);
            KI_(t4_store)(d + 2 * sJ, r[2]);
            KI_(t4_store)(d + 3 * sJ, r[3]);
        } else {
            for (int k = 0; k < rows; k++)
                KI_(t4_store_part)(d + k * sJ, r[k], n);
        }
    }
}

/* One layer of the forward on columns: zc[j] = b[j] + sum_i xc[i] w[j][i]
 * (i ascending), then the activation, both stored as rows. I is a
 * constant in each copy below, so the sum is unrolled. */
KERN_INLINE KI_ATTR void KI_(tiny_fwd_body)(net_layer *L, const kern_v4 *xc,
                                            kern_v4 *ac, int rows, const int I,
                                            const int full, const int Jc)
{
    const int J = Jc ? Jc : L->n_out;
    const double *w = L->w;
    kern_v4 zc[KERN_TINY_UNITS];
    KI_TINY_FOR_J(j, {
        double bj = L->b[j];
        const double *wj = w + (size_t)j * I;
        kern_v4 s = {bj, bj, bj, bj};
        _Pragma("GCC unroll 8") for (int i = 0; i < I; i++)
            s = s + xc[i] * wj[i];
        zc[j] = s;
    });
    KI_(t4_store_columns)(L->z, zc, J, rows, full);
    switch (L->act) {
    case ACT_RELU: /* z <= 0 ? 0 : z, NaN stays */
        KI_TINY_FOR_J(j, {
            ac[j] = (kern_v4)((kern_m4)zc[j] & ~(kern_m4)(zc[j] <= 0.0));
        });
        break;
    case ACT_SIGMOID:
#pragma GCC unroll 1
        for (int j = 0; j < J; j++)
            ac[j] = KI_(t4_sigmoid)(zc[j]);
        break;
    case ACT_TANH:
#pragma GCC unroll 1
        for (int j = 0; j < J; j++)
            ac[j] = KI_(t4_tanh)(zc[j]);
        break;
    default: /* linear */
        KI_TINY_FOR_J(j, { ac[j] = zc[j]; });
        break;
    }
    KI_(t4_store_columns)(L->a, ac, J, rows, full);
}

/* Stores one row's dL/da (n elements) and, from it, dL/dz of a layer with
 * activation k whose forward gave z and a (act.c's formulas). */
KERN_INLINE KI_ATTR void KI_(tiny_put_d)(double *da, double *dz,
                                         const double *z, const double *a,
                                         act_kind k, kern_v4 s, int n)
{
    KI_(t4_store_part)(da, s, n);
    kern_v4 q = s;
    if (k == ACT_RELU) { /* z <= 0 ? 0 : dx */
        kern_v4 zv = KI_(t4_part)(z, n);
        q = (kern_v4)((kern_m4)s & ~(kern_m4)(zv <= 0.0));
    } else if (k == ACT_TANH) { /* dx * (1 - a^2) */
        kern_v4 av = KI_(t4_part)(a, n);
        q = s * (1.0 - av * av);
    } else if (k == ACT_SIGMOID) { /* dx * (1 - a) * a */
        kern_v4 av = KI_(t4_part)(a, n);
        q = s * (1.0 - av) * av;
    }
    KI_(t4_store_part)(dz, q, n);
}

/* gw[j][i] += dz[r][j] * x[r][i] for one unit j, rows in order; g is row j
 * of gw, d points at dz[0][j] (rows sJ apart), x0/x1 the input rows'
 * halves */
KERN_INLINE KI_ATTR void KI_(tiny_gw_row)(double *g, const double *d,
                                          size_t sJ, const kern_v4 *x0,
                                          const kern_v4 *x1, int rows,
                                          const int full, const int H,
                                          const int n0, const int n1,
                                          bool fresh)
{
    const kern_v4 zero = {0.0, 0.0, 0.0, 0.0};
    kern_v4 g0 = fresh ? zero : KI_(t4_part)(g, n0);
#define KI_T(r) x0[r] * d[(r) * sJ]
    KI_TINY_ROWS_SUM(g0, KI_T);
#undef KI_T
    KI_(t4_store_part)(g, g0, n0);
    if (H > 1) {
        kern_v4 g1 = fresh ? zero : KI_(t4_part)(g + 4, n1);
#define KI_T(r) x1[r] * d[(r) * sJ]
        KI_TINY_ROWS_SUM(g1, KI_T);
#undef KI_T
        KI_(t4_store_part)(g + 4, g1, n1);
    }
}

/* A layer's backward on rows: gb, gw, and below the first layer dL/da and
 * dL/dz of the layer below (P), each element summed in the order of the
 * layer kernels above. A row of I inputs (I a constant in each copy) is one
 * or two 4-lane halves; the rows of the block (at most 4) are unrolled. */
KERN_INLINE KI_ATTR void KI_(tiny_bwd_body)(net_layer *L, net_layer *P,
                                            const double *x, int rows,
                                            bool fresh, const int I,
                                            const int full, const int Jc)
{
    if (full)
        rows = 4;
    const int H = I > 4 ? 2 : 1, n0 = I < 4 ? I : 4, n1 = I > 4 ? I - 4 : 4;
    const int J = Jc ? Jc : L->n_out;
    const size_t sJ = (size_t)J, sI = (size_t)I;
    const double *dz = L->dz;
    /* gb[j] += dz[r][j], rows in order */
    for (int j0 = 0; j0 < J; j0 += 4) {
        int nj = J - j0 < 4 ? J - j0 : 4;
        const double *d = dz + j0;
        kern_v4 g = KI_(t4_part)(L->gb + j0, nj);
        if (fresh)
            g = (kern_v4){0.0, 0.0, 0.0, 0.0};
#define KI_T(r) KI_(t4_part)(d + (r) * sJ, nj)
        KI_TINY_ROWS_SUM(g, KI_T);
#undef KI_T
        KI_(t4_store_part)(L->gb + j0, g, nj);
    }
    /* gw[j][i] += dz[r][j] * x[r][i], rows in order; absent rows of the
     * block read row 0 and are never added */
    kern_v4 x0[4], x1[4];
    for (int r = 0; r < 4; r++) {
        const double *xr = x + (r < rows ? r * sI : 0);
        x0[r] = KI_(t4_part)(xr, n0);
        x1[r] = H > 1 ? KI_(t4_part)(xr + 4, n1) : x0[r];
    }
    KI_TINY_FOR_J(j, {
        KI_(tiny_gw_row)(L->gw + (size_t)j * I, dz + j, sJ, x0, x1, rows, full,
                         H, n0, n1, fresh);
    });
    if (!P)
        return;
    /* dx[r][i] = 0, += w[j][i] * dz[r][j] for j ascending, four rows at a
     * time (absent rows repeat row 0 and are not stored); then dxz */
    const double *e0 = dz, *e1 = dz + (rows > 1 ? sJ : 0),
                 *e2 = dz + (rows > 2 ? 2 * sJ : 0),
                 *e3 = dz + (rows > 3 ? 3 * sJ : 0);
    const kern_v4 zero = {0.0, 0.0, 0.0, 0.0};
    kern_v4 s00 = zero, s10 = zero, s20 = zero, s30 = zero;
    kern_v4 s01 = zero, s11 = zero, s21 = zero, s31 = zero;
    const double *w = L->w;
    KI_TINY_FOR_J(j, {
        const double *wj = w + (size_t)j * I;
        kern_v4 w0 = KI_(t4_part)(wj, n0);
        s00 = s00 + w0 * e0[j];
        s10 = s10 + w0 * e1[j];
        s20 = s20 + w0 * e2[j];
        s30 = s30 + w0 * e3[j];
        if (H > 1) {
            kern_v4 w1 = KI_(t4_part)(wj + 4, n1);
            s01 = s01 + w1 * e0[j];
            s11 = s11 + w1 * e1[j];
            s21 = s21 + w1 * e2[j];
            s31 = s31 + w1 * e3[j];
        }
    });
    act_kind k = P->act;
    kern_v4 s0[4] = {s00, s10, s20, s30}, s1[4] = {s01, s11, s21, s31};
    for (int r = 0; r < rows; r++) {
        size_t o = r * sI;
        KI_(tiny_put_d)(P->da + o, P->dz + o, P->z + o, P->a + o, k, s0[r], n0);
        if (H > 1)
            KI_(tiny_put_d)(P->da + o + 4, P->dz + o + 4, P->z + o + 4,
                            P->a + o + 4, k, s1[r], n1);
    }
}

/* one copy of each body per input width 1..8 */
#define KI_TINY_WIDTHS(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8)
/* (a block of four rows, the usual case, in a copy of its own) */
#define KI_TINY_FWD(W)                                                         \
    static KI_ATTR void KI_(tiny_fwd_##W)(net_layer *L, const kern_v4 *xc,     \
                                          kern_v4 *ac, int rows)               \
    {                                                                          \
        if (rows == 4)                                                         \
            KI_(tiny_fwd_body)(L, xc, ac, 4, W, 1, 0);                         \
        else                                                                   \
            KI_(tiny_fwd_body)(L, xc, ac, rows, W, 0, 0);                      \
    }
#define KI_TINY_BWD(W)                                                         \
    static KI_ATTR void KI_(tiny_bwd_##W)(net_layer *L, net_layer *P,          \
                                          const double *x, int rows,           \
                                          bool fresh)                          \
    {                                                                          \
        if (rows == 4)                                                         \
            KI_(tiny_bwd_body)(L, P, x, 4, fresh, W, 1, 0);                    \
        else                                                                   \
            KI_(tiny_bwd_body)(L, P, x, rows, fresh, W, 0, 0);                 \
    }
KI_TINY_WIDTHS(KI_TINY_FWD)
KI_TINY_WIDTHS(KI_TINY_BWD)
#undef KI_TINY_FWD
#undef KI_TINY_BWD

/* Layers whose both widths are 1, 2, 4 or 8 (the usual shapes, the book's
 * 2-8-4-1 among them) on a block of four rows: one copy per pair of
 * widths, every loop unrolled. */
#define KI_TINY_POW2(X, I_) X(I_, 1) X(I_, 2) X(I_, 4) X(I_, 8)
#define KI_TINY_PAIRS(X)                                                       \
    KI_TINY_POW2(X, 1) KI_TINY_POW2(X, 2) KI_TINY_POW2(X, 4) KI_TINY_POW2(X, 8)
#define KI_TINY_FWD_IJ(I_, J_)                                                 \
    static KI_ATTR void KI_(tiny_fwd_##I_##x##J_)(                             \
        net_layer *L, const kern_v4 *xc, kern_v4 *ac, int rows)                \
    {                                                                          \
        (void)rows;                                                            \
        KI_(tiny_fwd_body)(L, xc, ac, 4, I_, 1, J_);                           \
    }
#define KI_TINY_BWD_IJ(I_, J_)                                                 \
    static KI_ATTR void KI_(tiny_bwd_##I_##x##J_)(                             \
        net_layer *L, net_layer *P, const double *x, int rows, bool fresh)     \
    {                                                                          \
        (void)rows;                                                            \
        KI_(tiny_bwd_body)(L, P, x, 4, fresh, I_, 1, J_);                      \
    }
KI_TINY_PAIRS(KI_TINY_FWD_IJ)
KI_TINY_PAIRS(KI_TINY_BWD_IJ)
#undef KI_TINY_FWD_IJ
#undef KI_TINY_BWD_IJ
#define KI_TINY_ROW4(P_, I_)                                                   \
    {KI_(P_##I_##x1), KI_(P_##I_##x2), KI_(P_##I_##x4), KI_(P_##I_##x8)}

typedef void (*KI_(tiny_fwd_fn))(net_layer *, const kern_v4 *, kern_v4 *, int);
typedef void (*KI_(tiny_bwd_fn))(net_layer *, net_layer *, const double *, int,
                                 bool);

/* the copy for a layer: by both widths for four rows and widths in
 * {1, 2, 4, 8}, else by the input width */
static KI_ATTR KI_(tiny_fwd_fn) KI_(tiny_fwd_pick)(const net_layer *L, int rows)
{
    static const KI_(tiny_fwd_fn) by_in[KERN_TINY_UNITS + 1] = {
        NULL, KI_(tiny_fwd_1), KI_(tiny_fwd_2), KI_(tiny_fwd_3),
        KI_(tiny_fwd_4), KI_(tiny_fwd_5), KI_(tiny_fwd_6), KI_(tiny_fwd_7),
        KI_(tiny_fwd_8)};
    static const KI_(tiny_fwd_fn) by_pair[4][4] = {
        KI_TINY_ROW4(tiny_fwd_, 1), KI_TINY_ROW4(tiny_fwd_, 2),
        KI_TINY_ROW4(tiny_fwd_, 4), KI_TINY_ROW4(tiny_fwd_, 8)};
    static const signed char lg[KERN_TINY_UNITS + 1] = {-1, 0, 1, -1, 2,
                                                        -1, -1, -1, 3};
    int a = lg[L->n_in], b = lg[L->n_out];
    if (rows == 4 && a >= 0 && b >= 0)
        return by_pair[a][b];
    return by_in[L->n_in];
}

static KI_ATTR KI_(tiny_bwd_fn) KI_(tiny_bwd_pick)(const net_layer *L, int rows)
{
    static const KI_(tiny_bwd_fn) by_in[KERN_TINY_UNITS + 1] = {
        NULL, KI_(tiny_bwd_1), KI_(tiny_bwd_2), KI_(tiny_bwd_3),
        KI_(tiny_bwd_4), KI_(tiny_bwd_5), KI_(tiny_bwd_6), KI_(tiny_bwd_7),
        KI_(tiny_bwd_8)};
    static const KI_(tiny_bwd_fn) by_pair[4][4] = {
        KI_TINY_ROW4(tiny_bwd_, 1), KI_TINY_ROW4(tiny_bwd_, 2),
        KI_TINY_ROW4(tiny_bwd_, 4), KI_TINY_ROW4(tiny_bwd_, 8)};
    static const signed char lg[KERN_TINY_UNITS + 1] = {-1, 0, 1, -1, 2,
                                                        -1, -1, -1, 3};
    int a = lg[L->n_in], b = lg[L->n_out];
    if (rows == 4 && a >= 0 && b >= 0)
        return by_pair[a][b];
    return by_in[L->n_in];
}
#undef KI_TINY_ROW4
#undef KI_TINY_POW2
#undef KI_TINY_PAIRS

static KI_ATTR bool KI_(tiny_forward)(net *n, const double *x, int rows)
{
    int I0 = n->n_inputs;
    n->batch = rows;
    if (x != n->input) { /* at most 32 doubles: no call to memcpy */
        int m = rows * I0, k = 0;
        for (; k + 4 <= m; k += 4) {
            kern_v4 v = KI_(t4_load)(x + k);
            KERN_OPAQUE(v);
            KI_(t4_store)(n->input + k, v);
        }
        for (; k < m; k++) {
            double v = x[k];
            KERN_OPAQUE(v);
            n->input[k] = v;
        }
    }
    /* ping-pong column buffers: a layer's input and its output */
    kern_v4 buf[2][KERN_TINY_UNITS];
    kern_v4 *xc = buf[0], *ac = buf[1];
    for (int i = 0; i < I0; i++)
        xc[i] = KI_(t4_column)(n->input + i, (size_t)I0, rows);
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        KI_(tiny_fwd_pick)(L, rows)(L, xc, ac, rows);
        kern_v4 *t = xc;
        xc = ac;
        ac = t;
    }
    return true;
}

/* every layer's backward; fresh: the gradients start from +0 instead of
 * their values (as after net_zero_grad) */
static KI_ATTR void KI_(tiny_layers_backward)(net *n, bool fresh)
{
    int rows = n->batch;
    for (int l = n->n_layers - 1; l >= 0; l--) {
        net_layer *L = &n->layer[l];
        KI_(tiny_bwd_pick)(L, rows)(L, l > 0 ? &n->layer[l - 1] : NULL,
                                    l > 0 ? n->layer[l - 1].a : n->input,
                                    rows, fresh);
    }
}

static KI_ATTR bool KI_(tiny_backward)(net *n)
{
    KI_(tiny_layers_backward)(n, false);
    return true;
}

/* The output layer's dL/da from the loss (loss.c's formulas) and its dL/dz
 * (the activation's derivative, as kern_act_backward), then the layers. */
static KI_ATTR void KI_(tiny_output_grad)(net *n, loss_kind k,
                                          const double *y, double norm)
{
    net_layer *Lo = &n->layer[n->n_layers - 1];
    int m = n->batch * Lo->n_out; /* at most 32 elements */
    act_kind act = Lo->act;
    for (int i = 0; i < m; i += 4) {
        int c = m - i < 4 ? m - i : 4;
        kern_v4 p = KI_(t4_part)(Lo->a + i, c), t = KI_(t4_part)(y + i, c);
        kern_v4 d;
        if (k == LOSS_BCE) { /* norm (p - y) / max((1 - p) p, 1e-12) */
            kern_v4 q = (1.0 - p) * p;
            q = (kern_v4)(((kern_m4)q & ~(kern_m4)(q < 1e-12)) |
                          ((kern_m4)(q < 1e-12) & (kern_m4)(kern_v4){
                               1e-12, 1e-12, 1e-12, 1e-12}));
            d = norm * (p - t) / q;
        } else { /* mse: (p - y) norm */
            d = (p - t) * norm;
        }
        KI_(t4_store_part)(Lo->da + i, d, c);
        if (act == ACT_SIGMOID)
            d = d * (1.0 - p) * p;
        else if (act == ACT_TANH)
            d = d * (1.0 - p * p);
        else if (act == ACT_RELU)
            d = (kern_v4)((kern_m4)d &
                          ~(kern_m4)(KI_(t4_part)(Lo->z + i, c) <= 0.0));
        KI_(t4_store_part)(Lo->dz + i, d, c);
    }
}

static KI_ATTR bool KI_(tiny_loss_backward)(net *n, loss_kind k,
                                            const double *y, double norm)
{
    KI_(tiny_output_grad)(n, k, y, norm);
    KI_(tiny_layers_backward)(n, false);
    return true;
}

/* forward, wrong count, loss, its gradient, backward: see kern_tiny_train */
static KI_ATTR bool KI_(tiny_train)(net *n, const double *x, int rows,
                                    loss_kind k, const double *y, double norm,
                                    bool fresh, double *loss, int *wrong)
{
    KI_(tiny_forward)(n, x, rows);
    const net_layer *Lo = &n->layer[n->n_layers - 1];
    const double *out = Lo->a;
    int J = Lo->n_out, m = rows * J;
    if (wrong) { /* one output: session_class_of's >= 0.5, as count_wrong */
        int w = 0;
        for (int r = 0; r < rows; r++)
            w += (out[r] >= 0.5) != ((int)y[r] == 1);
        *wrong = w;
    }
    /* the loss, summed as loss_forward sums it */
    double t[KERN_TINY_ROWS * KERN_TINY_UNITS];
    for (int i = 0; i < m; i += 4) {
        int c = m - i < 4 ? m - i : 4;
        kern_v4 p = KI_(t4_part)(out + i, c), q = KI_(t4_part)(y + i, c);
        kern_v4 v;
        if (k == LOSS_BCE) {
            v = KI_(fm_bce)(p, q);
        } else {
            kern_v4 d = p - q;
            v = 0.5 * d * d;
        }
        KI_(t4_store)(t + i, v);
    }
    double s = 0.0;
    if (k == LOSS_BCE && J == 1) { /* fastmath_bce_sum's order */
        for (int i = 0; i < m; i++)
            s += t[i];
    } else { /* loss_row's, row by row */
        for (int r = 0; r < rows; r++) {
            double row = 0.0;
            for (int c = 0; c < J; c++)
                row += t[r * J + c];
            s += row;
        }
    }
    *loss = s * norm;
    KI_(tiny_output_grad)(n, k, y, norm);
    KI_(tiny_layers_backward)(n, fresh);
    return true;
}

#else /* 2-lane or no vectors: the layer by layer path only */

static bool KI_(tiny_forward)(net *n, const double *x, int rows)
{
    (void)n, (void)x, (void)rows;
    return false;
}

static bool KI_(tiny_backward)(net *n)
{
    (void)n;
    return false;
}

static bool KI_(tiny_loss_backward)(net *n, loss_kind k, const double *y,
                                    double norm)
{
    (void)n, (void)k, (void)y, (void)norm;
    return false;
}

static bool KI_(tiny_train)(net *n, const double *x, int rows, loss_kind k,
                            const double *y, double norm, bool fresh,
                            double *loss, int *wrong)
{
    (void)n, (void)x, (void)rows, (void)k, (void)y, (void)norm, (void)fresh;
    (void)loss, (void)wrong;
    return false;
}

#endif /* tiny networks */

#undef KI_LOAD
#undef KI_STORE
#undef KI_COLUMNS

#else /* KERN_TPL == 2 */
/* ==== level 2: block helpers for one width (KB_, KB_VT, KB_W) ==== */

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

/* p[0], p[s], ..., p[(W-1)s] and back */
KERN_INLINE KB_ATTR KB_VT KB_(gather)(const double *p, size_t s)
{
#if KB_W == 1
    (void)s;
    return p[0];
#elif KB_W == 2
    return (KB_VT){p[0], p[s]};
#elif KB_W == 4
    return (KB_VT){p[0], p[s], p[2 * s], p[3 * s]};
#else
    return (KB_VT){p[0],     p[s],     p[2 * s], p[3 * s],
                   p[4 * s], p[5 * s], p[6 * s], p[7 * s]};
#endif
}

KERN_INLINE KB_ATTR void KB_(scatter)(double *p, size_t s, KB_VT v)
{
#if KB_W == 1
    (void)s;
    p[0] = v;
#else
    for (int k = 0; k < KB_W; k++)
        p[k * s] = v[k];
#endif
}

/* relu and its derivative exactly as act.c: z <= 0 ? 0 : z (NaN stays) */
#if KB_W == 1
KERN_INLINE KB_ATTR double KB_(relu)(double v) { return v <= 0.0 ? 0.0 : v; }
KERN_INLINE KB_ATTR double KB_(relu_grad)(double d, double z)
{
    return z <= 0.0 ? 0.0 : d;
}
#else
KERN_INLINE KB_ATTR KB_VT KB_(relu)(KB_VT v)
{
    return (KB_VT)((KB_VM)v & ~(KB_VM)(v <= 0.0));
}
KERN_INLINE KB_ATTR KB_VT KB_(relu_grad)(KB_VT d, KB_VT z)
{
    return (KB_VT)((KB_VM)d & ~(KB_VM)(z <= 0.0));
}
#endif

/* Stores a tile row of pre-activations and, for linear and relu, its
 * activations (a may be z). */
KERN_INLINE KB_ATTR void KB_(put_z)(double *z, double *a, int act, KB_VT s)
{
    KB_(store)(z, s);
    if (act == KERN_ACT_RELU)
        KB_(store)(a, KB_(relu)(s));
    else if (act == KERN_ACT_LINEAR)
        KB_(store)(a, s);
}

/* Stores a tile row of dL/da and, for the derivatives done here, dL/dz. */
KERN_INLINE KB_ATTR void KB_(put_d)(double *da, double *dz, const double *z,
                                    const double *a, int act, KB_VT s)
{
    KB_(store)(da, s);
    switch (act) {
    case KERN_ACT_LINEAR:
        KB_(store)(dz, s);
        break;
    case KERN_ACT_RELU:
        KB_(store)(dz, KB_(relu_grad)(s, KB_(load)(z)));
        break;
    case KERN_ACT_TANH: {
        KB_VT av = KB_(load)(a);
        KB_(store)(dz, s * (1.0 - av * av));
        break;
    }
    case KERN_ACT_SIGMOID: {
        KB_VT av = KB_(load)(a);
        KB_(store)(dz, s * (1.0 - av) * av);
        break;
    }
    default:
        break;
    }
}

/* Forward tile: rows 0..n-1 (n <= 4; one row on its own, otherwise absent
 * rows repeat row 0 and are not stored) of z and a, columns c..c+W: the bias, then x[r][i] times the
 * weights of input i, for i ascending. The weights of input i for these
 * columns are read from w^T [I][J] (gathered = 0) or gathered from w [J][I]
 * with stride I (gathered = 1; a literal, folded away once inlined). */
KERN_INLINE KB_ATTR void KB_(fwd_tile)(double *z, double *a, int act,
                                       const double *restrict x,
                                       const double *restrict w, int gathered,
                                       const double *restrict b, int n, int I,
                                       int J, int c)
{
    const KB_VT bias = KB_(load)(b + c);
    if (n == 1) { /* one row (batches of one, single points) */
        KB_VT s0 = bias;
        for (int i = 0; i < I; i++)
            s0 = s0 + (gathered ? KB_(gather)(w + (size_t)c * I + i, (size_t)I)
                                : KB_(load)(w + (size_t)i * J + c)) * x[i];
        KB_(put_z)(z + c, a + c, act, s0);
        return;
    }
    const double *x0 = x, *x1 = x + I,
                 *x2 = n > 2 ? x + 2 * (size_t)I : x,
                 *x3 = n > 3 ? x + 3 * (size_t)I : x;
    KB_VT s0 = bias, s1 = bias, s2 = bias, s3 = bias;
    for (int i = 0; i < I; i++) {
        KB_VT wi = gathered ? KB_(gather)(w + (size_t)c * I + i, (size_t)I)
                            : KB_(load)(w + (size_t)i * J + c);
        s0 = s0 + wi * x0[i];
        s1 = s1 + wi * x1[i];
        s2 = s2 + wi * x2[i];
        s3 = s3 + wi * x3[i];
    }
    KB_(put_z)(z + c, a + c, act, s0);
    KB_(put_z)(z + J + c, a + J + c, act, s1);
    if (n > 2)
        KB_(put_z)(z + 2 * (size_t)J + c, a + 2 * (size_t)J + c, act, s2);
    if (n > 3)
        KB_(put_z)(z + 3 * (size_t)J + c, a + 3 * (size_t)J + c, act, s3);
}

/* columns c..c+W of the forward, every row, weights from w^T [I][J] */
KERN_INLINE KB_ATTR void KB_(fwd_t)(double *z, double *a, int act,
                                    const double *x, const double *wt,
                                    const double *b, int rows, int I, int J,
                                    int c)
{
    for (int r = 0; r < rows; r += 4) {
        size_t o = (size_t)r * J;
        KB_(fwd_tile)(z + o, a + o, act, x + (size_t)r * I, wt, 0, b,
                      rows - r < 4 ? rows - r : 4, I, J, c);
    }
}

/* the same with the weights gathered from w [J][I] (rows <= 4 pays off) */
KERN_INLINE KB_ATTR void KB_(fwd_g)(double *z, double *a, int act,
                                    const double *x, const double *w,
                                    const double *b, int rows, int I, int J,
                                    int c)
{
    for (int r = 0; r < rows; r += 4) {
        size_t o = (size_t)r * J;
        KB_(fwd_tile)(z + o, a + o, act, x + (size_t)r * I, w, 1, b,
                      rows - r < 4 ? rows - r : 4, I, J, c);
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

/* gw[j][c..c+W) += x[r][c..] * dz[r][j] for r ascending, every j; gw [J][I].
 * Tiles of four units share each load of x (absent units repeat the last
 * one and are not stored). */
KERN_INLINE KB_ATTR void KB_(gw)(double *restrict gw, const double *restrict dz,
                                 const double *restrict x, int rows, int I,
                                 int J, int c)
{
    for (int j = 0; j < J; j += 4) {
        int n = J - j < 4 ? J - j : 4;
        double *g = gw + (size_t)j * I + c;
        if (n == 1) { /* one unit (an output layer of one) */
            KB_VT s0 = KB_(load)(g);
            const double *xr = x + c, *d = dz + j;
            for (int r = 0; r < rows; r++, xr += I, d += J)
                s0 = s0 + KB_(load)(xr) * d[0];
            KB_(store)(g, s0);
            break;
        }
        int o2 = n > 2 ? 2 : 1, o3 = n > 3 ? 3 : o2;
        KB_VT s0 = KB_(load)(g), s1 = KB_(load)(g + I),
              s2 = KB_(load)(g + (size_t)o2 * I),
              s3 = KB_(load)(g + (size_t)o3 * I);
        const double *xr = x + c, *d = dz + j;
        for (int r = 0; r < rows; r++, xr += I, d += J) {
            KB_VT xv = KB_(load)(xr);
            s0 = s0 + xv * d[0];
            s1 = s1 + xv * d[1];
            s2 = s2 + xv * d[o2];
            s3 = s3 + xv * d[o3];
        }
        KB_(store)(g, s0);
        KB_(store)(g + I, s1);
        if (n > 2)
            KB_(store)(g + 2 * (size_t)I, s2);
        if (n > 3)
            KB_(store)(g + 3 * (size_t)I, s3);
    }
}

/* The same sum vectorised along the units: gw[c..c+W)[i] += dz[r][c..] *
 * x[r][i] for r ascending, every i, the weights gathered and scattered with
 * stride I. Tiles of four inputs share each load of dz. */
KERN_INLINE KB_ATTR void KB_(gwt)(double *restrict gw, const double *restrict dz,
                                  const double *restrict x, int rows, int I,
                                  int J, int c)
{
    for (int i = 0; i < I; i += 4) {
        int n = I - i < 4 ? I - i : 4;
        double *g = gw + (size_t)c * I + i;
        if (n == 1) { /* one input */
            KB_VT s0 = KB_(gather)(g, (size_t)I);
            const double *xr = x + i, *d = dz + c;
            for (int r = 0; r < rows; r++, xr += I, d += J)
                s0 = s0 + KB_(load)(d) * xr[0];
            KB_(scatter)(g, (size_t)I, s0);
            break;
        }
        int o2 = n > 2 ? 2 : 1, o3 = n > 3 ? 3 : o2;
        KB_VT s0 = KB_(gather)(g, (size_t)I), s1 = KB_(gather)(g + 1, (size_t)I),
              s2 = KB_(gather)(g + o2, (size_t)I),
              s3 = KB_(gather)(g + o3, (size_t)I);
        const double *xr = x + i, *d = dz + c;
        for (int r = 0; r < rows; r++, xr += I, d += J) {
            KB_VT dv = KB_(load)(d);
            s0 = s0 + dv * xr[0];
            s1 = s1 + dv * xr[1];
            s2 = s2 + dv * xr[o2];
            s3 = s3 + dv * xr[o3];
        }
        KB_(scatter)(g, (size_t)I, s0);
        KB_(scatter)(g + 1, (size_t)I, s1);
        if (n > 2)
            KB_(scatter)(g + 2, (size_t)I, s2);
        if (n > 3)
            KB_(scatter)(g + 3, (size_t)I, s3);
    }
}

/* dx[r][c..c+W) = 0, then += w[j][c..] * dz[r][j] for j ascending, w [J][I],
 * and dxz from it for the derivatives done here. Tiles of four rows share
 * each load of w (absent rows repeat the last one and are not stored). */
KERN_INLINE KB_ATTR void KB_(dx)(double *dx, double *dxz, int act,
                                 const double *zx, const double *ax,
                                 const double *restrict dz,
                                 const double *restrict w, int rows, int I,
                                 int J, int c)
{
    for (int r = 0; r < rows; r += 4) {
        int n = rows - r < 4 ? rows - r : 4;
        if (n == 1) { /* one row */
            const double *d0 = dz + (size_t)r * J, *wj = w + c;
            KB_VT s0 = (KB_VT){0};
            for (int j = 0; j < J; j++, wj += I)
                s0 = s0 + KB_(load)(wj) * d0[j];
            size_t o0 = (size_t)r * I + c;
            KB_(put_d)(dx + o0, dxz + o0, zx + o0, ax + o0, act, s0);
            break;
        }
        const double *d0 = dz + (size_t)r * J, *d1 = d0 + J,
                     *d2 = n > 2 ? d0 + 2 * (size_t)J : d1,
                     *d3 = n > 3 ? d0 + 3 * (size_t)J : d2;
        const double *wj = w + c;
        KB_VT s0 = (KB_VT){0}, s1 = s0, s2 = s0, s3 = s0;
        for (int j = 0; j < J; j++, wj += I) {
            KB_VT wv = KB_(load)(wj);
            s0 = s0 + wv * d0[j];
            s1 = s1 + wv * d1[j];
            s2 = s2 + wv * d2[j];
            s3 = s3 + wv * d3[j];
        }
        size_t o0 = (size_t)r * I + c, o1 = o0 + I, o2 = o1 + I, o3 = o2 + I;
        KB_(put_d)(dx + o0, dxz + o0, zx + o0, ax + o0, act, s0);
        KB_(put_d)(dx + o1, dxz + o1, zx + o1, ax + o1, act, s1);
        if (n > 2)
            KB_(put_d)(dx + o2, dxz + o2, zx + o2, ax + o2, act, s2);
        if (n > 3)
            KB_(put_d)(dx + o3, dxz + o3, zx + o3, ax + o3, act, s3);
    }
}

#endif /* KERN_TPL */
