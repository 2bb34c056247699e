/* canvas.h - a dot canvas over a rectangle of cells: braille (2x4 dots a
 * cell), half blocks (1x2) or whole cells (1x1, the ASCII form, one glyph
 * a cell). Dots, lines (one Bresenham routine) and filled rectangles are
 * set with a pen; each cell keeps the dots set in it and the pen that owns
 * it (a tag, e.g. a style role or a series, and a value), so that a cell
 * crossed by several curves or edges gets one colour. Painting puts every
 * cell that has a dot into a window; the look of a cell is its tag's role,
 * or what a callback says.
 *
 * Which pen owns a cell: the first one to set a dot in it, then any pen of
 * a rank at least the owner's (so equal ranks: the latest). With `replace`
 * set, a pen of a higher rank also clears the dots of the owner it takes
 * the cell from (a later curve drawn over an earlier one). */
#ifndef MLPVIZ_TUI_CANVAS_H
#define MLPVIZ_TUI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "tui/style.h"

typedef enum {
    CANVAS_BRAILLE, /* 2 x 4 dots, U+2800 .. U+28FF */
    CANVAS_HALF,    /* 1 x 2 dots: upper, lower and full half blocks */
    CANVAS_CELL     /* 1 x 1: the pen's glyph (ASCII without Unicode) */
} canvas_kind;

typedef struct {
    short tag;      /* owner: a style_role, a series, ... (paint's look) */
    float value;    /* the owner's value, kept for the look (a strength) */
    float rank;     /* who takes a shared cell (see above) */
    bool flag;      /* sticky: set on every cell the pen touches */
    bool dash;      /* lines: leave out every third dot */
    wchar_t wc;     /* CELL kind: the glyph with Unicode (0: ascii) */
    char ascii;     /* CELL kind: the glyph without (and braille's fallback) */
} canvas_pen;

typedef struct {
    unsigned char bits; /* dots set: braille bits, 1 top / 2 bottom, or 1 */
    bool flag;
    bool owned;
    short tag;
    float value, rank;
    wchar_t wc;
    char ascii;
} canvas_cell;

typedef struct {
    canvas_kind kind;
    int w, h;       /* cells */
    int sx, sy;     /* dots a cell */
    int dw, dh;     /* dots: w * sx, h * sy */
    bool replace;
    canvas_cell *cell; /* [h][w] */
    void *own;      /* storage allocated by canvas_init, else NULL */
} canvas;

/* The dots the style allows: braille with Unicode (and colours, when
 * need_colour), whole cells otherwise. */
canvas_kind canvas_kind_for(const tui_style *st, bool need_colour);
/* Dots per cell of a kind. */
void canvas_dots(canvas_kind k, int *sx, int *sy);
/* The bit of dot (dx, dy) inside its cell (dx < sx, dy < sy). */
unsigned char canvas_bit(canvas_kind k, int dx, int dy);

/* An empty canvas of w x h cells. store / cap: a buffer grown, never
 * shrunk, to hold the cells (NULL: allocated here, freed by canvas_free).
 * false when out of memory or w, h < 1. */
bool canvas_init(canvas *c, canvas_kind k, int w, int h, void **store,
                 size_t *cap);
void canvas_free(canvas *c);

/* A pen of tag and rank 0, no glyph. */
canvas_pen canvas_pen_of(short tag);

/* Sets dot (X, Y) (0, 0 top left); dots off the canvas are ignored. */
void canvas_dot(canvas *c, int X, int Y, const canvas_pen *p);
/* The dots of the line from (x0, y0) to (x1, y1), both ends included. */
void canvas_line(canvas *c, int x0, int y0, int x1, int y1, const canvas_pen *p);
/* Every dot of the rectangle (x0, y0) .. (x1, y1), inclusive. */
void canvas_fill(canvas *c, int x0, int y0, int x1, int y1, const canvas_pen *p);

/* The cell at (cx, cy), NULL off the canvas. */
const canvas_cell *canvas_at(const canvas *c, int cx, int cy);
/* The glyph of a cell with dots: the braille pattern, the half block, or
 * the pen's wide glyph (0 for a CELL without one: its ascii then). */
wchar_t canvas_glyph(const canvas *c, const canvas_cell *cell);

/* The look of a cell with dots at (cx, cy): its attributes and pair. */
typedef void (*canvas_look_fn)(void *ctx, const canvas_cell *cell, int cx,
                               int cy, attr_t *attr, short *pair);
/* Puts every cell with dots at (y + cy, x + cx) of win; look NULL: the
 * cell's tag is a style_role. */
void canvas_paint(const canvas *c, WINDOW *win, const tui_style *st, int y,
                  int x, canvas_look_fn look, void *ctx);

/* A field of colour pixels, pw x (h * sy) with sy 2 (half blocks: two
 * pixels a cell, the upper as the foreground) or 1 (one a cell): puts
 * h x w cells at (y, x); color(ctx, px, py) gives a pixel's colour. */
void canvas_paint_field(WINDOW *win, tui_style *st, int y, int x, int h,
                        int w, int sy, int (*color)(void *ctx, int px, int py),
                        void *ctx);

#endif
