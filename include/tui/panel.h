/* panel.h - the four panels of the main screen (network, weights, loss,
 * decision map), the status and hint lines, and the overlays. Each panel
 * exports its table of functions; screen.c places and draws them. */
#ifndef MLPVIZ_TUI_PANEL_H
#define MLPVIZ_TUI_PANEL_H

#include "tui/view.h"

extern const panel_ops panel_net_ops;
extern const panel_ops panel_weights_ops;
extern const panel_ops panel_loss_ops;
extern const panel_ops panel_map_ops;

/* The network panel's input names within width columns: a name that fits
 * stays; a longer one becomes the initials of its words but the last, each
 * with a dot, then the last word's first three letters ("sepal_length" ->
 * "s.len"), cut to width. When two names would read the same, every name
 * is cut to width instead, and any still equal end in their number.
 * names[k] for k < n; out[k] receives at most width + 1 bytes. */
void panel_net_short_names(const char *const *names, int n, int width,
                           char (*out)[16]);

/* Draws the panel's frame (title rule, left rule) and clears its content;
 * sets the content rectangle. */
void panel_frame(tui_view *v, panel *p, const char *title);
/* The same with the title in two parts: head, the status line's fields
 * that moved to this panel, then tail (a panel's own detail, which gives
 * way first when the rule is too short). */
void panel_frame_split(tui_view *v, panel *p, const char *head, const char *tail);
/* The status line's fields that moved to this panel's title ("" if none). */
const char *panel_title_extra(const tui_view *v, const panel *p);
/* Draws the title rule again with another title (content kept). */
void panel_frame_title(tui_view *v, panel *p, const char *title);
/* Content-relative helpers. */
int panel_text(tui_view *v, panel *p, int y, int x, style_role r,
               const char *text);

/* The map panel's plane conversions (used by the mouse and the map keys):
 * a plot cell to plane coordinates, and a screen position to a plot cell
 * (false when outside the plot). */
void panel_map_cell_to_plane(const tui_view *v, int cx, int cy, double *px,
                             double *py);
bool panel_map_screen_to_cell(const tui_view *v, int sy, int sx, int *cx,
                              int *cy);
/* Whether a point of kind (1 right, 2 wrong) at plot cell (cx, cy) of a
 * w x h map gets its glyph, given occ (per cell: 0 free, else the kind of
 * the glyph there): never on a taken cell; when dense, not beside (left,
 * right, above, below) a glyph of its own kind either, so the map shows
 * between. Wrong points are placed first. */
bool panel_map_thin_keep(const unsigned char *occ, int w, int h, int cx, int cy,
                         bool dense, unsigned char kind);
/* Adds a point of class (or, for regression, of target) c at a plot cell
 * and says what came of it. Returns the session command's result. */
int panel_map_add_point(tui_view *v, int cx, int cy, int c);
/* Removes the data point nearest to a plot cell (1: there was none, said
 * on the status line). */
int panel_map_remove_nearest(tui_view *v, int cx, int cy);
/* Whether the loss curve shows its smoothed line: as F set it, else for
 * an MLP trained in mini-batches (a noisy curve). */
bool panel_loss_smoothed(const tui_view *v);
/* The smoothed training loss: an exponential moving average of h[0 .. n)
 * with weight beta on the past, corrected for its start (the first value
 * is h[0]); non-finite values are carried over, not averaged. */
void panel_loss_smooth(const double *h, long n, double beta, double *out);
/* The map's next feature across (up false) or up, skipping the other
 * axis's; says which are shown. */
void panel_map_next_axis(tui_view *v, bool up);

/* Status line (row 1) and the message / key hint row (row 2), at the
 * bottom of the screen. */
void status_draw(tui_view *v);
/* Puts in v->title_extra the status line's fields that have no room on it
 * at the terminal's width, each after two spaces, in the title of the
 * panel they belong to (PANEL_NET: the activations, loss, optimizer;
 * PANEL_MAP: the playground's set-up); "" where all fit. The screen calls
 * it before drawing the panels. */
void status_titles(tui_view *v);
/* The lesson line above the status rows: the scene's narration, its
 * number and the keys that move through the lesson (lesson_bar.c). */
void lesson_bar_draw(tui_view *v);
/* Whether Enter (dir > 0) or Backspace (dir < 0) has a scene to go to. */
bool lesson_bar_can_move(const tui_view *v, int dir);

/* Overlays: the help (generated from the key table) and the save prompt. */
void overlay_draw(tui_view *v);
/* Keys while an overlay is open (the prompt reads text; the help and the
 * lesson menu have their own small key tables); true when the overlay took
 * the key. */
bool overlay_handle_key(tui_view *v, int key);

#endif
