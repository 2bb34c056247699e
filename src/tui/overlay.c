/* overlay.c - what opens over the panels: the help (the view's own keys,
 * then every key of the key table with its help text, in one or two
 * columns, in pages when they do not fit), the lesson menu, and the prompt
 * answered on the status row (a file name for the model or the scene, or a
 * new value for the selected weight; Enter does it, Esc cancels). */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/model_io.h"
#include "io/scene_io.h"
#include "tui/keys.h"

#define OVERLAY_KEY_W 7
#define OVERLAY_ITEMS 160

typedef struct {
    char key[16];
    const char *text; /* NULL: a heading (key holds nothing) */
    const char *heading;
    int text_len;
} overlay_item;

/* The help's lines: the mode's keys under its title, then the table. */
static int overlay_help_items(const tui_view *v, overlay_item *it, int cap)
{
    int n = 0;
    if (v->mode != MODE_MAIN) {
        const view_mode_ops *m = view_mode_get(v->mode);
        if (m->help && m->help[0]) {
            memset(&it[n], 0, sizeof it[n]);
            it[n++].heading = m->title;
            for (int k = 0; m->help[k] && n < cap - 1; k++) {
                const char *tab = strchr(m->help[k], '\t');
                memset(&it[n], 0, sizeof it[n]);
                if (tab) {
                    int kl = (int)(tab - m->help[k]);
                    if (kl > (int)sizeof it[n].key - 1)
                        kl = (int)sizeof it[n].key - 1;
                    snprintf(it[n].key, sizeof it[n].key, "%.*s", kl, m->help[k]);
                    it[n].text = tab + 1;
                } else {
                    it[n].text = m->help[k];
                }
                n++;
            }
            if (n < cap) {
                memset(&it[n], 0, sizeof it[n]);
                it[n++].heading = "Every view";
            }
        }
    }
    int count;
    const keys_binding *t = keys_table(&count);
    for (int i = 0; i < count && n < cap; i++) {
        if (!t[i].label)
            continue;
        memset(&it[n], 0, sizeof it[n]);
        snprintf(it[n].key, sizeof it[n].key, "%s", t[i].label);
        it[n].text = t[i].help;
        n++;
    }
    return n;
}

/* A box with a title rule at the top and a rule at the bottom. */
static WINDOW *overlay_box(tui_view *v, int h, int w, const char *title)
{
    int y = (view_body_lines(v) - h) / 2, x = (v->cols - w) / 2;
    if (y < 0)
        y = 0;
    if (x < 0)
        x = 0;
    if (v->overlay_win)
        delwin(v->overlay_win);
    v->overlay_win = newwin(h, w, y, x);
    if (!v->overlay_win)
        return NULL;
    WINDOW *o = v->overlay_win;
    werase(o);
    attr_t a;
    short pr;
    style_get(&v->st, ROLE_RULE, &a, &pr);
    for (int r = 0; r < h; r++) {
        style_put(o, &v->st, r, 0, L'│', '|', a, pr);
        style_put(o, &v->st, r, w - 1, L'│', '|', a, pr);
    }
    style_rule(o, &v->st, 0, 0, w, title, true);
    style_rule(o, &v->st, h - 1, 0, w, NULL, false);
    return o;
}

/* Lines of one help page for the screen as it is, and the pages. */
static void overlay_help_geometry(const tui_view *v, int items, int *cols,
                                  int *per, int *pages, int *h, int *w)
{
    int maxw = v->cols < 100 ? v->cols : 100;
    int maxh = view_body_lines(v);
    *cols = items + 4 > maxh ? 2 : 1;
    int rows = maxh - 3; /* the title rule, a blank row, the bottom rule */
    if (rows < 1)
        rows = 1;
    int need = (items + *cols - 1) / *cols;
    *per = need < rows ? need : rows;
    if (*per < 1)
        *per = 1;
    *pages = (items + *per * *cols - 1) / (*per * *cols);
    if (*pages < 1)
        *pages = 1;
    /* a blank row under the keys when there is room for it */
    *h = *per + 4 <= maxh ? *per + 4 : *per + 3;
    *w = maxw;
    if (*cols == 1 && *w > 70)
        *w = 70;
}

static void overlay_help(tui_view *v)
{
    overlay_item it[OVERLAY_ITEMS];
    int n = overlay_help_items(v, it, OVERLAY_ITEMS);
    int cols, per, pages, h, w;
    overlay_help_geometry(v, n, &cols, &per, &pages, &h, &w);
    if (v->help_page >= pages)
        v->help_page = pages - 1;
    if (v->help_page < 0)
        v->help_page = 0;
    char title[96];
    if (pages > 1)
        snprintf(title, sizeof title,
                 "Keys %d/%d (Esc or ? closes this help, PgDn/PgUp pages)",
                 v->help_page + 1, pages);
    else
        snprintf(title, sizeof title, "Keys (Esc or ? closes this help)");
    WINDOW *o = overlay_box(v, h, w, title);
    if (!o)
        return;
    int colw = (w - 4) / cols;
    int first = v->help_page * per * cols;
    for (int k = first; k < n && k < first + per * cols; k++) {
        int c = (k - first) / per, r = (k - first) % per;
        int yy = 2 + r, xx = 2 + c * colw;
        if (yy >= h - 1)
            continue;
        if (it[k].heading) {
            style_text(o, &v->st, yy, xx, colw - 1, ROLE_TITLE, it[k].heading);
            continue;
        }
        style_text(o, &v->st, yy, xx, OVERLAY_KEY_W, ROLE_KEY, it[k].key);
        style_text(o, &v->st, yy, xx + OVERLAY_KEY_W, colw - OVERLAY_KEY_W - 1,
                   ROLE_NORMAL, it[k].text ? it[k].text : "");
    }
    wnoutrefresh(o);
}

static int overlay_help_pages(const tui_view *v)
{
    overlay_item it[OVERLAY_ITEMS];
    int n = overlay_help_items(v, it, OVERLAY_ITEMS);
    int cols, per, pages, h, w;
    overlay_help_geometry(v, n, &cols, &per, &pages, &h, &w);
    return pages;
}

/* ---- the lesson menu ---- */

static void overlay_lessons(tui_view *v)
{
    int n = lesson_count();
    int rows = n + (v->lesson ? 1 : 0);
    int h = rows + 5;
    int maxh = view_body_lines(v);
    if (h > maxh)
        h = maxh;
    int w = v->cols < 76 ? v->cols : 76;
    WINDOW *o = overlay_box(v, h, w,
                            "Lessons (arrows choose, Enter opens, Esc closes)");
    if (!o)
        return;
    int top = v->menu_cursor - (h - 5) + 1;
    if (top < 0)
        top = 0;
    for (int k = top; k < rows && 2 + k - top < h - 2; k++) {
        int yy = 2 + k - top;
        bool cur = k == v->menu_cursor;
        char line[160];
        if (k < n) {
            const lesson *l = lesson_get(k);
            snprintf(line, sizeof line, "%d %-11s %s", k + 1, l->name, l->title);
        } else {
            snprintf(line, sizeof line, "  leave the lesson (keep the session)");
        }
        style_text(o, &v->st, yy, 2, w - 4, cur ? ROLE_SELECT : ROLE_NORMAL, line);
    }
    style_text(o, &v->st, h - 2, 2, w - 4, ROLE_DIM,
               "each lesson is scenes: Enter next, Backspace back");
    wnoutrefresh(o);
}

static void overlay_lessons_key(tui_view *v, int key)
{
    int n = lesson_count();
    int rows = n + (v->lesson ? 1 : 0);
    if (key == KEY_UP) {
        v->menu_cursor = (v->menu_cursor - 1 + rows) % rows;
        return;
    }
    if (key == KEY_DOWN) {
        v->menu_cursor = (v->menu_cursor + 1) % rows;
        return;
    }
    int pick = -1;
    if (key >= '1' && key <= '9' && key - '1' < n)
        pick = key - '1';
    else if (key == '\r' || key == '\n' || key == KEY_ENTER)
        pick = v->menu_cursor;
    else if (key == 27 || key == 'b' || key == KEY_F(2)) {
        v->overlay = OVERLAY_NONE;
        return;
    } else {
        return;
    }
    v->overlay = OVERLAY_NONE;
    if (pick >= n) {
        lesson_bar_leave(v);
        return;
    }
    lesson_bar_goto(v, lesson_get(pick), 0);
}

void overlay_draw(tui_view *v)
{
    if (v->overlay == OVERLAY_HELP)
        overlay_help(v);
    else if (v->overlay == OVERLAY_LESSONS)
        overlay_lessons(v);
}

/* ---- the prompt ---- */

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

static void overlay_save_scene(tui_view *v)
{
    char err[512];
    if (v->prompt_len == 0) {
        view_say(v, true, "no file name: nothing saved");
        return;
    }
    scene_view sv;
    memset(&sv, 0, sizeof sv);
    snprintf(sv.view, sizeof sv.view, "%s", view_mode_get(v->mode)->name);
    view_selected_weight(v, &sv.layer, &sv.unit, &sv.input);
    if (v->lesson) {
        snprintf(sv.lesson, sizeof sv.lesson, "%s", v->lesson->name);
        sv.lesson_scene = v->lesson_scene;
    }
    err[0] = '\0';
    session_slice_finish(v->s); /* save a whole step, not part of one */
    if (scene_io_save(v->prompt, v->s, &sv, err, sizeof err) < 0)
        view_say(v, true, "%s", err[0] ? err : "the scene could not be saved");
    else
        view_say(v, false, "saved the scene to %s (mlpviz --session %s)",
                 v->prompt, v->prompt);
}

static void overlay_edit(tui_view *v)
{
    char *end;
    const char *p = v->prompt;
    while (*p == ' ')
        p++;
    double x = strtod(p, &end);
    while (*end == ' ')
        end++;
    if (end == p || *end || !isfinite(x)) {
        view_say(v, true, "'%s' is not a number: the weight is unchanged",
                 v->prompt);
        return;
    }
    const view_selection *S = &v->prompt_sel;
    char name[64];
    view_weight_name(v, S, name, sizeof name);
    v->s->message[0] = '\0';
    int rc = session_set_param(v->s, (S->col - 1) / 2, S->j, S->i, x);
    view_after_command(v, rc);
    if (rc == 0)
        view_say(v, false, "%s = %s", name, v->prompt);
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
        if (key == KEY_NPAGE || key == KEY_RIGHT || key == KEY_DOWN ||
            key == ' ') {
            int pages = overlay_help_pages(v);
            if (v->help_page + 1 < pages)
                v->help_page++;
            else if (key == ' ')
                v->overlay = OVERLAY_NONE;
            return true;
        }
        if (key == KEY_PPAGE || key == KEY_LEFT || key == KEY_UP) {
            if (v->help_page > 0)
                v->help_page--;
            return true;
        }
        v->overlay = OVERLAY_NONE;
        return true;
    case OVERLAY_LESSONS:
        if (key == 'q' || key == KEY_RESIZE || key == KEY_MOUSE)
            return false;
        overlay_lessons_key(v, key);
        return true;
    case OVERLAY_PROMPT:
        if (key == 27) {
            v->overlay = OVERLAY_NONE;
            view_say(v, false, v->prompt_kind == PROMPT_EDIT_WEIGHT
                                   ? "the weight is unchanged"
                                   : "not saved");
        } else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
            v->overlay = OVERLAY_NONE;
            if (v->prompt_kind == PROMPT_EDIT_WEIGHT)
                overlay_edit(v);
            else if (v->prompt_kind == PROMPT_SAVE_SCENE)
                overlay_save_scene(v);
            else
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
