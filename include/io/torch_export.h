/* torch_export.h - writes a trained session as a runnable PyTorch script in
 * the book's style: an nn.Module with the same layers and activations, the
 * trained weights loaded at full precision (float64), the input pipeline,
 * the dataset inline when small, and the same training settings ready to
 * go on. The written script, run with python3:
 *   (no flag)     prints the book's "Input: [...], Output: ..., Expected: ..."
 *                 lines (accuracy lines for more than 16 rows);
 *   --train       trains on for the exported number of epochs (--epochs N),
 *                 printing "Epoch [k/N], Loss: x.xxxx" lines, then predicts;
 *                 mini-batches come in mlpviz's order (its xoshiro256**
 *                 shuffle, written into the script, going on from where it
 *                 stood), so the run goes on as mlpviz's would;
 *   --train --from-scratch
 *                 the same from mlpviz's initial weights, the optimizer
 *                 and the shuffle fresh: torch.manual_seed(SEED) and
 *                 PyTorch's own float32 draw when the session was torch
 *                 seeded (session_torch_seeded), else the initial weights
 *                 written out;
 *   --print-raw   prints every row's outputs with %.17g, one row a line;
 *   --data F.csv  uses a CSV file instead of the inline rows. */
#ifndef MLPVIZ_IO_TORCH_EXPORT_H
#define MLPVIZ_IO_TORCH_EXPORT_H

#include <stddef.h>

#include "engine/session.h"

/* Datasets with more rows than this are not written into the script; it
 * then names the dataset and reads rows with --data. */
#define TORCH_EXPORT_MAX_INLINE_ROWS 1000

/* Epochs written into the script when the caller gives none (< 1). */
#define TORCH_EXPORT_DEFAULT_EPOCHS 100

/* Writes the script for session s to path, atomically (a temporary file,
 * then rename; a failed export leaves an existing file as it was).
 * `epochs` is the length of the training loop written into the script
 * (TORCH_EXPORT_DEFAULT_EPOCHS when < 1).
 * 0, or -1 with one line naming the file in err. */
int torch_export_write(const char *path, const session *s, long epochs,
                       char *err, size_t errlen);

#endif
