/* keys.c - the key table of the screen and the handler of each action.
 * Every key is named once here, with its action name and help text; the
 * dispatcher, the hint line and the help overlay are made from the table.
 * Handlers turn keys into session commands and view changes; they draw
 * nothing themselves. */
#include "tui/keys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/panel.h"

static const double keys_ladder[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03,
                                     0.1,     0.3,    1,     3,     10};
#define KEYS_LADDER_N ((int)(sizeof keys_ladder / sizeof keys_ladder[0]))

double keys_lr_ladder(double lr, int dir)
{
    /* the next rung strictly above (or below) lr, with a little slack so
     * that a value already on the ladder moves one rung */
    if (dir > 0) {
        for (int i = 0; i < KEYS_LADDER_N; i++)
            if (keys_ladder[i] > lr * (1 + 1e-9))
                return keys_ladder[i];
        return keys_ladder[KEYS_LADDER_N - 1];
    }
    for (int i = KEYS_LADDER_N - 1; i >= 0; i--)
        if (keys_ladder[i] < lr * (1 - 1e-9))
            return keys_ladder[i];
    return keys_ladder[0];
}

/* Runs a session command: clears the session's message first so that
 * whatever it says afterwards is new. */
#define KEYS_RUN(v, call)                                                      \
    do {                                                                       \
        (v)->s->message[0] = '\0';                                             \
        view_after_command((v), (call));                                       \
    } while (0)

static bool keys_mlp_only(tui_view *v, const char *what)
{
    if (v->s->cfg.model == MODEL_MLP)
        return true;
    view_say(v, true, "the perceptron has no %s: press m for the MLP", what);
    return false;
}

/* ---- training ---- */

static void k_epoch(tui_view *v, int key)
{
    (void)key;
    KEYS_RUN(v, session_step_epoch(v->s));
}

static void k_step(tui_view *v, int key)
{
    (void)key;
    KEYS_RUN(v, session_step_batch(v->s));
    if (v->s->last.row >= 0 && v->s->last.row < ds_rows(&v->s->data))
        v->sample = v->s->last.row;
}

static void k_play(tui_view *v, int key)
{
    (void)key;
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

static void k_speed(tui_view *v, int key)
{
    int n = view_speed_count();
    /* the last speed is "max": faster goes up to it, slower down from it */
    if (key == '.')
        v->speed = v->speed < n - 1 ? v->speed + 1 : n - 1;
    else
        v->speed = v->speed > 0 ? v->speed - 1 : 0;
    v->owed = 0;
    view_say(v, false, "play speed %s%s", view_speed_label(v),
             view_speed(v) > 0 ? " epochs" : "");
}

static void k_reset(tui_view *v, int key)
{
    (void)key;
    uint64_t seed = v->s->cfg.seed + 1;
    KEYS_RUN(v, session_reset(v->s, seed));
    view_say(v, false, "new initial weights from seed %llu",
             (unsigned long long)v->s->cfg.seed);
}

static void k_replay(tui_view *v, int key)
{
    (void)key;
    KEYS_RUN(v, session_replay(v->s));
    view_say(v, false, "back to the same initial weights (seed %llu)",
             (unsigned long long)v->s->cfg.seed);
}

static void k_lr(tui_view *v, int key)
{
    int dir = key == '-' || key == '_' ? -1 : 1;
    KEYS_RUN(v, session_set_lr(v->s, keys_lr_ladder(v->s->cfg.lr, dir)));
}

/* ---- settings ---- */

static void k_hidden_act(tui_view *v, int key)
{
    if (!keys_mlp_only(v, "hidden layer"))
        return;
    if (v->s->cfg.n_hidden == 0) {
        view_say(v, true, "no hidden layer: press ] to add one");
        return;
    }
    int n = ACT_ELEMENTWISE_COUNT;
    int d = key == 'A' ? n - 1 : 1;
    act_kind k = (act_kind)(((int)v->s->cfg.hidden_act + d) % n);
    KEYS_RUN(v, session_set_hidden_act(v->s, k));
}

static void k_output_act(tui_view *v, int key)
{
    (void)key;
    if (!keys_mlp_only(v, "output choice (its output is a step)"))
        return;
    /* the next output activation that fits the data */
    char first[SESSION_MESSAGE_MAX] = "";
    int cur = (int)v->s->cfg.output_act;
    for (int t = 1; t < ACT_COUNT; t++) {
        act_kind k = (act_kind)((cur + t) % ACT_COUNT);
        v->s->message[0] = '\0';
        if (session_set_output_act(v->s, k) == 0) {
            view_after_command(v, 0);
            return;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s", v->s->message);
    }
    view_say(v, true, "%s", first[0] ? first : "no other output fits this data");
}

static void k_loss(tui_view *v, int key)
{
    (void)key;
    if (!keys_mlp_only(v, "loss choice (it learns by its own rule)"))
        return;
    char first[SESSION_MESSAGE_MAX] = "";
    int cur = (int)v->s->cfg.loss;
    for (int t = 1; t < LOSS_COUNT; t++) {
        loss_kind k = (loss_kind)((cur + t) % LOSS_COUNT);
        v->s->message[0] = '\0';
        if (session_set_loss(v->s, k) == 0) {
            view_after_command(v, 0);
            return;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s", v->s->message);
    }
    view_say(v, true, "%s", first[0] ? first : "no other loss fits this data");
}

static void k_optimizer(tui_view *v, int key)
{
    (void)key;
    if (!keys_mlp_only(v, "optimizer (it learns by its own rule)"))
        return;
    opt_kind k = (opt_kind)(((int)v->s->cfg.optimizer + 1) % OPT_COUNT);
    KEYS_RUN(v, session_set_optimizer(v->s, k));
}

static void k_dataset(tui_view *v, int key)
{
    int n = ds_builtin_count();
    if (n <= 0)
        return;
    int i = v->dataset_index;
    if (key == 'D')
        i = i < 0 ? n - 1 : (i - 1 + n) % n;
    else
        i = i < 0 ? 0 : (i + 1) % n;
    ds_gen_options g;
    if (v->opt)
        g = v->opt->gen;
    else
        ds_gen_options_default(&g);
    ds_dataset d;
    if (ds_builtin(&d, ds_builtin_name(i), &g) < 0) {
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

static void k_model(tui_view *v, int key)
{
    (void)key;
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

static void k_layers(tui_view *v, int key)
{
    if (!keys_mlp_only(v, "hidden layers"))
        return;
    const session_config *c = &v->s->cfg;
    int n = c->n_hidden;
    int sizes[NET_MAX_LAYERS];
    for (int l = 0; l < n; l++)
        sizes[l] = c->hidden[l];
    int h = keys_selected_hidden(v);
    if (key == '[') {
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

static void k_neurons(tui_view *v, int key)
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
    if (key == '{') {
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

static void k_focus(tui_view *v, int key)
{
    int d = key == KEY_BTAB ? PANEL_COUNT - 1 : 1;
    v->focus = (v->focus + d) % PANEL_COUNT;
}

static void k_arrow(tui_view *v, int key)
{
    panel *p = &v->panels[v->focus];
    if (p->visible && p->ops->handle_key)
        p->ops->handle_key(v, p, key);
}

static void k_test(tui_view *v, int key)
{
    (void)key;
    v->show_test = !v->show_test;
    if (v->show_test && v->s->data.n_test == 0)
        view_say(v, false, "this dataset has no test points");
    else
        view_say(v, false, "test points %s", v->show_test ? "shown" : "hidden");
}

static void k_discrete(tui_view *v, int key)
{
    (void)key;
    v->discrete = !v->discrete;
}

static void k_log(tui_view *v, int key)
{
    (void)key;
    v->log_loss = !v->log_loss;
}

/* ---- points ---- */

static void k_add_point(tui_view *v, int key)
{
    if (v->focus != PANEL_MAP) {
        v->focus = PANEL_MAP;
        view_say(v, false, "map cursor: arrows move it, 0 / 1 add a point, x "
                           "removes the nearest");
        return;
    }
    int rc = panel_map_add_point(v, v->cur_x, v->cur_y, key == '1' ? 1 : 0);
    view_after_command(v, rc);
}

static void k_remove_point(tui_view *v, int key)
{
    (void)key;
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

static void k_mouse(tui_view *v, int key)
{
    (void)key;
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
        view_after_command(v, panel_map_add_point(v, cx, cy, c));
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

/* The mode each view key opens (and, pressed again, closes). */
static view_mode keys_mode_of(int key)
{
    switch (key) {
    case 'u':
        return MODE_UPDATE;
    case 'i':
        return MODE_INSPECTOR;
    case 'v':
        return MODE_GALLERY;
    case 'c':
        return MODE_COMPARE;
    case 'w':
        return MODE_SWEEP;
    case 'y':
        return MODE_LANDSCAPE;
    case 'h':
        return MODE_HIDDEN;
    case 'M':
        return MODE_METRICS;
    default:
        return MODE_MAIN;
    }
}

static void k_mode(tui_view *v, int key)
{
    view_mode m = keys_mode_of(key);
    if (v->mode == m)
        m = MODE_MAIN;
    view_set_mode(v, m);
}

static const char *const keys_phase_done[] = {
    [SESSION_PHASE_READY] = "update done: the weights moved (next: forward)",
    [SESSION_PHASE_FORWARD] = "forward done: z and a of every layer (next: loss)",
    [SESSION_PHASE_LOSS] = "loss done (next: backward)",
    [SESSION_PHASE_BACKWARD] = "backward done: every gradient (next: update)",
};

static void k_phase(tui_view *v, int key)
{
    (void)key;
    session *s = v->s;
    s->message[0] = '\0';
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

static void k_edit(tui_view *v, int key)
{
    (void)key;
    int l, j, i;
    view_selected_weight(v, &l, &j, &i);
    const net_layer *L = &v->s->net.layer[l];
    double w = i == L->n_in ? L->b[j] : L->w[(size_t)j * L->n_in + i];
    keys_exact(v->prompt, sizeof v->prompt, w);
    v->prompt_len = (int)strlen(v->prompt);
    view_select_weight(v, l, j, i);
    v->prompt_sel = v->sel;
    v->prompt_kind = PROMPT_EDIT_WEIGHT;
    v->overlay = OVERLAY_PROMPT;
}

static void k_save_scene(tui_view *v, int key)
{
    (void)key;
    snprintf(v->prompt, sizeof v->prompt, "scene.json");
    v->prompt_len = (int)strlen(v->prompt);
    v->prompt_kind = PROMPT_SAVE_SCENE;
    v->overlay = OVERLAY_PROMPT;
}

static void k_lessons(tui_view *v, int key)
{
    (void)key;
    v->overlay = OVERLAY_LESSONS;
    v->menu_cursor = 0;
    if (v->lesson)
        for (int i = 0; i < lesson_count(); i++)
            if (lesson_get(i) == v->lesson)
                v->menu_cursor = i;
}

static void k_lesson_move(tui_view *v, int key)
{
    int dir = key == '\r' || key == '\n' || key == KEY_ENTER ? 1 : -1;
    if (!v->lesson) {
        view_say(v, false, "no lesson is open: b opens the lesson menu");
        return;
    }
    if (!lesson_bar_can_move(v, dir)) {
        view_say(v, false, dir > 0 ? "the last scene of the lesson: b for "
                                     "another lesson"
                                   : "the first scene of the lesson");
        return;
    }
    lesson_bar_goto(v, v->lesson, v->lesson_scene + dir);
}

/* ---- overlays and quitting ---- */

static void k_save(tui_view *v, int key)
{
    (void)key;
    const char *def = v->opt && v->opt->save_path ? v->opt->save_path : "model.json";
    snprintf(v->prompt, sizeof v->prompt, "%s", def);
    v->prompt_len = (int)strlen(v->prompt);
    v->prompt_kind = PROMPT_SAVE_MODEL;
    v->overlay = OVERLAY_PROMPT;
}

static void k_help(tui_view *v, int key)
{
    (void)key;
    v->overlay = v->overlay == OVERLAY_HELP ? OVERLAY_NONE : OVERLAY_HELP;
    v->help_page = 0;
}

static void k_escape(tui_view *v, int key)
{
    (void)key;
    v->overlay = OVERLAY_NONE;
    v->message[0] = '\0';
    if (v->mode != MODE_MAIN)
        view_set_mode(v, MODE_MAIN);
}

static void k_quit(tui_view *v, int key)
{
    (void)key;
    v->quit = true;
    v->exit_status = 0;
}

#define KEY_ESC 27

/* The key table. Help texts stay within 29 columns so that two columns of
 * help fit at 80x24. */
static const keys_binding keys_bindings[] = {
    {' ', "space", "train-epoch", "train one epoch", "space epoch", 1, k_epoch},
    {'n', "n", "train-step", "one sample or one batch (MLP)", "n step", 3,
     k_step},
    {'p', "p", "play", "play / pause training", "p play", 2, k_play},
    {',', ",", "slower", "play slower", ", . speed", 30, k_speed},
    {'.', ".", "faster", "play faster", NULL, 0, k_speed},
    {'r', "r", "reset", "new seed, new initial weights", "r reset", 10, k_reset},
    {'R', "R", "replay", "replay same initial weights", "R replay", 31, k_replay},
    {'+', "+", "lr-up", "learning rate up the ladder", "+/- lr", 4, k_lr},
    {'=', NULL, "lr-up", "learning rate up the ladder", NULL, 0, k_lr},
    {'-', "-", "lr-down", "learning rate down the ladder", NULL, 0, k_lr},
    {'a', "a", "act-next", "next hidden activation", "a/A act", 5, k_hidden_act},
    {'A', "A", "act-prev", "previous hidden activation", NULL, 0, k_hidden_act},
    {'o', "o", "output", "next output activation", "o out", 20, k_output_act},
    {'l', "l", "loss", "next loss that fits the data", "l loss", 21, k_loss},
    {'g', "g", "optimizer", "sgd / momentum / adam", "g opt", 22, k_optimizer},
    {'d', "d", "data-next", "next built-in dataset", "d/D data", 6, k_dataset},
    {'D', "D", "data-prev", "previous built-in dataset", NULL, 0, k_dataset},
    {'m', "m", "model", "perceptron <-> MLP", "m model", 7, k_model},
    {'[', "[", "layer-remove", "remove a hidden layer", "[ ] layers", 23,
     k_layers},
    {']', "]", "layer-add", "add a hidden layer", NULL, 0, k_layers},
    {'{', "{", "neuron-remove", "remove a neuron (sel. layer)", "{ } neurons",
     24, k_neurons},
    {'}', "}", "neuron-add", "add a neuron (sel. layer)", NULL, 0, k_neurons},
    {'\t', "Tab", "focus-next", "next panel (Shift-Tab: back)", "Tab focus", 25,
     k_focus},
    {KEY_BTAB, NULL, "focus-prev", "previous panel", NULL, 0, k_focus},
    {KEY_UP, "arrows", "move", "move selection or map cursor", NULL, 0, k_arrow},
    {KEY_DOWN, NULL, "move", "", NULL, 0, k_arrow},
    {KEY_LEFT, NULL, "move", "", NULL, 0, k_arrow},
    {KEY_RIGHT, NULL, "move", "", NULL, 0, k_arrow},
    {'t', "t", "test-points", "show / hide the test points", "t test", 26,
     k_test},
    {'z', "z", "discretise", "discretise the map", "z discrete", 27, k_discrete},
    {'L', "L", "log-loss", "loss curve: linear / log", "L log", 28, k_log},
    {'1', "1", "add-point-1", "add a class-1 point at cursor", "0/1 add", 32,
     k_add_point},
    {'0', "0", "add-point-0", "add a class-0 point at cursor", NULL, 0,
     k_add_point},
    {'x', "x", "remove-point", "remove the nearest point", "x remove", 33,
     k_remove_point},
    {KEY_MOUSE, "click", "mouse", "map: left class 0, right 1", NULL, 0, k_mouse},
    {'f', "f", "train-phase", "one phase: fwd/loss/back/upd", "f phase", 34,
     k_phase},
    {'e', "e", "edit-weight", "edit the selected weight", "e edit", 35, k_edit},
    {'u', "u", "view-update", "view: the update just made", "u update", 40,
     k_mode},
    {'i', "i", "view-inspector", "view: chain rule of a weight", "i chain", 41,
     k_mode},
    {'v', "v", "view-gallery", "view: activation gallery", "v gallery", 42,
     k_mode},
    {'c', "c", "view-compare", "view: two sessions compared", "c compare", 43,
     k_mode},
    {'w', "w", "view-sweep", "view: learning-rate sweep", "w sweep", 44, k_mode},
    {'y', "y", "view-landscape", "view: loss landscape", "y landscape", 45,
     k_mode},
    {'h', "h", "view-hidden", "view: hidden-unit space", "h hidden", 46, k_mode},
    {'M', "M", "view-metrics", "view: accuracy, confusion", "M metrics", 47,
     k_mode},
    {'b', "b", "lessons", "lesson menu (F2 too)", "b lessons", 12, k_lessons},
    {KEY_F(2), NULL, "lessons", "lesson menu", NULL, 0, k_lessons},
    {'\r', "Enter", "lesson-next", "lesson: next scene", NULL, 0, k_lesson_move},
    {'\n', NULL, "lesson-next", "lesson: next scene", NULL, 0, k_lesson_move},
    {KEY_ENTER, NULL, "lesson-next", "lesson: next scene", NULL, 0,
     k_lesson_move},
    {KEY_BACKSPACE, "Bksp", "lesson-back", "lesson: previous scene", NULL, 0,
     k_lesson_move},
    {127, NULL, "lesson-back", "lesson: previous scene", NULL, 0, k_lesson_move},
    {8, NULL, "lesson-back", "lesson: previous scene", NULL, 0, k_lesson_move},
    {'s', "s", "save", "save the model to a file", "s save", 29, k_save},
    {'S', "S", "save-scene", "save the whole scene (JSON)", "S scene", 36,
     k_save_scene},
    {'?', "?", "help", "this help (F1 too)", "? help", 8, k_help},
    {KEY_F(1), NULL, "help", "this help", NULL, 0, k_help},
    {KEY_ESC, "Esc", "close", "close a view, help, message", NULL, 0, k_escape},
    {'q', "q", "quit", "quit", "q quit", 9, k_quit},
};

const keys_binding *keys_table(int *count)
{
    *count = (int)(sizeof keys_bindings / sizeof keys_bindings[0]);
    return keys_bindings;
}

bool keys_dispatch(tui_view *v, int key)
{
    int n;
    const keys_binding *t = keys_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].key == key) {
            t[i].run(v, key);
            v->dirty = true;
            return true;
        }
    return false;
}

/* Appends the hint h to buf (two spaces apart) when it fits in width. */
static void keys_hint_add(char *buf, size_t len, size_t *at, int width,
                          const char *h, size_t hl)
{
    size_t sep = *at ? 2 : 0;
    if ((int)(*at + sep + hl) > width || *at + sep + hl + 1 > len)
        return;
    /* a hint already given (a view's "n step" and the table's) once */
    for (size_t k = 0; k + hl <= *at; k++)
        if ((k == 0 || buf[k - 1] == ' ') && strncmp(buf + k, h, hl) == 0 &&
            (buf[k + hl] == '\0' || buf[k + hl] == ' '))
            return;
    snprintf(buf + *at, len - *at, "%s%.*s", sep ? "  " : "", (int)hl, h);
    *at += sep + hl;
}

/* Appends each "key words" hint of a list two spaces apart, as fits. */
static void keys_hint_list(char *buf, size_t len, size_t *at, int width,
                           const char *list)
{
    const char *p = list;
    while (p && *p) {
        const char *end = strstr(p, "  ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n)
            keys_hint_add(buf, len, at, width, p, n);
        p = end ? end + 2 : NULL;
    }
}

static void keys_hint_table(char *buf, size_t len, size_t *at, int width)
{
    int n;
    const keys_binding *t = keys_table(&n);
    int last = 0;
    for (;;) {
        /* the next hint by rank */
        int best = -1;
        for (int i = 0; i < n; i++)
            if (t[i].hint && t[i].hint_rank > last &&
                (best < 0 || t[i].hint_rank < t[best].hint_rank))
                best = i;
        if (best < 0)
            break;
        last = t[best].hint_rank;
        keys_hint_add(buf, len, at, width, t[best].hint, strlen(t[best].hint));
    }
}

void keys_hint_line(char *buf, size_t len, int width)
{
    size_t at = 0;
    buf[0] = '\0';
    keys_hint_table(buf, len, &at, width);
}

void keys_hint_line_for(const tui_view *v, char *buf, size_t len, int width)
{
    size_t at = 0;
    buf[0] = '\0';
    if (v->lesson) {
        if (lesson_bar_can_move(v, 1))
            keys_hint_list(buf, len, &at, width, "Enter next");
        if (lesson_bar_can_move(v, -1))
            keys_hint_list(buf, len, &at, width, "Bksp back");
    }
    if (v->mode != MODE_MAIN) {
        const view_mode_ops *m = view_mode_get(v->mode);
        keys_hint_list(buf, len, &at, width, m->hint);
        keys_hint_list(buf, len, &at, width, "Esc close");
    }
    keys_hint_table(buf, len, &at, width);
}

bool keys_handle(tui_view *v, int key)
{
    /* a lesson's Enter and Backspace come before the view's own keys (the
     * gallery applies its activation with Enter on a lesson's last scene) */
    bool lesson_key = key == '\r' || key == '\n' || key == KEY_ENTER ||
                      key == KEY_BACKSPACE || key == 127 || key == 8;
    int dir = key == KEY_BACKSPACE || key == 127 || key == 8 ? -1 : 1;
    if (lesson_key && lesson_bar_can_move(v, dir))
        return keys_dispatch(v, key);
    if (v->mode != MODE_MAIN) {
        const view_mode_ops *m = view_mode_get(v->mode);
        if (m->handle_key && m->handle_key(v, key)) {
            v->dirty = true;
            return true;
        }
    }
    return keys_dispatch(v, key);
}
