/* model_io.h - the model file (DESIGN.md's JSON format, "mlpviz-model"
 * version 1), written and read with cJSON. Saves are atomic: a temporary
 * file in the same folder, flushed, then renamed over the target; a failed
 * save leaves the old file as it was. Loads check every field's type and
 * every size before allocating anything. Errors are one line naming the
 * file and what is wrong. */
#ifndef MLPVIZ_IO_MODEL_IO_H
#define MLPVIZ_IO_MODEL_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/loss.h"
#include "engine/net.h"
#include "engine/prep.h"

#define MODEL_IO_MAX_BYTES (64u << 20) /* larger files are refused */

typedef struct {
    net_shape shape;
    loss_kind loss;
    size_t n_params;
    double *params;       /* [n_params] in net.h's layout */
    bool has_prep;        /* the file recorded derived features / scaling */
    prep_pipeline prep;
    int n_classes;        /* 0 when not recorded */
    char class_names[DS_MAX_CLASSES][DS_LABEL_MAX];
} model_file;

/* Writes the network (and, when prep is not NULL, the input pipeline and
 * the class names of d when d is not NULL). 0, or -1 with err set. */
int model_io_save(const char *path, const net *n, loss_kind loss,
                  const prep_pipeline *prep, const ds_dataset *d, char *err,
                  size_t errlen);
/* Reads a model file. 0, or -1 with err set (m is then empty). */
int model_io_load(const char *path, model_file *m, char *err, size_t errlen);
/* Parses model JSON from memory; `name` is used in messages. */
int model_io_parse(const char *text, size_t len, const char *name,
                   model_file *m, char *err, size_t errlen);
void model_file_free(model_file *m);

#endif
