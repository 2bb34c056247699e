/* kernels.h - the dense loops of a training step: a layer's matrix products
 * (forward, weight gradients, input gradients), the activations cheap enough
 * to run inline, the optimizer updates and a sum of squares, whole passes of
 * tiny networks, each in one copy per instruction set (2, 4 or 8 lanes)
 * chosen at run time. Internal to the
 * engine (net.c, opt.c and session.c call it); the tests and the benchmark
 * use kern_set_isa to compare the paths.
 *
 * Determinism: every path performs the same IEEE operations in the same
 * order on each element (no fused multiply-add, no reassociation: a product
 * is summed in index order, exactly as the plain loops in the comments say),
 * so all paths give bit-identical results and forcing the generic one
 * changes nothing but the speed. */
#ifndef MLPVIZ_ENGINE_KERNELS_H
#define MLPVIZ_ENGINE_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/act.h"
#include "engine/fastmath.h"
#include "engine/loss.h"
#include "engine/net.h"

/* The path the kernels take: FASTMATH_ISA_AUTO (the default) picks the
 * widest the CPU offers; an unavailable one is taken as AUTO. Tests and the
 * benchmark use it to compare paths; it is not meant to change mid-step. */
void kern_set_isa(fastmath_isa isa);
fastmath_isa kern_isa(void); /* the path in use, never AUTO */

/* z[rows][J] = x[rows][I] w^T + b, w [J][I]:
 *   z[r][j] = b[j]; for i ascending: z[r][j] += x[r][i] * w[j][i].
 * For k = ACT_LINEAR or ACT_RELU it also writes a = f(z) (a may be z) and
 * returns true; for any other kind it returns false and leaves a alone.
 * wt is scratch for I*J doubles. z and a must not overlap x. */
bool kern_linear_forward(double *z, double *a, act_kind k, const double *x,
                         const double *w, const double *b, double *wt,
                         int rows, int I, int J);

/* Weight and bias gradients, added in:
 *   for r ascending: gb[j] += dz[r][j]; gw[j][i] += dz[r][j] * x[r][i].
 * gw [J][I], gb [J], dz [rows][J], x [rows][I]. */
void kern_linear_backward_params(double *gw, double *gb, const double *dz,
                                 const double *x, int rows, int I, int J);

/* Input gradient dx[rows][I] = dz[rows][J] w:
 *   dx[r][i] = 0; for j ascending: dx[r][i] += dz[r][j] * w[j][i].
 * The input is the activation k of the layer below, whose forward gave zx
 * and ax: for k = linear, relu, sigmoid or tanh it also writes that layer's
 * dL/dz, dxz = dx * f'(zx) (act.c's formulas), and returns true; for any
 * other kind it returns false and leaves dxz alone. */
bool kern_linear_backward_input(double *dx, double *dxz, act_kind k,
                                const double *zx, const double *ax,
                                const double *dz, const double *w, int rows,
                                int I, int J);

/* A layer's whole backward in one call: kern_linear_backward_params, then,
 * unless dx is NULL (the first layer), kern_linear_backward_input; returns
 * what the latter returns (true when dx is NULL). */
bool kern_linear_backward(double *gw, double *gb, double *dx, double *dxz,
                          act_kind k, const double *zx, const double *ax,
                          const double *dz, const double *x, const double *w,
                          int rows, int I, int J);

/* a = f(z) over n elements for the activations computed here (linear and
 * relu, with act.c's exact formulas); false, touching nothing, for any
 * other kind. a may alias z. */
bool kern_act_forward(act_kind k, double *a, const double *z, size_t n);
/* dz = da * f'(z) for linear, relu, sigmoid and tanh (act.c's formulas);
 * false for any other kind. dz may alias da. */
bool kern_act_backward(act_kind k, double *dz, const double *da,
                       const double *z, const double *a, size_t n);

/* Tiny networks: a block of at most KERN_TINY_ROWS rows through a network
 * whose inputs and layers are all at most KERN_TINY_UNITS wide, every
 * activation linear, relu, sigmoid or tanh (the book's XOR net, a batch of
 * a few points). For these, kern_tiny_forward is net_forward and
 * kern_tiny_backward is net_backward from the output layer's dz (already
 * written by the caller), to the bit and with every value of the pass left
 * where those leave it, but in one call each: the rows ride in the lanes
 * of one vector through the forward and no layer pays a dispatch. Both
 * return false, touching nothing, for any other network or block, and on
 * the generic path (it has no 4-lane vectors to hold the rows). */
#define KERN_TINY_ROWS 4
#define KERN_TINY_UNITS 8
bool kern_tiny_forward(net *n, const double *x, int rows);
bool kern_tiny_backward(net *n);
/* kern_tiny_backward preceded by the output layer's dL/da for loss k
 * (mse or bce, as loss_backward with targets y[rows][n_out] and norm) and
 * its dL/dz (as kern_act_backward); false for ce or another network. */
bool kern_tiny_loss_backward(net *n, loss_kind k, const double *y,
                             double norm);
/* A whole pass over a block in one call, to the bit what these do in turn:
 * net_forward(n, x, rows); *wrong = the rows classified wrong as the
 * session counts them (one output: out >= 0.5 against (int)y == 1), when
 * wrong is not NULL; *loss = loss_forward(k, out, y, rows, n_out, norm);
 * loss_backward and the output activation's backward; net_backward. With
 * fresh the gradients are written as if net_zero_grad had run first (the
 * caller need not clear them); otherwise they are added to. false,
 * touching nothing, off the tiny path (a network or block too big for
 * it, or kern_set_tiny(false)), for ce, or for a count of wrong rows with
 * more than one output. */
bool kern_tiny_train(net *n, const double *x, int rows, loss_kind k,
                     const double *y, double norm, bool fresh, double *loss,
                     int *wrong);
/* false turns the tiny path off (both return false), so that tests and the
 * benchmark can compare it with the layer by layer one; true by default. */
void kern_set_tiny(bool on);

/* p[i] -= lr * g[i] */
void kern_sgd(double *p, const double *g, double lr, size_t n);
/* buf[i] = first ? g[i] : mu * buf[i] + g[i]; p[i] -= lr * buf[i] */
void kern_momentum(double *p, double *buf, const double *g, double lr,
                   double mu, bool first, size_t n);

/* prev[i] = p[i]; p[i] -= lr * g[i]; returns kern_sumsq_diff(p, prev, n)
 * (the same bits), all in one pass. */
double kern_sgd_step(double *p, double *prev, const double *g, double lr,
                     size_t n);

/* sum of (a[i] - b[i])^2 in a fixed order: eight partial sums (element i
 * goes to sum i % 8), then ((s0+s1)+(s2+s3)) + ((s4+s5)+(s6+s7)). */
double kern_sumsq_diff(const double *a, const double *b, size_t n);

#endif
