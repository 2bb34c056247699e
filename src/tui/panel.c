/* panel.c - what every panel shares: its frame (the title rule across the
 * top, the rule that separates a right-hand panel) and text placed
 * relative to its content rectangle. */
#include "tui/panel.h"

/* The title: head, then the status line's fields that had no room there
 * (status_titles), then tail. */
static void panel_title_full(tui_view *v, panel *p, const char *head,
                             const char *tail, char *buf, size_t len)
{
    int i = (int)(p - v->panels);
    snprintf(buf, len, "%s%s%s", head,
             i >= 0 && i < PANEL_COUNT ? v->title_extra[i] : "", tail);
}

const char *panel_title_extra(const tui_view *v, const panel *p)
{
    int i = (int)(p - v->panels);
    return i >= 0 && i < PANEL_COUNT ? v->title_extra[i] : "";
}

void panel_frame_split(tui_view *v, panel *p, const char *head, const char *tail)
{
    char full[512];
    panel_title_full(v, p, head, tail, full, sizeof full);
    const char *title = full;
    werase(p->win);
    bool focused = v->focus == (int)(p - v->panels);
    if (p->left_rule) {
        attr_t a;
        short pr;
        style_get(&v->st, ROLE_RULE, &a, &pr);
        style_vrule(p->win, &v->st, 1, 0, p->h - 1);
        style_put(p->win, &v->st, 0, 0, p->y == 0 ? L'┬' : L'┼', '+', a, pr);
        style_rule(p->win, &v->st, 0, 1, p->w - 1, title, focused);
    } else {
        style_rule(p->win, &v->st, 0, 0, p->w, title, focused);
    }
}

void panel_frame(tui_view *v, panel *p, const char *title)
{
    panel_frame_split(v, p, title, "");
}

void panel_frame_title(tui_view *v, panel *p, const char *title)
{
    char full[512];
    panel_title_full(v, p, title, "", full, sizeof full);
    title = full;
    bool focused = v->focus == (int)(p - v->panels);
    if (p->left_rule)
        style_rule(p->win, &v->st, 0, 1, p->w - 1, title, focused);
    else
        style_rule(p->win, &v->st, 0, 0, p->w, title, focused);
}

int panel_text(tui_view *v, panel *p, int y, int x, style_role r,
               const char *text)
{
    if (y < 0 || y >= p->ch || x < 0 || x >= p->cw)
        return 0;
    return style_text(p->win, &v->st, p->cy + y, p->cx + x, p->cw - x, r, text);
}
