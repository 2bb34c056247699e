/* mode_landscape.c - the "Loss landscape" view (issue 5). Placeholder that draws its title;
 * the real view follows. */
#include "tui/mode.h"
#include "tui/view.h"

static void landscape_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Loss landscape", true);
}

const view_mode_ops mode_landscape_ops = {
    .name = "landscape",
    .title = "Loss landscape",
    .open = NULL,
    .close = NULL,
    .draw = landscape_draw,
    .handle_key = NULL,
    .tick = NULL,
};
