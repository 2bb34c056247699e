/* session_query.c - the numbers the views show: an optimizer's next update
 * of one parameter, one weight's chain-rule terms, the loss at given
 * parameters. Reads the session only. */
#include "engine/session_query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double session_preview_update(const session *s, size_t p, double g)
{
    const opt_state *o = &s->opt;
    double w = s->net.params[p];
    if (s->cfg.model == MODEL_PERCEPTRON)
        return w - o->lr * g;
    return opt_preview(o, p, w, g);
}

void session_param_now(const session *s, size_t p, double *w, double *g,
                       double *change)
{
    *w = s->net.params[p];
    *g = s->net.grads[p];
    *change = *w - s->prev_params[p];
}

/* ---- the chain rule of one weight ---- */

/* Input i of row r into weight layer l, as the last forward saw it. */
static double chain_input(const net *n, int l, int r, int i)
{
    if (l == 0)
        return n->input[(size_t)r * n->n_inputs + i];
    const net_layer *P = &n->layer[l - 1];
    return P->a[(size_t)r * P->n_out + i];
}

/* The weights the last forward and backward used: before the update once
 * it is made. */
static const double *chain_used(const session *s)
{
    return s->phase == SESSION_PHASE_READY ? s->prev_params : s->net.params;
}

/* Which weight, and how far the step it is shown in has gone. */
static void chain_where(const session *s, int l, int j, int i, session_chain *c)
{
    const net *n = &s->net;
    const net_layer *L = &n->layer[l];
    c->l = l;
    c->j = j;
    c->i = i;
    c->p = net_param_index(n, l, j, i);
    c->bias = i == L->n_in;
    c->output = l == n->n_layers - 1;
    c->perceptron = s->cfg.model == MODEL_PERCEPTRON;
    c->fused = c->output && L->act == ACT_SOFTMAX && s->cfg.loss == LOSS_CE;
    c->phase = s->phase;
    c->lr = s->cfg.lr;
    c->opt = s->cfg.optimizer;
    c->before = s->net.params[c->p];
    bool stepped = s->steps > 0 && s->last.step > 0;
    c->forward = n->batch >= 1 && (s->phase != SESSION_PHASE_READY || stepped);
    c->backward = c->forward && (s->phase == SESSION_PHASE_BACKWARD ||
                                 (s->phase == SESSION_PHASE_READY && stepped));
}

/* The row's forward values and its loss. false when the row is gone. */
static bool chain_forward(const session *s, int want, session_chain *c)
{
    const net *n = &s->net;
    const net_layer *L = &n->layer[c->l];
    c->rows = n->batch;
    c->batch = s->batch_rows_n > 0 ? s->batch_rows_n : n->batch;
    c->r = 0;
    for (int r = 0; r < c->rows; r++)
        if (s->batch_rows[r] == want) {
            c->r = r;
            break;
        }
    int r = c->r;
    c->data_row = s->batch_rows[r];
    if (c->data_row < 0 || c->data_row >= ds_rows(&s->data))
        return false; /* the data changed under the last forward (points
                         removed): no row to show until the next one */
    size_t at = (size_t)r * L->n_out + (size_t)c->j;
    c->z = L->z[at];
    c->act = L->a[at];
    c->a_in = c->bias ? 1.0 : chain_input(n, c->l, r, c->i);
    const double *used = chain_used(s);
    c->w0_used = used[net_param_index(n, c->l, c->j, 0)];
    c->b_used = used[net_param_index(n, c->l, c->j, L->n_in)];
    c->in0 = chain_input(n, c->l, r, 0);
    if (c->output)
        c->y = s->batch_y[(size_t)r * s->n_out + (size_t)c->j];
    if (c->output && s->phase != SESSION_PHASE_FORWARD) {
        if (c->perceptron)
            c->loss_row = fabs(c->y - c->act);
        else
            c->loss_row = loss_row(s->cfg.loss, L->a + (size_t)r * L->n_out,
                                   s->batch_y + (size_t)r * s->n_out, s->n_out);
    }
    return true;
}

/* Keeps term (w, d) of unit k among the SESSION_CHAIN_TERMS largest
 * |w * d|, largest first. */
static void chain_keep_term(session_chain *c, int k, double w, double d)
{
    double mag = fabs(w * d);
    int t = c->n_terms < SESSION_CHAIN_TERMS ? c->n_terms++ : SESSION_CHAIN_TERMS;
    if (t == SESSION_CHAIN_TERMS) {
        if (mag <= fabs(c->w_next[t - 1] * c->delta_next[t - 1]))
            return;
        t--;
    }
    while (t > 0 && fabs(c->w_next[t - 1] * c->delta_next[t - 1]) < mag) {
        c->w_next[t] = c->w_next[t - 1];
        c->delta_next[t] = c->delta_next[t - 1];
        c->k_next[t] = c->k_next[t - 1];
        t--;
    }
    c->w_next[t] = w;
    c->delta_next[t] = d;
    c->k_next[t] = k;
}

/* The factors of the row's gradient and the batch's. */
static void chain_backward(const session *s, session_chain *c)
{
    const net *n = &s->net;
    const net_layer *L = &n->layer[c->l];
    int r = c->r, j = c->j;
    size_t at = (size_t)r * L->n_out + (size_t)j;
    /* the engine's da and dz carry the 1/batch of the mean: one row's own
     * terms are without it */
    double N = (double)c->batch;
    c->dl_da = L->da[at] * N;
    c->dact = act_derivative(L->act, c->z);
    c->delta = L->dz[at] * N;
    if (c->perceptron) {
        /* the rule as a gradient: dL/dz = -error, no activation slope */
        c->dl_da = c->delta;
        c->dact = 1;
    }
    c->grad_row = c->delta * c->a_in;
    c->grad = c->bias ? L->gb[j] : L->gw[(size_t)j * L->n_in + (size_t)c->i];
    const double *used = chain_used(s);
    if (!c->bias && !c->perceptron) {
        double w = used[c->p];
        double sign = w > 0 ? 1.0 : w < 0 ? -1.0 : 0.0;
        c->penalty = s->cfg.l1 * sign + s->cfg.l2 * w;
    }
    double sum = 0;
    for (int k = 0; k < c->rows; k++) {
        double a_in = c->bias ? 1.0 : chain_input(n, c->l, k, c->i);
        sum += L->dz[(size_t)k * L->n_out + (size_t)j] * a_in;
    }
    c->grad_rows = sum;
    if (c->output)
        return;
    /* a hidden unit: the sum over the next layer */
    const net_layer *M = &n->layer[c->l + 1];
    c->n_next = M->n_out;
    for (int k = 0; k < M->n_out; k++) {
        double wk = used[net_param_index(n, c->l + 1, k, j)];
        double dk = M->dz[(size_t)r * M->n_out + (size_t)k] * N;
        chain_keep_term(c, k, wk, dk);
    }
}

bool session_query_chain(const session *s, int l, int j, int i, int want,
                         session_chain *c)
{
    const net *n = &s->net;
    memset(c, 0, sizeof *c);
    if (net_param_index(n, l, j, i) == NET_NO_PARAM)
        return false;
    chain_where(s, l, j, i, c);
    if (!c->forward)
        return true;
    if (!chain_forward(s, want, c)) {
        c->forward = c->backward = false;
        return true;
    }
    if (!c->backward)
        return true;
    chain_backward(s, c);
    if (s->phase == SESSION_PHASE_READY) {
        c->updated = true;
        c->before = s->prev_params[c->p];
        c->after = s->net.params[c->p];
    } else {
        c->pending = true;
        c->after = session_preview_update(s, c->p, c->grad);
    }
    return true;
}

bool session_chain_row(const session *s, const session_chain *c, int r,
                       double *delta, double *a_in)
{
    const net *n = &s->net;
    if (!c->backward || r < 0 || r >= c->rows || r >= n->batch ||
        c->l < 0 || c->l >= n->n_layers)
        return false;
    const net_layer *L = &n->layer[c->l];
    *delta = L->dz[(size_t)r * L->n_out + (size_t)c->j] * (double)c->batch;
    *a_in = c->bias ? 1.0 : chain_input(n, c->l, r, c->i);
    return true;
}

/* ---- the loss at given parameters ---- */

static bool probe_grow(double **b, size_t *cap, size_t n)
{
    if (n <= *cap)
        return true;
    double *p = realloc(*b, n * sizeof *p);
    if (!p)
        return false;
    *b = p;
    *cap = n;
    return true;
}

/* The rows: all of the training rows, or an even spread of `rows` of them
 * (copied once per session version). */
static bool probe_rows(const session *s, session_loss_probe *p, int rows,
                       const double **x, const double **y)
{
    int train = s->data.n_train;
    *x = s->inputs;
    *y = s->targets;
    if (rows >= train)
        return true;
    if (p->stamp == s->version && p->rows == rows) {
        *x = p->x;
        *y = p->y;
        return true;
    }
    if (!probe_grow(&p->x, &p->x_cap, (size_t)rows * s->n_in) ||
        !probe_grow(&p->y, &p->y_cap, (size_t)rows * s->n_out))
        return false;
    for (int r = 0; r < rows; r++) {
        int src = (int)((long long)r * train / rows);
        memcpy(p->x + (size_t)r * s->n_in, s->inputs + (size_t)src * s->n_in,
               (size_t)s->n_in * sizeof(double));
        memcpy(p->y + (size_t)r * s->n_out, s->targets + (size_t)src * s->n_out,
               (size_t)s->n_out * sizeof(double));
    }
    p->stamp = s->version;
    *x = p->x;
    *y = p->y;
    return true;
}

double session_loss_at(const session *s, session_loss_probe *p,
                       const double *params, int max_rows)
{
    const net *n = &s->net;
    int train = s->data.n_train;
    int rows = max_rows < train ? max_rows : train;
    if (rows > SESSION_LOSS_ROWS_MAX)
        rows = SESSION_LOSS_ROWS_MAX;
    if (rows < 1)
        return NAN;
    int chunk = rows < SESSION_CHUNK ? rows : SESSION_CHUNK;
    const double *x, *y;
    if (!probe_grow(&p->work, &p->work_cap, net_eval_work_size(n, chunk)) ||
        !probe_grow(&p->out, &p->out_cap, (size_t)chunk * s->n_out) ||
        !probe_rows(s, p, rows, &x, &y))
        return NAN;
    p->rows = rows;
    int n_out = s->n_out;
    bool perceptron = s->cfg.model == MODEL_PERCEPTRON;
    double sum = 0;
    for (int done = 0; done < rows; done += SESSION_CHUNK) {
        int cnt = rows - done < SESSION_CHUNK ? rows - done : SESSION_CHUNK;
        const double *xi = x + (size_t)done * s->n_in;
        const double *yi = y + (size_t)done * n_out;
        net_eval_at(n, params, xi, cnt, -1, p->out, p->work);
        if (perceptron)
            for (int r = 0; r < cnt; r++)
                sum += fabs(yi[r] - p->out[r]);
        else
            sum += loss_forward(s->cfg.loss, p->out, yi, cnt, n_out, 1.0);
    }
    double l = sum / rows;
    if (!perceptron)
        l += net_penalty_at(n, params, s->cfg.l1, s->cfg.l2);
    return l;
}

void session_loss_probe_free(session_loss_probe *p)
{
    free(p->x);
    free(p->y);
    free(p->work);
    free(p->out);
    memset(p, 0, sizeof *p);
}

/* ---- hidden units over given rows ---- */

bool session_query_units(const session *s, session_unit_probe *p,
                         const double *raw, int rows)
{
    const net *n = &s->net;
    p->rows = 0;
    p->units = 0;
    if (rows < 1 || rows > SESSION_UNIT_ROWS_MAX || n->n_layers < 2)
        return false;
    int units = 0, widest = 0;
    for (int l = 0; l + 1 < n->n_layers; l++) {
        p->first[l] = units;
        units += n->layer[l].n_out;
        if (n->layer[l].n_out > widest)
            widest = n->layer[l].n_out;
    }
    if (!probe_grow(&p->in, &p->in_cap, (size_t)rows * s->n_in) ||
        !probe_grow(&p->out, &p->out_cap, (size_t)rows * widest) ||
        !probe_grow(&p->work, &p->work_cap, net_eval_work_size(n, rows)) ||
        !probe_grow(&p->a, &p->a_cap, (size_t)rows * units) ||
        !probe_grow(&p->amax, &p->amax_cap, (size_t)units))
        return false;
    prep_apply(&s->prep, raw, p->in, rows);
    for (int l = 0; l + 1 < n->n_layers; l++) {
        int nu = n->layer[l].n_out;
        net_eval(n, p->in, rows, l, p->out, p->work);
        for (int j = 0; j < nu; j++) {
            double *dst = p->a + (size_t)(p->first[l] + j) * rows, mx = 0;
            for (int r = 0; r < rows; r++) {
                double a = p->out[(size_t)r * nu + j];
                dst[r] = a;
                if (isfinite(a) && fabs(a) > mx)
                    mx = fabs(a);
            }
            p->amax[p->first[l] + j] = mx;
        }
    }
    p->rows = rows;
    p->units = units;
    return true;
}

void session_unit_probe_free(session_unit_probe *p)
{
    free(p->a);
    free(p->amax);
    free(p->in);
    free(p->out);
    free(p->work);
    memset(p, 0, sizeof *p);
}

double session_unit_z(const session *s, int l, int j, const double *a_in)
{
    const net *n = &s->net;
    if (l < 0 || l >= n->n_layers || j < 0 || j >= n->layer[l].n_out)
        return NAN;
    const net_layer *L = &n->layer[l];
    double z = L->b[j];
    for (int i = 0; i < L->n_in; i++)
        z += L->w[(size_t)j * L->n_in + i] * a_in[i];
    return z;
}
