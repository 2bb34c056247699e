/* plot.h - the curve plotter: one or more series over the epochs (losses
 * of a run, of several runs) on a linear or log10 scale, with y labels in
 * the first columns and the epochs on the last row, the curves drawn on
 * the canvas (braille dots where the style allows, one mark a cell
 * otherwise). The loss panel, the compare view and the sweep use it. */
#ifndef MLPVIZ_TUI_PLOT_H
#define MLPVIZ_TUI_PLOT_H

#include <stdbool.h>

#include <curses.h>

#include "tui/canvas.h"
#include "tui/view.h"

#define PLOT_YW 7 /* the y labels' columns */

typedef struct {
    const double *h;  /* [n] a value per epoch */
    long n;
    style_role role;  /* the look of its dots ... */
    int color;        /* ... or this colour on the default background (>= 0) */
    char ascii;       /* its mark without braille */
    bool clip;        /* left out of the scale, non-finite values pinned to
                         the top (a diverged run) */
    int end_x, end_y; /* out: the plot cell of its last point, -1 none */
} plot_series;

typedef struct {
    bool log;           /* a log10 scale */
    canvas_kind kind;   /* the dots (canvas_kind_for) */
    /* Where series share a cell: stack keeps the dots of all, in the look
     * of the first series among them; else a later series is drawn over
     * the earlier ones. */
    bool stack;
    /* More epochs than dot columns: thin makes each column span the range
     * of its epochs; else every epoch is a point of the line. */
    bool thin;
    int mid_label_rows; /* a middle y label from this many plot rows */
    int epochs_word_w;  /* "epochs" under the axis when wider than this */
    int text_end;       /* texts end before this column (0: the window's) */
    /* Linear scale: the axis fits the values (plot_fit_bottom) instead of
     * always starting at 0. */
    bool fit;
} plot_opts;

/* Where the curves went, for marks a caller adds. */
typedef struct {
    int y, x, h, w;     /* the plot cells in the window */
    long n;             /* epochs on the x axis */
    double lo, hi;      /* the axis' ends (log10 of them on a log scale) */
} plot_area;

/* The bottom of a fitted linear axis over values lo .. hi: 0 when the
 * values reach down to within a fifth of the top (or below 0: lo itself),
 * else lo less a twentieth of the range, never below 0. */
double plot_fit_bottom(double lo, double hi);

/* Plots the series into the rectangle (y, x, h, w) of win: the last row is
 * the x axis, the first PLOT_YW columns the y labels. With nothing finite
 * to plot it says so in the middle. false when nothing was plotted. */
bool plot_curves(tui_view *v, WINDOW *win, int y, int x, int h, int w,
                 plot_series *s, int n, const plot_opts *o, plot_area *area);
/* The plot column of 0-based epoch e. */
int plot_epoch_col(const plot_area *a, long e);

#endif
