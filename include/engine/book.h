/* book.h - the book's XOR script as the project ran it with PyTorch, for a
 * lesson to show beside mlpviz's own numbers: for a few seeds, what the
 * script prints (loss and outputs, four decimals) when torch.manual_seed(S)
 * comes first. The strings are copies of the fixtures written by
 * tests/torch/gen_seeded.py (tests/torch/seeded/xor_book_seed_S.txt: a test
 * keeps the two equal); mlpviz's side comes from a live session. */
#ifndef MLPVIZ_ENGINE_BOOK_H
#define MLPVIZ_ENGINE_BOOK_H

#include <stdint.h>

#include "engine/session.h"

#define BOOK_QUOTES 3   /* the epochs quoted: 10, 100 and 2000 */
#define BOOK_ROWS 4     /* XOR's rows in the book's order */

typedef struct {
    uint64_t seed;                  /* torch.manual_seed(seed) */
    const char *loss[BOOK_QUOTES];  /* "Loss: 0.7010" of those epochs */
    const char *output[BOOK_ROWS];  /* "Output: 0.0163" of each row */
} book_torch_run;

/* The epochs quoted, 1-based: book_quote_epoch(0) == 10. */
long book_quote_epoch(int k);
int book_torch_run_count(void);
const book_torch_run *book_torch_run_get(int i); /* NULL out of range */
/* The recorded run of a seed, or NULL when the project has none. */
const book_torch_run *book_torch_run_find(uint64_t seed);

/* mlpviz's numbers at the same places: the mean training loss of each
 * quoted epoch (NaN for an epoch not reached yet; with the full batch it
 * is the loss the script prints for that epoch) and the output for each of
 * the first BOOK_ROWS training rows at the current weights. Returns the
 * rows filled (fewer when the data has fewer). */
int book_quote(session *s, double loss[BOOK_QUOTES], double out[BOOK_ROWS]);

/* true when s is the book's XOR run: the 2-8-4-1 relu/sigmoid network with
 * bce, sgd at lr 0.1, the full batch, on the XOR truth table, its initial
 * weights PyTorch's for cfg.seed. */
bool book_session_is_script(const session *s);

#endif
