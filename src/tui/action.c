/* action.c - the action list as data (names, help texts, hints) and what is
 * made from a key table: a key's action, a key's label, an action's keys as
 * the help writes them, and the hint line. Calls nothing else in the
 * screen layer. */
#include "tui/action.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

typedef struct {
    const char *name, *help, *hint;
    int rank;
    char pair;
} action_info;

static const action_info action_infos[ACTION_COUNT] = {
#define ACTION_ROW(id, name, help, hint, rank, pair)                           \
    [ACTION_##id] = {name, help, hint, rank, pair},
    ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
#define ACTION_VIEW_ROW(id, name, key, hint, rank, help)                       \
    [ACTION_VIEW_##id] = {"view-" #name, help, hint, rank, 0},
    VIEW_LIST(ACTION_VIEW_ROW)
#undef ACTION_VIEW_ROW
};

static bool action_ok(tui_action a) { return (int)a >= 0 && a < ACTION_COUNT; }

const char *action_name(tui_action a)
{
    return action_ok(a) ? action_infos[a].name : "none";
}

const char *action_help(tui_action a)
{
    return action_ok(a) ? action_infos[a].help : "";
}

view_mode action_view(tui_action a)
{
    switch (a) {
#define ACTION_VIEW_CASE(id, name, key, hint, rank, help)                      \
    case ACTION_VIEW_##id:                                                     \
        return MODE_##id;
        VIEW_LIST(ACTION_VIEW_CASE)
#undef ACTION_VIEW_CASE
    default:
        return MODE_MAIN;
    }
}

tui_action keymap_find(const key_binding *t, int key)
{
    for (; t && t->action != ACTION_NONE; t++)
        if (t->key == key)
            return (tui_action)t->action;
    return ACTION_NONE;
}

int keymap_key_of(const key_binding *t, tui_action a)
{
    for (; t && t->action != ACTION_NONE; t++)
        if (t->action == (int)a)
            return t->key;
    return -1;
}

const char *key_label(int key, char *buf, size_t len)
{
    static const struct {
        int key;
        const char *label;
    } names[] = {
        {' ', "space"},        {'\t', "Tab"},        {KEY_BTAB, "S-Tab"},
        {'\r', "Enter"},       {'\n', "Enter"},      {KEY_ENTER, "Enter"},
        {KEY_BACKSPACE, "Bksp"}, {127, "Bksp"},      {8, "Bksp"},
        {KEY_ESC, "Esc"},      {KEY_UP, "Up"},       {KEY_DOWN, "Down"},
        {KEY_LEFT, "Left"},    {KEY_RIGHT, "Right"}, {KEY_NPAGE, "PgDn"},
        {KEY_PPAGE, "PgUp"},   {KEY_MOUSE, "click"},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (names[k].key == key) {
            snprintf(buf, len, "%s", names[k].label);
            return buf;
        }
    if (key >= KEY_F(1) && key <= KEY_F(12))
        snprintf(buf, len, "F%d", key - KEY_F(0));
    else if (key > 32 && key < 127)
        snprintf(buf, len, "%c", key);
    else
        snprintf(buf, len, "#%d", key);
    return buf;
}

static bool key_is_arrow(int key)
{
    return key == KEY_UP || key == KEY_DOWN || key == KEY_LEFT ||
           key == KEY_RIGHT;
}

/* Appends label to buf (space separated) unless it is there already. */
static void labels_add(char *buf, size_t len, const char *label)
{
    size_t n = strlen(label), at = strlen(buf);
    for (const char *p = buf; (p = strstr(p, label)); p += n)
        if ((p == buf || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return;
    snprintf(buf + at, len - at, "%s%s", at ? " " : "", label);
}

/* The keys of the actions first .. first+count-1 of table t: "arrows" when
 * they are arrow keys only, else each key's label once. */
static void keymap_group_labels(const key_binding *t, int first, int count,
                                char sep, bool first_only, char *buf,
                                size_t len)
{
    char one[16];
    bool arrows = true;
    unsigned seen = 0; /* bits: up, down, left, right */
    int keys = 0;
    buf[0] = '\0';
    for (const key_binding *b = t; b && b->action != ACTION_NONE; b++)
        if (b->action >= first && b->action < first + count) {
            arrows = arrows && key_is_arrow(b->key);
            seen |= b->key == KEY_UP ? 1u : b->key == KEY_DOWN ? 2u
                  : b->key == KEY_LEFT ? 4u : b->key == KEY_RIGHT ? 8u : 0u;
            keys++;
        }
    if (keys > 1 && arrows) {
        /* the arrows by name: all four, or the pair that is used */
        snprintf(buf, len, "%s", seen == 15 ? "arrows" : seen == 12 ? "left/right"
                                 : seen == 3 ? "up/down" : "arrows");
        return;
    }
    for (int a = first; a < first + count; a++) {
        size_t at = strlen(buf);
        char mine[48] = "";
        for (const key_binding *b = t; b && b->action != ACTION_NONE; b++)
            if (b->action == a)
                labels_add(mine, sizeof mine, key_label(b->key, one, sizeof one));
        if (!mine[0])
            continue;
        /* a hint shows one key of each action: "+/-", "[ ]", "? help" */
        char *sp = count > 1 || first_only ? strchr(mine, ' ') : NULL;
        if (sp)
            *sp = '\0';
        snprintf(buf + at, len - at, "%s%s", at ? (char[]){sep, 0} : "", mine);
    }
}

void keymap_labels(const key_binding *t, tui_action a, char *buf, size_t len)
{
    keymap_group_labels(t, (int)a, 1, ' ', false, buf, len);
}

void hint_add(char *buf, size_t len, size_t *at, int width, const char *h)
{
    size_t hl = strlen(h);
    size_t sep = *at ? 2 : 0;
    if (!hl || (int)(*at + sep + hl) > width || *at + sep + hl + 1 > len)
        return;
    /* a hint already given (a view's "n step" and the table's) once */
    for (size_t k = 0; k + hl <= *at; k++)
        if ((k == 0 || buf[k - 1] == ' ') && strncmp(buf + k, h, hl) == 0 &&
            (buf[k + hl] == '\0' || buf[k + hl] == ' '))
            return;
    snprintf(buf + *at, len - *at, "%s%s", sep ? "  " : "", h);
    *at += sep + hl;
}

/* The hint of action a in table t, "+/- lr", or "" when a has no hint or
 * no key in t. */
static void hint_of(const key_binding *t, tui_action a, char *buf, size_t len)
{
    const action_info *in = &action_infos[a];
    int count = 1;
    while (a + count < ACTION_COUNT && action_infos[a + count - 1].pair)
        count++;
    char keys[48];
    keymap_group_labels(t, (int)a, count, in->pair ? in->pair : ' ', true, keys,
                        sizeof keys);
    if (!keys[0] || !in->hint)
        buf[0] = '\0';
    else
        snprintf(buf, len, "%s %s", keys, in->hint);
}

void hint_add_table(char *buf, size_t len, size_t *at, int width,
                    const key_binding *t, bool by_rank)
{
    char h[64];
    if (!by_rank) {
        /* in the table's order, each hinted action once */
        for (const key_binding *b = t; b && b->action != ACTION_NONE; b++)
            if (action_infos[b->action].hint &&
                keymap_key_of(t, (tui_action)b->action) == b->key) {
                hint_of(t, (tui_action)b->action, h, sizeof h);
                hint_add(buf, len, at, width, h);
            }
        return;
    }
    int last = 0;
    for (;;) {
        /* the next hint by rank among the table's actions */
        int best = -1;
        for (const key_binding *b = t; b && b->action != ACTION_NONE; b++) {
            const action_info *in = &action_infos[b->action];
            if (in->hint && in->rank > last &&
                (best < 0 || in->rank < action_infos[best].rank))
                best = b->action;
        }
        if (best < 0)
            return;
        last = action_infos[best].rank;
        hint_of(t, (tui_action)best, h, sizeof h);
        hint_add(buf, len, at, width, h);
    }
}

int keymap_help_lines(const key_binding *t, keymap_line *out, int cap)
{
    int n = 0;
    for (const key_binding *b = t; b && b->action != ACTION_NONE && n < cap; b++) {
        const char *help = action_help((tui_action)b->action);
        bool seen = false;
        for (const key_binding *e = t; e < b; e++)
            seen = seen || strcmp(action_help((tui_action)e->action), help) == 0;
        if (seen)
            continue;
        /* every key of every action with this help text */
        keymap_line *L = &out[n++];
        L->keys[0] = '\0';
        L->help = help;
        bool arrows = true;
        int keys = 0;
        char one[48];
        for (const key_binding *e = b; e->action != ACTION_NONE; e++)
            if (strcmp(action_help((tui_action)e->action), help) == 0) {
                arrows = arrows && key_is_arrow(e->key);
                keys++;
                labels_add(L->keys, sizeof L->keys, key_label(e->key, one, sizeof one));
            }
        if (arrows && keys == 4)
            snprintf(L->keys, sizeof L->keys, "arrows");
    }
    return n;
}
