/* cscale.c - the colour scale (see cscale.h), over style.c's diverging
 * levels. */
#include "tui/cscale.h"

#include <math.h>
#include <stdlib.h>

int cscale_color(const tui_style *st, double v)
{
    return style_level_color(st, style_level_of(st, v));
}

int cscale_step(const tui_style *st, float m)
{
    if (st->colors == STYLE_256)
        return 1 + (int)(m * 3.99f);
    return 2;
}

int cscale_signed_color(const tui_style *st, int sign, float m)
{
    return style_level_color(st, (sign < 0 ? -1 : 1) * cscale_step(st, m));
}

style_role cscale_role(double v, bool strong)
{
    if (v < 0)
        return strong ? ROLE_NEG : ROLE_NEG_DIM;
    return strong ? ROLE_POS : ROLE_POS_DIM;
}

char cscale_ramp_char(const char *ramp, double f)
{
    int idx = (int)(f * 9.999);
    return ramp[idx < 0 ? 0 : idx > 9 ? 9 : idx];
}

/* The map's shades in 256 colours, neutral (0) to strongest, each a
 * distinct xterm colour of its side's hue, lighter to darker. */
#define CSCALE_MAP_SHADES (CSCALE_MAP_STEPS / 2)
static const short cscale_map_blue[CSCALE_MAP_SHADES + 1] = {
    255, 153, 117, 111, 75, 39, 33, 26, 25};
static const short cscale_map_orange[CSCALE_MAP_SHADES + 1] = {
    255, 230, 223, 216, 215, 209, 208, 202, 166};

int cscale_map_step(double v)
{
    if (!(v == v))
        return 0;
    double a = fabs(v) > 1 ? 1 : fabs(v);
    int k = (int)ceil(a * CSCALE_MAP_STEPS - 0.5);
    if (k < 0)
        k = 0;
    if (k > CSCALE_MAP_STEPS)
        k = CSCALE_MAP_STEPS;
    return v < 0 ? -k : k;
}

int cscale_map_step_color(const tui_style *st, int step, int px, int py)
{
    if (st->colors != STYLE_256) {
        double v = (double)step / CSCALE_MAP_STEPS;
        return style_level_color(st, style_level_of(st, v));
    }
    const short *pal = step < 0 ? cscale_map_orange : cscale_map_blue;
    int k = abs(step);
    if (k > CSCALE_MAP_STEPS)
        k = CSCALE_MAP_STEPS;
    int lo = k / 2;
    /* an odd step: the checker of its two neighbours */
    if ((k & 1) && ((px + py) & 1))
        lo++;
    return pal[lo];
}

int cscale_map_color(const tui_style *st, double v, int px, int py)
{
    return cscale_map_step_color(st, cscale_map_step(v), px, py);
}

int cscale_line_color(const tui_style *st)
{
    if (st->colors == STYLE_256)
        return CSCALE_LINE_DARK;
    if (st->colors == STYLE_8)
        return COLOR_BLACK;
    return -1;
}

/* xterm's 256 colours as red, green, blue */
static void cscale_rgb(int c, int *r, int *g, int *b)
{
    static const int sys[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255}};
    static const int lv[6] = {0, 95, 135, 175, 215, 255};
    if (c < 0) {
        *r = *g = *b = 0;
    } else if (c < 16) {
        *r = sys[c][0];
        *g = sys[c][1];
        *b = sys[c][2];
    } else if (c < 232) {
        c -= 16;
        *r = lv[c / 36];
        *g = lv[(c / 6) % 6];
        *b = lv[c % 6];
    } else {
        *r = *g = *b = 8 + 10 * (c - 232);
    }
}

bool cscale_is_light(int c)
{
    int r, g, b;
    cscale_rgb(c, &r, &g, &b);
    /* the eye's weights of red, green and blue */
    return 0.299 * r + 0.587 * g + 0.114 * b > 170;
}
