/* ds_io.c - loading datasets by name or path (the CSV and JSON readers live
 * in csv.c and ds_json.c), the folder of the shipped datasets, and the label
 * rules both readers share: which task the labels mean and how they map to
 * class indices. */
#include "io/ds_io.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ds_labels.h"
#include "io_file.h"

#ifndef MLPVIZ_DATADIR
#define MLPVIZ_DATADIR "/usr/local/share/mlpviz"
#endif

void ds_io_options_default(ds_io_options *o)
{
    o->task = DS_IO_TASK_AUTO;
    o->test_ratio = 0.0;
    o->seed = 1;
}

/* ---- labels ---- */

int ds_labels_init(ds_labels *L, int cap, const char *fname, bool json)
{
    memset(L, 0, sizeof *L);
    L->fname = fname;
    L->json = json;
    L->cap = cap;
    L->cls = malloc(cap > 0 ? (size_t)cap : 1);
    return L->cls ? 0 : -1;
}

void ds_labels_free(ds_labels *L)
{
    for (int i = 0; i < L->n; i++) free(L->e[i].text);
    free(L->cls);
    memset(L, 0, sizeof *L);
}

static void label_quote(const ds_labels *L, char *dst, size_t dstlen,
                        const char *text, size_t len, double v)
{
    char num[40];
    if (!text) {
        io_file_format_double(num, sizeof num, v);
        text = num;
        len = strlen(num);
    }
    (void)L;
    io_file_quote(dst, dstlen, text, len);
}

int ds_labels_add(ds_labels *L, int row, const char *text, size_t len,
                  bool is_num, double v, long where, double *y)
{
    *y = is_num ? v : 0.0;
    if (is_num) {
        if (v != floor(v) || fabs(v) > 9007199254740992.0) L->any_nonint = true;
    } else if (!L->any_text) {
        L->any_text = true;
        L->text_where = where;
        label_quote(L, L->text_quote, sizeof L->text_quote, text, len, v);
    }
    if (L->overflow) {
        L->cls[row] = 255;
        return 0;
    }
    for (int i = 0; i < L->n; i++) {
        const ds_label_entry *e = &L->e[i];
        if (e->is_num != is_num) continue;
        if (is_num ? e->v == v
                   : (strlen(e->text) == len && memcmp(e->text, text, len) == 0)) {
            L->cls[row] = (uint8_t)i;
            return 0;
        }
    }
    if (L->n == DS_LABELS_TRACK) {
        L->overflow = true;
        L->overflow_where = where;
        label_quote(L, L->overflow_text, sizeof L->overflow_text, text, len, v);
        L->cls[row] = 255;
        return 0;
    }
    ds_label_entry *e = &L->e[L->n];
    char num[40];
    if (!text) {
        io_file_format_double(num, sizeof num, v);
        text = num;
        len = strlen(num);
    }
    e->text = malloc(len + 1);
    if (!e->text) return -1;
    memcpy(e->text, text, len);
    e->text[len] = '\0';
    e->is_num = is_num;
    e->v = v;
    e->where = where;
    L->cls[row] = (uint8_t)L->n;
    L->n++;
    return 0;
}

/* "file.csv:7: " or "file.json: y[6]: " */
static void label_where(const ds_labels *L, long where, char *buf, size_t len)
{
    if (L->json)
        snprintf(buf, len, "%s: y[%ld]: ", L->fname, where);
    else
        snprintf(buf, len, "%s:%ld: ", L->fname, where);
}

int ds_labels_finish(ds_labels *L, ds_dataset *d, int rows, ds_io_task task,
                     char *err, size_t errlen)
{
    char at[512];
    bool regress;
    if (L->any_text) {
        if (task == DS_IO_TASK_REGRESS) {
            label_where(L, L->text_where, at, sizeof at);
            snprintf(err, errlen,
                     "%slabel '%s' is not a number (a regression target must be)",
                     at, L->text_quote);
            return -1;
        }
        regress = false;
    } else {
        regress = task == DS_IO_TASK_REGRESS ||
                  (task == DS_IO_TASK_AUTO &&
                   (L->overflow || (L->any_nonint && L->n > 2)));
    }
    if (regress) {
        d->task = DS_REGRESSION;
        d->n_classes = 0;
        return 0;
    }
    if (L->overflow) {
        label_where(L, L->overflow_where, at, sizeof at);
        snprintf(err, errlen, "%smore than %d classes (the %dth is '%s')", at,
                 DS_MAX_CLASSES, DS_MAX_CLASSES + 1, L->overflow_text);
        return -1;
    }
    if (L->n < 2) {
        char q[64];
        io_file_quote(q, sizeof q, L->n ? L->e[0].text : "",
                      L->n ? strlen(L->e[0].text) : 0);
        snprintf(err, errlen, "%s: only one class ('%s'), at least two are needed",
                 L->fname, q);
        return -1;
    }
    /* Class order: numbers ascending (so 0/1 stay 0/1), text in order of
     * first appearance. */
    int order[DS_LABELS_TRACK];
    for (int i = 0; i < L->n; i++) order[i] = i;
    if (!L->any_text) {
        for (int i = 1; i < L->n; i++) { /* insertion sort of at most 16 */
            int k = order[i], j = i;
            while (j > 0 && L->e[order[j - 1]].v > L->e[k].v) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = k;
        }
    }
    uint8_t rank[DS_LABELS_TRACK];
    for (int i = 0; i < L->n; i++) rank[order[i]] = (uint8_t)i;
    for (int r = 0; r < rows; r++) d->y[r] = rank[L->cls[r]];
    d->task = L->n == 2 ? DS_BINARY : DS_MULTICLASS;
    d->n_classes = L->n;
    for (int i = 0; i < L->n; i++) {
        const char *t = L->e[order[i]].text;
        io_file_copy_name(d->class_names[i], DS_LABEL_MAX, t, strlen(t));
    }
    return 0;
}

void ds_io_name_from_path(char *name, size_t len, const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    const char *dot = strrchr(b, '.');
    if (dot && dot != b) n = (size_t)(dot - b);
    io_file_copy_name(name, len, b, n);
}

void ds_io_finish_split(ds_dataset *d, const ds_io_options *o)
{
    if (o->test_ratio > 0.0 && ds_rows(d) > 1) ds_split(d, o->test_ratio, o->seed);
}

/* ---- finding and loading files ---- */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The shipped datasets, looked for beside the running program first so that
 * an installed copy finds its own data wherever it was installed (a DESTDIR
 * staging folder too), and a build in the source tree finds the tree's. */
const char *ds_io_data_dir(void)
{
    static char found[4096];
    const char *env = getenv("MLPVIZ_DATADIR");
    if (env && *env) return env;
    char exe[4000];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../share/mlpviz/datasets",
                                               "/../datasets"};
            for (int i = 0; i < 2; i++) {
                int k = snprintf(found, sizeof found, "%s%s", exe, rel[i]);
                if (k > 0 && (size_t)k < sizeof found && is_dir(found))
                    return found;
            }
        }
    }
    if (is_dir("datasets")) return "datasets";
    return MLPVIZ_DATADIR "/datasets";
}

static bool has_ext(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);
    return n > e && strcasecmp(s + n - e, ext) == 0;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

int ds_io_load(const char *name_or_path, ds_dataset *d, const ds_io_options *o,
               char *err, size_t errlen)
{
    ds_io_options def;
    if (!o) {
        ds_io_options_default(&def);
        o = &def;
    }
    memset(d, 0, sizeof *d);
    if (!name_or_path || !*name_or_path) {
        snprintf(err, errlen, "(no dataset name given)");
        return -1;
    }
    const char *p = name_or_path;
    char path[PATH_MAX];
    bool by_name = false;
    if (!strchr(p, '/') && !has_ext(p, ".csv") && !has_ext(p, ".json")) {
        const char *dir = ds_io_data_dir();
        static const char *const exts[] = {".csv", ".json"};
        for (int i = 0; i < 2 && !by_name; i++) {
            int k = snprintf(path, sizeof path, "%s/%s%s", dir, p, exts[i]);
            if (k > 0 && (size_t)k < sizeof path && is_file(path)) by_name = true;
        }
        if (!by_name) {
            struct stat st;
            if (stat(p, &st) != 0) {
                snprintf(err, errlen,
                         "%s: no such dataset (no file of that name, and no "
                         "%s.csv or %s.json in %s)", p, p, p, dir);
                return -1;
            }
        }
    }
    if (!by_name) {
        if (strlen(p) >= sizeof path) {
            snprintf(err, errlen, "%.200s...: path too long", p);
            return -1;
        }
        strcpy(path, p);
    }

    char *text;
    size_t len;
    size_t cap = has_ext(path, ".json") ? DS_IO_MAX_JSON_BYTES : DS_IO_MAX_BYTES;
    if (io_file_read(path, cap, &text, &len, err, errlen) != 0) return -1;
    bool json;
    if (has_ext(path, ".json")) json = true;
    else if (has_ext(path, ".csv")) json = false;
    else { /* sniff: a JSON dataset starts with '{' */
        size_t i = 0;
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                           text[i] == '\n'))
            i++;
        json = i < len && text[i] == '{';
    }
    int rc = json ? ds_io_parse_json(text, len, path, d, o, err, errlen)
                  : ds_io_parse_csv(text, len, path, d, o, err, errlen);
    free(text);
    if (rc == 0 && by_name) io_file_copy_name(d->name, sizeof d->name, p, strlen(p));
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

int ds_io_list_shipped(char names[][DS_LABEL_MAX * 2], int n)
{
    enum { MAXN = 256 };
    char found[MAXN][DS_LABEL_MAX * 2]; /* 16 KiB */
    int k = 0;
    DIR *dir = opendir(ds_io_data_dir());
    if (!dir) return 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL && k < MAXN) {
        const char *f = de->d_name;
        if (f[0] == '.') continue;
        size_t fl = strlen(f), bl;
        if (has_ext(f, ".csv")) bl = fl - 4;
        else if (has_ext(f, ".json")) bl = fl - 5;
        else continue;
        if (bl == 0 || bl >= DS_LABEL_MAX * 2) continue;
        bool dup = false;
        for (int i = 0; i < k && !dup; i++)
            dup = strlen(found[i]) == bl && memcmp(found[i], f, bl) == 0;
        if (dup) continue;
        memcpy(found[k], f, bl);
        found[k][bl] = '\0';
        k++;
    }
    closedir(dir);
    qsort(found, (size_t)k, sizeof found[0], cmp_names);
    int m = k < n ? k : n;
    for (int i = 0; i < m; i++) memcpy(names[i], found[i], sizeof found[0]);
    return m;
}
