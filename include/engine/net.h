/* net.h - a fully connected network of any depth on flat arrays.
 * All weights and biases live in one block `params` (layer by layer: the
 * layer's weights w[out][in], row-major like torch.nn.Linear.weight, then
 * its biases b[out]); `grads` has the same layout. Each layer points into
 * both. Forward and backward work on a batch of rows at once (a matrix
 * product per layer) and keep every value of the last pass readable:
 * inputs, z, a, dL/da, dL/dz and the gradients, for the inspector.
 * Nothing is allocated after net_new / net_reserve. */
#ifndef MLPVIZ_ENGINE_NET_H
#define MLPVIZ_ENGINE_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/act.h"
#include "engine/mt.h"
#include "engine/rng.h"

#define NET_MAX_LAYERS 16   /* weight layers: hidden layers + output */
#define NET_MAX_UNITS 4096  /* units in one layer, inputs included */
#define NET_MAX_PARAMS (1 << 24)

typedef enum {
    NET_INIT_TORCH,  /* torch.nn.Linear default: w, b ~ U(+-1/sqrt(fan_in)) */
    NET_INIT_XAVIER, /* w ~ U(+-sqrt(6/(fan_in+fan_out))), b = 0 */
    NET_INIT_HE,     /* w ~ U(+-sqrt(6/fan_in)), b = 0 */
    NET_INIT_ZEROS,
    NET_INIT_COUNT
} net_init_kind;

typedef struct {
    int n_in, n_out;
    act_kind act;
    double *w;  /* [n_out][n_in]  weights, w[j*n_in + i]: input i -> unit j */
    double *b;  /* [n_out]        biases */
    double *gw; /* [n_out][n_in]  dL/dw of the last backward (accumulated) */
    double *gb; /* [n_out]        dL/db */
    double *z;  /* [batch][n_out] pre-activations of the last forward */
    double *a;  /* [batch][n_out] activations of the last forward */
    double *da; /* [batch][n_out] dL/da of the last backward */
    double *dz; /* [batch][n_out] dL/dz (the delta) of the last backward */
    size_t offset; /* index of w[0] in params; b follows at offset + n_out*n_in */
} net_layer;

typedef struct {
    int n_inputs;
    int n_layers;                    /* weight layers, >= 1 */
    net_layer layer[NET_MAX_LAYERS]; /* layer[n_layers-1] is the output */
    size_t n_params;
    double *params;   /* [n_params] */
    double *grads;    /* [n_params] */
    int batch_cap;    /* rows the workspace holds */
    int batch;        /* rows of the last forward */
    double *input;    /* [batch][n_inputs] copy of the last forward's input */
    double *wt;       /* scratch: one layer's transposed weights */
    double *work;     /* one block behind wt, input and every z, a, da, dz */
} net;

/* A network shape: units[l] and acts[l] for l in 0..n_layers-1, the last
 * entry the output layer. */
typedef struct {
    int n_inputs;
    int n_layers;
    int units[NET_MAX_LAYERS];
    act_kind acts[NET_MAX_LAYERS];
} net_shape;

/* Checks a shape against the limits; on failure writes why into err
 * and returns false. */
bool net_shape_check(const net_shape *s, char *err, size_t errlen);
size_t net_shape_params(const net_shape *s);

/* Builds a network of that shape with all parameters zero and a workspace
 * for batch_cap rows. Returns 0, or -1 (bad shape or out of memory; the
 * net is then empty and net_free is safe). */
int net_new(net *n, const net_shape *s, int batch_cap);
void net_free(net *n);
void net_get_shape(const net *n, net_shape *out);
/* Grows the workspace to at least batch_cap rows. 0 or -1. */
int net_reserve(net *n, int batch_cap);

void net_init_params(net *n, net_init_kind k, rng_state *r);
/* PyTorch's own draw, bit for bit: what a stack of nn.Linear layers built
 * in this order (input side first) holds after torch.manual_seed(S), with
 * m seeded by mt_seed(m, S). Each layer draws its weight (row-major) with
 * kaiming_uniform_(a = sqrt(5)), bound sqrt(3) * sqrt(2 / (1 + a^2)) /
 * sqrt(fan_in), then its bias with bound 1 / sqrt(fan_in), each value a
 * float32 (mt_uniform_float) stored as a double. */
void net_init_params_torch_mt(net *n, mt_state *m);
const char *net_init_name(net_init_kind k);
bool net_init_from_name(const char *name, net_init_kind *out);

/* Forward over x[rows][n_inputs], rows <= batch_cap. Returns the output
 * block [rows][n_out of the last layer] (the last layer's a). */
const double *net_forward(net *n, const double *x, int rows);
const double *net_output(const net *n);
int net_n_outputs(const net *n);

void net_zero_grad(net *n);
/* Backward from dL/dz of the output layer (see loss_backward_z) for the rows
 * of the last forward. Fills every layer's da and dz and ADDS into grads. */
void net_backward(net *n, const double *dz_out);

/* Stateless evaluation that leaves the last step's values untouched: the
 * map, test loss and predictions use it. `work` holds at least
 * net_eval_work_size(n, rows) doubles. Writes layer `upto`'s activations
 * ([rows][layer[upto].n_out]) to out; upto = n_layers-1 gives the outputs. */
size_t net_eval_work_size(const net *n, int rows);
void net_eval(const net *n, const double *x, int rows, int upto, double *out,
              double *work);
/* net_eval with the parameters in params ([n_params], laid out as
 * n->params) in place of the network's own: the loss landscape asks it. */
void net_eval_at(const net *n, const double *params, const double *x, int rows,
                 int upto, double *out, double *work);

/* The index in params of layer l's weight from input i to unit j; i ==
 * n_in gives unit j's bias. NET_NO_PARAM when there is no such parameter. */
#define NET_NO_PARAM ((size_t)-1)
size_t net_param_index(const net *n, int l, int j, int i);
/* The other way: parameter p as (layer, unit, input), input n_in for a
 * bias. false (and all 0) when p is past the last parameter. */
bool net_param_locate(const net *n, size_t p, int *l, int *j, int *i);

/* Regularisation on weights (not biases): penalty l1*sum|w| + l2/2*sum w^2,
 * and its gradient added into grads. */
double net_penalty(const net *n, double l1, double l2);
double net_penalty_at(const net *n, const double *params, double l1, double l2);
void net_add_penalty_grad(net *n, double l1, double l2);

/* true when every parameter is finite. */
bool net_params_finite(const net *n);

#endif
