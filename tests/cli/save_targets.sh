# save_targets.sh - sourced by run.sh: --save and --export-torch onto targets
# that cannot take the file (a directory, a missing folder, a read-only file,
# a full filesystem) each end with one line naming the file and what is
# wrong, a non-zero status, the old file as it was, and no temporary file.
# The full filesystem is a 16 KiB tmpfs mounted here when run as root (and
# skipped, saying so, otherwise). Uses bin, tmp, ok and ko of run.sh.

# save_fails NAME OPTION TARGET WANT: the run fails with one line on stderr
# holding TARGET and WANT.
save_fails() {
    "$bin" --headless --dataset xor --epochs 1 --log-every 0 "$2" "$3" >"$tmp/out" 2>"$tmp/err"
    _rc=$?
    if [ $_rc -ne 0 ] && [ $_rc -lt 128 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -F -q -- "$3" "$tmp/err" && grep -F -q -- "$4" "$tmp/err"; then
        ok "$1"
    else
        ko "$1 (rc $_rc, want one line with '$4')"
    fi
}
# leftovers DIR: how many temporary files of a save are left in DIR
leftovers() { ls -A "$1" | grep -c '\.tmp-' ; }

for opt in --save --export-torch; do
    mkdir -p "$tmp/tgt/adir"
    save_fails "$opt onto a directory" "$opt" "$tmp/tgt/adir" ": is a directory"
    [ -z "$(ls -A "$tmp/tgt/adir")" ] && [ "$(leftovers "$tmp/tgt")" = 0 ] &&
        ok "$opt onto a directory leaves nothing" || ko "$opt onto a directory left files"
    save_fails "$opt into a missing folder" "$opt" "$tmp/tgt/nodir/m.out" "cannot save: no folder '$tmp/tgt/nodir'"
    [ ! -e "$tmp/tgt/nodir" ] && ok "$opt into a missing folder creates none" || ko "$opt created the folder"
    printf 'OLD\n' >"$tmp/tgt/ro.out"
    chmod 444 "$tmp/tgt/ro.out"
    save_fails "$opt onto a read-only file" "$opt" "$tmp/tgt/ro.out" ": is read-only: not replaced"
    [ "$(cat "$tmp/tgt/ro.out")" = OLD ] && [ "$(leftovers "$tmp/tgt")" = 0 ] &&
        ok "$opt keeps the read-only file" || ko "$opt changed the read-only file or left a temporary file"
    chmod 644 "$tmp/tgt/ro.out"
    rm -rf "$tmp/tgt"
done

# a full filesystem
full="$tmp/full"
mkdir -p "$full"
if [ "$(id -u)" != 0 ]; then
    echo "skip full filesystem: not root (mounting a tmpfs needs root)"
elif ! mount -t tmpfs -o size=16k tmpfs "$full" 2>/dev/null; then
    echo "skip full filesystem: could not mount a tmpfs on $full"
else
    for opt in --save --export-torch; do
        printf 'OLD\n' >"$full/old.out"
        dd if=/dev/zero of="$full/fill" bs=1024 count=64 2>/dev/null
        save_fails "$opt onto a full filesystem" "$opt" "$full/old.out" "No space left on device"
        [ "$(cat "$full/old.out")" = OLD ] && [ "$(leftovers "$full")" = 0 ] &&
            ok "$opt on a full filesystem keeps the old file, no temporary file" ||
            ko "$opt on a full filesystem changed the old file or left a temporary file"
        save_fails "$opt of a new file onto a full filesystem" "$opt" "$full/new.out" "No space left on device"
        [ ! -e "$full/new.out" ] && [ "$(leftovers "$full")" = 0 ] &&
            ok "$opt on a full filesystem leaves no new file" || ko "$opt left a file on the full filesystem"
        rm -f "$full/fill"
    done
    umount "$full"
fi
rmdir "$full" 2>/dev/null
