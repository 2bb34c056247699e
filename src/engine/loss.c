/* loss.c - the three losses over a block [rows][cols] of outputs and
 * targets: value per row and in total (scaled by norm), their gradients with
 * respect to the outputs, and the fused softmax + cross-entropy gradient.
 * Clamps and epsilons are PyTorch's, so the numbers match its float64 ones.
 * BCE's logarithms run on fastmath's vector kernels, row and block alike. */
#include "engine/loss.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include "engine/fastmath.h"

/* No fused multiply-add: a row's loss has the same bits in a block and
 * alone. GCC does not contract in ISO C mode; Clang needs telling. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

/* torch.nn.BCELoss clamps each log at -100 and its gradient's denominator
 * p (1 - p) at 1e-12. */
#define LOSS_BCE_LOG_FLOOR (-100.0)
#define LOSS_BCE_EPS 1e-12
/* cross-entropy of probabilities: log(p) for p below this is taken at it */
#define LOSS_CE_TINY DBL_MIN

static const struct {
    const char *name;
    const char *formula;
} loss_table[LOSS_COUNT] = {
    [LOSS_MSE] = {"mse", "L = (y - y_hat)^2 / 2"},
    [LOSS_BCE] = {"bce", "L = -[y log(p) + (1 - y) log(1 - p)]"},
    [LOSS_CE] = {"ce", "L = -sum_c y_c log(p_c)"},
};

const char *loss_name(loss_kind k)
{
    if ((unsigned)k >= LOSS_COUNT)
        return "unknown";
    return loss_table[k].name;
}

const char *loss_formula(loss_kind k)
{
    if ((unsigned)k >= LOSS_COUNT)
        return "unknown";
    return loss_table[k].formula;
}

/* ASCII, case-insensitive, '-' taken as '_' */
static bool loss_name_eq(const char *a, const char *b)
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

bool loss_from_name(const char *name, loss_kind *out)
{
    static const struct {
        const char *name;
        loss_kind kind;
    } names[] = {
        {"mse", LOSS_MSE},
        {"bce", LOSS_BCE},
        {"ce", LOSS_CE},
        {"cross_entropy", LOSS_CE},
    };
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (loss_name_eq(name, names[i].name)) {
            if (out)
                *out = names[i].kind;
            return true;
        }
    }
    return false;
}

/* max(l, floor) that lets a NaN through, as std::max(l, floor) does */
static double loss_floor(double l, double floor)
{
    return l < floor ? floor : l;
}

double loss_row(loss_kind k, const double *out, const double *y, int cols)
{
    double s = 0.0;
    switch (k) {
    case LOSS_MSE:
        for (int c = 0; c < cols; c++) {
            double d = out[c] - y[c];
            s += 0.5 * d * d;
        }
        return s;
    case LOSS_BCE: /* PyTorch: (y - 1) log1p(-p) - y log(p), logs floored */
        for (int c = 0; c < cols; c++)
            s += fastmath_bce_term(out[c], y[c]);
        return s;
    case LOSS_CE:
        for (int c = 0; c < cols; c++) {
            double p = out[c] < LOSS_CE_TINY ? LOSS_CE_TINY : out[c];
            s -= y[c] * log(p);
        }
        return s;
    case LOSS_COUNT:
        break;
    }
    return NAN;
}

/* BCE over whole rows of a block: the terms of up to LOSS_BCE_BLOCK
 * elements at a time from fastmath, then summed as loss_row and
 * loss_forward sum them (a row from 0, the rows in order), so the total has
 * the bits of the row by row sum. */
#define LOSS_BCE_BLOCK 64
static double loss_bce_sum(const double *out, const double *y, int rows,
                           int cols)
{
    if (cols == 1) /* one output: the terms are the rows */
        return fastmath_bce_sum(FASTMATH_ISA_AUTO, out, y, (size_t)rows);
    double t[LOSS_BCE_BLOCK], s = 0.0;
    int per = LOSS_BCE_BLOCK / cols; /* rows a block holds, >= 1 */
    for (int r0 = 0; r0 < rows; r0 += per) {
        int n = rows - r0 < per ? rows - r0 : per;
        size_t off = (size_t)r0 * (size_t)cols;
        fastmath_bce(FASTMATH_ISA_AUTO, t, out + off, y + off,
                     (size_t)n * (size_t)cols);
        for (int r = 0; r < n; r++) {
            double row = 0.0;
            for (int c = 0; c < cols; c++)
                row += t[r * cols + c];
            s += row;
        }
    }
    return s;
}

double loss_forward(loss_kind k, const double *out, const double *y, int rows,
                    int cols, double norm)
{
    double s = 0.0;
    if (cols <= 0)
        return 0.0;
    if (k == LOSS_BCE && cols <= LOSS_BCE_BLOCK)
        return loss_bce_sum(out, y, rows, cols) * norm;
    for (int r = 0; r < rows; r++) {
        size_t off = (size_t)r * (size_t)cols;
        s += loss_row(k, out + off, y + off, cols);
    }
    return s * norm;
}

void loss_backward(loss_kind k, double *dout, const double *out,
                   const double *y, int rows, int cols, double norm)
{
    size_t n = (rows > 0 && cols > 0) ? (size_t)rows * (size_t)cols : 0;
    switch (k) {
    case LOSS_MSE:
        for (size_t i = 0; i < n; i++)
            dout[i] = (out[i] - y[i]) * norm;
        return;
    case LOSS_BCE: /* PyTorch: grad (p - y) / max((1 - p) p, 1e-12) */
        for (size_t i = 0; i < n; i++) {
            double p = out[i];
            dout[i] = norm * (p - y[i]) /
                      loss_floor((1.0 - p) * p, LOSS_BCE_EPS);
        }
        return;
    case LOSS_CE:
        for (size_t i = 0; i < n; i++) {
            double p = out[i] < LOSS_CE_TINY ? LOSS_CE_TINY : out[i];
            dout[i] = -norm * y[i] / p;
        }
        return;
    case LOSS_COUNT:
        break;
    }
    for (size_t i = 0; i < n; i++)
        dout[i] = NAN;
}

void loss_backward_z(loss_kind k, act_kind act, double *dz, const double *z,
                     const double *out, const double *y, int rows, int cols,
                     double norm)
{
    if (k == LOSS_CE && act == ACT_SOFTMAX) {
        /* d/dz of -sum y log softmax(z) = softmax(z) - y when each row of y
         * sums to 1 (one-hot targets) */
        size_t n = (rows > 0 && cols > 0) ? (size_t)rows * (size_t)cols : 0;
        for (size_t i = 0; i < n; i++)
            dz[i] = (out[i] - y[i]) * norm;
        return;
    }
    loss_backward(k, dz, out, y, rows, cols, norm);
    act_backward(act, dz, dz, z, out, rows, cols);
}
