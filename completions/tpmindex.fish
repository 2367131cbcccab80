# fish completion for tpmindex. Installed in share/fish/vendor_completions.d.

complete -c tpmindex -s h -l help -d 'Print help and exit'
complete -c tpmindex -s V -l version -d 'Print the version and exit'
complete -c tpmindex -l index -r -F -d 'Index folder to write'
complete -c tpmindex -l list -d 'List the indexed sources'
complete -c tpmindex -l remove -r -F -d 'Remove a registered notes folder'
complete -c tpmindex -l max-size -x -d 'Skip note files larger than this many megabytes'
complete -c tpmindex -l corpus -r -F -d 'Folder of Q&A documents to index'
complete -c tpmindex -s q -l quiet -d 'Print only warnings and errors'
complete -c tpmindex -l rebuild -d 'Rebuild into a new folder and swap it in'
complete -c tpmindex -l no-wait -d 'Fail at once if another tpmindex is writing'
