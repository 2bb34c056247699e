/* mode_hidden.c - the "Hidden space" view (issue 5). Placeholder that draws its title;
 * the real view follows. */
#include "tui/mode.h"
#include "tui/view.h"

static void hidden_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Hidden space", true);
}

const view_mode_ops mode_hidden_ops = {
    .name = "hidden",
    .title = "Hidden space",
    .open = NULL,
    .close = NULL,
    .draw = hidden_draw,
    .handle_key = NULL,
    .tick = NULL,
};
