/* panel_net_maps.c - the per-neuron pictures of the Network panel: each
 * hidden unit's output over the decision map's plane (the other features
 * at their means), as a few cells beside its node, shaded on the map's
 * blue/orange scale over the unit's largest |value|. The engine evaluates
 * (session_query_units); this file keeps the grid of plane points and
 * paints. */
#include "tui/panel_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/session_query.h"
#include "tui/cscale.h"
#include "tui/decision_map.h"
#include "tui/panel.h"

#define PNM_GRID 12 /* plane points a side */

typedef struct {
    session_unit_probe probe;
    view_map_cache means;    /* only its feature means are used */
    double raw[PNM_GRID * PNM_GRID * DS_MAX_FEATURES];
    long stamp;              /* session version computed for, -1 none */
    const session *s;
    double x0, x1, y0, y1;
    bool ok;
} pnm_state;

static pnm_state *pnm_get(tui_view *v)
{
    if (!v->net_maps) {
        pnm_state *m = calloc(1, sizeof *m);
        if (!m)
            return NULL;
        m->stamp = -1;
        v->net_maps = m;
    }
    return v->net_maps;
}

/* The plane the map panel shows, or the one it would fit to the data. */
static void pnm_plane(const tui_view *v, double *x0, double *x1, double *y0,
                      double *y1)
{
    if (v->x1 > v->x0 && v->y1 > v->y0) {
        *x0 = v->x0;
        *x1 = v->x1;
        *y0 = v->y0;
        *y1 = v->y1;
        return;
    }
    dmap_plane(v->s, 40, 20, x0, x1, y0, y1);
}

bool panel_net_maps_ready(tui_view *v)
{
    const session *s = v->s;
    int nf = s->data.n_features;
    if (s->net.n_layers < 2 || nf < 1 || ds_rows(&s->data) < 1)
        return false;
    pnm_state *m = pnm_get(v);
    if (!m)
        return false;
    double x0, x1, y0, y1;
    pnm_plane(v, &x0, &x1, &y0, &y1);
    if (m->stamp == s->version && m->s == s && m->x0 == x0 && m->x1 == x1 &&
        m->y0 == y0 && m->y1 == y1)
        return m->ok;
    if (nf > 2)
        dmap_means(&m->means, s);
    for (int k = 0; k < PNM_GRID * PNM_GRID; k++) {
        int gx = k % PNM_GRID, gy = k / PNM_GRID;
        double x = x0 + (gx + 0.5) * (x1 - x0) / PNM_GRID;
        double y = y1 - (gy + 0.5) * (y1 - y0) / PNM_GRID;
        dmap_fill_raw(&m->means, s, m->raw + (size_t)k * nf, x, y);
    }
    m->ok = session_query_units(s, &m->probe, m->raw, PNM_GRID * PNM_GRID);
    m->stamp = s->version;
    m->s = s;
    m->x0 = x0;
    m->x1 = x1;
    m->y0 = y0;
    m->y1 = y1;
    return m->ok;
}

typedef struct {
    const pnm_state *m;
    const tui_style *st;
    int unit, pw, ph;
} pnm_pixel_ctx;

/* The unit's output at a pixel of the picture, over its largest |value|. */
static double pnm_value(const pnm_pixel_ctx *c, int px, int py)
{
    int gx = px * PNM_GRID / c->pw, gy = py * PNM_GRID / c->ph;
    const session_unit_probe *P = &c->m->probe;
    double a = P->a[(size_t)c->unit * P->rows + gy * PNM_GRID + gx];
    double mx = P->amax[c->unit];
    return mx > 0 && isfinite(a) ? a / mx : 0;
}

static int pnm_color(void *ctx, int px, int py)
{
    pnm_pixel_ctx *c = ctx;
    return cscale_color(c->st, pnm_value(c, px, py));
}

void panel_net_maps_paint(tui_view *v, panel *p, int l, int j, int y, int x,
                          int h, int w)
{
    pnm_state *m = v->net_maps;
    if (!m || !m->ok || l < 0 || l + 1 >= v->s->net.n_layers || w < 1 || h < 1 ||
        x + w > p->cw || y < 0 || y + h > p->ch)
        return;
    pnm_pixel_ctx c = {m, &v->st, m->probe.first[l] + j, w, h};
    if (v->st.colors == STYLE_MONO) {
        for (int cy = 0; cy < h; cy++)
            for (int cx = 0; cx < w; cx++) {
                double f = 0.5 + 0.5 * pnm_value(&c, cx, cy);
                char ch = cscale_ramp_char(CSCALE_RAMP, f);
                style_put(p->win, &v->st, p->cy + y + cy, p->cx + x + cx, (wchar_t)ch,
                          ch, A_NORMAL, 0);
            }
        return;
    }
    int sy = v->st.utf8 ? 2 : 1;
    c.ph = h * sy;
    canvas_paint_field(p->win, &v->st, p->cy + y, p->cx + x, h, w, sy, pnm_color, &c);
}

void panel_net_maps_free(tui_view *v)
{
    pnm_state *m = v->net_maps;
    if (!m)
        return;
    session_unit_probe_free(&m->probe);
    dmap_free(&m->means);
    free(m);
    v->net_maps = NULL;
}
