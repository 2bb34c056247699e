/* test_torch_export.c - the PyTorch export: the written script, run with
 * Debian's python3-torch, predicts what session_predict predicts (to 1e-6)
 * and, with --train, goes on training as the session does. Those tests are
 * skipped, and say so, when /usr/bin/python3 cannot import torch; the checks
 * on the file itself and on errors run everywhere. */
#include <criterion/criterion.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/session.h"
#include "io/ds_io.h"
#include "io/model_io.h"
#include "io/torch_export.h"

#ifndef TX_PYTHON
#define TX_PYTHON "/usr/bin/python3" /* Debian's, where python3-torch lives */
#endif
#define TX_TOL 1e-6

static bool tx_have_torch(void)
{
    return access(TX_PYTHON, X_OK) == 0 &&
           system(TX_PYTHON " -c 'import torch' >/dev/null 2>&1") == 0;
}

/* A fresh folder for one test's files. */
static void tx_tmpdir(char *dir, size_t len)
{
    snprintf(dir, len, "/tmp/mlpviz-export-XXXXXX");
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
}

static void tx_cleanup(const char *dir, const char *file)
{
    unlink(file);
    rmdir(dir);
}

static char *tx_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[len] = '\0';
    fclose(f);
    return buf;
}

/* Runs the script with args and reads the numbers of its last `rows` lines
 * that are not epoch lines into out[rows][cols]. Returns the count read. */
static int tx_run_raw(const char *script, const char *args, double *out,
                      int rows, int cols)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, TX_PYTHON " '%s' %s 2>&1", script, args);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "popen failed");
    char line[8192];
    int got = 0;
    while (fgets(line, sizeof line, p)) {
        if (strncmp(line, "Epoch", 5) == 0)
            continue;
        char *s = line, *end;
        for (int c = 0; c < cols; c++) {
            double v = strtod(s, &end);
            if (end == s) {
                cr_log_error("unexpected script output: %s", line);
                pclose(p);
                return -1;
            }
            if (got < rows)
                out[(size_t)got * cols + c] = v;
            s = end;
        }
        got++;
    }
    int status = pclose(p);
    cr_expect_eq(status, 0, "the script failed (status %d): %s", status, cmd);
    return got;
}

/* Largest |a - b| over n values. */
static double tx_max_diff(const double *a, const double *b, int n)
{
    double worst = 0;
    for (int i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]);
        if (isnan(d))
            return INFINITY;
        if (d > worst)
            worst = d;
    }
    return worst;
}

/* Exports s, runs the script with args, compares every row's outputs with
 * session_predict. */
static void tx_check_predictions(session *s, long epochs, const char *args,
                                 const char *label)
{
    char dir[64], path[128], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/model.py", dir);
    cr_assert_eq(torch_export_write(path, s, epochs, err, sizeof err), 0,
                 "%s", err);
    int rows = session_n_rows(s), cols = s->n_out;
    double *want = calloc((size_t)rows * cols, sizeof *want);
    double *got = calloc((size_t)rows * cols, sizeof *got);
    cr_assert(want && got);
    int n = tx_run_raw(path, args, got, rows, cols);
    cr_expect_eq(n, rows, "%s: the script printed %d rows, expected %d",
                 label, n, rows);
    session_predict(s, s->data.x, rows, want);
    double d = tx_max_diff(got, want, rows * cols);
    cr_expect(d <= TX_TOL, "%s: torch and mlpviz differ by %g", label, d);
    cr_log_info("%s: max |torch - mlpviz| = %.3g over %d rows", label, d,
                rows);
    free(want);
    free(got);
    tx_cleanup(dir, path);
}

static void tx_session(session *s, const session_config *c, ds_dataset *d)
{
    char err[256];
    cr_assert_eq(session_new(s, c, d, err, sizeof err), 0, "%s", err);
}

/* Three Gaussian blobs in the plane, 30 training and 9 test rows. */
static void tx_three_blobs(ds_dataset *d)
{
    cr_assert_eq(ds_new(d, "blobs", 2, DS_MULTICLASS, 3, 64), 0);
    snprintf(d->class_names[0], DS_LABEL_MAX, "red");
    snprintf(d->class_names[1], DS_LABEL_MAX, "green");
    snprintf(d->class_names[2], DS_LABEL_MAX, "blue \"b\"");
    rng_state r;
    rng_seed(&r, 7);
    static const double cx[3] = {-1.5, 1.0, 0.5}, cy[3] = {-0.5, -1.0, 1.5};
    for (int i = 0; i < 39; i++) {
        int k = i % 3;
        double x[2] = {cx[k] + 0.6 * rng_normal(&r),
                       cy[k] + 0.6 * rng_normal(&r)};
        if (i < 30)
            cr_assert_eq(ds_add_train(d, x, k), 0);
        else
            cr_assert_eq(ds_add_test(d, x, k), 0);
    }
}

Test(torch_export, book_xor_network_predicts_as_mlpviz)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 300), 0, "%s", s.message);
    tx_check_predictions(&s, 2000, "--print-raw", "xor 2-8-4-1");
    session_free(&s);
}

Test(torch_export, default_run_prints_the_books_lines)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 50), 0, "%s", s.message);
    char dir[64], path[128], err[256], cmd[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/xor.py", dir);
    cr_assert_eq(torch_export_write(path, &s, 2000, err, sizeof err), 0, "%s",
                 err);
    double out[4];
    session_predict(&s, s.data.x, 4, out);
    snprintf(cmd, sizeof cmd, TX_PYTHON " '%s'", path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char line[256], want[256];
    for (int r = 0; r < 4; r++) {
        cr_assert_not_null(fgets(line, sizeof line, p), "line %d missing", r);
        snprintf(want, sizeof want,
                 "Input: [%.1f, %.1f], Output: %.4f, Expected: %.1f\n",
                 s.data.x[2 * r], s.data.x[2 * r + 1], out[r], s.data.y[r]);
        cr_expect_str_eq(line, want);
    }
    cr_expect_eq(pclose(p), 0);
    tx_cleanup(dir, path);
    session_free(&s);
}

Test(torch_export, multiclass_with_features_and_scaling_predicts_as_mlpviz)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    tx_three_blobs(&d);
    session_config c;
    session_config_default(&c);
    session_config_fit_task(&c, &d);
    c.n_hidden = 1;
    c.hidden[0] = 6;
    c.hidden_act = ACT_TANH;
    c.optimizer = OPT_ADAM;
    c.lr = 0.02;
    c.features = PREP_X1X2 | PREP_SIN1;
    c.scale = PREP_SCALE_STANDARD;
    c.l2 = 0.01;
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(s.n_out, 3);
    cr_assert_eq(session_train(&s, 40), 0, "%s", s.message);
    tx_check_predictions(&s, 100, "--print-raw", "blobs 4-6-3 softmax");
    session_free(&s);
}

/* --train goes on from the exported weights and optimizer state: with a
 * full batch (no shuffling) one epoch in torch lands where one more epoch
 * in mlpviz does. */
static void tx_check_one_more_epoch(session_config *c, ds_dataset *d,
                                    const char *label)
{
    session s;
    tx_session(&s, c, d);
    cr_assert_eq(session_train(&s, 20), 0, "%s", s.message);
    char dir[64], path[128], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/go_on.py", dir);
    cr_assert_eq(torch_export_write(path, &s, 20, err, sizeof err), 0, "%s",
                 err);
    cr_assert_eq(session_step_epoch(&s), 0, "%s", s.message);
    int rows = session_n_rows(&s), cols = s.n_out;
    double *want = calloc((size_t)rows * cols, sizeof *want);
    double *got = calloc((size_t)rows * cols, sizeof *got);
    cr_assert(want && got);
    session_predict(&s, s.data.x, rows, want);
    int n = tx_run_raw(path, "--train --epochs 1 --print-raw", got, rows, cols);
    cr_expect_eq(n, rows);
    double diff = tx_max_diff(got, want, rows * cols);
    cr_expect(diff <= TX_TOL, "%s: after one more epoch torch and mlpviz "
                              "differ by %g", label, diff);
    cr_log_info("%s: one more epoch, max |torch - mlpviz| = %.3g", label,
                diff);
    free(want);
    free(got);
    tx_cleanup(dir, path);
    session_free(&s);
}

Test(torch_export, training_goes_on_as_in_mlpviz_adam_ce_l2)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    tx_three_blobs(&d);
    session_config c;
    session_config_default(&c);
    session_config_fit_task(&c, &d);
    c.n_hidden = 1;
    c.hidden[0] = 5;
    c.hidden_act = ACT_SWISH;
    c.optimizer = OPT_ADAM;
    c.lr = 0.05;
    c.l1 = 0.001;
    c.l2 = 0.01;
    c.scale = PREP_SCALE_MINMAX;
    tx_check_one_more_epoch(&c, &d, "blobs adam");
}

Test(torch_export, training_goes_on_as_in_mlpviz_momentum_bce)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    c.optimizer = OPT_MOMENTUM;
    c.hidden_act = ACT_ELU;
    tx_check_one_more_epoch(&c, &d, "xor momentum");
}

Test(torch_export, regression_and_perceptron_predict_as_mlpviz)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_gen_options o;
    ds_gen_options_default(&o);
    o.points = 60;
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "wave", &o), 0);
    session_config c;
    session_config_default(&c);
    session_config_fit_task(&c, &d);
    c.n_hidden = 1;
    c.hidden[0] = 8;
    c.hidden_act = ACT_SINC;
    c.batch = 8;
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 30), 0, "%s", s.message);
    tx_check_predictions(&s, 100, "--print-raw", "wave 2-8-1 sinc");
    session_free(&s);

    cr_assert_eq(ds_builtin(&d, "or", NULL), 0);
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    c.lr = 1;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 2), 0, "%s", s.message);
    tx_check_predictions(&s, 10, "--print-raw", "or perceptron");
    session_free(&s);
}

Test(torch_export, script_holds_the_model_and_settings)
{
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    session s;
    tx_session(&s, &c, &d);
    char dir[64], path[128], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/xor.py", dir);
    cr_assert_eq(torch_export_write(path, &s, 2000, err, sizeof err), 0, "%s",
                 err);
    char *text = tx_read(path);
    cr_assert_not_null(text);
    static const char *const pieces[] = {
        "import torch.nn as nn",
        "self.hidden1 = nn.Linear(2, 8)",
        "self.hidden2 = nn.Linear(8, 4)",
        "self.output = nn.Linear(4, 1)",
        "x = torch.relu(self.hidden1(x))",
        "return torch.sigmoid(self.logits(x))",
        "bce = nn.BCELoss()",
        "optim.SGD(model.parameters(), lr=LR)",
        "EPOCHS = 2000\n",
        "LR = 0.1\n",
        "X_RAW = torch.tensor([\n    [0.0, 0.0],\n    [0.0, 1.0],",
        "LABELS = [0, 1, 1, 0]",
    };
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++)
        cr_expect_not_null(strstr(text, pieces[i]), "missing: %s", pieces[i]);
    /* the first weight, to the last bit */
    char first[64];
    snprintf(first, sizeof first, "%.17g", s.net.layer[0].w[0]);
    double back = strtod(strstr(text, "weight.copy_(torch.tensor([\n") + 37,
                         NULL);
    cr_expect(back == s.net.layer[0].w[0], "first weight %s read back as %.17g",
              first, back);
    struct stat st;
    cr_expect_eq(stat(path, &st), 0);
    free(text);
    tx_cleanup(dir, path);
    session_free(&s);
}

Test(torch_export, errors_name_the_file_and_keep_the_old_one)
{
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    session s;
    tx_session(&s, &c, &d);
    char err[256] = "";
    cr_expect_eq(torch_export_write("/nonexistent-dir/m.py", &s, 10, err,
                                    sizeof err), -1);
    cr_expect_not_null(strstr(err, "/nonexistent-dir/m.py"), "err: %s", err);

    /* diverged weights are refused, and the file already there stays */
    char dir[64], path[128];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/keep.py", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("old\n", f);
    fclose(f);
    s.net.params[0] = NAN;
    err[0] = '\0';
    cr_expect_eq(torch_export_write(path, &s, 10, err, sizeof err), -1);
    cr_expect_not_null(strstr(err, path), "err: %s", err);
    char *text = tx_read(path);
    cr_expect_str_eq(text, "old\n");
    free(text);
    tx_cleanup(dir, path);
    session_free(&s);
}

/* More rows than the script holds: it names the data and reads the rows
 * from a CSV file given with --data. */
Test(torch_export, large_dataset_is_read_from_a_csv_file)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_gen_options o;
    ds_gen_options_default(&o);
    o.points = TORCH_EXPORT_MAX_INLINE_ROWS + 200;
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "spiral", &o), 0);
    session_config c;
    session_config_default(&c);
    c.n_hidden = 1;
    c.hidden[0] = 6;
    c.hidden_act = ACT_TANH;
    c.batch = 32;
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 3), 0, "%s", s.message);
    char dir[64], path[128], csv[128], args[192], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/spiral.py", dir);
    snprintf(csv, sizeof csv, "%s/spiral.csv", dir);
    cr_assert_eq(torch_export_write(path, &s, 10, err, sizeof err), 0, "%s",
                 err);
    char *text = tx_read(path);
    cr_assert_not_null(text);
    cr_expect_not_null(strstr(text, "X_RAW = None"));
    free(text);

    int rows = session_n_rows(&s);
    FILE *f = fopen(csv, "w");
    cr_assert_not_null(f);
    fputs("x1,x2,label\n", f);
    for (int r = 0; r < rows; r++)
        fprintf(f, "%.17g,%.17g,%d\n", s.data.x[2 * r], s.data.x[2 * r + 1],
                (int)s.data.y[r]);
    fclose(f);
    double *want = calloc((size_t)rows, sizeof *want);
    double *got = calloc((size_t)rows, sizeof *got);
    cr_assert(want && got);
    session_predict(&s, s.data.x, rows, want);
    snprintf(args, sizeof args, "--data '%s' --print-raw", csv);
    cr_expect_eq(tx_run_raw(path, args, got, rows, 1), rows);
    double diff = tx_max_diff(got, want, rows);
    cr_expect(diff <= TX_TOL, "spiral from CSV: differ by %g", diff);
    free(want);
    free(got);
    unlink(csv);
    tx_cleanup(dir, path);
    session_free(&s);
}

/* The round trip: a model trained on a CSV, saved, loaded into a
 * new session and exported predicts in torch what the first session did. */
Test(torch_export, csv_model_saved_reloaded_and_exported_predicts_the_same)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    static const char csv[] =
        "# three kinds of point\n"
        "width;height;kind\n"
        "1.0;2.5;tall\n3.0;1.0;wide\n2.0;2.0;round\n0.8;2.9;tall\n"
        "3.4;0.7;wide\n2.2;2.1;round\n1.2;3.1;tall\n2.9;1.3;wide\n"
        "1.8;1.9;round\n0.9;2.2;tall\n3.6;1.1;wide\n2.1;1.7;round\n";
    ds_io_options io;
    ds_io_options_default(&io);
    char err[256];
    ds_dataset d, d2;
    cr_assert_eq(ds_io_parse_csv(csv, sizeof csv - 1, "kinds.csv", &d, &io,
                                 err, sizeof err), 0, "%s", err);
    cr_assert_eq(ds_copy(&d2, &d), 0);
    cr_assert_eq(d.task, DS_MULTICLASS);
    session_config c;
    session_config_default(&c);
    session_config_fit_task(&c, &d);
    c.n_hidden = 1;
    c.hidden[0] = 5;
    c.hidden_act = ACT_MISH;
    c.scale = PREP_SCALE_MINMAX;
    c.features = PREP_X1X2;
    session s, s2;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 50), 0, "%s", s.message);

    char dir[64], model[128], path[128];
    tx_tmpdir(dir, sizeof dir);
    snprintf(model, sizeof model, "%s/kinds.json", dir);
    snprintf(path, sizeof path, "%s/kinds.py", dir);
    cr_assert_eq(model_io_save(model, &s.net, s.cfg.loss, &s.prep, &s.data,
                               err, sizeof err), 0, "%s", err);
    model_file m;
    cr_assert_eq(model_io_load(model, &m, err, sizeof err), 0, "%s", err);
    session_config c2;
    session_config_default(&c2);
    session_config_fit_task(&c2, &d2);
    tx_session(&s2, &c2, &d2);
    cr_assert_eq(session_load_params(&s2, &m.shape, m.params,
                                     m.has_prep ? &m.prep : NULL), 0, "%s",
                 s2.message);
    model_file_free(&m);
    cr_assert_eq(torch_export_write(path, &s2, 100, err, sizeof err), 0, "%s",
                 err);

    int rows = session_n_rows(&s), cols = s.n_out;
    double want[64], got[64];
    cr_assert(rows * cols <= 64);
    session_predict(&s, s.data.x, rows, want);
    cr_expect_eq(tx_run_raw(path, "--print-raw", got, rows, cols), rows);
    double diff = tx_max_diff(got, want, rows * cols);
    cr_expect(diff <= TX_TOL, "saved, reloaded, exported: differ by %g", diff);
    cr_log_info("csv model round trip: max |torch - mlpviz| = %.3g", diff);
    unlink(model);
    tx_cleanup(dir, path);
    session_free(&s);
    session_free(&s2);
}

/* Exports s (trained `epochs` epochs), runs the script with args and
 * compares every row's outputs with those of a clone of s trained `more`
 * epochs further. */
static void tx_check_script_run(const session *s, long epochs, const char *args,
                                long more, const char *label)
{
    char dir[64], path[128], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/run.py", dir);
    cr_assert_eq(torch_export_write(path, s, epochs, err, sizeof err), 0, "%s",
                 err);
    session k;
    cr_assert_eq(session_clone(&k, s, err, sizeof err), 0, "%s", err);
    if (more > 0)
        cr_assert_eq(session_train(&k, more), 0, "%s", k.message);
    int rows = session_n_rows(&k), cols = k.n_out;
    double *want = calloc((size_t)rows * cols, sizeof *want);
    double *got = calloc((size_t)rows * cols, sizeof *got);
    cr_assert(want && got);
    session_predict(&k, k.data.x, rows, want);
    int n = tx_run_raw(path, args, got, rows, cols);
    cr_expect_eq(n, rows, "%s: %d rows printed, expected %d", label, n, rows);
    double diff = tx_max_diff(got, want, rows * cols);
    cr_expect(diff <= TX_TOL, "%s: torch and mlpviz differ by %g", label, diff);
    cr_log_info("%s: max |torch - mlpviz| = %.3g", label, diff);
    free(want);
    free(got);
    session_free(&k);
    tx_cleanup(dir, path);
}

Test(torch_export, mini_batches_come_in_mlpviz_order_from_scratch_and_going_on)
{
    if (!tx_have_torch())
        cr_skip_test("python3-torch not installed");
    ds_dataset d;
    ds_gen_options g;
    ds_gen_options_default(&g);
    g.points = 60;
    cr_assert_eq(ds_builtin(&d, "moons", &g), 0);
    session_config c;
    session_config_default(&c);
    c.batch = 8;
    c.optimizer = OPT_MOMENTUM;
    c.hidden_act = ACT_TANH;
    c.seed = 11;
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 6), 0, "%s", s.message);
    /* --from-scratch: mlpviz's initial weights, its shuffle from the seed */
    tx_check_script_run(&s, 6, "--train --from-scratch --print-raw", 0,
                        "moons batch 8 from scratch");
    /* going on: the optimizer's moments, the shuffle where it stood */
    tx_check_script_run(&s, 6, "--train --epochs 4 --print-raw", 4,
                        "moons batch 8, four more epochs");
    session_free(&s);
}

Test(torch_export, a_torch_seeded_run_starts_from_torch_manual_seed)
{
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session_config c;
    session_config_default(&c);
    c.rng = SESSION_RNG_TORCH;
    c.seed = 5;
    session s;
    tx_session(&s, &c, &d);
    cr_assert_eq(session_train(&s, 30), 0, "%s", s.message);
    char dir[64], path[128], err[256];
    tx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/seeded.py", dir);
    cr_assert_eq(torch_export_write(path, &s, 30, err, sizeof err), 0, "%s", err);
    char *text = tx_read(path);
    cr_assert_not_null(text);
    cr_expect_not_null(strstr(text, "SEED = 5\n"));
    cr_expect_not_null(strstr(text, "    torch.manual_seed(SEED)\n    fresh = MLP()"));
    cr_expect_null(strstr(text, "INITIAL_PARAMS"));
    cr_expect_null(strstr(text, "randperm"));
    free(text);
    /* from scratch, PyTorch's own draw trains to where mlpviz went */
    if (tx_have_torch())
        tx_check_script_run(&s, 30, "--train --from-scratch --print-raw", 0,
                            "xor torch seed 5 from scratch");
    /* the engine's own generator, or weights from elsewhere: the initial
     * weights are written out instead */
    cr_assert_eq(session_set_param(&s, 0, 0, 0, 0.5), 0);
    cr_assert_eq(torch_export_write(path, &s, 30, err, sizeof err), 0, "%s", err);
    text = tx_read(path);
    cr_assert_not_null(text);
    cr_expect_not_null(strstr(text, "INITIAL_PARAMS = [0.5, "), "no INITIAL_PARAMS");
    cr_expect_null(strstr(text, "torch.manual_seed("));
    free(text);
    tx_cleanup(dir, path);
    session_free(&s);
}
