/* mode_common.h - drawing and bookkeeping shared by the analysis views
 * (compare, sweep, landscape, hidden space): a small decision map of any
 * session, several loss curves overlaid on one plot, a one-line summary of
 * a session, metrics refreshed a few times a second, a signature that
 * tells when the main session was changed behind a view's back, and the
 * learning-rate ladder. The views' own state lives in their files. */
#ifndef MLPVIZ_TUI_MODE_COMMON_H
#define MLPVIZ_TUI_MODE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <curses.h>

#include "engine/lr_ladder.h"
#include "engine/session.h"
#include "tui/view.h"


/* ---- a small decision map of any session ---- */

/* The map's values and buffers: the decision map component's cache
 * (tui/decision_map.h); zero it, then set stamp and pts_stamp to -1. */
typedef view_map_cache mode_map;

void mode_map_free(mode_map *m);
/* Draws session s's decision map into the rectangle (y, x, h, w) of win:
 * the output shaded over the plane of the first two features, the
 * training points on top by class (misclassified ones marked), and the
 * plane's corners as small labels when there is room. */
void mode_map_draw(tui_view *v, WINDOW *win, mode_map *m, session *s, int y,
                   int x, int h, int w);

/* ---- loss curves ---- */

typedef struct {
    const double *h;  /* [n] loss per epoch */
    long n;
    int color;        /* curve colour (-1: the ROLE_TRAIN colour) */
    char letter;      /* its mark without colour and its label */
    bool clip;        /* left out of the scale (a diverged run) */
    long mark;        /* 1-based epoch marked with an x (divergence), 0 none */
} mode_curve;

/* Plots curves in the rectangle (y, x, h, w) of win: y labels in the first
 * columns, the epochs on the last row, braille dots in colour where the
 * terminal has Unicode and colours, the curves' letters otherwise; each
 * curve's letter at its last point. log: a log10 scale. */
void mode_plot_curves(tui_view *v, WINDOW *win, int y, int x, int h, int w,
                      const mode_curve *c, int n, bool log);
/* A distinct colour for curve k (0..4 and on), or -1 without colours. */
int mode_curve_color(const tui_view *v, int k);

/* ---- text ---- */

/* "perceptron" or "mlp 2-8-4-1 relu". */
void mode_describe(const session *s, char *buf, size_t len);
/* The state word of a run: diverged, converged, training (playing) or
 * paused. */
const char *mode_state_word(const session *s, bool playing);
/* A learning rate as on the ladder: "0.001", "10". */
void mode_fmt_lr(char *buf, size_t len, double lr);
/* Text at (y, x) clipped to the window's width, with a role. */
int mode_text(tui_view *v, WINDOW *w, int y, int x, style_role r,
              const char *text);
/* A text right-aligned to end at column x_end (exclusive). */
void mode_text_right(tui_view *v, WINDOW *w, int y, int x_end, style_role r,
                     const char *text);

/* ---- metrics at most a few times a second while playing ---- */

typedef struct {
    session_metrics m;
    long stamp;            /* session version, -1 none */
    struct timespec when;
    double cost;
} mode_metrics;

void mode_metrics_init(mode_metrics *mm);
session_metrics mode_metrics_get(mode_metrics *mm, session *s, bool playing);

/* ---- has the main session changed shape, data or settings? ---- */

typedef struct {
    session_config cfg;
    char data_name[DS_LABEL_MAX * 2];
    int n_train, n_test, n_features;
    ds_task task;
    size_t n_params;
} mode_sig;

void mode_sig_take(mode_sig *g, const session *s);
bool mode_sig_same(const mode_sig *a, const mode_sig *b);

/* Epochs done with the fraction of the one in progress. */
double mode_progress(const session *s);

/* ---- what the views hold (for tests and other views); each answers
 * NULL / 0 / false when its view is not open ---- */

/* Compare: the right-hand session and the pairing's name. */
const session *mode_compare_right(const tui_view *v);
const char *mode_compare_pairing(const tui_view *v);
/* Sweep: the runs and their rates (up to 5), and the best run (-1: none). */
int mode_sweep_runs(const tui_view *v, const session **runs, double *lrs);
int mode_sweep_best(const tui_view *v);
/* Landscape: the two parameters' indices in params, and the path:
 * [n][2] pairs (x axis, y axis), the number of points returned. */
bool mode_landscape_axes(const tui_view *v, size_t *pa, size_t *pb);
int mode_landscape_path(const tui_view *v, const double **path);
/* Hidden space: the layer (weight layer index) and the two units (u2 -1:
 * the label on the y axis). */
bool mode_hidden_units(const tui_view *v, int *layer, int *u1, int *u2);

#endif
