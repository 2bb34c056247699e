/* mode_sweep.c - the "Learning-rate sweep" view (issue 5). Placeholder that draws its title;
 * the real view follows. */
#include "tui/mode.h"
#include "tui/view.h"

static void sweep_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Learning-rate sweep", true);
}

const view_mode_ops mode_sweep_ops = {
    .name = "sweep",
    .title = "Learning-rate sweep",
    .open = NULL,
    .close = NULL,
    .draw = sweep_draw,
    .handle_key = NULL,
    .tick = NULL,
};
