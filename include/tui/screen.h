/* screen.h - the composition root of the screen (screen.c): set-up, the
 * layout of every window, the frame, the key routing and the requests that
 * commands leave for it. Only the main loop (tui.c) and the tests call it. */
#ifndef MLPVIZ_TUI_SCREEN_H
#define MLPVIZ_TUI_SCREEN_H

#include "tui/view.h"

/* Sets the view up on session s; call after initscr/newterm. 0 or -1. */
int screen_init(tui_view *v, session *s, const tui_options *o);
void screen_free(tui_view *v);
/* Puts the screen where o->view says (the mode, the selected weight, the
 * lesson and scene), as --session and --lesson ask. A mode that refuses to
 * open, an unknown name or a weight that does not exist leave a message
 * and the main panels. Call once after screen_init and the first
 * screen_layout (so a view's open() finds its window in place). */
void screen_apply_start(tui_view *v);
/* Places every window for the current LINES x COLS (also on KEY_RESIZE). */
void screen_layout(tui_view *v);
/* Draws one frame: every visible panel or the view shown, the lesson line,
 * the status rows, any overlay; wnoutrefresh each window, one doupdate. */
void screen_draw(tui_view *v);

/* A key as the screen answers it: an open overlay first, then a lesson's
 * Enter / Backspace, then the view's own table, then the global table; the
 * action goes to the view shown and else to its global handler. Carries out
 * the requests the command left. True when something took the key. */
bool screen_key(tui_view *v, int key);
/* Re-checks the selection and the view's indices against the session
 * (before each frame and each action). */
void screen_sync(tui_view *v);
/* Carries out pending requests (screen_key does it after each key). */
void screen_apply_requests(tui_view *v);

/* Leaves the view shown (its close(), then its state) and opens m: the
 * framework allocates the view's state, then its open() runs. 0, or -1 when
 * open() refused: the main panels are then shown and the view's message
 * stays on the status row. */
int screen_set_mode(tui_view *v, view_mode m);
/* Builds scene k of lesson l and shows its view. 0 or -1 (with a message;
 * the session is then as it was if the scene could not be built). */
int screen_lesson_goto(tui_view *v, const lesson *l, int k);
/* Leaves the lesson; the session stays as it is. */
void screen_lesson_leave(tui_view *v);

#endif
