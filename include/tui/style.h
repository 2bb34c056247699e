/* style.h - what the terminal can show and how the screen uses it: the
 * colour mode (256, 8 or none), Unicode cells or plain ASCII, the colour
 * pairs of each role, the blue/orange diverging scale of the map and the
 * class palette. Also the few drawing helpers every panel shares. */
#ifndef MLPVIZ_TUI_STYLE_H
#define MLPVIZ_TUI_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

typedef enum { STYLE_MONO, STYLE_8, STYLE_256 } style_colors;

/* What a piece of text is; each role has a colour pair (or, without
 * colour, attributes that keep it readable). */
typedef enum {
    ROLE_NORMAL,
    ROLE_TITLE,     /* panel titles */
    ROLE_RULE,      /* panel rules and separators */
    ROLE_POS,       /* positive values: blue */
    ROLE_NEG,       /* negative values: orange */
    ROLE_POS_DIM,   /* small positive values */
    ROLE_NEG_DIM,   /* small negative values */
    ROLE_DIM,       /* secondary text (gradients, axis labels) */
    ROLE_TRAIN,     /* the training loss curve */
    ROLE_TEST,      /* the test loss curve */
    ROLE_BAD,       /* divergence, misclassified points, errors */
    ROLE_SELECT,    /* the selected node, edge or cell */
    ROLE_CURSOR,    /* the map cursor */
    ROLE_STATUS,    /* the status line */
    ROLE_STATE,     /* the state word on the status line */
    ROLE_MESSAGE,   /* a message on the second status row */
    ROLE_KEY,       /* key names in the hint line and help */
    ROLE_NODE_POS,  /* a node of the network, positive value */
    ROLE_NODE_NEG,  /* a node, negative value */
    ROLE_COUNT
} style_role;

#define STYLE_MAX_SHADES 4 /* diverging shades per side */
#define STYLE_PAIR_SLOTS 258 /* colours -1 .. 256 */

typedef struct {
    bool utf8;           /* Unicode cells (half blocks, braille, rules) */
    style_colors colors;
    int shades;          /* diverging shades per side: 4, 2 or 0 */
    short role_pair[ROLE_COUNT];
    attr_t role_attr[ROLE_COUNT];
    short *pairs;        /* [STYLE_PAIR_SLOTS^2] pair of (fg, bg), 0 = none yet */
    int next_pair;
} tui_style;

/* Decides the modes from the locale, the terminal and NO_COLOR, and sets
 * up the colour pairs. Call after initscr/newterm. 0, or -1 when out of
 * memory. */
int style_init(tui_style *st);
void style_free(tui_style *st);

/* Attribute and pair of a role. */
void style_get(const tui_style *st, style_role r, attr_t *attr, short *pair);
void style_set(WINDOW *w, const tui_style *st, style_role r);
/* Pair for a foreground and background colour (-1 = terminal default),
 * allocated on first use; 0 when colours are off or pairs run out. */
short style_pair(tui_style *st, int fg, int bg);

/* Colour of a diverging level k in -shades..shades (0 is the neutral
 * middle; with 8 colours there is no middle and 0 maps to +1). */
int style_level_color(const tui_style *st, int k);
/* Level of v in [-1, 1] on the diverging scale. */
int style_level_of(const tui_style *st, double v);
/* Colour of class c, strong or pale (pale falls back to strong when the
 * terminal has only 8 colours). */
int style_class_color(const tui_style *st, int c, bool strong);

/* Put one character: wc when the screen is Unicode, else the ASCII
 * fallback. */
void style_put(WINDOW *w, const tui_style *st, int y, int x, wchar_t wc,
               char ascii, attr_t attr, short pair);
/* Put an ASCII/UTF-8 string clipped to n columns, with a role. Returns
 * the columns written. */
int style_text(WINDOW *w, const tui_style *st, int y, int x, int n,
               style_role r, const char *text);
/* A horizontal rule with a title, across `width` columns at row y. */
void style_rule(WINDOW *w, const tui_style *st, int y, int x, int width,
                const char *title, bool focused);
/* A vertical rule at column x over rows y .. y+h-1. */
void style_vrule(WINDOW *w, const tui_style *st, int y, int x, int h);

/* Number formats of the screen. fmt_num5 writes a value in at most five
 * columns ("+0.53", "-12.3", "+1e05"); fmt_val a compact value
 * ("0.6931", "1.2e-05"). Both handle NaN and Inf. */
void fmt_num5(char *buf, size_t len, double v);
void fmt_val(char *buf, size_t len, double v);
/* A value as a teacher writes it: up to six significant digits, no
 * trailing zeros, no sign on zero ("-1", "0.5", "-0.0625", "1.2e-07"). */
void fmt_num(char *buf, size_t len, double v);

#endif
