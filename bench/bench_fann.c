/* bench_fann.c - the FANN contender of the training benchmark (Debian's
 * libfann-dev, its double-precision build), set up as close to the engine's
 * runs as FANN allows: the same layer sizes, the engine's initial weights,
 * FANN_TRAIN_BATCH (whose step is learning_rate / rows x the summed slopes,
 * i.e. the mean gradient, so the engine's rate is used as it is), one
 * fann_train_epoch per mini-batch. Built only when the library is there
 * (mk/bench.mk defines BENCH_HAVE_FANN); otherwise it says so. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

#ifdef BENCH_HAVE_FANN
#include <doublefann.h>

bool bench_fann_available(const char **why_not)
{
    (void)why_not;
    return true;
}

const char *bench_fann_version(void) { return "FANN 2.2 (doublefann)"; }

/* Copies the engine's parameters (per layer w[out][in] then b[out]) into
 * FANN's connections. FANN numbers its neurons layer by layer, each layer
 * followed by its bias neuron; a connection goes from neuron `from` of the
 * layer below to `to`. false when the layout is not the one expected. */
static bool fann_copy_weights(struct fann *ann, const bench_net_spec *sp,
                              const double *init)
{
    unsigned n_layers = fann_get_num_layers(ann);
    unsigned total = fann_get_total_connections(ann);
    if (n_layers != (unsigned)sp->n_layers + 1)
        return false;
    unsigned start[5];
    unsigned acc = 0;
    for (int l = 0; l <= sp->n_layers; l++) {
        start[l] = acc;
        acc += (unsigned)sp->units[l] + 1;
    }
    if (acc != fann_get_total_neurons(ann) &&
        acc - 1 != fann_get_total_neurons(ann))
        return false;
    struct fann_connection *c = malloc(sizeof *c * total);
    if (!c)
        return false;
    fann_get_connection_array(ann, c);
    size_t off[4];
    size_t k = 0;
    for (int l = 0; l < sp->n_layers; l++) {
        off[l] = k;
        k += (size_t)sp->units[l + 1] * ((size_t)sp->units[l] + 1);
    }
    bool ok = true;
    for (unsigned m = 0; m < total && ok; m++) {
        int l = -1;
        for (int q = 0; q < sp->n_layers; q++)
            if (c[m].to_neuron >= start[q + 1] &&
                c[m].to_neuron < start[q + 1] + (unsigned)sp->units[q + 1])
                l = q;
        if (l < 0 || c[m].from_neuron < start[l] ||
            c[m].from_neuron > start[l] + (unsigned)sp->units[l]) {
            ok = false;
            break;
        }
        int j = (int)(c[m].to_neuron - start[l + 1]);
        int i = (int)(c[m].from_neuron - start[l]);
        int I = sp->units[l], J = sp->units[l + 1];
        c[m].weight = i < I ? init[off[l] + (size_t)j * I + i]
                            : init[off[l] + (size_t)J * I + j];
    }
    if (ok)
        fann_set_weight_array(ann, c, total);
    free(c);
    return ok;
}

double bench_fann_time_once(const bench_net_spec *sp, const double *x,
                            const double *y, int n, const double *init,
                            double *bce, double *acc)
{
    unsigned layers[5];
    for (int l = 0; l <= sp->n_layers; l++)
        layers[l] = (unsigned)sp->units[l];
    struct fann *ann = fann_create_standard_array((unsigned)sp->n_layers + 1, layers);
    if (!ann)
        return -1;
    fann_set_training_algorithm(ann, FANN_TRAIN_BATCH);
    fann_set_learning_rate(ann, (float)sp->lr);
    fann_set_learning_momentum(ann, 0);
    fann_set_train_error_function(ann, FANN_ERRORFUNC_LINEAR);
    fann_set_train_stop_function(ann, FANN_STOPFUNC_MSE);
    /* FANN 2.2 has no ReLU: the bounded linear unit is the nearest */
    fann_set_activation_function_hidden(
        ann, sp->tanh_hidden ? FANN_SIGMOID_SYMMETRIC : FANN_LINEAR_PIECE);
    fann_set_activation_steepness_hidden(ann, 1.0);
    /* FANN's sigmoid is 1/(1+exp(-2 s x)): steepness 0.5 is the usual one */
    fann_set_activation_function_output(ann, FANN_SIGMOID);
    fann_set_activation_steepness_output(ann, 0.5);
    if (!fann_copy_weights(ann, sp, init)) {
        fann_destroy(ann);
        return -1;
    }
    int batch = sp->batch > 0 ? sp->batch : n;
    int n_batches = (n + batch - 1) / batch;
    struct fann_train_data **parts = calloc((size_t)n_batches, sizeof *parts);
    if (!parts) {
        fann_destroy(ann);
        return -1;
    }
    bool ok = true;
    for (int b = 0; b < n_batches && ok; b++) {
        int first = b * batch, rows = n - first < batch ? n - first : batch;
        parts[b] = fann_create_train((unsigned)rows, 2, 1);
        if (!parts[b]) {
            ok = false;
            break;
        }
        for (int r = 0; r < rows; r++) {
            parts[b]->input[r][0] = x[2 * (first + r)];
            parts[b]->input[r][1] = x[2 * (first + r) + 1];
            parts[b]->output[r][0] = y[first + r];
        }
    }
    double t = -1;
    if (ok) {
        double t0 = bench_now();
        for (int e = 0; e < sp->epochs; e++)
            for (int b = 0; b < n_batches; b++)
                fann_train_epoch(ann, parts[b]);
        t = bench_now() - t0;
        double sum = 0;
        int right = 0;
        for (int i = 0; i < n; i++) {
            fann_type in[2] = {x[2 * i], x[2 * i + 1]};
            double p = fann_run(ann, in)[0];
            double lp = p > 0 ? fmax(log(p), -100) : -100;
            double lq = p < 1 ? fmax(log(1 - p), -100) : -100;
            sum += -(y[i] * lp + (1 - y[i]) * lq);
            right += (p >= 0.5) == (y[i] >= 0.5);
        }
        *bce = sum / n;
        *acc = (double)right / n;
    }
    for (int b = 0; b < n_batches; b++)
        if (parts[b])
            fann_destroy_train(parts[b]);
    free(parts);
    fann_destroy(ann);
    return t;
}

void bench_fann_describe(const bench_net_spec *sp)
{
    printf("  FANN differs: it has no binary cross-entropy, so it trains on the "
           "squared error\n    (output delta (y - p) p (1 - p) instead of "
           "y - p) and its derivatives are clipped;\n");
    if (sp->tanh_hidden)
        printf("    tanh is FANN_SIGMOID_SYMMETRIC at steepness 1 (the same "
               "function); the sigmoid\n    output is FANN_SIGMOID at steepness "
               "0.5 (the same function);");
    else
        printf("    FANN 2.2 has no ReLU: FANN_LINEAR_PIECE (x clamped to [0, 1], "
               "derivative taken\n    as 1 everywhere) stands in; the sigmoid "
               "output is FANN_SIGMOID at steepness 0.5;");
    if (sp->batch > 0)
        printf("\n    a mini-batch of %d is one fann_train_epoch "
               "(FANN_TRAIN_BATCH) on a %d-row subset,\n    whose step is the "
               "rate times the mean slope, as the engine's.\n", sp->batch,
               sp->batch);
    else
        printf("\n    full batch is FANN_TRAIN_BATCH (step = rate times the mean "
               "slope, as the engine's);\n    its learning rate is a float.\n");
}

#else /* no FANN */

bool bench_fann_available(const char **why_not)
{
    *why_not = "FANN not installed (Debian: apt-get install libfann-dev)";
    return false;
}

const char *bench_fann_version(void) { return "FANN"; }

double bench_fann_time_once(const bench_net_spec *sp, const double *x,
                            const double *y, int n, const double *init,
                            double *bce, double *acc)
{
    (void)sp, (void)x, (void)y, (void)n, (void)init;
    *bce = *acc = NAN;
    return -1;
}

void bench_fann_describe(const bench_net_spec *sp) { (void)sp; }

#endif
