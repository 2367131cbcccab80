#!/bin/sh
# bench/list_items.sh [--quick] [--build DIR] [--runs N]: how indexing one note grows with the
# number of items of its one list (issue 14): the real tpmindex indexes a note of N items, for
# N = 1k, 2k, 4k, ... 64k (16k with --quick), each run into a fresh notes index, and the report
# gives the median time per N and the ratio per doubling of N. Linear indexing doubles the time
# (target: about 2); the bar is a worst ratio below 2.5 (it was about 8 when every item
# measured the whole section: 16,000 items took 240 s).
#
#   --quick      N up to 16k, 3 runs each: a few seconds
#   --build DIR  the CMake build folder with tpmindex and bench/tpm_bench_time (default build/
#                beside bench/); built there first when cmake is on the PATH
#   --runs N     timed runs per N (default 5; 3 with --quick)
#
# The notes are generated here, the same every time, without a word list or the network: item
# i is "- item i" and six words of 2 to 4 syllables drawn from a fixed vocabulary of 20,000 by
# a Park-Miller generator (awk: exact in doubles). Timing: bench/timer.cpp (whole processes,
# the sizes alternating, each run after an untimed removal of its index, so every run indexes
# the note from scratch). Report on stdout (markdown), progress on stderr. Exit status 0 when
# it ran (PASS or FAIL), 2 when something it needs is missing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
build=$project/build
quick=0
runs=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --build) [ $# -ge 2 ] || { echo "bench/list_items.sh: --build needs a folder" >&2; exit 2; }
                 build=$2; shift ;;
        --build=*) build=${1#--build=} ;;
        --runs) [ $# -ge 2 ] || { echo "bench/list_items.sh: --runs needs a number" >&2; exit 2; }
                runs=$2; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/list_items.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
if [ "$quick" = 1 ]; then
    sizes="1000 2000 4000 8000 16000"; runs=${runs:-3}; mode=quick
else
    sizes="1000 2000 4000 8000 16000 32000 64000"; runs=${runs:-5}; mode=full
fi
missing() { printf 'bench/list_items.sh: %s\n' "$*" >&2; exit 2; }
log() { printf '[list_items] %s\n' "$*" >&2; }

if command -v cmake > /dev/null 2>&1 && [ -f "$build/CMakeCache.txt" ]; then
    log "building tpmindex and tpm_bench_time in $build"
    cmake --build "$build" -j"$(nproc)" --target tpmindex tpm_bench_time \
        > "$build/bench-list-items-build.log" 2>&1 ||
        missing "build failed, see $build/bench-list-items-build.log"
fi
for exe in tpmindex bench/tpm_bench_time; do
    [ -x "$build/$exe" ] || missing "no $build/$exe (build it first)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tpmlist.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# An install-like copy (bin/ beside corpus/, for the shipped topics the notes are tagged with),
# and nothing of the user's: fresh HOME and XDG folders.
mkdir -p "$work/app/bin" "$work/home" "$work/config"
cp "$build/tpmindex" "$work/app/bin/"
cp -R "$project/corpus" "$work/app/corpus"
tpmindex=$work/app/bin/tpmindex
unset TPMSEARCH_INDEX

# list_note N FILE: the note of N items.
list_note() {
    awk -v n="$1" 'BEGIN {
        split("ka lo mi ne ru sa te vo zi pa ba do fe gu hi jo ku la me", syl, " ")
        x = 5
        for (v = 0; v < 20000; v++) {
            x = (x * 16807) % 2147483647; k = 2 + x % 3; w = ""
            for (j = 0; j < k; j++) { x = (x * 16807) % 2147483647; w = w syl[1 + x % 19] }
            vocab[v] = w
        }
        print "# List\n"
        for (i = 0; i < n; i++) {
            line = "- item " i
            for (j = 0; j < 6; j++) { x = (x * 16807) % 2147483647; line = line " " vocab[x % 20000] }
            print line
        }
    }' > "$2"
}

tab=$(printf '\t')
: > "$work/cmd"
for n in $sizes; do
    mkdir -p "$work/notes/$n"
    list_note "$n" "$work/notes/$n/list.md"
    printf '!wipe-%s\trm\t-rf\t%s\n' "$n" "$work/data/$n" >> "$work/cmd"
    printf 'items-%s\tHOME=%s\tXDG_DATA_HOME=%s\tXDG_CONFIG_HOME=%s\t%s\t-q\t--max-size\t20\t%s\n' \
        "$n" "$work/home" "$work/data/$n" "$work/config" "$tpmindex" "$work/notes/$n" >> "$work/cmd"
done
log "indexing notes of $(echo "$sizes" | tr ' ' ',') items, $runs runs each, alternating"
"$build/bench/tpm_bench_time" -n "$runs" -w 1 -f "$work/cmd" > "$work/sum"

cat <<EOF
## Indexing one note of N list items ($mode run)

- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores; tpmindex $(git -C "$project" describe --always --dirty 2> /dev/null || echo "?")
- whole process \`tpmindex -q --max-size 20 DIR\` into a fresh notes index, $runs timed runs per N after one warm-up, sizes alternating; ms

| items | note KiB | median ms | spread ms | peak RSS MiB | ratio to N/2 | exit |
|---|---|---|---|---|---|---|
EOF
prev=""
worst=0
worst_at=""
bad=0
for n in $sizes; do
    line=$(awk -F'\t' -v l="items-$n" '$1 == l' "$work/sum")
    med=$(printf '%s\n' "$line" | cut -f3)
    lo=$(printf '%s\n' "$line" | cut -f4)
    hi=$(printf '%s\n' "$line" | cut -f5)
    rss=$(printf '%s\n' "$line" | cut -f6)
    st=$(printf '%s\n' "$line" | cut -f7)
    [ "$(printf '%s\n' "$line" | cut -f8)" = ok ] || bad=1
    kib=$(($(wc -c < "$work/notes/$n/list.md") / 1024))
    ratio="-"
    if [ -n "$prev" ]; then
        ratio=$(awk -v a="$med" -v b="$prev" 'BEGIN { printf "%.2f", a / b }')
        if awk -v r="$ratio" -v w="$worst" 'BEGIN { exit !(r > w) }'; then
            worst=$ratio; worst_at="$n"
        fi
    fi
    printf '| %s | %s | %s | %s–%s | %s | %s | %s |\n' "$n" "$kib" "$med" "$lo" "$hi" "$rss" \
        "$ratio" "$st"
    prev=$med
done
verdict=$(awk -v w="$worst" 'BEGIN { print (w < 2.5 ? "PASS" : "FAIL") }')
[ "$bad" = 0 ] || verdict=FAIL
last=$(echo "$sizes" | awk '{ print $NF }')
cat <<EOF

- $verdict: indexing one note of N list items, worst time ratio per doubling of N < 2.5 (target about 2): $worst (${worst_at:-?} items against half as many)$([ "$bad" = 0 ] || echo "; a run did not exit 0")
- largest note: $last items
EOF
exit 0
