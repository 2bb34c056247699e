/* mode_metrics.c - the "Metrics" view (issue 5); first cut: its title. */
#include "tui/mode.h"
#include "tui/view.h"

static void metrics_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Metrics", true);
}

const view_mode_ops mode_metrics_ops = {
    .name = "metrics",
    .title = "Metrics",
    .draw = metrics_draw,
};
