/* ds_io.h - datasets from files: CSV (comma, semicolon or tab separated,
 * optional header, # comments, quoted fields, CRLF) and JSON
 * ({"name", "features", "x", "y"}), and the shipped datasets found by name.
 * Every malformed file gives one line naming the file, the line (and field)
 * and what is wrong; nothing is allocated beyond set limits. */
#ifndef MLPVIZ_IO_DS_IO_H
#define MLPVIZ_IO_DS_IO_H

#include <stddef.h>
#include <stdint.h>

#include "engine/ds.h"

/* Limits: larger inputs are refused with a message, never half read. */
#define DS_IO_MAX_BYTES (512u << 20)     /* CSV file size */
#define DS_IO_MAX_JSON_BYTES (64u << 20) /* JSON file size (the parse tree is
                                            several times larger) */
#define DS_IO_MAX_LINE (1u << 20)        /* bytes in one CSV record */
#define DS_IO_MAX_VALUES (1u << 25)      /* rows x features held at once */

typedef enum { DS_IO_TASK_AUTO, DS_IO_TASK_CLASSIFY, DS_IO_TASK_REGRESS }
    ds_io_task;

/* The task, from the label column (CSV: the last column; JSON: "y"):
 *  - any label that is not a number (CSV), or a JSON string or boolean:
 *    classes, numbered in order of first appearance; 2..DS_MAX_CLASSES of
 *    them (DS_BINARY for two, DS_MULTICLASS above);
 *  - all labels numbers: classes, numbered in ascending order of value (so
 *    0/1 stay 0/1 and -1/1 become 0/1), when there are at most
 *    DS_MAX_CLASSES distinct values and either they are all whole numbers
 *    or there are exactly two; otherwise DS_REGRESSION with the values as
 *    targets;
 *  - DS_IO_TASK_CLASSIFY makes numbers classes (more than DS_MAX_CLASSES
 *    distinct is then an error); DS_IO_TASK_REGRESS makes them targets (a
 *    text label is then an error). One class alone is always an error.
 * class_names hold the labels as written (cut to DS_LABEL_MAX - 1 bytes).
 * CSV details: the first record decides the separator (a tab if it has one,
 * else a semicolon, else a comma) and is a header when none of its feature
 * fields is a number; with a tab or semicolon separator a decimal comma
 * ("1,5") is read as a decimal point. A quoted field may span lines. */
typedef struct {
    ds_io_task task;    /* how to read the labels */
    double test_ratio;  /* share of rows held out, seeded split */
    uint64_t seed;
} ds_io_options;

void ds_io_options_default(ds_io_options *o);

/* Loads `name_or_path`: a path to a .csv or .json file, or the name of a
 * shipped dataset ("iris"). 0, or -1 with err set. */
int ds_io_load(const char *name_or_path, ds_dataset *d, const ds_io_options *o,
               char *err, size_t errlen);
/* Parsers over memory, for tests and fuzzing; `fname` names the source in
 * messages. */
int ds_io_parse_csv(const char *text, size_t len, const char *fname,
                    ds_dataset *d, const ds_io_options *o, char *err,
                    size_t errlen);
int ds_io_parse_json(const char *text, size_t len, const char *fname,
                     ds_dataset *d, const ds_io_options *o, char *err,
                     size_t errlen);
/* The folder of the shipped datasets: $MLPVIZ_DATADIR, else ./datasets when
 * it exists, else the install prefix's share/mlpviz/datasets. */
const char *ds_io_data_dir(void);
/* Names of the shipped datasets (file names without extension) found in
 * ds_io_data_dir(); returns how many were written into names (max n). */
int ds_io_list_shipped(char names[][DS_LABEL_MAX * 2], int n);

#endif
