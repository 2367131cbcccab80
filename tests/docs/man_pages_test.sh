#!/bin/sh
# Renders each built man page as a reader's `man` does at 80 columns and fails on any groff or
# man warning and on any line wider than 80 columns; then checks that every long option the
# programs' --help lists is in their page, so the pages cannot fall behind the programs.
# Usage: man_pages_test.sh BUILD_DIR
set -eu
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
# man-db's seccomp sandbox fails in some containers ("command exited with status 159"); the
# pages rendered here are our own.
export MAN_DISABLE_SECCOMP=1
command -v man > /dev/null || { echo "man is not installed (apt-get install man-db groff-base)"; exit 1; }
status=0
for page in tpmsearch.1 tpmindex.1 tpmsearch-query.7 tpmsearch-json.5; do
    [ -s "$build/man/$page" ] || { echo "not built: $build/man/$page"; status=1; continue; }
    MANWIDTH=80 man --warnings -E UTF-8 -l "$build/man/$page" > "$work/$page.txt" 2> "$work/$page.err" ||
        { echo "$page: man failed"; status=1; }
    if [ -s "$work/$page.err" ]; then
        echo "$page: warnings:"; cat "$work/$page.err"; status=1
    fi
    # Columns, not bytes: the pages hold "…", "·" and "é".
    wide=$(perl -CSD -ne 'chomp; print "$.: $_\n" if length($_) > 80' "$work/$page.txt")
    if [ -n "$wide" ]; then
        echo "$page: lines over 80 columns:"; echo "$wide"; status=1
    fi
    # A hyphen (U+2010) is only ever one man added to break a word, an option or a path.
    broken=$(perl -CSD -ne 'print "$.: $_" if /\x{2010}/' "$work/$page.txt")
    if [ -n "$broken" ]; then
        echo "$page: words broken by hyphenation:"; echo "$broken"; status=1
    fi
done
# Every long option of a program's --help must be named in its page (man prints "--limit" as
# typed: Debian's groff keeps "-" as the ASCII hyphen-minus in man pages).
for program in tpmsearch tpmindex; do
    "$build/$program" --help > "$work/$program.help"
    options=$(grep -oE -- '--[a-z][a-z-]+' "$work/$program.help" | sort -u)
    [ -n "$options" ] || { echo "$program --help lists no long option"; status=1; }
    for option in $options; do
        grep -qF -- "$option" "$work/$program.1.txt" ||
            { echo "$program.1 does not name $option (from $program --help)"; status=1; }
    done
done
# And the options of the commands that have their own (tpmsearch export --help, drill --help).
for command in export drill; do
    for option in $("$build/tpmsearch" $command --help | sed -n '/^Options:/,$p' |
            grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        grep -qF -- "$option" "$work/tpmsearch.1.txt" ||
            { echo "tpmsearch.1 does not name $command $option (from --help)"; status=1; }
    done
done
exit $status
