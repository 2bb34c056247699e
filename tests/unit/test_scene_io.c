/* test_scene_io.c - the scene file: a session saved after training, with a
 * point added by hand, a mid-epoch cursor, Adam moments and a scaled input
 * pipeline reopens to the same state and trains on bit for bit; a step
 * saved half way reopens at the same phase; the inspector's last-step
 * values come back; diverged scenes and 64-bit seeds survive; bad files give
 * one line naming the file and the JSON path. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/lesson.h"
#include "engine/session_state.h"
#include "io/scene_io.h"

static char err[1024];
static char dir[64];
static char path[256];

static void setup_dir(void)
{
    strcpy(dir, "/tmp/mlpviz-scene-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.json", dir);
}

static void rm_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static int files_in_dir(void)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            k++;
    closedir(d);
    return k;
}

static char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    cr_assert_not_null(f, "%s", p);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return b;
}

static void spit(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
}

/* Same bits, except that any NaN equals any NaN. */
static bool same_doubles(const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(a[i]) && isnan(b[i]))
            continue;
        if (memcmp(&a[i], &b[i], sizeof(double)) != 0)
            return false;
    }
    return true;
}

static bool same_double(double a, double b) { return same_doubles(&a, &b, 1); }

static void assert_same_config(const session_config *a, const session_config *b)
{
    cr_assert_eq(a->model, b->model);
    cr_assert_eq(a->n_hidden, b->n_hidden);
    for (int l = 0; l < a->n_hidden; l++)
        cr_assert_eq(a->hidden[l], b->hidden[l]);
    cr_assert_eq(a->hidden_act, b->hidden_act);
    cr_assert_eq(a->output_act, b->output_act);
    cr_assert_eq(a->loss, b->loss);
    cr_assert_eq(a->optimizer, b->optimizer);
    cr_assert(same_double(a->lr, b->lr));
    cr_assert_eq(a->batch, b->batch);
    cr_assert_eq(a->seed, b->seed);
    cr_assert_eq(a->init, b->init);
    cr_assert(same_double(a->l1, b->l1));
    cr_assert(same_double(a->l2, b->l2));
    cr_assert_eq(a->features, b->features);
    cr_assert_eq(a->scale, b->scale);
}

/* Everything that makes up the state (what session_clone copies), plus the
 * dataset and the pipeline. */
static void assert_same_session(const session *a, const session *b)
{
    assert_same_config(&a->cfg, &b->cfg);
    const ds_dataset *da = &a->data, *db = &b->data;
    cr_assert_str_eq(da->name, db->name);
    cr_assert_eq(da->task, db->task);
    cr_assert_eq(da->n_features, db->n_features);
    cr_assert_eq(da->n_classes, db->n_classes);
    cr_assert_eq(da->n_train, db->n_train);
    cr_assert_eq(da->n_test, db->n_test);
    int rows = ds_rows(da);
    cr_assert(same_doubles(da->x, db->x, (size_t)rows * da->n_features));
    cr_assert(same_doubles(da->y, db->y, (size_t)rows));
    for (int f = 0; f < da->n_features; f++)
        cr_assert_str_eq(da->feature_names[f], db->feature_names[f]);
    for (int k = 0; k < da->n_classes; k++)
        cr_assert_str_eq(da->class_names[k], db->class_names[k]);
    cr_assert_eq(a->prep.n_raw, b->prep.n_raw);
    cr_assert_eq(a->prep.n_in, b->prep.n_in);
    cr_assert_eq(a->prep.features, b->prep.features);
    cr_assert_eq(a->prep.scale, b->prep.scale);
    cr_assert(same_doubles(a->prep.shift, b->prep.shift, (size_t)a->prep.n_in));
    cr_assert(same_doubles(a->prep.mult, b->prep.mult, (size_t)a->prep.n_in));
    for (int i = 0; i < a->prep.n_in; i++)
        cr_assert_str_eq(a->prep.names[i], b->prep.names[i]);
    cr_assert(same_doubles(a->inputs, b->inputs, (size_t)rows * a->n_in));
    cr_assert_eq(a->net.n_layers, b->net.n_layers);
    for (int l = 0; l < a->net.n_layers; l++) {
        cr_assert_eq(a->net.layer[l].n_in, b->net.layer[l].n_in);
        cr_assert_eq(a->net.layer[l].n_out, b->net.layer[l].n_out);
        cr_assert_eq(a->net.layer[l].act, b->net.layer[l].act);
    }
    size_t n = a->net.n_params;
    cr_assert_eq(n, b->net.n_params);
    cr_assert(same_doubles(a->net.params, b->net.params, n), "weights differ");
    cr_assert(same_doubles(a->init_params, b->init_params, n));
    cr_assert(same_doubles(a->prev_params, b->prev_params, n));
    cr_assert_eq(a->opt.kind, b->opt.kind);
    cr_assert(same_double(a->opt.lr, b->opt.lr));
    cr_assert_eq(a->opt.t, b->opt.t);
    cr_assert(same_doubles(a->opt.m, b->opt.m, n));
    cr_assert(same_doubles(a->opt.v, b->opt.v, n));
    cr_assert_eq(memcmp(a->order, b->order, (size_t)da->n_train * sizeof(int)), 0);
    cr_assert_eq(a->cursor, b->cursor);
    cr_assert_eq(memcmp(&a->shuffle_rng, &b->shuffle_rng, sizeof a->shuffle_rng), 0);
    cr_assert_eq(a->epoch, b->epoch);
    cr_assert_eq(a->steps, b->steps);
    cr_assert_eq(a->status, b->status);
    cr_assert_eq(a->phase, b->phase);
    cr_assert_eq(a->diverged_epoch, b->diverged_epoch);
    cr_assert_eq(a->last.step, b->last.step);
    cr_assert_eq(a->last.rows, b->last.rows);
    cr_assert_eq(a->last.row, b->last.row);
    cr_assert(same_double(a->last.loss, b->last.loss));
    cr_assert(same_double(a->last.error, b->last.error));
    cr_assert(same_double(a->last.y_hat, b->last.y_hat));
    cr_assert(same_double(a->last.step_size, b->last.step_size));
    cr_assert(same_double(a->epoch_loss_sum, b->epoch_loss_sum));
    cr_assert_eq(a->epoch_rows, b->epoch_rows);
    cr_assert_eq(a->epoch_wrong, b->epoch_wrong);
    cr_assert_eq(a->hist_len, b->hist_len);
    cr_assert(same_doubles(a->hist_train, b->hist_train, (size_t)a->hist_len),
              "train history differs");
    cr_assert(same_doubles(a->hist_test, b->hist_test, (size_t)a->hist_len),
              "test history differs");
}

/* The values of the last forward and backward the inspector reads (with
 * `backward` false only the forward's: mid-step, dL/da and dL/dz still hold
 * an earlier step's values that a scene does not keep). */
static void assert_same_pass(const session *a, const session *b, bool backward)
{
    cr_assert_eq(a->net.batch, b->net.batch);
    cr_assert(same_doubles(a->net.grads, b->net.grads, a->net.n_params),
              "gradients differ");
    int rows = a->net.batch;
    for (int l = 0; l < a->net.n_layers; l++) {
        const net_layer *La = &a->net.layer[l], *Lb = &b->net.layer[l];
        size_t k = (size_t)rows * La->n_out;
        cr_assert(same_doubles(La->z, Lb->z, k), "layer %d z differs", l);
        cr_assert(same_doubles(La->a, Lb->a, k), "layer %d a differs", l);
        if (!backward)
            continue;
        cr_assert(same_doubles(La->da, Lb->da, k), "layer %d da differs", l);
        cr_assert(same_doubles(La->dz, Lb->dz, k), "layer %d dz differs", l);
    }
    cr_assert_eq(a->batch_first, b->batch_first);
    cr_assert_eq(a->batch_rows_n, b->batch_rows_n);
    cr_assert(same_double(a->batch_loss, b->batch_loss));
}

static void assert_same_last_pass(const session *a, const session *b)
{
    assert_same_pass(a, b, true);
}

static void new_session(session *s, const session_config *c, const char *data,
                        int points)
{
    ds_dataset d;
    ds_gen_options g;
    ds_gen_options_default(&g);
    g.points = points;
    cr_assert_eq(ds_builtin(&d, data, &g), 0);
    session_config cc = *c;
    session_config_fit_task(&cc, &d);
    cr_assert_eq(session_new(s, &cc, &d, err, sizeof err), 0, "%s", err);
}

static void save_load(const session *a, session *b, const scene_view *v,
                      scene_view *vout)
{
    cr_assert_eq(scene_io_save(path, a, v, err, sizeof err), 0, "%s", err);
    cr_assert_eq(scene_io_load(path, b, vout, err, sizeof err), 0, "%s", err);
}

Test(scene_io, reopened_scene_trains_on_bit_identically,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.hidden_act = ACT_TANH;
    c.optimizer = OPT_ADAM;
    c.lr = 0.01;
    c.batch = 16;
    c.l2 = 1e-3;
    c.seed = 7;
    c.features = PREP_X1X2;
    c.scale = PREP_SCALE_STANDARD;
    session a, b;
    new_session(&a, &c, "moons", 120);
    cr_assert_gt(a.data.n_test, 0);
    cr_assert_eq(session_train(&a, 4), 0);
    /* a point added by hand: the pipeline stays as it was fitted */
    double pt[2] = {0.123456789012345, -1.5e-7};
    cr_assert_eq(session_add_point(&a, pt, 1), 0);
    cr_assert_eq(session_train(&a, 3), 0);
    for (int k = 0; k < 2; k++)
        cr_assert_eq(session_step_batch(&a), 0);
    cr_assert_gt(a.cursor, 0, "saved in the middle of an epoch");
    cr_assert_eq(a.hist_len, 3 + 4);

    save_load(&a, &b, NULL, NULL);
    assert_same_session(&a, &b);
    assert_same_last_pass(&a, &b);
    /* the hand-added point is in the reopened data */
    bool found = false;
    for (int r = 0; r < b.data.n_train; r++)
        found |= b.data.x[2 * r] == pt[0] && b.data.x[2 * r + 1] == pt[1];
    cr_assert(found);

    cr_assert_eq(session_train(&a, 25), 0);
    cr_assert_eq(session_train(&b, 25), 0);
    for (int k = 0; k < 3; k++) {
        cr_assert_eq(session_step_batch(&a), 0);
        cr_assert_eq(session_step_batch(&b), 0);
    }
    assert_same_session(&a, &b);
    assert_same_last_pass(&a, &b);
    cr_assert_eq(a.hist_len, 32);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, momentum_and_full_batch_xor_round_trip,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.optimizer = OPT_MOMENTUM;
    session a, b;
    new_session(&a, &c, "xor", 0);
    cr_assert_eq(session_train(&a, 30), 0);
    save_load(&a, &b, NULL, NULL);
    assert_same_session(&a, &b);
    assert_same_last_pass(&a, &b);
    cr_assert_eq(session_train(&a, 200), 0);
    cr_assert_eq(session_train(&b, 200), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

/* a, stopped after each phase of its next step in turn, saved and reopened:
 * each time the same session and the same values of the pass so far; then
 * b, reopened after the backward, and a finish the step alike. */
static void reopen_each_phase(session *a, session *b)
{
    int cursor = a->cursor;
    for (session_phase ph = SESSION_PHASE_FORWARD; ph <= SESSION_PHASE_BACKWARD;
         ph++) {
        while (a->phase != ph)
            cr_assert_eq(session_step_phase(a), 0);
        save_load(a, b, NULL, NULL);
        cr_assert_eq(b->phase, ph);
        cr_assert_eq(b->cursor, cursor);
        cr_assert_eq(b->batch_first, cursor);
        assert_same_session(a, b);
        assert_same_pass(a, b, ph == SESSION_PHASE_BACKWARD);
        session_free(b);
    }
    save_load(a, b, NULL, NULL);
    while (a->phase != SESSION_PHASE_READY) {
        cr_assert_eq(session_step_phase(a), 0);
        cr_assert_eq(session_step_phase(b), 0);
    }
    assert_same_last_pass(a, b);
}

Test(scene_io, step_in_progress_reopens_at_the_same_phase,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.batch = 8;
    session a, b;
    new_session(&a, &c, "circle", 60);
    cr_assert_eq(session_train(&a, 2), 0);
    /* the first step of an epoch shuffles: stop right after its forward */
    reopen_each_phase(&a, &b);
    cr_assert_eq(session_train(&a, 5), 0);
    cr_assert_eq(session_train(&b, 5), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

/* Half way through an epoch and half way through a step: the cursor, the
 * optimizer's moments and the phase all come back, and both go on alike. */
Test(scene_io, mid_epoch_step_in_progress_reopens_and_trains_on,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.batch = 8;
    c.optimizer = OPT_MOMENTUM;
    session a, b;
    new_session(&a, &c, "circle", 60);
    cr_assert_eq(session_train(&a, 2), 0);
    for (int k = 0; k < 2; k++)
        cr_assert_eq(session_step_batch(&a), 0);
    cr_assert_eq(a.cursor, 16, "two batches into the epoch");
    reopen_each_phase(&a, &b);
    cr_assert_eq(b.cursor, 24, "the step reopened at the cursor finished there");
    cr_assert_eq(session_train(&a, 3), 0);
    cr_assert_eq(session_train(&b, 3), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

/* The engine's own export and import, without a file; and its refusals. */
Test(scene_io, engine_state_exports_and_imports_without_a_file)
{
    session_config c;
    session_config_default(&c);
    c.batch = 8;
    c.optimizer = OPT_ADAM;
    session a, b;
    new_session(&a, &c, "moons", 40);
    cr_assert_eq(session_train(&a, 3), 0);
    cr_assert_eq(session_step_batch(&a), 0);
    cr_assert_eq(session_step_phase(&a), 0);
    session_state st;
    session_export_state(&a, &st);
    cr_assert_eq(st.phase, SESSION_PHASE_FORWARD);
    cr_assert_eq(st.cursor, 8);
    cr_assert_eq(st.hist_len, 3);
    ds_dataset d;
    cr_assert_eq(ds_copy(&d, &a.data), 0);
    cr_assert_eq(session_new(&b, &a.cfg, &d, err, sizeof err), 0, "%s", err);
    net_shape sh;
    net_get_shape(&a.net, &sh);
    cr_assert_eq(session_load_params(&b, &sh, a.init_params, &a.prep), 0, "%s",
                 b.message);
    session_state bad = st;
    bad.batch_first = 0;
    cr_expect_eq(session_import_state(&b, &bad, err, sizeof err), -1);
    cr_expect_str_eq(err, "batch_first: 0, but a step in progress starts at the "
                          "cursor (8)");
    bad = st;
    bad.batch_rows = 3;
    cr_expect_eq(session_import_state(&b, &bad, err, sizeof err), -1);
    cr_expect_str_eq(err, "batch_rows: 3, but a step from row 8 of the order takes "
                          "8 rows");
    bad = st;
    cr_assert_gt(st.n_train, 1);
    int *order = malloc((size_t)st.n_train * sizeof *order);
    cr_assert_not_null(order);
    memcpy(order, st.order, (size_t)st.n_train * sizeof *order);
    order[1] = order[0];
    bad.order = order;
    cr_expect_eq(session_import_state(&b, &bad, err, sizeof err), -1);
    free(order);
    cr_expect_not_null(strstr(err, "order: "), "%s", err);
    cr_expect_eq(b.steps, 0, "a refused state leaves the session as it was");
    cr_assert_eq(session_import_state(&b, &st, err, sizeof err), 0, "%s", err);
    assert_same_session(&a, &b);
    assert_same_pass(&a, &b, false);
    cr_assert_eq(session_train(&a, 2), 0);
    cr_assert_eq(session_train(&b, 2), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, perceptron_with_its_book_numbers_survives,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.model = MODEL_PERCEPTRON;
    c.lr = 1;
    ds_dataset d;
    cr_assert_eq(ds_new(&d, "or", 2, DS_BINARY, 2, 4), 0);
    const double x[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    const double y[4] = {1, 1, 1, 0};
    for (int r = 0; r < 4; r++)
        cr_assert_eq(ds_add_train(&d, x[r], y[r]), 0);
    session a, b;
    cr_assert_eq(session_new(&a, &c, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(session_train(&a, 1), 0);
    cr_assert_eq(session_step_batch(&a), 0); /* [1,1]: error +1 */
    cr_assert_eq(session_step_phase(&a), 0);
    cr_assert_eq(session_step_phase(&a), 0); /* [1,0]: loss phase */
    save_load(&a, &b, NULL, NULL);
    assert_same_session(&a, &b);
    assert_same_pass(&a, &b, false);
    cr_assert_eq(session_train(&a, 3), 0);
    cr_assert_eq(session_train(&b, 3), 0);
    assert_same_session(&a, &b);
    cr_assert_eq(b.status, SESSION_CONVERGED);
    cr_assert_eq(b.net.params[0], 1.0);
    cr_assert_eq(b.net.params[1], 1.0);
    cr_assert_eq(b.net.params[2], -1.0);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, diverged_scene_keeps_its_infinities_and_status,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.output_act = ACT_LINEAR;
    c.loss = LOSS_MSE;
    c.lr = 10;
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session a, b;
    cr_assert_eq(session_new(&a, &c, &d, err, sizeof err), 0, "%s", err);
    session_train(&a, 100);
    cr_assert_eq(a.status, SESSION_DIVERGED);
    save_load(&a, &b, NULL, NULL);
    assert_same_session(&a, &b);
    cr_assert_eq(b.diverged_epoch, a.diverged_epoch);
    cr_assert_eq(session_step_epoch(&b), -1, "a diverged scene stays stopped");
    cr_assert_eq(session_replay(&b), 0);
    cr_assert_eq(session_replay(&a), 0);
    cr_assert_eq(session_set_lr(&a, 0.1), 0);
    cr_assert_eq(session_set_lr(&b, 0.1), 0);
    cr_assert_eq(session_train(&a, 50), 0);
    cr_assert_eq(session_train(&b, 50), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, nan_history_is_written_as_null, .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    session a, b;
    new_session(&a, &c, "xor", 0); /* no test rows: test loss NaN */
    cr_assert_eq(session_train(&a, 3), 0);
    cr_assert(isnan(a.hist_test[0]));
    save_load(&a, &b, NULL, NULL);
    char *text = slurp(path, NULL);
    cr_assert_not_null(strstr(text, "\"test\": [null, null, null]"), "%s", text);
    free(text);
    cr_assert(isnan(b.hist_test[2]));
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, sixty_four_bit_seed_and_rng_words_survive,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.seed = 0xfedcba9876543210ULL;
    c.batch = 2;
    session a, b;
    new_session(&a, &c, "xor", 0);
    cr_assert_eq(session_train(&a, 2), 0);
    save_load(&a, &b, NULL, NULL);
    cr_assert_eq(b.cfg.seed, 0xfedcba9876543210ULL);
    assert_same_session(&a, &b);
    cr_assert_eq(session_reset(&a, a.cfg.seed), 0);
    cr_assert_eq(session_reset(&b, b.cfg.seed), 0);
    cr_assert_eq(session_train(&a, 4), 0);
    cr_assert_eq(session_train(&b, 4), 0);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, view_record_round_trips_and_is_optional,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    session a, b;
    new_session(&a, &c, "xor", 0);
    scene_view v = {"inspector", 1, 3, 8, "chain", 4}, w;
    memset(&w, 0x55, sizeof w);
    save_load(&a, &b, &v, &w);
    cr_assert_str_eq(w.view, "inspector");
    cr_assert_eq(w.layer, 1);
    cr_assert_eq(w.unit, 3);
    cr_assert_eq(w.input, 8);
    cr_assert_str_eq(w.lesson, "chain");
    cr_assert_eq(w.lesson_scene, 4);
    session_free(&b);
    memset(&w, 0x55, sizeof w);
    save_load(&a, &b, NULL, &w);
    cr_assert_str_eq(w.view, "");
    cr_assert_str_eq(w.lesson, "");
    cr_assert_eq(w.layer, 0);
    session_free(&b);
    /* a NULL view pointer on load is fine */
    cr_assert_eq(scene_io_load(path, &b, NULL, err, sizeof err), 0, "%s", err);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, regression_and_multiclass_data_round_trip,
     .init = setup_dir, .fini = rm_dir)
{
    const char *sets[2] = {"wave", "spiral"};
    for (int k = 0; k < 2; k++) {
        session_config c;
        session_config_default(&c);
        c.batch = 10;
        session a, b;
        ds_dataset d;
        ds_gen_options g;
        ds_gen_options_default(&g);
        g.points = 90;
        cr_assert_eq(ds_builtin(&d, sets[k], &g), 0);
        if (k == 1) { /* three classes out of the two-class spiral: relabel */
            for (int r = 0; r < ds_rows(&d); r++)
                if (r % 3 == 0)
                    d.y[r] = 2;
            d.task = DS_MULTICLASS;
            d.n_classes = 3;
            snprintf(d.class_names[2], DS_LABEL_MAX, "third \"one\"");
        }
        session_config_fit_task(&c, &d);
        cr_assert_eq(session_new(&a, &c, &d, err, sizeof err), 0, "%s", err);
        cr_assert_eq(session_train(&a, 3), 0);
        save_load(&a, &b, NULL, NULL);
        assert_same_session(&a, &b);
        cr_assert_eq(session_train(&a, 3), 0);
        cr_assert_eq(session_train(&b, 3), 0);
        assert_same_session(&a, &b);
        session_free(&a);
        session_free(&b);
    }
}

Test(scene_io, save_is_atomic_and_leaves_no_temporary_file,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    session a;
    new_session(&a, &c, "xor", 0);
    spit(path, "old contents\n");
    cr_assert_eq(scene_io_save(path, &a, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(files_in_dir(), 1);
    char bad[300];
    snprintf(bad, sizeof bad, "%s/no/such/dir/s.json", dir);
    cr_assert_eq(scene_io_save(bad, &a, NULL, err, sizeof err), -1);
    cr_assert_null(strchr(err, '\n'));
    cr_assert_not_null(strstr(err, bad), "%s", err);
    session empty;
    memset(&empty, 0, sizeof empty);
    cr_assert_eq(scene_io_save(path, &empty, NULL, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "no session"), "%s", err);
    cr_assert_eq(files_in_dir(), 1);
    session_free(&a);
}

Test(scene_io, every_lesson_scene_reopens_exactly, .init = setup_dir, .fini = rm_dir)
{
    session a, b;
    memset(&a, 0, sizeof a);
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        for (int k = 0; k < l->n_scenes; k++) {
            cr_assert_eq(lesson_goto(l, k, &a, err, sizeof err), 0, "%s", err);
            const lesson_scene *sc = &l->scenes[k];
            scene_view v, w;
            memset(&v, 0, sizeof v);
            snprintf(v.view, sizeof v.view, "%s", sc->view);
            snprintf(v.lesson, sizeof v.lesson, "%s", l->name);
            v.layer = sc->pick.layer;
            v.unit = sc->pick.unit;
            v.input = sc->pick.input;
            v.lesson_scene = k;
            save_load(&a, &b, &v, &w);
            assert_same_session(&a, &b);
            assert_same_pass(&a, &b, a.phase == SESSION_PHASE_READY ||
                                         a.phase == SESSION_PHASE_BACKWARD);
            cr_assert_eq(memcmp(&v, &w, sizeof v), 0, "%s %d: view", l->name, k);
            /* and both go on alike (a diverged one refuses alike) */
            int ra = session_train(&a, 3), rb = session_train(&b, 3);
            cr_assert_eq(ra, rb);
            assert_same_session(&a, &b);
            session_free(&b);
        }
    }
    session_free(&a);
}

/* ---- bad files ---- */

static char *good_text(void)
{
    session_config c;
    session_config_default(&c);
    session a;
    new_session(&a, &c, "xor", 0);
    cr_assert_eq(session_train(&a, 2), 0);
    cr_assert_eq(scene_io_save(path, &a, NULL, err, sizeof err), 0, "%s", err);
    session_free(&a);
    return slurp(path, NULL);
}

/* A fresh untrained scene with zero weights. */
static char *zero_text(void)
{
    session_config c;
    session_config_default(&c);
    c.init = NET_INIT_ZEROS;
    session a;
    new_session(&a, &c, "xor", 0);
    cr_assert_eq(scene_io_save(path, &a, NULL, err, sizeof err), 0, "%s", err);
    session_free(&a);
    return slurp(path, NULL);
}

/* t with its first `from` replaced by `to` (t is freed). */
static char *replace(char *t, const char *from, const char *to)
{
    char *at = strstr(t, from);
    cr_assert_not_null(at, "no '%s' in the scene", from);
    size_t n = strlen(t) + strlen(to) + 1;
    char *u = malloc(n);
    size_t k = (size_t)(at - t);
    memcpy(u, t, k);
    strcpy(u + k, to);
    strcat(u, at + strlen(from));
    free(t);
    return u;
}

/* The scene made by `make` with one or two replacements, loaded: must fail
 * with one line naming the file and containing `expect`. */
static void expect_error2(char *(*make)(void), const char *from, const char *to,
                          const char *from2, const char *to2, const char *expect)
{
    char *t = replace(make(), from, to);
    if (from2)
        t = replace(t, from2, to2);
    spit(path, t);
    free(t);
    session s;
    memset(&s, 0x55, sizeof s);
    cr_assert_eq(scene_io_load(path, &s, NULL, err, sizeof err), -1,
                 "accepted: %s -> %s", from, to);
    cr_assert_null(strchr(err, '\n'), "%s", err);
    cr_assert_eq(strncmp(err, path, strlen(path)), 0, "%s", err);
    cr_assert_not_null(strstr(err, expect), "'%s' lacks '%s'", err, expect);
    session_free(&s); /* zero-filled after a failure */
}

static void expect_error(const char *from, const char *to, const char *expect)
{
    expect_error2(good_text, from, to, NULL, NULL, expect);
}

Test(scene_io, wrong_type_names_the_json_path, .init = setup_dir, .fini = rm_dir)
{
    expect_error("\"x\": [\n      [0, 0],\n      [0, 1]",
                 "\"x\": [\n      [0, 0],\n      [\"a\", 1]",
                 "dataset.x[1][0]: expected a number, found a string");
    expect_error("\"lr\": 0.1", "\"lr\": \"fast\"",
                 "config.lr: expected a number, found a string");
    expect_error("\"units\": 8", "\"units\": 8.5",
                 "network.layers[0].units: 8.5 is not a whole number");
}

Test(scene_io, missing_and_unknown_keys, .init = setup_dir, .fini = rm_dir)
{
    expect_error("\"optimizer\": {", "\"optimiser\": {", "missing \"optimizer\"");
    expect_error("\"mlpviz-scene\"", "\"mlpviz-model\"", "not an mlpviz scene");
    expect_error("\"version\": 1", "\"version\": 2", "version 2 is not supported");
    expect_error("\"hidden_activation\": \"relu\"",
                 "\"hidden_activation\": \"rleu\"",
                 "config.hidden_activation: unknown activation 'rleu'");
    expect_error("\"status\": \"learning\"", "\"status\": \"done\"",
                 "training.status: unknown status 'done'");
}

Test(scene_io, absurd_sizes_are_refused_before_allocating,
     .init = setup_dir, .fini = rm_dir)
{
    expect_error("\"hidden\": [8, 4]", "\"hidden\": [8, 4000000000]",
                 "config.hidden[1]: 4000000000 is out of range");
    expect_error2(good_text, "\"units\": 4,", "\"units\": 4096,", "\"units\": 8,",
                  "\"units\": 4096,", "network.layers: 16797697 parameters (allowed: at most");
    expect_error("\"train\": 4", "\"train\": 5", "dataset.train: 5 is out of range");
    expect_error("\"t\": 2", "\"t\": 1e300", "optimizer.t");
}

Test(scene_io, inconsistent_parts_are_refused, .init = setup_dir, .fini = rm_dir)
{
    expect_error("\"order\": [0, 1, 2, 3]", "\"order\": [0, 0, 2, 3]",
                 "training.order[1]: row 0 appears twice");
    expect_error("\"order\": [0, 1, 2, 3]", "\"order\": [0, 1, 2]",
                 "training.order: 3 values, expected 4");
    expect_error("\"y\": [0, 1, 1, 0]", "\"y\": [0, 1, 5, 0]",
                 "dataset.y[2]: 5 is not a class");
    expect_error("\"hidden\": [8, 4]", "\"hidden\": [8, 5]",
                 "network.layers: the layers do not match the config");
    expect_error2(zero_text, "\"biases\": [0, ", "\"biases\": [null, ", NULL, NULL,
                  "network.layers[0].biases[0]: not a finite number (only a "
                  "diverged scene may hold one)");
    expect_error2(zero_text, "\"biases\": [0, ", "\"biases\": [\"-inf\", ", NULL,
                  NULL, "network.layers[0].biases[0]: not a finite number");
    expect_error("\"shuffle_rng\": [\"",
                 "\"shuffle_rng\": [\"zz\", \"1\", \"2\", \"3\"], \"old\": [\"",
                 "training.shuffle_rng[0]: expected hex digits only");
    expect_error("\"raw_inputs\": 2", "\"raw_inputs\": 3",
                 "preprocess.raw_inputs: 3, but the dataset has 2 features");
    expect_error("\"model\": \"mlp\"", "\"model\": \"perceptron\"", "network.layers");
    /* a step in progress must be the one the cursor and the batch size give */
    expect_error2(zero_text, "\"phase\": \"ready\"", "\"phase\": \"forward\"", NULL,
                  NULL, "training.batch_rows: 0, but a step from row 0 of the order "
                  "takes 4 rows");
    expect_error2(zero_text, "\"phase\": \"ready\"", "\"phase\": \"loss\"",
                  "\"cursor\": 0,", "\"cursor\": 2,",
                  "training.batch_first: 0, but a step in progress starts at the "
                  "cursor (2)");
}

Test(scene_io, syntax_errors_and_unreadable_files, .init = setup_dir, .fini = rm_dir)
{
    expect_error("\"config\": {", "\"config\": {{", "JSON syntax error");
    session s;
    spit(path, "");
    cr_assert_eq(scene_io_load(path, &s, NULL, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "empty"), "%s", err);
    spit(path, "[1, 2]");
    cr_assert_eq(scene_io_load(path, &s, NULL, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "not an mlpviz scene"), "%s", err);
    char nope[300];
    snprintf(nope, sizeof nope, "%s/nope.json", dir);
    cr_assert_eq(scene_io_load(nope, &s, NULL, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, nope), "%s", err);
    cr_assert_null(strchr(err, '\n'));
    cr_assert_eq(scene_io_load(dir, &s, NULL, err, sizeof err), -1);
    cr_assert_null(strchr(err, '\n'));
}

Test(scene_io, every_truncation_fails_cleanly, .init = setup_dir, .fini = rm_dir)
{
    char *t = good_text();
    size_t n = strlen(t);
    session s;
    for (size_t k = 0; k + 2 < n; k += n / 300 + 1) {
        int rc = scene_io_parse(t, k, "cut.json", &s, NULL, err, sizeof err);
        cr_assert_eq(rc, -1, "accepted the first %zu of %zu bytes", k, n);
        cr_assert_null(strchr(err, '\n'));
        cr_assert_eq(strncmp(err, "cut.json", 8), 0, "%s", err);
    }
    cr_assert_eq(scene_io_parse(t, n, "whole.json", &s, NULL, err, sizeof err), 0,
                 "%s", err);
    session_free(&s);
    free(t);
}

Test(scene_io, the_torch_generator_and_edited_initial_weights_survive,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.rng = SESSION_RNG_TORCH;
    c.seed = 42;
    session a, b;
    new_session(&a, &c, "xor", 0);
    cr_assert(session_torch_seeded(&a));
    save_load(&a, &b, NULL, NULL);
    cr_expect_eq(b.cfg.rng, SESSION_RNG_TORCH);
    cr_expect(session_torch_seeded(&b), "the reopened scene forgot its seed's origin");
    /* a new seed in the reopened scene draws with PyTorch's generator */
    cr_assert_eq(session_reset(&a, 43), 0);
    cr_assert_eq(session_reset(&b, 43), 0);
    assert_same_session(&a, &b);
    session_free(&b);
    /* edited initial weights reopen as edited */
    cr_assert_eq(session_set_param(&a, 0, 0, 0, 0.5), 0);
    save_load(&a, &b, NULL, NULL);
    cr_expect(session_init_edited(&b));
    cr_expect(!session_torch_seeded(&b));
    cr_assert_eq(session_replay(&b), 0);
    cr_expect_eq(b.net.layer[0].w[0], 0.5);
    session_free(&a);
    session_free(&b);
}

Test(scene_io, a_scene_without_rng_or_initial_from_opens_as_mlpviz,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    session a, b;
    new_session(&a, &c, "xor", 0);
    cr_assert_eq(scene_io_save(path, &a, NULL, err, sizeof err), 0, "%s", err);
    char *text = slurp(path, NULL);
    char *p = strstr(text, "    \"rng\": \"mlpviz\",\n");
    cr_assert_not_null(p, "no rng key written");
    memmove(p, p + strlen("    \"rng\": \"mlpviz\",\n"),
            strlen(p + strlen("    \"rng\": \"mlpviz\",\n")) + 1);
    p = strstr(text, "  \"initial_from\": \"seed\",\n");
    cr_assert_not_null(p, "no initial_from key written");
    memmove(p, p + strlen("  \"initial_from\": \"seed\",\n"),
            strlen(p + strlen("  \"initial_from\": \"seed\",\n")) + 1);
    spit(path, text);
    free(text);
    cr_assert_eq(scene_io_load(path, &b, NULL, err, sizeof err), 0, "%s", err);
    cr_expect_eq(b.cfg.rng, SESSION_RNG_MLPVIZ);
    cr_expect_eq(b.init_source, SESSION_INIT_SEED);
    assert_same_session(&a, &b);
    session_free(&a);
    session_free(&b);
}
