/* keys.c - the global key table ({key, action} pairs) and the handler of
 * each global action. Handlers turn actions into session commands and view
 * changes; they draw nothing, and what only the composition root can do
 * (open a view, go to a lesson's scene) they ask for with a request. */
#include "tui/keys.h"

#include <math.h>

#include "engine/lr_ladder.h"
#include "engine/session_fit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/panel.h"
#include "tui/playground.h"

/* Runs a session command and shows what it said (a command's message is
 * always its own: the session clears it as the command starts). */
#define KEYS_RUN(v, call) view_after_command((v), (call))

static bool keys_mlp_only(tui_view *v, const char *what)
{
    if (v->s->cfg.model == MODEL_MLP)
        return true;
    view_say(v, true, "the perceptron has no %s: press m for the MLP", what);
    return false;
}

/* ---- training ---- */

static void k_epoch(tui_view *v, tui_action a)
{
    view_after_command(v, view_session_command(v->s, a, 0));
}

static void k_step(tui_view *v, tui_action a)
{
    view_after_command(v, view_session_command(v->s, a, 0));
    if (v->s->last.row >= 0 && v->s->last.row < ds_rows(&v->s->data))
        v->sample = v->s->last.row;
}

static void k_play(tui_view *v, tui_action a)
{
    (void)a;
    if (!v->playing && v->s->status == SESSION_DIVERGED) {
        view_say(v, true, "training diverged: press - to lower the learning "
                          "rate, then r to start again");
        return;
    }
    if (!v->playing && v->s->data.n_train < 1) {
        view_say(v, true, "there are no training points to learn from");
        return;
    }
    view_set_playing(v, !v->playing);
}

static void k_stop_at_verdict(tui_view *v, tui_action a)
{
    (void)a;
    v->stop_at_verdict = !v->stop_at_verdict;
    view_say(v, false, v->stop_at_verdict
                           ? "play stops when training converges or cycles: on"
                           : "play stops when training converges or cycles: off "
                             "(it always stops on divergence)");
}

static void k_speed(tui_view *v, tui_action a)
{
    int n = view_speed_count();
    /* the last speed is "max": faster goes up to it, slower down from it */
    if (a == ACTION_FASTER)
        v->speed = v->speed < n - 1 ? v->speed + 1 : n - 1;
    else
        v->speed = v->speed > 0 ? v->speed - 1 : 0;
    v->owed = 0;
    view_say(v, false, "play speed %s%s", view_speed_label(v),
             view_speed(v) > 0 ? " epochs" : "");
}

static void k_reset(tui_view *v, tui_action a)
{
    view_after_command(v, view_session_command(v->s, a, v->s->cfg.seed + 1));
    view_say(v, false, "new initial weights from %sseed %llu",
             v->s->cfg.rng == SESSION_RNG_TORCH ? "torch " : "",
             (unsigned long long)v->s->cfg.seed);
}

static void k_replay(tui_view *v, tui_action a)
{
    view_after_command(v, view_session_command(v->s, a, 0));
    if (session_init_edited(v->s))
        view_say(v, false, "back to the initial weights: the edited ones (e)");
    else
        view_say(v, false, "back to the same initial weights (seed %llu)",
                 (unsigned long long)v->s->cfg.seed);
}

static void k_lr(tui_view *v, tui_action a)
{
    view_after_command(v, view_session_command(v->s, a, 0));
}

/* ---- settings ---- */

static void k_hidden_act(tui_view *v, tui_action a)
{
    if (!keys_mlp_only(v, "hidden layer"))
        return;
    if (v->s->cfg.n_hidden == 0) {
        view_say(v, true, "no hidden layer: press ] to add one");
        return;
    }
    int n = ACT_ELEMENTWISE_COUNT;
    int d = a == ACTION_ACT_PREV ? n - 1 : 1;
    act_kind k = (act_kind)(((int)v->s->cfg.hidden_act + d) % n);
    KEYS_RUN(v, session_set_hidden_act(v->s, k));
}

static void k_output_act(tui_view *v, tui_action a)
{
    (void)a;
    if (!keys_mlp_only(v, "output choice (its output is a step)"))
        return;
    /* the next output activation that fits the data (the engine's table) */
    char first[SESSION_MESSAGE_MAX] = "";
    ds_task task = v->s->data.task;
    int cur = (int)v->s->cfg.output_act;
    for (int t = 1; t < ACT_COUNT; t++) {
        act_kind k = (act_kind)((cur + t) % ACT_COUNT);
        if (!session_fit_output_ok(task, k)) {
            if (!first[0])
                session_fit_check(task, k, v->s->cfg.loss, first, sizeof first);
            continue;
        }
        if (session_set_output_act(v->s, k) == 0) {
            view_after_command(v, 0);
            return;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s", v->s->message);
    }
    view_say(v, true, "%s", first[0] ? first : "no other output fits this data");
}

static void k_loss(tui_view *v, tui_action a)
{
    (void)a;
    if (!keys_mlp_only(v, "loss choice (it learns by its own rule)"))
        return;
    /* the next loss that fits the data (the engine's table) */
    char first[SESSION_MESSAGE_MAX] = "";
    ds_task task = v->s->data.task;
    int cur = (int)v->s->cfg.loss;
    for (int t = 1; t < LOSS_COUNT; t++) {
        loss_kind k = (loss_kind)((cur + t) % LOSS_COUNT);
        if (!session_fit_loss_ok(task, k)) {
            if (!first[0])
                session_fit_check(task, v->s->cfg.output_act, k, first, sizeof first);
            continue;
        }
        if (session_set_loss(v->s, k) == 0) {
            view_after_command(v, 0);
            return;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s", v->s->message);
    }
    view_say(v, true, "%s", first[0] ? first : "no other loss fits this data");
}

static void k_optimizer(tui_view *v, tui_action a)
{
    (void)a;
    if (!keys_mlp_only(v, "optimizer (it learns by its own rule)"))
        return;
    opt_kind k = (opt_kind)(((int)v->s->cfg.optimizer + 1) % OPT_COUNT);
    KEYS_RUN(v, session_set_optimizer(v->s, k));
}

static void k_dataset(tui_view *v, tui_action a)
{
    int n = ds_builtin_count();
    if (n <= 0)
        return;
    int i = v->dataset_index;
    if (a == ACTION_DATA_PREV)
        i = i < 0 ? n - 1 : (i - 1 + n) % n;
    else
        i = i < 0 ? 0 : (i + 1) % n;
    ds_dataset d;
    if (ds_builtin(&d, ds_builtin_name(i), &v->gen) < 0) {
        ds_free(&d);
        view_say(v, true, "could not make the %s dataset", ds_builtin_name(i));
        return;
    }
    bool was_playing = v->playing;
    KEYS_RUN(v, session_set_data(v->s, &d));
    v->dataset_index = i;
    v->sample = 0;
    if (was_playing && v->s->status != SESSION_DIVERGED)
        view_set_playing(v, true);
}

static void k_model(tui_view *v, tui_action a)
{
    (void)a;
    session_model m = v->s->cfg.model == MODEL_MLP ? MODEL_PERCEPTRON : MODEL_MLP;
    KEYS_RUN(v, session_set_model(v->s, m));
    v->sel.col = 2 * v->s->net.n_layers;
    v->sel.node = 0;
    view_fix_selection(v);
}

/* The hidden layer the selection is in (0-based), or -1. */
static int keys_selected_hidden(const tui_view *v)
{
    const net *n = &v->s->net;
    int c = v->sel.col % 2 == 0 ? v->sel.col / 2 : (v->sel.col + 1) / 2;
    if (c >= 1 && c < n->n_layers)
        return c - 1;
    return -1;
}

static void k_layers(tui_view *v, tui_action a)
{
    if (!keys_mlp_only(v, "hidden layers"))
        return;
    const session_config *c = &v->s->cfg;
    int n = c->n_hidden;
    int sizes[NET_MAX_LAYERS];
    for (int l = 0; l < n; l++)
        sizes[l] = c->hidden[l];
    int h = keys_selected_hidden(v);
    if (a == ACTION_LAYER_REMOVE) {
        if (n == 0) {
            view_say(v, true, "there is no hidden layer to remove");
            return;
        }
        if (h < 0)
            h = n - 1;
        for (int l = h; l < n - 1; l++)
            sizes[l] = sizes[l + 1];
        KEYS_RUN(v, session_set_layers(v->s, n - 1, sizes));
        v->sel.col = h > 0 ? 2 * h : 2 * v->s->net.n_layers;
    } else {
        if (n >= NET_MAX_LAYERS - 1) {
            view_say(v, true, "at most %d hidden layers", NET_MAX_LAYERS - 1);
            return;
        }
        int at = h < 0 ? n : h + 1;
        int size = n == 0 ? 4 : sizes[h < 0 ? n - 1 : h];
        for (int l = n; l > at; l--)
            sizes[l] = sizes[l - 1];
        sizes[at] = size;
        KEYS_RUN(v, session_set_layers(v->s, n + 1, sizes));
        v->sel.col = 2 * (at + 1);
    }
    v->sel.node = 0;
    view_fix_selection(v);
}

static void k_neurons(tui_view *v, tui_action a)
{
    if (!keys_mlp_only(v, "hidden neurons"))
        return;
    const session_config *c = &v->s->cfg;
    int n = c->n_hidden;
    if (n == 0) {
        view_say(v, true, "no hidden layer: press ] to add one");
        return;
    }
    int sizes[NET_MAX_LAYERS];
    for (int l = 0; l < n; l++)
        sizes[l] = c->hidden[l];
    int h = keys_selected_hidden(v);
    if (h < 0)
        h = n - 1;
    if (a == ACTION_NEURON_REMOVE) {
        if (sizes[h] <= 1) {
            view_say(v, true, "a layer keeps at least one neuron ([ removes it)");
            return;
        }
        sizes[h]--;
    } else {
        if (sizes[h] >= NET_MAX_UNITS) {
            view_say(v, true, "at most %d neurons in a layer", NET_MAX_UNITS);
            return;
        }
        sizes[h]++;
    }
    int col = v->sel.col;
    KEYS_RUN(v, session_set_layers(v->s, n, sizes));
    v->sel.col = col;
    view_fix_selection(v);
}

/* ---- focus, selection, toggles ---- */

static void k_focus(tui_view *v, tui_action a)
{
    int d = a == ACTION_FOCUS_PREV ? PANEL_COUNT - 1 : 1;
    v->focus = (v->focus + d) % PANEL_COUNT;
}

static void k_arrow(tui_view *v, tui_action a)
{
    panel *p = &v->panels[v->focus];
    if (p->visible && p->ops->handle_action)
        p->ops->handle_action(v, p, a);
}

static void k_test(tui_view *v, tui_action a)
{
    (void)a;
    v->show_test = !v->show_test;
    if (v->show_test && v->s->data.n_test == 0)
        view_say(v, false, "this dataset has no test points");
    else
        view_say(v, false, "test points %s", v->show_test ? "shown" : "hidden");
}

static void k_discrete(tui_view *v, tui_action a)
{
    (void)a;
    v->discrete = !v->discrete;
}

static void k_log(tui_view *v, tui_action a)
{
    (void)a;
    v->log_loss = !v->log_loss;
}

static void k_smooth(tui_view *v, tui_action a)
{
    (void)a;
    bool on = !panel_loss_smoothed(v);
    v->smooth_loss = on ? 1 : -1;
    view_say(v, false, "loss curve: %s", on
                                             ? "smoothed line over the raw one"
                                             : "raw values only");
}

static void k_map_axis(tui_view *v, tui_action a)
{
    panel_map_next_axis(v, a == ACTION_MAP_Y_NEXT);
}

/* ---- points ---- */

static void k_add_point(tui_view *v, tui_action a)
{
    if (v->focus != PANEL_MAP) {
        v->focus = PANEL_MAP;
        view_say(v, false, "map cursor: arrows move it, 0 / 1 add a point, x "
                           "removes the nearest");
        return;
    }
    panel_map_add_point(v, v->cur_x, v->cur_y, a == ACTION_ADD_POINT_1 ? 1 : 0);
}

static void k_remove_point(tui_view *v, tui_action a)
{
    (void)a;
    if (v->focus != PANEL_MAP) {
        v->focus = PANEL_MAP;
        view_say(v, false, "map cursor: arrows move it, x removes the nearest "
                           "point");
        return;
    }
    int rc = panel_map_remove_nearest(v, v->cur_x, v->cur_y);
    if (rc <= 0)
        view_after_command(v, rc);
}

static void k_mouse(tui_view *v, tui_action a)
{
    (void)a;
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    if (v->mode != MODE_MAIN)
        return; /* the panels are covered: a click there means nothing */
    int cx, cy;
    if (panel_map_screen_to_cell(v, ev.y, ev.x, &cx, &cy)) {
        int c;
        if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
            c = 0;
        else if (ev.bstate & (BUTTON3_PRESSED | BUTTON3_CLICKED))
            c = 1;
        else
            return;
        v->cur_x = cx;
        v->cur_y = cy;
        panel_map_add_point(v, cx, cy, c);
        return;
    }
    /* elsewhere a click moves the focus to that panel */
    for (int i = 0; i < PANEL_COUNT; i++) {
        const panel *p = &v->panels[i];
        if (p->visible && ev.y >= p->y && ev.y < p->y + p->h && ev.x >= p->x &&
            ev.x < p->x + p->w)
            v->focus = i;
    }
}

/* ---- view modes, phases, weights, scenes, lessons ---- */

/* A view's key opens it and, pressed again, closes it. */
static void k_view(tui_view *v, tui_action a)
{
    view_mode m = action_view(a);
    view_request_mode(v, v->mode == m ? MODE_MAIN : m);
}

static const char *const keys_phase_done[] = {
    [SESSION_PHASE_READY] = "update done: the weights moved (next: forward)",
    [SESSION_PHASE_FORWARD] = "forward done: z and a of every layer (next: loss)",
    [SESSION_PHASE_LOSS] = "loss done (next: backward)",
    [SESSION_PHASE_BACKWARD] = "backward done: every gradient (next: update)",
};

static void k_phase(tui_view *v, tui_action a)
{
    (void)a;
    session *s = v->s;
    int rc = session_step_phase(s);
    view_after_command(v, rc);
    if (rc < 0)
        return;
    /* the sample shown follows a one-row batch */
    if (s->phase == SESSION_PHASE_FORWARD && s->net.batch >= 1 &&
        s->batch_rows_n == 1)
        v->sample = s->batch_rows[0];
    if (!s->message[0] && (int)s->phase >= 0 && (int)s->phase < 4)
        view_say(v, false, "%s", keys_phase_done[s->phase]);
}

/* The shortest text that reads back to x exactly. */
static void keys_exact(char *buf, size_t len, double x)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, len, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static void k_edit(tui_view *v, tui_action a)
{
    (void)a;
    int l, j, i;
    view_selected_weight(v, &l, &j, &i);
    const net_layer *L = &v->s->net.layer[l];
    double w = i == L->n_in ? L->b[j] : L->w[(size_t)j * L->n_in + i];
    keys_exact(v->prompt_default, sizeof v->prompt_default, w);
    v->prompt[0] = '\0';
    v->prompt_len = 0;
    view_select_weight(v, l, j, i);
    v->prompt_sel = v->sel;
    v->prompt_kind = PROMPT_EDIT_WEIGHT;
    v->overlay = OVERLAY_PROMPT;
}

static void k_save_scene(tui_view *v, tui_action a)
{
    (void)a;
    snprintf(v->prompt_default, sizeof v->prompt_default, "scene.json");
    v->prompt[0] = '\0';
    v->prompt_len = 0;
    v->prompt_kind = PROMPT_SAVE_SCENE;
    v->overlay = OVERLAY_PROMPT;
}

static void k_lessons(tui_view *v, tui_action a)
{
    (void)a;
    v->overlay = OVERLAY_LESSONS;
    v->menu_cursor = 0;
    if (v->lesson)
        for (int i = 0; i < lesson_count(); i++)
            if (lesson_get(i) == v->lesson)
                v->menu_cursor = i;
}

static void k_lesson_move(tui_view *v, tui_action a)
{
    int dir = a == ACTION_LESSON_NEXT ? 1 : -1;
    if (!v->lesson) {
        view_say(v, false, "no lesson is open: b opens the lesson menu");
        return;
    }
    if (!lesson_bar_can_move(v, dir)) {
        view_say(v, false, dir > 0 ? "the lesson ends here: b for another "
                                     "lesson or to leave this one"
                                   : "the first scene of the lesson");
        return;
    }
    view_request_lesson(v, v->lesson, v->lesson_scene + dir);
}

/* ---- overlays and quitting ---- */

static void k_save(tui_view *v, tui_action a)
{
    (void)a;
    const char *def = v->opt && v->opt->save_path ? v->opt->save_path : "model.json";
    snprintf(v->prompt_default, sizeof v->prompt_default, "%s", def);
    v->prompt[0] = '\0';
    v->prompt_len = 0;
    v->prompt_kind = PROMPT_SAVE_MODEL;
    v->overlay = OVERLAY_PROMPT;
}

static void k_help(tui_view *v, tui_action a)
{
    (void)a;
    v->overlay = v->overlay == OVERLAY_HELP ? OVERLAY_NONE : OVERLAY_HELP;
    v->help_page = 0;
}

static void k_escape(tui_view *v, tui_action a)
{
    (void)a;
    v->overlay = OVERLAY_NONE;
    v->message[0] = '\0';
    if (v->mode != MODE_MAIN)
        view_request_mode(v, MODE_MAIN);
}

static void k_quit(tui_view *v, tui_action a)
{
    (void)a;
    v->quit = true;
    v->exit_status = 0;
}


/* The global key table: what a key asks for when no view or overlay takes
 * it first. Order is the help's order. */
static const key_binding keys_global_table[] = {
    {' ', ACTION_TRAIN_EPOCH},
    {'n', ACTION_TRAIN_STEP},
    {'p', ACTION_PLAY},
    {'H', ACTION_STOP_AT_VERDICT},
    {',', ACTION_SLOWER},
    {'.', ACTION_FASTER},
    {'r', ACTION_RESET},
    {'R', ACTION_REPLAY},
    {'+', ACTION_LR_UP},
    {'=', ACTION_LR_UP},
    {'-', ACTION_LR_DOWN},
    {'a', ACTION_ACT_NEXT},
    {'A', ACTION_ACT_PREV},
    {'o', ACTION_OUTPUT_NEXT},
    {'l', ACTION_LOSS_NEXT},
    {'g', ACTION_OPTIMIZER_NEXT},
    {'d', ACTION_DATA_NEXT},
    {'D', ACTION_DATA_PREV},
    {'m', ACTION_MODEL},
    {'[', ACTION_LAYER_REMOVE},
    {']', ACTION_LAYER_ADD},
    {'{', ACTION_NEURON_REMOVE},
    {'}', ACTION_NEURON_ADD},
    {'\t', ACTION_FOCUS_NEXT},
    {KEY_BTAB, ACTION_FOCUS_PREV},
    {KEY_UP, ACTION_MOVE_UP},
    {KEY_DOWN, ACTION_MOVE_DOWN},
    {KEY_LEFT, ACTION_MOVE_LEFT},
    {KEY_RIGHT, ACTION_MOVE_RIGHT},
    {'t', ACTION_TEST_POINTS},
    {'z', ACTION_DISCRETE},
    {'L', ACTION_LOG_LOSS},
    {'F', ACTION_SMOOTH_LOSS},
    {'X', ACTION_MAP_X_NEXT},
    {'Y', ACTION_MAP_Y_NEXT},
    {'0', ACTION_ADD_POINT_0},
    {'1', ACTION_ADD_POINT_1},
    {'x', ACTION_REMOVE_POINT},
    {KEY_MOUSE, ACTION_MOUSE},
    {'f', ACTION_TRAIN_PHASE},
    {'e', ACTION_EDIT_WEIGHT},
    {'N', ACTION_NOISE},
    {'G', ACTION_RESAMPLE},
    {'T', ACTION_TEST_SHARE},
    {'K', ACTION_BATCH},
    {'P', ACTION_PENALTY},
    {'(', ACTION_PENALTY_DOWN},
    {')', ACTION_PENALTY_UP},
    {'!', ACTION_FEATURE_1},
    {'@', ACTION_FEATURE_2},
    {'#', ACTION_FEATURE_3},
    {'$', ACTION_FEATURE_4},
    {'%', ACTION_FEATURE_5},
    {'C', ACTION_TASK},
#define KEYS_VIEW_ROW(id, name, key, hint, rank, help) {key, ACTION_VIEW_##id},
    VIEW_LIST(KEYS_VIEW_ROW)
#undef KEYS_VIEW_ROW
    {'b', ACTION_LESSONS},
    {KEY_F(2), ACTION_LESSONS},
    {'\r', ACTION_LESSON_NEXT},
    {'\n', ACTION_LESSON_NEXT},
    {KEY_ENTER, ACTION_LESSON_NEXT},
    {KEY_BACKSPACE, ACTION_LESSON_BACK},
    {127, ACTION_LESSON_BACK},
    {8, ACTION_LESSON_BACK},
    {'s', ACTION_SAVE},
    {'S', ACTION_SAVE_SCENE},
    {'?', ACTION_HELP},
    {KEY_F(1), ACTION_HELP},
    {KEY_ESC, ACTION_CLOSE},
    {'q', ACTION_QUIT},
    {0, ACTION_NONE},
};

const key_binding *keys_global(void) { return keys_global_table; }

/* The handler of each global action; NULL: the action is a view's or an
 * overlay's own and means nothing on the main panels. */
static void (*const keys_run_table[ACTION_COUNT])(tui_view *, tui_action) = {
    [ACTION_TRAIN_EPOCH] = k_epoch,
    [ACTION_TRAIN_STEP] = k_step,
    [ACTION_TRAIN_PHASE] = k_phase,
    [ACTION_PLAY] = k_play,
    [ACTION_STOP_AT_VERDICT] = k_stop_at_verdict,
    [ACTION_SLOWER] = k_speed,
    [ACTION_FASTER] = k_speed,
    [ACTION_RESET] = k_reset,
    [ACTION_REPLAY] = k_replay,
    [ACTION_LR_UP] = k_lr,
    [ACTION_LR_DOWN] = k_lr,
    [ACTION_ACT_NEXT] = k_hidden_act,
    [ACTION_ACT_PREV] = k_hidden_act,
    [ACTION_OUTPUT_NEXT] = k_output_act,
    [ACTION_LOSS_NEXT] = k_loss,
    [ACTION_OPTIMIZER_NEXT] = k_optimizer,
    [ACTION_DATA_NEXT] = k_dataset,
    [ACTION_DATA_PREV] = k_dataset,
    [ACTION_MODEL] = k_model,
    [ACTION_LAYER_REMOVE] = k_layers,
    [ACTION_LAYER_ADD] = k_layers,
    [ACTION_NEURON_REMOVE] = k_neurons,
    [ACTION_NEURON_ADD] = k_neurons,
    [ACTION_FOCUS_NEXT] = k_focus,
    [ACTION_FOCUS_PREV] = k_focus,
    [ACTION_MOVE_UP] = k_arrow,
    [ACTION_MOVE_DOWN] = k_arrow,
    [ACTION_MOVE_LEFT] = k_arrow,
    [ACTION_MOVE_RIGHT] = k_arrow,
    [ACTION_TEST_POINTS] = k_test,
    [ACTION_DISCRETE] = k_discrete,
    [ACTION_LOG_LOSS] = k_log,
    [ACTION_SMOOTH_LOSS] = k_smooth,
    [ACTION_MAP_X_NEXT] = k_map_axis,
    [ACTION_MAP_Y_NEXT] = k_map_axis,
    [ACTION_ADD_POINT_0] = k_add_point,
    [ACTION_ADD_POINT_1] = k_add_point,
    [ACTION_REMOVE_POINT] = k_remove_point,
    [ACTION_MOUSE] = k_mouse,
    [ACTION_EDIT_WEIGHT] = k_edit,
    [ACTION_NOISE] = pg_noise,
    [ACTION_RESAMPLE] = pg_resample,
    [ACTION_TEST_SHARE] = pg_test_share,
    [ACTION_BATCH] = pg_batch,
    [ACTION_PENALTY] = pg_penalty,
    [ACTION_PENALTY_DOWN] = pg_penalty_rate,
    [ACTION_PENALTY_UP] = pg_penalty_rate,
    [ACTION_FEATURE_1] = pg_feature,
    [ACTION_FEATURE_2] = pg_feature,
    [ACTION_FEATURE_3] = pg_feature,
    [ACTION_FEATURE_4] = pg_feature,
    [ACTION_FEATURE_5] = pg_feature,
    [ACTION_TASK] = pg_task,
#define KEYS_VIEW_RUN(id, name, key, hint, rank, help) [ACTION_VIEW_##id] = k_view,
    VIEW_LIST(KEYS_VIEW_RUN)
#undef KEYS_VIEW_RUN
    [ACTION_LESSONS] = k_lessons,
    [ACTION_LESSON_NEXT] = k_lesson_move,
    [ACTION_LESSON_BACK] = k_lesson_move,
    [ACTION_SAVE] = k_save,
    [ACTION_SAVE_SCENE] = k_save_scene,
    [ACTION_HELP] = k_help,
    [ACTION_CLOSE] = k_escape,
    [ACTION_QUIT] = k_quit,
};

bool keys_run(tui_view *v, tui_action a)
{
    if ((int)a <= 0 || a >= ACTION_COUNT || !keys_run_table[a])
        return false;
    keys_run_table[a](v, a);
    v->dirty = true;
    return true;
}

void keys_hint_line(char *buf, size_t len, int width)
{
    size_t at = 0;
    buf[0] = '\0';
    hint_add_table(buf, len, &at, width, keys_global_table, true);
}

void keys_hint_line_for(const tui_view *v, char *buf, size_t len, int width)
{
    size_t at = 0;
    buf[0] = '\0';
    if (v->lesson) {
        if (lesson_bar_can_move(v, 1))
            hint_add(buf, len, &at, width, "Enter next");
        if (lesson_bar_can_move(v, -1))
            hint_add(buf, len, &at, width, "Bksp back");
    }
    if (v->mode != MODE_MAIN) {
        hint_add_table(buf, len, &at, width, view_mode_get(v->mode)->keys, false);
        hint_add(buf, len, &at, width, "Esc close");
    }
    hint_add_table(buf, len, &at, width, keys_global_table, true);
}

/* A markdown table row per help line of t. */
static void keys_markdown_table(FILE *out, const key_binding *t)
{
    keymap_line lines[128];
    int n = keymap_help_lines(t, lines, 128);
    fprintf(out, "| key | does |\n|---|---|\n");
    for (int i = 0; i < n; i++)
        fprintf(out, "| %s | %s |\n", lines[i].keys, lines[i].help);
}

void keys_write_markdown(FILE *out)
{
    fprintf(out, "Everywhere:\n\n");
    keys_markdown_table(out, keys_global());
    for (int m = 1; m < MODE_COUNT; m++) {
        const view_mode_ops *o = view_mode_get((view_mode)m);
        if (!o->keys && !o->about)
            continue;
        fprintf(out, "\nIn the %s view (%s)%s%s%s\n", o->name, o->title,
                o->about ? "; " : "", o->about ? o->about : "",
                o->keys ? ":\n" : ".");
        if (o->keys)
            keys_markdown_table(out, o->keys);
    }
}
