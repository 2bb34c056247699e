/* view.c - the helpers every part of the screen shares: the play speeds,
 * the selection rules, node and weight names, the selected sample, the
 * status messages and the requests for the composition root. It calls
 * nothing above it; it reads the session and never changes it. */
#include "tui/view.h"

#include "engine/lr_ladder.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Play speeds in epochs per second; 0 is "as fast as the slices allow". */
static const double view_speeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};
static const char *const view_speed_labels[] = {
    "1/s", "2/s", "5/s", "10/s", "20/s", "50/s", "100/s", "200/s", "500/s",
    "1000/s", "max"};
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

int view_dataset_index(const session *s)
{
    for (int i = 0; i < ds_builtin_count(); i++)
        if (strcmp(ds_builtin_name(i), s->data.name) == 0)
            return i;
    return -1;
}

int view_body_lines(const tui_view *v)
{
    return v->lines - 2 - (v->lesson ? 1 : 0);
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
    v->dataset_index = view_dataset_index(v->s);
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

void view_say_stopped(tui_view *v)
{
    const char *why = v->s->reason[0] ? v->s->reason : session_status_name(v->s->status);
    int width = v->status_win ? getmaxx(v->status_win) : 80;
    char msg[VIEW_MESSAGE_MAX + 32];
    snprintf(msg, sizeof msg, "stopped: %s; p goes on", why);
    if ((int)strlen(msg) > width)
        snprintf(msg, sizeof msg, "stopped: %s", why);
    if ((int)strlen(msg) > width)
        snprintf(msg, sizeof msg, "%s", why);
    view_say(v, v->s->status == SESSION_DIVERGED, "%.*s", VIEW_MESSAGE_MAX - 1, msg);
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
    /* a verdict that does not stop play (a stall, or any with the stop
     * turned off) still says that play goes on */
    static const char *const playing[] = {
        [SESSION_CONVERGED] = "converged (playing)",
        [SESSION_STALLED] = "stalled (playing)",
        [SESSION_CYCLING] = "cycling (playing)",
    };
    session_status st = v->s->status;
    if (st == SESSION_LEARNING)
        return v->playing ? "training" : "paused";
    int k = (int)st;
    if (v->playing && k >= 0 && k < (int)(sizeof playing / sizeof *playing) &&
        playing[k])
        return playing[k];
    return session_status_name(st);
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

/* Rows above which a pass over the data is taken in pieces while playing:
 * a pass over 1,000,000 rows takes tens of milliseconds, more than a frame,
 * and keys must be answered within one. */
#define VIEW_METRICS_BIG 65536

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
        if (v->playing && v->metrics_stamp >= 0 &&
            ds_rows(&v->s->data) > VIEW_METRICS_BIG) {
            v->metrics_due = true; /* the frames take it in pieces */
            return v->metrics;
        }
        bool fresh = v->s->metrics_stamp != v->s->version;
        v->metrics = session_get_metrics(v->s);
        v->metrics_stamp = v->s->version;
        v->metrics_due = false;
        view_now(&done);
        if (fresh)
            v->metrics_cost = view_elapsed(&now, &done);
        v->metrics_time = done;
    }
    return v->metrics;
}

void view_metrics_piece(tui_view *v, double seconds)
{
    struct timespec start, now;
    view_now(&start);
    now = start;
    bool ready = false;
    double spent = 0;
    while (!ready && spent < seconds) {
        ready = session_metrics_slice(v->s, SESSION_CHUNK);
        view_now(&now);
        spent = view_elapsed(&start, &now);
    }
    v->metrics_piece_cost += spent;
    if (!ready)
        return;
    v->metrics = session_get_metrics(v->s); /* ready: no work left */
    v->metrics_stamp = v->s->version;
    v->metrics_cost = v->metrics_piece_cost;
    v->metrics_piece_cost = 0;
    v->metrics_time = now;
    v->metrics_due = false;
    v->dirty = true;
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

int view_session_command(session *s, tui_action a, uint64_t seed)
{
    switch (a) {
    case ACTION_TRAIN_EPOCH:
        return session_step_epoch(s);
    case ACTION_TRAIN_STEP:
        return session_step_batch(s);
    case ACTION_RESET:
        return session_reset(s, seed);
    case ACTION_REPLAY:
        return session_replay(s);
    case ACTION_LR_UP:
    case ACTION_LR_DOWN:
        return session_set_lr(s, lr_ladder_next(s->cfg.lr, a == ACTION_LR_UP ? 1 : -1));
    default:
        return -2;
    }
}

void view_request_mode(tui_view *v, view_mode m)
{
    v->req.mode = true;
    v->req.mode_to = m;
}

void view_request_lesson(tui_view *v, const lesson *l, int k)
{
    v->req.lesson = true;
    v->req.to = l;
    v->req.scene = k;
}

void view_request_leave_lesson(tui_view *v) { v->req.leave = true; }
