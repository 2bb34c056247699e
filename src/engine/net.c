/* net.c - a fully connected network on flat arrays: one block of parameters,
 * one of gradients, one workspace; batched forward and backward passes as
 * matrix products run by the vector kernels of kernels.c (relu, linear and
 * the common derivatives inline there, the rest through act.c). No
 * allocation after net_new / net_reserve. */
#include "engine/net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/kernels.h"

static const char *const init_names[NET_INIT_COUNT] = {
    "torch", "xavier", "he", "zeros",
};

const char *net_init_name(net_init_kind k)
{
    return (k >= 0 && k < NET_INIT_COUNT) ? init_names[k] : "?";
}

bool net_init_from_name(const char *name, net_init_kind *out)
{
    for (int i = 0; i < NET_INIT_COUNT; i++)
        if (strcmp(name, init_names[i]) == 0) {
            *out = (net_init_kind)i;
            return true;
        }
    return false;
}

bool net_shape_check(const net_shape *s, char *err, size_t errlen)
{
    if (s->n_inputs < 1 || s->n_inputs > NET_MAX_UNITS) {
        snprintf(err, errlen, "%d inputs (allowed: 1 to %d)", s->n_inputs,
                 NET_MAX_UNITS);
        return false;
    }
    if (s->n_layers < 1 || s->n_layers > NET_MAX_LAYERS) {
        snprintf(err, errlen, "%d layers (allowed: 1 to %d)", s->n_layers,
                 NET_MAX_LAYERS);
        return false;
    }
    size_t params = 0;
    int prev = s->n_inputs;
    for (int l = 0; l < s->n_layers; l++) {
        if (s->units[l] < 1 || s->units[l] > NET_MAX_UNITS) {
            snprintf(err, errlen, "layer %d has %d units (allowed: 1 to %d)",
                     l + 1, s->units[l], NET_MAX_UNITS);
            return false;
        }
        if (s->acts[l] < 0 || s->acts[l] >= ACT_COUNT) {
            snprintf(err, errlen, "layer %d has an unknown activation", l + 1);
            return false;
        }
        if (s->acts[l] == ACT_SOFTMAX && l != s->n_layers - 1) {
            snprintf(err, errlen, "softmax is only allowed on the output layer");
            return false;
        }
        params += (size_t)s->units[l] * (size_t)(prev + 1);
        prev = s->units[l];
    }
    if (params > NET_MAX_PARAMS) {
        snprintf(err, errlen, "%zu parameters (allowed: at most %d)", params,
                 NET_MAX_PARAMS);
        return false;
    }
    return true;
}

size_t net_shape_params(const net_shape *s)
{
    size_t params = 0;
    int prev = s->n_inputs;
    for (int l = 0; l < s->n_layers; l++) {
        params += (size_t)s->units[l] * (size_t)(prev + 1);
        prev = s->units[l];
    }
    return params;
}

static size_t work_per_row(const net *n)
{
    size_t w = (size_t)n->n_inputs;
    for (int l = 0; l < n->n_layers; l++)
        w += 4 * (size_t)n->layer[l].n_out;
    return w;
}

static size_t max_layer_weights(const net *n)
{
    size_t m = 0;
    for (int l = 0; l < n->n_layers; l++) {
        size_t s = (size_t)n->layer[l].n_in * (size_t)n->layer[l].n_out;
        if (s > m)
            m = s;
    }
    return m;
}

/* Points input and every layer's z, a, da, dz into the workspace. */
static void place_work(net *n)
{
    double *p = n->work;
    size_t cap = (size_t)n->batch_cap;
    n->wt = p;
    p += max_layer_weights(n);
    n->input = p;
    p += cap * (size_t)n->n_inputs;
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        size_t sz = cap * (size_t)L->n_out;
        L->z = p;
        L->a = p + sz;
        L->da = p + 2 * sz;
        L->dz = p + 3 * sz;
        p += 4 * sz;
    }
}

int net_new(net *n, const net_shape *s, int batch_cap)
{
    char err[128];
    memset(n, 0, sizeof *n);
    if (!net_shape_check(s, err, sizeof err) || batch_cap < 1)
        return -1;
    n->n_inputs = s->n_inputs;
    n->n_layers = s->n_layers;
    n->n_params = net_shape_params(s);
    n->params = calloc(n->n_params, sizeof *n->params);
    n->grads = calloc(n->n_params, sizeof *n->grads);
    if (!n->params || !n->grads) {
        net_free(n);
        return -1;
    }
    size_t off = 0;
    int prev = s->n_inputs;
    for (int l = 0; l < s->n_layers; l++) {
        net_layer *L = &n->layer[l];
        L->n_in = prev;
        L->n_out = s->units[l];
        L->act = s->acts[l];
        L->offset = off;
        L->w = n->params + off;
        L->gw = n->grads + off;
        off += (size_t)L->n_in * (size_t)L->n_out;
        L->b = n->params + off;
        L->gb = n->grads + off;
        off += (size_t)L->n_out;
        prev = L->n_out;
    }
    if (net_reserve(n, batch_cap) < 0) {
        net_free(n);
        return -1;
    }
    return 0;
}

int net_reserve(net *n, int batch_cap)
{
    if (batch_cap <= n->batch_cap)
        return 0;
    double *w = calloc((size_t)batch_cap * work_per_row(n) + max_layer_weights(n),
                       sizeof *w);
    if (!w)
        return -1;
    free(n->work);
    n->work = w;
    n->batch_cap = batch_cap;
    n->batch = 0;
    place_work(n);
    return 0;
}

void net_free(net *n)
{
    free(n->params);
    free(n->grads);
    free(n->work);
    memset(n, 0, sizeof *n);
}

void net_get_shape(const net *n, net_shape *out)
{
    memset(out, 0, sizeof *out);
    out->n_inputs = n->n_inputs;
    out->n_layers = n->n_layers;
    for (int l = 0; l < n->n_layers; l++) {
        out->units[l] = n->layer[l].n_out;
        out->acts[l] = n->layer[l].act;
    }
}

void net_init_params(net *n, net_init_kind k, rng_state *r)
{
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        size_t nw = (size_t)L->n_in * (size_t)L->n_out;
        double fan_in = L->n_in, fan_out = L->n_out;
        double wb = 0, bb = 0;
        switch (k) {
        case NET_INIT_TORCH:
            wb = bb = 1.0 / sqrt(fan_in);
            break;
        case NET_INIT_XAVIER:
            wb = sqrt(6.0 / (fan_in + fan_out));
            break;
        case NET_INIT_HE:
            wb = sqrt(6.0 / fan_in);
            break;
        default:
            break;
        }
        for (size_t i = 0; i < nw; i++)
            L->w[i] = wb > 0 ? rng_range(r, -wb, wb) : 0.0;
        for (int j = 0; j < L->n_out; j++)
            L->b[j] = bb > 0 ? rng_range(r, -bb, bb) : 0.0;
    }
}

void net_init_params_torch_mt(net *n, mt_state *m)
{
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        size_t nw = (size_t)L->n_in * (size_t)L->n_out;
        double fan_in = L->n_in;
        /* torch.nn.init.kaiming_uniform_ and Linear.reset_parameters, in
         * their order of operations */
        double a = sqrt(5.0);
        double gain = sqrt(2.0 / (1.0 + a * a));
        double std = gain / sqrt(fan_in);
        double wb = sqrt(3.0) * std;
        double bb = 1.0 / sqrt(fan_in);
        for (size_t i = 0; i < nw; i++)
            L->w[i] = (double)mt_uniform_float(m, -wb, wb);
        for (int j = 0; j < L->n_out; j++)
            L->b[j] = (double)mt_uniform_float(m, -bb, bb);
    }
}

int net_n_outputs(const net *n)
{
    return n->layer[n->n_layers - 1].n_out;
}

const double *net_output(const net *n)
{
    return n->layer[n->n_layers - 1].a;
}

const double *net_forward(net *n, const double *x, int rows)
{
    if (rows > n->batch_cap)
        rows = n->batch_cap;
    if (rows < 0)
        rows = 0;
    n->batch = rows;
    if (x != n->input) /* a caller may have gathered its rows in place */
        memcpy(n->input, x, (size_t)rows * (size_t)n->n_inputs * sizeof *x);
    const double *in = n->input;
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        /* relu and linear come out of the product; the rest go to act.c */
        if (!kern_linear_forward(L->z, L->a, L->act, in, L->w, L->b, n->wt,
                                 rows, L->n_in, L->n_out))
            act_forward(L->act, L->a, L->z, rows, L->n_out);
        in = L->a;
    }
    return net_output(n);
}

void net_zero_grad(net *n)
{
    memset(n->grads, 0, n->n_params * sizeof *n->grads);
}

void net_backward(net *n, const double *dz_out)
{
    int rows = n->batch;
    int last = n->n_layers - 1;
    net_layer *Lo = &n->layer[last];
    if (dz_out != Lo->dz)
        memcpy(Lo->dz, dz_out,
               (size_t)rows * (size_t)Lo->n_out * sizeof *dz_out);
    for (int l = last; l >= 0; l--) {
        net_layer *L = &n->layer[l];
        const double *ain = l > 0 ? n->layer[l - 1].a : n->input;
        /* gw, gb and, below the first layer, dL/da of the layer below and
         * (for the common activations) its dL/dz in one call; the other
         * activations' dL/dz through act.c */
        net_layer *P = l > 0 ? &n->layer[l - 1] : NULL;
        if (!kern_linear_backward(L->gw, L->gb, P ? P->da : NULL,
                                  P ? P->dz : NULL, P ? P->act : ACT_LINEAR,
                                  P ? P->z : NULL, P ? P->a : NULL, L->dz, ain,
                                  L->w, rows, L->n_in, L->n_out))
            act_backward(P->act, P->dz, P->da, P->z, P->a, rows, P->n_out);
    }
}

size_t net_eval_work_size(const net *n, int rows)
{
    int widest = n->n_inputs;
    for (int l = 0; l < n->n_layers; l++)
        if (n->layer[l].n_out > widest)
            widest = n->layer[l].n_out;
    return max_layer_weights(n) + 2 * (size_t)rows * (size_t)widest;
}

size_t net_param_index(const net *n, int l, int j, int i)
{
    if (l < 0 || l >= n->n_layers)
        return NET_NO_PARAM;
    const net_layer *L = &n->layer[l];
    if (j < 0 || j >= L->n_out || i < 0 || i > L->n_in)
        return NET_NO_PARAM;
    if (i == L->n_in)
        return L->offset + (size_t)L->n_out * L->n_in + (size_t)j;
    return L->offset + (size_t)j * L->n_in + (size_t)i;
}

bool net_param_locate(const net *n, size_t p, int *l, int *j, int *i)
{
    for (int k = 0; k < n->n_layers; k++) {
        const net_layer *L = &n->layer[k];
        size_t nw = (size_t)L->n_out * L->n_in;
        if (p < L->offset || p >= L->offset + nw + (size_t)L->n_out)
            continue;
        size_t q = p - L->offset;
        *l = k;
        if (q < nw) {
            *j = (int)(q / (size_t)L->n_in);
            *i = (int)(q % (size_t)L->n_in);
        } else {
            *j = (int)(q - nw);
            *i = L->n_in;
        }
        return true;
    }
    *l = *j = *i = 0;
    return false;
}

void net_eval(const net *n, const double *x, int rows, int upto, double *out,
              double *work)
{
    net_eval_at(n, n->params, x, rows, upto, out, work);
}

void net_eval_at(const net *n, const double *params, const double *x, int rows,
                 int upto, double *out, double *work)
{
    if (upto < 0 || upto >= n->n_layers)
        upto = n->n_layers - 1;
    int widest = n->n_inputs;
    for (int l = 0; l < n->n_layers; l++)
        if (n->layer[l].n_out > widest)
            widest = n->layer[l].n_out;
    double *wt = work;
    double *buf[2] = {work + max_layer_weights(n),
                      work + max_layer_weights(n) + (size_t)rows * widest};
    const double *in = x;
    for (int l = 0; l <= upto; l++) {
        const net_layer *L = &n->layer[l];
        double *dst = l == upto ? out : buf[l % 2];
        const double *w = params + L->offset;
        const double *bias = w + (size_t)L->n_out * L->n_in;
        if (!kern_linear_forward(dst, dst, L->act, in, w, bias, wt, rows,
                                 L->n_in, L->n_out))
            act_forward(L->act, dst, dst, rows, L->n_out);
        in = dst;
    }
}

double net_penalty(const net *n, double l1, double l2)
{
    return net_penalty_at(n, n->params, l1, l2);
}

double net_penalty_at(const net *n, const double *params, double l1, double l2)
{
    if (l1 == 0 && l2 == 0)
        return 0;
    double s1 = 0, s2 = 0;
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        const double *w = params + L->offset;
        size_t nw = (size_t)L->n_in * (size_t)L->n_out;
        for (size_t i = 0; i < nw; i++) {
            s1 += fabs(w[i]);
            s2 += w[i] * w[i];
        }
    }
    return l1 * s1 + 0.5 * l2 * s2;
}

void net_add_penalty_grad(net *n, double l1, double l2)
{
    if (l1 == 0 && l2 == 0)
        return;
    for (int l = 0; l < n->n_layers; l++) {
        net_layer *L = &n->layer[l];
        size_t nw = (size_t)L->n_in * (size_t)L->n_out;
        for (size_t i = 0; i < nw; i++) {
            double w = L->w[i];
            double sign = w > 0 ? 1.0 : w < 0 ? -1.0 : 0.0;
            L->gw[i] += l1 * sign + l2 * w;
        }
    }
}

bool net_params_finite(const net *n)
{
    double acc = 0;
    for (size_t i = 0; i < n->n_params; i++)
        acc += n->params[i] * 0.0;
    return acc == 0.0; /* NaN or Inf anywhere makes acc NaN */
}
