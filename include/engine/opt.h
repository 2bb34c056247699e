/* opt.h - optimizers with PyTorch's update rules, over one flat parameter
 * array and its gradient array.
 *   sgd:      p -= lr * g
 *   momentum: torch.optim.SGD(momentum=0.9, dampening=0):
 *             buf = g on the first step, then buf = 0.9*buf + g; p -= lr*buf
 *   adam:     torch.optim.Adam defaults (betas 0.9, 0.999; eps 1e-8). */
#ifndef MLPVIZ_ENGINE_OPT_H
#define MLPVIZ_ENGINE_OPT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { OPT_SGD, OPT_MOMENTUM, OPT_ADAM, OPT_COUNT } opt_kind;

typedef struct {
    opt_kind kind;
    double lr;
    double momentum;       /* 0.9 */
    double beta1, beta2;   /* 0.9, 0.999 */
    double eps;            /* 1e-8 */
    long t;                /* steps taken */
    size_t n;              /* parameters */
    double *m;             /* [n] momentum buffer / Adam first moment */
    double *v;             /* [n] Adam second moment */
} opt_state;

const char *opt_name(opt_kind k);
bool opt_from_name(const char *name, opt_kind *out);

/* 0, or -1 when out of memory. */
int opt_new(opt_state *o, opt_kind k, double lr, size_t n_params);
void opt_free(opt_state *o);
/* Forgets the moments and the step count (keeps kind, lr, n). */
void opt_reset(opt_state *o);
/* Changes the kind; the moments restart. 0 or -1. */
int opt_set_kind(opt_state *o, opt_kind k);
void opt_step(opt_state *o, double *params, const double *grads);
/* opt_step that also leaves the parameters from before the step in prev
 * and returns the squared L2 norm of the change (in a fixed order). */
double opt_step_tracked(opt_state *o, double *params, double *prev,
                        const double *grads);
/* What the next opt_step would make of parameter i, now w, with gradient
 * g, the state left untouched (the inspector shows it before the update). */
double opt_preview(const opt_state *o, size_t i, double w, double g);

#endif
