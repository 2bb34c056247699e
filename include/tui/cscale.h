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
/* The decision map's finer scale: CSCALE_MAP_STEPS shade steps a side
 * from the neutral middle (step 0) to the strongest. In 256 colours the
 * palette holds CSCALE_MAP_STEPS / 2 distinct shades a side that keep
 * their hue (blue, orange), so the odd steps are a two-pixel checker of
 * the shades either side of them (px, py: the pixel, for the checker).
 * With 8 colours: the diverging colours (style_level_color). */
#define CSCALE_MAP_STEPS 16
/* The signed step of v in [-1, 1]: -CSCALE_MAP_STEPS .. CSCALE_MAP_STEPS,
 * 0 only very near the middle (NaN: 0). */
int cscale_map_step(double v);
/* The colour of a signed step at pixel (px, py); -1 without colours. */
int cscale_map_step_color(const tui_style *st, int step, int px, int py);
/* The colour of v at pixel (px, py): cscale_map_step_color of its step. */
int cscale_map_color(const tui_style *st, double v, int px, int py);
/* The colour of the map's boundary line (the 0.5 contour, the border of
 * two classes): dark, against the light middle of the scale; in 256
 * colours CSCALE_LINE_LIGHT where the line runs through dark shades (a
 * sharp boundary between strong colours). */
#define CSCALE_LINE_DARK 235
#define CSCALE_LINE_LIGHT 231
int cscale_line_color(const tui_style *st);
/* Whether text on colour c should be dark (c is light) rather than white. */
bool cscale_is_light(int c);

/* The character of f in [0, 1] on a ten-character ramp. */
char cscale_ramp_char(const char *ramp, double f);

#endif
