# s (the model) and S (the scene) onto targets that cannot take the file: a
# directory, a missing folder, a read-only file and (as root, on a 16 KiB
# tmpfs filled up; skipped otherwise) a full filesystem. Each says what is
# wrong in one line naming the file, keeps the old file as it was, leaves
# no temporary file, and the program goes on.
. "$(dirname "$0")/lib.sh"
mkdir "$TMP/adir"
printf 'OLD\n' >"$TMP/ro.json"
chmod 444 "$TMP/ro.json"
full=""
if [ "$(id -u)" != 0 ]; then
    echo "skip the full filesystem: not root"
elif mkdir "$TMP/full" && mount -t tmpfs -o size=16k tmpfs "$TMP/full" 2>/dev/null; then
    full="$TMP/full"
    printf 'OLD\n' >"$full/old.json"
    dd if=/dev/zero of="$full/fill" bs=1024 count=64 2>/dev/null
    trap 'umount "$full" 2>/dev/null; cleanup' EXIT
else
    echo "skip the full filesystem: could not mount a tmpfs"
fi
leftovers() { ls -A "$1" | grep -c '\.tmp-'; }

start 120 30
wait_ready
# save KEY NAME WANT: KEY's prompt given NAME ends with a message line
# holding NAME and WANT
save() {
    keys "$1"
    wait_re "Save (model|scene) to \[" || fail "$1 gave no prompt"
    keys C-u
    type_text "$2"
    keys Enter
    wait_for "$2: $3" || fail "$1 onto $2: no message '$2: $3'"
    [ "$(screen | grep -c -F -- "$3")" = 1 ] || fail "$1 onto $2: the message is not one line"
    alive || fail "the program ended"
    [ "$(leftovers "$TMP")" = 0 ] || fail "$1 onto $2 left a temporary file"
    keys Escape
    wait_gone "$3" || fail "the message did not go"
}
for k in s S; do
    save $k adir "is a directory"
    [ -z "$(ls -A "$TMP/adir")" ] || fail "$k wrote into the directory"
    save $k nodir/x.json "cannot save: no folder 'nodir'"
    [ ! -e "$TMP/nodir" ] || fail "$k made the missing folder"
    save $k ro.json "is read-only: not replaced"
    [ "$(cat "$TMP/ro.json")" = OLD ] || fail "$k changed the read-only file"
    if [ -n "$full" ]; then
        save $k full/old.json "cannot write: No space left on device"
        [ "$(cat "$full/old.json")" = OLD ] || fail "$k changed the file on the full filesystem"
        [ "$(leftovers "$full")" = 0 ] || fail "$k left a temporary file on the full filesystem"
        save $k full/new.json "cannot write: No space left on device"
        [ ! -e "$full/new.json" ] || fail "$k left a new file on the full filesystem"
    fi
done
chmod 644 "$TMP/ro.json"
finish
