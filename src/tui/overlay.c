/* overlay.c - what opens over the panels: the help (every key of the key
 * table with its help text, in one or two columns) and the save prompt
 * (a file name, with a default offered; Enter saves with model_io_save,
 * Esc cancels). The prompt itself is drawn on the status row. */
#include "tui/panel.h"

#include <stdio.h>
#include <string.h>

#include "io/model_io.h"
#include "tui/keys.h"

#define OVERLAY_KEY_W 7

static void overlay_help(tui_view *v)
{
    int n;
    const keys_binding *t = keys_table(&n);
    int shown = 0;
    for (int i = 0; i < n; i++)
        if (t[i].label)
            shown++;
    int maxw = v->cols < 100 ? v->cols : 100;
    int maxh = v->lines - 2;
    int cols = shown + 4 > maxh ? 2 : 1;
    int per = (shown + cols - 1) / cols;
    int h = per + 4 < maxh ? per + 4 : maxh;
    int w = maxw;
    if (cols == 1 && w > 70)
        w = 70;
    int y = (v->lines - 2 - h) / 2, x = (v->cols - w) / 2;
    if (y < 0)
        y = 0;
    if (v->overlay_win)
        delwin(v->overlay_win);
    v->overlay_win = newwin(h, w, y, x);
    if (!v->overlay_win)
        return;
    WINDOW *o = v->overlay_win;
    werase(o);
    attr_t a;
    short pr;
    style_get(&v->st, ROLE_RULE, &a, &pr);
    for (int r = 0; r < h; r++) {
        style_put(o, &v->st, r, 0, L'│', '|', a, pr);
        style_put(o, &v->st, r, w - 1, L'│', '|', a, pr);
    }
    style_rule(o, &v->st, 0, 0, w, "Keys (Esc or ? closes this help)", true);
    style_rule(o, &v->st, h - 1, 0, w, NULL, false);
    int colw = (w - 4) / cols;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!t[i].label)
            continue;
        int c = k / per, r = k % per;
        k++;
        int yy = 2 + r, xx = 2 + c * colw;
        if (yy >= h - 1)
            continue;
        style_text(o, &v->st, yy, xx, OVERLAY_KEY_W, ROLE_KEY, t[i].label);
        style_text(o, &v->st, yy, xx + OVERLAY_KEY_W, colw - OVERLAY_KEY_W - 1,
                   ROLE_NORMAL, t[i].help);
    }
    wnoutrefresh(o);
}

void overlay_draw(tui_view *v)
{
    if (v->overlay == OVERLAY_HELP)
        overlay_help(v);
}

static void overlay_save(tui_view *v)
{
    session *s = v->s;
    char err[512];
    if (v->prompt_len == 0) {
        view_say(v, true, "no file name: nothing saved");
        return;
    }
    if (model_io_save(v->prompt, &s->net, s->cfg.loss, &s->prep, &s->data, err,
                      sizeof err) < 0)
        view_say(v, true, "%s", err[0] ? err : "the model could not be saved");
    else
        view_say(v, false, "saved the model to %s", v->prompt);
}

bool overlay_handle_key(tui_view *v, int key)
{
    switch (v->overlay) {
    case OVERLAY_NONE:
        return false;
    case OVERLAY_HELP:
        if (key == 'q')
            return false; /* quits */
        if (key == KEY_RESIZE || key == KEY_MOUSE)
            return false;
        v->overlay = OVERLAY_NONE;
        return true;
    case OVERLAY_PROMPT:
        if (key == 27) {
            v->overlay = OVERLAY_NONE;
            view_say(v, false, "not saved");
        } else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
            v->overlay = OVERLAY_NONE;
            overlay_save(v);
        } else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
            if (v->prompt_len > 0)
                v->prompt[--v->prompt_len] = '\0';
        } else if (key == 21) { /* Ctrl-U */
            v->prompt_len = 0;
            v->prompt[0] = '\0';
        } else if (key >= 32 && key < 127 && v->prompt_len < VIEW_PROMPT_MAX - 1) {
            v->prompt[v->prompt_len++] = (char)key;
            v->prompt[v->prompt_len] = '\0';
        } else if (key == KEY_RESIZE) {
            return false;
        }
        return true;
    }
    return false;
}
