/* mode_inspector.c - the "Chain-rule inspector" view (issue 5); first cut: its title. */
#include "tui/mode.h"
#include "tui/view.h"

static void inspector_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Chain-rule inspector", true);
}

const view_mode_ops mode_inspector_ops = {
    .name = "inspector",
    .title = "Chain-rule inspector",
    .draw = inspector_draw,
};
