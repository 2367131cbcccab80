#!/bin/sh
# bench/notes_refresh.sh [BUILD_DIR] [FILES]: how long tpmindex takes to refresh a notes folder
# of FILES (default 10,000) markdown files when nothing changed, and after 10 files changed,
# side by side with the floor of any refresh: `find` stat-ing every file of the same folder.
# Runs alternate (A, B, A, B, ...) and the medians and spread are printed, since these
# machines are shared and noisy. The folder is built deterministically from the markdown in
# ../shared/corpora (files cut into sections, cycled, each copy numbered), in a temporary
# folder that is removed at the end. The target (issue 5): a no-change refresh under 0.5 s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
files=${2:-10000}
corpora=${TPM_CORPORA:-$here/../../shared/corpora}
runs=7
[ -x "$build/tpmindex" ] || { echo "no $build/tpmindex; build first" >&2; exit 2; }
[ -d "$corpora" ] || { echo "no corpora in $corpora (set TPM_CORPORA)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
notes=$work/notes
mkdir -p "$notes"

# Sections of real markdown: every file cut at its "## " headings, in a fixed order; then the
# sections cycled into FILES notes of 100 per folder, each with its own front matter title
# (bench/corpora.sh, shared with bench/run).
. "$here/corpora.sh"
tpm_cut_sections "$corpora" "$work/sections"
tpm_notes_corpus "$work/sections" "$files" "$notes"
bytes=$(du -sk "$notes" | cut -f1)

export XDG_DATA_HOME=$work/data
ms() { # milliseconds taken by the command
    start=$(date +%s%N); "$@" > /dev/null 2>&1; end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
spread() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }

first=$(ms "$build/tpmindex" "$notes")
: > "$work/a"; : > "$work/b"; : > "$work/c"
r=0
while [ "$r" -lt "$runs" ]; do
    ms "$build/tpmindex" >> "$work/a"
    ms find "$notes" -type f -printf '%s %T@\n' >> "$work/b"
    # 10 files changed, then the refresh that picks them up.
    j=0
    while [ "$j" -lt 10 ]; do
        k=$(((r * 10 + j) * 97 % files))
        printf '\nEdited in run %d.\n' "$r" >> "$notes/d$((k / 100))/n$k.md"
        j=$((j + 1))
    done
    ms "$build/tpmindex" >> "$work/c"
    r=$((r + 1))
done
a=$(median < "$work/a"); b=$(median < "$work/b"); c=$(median < "$work/c")
printf 'notes folder: %d files, %d KB (from %s)\n' "$files" "$bytes" "$corpora"
printf 'first index: %d ms\n' "$first"
printf '%-44s %8s %12s\n' "whole process, warm cache ($runs runs)" "median" "spread"
printf '%-44s %6d ms %12s\n' "tpmindex, no change" "$a" "$(spread < "$work/a")"
printf '%-44s %6d ms %12s\n' "find -type f -printf size,mtime (the floor)" "$b" "$(spread < "$work/b")"
printf '%-44s %6d ms %12s\n' "tpmindex, 10 files changed" "$c" "$(spread < "$work/c")"
ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
printf 'no-change refresh / find: %sx\n' "$ratio"
if [ "$a" -lt 500 ]; then verdict=PASS; else verdict=FAIL; fi
printf '%s: no-change refresh of %d files under 500 ms (median %d ms)\n' "$verdict" "$files" "$a"
[ "$verdict" = PASS ]
