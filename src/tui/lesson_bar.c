/* lesson_bar.c - following a lesson on the screen: the line above the
 * status rows with the scene's narration and its number, and the moves
 * between scenes (lesson_goto rebuilds the session, then the scene's view
 * and pick are shown). The lessons themselves are data in the engine. */
#include "tui/panel.h"

#include <stdio.h>
#include <string.h>

void lesson_bar_draw(tui_view *v)
{
    WINDOW *w = v->lesson_win;
    if (!w || !v->lesson)
        return;
    const lesson *l = v->lesson;
    int width = getmaxx(w);
    werase(w);
    const lesson_scene *sc = &l->scenes[v->lesson_scene];
    char tag[32];
    snprintf(tag, sizeof tag, "%d/%d", v->lesson_scene + 1, l->n_scenes);
    /* "3/7 " then the narration; the text is at most 78 columns, so at 80
     * the number gives way to it */
    int tlen = (int)strlen(tag) + 1;
    int nlen = (int)strlen(sc->text);
    int x = 0;
    if (tlen + nlen + 1 <= width) {
        x = style_text(w, &v->st, 0, 0, width, ROLE_KEY, tag) + 1;
    }
    style_text(w, &v->st, 0, x, width - x, ROLE_TITLE, sc->text);
}

bool lesson_bar_can_move(const tui_view *v, int dir)
{
    if (!v->lesson)
        return false;
    int k = v->lesson_scene + (dir > 0 ? 1 : -1);
    return k >= 0 && k < v->lesson->n_scenes;
}

int lesson_bar_goto(tui_view *v, const lesson *l, int k)
{
    char err[SESSION_MESSAGE_MAX];
    if (!l || k < 0 || k >= l->n_scenes) {
        view_say(v, true, "that lesson has no scene %d", k + 1);
        return -1;
    }
    /* the mode may hold copies of the session: it closes first */
    view_mode old = v->mode;
    view_set_mode(v, MODE_MAIN);
    if (v->playing)
        view_set_playing(v, false);
    err[0] = '\0';
    if (lesson_goto(l, k, v->s, err, sizeof err) < 0) {
        view_say(v, true, "%s", err[0] ? err : "the scene could not be built");
        view_set_mode(v, old);
        return -1;
    }
    bool relayout = v->lesson == NULL;
    v->lesson = l;
    v->lesson_scene = k;
    /* a new session: nothing cached for the old one stays */
    v->map.stamp = -1;
    v->map.pts_stamp = -1;
    v->metrics_stamp = -1;
    v->sample = 0;
    if (v->s->last.row >= 0 && v->s->last.row < ds_rows(&v->s->data))
        v->sample = v->s->last.row;
    const lesson_scene *sc = &l->scenes[k];
    v->sel.col = 2 * v->s->net.n_layers;
    v->sel.node = 0;
    view_fix_selection(v);
    if (sc->pick.layer >= 0)
        view_select_weight(v, sc->pick.layer, sc->pick.unit, sc->pick.input);
    if (relayout && v->lines > 0)
        view_layout(v);
    view_mode m;
    if (view_mode_from_name(lesson_view_name(sc->view), &m))
        view_set_mode(v, m);
    v->dirty = true;
    return 0;
}

void lesson_bar_leave(tui_view *v)
{
    if (!v->lesson)
        return;
    v->lesson = NULL;
    v->lesson_scene = 0;
    if (v->lines > 0)
        view_layout(v);
    view_say(v, false, "left the lesson: the session stays as it is");
}
