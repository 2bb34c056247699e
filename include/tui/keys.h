/* keys.h - the global key table ({key, action} pairs, action.h) and the
 * handlers of the global actions. The composition root (screen.c) looks a
 * key up in the overlay's, the view's and then this table, offers the
 * action to the view, and else runs it here. */
#ifndef MLPVIZ_TUI_KEYS_H
#define MLPVIZ_TUI_KEYS_H

#include <stdio.h>

#include "tui/action.h"
#include "tui/view.h"

/* The global table, ending with {0, ACTION_NONE}. */
const key_binding *keys_global(void);
/* Runs the global handler of action a; false when a has none. */
bool keys_run(tui_view *v, tui_action a);
/* The hint line of the global table for a width: "space epoch  p play ...". */
void keys_hint_line(char *buf, size_t len, int width);
/* The same for the screen as it is: the lesson's keys, the view's hints and
 * "Esc close" first, then the global table's. */
void keys_hint_line_for(const tui_view *v, char *buf, size_t len, int width);

/* Every key table as markdown (the global one, then each view's), as the
 * README shows them: `mlpviz --keys`. */
void keys_write_markdown(FILE *out);

#endif
