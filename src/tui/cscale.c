/* cscale.c - the colour scale (see cscale.h), over style.c's diverging
 * levels. */
#include "tui/cscale.h"

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
