/* model_io.h - the model file (DESIGN.md's JSON format, "mlpviz-model"
 * version 1), written and read with cJSON. Saves are atomic: a temporary
 * file in the same folder, flushed, then renamed over the target; a failed
 * save leaves the old file as it was. Loads check every field's type and
 * every size before allocating anything. Errors are one line naming the
 * file and what is wrong ("m.json: layers[1].weights[3][0]: expected a
 * number, found a string"; syntax errors give "m.json:12:5: ...").
 *
 * Numbers are written in the shortest of %.15g/%.16g/%.17g that reads back
 * to the same bits, so a save/load round trip is bit-exact (-0.0 and
 * subnormals too). Two optional keys follow "layers":
 *   "preprocess": {            the input pipeline (prep.h)
 *       "raw_inputs": 2,       raw features the pipeline takes
 *       "derived": ["x1*x2"],  derived features appended after them
 *       "scale": "standard",   none | standard | minmax
 *       "shift": [...],        network input i = (value_i - shift[i]) * mult[i],
 *       "mult": [...],         one each per network input (default 0 and 1)
 *       "names": [...] }       network input names (optional)
 *   "classes": ["setosa", ...] class names, 2..DS_MAX_CLASSES; as many as
 *                              output units, or two for a 1-unit output
 * and one optional key after "loss":
 *   "rng": "torch"             the generator that drew the initial weights
 *                              of the run (session_rng: mlpviz | torch);
 *                              absent: mlpviz
 * Unknown keys are ignored. */
#ifndef MLPVIZ_IO_MODEL_IO_H
#define MLPVIZ_IO_MODEL_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/loss.h"
#include "engine/net.h"
#include "engine/prep.h"
#include "engine/session.h"

#define MODEL_IO_MAX_BYTES (64u << 20) /* larger files are refused */

typedef struct {
    net_shape shape;
    loss_kind loss;
    size_t n_params;
    double *params;       /* [n_params] in net.h's layout */
    bool has_prep;        /* the file recorded derived features / scaling */
    prep_pipeline prep;
    session_rng rng;      /* "rng", SESSION_RNG_MLPVIZ when not recorded */
    bool has_rng;         /* the file recorded it */
    int n_classes;        /* 0 when not recorded */
    char class_names[DS_MAX_CLASSES][DS_LABEL_MAX];
} model_file;

/* Writes the network (and, when prep is not NULL, the input pipeline and
 * the class names of d when d is not NULL). 0, or -1 with err set. */
int model_io_save(const char *path, const net *n, loss_kind loss,
                  const prep_pipeline *prep, const ds_dataset *d, char *err,
                  size_t errlen);
/* Writes session s's network, input pipeline and class names, and the
 * generator of its initial weights ("rng"). 0, or -1 with err set. */
int model_io_save_session(const char *path, const session *s, char *err,
                          size_t errlen);
/* Reads a model file. 0, or -1 with err set (m is then empty). */
int model_io_load(const char *path, model_file *m, char *err, size_t errlen);
/* Parses model JSON from memory; `name` is used in messages. */
int model_io_parse(const char *text, size_t len, const char *name,
                   model_file *m, char *err, size_t errlen);
void model_file_free(model_file *m);

#endif
