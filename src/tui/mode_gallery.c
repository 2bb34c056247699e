/* mode_gallery.c - the "Activation gallery" view (issue 5); first cut: its title. */
#include "tui/mode.h"
#include "tui/view.h"

static void gallery_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    (void)h;
    style_rule(w, &v->st, 0, 0, wd, "Activation gallery", true);
}

const view_mode_ops mode_gallery_ops = {
    .name = "gallery",
    .title = "Activation gallery",
    .draw = gallery_draw,
};
