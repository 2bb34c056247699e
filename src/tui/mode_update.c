/* mode_update.c - the "Update" view (issue 5); first cut: its title. */
#include "tui/mode.h"
#include "tui/view.h"

static void update_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Update", true);
}

const view_mode_ops mode_update_ops = {
    .name = "update",
    .title = "Update",
    .draw = update_draw,
};
