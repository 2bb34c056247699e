/* ds_labels.h - private to the io layer: collects the label column of a
 * dataset file row by row (the CSV and JSON readers share it), then decides
 * the task (binary, multi-class or regression) and maps labels to class
 * indices. The rules are written in include/io/ds_io.h. */
#ifndef MLPVIZ_IO_DS_LABELS_H
#define MLPVIZ_IO_DS_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/ds_io.h"

#define DS_LABELS_TRACK DS_MAX_CLASSES /* distinct labels remembered */

typedef struct {
    char *text;  /* as written (unquoted), NUL-terminated, owned */
    bool is_num;
    double v;    /* the value when is_num */
    long where;  /* line (CSV) or y index (JSON) of its first appearance */
} ds_label_entry;

typedef struct {
    const char *fname;
    bool json;                  /* where is a y index, not a line */
    int n;                      /* distinct labels in e[] */
    ds_label_entry e[DS_LABELS_TRACK];
    bool overflow;              /* more distinct labels than e[] holds */
    long overflow_where;
    char overflow_text[64];
    bool any_text;              /* some label is not a number */
    long text_where;
    char text_quote[64];
    bool any_nonint;            /* some numeric label is not a whole number */
    uint8_t *cls;               /* [cap] index into e[] per row */
    int cap;
} ds_labels;

int ds_labels_init(ds_labels *L, int cap, const char *fname, bool json);
void ds_labels_free(ds_labels *L);
/* Records the label of row `row`: text[0..len) as written (text may be
 * NULL for a JSON number), numeric when is_num. Writes the numeric value
 * (or 0) to *y. 0, or -1 when out of memory. */
int ds_labels_add(ds_labels *L, int row, const char *text, size_t len,
                  bool is_num, double v, long where, double *y);
/* Decides the task for rows 0..rows-1 of d and rewrites d->y to class
 * indices for classification. 0, or -1 with err set. */
int ds_labels_finish(ds_labels *L, ds_dataset *d, int rows, ds_io_task task,
                     char *err, size_t errlen);

/* Shared by the readers: "path/to/iris.csv" -> "iris" into name[DS_LABEL_MAX*2]. */
void ds_io_name_from_path(char *name, size_t len, const char *path);
/* Puts d into its final state after a successful read: the seeded split. */
void ds_io_finish_split(ds_dataset *d, const ds_io_options *o);

#endif
