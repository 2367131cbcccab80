# bash completion for tpmsearch and tpmindex. Installed in
# share/bash-completion/completions, where bash-completion loads it on first use.

# The topic ids and document ids of the index tpmsearch searches, read from its JSON output
# (one "id" per topic or hit), so they are the user's own, notes included.
_tpmsearch_ids() {
    tpmsearch --json "$@" 2>/dev/null | grep -o '"id":"[^"]*"' | cut -d'"' -f4
}

_tpmsearch() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        --topic)
            COMPREPLY=($(compgen -W "$(_tpmsearch_ids topics)" -- "$cur")); return ;;
        --source)
            COMPREPLY=($(compgen -W "corpus notes" -- "$cur")); return ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --index)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -n|--limit|--width)
            return ;;
        -o|--output)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format)
            COMPREPLY=($(compgen -W "markdown html" -- "$cur")); return ;;
        --kind)
            COMPREPLY=($(compgen -W "question story" -- "$cur")); return ;;
        --paper)
            COMPREPLY=($(compgen -W "a4 letter" -- "$cur")); return ;;
        show|similar|open)
            COMPREPLY=($(compgen -W "$(_tpmsearch_ids --source corpus; _tpmsearch_ids --source notes)" -- "$cur"))
            return ;;
    esac
    # The options of `export` and `drill` once it has been typed.
    local word export_options=
    for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        [[ $word == export ]] && export_options="--output --format --paper --due"
        [[ $word == drill ]] && export_options="--all --due --kind"
    done
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --version --index --limit --topic --source --json
            --explain --exact --no-excerpts --no-refresh --files --lines --color --width
            --facets --pager --no-pager $export_options" -- "$cur"))
    elif (( COMP_CWORD == 1 )); then
        COMPREPLY=($(compgen -W "show similar open topics coverage export drill stories help" -- "$cur"))
    fi
}

_tpmindex() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        --index|--corpus)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --remove)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(tpmindex --list 2>/dev/null | sed -n 's|^\(/.*\)  [0-9]* files*, .*|\1|p')" -- "$cur"))
            return ;;
        --max-size)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --version --index --list --remove --max-size --corpus
            --quiet --rebuild --no-wait" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

complete -F _tpmsearch tpmsearch
complete -o filenames -F _tpmindex tpmindex
