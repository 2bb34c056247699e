/* panel_net_perc.c - the perceptron as the book draws it. */
#include "tui/panel_net.h"

#include "tui/panel.h"

void panel_net_perc_draw(tui_view *v, panel *p)
{
    panel_text(v, p, 0, 0, ROLE_DIM, "perceptron");
}
