/* panel_net.h - the parts of the Network panel that live in their own
 * files: the edge pens every drawing of the network shares (panel_net.c),
 * the perceptron drawn as the book draws it (panel_net_perc.c) and the
 * per-neuron pictures, each hidden unit's output over the map's plane
 * (panel_net_maps.c). Only the panel's files include it. */
#ifndef MLPVIZ_TUI_PANEL_NET_H
#define MLPVIZ_TUI_PANEL_NET_H

#include <stdbool.h>

#include "tui/canvas.h"
#include "tui/view.h"

/* ---- edges (panel_net_edge.c) ---- */

/* How an edge is drawn: faintly (one of many a room cannot tell apart),
 * fully (its sign by colour, its weight by one of three steps: dotted and
 * dim, solid, thick and bold), or as the selected weight. */
typedef enum { PNET_EDGE_FAINT, PNET_EDGE_FULL, PNET_EDGE_SELECTED } pnet_edge_kind;

/* The step (0 weak, 1 middling, 2 strong) of |w| over the layer's largest
 * finite |w| wmax; a non-finite w is strong. */
int panel_net_edge_step(double w, double wmax);
/* An edge of weight w on canvas C from the right edge of cell (x0, y0) to
 * the left edge of cell (x1, y1), through the middle of their rows. */
void panel_net_edge(canvas *C, int x0, int y0, int x1, int y1, double w,
                    double wmax, pnet_edge_kind kind);
/* Paints the edges of C into the panel's content. */
void panel_net_edges_paint(tui_view *v, panel *p, const canvas *C);
/* The role of a weight's label: its sign, bold when strong. */
style_role panel_net_weight_role(double w, double wmax);

/* ---- the perceptron (panel_net_perc.c) ---- */

/* Draws the content of the panel for the perceptron (the frame is drawn):
 * x1, x2 (every input), the weights on the edges, the bias as its own
 * input 1, the sum node with z, the step and y_hat. */
void panel_net_perc_draw(tui_view *v, panel *p);

/* ---- per-neuron pictures (panel_net_maps.c) ---- */

/* Computes (when the session or the plane changed) every hidden unit's
 * output over a small grid of the map's plane; false when there is none
 * to show (no hidden layer, no two features, out of memory). */
bool panel_net_maps_ready(tui_view *v);
/* Paints hidden unit j of layer l as an h x w picture at content (y, x):
 * two pixels a cell with half blocks, shaded by the unit's output over
 * its largest |value| on the plane. */
void panel_net_maps_paint(tui_view *v, panel *p, int l, int j, int y, int x,
                          int h, int w);
/* Frees what panel_net_maps_ready kept (screen_free calls it). */
void panel_net_maps_free(tui_view *v);

#endif
