/* loss.h - loss functions over a block of outputs [rows][cols] and targets of
 * the same shape. Each returns a sum scaled by `norm`: pass norm = 1/N to get
 * the mean over a batch of N rows even when the batch is processed in chunks.
 *   mse: the book's (y - y_hat)^2 / 2 per element
 *   bce: binary cross-entropy, logs clamped at -100 as PyTorch's BCELoss does
 *   ce:  cross-entropy of probabilities (the output of a softmax layer) and
 *        one-hot targets; with a softmax output the pair is fused by
 *        loss_backward_z into the exact (p - y) form. */
#ifndef MLPVIZ_ENGINE_LOSS_H
#define MLPVIZ_ENGINE_LOSS_H

#include <stdbool.h>

#include "engine/act.h"

typedef enum { LOSS_MSE, LOSS_BCE, LOSS_CE, LOSS_COUNT } loss_kind;

const char *loss_name(loss_kind k);
const char *loss_formula(loss_kind k); /* one line, for the screen */
bool loss_from_name(const char *name, loss_kind *out);

/* Sum over the block of the per-row loss, times norm. */
double loss_forward(loss_kind k, const double *out, const double *y, int rows,
                    int cols, double norm);
/* Per-row loss (no norm), for tables and the update view. */
double loss_row(loss_kind k, const double *out, const double *y, int cols);
/* dout = dL/dout of (sum * norm). */
void loss_backward(loss_kind k, double *dout, const double *out,
                   const double *y, int rows, int cols, double norm);
/* dz = dL/dz of the output layer, for output activation `act` whose forward
 * gave z and out. Fused (exact, stable) for softmax+ce; otherwise
 * loss_backward followed by act_backward. dz must not alias out or y. */
void loss_backward_z(loss_kind k, act_kind act, double *dz, const double *z,
                     const double *out, const double *y, int rows, int cols,
                     double norm);

#endif
