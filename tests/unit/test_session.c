/* test_session.c - the session's commands: determinism, replay and reset,
 * settings that keep or re-initialise the weights, divergence, mini-batches
 * and chunked full batches, and a whole-network gradient check. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session.h"

static session S;
static void teardown(void) { session_free(&S); }
TestSuite(session, .fini = teardown);

static void build(session *s, const char *data, session_config *c, int points)
{
    ds_dataset d;
    ds_gen_options g;
    char err[256] = "";
    ds_gen_options_default(&g);
    g.points = points;
    cr_assert_eq(ds_builtin(&d, data, &g), 0, "%s", data);
    if (c->model == MODEL_MLP)
        session_config_fit_task(c, &d);
    cr_assert_eq(session_new(s, c, &d, err, sizeof err), 0, "%s", err);
}

Test(session, same_seed_gives_bit_identical_weights)
{
    session_config c;
    session_config_default(&c);
    c.batch = 10;
    c.hidden_act = ACT_TANH;
    c.optimizer = OPT_ADAM;
    session a, b;
    build(&a, "spiral", &c, 300);
    build(&b, "spiral", &c, 300);
    session_train(&a, 20);
    session_train(&b, 20);
    cr_assert_eq(a.net.n_params, b.net.n_params);
    cr_assert_eq(memcmp(a.net.params, b.net.params, a.net.n_params * sizeof(double)), 0);
    cr_assert_eq(memcmp(a.hist_train, b.hist_train, 20 * sizeof(double)), 0);
    session_free(&a);
    session_free(&b);
}

Test(session, replay_restores_the_initial_weights_and_repeats_the_run)
{
    session_config c;
    session_config_default(&c);
    c.batch = 8;
    build(&S, "moons", &c, 100);
    double *first = malloc(S.net.n_params * sizeof(double));
    memcpy(first, S.net.params, S.net.n_params * sizeof(double));
    session_train(&S, 5);
    double *after = malloc(S.net.n_params * sizeof(double));
    memcpy(after, S.net.params, S.net.n_params * sizeof(double));
    cr_assert_neq(memcmp(first, after, S.net.n_params * sizeof(double)), 0);

    cr_assert_eq(session_replay(&S), 0);
    cr_assert_eq(S.epoch, 0);
    cr_assert_eq(S.hist_len, 0);
    cr_assert_eq(memcmp(first, S.net.params, S.net.n_params * sizeof(double)), 0);
    session_train(&S, 5);
    cr_assert_eq(memcmp(after, S.net.params, S.net.n_params * sizeof(double)), 0);
    free(first);
    free(after);
}

Test(session, reset_with_a_new_seed_draws_new_weights)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    double w = S.net.params[0];
    session_train(&S, 3);
    cr_assert_eq(session_reset(&S, 99), 0);
    cr_assert_eq(S.epoch, 0);
    cr_assert_eq(S.cfg.seed, 99);
    cr_assert_neq(S.net.params[0], w);
}

Test(session, lr_and_optimizer_keep_weights_shape_changes_reinitialise)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    session_train(&S, 10);
    size_t n = S.net.n_params;
    double *w = malloc(n * sizeof(double));
    memcpy(w, S.net.params, n * sizeof(double));
    cr_assert_eq(session_set_lr(&S, 0.3), 0);
    cr_assert_eq(session_set_optimizer(&S, OPT_ADAM), 0);
    cr_assert_eq(memcmp(w, S.net.params, n * sizeof(double)), 0);
    cr_assert_eq(S.epoch, 10);
    cr_assert_eq(S.opt.lr, 0.3);

    int sizes[3] = {5, 3, 2};
    cr_assert_eq(session_set_layers(&S, 3, sizes), 0);
    cr_assert_eq(S.net.n_layers, 4);
    cr_assert_eq(S.epoch, 0);
    cr_assert_eq(S.net.layer[0].n_out, 5);
    cr_assert_eq(session_set_hidden_act(&S, ACT_TANH), 0);
    cr_assert_eq(S.net.layer[1].act, ACT_TANH);
    free(w);
}

Test(session, bad_settings_are_refused_with_a_message)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    cr_assert_eq(session_set_lr(&S, -1), -1);
    cr_assert_neq(S.message[0], '\0');
    cr_assert_eq(session_set_lr(&S, NAN), -1);
    cr_assert_eq(session_set_loss(&S, LOSS_CE), -1);
    cr_assert(strstr(S.message, "ce"), "%s", S.message);
    cr_assert_eq(session_set_output_act(&S, ACT_SOFTMAX), -1);
    /* a non-sigmoid output moves bce to mse */
    cr_assert_eq(session_set_output_act(&S, ACT_TANH), 0);
    cr_assert_eq(S.cfg.loss, LOSS_MSE);
    cr_assert_eq(session_set_param(&S, 9, 0, 0, 1), -1);
}

/* After a refusal, the next command's message is its own: the refusal's
 * text never stays behind. */
static void after_refusal(int rc, char *refusal, size_t len)
{
    cr_assert_eq(rc, -1);
    cr_assert_neq(S.message[0], '\0');
    snprintf(refusal, len, "%s", S.message);
}

Test(session, every_command_starts_with_its_own_message)
{
    char no[SESSION_MESSAGE_MAX];
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    after_refusal(session_set_lr(&S, -1), no, sizeof no);
    cr_assert_eq(session_set_lr(&S, 0.3), 0);
    cr_assert_str_neq(S.message, no);
    cr_assert(strstr(S.message, "0.3"), "%s", S.message);
    after_refusal(session_set_param(&S, 9, 0, 0, 1), no, sizeof no);
    cr_assert_eq(session_step_epoch(&S), 0);
    cr_assert_str_empty(S.message); /* an epoch that changes no state: silent */
    after_refusal(session_set_loss(&S, LOSS_CE), no, sizeof no);
    cr_assert_eq(session_set_optimizer(&S, OPT_ADAM), 0);
    cr_assert_str_neq(S.message, no);
    after_refusal(session_remove_point(&S, 99), no, sizeof no);
    cr_assert_eq(session_set_batch(&S, 2), 0);
    cr_assert_str_neq(S.message, no);
    double raw[2] = {NAN, 0};
    after_refusal(session_add_point(&S, raw, 1), no, sizeof no);
    cr_assert_eq(session_replay(&S), 0);
    cr_assert_str_neq(S.message, no);
    after_refusal(session_set_output_act(&S, ACT_SOFTMAX), no, sizeof no);
    cr_assert_eq(session_step_batch(&S), 0);
    cr_assert_str_empty(S.message);
}

Test(session, divergence_is_a_status_and_nothing_crashes_afterwards)
{
    session_config c;
    session_config_default(&c);
    c.lr = 10;
    c.output_act = ACT_LINEAR;
    c.loss = LOSS_MSE;
    c.batch = 10;
    ds_dataset d;
    ds_gen_options g;
    char err[256];
    ds_gen_options_default(&g);
    cr_assert_eq(ds_builtin(&d, "spiral", &g), 0);
    cr_assert_eq(session_new(&S, &c, &d, err, sizeof err), 0, "%s", err);
    session_train(&S, 50);
    cr_assert_eq(S.status, SESSION_DIVERGED);
    cr_assert(strstr(S.message, "diverged"), "%s", S.message);
    cr_assert_eq(session_step_epoch(&S), -1);
    cr_assert_eq(session_step_batch(&S), -1);
    cr_assert_eq(session_step_phase(&S), -1);
    session_get_metrics(&S);
    double p[2] = {0.1, 0.2}, out;
    session_predict(&S, p, 1, &out);
    cr_assert_eq(session_set_lr(&S, 0.01), 0);
    cr_assert_eq(session_reset(&S, 5), 0);
    cr_assert_eq(S.status, SESSION_PAUSED);
    cr_assert_eq(session_step_epoch(&S), 0);
}

Test(session, full_batch_over_chunks_equals_one_big_batch)
{
    /* 2500 rows trained full batch are processed in chunks of
     * SESSION_CHUNK; the gradient is the mean over all rows, so the result
     * must equal a single pass computed by hand through the net API. */
    session_config c;
    session_config_default(&c);
    c.hidden[0] = 6;
    c.hidden[1] = 3;
    build(&S, "circle", &c, 3125);
    cr_assert_gt(S.data.n_train, SESSION_CHUNK * 2);
    int n = S.data.n_train;
    net ref;
    net_shape sh;
    net_get_shape(&S.net, &sh);
    cr_assert_eq(net_new(&ref, &sh, n), 0);
    memcpy(ref.params, S.net.params, S.net.n_params * sizeof(double));
    net_zero_grad(&ref);
    net_forward(&ref, S.inputs, n);
    double *dz = malloc((size_t)n * sizeof(double));
    net_layer *Lo = &ref.layer[ref.n_layers - 1];
    double loss = loss_forward(LOSS_BCE, Lo->a, S.targets, n, 1, 1.0 / n);
    loss_backward_z(LOSS_BCE, Lo->act, dz, Lo->z, Lo->a, S.targets, n, 1, 1.0 / n);
    net_backward(&ref, dz);

    cr_assert_eq(session_step_epoch(&S), 0);
    cr_assert_float_eq(S.hist_train[0], loss, 1e-12);
    for (size_t i = 0; i < ref.n_params; i++)
        cr_assert_float_eq(S.net.grads[i], ref.grads[i], 1e-12, "grad %zu", i);
    free(dz);
    net_free(&ref);
}

Test(session, minibatches_cover_every_row_once_per_epoch)
{
    session_config c;
    session_config_default(&c);
    c.batch = 7;
    build(&S, "gauss", &c, 100);
    int n = S.data.n_train; /* 80 */
    int *seen = calloc((size_t)n, sizeof *seen);
    long steps = 0;
    while (S.epoch == 0) {
        cr_assert_eq(session_step_batch(&S), 0);
        for (int r = 0; r < S.net.batch; r++)
            seen[S.batch_rows[r]]++;
        steps++;
    }
    cr_assert_eq(steps, (n + 6) / 7);
    for (int i = 0; i < n; i++)
        cr_assert_eq(seen[i], 1, "row %d seen %d times", i, seen[i]);
    free(seen);
}

Test(session, adding_and_removing_points_keeps_the_weights)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    double w0 = S.net.params[3];
    double p[2] = {0.4, 1.2};
    cr_assert_eq(session_add_point(&S, p, 1), 0);
    cr_assert_str_eq(S.message, "class 1 at (0.40, 1.20)");
    cr_assert_eq(S.data.n_train, 5);
    cr_assert_eq(S.net.params[3], w0);
    cr_assert_eq(session_add_point(&S, p, 7), -1);
    cr_assert_eq(session_remove_point(&S, 0), 0);
    cr_assert_eq(S.data.n_train, 4);
    cr_assert_eq(session_step_epoch(&S), 0);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(session_remove_point(&S, 0), 0);
    cr_assert_eq(session_step_epoch(&S), -1);
    cr_assert(strstr(S.message, "no training rows"));
}

Test(session, multiclass_uses_softmax_and_ce_and_learns)
{
    /* three gaussian blobs as a three-class set */
    ds_dataset d;
    cr_assert_eq(ds_new(&d, "blobs", 2, DS_MULTICLASS, 3, 90), 0);
    rng_state r;
    rng_seed(&r, 3);
    const double cx[3] = {-1, 1, 0}, cy[3] = {-1, -1, 1};
    for (int i = 0; i < 90; i++) {
        double x[2] = {cx[i % 3] + 0.2 * rng_normal(&r), cy[i % 3] + 0.2 * rng_normal(&r)};
        ds_add_train(&d, x, i % 3);
    }
    session_config c;
    char err[256];
    session_config_default(&c);
    c.hidden[0] = 8;
    c.n_hidden = 1;
    c.optimizer = OPT_ADAM;
    c.lr = 0.05;
    session_config_fit_task(&c, &d);
    cr_assert_eq(c.output_act, ACT_SOFTMAX);
    cr_assert_eq(c.loss, LOSS_CE);
    cr_assert_eq(session_new(&S, &c, &d, err, sizeof err), 0, "%s", err);
    session_train(&S, 200);
    session_metrics m = session_get_metrics(&S);
    cr_assert_geq(m.train_acc, 0.97, "acc %g", m.train_acc);
    int counts[9];
    cr_assert_eq(session_confusion(&S, false, counts), 3);
    int total = 0;
    for (int i = 0; i < 9; i++)
        total += counts[i];
    cr_assert_eq(total, 90);
}

/* The whole network's gradient against central differences of the loss,
 * for several shapes, activations and losses. */
static double net_loss(net *n, const double *x, const double *y, int rows,
                       loss_kind k)
{
    net_forward(n, x, rows);
    return loss_forward(k, net_output(n), y, rows, net_n_outputs(n), 1.0 / rows);
}

Test(session, network_gradient_matches_central_differences)
{
    const struct {
        int n_layers, units[4];
        act_kind acts[4];
        loss_kind loss;
    } cases[] = {
        {3, {5, 4, 1}, {ACT_TANH, ACT_SIGMOID, ACT_SIGMOID}, LOSS_BCE},
        {2, {6, 1}, {ACT_SOFTPLUS, ACT_LINEAR}, LOSS_MSE},
        {3, {4, 3, 3}, {ACT_ELU, ACT_SWISH, ACT_SOFTMAX}, LOSS_CE},
        {1, {1}, {ACT_SIGMOID}, LOSS_BCE},
        {3, {3, 3, 1}, {ACT_MISH, ACT_SOFTSIGN, ACT_TANH}, LOSS_MSE},
    };
    rng_state r;
    rng_seed(&r, 11);
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        net_shape sh = {.n_inputs = 3, .n_layers = cases[t].n_layers};
        for (int l = 0; l < sh.n_layers; l++) {
            sh.units[l] = cases[t].units[l];
            sh.acts[l] = cases[t].acts[l];
        }
        net n;
        int rows = 5, outs = sh.units[sh.n_layers - 1];
        cr_assert_eq(net_new(&n, &sh, rows), 0);
        net_init_params(&n, NET_INIT_TORCH, &r);
        double x[15], y[15], dz[15];
        for (int i = 0; i < rows * 3; i++)
            x[i] = rng_range(&r, -1, 1);
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < outs; k++)
                y[i * outs + k] = cases[t].loss == LOSS_CE
                                      ? (k == i % outs)
                                      : (cases[t].loss == LOSS_BCE ? (i % 2)
                                                                   : rng_range(&r, -1, 1));
        net_zero_grad(&n);
        net_forward(&n, x, rows);
        net_layer *Lo = &n.layer[n.n_layers - 1];
        loss_backward_z(cases[t].loss, Lo->act, dz, Lo->z, Lo->a, y, rows, outs,
                        1.0 / rows);
        net_backward(&n, dz);
        for (size_t i = 0; i < n.n_params; i++) {
            double keep = n.params[i], h = 1e-6;
            n.params[i] = keep + h;
            double lp = net_loss(&n, x, y, rows, cases[t].loss);
            n.params[i] = keep - h;
            double lm = net_loss(&n, x, y, rows, cases[t].loss);
            n.params[i] = keep;
            double num = (lp - lm) / (2 * h);
            cr_assert_float_eq(n.grads[i], num, 1e-6 * (1 + fabs(num)),
                               "case %zu param %zu: %g vs %g", t, i, n.grads[i], num);
        }
        net_free(&n);
    }
}

Test(session, net_eval_leaves_the_last_step_untouched_and_agrees_with_forward)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    session_step_batch(&S);
    size_t per = (size_t)S.net.batch * S.net.layer[0].n_out;
    double *z0 = malloc(per * sizeof(double));
    memcpy(z0, S.net.layer[0].z, per * sizeof(double));
    double out[4];
    session_predict(&S, S.data.x, 4, out);
    cr_assert_eq(memcmp(z0, S.net.layer[0].z, per * sizeof(double)), 0);
    net_forward(&S.net, S.inputs, 4);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(out[i], net_output(&S.net)[i]);
    free(z0);
}

Test(session, a_clone_trains_exactly_like_the_original)
{
    session_config c;
    char err[256];
    session_config_default(&c);
    c.batch = 5;
    c.optimizer = OPT_ADAM;
    build(&S, "moons", &c, 60);
    session_train(&S, 3);
    session_step_batch(&S);
    session copy;
    cr_assert_eq(session_clone(&copy, &S, err, sizeof err), 0, "%s", err);
    cr_assert_eq(copy.epoch, S.epoch);
    cr_assert_eq(copy.hist_len, S.hist_len);
    session_train(&S, 4);
    session_train(&copy, 4);
    cr_assert_eq(memcmp(copy.net.params, S.net.params, S.net.n_params * sizeof(double)), 0);
    cr_assert_eq(memcmp(copy.init_params, S.init_params, S.net.n_params * sizeof(double)), 0);
    cr_assert_eq(memcmp(copy.hist_train, S.hist_train, (size_t)S.hist_len * sizeof(double)), 0);
    session_free(&copy);
}

Test(session, an_edited_weight_makes_the_edited_weights_the_initial_ones)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    cr_expect(!session_init_edited(&S));
    cr_expect_eq(S.init_source, SESSION_INIT_SEED);
    session_train(&S, 3);
    cr_assert_eq(session_set_param(&S, 0, 1, 0, 0.75), 0);
    cr_assert_eq(session_set_param(&S, 1, 0, S.net.layer[1].n_in, -0.25), 0);
    cr_expect(session_init_edited(&S));
    cr_expect_eq(S.epoch, 3, "an edit keeps the epoch");
    size_t n = S.net.n_params;
    double *edited = malloc(n * sizeof *edited);
    memcpy(edited, S.net.params, n * sizeof *edited);
    cr_expect_eq(memcmp(S.init_params, edited, n * sizeof *edited), 0);

    /* replay starts from the edited weights, and repeats the same run */
    session_train(&S, 10);
    double *after = malloc(n * sizeof *after);
    memcpy(after, S.net.params, n * sizeof *after);
    cr_assert_eq(session_replay(&S), 0);
    cr_expect_eq(S.epoch, 0);
    cr_expect_eq(memcmp(S.net.params, edited, n * sizeof *edited), 0,
                 "replay went back to the seed's weights");
    cr_expect(session_init_edited(&S), "replay forgot the edit");
    session_train(&S, 10);
    cr_expect_eq(memcmp(S.net.params, after, n * sizeof *after), 0);

    /* a clone (what the sweep and the comparison start from) replays from
     * the edited weights too */
    session k;
    char err[256];
    cr_assert_eq(session_clone(&k, &S, err, sizeof err), 0, "%s", err);
    cr_expect(session_init_edited(&k));
    cr_assert_eq(session_replay(&k), 0);
    cr_expect_eq(memcmp(k.net.params, edited, n * sizeof *edited), 0);
    session_free(&k);

    /* a new seed draws again and ends the edit's hold */
    cr_assert_eq(session_reset(&S, S.cfg.seed), 0);
    cr_expect(!session_init_edited(&S));
    cr_expect_neq(memcmp(S.net.params, edited, n * sizeof *edited), 0);
    free(edited);
    free(after);
}

Test(session, a_rebuild_or_loaded_weights_end_the_edit)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    cr_assert_eq(session_set_param(&S, 0, 0, 0, 2.0), 0);
    cr_expect(session_init_edited(&S));
    cr_assert_eq(session_set_hidden_act(&S, ACT_TANH), 0);
    cr_expect(!session_init_edited(&S));
    cr_expect_eq(S.init_source, SESSION_INIT_SEED);
    net_shape sh;
    net_get_shape(&S.net, &sh);
    double *given = malloc(S.net.n_params * sizeof *given);
    memcpy(given, S.net.params, S.net.n_params * sizeof *given);
    cr_assert_eq(session_load_params(&S, &sh, given, NULL), 0);
    free(given);
    cr_expect_eq(S.init_source, SESSION_INIT_GIVEN);
    cr_expect(!session_torch_seeded(&S));
}

/* The data's summary follows every change of the data. */
Test(session, the_data_summary_follows_added_and_removed_points)
{
    session_config c;
    session_config_default(&c);
    build(&S, "xor", &c, 4);
    cr_expect_eq(S.data_stats.hi[0], 1);
    double far[2] = {7.5, -2};
    cr_assert_eq(session_add_point(&S, far, 1), 0);
    cr_expect_eq(S.data_stats.hi[0], 7.5);
    cr_expect_eq(S.data_stats.lo[1], -2);
    cr_expect_float_eq(S.data_stats.mean[0], (0 + 0 + 1 + 1 + 7.5) / 5, 1e-15);
    cr_assert_eq(session_remove_point(&S, ds_rows(&S.data) - 1), 0);
    cr_expect_eq(S.data_stats.hi[0], 1);
    cr_expect_eq(S.data_stats.lo[1], 0);
}
