/* views.c - the registry of views: one pointer per row of VIEW_LIST
 * (mode.h), found by id or by the name lessons and scenes use. */
#include "tui/view.h"

#include <string.h>

static const view_mode_ops mode_main_ops = {
    .name = "main",
    .title = "Network, weights, loss and decision map",
};

static const view_mode_ops *const views[MODE_COUNT] = {
    [MODE_MAIN] = &mode_main_ops,
#define VIEWS_ROW(id, name, key, hint, rank, help) [MODE_##id] = &mode_##name##_ops,
    VIEW_LIST(VIEWS_ROW)
#undef VIEWS_ROW
};

const view_mode_ops *view_mode_get(view_mode m)
{
    return (int)m > 0 && m < MODE_COUNT ? views[m] : views[MODE_MAIN];
}

bool view_mode_from_name(const char *name, view_mode *out)
{
    for (int m = 0; m < MODE_COUNT; m++)
        if (strcmp(views[m]->name, name) == 0) {
            *out = (view_mode)m;
            return true;
        }
    return false;
}
