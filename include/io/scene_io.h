/* scene_io.h - the scene file ("mlpviz-scene" version 1): a whole training
 * session in one JSON file, so that `S` on the screen and `mlpviz --session
 * FILE` put a class back exactly where the teacher left it. It holds the
 * session config, the dataset with every row (points added by hand too) and
 * its train/test split, the input pipeline, the network (shape, per-layer
 * activations, current, initial and previous weights), the optimizer state
 * (kind, lr, step count, moments), the position in the epoch (row order,
 * cursor, shuffle rng, a step in progress), epoch, steps, status, the loss
 * history, and an optional view record for the screen.
 *
 * Training a reopened scene gives the same numbers, bit for bit, as training
 * the session that was saved. Numbers are written as in model_io (shortest
 * form that reads back to the same bits); a NaN is written as null and an
 * infinity as the string "inf" or "-inf" (loss history; weights only in a
 * diverged scene). Seeds and rng words are written so that all 64 bits
 * survive. Saves are atomic. Loads check every key's type, every size
 * against the limits before allocating, and how the parts fit together;
 * errors are one line naming the file and the JSON path
 * ("s.json: dataset.x[3][1]: expected a number, found a string").
 *
 * Layout (keys in this order when written; unknown keys are ignored):
 *   format, version
 *   config      {model, hidden[], hidden_activation, output_activation, loss,
 *                optimizer, lr, batch, seed, rng, init, l1, l2, derived[],
 *                scale}   (rng: mlpviz | torch, the generator of the initial
 *                weights; absent in older files: mlpviz)
 *   dataset     {name, task (binary|multiclass|regression), features[],
 *                classes[] (classification only), train, x[][], y[]}
 *   preprocess  as in the model file (raw_inputs, derived, scale, shift,
 *               mult, names)
 *   network     {inputs, layers[{units, activation, weights[][], biases[]}]}
 *   initial_params, initial_from, previous_params
 *               the params flat, in net.h's parameter layout; initial_from
 *               is seed | given | edited, where the initial weights came
 *               from (absent in older files: seed)
 *   optimizer   {kind, lr, t, m[], v[]}   (m, v flat like the params)
 *   training    {epoch, steps, status, phase, diverged_epoch, order[],
 *                cursor, shuffle_rng[4 hex strings], epoch_loss_sum,
 *                epoch_rows, epoch_wrong, batch_first, batch_rows,
 *                batch_loss, last{step, rows, row, loss, error, y_hat,
 *                step_size}}
 *   history     {train[], test[]}
 *   view        {view, layer, unit, input, lesson, scene}   optional */
#ifndef MLPVIZ_IO_SCENE_IO_H
#define MLPVIZ_IO_SCENE_IO_H

#include <stddef.h>

#include "engine/session.h"

#define SCENE_IO_MAX_BYTES (64u << 20) /* larger files are refused (and a
                                          save that would be larger fails) */
#define SCENE_VIEW_NAME_MAX 32
#define SCENE_LESSON_NAME_MAX 64

/* What the screen keeps of its own state in a scene: the view shown, the
 * selected weight (unit `unit`'s input `input` of weight layer `layer`;
 * input == n_in of that layer is the bias) and the lesson being followed.
 * The io layer stores it without interpreting it. view[0] == '\0' means
 * "no view saved", lesson[0] == '\0' "not in a lesson". */
typedef struct {
    char view[SCENE_VIEW_NAME_MAX];       /* "main", "inspector", ... */
    int layer, unit, input;
    char lesson[SCENE_LESSON_NAME_MAX];   /* lesson name, as lesson_find takes */
    int lesson_scene;                     /* 0-based scene of that lesson */
} scene_view;

/* Writes session s (and the view record when v is not NULL) to path,
 * atomically: a failed save leaves an existing file as it was. A step in
 * progress (s->phase not READY) is saved too and reopens at the same phase.
 * 0, or -1 with one line naming the file in err. */
int scene_io_save(const char *path, const session *s, const scene_view *v,
                  char *err, size_t errlen);

/* Reads a scene into a fresh session *s (any old content of *s is ignored,
 * not freed) and, when v is not NULL, the view record (zero-filled when the
 * file has none). The values the last step left for the inspector (every
 * layer's z, a, da, dz and the gradients) are computed again from the
 * previous weights, so the inspector shows what it showed before the save.
 * 0, or -1 with one line in err; *s is then zero-filled (session_free is
 * safe on it). */
int scene_io_load(const char *path, session *s, scene_view *v, char *err,
                  size_t errlen);

/* The same from memory; `name` names the text in messages. */
int scene_io_parse(const char *text, size_t len, const char *name, session *s,
                   scene_view *v, char *err, size_t errlen);

#endif
