/* ds_json.c - the JSON dataset reader: {"name": "...", "features": [names],
 * "x": [[numbers]...], "y": [numbers or strings]}. The text is checked
 * (UTF-8, nesting depth) before cJSON parses it; then every key's type and
 * every row's length is checked and copied into the dataset, and the tree is
 * deleted. Errors name the file and the JSON path ("x[3][1]: ..."), or the
 * line and column of a syntax error. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds_labels.h"
#include "io/ds_io.h"
#include "io_file.h"

#define DS_JSON_MAX_DEPTH 16

static int ds_json_count(const cJSON *a, int limit)
{
    int k = 0;
    for (const cJSON *c = a->child; c && k <= limit; c = c->next) k++;
    return k;
}

int ds_io_parse_json(const char *text, size_t len, const char *fname,
                     ds_dataset *d, const ds_io_options *o, char *err,
                     size_t errlen)
{
    ds_io_options def;
    if (!o) {
        ds_io_options_default(&def);
        o = &def;
    }
    if (!fname) fname = "(json)";
    memset(d, 0, sizeof *d);
    if (len > DS_IO_MAX_JSON_BYTES) {
        snprintf(err, errlen, "%s: file too large (the limit for JSON is %u MiB)",
                 fname, DS_IO_MAX_JSON_BYTES >> 20);
        return -1;
    }
    io_file_locale loc;
    io_file_locale_enter(&loc);
    ds_labels L;
    memset(&L, 0, sizeof L);
    cJSON *root = io_file_json_parse(text, len, fname, DS_JSON_MAX_DEPTH, err, errlen);
    if (!root) goto fail;
    if (!cJSON_IsObject(root)) {
        snprintf(err, errlen,
                 "%s: expected a JSON object with \"x\" and \"y\", found %s", fname,
                 io_file_json_type(root));
        goto fail;
    }
    const cJSON *jx = cJSON_GetObjectItemCaseSensitive(root, "x");
    const cJSON *jy = cJSON_GetObjectItemCaseSensitive(root, "y");
    const cJSON *jf = cJSON_GetObjectItemCaseSensitive(root, "features");
    const cJSON *jn = cJSON_GetObjectItemCaseSensitive(root, "name");
    if (!jx) {
        snprintf(err, errlen, "%s: missing key \"x\" (the feature rows)", fname);
        goto fail;
    }
    if (!jy) {
        snprintf(err, errlen, "%s: missing key \"y\" (the labels)", fname);
        goto fail;
    }
    if (!cJSON_IsArray(jx)) {
        snprintf(err, errlen, "%s: x: expected an array of rows, found %s", fname,
                 io_file_json_type(jx));
        goto fail;
    }
    if (!cJSON_IsArray(jy)) {
        snprintf(err, errlen, "%s: y: expected an array of labels, found %s", fname,
                 io_file_json_type(jy));
        goto fail;
    }
    const int rows = ds_json_count(jx, DS_MAX_ROWS);
    if (rows == 0) {
        snprintf(err, errlen, "%s: x: no rows", fname);
        goto fail;
    }
    if (rows > DS_MAX_ROWS) {
        snprintf(err, errlen, "%s: x: more than %d rows (the limit)", fname,
                 DS_MAX_ROWS);
        goto fail;
    }
    const cJSON *r0 = jx->child;
    if (!cJSON_IsArray(r0)) {
        snprintf(err, errlen, "%s: x[0]: expected an array of numbers, found %s",
                 fname, io_file_json_type(r0));
        goto fail;
    }
    const int nf = ds_json_count(r0, DS_MAX_FEATURES);
    if (nf == 0) {
        snprintf(err, errlen, "%s: x[0]: empty row, at least one feature is needed",
                 fname);
        goto fail;
    }
    if (nf > DS_MAX_FEATURES) {
        snprintf(err, errlen, "%s: x[0]: too many features (max %d)", fname,
                 DS_MAX_FEATURES);
        goto fail;
    }
    const int ny = ds_json_count(jy, DS_MAX_ROWS);
    if (ny != rows) {
        snprintf(err, errlen, "%s: y: %d labels for %d rows of x", fname, ny, rows);
        goto fail;
    }
    if ((size_t)rows * (size_t)nf > DS_IO_MAX_VALUES) {
        snprintf(err, errlen, "%s: too many values (%d rows of %d features; the "
                 "limit is %u values)", fname, rows, nf, DS_IO_MAX_VALUES);
        goto fail;
    }
    if (jf) {
        if (!cJSON_IsArray(jf)) {
            snprintf(err, errlen, "%s: features: expected an array of names, found %s",
                     fname, io_file_json_type(jf));
            goto fail;
        }
        int k = ds_json_count(jf, DS_MAX_FEATURES + 1);
        if (k != nf) {
            snprintf(err, errlen, "%s: features: %d names for %d features in x",
                     fname, k, nf);
            goto fail;
        }
        k = 0;
        for (const cJSON *c = jf->child; c; c = c->next, k++)
            if (!cJSON_IsString(c)) {
                snprintf(err, errlen, "%s: features[%d]: expected a string, found %s",
                         fname, k, io_file_json_type(c));
                goto fail;
            }
    }
    if (jn && !cJSON_IsString(jn)) {
        snprintf(err, errlen, "%s: name: expected a string, found %s", fname,
                 io_file_json_type(jn));
        goto fail;
    }

    char name[DS_LABEL_MAX * 2];
    if (jn && jn->valuestring[0])
        io_file_copy_name(name, sizeof name, jn->valuestring, strlen(jn->valuestring));
    else
        ds_io_name_from_path(name, sizeof name, fname);
    if (ds_new(d, name, nf, DS_REGRESSION, 0, rows) != 0 ||
        ds_labels_init(&L, rows, fname, true) != 0) {
        snprintf(err, errlen, "%s: out of memory", fname);
        goto fail;
    }
    int r = 0;
    for (const cJSON *row = jx->child; row; row = row->next, r++) {
        if (!cJSON_IsArray(row)) {
            snprintf(err, errlen, "%s: x[%d]: expected an array of %d numbers, found %s",
                     fname, r, nf, io_file_json_type(row));
            goto fail;
        }
        int j = 0;
        double *xr = d->x + (size_t)r * (size_t)nf;
        for (const cJSON *c = row->child; c; c = c->next, j++) {
            if (j >= nf) break;
            if (!cJSON_IsNumber(c)) {
                snprintf(err, errlen, "%s: x[%d][%d]: expected a number, found %s",
                         fname, r, j, io_file_json_type(c));
                goto fail;
            }
            if (!isfinite(c->valuedouble)) {
                snprintf(err, errlen, "%s: x[%d][%d]: not a finite number", fname, r, j);
                goto fail;
            }
            xr[j] = c->valuedouble;
        }
        int k = ds_json_count(row, nf + 1);
        if (k != nf) {
            snprintf(err, errlen, "%s: x[%d]: %s%d values, expected %d (as in x[0])",
                     fname, r, k > nf ? "more than " : "", k > nf ? nf : k, nf);
            goto fail;
        }
    }
    r = 0;
    for (const cJSON *c = jy->child; c; c = c->next, r++) {
        int rc;
        if (cJSON_IsNumber(c)) {
            if (!isfinite(c->valuedouble)) {
                snprintf(err, errlen, "%s: y[%d]: not a finite number", fname, r);
                goto fail;
            }
            rc = ds_labels_add(&L, r, NULL, 0, true, c->valuedouble, r, &d->y[r]);
        } else if (cJSON_IsString(c)) {
            const char *t = c->valuestring;
            if (!t[0]) {
                snprintf(err, errlen, "%s: y[%d]: empty label", fname, r);
                goto fail;
            }
            rc = ds_labels_add(&L, r, t, strlen(t), false, 0.0, r, &d->y[r]);
        } else if (cJSON_IsBool(c)) {
            const char *t = cJSON_IsTrue(c) ? "true" : "false";
            rc = ds_labels_add(&L, r, t, strlen(t), false, 0.0, r, &d->y[r]);
        } else {
            snprintf(err, errlen, "%s: y[%d]: expected a number or a string, found %s",
                     fname, r, io_file_json_type(c));
            goto fail;
        }
        if (rc != 0) {
            snprintf(err, errlen, "%s: out of memory", fname);
            goto fail;
        }
    }
    d->n_train = rows;
    d->n_test = 0;
    if (ds_labels_finish(&L, d, rows, o->task, err, errlen) != 0) goto fail;
    const cJSON *fc = jf ? jf->child : NULL;
    for (int j = 0; j < nf; j++, fc = fc ? fc->next : NULL) {
        if (fc && fc->valuestring[0])
            io_file_copy_name(d->feature_names[j], DS_LABEL_MAX, fc->valuestring,
                              strlen(fc->valuestring));
        else
            snprintf(d->feature_names[j], DS_LABEL_MAX, "x%d", j + 1);
    }
    ds_labels_free(&L);
    cJSON_Delete(root);
    io_file_locale_leave(&loc);
    ds_io_finish_split(d, o);
    return 0;

fail:
    ds_labels_free(&L);
    cJSON_Delete(root);
    ds_free(d);
    memset(d, 0, sizeof *d);
    io_file_locale_leave(&loc);
    return -1;
}
