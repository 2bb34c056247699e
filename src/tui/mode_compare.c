/* mode_compare.c - the "Compare" view (issue 5). Placeholder that draws its title;
 * the real view follows. */
#include "tui/mode.h"
#include "tui/view.h"

static void compare_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Compare", true);
}

const view_mode_ops mode_compare_ops = {
    .name = "compare",
    .title = "Compare",
    .open = NULL,
    .close = NULL,
    .draw = compare_draw,
    .handle_key = NULL,
    .tick = NULL,
};
