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
