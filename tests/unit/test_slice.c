/* test_slice.c - time-sliced training (session_step_slice): a step taken a
 * chunk at a time ends bit for bit where session_step_batch ends, with the
 * test loss of a long epoch spread over slices too; queries between slices
 * disturb nothing; the other commands finish, drop or accept a step that
 * slices left part done. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session.h"

static session A, B;
static void teardown(void)
{
    session_free(&A);
    session_free(&B);
}
TestSuite(slice, .fini = teardown);

/* Two identical sessions on a generated dataset. */
static void build_pair(const char *data, int points, double test_ratio,
                       int batch, int n_hidden, const int *hidden, act_kind act)
{
    session_config c;
    session_config_default(&c);
    c.batch = batch;
    c.n_hidden = n_hidden;
    for (int l = 0; l < n_hidden; l++)
        c.hidden[l] = hidden[l];
    c.hidden_act = act;
    c.lr = 0.3;
    session *both[2] = {&A, &B};
    for (int k = 0; k < 2; k++) {
        ds_dataset d;
        ds_gen_options g;
        char err[256] = "";
        ds_gen_options_default(&g);
        g.points = points;
        g.test_ratio = test_ratio;
        cr_assert_eq(ds_builtin(&d, data, &g), 0, "%s", data);
        session_config_fit_task(&c, &d);
        cr_assert_eq(session_new(both[k], &c, &d, err, sizeof err), 0, "%s", err);
    }
}

#define SAME(a, b, n) ((n) == 0 || memcmp((a), (b), (size_t)(n) * sizeof *(a)) == 0)
#define SAME_VAL(a, b) (memcmp(&(a), &(b), sizeof(a)) == 0)

/* Every value a reader can see, compared bit for bit. */
static void same_state(session *a, session *b, const char *what)
{
    size_t n = a->net.n_params;
    cr_assert(SAME(a->net.params, b->net.params, n), "%s: params", what);
    cr_assert(SAME(a->net.grads, b->net.grads, n), "%s: grads", what);
    cr_assert(SAME(a->prev_params, b->prev_params, n), "%s: prev_params", what);
    cr_assert(SAME(a->init_params, b->init_params, n), "%s: init_params", what);
    cr_assert(SAME(a->opt.m, b->opt.m, n) && SAME(a->opt.v, b->opt.v, n) &&
                  a->opt.t == b->opt.t,
              "%s: optimizer", what);
    cr_assert_eq(a->net.batch, b->net.batch, "%s: rows of the last pass", what);
    cr_assert(SAME(a->net.input, b->net.input, a->net.batch * a->n_in),
              "%s: input", what);
    for (int l = 0; l < a->net.n_layers; l++) {
        const net_layer *x = &a->net.layer[l], *y = &b->net.layer[l];
        int k = a->net.batch * x->n_out;
        cr_assert(SAME(x->z, y->z, k) && SAME(x->a, y->a, k) &&
                      SAME(x->da, y->da, k) && SAME(x->dz, y->dz, k),
                  "%s: layer %d values", what, l);
    }
    cr_assert(SAME(a->batch_rows, b->batch_rows, a->net.batch), "%s: batch rows",
              what);
    cr_assert(SAME(a->order, b->order, a->data.n_train), "%s: order", what);
    cr_assert(SAME_VAL(a->shuffle_rng, b->shuffle_rng), "%s: shuffle rng", what);
    cr_assert(a->epoch == b->epoch && a->steps == b->steps &&
                  a->cursor == b->cursor && a->status == b->status &&
                  a->phase == b->phase,
              "%s: epoch %ld/%ld steps %ld/%ld cursor %d/%d", what, a->epoch,
              b->epoch, a->steps, b->steps, a->cursor, b->cursor);
    cr_assert(SAME_VAL(a->last, b->last), "%s: last step", what);
    cr_assert(a->batch_first == b->batch_first &&
                  a->batch_rows_n == b->batch_rows_n &&
                  SAME_VAL(a->batch_loss, b->batch_loss),
              "%s: batch", what);
    cr_assert(SAME_VAL(a->epoch_loss_sum, b->epoch_loss_sum) &&
                  a->epoch_rows == b->epoch_rows &&
                  a->epoch_wrong == b->epoch_wrong,
              "%s: epoch sums", what);
    cr_assert_eq(a->hist_len, b->hist_len, "%s: history length", what);
    cr_assert(SAME(a->hist_train, b->hist_train, a->hist_len) &&
                  SAME(a->hist_test, b->hist_test, a->hist_len),
              "%s: history", what);
    cr_assert_eq(a->diverged_epoch, b->diverged_epoch, "%s", what);
    cr_assert_eq(a->version, b->version, "%s: version", what);
    cr_assert_not(session_slice_pending(a) || session_slice_pending(b), "%s", what);
    session_metrics ma = session_get_metrics(a), mb = session_get_metrics(b);
    cr_assert(SAME_VAL(ma, mb), "%s: metrics", what);
}

/* Slices A until `steps` more steps are complete and nothing is pending;
 * B takes them with session_step_batch. Counts the slices of each kind. */
static void slices_vs_batches(int steps, int *parts, int *epochs)
{
    for (int k = 0; k < steps; k++) {
        int r;
        while ((r = session_step_slice(&A)) == SESSION_SLICE_PART)
            ++*parts;
        cr_assert_geq(r, SESSION_SLICE_STEP, "%s", A.message);
        *epochs += r == SESSION_SLICE_EPOCH;
        while (session_slice_pending(&A)) {
            cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
            ++*parts;
        }
        cr_assert_eq(session_step_batch(&B), 0, "%s", B.message);
        char what[64];
        snprintf(what, sizeof what, "after step %d", k + 1);
        same_state(&A, &B, what);
    }
}

/* The brief's case: a 2,500-row full batch is three chunks, so a step is
 * two partial slices and a third that ends it (an epoch each time). */
Test(slice, full_batch_by_slices_equals_session_step_batch)
{
    static const int hidden[2] = {16, 16};
    build_pair("circle", 2500, 0.0, 0, 2, hidden, ACT_TANH);
    cr_assert_eq(A.data.n_train, 2500);
    int parts = 0, epochs = 0;
    slices_vs_batches(3, &parts, &epochs);
    cr_assert_eq(parts, 3 * 2, "two partial slices a step");
    cr_assert_eq(epochs, 3);
    cr_assert_eq(A.epoch, 3);
}

/* Mini-batches of 1500 over 3,750 training rows (two chunks a step, the
 * epoch reshuffled at every start, a short last step) and 1,250 test rows:
 * the test loss is two more slices after each epoch's last step. */
Test(slice, shuffled_minibatches_and_a_long_test_loss_by_slices)
{
    static const int hidden[2] = {6, 5};
    build_pair("moons", 5000, 0.25, 1500, 2, hidden, ACT_RELU);
    cr_assert_eq(A.data.n_test, 1250);
    int parts = 0, epochs = 0;
    slices_vs_batches(3 * 3, &parts, &epochs); /* three epochs of 3 steps */
    cr_assert_eq(epochs, 3);
    /* steps of 1500, 1500 and 750 rows: a partial slice for the first
     * chunk of each of the two long ones, and two for each epoch's test
     * loss */
    cr_assert_eq(parts, 3 * (2 + 2));
    cr_assert(isfinite(A.hist_test[2]));
}

/* While the test loss is pending, the epoch has ended and its test entry
 * is NaN; the slices fill it in. */
Test(slice, an_epochs_test_loss_is_filled_in_by_later_slices)
{
    static const int hidden[1] = {4};
    build_pair("gauss", 5000, 0.25, 0, 1, hidden, ACT_RELU);
    int r;
    while ((r = session_step_slice(&A)) == SESSION_SLICE_PART)
        ;
    cr_assert_eq(r, SESSION_SLICE_EPOCH);
    cr_assert_eq(A.epoch, 1);
    cr_assert_eq(A.hist_len, 1);
    cr_assert(isnan(A.hist_test[0]));
    cr_assert(session_slice_pending(&A));
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert(isnan(A.hist_test[0]));
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert(isfinite(A.hist_test[0]));
    cr_assert_not(session_slice_pending(&A));
    cr_assert_eq(session_step_batch(&B), 0);
    same_state(&A, &B, "after the test loss");
}

/* Metrics, predictions and the confusion matrix between slices read the
 * weights with their own buffers: the run ends exactly the same. */
Test(slice, queries_between_slices_change_nothing)
{
    static const int hidden[2] = {8, 4};
    build_pair("moons", 5000, 0.25, 0, 2, hidden, ACT_RELU);
    double raw[6] = {0.1, 0.2, -1.0, 0.5, 2.0, -0.3}, out[3];
    int counts[4];
    for (int k = 0; k < 2; k++) {
        bool stepped = false;
        do {
            int r = session_step_slice(&A);
            cr_assert_geq(r, 0);
            stepped |= r != SESSION_SLICE_PART;
            session_metrics m = session_get_metrics(&A);
            cr_assert(isfinite(m.train_loss));
            session_predict(&A, raw, 3, out);
            cr_assert_eq(session_confusion(&A, true, counts), 2);
        } while (!stepped || session_slice_pending(&A));
        cr_assert_eq(session_step_batch(&B), 0);
        same_state(&A, &B, "with queries between slices");
    }
}

/* session_step_phase in the middle of a sliced forward finishes it (the
 * phase becomes FORWARD); the remaining phases end the step as a batch. */
Test(slice, step_phase_finishes_a_sliced_forward)
{
    static const int hidden[2] = {16, 16};
    build_pair("circle", 2500, 0.0, 0, 2, hidden, ACT_TANH);
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert(session_slice_pending(&A));
    cr_assert_eq(A.phase, SESSION_PHASE_READY);
    cr_assert_eq(A.slice_rows, SESSION_CHUNK);
    cr_assert_eq(session_step_phase(&A), 0);
    cr_assert_eq(A.phase, SESSION_PHASE_FORWARD);
    cr_assert_not(session_slice_pending(&A));
    while (A.phase != SESSION_PHASE_READY)
        cr_assert_eq(session_step_phase(&A), 0);
    cr_assert_eq(session_step_batch(&B), 0);
    same_state(&A, &B, "slice then phases");
    /* and the other way round: phases up to LOSS, then one slice ends it */
    cr_assert_eq(session_step_phase(&A), 0);
    cr_assert_eq(session_step_phase(&A), 0);
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_EPOCH);
    cr_assert_eq(session_step_batch(&B), 0);
    same_state(&A, &B, "phases then a slice");
}

/* The commands in the middle of a sliced step. */
Test(slice, commands_finish_or_drop_a_step_in_progress)
{
    static const int hidden[2] = {6, 3};
    build_pair("circle", 2500, 0.0, 0, 2, hidden, ACT_RELU);
    size_t n = A.net.n_params;
    double *w0 = malloc(n * sizeof *w0);
    memcpy(w0, A.net.params, n * sizeof *w0);

    /* lr: taken by the update at the end of the step */
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert_eq(session_set_lr(&A, 0.05), 0);
    cr_assert(SAME(A.net.params, w0, n), "no update yet");
    while (session_step_slice(&A) == SESSION_SLICE_PART)
        ;
    cr_assert_eq(session_set_lr(&B, 0.05), 0);
    cr_assert_eq(session_step_batch(&B), 0);
    same_state(&A, &B, "lr changed mid-step");

    /* the batch size: the step is finished first, with the old size */
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert_eq(session_set_batch(&A, 100), 0);
    cr_assert_not(session_slice_pending(&A));
    cr_assert_eq(A.steps, 2);
    cr_assert_eq(session_step_batch(&B), 0);
    cr_assert_eq(session_set_batch(&B, 100), 0);
    same_state(&A, &B, "batch size changed mid-step");
    cr_assert_eq(session_set_batch(&A, 0), 0);
    cr_assert_eq(session_set_batch(&B, 0), 0);

    /* a weight: the step is finished first */
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert_eq(session_set_param(&A, 0, 0, 0, 0.25), 0);
    cr_assert_eq(A.steps, 3);
    cr_assert_eq(session_step_batch(&B), 0);
    cr_assert_eq(session_set_param(&B, 0, 0, 0, 0.25), 0);
    same_state(&A, &B, "weight set mid-step");

    /* a new point: the step is dropped with the epoch's progress, the
     * weights are those from before it */
    memcpy(w0, A.net.params, n * sizeof *w0);
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    double pt[2] = {0.5, -0.5};
    cr_assert_eq(session_add_point(&A, pt, 1.0), 0);
    cr_assert_not(session_slice_pending(&A));
    cr_assert(A.phase == SESSION_PHASE_READY && A.cursor == 0 && A.steps == 3);
    cr_assert(SAME(A.net.params, w0, n));
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART); /* 2,501 rows */

    /* reset: everything starts again */
    cr_assert_eq(session_reset(&A, 7), 0);
    cr_assert_not(session_slice_pending(&A));
    cr_assert(A.steps == 0 && A.epoch == 0 && A.hist_len == 0);
    free(w0);
}

/* session_slice_finish completes the step and a pending test loss; the
 * session is then what batches make of it. */
Test(slice, finish_completes_what_slices_left)
{
    static const int hidden[1] = {5};
    build_pair("gauss", 5000, 0.25, 0, 1, hidden, ACT_SIGMOID);
    cr_assert_eq(session_slice_finish(&A), 0, "nothing to finish is fine");
    cr_assert_eq(A.steps, 0);
    cr_assert_eq(session_step_slice(&A), SESSION_SLICE_PART);
    cr_assert_eq(session_slice_finish(&A), 0);
    cr_assert_not(session_slice_pending(&A));
    cr_assert(isfinite(A.hist_test[0]));
    cr_assert_eq(session_step_batch(&B), 0);
    same_state(&A, &B, "finished");
}

/* Small steps are a slice each: the XOR net's full batch (an epoch a
 * slice), and the perceptron's one row at a time. */
Test(slice, a_step_that_fits_one_chunk_is_one_slice)
{
    static const int hidden[2] = {8, 4};
    build_pair("xor", 4, 0.0, 0, 2, hidden, ACT_RELU);
    for (int k = 0; k < 50; k++)
        cr_assert_eq(session_step_slice(&A), SESSION_SLICE_EPOCH);
    cr_assert_eq(session_train(&B, 50), 0);
    same_state(&A, &B, "xor");
    session_free(&A);
    session_free(&B);

    build_pair("or", 4, 0.0, 0, 0, NULL, ACT_RELU);
    cr_assert_eq(session_set_model(&A, MODEL_PERCEPTRON), 0);
    cr_assert_eq(session_set_model(&B, MODEL_PERCEPTRON), 0);
    for (int k = 0; k < 12; k++) {
        int r = session_step_slice(&A);
        cr_assert_eq(r, k % 4 == 3 ? SESSION_SLICE_EPOCH : SESSION_SLICE_STEP);
        cr_assert_eq(session_step_batch(&B), 0);
        same_state(&A, &B, "perceptron");
    }
}

/* Progress grows with every slice inside a step and reaches the next
 * whole epoch when a full-batch step ends. */
Test(slice, progress_counts_the_rows_of_partial_steps)
{
    static const int hidden[1] = {3};
    build_pair("circle", 2500, 0.0, 0, 1, hidden, ACT_RELU);
    double p = session_progress(&A);
    cr_assert_eq(p, 0.0);
    for (int k = 0; k < 3; k++) {
        cr_assert_geq(session_step_slice(&A), 0);
        double q = session_progress(&A);
        cr_assert_gt(q, p, "slice %d", k);
        p = q;
    }
    cr_assert_eq(p, 1.0);
}

/* A diverging run: the slice that diverges reports its step; every slice
 * after it is refused with the reason, and nothing is left pending. */
Test(slice, divergence_stops_the_slices)
{
    static const int hidden[2] = {16, 16};
    build_pair("circle", 2500, 0.0, 0, 2, hidden, ACT_RELU);
    cr_assert_eq(session_set_output_act(&A, ACT_LINEAR), 0);
    cr_assert_eq(session_set_lr(&A, 1e6), 0);
    int r = 0, guard = 0;
    while (A.status != SESSION_DIVERGED && guard++ < 1000) {
        r = session_step_slice(&A);
        cr_assert_geq(r, 0, "%s", A.message);
    }
    cr_assert_eq(A.status, SESSION_DIVERGED);
    cr_assert_geq(r, SESSION_SLICE_STEP);
    cr_assert_not(session_slice_pending(&A));
    cr_assert_eq(session_step_slice(&A), -1);
    cr_assert(strstr(A.message, "diverged"), "%s", A.message);
}

/* The metrics taken in pieces are the whole pass's, bit for bit; a step
 * between pieces starts the pass again at the new weights. */
Test(slice, metrics_in_pieces_equal_the_whole_pass)
{
    int hidden[1] = {6};
    build_pair("spiral", 6000, 0.25, 10, 1, hidden, ACT_TANH);
    cr_assert_eq(session_step_epoch(&A), 0);
    cr_assert_eq(session_step_epoch(&B), 0);
    session_metrics whole = session_get_metrics(&A);
    int calls = 1;
    while (!session_metrics_slice(&B, 1000))
        calls++;
    /* 6000 rows, about a chunk (1024) a call: 6 calls, not one */
    cr_expect_eq(calls, 6);
    session_metrics parts = session_get_metrics(&B);
    cr_expect_eq(memcmp(&whole, &parts, sizeof whole), 0,
                 "train %.17g/%.17g acc %.17g/%.17g", whole.train_loss,
                 parts.train_loss, whole.train_acc, parts.train_acc);
    /* halfway, the weights move: the pass starts again and ends at them */
    cr_assert_eq(session_step_batch(&A), 0);
    cr_assert_eq(session_step_batch(&B), 0);
    cr_expect(!session_metrics_slice(&B, 3000));
    cr_assert_eq(session_step_batch(&A), 0);
    cr_assert_eq(session_step_batch(&B), 0);
    whole = session_get_metrics(&A);
    while (!session_metrics_slice(&B, 3000))
        ;
    parts = session_get_metrics(&B);
    cr_expect_eq(memcmp(&whole, &parts, sizeof whole), 0);
}
