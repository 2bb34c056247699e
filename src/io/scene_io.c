/* scene_io.c - the scene file ("mlpviz-scene" version 1): a whole session
 * written by hand in the model file's number format and saved atomically;
 * read with cJSON into plain parts (every type, size and range checked
 * before anything is allocated), then rebuilt through session_new and
 * session_load_params, its run's state handed to session_import_state
 * (which checks it and takes a step in progress again). The run's state is
 * written from session_export_state. The layout is described in
 * include/io/scene_io.h. */
#include "io/scene_io.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_state.h"
#include "io/ds_io.h"
#include "io_file.h"

#define SCENE_MAX_DEPTH 16
#define SCENE_MAX_COUNT 9007199254740992.0 /* 2^53: counters stay exact */
#define SCENE_MAX_HISTORY (1L << 26)       /* epochs of loss history */

static const char *const task_names[] = {"binary", "multiclass", "regression"};
static const char *const phase_names[] = {"ready", "forward", "loss", "backward"};

/* ---- writing ---- */

/* A number that reads back to the same bits; NaN as null, infinities as
 * the strings "inf" and "-inf". */
static void sb_num(io_sb *s, double v)
{
    if (isnan(v)) {
        io_sb_str(s, "null");
    } else if (isinf(v)) {
        io_sb_str(s, v > 0 ? "\"inf\"" : "\"-inf\"");
    } else {
        char buf[40];
        io_file_format_double(buf, sizeof buf, v);
        io_sb_str(s, buf);
    }
}


/* "key": with the indent before it. */
static void sb_key(io_sb *s, const char *indent, const char *key)
{
    io_sb_str(s, indent);
    io_sb_json_str(s, key);
    io_sb_str(s, ": ");
}

/* [v0, v1, ...]; long arrays wrap every 8 values onto lines that start
 * with `indent`. */
static void sb_nums(io_sb *s, const double *v, size_t n, const char *indent)
{
    io_sb_add(s, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (i && i % 8 == 0 && n > 8) {
            io_sb_str(s, ",\n");
            io_sb_str(s, indent);
        } else if (i) {
            io_sb_add(s, ", ", 2);
        }
        sb_num(s, v[i]);
    }
    io_sb_add(s, "]", 1);
}

static void sb_u64(io_sb *s, uint64_t v)
{
    /* exact in a JSON number up to 2^53; beyond that a decimal string */
    if (v <= (1ULL << 53))
        io_sb_printf(s, "%" PRIu64, v);
    else
        io_sb_printf(s, "\"%" PRIu64 "\"", v);
}

/* Where the initial weights came from (session_init_source, in order). */
static const char *const init_source_names[] = {"seed", "given", "edited"};

static void write_config(io_sb *b, const session_config *c)
{
    io_sb_str(b, "  \"config\": {\n");
    sb_key(b, "    ", "model");
    io_sb_json_str(b, session_model_name(c->model));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "hidden");
    io_sb_str(b, "[");
    for (int l = 0; l < c->n_hidden && l < NET_MAX_LAYERS - 1; l++)
        io_sb_printf(b, l ? ", %d" : "%d", c->hidden[l]);
    io_sb_str(b, "],\n");
    sb_key(b, "    ", "hidden_activation");
    io_sb_json_str(b, act_name(c->hidden_act));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "output_activation");
    io_sb_json_str(b, act_name(c->output_act));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "loss");
    io_sb_json_str(b, loss_name(c->loss));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "optimizer");
    io_sb_json_str(b, opt_name(c->optimizer));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "lr");
    sb_num(b, c->lr);
    io_sb_printf(b, ",\n    \"batch\": %d,\n", c->batch);
    sb_key(b, "    ", "seed");
    sb_u64(b, c->seed);
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "rng");
    io_sb_json_str(b, session_rng_name(c->rng));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "init");
    io_sb_json_str(b, net_init_name(c->init));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "l1");
    sb_num(b, c->l1);
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "l2");
    sb_num(b, c->l2);
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "derived");
    io_sb_str(b, "[");
    int k = 0;
    for (int i = 0; i < PREP_FEATURE_COUNT; i++)
        if (c->features & (1u << i)) {
            if (k++)
                io_sb_str(b, ", ");
            io_sb_json_str(b, prep_feature_name(i));
        }
    io_sb_str(b, "],\n");
    sb_key(b, "    ", "scale");
    io_sb_json_str(b, prep_scale_name(c->scale));
    io_sb_str(b, "\n  },\n");
}

static void write_dataset(io_sb *b, const ds_dataset *d)
{
    io_sb_str(b, "  \"dataset\": {\n");
    sb_key(b, "    ", "name");
    io_sb_json_str(b, d->name);
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "task");
    io_sb_json_str(b, task_names[d->task]);
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "features");
    io_sb_str(b, "[");
    for (int f = 0; f < d->n_features; f++) {
        if (f)
            io_sb_str(b, ", ");
        io_sb_json_str(b, d->feature_names[f]);
    }
    io_sb_str(b, "],\n");
    if (d->task != DS_REGRESSION) {
        sb_key(b, "    ", "classes");
        io_sb_str(b, "[");
        for (int k = 0; k < d->n_classes; k++) {
            if (k)
                io_sb_str(b, ", ");
            io_sb_json_str(b, d->class_names[k]);
        }
        io_sb_str(b, "],\n");
    }
    io_sb_printf(b, "    \"train\": %d,\n", d->n_train);
    sb_key(b, "    ", "x");
    int rows = ds_rows(d);
    io_sb_str(b, rows ? "[\n" : "[");
    for (int r = 0; r < rows; r++) {
        io_sb_str(b, "      ");
        sb_nums(b, d->x + (size_t)r * (size_t)d->n_features,
                (size_t)d->n_features, "       ");
        io_sb_str(b, r + 1 < rows ? ",\n" : "\n    ");
    }
    io_sb_str(b, "],\n");
    sb_key(b, "    ", "y");
    sb_nums(b, d->y, (size_t)rows, "      ");
    io_sb_str(b, "\n  },\n");
}

static void write_prep(io_sb *b, const prep_pipeline *p)
{
    io_sb_printf(b, "  \"preprocess\": {\n    \"raw_inputs\": %d,\n", p->n_raw);
    sb_key(b, "    ", "derived");
    io_sb_str(b, "[");
    int k = 0;
    for (int i = 0; i < PREP_FEATURE_COUNT; i++)
        if (p->features & (1u << i)) {
            if (k++)
                io_sb_str(b, ", ");
            io_sb_json_str(b, prep_feature_name(i));
        }
    io_sb_str(b, "],\n");
    sb_key(b, "    ", "scale");
    io_sb_json_str(b, prep_scale_name(p->scale));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "shift");
    sb_nums(b, p->shift, (size_t)p->n_in, "      ");
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "mult");
    sb_nums(b, p->mult, (size_t)p->n_in, "      ");
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "names");
    io_sb_str(b, "[");
    for (int i = 0; i < p->n_in; i++) {
        if (i)
            io_sb_str(b, ", ");
        io_sb_json_str(b, p->names[i]);
    }
    io_sb_str(b, "]\n  },\n");
}

static void write_network(io_sb *b, const net *n)
{
    io_sb_printf(b, "  \"network\": {\n    \"inputs\": %d,\n    \"layers\": [\n",
              n->n_inputs);
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        io_sb_printf(b, "      {\n        \"units\": %d,\n", L->n_out);
        sb_key(b, "        ", "activation");
        io_sb_json_str(b, act_name(L->act));
        io_sb_str(b, ",\n        \"weights\": [\n");
        for (int j = 0; j < L->n_out; j++) {
            io_sb_str(b, "          ");
            sb_nums(b, L->w + (size_t)j * (size_t)L->n_in, (size_t)L->n_in,
                    "           ");
            io_sb_str(b, j + 1 < L->n_out ? ",\n" : "\n");
        }
        io_sb_str(b, "        ],\n");
        sb_key(b, "        ", "biases");
        sb_nums(b, L->b, (size_t)L->n_out, "          ");
        io_sb_str(b, l + 1 < n->n_layers ? "\n      },\n" : "\n      }\n");
    }
    io_sb_str(b, "    ]\n  },\n");
}

static void write_training(io_sb *b, const session_state *s)
{
    io_sb_printf(b, "  \"training\": {\n    \"epoch\": %ld,\n    \"steps\": %ld,\n",
              s->epoch, s->steps);
    sb_key(b, "    ", "status");
    io_sb_json_str(b, session_status_name(s->status));
    io_sb_str(b, ",\n");
    sb_key(b, "    ", "phase");
    io_sb_json_str(b, (s->phase >= 0 && s->phase <= SESSION_PHASE_BACKWARD)
                       ? phase_names[s->phase] : "ready");
    io_sb_printf(b, ",\n    \"judged_from\": %ld", s->judge_since);
    io_sb_printf(b, ",\n    \"diverged_epoch\": %ld,\n    \"order\": [",
              s->diverged_epoch);
    for (int i = 0; i < s->n_train; i++) {
        if (i && i % 16 == 0)
            io_sb_str(b, ",\n      ");
        else if (i)
            io_sb_str(b, ", ");
        io_sb_printf(b, "%d", s->order[i]);
    }
    io_sb_printf(b, "],\n    \"cursor\": %d,\n", s->cursor);
    sb_key(b, "    ", "shuffle_rng");
    io_sb_printf(b, "[\"%016" PRIx64 "\", \"%016" PRIx64 "\", \"%016" PRIx64
                 "\", \"%016" PRIx64 "\"],\n",
              s->shuffle_rng.s[0], s->shuffle_rng.s[1], s->shuffle_rng.s[2],
              s->shuffle_rng.s[3]);
    sb_key(b, "    ", "epoch_loss_sum");
    sb_num(b, s->epoch_loss_sum);
    io_sb_printf(b, ",\n    \"epoch_rows\": %d,\n    \"epoch_wrong\": %d,\n",
              s->epoch_rows, s->epoch_wrong);
    io_sb_printf(b, "    \"batch_first\": %d,\n    \"batch_rows\": %d,\n",
              s->batch_first, s->batch_rows);
    sb_key(b, "    ", "batch_loss");
    sb_num(b, s->batch_loss);
    io_sb_printf(b, ",\n    \"last\": {\n      \"step\": %ld,\n      \"rows\": %d,\n"
                 "      \"row\": %d,\n",
              s->last.step, s->last.rows, s->last.row);
    sb_key(b, "      ", "loss");
    sb_num(b, s->last.loss);
    io_sb_str(b, ",\n");
    sb_key(b, "      ", "error");
    sb_num(b, s->last.error);
    io_sb_str(b, ",\n");
    sb_key(b, "      ", "y_hat");
    sb_num(b, s->last.y_hat);
    io_sb_str(b, ",\n");
    sb_key(b, "      ", "step_size");
    sb_num(b, s->last.step_size);
    io_sb_str(b, "\n    }\n  },\n");
}

static void write_view(io_sb *b, const scene_view *v)
{
    char name[SCENE_VIEW_NAME_MAX], lesson[SCENE_LESSON_NAME_MAX];
    snprintf(name, sizeof name, "%.*s", (int)sizeof name - 1, v->view);
    snprintf(lesson, sizeof lesson, "%.*s", (int)sizeof lesson - 1, v->lesson);
    io_sb_str(b, ",\n  \"view\": {\n");
    sb_key(b, "    ", "view");
    io_sb_json_str(b, name);
    io_sb_printf(b, ",\n    \"layer\": %d,\n    \"unit\": %d,\n    \"input\": %d,\n",
              v->layer, v->unit, v->input);
    sb_key(b, "    ", "lesson");
    io_sb_json_str(b, lesson);
    io_sb_printf(b, ",\n    \"scene\": %d\n  }", v->lesson_scene);
}

int scene_io_save(const char *path, const session *s, const scene_view *v,
                  char *err, size_t errlen)
{
    if (!path)
        path = "(no file name)";
    if (!s || s->net.n_layers < 1 || !s->net.params || !s->init_params ||
        !s->prev_params || !s->opt.m || !s->opt.v || !s->order) {
        snprintf(err, errlen, "%s: no session to save", path);
        return -1;
    }
    io_file_locale loc;
    io_file_locale_enter(&loc);
    io_sb b = {NULL, 0, 0, false};
    size_t np = s->net.n_params;
    io_sb_str(&b, "{\n  \"format\": \"mlpviz-scene\",\n  \"version\": 1,\n");
    write_config(&b, &s->cfg);
    write_dataset(&b, &s->data);
    write_prep(&b, &s->prep);
    write_network(&b, &s->net);
    sb_key(&b, "  ", "initial_params");
    sb_nums(&b, s->init_params, np, "    ");
    io_sb_str(&b, ",\n");
    sb_key(&b, "  ", "initial_from");
    io_sb_json_str(&b, init_source_names[s->init_source]);
    io_sb_str(&b, ",\n");
    session_state st;
    session_export_state(s, &st);
    sb_key(&b, "  ", "previous_params");
    sb_nums(&b, st.prev_params, np, "    ");
    io_sb_str(&b, ",\n  \"optimizer\": {\n");
    sb_key(&b, "    ", "kind");
    io_sb_json_str(&b, opt_name(st.opt_kind));
    io_sb_str(&b, ",\n");
    sb_key(&b, "    ", "lr");
    sb_num(&b, st.opt_lr);
    io_sb_printf(&b, ",\n    \"t\": %ld,\n", st.opt_t);
    sb_key(&b, "    ", "m");
    sb_nums(&b, st.opt_m, np, "      ");
    io_sb_str(&b, ",\n");
    sb_key(&b, "    ", "v");
    sb_nums(&b, st.opt_v, np, "      ");
    io_sb_str(&b, "\n  },\n");
    write_training(&b, &st);
    io_sb_str(&b, "  \"history\": {\n");
    sb_key(&b, "    ", "train");
    sb_nums(&b, st.hist_train, (size_t)st.hist_len, "      ");
    io_sb_str(&b, ",\n");
    sb_key(&b, "    ", "test");
    sb_nums(&b, st.hist_test, (size_t)st.hist_len, "      ");
    io_sb_str(&b, "\n  }");
    if (v)
        write_view(&b, v);
    io_sb_str(&b, "\n}\n");
    io_file_locale_leave(&loc);
    if (b.oom) {
        free(b.b);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (b.n > SCENE_IO_MAX_BYTES) {
        snprintf(err, errlen, "%s: not saved: the scene would take %zu MiB, more "
                 "than the %u MiB a scene may have (a smaller dataset fits)",
                 path, b.n >> 20, SCENE_IO_MAX_BYTES >> 20);
        free(b.b);
        return -1;
    }
    int rc = io_file_write_atomic(path, b.b, b.n, err, errlen);
    free(b.b);
    return rc;
}

/* ---- reading: JSON into plain parts ---- */

typedef struct {
    const char *fname;
    char *err;
    size_t errlen;
} scene_rd;

/* Everything a scene file holds, checked, before a session is built. */
typedef struct {
    session_config cfg;
    ds_dataset data;
    prep_pipeline prep;
    net_shape shape;
    size_t n_params;
    double *params, *init, *prev, *m, *v; /* [n_params] each */
    session_init_source init_source;
    opt_kind opt_kind;
    double opt_lr;
    long opt_t;
    long epoch, steps, diverged_epoch, judge_since;
    session_status status;
    session_phase phase;
    int *order;                           /* [n_train] */
    long cursor, epoch_rows, epoch_wrong, batch_first, batch_rows;
    rng_state rng;
    double epoch_loss_sum, batch_loss;
    session_step_info last;
    long hist_len;
    double *hist_train, *hist_test;       /* [hist_len] */
    scene_view view;
} scene_parts;

static void parts_free(scene_parts *p)
{
    ds_free(&p->data);
    free(p->params);
    free(p->init);
    free(p->prev);
    free(p->m);
    free(p->v);
    free(p->order);
    free(p->hist_train);
    free(p->hist_test);
    memset(p, 0, sizeof *p);
}

/* "fname: path: message" (or "fname: message" for an empty path). */
static int rd_fail(const scene_rd *r, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (path && path[0])
        snprintf(r->err, r->errlen, "%s: %s: %s", r->fname, path, msg);
    else
        snprintf(r->err, r->errlen, "%s: %s", r->fname, msg);
    return -1;
}

/* path.key into buf. */
static const char *join(char *buf, size_t n, const char *path, const char *key)
{
    if (path[0])
        snprintf(buf, n, "%s.%s", path, key);
    else
        snprintf(buf, n, "%s", key);
    return buf;
}

static int rd_missing(const scene_rd *r, const char *path, const char *key)
{
    return rd_fail(r, path, "missing \"%s\"", key);
}

/* obj[key], which must be present and pass `is` (`want` names the type). */
static int rd_item(const scene_rd *r, const cJSON *obj, const char *path,
                   const char *key, cJSON_bool (*is)(const cJSON *),
                   const char *want, const cJSON **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return rd_missing(r, path, key);
    if (!is(it)) {
        char p[128];
        return rd_fail(r, join(p, sizeof p, path, key), "expected %s, found %s",
                       want, io_file_json_type(it));
    }
    *out = it;
    return 0;
}

static int rd_obj(const scene_rd *r, const cJSON *obj, const char *path,
                  const char *key, const cJSON **out)
{
    return rd_item(r, obj, path, key, cJSON_IsObject, "an object", out);
}

/* An array of exactly `want` items (want < 0: any number up to `max`). */
static int rd_arr(const scene_rd *r, const cJSON *obj, const char *path,
                  const char *key, long want, long max, const char *what,
                  const cJSON **out, long *count)
{
    if (rd_item(r, obj, path, key, cJSON_IsArray, "an array", out) != 0)
        return -1;
    long k = 0;
    for (const cJSON *c = (*out)->child; c; c = c->next)
        k++;
    char p[128];
    join(p, sizeof p, path, key);
    if (want >= 0 && k != want)
        return rd_fail(r, p, "%ld values, expected %ld (%s)", k, want, what);
    if (want < 0 && k > max)
        return rd_fail(r, p, "%ld values, at most %ld are allowed (%s)", k, max,
                       what);
    if (count)
        *count = k;
    return 0;
}

static int rd_str(const scene_rd *r, const cJSON *obj, const char *path,
                  const char *key, const char **out)
{
    const cJSON *it;
    if (rd_item(r, obj, path, key, cJSON_IsString, "a string", &it) != 0)
        return -1;
    *out = it->valuestring;
    return 0;
}

/* A whole number item within lo..hi. */
static int rd_long_item(const scene_rd *r, const cJSON *it, const char *path,
                        double lo, double hi, long *out)
{
    if (!cJSON_IsNumber(it))
        return rd_fail(r, path, "expected a whole number, found %s",
                       io_file_json_type(it));
    double v = it->valuedouble;
    if (!isfinite(v) || v != floor(v))
        return rd_fail(r, path, "%.17g is not a whole number", v);
    if (v < lo || v > hi)
        return rd_fail(r, path, "%.0f is out of range (%.0f..%.0f)", v, lo, hi);
    *out = (long)v;
    return 0;
}

static int rd_long(const scene_rd *r, const cJSON *obj, const char *path,
                   const char *key, double lo, double hi, long *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return rd_missing(r, path, key);
    char p[128];
    return rd_long_item(r, it, join(p, sizeof p, path, key), lo, hi, out);
}

static int rd_int(const scene_rd *r, const cJSON *obj, const char *path,
                  const char *key, double lo, double hi, int *out)
{
    long v;
    if (rd_long(r, obj, path, key, lo, hi, &v) != 0)
        return -1;
    *out = (int)v;
    return 0;
}

/* A number item; with `nonfinite` also null (NaN) and "inf" / "-inf". */
static int rd_num_item(const scene_rd *r, const cJSON *it, const char *path,
                       bool nonfinite, const char *why_finite, double *out)
{
    if (cJSON_IsNumber(it)) {
        if (!isfinite(it->valuedouble))
            return rd_fail(r, path, "number out of range");
        *out = it->valuedouble;
        return 0;
    }
    bool special = cJSON_IsNull(it) ||
                   (cJSON_IsString(it) && (strcmp(it->valuestring, "inf") == 0 ||
                                           strcmp(it->valuestring, "-inf") == 0));
    if (!special)
        return rd_fail(r, path, "expected a number, found %s",
                       io_file_json_type(it));
    if (!nonfinite)
        return rd_fail(r, path, "not a finite number%s", why_finite);
    if (cJSON_IsNull(it))
        *out = NAN;
    else
        *out = it->valuestring[0] == '-' ? -INFINITY : INFINITY;
    return 0;
}

static int rd_num(const scene_rd *r, const cJSON *obj, const char *path,
                  const char *key, bool nonfinite, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return rd_missing(r, path, key);
    char p[128];
    return rd_num_item(r, it, join(p, sizeof p, path, key), nonfinite, "", out);
}

/* Exactly n numbers of array a (already counted) into out. */
static int rd_nums(const scene_rd *r, const cJSON *a, const char *path,
                   bool nonfinite, const char *why_finite, double *out)
{
    size_t i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        char p[160];
        snprintf(p, sizeof p, "%s[%zu]", path, i);
        if (rd_num_item(r, c, p, nonfinite, why_finite, &out[i]) != 0)
            return -1;
    }
    return 0;
}

/* A key holding an array of exactly n numbers, read into out. */
static int rd_num_array(const scene_rd *r, const cJSON *obj, const char *path,
                        const char *key, size_t n, const char *what,
                        bool nonfinite, const char *why_finite, double *out)
{
    const cJSON *a;
    if (rd_arr(r, obj, path, key, (long)n, 0, what, &a, NULL) != 0)
        return -1;
    char p[128];
    return rd_nums(r, a, join(p, sizeof p, path, key), nonfinite, why_finite,
                   out);
}

/* Copies a name of at most n-1 bytes; longer is an error. */
static int rd_name(const scene_rd *r, const char *path, const char *src,
                   char *dst, size_t n)
{
    size_t k = strlen(src);
    if (k >= n)
        return rd_fail(r, path, "name too long (%zu bytes, at most %zu)", k, n - 1);
    io_file_copy_name(dst, n, src, k);
    return 0;
}

/* An unknown name: the message quotes it and lists the known ones. */
static int rd_unknown(const scene_rd *r, const char *path, const char *what,
                      const char *name, const char *known)
{
    char q[64];
    io_file_quote(q, sizeof q, name, strlen(name));
    return rd_fail(r, path, "unknown %s '%s' (%s)", what, q, known);
}

static int rd_seed(const scene_rd *r, const cJSON *it, const char *path,
                   uint64_t *out)
{
    if (cJSON_IsNumber(it)) {
        long v;
        if (rd_long_item(r, it, path, 0, SCENE_MAX_COUNT, &v) != 0)
            return -1;
        *out = (uint64_t)v;
        return 0;
    }
    if (!cJSON_IsString(it))
        return rd_fail(r, path, "expected a whole number, found %s",
                       io_file_json_type(it));
    const char *t = it->valuestring;
    size_t k = strlen(t);
    uint64_t v = 0;
    if (k == 0 || k > 20)
        return rd_fail(r, path, "expected a seed of 1 to 20 digits");
    for (size_t i = 0; i < k; i++) {
        if (t[i] < '0' || t[i] > '9')
            return rd_fail(r, path, "expected a seed made of digits");
        uint64_t d = (uint64_t)(t[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return rd_fail(r, path, "seed out of range (at most 2^64 - 1)");
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int rd_hex64(const scene_rd *r, const cJSON *it, const char *path,
                    uint64_t *out)
{
    if (!cJSON_IsString(it))
        return rd_fail(r, path, "expected a string of hex digits, found %s",
                       io_file_json_type(it));
    const char *t = it->valuestring;
    size_t k = strlen(t);
    if (k == 0 || k > 16)
        return rd_fail(r, path, "expected 1 to 16 hex digits");
    uint64_t v = 0;
    for (size_t i = 0; i < k; i++) {
        char c = t[i];
        int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return rd_fail(r, path, "expected hex digits only");
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return 0;
}

/* A list of derived feature names into PREP_* bits. */
static int rd_derived(const scene_rd *r, const cJSON *obj, const char *path,
                      unsigned *out)
{
    const cJSON *a;
    char p[128];
    join(p, sizeof p, path, "derived");
    if (rd_arr(r, obj, path, "derived", -1, PREP_FEATURE_COUNT, "derived features",
               &a, NULL) != 0)
        return -1;
    *out = 0;
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        char ip[160];
        snprintf(ip, sizeof ip, "%s[%d]", p, i);
        if (!cJSON_IsString(c))
            return rd_fail(r, ip, "expected a string, found %s",
                           io_file_json_type(c));
        int bit = -1;
        for (int b = 0; b < PREP_FEATURE_COUNT; b++)
            if (strcmp(c->valuestring, prep_feature_name(b)) == 0)
                bit = b;
        if (bit < 0)
            return rd_unknown(r, ip, "derived feature", c->valuestring,
                              "known: x1^2, x2^2, x1*x2, sin(x1), sin(x2)");
        if (*out & (1u << bit))
            return rd_fail(r, ip, "'%s' is listed twice", c->valuestring);
        *out |= 1u << bit;
    }
    return 0;
}

static int rd_config(const scene_rd *r, const cJSON *root, session_config *c)
{
    const cJSON *o, *a;
    const char *t;
    const char *P = "config";
    memset(c, 0, sizeof *c);
    if (rd_obj(r, root, "", "config", &o) != 0)
        return -1;
    if (rd_str(r, o, P, "model", &t) != 0)
        return -1;
    if (!session_model_from_name(t, &c->model))
        return rd_unknown(r, "config.model", "model", t, "perceptron or mlp");
    long n;
    if (rd_arr(r, o, P, "hidden", -1, NET_MAX_LAYERS - 1, "hidden layer sizes", &a,
               &n) != 0)
        return -1;
    c->n_hidden = (int)n;
    int l = 0;
    for (const cJSON *it = a->child; it; it = it->next, l++) {
        char p[64];
        long u;
        snprintf(p, sizeof p, "config.hidden[%d]", l);
        if (rd_long_item(r, it, p, 1, NET_MAX_UNITS, &u) != 0)
            return -1;
        c->hidden[l] = (int)u;
    }
    static const char *const act_keys[2] = {"hidden_activation",
                                            "output_activation"};
    act_kind *acts[2] = {&c->hidden_act, &c->output_act};
    for (int k = 0; k < 2; k++) {
        char p[64];
        if (rd_str(r, o, P, act_keys[k], &t) != 0)
            return -1;
        if (!act_from_name(t, acts[k]))
            return rd_unknown(r, join(p, sizeof p, P, act_keys[k]), "activation", t,
                              "see mlpviz --help");
    }
    if (rd_str(r, o, P, "loss", &t) != 0)
        return -1;
    if (!loss_from_name(t, &c->loss))
        return rd_unknown(r, "config.loss", "loss", t, "mse, bce or ce");
    if (rd_str(r, o, P, "optimizer", &t) != 0)
        return -1;
    if (!opt_from_name(t, &c->optimizer))
        return rd_unknown(r, "config.optimizer", "optimizer", t,
                          "sgd, momentum or adam");
    if (rd_num(r, o, P, "lr", false, &c->lr) != 0)
        return -1;
    if (!(c->lr > 0))
        return rd_fail(r, "config.lr", "the learning rate must be above 0");
    if (rd_int(r, o, P, "batch", 0, DS_MAX_ROWS, &c->batch) != 0)
        return -1;
    const cJSON *sd = cJSON_GetObjectItemCaseSensitive(o, "seed");
    if (!sd)
        return rd_missing(r, P, "seed");
    if (rd_seed(r, sd, "config.seed", &c->seed) != 0)
        return -1;
    c->rng = SESSION_RNG_MLPVIZ; /* scenes from before the key: mlpviz's */
    if (cJSON_GetObjectItemCaseSensitive(o, "rng")) {
        if (rd_str(r, o, P, "rng", &t) != 0)
            return -1;
        if (!session_rng_from_name(t, &c->rng))
            return rd_unknown(r, "config.rng", "generator", t,
                              "mlpviz or torch");
    }
    if (rd_str(r, o, P, "init", &t) != 0)
        return -1;
    if (!net_init_from_name(t, &c->init))
        return rd_unknown(r, "config.init", "initialisation", t,
                          "torch, xavier, he or zeros");
    if (rd_num(r, o, P, "l1", false, &c->l1) != 0 ||
        rd_num(r, o, P, "l2", false, &c->l2) != 0)
        return -1;
    if (c->l1 < 0 || c->l2 < 0)
        return rd_fail(r, c->l1 < 0 ? "config.l1" : "config.l2",
                       "a regularisation rate must be 0 or more");
    if (rd_derived(r, o, P, &c->features) != 0)
        return -1;
    if (rd_str(r, o, P, "scale", &t) != 0)
        return -1;
    if (!prep_scale_from_name(t, &c->scale))
        return rd_unknown(r, "config.scale", "scaling", t,
                          "none, standard or minmax");
    return 0;
}

/* An array of `n` names (already counted) into dst rows of `size` bytes. */
static int rd_names(const scene_rd *r, const cJSON *a, const char *path,
                    char *dst, size_t size)
{
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        char p[128];
        snprintf(p, sizeof p, "%s[%d]", path, i);
        if (!cJSON_IsString(c))
            return rd_fail(r, p, "expected a string, found %s",
                           io_file_json_type(c));
        if (rd_name(r, p, c->valuestring, dst + (size_t)i * size, size) != 0)
            return -1;
    }
    return 0;
}

static int rd_dataset(const scene_rd *r, const cJSON *root, ds_dataset *d)
{
    const cJSON *o, *feat, *cls = NULL, *x, *y;
    const char *name, *t;
    const char *P = "dataset";
    if (rd_obj(r, root, "", "dataset", &o) != 0 ||
        rd_str(r, o, P, "name", &name) != 0 || rd_str(r, o, P, "task", &t) != 0)
        return -1;
    int task = -1;
    for (int k = 0; k < 3; k++)
        if (strcmp(t, task_names[k]) == 0)
            task = k;
    if (task < 0)
        return rd_unknown(r, "dataset.task", "task", t,
                          "binary, multiclass or regression");
    long nf, nc = 0, rows;
    if (rd_arr(r, o, P, "features", -1, DS_MAX_FEATURES, "feature names", &feat,
               &nf) != 0)
        return -1;
    if (nf < 1)
        return rd_fail(r, "dataset.features", "no features (at least one is needed)");
    if (task != DS_REGRESSION) {
        if (rd_arr(r, o, P, "classes", -1, DS_MAX_CLASSES, "class names", &cls,
                   &nc) != 0)
            return -1;
        if (task == DS_BINARY && nc != 2)
            return rd_fail(r, "dataset.classes", "%ld names, a binary task has 2",
                           nc);
        if (task == DS_MULTICLASS && nc < 3)
            return rd_fail(r, "dataset.classes",
                           "%ld names, a multiclass task has 3 to %d", nc,
                           DS_MAX_CLASSES);
    }
    if (rd_arr(r, o, P, "x", -1, DS_MAX_ROWS, "rows", &x, &rows) != 0)
        return -1;
    if ((double)rows * (double)nf > (double)DS_IO_MAX_VALUES)
        return rd_fail(r, "dataset.x", "%ld rows of %ld features are more values "
                       "than the %u allowed", rows, nf, DS_IO_MAX_VALUES);
    if (rd_arr(r, o, P, "y", rows, 0, "one per row of x", &y, NULL) != 0)
        return -1;
    long n_train;
    if (rd_long(r, o, P, "train", 0, (double)rows, &n_train) != 0)
        return -1;
    char dname[DS_LABEL_MAX * 2];
    if (rd_name(r, "dataset.name", name, dname, sizeof dname) != 0)
        return -1;
    if (ds_new(d, dname, (int)nf, (ds_task)task, (int)nc, (int)rows) != 0)
        return rd_fail(r, "dataset", "out of memory (%ld rows)", rows);
    if (rd_names(r, feat, "dataset.features", &d->feature_names[0][0],
                 DS_LABEL_MAX) != 0)
        return -1;
    if (cls && rd_names(r, cls, "dataset.classes", &d->class_names[0][0],
                        DS_LABEL_MAX) != 0)
        return -1;
    long i = 0;
    for (const cJSON *row = x->child; row; row = row->next, i++) {
        char p[64];
        snprintf(p, sizeof p, "dataset.x[%ld]", i);
        if (!cJSON_IsArray(row))
            return rd_fail(r, p, "expected an array of numbers, found %s",
                           io_file_json_type(row));
        if (cJSON_GetArraySize(row) != nf)
            return rd_fail(r, p, "%d values, expected %ld (one per feature)",
                           cJSON_GetArraySize(row), nf);
        if (rd_nums(r, row, p, false, "", d->x + (size_t)i * (size_t)nf) != 0)
            return -1;
    }
    if (rd_nums(r, y, "dataset.y", false, "", d->y) != 0)
        return -1;
    for (i = 0; i < rows && task != DS_REGRESSION; i++)
        if (d->y[i] < 0 || d->y[i] >= nc || d->y[i] != floor(d->y[i])) {
            char p[64];
            snprintf(p, sizeof p, "dataset.y[%ld]", i);
            return rd_fail(r, p, "%.17g is not a class (0 to %ld)", d->y[i], nc - 1);
        }
    d->n_train = (int)n_train;
    d->n_test = (int)(rows - n_train);
    return 0;
}

static int rd_prep(const scene_rd *r, const cJSON *root, int n_raw,
                   prep_pipeline *p)
{
    const cJSON *o, *a;
    const char *t;
    const char *P = "preprocess";
    memset(p, 0, sizeof *p);
    long raw;
    if (rd_obj(r, root, "", "preprocess", &o) != 0 ||
        rd_long(r, o, P, "raw_inputs", 1, DS_MAX_FEATURES, &raw) != 0)
        return -1;
    if (raw != n_raw)
        return rd_fail(r, "preprocess.raw_inputs", "%ld, but the dataset has %d "
                       "features", raw, n_raw);
    p->n_raw = (int)raw;
    if (rd_derived(r, o, P, &p->features) != 0)
        return -1;
    int n_derived = 0;
    for (int b = 0; b < PREP_FEATURE_COUNT; b++)
        if (p->features & (1u << b))
            n_derived++;
    if (n_derived && p->n_raw != 2)
        return rd_fail(r, "preprocess.derived",
                       "derived features need exactly two raw inputs");
    p->n_in = p->n_raw + n_derived;
    if (rd_str(r, o, P, "scale", &t) != 0)
        return -1;
    if (!prep_scale_from_name(t, &p->scale))
        return rd_unknown(r, "preprocess.scale", "scaling", t,
                          "none, standard or minmax");
    if (rd_num_array(r, o, P, "shift", (size_t)p->n_in, "one per network input",
                     false, "", p->shift) != 0 ||
        rd_num_array(r, o, P, "mult", (size_t)p->n_in, "one per network input",
                     false, "", p->mult) != 0)
        return -1;
    if (rd_arr(r, o, P, "names", p->n_in, 0, "one per network input", &a,
               NULL) != 0 ||
        rd_names(r, a, "preprocess.names", &p->names[0][0], sizeof p->names[0]) != 0)
        return -1;
    return 0;
}

static int rd_status(const scene_rd *r, const cJSON *tr, session_status *out)
{
    const char *t;
    if (rd_str(r, tr, "training", "status", &t) != 0)
        return -1;
    if (session_status_from_name(t, out))
        return 0;
    return rd_unknown(r, "training.status", "status", t,
                      "learning, converged, diverged, stalled or cycling");
}

/* The network's shape and current weights, then the parameter blocks of
 * the same layout. */
static int rd_network(const scene_rd *r, const cJSON *root, scene_parts *p)
{
    const cJSON *o, *layers;
    const char *P = "network";
    bool nonfinite = p->status == SESSION_DIVERGED;
    const char *why = " (only a diverged scene may hold one)";
    long inputs, nl;
    if (rd_obj(r, root, "", "network", &o) != 0 ||
        rd_long(r, o, P, "inputs", 1, PREP_MAX_INPUTS, &inputs) != 0)
        return -1;
    if (inputs != p->prep.n_in)
        return rd_fail(r, "network.inputs", "%ld, but the input pipeline gives %d",
                       inputs, p->prep.n_in);
    if (rd_arr(r, o, P, "layers", -1, NET_MAX_LAYERS, "layers", &layers, &nl) != 0)
        return -1;
    if (nl < 1)
        return rd_fail(r, "network.layers", "empty (at least an output layer is "
                       "needed)");
    net_shape *s = &p->shape;
    memset(s, 0, sizeof *s);
    s->n_inputs = (int)inputs;
    s->n_layers = (int)nl;
    int l = 0;
    for (const cJSON *L = layers->child; L; L = L->next, l++) {
        char lp[64], ap[80];
        const char *t;
        snprintf(lp, sizeof lp, "network.layers[%d]", l);
        if (!cJSON_IsObject(L))
            return rd_fail(r, lp, "expected an object, found %s",
                           io_file_json_type(L));
        if (rd_int(r, L, lp, "units", 1, NET_MAX_UNITS, &s->units[l]) != 0 ||
            rd_str(r, L, lp, "activation", &t) != 0)
            return -1;
        if (!act_from_name(t, &s->acts[l]))
            return rd_unknown(r, join(ap, sizeof ap, lp, "activation"), "activation",
                              t, "see mlpviz --help");
    }
    char why_shape[256] = "";
    if (!net_shape_check(s, why_shape, sizeof why_shape))
        return rd_fail(r, "network.layers", "%s",
                       why_shape[0] ? why_shape : "the layer sizes are out of range");
    size_t np = net_shape_params(s);
    p->n_params = np;
    size_t n1 = np ? np : 1;
    p->params = malloc(n1 * sizeof(double));
    p->init = malloc(n1 * sizeof(double));
    p->prev = malloc(n1 * sizeof(double));
    p->m = malloc(n1 * sizeof(double));
    p->v = malloc(n1 * sizeof(double));
    if (!p->params || !p->init || !p->prev || !p->m || !p->v)
        return rd_fail(r, "network", "out of memory (%zu parameters)", np);
    size_t off = 0;
    l = 0;
    for (const cJSON *L = layers->child; L; L = L->next, l++) {
        const int n_in = l ? s->units[l - 1] : s->n_inputs, n_out = s->units[l];
        char lp[64], wp[96], what[64];
        const cJSON *w, *b;
        snprintf(lp, sizeof lp, "network.layers[%d]", l);
        if (l)
            snprintf(what, sizeof what, "the units of layers[%d]", l - 1);
        else
            snprintf(what, sizeof what, "the network inputs");
        if (rd_arr(r, L, lp, "weights", n_out, 0, "one row per unit", &w, NULL) != 0)
            return -1;
        int j = 0;
        for (const cJSON *row = w->child; row; row = row->next, j++) {
            snprintf(wp, sizeof wp, "%s.weights[%d]", lp, j);
            if (!cJSON_IsArray(row))
                return rd_fail(r, wp, "expected an array of numbers, found %s",
                               io_file_json_type(row));
            if (cJSON_GetArraySize(row) != n_in)
                return rd_fail(r, wp, "%d values, expected %d (one per %s)",
                               cJSON_GetArraySize(row), n_in, what);
            if (rd_nums(r, row, wp, nonfinite, why, p->params + off) != 0)
                return -1;
            off += (size_t)n_in;
        }
        if (rd_arr(r, L, lp, "biases", n_out, 0, "one per unit", &b, NULL) != 0 ||
            rd_nums(r, b, join(wp, sizeof wp, lp, "biases"), nonfinite, why,
                    p->params + off) != 0)
            return -1;
        off += (size_t)n_out;
    }
    if (off != np)
        return rd_fail(r, "network", "internal error: %zu of %zu parameters", off, np);
    if (rd_num_array(r, root, "", "initial_params", np, "one per parameter", false,
                     "", p->init) != 0 ||
        rd_num_array(r, root, "", "previous_params", np, "one per parameter",
                     nonfinite, why, p->prev) != 0)
        return -1;
    p->init_source = SESSION_INIT_SEED; /* scenes from before the key */
    if (cJSON_GetObjectItemCaseSensitive(root, "initial_from")) {
        const char *t;
        if (rd_str(r, root, "", "initial_from", &t) != 0)
            return -1;
        int k = 0;
        while (k < 3 && strcmp(t, init_source_names[k]) != 0)
            k++;
        if (k == 3)
            return rd_unknown(r, "initial_from", "origin of the initial weights",
                              t, "seed, given or edited");
        p->init_source = (session_init_source)k;
    }
    return 0;
}

static int rd_optimizer(const scene_rd *r, const cJSON *root, scene_parts *p)
{
    const cJSON *o;
    const char *t;
    const char *P = "optimizer";
    bool nonfinite = p->status == SESSION_DIVERGED;
    const char *why = " (only a diverged scene may hold one)";
    if (rd_obj(r, root, "", "optimizer", &o) != 0 || rd_str(r, o, P, "kind", &t) != 0)
        return -1;
    if (!opt_from_name(t, &p->opt_kind))
        return rd_unknown(r, "optimizer.kind", "optimizer", t,
                          "sgd, momentum or adam");
    if (rd_num(r, o, P, "lr", false, &p->opt_lr) != 0)
        return -1;
    if (!(p->opt_lr > 0))
        return rd_fail(r, "optimizer.lr", "the learning rate must be above 0");
    if (rd_long(r, o, P, "t", 0, SCENE_MAX_COUNT, &p->opt_t) != 0 ||
        rd_num_array(r, o, P, "m", p->n_params, "one per parameter", nonfinite, why,
                     p->m) != 0 ||
        rd_num_array(r, o, P, "v", p->n_params, "one per parameter", nonfinite, why,
                     p->v) != 0)
        return -1;
    return 0;
}

static int rd_training(const scene_rd *r, const cJSON *tr, scene_parts *p)
{
    const char *P = "training";
    const cJSON *a, *last;
    const char *t;
    const long n_train = p->data.n_train;
    if (rd_long(r, tr, P, "epoch", 0, SCENE_MAX_COUNT, &p->epoch) != 0 ||
        rd_long(r, tr, P, "steps", 0, SCENE_MAX_COUNT, &p->steps) != 0 ||
        rd_str(r, tr, P, "phase", &t) != 0)
        return -1;
    int ph = -1;
    for (int k = 0; k <= SESSION_PHASE_BACKWARD; k++)
        if (strcmp(t, phase_names[k]) == 0)
            ph = k;
    if (ph < 0)
        return rd_unknown(r, "training.phase", "phase", t,
                          "ready, forward, loss or backward");
    p->phase = (session_phase)ph;
    if (rd_long(r, tr, P, "diverged_epoch", -1, SCENE_MAX_COUNT,
                &p->diverged_epoch) != 0)
        return -1;
    /* the first epoch the judge reads (scenes from before it: 0) */
    p->judge_since = 0;
    if (cJSON_GetObjectItemCaseSensitive(tr, "judged_from") &&
        rd_long(r, tr, P, "judged_from", 0, SCENE_MAX_COUNT, &p->judge_since) != 0)
        return -1;
    if (rd_arr(r, tr, P, "order", n_train, 0, "one per training row", &a, NULL) != 0)
        return -1;
    p->order = malloc((size_t)(n_train > 0 ? n_train : 1) * sizeof *p->order);
    unsigned char *seen = calloc((size_t)(n_train > 0 ? n_train : 1), 1);
    if (!p->order || !seen) {
        free(seen);
        return rd_fail(r, "training.order", "out of memory");
    }
    long i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        char ip[64];
        long v;
        snprintf(ip, sizeof ip, "training.order[%ld]", i);
        if (rd_long_item(r, c, ip, 0, (double)(n_train - 1), &v) != 0) {
            free(seen);
            return -1;
        }
        if (seen[v]) {
            free(seen);
            return rd_fail(r, ip, "row %ld appears twice (the order must list "
                           "each training row once)", v);
        }
        seen[v] = 1;
        p->order[i] = (int)v;
    }
    free(seen);
    if (rd_long(r, tr, P, "cursor", 0, (double)n_train, &p->cursor) != 0 ||
        rd_arr(r, tr, P, "shuffle_rng", 4, 0, "four 64-bit words", &a, NULL) != 0)
        return -1;
    i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        char ip[64];
        snprintf(ip, sizeof ip, "training.shuffle_rng[%ld]", i);
        if (rd_hex64(r, c, ip, &p->rng.s[i]) != 0)
            return -1;
    }
    if (rd_num(r, tr, P, "epoch_loss_sum", true, &p->epoch_loss_sum) != 0 ||
        rd_long(r, tr, P, "epoch_rows", 0, (double)n_train, &p->epoch_rows) != 0 ||
        rd_long(r, tr, P, "epoch_wrong", 0, (double)n_train, &p->epoch_wrong) != 0 ||
        rd_long(r, tr, P, "batch_first", 0, (double)n_train, &p->batch_first) != 0 ||
        rd_long(r, tr, P, "batch_rows", 0, (double)(n_train - p->batch_first),
                &p->batch_rows) != 0 ||
        rd_num(r, tr, P, "batch_loss", true, &p->batch_loss) != 0 ||
        rd_obj(r, tr, P, "last", &last) != 0)
        return -1;
    const char *L = "training.last";
    long step, rows, row;
    if (rd_long(r, last, L, "step", 0, SCENE_MAX_COUNT, &step) != 0 ||
        rd_long(r, last, L, "rows", 0, DS_MAX_ROWS, &rows) != 0 ||
        rd_long(r, last, L, "row", -1, DS_MAX_ROWS, &row) != 0 ||
        rd_num(r, last, L, "loss", true, &p->last.loss) != 0 ||
        rd_num(r, last, L, "error", true, &p->last.error) != 0 ||
        rd_num(r, last, L, "y_hat", true, &p->last.y_hat) != 0 ||
        rd_num(r, last, L, "step_size", true, &p->last.step_size) != 0)
        return -1;
    p->last.step = step;
    p->last.rows = (int)rows;
    p->last.row = (int)row;
    return 0; /* the engine checks the parts against each other on import */
}

static int rd_history(const scene_rd *r, const cJSON *root, scene_parts *p)
{
    const cJSON *o, *a;
    const char *P = "history";
    if (rd_obj(r, root, "", "history", &o) != 0 ||
        rd_arr(r, o, P, "train", -1, SCENE_MAX_HISTORY, "epochs", &a,
               &p->hist_len) != 0)
        return -1;
    if (p->hist_len > 0) {
        p->hist_train = malloc((size_t)p->hist_len * sizeof(double));
        p->hist_test = malloc((size_t)p->hist_len * sizeof(double));
        if (!p->hist_train || !p->hist_test)
            return rd_fail(r, P, "out of memory (%ld epochs)", p->hist_len);
    }
    if (rd_nums(r, a, "history.train", true, "", p->hist_train) != 0 ||
        rd_num_array(r, o, P, "test", (size_t)p->hist_len, "one per epoch of train",
                     true, "", p->hist_test) != 0)
        return -1;
    return 0;
}

static int rd_view(const scene_rd *r, const cJSON *root, scene_view *v)
{
    memset(v, 0, sizeof *v);
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "view");
    if (!o)
        return 0;
    if (!cJSON_IsObject(o))
        return rd_fail(r, "view", "expected an object, found %s",
                       io_file_json_type(o));
    const char *P = "view", *t;
    if (rd_str(r, o, P, "view", &t) != 0 ||
        rd_name(r, "view.view", t, v->view, sizeof v->view) != 0 ||
        rd_int(r, o, P, "layer", -1, NET_MAX_LAYERS, &v->layer) != 0 ||
        rd_int(r, o, P, "unit", -1, NET_MAX_UNITS, &v->unit) != 0 ||
        rd_int(r, o, P, "input", -1, NET_MAX_UNITS, &v->input) != 0 ||
        rd_str(r, o, P, "lesson", &t) != 0 ||
        rd_name(r, "view.lesson", t, v->lesson, sizeof v->lesson) != 0 ||
        rd_int(r, o, P, "scene", -1, 100000, &v->lesson_scene) != 0)
        return -1;
    return 0;
}

static int rd_parts(const scene_rd *r, const cJSON *root, scene_parts *p)
{
    if (!cJSON_IsObject(root))
        return rd_fail(r, "", "not an mlpviz scene (expected a JSON object, found "
                       "%s)", io_file_json_type(root));
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt)
        return rd_fail(r, "", "not an mlpviz scene (no \"format\": "
                       "\"mlpviz-scene\")");
    if (!cJSON_IsString(fmt))
        return rd_fail(r, "format", "expected a string, found %s",
                       io_file_json_type(fmt));
    if (strcmp(fmt->valuestring, "mlpviz-scene") != 0) {
        char q[64];
        io_file_quote(q, sizeof q, fmt->valuestring, strlen(fmt->valuestring));
        return rd_fail(r, "", "not an mlpviz scene (format is '%s', expected "
                       "'mlpviz-scene')", q);
    }
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!ver)
        return rd_missing(r, "", "version");
    if (!cJSON_IsNumber(ver))
        return rd_fail(r, "version", "expected a number, found %s",
                       io_file_json_type(ver));
    if (ver->valuedouble != 1.0)
        return rd_fail(r, "", "scene format version %g is not supported (this "
                       "mlpviz reads version 1)", ver->valuedouble);
    const cJSON *tr;
    if (rd_config(r, root, &p->cfg) != 0 ||
        rd_dataset(r, root, &p->data) != 0 ||
        rd_prep(r, root, p->data.n_features, &p->prep) != 0 ||
        rd_obj(r, root, "", "training", &tr) != 0 ||
        rd_status(r, tr, &p->status) != 0 || rd_network(r, root, p) != 0 ||
        rd_optimizer(r, root, p) != 0 || rd_training(r, tr, p) != 0 ||
        rd_history(r, root, p) != 0 || rd_view(r, root, &p->view) != 0)
        return -1;
    if (p->prep.features != p->cfg.features || p->prep.scale != p->cfg.scale)
        return rd_fail(r, "preprocess", "the derived features and scaling differ "
                       "from config.derived and config.scale");
    return 0;
}

/* ---- building the session from the parts ---- */

/* The engine names the field of the state that is wrong ("cursor: ...");
 * the scene file's path for it. */
static int rd_state_fail(const scene_rd *r, const char *why)
{
    static const struct {
        const char *field, *path;
    } sections[] = {
        {"cfg: ", "config"},       {"params: ", "network"},
        {"optimizer: ", "optimizer"}, {"history: ", "history"},
    };
    for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
        size_t n = strlen(sections[k].field);
        if (strncmp(why, sections[k].field, n) == 0)
            return rd_fail(r, sections[k].path, "%s", why + n);
    }
    return rd_fail(r, "", "training.%s", why);
}

/* The parts as the engine's state: its arrays point into p (whose data
 * the session has taken: n_train is the session's). */
static void parts_state(const scene_parts *p, int n_train, session_state *st)
{
    memset(st, 0, sizeof *st);
    st->cfg = p->cfg;
    st->init_source = p->init_source;
    st->n_params = p->n_params;
    st->params = p->params;
    st->prev_params = p->prev;
    st->opt_kind = p->opt_kind;
    st->opt_lr = p->opt_lr;
    st->opt_t = p->opt_t;
    st->opt_m = p->m;
    st->opt_v = p->v;
    st->epoch = p->epoch;
    st->steps = p->steps;
    st->diverged_epoch = p->diverged_epoch;
    st->judge_since = p->judge_since;
    st->status = p->status;
    st->phase = p->phase;
    st->n_train = n_train;
    st->order = p->order;
    st->cursor = (int)p->cursor;
    st->shuffle_rng = p->rng;
    st->epoch_loss_sum = p->epoch_loss_sum;
    st->epoch_rows = (int)p->epoch_rows;
    st->epoch_wrong = (int)p->epoch_wrong;
    st->batch_first = (int)p->batch_first;
    st->batch_rows = (int)p->batch_rows;
    st->batch_loss = p->batch_loss;
    st->last = p->last;
    st->hist_len = p->hist_len;
    st->hist_train = p->hist_train;
    st->hist_test = p->hist_test;
}

static bool same_layout(const net_shape *a, const net_shape *b)
{
    if (a->n_inputs != b->n_inputs || a->n_layers != b->n_layers)
        return false;
    for (int l = 0; l < a->n_layers; l++)
        if (a->units[l] != b->units[l])
            return false;
    return a->acts[a->n_layers - 1] == b->acts[b->n_layers - 1];
}

static int build_session(const scene_rd *r, scene_parts *p, session *s)
{
    char why[SESSION_MESSAGE_MAX];
    session_config c = p->cfg;
    if (session_new(s, &c, &p->data, why, sizeof why) != 0)
        return rd_fail(r, "config", "%s", why);
    net_shape want;
    net_get_shape(&s->net, &want);
    if (!same_layout(&want, &p->shape))
        return rd_fail(r, "network.layers", "the layers do not match the config "
                       "(model, hidden sizes, output activation)");
    if (session_load_params(s, &p->shape, p->init, &p->prep) != 0)
        return rd_fail(r, "network", "%s", s->message);
    session_state st;
    parts_state(p, s->data.n_train, &st);
    if (session_import_state(s, &st, why, sizeof why) != 0)
        return rd_state_fail(r, why);
    return 0;
}

int scene_io_parse(const char *text, size_t len, const char *name, session *s,
                   scene_view *v, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (v)
        memset(v, 0, sizeof *v);
    if (!name)
        name = "(scene)";
    if (len > SCENE_IO_MAX_BYTES) {
        snprintf(err, errlen, "%s: file too large (the limit is %u MiB)", name,
                 SCENE_IO_MAX_BYTES >> 20);
        return -1;
    }
    io_file_locale loc;
    io_file_locale_enter(&loc);
    cJSON *root = io_file_json_parse(text, len, name, SCENE_MAX_DEPTH, err, errlen);
    scene_parts p;
    memset(&p, 0, sizeof p);
    scene_rd r = {name, err, errlen};
    int rc = -1;
    if (root) {
        rc = rd_parts(&r, root, &p);
        cJSON_Delete(root);
    }
    io_file_locale_leave(&loc);
    if (rc == 0) {
        rc = build_session(&r, &p, s);
        if (rc != 0)
            session_free(s);
        else if (v)
            *v = p.view;
    }
    parts_free(&p);
    return rc;
}

int scene_io_load(const char *path, session *s, scene_view *v, char *err,
                  size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (v)
        memset(v, 0, sizeof *v);
    if (!path)
        path = "(no file name)";
    char *text;
    size_t len;
    if (io_file_read(path, SCENE_IO_MAX_BYTES, &text, &len, err, errlen) != 0)
        return -1;
    int rc = scene_io_parse(text, len, path, s, v, err, errlen);
    free(text);
    return rc;
}
