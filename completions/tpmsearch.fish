# fish completion for tpmsearch. Installed in share/fish/vendor_completions.d.

function __tpmsearch_ids
    tpmsearch --json $argv 2>/dev/null | string match -a -r -g '"id":"([^"]*)"'
end

function __tpmsearch_no_command
    not __fish_seen_subcommand_from show similar open topics coverage export drill stories help
end

complete -c tpmsearch -s h -l help -d 'Print help and exit'
complete -c tpmsearch -s V -l version -d 'Print the version and exit'
complete -c tpmsearch -l index -r -F -d 'Search this index folder'
complete -c tpmsearch -s n -l limit -x -d 'Show at most N results'
complete -c tpmsearch -l topic -x -a '(__tpmsearch_ids topics)' -d 'Only results with this topic'
complete -c tpmsearch -l source -x -a 'corpus notes' -d 'Only the shipped corpus or your notes'
complete -c tpmsearch -l json -d 'Print one JSON document'
complete -c tpmsearch -l explain -d 'Show how the query was read and why each result matched'
complete -c tpmsearch -l exact -d 'Match quoted phrases only as typed'
complete -c tpmsearch -l no-excerpts -d 'Titles and locations only'
complete -c tpmsearch -l files -d 'Each file holding a match, once'
complete -c tpmsearch -l lines -d 'One line a match: path:line: id  title'
complete -c tpmsearch -l no-refresh -d 'Search the notes index as it is, without re-indexing changed notes'
complete -c tpmsearch -l color -x -a 'auto always never' -d 'Colour'
complete -c tpmsearch -l width -x -d 'Wrap lines at N columns, also when piped (0: do not wrap)'
complete -c tpmsearch -l facets -d 'List every topic of the results under them'
complete -c tpmsearch -l pager -d 'Page output longer than the screen on a terminal'
complete -c tpmsearch -l no-pager -d 'Do not page the output'
complete -c tpmsearch -f -n __tpmsearch_no_command -a show -d 'Print a whole question'
complete -c tpmsearch -f -n __tpmsearch_no_command -a similar -d 'Documents most like one'
complete -c tpmsearch -f -n __tpmsearch_no_command -a topics -d 'List the topics'
complete -c tpmsearch -f -n __tpmsearch_no_command -a coverage -d 'Which shipped questions your notes cover'
complete -c tpmsearch -f -n __tpmsearch_no_command -a open -d 'Edit a document at its line'
complete -c tpmsearch -f -n __tpmsearch_no_command -a export -d 'Print a cheat sheet of a topic or a query'
complete -c tpmsearch -f -n __tpmsearch_no_command -a drill -d 'Practise with spaced repetition'
complete -c tpmsearch -f -n __tpmsearch_no_command -a stories -d 'Your STAR stories against the behavioural questions'
complete -c tpmsearch -n '__fish_seen_subcommand_from drill' -l all -d 'Also the cards not due yet'
complete -c tpmsearch -n '__fish_seen_subcommand_from drill' -l due -d 'List the due cards instead of drilling'
complete -c tpmsearch -n '__fish_seen_subcommand_from drill' -l kind -x -a 'question story' -d 'Only questions or only stories'
complete -c tpmsearch -f -n __tpmsearch_no_command -a help -d 'Print the help'
complete -c tpmsearch -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'Write the sheet to FILE, never in a notes folder'
complete -c tpmsearch -n '__fish_seen_subcommand_from export' -l format -x -a 'markdown html' -d 'Markdown, or a printable HTML page'
complete -c tpmsearch -n '__fish_seen_subcommand_from export' -l due -d 'The questions the drill has due today'
complete -c tpmsearch -n '__fish_seen_subcommand_from export' -l paper -x -a 'a4 letter' -d 'Page size of the HTML sheet'
complete -c tpmsearch -f -n '__fish_seen_subcommand_from show similar open' \
    -a '(__tpmsearch_ids --source corpus; __tpmsearch_ids --source notes)'
