/* cscale.h - the one colour scale of the screen: a value on [-1, 1] (a
 * signed output, a weight over the layer's largest) or [0, 1] (a
 * strength, a level) to a colour of the blue/orange diverging scale, a
 * shade step, a style role, or a character of an ASCII ramp. The decision
 * maps, the landscape, the network's edges and nodes and the weights
 * panel all colour through it. */
#ifndef MLPVIZ_TUI_CSCALE_H
#define MLPVIZ_TUI_CSCALE_H

#include <stdbool.h>

#include "tui/style.h"

/* Ramps of ten characters, light to dark. */
#define CSCALE_RAMP " .:-=+*#%@"
#define CSCALE_CLASS_RAMP ".:+#=*%@-~" /* one character a class */

/* The colour of v in [-1, 1] (clamped; NaN the middle): blue positive,
 * orange negative. -1 without colours. */
int cscale_color(const tui_style *st, double v);
/* The shade step of a magnitude m in [0, 1] on one side of the scale:
 * 1 .. 4 with 256 colours, 2 with 8. */
int cscale_step(const tui_style *st, float m);
/* The colour of a sign (+1 / -1) at magnitude m in [0, 1]. */
int cscale_signed_color(const tui_style *st, int sign, float m);
/* The role of a signed value: blue or orange, strong or dim. */
style_role cscale_role(double v, bool strong);
/* The character of f in [0, 1] on a ten-character ramp. */
char cscale_ramp_char(const char *ramp, double f);

#endif
