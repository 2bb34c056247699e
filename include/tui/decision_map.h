/* decision_map.h - the decision map of a session, as the Decision map
 * panel and the views (compare) show it: the output over the plane of the
 * first two features (other features at their means), for the model or
 * one hidden neuron; a value on [-1, 1] and a class per pixel, coloured
 * through the colour scale (class colours for more than two classes),
 * shaded with ASCII without colours, or, for a regression on one feature,
 * the prediction as a curve. Data points go on top by class.
 *
 * The values are kept in a view_map_cache (tui/view.h) and computed again
 * only when the session, the plane, the pixels or the choice change. */
#ifndef MLPVIZ_TUI_DECISION_MAP_H
#define MLPVIZ_TUI_DECISION_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "engine/session.h"
#include "tui/style.h"
#include "tui/view.h"

/* What a map shows. */
typedef struct {
    double x0, x1, y0, y1; /* the plane */
    int pw, ph;            /* pixels */
    int layer, unit;       /* layer >= 0: that hidden neuron's output */
    bool discrete;         /* each pixel its class (or sign) only */
} dmap_spec;

/* The plane for a plot of cw x ch cells: the data's bounds with a margin,
 * one unit as long on both axes with two features (a cell is about twice
 * as tall as wide); with one feature the vertical axis is the target or
 * the class. */
void dmap_plane(const session *s, int cw, int ch, double *x0, double *x1,
                double *y0, double *y1);
/* The same for the plane of features fx (across) and fy (up). */
void dmap_plane_axes(const session *s, int fx, int fy, int cw, int ch,
                     double *x0, double *x1, double *y0, double *y1);
/* Chooses the features across and up of the maps computed into m (fx and
 * fy different features of the data; else the first two are used). */
void dmap_set_axes(view_map_cache *m, int fx, int fy);
/* The features across and up of m for the session's data: those set, or
 * 0 and 1 (fy 0 too with one feature). */
void dmap_axes(const view_map_cache *m, const session *s, int *fx, int *fy);
/* Computes every pixel's value (m->val, m->cls; m->out the raw outputs)
 * unless the cached ones hold. false when out of memory or no features. */
bool dmap_compute(view_map_cache *m, session *s, const dmap_spec *sp);
/* Class colours (more than two classes, the model's output) rather than
 * the diverging scale. */
bool dmap_multiclass(const session *s, const dmap_spec *sp);
/* Paints the map computed for sp into the h x w cells at (y, x) of win,
 * sy pixels a cell (2: half blocks, 1: whole cells or ASCII shades); a map
 * of 2w x 2h pixels with Unicode goes into quadrant cells (two colours a
 * cell: the boundary line, each side's or the two nearest shades). The
 * class boundary (the sign for a neuron) is drawn as a line of pixels,
 * dark on light shades and light on dark ones; not for a regression. */
void dmap_paint(tui_style *st, WINDOW *win, int y, int x, int h, int w,
                const view_map_cache *m, const session *s, const dmap_spec *sp,
                int sy);
/* The colour the map painted cell (cx, cy) of a w x h plot with (what
 * most of its pixels show, as one whole shade); -1 without colours. */
int dmap_cell_color(const tui_style *st, const view_map_cache *m,
                    const session *s, const dmap_spec *sp, int cx, int cy,
                    int w, int h);
/* The class most of that cell's pixels show (binary: 1 where the output
 * is at least 0.5); -1 for a neuron's map or a regression. */
int dmap_cell_class(const view_map_cache *m, const session *s,
                    const dmap_spec *sp, int cx, int cy, int w, int h);
/* The means of the features off the plane and the training targets'
 * range, into m (dmap_compute does it too). */
void dmap_means(view_map_cache *m, const session *s);
/* The raw features of plane point (x, y): the other features at their
 * means. */
void dmap_fill_raw(const view_map_cache *m, const session *s, double *raw,
                   double x, double y);
/* Frees the buffers and leaves the cache empty. */
void dmap_free(view_map_cache *m);

/* ---- data points ---- */

/* The regression colours' range: the training targets' middle and half
 * width (1 when they are all equal). */
typedef struct {
    double mid, half;
} dmap_targets;

dmap_targets dmap_targets_of(const session *s);

typedef struct {
    char glyph;  /* by class: o x v s ..., capitals for test rows */
    int color;   /* the class (or target level) colour, -1 none */
    bool test, wrong;
    int ink;     /* dmap_put_mark: the glyph's colour on a light map */
} dmap_point;

#define DMAP_POINT_PLAIN 0u
#define DMAP_POINT_TEST_DARK 1u /* test points in their colour on black */

/* Dataset row `row` as a point; wrong: the model gets it wrong. */
/* The glyph of class cls on the map: o x v s ... */
char dmap_class_glyph(int cls);
dmap_point dmap_point_of(const tui_style *st, const session *s,
                         const dmap_targets *t, int row, bool wrong);
/* Puts a point: white on its colour, wrong ones white on magenta (reverse
 * without colours). */
void dmap_put_point(tui_style *st, WINDOW *win, int y, int x,
                    const dmap_point *p, unsigned flags);
/* Puts a class's point as a mark on the map: its glyph on bg, the colour
 * the map has under it, in the class's ink (white where bg is dark), so
 * that the map shows around it; wrong points and test points (with
 * DMAP_POINT_TEST_DARK) as dmap_put_point draws them. bg < 0: as
 * dmap_put_point. */
void dmap_put_mark(tui_style *st, WINDOW *win, int y, int x,
                   const dmap_point *p, unsigned flags, int bg);
/* The ink of class c's marks: a dark shade of its colour. */
int dmap_class_ink(const tui_style *st, int c);
/* The cell of plane point (px, py) in a w x h plot of the plane of m;
 * false off the plot. */
bool dmap_cell_of(const view_map_cache *m, double px, double py, int w, int h,
                  int *cx, int *cy);

#endif
