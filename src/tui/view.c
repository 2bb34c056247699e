/* view.c - the view state of the screen: set-up, the one layout function
 * that places every window, the frame (each panel drawn into its window,
 * then a single doupdate), the selection rules and the status messages.
 * It reads the session and never changes it (commands live in keys.c). */
#include "tui/view.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/panel.h"

/* Play speeds in epochs per second; 0 is "as fast as the slices allow". */
static const double view_speeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};
static const char *const view_speed_labels[] = {
    "1/s", "2/s", "5/s", "10/s", "20/s", "50/s", "100/s", "200/s", "500/s",
    "1000/s", "max"};
#define VIEW_SPEED_DEFAULT 6
#define VIEW_MESSAGE_SECONDS 6.0

void view_now(struct timespec *t) { clock_gettime(CLOCK_MONOTONIC, t); }

double view_elapsed(const struct timespec *from, const struct timespec *to)
{
    return (double)(to->tv_sec - from->tv_sec) +
           (double)(to->tv_nsec - from->tv_nsec) * 1e-9;
}

int view_speed_count(void)
{
    return (int)(sizeof view_speeds / sizeof view_speeds[0]);
}

double view_speed(const tui_view *v) { return view_speeds[v->speed]; }

const char *view_speed_label(const tui_view *v)
{
    return view_speed_labels[v->speed];
}

static int view_find_dataset(const session *s)
{
    for (int i = 0; i < ds_builtin_count(); i++)
        if (strcmp(ds_builtin_name(i), s->data.name) == 0)
            return i;
    return -1;
}

int view_init(tui_view *v, session *s, const tui_options *o)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->opt = o;
    if (style_init(&v->st) < 0)
        return -1;
    v->speed = VIEW_SPEED_DEFAULT;
    v->focus = PANEL_NET;
    v->panels[PANEL_NET].ops = &panel_net_ops;
    v->panels[PANEL_WEIGHTS].ops = &panel_weights_ops;
    v->panels[PANEL_LOSS].ops = &panel_loss_ops;
    v->panels[PANEL_MAP].ops = &panel_map_ops;
    /* start on the output node: the map shows the model */
    v->sel.col = 2 * s->net.n_layers;
    v->sample = 0;
    v->show_test = true;
    v->dataset_index = view_find_dataset(s);
    v->map.stamp = -1;
    v->map.pts_stamp = -1;
    v->metrics_stamp = -1;
    v->mode = MODE_MAIN;
    v->dirty = true;
    view_fix_selection(v);
    return 0;
}

static void view_free_windows(tui_view *v)
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

void view_free(tui_view *v)
{
    /* the mode's close() frees what its open() made */
    const view_mode_ops *m = view_mode_get(v->mode);
    if (m->close)
        m->close(v);
    v->mode = MODE_MAIN;
    view_free_windows(v);
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
    memset(&v->map, 0, sizeof v->map);
    v->act_buf = NULL;
    v->canvas = NULL;
    v->scratch = NULL;
}

static void view_place(tui_view *v, panel_id id, int y, int x, int h, int w,
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

void view_layout(tui_view *v)
{
    view_free_windows(v);
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
    view_place(v, PANEL_NET, 0, 0, top_h, left_w, false);
    view_place(v, PANEL_WEIGHTS, top_h, 0, bottom_h, left_w, false);
    view_place(v, PANEL_MAP, 0, left_w, top_h, right_w, true);
    view_place(v, PANEL_LOSS, top_h, left_w, bottom_h, right_w, true);
    v->status_win = newwin(2, v->cols, v->lines - 2, 0);
    v->mode_win = newwin(body, v->cols, 0, 0);
    if (v->lesson)
        v->lesson_win = newwin(1, v->cols, body, 0);
    view_fix_selection(v);
}

int view_body_lines(const tui_view *v)
{
    return v->lines - 2 - (v->lesson ? 1 : 0);
}

static void view_draw_too_small(tui_view *v)
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

void view_draw(tui_view *v)
{
    struct timespec now;
    view_now(&now);
    if (v->message[0] && view_elapsed(&v->message_until, &now) > 0)
        v->message[0] = '\0';
    if (v->too_small) {
        view_draw_too_small(v);
        v->dirty = false;
        return;
    }
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

int view_column_units(const tui_view *v, int c)
{
    const net *n = &v->s->net;
    if (c <= 0)
        return n->n_inputs;
    if (c > n->n_layers)
        return 0;
    return n->layer[c - 1].n_out;
}

static int view_clamp(int x, int lo, int hi)
{
    if (x > hi)
        x = hi;
    if (x < lo)
        x = lo;
    return x;
}

void view_fix_selection(tui_view *v)
{
    const net *n = &v->s->net;
    v->sel.col = view_clamp(v->sel.col, 0, 2 * n->n_layers);
    if (v->sel.col % 2 == 0) {
        int units = view_column_units(v, v->sel.col / 2);
        v->sel.node = view_clamp(v->sel.node, 0, units - 1);
    } else {
        const net_layer *L = &n->layer[(v->sel.col - 1) / 2];
        v->sel.j = view_clamp(v->sel.j, 0, L->n_out - 1);
        v->sel.i = view_clamp(v->sel.i, 0, L->n_in);
    }
    int rows = ds_rows(&v->s->data);
    v->sample = rows > 0 ? view_clamp(v->sample, 0, rows - 1) : -1;
    if (v->map_pw > 0)
        v->cur_x = view_clamp(v->cur_x, 0, v->map_pw - 1);
    if (v->map_ph > 0)
        v->cur_y = view_clamp(v->cur_y, 0, v->map_ph - 1);
    v->dataset_index = view_find_dataset(v->s);
}

void view_say(tui_view *v, bool bad, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->message, sizeof v->message, fmt, ap);
    va_end(ap);
    v->message_bad = bad;
    view_now(&v->message_until);
    v->message_until.tv_sec += (time_t)VIEW_MESSAGE_SECONDS;
    v->dirty = true;
}

void view_after_command(tui_view *v, int rc)
{
    session *s = v->s;
    if (rc < 0)
        view_say(v, true, "%s", s->message[0] ? s->message : "that did not work");
    else if (s->message[0])
        view_say(v, false, "%s", s->message);
    if (s->status == SESSION_DIVERGED && v->playing)
        view_set_playing(v, false);
    view_fix_selection(v);
    v->dirty = true;
}

void view_set_playing(tui_view *v, bool on)
{
    /* pausing ends on a whole step, so that every panel shows one */
    if (!on && v->playing)
        session_slice_finish(v->s);
    v->playing = on;
    v->owed = 0;
    view_now(&v->last_slice);
    v->metrics_stamp = -1;
    v->dirty = true;
}

const char *view_state_word(const tui_view *v)
{
    if (v->playing)
        return "training";
    return session_status_name(v->s->status);
}

bool view_map_neuron(const tui_view *v, int *l, int *j)
{
    const net *n = &v->s->net;
    if (v->sel.col % 2 != 0)
        return false;
    int c = v->sel.col / 2;
    if (c < 1 || c >= n->n_layers)
        return false;
    *l = c - 1;
    *j = v->sel.node;
    return true;
}

void view_node_name(const tui_view *v, int c, int k, char *buf, size_t len)
{
    const session *s = v->s;
    int nl = s->net.n_layers;
    if (c <= 0) {
        if (k >= 0 && k < s->prep.n_in && s->prep.names[k][0])
            snprintf(buf, len, "%s", s->prep.names[k]);
        else
            snprintf(buf, len, "x%d", k + 1);
    } else if (c >= nl) {
        if (s->n_out == 1)
            snprintf(buf, len, "y_hat");
        else if (k >= 0 && k < DS_MAX_CLASSES && s->data.class_names[k][0])
            snprintf(buf, len, "%s", s->data.class_names[k]);
        else
            snprintf(buf, len, "y%d", k);
    } else {
        snprintf(buf, len, "h%d.%d", c, k + 1);
    }
}

void view_weight_name(const tui_view *v, const view_selection *sel, char *buf,
                      size_t len)
{
    const net *n = &v->s->net;
    int l = (sel->col - 1) / 2;
    if (sel->col % 2 == 0 || l < 0 || l >= n->n_layers) {
        snprintf(buf, len, "?");
        return;
    }
    char to[40], from[40];
    view_node_name(v, l + 1, sel->j, to, sizeof to);
    if (sel->i >= n->layer[l].n_in) {
        snprintf(buf, len, "bias of %s", to);
        return;
    }
    view_node_name(v, l, sel->i, from, sizeof from);
    snprintf(buf, len, "%s->%s", from, to);
}

bool view_eval_sample(tui_view *v)
{
    session *s = v->s;
    const net *n = &s->net;
    if (v->sample < 0 || v->sample >= ds_rows(&s->data))
        return false;
    size_t need = (size_t)n->n_inputs;
    for (int l = 0; l < n->n_layers; l++)
        need += (size_t)n->layer[l].n_out;
    size_t work = net_eval_work_size(n, 1);
    if (need + work > v->act_cap) {
        double *b = realloc(v->act_buf, (need + work) * sizeof *b);
        if (!b)
            return false;
        v->act_buf = b;
        v->act_cap = need + work;
    }
    const double *x = s->inputs + (size_t)v->sample * s->n_in;
    memcpy(v->act_buf, x, (size_t)n->n_inputs * sizeof *x);
    v->act_off[0] = 0;
    size_t off = (size_t)n->n_inputs;
    for (int l = 0; l < n->n_layers; l++) {
        v->act_off[l + 1] = (int)off;
        net_eval(n, x, 1, l, v->act_buf + off, v->act_buf + need);
        off += (size_t)n->layer[l].n_out;
    }
    return true;
}

double view_sample_value(const tui_view *v, int c, int k)
{
    return v->act_buf[v->act_off[c] + k];
}

session_metrics view_metrics(tui_view *v)
{
    struct timespec now, done;
    view_now(&now);
    /* while playing, at most every quarter second, and never more than a
     * tenth of the time (a pass over 100,000 rows is not free) */
    double every = 0.25;
    if (10 * v->metrics_cost > every)
        every = 10 * v->metrics_cost;
    if (!v->playing || v->metrics_stamp < 0 ||
        view_elapsed(&v->metrics_time, &now) > every) {
        bool fresh = v->s->metrics_stamp != v->s->version;
        v->metrics = session_get_metrics(v->s);
        v->metrics_stamp = v->s->version;
        view_now(&done);
        if (fresh)
            v->metrics_cost = view_elapsed(&now, &done);
        v->metrics_time = done;
    }
    return v->metrics;
}

unsigned char *view_scratch(tui_view *v, size_t n)
{
    if (n > v->scratch_cap) {
        unsigned char *b = realloc(v->scratch, n);
        if (!b)
            return NULL;
        v->scratch = b;
        v->scratch_cap = n;
    }
    return v->scratch;
}

/* ---- view modes ---- */

static const view_mode_ops mode_main_ops = {
    .name = "main",
    .title = "Network, weights, loss and decision map",
};

const view_mode_ops *view_mode_get(view_mode m)
{
    switch (m) {
    case MODE_UPDATE:
        return &mode_update_ops;
    case MODE_INSPECTOR:
        return &mode_inspector_ops;
    case MODE_GALLERY:
        return &mode_gallery_ops;
    case MODE_COMPARE:
        return &mode_compare_ops;
    case MODE_SWEEP:
        return &mode_sweep_ops;
    case MODE_LANDSCAPE:
        return &mode_landscape_ops;
    case MODE_HIDDEN:
        return &mode_hidden_ops;
    case MODE_METRICS:
        return &mode_metrics_ops;
    default:
        return &mode_main_ops;
    }
}

bool view_mode_from_name(const char *name, view_mode *out)
{
    for (int m = 0; m < MODE_COUNT; m++)
        if (strcmp(view_mode_get((view_mode)m)->name, name) == 0) {
            *out = (view_mode)m;
            return true;
        }
    return false;
}

int view_set_mode(tui_view *v, view_mode m)
{
    if (m < 0 || m >= MODE_COUNT)
        m = MODE_MAIN;
    const view_mode_ops *old = view_mode_get(v->mode);
    if (v->mode != MODE_MAIN && old->close)
        old->close(v);
    v->mode = MODE_MAIN;
    v->dirty = true;
    const view_mode_ops *ops = view_mode_get(m);
    /* a view copies or reads the session whole: finish any step that play
     * left part done in slices */
    session_slice_finish(v->s);
    if (m != MODE_MAIN && ops->open && ops->open(v) < 0) {
        if (!v->message[0])
            view_say(v, true, "the %s view cannot open here", ops->name);
        return -1;
    }
    v->mode = m;
    return 0;
}

void view_selected_weight(const tui_view *v, int *l, int *j, int *i)
{
    const net *n = &v->s->net;
    const view_selection *S = &v->sel;
    if (S->col % 2 == 1) {
        *l = (S->col - 1) / 2;
        *j = S->j;
        *i = S->i;
    } else if (S->col == 0) {
        *l = 0;
        *j = 0;
        *i = S->node;
    } else {
        *l = S->col / 2 - 1;
        *j = S->node;
        *i = n->layer[*l].n_in;
    }
    /* clamp: the selection may be a frame behind a change of shape */
    if (*l >= n->n_layers)
        *l = n->n_layers - 1;
    if (*l < 0)
        *l = 0;
    const net_layer *L = &n->layer[*l];
    *j = view_clamp(*j, 0, L->n_out - 1);
    *i = view_clamp(*i, 0, L->n_in);
}

bool view_select_weight(tui_view *v, int l, int j, int i)
{
    const net *n = &v->s->net;
    if (l < 0 || l >= n->n_layers || j < 0 || j >= n->layer[l].n_out || i < 0 ||
        i > n->layer[l].n_in)
        return false;
    v->sel.col = 2 * l + 1;
    v->sel.j = j;
    v->sel.i = i;
    v->sel.node = j;
    v->dirty = true;
    return true;
}

void view_apply_start(tui_view *v)
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
                view_layout(v); /* the lesson line takes a row */
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
            view_set_mode(v, m);
    }
}

int view_print(tui_view *v, WINDOW *w, int y, int x, style_role r,
               const char *fmt, ...)
{
    int h, wd;
    getmaxyx(w, h, wd);
    if (y < 0 || y >= h || x < 0 || x >= wd)
        return 0;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return style_text(w, &v->st, y, x, wd - x, r, buf);
}
