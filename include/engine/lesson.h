/* lesson.h - scripted lessons that follow the book: each lesson is a named
 * list of scenes, and each scene has one line of narration, the view the
 * screen should show, an optional weight to select, and up to
 * LESSON_MAX_ACTIONS actions applied to the session when the scene is
 * entered (build a session, step, train, change the learning rate...).
 * Everything goes through the public session commands, so the numbers a
 * lesson shows are the engine's own. Pure data and engine calls: no I/O.
 *
 * Scenes are deterministic: lesson_goto(l, k) builds scene 0's session and
 * replays every action up to scene k, so Enter (k + 1) and Backspace
 * (k - 1) both land on exactly the same state every time. */
#ifndef MLPVIZ_ENGINE_LESSON_H
#define MLPVIZ_ENGINE_LESSON_H

#include <stddef.h>

#include "engine/session.h"

#define LESSON_MAX_ACTIONS 3
#define LESSON_TEXT_MAX 78   /* narration fits one line of an 80-column screen */

/* The sessions a lesson can start from (see lesson_setup_build). */
typedef enum {
    LESSON_SETUP_ONE_ROW,     /* perceptron, zero weights, lr 1, the single
                                 row [1, 0] -> 0 */
    LESSON_SETUP_OR,          /* perceptron, zero weights, lr 1, OR in the
                                 book's row order [1,1] [1,0] [0,1] [0,0] */
    LESSON_SETUP_XOR_PERCEPTRON, /* perceptron, zero weights, lr 1, XOR */
    LESSON_SETUP_XOR_MLP,     /* the book's XOR network (session_config_default) */
    LESSON_SETUP_XOR_MLP_MSE, /* the same with a linear output and mse: a loss
                                 with no ceiling, so a large lr can diverge */
    LESSON_SETUP_RELU_NEURON, /* one ReLU neuron, x = 1, y = 0, w = b = 0.5,
                                 mse, sgd lr 1 (regression) */
    LESSON_SETUP_CHAIN,       /* x -> ReLU unit -> sigmoid unit, x = 1, y = 1,
                                 w1 = 0.75, b1 = 0.25, w2 = 0.5, b2 = -0.5,
                                 mse, sgd lr 1 (regression) */
    LESSON_SETUP_XOR_TORCH,   /* the book's XOR network with PyTorch's initial
                                 weights after torch.manual_seed(0) (--rng
                                 torch --seed 0) */
    LESSON_SETUP_COUNT
} lesson_setup;

typedef enum {
    LESSON_DO_BUILD,      /* replace the session by setup `n` */
    LESSON_DO_PHASE,      /* session_step_phase, n times */
    LESSON_DO_BATCH,      /* session_step_batch, n times */
    LESSON_DO_EPOCH,      /* session_step_epoch, n times */
    LESSON_DO_TRAIN,      /* session_train(n) */
    LESSON_DO_SET_LR,     /* session_set_lr(value) */
    LESSON_DO_REPLAY,     /* session_replay: back to the initial weights */
    LESSON_DO_HIDDEN_ACT  /* session_set_hidden_act((act_kind)n) */
} lesson_do;

typedef struct {
    lesson_do kind;
    long n;        /* count, setup or activation */
    double value;  /* learning rate */
} lesson_action;

/* A weight to select: unit `unit`'s input `input` of weight layer `layer`
 * (input == that layer's n_in: the bias). layer < 0: no selection.
 * The landscape view: this weight and the same unit's bias are the two
 * axes. The hidden view: the outputs of weight layer `layer` (a hidden
 * layer) are plotted, units `unit` and `input` on the two axes. The book
 * view: layer < 0 and `unit` is the page shown (lesson_page). */
typedef struct {
    int layer, unit, input;
} lesson_pick;

/* The pages of the book view (the screen's "book" view). */
typedef enum {
    LESSON_PAGE_CHAIN,   /* the book's two small chain-rule examples,
                            worked out by chain.h */
    LESSON_PAGE_SCRIPT,  /* the book's XOR script: its forward, where the
                            listing puts it, and what mlpviz computes */
    LESSON_PAGE_RUN,     /* the script's recorded PyTorch numbers (book.h)
                            beside the session's own */
    LESSON_PAGE_COUNT
} lesson_page;

typedef struct {
    const char *text;       /* one line, at most LESSON_TEXT_MAX bytes */
    /* the view the scene asks the screen for, by the name the screen's
     * views have: "main", "update", "inspector", "compare", ... */
    const char *view;
    lesson_pick pick;
    int n_actions;          /* 0 .. LESSON_MAX_ACTIONS; 0: only the view */
    lesson_action action[LESSON_MAX_ACTIONS];
} lesson_scene;

typedef struct {
    const char *name;       /* for --lesson NAME: short, lower-case */
    const char *title;      /* one line for --lesson list and the menu */
    int n_scenes;
    const lesson_scene *scenes; /* scene 0 starts with LESSON_DO_BUILD */
} lesson;

int lesson_count(void);
const lesson *lesson_get(int i);              /* NULL when out of range */
const lesson *lesson_find(const char *name);  /* NULL when unknown */

/* Builds a setup's session into *s (a fresh session, like session_new).
 * 0, or -1 with err set. */
int lesson_setup_build(lesson_setup k, session *s, char *err, size_t errlen);

/* Applies the actions of one scene to *s (which must hold a session unless
 * the first action is a build, which replaces it). Training that diverges
 * stops there and is not an error: it is what some scenes show. 0, or -1
 * with err set (s then still holds a valid session, or is zero-filled). */
int lesson_apply(const lesson_scene *sc, session *s, char *err, size_t errlen);

/* The state of scene `scene`: scene 0's build, then every action of scenes
 * 0..scene in order. *s must be a live session or zero-filled; it is
 * replaced on success and left as it was on failure. 0, or -1 with err. */
int lesson_goto(const lesson *l, int scene, session *s, char *err,
                size_t errlen);

#endif
