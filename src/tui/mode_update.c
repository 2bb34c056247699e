/* mode_update.c - the Update view: what the last step did. For the
 * perceptron the rule written out with the sample's numbers (x, y, y_hat,
 * error, then w += lr * error * x with every weight before and after, as in
 * the book's first scripts); for an MLP the batch's loss, the size of the
 * step and the weights that moved most. It reads the session only. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/action.h"
#include "tui/view.h"

#define UPD_TOP_MAX 64

/* The largest changes, kept for the session version they were found for. */
typedef struct {
    long stamp;
    int n;
    size_t idx[UPD_TOP_MAX];
    struct timespec when; /* of the last search (a few a second while
                             training plays: a big net has many weights) */
} upd_state;

static int upd_open(tui_view *v)
{
    upd_state *u = v->mode_state[MODE_UPDATE];
    u->stamp = -1;
    return 0;
}

/* "[1, 0]": a row of n values, shortened when long. */
static void upd_vector(char *buf, size_t len, const double *x, int n)
{
    size_t at = 0;
    buf[0] = '\0';
    at += (size_t)snprintf(buf, len, "[");
    for (int i = 0; i < n && at < len; i++) {
        char a[32];
        fmt_num(a, sizeof a, x[i]);
        if (i == 6 && n > 8) {
            at += (size_t)snprintf(buf + at, len - at, ", ... %d more", n - 6);
            break;
        }
        at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? ", " : "", a);
    }
    if (at < len)
        snprintf(buf + at, len - at, "]");
}

/* The perceptron's weight names: w1, w2, ... and b. */
static void upd_pname(char *buf, size_t len, int i, int n_in)
{
    if (i == n_in)
        snprintf(buf, len, "b");
    else
        snprintf(buf, len, "w%d", i + 1);
}

/* The dataset row of the step shown: the one in progress, else the last. */
static int upd_row(const session *s)
{
    if (s->phase != SESSION_PHASE_READY && s->net.batch >= 1)
        return s->batch_rows[0];
    return s->last.row;
}

/* Before the first step: what the keys do and the weights. */
static void upd_perc_none(tui_view *v, WINDOW *w, int y)
{
    const net_layer *L = &v->s->net.layer[0];
    int n_in = L->n_in;
    char a[32];
    view_print(v, w, y++, 1, ROLE_NORMAL,
               "No step yet. n takes one sample and applies the rule;");
    view_print(v, w, y++, 1, ROLE_NORMAL,
               "f goes one phase at a time (forward, loss, backward, update).");
    y++;
    int x = 1;
    for (int i = 0; i <= n_in && i < 12; i++) {
        char nm[16];
        upd_pname(nm, sizeof nm, i, n_in);
        fmt_num(a, sizeof a, i < n_in ? L->w[i] : L->b[0]);
        x += view_print(v, w, y, x, ROLE_POS, "%s = %s", nm, a) + 2;
    }
}

/* "z = -1*1 + 0*0 - 1" with the weights pw the forward used (up to three
 * inputs). */
static void upd_perc_z_terms(char *e, size_t len, const session *s,
                             const double *pw, const double *x)
{
    const net_layer *L = &s->net.layer[0];
    int n_in = L->n_in;
    size_t at = 0;
    char a[32], b[32];
    e[0] = '\0';
    for (int i = 0; i <= n_in; i++) {
        double wi = pw[net_param_index(&s->net, 0, 0, i)];
        fmt_num(a, sizeof a, i == 0 ? wi : fabs(wi));
        const char *sep = i == 0 ? "" : wi < 0 ? " - " : " + ";
        if (i < n_in) {
            fmt_num(b, sizeof b, x[i]);
            at += (size_t)snprintf(e + at, len - at, "%s%s*%s", sep, a, b);
        } else {
            at += (size_t)snprintf(e + at, len - at, "%s%s", sep, a);
        }
        if (at >= len)
            break;
    }
}

/* The sample, the output and the error; z written out. Returns the next
 * row. */
static int upd_perc_sample(tui_view *v, WINDOW *w, int y, const double *x,
                           double yv, bool mid)
{
    const session *s = v->s;
    const net_layer *L = &s->net.layer[0];
    char a[32], b[32], c[32], buf[256];
    /* the output the step saw, from the forward the engine made */
    double z = L->z[0], yhat = L->a[0];
    upd_vector(buf, sizeof buf, x, L->n_in);
    fmt_num(a, sizeof a, yv);
    fmt_num(b, sizeof b, yhat);
    double err = s->last.error;
    if (!mid || s->phase >= SESSION_PHASE_LOSS) {
        snprintf(c, sizeof c, "%+g", err == 0 ? 0.0 : err);
        if (err == 0)
            snprintf(c, sizeof c, "0");
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "x = %s   y = %s   y_hat = %s   error = y - y_hat = %s", buf, a,
                   b, c);
    } else {
        view_print(v, w, y++, 1, ROLE_NORMAL, "x = %s   y = %s   y_hat = %s", buf,
                   a, b);
    }
    fmt_num(b, sizeof b, z);
    fmt_num(c, sizeof c, yhat);
    if (L->n_in <= 3) {
        char e[256];
        upd_perc_z_terms(e, sizeof e, s, mid ? s->net.params : s->prev_params, x);
        view_print(v, w, y++, 1, ROLE_DIM, "z = %s = %s   y_hat = step(z) = %s", e, b,
                   c);
    } else {
        view_print(v, w, y++, 1, ROLE_DIM, "z = w.x + b = %s   y_hat = step(z) = %s",
                   b, c);
    }
    return y;
}

/* The table: each weight before, the change, after. Returns the next row. */
static int upd_perc_table(tui_view *v, WINDOW *w, int y, int h, int wd,
                          const double *x, bool mid)
{
    const session *s = v->s;
    const net_layer *L = &s->net.layer[0];
    int n_in = L->n_in;
    double err = s->last.error;
    int cw = wd > 70 ? 12 : 9;
    view_print(v, w, y++, 3, ROLE_DIM, "%-4s %*s   %-26s %*s", "", cw, "before",
               "lr * error * x", cw, "after");
    int room = h - y - 2;
    for (int i = 0; i <= n_in; i++) {
        if (room <= 1 && i < n_in) {
            view_print(v, w, y++, 3, ROLE_DIM, "... %d more weights", n_in - i);
            i = n_in - 1;
            room = 99;
            continue;
        }
        size_t p = net_param_index(&s->net, 0, 0, i);
        double before = mid ? s->net.params[p] : s->prev_params[p];
        double after = mid ? session_preview_update(s, p, s->net.grads[p])
                           : s->net.params[p];
        double xi = i < n_in ? x[i] : 1;
        char nm[16], term[160], la[32], le[32], lx[32], lc[32], a[32], b[32];
        upd_pname(nm, sizeof nm, i, n_in);
        fmt_num(la, sizeof la, s->cfg.lr);
        fmt_num(le, sizeof le, err);
        fmt_num(lx, sizeof lx, xi);
        fmt_num(lc, sizeof lc, s->cfg.lr * err * xi);
        if (i < n_in)
            snprintf(term, sizeof term, "%s * %s * %s = %s", la, le, lx, lc);
        else
            snprintf(term, sizeof term, "%s * %s = %s", la, le, lc);
        fmt_num(a, sizeof a, before);
        fmt_num(b, sizeof b, after);
        style_role r = after != before ? ROLE_SELECT : ROLE_NORMAL;
        view_print(v, w, y++, 3, r, "%-4s %*s   %-26s %*s", nm, cw, a, term, cw, b);
        room--;
    }
    return y;
}

/* The weights now, in one line, and a word when nothing moved. */
static void upd_perc_now(tui_view *v, WINDOW *w, int y, bool mid)
{
    const session *s = v->s;
    const net_layer *L = &s->net.layer[0];
    int n_in = L->n_in;
    size_t at = 0;
    char a[32], buf[256];
    buf[0] = '\0';
    for (int i = 0; i <= n_in && at < sizeof buf - 40; i++) {
        char nm[16];
        upd_pname(nm, sizeof nm, i, n_in);
        size_t p = net_param_index(&s->net, 0, 0, i);
        fmt_num(a, sizeof a, s->net.params[p]);
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s = %s",
                               i ? "   " : "", nm, a);
    }
    view_print(v, w, y++, 1, ROLE_TITLE, "%s %s", mid ? "now (before the update):"
                                                       : "now:", buf);
    if (!mid && s->last.error == 0)
        view_print(v, w, y++, 1, ROLE_DIM, "error 0: the rule leaves every "
                                           "weight where it was");
}

static void upd_perceptron(tui_view *v, WINDOW *w, int h, int wd)
{
    const session *s = v->s;
    int y = 2;
    char a[32];
    bool mid = s->phase != SESSION_PHASE_READY;
    if (s->steps == 0 && !mid) {
        upd_perc_none(v, w, y);
        return;
    }
    int row = upd_row(s);
    if (row < 0 || row >= ds_rows(&s->data))
        return;
    const double *x = s->inputs + (size_t)row * s->n_in;
    y = upd_perc_sample(v, w, y, x, s->targets[row], mid);
    y++;
    fmt_num(a, sizeof a, s->cfg.lr);
    view_print(v, w, y++, 1, ROLE_TITLE, "w += lr * error * x     b += lr * error"
                                        "     (lr = %s)", a);
    if (mid && s->phase != SESSION_PHASE_BACKWARD) {
        y++;
        view_print(v, w, y++, 1, ROLE_DIM,
                   s->phase == SESSION_PHASE_FORWARD
                       ? "forward done; f: the error (loss phase), n: the whole step"
                       : "error found; f: the change (backward), n: the whole step");
        return;
    }
    if (mid)
        view_print(v, w, y++, 1, ROLE_DIM,
                   "backward done: the change below is applied by the next f or n");
    y++;
    y = upd_perc_table(v, w, y, h, wd, x, mid);
    y++;
    upd_perc_now(v, w, y, mid);
}

/* Four significant digits, for the table columns. */
static void upd_short(char *buf, size_t len, double x)
{
    if (!isfinite(x) || x == 0) {
        fmt_num(buf, len, x);
        return;
    }
    snprintf(buf, len, "%.4g", x);
}

/* Finds the parameters that moved most in the last update. */
static void upd_top(upd_state *u, const session *s, bool playing)
{
    struct timespec now;
    view_now(&now);
    if (u->stamp == s->version)
        return;
    if (playing && u->stamp >= 0 && view_elapsed(&u->when, &now) < 0.25)
        return;
    u->stamp = s->version;
    u->when = now;
    u->n = 0;
    const double *p = s->net.params, *q = s->prev_params;
    double mag[UPD_TOP_MAX];
    for (size_t k = 0; k < s->net.n_params; k++) {
        double d = fabs(p[k] - q[k]);
        if (!(d > 0))
            continue;
        if (u->n == UPD_TOP_MAX && d <= mag[u->n - 1])
            continue;
        int at = u->n < UPD_TOP_MAX ? u->n++ : UPD_TOP_MAX - 1;
        while (at > 0 && mag[at - 1] < d) {
            mag[at] = mag[at - 1];
            u->idx[at] = u->idx[at - 1];
            at--;
        }
        mag[at] = d;
        u->idx[at] = k;
    }
}

/* The step's heading: which rows, the sample of a one-row step, the loss
 * and the size of the step. Returns the next row. */
static int upd_mlp_step(tui_view *v, WINDOW *w, int y)
{
    const session *s = v->s;
    const session_step_info *L = &s->last;
    char a[32], b[32], buf[256];
    int n_train = s->data.n_train;
    if (L->rows >= n_train)
        snprintf(buf, sizeof buf, "the full batch of %d rows", L->rows);
    else if (L->rows == 1)
        snprintf(buf, sizeof buf, "one row");
    else
        snprintf(buf, sizeof buf, "a batch of %d rows", L->rows);
    view_print(v, w, y++, 1, ROLE_TITLE, "step %ld (epoch %ld): %s", L->step,
               s->epoch + (s->cursor > 0 ? 1 : 0), buf);
    if (L->rows == 1 && L->row >= 0 && L->row < ds_rows(&s->data)) {
        upd_vector(buf, sizeof buf, s->inputs + (size_t)L->row * s->n_in, s->n_in);
        if (s->n_out == 1) {
            fmt_num(a, sizeof a, s->targets[L->row]);
            fmt_num(b, sizeof b, L->y_hat);
            view_print(v, w, y++, 1, ROLE_NORMAL,
                       "row %d: x = %s   y = %s   y_hat = %s (before the step)",
                       L->row + 1, buf, a, b);
        } else {
            view_print(v, w, y++, 1, ROLE_NORMAL, "row %d: x = %s", L->row + 1, buf);
        }
    }
    fmt_num(a, sizeof a, L->loss);
    bool pen = s->cfg.l1 > 0 || s->cfg.l2 > 0;
    if (L->rows == 1)
        view_print(v, w, y++, 1, ROLE_NORMAL, "loss of the sample   %s   (%s%s)", a,
                   loss_name(s->cfg.loss), pen ? ", penalty included" : "");
    else
        view_print(v, w, y++, 1, ROLE_NORMAL, "loss of the batch    %s   (%s, mean "
                   "over %d rows%s)", a, loss_name(s->cfg.loss), L->rows,
                   pen ? ", penalty included" : "");
    fmt_num(a, sizeof a, L->step_size);
    fmt_num(b, sizeof b, s->cfg.lr);
    view_print(v, w, y++, 1, ROLE_NORMAL,
               "size of the step     %s   (length of the change; %s, lr %s)", a,
               opt_name(s->cfg.optimizer), b);
    return y;
}

/* The table of the weights that moved most. */
static void upd_mlp_top(tui_view *v, WINDOW *w, int y, int h, int wd,
                        const upd_state *u)
{
    const session *s = v->s;
    char a[32], b[32], c[32];
    if (u->n == 0) {
        view_print(v, w, y++, 1, ROLE_DIM, "no weight moved");
        return;
    }
    int cw = wd >= 100 ? 12 : 10;
    view_print(v, w, y++, 1, ROLE_TITLE, "the weights that moved most (of %zu):",
               s->net.n_params);
    view_print(v, w, y++, 3, ROLE_DIM, "%-18s %*s %*s %*s", "weight", cw, "before", cw,
               "after", cw, "change");
    for (int k = 0; k < u->n && y < h - 1; k++) {
        int l, j, i;
        size_t p = u->idx[k];
        if (p >= s->net.n_params)
            continue; /* found for a bigger net, a moment ago */
        net_param_locate(&s->net, p, &l, &j, &i);
        view_selection sel = {.col = 2 * l + 1, .j = j, .i = i};
        char name[64];
        view_weight_name(v, &sel, name, sizeof name);
        upd_short(a, sizeof a, s->prev_params[p]);
        upd_short(b, sizeof b, s->net.params[p]);
        upd_short(c, sizeof c, s->net.params[p] - s->prev_params[p]);
        view_print(v, w, y++, 3, ROLE_NORMAL, "%-18.18s %*s %*s %*s", name, cw, a, cw,
                   b, cw, c);
    }
}

static void upd_mlp(tui_view *v, WINDOW *w, int h, int wd)
{
    session *s = v->s;
    upd_state *u = v->mode_state[MODE_UPDATE];
    int y = 2;
    if (s->phase != SESSION_PHASE_READY) {
        static const char *const done[] = {"", "forward", "loss", "backward"};
        view_print(v, w, y++, 1, ROLE_DIM,
                   "step in progress: %s done (f goes on, n finishes it); the "
                   "last whole step:",
                   done[s->phase]);
    }
    if (s->last.step == 0) {
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "No step yet. n takes one batch (the whole set when the batch "
                   "is full);");
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "f goes one phase at a time: forward, loss, backward, update.");
        return;
    }
    y = upd_mlp_step(v, w, y);
    y++;
    if (!u)
        return;
    upd_top(u, s, v->playing);
    upd_mlp_top(v, w, y, h, wd, u);
}

static void upd_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    bool perc = v->s->cfg.model == MODEL_PERCEPTRON;
    style_rule(w, &v->st, 0, 0, wd,
               perc ? "Update: the perceptron rule, one sample at a time"
                    : "Update: the last step of gradient descent",
               true);
    if (perc)
        upd_perceptron(v, w, h, wd);
    else
        upd_mlp(v, w, h, wd);
}

/* The global step keys, listed so that the hint line names them first. */
static const key_binding upd_keys[] = {
    {'n', ACTION_TRAIN_STEP},
    {'f', ACTION_TRAIN_PHASE},
    {0, ACTION_NONE},
};

const view_mode_ops mode_update_ops = {
    .name = "update",
    .title = "Update view",
    .state_size = sizeof(upd_state),
    .open = upd_open,
    .draw = upd_draw,
    .keys = upd_keys,
};
