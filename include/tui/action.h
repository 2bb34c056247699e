/* action.h - every action a user can ask of the screen, named once. A key
 * table is a list of {key, action} pairs: one global table (keys.c) and one
 * small table per view (its ops) and per overlay. The dispatcher, the help
 * overlay, the hint line and the README's key table are all made from the
 * action list and the tables; a view receives actions, never key codes.
 *
 * A row: X(ID, "name", "help text", "hint word", hint rank, pair)
 *   name   what `mlpviz --keys` prints, stable ("train-epoch");
 *   help   one line of the help overlay, at most 29 columns (two columns of
 *          help fit at 80x24);
 *   hint   the word of the hint line ("epoch": "space epoch"), NULL: none;
 *   rank   order in the hint line, lower first (0 with no hint);
 *   pair   0, or the separator ('/' or ' ') that joins this action's key
 *          and the next row's key under one hint ("+/- lr", "[ ] layers").
 */
#ifndef MLPVIZ_TUI_ACTION_H
#define MLPVIZ_TUI_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/mode.h"

#define ACTION_LIST(X)                                                         \
    X(NONE, "none", "", NULL, 0, 0)                                            \
    /* training */                                                             \
    X(TRAIN_EPOCH, "train-epoch", "train one epoch", "epoch", 1, 0)            \
    X(TRAIN_STEP, "train-step", "one sample or one batch (MLP)", "step", 3, 0) \
    X(TRAIN_PHASE, "train-phase", "one phase: fwd/loss/back/upd", "phase", 34, \
      0)                                                                       \
    X(PLAY, "play", "play / pause training", "play", 2, 0)                     \
    X(STOP_AT_VERDICT, "stop-at-verdict", "play stops when done: on/off",      \
      "stop", 53, 0)                                                           \
    X(SLOWER, "slower", "play slower", "speed", 30, ' ')                       \
    X(FASTER, "faster", "play faster", NULL, 0, 0)                             \
    X(RESET, "reset", "new seed, new initial weights", "reset", 10, 0)         \
    X(REPLAY, "replay", "replay same initial weights", "replay", 31, 0)        \
    X(LR_UP, "lr-up", "learning rate up the ladder", "lr", 4, '/')             \
    X(LR_DOWN, "lr-down", "learning rate down the ladder", NULL, 0, 0)         \
    /* settings */                                                             \
    X(ACT_NEXT, "act-next", "next hidden activation", "act", 5, '/')           \
    X(ACT_PREV, "act-prev", "previous hidden activation", NULL, 0, 0)          \
    X(OUTPUT_NEXT, "output", "next output activation", "out", 20, 0)           \
    X(LOSS_NEXT, "loss", "next loss that fits the data", "loss", 21, 0)        \
    X(OPTIMIZER_NEXT, "optimizer", "sgd / momentum / adam", "opt", 22, 0)      \
    X(DATA_NEXT, "data-next", "next built-in dataset", "data", 6, '/')         \
    X(DATA_PREV, "data-prev", "previous built-in dataset", NULL, 0, 0)         \
    X(MODEL, "model", "perceptron <-> MLP", "model", 7, 0)                     \
    X(LAYER_REMOVE, "layer-remove", "remove a hidden layer", "layers", 23,     \
      ' ')                                                                     \
    X(LAYER_ADD, "layer-add", "add a hidden layer", NULL, 0, 0)                \
    X(NEURON_REMOVE, "neuron-remove", "remove a neuron (sel. layer)",          \
      "neurons", 24, ' ')                                                      \
    X(NEURON_ADD, "neuron-add", "add a neuron (sel. layer)", NULL, 0, 0)       \
    /* focus, selection, toggles */                                            \
    X(FOCUS_NEXT, "focus-next", "next panel (Shift-Tab: back)", "focus", 25,   \
      0)                                                                       \
    X(FOCUS_PREV, "focus-prev", "previous panel", NULL, 0, 0)                  \
    X(MOVE_UP, "move-up", "move selection or map cursor", NULL, 0, 0)          \
    X(MOVE_DOWN, "move-down", "move selection or map cursor", NULL, 0, 0)      \
    X(MOVE_LEFT, "move-left", "move selection or map cursor", NULL, 0, 0)      \
    X(MOVE_RIGHT, "move-right", "move selection or map cursor", NULL, 0, 0)    \
    X(TEST_POINTS, "test-points", "show / hide the test points", "test", 26,   \
      0)                                                                       \
    X(DISCRETE, "discretise", "discretise the map", "discrete", 27, 0)         \
    X(LOG_LOSS, "log-loss", "loss curve: linear / log", "log", 28, 0)          \
    X(SMOOTH_LOSS, "smooth-loss", "loss: smoothed line on / off", "smooth",   \
      53, 0)                                                                   \
    X(MAP_X_NEXT, "map-x-next", "map across: next feature", "map axes", 54,   \
      '/')                                                                     \
    X(MAP_Y_NEXT, "map-y-next", "map up: next feature", NULL, 0, 0)           \
    /* the data and the training set-up, as a playground's sliders */         \
    X(NOISE, "noise", "noise of the points: next", "noise", 37, 0)             \
    X(RESAMPLE, "resample", "a new sample of the points", "sample", 38, 0)     \
    X(TEST_SHARE, "test-share", "test share: 0 10 20 30 50%", "test%", 39, 0)  \
    X(BATCH, "batch", "batch size: 1 10 32 full", "batch", 48, 0)              \
    X(PENALTY, "penalty", "regularisation: none L1 L2", "penalty", 49, 0)      \
    X(PENALTY_DOWN, "penalty-down", "regularisation rate down", "rate", 50,    \
      ' ')                                                                     \
    X(PENALTY_UP, "penalty-up", "regularisation rate up", NULL, 0, 0)          \
    X(FEATURE_1, "feature-x1sq", "input x1^2 on / off", "features", 51, ' ')   \
    X(FEATURE_2, "feature-x2sq", "input x2^2 on / off", NULL, 0, ' ')          \
    X(FEATURE_3, "feature-x1x2", "input x1*x2 on / off", NULL, 0, ' ')         \
    X(FEATURE_4, "feature-sin1", "input sin(x1) on / off", NULL, 0, ' ')       \
    X(FEATURE_5, "feature-sin2", "input sin(x2) on / off", NULL, 0, 0)         \
    X(TASK, "task", "classification <-> regression", "task", 52, 0)            \
    /* points */                                                               \
    X(ADD_POINT_0, "add-point-0", "add a class-0 point at cursor", "add", 32,  \
      '/')                                                                     \
    X(ADD_POINT_1, "add-point-1", "add a class-1 point at cursor", NULL, 0, 0) \
    X(REMOVE_POINT, "remove-point", "remove the nearest point", "remove", 33,  \
      0)                                                                       \
    X(MOUSE, "mouse", "map: left class 0, right 1", NULL, 0, 0)                \
    /* weights, files, lessons */                                              \
    X(EDIT_WEIGHT, "edit-weight", "edit the selected weight", "edit", 35, 0)   \
    X(LESSONS, "lessons", "lesson menu", "lessons", 12, 0)                     \
    X(LESSON_NEXT, "lesson-next", "lesson: next scene", NULL, 0, 0)            \
    X(LESSON_BACK, "lesson-back", "lesson: previous scene", NULL, 0, 0)        \
    X(SAVE, "save", "save the model to a file", "save", 29, 0)                 \
    X(SAVE_SCENE, "save-scene", "save the whole scene (JSON)", "scene", 36, 0) \
    X(HELP, "help", "this help", "help", 8, 0)                                 \
    X(CLOSE, "close", "close a view, help, message", NULL, 0, 0)               \
    X(QUIT, "quit", "quit", "quit", 9, 0)                                      \
    /* overlays: the help's pages, the lesson menu */                          \
    X(PAGE_NEXT, "page-next", "next page", "page", 3, 0)                         \
    X(PAGE_ON, "page-on", "next page; closes on the last", NULL, 0, 0)      \
    X(PAGE_PREV, "page-prev", "previous page", NULL, 0, 0)                     \
    X(MENU_UP, "menu-up", "previous lesson", NULL, 0, 0)                       \
    X(MENU_DOWN, "menu-down", "next lesson", NULL, 0, 0)                       \
    X(MENU_OPEN, "menu-open", "open the lesson", NULL, 0, 0)                   \
    X(MENU_PICK_1, "menu-1", "lesson 1", NULL, 0, 0)                           \
    X(MENU_PICK_2, "menu-2", "lesson 2", NULL, 0, 0)                           \
    X(MENU_PICK_3, "menu-3", "lesson 3", NULL, 0, 0)                           \
    X(MENU_PICK_4, "menu-4", "lesson 4", NULL, 0, 0)                           \
    X(MENU_PICK_5, "menu-5", "lesson 5", NULL, 0, 0)                           \
    X(MENU_PICK_6, "menu-6", "lesson 6", NULL, 0, 0)                           \
    X(MENU_PICK_7, "menu-7", "lesson 7", NULL, 0, 0)                           \
    X(MENU_PICK_8, "menu-8", "lesson 8", NULL, 0, 0)                           \
    X(MENU_PICK_9, "menu-9", "lesson 9", NULL, 0, 0)                           \
    /* the views' own actions */                                               \
    X(PAIR_PREV, "pairing-prev", "previous pairing", "pairing", 1, ' ')        \
    X(PAIR_NEXT, "pairing-next", "next pair: model, rate, act", NULL, 0,   \
      0)                                                                       \
    X(RATES_DOWN, "rates-down", "every rate a rung down", "rates", 1, '/')     \
    X(RATES_UP, "rates-up", "every rate a rung up", NULL, 0, 0)                \
    X(SPACING, "spacing", "rates a decade / a rung apart", "spacing", 2, 0)    \
    X(AXIS_A_PREV, "axis-a-prev", "first axis: previous weight", "axes", 1,    \
      ' ')                                                                     \
    X(AXIS_A_NEXT, "axis-a-next", "first axis: next weight", NULL, 0, ' ')       \
    X(AXIS_B_PREV, "axis-b-prev", "second axis: previous", NULL, 0, ' ')         \
    X(AXIS_B_NEXT, "axis-b-next", "second axis: next parameter", NULL, 0, 0)   \
    X(ZOOM_OUT, "zoom-out", "zoom out", "zoom", 2, ' ')                        \
    X(ZOOM_IN, "zoom-in", "zoom in", NULL, 0, 0)                               \
    X(UNIT_X_PREV, "unit-x-prev", "across: previous unit", "units", 1, ' ')    \
    X(UNIT_X_NEXT, "unit-x-next", "across: next unit", NULL, 0, ' ')             \
    X(UNIT_Y_PREV, "unit-y-prev", "up: previous unit", NULL, 0, ' ')             \
    X(UNIT_Y_NEXT, "unit-y-next", "up: next unit", NULL, 0, 0)                 \
    X(LAYER_PREV, "layer-prev", "previous hidden layer", "layer", 2, ' ')      \
    X(LAYER_NEXT, "layer-next", "next hidden layer", NULL, 0, 0)               \
    X(CHOOSE_PREV, "choose-prev", "previous activation", "choose", 1, ' ')     \
    X(CHOOSE_NEXT, "choose-next", "next activation", NULL, 0, ' ')               \
    X(CHOOSE_UP, "choose-up", "activation above", NULL, 0, ' ')                  \
    X(CHOOSE_DOWN, "choose-down", "activation below", NULL, 0, 0)              \
    X(APPLY, "apply", "use it in the hidden layers", "use", 2, 0)                \
    X(ROW_OR_MEAN, "row-or-mean", "one row / the batch mean", "mean/row", 3,   \
      0)                                                                       \
    X(ROW_PREV, "row-prev", "the previous row of the batch", "rows", 4, ' ')   \
    X(ROW_NEXT, "row-next", "the next row of the batch", NULL, 0, 0)

/* One action per list row, then one per view (opening it) from the view
 * list in mode.h. */
typedef enum {
#define ACTION_ENUM(id, name, help, hint, rank, pair) ACTION_##id,
    ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
#define ACTION_VIEW_ENUM(id, name, key, hint, rank, help) ACTION_VIEW_##id,
    VIEW_LIST(ACTION_VIEW_ENUM)
#undef ACTION_VIEW_ENUM
    ACTION_COUNT
} tui_action;

/* A key and the action it asks for. Tables end with {0, ACTION_NONE}. */
typedef struct key_binding {
    int key;
    int action; /* a tui_action */
} key_binding;

#define KEY_ESC 27

const char *action_name(tui_action a);
const char *action_help(tui_action a);
/* The view an action opens, or MODE_MAIN when it opens none. */
view_mode action_view(tui_action a);

/* The action of key in a table, or ACTION_NONE. */
tui_action keymap_find(const key_binding *t, int key);
/* The first key of action a in a table, or -1. */
int keymap_key_of(const key_binding *t, tui_action a);
/* How a key is written: "space", "Tab", "Enter", "PgDn", "F1", "+". */
const char *key_label(int key, char *buf, size_t len);
/* Every key of action a in table t, as the help writes them ("b F2",
 * "arrows" for the four arrow keys of one action group), into buf. */
void keymap_labels(const key_binding *t, tui_action a, char *buf, size_t len);

/* One line of help: the keys ("b F2"; "arrows" for the four arrow keys)
 * and the text. */
typedef struct {
    char keys[32];
    const char *help;
} keymap_line;
/* The help lines of table t in its order, one per help text (actions that
 * share one, like the four arrows, share a line); returns how many. */
int keymap_help_lines(const key_binding *t, keymap_line *out, int cap);

/* Appends the hints of a table's actions to the hint line (in rank order,
 * or in the table's order: a view's table), two spaces apart, each only if
 * it fits in width and is not there yet. */
void hint_add_table(char *buf, size_t len, size_t *at, int width,
                    const key_binding *t, bool by_rank);
/* Appends one "key words" hint the same way. */
void hint_add(char *buf, size_t len, size_t *at, int width, const char *h);

#endif
