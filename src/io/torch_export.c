/* torch_export.c - writes a session as a runnable PyTorch script in the
 * book's style (an nn.Module, the trained weights in float64, the input
 * pipeline, the data, the training loop). The script is built in memory and
 * saved atomically; nothing here runs Python. */
#include "io/torch_export.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_file.h"

/* ---- a growing text buffer ---- */

typedef struct {
    char *p;
    size_t len, cap;
    size_t line_start; /* offset of the current line, for wrapping */
    bool oom;
} tx_buf;

static void tx_put(tx_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n')
            b->line_start = b->len + i + 1;
    b->len += n;
    b->p[b->len] = '\0';
}

static void tx_puts(tx_buf *b, const char *s) { tx_put(b, s, strlen(s)); }

static void tx_printf(tx_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        tx_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tx_put(b, big, (size_t)n);
    free(big);
}

static size_t tx_col(const tx_buf *b) { return b->len - b->line_start; }

/* A Python float literal that reads back to the same double (v finite). */
static void tx_num(tx_buf *b, double v)
{
    char buf[40];
    io_file_format_double(buf, sizeof buf, v);
    if (!strpbrk(buf, ".eEn"))
        strcat(buf, ".0");
    tx_puts(b, buf);
}

/* [v0, v1, ...] wrapped before column 79, continuation lines at indent. */
static void tx_list(tx_buf *b, const double *v, int n, int indent)
{
    tx_puts(b, "[");
    for (int i = 0; i < n; i++) {
        char buf[40];
        io_file_format_double(buf, sizeof buf, v[i]);
        if (!strpbrk(buf, ".eEn"))
            strcat(buf, ".0");
        if (i > 0) {
            if (tx_col(b) + strlen(buf) + 3 > 79)
                tx_printf(b, ",\n%*s", indent, "");
            else
                tx_puts(b, ", ");
        }
        tx_puts(b, buf);
    }
    tx_puts(b, "]");
}

/* A Python string literal (UTF-8 kept; quotes, backslashes and control
 * bytes escaped). */
static void tx_pystr(tx_buf *b, const char *s)
{
    tx_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            tx_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            tx_printf(b, "\\x%02x", *p);
        else
            tx_put(b, (const char *)p, 1);
    }
    tx_puts(b, "\"");
}

/* Text for a comment: control bytes become spaces. */
static void tx_comment_text(tx_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        tx_put(b, (*p < 0x20 || *p == 0x7f) ? " " : (const char *)p, 1);
}

/* ---- pieces of the script ---- */

/* The torch expression of activation k applied to variable v. */
static const char *act_expr(act_kind k)
{
    switch (k) {
    case ACT_LINEAR: return "%s";
    case ACT_STEP: return "(%s >= 0).double()";
    case ACT_SIGMOID: return "torch.sigmoid(%s)";
    case ACT_TANH: return "torch.tanh(%s)";
    case ACT_RELU: return "torch.relu(%s)";
    case ACT_LEAKY_RELU: return "F.leaky_relu(%s, 0.01)";
    case ACT_ELU: return "F.elu(%s)";
    case ACT_SOFTPLUS: return "F.softplus(%s)";
    case ACT_SOFTSIGN: return "F.softsign(%s)";
    case ACT_LOGSIGMOID: return "F.logsigmoid(%s)";
    case ACT_SWISH: return "F.silu(%s)";
    case ACT_MISH: return "F.mish(%s)";
    case ACT_SINC: return "sinc(%s)";
    case ACT_SOFTMAX: return "torch.softmax(%s, dim=-1)";
    default: return NULL;
    }
}

/* Writes act_expr(k) with each %s replaced by v. */
static void tx_act(tx_buf *b, act_kind k, const char *v)
{
    const char *f = act_expr(k);
    for (const char *hole; (hole = strstr(f, "%s")) != NULL; f = hole + 2) {
        tx_put(b, f, (size_t)(hole - f));
        tx_puts(b, v);
    }
    tx_puts(b, f);
}

static void layer_name(const net *n, int l, char *buf, size_t len)
{
    if (l == n->n_layers - 1)
        snprintf(buf, len, "output");
    else
        snprintf(buf, len, "hidden%d", l + 1);
}

static const char *task_name(ds_task t)
{
    return t == DS_MULTICLASS ? "multiclass"
           : t == DS_REGRESSION ? "regression"
                                : "binary";
}

static void emit_header(tx_buf *b, const char *path, const session *s,
                        long epochs)
{
    const net *n = &s->net;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    tx_puts(b, "#!/usr/bin/env python3\n# ");
    tx_comment_text(b, base);
    tx_puts(b, " - a network trained by mlpviz " MLPVIZ_VERSION
               ", rebuilt as a PyTorch module\n# with its trained weights. ");
    tx_printf(b, "Data: '");
    tx_comment_text(b, s->data.name);
    tx_printf(b, "' (%d training and %d test rows, %s).\n# Network: %d inputs",
              s->data.n_train, s->data.n_test, task_name(s->data.task),
              n->n_inputs);
    for (int l = 0; l < n->n_layers; l++)
        tx_printf(b, " -> %d %s", n->layer[l].n_out, act_name(n->layer[l].act));
    if (s->cfg.model == MODEL_PERCEPTRON)
        tx_printf(b, "\n# Model: the perceptron, trained by its learning rule "
                     "(lr %g).\n", s->cfg.lr);
    else
        tx_printf(b, "\n# Training: loss %s, optimizer %s, lr %g, %s, "
                     "%ld epochs.\n",
                  loss_name(s->cfg.loss), opt_name(s->cfg.optimizer),
                  s->cfg.lr, s->cfg.batch > 0 ? "mini-batches" : "full batch",
                  epochs);
    tx_puts(b, "#\n");
    static const char *const usage[4][2] = {
        {"                      ", "predictions of the trained model"},
        {" --train              ", "train on from these weights, then predict"},
        {" --train --from-scratch", "train from mlpviz's initial weights"},
        {" --print-raw          ", "every row's outputs at full precision"},
    };
    for (int i = 0; i < 4; i++) {
        tx_puts(b, "#   python3 ");
        tx_comment_text(b, base);
        tx_printf(b, "%s %s\n", usage[i][0], usage[i][1]);
    }
    tx_puts(b, "#\n# Needs PyTorch (on Debian: apt-get install python3-torch)."
               "\n\nimport argparse\nimport csv\nimport sys\n\nimport torch\n"
               "import torch.nn as nn\nimport torch.nn.functional as F\n"
               "import torch.optim as optim\n\n"
               "# mlpviz computes in double precision; so does this script.\n"
               "torch.set_default_dtype(torch.float64)\n\n");
}

static bool uses_act(const net *n, act_kind k)
{
    for (int l = 0; l < n->n_layers; l++)
        if (n->layer[l].act == k)
            return true;
    return false;
}

static void emit_model(tx_buf *b, const session *s)
{
    const net *n = &s->net;
    char name[32];
    if (uses_act(n, ACT_SINC))
        tx_puts(b, "\ndef sinc(z):\n"
                   "    \"\"\"sin(z) / z, and 1 at z = 0.\"\"\"\n"
                   "    safe = torch.where(z == 0, torch.ones_like(z), z)\n"
                   "    return torch.where(z == 0, torch.ones_like(z), "
                   "torch.sin(safe) / safe)\n\n");
    tx_puts(b, "\nclass MLP(nn.Module):\n"
               "    def __init__(self):\n"
               "        super().__init__()\n");
    for (int l = 0; l < n->n_layers; l++) {
        layer_name(n, l, name, sizeof name);
        tx_printf(b, "        self.%s = nn.Linear(%d, %d)\n", name,
                  n->layer[l].n_in, n->layer[l].n_out);
    }
    tx_puts(b, "\n    def logits(self, x):\n"
               "        \"\"\"Everything up to the output activation.\"\"\"\n");
    for (int l = 0; l < n->n_layers - 1; l++) {
        char call[64];
        layer_name(n, l, name, sizeof name);
        snprintf(call, sizeof call, "self.%s(x)", name);
        tx_puts(b, "        x = ");
        tx_act(b, n->layer[l].act, call);
        tx_puts(b, "\n");
    }
    tx_puts(b, "        return self.output(x)\n\n"
               "    def forward(self, x):\n        return ");
    tx_act(b, n->layer[n->n_layers - 1].act, "self.logits(x)");
    tx_puts(b, "\n\n\nmodel = MLP()\n\n"
               "# The trained weights (weight[j][i]: input i -> unit j) and "
               "biases, to the\n# last bit.\nwith torch.no_grad():\n");
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        layer_name(n, l, name, sizeof name);
        tx_printf(b, "    model.%s.weight.copy_(torch.tensor([\n", name);
        for (int j = 0; j < L->n_out; j++) {
            tx_puts(b, "        ");
            tx_list(b, L->w + (size_t)j * L->n_in, L->n_in, 9);
            tx_puts(b, ",\n");
        }
        tx_printf(b, "    ], dtype=torch.float64))\n"
                     "    model.%s.bias.copy_(torch.tensor(\n        ", name);
        tx_list(b, L->b, L->n_out, 9);
        tx_puts(b, ", dtype=torch.float64))\n");
    }
}

static void emit_prep(tx_buf *b, const session *s)
{
    const prep_pipeline *p = &s->prep;
    tx_puts(b, "\n\n# The input pipeline: raw features in, network inputs out.");
    if (!p->features && p->scale == PREP_SCALE_NONE) {
        tx_puts(b, "\n# This network takes the raw features as they are.\n"
                   "def prepare(raw):\n    return raw\n");
        return;
    }
    tx_puts(b, "\n# Inputs: ");
    for (int j = 0; j < p->n_in; j++) {
        tx_puts(b, j ? ", " : "");
        tx_comment_text(b, p->names[j]);
    }
    if (p->scale != PREP_SCALE_NONE)
        tx_printf(b, ";\n# then (input - SHIFT) * SCALE, %s scaling fitted on "
                     "the training rows.\nSHIFT = torch.tensor(",
                  prep_scale_name(p->scale));
    if (p->scale != PREP_SCALE_NONE) {
        tx_list(b, p->shift, p->n_in, 4);
        tx_puts(b, ")\nSCALE = torch.tensor(");
        tx_list(b, p->mult, p->n_in, 4);
        tx_puts(b, ")\n");
    } else {
        tx_puts(b, ".\n");
    }
    tx_puts(b, "\n\ndef prepare(raw):\n");
    if (p->features) {
        static const char *const derived[PREP_FEATURE_COUNT] = {
            "x1 * x1", "x2 * x2", "x1 * x2", "torch.sin(x1)", "torch.sin(x2)",
        };
        tx_puts(b, "    x1, x2 = raw[:, 0:1], raw[:, 1:2]\n"
                   "    x = torch.cat([raw");
        for (int i = 0; i < PREP_FEATURE_COUNT; i++)
            if (p->features & (1u << i))
                tx_printf(b, ", %s", derived[i]);
        tx_puts(b, "], dim=1)\n");
    } else {
        tx_puts(b, "    x = raw\n");
    }
    if (p->scale != PREP_SCALE_NONE)
        tx_puts(b, "    return (x - SHIFT) * SCALE\n");
    else
        tx_puts(b, "    return x\n");
}

static void emit_data(tx_buf *b, const session *s)
{
    const ds_dataset *d = &s->data;
    int rows = ds_rows(d);
    bool classify = d->task != DS_REGRESSION;
    tx_puts(b, "\n\n# The data, raw features, training rows first.\nFEATURES = [");
    for (int f = 0; f < d->n_features; f++) {
        tx_puts(b, f ? ", " : "");
        tx_pystr(b, d->feature_names[f]);
    }
    tx_printf(b, "]\nTASK = \"%s\"\n", task_name(d->task));
    if (classify) {
        tx_puts(b, "CLASSES = [");
        for (int c = 0; c < d->n_classes && c < DS_MAX_CLASSES; c++) {
            tx_puts(b, c ? ", " : "");
            tx_pystr(b, d->class_names[c]);
        }
        tx_puts(b, "]\n");
    }
    tx_printf(b, "N_OUT = %d\n", s->n_out);
    if (rows > TORCH_EXPORT_MAX_INLINE_ROWS) {
        tx_printf(b, "# '");
        tx_comment_text(b, d->name);
        tx_printf(b, "' has %d rows, too many to write here: pass its "
                     "rows as\n# a CSV file with --data (features, then the "
                     "label in the last column).\n"
                     "N_TRAIN = %d\nX_RAW = None\nLABELS = None\n",
                  rows, d->n_train);
        return;
    }
    tx_printf(b, "N_TRAIN = %d\nX_RAW = torch.tensor([\n", d->n_train);
    for (int r = 0; r < rows; r++) {
        tx_puts(b, "    ");
        tx_list(b, d->x + (size_t)r * d->n_features, d->n_features, 5);
        tx_puts(b, ",\n");
    }
    tx_printf(b, "], dtype=torch.float64).reshape(-1, %d)\n", d->n_features);
    tx_puts(b, classify ? "# class indexes into CLASSES\nLABELS = ["
                        : "# targets\nLABELS = [");
    for (int r = 0; r < rows; r++) {
        if (r > 0)
            tx_puts(b, tx_col(b) > 70 ? ",\n    " : ", ");
        if (classify)
            tx_printf(b, "%d", (int)d->y[r]);
        else
            tx_num(b, d->y[r]);
    }
    tx_puts(b, "]\n");
}

/* Whether the optimizer has moments worth carrying over. */
static bool has_opt_state(const session *s)
{
    const opt_state *o = &s->opt;
    return s->cfg.model == MODEL_MLP && o->t > 0 && o->kind != OPT_SGD &&
           o->kind == s->cfg.optimizer && o->n == s->net.n_params && o->m &&
           (o->kind != OPT_ADAM || o->v);
}

/* The optimizer's moments, so that --train goes on exactly as mlpviz would
 * (apart from the shuffling order). */
static void emit_opt_state(tx_buf *b, const session *s)
{
    const opt_state *o = &s->opt;
    const net *n = &s->net;
    if (!has_opt_state(s))
        return;
    char name[32];
    tx_printf(b, "\n\n# The optimizer's state after mlpviz's %ld steps, per "
                 "parameter, so that\n# --train goes on where mlpviz "
                 "stopped.\nOPT_STEPS = %ld\nOPT_STATE = {\n",
              o->t, o->t);
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        layer_name(n, l, name, sizeof name);
        const size_t parts[2][2] = {
            {L->offset, (size_t)L->n_out * L->n_in},
            {L->offset + (size_t)L->n_out * L->n_in, (size_t)L->n_out},
        };
        for (int part = 0; part < 2; part++) {
            tx_printf(b, "    \"%s.%s\": (\n        ", name,
                      part ? "bias" : "weight");
            tx_list(b, o->m + parts[part][0], (int)parts[part][1], 9);
            tx_puts(b, ",\n        ");
            if (o->kind == OPT_ADAM)
                tx_list(b, o->v + parts[part][0], (int)parts[part][1], 9);
            else
                tx_puts(b, "None");
            tx_puts(b, "),\n");
        }
    }
    tx_puts(b, "}\n");
}

/* Where --from-scratch starts: PyTorch's own draw after
 * torch.manual_seed(SEED) when mlpviz drew the initial weights that way,
 * else mlpviz's initial weights written out. */
static void emit_initial(tx_buf *b, const session *s)
{
    if (session_torch_seeded(s)) {
        tx_puts(b, "\n\ndef start_from_initial():\n"
                   "    \"\"\"mlpviz's initial weights (--rng torch): what "
                   "PyTorch draws after\n"
                   "    torch.manual_seed(SEED) for these nn.Linear layers in "
                   "float32, made double.\"\"\"\n"
                   "    torch.set_default_dtype(torch.float32)\n"
                   "    torch.manual_seed(SEED)\n"
                   "    fresh = MLP()\n"
                   "    torch.set_default_dtype(torch.float64)\n"
                   "    with torch.no_grad():\n"
                   "        for p, q in zip(model.parameters(), "
                   "fresh.parameters()):\n"
                   "            p.copy_(q.double())\n");
        return;
    }
    tx_puts(b, "\n\n# mlpviz's initial weights, per layer weight[out][in] "
               "then bias, in the order\n# of model.parameters().\n"
               "INITIAL_PARAMS = ");
    tx_list(b, s->init_params, (int)s->net.n_params, 4);
    tx_puts(b, "\n\n\ndef start_from_initial():\n"
               "    flat = torch.tensor(INITIAL_PARAMS, dtype=torch.float64)\n"
               "    k = 0\n"
               "    with torch.no_grad():\n"
               "        for p in model.parameters():\n"
               "            p.copy_(flat[k:k + p.numel()].reshape(p.shape))\n"
               "            k += p.numel()\n");
}

/* mlpviz's row shuffle, so that mini-batches come in mlpviz's order. */
static void emit_shuffle(tx_buf *b, const session *s)
{
    const rng_state *r = &s->shuffle_rng;
    tx_puts(b,
        "\n\n# mlpviz's row shuffle: xoshiro256** seeded through splitmix64 "
        "with\n# SEED ^ 0x5bd1e995c0ffee11, a Fisher-Yates shuffle of the row "
        "order at the\n# start of every epoch that takes mini-batches, each "
        "index drawn without\n# modulo bias.\nMASK64 = (1 << 64) - 1\n\n\n"
        "class Shuffle:\n"
        "    def __init__(self, state):\n"
        "        self.s = list(state)\n\n"
        "    @staticmethod\n"
        "    def seeded(seed):\n"
        "        x, state = seed & MASK64, []\n"
        "        for _ in range(4):\n"
        "            x = (x + 0x9e3779b97f4a7c15) & MASK64\n"
        "            z = x\n"
        "            z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & MASK64\n"
        "            z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & MASK64\n"
        "            state.append(z ^ (z >> 31))\n"
        "        return Shuffle(state)\n\n"
        "    def next(self):\n"
        "        s = self.s\n"
        "        v = (s[1] * 5) & MASK64\n"
        "        result = ((((v << 7) | (v >> 57)) & MASK64) * 9) & MASK64\n"
        "        t = (s[1] << 17) & MASK64\n"
        "        s[2] ^= s[0]\n"
        "        s[3] ^= s[1]\n"
        "        s[1] ^= s[2]\n"
        "        s[0] ^= s[3]\n"
        "        s[2] ^= t\n"
        "        s[3] = ((s[3] << 45) | (s[3] >> 19)) & MASK64\n"
        "        return result\n\n"
        "    def below(self, n):\n"
        "        limit = MASK64 - MASK64 % n\n"
        "        while True:\n"
        "            v = self.next()\n"
        "            if v < limit:\n"
        "                return v % n\n\n"
        "    def shuffle(self, rows):\n"
        "        for i in range(len(rows) - 1, 0, -1):\n"
        "            j = self.below(i + 1)\n"
        "            rows[i], rows[j] = rows[j], rows[i]\n");
    tx_printf(b, "\n\n# Where mlpviz's shuffle stood when it stopped, and its "
                 "row order.\nSHUFFLE_STATE = [0x%016llx, 0x%016llx,\n"
                 "                 0x%016llx, 0x%016llx]\n",
              (unsigned long long)r->s[0], (unsigned long long)r->s[1],
              (unsigned long long)r->s[2], (unsigned long long)r->s[3]);
    int n = s->data.n_train;
    if (ds_rows(&s->data) > TORCH_EXPORT_MAX_INLINE_ROWS || s->cursor != 0 ||
        !s->order) {
        tx_puts(b, s->cursor != 0
                       ? "# mlpviz stopped inside an epoch: going on starts "
                         "the order afresh.\nORDER = None\n"
                       : "ORDER = None  # too many rows to write here\n");
        return;
    }
    tx_puts(b, "ORDER = [");
    for (int i = 0; i < n; i++) {
        if (i > 0)
            tx_puts(b, tx_col(b) > 72 ? ",\n    " : ", ");
        tx_printf(b, "%d", s->order[i]);
    }
    tx_puts(b, "]\n");
}

static void emit_training(tx_buf *b, const session *s, long epochs)
{
    const net *n = &s->net;
    act_kind out_act = n->layer[n->n_layers - 1].act;
    const session_config *c = &s->cfg;
    tx_printf(b, "\n\n# Training settings, as in mlpviz.\nEPOCHS = %ld\nLR = ",
              epochs);
    tx_num(b, c->lr);
    tx_printf(b, "\nBATCH = %d  # rows per step; 0 = the full batch\n"
                 "SEED = %llu\n",
              c->model == MODEL_PERCEPTRON ? 1 : c->batch,
              (unsigned long long)c->seed);

    tx_puts(b, "\n\ndef targets(labels):\n");
    if (s->data.task == DS_MULTICLASS)
        tx_puts(b, "    \"\"\"One-hot rows, one column per class.\"\"\"\n"
                   "    return F.one_hot(torch.tensor(labels), N_OUT)"
                   ".to(torch.float64)\n");
    else
        tx_puts(b, "    return torch.tensor(labels, dtype=torch.float64)"
                   ".reshape(-1, 1)\n");

    if (c->model == MODEL_PERCEPTRON) {
        tx_puts(b,
            "\n\ndef train(x, y, epochs, fresh=False):\n"
            "    \"\"\"The perceptron rule, one row at a time, in order:\n"
            "    w += LR * (y - y_hat) * x, b += LR * (y - y_hat).\"\"\"\n"
            "    w, b = model.output.weight, model.output.bias\n"
            "    with torch.no_grad():\n"
            "        for epoch in range(epochs):\n"
            "            errors = 0\n"
            "            for i in range(len(x)):\n"
            "                error = (y[i] - model(x[i:i + 1])[0]).item()\n"
            "                if error != 0:\n"
            "                    errors += 1\n"
            "                    w += LR * error * x[i]\n"
            "                    b += LR * error\n"
            "            print(f'Epoch {epoch + 1}: errors {errors}, '\n"
            "                  f'w = {w[0].tolist()}, b = {b.item()}')\n"
            "            if errors == 0:\n"
            "                print('Converged: every row is right.')\n"
            "                return\n");
        return;
    }

    /* the loss of a batch */
    tx_puts(b, "\n\n");
    switch (c->loss) {
    case LOSS_MSE:
        if (s->n_out == 1)
            tx_puts(b, "mse = nn.MSELoss()\n\n\n"
                       "def criterion(x, y):\n"
                       "    \"\"\"The book's (y - y_hat)^2 / 2, averaged over "
                       "the rows: half of MSELoss.\"\"\"\n"
                       "    return 0.5 * mse(model(x), y)\n");
        else
            tx_puts(b, "def criterion(x, y):\n"
                       "    \"\"\"The book's (y - y_hat)^2 / 2 summed over "
                       "the outputs, averaged over\n    the rows.\"\"\"\n"
                       "    return ((model(x) - y) ** 2).sum(dim=1).mean() "
                       "/ 2\n");
        break;
    case LOSS_BCE:
        if (s->n_out == 1)
            tx_puts(b, "bce = nn.BCELoss()\n\n\n"
                       "def criterion(x, y):\n"
                       "    return bce(model(x), y)\n");
        else
            tx_puts(b, "bce = nn.BCELoss(reduction=\"sum\")\n\n\n"
                       "def criterion(x, y):\n"
                       "    return bce(model(x), y) / len(y)\n");
        break;
    case LOSS_CE:
    default:
        if (out_act == ACT_SOFTMAX)
            tx_puts(b, "cross_entropy = nn.CrossEntropyLoss()\n\n\n"
                       "def criterion(x, y):\n"
                       "    \"\"\"Softmax and cross-entropy in one, on the "
                       "logits (mlpviz fuses them\n    the same way).\"\"\"\n"
                       "    return cross_entropy(model.logits(x), "
                       "y.argmax(dim=1))\n");
        else
            tx_puts(b, "def criterion(x, y):\n"
                       "    log_p = torch.log(model(x)).clamp(min=-100)\n"
                       "    return -(y * log_p).sum(dim=1).mean()\n");
        break;
    }
    if (c->l1 != 0 || c->l2 != 0) {
        tx_puts(b, "\n\nL1 = ");
        tx_num(b, c->l1);
        tx_puts(b, "\nL2 = ");
        tx_num(b, c->l2);
        tx_puts(b, "\n\n\ndef penalty():\n"
                   "    \"\"\"L1 * sum|w| + L2 / 2 * sum w^2 over the weights "
                   "(not the biases).\"\"\"\n"
                   "    total = 0.0\n"
                   "    for layer in model.children():\n"
                   "        w = layer.weight\n"
                   "        total = total + L1 * w.abs().sum() + L2 / 2 * "
                   "(w * w).sum()\n"
                   "    return total\n");
    } else {
        tx_puts(b, "\n\ndef penalty():\n    return 0.0\n");
    }

    tx_puts(b, "\n\ndef make_optimizer(fresh):\n");
    switch (c->optimizer) {
    case OPT_MOMENTUM:
        tx_puts(b, "    opt = optim.SGD(model.parameters(), lr=LR, "
                   "momentum=0.9)\n");
        break;
    case OPT_ADAM:
        tx_puts(b, "    opt = optim.Adam(model.parameters(), lr=LR)\n");
        break;
    case OPT_SGD:
    default:
        tx_puts(b, "    opt = optim.SGD(model.parameters(), lr=LR)\n");
        break;
    }
    if (has_opt_state(s))
        tx_puts(b,
            "    if fresh:\n"
            "        return opt\n"
            "    for name, p in model.named_parameters():\n"
            "        first, second = OPT_STATE[name]\n"
            "        if second is None:\n"
            "            opt.state[p][\"momentum_buffer\"] = "
            "torch.tensor(first).reshape(p.shape)\n"
            "        else:\n"
            "            opt.state[p][\"step\"] = torch.tensor(float(OPT_STEPS))\n"
            "            opt.state[p][\"exp_avg\"] = "
            "torch.tensor(first).reshape(p.shape)\n"
            "            opt.state[p][\"exp_avg_sq\"] = "
            "torch.tensor(second).reshape(p.shape)\n");
    tx_puts(b, "    return opt\n");

    tx_puts(b,
        "\n\ndef train(x, y, epochs, fresh=False):\n"
        "    \"\"\"Goes on from where mlpviz stopped, or with fresh from its "
        "start: the\n    optimizer, the shuffle and the row order as "
        "mlpviz's.\"\"\"\n"
        "    optimizer = make_optimizer(fresh)\n"
        "    n = len(x)\n"
        "    batch = BATCH if 0 < BATCH < n else n\n"
        "    if fresh or ORDER is None or len(ORDER) != n:\n"
        "        row_order = list(range(n))\n"
        "        shuffle = Shuffle.seeded(SEED ^ 0x5bd1e995c0ffee11)\n"
        "    else:\n"
        "        row_order, shuffle = list(ORDER), Shuffle(SHUFFLE_STATE)\n"
        "    for epoch in range(epochs):\n"
        "        if batch < n:\n"
        "            shuffle.shuffle(row_order)\n"
        "        order = torch.tensor(row_order)\n"
        "        total = 0.0\n"
        "        for start in range(0, n, batch):\n"
        "            rows = order[start:start + batch]\n"
        "            loss = criterion(x[rows], y[rows]) + penalty()\n"
        "            optimizer.zero_grad()\n"
        "            loss.backward()\n"
        "            optimizer.step()\n"
        "            total += loss.item() * len(rows)\n"
        "        if (epoch + 1) % 10 == 0:\n"
        "            print(f'Epoch [{epoch+1}/{epochs}], Loss: "
        "{total / n:.4f}')\n");
}

static const char main_text[] =
    "\n\ndef read_csv(path):\n"
    "    \"\"\"Rows of a CSV file: the features, then the label (a class "
    "name or\n"
    "    index, or the target). A header row and # comments are "
    "skipped.\"\"\"\n"
    "    with open(path, newline=\"\") as f:\n"
    "        text = f.read()\n"
    "    dialect = csv.Sniffer().sniff(text[:4096], delimiters=\",;\\t\")\n"
    "    xs, labels = [], []\n"
    "    for row in csv.reader(text.splitlines(), dialect):\n"
    "        if not row or not \"\".join(row).strip() or "
    "row[0].lstrip().startswith(\"#\"):\n"
    "            continue\n"
    "        try:\n"
    "            x = [float(v) for v in row[:-1]]\n"
    "        except ValueError:\n"
    "            if not xs:\n"
    "                continue  # the header\n"
    "            raise\n"
    "        label = row[-1].strip()\n"
    "        if TASK == \"regression\":\n"
    "            labels.append(float(label))\n"
    "        elif label in CLASSES:\n"
    "            labels.append(CLASSES.index(label))\n"
    "        else:\n"
    "            labels.append(int(float(label)))\n"
    "        xs.append(x)\n"
    "    return torch.tensor(xs, dtype=torch.float64), labels\n"
    "\n\n"
    "def predict(x_raw):\n"
    "    with torch.no_grad():\n"
    "        return model(prepare(x_raw))\n"
    "\n\n"
    "def class_of(out):\n"
    "    return int(out.argmax()) if N_OUT > 1 else int(out[0] >= 0.5)\n"
    "\n\n"
    "def show_predictions(x_raw, labels, n_train):\n"
    "    out = predict(x_raw)\n"
    "    if len(x_raw) <= 16:\n"
    "        for i, sample in enumerate(x_raw):\n"
    "            if N_OUT == 1:\n"
    "                shown = f'{out[i].item():.4f}'\n"
    "            else:\n"
    "                shown = '[' + ', '.join(f'{v:.4f}' for v in "
    "out[i].tolist()) + ']'\n"
    "            if TASK == \"multiclass\":\n"
    "                expected = CLASSES[labels[i]]\n"
    "            else:\n"
    "                expected = float(labels[i])\n"
    "            print(f'Input: {sample.tolist()}, Output: {shown}, "
    "Expected: {expected}')\n"
    "        return\n"
    "    # more rows: the summary lines of mlpviz's headless runner\n"
    "    for name, first, last in ((\"Train\", 0, n_train),\n"
    "                              (\"Test\", n_train, len(x_raw))):\n"
    "        if last <= first:\n"
    "            continue\n"
    "        if TASK == \"regression\":\n"
    "            with torch.no_grad():\n"
    "                loss = criterion(prepare(x_raw[first:last]),\n"
    "                                 targets(labels[first:last])).item()\n"
    "            print(f'{name} loss: {loss:.6f} ({last - first} rows)')\n"
    "        else:\n"
    "            right = sum(class_of(out[i]) == labels[i] for i in "
    "range(first, last))\n"
    "            print(f'{name} accuracy: {100.0 * right / (last - first):.2f}% "
    "({last - first} rows)')\n"
    "\n\n"
    "def main():\n"
    "    parser = argparse.ArgumentParser(description=\"A network trained by "
    "mlpviz.\")\n"
    "    parser.add_argument(\"--train\", action=\"store_true\",\n"
    "                        help=\"train on from the exported weights, then "
    "predict\")\n"
    "    parser.add_argument(\"--from-scratch\", action=\"store_true\",\n"
    "                        help=\"with --train: start from mlpviz's initial "
    "weights\")\n"
    "    parser.add_argument(\"--epochs\", type=int, default=EPOCHS,\n"
    "                        help=\"epochs for --train (default %(default)s)\")\n"
    "    parser.add_argument(\"--print-raw\", action=\"store_true\",\n"
    "                        help=\"print every row's outputs with %%.17g\")\n"
    "    parser.add_argument(\"--data\", metavar=\"FILE.csv\",\n"
    "                        help=\"rows to use instead of the inline ones "
    "(all for training)\")\n"
    "    args = parser.parse_args()\n"
    "    x_raw, labels, n_train = X_RAW, LABELS, N_TRAIN\n"
    "    if args.data:\n"
    "        x_raw, labels = read_csv(args.data)\n"
    "        n_train = len(labels)\n"
    "    if x_raw is None:\n"
    "        sys.exit(\"the data is not in this script: pass it with --data "
    "FILE.csv\")\n"
    "    if args.train:\n"
    "        if args.from_scratch:\n"
    "            start_from_initial()\n"
    "        train(prepare(x_raw[:n_train]), targets(labels[:n_train]), "
    "args.epochs,\n"
    "              fresh=args.from_scratch)\n"
    "    if args.print_raw:\n"
    "        for row in predict(x_raw).tolist():\n"
    "            print(\" \".join(\"%.17g\" % v for v in row))\n"
    "    else:\n"
    "        show_predictions(x_raw, labels, n_train)\n"
    "\n\n"
    "if __name__ == \"__main__\":\n"
    "    main()\n";

/* ---- the entry point ---- */

int torch_export_write(const char *path, const session *s, long epochs,
                       char *err, size_t errlen)
{
    const net *n = &s->net;
    if (n->n_layers < 1 || !n->params) {
        snprintf(err, errlen, "%s: there is no network to export", path);
        return -1;
    }
    if (!net_params_finite(n)) {
        snprintf(err, errlen,
                 "%s: not written: the weights are not finite (training "
                 "diverged); reset first", path);
        return -1;
    }
    for (int l = 0; l < n->n_layers; l++)
        if (!act_expr(n->layer[l].act)) {
            snprintf(err, errlen, "%s: layer %d has an unknown activation",
                     path, l + 1);
            return -1;
        }
    if (epochs < 1)
        epochs = TORCH_EXPORT_DEFAULT_EPOCHS;

    tx_buf b = {0};
    io_file_locale loc;
    io_file_locale_enter(&loc);
    emit_header(&b, path, s, epochs);
    emit_model(&b, s);
    emit_prep(&b, s);
    emit_data(&b, s);
    emit_opt_state(&b, s);
    emit_training(&b, s, epochs);
    emit_initial(&b, s);
    if (s->cfg.model == MODEL_MLP)
        emit_shuffle(&b, s);
    tx_puts(&b, main_text);
    io_file_locale_leave(&loc);

    int rc = -1;
    if (b.oom)
        snprintf(err, errlen, "%s: out of memory while writing the script",
                 path);
    else
        rc = io_file_write_atomic(path, b.p, b.len, err, errlen);
    free(b.p);
    return rc;
}
