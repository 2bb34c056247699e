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
    char key[32];
    const char *text; /* NULL: a heading (key holds nothing) */
    const char *heading;
    int text_len;
} overlay_item;

/* The help lines of table t appended to it[n..cap). */
static int overlay_table_items(const key_binding *t, overlay_item *it, int n,
                               int cap)
{
    keymap_line lines[OVERLAY_ITEMS];
    int k = keymap_help_lines(t, lines, cap - n < OVERLAY_ITEMS ? cap - n : OVERLAY_ITEMS);
    for (int i = 0; i < k; i++, n++) {
        memset(&it[n], 0, sizeof it[n]);
        snprintf(it[n].key, sizeof it[n].key, "%.31s", lines[i].keys);
        it[n].text = lines[i].help;
    }
    return n;
}

/* The help's lines: the view's keys under its title, then the table. */
static int overlay_help_items(const tui_view *v, overlay_item *it, int cap)
{
    int n = 0;
    if (v->mode != MODE_MAIN) {
        const view_mode_ops *m = view_mode_get(v->mode);
        memset(&it[n], 0, sizeof it[n]);
        it[n++].heading = m->title;
        if (m->about && n < cap) {
            memset(&it[n], 0, sizeof it[n]);
            it[n++].text = m->about;
        }
        n = overlay_table_items(m->keys, it, n, cap - 1);
        memset(&it[n], 0, sizeof it[n]);
        it[n++].heading = "Every view";
    }
    return overlay_table_items(keys_global(), it, n, cap);
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

static const key_binding overlay_menu_keys[] = {
    {KEY_UP, ACTION_MENU_UP},      {KEY_DOWN, ACTION_MENU_DOWN},
    {'\r', ACTION_MENU_OPEN},      {'\n', ACTION_MENU_OPEN},
    {KEY_ENTER, ACTION_MENU_OPEN}, {'1', ACTION_MENU_PICK_1},
    {'2', ACTION_MENU_PICK_2},     {'3', ACTION_MENU_PICK_3},
    {'4', ACTION_MENU_PICK_4},     {'5', ACTION_MENU_PICK_5},
    {'6', ACTION_MENU_PICK_6},     {'7', ACTION_MENU_PICK_7},
    {'8', ACTION_MENU_PICK_8},     {'9', ACTION_MENU_PICK_9},
    {KEY_ESC, ACTION_CLOSE},       {'b', ACTION_CLOSE},
    {KEY_F(2), ACTION_CLOSE},      {0, ACTION_NONE},
};

static void overlay_lessons_action(tui_view *v, tui_action a)
{
    int n = lesson_count();
    int rows = n + (v->lesson ? 1 : 0);
    int pick = -1;
    switch (a) {
    case ACTION_MENU_UP:
        v->menu_cursor = (v->menu_cursor - 1 + rows) % rows;
        return;
    case ACTION_MENU_DOWN:
        v->menu_cursor = (v->menu_cursor + 1) % rows;
        return;
    case ACTION_MENU_OPEN:
        pick = v->menu_cursor;
        break;
    case ACTION_CLOSE:
        v->overlay = OVERLAY_NONE;
        return;
    default:
        if (a >= ACTION_MENU_PICK_1 && a <= ACTION_MENU_PICK_9 &&
            (int)(a - ACTION_MENU_PICK_1) < n) {
            pick = (int)(a - ACTION_MENU_PICK_1);
            break;
        }
        return;
    }
    v->overlay = OVERLAY_NONE;
    if (pick >= n)
        view_request_leave_lesson(v);
    else
        view_request_lesson(v, lesson_get(pick), 0);
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
    if (model_io_save_session(v->prompt, s, err, sizeof err) < 0)
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
    session_status before = v->s->status;
    int rc = session_set_param(v->s, (S->col - 1) / 2, S->j, S->i, x);
    view_after_command(v, rc);
    /* a converged run is judged again at once: say what the edit did to it
     * (the engine's reason, after its "weight edited: ") */
    const char *what = strstr(v->s->reason, ": ");
    if (rc == 0 && before == SESSION_CONVERGED && what)
        view_say(v, false, "%s = %s: %s", name, v->prompt, what + 2);
    else if (rc == 0)
        view_say(v, false, "%s = %s", name, v->prompt);
}

/* Text typed into the prompt (text prompts read characters, not actions):
 * Backspace, Ctrl-U (clear) and printable ASCII. */
static void overlay_prompt_text(tui_view *v, int key)
{
    if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        if (v->prompt_len > 0)
            v->prompt[--v->prompt_len] = '\0';
    } else if (key == 21) { /* Ctrl-U */
        v->prompt_len = 0;
        v->prompt[0] = '\0';
    } else if (key >= 32 && key < 127 && v->prompt_len < VIEW_PROMPT_MAX - 1) {
        v->prompt[v->prompt_len++] = (char)key;
        v->prompt[v->prompt_len] = '\0';
    }
}

static const key_binding overlay_help_keys[] = {
    {KEY_NPAGE, ACTION_PAGE_NEXT}, {KEY_RIGHT, ACTION_PAGE_NEXT},
    {KEY_DOWN, ACTION_PAGE_NEXT},  {' ', ACTION_PAGE_ON},
    {KEY_PPAGE, ACTION_PAGE_PREV}, {KEY_LEFT, ACTION_PAGE_PREV},
    {KEY_UP, ACTION_PAGE_PREV},    {'q', ACTION_QUIT},
    {0, ACTION_NONE},
};

/* The help: pages turn; the last page's space and any other key close it;
 * q quits (the global table's). */
static bool overlay_help_key(tui_view *v, int key)
{
    if (key == KEY_RESIZE || key == KEY_MOUSE)
        return false;
    tui_action a = keymap_find(overlay_help_keys, key);
    if (a == ACTION_QUIT)
        return false;
    if (a == ACTION_PAGE_NEXT || a == ACTION_PAGE_ON) {
        if (v->help_page + 1 < overlay_help_pages(v))
            v->help_page++;
        else if (a == ACTION_PAGE_ON)
            v->overlay = OVERLAY_NONE;
        return true;
    }
    if (a == ACTION_PAGE_PREV) {
        if (v->help_page > 0)
            v->help_page--;
        return true;
    }
    v->overlay = OVERLAY_NONE;
    return true;
}

static const key_binding overlay_prompt_keys[] = {
    {KEY_ESC, ACTION_CLOSE},       {'\n', ACTION_MENU_OPEN},
    {'\r', ACTION_MENU_OPEN},      {KEY_ENTER, ACTION_MENU_OPEN},
    {0, ACTION_NONE},
};

/* The prompt: Enter does it, Esc cancels, the rest edits the text. */
static bool overlay_prompt_key(tui_view *v, int key)
{
    tui_action a = keymap_find(overlay_prompt_keys, key);
    if (a == ACTION_CLOSE) {
        v->overlay = OVERLAY_NONE;
        view_say(v, false, v->prompt_kind == PROMPT_EDIT_WEIGHT
                               ? "the weight is unchanged"
                               : "not saved");
    } else if (a == ACTION_MENU_OPEN) {
        v->overlay = OVERLAY_NONE;
        if (v->prompt_len == 0 && v->prompt_kind == PROMPT_EDIT_WEIGHT) {
            view_say(v, false, "nothing typed: the weight is unchanged");
            return true;
        }
        if (v->prompt_len == 0) {
            /* Enter on nothing takes the default the prompt shows */
            snprintf(v->prompt, sizeof v->prompt, "%s", v->prompt_default);
            v->prompt_len = (int)strlen(v->prompt);
        }
        if (v->prompt_kind == PROMPT_EDIT_WEIGHT)
            overlay_edit(v);
        else if (v->prompt_kind == PROMPT_SAVE_SCENE)
            overlay_save_scene(v);
        else
            overlay_save(v);
    } else if (key == KEY_RESIZE) {
        return false;
    } else {
        overlay_prompt_text(v, key);
    }
    return true;
}

bool overlay_handle_key(tui_view *v, int key)
{
    switch (v->overlay) {
    case OVERLAY_NONE:
        return false;
    case OVERLAY_HELP:
        return overlay_help_key(v, key);
    case OVERLAY_LESSONS:
        if (key == KEY_RESIZE || key == KEY_MOUSE ||
            keymap_find(keys_global(), key) == ACTION_QUIT)
            return false;
        overlay_lessons_action(v, keymap_find(overlay_menu_keys, key));
        return true;
    case OVERLAY_PROMPT:
        return overlay_prompt_key(v, key);
    }
    return false;
}
