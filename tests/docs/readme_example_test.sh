#!/bin/sh
# Runs the command of the README's example (the block after <!-- readme-example -->) with the
# built tpmsearch, as a new user would (an install-like copy, a fresh home, no notes), and
# compares what it prints with the block, so the front door cannot drift from the program.
# Usage: readme_example_test.sh SOURCE_DIR BUILD_DIR
set -eu
source_dir=$1
build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk '$0 == "<!-- readme-example -->" { grab = 1; next }
     grab && /^```/ { if (inside) exit; inside = 1; next }
     grab && inside { print }' "$source_dir/README.md" > "$work/block"
command=$(head -n 1 "$work/block")
case $command in
    '$ tpmsearch '*) ;;
    *) echo "README example does not start with '\$ tpmsearch ': $command"; exit 1 ;;
esac
tail -n +2 "$work/block" > "$work/expected"
# The program finds corpus/ beside bin/ and builds its index there, never in the project's
# index/.
mkdir -p "$work/app/bin" "$work/home" "$work/elsewhere"
cp "$build/tpmsearch" "$work/app/bin/"
cp -R "$source_dir/corpus" "$work/app/corpus"
arguments=${command#'$ tpmsearch '}
status=0
cd "$work/elsewhere"
eval "HOME=\"\$work/home\" XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= TPMSEARCH_INDEX= \
    TPMSEARCH_CONFIG= TPMSEARCH_OPTS= \"\$work/app/bin/tpmsearch\" $arguments" > "$work/actual" 2> "$work/err" || status=$?
if ! diff -u "$work/expected" "$work/actual"; then
    echo "README example differs from what '${command#'$ '}' prints (above: - README, + program)"
    cat "$work/err"
    exit 1
fi
[ "$status" -eq 0 ] || { echo "the README example exits $status, not 0"; cat "$work/err"; exit 1; }
