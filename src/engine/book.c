/* book.c - the book's XOR script as PyTorch ran it for the project (copies
 * of tests/torch/seeded/xor_book_seed_S.txt, kept equal by a unit test),
 * and mlpviz's own numbers at the same epochs and rows. */
#include "engine/book.h"

#include <math.h>
#include <string.h>

static const long quote_epochs[BOOK_QUOTES] = {10, 100, 2000};

/* The book's script with torch.manual_seed(S) first, its float32 initial
 * weights trained in float64 (tests/torch/gen_seeded.py). */
static const book_torch_run runs[] = {
    {0, {"0.7010", "0.6922", "0.0087"}, {"0.0163", "0.9989", "0.9990", "0.0163"}},
    {7, {"0.6997", "0.6909", "0.0011"}, {"0.0008", "0.9985", "0.9989", "0.0011"}},
};

long book_quote_epoch(int k)
{
    return k >= 0 && k < BOOK_QUOTES ? quote_epochs[k] : 0;
}

int book_torch_run_count(void) { return (int)(sizeof runs / sizeof runs[0]); }

const book_torch_run *book_torch_run_get(int i)
{
    return i >= 0 && i < book_torch_run_count() ? &runs[i] : NULL;
}

const book_torch_run *book_torch_run_find(uint64_t seed)
{
    for (int i = 0; i < book_torch_run_count(); i++)
        if (runs[i].seed == seed)
            return &runs[i];
    return NULL;
}

int book_quote(session *s, double loss[BOOK_QUOTES], double out[BOOK_ROWS])
{
    for (int k = 0; k < BOOK_QUOTES; k++)
        loss[k] = quote_epochs[k] <= s->hist_len ? s->hist_train[quote_epochs[k] - 1]
                                                 : NAN;
    int rows = s->data.n_train < BOOK_ROWS ? s->data.n_train : BOOK_ROWS;
    for (int r = 0; r < BOOK_ROWS; r++)
        out[r] = NAN;
    if (rows <= 0 || s->n_out != 1)
        return 0;
    session_predict(s, s->data.x, rows, out);
    return rows;
}

bool book_session_is_script(const session *s)
{
    static const double xor_x[BOOK_ROWS * 2] = {0, 0, 0, 1, 1, 0, 1, 1};
    static const double xor_y[BOOK_ROWS] = {0, 1, 1, 0};
    const session_config *c = &s->cfg;
    if (!session_torch_seeded(s) || c->model != MODEL_MLP || c->n_hidden != 2 ||
        c->hidden[0] != 8 || c->hidden[1] != 4 || c->hidden_act != ACT_RELU ||
        c->output_act != ACT_SIGMOID || c->loss != LOSS_BCE ||
        c->optimizer != OPT_SGD || c->lr != 0.1 || c->l1 != 0 || c->l2 != 0 ||
        c->features != 0 || c->scale != PREP_SCALE_NONE)
        return false;
    const ds_dataset *d = &s->data;
    if (d->n_features != 2 || d->n_train != BOOK_ROWS || d->n_test != 0 ||
        (c->batch != 0 && c->batch < BOOK_ROWS))
        return false;
    return memcmp(d->x, xor_x, sizeof xor_x) == 0 &&
           memcmp(d->y, xor_y, sizeof xor_y) == 0;
}
