/* cli.c - the command line: options into a cli_options struct (never exits,
 * errors come back as one line), the session those options describe, and
 * the headless runner that prints the book's log format. */
#include "app/cli.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/lesson.h"
#include "engine/session_fit.h"
#include "io/model_io.h"
#include "io/torch_export.h"

void cli_options_default(cli_options *o)
{
    memset(o, 0, sizeof *o);
    o->mode = CLI_MODE_TUI;
    session_config_default(&o->cfg);
    snprintf(o->dataset, sizeof o->dataset, "xor");
    ds_gen_options_default(&o->gen);
    ds_io_options_default(&o->io);
    o->epochs = 2000;
    o->log_every = 10;
}

/* ---- value parsers: each returns false with a message ---- */

static bool parse_double(const char *opt, const char *v, double lo, double hi,
                         double *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || *end != '\0' || errno == ERANGE || !isfinite(d)) {
        snprintf(err, errlen, "%s: '%s' is not a number", opt, v);
        return false;
    }
    if (d < lo || d > hi) {
        snprintf(err, errlen, "%s: %s is out of range (%g to %g)", opt, v, lo, hi);
        return false;
    }
    *out = d;
    return true;
}

static bool parse_long(const char *opt, const char *v, long lo, long hi,
                       long *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end != '\0' || errno == ERANGE) {
        snprintf(err, errlen, "%s: '%s' is not a whole number", opt, v);
        return false;
    }
    if (n < lo || n > hi) {
        snprintf(err, errlen, "%s: %s is out of range (%ld to %ld)", opt, v, lo, hi);
        return false;
    }
    *out = n;
    return true;
}

static bool parse_seed(const char *v, uint64_t *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    if (*v == '-' || *v == '\0') {
        snprintf(err, errlen, "--seed: '%s' is not a whole number of 0 or more", v);
        return false;
    }
    unsigned long long n = strtoull(v, &end, 10);
    if (*end != '\0' || errno == ERANGE) {
        snprintf(err, errlen, "--seed: '%s' is not a whole number of 0 or more", v);
        return false;
    }
    *out = (uint64_t)n;
    return true;
}

static bool parse_layers(const char *v, session_config *c, char *err,
                         size_t errlen)
{
    int sizes[NET_MAX_LAYERS - 1];
    int n = 0;
    const char *p = v;
    if (*p == '\0') {
        c->n_hidden = 0;
        return true;
    }
    for (;;) {
        char *end;
        errno = 0;
        long k = strtol(p, &end, 10);
        if (end == p || errno == ERANGE || (*end != ',' && *end != '\0') ||
            *p == '-' || *p == '+' || *p == ' ') {
            snprintf(err, errlen,
                     "--layers: '%s' is not a list of hidden layer sizes "
                     "like 8,4 ('' for none)",
                     v);
            return false;
        }
        if (k < 1 || k > NET_MAX_UNITS) {
            snprintf(err, errlen, "--layers: a layer of %ld units (allowed: 1 to %d)",
                     k, NET_MAX_UNITS);
            return false;
        }
        if (n == NET_MAX_LAYERS - 1) {
            snprintf(err, errlen, "--layers: more than %d hidden layers",
                     NET_MAX_LAYERS - 1);
            return false;
        }
        sizes[n++] = (int)k;
        if (*end == '\0')
            break;
        p = end + 1;
    }
    c->n_hidden = n;
    memcpy(c->hidden, sizes, (size_t)n * sizeof *sizes);
    return true;
}

static bool parse_act(const char *opt, const char *v, act_kind *out,
                      bool output, char *err, size_t errlen)
{
    act_kind k;
    if (!act_from_name(v, &k) || (k == ACT_SOFTMAX && !output)) {
        snprintf(err, errlen,
                 "%s: unknown activation '%s' (known: linear, step, sigmoid, "
                 "tanh, relu, leaky_relu, elu, softplus, softsign, logsigmoid, "
                 "swish, mish, sinc%s)",
                 opt, v, output ? ", softmax" : "");
        return false;
    }
    *out = k;
    return true;
}

static void copy_path(char *dst, const char *src)
{
    snprintf(dst, CLI_PATH_MAX, "%s", src);
}

/* Options that take a value, in one table: the parser and --help use it. */
typedef struct {
    const char *name;
    const char *arg;
    const char *help;
} cli_flag;

static const cli_flag flags[] = {
    {"--headless", NULL, "train without a screen, print the log, exit"},
    {"--dataset", "NAME|FILE", "xor, and, or (the book's row order), nand, "
                               "one (the book's [1, 0] -> 0), circle, gauss, "
                               "quadrants, spiral, moons, wave, a shipped set "
                               "(iris, ...), or a .csv / .json file"},
    {"--model", "perceptron|mlp", "the model (default mlp)"},
    {"--layers", "8,4", "hidden layer sizes ('' = none)"},
    {"--activation", "NAME", "hidden activation (default relu)"},
    {"--output", "NAME", "output activation (default: fits the data)"},
    {"--loss", "mse|bce|ce", "loss (default: fits the data)"},
    {"--optimizer", "sgd|momentum|adam", "optimizer (default sgd)"},
    {"--lr", "X", "learning rate (default 0.1; perceptron 1)"},
    {"--epochs", "N", "epochs to train headless (default 2000)"},
    {"--batch", "N|full", "rows per step (default full)"},
    {"--seed", "N", "seed of the weights, shuffling and generated data"},
    {"--rng", "mlpviz|torch", "generator of the initial weights (default "
                              "mlpviz; torch: see below)"},
    {"--weights", "torch|xavier|he|zeros", "initialisation (default torch)"},
    {"--points", "N", "points of a generated dataset (default 200)"},
    {"--noise", "X", "noise of a generated dataset, 0 to 1 (default 0.1)"},
    {"--test-ratio", "X", "share of rows held out for testing (default 0.2 "
                          "for generated sets, 0 for files)"},
    {"--task", "classify|regress", "override the guess made from the labels"},
    {"--scale", "none|standard|minmax", "input scaling (default none)"},
    {"--features", "LIST", "derived inputs: x1^2,x2^2,x1*x2,sin(x1),sin(x2)"},
    {"--l1", "X", "L1 regularisation rate (default 0)"},
    {"--l2", "X", "L2 regularisation rate (default 0; see below)"},
    {"--init", "FILE", "start from the weights in a model file"},
    {"--save", "FILE", "write the model file at the end"},
    {"--export-torch", "FILE.py", "write a runnable PyTorch script of the model"},
    {"--log-every", "N", "epoch lines every N epochs (default 10; 0: none)"},
    {"--lesson", "NAME|list", "open a lesson from the book (list: print them)"},
    {"--session", "FILE", "reopen a saved scene exactly (with --headless: "
                          "train on from it)"},
    {"--keys", NULL, "print every key of the screen (markdown) and exit"},
    {"--help", NULL, "print this help and exit"},
    {"--version", NULL, "print the version and exit"},
};
#define N_FLAGS ((int)(sizeof flags / sizeof flags[0]))

void cli_print_help(FILE *out)
{
    fprintf(out,
            "usage: mlpviz [OPTIONS]              open the screen\n"
            "       mlpviz --headless [OPTIONS]   train without a screen, "
            "print the log\n\noptions:\n");
    for (int i = 0; i < N_FLAGS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", flags[i].name,
                 flags[i].arg ? " " : "", flags[i].arg ? flags[i].arg : "");
        fprintf(out, "  %-32s %s\n", left, flags[i].help);
    }
    fprintf(out, "\nWith no options the screen opens on the book's XOR network "
                 "(2-8-4-1, relu, sigmoid, bce, sgd, lr 0.1).\n"
                 "\n--rng torch draws the initial weights exactly as PyTorch "
                 "does after\ntorch.manual_seed(SEED) when the nn.Linear "
                 "layers are built, input side first\n(an MLP with --weights "
                 "torch); the rows are still shuffled by mlpviz's own\n"
                 "generator, so full-batch runs match PyTorch's line for "
                 "line.\n"
                 "\n--l1 and --l2 add the penalty l1*sum|w| + (l2/2)*sum w^2 "
                 "over the weights\n(not the biases) to the loss; the loss "
                 "printed includes it.\n");
}

static const cli_flag *find_flag(const char *name, size_t len)
{
    for (int i = 0; i < N_FLAGS; i++)
        if (strlen(flags[i].name) == len && strncmp(flags[i].name, name, len) == 0)
            return &flags[i];
    return NULL;
}

static bool apply(cli_options *o, const char *opt, const char *v, char *err,
                  size_t errlen)
{
    session_config *c = &o->cfg;
    long n;
    double d;
#define IS(s) (strcmp(opt, s) == 0)
    if (IS("--dataset")) {
        if (!*v) {
            snprintf(err, errlen, "--dataset: empty name");
            return false;
        }
        copy_path(o->dataset, v);
    } else if (IS("--model")) {
        if (!session_model_from_name(v, &c->model)) {
            snprintf(err, errlen, "--model: unknown model '%s' (known: perceptron, mlp)", v);
            return false;
        }
        o->set_model = true;
    } else if (IS("--layers")) {
        return parse_layers(v, c, err, errlen);
    } else if (IS("--activation")) {
        return parse_act(opt, v, &c->hidden_act, false, err, errlen);
    } else if (IS("--output")) {
        o->set_output = true;
        return parse_act(opt, v, &c->output_act, true, err, errlen);
    } else if (IS("--loss")) {
        if (!loss_from_name(v, &c->loss)) {
            snprintf(err, errlen, "--loss: unknown loss '%s' (known: mse, bce, ce)", v);
            return false;
        }
        o->set_loss = true;
    } else if (IS("--optimizer")) {
        if (!opt_from_name(v, &c->optimizer)) {
            snprintf(err, errlen,
                     "--optimizer: unknown optimizer '%s' (known: sgd, momentum, adam)", v);
            return false;
        }
    } else if (IS("--lr")) {
        if (!parse_double(opt, v, DBL_MIN, 1e6, &c->lr, err, errlen))
            return false;
        o->set_lr = true;
    } else if (IS("--epochs")) {
        return parse_long(opt, v, 0, 100000000L, &o->epochs, err, errlen);
    } else if (IS("--batch")) {
        if (strcmp(v, "full") == 0) {
            c->batch = 0;
        } else {
            if (!parse_long(opt, v, 1, DS_MAX_ROWS, &n, err, errlen)) {
                if (strstr(err, "not a whole number"))
                    snprintf(err, errlen, "--batch: '%s' is not a whole number or 'full'", v);
                return false;
            }
            c->batch = (int)n;
        }
    } else if (IS("--seed")) {
        if (!parse_seed(v, &c->seed, err, errlen))
            return false;
        o->gen.seed = c->seed;
        o->io.seed = c->seed;
    } else if (IS("--rng")) {
        if (!session_rng_from_name(v, &c->rng)) {
            snprintf(err, errlen, "--rng: unknown generator '%s' (known: mlpviz, torch)", v);
            return false;
        }
        o->set_rng = true;
    } else if (IS("--weights")) {
        if (!net_init_from_name(v, &c->init)) {
            snprintf(err, errlen, "--weights: unknown initialisation '%s' (known: torch, "
                                  "xavier, he, zeros)", v);
            return false;
        }
        o->set_init = true;
    } else if (IS("--points")) {
        if (!parse_long(opt, v, 2, DS_MAX_ROWS, &n, err, errlen))
            return false;
        o->gen.points = (int)n;
    } else if (IS("--noise")) {
        if (!parse_double(opt, v, 0, 1, &o->gen.noise, err, errlen))
            return false;
    } else if (IS("--test-ratio")) {
        if (!parse_double(opt, v, 0, 0.9, &d, err, errlen))
            return false;
        o->gen.test_ratio = d;
        o->io.test_ratio = d;
    } else if (IS("--task")) {
        if (strcmp(v, "classify") == 0)
            o->io.task = DS_IO_TASK_CLASSIFY;
        else if (strcmp(v, "regress") == 0)
            o->io.task = DS_IO_TASK_REGRESS;
        else {
            snprintf(err, errlen, "--task: '%s' is not classify or regress", v);
            return false;
        }
    } else if (IS("--scale")) {
        if (!prep_scale_from_name(v, &c->scale)) {
            snprintf(err, errlen, "--scale: unknown scaling '%s' (known: none, standard, "
                                  "minmax)", v);
            return false;
        }
    } else if (IS("--features")) {
        char why[160];
        if (!prep_features_parse(v, &c->features, why, sizeof why)) {
            snprintf(err, errlen, "--features: %s", why);
            return false;
        }
    } else if (IS("--l1")) {
        return parse_double(opt, v, 0, 1e6, &c->l1, err, errlen);
    } else if (IS("--l2")) {
        return parse_double(opt, v, 0, 1e6, &c->l2, err, errlen);
    } else if (IS("--init")) {
        copy_path(o->init_file, v);
    } else if (IS("--save")) {
        copy_path(o->save_file, v);
    } else if (IS("--export-torch")) {
        copy_path(o->export_file, v);
    } else if (IS("--lesson")) {
        if (strcmp(v, "list") == 0) {
            o->mode = CLI_MODE_LESSON_LIST;
        } else if (!lesson_find(v)) {
            snprintf(err, errlen, "--lesson: unknown lesson '%s' (see --lesson list)", v);
            return false;
        } else {
            snprintf(o->lesson, sizeof o->lesson, "%s", v);
        }
    } else if (IS("--session")) {
        copy_path(o->session_file, v);
    } else if (IS("--log-every")) {
        o->set_log_every = true;
        return parse_long(opt, v, 0, 100000000L, &o->log_every, err, errlen);
    }
#undef IS
    return true;
}

int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen)
{
    bool test_ratio_set = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            snprintf(err, errlen, "unexpected argument '%s' (see --help)", a);
            return -1;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const cli_flag *f = find_flag(a, len);
        if (!f) {
            snprintf(err, errlen, "unknown option '%.*s' (see --help)", (int)len, a);
            return -1;
        }
        if (!f->arg) {
            if (eq) {
                snprintf(err, errlen, "%s takes no value", f->name);
                return -1;
            }
            if (strcmp(f->name, "--headless") == 0)
                o->mode = CLI_MODE_HEADLESS;
            else if (strcmp(f->name, "--help") == 0)
                o->mode = CLI_MODE_HELP;
            else if (strcmp(f->name, "--version") == 0)
                o->mode = CLI_MODE_VERSION;
            else if (strcmp(f->name, "--keys") == 0)
                o->mode = CLI_MODE_KEYS;
            continue;
        }
        const char *v;
        if (eq) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            snprintf(err, errlen, "%s needs a value (%s)", f->name, f->arg);
            return -1;
        }
        if (strcmp(f->name, "--test-ratio") == 0)
            test_ratio_set = true;
        if (!apply(o, f->name, v, err, errlen))
            return -1;
    }
    if (!test_ratio_set)
        o->io.test_ratio = 0;
    if (o->lesson[0] && o->session_file[0]) {
        snprintf(err, errlen, "--lesson and --session cannot be used together");
        return -1;
    }
    if (o->lesson[0] && o->mode == CLI_MODE_HEADLESS) {
        snprintf(err, errlen, "--lesson opens the screen; it cannot be used with --headless");
        return -1;
    }
    if (!session_config_check_rng(&o->cfg, err, errlen)) {
        if (o->cfg.model == MODEL_PERCEPTRON)
            snprintf(err, errlen, "--rng torch cannot be used with --model "
                                  "perceptron: the perceptron starts from zero "
                                  "weights");
        else
            snprintf(err, errlen, "--rng torch draws PyTorch's default "
                                  "initialisation only; it cannot be used "
                                  "with --weights %s",
                     net_init_name(o->cfg.init));
        return -1;
    }
    if (o->cfg.model == MODEL_PERCEPTRON && !o->set_lr)
        o->cfg.lr = SESSION_LR_PERCEPTRON;
    if (o->cfg.model == MODEL_PERCEPTRON && !o->set_log_every)
        o->log_every = 1; /* the perceptron reports every epoch */
    return 0;
}

int cli_load_dataset(const cli_options *o, const char *name, ds_dataset *d,
                     char *err, size_t errlen)
{
    if (ds_is_builtin(name)) {
        if (ds_builtin(d, name, &o->gen) < 0) {
            snprintf(err, errlen, "cannot make the dataset '%s'", name);
            return -1;
        }
        return 0;
    }
    return ds_io_load(name, d, &o->io, err, errlen);
}

void cli_print_lessons(FILE *out)
{
    for (int i = 0; i < lesson_count(); i++) {
        const lesson *l = lesson_get(i);
        fprintf(out, "%-12s %s\n", l->name, l->title);
    }
}

int cli_build_session(const cli_options *o, session *s, scene_view *view,
                      char *err, size_t errlen)
{
    scene_view none;
    if (!view)
        view = &none;
    memset(view, 0, sizeof *view);
    if (o->session_file[0])
        return scene_io_load(o->session_file, s, view, err, errlen);
    if (o->lesson[0]) {
        const lesson *l = lesson_find(o->lesson);
        memset(s, 0, sizeof *s);
        if (!l || lesson_goto(l, 0, s, err, errlen) < 0)
            return -1;
        snprintf(view->lesson, sizeof view->lesson, "%s", l->name);
        snprintf(view->view, sizeof view->view, "%s",
                 l->scenes[0].view);
        return 0;
    }
    ds_dataset d;
    if (cli_load_dataset(o, o->dataset, &d, err, errlen) < 0)
        return -1;
    session_config c = o->cfg;
    /* The output and loss follow the data's task unless both were given;
     * an output given alone takes a loss that goes with it. */
    const session_fit_rule *fit = session_fit_rule_for(d.task);
    bool perceptron_fits = fit && fit->perceptron;
    if (fit && !o->set_output)
        c.output_act = fit->output;
    if (fit && !o->set_loss)
        c.loss = session_fit_loss_for_output(d.task, c.output_act, fit->loss);
    if (o->set_model && c.model == MODEL_PERCEPTRON && !perceptron_fits) {
        snprintf(err, errlen, "--model perceptron: '%s' is not a two-class dataset",
                 o->dataset);
        ds_free(&d);
        return -1;
    }
    if (!o->set_model && !perceptron_fits)
        c.model = MODEL_MLP;
    char why[256];
    if (!session_config_check(&c, &d, why, sizeof why)) {
        snprintf(err, errlen, "%s", why);
        ds_free(&d);
        return -1;
    }
    if (session_new(s, &c, &d, why, sizeof why) < 0) {
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    if (o->init_file[0]) {
        model_file m;
        if (model_io_load(o->init_file, &m, err, errlen) < 0) {
            session_free(s);
            return -1;
        }
        /* the file's generator, unless --rng was given: a new seed drawn
         * later (the screen's r) uses the one the model was trained from */
        if (m.has_rng && !o->set_rng && s->cfg.model == MODEL_MLP &&
            s->cfg.init == NET_INIT_TORCH)
            s->cfg.rng = m.rng;
        int rc = session_load_params(s, &m.shape, m.params,
                                     m.has_prep ? &m.prep : NULL);
        model_file_free(&m);
        if (rc < 0) {
            snprintf(err, errlen, "%s: %s", o->init_file, s->message);
            session_free(s);
            return -1;
        }
    }
    return 0;
}

/* ---- headless ---- */

/* A double as Python's repr prints it: the shortest form that reads back
 * the same, with ".0" on whole numbers. */
static void py_float(char *buf, size_t len, double v)
{
    if (isnan(v)) {
        snprintf(buf, len, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, len, v > 0 ? "inf" : "-inf");
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, len, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (!strpbrk(buf, ".einn")) {
        size_t n = strlen(buf);
        if (n + 2 < len)
            memcpy(buf + n, ".0", 3);
    }
}

static void print_row_inputs(FILE *out, const session *s, int row)
{
    const ds_dataset *d = &s->data;
    fputc('[', out);
    for (int f = 0; f < d->n_features; f++) {
        char b[40];
        py_float(b, sizeof b, d->x[(size_t)row * d->n_features + f]);
        fprintf(out, "%s%s", f ? ", " : "", b);
    }
    fputc(']', out);
}

static void print_predictions(FILE *out, session *s)
{
    int rows = session_n_rows(s);
    double pred[DS_MAX_CLASSES];
    for (int r = 0; r < rows; r++) {
        session_predict(s, s->data.x + (size_t)r * s->data.n_features, 1, pred);
        fprintf(out, "Input: ");
        print_row_inputs(out, s, r);
        if (s->n_out == 1) {
            char e[40];
            py_float(e, sizeof e, s->data.y[r]);
            fprintf(out, ", Output: %.4f, Expected: %s\n", pred[0], e);
        } else {
            fprintf(out, ", Output: [");
            for (int k = 0; k < s->n_out; k++)
                fprintf(out, "%s%.4f", k ? ", " : "", pred[k]);
            fprintf(out, "], Expected: %s\n", s->data.class_names[(int)s->data.y[r]]);
        }
    }
}

static void print_confusion(FILE *out, session *s, bool test)
{
    int k = s->data.n_classes;
    int *counts = calloc((size_t)k * k, sizeof *counts);
    if (!counts)
        return;
    session_confusion(s, test, counts);
    int w = 6;
    for (int c = 0; c < k; c++) {
        int n = (int)strlen(s->data.class_names[c]);
        if (n + 1 > w)
            w = n + 1;
    }
    fprintf(out, "Confusion matrix (%s rows: true class, columns: predicted):\n",
            test ? "test" : "train");
    fprintf(out, "%*s", w, "");
    for (int c = 0; c < k; c++)
        fprintf(out, " %*s", w, s->data.class_names[c]);
    fputc('\n', out);
    for (int t = 0; t < k; t++) {
        fprintf(out, "%*s", w, s->data.class_names[t]);
        for (int p = 0; p < k; p++)
            fprintf(out, " %*d", w, counts[t * k + p]);
        fputc('\n', out);
    }
    free(counts);
}

static void print_summary(FILE *out, session *s)
{
    session_metrics m = session_get_metrics(s);
    if (session_is_classifier(s)) {
        fprintf(out, "Train accuracy: %.2f%% (%d rows)\n", 100 * m.train_acc,
                s->data.n_train);
        if (s->data.n_test > 0)
            fprintf(out, "Test accuracy: %.2f%% (%d rows)\n", 100 * m.test_acc,
                    s->data.n_test);
        print_confusion(out, s, false);
        if (s->data.n_test > 0)
            print_confusion(out, s, true);
    } else {
        fprintf(out, "Train loss: %.6f (%d rows)\n", m.train_loss, s->data.n_train);
        if (s->data.n_test > 0)
            fprintf(out, "Test loss: %.6f (%d rows)\n", m.test_loss, s->data.n_test);
    }
}

static void print_perceptron_epoch(FILE *out, const session *s)
{
    const net_layer *L = &s->net.layer[0];
    fprintf(out, "Epoch %ld: errors %d, w = [", s->epoch,
            (int)lround(s->hist_train[s->hist_len - 1] * s->data.n_train));
    for (int i = 0; i < L->n_in; i++)
        fprintf(out, "%s%g", i ? ", " : "", L->w[i]);
    fprintf(out, "], b = %g\n", L->b[0]);
}

/* The book's first perceptron script's line: the error of the one row,
 * then the weights it was computed with (before the update). */
static void print_book_one_row(FILE *out, double error, const double *w,
                               int n_in, double b)
{
    fprintf(out, "Loss: %g", error);
    for (int i = 0; i < n_in; i++)
        fprintf(out, " | w%d: %g", i + 1, w[i]);
    fprintf(out, " | b: %g\n", b);
}

/* One perceptron epoch, a row at a time. With per_row, each row prints the
 * book's line: `Error: E` (the OR script), or, when the data has a single
 * training row, `Loss: E | w1: .. | b: ..` (the first script) in place of
 * the epoch line. 0, or -1 as session_step_batch. */
static int perceptron_epoch(FILE *out, session *s, bool per_row, bool *printed)
{
    const net_layer *L = &s->net.layer[0];
    bool one_row = s->data.n_train == 1;
    double w[NET_MAX_UNITS], b;
    long start = s->epoch;
    *printed = false;
    while (s->epoch == start) {
        memcpy(w, L->w, (size_t)L->n_in * sizeof *w);
        b = L->b[0];
        if (session_step_batch(s) < 0)
            return -1;
        if (s->status == SESSION_DIVERGED)
            return 0;
        if (!per_row)
            continue;
        if (one_row) {
            print_book_one_row(out, s->last.error, w, L->n_in, b);
            *printed = true;
        } else {
            fprintf(out, "Error: %g\n", s->last.error);
        }
    }
    return 0;
}

int cli_run_headless(const cli_options *o, FILE *out, FILE *errout)
{
    char err[512];
    session s;
    if (cli_build_session(o, &s, NULL, err, sizeof err) < 0) {
        fprintf(errout, "mlpviz: %s\n", err);
        return 1;
    }
    int status = 0;
    bool perceptron = s.cfg.model == MODEL_PERCEPTRON;
    bool penalty = !perceptron && (s.cfg.l1 != 0 || s.cfg.l2 != 0);
    long every = o->log_every;
    if (perceptron && s.data.task == DS_BINARY && s.data.n_train > 0) {
        bool seen[2] = {false, false};
        for (int r = 0; r < s.data.n_train; r++)
            seen[s.data.y[r] != 0] = true;
        if (!seen[0] || !seen[1])
            fprintf(out, "Note: every training row is of class %d; the "
                         "perceptron learns nothing about class %d.\n",
                    seen[1], !seen[1]);
    }
    for (long e = 1; e <= o->epochs; e++) {
        bool printed = false;
        int rc = perceptron
                     ? perceptron_epoch(out, &s, every == 1, &printed)
                     : session_step_epoch(&s);
        if (rc < 0 || s.status == SESSION_DIVERGED) {
            fprintf(errout, "mlpviz: %s\n", s.message);
            status = 1;
            break;
        }
        if (perceptron) {
            if (every > 0 && e % every == 0 && !printed)
                print_perceptron_epoch(out, &s);
            if (s.status == SESSION_CONVERGED)
                break;
        } else if (every > 0 && e % every == 0) {
            double l = s.hist_train[s.hist_len - 1];
            fprintf(out, fabs(l) < 1e9 ? "Epoch [%ld/%ld], Loss: %.4f%s\n"
                                       : "Epoch [%ld/%ld], Loss: %.4e%s\n",
                    e, o->epochs, l, penalty ? " (with penalty)" : "");
        }
    }
    if (perceptron && status == 0) {
        if (s.status == SESSION_CONVERGED)
            fprintf(out, "Converged after %ld epochs.\n", s.epoch);
        else
            fprintf(out, "Did not converge in %ld epochs.\n", s.epoch);
    }
    if (status == 0) {
        if (session_n_rows(&s) <= 16)
            print_predictions(out, &s);
        else
            print_summary(out, &s);
    }
    /* the engine's verdict on the run, with its reason */
    fprintf(out, "state: %s (%s)\n", session_status_name(s.status), s.reason);
    if (o->save_file[0] && status == 0 &&
        model_io_save_session(o->save_file, &s, err, sizeof err) < 0) {
        fprintf(errout, "mlpviz: %s\n", err);
        status = 1;
    }
    if (o->export_file[0] && status == 0 &&
        torch_export_write(o->export_file, &s, o->epochs, err, sizeof err) < 0) {
        fprintf(errout, "mlpviz: %s\n", err);
        status = 1;
    }
    session_free(&s);
    return status;
}
