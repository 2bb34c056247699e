/* mode_compare.c - the Compare view: two sessions side by side on the same
 * data, stepped by the same keys. The left one is the screen's own session;
 * the right one is a copy made here and changed in one respect: the other
 * model (perceptron vs MLP), a learning rate one rung up the ladder, or the
 * next hidden activation. Each side has its map, loss curve and status. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_fit.h"
#include "tui/action.h"
#include "tui/mode_common.h"
#include "tui/view.h"

typedef enum { PAIR_MODEL, PAIR_LR, PAIR_ACT, PAIR_COUNT } cmp_pairing;

static const char *const cmp_pair_names[PAIR_COUNT] = {
    "perceptron vs MLP", "two learning rates", "two activations"};

#define CMP_CATCH_UP_SECONDS 0.4 /* training the right side up to the left's
                                    epoch when it is built */

typedef struct {
    session right;
    bool have_right;
    cmp_pairing pairing;
    mode_map map_l, map_r;
    mode_metrics met_r;
    mode_sig sig;        /* the left session as this view last left it */
    char why[SESSION_MESSAGE_MAX + 64]; /* why the pairing is not the one asked for */
} cmp_state;

static cmp_state *cmp_get(tui_view *v) { return v->mode_state[MODE_COMPARE]; }

/* Trains the right side until it has done as many epochs as the left, or
 * the time runs out. */
static void cmp_catch_up(tui_view *v, cmp_state *c, double seconds)
{
    struct timespec t0, now;
    view_now(&t0);
    double target = mode_progress(v->s);
    while (mode_progress(&c->right) < target - 1e-9 &&
           c->right.status != SESSION_DIVERGED) {
        if (session_step_batch(&c->right) < 0)
            break;
        view_now(&now);
        if (view_elapsed(&t0, &now) > seconds)
            break;
    }
}

/* The other model on r, a clone of the left side: an MLP for the
 * perceptron (with the book's layers when it has none), the perceptron for
 * an MLP; each at the book's rate. 0 or -1. */
static int cmp_other_model(session *r, const session_fit_rule *fit)
{
    int rc = 0;
    if (r->cfg.model == MODEL_PERCEPTRON) {
        if (r->cfg.n_hidden == 0) {
            /* an MLP without hidden layers cannot do better than a line */
            int sizes[2] = {8, 4};
            r->cfg.hidden_act = ACT_RELU;
            rc = session_set_layers(r, 2, sizes);
        }
        if (rc == 0 && session_set_model(r, MODEL_MLP) < 0) {
            /* the loss an MLP takes for this task (and the output that
             * goes with it) */
            session_set_loss(r, fit->loss);
            rc = session_set_model(r, MODEL_MLP);
        }
    } else {
        rc = session_set_model(r, MODEL_PERCEPTRON);
    }
    /* 0.1 for the MLP, 1 for the perceptron's rule */
    if (rc == 0)
        rc = session_set_lr(r, r->cfg.model == MODEL_MLP ? 0.1 : 1.0);
    return rc;
}

/* Makes the right side of a pairing from the left session. 0, or -1 when
 * the pairing does not fit (c->why says so). */
static int cmp_build_pairing(tui_view *v, cmp_state *c, cmp_pairing p)
{
    session *s = v->s;
    char err[256];
    c->why[0] = '\0';
    const session_fit_rule *fit = session_fit_rule_for(s->data.task);
    if (p == PAIR_MODEL && !(fit && fit->perceptron)) {
        snprintf(c->why, sizeof c->why,
                 "the perceptron needs two classes: two learning rates instead");
        return -1;
    }
    if (p == PAIR_ACT && (s->cfg.model != MODEL_MLP || s->cfg.n_hidden == 0)) {
        snprintf(c->why, sizeof c->why, "%s",
                 s->cfg.model != MODEL_MLP
                     ? "the perceptron has no hidden activation"
                     : "this network has no hidden layer to change");
        return -1;
    }
    session r;
    if (session_clone(&r, s, err, sizeof err) < 0) {
        snprintf(c->why, sizeof c->why, "%s", err);
        return -1;
    }
    int rc = 0;
    switch (p) {
    case PAIR_MODEL:
        rc = cmp_other_model(&r, fit);
        break;
    case PAIR_LR: {
        double up = lr_ladder_next(s->cfg.lr, 1);
        if (!(up > s->cfg.lr))
            up = lr_ladder_next(s->cfg.lr, -1);
        rc = session_set_lr(&r, up);
        break;
    }
    case PAIR_ACT:
        rc = session_set_hidden_act(
            &r, (act_kind)(((int)s->cfg.hidden_act + 1) % ACT_ELEMENTWISE_COUNT));
        break;
    default:
        rc = -1;
        break;
    }
    if (rc < 0) {
        snprintf(c->why, sizeof c->why, "%s",
                 r.message[0] ? r.message : "that pairing does not fit here");
        session_free(&r);
        return -1;
    }
    if (c->have_right)
        session_free(&c->right);
    c->right = r;
    c->have_right = true;
    c->pairing = p;
    mode_map_free(&c->map_r);
    mode_metrics_init(&c->met_r);
    cmp_catch_up(v, c, CMP_CATCH_UP_SECONDS);
    mode_sig_take(&c->sig, s);
    return 0;
}

/* The pairing p, or the next one that fits. */
static int cmp_build_from(tui_view *v, cmp_state *c, cmp_pairing p, int dir)
{
    char first[sizeof c->why] = "";
    for (int t = 0; t < PAIR_COUNT; t++) {
        cmp_pairing q = (cmp_pairing)(((int)p + dir * t + PAIR_COUNT) % PAIR_COUNT);
        if (cmp_build_pairing(v, c, q) == 0) {
            if (first[0])
                snprintf(c->why, sizeof c->why, "%s", first);
            return 0;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s", c->why);
    }
    snprintf(c->why, sizeof c->why, "%s", first);
    return -1;
}

static int cmp_open(tui_view *v)
{
    cmp_state *c = v->mode_state[MODE_COMPARE];
    c->map_l.stamp = c->map_r.stamp = -1;
    mode_metrics_init(&c->met_r);
    if (cmp_build_from(v, c, PAIR_MODEL, 1) < 0) {
        view_say(v, true, "no comparison here: %s", c->why);
        return -1;
    }
    if (c->why[0])
        view_say(v, false, "%s", c->why);
    return 0;
}

static void cmp_close(tui_view *v)
{
    cmp_state *c = cmp_get(v);
    if (!c)
        return;
    if (c->have_right)
        session_free(&c->right);
    mode_map_free(&c->map_l);
    mode_map_free(&c->map_r);
}

/* The left session was changed by a key this view does not handle (data,
 * model, layers...): the right side is made again from it. */
static void cmp_follow_left(tui_view *v, cmp_state *c)
{
    mode_sig now;
    mode_sig_take(&now, v->s);
    if (mode_sig_same(&now, &c->sig))
        return;
    if (cmp_build_from(v, c, c->pairing, 1) < 0) {
        mode_sig_take(&c->sig, v->s);
        view_say(v, true, "the right side could not follow: %s", c->why);
        return;
    }
    view_say(v, false, "the left side changed: the right side was made again");
}

static void cmp_sync(tui_view *v)
{
    cmp_state *c = cmp_get(v);
    if (c && c->have_right)
        cmp_follow_left(v, c);
}

/* ---- keys ---- */

/* Runs the same command on both sides; the left one's message first. */
static void cmp_both(tui_view *v, cmp_state *c, tui_action a)
{
    session *L = v->s, *R = &c->right;
    uint64_t seed = L->cfg.seed + 1; /* r: one new seed for both */
    int rl = view_session_command(L, a, seed);
    int rr = view_session_command(R, a, seed);
    if (rl == -2)
        return;
    if (a == ACTION_TRAIN_STEP && L->last.row >= 0 && L->last.row < ds_rows(&L->data))
        v->sample = L->last.row;
    char rmsg[SESSION_MESSAGE_MAX];
    snprintf(rmsg, sizeof rmsg, "%s", R->message);
    view_after_command(v, rl);
    bool train = a == ACTION_TRAIN_EPOCH || a == ACTION_TRAIN_STEP;
    if (rl == 0 && rr < 0 && !train)
        view_say(v, true, "right side: %s", rmsg[0] ? rmsg : "that did not work");
    else if (a == ACTION_RESET)
        view_say(v, false, "both sides: new initial weights from seed %llu",
                 (unsigned long long)L->cfg.seed);
    else if (a == ACTION_REPLAY)
        view_say(v, false, "both sides back to their initial weights");
    else if (a == ACTION_LR_UP || a == ACTION_LR_DOWN) {
        char a[32], b[32];
        mode_fmt_lr(a, sizeof a, L->cfg.lr);
        mode_fmt_lr(b, sizeof b, R->cfg.lr);
        view_say(v, false, "learning rates: left %s, right %s", a, b);
    }
    mode_sig_take(&c->sig, L);
}

static bool cmp_handle_action(tui_view *v, int action)
{
    cmp_state *c = cmp_get(v);
    if (!c || !c->have_right)
        return false;
    tui_action a = (tui_action)action;
    switch (a) {
    case ACTION_TRAIN_EPOCH:
    case ACTION_TRAIN_STEP:
    case ACTION_RESET:
    case ACTION_REPLAY:
    case ACTION_LR_UP:
    case ACTION_LR_DOWN:
        cmp_both(v, c, a);
        return true;
    case ACTION_PLAY:
        if (!v->playing && v->s->status == SESSION_DIVERGED) {
            view_say(v, true, "the left side diverged: press - to lower the "
                              "learning rate, then r");
            return true;
        }
        if (!v->playing && v->s->data.n_train < 1) {
            view_say(v, true, "there are no training points to learn from");
            return true;
        }
        view_set_playing(v, !v->playing);
        return true;
    case ACTION_PAIR_NEXT:
    case ACTION_PAIR_PREV: {
        int dir = a == ACTION_PAIR_PREV ? -1 : 1;
        cmp_pairing next = (cmp_pairing)(((int)c->pairing + dir + PAIR_COUNT) % PAIR_COUNT);
        if (cmp_build_from(v, c, next, dir) < 0)
            view_say(v, true, "%s", c->why);
        else if (c->why[0])
            view_say(v, false, "%s", c->why);
        else
            view_say(v, false, "comparing %s", cmp_pair_names[c->pairing]);
        v->dirty = true;
        return true;
    }
    default:
        return false;
    }
}

/* While playing the screen trains the left session; the right one is kept
 * at the same number of epochs. */
static void cmp_tick(tui_view *v, double budget)
{
    cmp_state *c = cmp_get(v);
    if (!c || !c->have_right)
        return;
    cmp_follow_left(v, c);
    cmp_catch_up(v, c, budget);
    v->dirty = true;
}

/* ---- drawing ---- */

/* One side: a header (what it is, its state), the map with the figures
 * beside it, and the loss curve under them. */
static void cmp_draw_side(tui_view *v, WINDOW *w, session *s, mode_map *m,
                          session_metrics met, char tag, int y, int x, int h,
                          int wd)
{
    char desc[96], lr[32], buf[160];
    mode_describe(s, desc, sizeof desc);
    mode_fmt_lr(lr, sizeof lr, s->cfg.lr);
    const char *state = mode_state_word(s, v->playing);
    style_role srole = s->status == SESSION_CONVERGED  ? ROLE_POS
                       : s->status == SESSION_LEARNING ? ROLE_NORMAL
                                                       : ROLE_BAD;
    snprintf(buf, sizeof buf, "%c: %s", tag, desc);
    mode_text(v, w, y, x, ROLE_TITLE, buf);
    mode_text_right(v, w, y, x + wd, srole, state);
    if (h < 6)
        return;
    /* figures */
    char fl[32], fa[32];
    fmt_val(fl, sizeof fl, met.train_loss);
    bool cls = session_is_classifier(s);
    int wrong = -1;
    if (cls && isfinite(met.train_acc)) {
        snprintf(fa, sizeof fa, "%.0f%%", 100 * met.train_acc);
        wrong = (int)lround((1 - met.train_acc) * s->data.n_train);
    } else {
        snprintf(fa, sizeof fa, "-");
    }
    int rest = h - 1;
    int map_h = rest * 55 / 100;
    if (map_h < 4)
        map_h = 4;
    int info_w = wd >= 40 ? 16 : 14;
    int map_w = wd - info_w - 1;
    if (map_w > 2 * map_h + 4)
        map_w = 2 * map_h + 4;
    if (map_w < 8)
        map_w = 8;
    int ix = x + map_w + 1;
    if (wd - map_w - 1 >= 10) {
        int r = y + 1;
        snprintf(buf, sizeof buf, "epoch %ld", s->epoch);
        mode_text(v, w, r++, ix, ROLE_NORMAL, buf);
        snprintf(buf, sizeof buf, "loss %s", fl);
        mode_text(v, w, r++, ix, ROLE_NORMAL, buf);
        if (cls) {
            snprintf(buf, sizeof buf, "acc %s", fa);
            mode_text(v, w, r++, ix, ROLE_NORMAL, buf);
            if (wrong >= 0 && r < y + 1 + map_h) {
                snprintf(buf, sizeof buf, "%d wrong", wrong);
                mode_text(v, w, r++, ix, wrong ? ROLE_NEG : ROLE_POS, buf);
            }
        }
        if (cls && s->data.n_test > 0 && isfinite(met.test_acc) &&
            r < y + 1 + map_h) {
            snprintf(buf, sizeof buf, "test acc %.0f%%", 100 * met.test_acc);
            mode_text(v, w, r++, ix, ROLE_NORMAL, buf);
        }
        if (r < y + 1 + map_h) {
            snprintf(buf, sizeof buf, "lr %s", lr);
            mode_text(v, w, r++, ix, ROLE_DIM, buf);
        }
        if (r < y + 1 + map_h && s->cfg.model == MODEL_MLP) {
            snprintf(buf, sizeof buf, "%s %s", loss_name(s->cfg.loss),
                     opt_name(s->cfg.optimizer));
            mode_text(v, w, r++, ix, ROLE_DIM, buf);
        }
        if (r < y + 1 + map_h && s->status == SESSION_DIVERGED) {
            snprintf(buf, sizeof buf, "at epoch %ld", s->diverged_epoch);
            mode_text(v, w, r++, ix, ROLE_BAD, buf);
        }
    }
    mode_map_draw(v, w, m, s, y + 1, x, map_h, map_w);
    /* the loss curve */
    int ly = y + 1 + map_h, lh = h - 1 - map_h;
    if (lh >= 3) {
        mode_curve cv = {s->hist_train, s->hist_len, -1, tag == 'A' ? 'a' : 'b',
                         false, s->diverged_epoch > 0 ? s->diverged_epoch : 0};
        mode_plot_curves(v, w, ly, x, lh, wd, &cv, 1, v->log_loss);
    }
}

static void cmp_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    cmp_state *c = cmp_get(v);
    char title[200];
    if (!c || !c->have_right) {
        style_rule(w, &v->st, 0, 0, wd, "Compare", true);
        mode_text(v, w, 2, 1, ROLE_BAD, "nothing to compare");
        return;
    }
    snprintf(title, sizeof title, "Compare: %s on %s, the same keys step both",
             cmp_pair_names[c->pairing], v->s->data.name);
    style_rule(w, &v->st, 0, 0, wd, title, true);
    int half = (wd - 1) / 2;
    int body = h - 1;
    session_metrics ml = view_metrics(v);
    session_metrics mr = mode_metrics_get(&c->met_r, &c->right, v->playing);
    cmp_draw_side(v, w, v->s, &c->map_l, ml, 'A', 1, 1, body, half - 1);
    style_vrule(w, &v->st, 1, half, body);
    cmp_draw_side(v, w, &c->right, &c->map_r, mr, 'B', 1, half + 2, body,
                  wd - half - 2);
}

const session *mode_compare_right(const tui_view *v)
{
    const cmp_state *c = v->mode == MODE_COMPARE ? v->mode_state[MODE_COMPARE] : NULL;
    return c && c->have_right ? &c->right : NULL;
}

const char *mode_compare_pairing(const tui_view *v)
{
    const cmp_state *c = v->mode == MODE_COMPARE ? v->mode_state[MODE_COMPARE] : NULL;
    return c ? cmp_pair_names[c->pairing] : NULL;
}

static const key_binding cmp_keys[] = {
    {KEY_LEFT, ACTION_PAIR_PREV},
    {KEY_RIGHT, ACTION_PAIR_NEXT},
    {0, ACTION_NONE},
};

const view_mode_ops mode_compare_ops = {
    .name = "compare",
    .title = "Compare",
    .state_size = sizeof(cmp_state),
    .open = cmp_open,
    .close = cmp_close,
    .draw = cmp_draw,
    .keys = cmp_keys,
    .handle_action = cmp_handle_action,
    .sync = cmp_sync,
    .tick = cmp_tick,
    .about = "space n p r R + -: both sides",
};
