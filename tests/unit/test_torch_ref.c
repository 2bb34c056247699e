/* test_torch_ref.c - replays the PyTorch reference fixtures (the JSON files
 * in tests/torch/fixtures, made in float64 by tests/torch/gen_fixtures.py)
 * with the engine and checks outputs, loss, gradients and updated
 * parameters at every step to 1e-9, llm.c style. Needs no torch: only the
 * committed JSON files, read here with cJSON. */
#include <criterion/criterion.h>

#include <cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/act.h"
#include "engine/loss.h"
#include "engine/net.h"
#include "engine/opt.h"

#define REF_DIR "tests/torch/fixtures"
#define REF_TOL 1e-9
#define REF_MAX_FILES 64
#define REF_MAX_ROWS 256
#define REF_MAX_PARAMS 4096
#define REF_MSG 512
#define REF_PATH 320 /* the folder, a slash and a d_name */

/* One fixture, copied out of the JSON tree. */
typedef struct {
    char name[128];
    net_shape shape;
    loss_kind loss;
    opt_kind opt;
    double lr, l1, l2;
    int rows, n_out;
    size_t n_params;
    double x[REF_MAX_ROWS * 8];   /* [rows][inputs] */
    double y[REF_MAX_ROWS * 8];   /* [rows][n_out] */
    double params[REF_MAX_PARAMS];
    int n_steps;
    cJSON *steps;                 /* owned by root */
    cJSON *root;
} ref_fixture;

/* What a replay found: ok, the largest scaled error seen, and the first
 * mismatch in words. */
typedef struct {
    bool ok;
    double max_err;
    long compared;
    char msg[REF_MSG];
} ref_result;

static void ref_fail(ref_result *r, const char *fmt, ...)
{
    if (!r->ok)
        return; /* keep the first mismatch only */
    r->ok = false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
}

/* |a - b| <= tol * max(1, |b|), b the reference. Returns the scaled
 * error and records the maximum. */
static double ref_err(ref_result *r, double got, double want)
{
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    double e = fabs(got - want) / scale;
    if (isnan(got) != isnan(want) || isnan(e))
        e = INFINITY;
    if (e > r->max_err)
        r->max_err = e;
    r->compared++;
    return e;
}

static char *ref_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        if (len >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            buf = malloc((size_t)len + 1);
            if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len) {
                buf[len] = '\0';
            } else {
                free(buf);
                buf = NULL;
            }
        }
    }
    fclose(f);
    return buf;
}

static bool ref_numbers(const cJSON *a, double *out, int n)
{
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != n)
        return false;
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, a)
    {
        if (!cJSON_IsNumber(e))
            return false;
        out[i++] = e->valuedouble;
    }
    return true;
}

static bool ref_matrix(const cJSON *a, double *out, int rows, int cols)
{
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != rows)
        return false;
    int r = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, a)
    {
        if (!ref_numbers(row, out + (size_t)r * cols, cols))
            return false;
        r++;
    }
    return true;
}

static double ref_number(const cJSON *o, const char *key, bool *ok)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v)) {
        *ok = false;
        return 0;
    }
    return v->valuedouble;
}

static const char *ref_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Parses a fixture file into f. false with the reason in why. */
static bool ref_load(const char *path, ref_fixture *f, char *why, size_t len)
{
    memset(f, 0, sizeof *f);
    char *text = ref_read_file(path);
    if (!text) {
        snprintf(why, len, "%s: cannot read", path);
        return false;
    }
    f->root = cJSON_Parse(text);
    free(text);
    if (!f->root) {
        snprintf(why, len, "%s: not valid JSON", path);
        return false;
    }
    cJSON *root = f->root;
    bool ok = true;
    snprintf(f->name, sizeof f->name, "%s", ref_string(root, "name"));
    f->shape.n_inputs = (int)ref_number(root, "inputs", &ok);
    const cJSON *layers = cJSON_GetObjectItemCaseSensitive(root, "layers");
    if (!cJSON_IsArray(layers) || cJSON_GetArraySize(layers) < 1 ||
        cJSON_GetArraySize(layers) > NET_MAX_LAYERS) {
        snprintf(why, len, "%s: bad \"layers\"", path);
        return false;
    }
    const cJSON *l;
    cJSON_ArrayForEach(l, layers)
    {
        int i = f->shape.n_layers++;
        f->shape.units[i] = (int)ref_number(l, "units", &ok);
        if (!act_from_name(ref_string(l, "activation"), &f->shape.acts[i])) {
            snprintf(why, len, "%s: unknown activation '%s'", path,
                     ref_string(l, "activation"));
            return false;
        }
    }
    if (!loss_from_name(ref_string(root, "loss"), &f->loss) ||
        !opt_from_name(ref_string(root, "optimizer"), &f->opt)) {
        snprintf(why, len, "%s: unknown loss or optimizer", path);
        return false;
    }
    f->lr = ref_number(root, "lr", &ok);
    f->l1 = ref_number(root, "l1", &ok);
    f->l2 = ref_number(root, "l2", &ok);
    char err[128];
    if (!ok || !net_shape_check(&f->shape, err, sizeof err)) {
        snprintf(why, len, "%s: bad shape or missing number", path);
        return false;
    }
    f->n_out = f->shape.units[f->shape.n_layers - 1];
    f->n_params = net_shape_params(&f->shape);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(root, "x");
    f->rows = cJSON_GetArraySize(x);
    if (f->rows < 1 || f->rows > REF_MAX_ROWS || f->shape.n_inputs > 8 ||
        f->n_out > 8 || f->n_params > REF_MAX_PARAMS ||
        !ref_matrix(x, f->x, f->rows, f->shape.n_inputs) ||
        !ref_matrix(cJSON_GetObjectItemCaseSensitive(root, "y"), f->y,
                    f->rows, f->n_out) ||
        !ref_numbers(cJSON_GetObjectItemCaseSensitive(root, "params"),
                     f->params, (int)f->n_params)) {
        snprintf(why, len, "%s: x, y or params do not fit the shape", path);
        return false;
    }
    f->steps = cJSON_GetObjectItemCaseSensitive(root, "steps");
    f->n_steps = cJSON_GetArraySize(f->steps);
    if (!cJSON_IsArray(f->steps) || f->n_steps < 1) {
        snprintf(why, len, "%s: no steps", path);
        return false;
    }
    return true;
}

/* Names parameter p of the flat layout: "layer 1 w[2][0]" or "layer 0 b[3]". */
static void ref_param_name(const net_shape *s, size_t p, char *buf,
                           size_t len)
{
    size_t off = 0;
    int in = s->n_inputs;
    for (int l = 0; l < s->n_layers; l++) {
        size_t nw = (size_t)s->units[l] * (size_t)in;
        if (p < off + nw) {
            size_t k = p - off;
            snprintf(buf, len, "layer %d w[%zu][%zu]", l, k / (size_t)in,
                     k % (size_t)in);
            return;
        }
        if (p < off + nw + (size_t)s->units[l]) {
            snprintf(buf, len, "layer %d b[%zu]", l, p - off - nw);
            return;
        }
        off += nw + (size_t)s->units[l];
        in = s->units[l];
    }
    snprintf(buf, len, "param %zu (beyond the shape)", p);
}

/* Compares got[0..n) with the reference want[0..n) of step k. */
static void ref_check(ref_result *r, const ref_fixture *f, int k,
                      const char *key, const double *got, const double *want,
                      int n, bool params)
{
    int bad = 0, first = -1;
    for (int i = 0; i < n; i++)
        if (ref_err(r, got[i], want[i]) > REF_TOL) {
            if (first < 0)
                first = i;
            bad++;
        }
    if (first >= 0) {
        char what[64];
        if (params)
            ref_param_name(&f->shape, (size_t)first, what, sizeof what);
        else
            snprintf(what, sizeof what, "row %d output %d", first / f->n_out,
                     first % f->n_out);
        ref_fail(r,
                 "%s step %d %s: %s engine %.17g torch %.17g "
                 "(%d of %d values off)",
                 f->name, k + 1, key, what, got[first], want[first], bad, n);
    }
}

/* Reads the flat array `key` of a step (n numbers) into want and compares. */
static void ref_check_array(ref_result *r, const ref_fixture *f, int k,
                            const cJSON *step, const char *key,
                            const double *got, int n)
{
    static double want[REF_MAX_PARAMS];
    if (n > REF_MAX_PARAMS ||
        !ref_numbers(cJSON_GetObjectItemCaseSensitive(step, key), want, n)) {
        ref_fail(r, "%s step %d: \"%s\" missing or of the wrong length",
                 f->name, k + 1, key);
        return;
    }
    ref_check(r, f, k, key, got, want, n, true);
}

/* Replays fixture f with the engine. `perturb` is added to the first
 * initial parameter (0 for the real check; the self-test uses it to prove
 * that a wrong number is caught). */
static ref_result ref_replay(const ref_fixture *f, double perturb)
{
    ref_result r = {.ok = true};
    net n;
    opt_state o;
    if (net_new(&n, &f->shape, f->rows) != 0) {
        ref_fail(&r, "%s: net_new failed", f->name);
        return r;
    }
    if (n.n_params != f->n_params) {
        ref_fail(&r, "%s: engine has %zu params, fixture %zu", f->name,
                 n.n_params, f->n_params);
        net_free(&n);
        return r;
    }
    if (opt_new(&o, f->opt, f->lr, n.n_params) != 0) {
        ref_fail(&r, "%s: opt_new failed", f->name);
        net_free(&n);
        return r;
    }
    memcpy(n.params, f->params, f->n_params * sizeof *n.params);
    n.params[0] += perturb;

    int in = f->shape.n_inputs, out_n = f->n_out;
    act_kind out_act = f->shape.acts[f->shape.n_layers - 1];
    static double bx[REF_MAX_ROWS * 8], by[REF_MAX_ROWS * 8];
    static double dz[REF_MAX_ROWS * 8];
    const cJSON *step;
    int k = 0;
    cJSON_ArrayForEach(step, f->steps)
    {
        /* the batch: the fixture names its rows */
        const cJSON *rows = cJSON_GetObjectItemCaseSensitive(step, "rows");
        int br = cJSON_GetArraySize(rows);
        if (!cJSON_IsArray(rows) || br < 1 || br > f->rows) {
            ref_fail(&r, "%s step %d: bad \"rows\"", f->name, k + 1);
            break;
        }
        int i = 0;
        const cJSON *idx;
        cJSON_ArrayForEach(idx, rows)
        {
            int row = cJSON_IsNumber(idx) ? idx->valueint : -1;
            if (row < 0 || row >= f->rows) {
                ref_fail(&r, "%s step %d: row %d out of range", f->name,
                         k + 1, row);
                break;
            }
            memcpy(bx + (size_t)i * in, f->x + (size_t)row * in,
                   (size_t)in * sizeof *bx);
            memcpy(by + (size_t)i * out_n, f->y + (size_t)row * out_n,
                   (size_t)out_n * sizeof *by);
            i++;
        }
        if (!r.ok)
            break;

        double norm = 1.0 / br;
        net_zero_grad(&n);
        const double *out = net_forward(&n, bx, br);
        static double want_out[REF_MAX_ROWS * 8];
        if (!ref_matrix(cJSON_GetObjectItemCaseSensitive(step, "outputs"),
                        want_out, br, out_n)) {
            ref_fail(&r, "%s step %d: bad \"outputs\"", f->name, k + 1);
            break;
        }
        ref_check(&r, f, k, "outputs", out, want_out, br * out_n, false);

        double pen = net_penalty(&n, f->l1, f->l2);
        double loss = loss_forward(f->loss, out, by, br, out_n, norm) + pen;
        bool ok = true;
        double want_loss = ref_number(step, "loss", &ok);
        double want_pen = ref_number(step, "penalty", &ok);
        if (!ok)
            ref_fail(&r, "%s step %d: loss or penalty missing", f->name, k + 1);
        if (ref_err(&r, pen, want_pen) > REF_TOL)
            ref_fail(&r, "%s step %d penalty: engine %.17g torch %.17g",
                     f->name, k + 1, pen, want_pen);
        if (ref_err(&r, loss, want_loss) > REF_TOL)
            ref_fail(&r, "%s step %d loss: engine %.17g torch %.17g", f->name,
                     k + 1, loss, want_loss);

        const net_layer *last = &n.layer[n.n_layers - 1];
        loss_backward_z(f->loss, out_act, dz, last->z, out, by, br, out_n,
                        norm);
        net_backward(&n, dz);
        net_add_penalty_grad(&n, f->l1, f->l2);
        ref_check_array(&r, f, k, step, "grads", n.grads, (int)n.n_params);

        opt_step(&o, n.params, n.grads);
        ref_check_array(&r, f, k, step, "params", n.params, (int)n.n_params);
        if (!r.ok)
            break; /* later steps only repeat the first difference */
        k++;
    }
    opt_free(&o);
    net_free(&n);
    return r;
}

static int ref_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Paths of the fixtures, sorted. Returns the count (0 when none). */
static int ref_list(char paths[][REF_PATH], int max)
{
    DIR *d = opendir(REF_DIR);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
            snprintf(paths[n++], REF_PATH, "%s/%s", REF_DIR, e->d_name);
    }
    closedir(d);
    qsort(paths, (size_t)n, sizeof paths[0], ref_cmp);
    return n;
}

static ref_fixture ref_fx; /* large: kept out of the stack */

Test(torch_ref, engine_matches_pytorch_on_every_fixture)
{
    static char paths[REF_MAX_FILES][REF_PATH];
    int n = ref_list(paths, REF_MAX_FILES);
    cr_assert(n > 0, "no fixtures found in %s (run the tests from the "
                     "repository root)", REF_DIR);
    double worst = 0;
    long compared = 0;
    for (int i = 0; i < n; i++) {
        char why[REF_MSG];
        bool loaded = ref_load(paths[i], &ref_fx, why, sizeof why);
        cr_expect(loaded, "%s", why);
        if (loaded) {
            ref_result r = ref_replay(&ref_fx, 0.0);
            cr_expect(r.ok, "%s", r.msg);
            cr_log_info("%s: %ld values, max scaled error %.3g", ref_fx.name,
                        r.compared, r.max_err);
            if (r.max_err > worst)
                worst = r.max_err;
            compared += r.compared;
        }
        cJSON_Delete(ref_fx.root);
        ref_fx.root = NULL;
    }
    cr_log_info("torch reference: %d fixtures, %ld values, max scaled error "
                "%.3g (tolerance %g)", n, compared, worst, REF_TOL);
}

/* The checker itself must catch a wrong number: a parameter moved by 1e-6
 * before the first step shows up as a mismatch. */
Test(torch_ref, a_perturbed_parameter_is_caught)
{
    static char paths[REF_MAX_FILES][REF_PATH];
    int n = ref_list(paths, REF_MAX_FILES);
    cr_assert(n > 0, "no fixtures found in %s", REF_DIR);
    char why[REF_MSG];
    cr_assert(ref_load(paths[0], &ref_fx, why, sizeof why), "%s", why);
    ref_result r = ref_replay(&ref_fx, 1e-6);
    cJSON_Delete(ref_fx.root);
    cr_expect(!r.ok, "a 1e-6 change of the first weight went unnoticed");
    cr_expect(r.max_err > REF_TOL);
}
