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
