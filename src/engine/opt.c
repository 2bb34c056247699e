/* opt.c - SGD, SGD with momentum and Adam, following PyTorch's update rules
 * (torch.optim.SGD and torch.optim.Adam, default hyper-parameters) so that
 * runs can be compared number for number. */
#include "engine/opt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/kernels.h"

static const char *const names[OPT_COUNT] = {"sgd", "momentum", "adam"};

const char *opt_name(opt_kind k)
{
    return (k >= 0 && k < OPT_COUNT) ? names[k] : "?";
}

bool opt_from_name(const char *name, opt_kind *out)
{
    for (int i = 0; i < OPT_COUNT; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (opt_kind)i;
            return true;
        }
    return false;
}

int opt_new(opt_state *o, opt_kind k, double lr, size_t n_params)
{
    memset(o, 0, sizeof *o);
    o->kind = k;
    o->lr = lr;
    o->momentum = 0.9;
    o->beta1 = 0.9;
    o->beta2 = 0.999;
    o->eps = 1e-8;
    o->n = n_params;
    size_t n = n_params ? n_params : 1;
    o->m = calloc(n, sizeof *o->m);
    o->v = calloc(n, sizeof *o->v);
    if (!o->m || !o->v) {
        opt_free(o);
        return -1;
    }
    return 0;
}

void opt_free(opt_state *o)
{
    free(o->m);
    free(o->v);
    o->m = o->v = NULL;
    o->n = 0;
}

void opt_reset(opt_state *o)
{
    o->t = 0;
    if (o->m)
        memset(o->m, 0, o->n * sizeof *o->m);
    if (o->v)
        memset(o->v, 0, o->n * sizeof *o->v);
}

int opt_set_kind(opt_state *o, opt_kind k)
{
    if (k < 0 || k >= OPT_COUNT)
        return -1;
    o->kind = k;
    opt_reset(o);
    return 0;
}

void opt_step(opt_state *o, double *restrict p, const double *restrict g)
{
    size_t n = o->n;
    double lr = o->lr;
    o->t++;
    switch (o->kind) {
    case OPT_SGD:
        kern_sgd(p, g, lr, n);
        break;
    case OPT_MOMENTUM:
        kern_momentum(p, o->m, g, lr, o->momentum, o->t == 1, n);
        break;
    case OPT_ADAM: {
        /* torch.optim.Adam (single-tensor, non-amsgrad):
         * m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g*g
         * step = lr / (1 - b1^t);  denom = sqrt(v) / sqrt(1 - b2^t) + eps
         * p -= step * m / denom */
        double *restrict m = o->m, *restrict v = o->v;
        double b1 = o->beta1, b2 = o->beta2;
        double bc1 = 1.0 - pow(b1, (double)o->t);
        double bc2 = 1.0 - pow(b2, (double)o->t);
        double step = lr / bc1;
        double bc2_sqrt = sqrt(bc2);
        for (size_t i = 0; i < n; i++) {
            m[i] = m[i] * b1 + (1.0 - b1) * g[i];
            v[i] = v[i] * b2 + (1.0 - b2) * g[i] * g[i];
            double denom = sqrt(v[i]) / bc2_sqrt + o->eps;
            p[i] -= step * (m[i] / denom);
        }
        break;
    }
    default:
        break;
    }
}

double opt_step_tracked(opt_state *o, double *params, double *prev,
                        const double *grads)
{
    if (o->kind == OPT_SGD) { /* one pass: the common case, and the cheapest */
        o->t++;
        return kern_sgd_step(params, prev, grads, o->lr, o->n);
    }
    memcpy(prev, params, o->n * sizeof *prev);
    opt_step(o, params, grads);
    return kern_sumsq_diff(params, prev, o->n);
}

double opt_preview(const opt_state *o, size_t i, double w, double g)
{
    if (o->kind == OPT_MOMENTUM) {
        double buf = o->t == 0 ? g : o->m[i] * o->momentum + g;
        return w - o->lr * buf;
    }
    if (o->kind == OPT_ADAM) {
        double t = (double)(o->t + 1);
        double m = o->m[i] * o->beta1 + (1.0 - o->beta1) * g;
        double v = o->v[i] * o->beta2 + (1.0 - o->beta2) * g * g;
        double bc1 = 1.0 - pow(o->beta1, t), bc2 = 1.0 - pow(o->beta2, t);
        double denom = sqrt(v) / sqrt(bc2) + o->eps;
        return w - (o->lr / bc1) * (m / denom);
    }
    return w - o->lr * g;
}
