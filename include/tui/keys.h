/* keys.h - the key table: every key the screen answers, named once with its
 * action name, its help text and its handler. The dispatcher, the hint line
 * and the help overlay are all made from this one table. */
#ifndef MLPVIZ_TUI_KEYS_H
#define MLPVIZ_TUI_KEYS_H

#include "tui/view.h"

typedef struct {
    int key;             /* character or ncurses KEY_* code */
    const char *label;   /* as shown ("space", "+"); NULL: not in the help
                            (a second key of the entry above) */
    const char *action;  /* action name ("train-epoch") */
    const char *help;    /* one line for the help overlay */
    const char *hint;    /* short text for the hint line, NULL: none */
    int hint_rank;       /* order in the hint line, lower first */
    void (*run)(tui_view *v, int key);
} keys_binding;

/* The table and its length. */
const keys_binding *keys_table(int *count);
/* Runs the binding of key; false when no binding has it. */
bool keys_dispatch(tui_view *v, int key);
/* A key as the screen answers it: a lesson's Enter / Backspace first, then
 * the view mode's own keys (its handle_key), then the table. True when
 * something took the key. */
bool keys_handle(tui_view *v, int key);
/* The hint line for a width: "space epoch  p play ...", written into buf. */
void keys_hint_line(char *buf, size_t len, int width);
/* The same for the screen as it is: the lesson's keys, the view mode's
 * hints and "Esc close" first, then the table's. */
void keys_hint_line_for(const tui_view *v, char *buf, size_t len, int width);

/* The learning-rate ladder: the next value up (dir > 0) or down from lr. */
double keys_lr_ladder(double lr, int dir);

#endif
