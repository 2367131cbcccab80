# bench/corpora.sh: builds the benchmark corpora, deterministically, from the repository's data.
# Sourced by bench/run and bench/notes_refresh.sh (POSIX sh + awk; mawk is enough). Every
# function writes into a folder it is given and prints nothing on stdout.
#
#   tpm_cut_sections CORPORA DIR      every .md of CORPORA cut at its "## " headings, one file a
#                                     section (DIR/sNNNN-KKKK.md), listed in DIR.list
#   tpm_notes_corpus SECTIONS FILES DIR
#                                     FILES notes, 100 a folder: section i mod n with front
#                                     matter "title: Note i" (the notes-10k corpus)
#   tpm_scale_corpus CORPORA FILES DIR
#                                     FILES perturbed notes of 1-4 consecutive sections (below)
#   tpm_shipped_sections CORPUS_FILE DIR
#                                     the shipped Q&A document cut into its 10 tips and 50
#                                     questions, one .txt file each, for the peers
#   tpm_fts5_sql DIR TOKENIZER        on stdout, the SQL that builds an FTS5 table t(path,
#                                     title, body) of every file under DIR (via readfile())

# The markdown files of CORPORA, one path a line, in a fixed order.
tpm_markdown_files() {
    find "$1" -type f -name '*.md' | LC_ALL=C sort
}

tpm_cut_sections() {
    mkdir -p "$2"
    tpm_markdown_files "$1" | awk -v dir="$2" '
        {
            f = $0; k = 0; out = sprintf("%s/s%04d-%04d.md", dir, NR - 1, k)
            while ((getline line < f) > 0) {
                if (line ~ /^## /) {
                    close(out); k++; out = sprintf("%s/s%04d-%04d.md", dir, NR - 1, k)
                }
                print line > out
            }
            close(f); close(out)
        }'
    ls "$2" | LC_ALL=C sort > "$2.list"
}

tpm_notes_corpus() {
    mkdir -p "$3"
    awk -v files="$2" -v src="$1" -v notes="$3" '
        { section[NR] = $0 }
        END {
            for (i = 0; i < files; i++) {
                dir = sprintf("%s/d%d", notes, int(i / 100))
                if (i % 100 == 0) system("mkdir -p \"" dir "\"")
                out = sprintf("%s/n%d.md", dir, i)
                printf "---\ntitle: Note %d\n---\n", i > out
                file = src "/" section[i % NR + 1]
                while ((getline line < file) > 0) print line > out
                close(file)
                close(out)
            }
        }' "$1.list"
}

# The scale corpus. The markdown of CORPORA is read once (front matter dropped) and cut into
# sections at "## " headings and each section into paragraphs at blank lines (a fenced code
# block stays one paragraph). Then copies c = 0, 1, 2, ... of the whole material are written
# until FILES files exist, each file holding 1 to 4 consecutive sections of one source file
# (the count cycles 1 2 3 1 2 4 2 3, shifted by c, so sizes vary like real notes, about
# 2.25 sections and 7.5 KB a file, and the cut points move from copy to copy). In copy c > 0
# each section keeps its heading paragraph first and has its other paragraphs rotated by c,
# and a few plain words (one per 1.5 KB) are replaced by plain words of another section, at
# positions that depend on c, the section and the word's number. Every file gets front matter
# "title: Note N". No two files are the same and positions and term statistics differ between
# copies, so no index can store the copies as one; the vocabulary and the sizes stay those of
# real text. 20,000 files make about 150 MB.
tpm_scale_corpus() {
    mkdir -p "$3"
    tpm_markdown_files "$1" | awk -v files="$2" -v out_dir="$3" '
        function flush() {
            if (cur != "") { np[ns]++; para[ns, np[ns]] = cur; size[ns] += length(cur) + 2 }
            cur = ""
        }
        function plain(w) { return w ~ /^[A-Za-z][a-z]+$/ }
        # A plain word of section d, looked for from position p of one of its paragraphs.
        function donor_word(d, p,    q, n, w, t, tries) {
            for (tries = 0; tries < 4; tries++) {
                q = 1 + (p + tries) % np[d]
                n = split(para[d, q], w, / /)
                for (t = 0; t < n && t < 40; t++) {
                    if (plain(w[1 + (p + t) % n])) return w[1 + (p + t) % n]
                }
            }
            return ""
        }
        # Paragraph q of section s after `swaps` word replacements.
        function perturbed(s, q, c, swaps,    w, n, j, pos, t, d, dw, text) {
            text = para[s, q]
            if (swaps == 0 || text ~ /^[ \t]*(```|~~~)/) return text
            n = split(text, w, / /)
            if (n < 8) return text
            for (j = 1; j <= swaps; j++) {
                pos = (c * 7919 + s * 131 + j * 977) % n
                for (t = 0; t < 10 && !plain(w[1 + (pos + t) % n]); t++) ;
                if (t == 10) continue
                d = 1 + (s + c * 37 + j * 101) % ns
                dw = donor_word(d, c * 13 + j * 7)
                if (dw != "") w[1 + (pos + t) % n] = dw
            }
            text = w[1]
            for (j = 2; j <= n; j++) text = text " " w[j]
            return text
        }
        function section_text(s, c,    n, r, q, k, swaps, text, tally) {
            n = np[s]
            text = para[s, 1] "\n\n"
            if (c == 0 || n < 3) {
                for (q = 2; q <= n; q++) text = text perturbed(s, q, c, 0) "\n\n"
                return text
            }
            r = c % (n - 1)
            swaps = 1 + int(size[s] / 1500)
            tally = 0
            for (k = 0; k < n - 1; k++) {
                q = 2 + (k + r) % (n - 1)
                # Spread the swaps over the first paragraphs long enough to take them.
                if (tally < swaps && length(para[s, q]) > 80) {
                    text = text perturbed(s, q, c, swaps - tally) "\n\n"
                    tally = swaps
                } else {
                    text = text para[s, q] "\n\n"
                }
            }
            return text
        }
        {
            f = $0; ns++; np[ns] = 0; size[ns] = 0; source[ns] = NR; cur = ""; fence = 0
            front = 0; lineno = 0
            while ((getline line < f) > 0) {
                lineno++
                if (lineno == 1 && line == "---") { front = 1; continue }
                if (front) { if (line == "---" || line == "...") front = 0; continue }
                if (!fence && line ~ /^## /) {
                    flush()
                    if (np[ns] > 0) { ns++; np[ns] = 0; size[ns] = 0; source[ns] = NR }
                }
                if (line ~ /^[ \t]*(```|~~~)/) fence = !fence
                if (!fence && line ~ /^[ \t]*$/) { flush(); continue }
                cur = (cur == "" ? line : cur "\n" line)
            }
            close(f); flush()
            if (np[ns] == 0) ns--
        }
        END {
            split("1 2 3 1 2 4 2 3", pattern, " ")
            made = 0
            for (c = 0; made < files; c++) {
                chunk = 0
                for (s = 1; s <= ns && made < files; s = e + 1) {
                    want = pattern[1 + (chunk + c) % 8]
                    for (e = s; e < ns && e - s + 1 < want && source[e + 1] == source[s]; e++) ;
                    if (made % 100 == 0) system("mkdir -p \"" out_dir "/d" int(made / 100) "\"")
                    out = sprintf("%s/d%d/n%d.md", out_dir, int(made / 100), made)
                    text = "---\ntitle: Note " made "\n---\n\n"
                    for (k = s; k <= e; k++) text = text section_text(k, c)
                    printf "%s", text > out
                    close(out)
                    made++; chunk++
                }
            }
        }'
}

# The shipped document's 60 sections, named so a listing keeps document order: tips-01.txt ..
# tips-10.txt (the paragraphs between the front matter and "Top 50 Questions and Answers"),
# q01.txt .. q50.txt (from "Question N:" to the next).
tpm_shipped_sections() {
    mkdir -p "$2"
    awk -v dir="$2" '
        NR == 1 && $0 == "---" { front = 1; next }
        front { if ($0 == "---") front = 0; next }
        /^Top 50 Questions and Answers/ { tips_done = 1; next }
        !tips_done {
            if ($0 ~ /^[ \t]*$/) next
            close(out); out = sprintf("%s/tips-%02d.txt", dir, ++tips); print > out; next
        }
        /^Question [0-9]+:/ {
            close(out); q = $2; sub(/:$/, "", q); out = sprintf("%s/q%02d.txt", dir, q)
        }
        out != "" { print > out }
    ' "$1"
}

# SQL for sqlite3's shell: an FTS5 table t(path, title, body) of the files under DIR, the body
# read with the shell's readfile(), the title the file's first "# " heading, else its first line
# that is neither blank nor front matter. One transaction.
tpm_fts5_sql() {
    printf "CREATE VIRTUAL TABLE t USING fts5(path UNINDEXED, title, body, tokenize = '%s');\n" "$2"
    printf 'BEGIN;\n'
    find "$1" -type f | LC_ALL=C sort | awk '
        function sql(s) { gsub(/\047/, "\047\047", s); return "\047" s "\047" }
        {
            f = $0; title = ""; first = ""; n = 0; front = 0
            while ((getline line < f) > 0 && n < 200) {
                n++
                if (n == 1 && line == "---") { front = 1; continue }
                if (front) { if (line == "---") front = 0; continue }
                if (first == "" && line !~ /^[ \t]*$/) first = line
                if (line ~ /^#+ /) { title = line; sub(/^#+ /, "", title); break }
            }
            close(f)
            if (title == "") title = first
            printf "INSERT INTO t(path, title, body) VALUES(%s, %s, CAST(readfile(%s) AS TEXT));\n",
                sql(f), sql(substr(title, 1, 200)), sql(f)
        }'
    printf 'COMMIT;\n'
}
