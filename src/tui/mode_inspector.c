/* mode_inspector.c - the chain-rule inspector: the selected weight's
 * gradient written as its chain of factors with the numbers the engine used
 * in its last forward and backward (for one row of the batch, or the mean
 * over the batch), the back-propagated sum for a hidden unit, and the
 * update w <- w - lr * dL/dw with the values before and after. f steps one
 * phase (forward, loss, backward, update) so the chain fills in as the
 * engine computes it. The numbers come from the engine
 * (session_query_chain); this file names and draws them. The phase key is
 * in keys.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/mode.h"
#include "tui/panel.h"
#include "tui/action.h"
#include "tui/view.h"

/* ---- names as the book writes them ---- */

typedef struct {
    char w[64];    /* the weight: "w2", "w1[3,2]", "b2" */
    char b[64];    /* its unit's bias */
    char z[64];    /* its unit's z: "z2", "z1[3]" */
    char a[64];    /* its unit's output: "y_hat", "a1[3]" */
    char in[64];   /* the input it multiplies: "x", "x2", "a1", "a1[2]" */
    char f;        /* the activation's letter: g (output) or f (hidden) */
    char zn[64];   /* the next layer's z, for the sum: "z2[k]" */
    char wn[64];   /* the next layer's weight from this unit: "w2[k,3]" */
} insp_names;

static void insp_name(const session *s, int l, int j, int i, insp_names *nm)
{
    const net *n = &s->net;
    const net_layer *L = &n->layer[l];
    bool one = n->n_layers == 1;
    char lay[16] = "";
    if (!one)
        snprintf(lay, sizeof lay, "%d", l + 1);
    if (L->n_out == 1 && L->n_in == 1) {
        snprintf(nm->w, sizeof nm->w, "w%s", lay);
    } else if (L->n_out == 1 && one) {
        /* the perceptron's w1, w2 */
        snprintf(nm->w, sizeof nm->w, "w%d", i + 1);
    } else {
        snprintf(nm->w, sizeof nm->w, "w%s[%d,%d]", lay, j + 1, i + 1);
    }
    if (L->n_out == 1) {
        snprintf(nm->b, sizeof nm->b, "b%s", lay);
        snprintf(nm->z, sizeof nm->z, "z%s", lay);
    } else {
        snprintf(nm->b, sizeof nm->b, "b%s[%d]", lay, j + 1);
        snprintf(nm->z, sizeof nm->z, "z%s[%d]", lay, j + 1);
    }
    if (i == L->n_in)
        snprintf(nm->w, sizeof nm->w, "%s", nm->b);
    bool out = l == n->n_layers - 1;
    if (out && L->n_out == 1)
        snprintf(nm->a, sizeof nm->a, "y_hat");
    else if (L->n_out == 1)
        snprintf(nm->a, sizeof nm->a, "a%d", l + 1);
    else
    if (L->n_out > 1 && out)
        snprintf(nm->a, sizeof nm->a, "y_hat[%d]", j + 1);
    else if (L->n_out > 1)
        snprintf(nm->a, sizeof nm->a, "a%d[%d]", l + 1, j + 1);
    if (i == L->n_in)
        snprintf(nm->in, sizeof nm->in, "1");
    else if (l == 0 && L->n_in == 1)
        snprintf(nm->in, sizeof nm->in, "x");
    else if (l == 0)
        snprintf(nm->in, sizeof nm->in, "x%d", i + 1);
    else if (L->n_in == 1)
        snprintf(nm->in, sizeof nm->in, "a%d", l);
    else
        snprintf(nm->in, sizeof nm->in, "a%d[%d]", l, i + 1);
    nm->f = out ? 'g' : 'f';
    if (!out) {
        const net_layer *M = &n->layer[l + 1];
        if (M->n_out == 1)
            snprintf(nm->zn, sizeof nm->zn, "z%d", l + 2);
        else
            snprintf(nm->zn, sizeof nm->zn, "z%d[k]", l + 2);
        if (M->n_out == 1 && M->n_in == 1)
            snprintf(nm->wn, sizeof nm->wn, "w%d", l + 2);
        else if (M->n_out == 1)
            snprintf(nm->wn, sizeof nm->wn, "w%d[1,%d]", l + 2, j + 1);
        else
            snprintf(nm->wn, sizeof nm->wn, "w%d[k,%d]", l + 2, j + 1);
    }
}

/* ---- the view ---- */

typedef struct {
    bool mean; /* the batch mean instead of one row */
} insp_state;


/* A value in the chain: negative ones in brackets after the first factor. */
static void insp_fac(char *buf, size_t len, double x)
{
    char a[24];
    fmt_num(a, sizeof a, x);
    if (x < 0)
        snprintf(buf, len, "(%s)", a);
    else
        snprintf(buf, len, "%s", a);
}

static const char *const insp_phase_said[] = {
    [SESSION_PHASE_READY] = "update done",
    [SESSION_PHASE_FORWARD] = "forward done (next f: loss)",
    [SESSION_PHASE_LOSS] = "loss done (next f: backward)",
    [SESSION_PHASE_BACKWARD] = "backward done (next f: update)",
};

/* The row's forward values and its loss. */
static int insp_draw_forward(tui_view *v, WINDOW *w, int y,
                             const session_chain *c, const insp_names *nm)
{
    const session *s = v->s;
    char a[32], b[32], d[32];
    const net_layer *L = &s->net.layer[c->l];
    fmt_num(a, sizeof a, c->z);
    fmt_num(b, sizeof b, c->act);
    int x = 1;
    char fn[16];
    snprintf(fn, sizeof fn, "%s", c->perceptron ? "step" : (char[2]){nm->f, 0});
    x += view_print(v, w, y, x, ROLE_NORMAL, "forward: %s = %s   %s = %s(%s) = %s",
                    nm->z, a, nm->a, fn, nm->z, b);
    if (!c->bias) {
        fmt_num(d, sizeof d, c->a_in);
        view_print(v, w, y, x, ROLE_NORMAL, "   %s = %s", nm->in, d);
    }
    y++;
    if (L->n_in == 1 && !c->perceptron) {
        /* one input: z written out with the weights the forward used */
        char wv[32], xv[32], bv[32], wn[80], in[64];
        double bb = c->b_used;
        fmt_num(wv, sizeof wv, c->w0_used);
        insp_fac(xv, sizeof xv, c->bias ? c->in0 : c->a_in);
        fmt_num(bv, sizeof bv, fabs(bb));
        snprintf(wn, sizeof wn, "%s", nm->w);
        if (c->bias) {
            insp_names m2;
            insp_name(s, c->l, c->j, 0, &m2);
            snprintf(wn, sizeof wn, "%s", m2.w);
            snprintf(in, sizeof in, "%s", m2.in);
        } else {
            snprintf(in, sizeof in, "%s", nm->in);
        }
        view_print(v, w, y++, 1, ROLE_DIM, "         %s = %s*%s + %s = %s*%s %c %s = %s",
                   nm->z, wn, in, nm->b, wv, xv, bb < 0 ? '-' : '+', bv, a);
    }
    if (c->output && c->phase != SESSION_PHASE_FORWARD) {
        fmt_num(a, sizeof a, c->loss_row);
        fmt_num(b, sizeof b, c->act);
        fmt_num(d, sizeof d, c->y);
        if (c->perceptron)
        {
            char e[32];
            fmt_num(e, sizeof e, c->y - c->act);
            view_print(v, w, y++, 1, ROLE_NORMAL, "error: y - y_hat = %s - %s = %s", d,
                       b, e);
        }
        else if (s->cfg.loss == LOSS_MSE && s->n_out == 1)
            view_print(v, w, y++, 1, ROLE_NORMAL,
                       "loss:    L = (y_hat - y)^2 / 2 = (%s - %s)^2 / 2 = %s", b, d, a);
        else
        {
            const char *lf = loss_formula(s->cfg.loss);
            if (strncmp(lf, "L = ", 4) == 0)
                lf += 4;
            view_print(v, w, y++, 1, ROLE_NORMAL, "loss:    L = %s = %s   (y = %s)",
                       lf, a, d);
        }
    }
    return y;
}

/* dL/da of a hidden unit written as the sum over the next layer. */
static int insp_draw_sum(tui_view *v, WINDOW *w, int y, int wd,
                         const session_chain *c, const insp_names *nm)
{
    char a[32], b[32], buf[512];
    char da[80];
    snprintf(da, sizeof da, "dL/d%s", nm->a);
    size_t at = 0;
    buf[0] = '\0';
    bool all = c->n_terms == c->n_next;
    for (int t = 0; t < c->n_terms && at < sizeof buf - 80; t++) {
        insp_fac(a, sizeof a, c->w_next[t]);
        insp_fac(b, sizeof b, c->delta_next[t]);
        if (t == 0) {
            fmt_num(a, sizeof a, c->w_next[t]);
        }
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s * %s", t ? " + " : "",
                               a, b);
    }
    fmt_num(a, sizeof a, c->dl_da);
    const char *sumtxt = c->n_next == 1 ? "" : "sum_k ";
    char head[256];
    snprintf(head, sizeof head, "  with %s = %s%s * dL/d%s", da, sumtxt, nm->wn,
             nm->zn);
    int hl = (int)strlen(head);
    if (all && hl + 6 + (int)strlen(buf) + (int)strlen(a) <= wd - 2) {
        /* all on one line */
        view_print(v, w, y++, 1, ROLE_NORMAL, "%s = %s = %s", head, buf, a);
        return y;
    }
    view_print(v, w, y++, 1, ROLE_NORMAL, "%s", head);
    int ind = 7 + (int)strlen(da);
    int room = wd - ind - 8 - (int)strlen(a);
    if (all && (int)strlen(buf) <= room) {
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = %s = %s", ind, "", buf, a);
    } else {
        /* too long for the line: the largest terms and the count */
        at = 0;
        buf[0] = '\0';
        int shown = 0;
        for (int t = 0; t < c->n_terms; t++) {
            char tb[96], fa[32], fb[32];
            fmt_num(fa, sizeof fa, c->w_next[t]);
            insp_fac(fb, sizeof fb, c->delta_next[t]);
            snprintf(tb, sizeof tb, "%s%s*%s", shown ? " + " : "", fa, fb);
            if ((int)(at + strlen(tb)) > room - 24)
                break;
            at += (size_t)snprintf(buf + at, sizeof buf - at, "%s", tb);
            shown++;
        }
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = %s + (%d more of %d terms) = %s",
                   ind, "", buf, c->n_next - shown, c->n_next, a);
    }
    return y;
}

/* One row: the chain with its factors. */
static int insp_draw_row(tui_view *v, WINDOW *w, int y, int wd,
                         const session_chain *c, const insp_names *nm)
{
    const session *s = v->s;
    char a[32], b[32], d[32], e[32];
    char lhs[80];
    snprintf(lhs, sizeof lhs, "dL/d%s", nm->w);
    int pad = (int)strlen(lhs);
    const char *fname = act_name(s->net.layer[c->l].act);
    if (c->perceptron) {
        view_print(v, w, y++, 1, ROLE_TITLE,
                   "the perceptron rule as a gradient: %s = -error * %s", lhs, nm->in);
        fmt_num(a, sizeof a, -c->delta);
        insp_fac(b, sizeof b, c->a_in);
        fmt_num(d, sizeof d, c->grad_row);
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = -(%s) * %s = %s", pad, "", a, b, d);
        return y;
    }
    if (c->fused) {
        view_print(v, w, y++, 1, ROLE_TITLE, "%s = dL/d%s * %s    (softmax with "
                   "cross-entropy: dL/d%s = p - y)", lhs, nm->z, nm->in, nm->z);
        fmt_num(a, sizeof a, c->act);
        fmt_num(b, sizeof b, c->y);
        insp_fac(d, sizeof d, c->a_in);
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = (%s - %s) * %s", pad, "", a, b, d);
    } else if (c->output) {
        view_print(v, w, y++, 1, ROLE_TITLE, "%s = dL/d%s * %c'(%s) * %s      %c = %s",
                   lhs, nm->a, nm->f, nm->z, nm->in, nm->f, fname);
        insp_fac(d, sizeof d, c->dact);
        insp_fac(e, sizeof e, c->a_in);
        if (s->cfg.loss == LOSS_MSE) {
            /* the book's form */
            fmt_num(a, sizeof a, c->act);
            fmt_num(b, sizeof b, c->y);
            view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = (%c(%s) - y) * %c'(%s) * %s",
                       pad, "", nm->f, nm->z, nm->f, nm->z, nm->in);
            view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = (%s - %s) * %s * %s", pad, "",
                       a, b, d, e);
        } else {
            fmt_num(a, sizeof a, c->dl_da);
            char note[160];
            snprintf(note, sizeof note, "(%s: dL/d%s = %s)", loss_name(s->cfg.loss),
                     nm->a, s->cfg.loss == LOSS_BCE ? "(y_hat - y) / (y_hat (1 - y_hat))"
                                                    : "from the loss");
            int x = 1 + view_print(v, w, y, 1, ROLE_NORMAL, "%*s = %s * %s * %s", pad,
                                   "", a, d, e);
            /* the note beside the numbers where it fits, else under them */
            if (x + 6 + (int)strlen(note) > wd)
                view_print(v, w, ++y, 1, ROLE_NORMAL, "%*s   %s", pad, "", note);
            else
                view_print(v, w, y, x, ROLE_NORMAL, "      %s", note);
            y++;
        }
    } else {
        view_print(v, w, y++, 1, ROLE_TITLE, "%s = dL/d%s * %c'(%s) * %s      %c = %s",
                   lhs, nm->a, nm->f, nm->z, nm->in, nm->f, fname);
        y = insp_draw_sum(v, w, y, wd, c, nm);
        fmt_num(a, sizeof a, c->dl_da);
        insp_fac(d, sizeof d, c->dact);
        insp_fac(e, sizeof e, c->a_in);
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s = %s * %s * %s", pad, "", a, d, e);
    }
    fmt_num(a, sizeof a, c->grad_row);
    int x = 1 + view_print(v, w, y, 1, ROLE_SELECT, "%s = %s", lhs, a);
    if (!c->bias) {
        fmt_num(b, sizeof b, c->delta);
        view_print(v, w, y, x, ROLE_DIM, "      and %s: dL/d%s = dL/d%s * 1 = %s", nm->b,
                   nm->b, nm->z, b);
    }
    return y + 1;
}

/* The batch: the mean of the rows' terms. */
static int insp_draw_mean(tui_view *v, WINDOW *w, int y, int h, int wd,
                          const session_chain *c, const insp_names *nm)
{
    char a[32], b[32], buf[512];
    view_print(v, w, y++, 1, ROLE_TITLE, "dL/d%s = (1/%d) * sum over the rows of "
               "dL/d%s * %s", nm->w, c->batch, nm->z, nm->in);
    /* the rows' terms, as many as fit in two lines */
    size_t at = 0;
    buf[0] = '\0';
    int shown = 0;
    for (int r = 0; r < c->rows; r++) {
        double dk, a_in;
        if (!session_chain_row(v->s, c, r, &dk, &a_in))
            break;
        char t[96], fa[32], fb[32];
        fmt_num(fa, sizeof fa, shown ? fabs(dk) : dk);
        insp_fac(fb, sizeof fb, a_in);
        snprintf(t, sizeof t, "%s%s*%s", !shown ? "" : dk < 0 ? " - " : " + ", fa, fb);
        if ((int)(at + strlen(t)) > wd - 24)
            break;
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s", t);
        shown++;
    }
    if (shown < c->rows)
        snprintf(buf + at, sizeof buf - at, " + ... (%d more)", c->rows - shown);
    view_print(v, w, y++, 1, ROLE_NORMAL, "  = (%s) / %d", buf, c->batch);
    if (c->rows < c->batch)
        view_print(v, w, y++, 1, ROLE_DIM, "  (the batch went through in chunks: the "
                   "rows shown are its last %d)", c->rows);
    fmt_num(a, sizeof a, c->grad_rows);
    if (c->penalty != 0) {
        fmt_num(b, sizeof b, c->penalty);
        view_print(v, w, y++, 1, ROLE_NORMAL, "  = %s, plus the penalty l1*sign(w) + "
                   "l2*w = %s", a, b);
    }
    fmt_num(a, sizeof a, c->grad);
    view_print(v, w, y++, 1, ROLE_SELECT, "dL/d%s = %s   (the gradient of the step)",
               nm->w, a);
    (void)h;
    return y;
}

/* "head rule nums" on one line when it fits the width, else the numbers
 * under the rule. Returns the next row. */
static int insp_split(tui_view *v, WINDOW *w, int y, int wd, int pad,
                      const char *head, const char *rule, const char *nums)
{
    int n = pad + (int)strlen(head) + (int)strlen(rule) + 1 + (int)strlen(nums);
    if (n <= wd - 2) {
        view_print(v, w, y++, 1, ROLE_NORMAL, "%*s%s%s %s", pad, "", head, rule, nums);
        return y;
    }
    view_print(v, w, y++, 1, ROLE_NORMAL, "%*s%s%s", pad, "", head, rule);
    int in = pad + (int)strlen(head);
    if (in + (int)strlen(nums) > wd - 2)
        in = wd - 2 - (int)strlen(nums);
    if (in < 2)
        in = 2;
    view_print(v, w, y++, 1, ROLE_NORMAL, "%*s%s", in, "", nums);
    return y;
}

static int insp_draw_update(tui_view *v, WINDOW *w, int y, int h, int wd,
                            const session_chain *c, const insp_names *nm,
                            bool bias_too)
{
    const session *s = v->s;
    char a[32], b[32], d[32], e[32], head[64], rule[256], nums[160];
    fmt_num(a, sizeof a, c->before);
    fmt_num(b, sizeof b, c->after);
    fmt_num(d, sizeof d, c->lr);
    insp_fac(e, sizeof e, c->grad);
    const char *when = c->updated ? "made" : "next";
    const char *who = c->perceptron ? "the rule" : opt_name(c->opt);
    snprintf(head, sizeof head, "update (%s, %s): ", when, who);
    bool plain = c->perceptron || c->opt == OPT_SGD;
    if (plain) {
        snprintf(rule, sizeof rule, "%s <- %s - lr * dL/d%s", nm->w, nm->w, nm->w);
        snprintf(nums, sizeof nums, "= %s - %s * %s = %s", a, d, e, b);
        y = insp_split(v, w, y, wd, 0, head, rule, nums);
    } else {
        char g[32];
        fmt_num(g, sizeof g, c->after - c->before);
        snprintf(rule, sizeof rule, "%s = %s -> %s,", nm->w, a, b);
        snprintf(nums, sizeof nums, "a change of %s", g);
        y = insp_split(v, w, y, wd, 0, head, rule, nums);
        fmt_num(g, sizeof g, -c->lr * c->grad);
        view_print(v, w, y++, 1, ROLE_DIM, "  (%s keeps a running average of the "
                   "gradients; plain sgd would move it by %s)", who, g);
    }
    if (bias_too && !c->bias && plain && y + 2 < h) {
        session_chain cb;
        int l = c->l, j = c->j;
        if (session_query_chain(s, l, j, s->net.layer[l].n_in, c->data_row, &cb)) {
            fmt_num(a, sizeof a, cb.before);
            fmt_num(b, sizeof b, cb.after);
            insp_fac(e, sizeof e, cb.grad);
            snprintf(rule, sizeof rule, "%s <- %s - lr * dL/d%s", nm->b, nm->b, nm->b);
            snprintf(nums, sizeof nums, "= %s - %s * %s = %s", a, d, e, b);
            y = insp_split(v, w, y, wd, (int)strlen(head), "", rule, nums);
        }
    }
    return y;
}

static void insp_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    session *s = v->s;
    insp_state *st = v->mode_state[MODE_INSPECTOR];
    int l, j, i;
    view_selected_weight(v, &l, &j, &i);
    session_chain c;
    insp_names nm;
    char title[320], name[64];
    view_selection sel = {.col = 2 * l + 1, .j = j, .i = i};
    view_weight_name(v, &sel, name, sizeof name);
    insp_name(s, l, j, i, &nm);
    bool ok = session_query_chain(s, l, j, i, v->sample, &c);
    snprintf(title, sizeof title, "Chain rule: %s (%s, layer %d of %d)", nm.w, name,
             l + 1, s->net.n_layers);
    style_rule(w, &v->st, 0, 0, wd, title, true);
    if (!ok)
        return;
    int y = 1;
    char a[32], b[256];
    /* where the step is, and which row */
    int x = 1 + view_print(v, w, y, 1, ROLE_KEY, "phase: %s",
                           c.forward ? insp_phase_said[c.phase] : "no forward yet");
    if (c.forward) {
        bool mean = st && st->mean && c.rows > 1;
        const double *xr = s->inputs + (size_t)c.data_row * s->n_in;
        size_t at = 0;
        b[0] = '\0';
        for (int k = 0; k < s->n_in && k < 4; k++) {
            fmt_num(a, sizeof a, xr[k]);
            at += (size_t)snprintf(b + at, sizeof b - at, "%s%s", k ? ", " : "", a);
        }
        if (s->n_in > 4)
            snprintf(b + at, sizeof b - at, ", ...");
        if (mean)
            view_print(v, w, y, x, ROLE_DIM, "   the mean over the batch of %d rows",
                       c.batch);
        else
            view_print(v, w, y, x, ROLE_DIM, "   row %d of %d: x = [%s]", c.r + 1,
                       c.batch, b);
    }
    y += 2;
    if (!c.forward) {
        fmt_num(a, sizeof a, c.before);
        view_print(v, w, y++, 1, ROLE_NORMAL, "%s = %s now. No forward pass yet: f runs "
                   "the forward phase,", nm.w, a);
        view_print(v, w, y++, 1, ROLE_NORMAL, "then the loss, the backward and the "
                   "update, one phase a press; n does all four.");
        return;
    }
    y = insp_draw_forward(v, w, y, &c, &nm);
    y++;
    if (!c.backward) {
        view_print(v, w, y++, 1, ROLE_DIM, "the gradient comes with the backward "
                   "phase: press f %s", c.phase == SESSION_PHASE_FORWARD ? "twice" : "");
        return;
    }
    if (st && st->mean && c.rows > 1) {
        y = insp_draw_mean(v, w, y, h, wd, &c, &nm);
    } else {
        y = insp_draw_row(v, w, y, wd, &c, &nm);
        if (c.batch > 1) {
            fmt_num(a, sizeof a, c.grad);
            view_print(v, w, y++, 1, ROLE_DIM, "this row's term; the step uses the mean "
                       "over %d rows: %s (B shows it)", c.batch, a);
        }
    }
    y++;
    insp_draw_update(v, w, y, h, wd, &c, &nm, c.output && !c.bias);
}

static bool insp_handle_action(tui_view *v, int action)
{
    insp_state *st = v->mode_state[MODE_INSPECTOR];
    session *s = v->s;
    tui_action a = (tui_action)action;
    switch (a) {
    case ACTION_ROW_OR_MEAN:
        if (st)
            st->mean = !st->mean;
        view_say(v, false, st && st->mean ? "the mean over the batch"
                                          : "one row of the batch");
        return true;
    case ACTION_ROW_PREV:
    case ACTION_ROW_NEXT: {
        /* the previous / next row of the last forward */
        int rows = s->net.batch;
        if (rows < 1 || (s->steps == 0 && s->phase == SESSION_PHASE_READY))
            return true;
        int r = 0;
        for (int k = 0; k < rows; k++)
            if (s->batch_rows[k] == v->sample)
                r = k;
        r = (r + (a == ACTION_ROW_NEXT ? 1 : rows - 1)) % rows;
        v->sample = s->batch_rows[r];
        if (st)
            st->mean = false;
        return true;
    }
    case ACTION_MOVE_UP:
    case ACTION_MOVE_DOWN:
    case ACTION_MOVE_LEFT:
    case ACTION_MOVE_RIGHT: {
        /* move over the weights as in the weights panel */
        int l, j, i;
        view_selected_weight(v, &l, &j, &i);
        view_select_weight(v, l, j, i);
        panel *p = &v->panels[PANEL_WEIGHTS];
        panel_weights_ops.handle_action(v, p, a);
        return true;
    }
    default:
        return false;
    }
}

static const key_binding insp_keys[] = {
    {'f', ACTION_TRAIN_PHASE}, {'n', ACTION_TRAIN_STEP},
    {'B', ACTION_ROW_OR_MEAN}, {'j', ACTION_ROW_PREV},
    {'k', ACTION_ROW_NEXT},    {0, ACTION_NONE},
};

const view_mode_ops mode_inspector_ops = {
    .name = "inspector",
    .title = "Chain-rule inspector",
    .state_size = sizeof(insp_state),
    .draw = insp_draw,
    .keys = insp_keys,
    .handle_action = insp_handle_action,
    .about = "arrows choose the weight; e edits it",
};
