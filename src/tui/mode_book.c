/* mode_book.c - the Book view: pages that put the book's own small
 * examples on the screen, every number worked out by the engine. The chain
 * page computes the book's two chain-rule examples (engine/chain.h); the
 * script page reads the book's XOR listing (where its forward sits and what
 * the forward computes) beside what mlpviz computes; the run page puts the
 * script's numbers, recorded with PyTorch by the project (engine/book.h),
 * next to the session's live ones from the same torch seed. A lesson's
 * scene chooses the page (lesson_pick.unit); PgDn/PgUp turn the pages. */
#include "tui/mode.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/book.h"
#include "engine/chain.h"
#include "tui/view.h"

typedef struct {
    int page; /* lesson_page */
} book_state;

static book_state *bk(tui_view *v) { return v->mode_state[MODE_BOOK]; }

static int bk_open(tui_view *v)
{
    book_state *b = bk(v);
    b->page = LESSON_PAGE_CHAIN;
    if (v->lesson) {
        const lesson_scene *sc = &v->lesson->scenes[v->lesson_scene];
        if (strcmp(sc->view, "book") == 0 && sc->pick.layer < 0 &&
            sc->pick.unit >= 0 && sc->pick.unit < LESSON_PAGE_COUNT)
            b->page = sc->pick.unit;
    }
    return 0;
}

/* A number with at most four decimals and no trailing zeros: 7, 2.25,
 * 0.7781, -1.8846. */
static void bk_num(char *buf, size_t len, double x)
{
    snprintf(buf, len, "%.4f", x);
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *end = buf + strlen(buf) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, len, "0");
}

/* ---- the chain rule ---- */

static void bk_chain(tui_view *v, WINDOW *w, int y)
{
    chain_example e;
    char x[24], in[24], out[24], dout[24], din[24], prod[24], num[24];
    chain_poly_example(CHAIN_POLY_BOOK_X, &e);
    bk_num(x, sizeof x, e.x);
    bk_num(in, sizeof in, e.inner);
    bk_num(out, sizeof out, e.outer);
    bk_num(dout, sizeof dout, e.d_outer);
    bk_num(din, sizeof din, e.d_inner);
    bk_num(prod, sizeof prod, e.product);
    view_print(v, w, y++, 1, ROLE_TITLE, "z = y^2 + 1 with y = 2x + 3, at x = %s", x);
    view_print(v, w, y++, 3, ROLE_NORMAL, "y = 2*%s + 3 = %s        z = %s^2 + 1 = %s", x,
               in, in, out);
    view_print(v, w, y++, 3, ROLE_NORMAL, "dz/dy = 2y = %s         dy/dx = %s", dout, din);
    view_print(v, w, y++, 3, ROLE_POS, "dz/dx = dz/dy * dy/dx = %s * %s = %s", dout, din,
               prod);
    view_print(v, w, y++, 3, ROLE_DIM,
               "check: (z(x+h) - z(x-h)) / 2h with h = 0.00001 gives %.4f", e.numeric);
    y++;
    chain_sin_example(CHAIN_SIN_X, &e);
    bk_num(x, sizeof x, e.x);
    bk_num(in, sizeof in, e.inner);
    bk_num(out, sizeof out, e.outer);
    bk_num(dout, sizeof dout, e.d_outer);
    bk_num(din, sizeof din, e.d_inner);
    bk_num(prod, sizeof prod, e.product);
    bk_num(num, sizeof num, e.numeric);
    view_print(v, w, y++, 1, ROLE_TITLE, "sin(x^2): f = sin(u) with u = x^2, here at x = %s",
               x);
    view_print(v, w, y++, 3, ROLE_NORMAL, "u = %s^2 = %s         f = sin(%s) = %s", x, in,
               in, out);
    view_print(v, w, y++, 3, ROLE_NORMAL, "df/du = cos(u) = %s    du/dx = 2x = %s", dout,
               din);
    view_print(v, w, y++, 3, ROLE_POS, "d sin(x^2) = cos(x^2) * 2x dx = %s * %s dx = %s dx",
               dout, din, prod);
    view_print(v, w, y++, 3, ROLE_DIM, "check: the same difference of sin(x^2) gives %s",
               num);
    y++;
    view_print(v, w, y++, 1, ROLE_DIM,
               "Each outer slope is taken at the inner value, then times the inner slope.");
    view_print(v, w, y++, 1, ROLE_DIM,
               "Backpropagation does the same, layer by layer (the inspector, i).");
}

/* ---- the book's script ---- */

static void bk_outputs_line(tui_view *v, WINDOW *w, int y, const char *lead)
{
    double loss[BOOK_QUOTES], out[BOOK_ROWS];
    int rows = book_quote(v->s, loss, out);
    char line[160];
    int at = snprintf(line, sizeof line, "%s", lead);
    for (int r = 0; r < rows && at < (int)sizeof line; r++)
        at += snprintf(line + at, sizeof line - (size_t)at, " %.4f", out[r]);
    view_print(v, w, y, 3, ROLE_POS, "%s", line);
}

static void bk_script(tui_view *v, WINDOW *w, int y, int h)
{
    static const char *const code[] = {
        "class XORMLP(nn.Module):",
        "    def __init__(self):",
        "        ...  # hidden_one 2->8, hidden_two 8->4, output 4->1, relu",
        "        def forward(self, x):   # <- indented under __init__",
        "            x = self.relu(self.hidden_one(x))",
        "            x = self.relu(self.hidden_two(x))",
        "            x = torch.sigmoid(self.output(x))",
        "            return x",
    };
    view_print(v, w, y++, 1, ROLE_TITLE, "The book's listing, lines 6 to 18, shortened:");
    for (size_t i = 0; i < sizeof code / sizeof code[0]; i++)
        view_print(v, w, y++, 3, i == 3 ? ROLE_BAD : ROLE_DIM, "%s", code[i]);
    static const char *const note[] = {
        "As printed, forward is defined inside __init__: a local function, made",
        "and dropped each time __init__ runs. The class gets no forward, so",
        "model(X) stops with NotImplementedError (no \"forward\" function).",
        "Move the def out one level, beside __init__, and the script runs.",
        "",
        "forward then calls each layer on the one before it, nested:",
    };
    for (size_t i = 0; i < sizeof note / sizeof note[0]; i++)
        view_print(v, w, y++, 1, ROLE_NORMAL, "%s", note[i]);
    view_print(v, w, y++, 3, ROLE_TITLE,
               "y_hat = sigmoid(W3 relu(W2 relu(W1 x + b1) + b2) + b3)");
    view_print(v, w, y++, 1, ROLE_NORMAL,
               "mlpviz's forward is these same three layers, w[out][in] as in nn.Linear.");
    if (y < h && v->s->n_out == 1 && v->s->data.n_train >= BOOK_ROWS) {
        char lead[64];
        snprintf(lead, sizeof lead, "mlpviz now, epoch %ld, y_hat of the 4 rows:",
                 v->s->epoch);
        bk_outputs_line(v, w, y, lead);
    }
}

/* ---- the script's run beside mlpviz's ---- */

static void bk_run(tui_view *v, WINDOW *w, int y, int h)
{
    session *s = v->s;
    if (!book_session_is_script(s)) {
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "This session is not the book's script: that is the XOR network");
        view_print(v, w, y++, 1, ROLE_NORMAL,
                   "2-8-4-1 relu/sigmoid, bce, sgd lr 0.1, full batch, from a torch seed:");
        view_print(v, w, y++, 3, ROLE_KEY, "mlpviz --rng torch --seed 0");
        view_print(v, w, y++, 1, ROLE_DIM, "or mlpviz --lesson pytorch, which puts it beside PyTorch's run.");
        return;
    }
    const book_torch_run *run = book_torch_run_find(s->cfg.seed);
    unsigned long long seed = (unsigned long long)s->cfg.seed;
    view_print(v, w, y++, 1, ROLE_TITLE, "The book's XOR script and mlpviz, torch seed %llu",
               seed);
    view_print(v, w, y++, 3, ROLE_NORMAL,
               "PyTorch: the script with torch.manual_seed(%llu) first, as the project", seed);
    view_print(v, w, y++, 3, ROLE_NORMAL,
               "         ran and recorded it (float32 draws, trained in float64)");
    view_print(v, w, y++, 3, ROLE_NORMAL,
               "mlpviz:  this session, mlpviz --rng torch --seed %llu, live", seed);
    y++;
    double loss[BOOK_QUOTES], out[BOOK_ROWS];
    int rows = book_quote(s, loss, out);
    view_print(v, w, y++, 3, ROLE_DIM, "%-22s %9s %9s", "", "PyTorch", "mlpviz");
    long last = book_quote_epoch(BOOK_QUOTES - 1);
    for (int k = 0; k < BOOK_QUOTES + BOOK_ROWS && y < h; k++) {
        char label[64], mine[32] = "-", theirs[32] = "?";
        bool have;
        if (k < BOOK_QUOTES) {
            snprintf(label, sizeof label, "loss, epoch %ld", book_quote_epoch(k));
            have = isfinite(loss[k]);
            if (have)
                snprintf(mine, sizeof mine, "%.4f", loss[k]);
            if (run)
                snprintf(theirs, sizeof theirs, "%s", run->loss[k]);
        } else {
            int r = k - BOOK_QUOTES;
            const double *x = s->data.x + (size_t)r * 2;
            snprintf(label, sizeof label, "output [%g, %g]", x[0], x[1]);
            have = r < rows && s->epoch == last;
            if (r < rows)
                snprintf(mine, sizeof mine, "%.4f", out[r]);
            if (run)
                snprintf(theirs, sizeof theirs, "%s", run->output[r]);
        }
        int x = 3 + view_print(v, w, y, 3, ROLE_NORMAL, "%-22s %9s %9s", label, theirs,
                               mine);
        if (run && have)
            view_print(v, w, y, x + 2, strcmp(mine, theirs) == 0 ? ROLE_POS : ROLE_BAD,
                       strcmp(mine, theirs) == 0 ? "same" : "differs");
        y++;
    }
    y++;
    if (y >= h)
        return;
    if (!run)
        view_print(v, w, y, 1, ROLE_DIM,
                   "no PyTorch run recorded for seed %llu: the project keeps seeds 0 and 7",
                   seed);
    else if (s->epoch < last)
        view_print(v, w, y, 1, ROLE_DIM,
                   "epoch %ld: mlpviz's outputs are today's; PyTorch's are after %ld epochs",
                   s->epoch, last);
    else if (s->epoch == last)
        view_print(v, w, y, 1, ROLE_DIM,
                   "the outputs are after %ld epochs on both sides, as the script prints them",
                   last);
    else
        view_print(v, w, y, 1, ROLE_DIM,
                   "epoch %ld: mlpviz trained past the script's %ld epochs", s->epoch, last);
}

static const char *const page_titles[LESSON_PAGE_COUNT] = {
    [LESSON_PAGE_CHAIN] = "the chain rule, the book's two small examples",
    [LESSON_PAGE_SCRIPT] = "the book's PyTorch script and its forward",
    [LESSON_PAGE_RUN] = "the book's script and mlpviz, the same seed",
};

static void bk_draw(tui_view *v, WINDOW *w, int h, int wd)
{
    book_state *b = bk(v);
    int page = b ? b->page : LESSON_PAGE_CHAIN;
    char title[128];
    snprintf(title, sizeof title, "Book %d/%d: %s", page + 1, LESSON_PAGE_COUNT,
             page_titles[page]);
    style_rule(w, &v->st, 0, 0, wd, title, true);
    switch (page) {
    case LESSON_PAGE_CHAIN:
        bk_chain(v, w, 2);
        break;
    case LESSON_PAGE_SCRIPT:
        bk_script(v, w, 1, h);
        break;
    default:
        bk_run(v, w, 2, h);
        break;
    }
}

static bool bk_handle_action(tui_view *v, int action)
{
    book_state *b = bk(v);
    if (!b)
        return false;
    switch (action) {
    case ACTION_PAGE_NEXT:
        b->page = (b->page + 1) % LESSON_PAGE_COUNT;
        v->dirty = true;
        return true;
    case ACTION_PAGE_PREV:
        b->page = (b->page + LESSON_PAGE_COUNT - 1) % LESSON_PAGE_COUNT;
        v->dirty = true;
        return true;
    default:
        return false;
    }
}

static const key_binding bk_keys[] = {
    {KEY_NPAGE, ACTION_PAGE_NEXT},
    {KEY_PPAGE, ACTION_PAGE_PREV},
    {0, ACTION_NONE},
};

const view_mode_ops mode_book_ops = {
    .name = "book",
    .title = "The book's examples",
    .state_size = sizeof(book_state),
    .open = bk_open,
    .draw = bk_draw,
    .keys = bk_keys,
    .handle_action = bk_handle_action,
    .about = "space trains an epoch; the run page follows",
};
