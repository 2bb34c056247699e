/* screen.c - the composition root of the screen: it sets the view up,
 * places every window in one layout function, draws the frame (the panels
 * or the view shown, the lesson line, the status rows, an overlay; one
 * doupdate), routes each key (overlay, lesson, view, global table) to an
 * action, and carries out the requests commands leave (open a view, go to
 * a lesson's scene). Everything it uses sits below it; nothing calls up
 * into it but the main loop. */
#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/panel.h"
#include "tui/panel_net.h"

#define SCREEN_SPEED_DEFAULT 6

/* ---- views: opening and closing, with the state the framework owns ---- */

/* Closes the view shown (its close(), then its state) and shows the
 * panels. */
static void screen_close_mode(tui_view *v)
{
    const view_mode_ops *m = view_mode_get(v->mode);
    if (v->mode != MODE_MAIN && m->close)
        m->close(v);
    free(v->mode_state[v->mode]);
    v->mode_state[v->mode] = NULL;
    v->mode = MODE_MAIN;
}

int screen_set_mode(tui_view *v, view_mode m)
{
    if ((int)m < 0 || m >= MODE_COUNT)
        m = MODE_MAIN;
    screen_close_mode(v);
    v->dirty = true;
    if (m == MODE_MAIN)
        return 0;
    const view_mode_ops *ops = view_mode_get(m);
    /* a view copies or reads the session whole: finish any step that play
     * left part done in slices */
    session_slice_finish(v->s);
    if (ops->state_size) {
        v->mode_state[m] = calloc(1, ops->state_size);
        if (!v->mode_state[m]) {
            view_say(v, true, "out of memory: the %s view cannot open", ops->name);
            return -1;
        }
    }
    v->mode = m;
    if (ops->open && ops->open(v) < 0) {
        screen_close_mode(v);
        if (!v->message[0])
            view_say(v, true, "the %s view cannot open here", ops->name);
        return -1;
    }
    return 0;
}

/* ---- set-up and layout ---- */

int screen_init(tui_view *v, session *s, const tui_options *o)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->opt = o;
    if (style_init(&v->st) < 0)
        return -1;
    v->speed = SCREEN_SPEED_DEFAULT;
    v->focus = PANEL_NET;
    v->panels[PANEL_NET].ops = &panel_net_ops;
    v->panels[PANEL_WEIGHTS].ops = &panel_weights_ops;
    v->panels[PANEL_LOSS].ops = &panel_loss_ops;
    v->panels[PANEL_MAP].ops = &panel_map_ops;
    /* start on the output node: the map shows the model */
    v->sel.col = 2 * s->net.n_layers;
    v->sample = 0;
    v->show_test = true;
    v->stop_at_verdict = true;
    if (o)
        v->gen = o->gen;
    else
        ds_gen_options_default(&v->gen);
    v->dataset_index = view_dataset_index(s);
    v->map.stamp = -1;
    v->map.pts_stamp = -1;
    v->metrics_stamp = -1;
    v->mode = MODE_MAIN;
    v->dirty = true;
    view_fix_selection(v);
    return 0;
}

static void screen_free_windows(tui_view *v)
{
    for (int i = 0; i < PANEL_COUNT; i++) {
        if (v->panels[i].win)
            delwin(v->panels[i].win);
        v->panels[i].win = NULL;
        v->panels[i].visible = false;
    }
    if (v->status_win)
        delwin(v->status_win);
    if (v->overlay_win)
        delwin(v->overlay_win);
    if (v->mode_win)
        delwin(v->mode_win);
    if (v->lesson_win)
        delwin(v->lesson_win);
    v->status_win = v->overlay_win = v->mode_win = v->lesson_win = NULL;
}

void screen_free(tui_view *v)
{
    screen_close_mode(v);
    screen_free_windows(v);
    style_free(&v->st);
    free(v->map.raw);
    free(v->map.in);
    free(v->map.out);
    free(v->map.work);
    free(v->map.val);
    free(v->map.cls);
    free(v->map.pts_raw);
    free(v->map.pts_out);
    free(v->map.pts_row);
    free(v->act_buf);
    free(v->canvas);
    free(v->scratch);
    panel_net_maps_free(v);
    memset(&v->map, 0, sizeof v->map);
    v->act_buf = NULL;
    v->canvas = NULL;
    v->scratch = NULL;
}

static void screen_place(tui_view *v, panel_id id, int y, int x, int h, int w,
                       bool left_rule)
{
    panel *p = &v->panels[id];
    p->y = y;
    p->x = x;
    p->h = h;
    p->w = w;
    p->left_rule = left_rule;
    p->win = newwin(h, w, y, x);
    p->visible = p->win != NULL;
    /* row 0 is the title rule; a right-hand panel starts with its rule
     * column; a left-hand one keeps a blank column before it */
    p->cy = 1;
    p->cx = left_rule ? 1 : 0;
    p->ch = h - 1;
    p->cw = w - 1;
    if (p->visible && p->ops->layout)
        p->ops->layout(v, p);
}

void screen_layout(tui_view *v)
{
    screen_free_windows(v);
    getmaxyx(stdscr, v->lines, v->cols);
    v->too_small = v->cols < VIEW_MIN_COLS || v->lines < VIEW_MIN_LINES;
    v->dirty = true;
    v->map.stamp = -1;
    if (v->too_small)
        return;
    /* Two columns: network over weights on the left, decision map over
     * loss on the right; the lesson line (in a lesson) and the status rows
     * at the bottom. A view mode has the whole body. */
    int body = view_body_lines(v);
    int left_w = v->cols * 58 / 100;
    if (left_w < 46)
        left_w = 46;
    int right_w = v->cols - left_w;
    int top_h = body * 55 / 100;
    if (top_h < 12)
        top_h = 12;
    int bottom_h = body - top_h;
    screen_place(v, PANEL_NET, 0, 0, top_h, left_w, false);
    screen_place(v, PANEL_WEIGHTS, top_h, 0, bottom_h, left_w, false);
    screen_place(v, PANEL_MAP, 0, left_w, top_h, right_w, true);
    screen_place(v, PANEL_LOSS, top_h, left_w, bottom_h, right_w, true);
    v->status_win = newwin(2, v->cols, v->lines - 2, 0);
    v->mode_win = newwin(body, v->cols, 0, 0);
    if (v->lesson)
        v->lesson_win = newwin(1, v->cols, body, 0);
    view_fix_selection(v);
}

/* ---- the frame ---- */

static void screen_draw_too_small(tui_view *v)
{
    werase(stdscr);
    char l1[96], l2[96];
    const char *l3 = "Enlarge the window, or press q to quit.";
    snprintf(l1, sizeof l1, "The terminal is too small: %dx%d.", v->cols,
             v->lines);
    snprintf(l2, sizeof l2, "mlpviz needs at least %dx%d.", VIEW_MIN_COLS,
             VIEW_MIN_LINES);
    const char *lines[3] = {l1, l2, l3};
    int top = v->lines / 2 - 1;
    if (top < 0)
        top = 0;
    for (int i = 0; i < 3; i++) {
        int n = (int)strlen(lines[i]);
        int x = (v->cols - n) / 2;
        if (x < 0)
            x = 0;
        if (top + i < v->lines)
            mvwaddnstr(stdscr, top + i, x, lines[i], v->cols - x);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

void screen_draw(tui_view *v)
{
    struct timespec now;
    view_now(&now);
    if (v->message[0] && view_elapsed(&v->message_until, &now) > 0)
        v->message[0] = '\0';
    if (v->too_small) {
        screen_draw_too_small(v);
        v->dirty = false;
        return;
    }
    screen_sync(v);
    /* stdscr first (only input is read from it), then the panels or the
     * mode that covers them */
    wnoutrefresh(stdscr);
    const view_mode_ops *m = view_mode_get(v->mode);
    if (m->draw && v->mode_win) {
        int h, w;
        getmaxyx(v->mode_win, h, w);
        werase(v->mode_win);
        m->draw(v, v->mode_win, h, w);
        wnoutrefresh(v->mode_win);
    } else {
        status_titles(v);
        for (int i = 0; i < PANEL_COUNT; i++) {
            panel *p = &v->panels[i];
            if (!p->visible)
                continue;
            p->ops->draw(v, p);
            wnoutrefresh(p->win);
        }
    }
    if (v->lesson_win) {
        lesson_bar_draw(v);
        wnoutrefresh(v->lesson_win);
    }
    status_draw(v);
    if (v->status_win)
        wnoutrefresh(v->status_win);
    overlay_draw(v);
    doupdate();
    v->dirty = false;
}

/* ---- the start, lessons ---- */

void screen_apply_start(tui_view *v)
{
    if (!v->opt)
        return;
    const scene_view *sv = &v->opt->view;
    if (sv->lesson[0]) {
        const lesson *l = lesson_find(sv->lesson);
        if (!l) {
            view_say(v, true, "the scene names an unknown lesson '%s'", sv->lesson);
        } else if (sv->lesson_scene < 0 || sv->lesson_scene >= l->n_scenes) {
            view_say(v, true, "lesson %s has no scene %d", l->name,
                     sv->lesson_scene + 1);
        } else {
            v->lesson = l;
            v->lesson_scene = sv->lesson_scene;
            if (v->lines > 0)
                screen_layout(v); /* the lesson line takes a row */
        }
    }
    /* the record's weight; a lesson's own pick when the record has none
     * (--lesson leaves it zero) */
    bool zero = sv->layer == 0 && sv->unit == 0 && sv->input == 0;
    const lesson_pick *pk =
        v->lesson ? &v->lesson->scenes[v->lesson_scene].pick : NULL;
    if (zero && pk && pk->layer >= 0)
        view_select_weight(v, pk->layer, pk->unit, pk->input);
    else if (sv->layer >= 0 && (!zero || sv->view[0]))
        view_select_weight(v, sv->layer, sv->unit, sv->input);
    if (sv->view[0]) {
        view_mode m;
        if (!view_mode_from_name(sv->view, &m))
            view_say(v, true, "unknown view '%s': showing the main panels", sv->view);
        else
            screen_set_mode(v, m);
    }
}

int screen_lesson_goto(tui_view *v, const lesson *l, int k)
{
    char err[SESSION_MESSAGE_MAX];
    if (!l || k < 0 || k >= l->n_scenes) {
        view_say(v, true, "that lesson has no scene %d", k + 1);
        return -1;
    }
    /* the mode may hold copies of the session: it closes first */
    view_mode old = v->mode;
    screen_set_mode(v, MODE_MAIN);
    if (v->playing)
        view_set_playing(v, false);
    err[0] = '\0';
    if (lesson_goto(l, k, v->s, err, sizeof err) < 0) {
        view_say(v, true, "%s", err[0] ? err : "the scene could not be built");
        screen_set_mode(v, old);
        return -1;
    }
    bool relayout = v->lesson == NULL;
    v->lesson = l;
    v->lesson_scene = k;
    /* a new session: nothing cached for the old one stays */
    v->map.stamp = -1;
    v->map.pts_stamp = -1;
    v->metrics_stamp = -1;
    v->sample = 0;
    if (v->s->last.row >= 0 && v->s->last.row < ds_rows(&v->s->data))
        v->sample = v->s->last.row;
    const lesson_scene *sc = &l->scenes[k];
    v->sel.col = 2 * v->s->net.n_layers;
    v->sel.node = 0;
    view_fix_selection(v);
    if (sc->pick.layer >= 0)
        view_select_weight(v, sc->pick.layer, sc->pick.unit, sc->pick.input);
    if (relayout && v->lines > 0)
        screen_layout(v);
    view_mode m;
    if (view_mode_from_name(sc->view, &m))
        screen_set_mode(v, m);
    else
        view_say(v, true, "the scene asks for an unknown view '%s'", sc->view);
    v->dirty = true;
    return 0;
}

void screen_lesson_leave(tui_view *v)
{
    if (!v->lesson)
        return;
    v->lesson = NULL;
    v->lesson_scene = 0;
    if (v->lines > 0)
        screen_layout(v);
    view_say(v, false, "left the lesson: the session stays as it is");
}

/* ---- requests and keys ---- */

void screen_sync(tui_view *v)
{
    view_fix_selection(v);
    const view_mode_ops *m = view_mode_get(v->mode);
    if (v->mode != MODE_MAIN && m->sync)
        m->sync(v);
}

void screen_apply_requests(tui_view *v)
{
    /* a request made while carrying one out waits for the next turn: at
     * most a few rounds */
    for (int round = 0; round < 4; round++) {
        if (v->req.leave) {
            v->req.leave = false;
            screen_lesson_leave(v);
        } else if (v->req.lesson) {
            v->req.lesson = false;
            screen_lesson_goto(v, v->req.to, v->req.scene);
        } else if (v->req.mode) {
            v->req.mode = false;
            screen_set_mode(v, v->req.mode_to);
        } else {
            return;
        }
    }
}

/* An action: the view shown may take it, else its global handler runs. */
static bool screen_action(tui_view *v, tui_action a)
{
    if (a == ACTION_NONE)
        return false;
    const view_mode_ops *m = view_mode_get(v->mode);
    screen_sync(v);
    if (v->mode != MODE_MAIN && m->handle_action && m->handle_action(v, (int)a)) {
        v->dirty = true;
        return true;
    }
    return keys_run(v, a);
}

bool screen_key(tui_view *v, int key)
{
    bool used;
    const key_binding *global = keys_global();
    tui_action a = keymap_find(global, key);
    if (v->overlay != OVERLAY_NONE && overlay_handle_key(v, key)) {
        used = true;
    } else if (v->lesson && (a == ACTION_LESSON_NEXT || a == ACTION_LESSON_BACK)) {
        /* inside a lesson Enter and Backspace always move between scenes
         * (or say that the lesson ends here); a view's own Enter has
         * another key too */
        used = keys_run(v, a);
    } else {
        tui_action own = ACTION_NONE;
        if (v->mode != MODE_MAIN)
            own = keymap_find(view_mode_get(v->mode)->keys, key);
        used = own != ACTION_NONE ? screen_action(v, own) : screen_action(v, a);
    }
    screen_apply_requests(v);
    if (used)
        v->dirty = true;
    return used;
}
