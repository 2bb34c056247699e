/* session.c - a training session: configuration, data, network, optimizer,
 * the step state machine (forward, loss, backward, update), epochs, the loss
 * history and the status. Every user action is one command here. Nothing
 * here prints or touches a file. */
#include "engine/session.h"
#include "engine/session_fit.h"
#include "engine/session_judge.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/kernels.h"

static const char *const status_names[SESSION_STATUS_COUNT] = {
    "learning", "converged", "diverged", "stalled", "cycling"};
static const char *const model_names[] = {"perceptron", "mlp"};
static const char *const rng_names[SESSION_RNG_COUNT] = {"mlpviz", "torch"};

void session_config_default(session_config *c)
{
    memset(c, 0, sizeof *c);
    c->model = MODEL_MLP;
    c->n_hidden = 2;
    c->hidden[0] = 8;
    c->hidden[1] = 4;
    c->hidden_act = ACT_RELU;
    c->output_act = ACT_SIGMOID;
    c->loss = LOSS_BCE;
    c->optimizer = OPT_SGD;
    c->lr = 0.1;
    c->batch = 0;
    c->seed = 1;
    c->init = NET_INIT_TORCH;
    c->scale = PREP_SCALE_NONE;
}

const char *session_status_name(session_status st)
{
    return (st >= 0 && st < SESSION_STATUS_COUNT) ? status_names[st] : "?";
}

bool session_status_from_name(const char *name, session_status *out)
{
    for (int k = 0; k < SESSION_STATUS_COUNT; k++)
        if (strcmp(name, status_names[k]) == 0) {
            *out = (session_status)k;
            return true;
        }
    if (strcmp(name, "paused") == 0) { /* what scene files said before */
        *out = SESSION_LEARNING;
        return true;
    }
    return false;
}

const char *session_model_name(session_model m)
{
    return (m == MODEL_PERCEPTRON || m == MODEL_MLP) ? model_names[m] : "?";
}

bool session_model_from_name(const char *name, session_model *out)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(name, model_names[i]) == 0) {
            *out = (session_model)i;
            return true;
        }
    return false;
}

const char *session_rng_name(session_rng r)
{
    return (r >= 0 && r < SESSION_RNG_COUNT) ? rng_names[r] : "?";
}

bool session_rng_from_name(const char *name, session_rng *out)
{
    for (int i = 0; i < SESSION_RNG_COUNT; i++)
        if (strcmp(name, rng_names[i]) == 0) {
            *out = (session_rng)i;
            return true;
        }
    return false;
}

bool session_config_check_rng(const session_config *c, char *err,
                              size_t errlen)
{
    if (c->rng != SESSION_RNG_TORCH)
        return true;
    if (c->model == MODEL_PERCEPTRON) {
        snprintf(err, errlen, "the torch generator does not apply to the "
                              "perceptron: it starts from zero weights");
        return false;
    }
    if (c->init != NET_INIT_TORCH) {
        snprintf(err, errlen, "the torch generator draws PyTorch's default "
                              "initialisation only, not %s",
                 net_init_name(c->init));
        return false;
    }
    return true;
}

static void say(session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
}

/* Every public command starts here: what it says afterwards is its own, never
 * a message left by an earlier command. */
static void begin(session *s) { s->message[0] = '\0'; }

/* What a change did, in the message: it kept the weights, or it started
 * again from new ones. */
#define SAY_CONTINUES ": training continues"
#define SAY_RESTARTS ": weights re-initialised, epoch 0"

static void layers_text(const session_config *c, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    if (c->n_hidden == 0)
        snprintf(buf, len, "none");
    for (int l = 0; l < c->n_hidden && at < len; l++)
        at += (size_t)snprintf(buf + at, len - at, "%s%d", l ? "," : "",
                               c->hidden[l]);
}

static void batch_text(int batch, char *buf, size_t len)
{
    if (batch <= 0)
        snprintf(buf, len, "full");
    else
        snprintf(buf, len, "%d", batch);
}

static bool fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return false;
}

bool session_config_check(const session_config *c, const ds_dataset *d,
                          char *err, size_t errlen)
{
    if (!(c->lr > 0) || !isfinite(c->lr))
        return fail(err, errlen, "the learning rate must be a positive number");
    if (c->batch < 0)
        return fail(err, errlen, "the batch size must be positive (0: full batch)");
    if (c->l1 < 0 || c->l2 < 0 || !isfinite(c->l1) || !isfinite(c->l2))
        return fail(err, errlen, "regularisation rates must be 0 or more");
    const session_fit_rule *fit = session_fit_rule_for(d->task);
    if (c->model == MODEL_PERCEPTRON) {
        if (!fit || !fit->perceptron)
            return fail(err, errlen,
                        "the perceptron needs a two-class dataset");
        return true;
    }
    if (c->n_hidden < 0 || c->n_hidden > NET_MAX_LAYERS - 1) {
        snprintf(err, errlen, "%d hidden layers (allowed: 0 to %d)",
                 c->n_hidden, NET_MAX_LAYERS - 1);
        return false;
    }
    for (int l = 0; l < c->n_hidden; l++)
        if (c->hidden[l] < 1 || c->hidden[l] > NET_MAX_UNITS) {
            snprintf(err, errlen, "hidden layer %d has %d units (allowed: 1 to %d)",
                     l + 1, c->hidden[l], NET_MAX_UNITS);
            return false;
        }
    if (c->hidden_act < 0 || c->hidden_act >= ACT_ELEMENTWISE_COUNT)
        return fail(err, errlen, "softmax is only for the output layer");
    return session_fit_check(d->task, c->output_act, c->loss, err, errlen);
}

void session_config_fit_task(session_config *c, const ds_dataset *d)
{
    const session_fit_rule *fit = session_fit_rule_for(d->task);
    if (!fit)
        return;
    c->output_act = fit->output;
    c->loss = fit->loss;
    if (c->model == MODEL_PERCEPTRON && !fit->perceptron)
        c->model = MODEL_MLP;
}

/* ---- building ---- */

static int n_outputs_for(const ds_dataset *d)
{
    return d->task == DS_MULTICLASS ? d->n_classes : 1;
}

static void shape_for(const session *s, net_shape *sh)
{
    memset(sh, 0, sizeof *sh);
    sh->n_inputs = s->n_in;
    if (s->cfg.model == MODEL_PERCEPTRON) {
        sh->n_layers = 1;
        sh->units[0] = 1;
        sh->acts[0] = ACT_STEP;
        return;
    }
    sh->n_layers = s->cfg.n_hidden + 1;
    for (int l = 0; l < s->cfg.n_hidden; l++) {
        sh->units[l] = s->cfg.hidden[l];
        sh->acts[l] = s->cfg.hidden_act;
    }
    sh->units[s->cfg.n_hidden] = s->n_out;
    sh->acts[s->cfg.n_hidden] = s->cfg.output_act;
}

static int batch_size(const session *s)
{
    if (s->cfg.model == MODEL_PERCEPTRON)
        return 1;
    int n = s->data.n_train;
    if (s->cfg.batch <= 0 || s->cfg.batch > n)
        return n > 0 ? n : 1;
    return s->cfg.batch;
}

int session_batch_rows_at(const session *s, int first)
{
    int b = batch_size(s), left = s->data.n_train - first;
    return b < left ? b : left;
}

static int chunk_rows(const session *s)
{
    int b = batch_size(s);
    return b < SESSION_CHUNK ? b : SESSION_CHUNK;
}

/* Frees what depends on the network (keeps data, inputs and history). */
static void free_model(session *s)
{
    net_free(&s->net);
    opt_free(&s->opt);
    free(s->init_params);
    free(s->prev_params);
    free(s->eval_work);
    s->init_params = s->prev_params = s->eval_work = NULL;
}

/* Frees what depends on the data. */
static void free_data_arrays(session *s)
{
    free(s->inputs);
    free(s->targets);
    free(s->order);
    free(s->batch_rows);
    free(s->batch_x);
    free(s->batch_y);
    free(s->eval_in);
    free(s->eval_out);
    s->inputs = s->targets = s->batch_x = s->batch_y = NULL;
    s->eval_in = s->eval_out = NULL;
    s->order = s->batch_rows = NULL;
}

static void clear_progress(session *s)
{
    s->epoch = 0;
    s->steps = 0;
    s->cursor = 0;
    s->phase = SESSION_PHASE_READY;
    s->epoch_loss_sum = 0;
    s->epoch_rows = 0;
    s->epoch_wrong = 0;
    s->hist_len = 0;
    s->diverged_epoch = -1;
    s->status = SESSION_LEARNING;
    session_judge_reset(s);
    memset(&s->last, 0, sizeof s->last);
    s->last.row = -1;
    s->batch_rows_n = 0;
    s->slice_rows = 0;
    s->slice_test_left = 0;
    s->version++;
    rng_seed(&s->shuffle_rng, s->cfg.seed ^ 0x5bd1e995c0ffee11ULL);
}

/* (Re)builds inputs, targets and the row order from data and prep. */
static int build_data_arrays(session *s)
{
    free_data_arrays(s);
    int rows = ds_rows(&s->data);
    int r1 = rows > 0 ? rows : 1;
    s->inputs = malloc((size_t)r1 * (size_t)s->n_in * sizeof *s->inputs);
    s->targets = calloc((size_t)r1 * (size_t)s->n_out, sizeof *s->targets);
    s->order = malloc((size_t)(s->data.n_train > 0 ? s->data.n_train : 1) *
                      sizeof *s->order);
    s->batch_rows = malloc(SESSION_CHUNK * sizeof *s->batch_rows);
    s->batch_x = malloc((size_t)SESSION_CHUNK * s->n_in * sizeof *s->batch_x);
    s->batch_y = malloc((size_t)SESSION_CHUNK * s->n_out * sizeof *s->batch_y);
    s->eval_in = malloc((size_t)SESSION_CHUNK * s->n_in * sizeof *s->eval_in);
    s->eval_out = malloc((size_t)SESSION_CHUNK * s->n_out * sizeof *s->eval_out);
    if (!s->inputs || !s->targets || !s->order || !s->batch_rows ||
        !s->batch_x || !s->batch_y || !s->eval_in || !s->eval_out)
        return -1;
    prep_apply(&s->prep, s->data.x, s->inputs, rows);
    ds_summarise(&s->data, &s->data_stats);
    for (int r = 0; r < rows; r++) {
        double y = s->data.y[r];
        if (s->data.task == DS_MULTICLASS) {
            int k = (int)y;
            if (k >= 0 && k < s->n_out)
                s->targets[(size_t)r * s->n_out + k] = 1.0;
        } else {
            s->targets[r] = y;
        }
    }
    for (int i = 0; i < s->data.n_train; i++)
        s->order[i] = i;
    s->cursor = 0;
    s->epoch_loss_sum = 0;
    s->epoch_rows = 0;
    s->epoch_wrong = 0;
    s->phase = SESSION_PHASE_READY;
    s->batch_rows_n = 0;
    s->slice_rows = 0;
    s->version++;
    return 0;
}

static bool draws_torch(const session *s)
{
    return s->cfg.rng == SESSION_RNG_TORCH && s->cfg.model == MODEL_MLP &&
           s->cfg.init == NET_INIT_TORCH;
}

/* Draws the initial weights from cfg.seed with the config's generator. */
static void draw_params(session *s)
{
    if (draws_torch(s)) {
        mt_state m;
        mt_seed(&m, s->cfg.seed);
        net_init_params_torch_mt(&s->net, &m);
        return;
    }
    rng_state r;
    rng_seed(&r, s->cfg.seed);
    net_init_kind k =
        s->cfg.model == MODEL_PERCEPTRON ? NET_INIT_ZEROS : s->cfg.init;
    net_init_params(&s->net, k, &r);
}

/* Builds the network, optimizer and parameter copies for the current
 * config; the weights are drawn from cfg.seed (or copied from params). */
static int build_model(session *s, const net_shape *given,
                       const double *params)
{
    free_model(s);
    net_shape sh;
    if (given)
        sh = *given;
    else
        shape_for(s, &sh);
    if (net_new(&s->net, &sh, chunk_rows(s)) < 0)
        return -1;
    if (params) {
        memcpy(s->net.params, params, s->net.n_params * sizeof *params);
        s->init_source = SESSION_INIT_GIVEN;
    } else {
        draw_params(s);
        s->init_source = SESSION_INIT_SEED;
    }
    size_t n = s->net.n_params;
    s->init_params = malloc(n * sizeof *s->init_params);
    s->prev_params = malloc(n * sizeof *s->prev_params);
    s->eval_work = malloc(net_eval_work_size(&s->net, SESSION_CHUNK) *
                          sizeof *s->eval_work);
    if (!s->init_params || !s->prev_params || !s->eval_work ||
        opt_new(&s->opt, s->cfg.optimizer, s->cfg.lr, n) < 0)
        return -1;
    memcpy(s->init_params, s->net.params, n * sizeof *s->init_params);
    memcpy(s->prev_params, s->net.params, n * sizeof *s->prev_params);
    clear_progress(s);
    return 0;
}

int session_new(session *s, const session_config *c, ds_dataset *data,
                char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    s->data = *data;
    memset(data, 0, sizeof *data);
    s->diverged_epoch = -1;
    if (!session_config_check(&s->cfg, &s->data, err, errlen) ||
        !prep_fit(&s->prep, &s->data, s->cfg.features, s->cfg.scale, err,
                  errlen)) {
        session_free(s);
        return -1;
    }
    s->n_in = s->prep.n_in;
    s->n_out = n_outputs_for(&s->data);
    if (build_data_arrays(s) < 0 || build_model(s, NULL, NULL) < 0) {
        snprintf(err, errlen, "out of memory building the network");
        session_free(s);
        return -1;
    }
    return 0;
}

void session_free(session *s)
{
    free_model(s);
    free_data_arrays(s);
    ds_free(&s->data);
    free(s->hist_train);
    free(s->hist_test);
    memset(s, 0, sizeof *s);
}

/* Rebuilds the model after a settings change; on failure restores the old
 * config (and model). */
static int rebuild(session *s, const session_config *next)
{
    char err[SESSION_MESSAGE_MAX];
    if (!session_config_check(next, &s->data, err, sizeof err)) {
        say(s, "%s", err);
        return -1;
    }
    session_config old = s->cfg;
    s->cfg = *next;
    if (build_model(s, NULL, NULL) < 0) {
        s->cfg = old;
        if (build_model(s, NULL, NULL) < 0)
            say(s, "out of memory");
        else
            say(s, "out of memory: the change was not made");
        return -1;
    }
    return 0;
}

/* ---- training ---- */

static bool is_classifier_task(const session *s)
{
    return s->data.task != DS_REGRESSION;
}

bool session_is_classifier(const session *s) { return is_classifier_task(s); }

int session_class_of(const session *s, const double *out_row)
{
    if (s->data.task == DS_REGRESSION)
        return -1;
    if (s->n_out == 1)
        return out_row[0] >= 0.5 ? 1 : 0;
    int best = 0;
    for (int k = 1; k < s->n_out; k++)
        if (out_row[k] > out_row[best])
            best = k;
    return best;
}

static int target_class(const session *s, int row)
{
    return (int)s->data.y[row];
}

/* Copies one row of inputs or targets: they are a few doubles long, so a
 * call to memcpy per row would cost more than the copy. */
static inline void copy_row(double *restrict dst, const double *restrict src,
                            int n)
{
    switch (n) {
    case 1:
        dst[0] = src[0];
        return;
    case 2:
        dst[0] = src[0];
        dst[1] = src[1];
        return;
    default:
        memcpy(dst, src, (size_t)n * sizeof *dst);
        return;
    }
}

/* Copies n doubles; a short block inline (a call to memcpy would cost more
 * than the copy). */
static inline void copy_doubles(double *restrict dst, const double *restrict src,
                                size_t n)
{
    if (n > 32) {
        memcpy(dst, src, n * sizeof *dst);
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        memcpy(dst + i, src + i, 4 * sizeof *dst);
    for (; i < n; i++)
        dst[i] = src[i];
}

/* Copies the rows order[first .. first+rows) into batch_x and batch_y; a run
 * of consecutive rows (any unshuffled batch) as one block. */
static void gather(session *s, int first, int rows)
{
    const int *ord = s->order + first;
    int n_in = s->n_in, n_out = s->n_out;
    bool run = true;
    for (int r = 0; r < rows; r++) {
        s->batch_rows[r] = ord[r];
        run &= ord[r] == ord[0] + r;
    }
    if (rows <= 0)
        return;
    if (run) {
        copy_doubles(s->batch_x, s->inputs + (size_t)ord[0] * n_in,
                     (size_t)rows * n_in);
        copy_doubles(s->batch_y, s->targets + (size_t)ord[0] * n_out,
                     (size_t)rows * n_out);
        return;
    }
    for (int r = 0; r < rows; r++) {
        copy_row(s->batch_x + (size_t)r * n_in,
                 s->inputs + (size_t)ord[r] * n_in, n_in);
        copy_row(s->batch_y + (size_t)r * n_out,
                 s->targets + (size_t)ord[r] * n_out, n_out);
    }
}

/* Counts rows of the net's last forward that are classified wrong. */
static int count_wrong(const session *s, int rows)
{
    if (!is_classifier_task(s))
        return 0;
    const double *out = net_output(&s->net);
    int wrong = 0;
    if (s->n_out == 1) {
        /* two classes: session_class_of's >= 0.5 against the gathered
         * target (batch_y holds the class as a double) */
        const double *y = s->batch_y;
        for (int r = 0; r < rows; r++)
            wrong += (out[r] >= 0.5) != ((int)y[r] == 1);
        return wrong;
    }
    for (int r = 0; r < rows; r++)
        if (session_class_of(s, out + (size_t)r * s->n_out) !=
            target_class(s, s->batch_rows[r]))
            wrong++;
    return wrong;
}

static double chunk_loss(session *s, int rows, double norm)
{
    net_layer *Lo = &s->net.layer[s->net.n_layers - 1];
    return loss_forward(s->cfg.loss, Lo->a, s->batch_y, rows, s->n_out, norm);
}

static void chunk_backward(session *s, int rows, double norm)
{
    /* a few rows through a small network: loss gradient, output
     * activation and every layer in one call */
    if (kern_tiny_loss_backward(&s->net, s->cfg.loss, s->batch_y, norm))
        return;
    net_layer *Lo = &s->net.layer[s->net.n_layers - 1];
    /* dL/da of the output, kept for the inspector, then dL/dz. Outside the
     * fused softmax + ce pair, loss_backward_z is loss_backward followed by
     * the activation's backward: the second half is all that is left. */
    loss_backward(s->cfg.loss, Lo->da, Lo->a, s->batch_y, rows, s->n_out, norm);
    if (s->cfg.loss == LOSS_CE && Lo->act == ACT_SOFTMAX) {
        loss_backward_z(s->cfg.loss, Lo->act, Lo->dz, Lo->z, Lo->a, s->batch_y,
                        rows, s->n_out, norm);
    } else {
        size_t count = (size_t)rows * (size_t)s->n_out;
        if (!kern_act_backward(Lo->act, Lo->dz, Lo->da, Lo->z, Lo->a, count))
            act_backward(Lo->act, Lo->dz, Lo->da, Lo->z, Lo->a, rows, s->n_out);
    }
    net_backward(&s->net, Lo->dz);
}

static int check_can_step(session *s)
{
    if (s->status == SESSION_DIVERGED) {
        say(s, "training diverged at epoch %ld: lower the learning rate "
               "and reset",
            s->diverged_epoch);
        return -1;
    }
    if (s->data.n_train < 1) {
        say(s, "there are no training rows");
        return -1;
    }
    return 0;
}

/* ---- the step: forward (in chunks), loss, backward, update ----
 * The forward phase is made of pieces that session_step_slice can take one
 * at a time: step_begin, then every chunk but the last all the way through
 * backward (step_chunk), then the last chunk's forward (step_last_forward).
 * slice_rows counts the rows of the chunks done; 0 means the step has not
 * begun. */

static void step_begin(session *s, bool zero_grads)
{
    if (s->cursor == 0 && s->epoch_rows == 0 && s->cfg.model == MODEL_MLP &&
        batch_size(s) < s->data.n_train)
        rng_shuffle(&s->shuffle_rng, s->order, s->data.n_train);
    int B = batch_size(s);
    int left = s->data.n_train - s->cursor;
    s->batch_first = s->cursor;
    s->batch_rows_n = B < left ? B : left;
    s->batch_loss = 0;
    s->slice_rows = 0;
    if (zero_grads)
        net_zero_grad(&s->net);
}

/* true when more than one chunk of the step's batch is left */
static bool step_more_chunks(const session *s)
{
    return s->batch_rows_n - s->slice_rows > s->net.batch_cap;
}

/* One chunk that is not the batch's last: forward, loss, backward (the
 * gradients add up over the chunks). */
static void step_chunk(session *s)
{
    int chunk = s->net.batch_cap;
    double norm = 1.0 / s->batch_rows_n;
    gather(s, s->batch_first + s->slice_rows, chunk);
    net_forward(&s->net, s->batch_x, chunk);
    s->epoch_wrong += count_wrong(s, chunk);
    s->batch_loss += chunk_loss(s, chunk, norm);
    chunk_backward(s, chunk, norm);
    s->slice_rows += chunk;
}

/* The last chunk's forward; its loss and backward are the next phases. */
static void step_last_forward(session *s)
{
    int rows = s->batch_rows_n - s->slice_rows;
    gather(s, s->batch_first + s->slice_rows, rows);
    if (!kern_tiny_forward(&s->net, s->batch_x, rows))
        net_forward(&s->net, s->batch_x, rows);
    s->last.y_hat = net_output(&s->net)[0];
    s->slice_rows = 0;
}

static void phase_forward(session *s)
{
    if (s->slice_rows == 0)
        step_begin(s, true);
    while (step_more_chunks(s))
        step_chunk(s);
    step_last_forward(s);
}

static void phase_loss(session *s)
{
    int rows = s->net.batch;
    if (s->cfg.model == MODEL_PERCEPTRON) {
        double err = s->batch_y[0] - net_output(&s->net)[0];
        s->last.error = err;
        s->batch_loss = fabs(err);
        if (err != 0)
            s->epoch_wrong++;
        return;
    }
    s->epoch_wrong += count_wrong(s, rows);
    s->batch_loss += chunk_loss(s, rows, 1.0 / s->batch_rows_n);
    if (s->cfg.l1 != 0 || s->cfg.l2 != 0) /* (adding +0 to a loss >= +0
                                               would change nothing) */
        s->batch_loss += net_penalty(&s->net, s->cfg.l1, s->cfg.l2);
}

static void phase_backward(session *s)
{
    if (s->cfg.model == MODEL_PERCEPTRON) {
        /* The perceptron rule w += lr * error * x written as a gradient
         * step w -= lr * g with g = -error * x (and g_b = -error). */
        net_layer *L = &s->net.layer[0];
        double err = s->last.error;
        for (int i = 0; i < L->n_in; i++)
            L->gw[i] = -err * s->batch_x[i];
        L->gb[0] = -err;
        L->dz[0] = -err;
        L->da[0] = -err;
        return;
    }
    chunk_backward(s, s->net.batch, 1.0 / s->batch_rows_n);
    if (s->cfg.l1 != 0 || s->cfg.l2 != 0)
        net_add_penalty_grad(&s->net, s->cfg.l1, s->cfg.l2);
}

static void end_epoch(session *s, bool slicing);

/* The update; `slicing` lets an epoch's end leave a long test loss to the
 * following slices. */
static void phase_update(session *s, bool slicing)
{
    size_t n = s->net.n_params;
    double step2 =
        s->cfg.model == MODEL_PERCEPTRON
            ? kern_sgd_step(s->net.params, s->prev_params, s->net.grads,
                            s->cfg.lr, n)
            : opt_step_tracked(&s->opt, s->net.params, s->prev_params,
                               s->net.grads);
    s->steps++;
    s->version++;
    s->last.step = s->steps;
    s->last.rows = s->batch_rows_n;
    s->last.row = s->batch_rows_n == 1 ? s->batch_rows[0] : -1;
    s->last.loss = s->batch_loss;
    s->last.step_size = sqrt(step2);
    s->cursor += s->batch_rows_n;
    s->epoch_loss_sum += s->batch_loss * s->batch_rows_n;
    s->epoch_rows += s->batch_rows_n;
    if (!isfinite(s->batch_loss) || s->batch_loss > SESSION_DIVERGE_LOSS ||
        !isfinite(step2)) {
        /* the weights were finite before the step (checked every step), so
         * a finite step keeps them finite */
        s->status = SESSION_DIVERGED;
        s->diverged_epoch = s->epoch + 1;
        snprintf(s->reason, sizeof s->reason,
                 "the loss grew without bound at epoch %ld: steps too big for "
                 "lr %g", s->diverged_epoch, s->cfg.lr);
        say(s, "training diverged at epoch %ld: lower the learning rate "
               "and reset",
            s->diverged_epoch);
    }
    if (s->cursor >= s->data.n_train)
        end_epoch(s, slicing);
}

/* A whole step of a few rows through a small network, from READY to READY:
 * the phases' work in one kernel call (kern_tiny_train), which leaves every
 * value exactly where the phases leave it. false, having done nothing,
 * for any other step. */
static bool step_tiny(session *s, bool slicing)
{
    if (s->cfg.model != MODEL_MLP || s->cfg.loss == LOSS_CE)
        return false;
    int B = batch_size(s), left = s->data.n_train - s->cursor;
    int rows = B < left ? B : left;
    if (rows > KERN_TINY_ROWS)
        return false;
    step_begin(s, false); /* the kernel writes the gradients afresh */
    gather(s, s->batch_first, rows);
    double loss = 0;
    int wrong = 0;
    if (!kern_tiny_train(&s->net, s->batch_x, rows, s->cfg.loss, s->batch_y,
                         1.0 / rows, true, &loss,
                         is_classifier_task(s) ? &wrong : NULL)) {
        /* not a tiny network (or not on this path): the step goes on by
         * its phases from the forward */
        net_zero_grad(&s->net);
        step_last_forward(s);
        s->phase = SESSION_PHASE_FORWARD;
        return false;
    }
    s->last.y_hat = net_output(&s->net)[0];
    s->epoch_wrong += wrong;
    s->batch_loss += loss;
    if (s->cfg.l1 != 0 || s->cfg.l2 != 0) { /* as phase_loss, phase_backward */
        s->batch_loss += net_penalty(&s->net, s->cfg.l1, s->cfg.l2);
        net_add_penalty_grad(&s->net, s->cfg.l1, s->cfg.l2);
    }
    phase_update(s, slicing);
    return true;
}

/* The phase the step is in, done, and the phase moved on. */
static void run_phase(session *s, bool slicing)
{
    switch (s->phase) {
    case SESSION_PHASE_READY:
        phase_forward(s);
        s->phase = SESSION_PHASE_FORWARD;
        break;
    case SESSION_PHASE_FORWARD:
        phase_loss(s);
        s->phase = SESSION_PHASE_LOSS;
        break;
    case SESSION_PHASE_LOSS:
        phase_backward(s);
        s->phase = SESSION_PHASE_BACKWARD;
        break;
    case SESSION_PHASE_BACKWARD:
        phase_update(s, slicing);
        s->phase = SESSION_PHASE_READY;
        break;
    }
}

static int hist_push(session *s, double train, double test)
{
    if (s->hist_len == s->hist_cap) {
        long cap = s->hist_cap ? s->hist_cap * 2 : 256;
        double *a = realloc(s->hist_train, (size_t)cap * sizeof *a);
        if (!a)
            return -1;
        s->hist_train = a;
        double *b = realloc(s->hist_test, (size_t)cap * sizeof *b);
        if (!b)
            return -1;
        s->hist_test = b;
        s->hist_cap = cap;
    }
    s->hist_train[s->hist_len] = train;
    s->hist_test[s->hist_len] = test;
    s->hist_len++;
    return 0;
}

/* Loss sum and count right over rows [first, first+rows) of the inputs,
 * rows <= SESSION_CHUNK, at the current weights, added to *sum, *right. */
static void eval_chunk(session *s, int first, int rows, double *sum,
                       long *right)
{
    const double *x = s->inputs + (size_t)first * s->n_in;
    const double *y = s->targets + (size_t)first * s->n_out;
    net_eval(&s->net, x, rows, -1, s->eval_out, s->eval_work);
    if (s->cfg.model == MODEL_PERCEPTRON) {
        for (int r = 0; r < rows; r++)
            *sum += fabs(y[r] - s->eval_out[r]);
    } else {
        *sum += loss_forward(s->cfg.loss, s->eval_out, y, rows, s->n_out, 1.0);
    }
    if (right && is_classifier_task(s))
        for (int r = 0; r < rows; r++)
            *right += session_class_of(s, s->eval_out + (size_t)r * s->n_out) ==
                      target_class(s, first + r);
}

/* Mean loss and share right over rows [first, first+count) of the inputs,
 * at the current weights. */
static void eval_rows(session *s, int first, int count, double *loss,
                      double *acc)
{
    double sum = 0;
    long right = 0;
    for (int done = 0; done < count; done += SESSION_CHUNK) {
        int rows = count - done < SESSION_CHUNK ? count - done : SESSION_CHUNK;
        eval_chunk(s, first + done, rows, &sum, &right);
    }
    *loss = count > 0 ? sum / count : NAN;
    *acc = count > 0 && is_classifier_task(s) ? (double)right / count : NAN;
}

/* One chunk of an epoch's test loss left to the slices; the last one
 * writes it into the history (the same sum as eval_rows, in the same
 * order). */
static void test_slice(session *s)
{
    int n = s->data.n_test, done = n - s->slice_test_left;
    int rows = s->slice_test_left < SESSION_CHUNK ? s->slice_test_left
                                                  : SESSION_CHUNK;
    eval_chunk(s, s->data.n_train + done, rows, &s->slice_test_sum, NULL);
    s->slice_test_left -= rows;
    if (s->slice_test_left == 0 && s->hist_len > 0)
        s->hist_test[s->hist_len - 1] = s->slice_test_sum / n;
}

/* Completes an epoch's test loss that slices have left pending. */
static void finish_test(session *s)
{
    while (s->slice_test_left > 0)
        test_slice(s);
}

static void end_epoch(session *s, bool slicing)
{
    s->epoch++;
    double train = s->epoch_rows > 0 ? s->epoch_loss_sum / s->epoch_rows : NAN;
    double test = NAN, acc;
    bool later = false;
    if (s->data.n_test > 0 && s->status != SESSION_DIVERGED) {
        if (slicing && s->data.n_test > SESSION_CHUNK)
            later = true;
        else
            eval_rows(s, s->data.n_train, s->data.n_test, &test, &acc);
    }
    if (hist_push(s, train, test) < 0) {
        say(s, "out of memory: the loss history stopped growing");
        later = false;
    }
    if (later) {
        s->slice_test_left = s->data.n_test;
        s->slice_test_sum = 0;
    }
    session_judge_epoch(s);
    s->cursor = 0;
    s->epoch_rows = 0;
    s->epoch_loss_sum = 0;
    s->epoch_wrong = 0;
}

int session_step_phase(session *s)
{
    begin(s);
    if (check_can_step(s) < 0)
        return -1;
    finish_test(s);
    run_phase(s, false);
    return 0;
}

int session_step_batch(session *s)
{
    begin(s);
    if (check_can_step(s) < 0)
        return -1;
    finish_test(s);
    if (s->phase == SESSION_PHASE_READY && s->slice_rows == 0 &&
        step_tiny(s, false))
        return 0;
    do {
        run_phase(s, false);
    } while (s->phase != SESSION_PHASE_READY);
    return 0;
}

int session_step_epoch(session *s)
{
    begin(s);
    if (check_can_step(s) < 0)
        return -1;
    long start = s->epoch;
    while (s->epoch == start) {
        if (session_step_batch(s) < 0)
            return -1;
        if (s->status == SESSION_DIVERGED)
            break;
    }
    return 0;
}

int session_train(session *s, long epochs)
{
    begin(s);
    for (long e = 0; e < epochs; e++) {
        if (session_step_epoch(s) < 0)
            return -1;
        if (s->status == SESSION_DIVERGED)
            return -1;
    }
    return 0;
}

/* ---- time slices ---- */

int session_step_slice(session *s)
{
    begin(s);
    if (check_can_step(s) < 0)
        return -1;
    if (s->slice_test_left > 0) {
        test_slice(s);
        return SESSION_SLICE_PART;
    }
    long epoch = s->epoch;
    if (s->phase == SESSION_PHASE_READY && s->slice_rows == 0 &&
        step_tiny(s, true))
        return s->epoch != epoch ? SESSION_SLICE_EPOCH : SESSION_SLICE_STEP;
    if (s->phase == SESSION_PHASE_READY) {
        if (s->slice_rows == 0)
            step_begin(s, true);
        if (step_more_chunks(s)) {
            step_chunk(s);
            return SESSION_SLICE_PART;
        }
        step_last_forward(s);
        s->phase = SESSION_PHASE_FORWARD;
    }
    while (s->phase != SESSION_PHASE_READY)
        run_phase(s, true);
    return s->epoch != epoch ? SESSION_SLICE_EPOCH : SESSION_SLICE_STEP;
}

bool session_slice_pending(const session *s)
{
    return s->slice_rows > 0 || s->slice_test_left > 0;
}

int session_slice_finish(session *s)
{
    begin(s);
    if (!session_slice_pending(s))
        return 0;
    if (check_can_step(s) < 0)
        return -1;
    finish_test(s);
    if (s->slice_rows > 0)
        return session_step_batch(s);
    return 0;
}

double session_progress(const session *s)
{
    int n = s->data.n_train;
    if (n < 1)
        return (double)s->epoch;
    return (double)s->epoch + (double)(s->cursor + s->slice_rows) / n;
}

/* ---- commands ---- */

static void restart(session *s)
{
    opt_reset(&s->opt);
    memcpy(s->prev_params, s->net.params, s->net.n_params * sizeof(double));
    for (int i = 0; i < s->data.n_train; i++)
        s->order[i] = i;
    clear_progress(s);
}

int session_reset(session *s, uint64_t seed)
{
    begin(s);
    s->cfg.seed = seed;
    draw_params(s);
    s->init_source = SESSION_INIT_SEED;
    memcpy(s->init_params, s->net.params, s->net.n_params * sizeof(double));
    restart(s);
    return 0;
}

int session_replay(session *s)
{
    begin(s);
    memcpy(s->net.params, s->init_params, s->net.n_params * sizeof(double));
    restart(s);
    return 0;
}

int session_set_lr(session *s, double lr)
{
    begin(s);
    if (!(lr > 0) || !isfinite(lr)) {
        say(s, "the learning rate must be a positive number");
        return -1;
    }
    double old = s->cfg.lr;
    s->cfg.lr = lr;
    s->opt.lr = lr;
    char what[64];
    snprintf(what, sizeof what, "lr %g -> %g", old, lr);
    if (old != lr)
        session_judge_change(s, what);
    say(s, "%s" SAY_CONTINUES, what);
    return 0;
}

int session_set_optimizer(session *s, opt_kind k)
{
    begin(s);
    if (k < 0 || k >= OPT_COUNT) {
        say(s, "unknown optimizer");
        return -1;
    }
    opt_kind old = s->cfg.optimizer;
    s->cfg.optimizer = k;
    opt_set_kind(&s->opt, k);
    char what[64];
    snprintf(what, sizeof what, "%s -> %s", opt_name(old), opt_name(k));
    if (old != k)
        session_judge_change(s, what);
    say(s, "%s" SAY_CONTINUES, what);
    return 0;
}

int session_set_batch(session *s, int batch)
{
    begin(s);
    if (batch < 0) {
        say(s, "the batch size must be positive (0: full batch)");
        return -1;
    }
    while ((s->phase != SESSION_PHASE_READY || s->slice_rows > 0) &&
           s->status != SESSION_DIVERGED)
        session_step_phase(s);
    int old = s->cfg.batch;
    s->cfg.batch = batch;
    if (net_reserve(&s->net, chunk_rows(s)) < 0) {
        s->cfg.batch = old;
        say(s, "out of memory");
        return -1;
    }
    char a[16], b[16], what[64];
    batch_text(old, a, sizeof a);
    batch_text(batch, b, sizeof b);
    snprintf(what, sizeof what, "batch %s -> %s", a, b);
    if (old != batch)
        session_judge_change(s, what);
    say(s, "%s" SAY_CONTINUES, what);
    return 0;
}

int session_set_regularization(session *s, double l1, double l2)
{
    begin(s);
    if (!(l1 >= 0) || !(l2 >= 0) || !isfinite(l1) || !isfinite(l2)) {
        say(s, "regularisation rates must be 0 or more");
        return -1;
    }
    double o1 = s->cfg.l1, o2 = s->cfg.l2;
    s->cfg.l1 = l1;
    s->cfg.l2 = l2;
    char what[96];
    snprintf(what, sizeof what, "L1 %g, L2 %g -> L1 %g, L2 %g", o1, o2, l1, l2);
    if (o1 != l1 || o2 != l2)
        session_judge_change(s, what);
    say(s, "%s" SAY_CONTINUES, what);
    return 0;
}

int session_set_hidden_act(session *s, act_kind k)
{
    begin(s);
    session_config c = s->cfg;
    act_kind old = c.hidden_act;
    c.hidden_act = k;
    if (rebuild(s, &c) < 0)
        return -1;
    say(s, "%s -> %s" SAY_RESTARTS, act_name(old), act_name(k));
    return 0;
}

int session_set_output_act(session *s, act_kind k)
{
    begin(s);
    session_config c = s->cfg;
    loss_kind old_loss = c.loss;
    act_kind old = c.output_act;
    c.output_act = k;
    c.loss = session_fit_loss_for_output(s->data.task, k, c.loss);
    if (rebuild(s, &c) < 0)
        return -1;
    if (c.loss != old_loss) {
        char note[SESSION_MESSAGE_MAX];
        session_fit_note_loss(s->data.task, old_loss, c.loss, note, sizeof note);
        say(s, "%s" SAY_RESTARTS, note);
    } else {
        say(s, "output %s -> %s" SAY_RESTARTS, act_name(old), act_name(k));
    }
    return 0;
}

int session_set_loss(session *s, loss_kind k)
{
    begin(s);
    session_config c = s->cfg;
    act_kind old_out = c.output_act;
    loss_kind old = c.loss;
    c.loss = k;
    c.output_act = session_fit_output_for_loss(s->data.task, k, c.output_act);
    if (rebuild(s, &c) < 0)
        return -1;
    if (c.output_act != old_out) {
        char note[SESSION_MESSAGE_MAX];
        session_fit_note_output(s->data.task, k, c.output_act, note, sizeof note);
        say(s, "%s" SAY_RESTARTS, note);
    } else {
        say(s, "loss %s -> %s" SAY_RESTARTS, loss_name(old), loss_name(k));
    }
    return 0;
}

int session_set_layers(session *s, int n_hidden, const int *sizes)
{
    begin(s);
    session_config c = s->cfg;
    if (n_hidden < 0 || n_hidden > NET_MAX_LAYERS - 1) {
        say(s, "between 0 and %d hidden layers", NET_MAX_LAYERS - 1);
        return -1;
    }
    c.n_hidden = n_hidden;
    for (int l = 0; l < n_hidden; l++)
        c.hidden[l] = sizes[l];
    char a[96], b[96];
    layers_text(&s->cfg, a, sizeof a);
    layers_text(&c, b, sizeof b);
    if (rebuild(s, &c) < 0)
        return -1;
    say(s, "layers %s -> %s" SAY_RESTARTS, a, b);
    return 0;
}

int session_set_model(session *s, session_model m)
{
    begin(s);
    session_config c = s->cfg;
    session_model old = c.model;
    c.model = m;
    /* each model at its own rate: the book's 1 for the perceptron's rule,
     * 0.1 for gradient descent (as the command line) */
    if (m != old)
        c.lr = m == MODEL_PERCEPTRON ? SESSION_LR_PERCEPTRON : SESSION_LR_MLP;
    if (rebuild(s, &c) < 0)
        return -1;
    if (m == old)
        say(s, "%s" SAY_RESTARTS, session_model_name(m));
    else if (m == MODEL_PERCEPTRON)
        say(s, "mlp -> perceptron, at the book's lr %g" SAY_RESTARTS, c.lr);
    else
        say(s, "perceptron -> mlp, at lr %g" SAY_RESTARTS, c.lr);
    return 0;
}

/* Re-fits the pipeline and rebuilds the arrays and the model for the
 * current data. */
static int refit(session *s, unsigned features, prep_scale scale)
{
    char err[SESSION_MESSAGE_MAX];
    prep_pipeline p;
    if (!prep_fit(&p, &s->data, features, scale, err, sizeof err)) {
        say(s, "%s", err);
        return -1;
    }
    s->prep = p;
    s->cfg.features = features;
    s->cfg.scale = scale;
    s->n_in = p.n_in;
    s->n_out = n_outputs_for(&s->data);
    if (build_data_arrays(s) < 0 || build_model(s, NULL, NULL) < 0) {
        say(s, "out of memory");
        return -1;
    }
    return 0;
}

int session_set_inputs(session *s, unsigned features, prep_scale scale)
{
    begin(s);
    unsigned old_f = s->cfg.features;
    prep_scale old_s = s->cfg.scale;
    int old_n = s->n_in;
    if (refit(s, features, scale) < 0) {
        if (s->prep.n_raw == 0 || s->cfg.features != old_f)
            refit(s, old_f, old_s);
        return -1;
    }
    say(s, "inputs %d -> %d, scaling %s" SAY_RESTARTS, old_n, s->n_in,
        prep_scale_name(scale));
    return 0;
}

int session_set_data(session *s, ds_dataset *data)
{
    begin(s);
    session_config c = s->cfg;
    char err[SESSION_MESSAGE_MAX];
    char note[SESSION_MESSAGE_MAX] = "";
    if (!session_config_check(&c, data, err, sizeof err)) {
        session_model was = c.model;
        session_config_fit_task(&c, data); /* the perceptron gives way to an
                                              MLP where it cannot learn */
        if (was == MODEL_PERCEPTRON && c.model != was)
            snprintf(note, sizeof note, "the perceptron needs 2 classes");
    }
    prep_pipeline p;
    unsigned features = c.features;
    if (features && data->n_features != 2)
        features = 0;
    if (!session_config_check(&c, data, err, sizeof err) ||
        !prep_fit(&p, data, features, c.scale, err, sizeof err)) {
        say(s, "%s", err);
        ds_free(data);
        return -1;
    }
    ds_dataset old = s->data;
    session_config old_cfg = s->cfg;
    prep_pipeline old_prep = s->prep;
    s->data = *data;
    memset(data, 0, sizeof *data);
    s->cfg = c;
    s->cfg.features = features;
    s->prep = p;
    s->n_in = p.n_in;
    s->n_out = n_outputs_for(&s->data);
    if (build_data_arrays(s) < 0 || build_model(s, NULL, NULL) < 0) {
        ds_free(&s->data);
        s->data = old;
        s->cfg = old_cfg;
        s->prep = old_prep;
        s->n_in = old_prep.n_in;
        s->n_out = n_outputs_for(&s->data);
        build_data_arrays(s);
        build_model(s, NULL, NULL);
        say(s, "out of memory: the dataset was not changed");
        return -1;
    }
    char what[SESSION_MESSAGE_MAX];
    snprintf(what, sizeof what, "data %.40s -> %.40s", old.name, s->data.name);
    ds_free(&old);
    if (note[0])
        say(s, "%s, an MLP now (%s): epoch 0", what, note);
    else
        say(s, "%s" SAY_RESTARTS, what);
    return 0;
}

/* After rows were added or removed: new arrays, same network. */
static int data_changed(session *s)
{
    if (build_data_arrays(s) < 0) {
        say(s, "out of memory");
        return -1;
    }
    if (net_reserve(&s->net, chunk_rows(s)) < 0) {
        say(s, "out of memory");
        return -1;
    }
    return 0;
}

int session_add_point(session *s, const double *raw, double y)
{
    begin(s);
    finish_test(s); /* the last epoch's test loss, on the rows it had */
    if (s->data.task == DS_REGRESSION ? !isfinite(y)
                                      : (y < 0 || y >= s->data.n_classes ||
                                         y != floor(y))) {
        say(s, "no such class");
        return -1;
    }
    for (int f = 0; f < s->data.n_features; f++)
        if (!isfinite(raw[f])) {
            say(s, "a point needs finite coordinates");
            return -1;
        }
    if (ds_add_train(&s->data, raw, y) < 0) {
        say(s, "no room for more points");
        return -1;
    }
    if (data_changed(s) < 0)
        return -1;
    session_judge_change(s, "a point added");
    /* where it went: "class 1 at (0.40, 1.20)" */
    const ds_dataset *d = &s->data;
    char where[SESSION_MESSAGE_MAX];
    size_t len = 0;
    int nf = d->n_features, shown = nf < 4 ? nf : 4;
    for (int f = 0; f < shown && len < sizeof where; f++)
        len += (size_t)snprintf(where + len, sizeof where - len, "%s%.2f",
                                f ? ", " : "", raw[f]);
    if (nf > shown && len < sizeof where)
        snprintf(where + len, sizeof where - len, ", ...");
    if (d->task == DS_REGRESSION)
        say(s, "target %.2f at (%s)", y, where);
    else
        say(s, "class %s at (%s)", d->class_names[(int)y], where);
    return 0;
}

int session_remove_point(session *s, int row)
{
    begin(s);
    finish_test(s);
    if (row < 0 || row >= ds_rows(&s->data)) {
        say(s, "no such point");
        return -1;
    }
    ds_remove(&s->data, row);
    if (data_changed(s) < 0)
        return -1;
    session_judge_change(s, "a point removed");
    return 0;
}

int session_set_param(session *s, int l, int j, int i, double value)
{
    begin(s);
    if (l < 0 || l >= s->net.n_layers || j < 0 || j >= s->net.layer[l].n_out ||
        i < 0 || i > s->net.layer[l].n_in) {
        say(s, "no such weight");
        return -1;
    }
    if (!isfinite(value)) {
        say(s, "a weight must be a finite number");
        return -1;
    }
    if (session_slice_pending(s) && session_slice_finish(s) < 0)
        return -1;
    net_layer *L = &s->net.layer[l];
    if (i == L->n_in)
        L->b[j] = value;
    else
        L->w[(size_t)j * L->n_in + i] = value;
    memcpy(s->init_params, s->net.params, s->net.n_params * sizeof(double));
    s->init_source = SESSION_INIT_EDITED;
    s->version++;
    session_judge_change(s, "weight edited");
    return 0;
}

int session_load_params(session *s, const net_shape *shape,
                        const double *params, const prep_pipeline *prep)
{
    begin(s);
    char err[SESSION_MESSAGE_MAX];
    if (!net_shape_check(shape, err, sizeof err)) {
        say(s, "%s", err);
        return -1;
    }
    prep_pipeline p = prep ? *prep : s->prep;
    if (p.n_raw != s->data.n_features) {
        say(s, "the model reads %d raw features; the data has %d", p.n_raw,
            s->data.n_features);
        return -1;
    }
    if (shape->n_inputs != p.n_in) {
        say(s, "the model has %d inputs; the data gives %d", shape->n_inputs,
            p.n_in);
        return -1;
    }
    int n_out = shape->units[shape->n_layers - 1];
    if (n_out != n_outputs_for(&s->data)) {
        say(s, "the model has %d outputs; the data needs %d", n_out,
            n_outputs_for(&s->data));
        return -1;
    }
    session_config c = s->cfg;
    act_kind out_act = shape->acts[shape->n_layers - 1];
    if (shape->n_layers == 1 && out_act == ACT_STEP) {
        c.model = MODEL_PERCEPTRON;
    } else {
        c.model = MODEL_MLP;
        c.n_hidden = shape->n_layers - 1;
        for (int l = 0; l < c.n_hidden; l++)
            c.hidden[l] = shape->units[l];
        if (c.n_hidden > 0)
            c.hidden_act = shape->acts[0];
        c.output_act = out_act;
        c.loss = session_fit_loss_for_output(s->data.task, out_act, c.loss);
    }
    for (int l = 0; l < shape->n_layers - 1; l++)
        if (shape->acts[l] == ACT_SOFTMAX) {
            say(s, "softmax is only allowed on the output layer");
            return -1;
        }
    if (!session_config_check(&c, &s->data, err, sizeof err)) {
        say(s, "%s", err);
        return -1;
    }
    session_config old_cfg = s->cfg;
    prep_pipeline old_prep = s->prep;
    s->cfg = c;
    s->cfg.features = p.features;
    s->cfg.scale = p.scale;
    s->prep = p;
    s->n_in = p.n_in;
    if (build_data_arrays(s) < 0 || build_model(s, shape, params) < 0) {
        s->cfg = old_cfg;
        s->prep = old_prep;
        s->n_in = old_prep.n_in;
        build_data_arrays(s);
        build_model(s, NULL, NULL);
        say(s, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- queries ---- */

bool session_torch_seeded(const session *s)
{
    return draws_torch(s) && s->init_source == SESSION_INIT_SEED;
}

bool session_init_edited(const session *s)
{
    return s->init_source == SESSION_INIT_EDITED;
}

/* The metrics from a whole pass's sums (as eval_rows makes them). */
static void metrics_publish(session *s, double train_sum, long train_right,
                            double test_sum, long test_right)
{
    session_metrics m;
    int n = s->data.n_train, t = s->data.n_test;
    bool cls = is_classifier_task(s);
    m.train_loss = n > 0 ? train_sum / n : NAN;
    m.train_acc = n > 0 && cls ? (double)train_right / n : NAN;
    m.test_loss = t > 0 ? test_sum / t : NAN;
    m.test_acc = t > 0 && cls ? (double)test_right / t : NAN;
    if (s->cfg.model == MODEL_MLP && n > 0)
        m.train_loss += net_penalty(&s->net, s->cfg.l1, s->cfg.l2);
    s->metrics = m;
    s->metrics_stamp = s->version;
}

session_metrics session_get_metrics(session *s)
{
    session_metrics_slice(s, INT_MAX);
    return s->metrics;
}

bool session_metrics_slice(session *s, int max_rows)
{
    if (s->metrics_stamp == s->version && s->version != 0)
        return true;
    if (s->metrics_pass.version != s->version) {
        memset(&s->metrics_pass, 0, sizeof s->metrics_pass);
        s->metrics_pass.version = s->version;
    }
    int n = s->data.n_train, total = n + s->data.n_test;
    int budget = max_rows > SESSION_CHUNK ? max_rows : SESSION_CHUNK;
    /* chunks as eval_rows takes them: from the start of each part */
    while (budget > 0 && s->metrics_pass.done < total) {
        int at = s->metrics_pass.done;
        bool train = at < n;
        int end = train ? n : total;
        int rows = end - at < SESSION_CHUNK ? end - at : SESSION_CHUNK;
        if (train)
            eval_chunk(s, at, rows, &s->metrics_pass.train_sum,
                       &s->metrics_pass.train_right);
        else
            eval_chunk(s, at, rows, &s->metrics_pass.test_sum,
                       &s->metrics_pass.test_right);
        s->metrics_pass.done += rows;
        budget -= rows;
    }
    if (s->metrics_pass.done < total)
        return false;
    metrics_publish(s, s->metrics_pass.train_sum, s->metrics_pass.train_right,
                    s->metrics_pass.test_sum, s->metrics_pass.test_right);
    return true;
}

void session_predict(session *s, const double *raw, int rows, double *out)
{
    for (int done = 0; done < rows; done += SESSION_CHUNK) {
        int n = rows - done < SESSION_CHUNK ? rows - done : SESSION_CHUNK;
        prep_apply(&s->prep, raw + (size_t)done * s->data.n_features,
                   s->eval_in, n);
        net_eval(&s->net, s->eval_in, n, -1, out + (size_t)done * s->n_out,
                 s->eval_work);
    }
}

int session_n_rows(const session *s) { return ds_rows(&s->data); }

int session_confusion(session *s, bool test, int *counts)
{
    if (!is_classifier_task(s))
        return 0;
    int k = s->data.n_classes;
    memset(counts, 0, (size_t)k * k * sizeof *counts);
    int first = test ? s->data.n_train : 0;
    int count = test ? s->data.n_test : s->data.n_train;
    for (int done = 0; done < count; done += SESSION_CHUNK) {
        int rows = count - done < SESSION_CHUNK ? count - done : SESSION_CHUNK;
        net_eval(&s->net, s->inputs + (size_t)(first + done) * s->n_in, rows, -1,
                 s->eval_out, s->eval_work);
        for (int r = 0; r < rows; r++) {
            int t = target_class(s, first + done + r);
            int p = session_class_of(s, s->eval_out + (size_t)r * s->n_out);
            if (t >= 0 && t < k && p >= 0 && p < k)
                counts[t * k + p]++;
        }
    }
    return k;
}
