#!/bin/sh
# The shell completions (completions/): bash and fish complete options, subcommands, topic ids
# and document ids from the real programs; zsh's script parses; and every long option the
# programs' --help lists is in every script, so they cannot fall behind the programs.
# Usage: completions_test.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1/completions
build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_DATA_HOME= XDG_CACHE_HOME= XDG_CONFIG_HOME= TPMSEARCH_INDEX= TPMSEARCH_CONFIG= TPMSEARCH_OPTS=
export PATH="$build:$PATH"
mkdir "$HOME"
fail() { echo "FAIL: $*"; exit 1; }

for program in tpmsearch tpmindex; do
    for option in $("$program" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        for script in tpmsearch.bash _tpmsearch; do
            grep -q -- "$option" "$src/$script" || fail "$script lacks $program $option"
        done
        grep -q -- "-l ${option#--} " "$src/$program.fish" || fail "$program.fish lacks $option"
    done
done

# The options of the commands that have their own (tpmsearch export --help) too.
for option in $( (tpmsearch export --help; tpmsearch drill --help) | sed -n '/^Options:/,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    for script in tpmsearch.bash _tpmsearch; do
        grep -q -- "$option" "$src/$script" || fail "$script lacks tpmsearch export $option"
    done
    grep -q -- "-l ${option#--} " "$src/tpmsearch.fish" || fail "tpmsearch.fish lacks export $option"
done

# bash: what COMPREPLY holds after completing the words given.
bash_complete() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _$1; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$src/tpmsearch.bash" "$@"
}
bash_complete tpmsearch --to | grep -qx -- --topic || fail "bash: --to"
bash_complete tpmsearch --topic rel > "$work/topics"
grep -qx release-engineering "$work/topics" && grep -qx reliability "$work/topics" ||
    fail "bash: --topic rel gave: $(cat "$work/topics")"
bash_complete tpmsearch show Q2 | grep -qx Q26 || fail "bash: show Q2"
bash_complete tpmsearch sh | grep -qx show || fail "bash: sh"
bash_complete tpmsearch exp | grep -qx export || fail "bash: exp"
bash_complete tpmsearch export --pa | grep -qx -- --paper || fail "bash: export --pa"
bash_complete tpmsearch --pa | grep -qx -- --paper && fail "bash: --paper outside export"
bash_complete tpmsearch export --format '' | grep -qx html || fail "bash: export --format"
bash_complete tpmindex --re > "$work/index"
grep -qx -- --remove "$work/index" && grep -qx -- --rebuild "$work/index" || fail "bash: tpmindex --re"

fish_complete() { fish -c "source $src/tpmsearch.fish; source $src/tpmindex.fish; complete -C '$1'" | cut -f1; }
fish_complete 'tpmsearch --to' | grep -qx -- --topic || fail "fish: --to"
fish_complete 'tpmsearch --topic rel' | grep -qx release-engineering || fail "fish: --topic rel"
fish_complete 'tpmsearch show Q2' | grep -qx Q26 || fail "fish: show Q2"
fish_complete 'tpmsearch export --pa' | grep -qx -- --paper || fail "fish: export --pa"
fish_complete 'tpmsearch export --format ' | grep -qx html || fail "fish: export --format"
fish_complete 'tpmindex --no' | grep -qx -- --no-wait || fail "fish: tpmindex --no"

zsh -n "$src/_tpmsearch" || fail "zsh: _tpmsearch does not parse"
