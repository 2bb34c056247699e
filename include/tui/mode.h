/* mode.h - the screen's views beyond the four main panels (issue 5). A view
 * mode owns the whole area above the two status rows while it is shown;
 * the status and hint rows stay. Each mode is a small table of functions;
 * the key table opens a mode by its key, Esc (or the same key) goes back to
 * the main panels. A mode's own state hangs off tui_view.mode_state[id],
 * allocated by its open() and freed by its close().
 *
 * Ownership: the main/update/inspector/gallery/metrics modes and the
 * switching live in view.c/keys.c and src/tui/mode_*.c of the framework;
 * compare, sweep, landscape and hidden live in src/tui/mode_compare.c,
 * mode_sweep.c, mode_landscape.c and mode_hidden.c. */
#ifndef MLPVIZ_TUI_MODE_H
#define MLPVIZ_TUI_MODE_H

#include <stdbool.h>

#include <curses.h>

typedef struct tui_view tui_view;

typedef enum {
    MODE_MAIN,      /* the four panels */
    MODE_UPDATE,    /* the update just made (perceptron rule / MLP step) */
    MODE_INSPECTOR, /* the chain-rule terms of the selected weight */
    MODE_GALLERY,   /* the thirteen activations with derivatives */
    MODE_COMPARE,   /* two sessions side by side, stepped by the same keys */
    MODE_SWEEP,     /* one network at five learning rates */
    MODE_LANDSCAPE, /* the loss over two parameters, with the path taken */
    MODE_HIDDEN,    /* the data carried into two hidden units' space */
    MODE_METRICS,   /* accuracy and the confusion matrix */
    MODE_COUNT
} view_mode;

typedef struct {
    const char *name;   /* as lesson_view_name() spells it: "compare" */
    const char *title;  /* panel title */
    /* Entering the mode: allocate state (v->mode_state[id]), build extra
     * sessions. 0, or -1 with a view_say() message (the mode is not
     * entered). May be NULL. */
    int (*open)(tui_view *v);
    /* Leaving the mode (also on quit): free what open() made. May be NULL. */
    void (*close)(tui_view *v);
    /* Draws the mode into w (the whole area above the status rows, h x wd
     * cells, w already erased). Reads the session(s); writes only w. */
    void (*draw)(tui_view *v, WINDOW *w, int h, int wd);
    /* A key, before the key table sees it; true when the mode used it
     * (for example compare and sweep step all their sessions on space,
     * n, p, r, R, + and -). May be NULL. */
    bool (*handle_key)(tui_view *v, int key);
    /* Called once per main-loop turn while playing, with the time budget
     * of this slice in seconds, to train the mode's extra sessions. May be
     * NULL. */
    void (*tick)(tui_view *v, double budget);
    /* true: while this mode is shown, play trains only the mode's own
     * sessions (tick gets the whole slice; the main session is left as it
     * is). The sweep sets it: its five runs are what play is about. */
    bool own_play;
    /* The mode's own keys, for the hint line and the help overlay (both
     * optional, NULL: none). hint: "key words" pairs two spaces apart, in
     * ASCII ("arrows pick  Enter apply"); help: a NULL-terminated list of
     * "key\thelp text" lines ("Enter\tapply the chosen activation"). */
    const char *hint;
    const char *const *help;
} view_mode_ops;

extern const view_mode_ops mode_update_ops, mode_inspector_ops,
    mode_gallery_ops, mode_metrics_ops;                 /* framework */
extern const view_mode_ops mode_compare_ops, mode_sweep_ops,
    mode_landscape_ops, mode_hidden_ops;                /* analysis views */

#endif
