/* io_file.h - helpers private to the io layer: reading a whole file with a
 * size cap, checking that bytes are UTF-8 text, line:column positions,
 * quoting a piece of input for an error message, the C numeric locale, and
 * the atomic write (temporary file, fsync, rename). Not a public API. */
#ifndef MLPVIZ_IO_IO_FILE_H
#define MLPVIZ_IO_IO_FILE_H

#include <cjson/cJSON.h>
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>

/* Reads the whole file into a fresh NUL-terminated buffer (*out, *len
 * without the NUL). Refuses directories, devices, files larger than
 * max_bytes (before reading when the size is known) and unreadable files;
 * messages start with "path: ". 0, or -1 with err set. */
int io_file_read(const char *path, size_t max_bytes, char **out, size_t *len,
                 char *err, size_t errlen);

/* Checks that text is UTF-8 without NUL bytes (a binary file) and is not
 * UTF-16. Returns the number of bytes to skip (3 for a UTF-8 byte-order mark,
 * else 0), or -1 with err set ("fname: binary file (NUL byte at offset 12)"). */
long io_file_check_text(const char *text, size_t len, const char *fname,
                        char *err, size_t errlen);

/* 1-based line and column (in characters) of byte offset pos. */
void io_file_line_col(const char *text, size_t len, size_t pos, long *line,
                      long *col);

/* Writes src[0..n) into dst as a short printable quotation for messages:
 * control bytes become '?', long text is cut (on a character boundary)
 * and ends in "...". dst gets at most dstlen-1 bytes and a NUL. */
void io_file_quote(char *dst, size_t dstlen, const char *src, size_t n);

/* Copies src[0..n) into dst[dstlen] for a name (a feature or class name):
 * control bytes become spaces, cut on a UTF-8 character boundary. */
void io_file_copy_name(char *dst, size_t dstlen, const char *src, size_t n);

/* Atomic save: a temporary file in path's folder, written, flushed, fsynced,
 * then renamed over path. On any failure the temporary file is removed and
 * the old file is left as it was. 0, or -1 with err set. */
int io_file_write_atomic(const char *path, const char *data, size_t len,
                         char *err, size_t errlen);

/* Numbers are read and written in the C locale whatever the program's
 * locale says (a German LC_NUMERIC must not turn 0.5 into 0,5). */
typedef struct {
    locale_t c, old;
} io_file_locale;
void io_file_locale_enter(io_file_locale *l);
void io_file_locale_leave(io_file_locale *l);

/* Shortest of %.15g, %.16g, %.17g that reads back to the same bits. The
 * value must be finite. buf holds at least 32 bytes. */
void io_file_format_double(char *buf, size_t len, double v);

/* Whether a JSON text nests deeper than max_depth (arrays and objects,
 * strings skipped); when it does, *pos is the offset of the bracket that
 * went too deep. */
bool io_file_json_too_deep(const char *text, size_t len, int max_depth,
                           size_t *pos);

/* Type of a cJSON node in words ("a string", "an array", "null"...). */
const char *io_file_json_type(const cJSON *item);

/* Parses a whole file's text as one JSON value: checks UTF-8, the nesting
 * depth (deeper is refused before cJSON recurses), syntax (with the line and
 * column of the failure) and that nothing follows the value. NULL with
 * "fname:line:col: ..." in err. The caller deletes the tree. */
cJSON *io_file_json_parse(const char *text, size_t len, const char *fname,
                          int max_depth, char *err, size_t errlen);

/* A growing text buffer for the hand-written JSON of the model and scene
 * files. After a failed allocation `oom` is set and later calls do nothing;
 * the writer checks it once at the end. b is NUL-terminated; free(b). */
typedef struct {
    char *b;
    size_t n, cap;
    bool oom;
} io_sb;

void io_sb_add(io_sb *s, const char *t, size_t k);
void io_sb_str(io_sb *s, const char *t);
void io_sb_printf(io_sb *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* t as a JSON string literal, quotes and escapes included. */
void io_sb_json_str(io_sb *s, const char *t);

#endif
