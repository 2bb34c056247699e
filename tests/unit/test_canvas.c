/* test_canvas.c - the dot canvas of the screen (tui/canvas.h): which dots
 * a style allows, a dot's bit in its cell for braille and half blocks, the
 * line routine's ends and cells, who owns a shared cell, and painting with
 * and without Unicode, read back from an ncurses window on /dev/null. */
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/canvas.h"
#include "tui/style.h"

static tui_style canvas_style(bool utf8, style_colors colors)
{
    tui_style st;
    memset(&st, 0, sizeof st);
    st.utf8 = utf8;
    st.colors = colors;
    return st;
}

Test(canvas, kind_follows_the_locale_and_colours)
{
    tui_style u = canvas_style(true, STYLE_256), a = canvas_style(false, STYLE_256);
    tui_style um = canvas_style(true, STYLE_MONO);
    cr_expect_eq(canvas_kind_for(&u, false), CANVAS_BRAILLE);
    cr_expect_eq(canvas_kind_for(&u, true), CANVAS_BRAILLE);
    cr_expect_eq(canvas_kind_for(&a, false), CANVAS_CELL);
    cr_expect_eq(canvas_kind_for(&um, false), CANVAS_BRAILLE);
    cr_expect_eq(canvas_kind_for(&um, true), CANVAS_CELL);
}

Test(canvas, braille_dots_set_their_bits)
{
    /* U+2800 + bits: dots 1-3 down the left, 4-6 the right, 7 and 8 below */
    static const unsigned char want[4][2] = {
        {0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_BRAILLE, 3, 2, NULL, NULL));
    cr_expect_eq(c.dw, 6);
    cr_expect_eq(c.dh, 8);
    canvas_pen p = canvas_pen_of(0);
    for (int dy = 0; dy < 4; dy++)
        for (int dx = 0; dx < 2; dx++) {
            cr_expect_eq(canvas_bit(CANVAS_BRAILLE, dx, dy), want[dy][dx]);
            /* the same dot in cell (1, 1) */
            canvas_dot(&c, 2 + dx, 4 + dy, &p);
        }
    const canvas_cell *cell = canvas_at(&c, 1, 1);
    cr_expect_eq(cell->bits, 0xff);
    cr_expect_eq(canvas_glyph(&c, cell), (wchar_t)0x28ff);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0);
    cr_expect_null(canvas_at(&c, 3, 0));
    /* off the canvas: ignored */
    canvas_dot(&c, -1, 0, &p);
    canvas_dot(&c, 6, 0, &p);
    canvas_dot(&c, 0, 8, &p);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0);
    canvas_free(&c);
}

Test(canvas, half_blocks_have_two_dots_a_cell)
{
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_HALF, 2, 1, NULL, NULL));
    cr_expect_eq(c.dh, 2);
    canvas_pen p = canvas_pen_of(0);
    canvas_dot(&c, 0, 0, &p);
    canvas_dot(&c, 1, 1, &p);
    cr_expect_eq(canvas_glyph(&c, canvas_at(&c, 0, 0)), L'▀');
    cr_expect_eq(canvas_glyph(&c, canvas_at(&c, 1, 0)), L'▄');
    canvas_dot(&c, 1, 0, &p);
    cr_expect_eq(canvas_glyph(&c, canvas_at(&c, 1, 0)), L'█');
    canvas_free(&c);
}

/* The dots set on a braille canvas, as a bitmap [dh][dw]. */
static void dots_of(const canvas *c, unsigned char *map)
{
    for (int Y = 0; Y < c->dh; Y++)
        for (int X = 0; X < c->dw; X++) {
            const canvas_cell *cell = canvas_at(c, X / c->sx, Y / c->sy);
            map[Y * c->dw + X] = (cell->bits & canvas_bit(c->kind, X % c->sx, Y % c->sy)) != 0;
        }
}

Test(canvas, line_includes_both_ends_in_either_direction)
{
    static const int ends[][4] = {{0, 0, 9, 3}, {9, 3, 0, 0}, {2, 7, 2, 0},
                                  {0, 5, 7, 5}, {7, 0, 0, 7}, {4, 4, 4, 4}};
    for (size_t t = 0; t < sizeof ends / sizeof ends[0]; t++) {
        const int *e = ends[t];
        canvas c;
        cr_assert(canvas_init(&c, CANVAS_BRAILLE, 5, 2, NULL, NULL));
        canvas_pen p = canvas_pen_of(0);
        canvas_line(&c, e[0], e[1], e[2], e[3], &p);
        unsigned char map[8 * 10];
        dots_of(&c, map);
        cr_expect(map[e[1] * 10 + e[0]], "line %zu: no dot at its start", t);
        cr_expect(map[e[3] * 10 + e[2]], "line %zu: no dot at its end", t);
        /* one dot a step along the longer axis: no gaps, no doubles */
        int dx = abs(e[2] - e[0]), dy = abs(e[3] - e[1]);
        int n = 0;
        for (int k = 0; k < 80; k++)
            n += map[k];
        cr_expect_eq(n, (dx > dy ? dx : dy) + 1, "line %zu: %d dots", t, n);
        canvas_free(&c);
    }
}

Test(canvas, line_is_the_same_both_ways)
{
    for (int x1 = 0; x1 < 10; x1++)
        for (int y1 = 0; y1 < 8; y1++) {
            canvas a, b;
            cr_assert(canvas_init(&a, CANVAS_BRAILLE, 5, 2, NULL, NULL));
            cr_assert(canvas_init(&b, CANVAS_BRAILLE, 5, 2, NULL, NULL));
            canvas_pen p = canvas_pen_of(0);
            canvas_line(&a, 3, 2, x1, y1, &p);
            canvas_line(&b, x1, y1, 3, 2, &p);
            unsigned char ma[80], mb[80];
            dots_of(&a, ma);
            dots_of(&b, mb);
            /* Bresenham may break a tie the other way; the ends and the
             * count must agree */
            int na = 0, nb = 0;
            for (int k = 0; k < 80; k++) {
                na += ma[k];
                nb += mb[k];
            }
            cr_expect_eq(na, nb);
            cr_expect(ma[y1 * 10 + x1] && mb[y1 * 10 + x1]);
            canvas_free(&a);
            canvas_free(&b);
        }
}

Test(canvas, dashed_line_leaves_every_third_dot)
{
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_BRAILLE, 5, 1, NULL, NULL));
    canvas_pen p = canvas_pen_of(0);
    p.dash = true;
    canvas_line(&c, 0, 0, 8, 0, &p);
    unsigned char map[40];
    dots_of(&c, map);
    for (int X = 0; X <= 8; X++)
        cr_expect_eq(map[X], X % 3 != 2, "dot %d", X);
    canvas_free(&c);
}

Test(canvas, rank_decides_who_owns_a_shared_cell)
{
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_BRAILLE, 1, 1, NULL, NULL));
    canvas_pen hi = canvas_pen_of(1), lo = canvas_pen_of(2);
    hi.rank = 1;
    canvas_dot(&c, 0, 0, &hi);
    canvas_dot(&c, 1, 3, &lo);
    /* the lower rank adds its dot, the cell stays the higher one's */
    cr_expect_eq(canvas_at(&c, 0, 0)->tag, 1);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0x01 | 0x80);
    /* replace: a higher rank takes the cell and clears the other dots */
    c.replace = true;
    canvas_pen top = canvas_pen_of(3);
    top.rank = 2;
    canvas_dot(&c, 1, 0, &top);
    cr_expect_eq(canvas_at(&c, 0, 0)->tag, 3);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0x08);
    canvas_free(&c);
}

Test(canvas, fill_sets_a_rectangle)
{
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_CELL, 4, 3, NULL, NULL));
    canvas_pen p = canvas_pen_of(0);
    canvas_fill(&c, 2, 2, 1, 0, &p); /* corners in any order */
    int n = 0;
    for (int y = 0; y < 3; y++)
        for (int x = 0; x < 4; x++)
            n += canvas_at(&c, x, y)->bits != 0;
    cr_expect_eq(n, 6);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0);
    cr_expect_eq(canvas_at(&c, 1, 0)->bits, 1);
    canvas_free(&c);
}

Test(canvas, store_is_grown_and_reused)
{
    void *store = NULL;
    size_t cap = 0;
    canvas c;
    cr_assert(canvas_init(&c, CANVAS_BRAILLE, 10, 4, &store, &cap));
    cr_expect_geq(cap, 40 * sizeof(canvas_cell));
    canvas_pen p = canvas_pen_of(0);
    canvas_dot(&c, 0, 0, &p);
    canvas_free(&c);
    /* a smaller canvas in the same store starts empty */
    cr_assert(canvas_init(&c, CANVAS_BRAILLE, 2, 2, &store, &cap));
    cr_expect_eq(c.cell, store);
    cr_expect_eq(canvas_at(&c, 0, 0)->bits, 0);
    canvas_free(&c);
    free(store);
    cr_expect_not(canvas_init(&c, CANVAS_CELL, 0, 3, NULL, NULL));
}

/* Paints a line on a canvas of the style's kind into a window on
 * /dev/null and returns the characters of its first row. */
static void paint_row(bool utf8, char *row, size_t len)
{
    setlocale(LC_ALL, utf8 ? "C.UTF-8" : "C");
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    cr_assert(out && in);
    SCREEN *scr = newterm("xterm-256color", out, in);
    cr_assert_not_null(scr);
    set_term(scr);
    WINDOW *w = newwin(2, 8, 0, 0);
    tui_style st = canvas_style(utf8, STYLE_MONO);
    canvas c;
    cr_assert(canvas_init(&c, canvas_kind_for(&st, false), 6, 1, NULL, NULL));
    canvas_pen p = canvas_pen_of(ROLE_NORMAL);
    p.ascii = '*';
    canvas_line(&c, 0, 0, c.dw - 1, 0, &p);
    canvas_paint(&c, w, &st, 0, 1, NULL, NULL);
    size_t k = 0;
    for (int x = 0; x < 8 && k + 8 < len; x++) {
        if (utf8) {
            cchar_t cc;
            wchar_t wc[4];
            attr_t a;
            short pr;
            mvwin_wch(w, 0, x, &cc);
            getcchar(&cc, wc, &a, &pr, NULL);
            k += (size_t)snprintf(row + k, len - k, "%s%04x", x ? " " : "",
                                  (unsigned)wc[0]);
        } else {
            row[k++] = (char)(mvwinch(w, 0, x) & A_CHARTEXT);
            row[k] = '\0';
        }
    }
    canvas_free(&c);
    delwin(w);
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
}

Test(canvas, ascii_without_unicode)
{
    char row[128];
    paint_row(false, row, sizeof row);
    cr_expect_str_eq(row, " ****** ");
}

Test(canvas, braille_with_unicode)
{
    char row[128];
    paint_row(true, row, sizeof row);
    /* the top dots of both columns: U+2809 in each of the six cells */
    cr_expect_str_eq(row, "0020 2809 2809 2809 2809 2809 2809 0020");
}

/* ---- the colour scale (tui/cscale.h) ---- */

#include "tui/cscale.h"

Test(cscale, roles_by_sign_and_strength)
{
    cr_expect_eq(cscale_role(0.7, true), ROLE_POS);
    cr_expect_eq(cscale_role(0.1, false), ROLE_POS_DIM);
    cr_expect_eq(cscale_role(-0.7, true), ROLE_NEG);
    cr_expect_eq(cscale_role(-0.1, false), ROLE_NEG_DIM);
}

Test(cscale, ramp_spans_light_to_dark)
{
    cr_expect_eq(cscale_ramp_char(CSCALE_RAMP, 0), ' ');
    cr_expect_eq(cscale_ramp_char(CSCALE_RAMP, 0.5), '=');
    cr_expect_eq(cscale_ramp_char(CSCALE_RAMP, 1), '@');
    cr_expect_eq(cscale_ramp_char(CSCALE_RAMP, -3), ' ');
    cr_expect_eq(cscale_ramp_char(CSCALE_RAMP, 7), '@');
}

Test(cscale, steps_by_magnitude)
{
    tui_style c256 = canvas_style(true, STYLE_256), c8 = canvas_style(true, STYLE_8);
    cr_expect_eq(cscale_step(&c256, 0.0f), 1);
    cr_expect_eq(cscale_step(&c256, 1.0f), 4);
    cr_expect_eq(cscale_step(&c8, 0.3f), 2);
    tui_style mono = canvas_style(false, STYLE_MONO);
    cr_expect_eq(cscale_color(&mono, 0.5), -1);
}

#include "tui/cscale.h"

/* Each of the map's shade steps looks different from its neighbours: a
 * step is one colour or a checker of two, and no two steps of a side give
 * the same pair; both sides differ and the middle is shared. */
Test(cscale, map_has_sixteen_distinct_steps_a_side)
{
    tui_style st = canvas_style(true, STYLE_256);
    for (int side = -1; side <= 1; side += 2) {
        int prev_a = -2, prev_b = -2;
        for (int k = 0; k <= CSCALE_MAP_STEPS; k++) {
            int a = cscale_map_step_color(&st, side * k, 0, 0);
            int b = cscale_map_step_color(&st, side * k, 1, 0);
            cr_expect(a != prev_a || b != prev_b, "side %d step %d same as %d", side, k,
                      k - 1);
            if (k % 2 == 0)
                cr_expect_eq(a, b, "an even step is one colour");
            else
                cr_expect_neq(a, b, "an odd step is a checker");
            prev_a = a;
            prev_b = b;
        }
    }
    cr_expect_eq(cscale_map_step_color(&st, 0, 0, 0), cscale_map_step_color(&st, 0, 1, 1));
    cr_expect_neq(cscale_map_step_color(&st, 16, 0, 0), cscale_map_step_color(&st, -16, 0, 0));
    cr_expect_eq(CSCALE_MAP_STEPS, 16);
}

Test(cscale, map_step_of_a_value)
{
    cr_expect_eq(cscale_map_step(0), 0);
    cr_expect_eq(cscale_map_step(0.01), 0);
    cr_expect_eq(cscale_map_step(1), 16);
    cr_expect_eq(cscale_map_step(-1), -16);
    cr_expect_eq(cscale_map_step(0.5), 8);
    cr_expect_eq(cscale_map_step(-0.1), -2);
    cr_expect_eq(cscale_map_step(2), 16);
    cr_expect_eq(cscale_map_step(nan("")), 0);
}

Test(cscale, light_colours_take_dark_text)
{
    cr_expect(cscale_is_light(231));
    cr_expect(cscale_is_light(255));
    cr_expect(!cscale_is_light(16));
    cr_expect(!cscale_is_light(25));
    cr_expect(!cscale_is_light(201));
}
