/* canvas.c - the dot canvas of every plot on the screen (see canvas.h):
 * braille, half-block or whole-cell dots, one line routine, and painting
 * into a window. */
#include "tui/canvas.h"

#include <stdlib.h>
#include <string.h>

/* Braille: dot (dx, dy) of a cell, dx 0..1 across, dy 0..3 down. */
static const unsigned char canvas_braille_bit[4][2] = {
    {0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

canvas_kind canvas_kind_for(const tui_style *st, bool need_colour)
{
    if (st->utf8 && (!need_colour || st->colors != STYLE_MONO))
        return CANVAS_BRAILLE;
    return CANVAS_CELL;
}

void canvas_dots(canvas_kind k, int *sx, int *sy)
{
    *sx = k == CANVAS_BRAILLE ? 2 : 1;
    *sy = k == CANVAS_BRAILLE ? 4 : k == CANVAS_HALF ? 2 : 1;
}

unsigned char canvas_bit(canvas_kind k, int dx, int dy)
{
    if (k == CANVAS_BRAILLE)
        return canvas_braille_bit[dy & 3][dx & 1];
    if (k == CANVAS_HALF)
        return dy ? 2 : 1;
    return 1;
}

bool canvas_init(canvas *c, canvas_kind k, int w, int h, void **store,
                 size_t *cap)
{
    memset(c, 0, sizeof *c);
    if (w < 1 || h < 1)
        return false;
    size_t need = (size_t)w * (size_t)h * sizeof(canvas_cell);
    void *mem;
    if (store) {
        if (need > *cap) {
            void *b = realloc(*store, need);
            if (!b)
                return false;
            *store = b;
            *cap = need;
        }
        mem = *store;
    } else {
        mem = malloc(need);
        if (!mem)
            return false;
        c->own = mem;
    }
    memset(mem, 0, need);
    c->cell = mem;
    c->kind = k;
    c->w = w;
    c->h = h;
    canvas_dots(k, &c->sx, &c->sy);
    c->dw = w * c->sx;
    c->dh = h * c->sy;
    return true;
}

void canvas_free(canvas *c)
{
    free(c->own);
    memset(c, 0, sizeof *c);
}

canvas_pen canvas_pen_of(short tag)
{
    canvas_pen p;
    memset(&p, 0, sizeof p);
    p.tag = tag;
    return p;
}

void canvas_dot(canvas *c, int X, int Y, const canvas_pen *p)
{
    if (X < 0 || Y < 0 || X >= c->dw || Y >= c->dh)
        return;
    canvas_cell *cell = &c->cell[(size_t)(Y / c->sy) * (size_t)c->w + (size_t)(X / c->sx)];
    if (!cell->owned || p->rank >= cell->rank) {
        if (c->replace && cell->owned && p->rank > cell->rank)
            cell->bits = 0;
        cell->owned = true;
        cell->tag = p->tag;
        cell->value = p->value;
        cell->rank = p->rank;
        cell->wc = p->wc;
        cell->ascii = p->ascii;
    }
    cell->bits |= canvas_bit(c->kind, X % c->sx, Y % c->sy);
    if (p->flag)
        cell->flag = true;
}

void canvas_line(canvas *c, int x0, int y0, int x1, int y1, const canvas_pen *p)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int stx = x0 < x1 ? 1 : -1, sty = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (int step = 0;; step++) {
        if (!p->dash || step % 3 != 2)
            canvas_dot(c, x0, y0, p);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += stx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sty;
        }
    }
}

void canvas_fill(canvas *c, int x0, int y0, int x1, int y1, const canvas_pen *p)
{
    if (x0 > x1) {
        int t = x0;
        x0 = x1;
        x1 = t;
    }
    if (y0 > y1) {
        int t = y0;
        y0 = y1;
        y1 = t;
    }
    for (int Y = y0 < 0 ? 0 : y0; Y <= y1 && Y < c->dh; Y++)
        for (int X = x0 < 0 ? 0 : x0; X <= x1 && X < c->dw; X++)
            canvas_dot(c, X, Y, p);
}

const canvas_cell *canvas_at(const canvas *c, int cx, int cy)
{
    if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
        return NULL;
    return &c->cell[(size_t)cy * (size_t)c->w + (size_t)cx];
}

wchar_t canvas_glyph(const canvas *c, const canvas_cell *cell)
{
    switch (c->kind) {
    case CANVAS_BRAILLE:
        return (wchar_t)(0x2800 + cell->bits);
    case CANVAS_HALF:
        return cell->bits == 3 ? L'█' : cell->bits == 2 ? L'▄' : L'▀';
    default:
        return cell->wc;
    }
}

void canvas_paint(const canvas *c, WINDOW *win, const tui_style *st, int y,
                  int x, canvas_look_fn look, void *ctx)
{
    for (int cy = 0; cy < c->h; cy++)
        for (int cx = 0; cx < c->w; cx++) {
            const canvas_cell *cell = &c->cell[(size_t)cy * (size_t)c->w + (size_t)cx];
            if (!cell->bits)
                continue;
            attr_t a;
            short pr;
            if (look)
                look(ctx, cell, cx, cy, &a, &pr);
            else
                style_get(st, (style_role)cell->tag, &a, &pr);
            char ascii = cell->ascii ? cell->ascii
                         : c->kind == CANVAS_HALF ? '#' : '.';
            style_put(win, st, y + cy, x + cx, canvas_glyph(c, cell), ascii, a, pr);
        }
}

void canvas_paint_field(WINDOW *win, tui_style *st, int y, int x, int h,
                        int w, int sy, int (*color)(void *ctx, int px, int py),
                        void *ctx)
{
    for (int cy = 0; cy < h; cy++)
        for (int cx = 0; cx < w; cx++) {
            if (sy == 2) {
                int ct = color(ctx, cx, 2 * cy), cb = color(ctx, cx, 2 * cy + 1);
                style_put(win, st, y + cy, x + cx, ct == cb ? L' ' : L'▀', ' ',
                          A_NORMAL, style_pair(st, ct, cb));
            } else {
                int cc = color(ctx, cx, cy);
                style_put(win, st, y + cy, x + cx, L' ', ' ', A_NORMAL,
                          style_pair(st, cc, cc));
            }
        }
}
