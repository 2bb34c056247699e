/* mode.h - the screen's views beyond the four main panels. A view owns the
 * whole area above the two status rows while it is shown; the status and
 * hint rows stay. Each view is one file, src/tui/mode_NAME.c, that defines
 * `const view_mode_ops mode_NAME_ops`, and one row of VIEW_LIST below:
 * nothing else has to change to add one. The key of a row opens the view
 * (and, pressed again, closes it); Esc goes back to the main panels.
 *
 * The framework allocates a view's private state (state_size bytes, zeroed)
 * before open() and frees it after close(); the view finds it at
 * v->mode_state[its id]. */
#ifndef MLPVIZ_TUI_MODE_H
#define MLPVIZ_TUI_MODE_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

typedef struct tui_view tui_view;

/* X(ID, name, key, hint word, hint rank, help line): name as scenes and
 * lessons spell it; key opens it; the hint and help as in action.h. */
#define VIEW_LIST(X)                                                           \
    X(UPDATE, update, 'u', "update", 40, "view: the update just made")         \
    X(INSPECTOR, inspector, 'i', "chain", 41, "view: chain rule of a weight")  \
    X(GALLERY, gallery, 'v', "gallery", 42, "view: activation gallery")        \
    X(COMPARE, compare, 'c', "compare", 43, "view: two sessions compared")     \
    X(SWEEP, sweep, 'w', "sweep", 44, "view: learning-rate sweep")             \
    X(LANDSCAPE, landscape, 'y', "landscape", 45, "view: loss landscape")      \
    X(HIDDEN, hidden, 'h', "hidden", 46, "view: hidden-unit space")            \
    X(METRICS, metrics, 'M', "metrics", 47, "view: accuracy, confusion")      \
    X(BOOK, book, 'E', "book", 48, "view: the book's examples")

typedef enum {
    MODE_MAIN, /* the four panels */
#define MODE_ENUM(id, name, key, hint, rank, help) MODE_##id,
    VIEW_LIST(MODE_ENUM)
#undef MODE_ENUM
    MODE_COUNT
} view_mode;

struct key_binding; /* action.h */

typedef struct {
    const char *name;   /* as lessons and scene files spell it: "compare" */
    const char *title;  /* panel title */
    size_t state_size;  /* bytes of private state the framework allocates */
    /* Entering the view: set its state up (v->mode_state[id], zeroed),
     * build extra sessions. 0, or -1 with a view_say() message (the view is
     * not entered; close() is still called to free what open() made). May
     * be NULL. */
    int (*open)(tui_view *v);
    /* Leaving the view (also on quit): free what open() made inside the
     * state (not the state itself). May be NULL. */
    void (*close)(tui_view *v);
    /* Draws the view into w (the whole area above the status rows, h x wd
     * cells, w already erased). Reads the session(s); writes only w. */
    void (*draw)(tui_view *v, WINDOW *w, int h, int wd);
    /* The view's own keys: {key, action} pairs ending with {0, 0}; they
     * come before the global table. May be NULL. */
    const struct key_binding *keys;
    /* An action (from the view's keys or the global table), before the
     * global handler runs; true when the view used it (compare and sweep
     * step all their sessions on the training actions). May be NULL. */
    bool (*handle_action)(tui_view *v, int action); /* a tui_action */
    /* The session may have changed under the view (a key, a lesson, play,
     * a loaded scene): re-check every index the view keeps into it (a row,
     * a unit, a layer, a parameter) and follow what changed. The framework
     * calls it before each frame is drawn and before each action reaches
     * the view. May be NULL. */
    void (*sync)(tui_view *v);
    /* Called once per main-loop turn while playing, with the time budget
     * of this slice in seconds, to train the view's extra sessions. May be
     * NULL. */
    void (*tick)(tui_view *v, double budget);
    /* true: while this view is shown, play trains only the view's own
     * sessions (tick gets the whole slice; the main session is left as it
     * is). The sweep sets it: its five runs are what play is about. */
    bool own_play;
    /* One help line on what the global keys do here ("space n p r R + -
     * act on both sides"), or NULL. */
    const char *about;
} view_mode_ops;

#define MODE_EXTERN(id, name, key, hint, rank, help)                           \
    extern const view_mode_ops mode_##name##_ops;
VIEW_LIST(MODE_EXTERN)
#undef MODE_EXTERN

#endif
