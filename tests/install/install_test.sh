#!/bin/sh
# Installs the build into a fresh prefix with `cmake --install` and runs the installed programs
# from another folder with a fresh home: they must find their corpus under PREFIX/share and
# answer the README's first search with Q26.
# Usage: install_test.sh BUILD_DIR
set -eu
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
for f in bin/tpmsearch bin/tpmindex share/tpmsearch/corpus/topics.yaml \
         share/tpmsearch/corpus/netflix-tpm-interview-questions.txt; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
mkdir "$work/home" "$work/elsewhere"
cd "$work/elsewhere"
HOME=$work/home XDG_DATA_HOME= XDG_CACHE_HOME= XDG_CONFIG_HOME= TPMSEARCH_INDEX= \
    TPMSEARCH_CONFIG= TPMSEARCH_OPTS= "$prefix/bin/tpmsearch" --no-excerpts -n 1 "canary rollback" > "$work/out" 2> "$work/err"
head -n 1 "$work/out" | grep -q '^1\. Q26 ' || { echo "first hit is not Q26:"; cat "$work/out" "$work/err"; exit 1; }

# The bar for a shared install: as root, the prefix made read-only, then as uid 65534
# (nobody) from /tmp with only PATH=PREFIX/bin and a fresh home: the version, the README's
# search with Q26 and Q40 in the top 3 (from an index built in nobody's cache), and tpmindex of
# a notes folder in the home, whose note the next search finds. Skipped when not root.
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
    rm -rf "$prefix/share/tpmsearch/index"
    chmod -R a-w "$prefix"
    nobody_home=$work/nobody
    mkdir -p "$nobody_home/notes"
    printf '# Canary story\n\nAction: a canary to 1%% of users, then a rollback.\n' \
        > "$nobody_home/notes/canary.md"
    chmod 755 "$work"
    chown -R 65534:65534 "$nobody_home"
    as_nobody() {
        (cd /tmp && setpriv --reuid 65534 --regid 65534 --clear-groups \
            env -i HOME="$nobody_home" PATH="$prefix/bin" "$@")
    }
    as_nobody tpmsearch --version | grep -q '^tpmsearch [0-9]' || { echo "--version as nobody"; exit 1; }
    as_nobody tpmsearch --no-excerpts -n 3 "canary rollback" > "$work/out" 2> "$work/err" ||
        { echo "search as nobody:"; cat "$work/out" "$work/err"; exit 1; }
    for id in Q26 Q40; do
        grep -q "^[123]\. $id " "$work/out" || { echo "$id not in the top 3:"; cat "$work/out"; exit 1; }
    done
    as_nobody tpmindex "$nobody_home/notes" > "$work/out" 2>&1 || { echo "tpmindex as nobody:"; cat "$work/out"; exit 1; }
    as_nobody tpmsearch --no-excerpts --source notes canary | grep -q 'canary.md#canary-story' ||
        { echo "nobody's note is not found"; exit 1; }
    chmod -R u+w "$prefix"
fi
