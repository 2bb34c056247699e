/* model_io.c - the model file ("mlpviz-model" version 1): written by hand
 * (numbers in the shortest form that reads back to the same bits, -0.0 and
 * subnormals included) and saved atomically; read with cJSON, checking every
 * key's type, every size against the limits before allocating, and every
 * weight. The optional "preprocess" and "classes" keys are described in
 * include/io/model_io.h. */
#include "io/model_io.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_file.h"

#define MODEL_IO_MAX_DEPTH 16

/* ---- writing ---- */

static void sb_num(io_sb *s, double v)
{
    char buf[40];
    io_file_format_double(buf, sizeof buf, v);
    io_sb_str(s, buf);
}


static void sb_nums(io_sb *s, const double *v, int n)
{
    io_sb_add(s, "[", 1);
    for (int i = 0; i < n; i++) {
        if (i) io_sb_add(s, ", ", 2);
        sb_num(s, v[i]);
    }
    io_sb_add(s, "]", 1);
}

static int save_model(const char *path, const net *n, loss_kind loss,
                      const session_rng *rng, const prep_pipeline *prep,
                      const ds_dataset *d, char *err, size_t errlen)
{
    if (!path) path = "(no file name)";
    if (!n || n->n_layers < 1 || !n->params) {
        snprintf(err, errlen, "%s: no network to save", path);
        return -1;
    }
    if (!net_params_finite(n)) {
        snprintf(err, errlen,
                 "%s: not saved: some weights are NaN or Inf (training diverged)",
                 path);
        return -1;
    }
    if (prep && prep->n_in != n->n_inputs) {
        snprintf(err, errlen, "%s: not saved: the input pipeline gives %d inputs, "
                 "the network takes %d", path, prep->n_in, n->n_inputs);
        return -1;
    }
    io_file_locale loc;
    io_file_locale_enter(&loc);
    io_sb s = {NULL, 0, 0, false};
    io_sb_str(&s, "{\n  \"format\": \"mlpviz-model\",\n  \"version\": 1,\n");
    io_sb_printf(&s, "  \"inputs\": %d,\n  \"loss\": ", n->n_inputs);
    io_sb_json_str(&s, loss_name(loss));
    if (rng) {
        io_sb_str(&s, ",\n  \"rng\": ");
        io_sb_json_str(&s, session_rng_name(*rng));
    }
    io_sb_str(&s, ",\n  \"layers\": [\n");
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        io_sb_printf(&s, "    {\n      \"units\": %d,\n      \"activation\": ", L->n_out);
        io_sb_json_str(&s, act_name(L->act));
        io_sb_str(&s, ",\n      \"weights\": [\n");
        for (int j = 0; j < L->n_out; j++) {
            io_sb_str(&s, "        ");
            sb_nums(&s, L->w + (size_t)j * (size_t)L->n_in, L->n_in);
            io_sb_str(&s, j + 1 < L->n_out ? ",\n" : "\n");
        }
        io_sb_str(&s, "      ],\n      \"biases\": ");
        sb_nums(&s, L->b, L->n_out);
        io_sb_str(&s, l + 1 < n->n_layers ? "\n    },\n" : "\n    }\n");
    }
    io_sb_str(&s, "  ]");
    if (prep) {
        io_sb_printf(&s, ",\n  \"preprocess\": {\n    \"raw_inputs\": %d,\n"
                      "    \"derived\": [", prep->n_raw);
        int k = 0;
        for (int i = 0; i < PREP_FEATURE_COUNT; i++)
            if (prep->features & (1u << i)) {
                if (k++) io_sb_str(&s, ", ");
                io_sb_json_str(&s, prep_feature_name(i));
            }
        io_sb_str(&s, "],\n    \"scale\": ");
        io_sb_json_str(&s, prep_scale_name(prep->scale));
        io_sb_str(&s, ",\n    \"shift\": ");
        sb_nums(&s, prep->shift, prep->n_in);
        io_sb_str(&s, ",\n    \"mult\": ");
        sb_nums(&s, prep->mult, prep->n_in);
        io_sb_str(&s, ",\n    \"names\": [");
        for (int i = 0; i < prep->n_in; i++) {
            if (i) io_sb_str(&s, ", ");
            io_sb_json_str(&s, prep->names[i]);
        }
        io_sb_str(&s, "]\n  }");
    }
    if (d && d->task != DS_REGRESSION && d->n_classes >= 2 &&
        d->n_classes <= DS_MAX_CLASSES) {
        io_sb_str(&s, ",\n  \"classes\": [");
        for (int i = 0; i < d->n_classes; i++) {
            if (i) io_sb_str(&s, ", ");
            io_sb_json_str(&s, d->class_names[i]);
        }
        io_sb_str(&s, "]");
    }
    io_sb_str(&s, "\n}\n");
    io_file_locale_leave(&loc);
    if (s.oom) {
        free(s.b);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    int rc = io_file_write_atomic(path, s.b, s.n, err, errlen);
    free(s.b);
    return rc;
}

int model_io_save(const char *path, const net *n, loss_kind loss,
                  const prep_pipeline *prep, const ds_dataset *d, char *err,
                  size_t errlen)
{
    return save_model(path, n, loss, NULL, prep, d, err, errlen);
}

int model_io_save_session(const char *path, const session *s, char *err,
                          size_t errlen)
{
    return save_model(path, &s->net, s->cfg.loss, &s->cfg.rng, &s->prep,
                      &s->data, err, errlen);
}

/* ---- reading ---- */

typedef struct {
    const char *fname;
    char *err;
    size_t errlen;
} model_rd;

static int rd_fail(const model_rd *r, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s: %s", r->fname, msg);
    return -1;
}

static int count_items(const cJSON *a)
{
    int k = 0;
    for (const cJSON *c = a->child; c; c = c->next)
        if (k < 1000000000) k++;
    return k;
}

/* An integer key of obj, within lo..hi. `path` names obj ("" or "layers[2]"). */
static int rd_int(const model_rd *r, const cJSON *obj, const char *path,
                  const char *key, long lo, long hi, long *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *dot = path[0] ? "." : "";
    if (!it) {
        if (path[0]) return rd_fail(r, "%s: missing \"%s\"", path, key);
        return rd_fail(r, "missing \"%s\"", key);
    }
    if (!cJSON_IsNumber(it))
        return rd_fail(r, "%s%s%s: expected a whole number, found %s", path, dot,
                       key, io_file_json_type(it));
    double v = it->valuedouble;
    if (!isfinite(v) || v != floor(v))
        return rd_fail(r, "%s%s%s: %g is not a whole number", path, dot, key, v);
    if (v < (double)lo || v > (double)hi)
        return rd_fail(r, "%s%s%s: %.0f is out of range (%ld..%ld)", path, dot, key,
                       v, lo, hi);
    *out = (long)v;
    return 0;
}

static const cJSON *rd_key(const model_rd *r, const cJSON *obj, const char *path,
                           const char *key, int (*is)(const cJSON *),
                           const char *want, bool required, int *rc)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *dot = path[0] ? "." : "";
    *rc = 0;
    if (!it) {
        if (required) {
            if (path[0]) *rc = rd_fail(r, "%s: missing \"%s\"", path, key);
            else *rc = rd_fail(r, "missing \"%s\"", key);
        }
        return NULL;
    }
    if (!is(it)) {
        *rc = rd_fail(r, "%s%s%s: expected %s, found %s", path, dot, key, want,
                      io_file_json_type(it));
        return NULL;
    }
    return it;
}

static int is_string(const cJSON *c) { return cJSON_IsString(c); }
static int is_array(const cJSON *c) { return cJSON_IsArray(c); }
static int is_object(const cJSON *c) { return cJSON_IsObject(c); }

/* Exactly n finite numbers of array a into out; `path` names a. */
static int rd_numbers(const model_rd *r, const cJSON *a, const char *path, int n,
                      const char *what, double *out)
{
    int k = count_items(a);
    if (k != n) return rd_fail(r, "%s: %d values, expected %d (%s)", path, k, n, what);
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        if (!cJSON_IsNumber(c))
            return rd_fail(r, "%s[%d]: expected a number, found %s", path, i,
                           io_file_json_type(c));
        if (!isfinite(c->valuedouble))
            return rd_fail(r, "%s[%d]: not a finite number", path, i);
        out[i] = c->valuedouble;
    }
    return 0;
}

static int rd_preprocess(const model_rd *r, const cJSON *pp, int inputs,
                         prep_pipeline *p)
{
    int rc;
    long raw;
    memset(p, 0, sizeof *p);
    if (rd_int(r, pp, "preprocess", "raw_inputs", 1, DS_MAX_FEATURES, &raw) != 0)
        return -1;
    p->n_raw = (int)raw;
    const cJSON *der = rd_key(r, pp, "preprocess", "derived", is_array,
                              "an array of names", false, &rc);
    if (rc) return -1;
    int i = 0;
    for (const cJSON *c = der ? der->child : NULL; c; c = c->next, i++) {
        if (!cJSON_IsString(c))
            return rd_fail(r, "preprocess.derived[%d]: expected a string, found %s",
                           i, io_file_json_type(c));
        int bit = -1;
        for (int b = 0; b < PREP_FEATURE_COUNT; b++)
            if (strcmp(c->valuestring, prep_feature_name(b)) == 0) bit = b;
        if (bit < 0) {
            char q[64];
            io_file_quote(q, sizeof q, c->valuestring, strlen(c->valuestring));
            return rd_fail(r, "preprocess.derived[%d]: unknown derived feature '%s' "
                           "(known: x1^2, x2^2, x1*x2, sin(x1), sin(x2))", i, q);
        }
        if (p->features & (1u << bit))
            return rd_fail(r, "preprocess.derived[%d]: '%s' is listed twice", i,
                           c->valuestring);
        p->features |= 1u << bit;
    }
    int n_derived = 0;
    for (int b = 0; b < PREP_FEATURE_COUNT; b++)
        if (p->features & (1u << b)) n_derived++;
    if (n_derived && p->n_raw < 2)
        return rd_fail(r, "preprocess.derived: derived features need two raw inputs");
    p->n_in = p->n_raw + n_derived;
    if (p->n_in != inputs)
        return rd_fail(r, "preprocess: %d raw + %d derived inputs make %d, but "
                       "\"inputs\" is %d", p->n_raw, n_derived, p->n_in, inputs);
    p->scale = PREP_SCALE_NONE;
    const cJSON *sc = rd_key(r, pp, "preprocess", "scale", is_string, "a string",
                             false, &rc);
    if (rc) return -1;
    if (sc && !prep_scale_from_name(sc->valuestring, &p->scale)) {
        char q[64];
        io_file_quote(q, sizeof q, sc->valuestring, strlen(sc->valuestring));
        return rd_fail(r, "preprocess.scale: unknown scaling '%s' (none, standard "
                       "or minmax)", q);
    }
    for (int k = 0; k < p->n_in; k++) {
        p->shift[k] = 0.0;
        p->mult[k] = 1.0;
    }
    static const char *const keys[2] = {"shift", "mult"};
    double *dst[2] = {p->shift, p->mult};
    for (int k = 0; k < 2; k++) {
        const cJSON *a = rd_key(r, pp, "preprocess", keys[k], is_array,
                                "an array of numbers", false, &rc);
        if (rc) return -1;
        char path[40];
        snprintf(path, sizeof path, "preprocess.%s", keys[k]);
        if (a && rd_numbers(r, a, path, p->n_in, "one per network input", dst[k]) != 0)
            return -1;
    }
    /* Names: the file's, else x1.. and the derived features' names. */
    for (int k = 0; k < p->n_raw; k++) snprintf(p->names[k], sizeof p->names[k], "x%d", k + 1);
    int k = p->n_raw;
    for (int b = 0; b < PREP_FEATURE_COUNT; b++)
        if (p->features & (1u << b))
            snprintf(p->names[k++], sizeof p->names[0], "%s", prep_feature_name(b));
    const cJSON *nm = rd_key(r, pp, "preprocess", "names", is_array,
                             "an array of names", false, &rc);
    if (rc) return -1;
    if (nm) {
        int cnt = count_items(nm);
        if (cnt != p->n_in)
            return rd_fail(r, "preprocess.names: %d names for %d inputs", cnt, p->n_in);
        i = 0;
        for (const cJSON *c = nm->child; c; c = c->next, i++) {
            if (!cJSON_IsString(c))
                return rd_fail(r, "preprocess.names[%d]: expected a string, found %s",
                               i, io_file_json_type(c));
            io_file_copy_name(p->names[i], sizeof p->names[i], c->valuestring,
                              strlen(c->valuestring));
        }
    }
    return 0;
}

static int rd_model(const model_rd *r, const cJSON *root, model_file *m)
{
    int rc;
    if (!cJSON_IsObject(root))
        return rd_fail(r, "not an mlpviz model (expected a JSON object, found %s)",
                       io_file_json_type(root));
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt)
        return rd_fail(r, "not an mlpviz model (no \"format\": \"mlpviz-model\")");
    if (!cJSON_IsString(fmt))
        return rd_fail(r, "format: expected a string, found %s", io_file_json_type(fmt));
    if (strcmp(fmt->valuestring, "mlpviz-model") != 0) {
        char q[64];
        io_file_quote(q, sizeof q, fmt->valuestring, strlen(fmt->valuestring));
        return rd_fail(r, "not an mlpviz model (format is '%s', expected "
                       "'mlpviz-model')", q);
    }
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!ver) return rd_fail(r, "missing \"version\"");
    if (!cJSON_IsNumber(ver))
        return rd_fail(r, "version: expected a number, found %s", io_file_json_type(ver));
    if (ver->valuedouble != 1.0)
        return rd_fail(r, "model format version %g is not supported (this mlpviz "
                       "reads version 1)", ver->valuedouble);
    long inputs;
    if (rd_int(r, root, "", "inputs", 1, NET_MAX_UNITS, &inputs) != 0) return -1;
    const cJSON *jl = rd_key(r, root, "", "loss", is_string, "a string", true, &rc);
    if (!jl) return -1;
    if (!loss_from_name(jl->valuestring, &m->loss)) {
        char q[64];
        io_file_quote(q, sizeof q, jl->valuestring, strlen(jl->valuestring));
        return rd_fail(r, "loss: unknown loss '%s' (mse, bce or ce)", q);
    }
    const cJSON *jr = rd_key(r, root, "", "rng", is_string, "a string", false, &rc);
    if (rc) return -1;
    m->rng = SESSION_RNG_MLPVIZ;
    if (jr) {
        if (!session_rng_from_name(jr->valuestring, &m->rng)) {
            char q[64];
            io_file_quote(q, sizeof q, jr->valuestring, strlen(jr->valuestring));
            return rd_fail(r, "rng: unknown generator '%s' (mlpviz or torch)", q);
        }
        m->has_rng = true;
    }
    const cJSON *layers = rd_key(r, root, "", "layers", is_array,
                                 "an array of layers", true, &rc);
    if (!layers) return -1;
    int nl = count_items(layers);
    if (nl == 0) return rd_fail(r, "layers: empty (at least an output layer is needed)");
    if (nl > NET_MAX_LAYERS)
        return rd_fail(r, "layers: %d layers, at most %d are allowed", nl,
                       NET_MAX_LAYERS);

    /* First the shape, checked against the limits before any allocation. */
    net_shape *s = &m->shape;
    s->n_inputs = (int)inputs;
    s->n_layers = nl;
    int l = 0;
    char path[64];
    for (const cJSON *L = layers->child; L; L = L->next, l++) {
        snprintf(path, sizeof path, "layers[%d]", l);
        if (!cJSON_IsObject(L))
            return rd_fail(r, "%s: expected an object, found %s", path,
                           io_file_json_type(L));
        long units;
        if (rd_int(r, L, path, "units", 1, NET_MAX_UNITS, &units) != 0) return -1;
        s->units[l] = (int)units;
        const cJSON *ja = rd_key(r, L, path, "activation", is_string, "a string",
                                 true, &rc);
        if (!ja) return -1;
        if (!act_from_name(ja->valuestring, &s->acts[l])) {
            char q[64];
            io_file_quote(q, sizeof q, ja->valuestring, strlen(ja->valuestring));
            return rd_fail(r, "%s.activation: unknown activation '%s'", path, q);
        }
        if (s->acts[l] == ACT_SOFTMAX && l + 1 < nl)
            return rd_fail(r, "%s.activation: softmax is only allowed on the output "
                           "layer", path);
    }
    char why[256] = "";
    if (!net_shape_check(s, why, sizeof why))
        return rd_fail(r, "%s", why[0] ? why : "the layer sizes are out of range");
    size_t np = net_shape_params(s);
    m->params = calloc(np ? np : 1, sizeof *m->params);
    if (!m->params) return rd_fail(r, "out of memory (%zu parameters)", np);
    m->n_params = np;

    /* Then the weights, row by row, in net.h's layout. */
    size_t off = 0;
    l = 0;
    for (const cJSON *L = layers->child; L; L = L->next, l++) {
        const int n_in = l ? s->units[l - 1] : s->n_inputs, n_out = s->units[l];
        char what[64];
        if (l) snprintf(what, sizeof what, "the units of layers[%d]", l - 1);
        else snprintf(what, sizeof what, "the inputs");
        snprintf(path, sizeof path, "layers[%d]", l);
        const cJSON *jw = rd_key(r, L, path, "weights", is_array,
                                 "an array of rows", true, &rc);
        if (!jw) return -1;
        int rows = count_items(jw);
        if (rows != n_out)
            return rd_fail(r, "%s.weights: %d rows, expected %d (one per unit)", path,
                           rows, n_out);
        int j = 0;
        for (const cJSON *row = jw->child; row; row = row->next, j++) {
            char rp[96];
            snprintf(rp, sizeof rp, "%s.weights[%d]", path, j);
            if (!cJSON_IsArray(row))
                return rd_fail(r, "%s: expected an array of numbers, found %s", rp,
                               io_file_json_type(row));
            if (rd_numbers(r, row, rp, n_in, what, m->params + off) != 0) return -1;
            off += (size_t)n_in;
        }
        const cJSON *jb = rd_key(r, L, path, "biases", is_array,
                                 "an array of numbers", true, &rc);
        if (!jb) return -1;
        char bp[96];
        snprintf(bp, sizeof bp, "%s.biases", path);
        if (rd_numbers(r, jb, bp, n_out, "one per unit", m->params + off) != 0)
            return -1;
        off += (size_t)n_out;
    }
    if (off != np) return rd_fail(r, "internal error: %zu of %zu parameters", off, np);

    const cJSON *pp = rd_key(r, root, "", "preprocess", is_object, "an object",
                             false, &rc);
    if (rc) return -1;
    if (pp) {
        if (rd_preprocess(r, pp, s->n_inputs, &m->prep) != 0) return -1;
        m->has_prep = true;
    }
    const cJSON *cl = rd_key(r, root, "", "classes", is_array, "an array of names",
                             false, &rc);
    if (rc) return -1;
    if (cl) {
        int k = count_items(cl);
        int out = s->units[nl - 1];
        if (k < 2 || k > DS_MAX_CLASSES)
            return rd_fail(r, "classes: %d names, expected 2 to %d", k, DS_MAX_CLASSES);
        if (k != out && !(k == 2 && out == 1))
            return rd_fail(r, "classes: %d names, but the output layer has %d unit%s",
                           k, out, out == 1 ? "" : "s");
        int i = 0;
        for (const cJSON *c = cl->child; c; c = c->next, i++) {
            if (!cJSON_IsString(c))
                return rd_fail(r, "classes[%d]: expected a string, found %s", i,
                               io_file_json_type(c));
            io_file_copy_name(m->class_names[i], DS_LABEL_MAX, c->valuestring,
                              strlen(c->valuestring));
        }
        m->n_classes = k;
    }
    return 0;
}

int model_io_parse(const char *text, size_t len, const char *name,
                   model_file *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (!name) name = "(model)";
    if (len > MODEL_IO_MAX_BYTES) {
        snprintf(err, errlen, "%s: file too large (the limit is %u MiB)", name,
                 MODEL_IO_MAX_BYTES >> 20);
        return -1;
    }
    io_file_locale loc;
    io_file_locale_enter(&loc);
    cJSON *root = io_file_json_parse(text, len, name, MODEL_IO_MAX_DEPTH, err, errlen);
    int rc = -1;
    if (root) {
        model_rd r = {name, err, errlen};
        rc = rd_model(&r, root, m);
        cJSON_Delete(root);
    }
    io_file_locale_leave(&loc);
    if (rc != 0) model_file_free(m);
    return rc;
}

int model_io_load(const char *path, model_file *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    char *text;
    size_t len;
    if (io_file_read(path, MODEL_IO_MAX_BYTES, &text, &len, err, errlen) != 0)
        return -1;
    int rc = model_io_parse(text, len, path, m, err, errlen);
    free(text);
    return rc;
}

void model_file_free(model_file *m)
{
    free(m->params);
    memset(m, 0, sizeof *m);
}
