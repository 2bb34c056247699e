/* lesson.c - the book's lessons as data: nine lessons, each a list of
 * scenes (narration, view, selection, actions), the sessions they start
 * from, and lesson_goto, which rebuilds a scene's state from scratch so
 * that going forward and back always gives the same numbers. Only the
 * public session commands are used; nothing here prints or reads a file. */
#include "engine/lesson.h"

#include <stdio.h>
#include <string.h>

/* ---- the sessions lessons start from ---- */

static int add_rows(ds_dataset *d, const double *x, const double *y, int rows)
{
    for (int r = 0; r < rows; r++)
        if (ds_add_train(d, x + (size_t)r * d->n_features, y[r]) < 0)
            return -1;
    return 0;
}

/* A dataset given row by row. */
static int small_set(ds_dataset *d, const char *name, int n_features,
                     ds_task task, const double *x, const double *y, int rows)
{
    if (ds_new(d, name, n_features, task, task == DS_BINARY ? 2 : 0, rows) < 0)
        return -1;
    if (add_rows(d, x, y, rows) < 0) {
        ds_free(d);
        return -1;
    }
    if (n_features == 1)
        snprintf(d->feature_names[0], DS_LABEL_MAX, "x");
    return 0;
}

/* session_new, then (when params is not NULL) the given shape and weights
 * as the initial weights. */
static int start(session *s, const session_config *c, ds_dataset *d,
                 const net_shape *shape, const double *params, char *err,
                 size_t errlen)
{
    if (session_new(s, c, d, err, errlen) < 0)
        return -1;
    if (params && session_load_params(s, shape, params, NULL) < 0) {
        snprintf(err, errlen, "%s", s->message);
        session_free(s);
        return -1;
    }
    return 0;
}

int lesson_setup_build(lesson_setup k, session *s, char *err, size_t errlen)
{
    session_config c;
    session_config_default(&c);
    ds_dataset d;
    memset(s, 0, sizeof *s);
    memset(&d, 0, sizeof d);
    int rc = -1;
    switch (k) {
    case LESSON_SETUP_ONE_ROW: {
        static const double x[2] = {1, 0}, y[1] = {0};
        c.model = MODEL_PERCEPTRON;
        c.lr = 1;
        rc = small_set(&d, "one row", 2, DS_BINARY, x, y, 1);
        break;
    }
    case LESSON_SETUP_OR: {
        /* the book's order, not the truth table's */
        static const double x[8] = {1, 1, 1, 0, 0, 1, 0, 0}, y[4] = {1, 1, 1, 0};
        c.model = MODEL_PERCEPTRON;
        c.lr = 1;
        rc = small_set(&d, "or", 2, DS_BINARY, x, y, 4);
        break;
    }
    case LESSON_SETUP_XOR_PERCEPTRON:
        c.model = MODEL_PERCEPTRON;
        c.lr = 1;
        rc = ds_builtin(&d, "xor", NULL);
        break;
    case LESSON_SETUP_XOR_MLP:
        rc = ds_builtin(&d, "xor", NULL);
        break;
    case LESSON_SETUP_XOR_MLP_MSE:
        c.output_act = ACT_LINEAR;
        c.loss = LOSS_MSE;
        rc = ds_builtin(&d, "xor", NULL);
        break;
    case LESSON_SETUP_RELU_NEURON: {
        static const double x[1] = {1}, y[1] = {0};
        static const double w[2] = {0.5, 0.5}; /* w, b */
        c.n_hidden = 0;
        c.output_act = ACT_RELU;
        c.loss = LOSS_MSE;
        c.lr = 1;
        c.init = NET_INIT_ZEROS;
        if (small_set(&d, "relu neuron", 1, DS_REGRESSION, x, y, 1) < 0)
            break;
        net_shape sh = {.n_inputs = 1, .n_layers = 1, .units = {1},
                        .acts = {ACT_RELU}};
        return start(s, &c, &d, &sh, w, err, errlen);
    }
    case LESSON_SETUP_CHAIN: {
        static const double x[1] = {1}, y[1] = {1};
        static const double w[4] = {0.75, 0.25, 0.5, -0.5}; /* w1 b1 w2 b2 */
        c.n_hidden = 1;
        c.hidden[0] = 1;
        c.hidden_act = ACT_RELU;
        c.output_act = ACT_SIGMOID;
        c.loss = LOSS_MSE;
        c.lr = 1;
        c.init = NET_INIT_ZEROS;
        if (small_set(&d, "chain", 1, DS_REGRESSION, x, y, 1) < 0)
            break;
        net_shape sh = {.n_inputs = 1, .n_layers = 2, .units = {1, 1},
                        .acts = {ACT_RELU, ACT_SIGMOID}};
        return start(s, &c, &d, &sh, w, err, errlen);
    }
    case LESSON_SETUP_XOR_TORCH:
        c.rng = SESSION_RNG_TORCH;
        c.seed = 0;
        rc = ds_builtin(&d, "xor", NULL);
        break;
    default:
        snprintf(err, errlen, "no such lesson setup (%d)", (int)k);
        return -1;
    }
    if (rc < 0) {
        snprintf(err, errlen, "out of memory building the lesson's data");
        return -1;
    }
    return start(s, &c, &d, NULL, NULL, err, errlen);
}

/* ---- the lessons ---- */

#define NOPICK {-1, 0, 0}
#define PICK(l, j, i) {l, j, i}
#define BUILD(k) {LESSON_DO_BUILD, k, 0}
#define PHASE(n) {LESSON_DO_PHASE, n, 0}
#define BATCH(n) {LESSON_DO_BATCH, n, 0}
#define EPOCH(n) {LESSON_DO_EPOCH, n, 0}
#define TRAIN(n) {LESSON_DO_TRAIN, n, 0}
#define LR(x) {LESSON_DO_SET_LR, 0, x}
#define REPLAY {LESSON_DO_REPLAY, 0, 0}
#define HIDDEN(a) {LESSON_DO_HIDDEN_ACT, a, 0}
#define PAGE(p) {-1, p, 0} /* the book view's page */

static const lesson_scene perceptron_scenes[] = {
    {"A perceptron with w1 = w2 = b = 0 has to learn to answer 0 for [1, 0].",
     "update", NOPICK, 1, {BUILD(LESSON_SETUP_ONE_ROW)}},
    {"z = 0 gives output 1, error 0 - 1 = -1: so w1 = -1, w2 = 0 and b = -1.",
     "update", NOPICK, 1, {BATCH(1)}},
    {"Now z = -1 + 0 - 1 = -2, the output is 0 and the error 0: nothing moves.",
     "update", NOPICK, 1, {BATCH(1)}},
    {"Its line -x1 - 1 = 0 is x1 = -1; right of it, at [1, 0], the output is 0.",
     "main", NOPICK, 0, {{0}}},
};

static const lesson_scene or_scenes[] = {
    {"OR, rows in the book's order [1,1] [1,0] [0,1] [0,0], from zero weights.",
     "update", NOPICK, 1, {BUILD(LESSON_SETUP_OR)}},
    {"Row [1,1]: z = 0 gives 1, which is right, so nothing changes.",
     "update", NOPICK, 1, {BATCH(1)}},
    {"[1,0] and [0,1] are right too; [0,0] gives 1, error -1, and b drops to -1.",
     "update", NOPICK, 1, {BATCH(3)}},
    {"Epoch 2: [1,1] lifts w1 and w2 to 1, then [0,0] pushes b back to -1.",
     "update", NOPICK, 1, {EPOCH(1)}},
    {"Epoch 3 makes no error: w1 = w2 = 1, b = -1; outputs 0, 1, 1, 1. Done.",
     "update", NOPICK, 1, {EPOCH(1)}},
    {"The line x1 + x2 - 1 = 0 leaves only [0,0] on the 0 side.",
     "main", NOPICK, 0, {{0}}},
};

/* The perceptron on XOR from zero weights, lr 1: from epoch 2 on, every
 * epoch ends at w1 = -1, w2 = 0, b = 0, after the same four updates, one
 * per row; each fixes its row and breaks another. */
static const lesson_scene xor_fail_scenes[] = {
    {"The same perceptron on XOR: 1 for [0,1] and [1,0], 0 for [0,0] and [1,1].",
     "main", NOPICK, 1, {BUILD(LESSON_SETUP_XOR_PERCEPTRON)}},
    {"Two epochs: w1 = -1, w2 = 0, b = 0. Its line x1 = 0 leaves two rows wrong.",
     "main", NOPICK, 1, {EPOCH(2)}},
    {"Row by row (n): [0,0] gives 1, not 0. b = -1: line x1 = -1, all 0 right of it.",
     "main", NOPICK, 1, {BATCH(1)}},
    {"[0,1] gives 0, not 1: w2 = 1, b = 0, and the line turns to x2 = x1.",
     "main", NOPICK, 1, {BATCH(1)}},
    {"[1,0] gives 0, not 1: w1 = 0, b = 1. The line x2 = -1 is below the map: all 1.",
     "main", NOPICK, 1, {BATCH(1)}},
    {"[1,1] gives 1, not 0: w1 = -1, w2 = 0, b = 0, just where it was 4 rows ago.",
     "main", NOPICK, 1, {BATCH(1)}},
    {"Epoch 100: each epoch takes the same 4 steps round. The weights are cycling.",
     "main", NOPICK, 1, {TRAIN(97)}},
    {"Each fix breaks another row: no line has [0,1] and [1,0] alone on one side.",
     "update", NOPICK, 0, {{0}}},
    {"Epoch 2000: the perceptron still cycles, the MLP has learnt XOR. The end.",
     "compare", NOPICK, 1, {TRAIN(1900)}},
};

static const lesson_scene xor_mlp_scenes[] = {
    {"The book's XOR network: 2 inputs, ReLU layers of 8 and 4, sigmoid output.",
     "main", NOPICK, 1, {BUILD(LESSON_SETUP_XOR_MLP)}},
    {"10 epochs of bce with sgd, lr 0.1: loss about 0.70, outputs all near 0.5.",
     "main", NOPICK, 1, {TRAIN(10)}},
    {"100 epochs: the loss is still near 0.69 and the outputs barely differ.",
     "main", NOPICK, 1, {TRAIN(90)}},
    {"Epoch 300: every row is on its right side, yet the loss, 0.61, still falls.",
     "main", NOPICK, 1, {TRAIN(200)}},
    {"2000 epochs, as in the book: outputs near 0, 1, 1, 0 and loss near 0.001.",
     "main", NOPICK, 1, {TRAIN(1700)}},
    {"In the last hidden layer's space the four points can be split by a line.",
     "hidden", PICK(1, 0, 3), 0, {{0}}},
    {"Every row right: 100% accuracy, a clean confusion matrix.",
     "metrics", NOPICK, 0, {{0}}},
};

static const lesson_scene relu_scenes[] = {
    {"One ReLU neuron: x = 1, target y = 0, w = b = 0.5, lr 1, mse loss.",
     "inspector", PICK(0, 0, 0), 1, {BUILD(LESSON_SETUP_RELU_NEURON)}},
    {"Epoch 1, forward: z = w*x + b = 1 and y_hat = ReLU(1) = 1.",
     "inspector", PICK(0, 0, 0), 1, {PHASE(1)}},
    {"Loss = (y - y_hat)^2 / 2 = (0 - 1)^2 / 2 = 0.5.",
     "inspector", PICK(0, 0, 0), 1, {PHASE(1)}},
    {"Backward: dL/dz = (y_hat - y) * ReLU'(1) = 1, so dL/dw = 1*x = 1, dL/db = 1.",
     "inspector", PICK(0, 0, 0), 1, {PHASE(1)}},
    {"Update: w = 0.5 - 1*1 = -0.5 and b = 0.5 - 1*1 = -0.5.",
     "inspector", PICK(0, 0, 0), 1, {PHASE(1)}},
    {"Epoch 2: z = -1, y_hat = 0, loss 0; ReLU'(-1) = 0, so both gradients are 0.",
     "inspector", PICK(0, 0, 0), 1, {EPOCH(1)}},
    {"The loss over w and b: one step went down the slope onto the flat floor.",
     "landscape", PICK(0, 0, 0), 0, {{0}}},
};

static const lesson_scene chain_scenes[] = {
    {"First the book's two small examples, the derivatives worked out by mlpviz.",
     "book", PAGE(LESSON_PAGE_CHAIN), 1, {BUILD(LESSON_SETUP_CHAIN)}},
    {"x -> (w1, ReLU) -> (w2, sigmoid g) -> y_hat; x = 1, y = 1, mse, lr 1.",
     "inspector", PICK(1, 0, 0), 0, {{0}}},
    {"Forward: z1 = 1, a1 = ReLU(z1) = 1, z2 = 0, y_hat = g(z2) = 0.5.",
     "inspector", PICK(1, 0, 0), 1, {PHASE(1)}},
    {"Loss: (0.5 - 1)^2 / 2 = 0.125.",
     "inspector", PICK(1, 0, 0), 1, {PHASE(1)}},
    {"dL/dw2 = (g(z2) - y) * g'(z2) * a1 = (0.5 - 1) * 0.25 * 1 = -0.125.",
     "inspector", PICK(1, 0, 0), 1, {PHASE(1)}},
    {"For w1 the chain goes on: dL/dz2 * w2 * ReLU'(z1) * x = -0.0625.",
     "inspector", PICK(0, 0, 0), 0, {{0}}},
    {"Update, lr 1: w2 = 0.5 + 0.125 = 0.625, w1 = 0.75 + 0.0625 = 0.8125.",
     "inspector", PICK(1, 0, 0), 1, {PHASE(1)}},
    {"100 more steps: y_hat climbs toward 1 while the loss keeps falling.",
     "main", NOPICK, 1, {TRAIN(100)}},
};

static const lesson_scene rate_scenes[] = {
    {"The XOR network with a linear output and mse: a loss with no ceiling.",
     "main", NOPICK, 2, {BUILD(LESSON_SETUP_XOR_MLP_MSE), LR(0.001)}},
    {"lr 0.001: after 300 epochs the loss has barely moved. Steps too small.",
     "main", NOPICK, 1, {TRAIN(300)}},
    {"Same start, lr 0.1: within 300 epochs the loss falls, all rows right.",
     "main", NOPICK, 3, {REPLAY, LR(0.1), TRAIN(300)}},
    {"Same start, lr 10: each step overshoots, the weights blow up: diverged.",
     "main", NOPICK, 3, {REPLAY, LR(10), TRAIN(300)}},
    {"The sweep trains the same start at five rates: compare the curves.",
     "sweep", NOPICK, 0, {{0}}},
};

static const lesson_scene activation_scenes[] = {
    {"Thirteen activations and their slopes; any can go in the hidden layers.",
     "gallery", NOPICK, 1, {BUILD(LESSON_SETUP_XOR_MLP)}},
    {"Linear hidden layers stack into one straight line: XOR stays unsolved.",
     "main", NOPICK, 2, {HIDDEN(ACT_LINEAR), TRAIN(1000)}},
    {"Sigmoid: its slope is at most 0.25, gradients fade, the loss stays ~0.69.",
     "main", NOPICK, 2, {HIDDEN(ACT_SIGMOID), TRAIN(1000)}},
    {"Tanh: steeper and centred on 0; XOR is solved.",
     "main", NOPICK, 2, {HIDDEN(ACT_TANH), TRAIN(1000)}},
    {"Step: its slope is 0 everywhere, so the hidden weights never move.",
     "main", NOPICK, 2, {HIDDEN(ACT_STEP), TRAIN(1000)}},
    {"ReLU, the book's choice: slope 1 for z > 0; solved in a few hundred epochs.",
     "main", NOPICK, 2, {HIDDEN(ACT_RELU), TRAIN(1000)}},
    {"Arrows choose an activation, U puts it in the hidden layers. The lesson ends.",
     "gallery", NOPICK, 0, {{0}}},
};

/* The book's script beside mlpviz from torch seed 0: the script's numbers
 * as the project recorded them with PyTorch (book.h), mlpviz's live. */
static const lesson_scene book_torch_scenes[] = {
    {"The book's XOR script, read closely: where its forward sits, what it does.",
     "book", PAGE(LESSON_PAGE_SCRIPT), 1, {BUILD(LESSON_SETUP_XOR_TORCH)}},
    {"Epoch 10 from torch seed 0: the script's loss and mlpviz's are the same.",
     "book", PAGE(LESSON_PAGE_RUN), 1, {TRAIN(10)}},
    {"Epoch 100: still the same loss, to every printed digit.",
     "book", PAGE(LESSON_PAGE_RUN), 1, {TRAIN(90)}},
    {"Epoch 2000 and the four outputs: PyTorch's run and mlpviz's agree again.",
     "book", PAGE(LESSON_PAGE_RUN), 1, {TRAIN(1900)}},
    {"The same run on the main screen: epoch 2000, loss 0.0087, as PyTorch printed.",
     "main", NOPICK, 0, {{0}}},
};

#define SCENES(a) (int)(sizeof a / sizeof a[0]), a

static const lesson lessons[] = {
    {"perceptron", "The perceptron rule: learning to answer 0 for [1, 0]",
     SCENES(perceptron_scenes)},
    {"or", "A perceptron learns OR, row by row, from zero weights",
     SCENES(or_scenes)},
    {"xor-fail", "A perceptron cannot learn XOR; an MLP can",
     SCENES(xor_fail_scenes)},
    {"xor-mlp", "The book's 2-8-4-1 network solves XOR",
     SCENES(xor_mlp_scenes)},
    {"pytorch", "The book's PyTorch script and mlpviz, digit for digit",
     SCENES(book_torch_scenes)},
    {"relu", "One ReLU neuron, two epochs, every number of the table",
     SCENES(relu_scenes)},
    {"chain", "The chain rule: the book's small examples, then two neurons",
     SCENES(chain_scenes)},
    {"rate", "Learning rate too small, right, and too large",
     SCENES(rate_scenes)},
    {"activations", "The activation gallery, tried on XOR",
     SCENES(activation_scenes)},
};

int lesson_count(void) { return (int)(sizeof lessons / sizeof lessons[0]); }

const lesson *lesson_get(int i)
{
    return (i >= 0 && i < lesson_count()) ? &lessons[i] : NULL;
}

const lesson *lesson_find(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < lesson_count(); i++)
        if (strcmp(name, lessons[i].name) == 0)
            return &lessons[i];
    return NULL;
}

/* ---- playing scenes ---- */

/* A step command's -1 is not an error when the run diverged: the scene
 * shows just that. */
static int checked(session *s, int rc, char *err, size_t errlen)
{
    if (rc == 0 || s->status == SESSION_DIVERGED)
        return 0;
    snprintf(err, errlen, "%s", s->message[0] ? s->message : "the command failed");
    return -1;
}

static bool is_live(const session *s) { return s->net.params != NULL; }

static int apply_one(const lesson_action *a, session *s, char *err,
                     size_t errlen)
{
    if (a->kind == LESSON_DO_BUILD) {
        session t;
        if (lesson_setup_build((lesson_setup)a->n, &t, err, errlen) < 0)
            return -1;
        session_free(s);
        *s = t;
        return 0;
    }
    if (!is_live(s)) {
        snprintf(err, errlen, "the scene acts on a session before building one");
        return -1;
    }
    switch (a->kind) {
    case LESSON_DO_PHASE:
    case LESSON_DO_BATCH:
    case LESSON_DO_EPOCH:
        for (long k = 0; k < a->n && s->status != SESSION_DIVERGED; k++) {
            int rc = a->kind == LESSON_DO_PHASE   ? session_step_phase(s)
                     : a->kind == LESSON_DO_BATCH ? session_step_batch(s)
                                                  : session_step_epoch(s);
            if (checked(s, rc, err, errlen) < 0)
                return -1;
        }
        return 0;
    case LESSON_DO_TRAIN:
        if (s->status == SESSION_DIVERGED)
            return 0;
        return checked(s, session_train(s, a->n), err, errlen);
    case LESSON_DO_SET_LR:
        return checked(s, session_set_lr(s, a->value), err, errlen);
    case LESSON_DO_REPLAY:
        return checked(s, session_replay(s), err, errlen);
    case LESSON_DO_HIDDEN_ACT:
        return checked(s, session_set_hidden_act(s, (act_kind)a->n), err, errlen);
    default:
        snprintf(err, errlen, "unknown lesson action %d", (int)a->kind);
        return -1;
    }
}

int lesson_apply(const lesson_scene *sc, session *s, char *err, size_t errlen)
{
    if (sc->n_actions < 0 || sc->n_actions > LESSON_MAX_ACTIONS) {
        snprintf(err, errlen, "a scene has %d actions", sc->n_actions);
        return -1;
    }
    for (int i = 0; i < sc->n_actions; i++)
        if (apply_one(&sc->action[i], s, err, errlen) < 0)
            return -1;
    return 0;
}

int lesson_goto(const lesson *l, int scene, session *s, char *err,
                size_t errlen)
{
    if (!l || scene < 0 || scene >= l->n_scenes) {
        snprintf(err, errlen, "lesson %s has no scene %d", l ? l->name : "(none)",
                 scene + 1);
        return -1;
    }
    session t;
    memset(&t, 0, sizeof t);
    for (int k = 0; k <= scene; k++)
        if (lesson_apply(&l->scenes[k], &t, err, errlen) < 0) {
            session_free(&t);
            return -1;
        }
    if (!is_live(&t)) {
        snprintf(err, errlen, "lesson %s does not build a session", l->name);
        return -1;
    }
    session_free(s);
    *s = t;
    return 0;
}
