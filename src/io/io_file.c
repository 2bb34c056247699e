/* io_file.c - the io layer's shared file helpers: bounded whole-file reads,
 * the UTF-8 / binary check, positions and quotations for error messages,
 * the C numeric locale, round-trip number formatting and atomic saves.
 * Nothing here knows about datasets or models. */
#include "io_file.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIB (1024.0 * 1024.0)

int io_file_read(const char *path, size_t max_bytes, char **out, size_t *len,
                 char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory", path);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        return -1;
    }
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes) {
        snprintf(err, errlen, "%s: file too large (%.1f MiB; the limit is %.0f MiB)",
                 path, (double)st.st_size / MIB, (double)max_bytes / MIB);
        close(fd);
        return -1;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    char *buf = malloc(cap);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", path);
        close(fd);
        return -1;
    }
    size_t n = 0;
    for (;;) {
        if (n + 1 >= cap) {
            /* Full: probe for one more byte before growing, so that a file
             * read to its known size is not copied into a buffer twice as
             * big; grow only when it really goes on (it grew, or a pipe). */
            char probe;
            ssize_t r = read(fd, &probe, 1);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
                free(buf);
                close(fd);
                return -1;
            }
            if (r == 0) break;
            if (n >= max_bytes) {
                n = max_bytes + 1;
                break;
            }
            size_t ncap = cap > (max_bytes + 2) / 2 ? max_bytes + 2 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                snprintf(err, errlen, "%s: out of memory", path);
                free(buf);
                close(fd);
                return -1;
            }
            buf = nb;
            cap = ncap;
            buf[n++] = probe;
            continue;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
            free(buf);
            close(fd);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max_bytes) {
        snprintf(err, errlen, "%s: file too large (more than %.0f MiB)", path,
                 (double)max_bytes / MIB);
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static long count_lines(const char *text, size_t pos)
{
    long line = 1;
    const char *p = text, *end = text + pos;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static int utf8_seq(const unsigned char *p, size_t avail)
{
    unsigned c = p[0];
    if (c < 0x80) return 1;
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) need = 2;
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    else return 0;
    if ((size_t)need >= avail) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (int i = 2; i <= need; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return need + 1;
}

long io_file_check_text(const char *text, size_t len, const char *fname,
                        char *err, size_t errlen)
{
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                     (u[0] == 0xFE && u[1] == 0xFF))) {
        snprintf(err, errlen, "%s: UTF-16 text (save it as UTF-8)", fname);
        return -1;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        snprintf(err, errlen, "%s: binary file (NUL byte at offset %zu)",
                 fname, (size_t)(nul - text));
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        /* ASCII runs eight bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= len) break;
        if (u[i] < 0x80) { i++; continue; }
        int k = utf8_seq(u + i, len - i);
        if (k == 0) {
            snprintf(err, errlen,
                     "%s: not UTF-8 text (invalid byte 0x%02X at line %ld)",
                     fname, u[i], count_lines(text, i));
            return -1;
        }
        i += (size_t)k;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;
    return 0;
}

void io_file_line_col(const char *text, size_t len, size_t pos, long *line,
                      long *col)
{
    if (pos > len) pos = len;
    long l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') { l++; c = 1; }
        else if ((ch & 0xC0) != 0x80) c++; /* count characters, not bytes */
    }
    *line = l;
    *col = c;
}

/* Cuts n so that src[0..n) does not end inside a UTF-8 sequence. */
static size_t utf8_cut(const char *src, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80) k--;
    return k;
}

void io_file_quote(char *dst, size_t dstlen, const char *src, size_t n)
{
    if (dstlen == 0) return;
    const size_t keep = 40;
    bool cut = false;
    if (n > keep) {
        n = utf8_cut(src, keep);
        cut = true;
    }
    if (n + 4 > dstlen) {
        n = dstlen > 4 ? utf8_cut(src, dstlen - 4) : 0;
        cut = true;
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[j++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
    }
    if (cut && j + 3 < dstlen) {
        memcpy(dst + j, "...", 3);
        j += 3;
    }
    dst[j] = '\0';
}

void io_file_copy_name(char *dst, size_t dstlen, const char *src, size_t n)
{
    if (dstlen == 0) return;
    if (n > dstlen - 1) n = utf8_cut(src, dstlen - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[i] = (c < 0x20 || c == 0x7F) ? ' ' : (char)c;
    }
    dst[n] = '\0';
}

void io_file_locale_enter(io_file_locale *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

void io_file_locale_leave(io_file_locale *l)
{
    if (l->c) {
        uselocale(l->old);
        freelocale(l->c);
        l->c = (locale_t)0;
    }
}

void io_file_format_double(char *buf, size_t len, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (prec == 17) break;
        double back = strtod(buf, NULL);
        if (memcmp(&back, &v, sizeof v) == 0) break;
    }
}

bool io_file_json_too_deep(const char *text, size_t len, int max_depth,
                           size_t *pos)
{
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = false;
            continue;
        }
        if (c == '"') in_str = true;
        else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                *pos = i;
                return true;
            }
        } else if ((c == ']' || c == '}') && depth > 0)
            depth--;
    }
    return false;
}

const char *io_file_json_type(const cJSON *j)
{
    if (!j) return "nothing";
    if (cJSON_IsNumber(j)) return "a number";
    if (cJSON_IsString(j)) return "a string";
    if (cJSON_IsArray(j)) return "an array";
    if (cJSON_IsObject(j)) return "an object";
    if (cJSON_IsNull(j)) return "null";
    if (cJSON_IsBool(j)) return cJSON_IsTrue(j) ? "true" : "false";
    return "an unknown value";
}

/* ---- JSON syntax errors ----
 * cJSON says only roughly where it gave up; when it fails, this strict
 * RFC 8259 scanner finds the exact place and says what was expected. Only
 * called on text whose nesting depth was already checked. */

typedef struct {
    const char *s;
    size_t n, i;
    const char *msg;
} json_scan;

static void js_ws(json_scan *v)
{
    while (v->i < v->n && (v->s[v->i] == ' ' || v->s[v->i] == '\t' ||
                           v->s[v->i] == '\n' || v->s[v->i] == '\r'))
        v->i++;
}

static bool js_fail(json_scan *v, const char *msg)
{
    v->msg = v->i >= v->n ? "unexpected end of file (unfinished?)" : msg;
    return false;
}

static bool js_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool js_digit(json_scan *v)
{
    return v->i < v->n && v->s[v->i] >= '0' && v->s[v->i] <= '9';
}

static bool js_string(json_scan *v)
{
    size_t start = v->i++;
    while (v->i < v->n) {
        unsigned char c = (unsigned char)v->s[v->i];
        if (c == '"') {
            v->i++;
            return true;
        }
        if (c < 0x20) return js_fail(v, "control character inside a string "
                                        "(a line break before the closing quote?)");
        if (c == '\\') {
            v->i++;
            if (v->i >= v->n) break;
            char e = v->s[v->i];
            if (e == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (v->i + (size_t)k >= v->n || !js_hex(v->s[v->i + (size_t)k]))
                        return js_fail(v, "bad \\u escape (four hex digits expected)");
                v->i += 5;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == '\0')
                return js_fail(v, "unknown escape after a backslash");
        }
        v->i++;
    }
    v->i = start;
    v->msg = "string never closed";
    return false;
}

static bool js_number(json_scan *v)
{
    if (v->s[v->i] == '-') v->i++;
    if (v->i < v->n && v->s[v->i] == '0') v->i++;
    else if (js_digit(v)) while (js_digit(v)) v->i++;
    else return js_fail(v, "a digit expected");
    if (v->i < v->n && v->s[v->i] == '.') {
        v->i++;
        if (!js_digit(v)) return js_fail(v, "a digit expected after the decimal point");
        while (js_digit(v)) v->i++;
    }
    if (v->i < v->n && (v->s[v->i] == 'e' || v->s[v->i] == 'E')) {
        v->i++;
        if (v->i < v->n && (v->s[v->i] == '+' || v->s[v->i] == '-')) v->i++;
        if (!js_digit(v)) return js_fail(v, "a digit expected in the exponent");
        while (js_digit(v)) v->i++;
    }
    return true;
}

static bool js_value(json_scan *v)
{
    js_ws(v);
    if (v->i >= v->n) return js_fail(v, "");
    char c = v->s[v->i];
    if (c == '"') return js_string(v);
    if (c == '-' || (c >= '0' && c <= '9')) return js_number(v);
    static const char *const lits[3] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (v->n - v->i >= l && memcmp(v->s + v->i, lits[k], l) == 0) {
            v->i += l;
            return true;
        }
    }
    if (c == '[') {
        v->i++;
        js_ws(v);
        if (v->i < v->n && v->s[v->i] == ']') {
            v->i++;
            return true;
        }
        for (;;) {
            if (!js_value(v)) return false;
            js_ws(v);
            if (v->i < v->n && v->s[v->i] == ',') {
                v->i++;
                continue;
            }
            if (v->i < v->n && v->s[v->i] == ']') {
                v->i++;
                return true;
            }
            return js_fail(v, "',' or ']' expected");
        }
    }
    if (c == '{') {
        v->i++;
        js_ws(v);
        if (v->i < v->n && v->s[v->i] == '}') {
            v->i++;
            return true;
        }
        for (;;) {
            js_ws(v);
            if (v->i >= v->n || v->s[v->i] != '"')
                return js_fail(v, "a \"key\" in double quotes expected");
            if (!js_string(v)) return false;
            js_ws(v);
            if (v->i >= v->n || v->s[v->i] != ':') return js_fail(v, "':' expected");
            v->i++;
            if (!js_value(v)) return false;
            js_ws(v);
            if (v->i < v->n && v->s[v->i] == ',') {
                v->i++;
                continue;
            }
            if (v->i < v->n && v->s[v->i] == '}') {
                v->i++;
                return true;
            }
            return js_fail(v, "',' or '}' expected");
        }
    }
    return js_fail(v, "a value expected (a number, string, array, object, "
                      "true, false or null)");
}

/* Strict check of s[0..n); false with the offset and the reason of the
 * first error. */
static bool json_scan_text(const char *s, size_t n, size_t *pos, const char **msg)
{
    json_scan v = {s, n, 0, NULL};
    if (js_value(&v)) {
        js_ws(&v);
        if (v.i >= v.n) return true;
        v.msg = "unexpected text after the JSON value";
    }
    *pos = v.i;
    *msg = v.msg;
    return false;
}

cJSON *io_file_json_parse(const char *text, size_t len, const char *fname,
                          int max_depth, char *err, size_t errlen)
{
    if (len == 0) {
        snprintf(err, errlen, "%s: empty file", fname);
        return NULL;
    }
    long skip = io_file_check_text(text, len, fname, err, errlen);
    if (skip < 0) return NULL;
    size_t i = (size_t)skip;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                       text[i] == '\n'))
        i++;
    if (i == len) {
        snprintf(err, errlen, "%s: empty file", fname);
        return NULL;
    }
    size_t pos;
    long line, col;
    if (io_file_json_too_deep(text, len, max_depth, &pos)) {
        io_file_line_col(text, len, pos, &line, &col);
        snprintf(err, errlen, "%s:%ld:%ld: JSON nested too deeply (more than %d levels)",
                 fname, line, col, max_depth);
        return NULL;
    }
    size_t n = len - (size_t)skip;
    char *buf = malloc(n + 1);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", fname);
        return NULL;
    }
    memcpy(buf, text + skip, n);
    buf[n] = '\0';
    const char *endp = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, n, &endp, 0);
    if (!root) {
        const char *why = NULL;
        if (json_scan_text(buf, n, &pos, &why)) { /* strict JSON, yet cJSON balked */
            pos = endp && endp >= buf && endp <= buf + n ? (size_t)(endp - buf) : 0;
            why = "cJSON cannot read it here";
        }
        io_file_line_col(text, len, pos + (size_t)skip, &line, &col);
        snprintf(err, errlen, "%s:%ld:%ld: JSON syntax error: %s", fname, line, col,
                 why);
        free(buf);
        return NULL;
    }
    size_t e = endp ? (size_t)(endp - buf) : n;
    while (e < n && (buf[e] == ' ' || buf[e] == '\t' || buf[e] == '\r' ||
                     buf[e] == '\n'))
        e++;
    if (e < n) {
        io_file_line_col(text, len, e + (size_t)skip, &line, &col);
        snprintf(err, errlen, "%s:%ld:%ld: JSON syntax error: unexpected text after "
                 "the JSON value", fname, line, col);
        cJSON_Delete(root);
        free(buf);
        return NULL;
    }
    free(buf);
    return root;
}

/* ---- atomic save ---- */

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

int io_file_write_atomic(const char *path, const char *data, size_t len,
                         char *err, size_t errlen)
{
    struct stat st;
    mode_t mode;
    if (path[0] == '\0') {
        snprintf(err, errlen, "(empty file name): cannot save");
        return -1;
    }
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: is a directory", path);
            return -1;
        }
        /* a file nobody may write is kept as it is, even for root (who
         * could replace it: the rename needs only the folder) */
        if ((st.st_mode & 0222) == 0 || access(path, W_OK) != 0) {
            snprintf(err, errlen, "%s: is read-only: not replaced", path);
            return -1;
        }
        mode = st.st_mode & 0777;
    } else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }

    size_t plen = strlen(path);
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    const char *base;
    if (!slash) {
        strcpy(dir, ".");
        base = path;
    } else {
        size_t dl = (size_t)(slash - path);
        if (dl == 0) dl = 1; /* "/name" */
        if (dl >= sizeof dir) {
            snprintf(err, errlen, "%s: path too long", path);
            return -1;
        }
        memcpy(dir, path, dl);
        dir[dl] = '\0';
        base = slash + 1;
    }
    if (*base == '\0') {
        snprintf(err, errlen, "%s: is a directory", path);
        return -1;
    }
    char tmp[PATH_MAX];
    int tl = snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", dir, base);
    if (tl < 0 || (size_t)tl >= sizeof tmp || plen >= PATH_MAX) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            snprintf(err, errlen, "%s: cannot save: no folder '%s'", path, dir);
        else
            snprintf(err, errlen, "%s: cannot save in the folder '%s': %s", path,
                     dir, strerror(e));
        return -1;
    }
    const char *what = "write";
    if (write_all(fd, data, len) != 0) goto fail;
    (void)fchmod(fd, mode);
    what = "flush";
    if (fsync(fd) != 0) goto fail;
    what = "close";
    int cfd = fd;
    fd = -1;
    if (close(cfd) != 0) goto fail;
    what = "replace";
    if (rename(tmp, path) != 0) goto fail;
    int dfd = open(dir, O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd); /* make the rename itself durable; best effort */
        close(dfd);
    }
    return 0;

fail:;
    int e = errno;
    if (fd >= 0) close(fd);
    unlink(tmp);
    snprintf(err, errlen, "%s: cannot %s: %s", path, what, strerror(e));
    return -1;
}

/* ---- text buffer ---- */

void io_sb_add(io_sb *s, const char *t, size_t k)
{
    if (s->oom)
        return;
    if (s->n + k + 1 > s->cap) {
        size_t nc = s->cap ? s->cap : 4096;
        while (nc < s->n + k + 1)
            nc *= 2;
        char *nb = realloc(s->b, nc);
        if (!nb) {
            s->oom = true;
            return;
        }
        s->b = nb;
        s->cap = nc;
    }
    memcpy(s->b + s->n, t, k);
    s->n += k;
    s->b[s->n] = '\0';
}

void io_sb_str(io_sb *s, const char *t) { io_sb_add(s, t, strlen(t)); }

void io_sb_printf(io_sb *s, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k > 0)
        io_sb_add(s, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

void io_sb_json_str(io_sb *s, const char *t)
{
    io_sb_add(s, "\"", 1);
    for (; *t; t++) {
        unsigned char c = (unsigned char)*t;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            io_sb_add(s, e, 2);
        } else if (c < 0x20) {
            io_sb_printf(s, "\\u%04x", c);
        } else {
            io_sb_add(s, (const char *)&c, 1);
        }
    }
    io_sb_add(s, "\"", 1);
}
