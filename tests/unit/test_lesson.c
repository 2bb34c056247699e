/* test_lesson.c - every lesson walked scene by scene with lesson_goto,
 * asserting the book's numbers where the book gives them: the perceptron's
 * first update, OR's epochs against the book's script run here in C, the
 * ReLU neuron's two-epoch table, the chain-rule gradient against its
 * formula, the learning rates that crawl, learn and diverge; and that going
 * forward, back, or forward one scene at a time always gives one state. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/book.h"
#include "engine/chain.h"
#include "engine/lesson.h"

static char err[512];

static const lesson *find(const char *name)
{
    const lesson *l = lesson_find(name);
    cr_assert_not_null(l, "no lesson %s", name);
    return l;
}

/* Scene k of lesson `name` into *s (replacing what *s held). */
static void go(const char *name, int k, session *s)
{
    cr_assert_eq(lesson_goto(find(name), k, s, err, sizeof err), 0, "%s scene %d: %s",
                 name, k, err);
}

static double out_for(session *s, double x1, double x2)
{
    double raw[2] = {x1, x2}, out[1];
    session_predict(s, raw, 1, out);
    return out[0];
}

static bool same_doubles(const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(isnan(a[i]) && isnan(b[i])) && memcmp(&a[i], &b[i], sizeof(double)))
            return false;
    return true;
}

/* The values of the last forward and backward, every layer. */
static bool same_double_layers(const session *a, const session *b)
{
    if (a->net.batch != b->net.batch || a->net.n_layers != b->net.n_layers)
        return false;
    for (int l = 0; l < a->net.n_layers; l++) {
        const net_layer *La = &a->net.layer[l], *Lb = &b->net.layer[l];
        size_t k = (size_t)a->net.batch * La->n_out;
        if (!same_doubles(La->z, Lb->z, k) || !same_doubles(La->a, Lb->a, k) ||
            !same_doubles(La->da, Lb->da, k) || !same_doubles(La->dz, Lb->dz, k))
            return false;
    }
    return true;
}

/* The state a scene is made of, bit for bit. */
static void assert_same_state(const session *a, const session *b, const char *what)
{
    cr_assert_eq(a->net.n_params, b->net.n_params, "%s", what);
    size_t n = a->net.n_params;
    cr_assert(same_doubles(a->net.params, b->net.params, n), "%s: weights", what);
    cr_assert(same_doubles(a->init_params, b->init_params, n), "%s: initial", what);
    cr_assert(same_doubles(a->prev_params, b->prev_params, n), "%s: previous", what);
    cr_assert(same_doubles(a->net.grads, b->net.grads, n), "%s: gradients", what);
    cr_assert(same_doubles(a->opt.m, b->opt.m, n), "%s: moments", what);
    cr_assert_eq(a->epoch, b->epoch, "%s", what);
    cr_assert_eq(a->steps, b->steps, "%s", what);
    cr_assert_eq(a->status, b->status, "%s", what);
    cr_assert_eq(a->phase, b->phase, "%s", what);
    cr_assert_eq(a->cursor, b->cursor, "%s", what);
    cr_assert_eq(a->cfg.model, b->cfg.model, "%s", what);
    cr_assert_eq(a->cfg.hidden_act, b->cfg.hidden_act, "%s", what);
    cr_assert_eq(memcmp(&a->cfg.lr, &b->cfg.lr, sizeof(double)), 0, "%s", what);
    cr_assert_eq(a->hist_len, b->hist_len, "%s", what);
    cr_assert(same_doubles(a->hist_train, b->hist_train, (size_t)a->hist_len),
              "%s: history", what);
    cr_assert(same_double_layers(a, b), "%s: last pass", what);
}

Test(lesson, registry_names_titles_and_narration)
{
    cr_assert_eq(lesson_count(), 9);
    cr_assert_null(lesson_get(-1));
    cr_assert_null(lesson_get(lesson_count()));
    cr_assert_null(lesson_find("nope"));
    cr_assert_null(lesson_find(NULL));
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        cr_assert_not_null(l);
        cr_assert_eq(lesson_find(l->name), l);
        cr_assert_gt(strlen(l->name), 0);
        cr_assert_leq(strlen(l->name), 16);
        for (const char *c = l->name; *c; c++)
            cr_assert(islower((unsigned char)*c) || *c == '-', "%s", l->name);
        cr_assert_gt(strlen(l->title), 10);
        cr_assert_leq(strlen(l->title), LESSON_TEXT_MAX);
        cr_assert_geq(l->n_scenes, 3);
        cr_assert_eq(l->scenes[0].action[0].kind, LESSON_DO_BUILD, "%s", l->name);
        cr_assert_geq(l->scenes[0].n_actions, 1);
        for (int k = 0; k < l->n_scenes; k++) {
            const lesson_scene *sc = &l->scenes[k];
            cr_assert_gt(strlen(sc->text), 10);
            cr_assert_leq(strlen(sc->text), LESSON_TEXT_MAX, "%s %d: %s", l->name, k,
                          sc->text);
            cr_assert_null(strchr(sc->text, '\n'));
            cr_assert_not_null(sc->view, "%s %d", l->name, k);
            cr_assert(sc->n_actions >= 0 && sc->n_actions <= LESSON_MAX_ACTIONS);
        }
    }
}

Test(lesson, picks_name_real_weights_of_their_scene)
{
    session s;
    memset(&s, 0, sizeof s);
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        for (int k = 0; k < l->n_scenes; k++) {
            lesson_pick p = l->scenes[k].pick;
            if (p.layer < 0)
                continue;
            cr_assert_eq(lesson_goto(l, k, &s, err, sizeof err), 0, "%s", err);
            cr_assert_lt(p.layer, s.net.n_layers, "%s %d", l->name, k);
            cr_assert(p.unit >= 0 && p.unit < s.net.layer[p.layer].n_out);
            if (strcmp(l->scenes[k].view, "hidden") == 0) { /* two hidden units */
                cr_assert_lt(p.layer, s.net.n_layers - 1);
                cr_assert(p.input >= 0 && p.input < s.net.layer[p.layer].n_out);
                cr_assert_neq(p.input, p.unit);
            } else {
                cr_assert(p.input >= 0 && p.input <= s.net.layer[p.layer].n_in);
            }
        }
    }
    session_free(&s);
}

/* ---- lesson 1: the perceptron rule on one row ---- */

Test(lesson, perceptron_first_update_is_the_books)
{
    session s;
    memset(&s, 0, sizeof s);
    go("perceptron", 0, &s);
    cr_assert_eq(s.cfg.model, MODEL_PERCEPTRON);
    cr_assert_eq(s.data.n_train, 1);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(s.net.params[i], 0.0);
    /* book: "Loss: -1 | w1: 0 | w2: 0 | b: 0", then w1 = -1, w2 = 0, b = -1 */
    go("perceptron", 1, &s);
    cr_assert_eq(s.last.error, -1.0);
    cr_assert_eq(s.last.y_hat, 1.0);
    cr_assert_eq(s.last.row, 0);
    cr_assert_eq(s.net.params[0], -1.0);
    cr_assert_eq(s.net.params[1], 0.0);
    cr_assert_eq(s.net.params[2], -1.0);
    cr_assert_eq(s.prev_params[0], 0.0);
    /* book: "Loss: 0 | w1: -1 | w2: 0 | b: -1": learned */
    go("perceptron", 2, &s);
    cr_assert_eq(s.last.error, 0.0);
    cr_assert_eq(s.last.y_hat, 0.0);
    cr_assert_eq(s.net.params[0], -1.0);
    cr_assert_eq(s.net.params[2], -1.0);
    cr_assert_eq(s.status, SESSION_CONVERGED);
    cr_assert_eq(out_for(&s, 1, 0), 0.0);
    go("perceptron", 3, &s);
    cr_assert_eq(s.steps, 2);
    /* the line the last scene names: -x1 - 1 = 0, i.e. x1 = -1, with every
     * point right of it (the whole map) on the 0 side */
    cr_assert_not_null(strstr(find("perceptron")->scenes[3].text, "x1 = -1"));
    cr_assert_eq(out_for(&s, -1, 5), 1.0, "on the line z = 0: output 1");
    cr_assert_eq(out_for(&s, -0.99, -5), 0.0);
    cr_assert_eq(out_for(&s, 3, 3), 0.0);
    session_free(&s);
}

/* ---- lesson 2: OR, against the book's script ---- */

/* The book's OR loop, as written there, one epoch. */
static void book_or_epoch(int *w1, int *w2, int *bias, int *errors)
{
    static const int x[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}}, y[4] = {1, 1, 1, 0};
    *errors = 0;
    for (int i = 0; i < 4; i++) {
        int wsum = x[i][0] * *w1 + x[i][1] * *w2 + *bias;
        int y_hat = wsum < 0 ? 0 : 1, e = y[i] - y_hat;
        if (e != 0) {
            *w1 += e * x[i][0];
            *w2 += e * x[i][1];
            *bias += e;
            (*errors)++;
        }
    }
}

Test(lesson, or_follows_the_books_script_epoch_by_epoch)
{
    session s;
    memset(&s, 0, sizeof s);
    go("or", 0, &s);
    cr_assert_eq(s.data.x[0], 1.0, "book's row order: [1,1] first");
    cr_assert_eq(s.data.x[6], 0.0);
    go("or", 1, &s); /* [1,1]: right */
    cr_assert_eq(s.last.error, 0.0);
    cr_assert_eq(s.net.params[2], 0.0);
    go("or", 2, &s); /* end of epoch 1: [0,0] was wrong */
    cr_assert_eq(s.epoch, 1);
    cr_assert_eq(s.last.row, 3);
    cr_assert_eq(s.last.error, -1.0);
    int w1 = 0, w2 = 0, b = 0, errors;
    for (int e = 1; e <= 5; e++) {
        book_or_epoch(&w1, &w2, &b, &errors);
        if (e >= 2 && e <= 3)
            go("or", e + 1, &s);
        else if (e > 3)
            cr_assert_eq(session_step_epoch(&s), 0);
        cr_assert_eq(s.epoch, e);
        cr_assert_eq(s.net.params[0], (double)w1, "epoch %d", e);
        cr_assert_eq(s.net.params[1], (double)w2, "epoch %d", e);
        cr_assert_eq(s.net.params[2], (double)b, "epoch %d", e);
        cr_assert_eq(s.hist_train[e - 1], errors / 4.0, "epoch %d", e);
        if (e == 3) {
            cr_assert_eq(s.status, SESSION_CONVERGED);
            session t;
            memset(&t, 0, sizeof t);
            go("or", 5, &t);
            cr_assert_eq(t.epoch, 3);
            session_free(&t);
        }
    }
    /* the book's train(5): w1 = w2 = 1, BIAS = -1; outputs 0, 1, 1, 1 */
    cr_assert_eq(w1, 1);
    cr_assert_eq(w2, 1);
    cr_assert_eq(b, -1);
    cr_assert_eq(out_for(&s, 0, 0), 0.0);
    cr_assert_eq(out_for(&s, 0, 1), 1.0);
    cr_assert_eq(out_for(&s, 1, 0), 1.0);
    cr_assert_eq(out_for(&s, 1, 1), 1.0);
    session_free(&s);
}

/* ---- lesson 3: the perceptron on XOR ---- */

Test(lesson, perceptron_never_stops_erring_on_xor)
{
    session s;
    memset(&s, 0, sizeof s);
    const lesson *l = find("xor-fail");
    go("xor-fail", 6, &s);
    cr_assert_eq(s.epoch, 100);
    cr_assert_eq(s.hist_len, 100);
    for (long e = 0; e < s.hist_len; e++)
        cr_assert_gt(s.hist_train[e], 0.0, "epoch %ld made no error", e + 1);
    cr_assert_neq(s.status, SESSION_CONVERGED);
    int wrong = 0;
    double xs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, ys[4] = {0, 1, 1, 0};
    for (int r = 0; r < 4; r++)
        wrong += out_for(&s, xs[r][0], xs[r][1]) != ys[r];
    cr_assert_gt(wrong, 0);
    cr_assert_str_eq(l->scenes[l->n_scenes - 1].view, "compare");
    session_free(&s);
}

/* The perceptron's w1, w2 and b. */
static void assert_wb(const session *s, double w1, double w2, double b,
                      const char *what)
{
    const double *p = s->net.params;
    cr_assert(p[0] == w1 && p[1] == w2 && p[2] == b,
              "%s: w1 %g w2 %g b %g, not %g %g %g", what, p[0], p[1], p[2], w1, w2,
              b);
}

static int xor_wrong(session *s)
{
    double xs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, ys[4] = {0, 1, 1, 0};
    int wrong = 0;
    for (int r = 0; r < 4; r++)
        wrong += out_for(s, xs[r][0], xs[r][1]) != ys[r];
    return wrong;
}

/* The swing, one row per scene: each update fixes its row and breaks
 * another, and the four of them bring the weights back where they were. */
Test(lesson, xor_fail_swings_row_by_row_round_a_cycle_of_four)
{
    session s;
    memset(&s, 0, sizeof s);
    const lesson *l = find("xor-fail");
    cr_assert_eq(l->n_scenes, 9);
    go("xor-fail", 1, &s);
    cr_assert_eq(s.epoch, 2);
    assert_wb(&s, -1, 0, 0, "after two epochs");
    cr_assert_eq(xor_wrong(&s), 2, "the line x1 = 0 leaves two rows wrong");
    /* the rows in order, each wrong when its turn comes: the row, the
     * output it gave (error = y - y_hat), and the weights after */
    static const struct {
        double x1, x2, error, w1, w2, b;
    } step[4] = {
        {0, 0, -1, -1, 0, -1}, /* line x1 = -1 */
        {0, 1, 1, -1, 1, 0},   /* line x2 = x1 */
        {1, 0, 1, 0, 1, 1},    /* line x2 = -1 */
        {1, 1, -1, -1, 0, 0},  /* line x1 = 0: back at the start */
    };
    for (int k = 0; k < 4; k++) {
        char what[32];
        snprintf(what, sizeof what, "scene %d", k + 3);
        go("xor-fail", 2 + k, &s);
        cr_assert_eq(s.steps, 9 + k, "%s is one more row", what);
        cr_assert_eq(s.last.row, k);
        cr_assert_eq(s.data.x[2 * k], step[k].x1);
        cr_assert_eq(s.data.x[2 * k + 1], step[k].x2);
        cr_assert_eq(s.last.error, step[k].error, "%s", what);
        assert_wb(&s, step[k].w1, step[k].w2, step[k].b, what);
        cr_assert_gt(xor_wrong(&s), 0, "%s: some row is wrong", what);
    }
    cr_assert_eq(s.epoch, 3);
    /* epoch 100: the same place, and the same four steps from it */
    go("xor-fail", 6, &s);
    cr_assert_eq(s.epoch, 100);
    assert_wb(&s, -1, 0, 0, "epoch 100");
    cr_assert_not_null(strstr(l->scenes[6].text, "cycling"));
    for (int k = 0; k < 4; k++) {
        cr_assert_eq(session_step_batch(&s), 0);
        assert_wb(&s, step[k].w1, step[k].w2, step[k].b, "epoch 101");
    }
    go("xor-fail", 8, &s);
    cr_assert_eq(s.epoch, 2000);
    assert_wb(&s, -1, 0, 0, "epoch 2000");
    cr_assert_not_null(strstr(l->scenes[8].text, "The end"));
    session_free(&s);
}

/* ---- lesson 4: the MLP on XOR ---- */

Test(lesson, book_network_solves_xor)
{
    session s;
    memset(&s, 0, sizeof s);
    go("xor-mlp", 0, &s);
    cr_assert_eq(s.cfg.n_hidden, 2);
    cr_assert_eq(s.net.layer[0].n_out, 8);
    cr_assert_eq(s.net.layer[1].n_out, 4);
    cr_assert_eq(s.net.layer[2].act, ACT_SIGMOID);
    cr_assert_eq(s.cfg.loss, LOSS_BCE);
    cr_assert_eq(s.cfg.lr, 0.1);
    go("xor-mlp", 1, &s);
    cr_assert_eq(s.epoch, 10);
    cr_assert(fabs(s.hist_train[9] - 0.70) < 0.01, "%g", s.hist_train[9]);
    for (int r = 0; r < 4; r++) {
        double o = out_for(&s, s.data.x[2 * r], s.data.x[2 * r + 1]);
        cr_assert(o > 0.4 && o < 0.65, "%g", o);
    }
    go("xor-mlp", 2, &s);
    cr_assert_eq(s.epoch, 100);
    cr_assert(fabs(s.hist_train[99] - 0.69) < 0.01, "%g", s.hist_train[99]);
    double lo = 1, hi = 0;
    for (int r = 0; r < 4; r++) {
        double o = out_for(&s, s.data.x[2 * r], s.data.x[2 * r + 1]);
        lo = fmin(lo, o);
        hi = fmax(hi, o);
    }
    cr_assert_lt(hi - lo, 0.1, "outputs %g .. %g", lo, hi);
    go("xor-mlp", 3, &s);
    cr_assert_eq(s.epoch, 300);
    /* every row right, the loss (0.61) still falling */
    cr_assert_eq(session_get_metrics(&s).train_acc, 1.0);
    cr_assert(fabs(s.hist_train[299] - 0.61) < 0.005, "%g", s.hist_train[299]);
    cr_assert_lt(s.hist_train[299], s.hist_train[289] - 0.01);
    go("xor-mlp", 4, &s);
    cr_assert_eq(s.epoch, 2000);
    cr_assert(s.hist_train[1999] < 0.002, "%g", s.hist_train[1999]);
    cr_assert_lt(out_for(&s, 0, 0), 0.01);
    cr_assert_gt(out_for(&s, 0, 1), 0.99);
    cr_assert_gt(out_for(&s, 1, 0), 0.99);
    cr_assert_lt(out_for(&s, 1, 1), 0.01);
    session_metrics m = session_get_metrics(&s);
    cr_assert_eq(m.train_acc, 1.0);
    session_free(&s);
}

/* ---- lesson 5: the ReLU neuron's table ---- */

Test(lesson, relu_neuron_reproduces_the_two_epoch_table)
{
    session s;
    memset(&s, 0, sizeof s);
    go("relu", 0, &s);
    const net_layer *L = &s.net.layer[0];
    cr_assert_eq(s.net.n_layers, 1);
    cr_assert_eq(L->act, ACT_RELU);
    cr_assert_eq(L->w[0], 0.5);
    cr_assert_eq(L->b[0], 0.5);
    cr_assert_eq(s.init_params[0], 0.5, "the table's weights are the initial ones");
    /* epoch 1: x 1, w 0.5, b 0.5, z 1, y_hat 1, loss 0.5, dL/dw 1, dL/db 1 */
    go("relu", 1, &s);
    L = &s.net.layer[0];
    cr_assert_eq(s.phase, SESSION_PHASE_FORWARD);
    cr_assert_eq(L->z[0], 1.0);
    cr_assert_eq(L->a[0], 1.0);
    go("relu", 2, &s);
    cr_assert_eq(s.batch_loss, 0.5);
    go("relu", 3, &s);
    L = &s.net.layer[0];
    cr_assert_eq(L->gw[0], 1.0);
    cr_assert_eq(L->gb[0], 1.0);
    cr_assert_eq(L->w[0], 0.5, "not updated before the update phase");
    go("relu", 4, &s);
    L = &s.net.layer[0];
    cr_assert_eq(s.epoch, 1);
    cr_assert_eq(s.hist_train[0], 0.5);
    cr_assert_eq(L->w[0], -0.5);
    cr_assert_eq(L->b[0], -0.5);
    /* epoch 2: w -0.5, b -0.5, z -1, y_hat 0, loss 0, gradients 0 */
    go("relu", 5, &s);
    L = &s.net.layer[0];
    cr_assert_eq(s.epoch, 2);
    cr_assert_eq(L->z[0], -1.0);
    cr_assert_eq(L->a[0], 0.0);
    cr_assert_eq(s.last.loss, 0.0);
    cr_assert_eq(s.hist_train[1], 0.0);
    cr_assert_eq(L->gw[0], 0.0);
    cr_assert_eq(L->gb[0], 0.0);
    cr_assert_eq(L->w[0], -0.5);
    cr_assert_eq(L->b[0], -0.5);
    go("relu", 6, &s);
    cr_assert_eq(s.epoch, 2);
    session_free(&s);
}

/* ---- lesson 6: the chain rule ---- */

Test(lesson, chain_rule_gradient_equals_the_books_formula)
{
    session s;
    memset(&s, 0, sizeof s);
    go("chain", 2, &s);
    const net_layer *L1 = &s.net.layer[0], *L2 = &s.net.layer[1];
    cr_assert_eq(L1->z[0], 1.0);
    cr_assert_eq(L1->a[0], 1.0);
    cr_assert_eq(L2->z[0], 0.0);
    cr_assert_eq(L2->a[0], 0.5);
    go("chain", 3, &s);
    cr_assert_eq(s.batch_loss, 0.125);
    go("chain", 4, &s);
    L1 = &s.net.layer[0];
    L2 = &s.net.layer[1];
    double x = s.data.x[0], y = s.data.y[0];
    double z1 = L1->z[0], a1 = L1->a[0], z2 = L2->z[0], w2 = L2->w[0];
    /* the book: dL/dw2 = (g(z2) - y) * g'(z2) * a1 */
    double book = (act_value(ACT_SIGMOID, z2) - y) * act_derivative(ACT_SIGMOID, z2) * a1;
    cr_assert(fabs(L2->gw[0] - book) <= 1e-15, "%.17g vs %.17g", L2->gw[0], book);
    cr_assert_eq(L2->gw[0], -0.125);
    cr_assert_eq(L2->gb[0], -0.125);
    /* one link further: dL/dw1 = dL/dz2 * w2 * f'(z1) * x */
    double hidden = L2->dz[0] * w2 * act_derivative(ACT_RELU, z1) * x;
    cr_assert(fabs(L1->gw[0] - hidden) <= 1e-15);
    cr_assert_eq(L1->gw[0], -0.0625);
    go("chain", 5, &s);
    cr_assert_eq(s.phase, SESSION_PHASE_BACKWARD, "scene 5 only moves the selection");
    go("chain", 6, &s);
    L1 = &s.net.layer[0];
    L2 = &s.net.layer[1];
    cr_assert_eq(L2->w[0], 0.625);
    cr_assert_eq(L2->b[0], -0.375);
    cr_assert_eq(L1->w[0], 0.8125);
    cr_assert_eq(L1->b[0], 0.3125);
    go("chain", 7, &s);
    cr_assert_eq(s.epoch, 101);
    cr_assert_lt(s.hist_train[100], s.hist_train[1]);
    cr_assert_gt(out_for(&s, 1, 0), 0.9);
    session_free(&s);
}

/* ---- lesson 7: the learning rate ---- */

Test(lesson, learning_rates_crawl_learn_and_diverge)
{
    session s;
    memset(&s, 0, sizeof s);
    go("rate", 0, &s);
    cr_assert_eq(s.cfg.lr, 0.001);
    double start[128];
    cr_assert_leq(s.net.n_params, 128);
    memcpy(start, s.init_params, s.net.n_params * sizeof(double));
    go("rate", 1, &s);
    cr_assert_eq(s.epoch, 300);
    cr_assert(fabs(s.hist_train[299] - s.hist_train[0]) < 0.01, "it crawls");
    cr_assert_neq(s.status, SESSION_CONVERGED);
    go("rate", 2, &s);
    cr_assert_eq(s.cfg.lr, 0.1);
    cr_assert_eq(memcmp(start, s.init_params, s.net.n_params * sizeof(double)), 0,
                 "same start");
    /* every row right, the loss still falling: learning, not converged */
    cr_assert_eq(session_get_metrics(&s).train_acc, 1.0);
    cr_assert_eq(s.status, SESSION_LEARNING, "%s", s.reason);
    cr_assert_lt(s.hist_train[s.hist_len - 1], s.hist_train[0] / 2);
    go("rate", 3, &s);
    cr_assert_eq(s.cfg.lr, 10.0);
    cr_assert_eq(memcmp(start, s.init_params, s.net.n_params * sizeof(double)), 0);
    cr_assert_eq(s.status, SESSION_DIVERGED);
    cr_assert_lt(s.epoch, 300);
    cr_assert_gt(s.diverged_epoch, 0);
    go("rate", 4, &s);
    cr_assert_eq(s.status, SESSION_DIVERGED);
    cr_assert_str_eq(find("rate")->scenes[4].view, "sweep");
    session_free(&s);
}

/* ---- lesson 8: activations ---- */

Test(lesson, activations_show_what_each_one_does_to_xor)
{
    session s;
    memset(&s, 0, sizeof s);
    go("activations", 1, &s);
    cr_assert_eq(s.cfg.hidden_act, ACT_LINEAR);
    cr_assert_neq(s.status, SESSION_CONVERGED);
    go("activations", 2, &s);
    cr_assert_eq(s.cfg.hidden_act, ACT_SIGMOID);
    cr_assert_neq(s.status, SESSION_CONVERGED);
    cr_assert(fabs(s.hist_train[s.hist_len - 1] - 0.69) < 0.01);
    go("activations", 3, &s);
    cr_assert_eq(s.cfg.hidden_act, ACT_TANH);
    cr_assert_eq(s.status, SESSION_CONVERGED);
    go("activations", 4, &s);
    cr_assert_eq(s.cfg.hidden_act, ACT_STEP);
    cr_assert_eq(s.epoch, 1000);
    size_t hidden = s.net.layer[2].offset; /* layers 0 and 1 come first */
    cr_assert_eq(memcmp(s.net.params, s.init_params, hidden * sizeof(double)), 0,
                 "hidden weights moved under a zero slope");
    cr_assert_neq(memcmp(s.net.params + hidden, s.init_params + hidden,
                         (s.net.n_params - hidden) * sizeof(double)), 0);
    go("activations", 5, &s);
    cr_assert_eq(s.cfg.hidden_act, ACT_RELU);
    cr_assert_eq(s.status, SESSION_CONVERGED);
    session_free(&s);
}

/* ---- determinism ---- */

Test(lesson, forward_back_and_step_by_step_give_one_state)
{
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        session a, b, c;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        memset(&c, 0, sizeof c);
        for (int k = 0; k < l->n_scenes; k++) {
            char what[64];
            snprintf(what, sizeof what, "%s scene %d", l->name, k);
            /* Enter: the next scene's actions on the current state */
            cr_assert_eq(lesson_apply(&l->scenes[k], &c, err, sizeof err), 0, "%s", err);
            cr_assert_eq(lesson_goto(l, k, &a, err, sizeof err), 0, "%s", err);
            assert_same_state(&a, &c, what);
            /* Backspace from the last scene */
            cr_assert_eq(lesson_goto(l, l->n_scenes - 1, &b, err, sizeof err), 0);
            cr_assert_eq(lesson_goto(l, k, &b, err, sizeof err), 0);
            assert_same_state(&a, &b, what);
        }
        session_free(&a);
        session_free(&b);
        session_free(&c);
    }
}

Test(lesson, bad_scene_numbers_leave_the_session_alone)
{
    session s;
    memset(&s, 0, sizeof s);
    go("or", 4, &s);
    const lesson *l = find("or");
    cr_assert_eq(lesson_goto(l, l->n_scenes, &s, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "or"), "%s", err);
    cr_assert_eq(lesson_goto(l, -1, &s, err, sizeof err), -1);
    cr_assert_eq(lesson_goto(NULL, 0, &s, err, sizeof err), -1);
    cr_assert_eq(s.epoch, 3, "the session is still scene 4's");
    cr_assert_eq(s.status, SESSION_CONVERGED);
    session_free(&s);
    /* a scene without a build on an empty session */
    memset(&s, 0, sizeof s);
    cr_assert_eq(lesson_apply(&l->scenes[1], &s, err, sizeof err), -1);
    cr_assert_null(s.net.params);
    cr_assert_eq(lesson_setup_build(LESSON_SETUP_COUNT, &s, err, sizeof err), -1);
    for (int k = 0; k < LESSON_SETUP_COUNT; k++) {
        cr_assert_eq(lesson_setup_build((lesson_setup)k, &s, err, sizeof err), 0,
                     "setup %d: %s", k, err);
        session_free(&s);
    }
}

/* ---- the book's chain-rule examples and its PyTorch script ---- */

Test(lesson, book_pages_and_the_chain_rule_examples)
{
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        for (int k = 0; k < l->n_scenes; k++)
            if (strcmp(l->scenes[k].view, "book") == 0) {
                cr_assert_lt(l->scenes[k].pick.layer, 0);
                cr_assert(l->scenes[k].pick.unit >= 0 &&
                          l->scenes[k].pick.unit < LESSON_PAGE_COUNT);
            }
    }
    const lesson *c = find("chain");
    cr_assert_str_eq(c->scenes[0].view, "book");
    cr_assert_eq(c->scenes[0].pick.unit, LESSON_PAGE_CHAIN);
    /* the book: x = 2, y = 7, z = 50, dz/dx = 2y * 2 = 28 */
    chain_example e;
    chain_poly_example(CHAIN_POLY_BOOK_X, &e);
    cr_assert_eq(e.x, 2.0);
    cr_assert_eq(e.inner, 7.0);
    cr_assert_eq(e.outer, 50.0);
    cr_assert_eq(e.d_outer, 14.0);
    cr_assert_eq(e.d_inner, 2.0);
    cr_assert_eq(e.product, 28.0);
    cr_assert(fabs(e.numeric - 28.0) < 1e-6, "%.17g", e.numeric);
    /* d sin(x^2) = cos(x^2) 2x dx, at x = 1.5 */
    chain_sin_example(CHAIN_SIN_X, &e);
    cr_assert_eq(e.inner, 2.25);
    cr_assert_eq(e.outer, sin(2.25));
    cr_assert_eq(e.d_outer, cos(2.25));
    cr_assert_eq(e.d_inner, 3.0);
    cr_assert_eq(e.product, cos(2.25) * 3.0);
    cr_assert(fabs(e.numeric - e.product) < 1e-6);
    char b[32];
    snprintf(b, sizeof b, "%.4f", e.product);
    cr_assert_str_eq(b, "-1.8845");
}

/* The strings of a recorded run are the fixture's lines. */
Test(lesson, recorded_pytorch_runs_are_the_fixtures_lines)
{
    cr_assert_geq(book_torch_run_count(), 1);
    cr_assert_null(book_torch_run_get(book_torch_run_count()));
    cr_assert_not_null(book_torch_run_find(0));
    cr_assert_null(book_torch_run_find(12345));
    for (int i = 0; i < book_torch_run_count(); i++) {
        const book_torch_run *r = book_torch_run_get(i);
        char path[128], line[256];
        snprintf(path, sizeof path, "tests/torch/seeded/xor_book_seed_%llu.txt",
                 (unsigned long long)r->seed);
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f, "no fixture %s", path);
        static char lines[204][256];
        int n = 0;
        while (n < 204 && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(lines[n++], sizeof lines[0], "%s", line);
        }
        fclose(f);
        cr_assert_eq(n, 204, "%s", path);
        for (int k = 0; k < BOOK_QUOTES; k++) {
            long e = book_quote_epoch(k);
            char want[96];
            snprintf(want, sizeof want, "Epoch [%ld/2000], Loss: %s", e, r->loss[k]);
            cr_assert_str_eq(lines[e / 10 - 1], want, "%s", path);
        }
        static const char *const in[BOOK_ROWS] = {"[0.0, 0.0]", "[0.0, 1.0]",
                                                  "[1.0, 0.0]", "[1.0, 1.0]"};
        static const char *const ex[BOOK_ROWS] = {"0.0", "1.0", "1.0", "0.0"};
        for (int k = 0; k < BOOK_ROWS; k++) {
            char want[96];
            snprintf(want, sizeof want, "Input: %s, Output: %s, Expected: %s", in[k],
                     r->output[k], ex[k]);
            cr_assert_str_eq(lines[200 + k], want, "%s", path);
        }
    }
}

/* mlpviz's numbers, printed as the script prints them, are PyTorch's. */
static void assert_quotes_match(session *s, const book_torch_run *r, int quotes,
                                bool outputs)
{
    double loss[BOOK_QUOTES], out[BOOK_ROWS];
    cr_assert_eq(book_quote(s, loss, out), BOOK_ROWS);
    char b[32];
    for (int k = 0; k < quotes; k++) {
        snprintf(b, sizeof b, "%.4f", loss[k]);
        cr_assert_str_eq(b, r->loss[k], "seed %llu epoch %ld",
                         (unsigned long long)r->seed, book_quote_epoch(k));
    }
    for (int k = quotes; k < BOOK_QUOTES; k++)
        cr_assert(isnan(loss[k]), "epoch %ld is not reached yet", book_quote_epoch(k));
    for (int k = 0; outputs && k < BOOK_ROWS; k++) {
        snprintf(b, sizeof b, "%.4f", out[k]);
        cr_assert_str_eq(b, r->output[k], "seed %llu row %d",
                         (unsigned long long)r->seed, k);
    }
}

Test(lesson, book_script_and_mlpviz_agree_to_the_printed_digit)
{
    session s;
    memset(&s, 0, sizeof s);
    const book_torch_run *r0 = book_torch_run_find(0);
    cr_assert_not_null(r0);
    go("pytorch", 0, &s);
    cr_assert(book_session_is_script(&s));
    cr_assert_eq(s.cfg.seed, 0);
    cr_assert_eq(s.epoch, 0);
    go("pytorch", 1, &s);
    cr_assert_eq(s.epoch, 10);
    assert_quotes_match(&s, r0, 1, false);
    go("pytorch", 2, &s);
    cr_assert_eq(s.epoch, 100);
    assert_quotes_match(&s, r0, 2, false);
    go("pytorch", 3, &s);
    cr_assert_eq(s.epoch, 2000);
    assert_quotes_match(&s, r0, 3, true);
    cr_assert(book_session_is_script(&s));
    /* every recorded seed, from a new seed on the same session (r) */
    for (int i = 0; i < book_torch_run_count(); i++) {
        const book_torch_run *r = book_torch_run_get(i);
        cr_assert_eq(session_reset(&s, r->seed), 0);
        cr_assert(book_session_is_script(&s));
        cr_assert_eq(session_train(&s, 2000), 0);
        assert_quotes_match(&s, r, 3, true);
    }
    /* the xor-mlp lesson's network draws with mlpviz's generator: not the
     * script's run */
    go("xor-mlp", 0, &s);
    cr_assert(!book_session_is_script(&s));
    session_free(&s);
}
