#!/bin/sh
# The issue's bar for `tpmsearch export` as HTML: headless Chromium renders the release-
# engineering sheet of the shipped corpus (with a note of the user's under its questions) to a
# screenshot of an A4 page at 150 dpi and prints it to PDF, on A4 by default and on Letter with
# --paper letter. Both files must hold a real page, and the PDF's pages the paper's size. The
# screenshot stays in BUILD_DIR/tests/export/ to be looked at; its path is printed.
# Exits 77 (skipped) when Chromium is not installed (.ci/run installs it).
# Usage: chromium_test.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP: chromium is not installed (apt-get install --no-install-recommends chromium)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep="$build/tests/export"
mkdir -p "$keep"
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
    XDG_CONFIG_HOME="$work/config" TPMSEARCH_INDEX= TPMSEARCH_CONFIG= TPMSEARCH_OPTS=
mkdir -p "$HOME" "$work/notes"
fail() { echo "FAIL: $*"; exit 1; }

cat > "$work/notes/canary.md" <<'NOTE'
# Canary releases at Acme <script>alert(1)</script>

We send each release to 1% of users, watch error rates and roll back automatically with
feature flags; see [the runbook](http://example.invalid/runbook).
NOTE
"$build/tpmindex" "$work/notes" > /dev/null
"$build/tpmsearch" export --topic release-engineering -o "$work/release.html" 2> "$work/err" ||
    fail "export: $(cat "$work/err")"
"$build/tpmsearch" export --topic release-engineering --paper letter -o "$work/letter.html" \
    2> "$work/err" || fail "export --paper letter: $(cat "$work/err")"
grep -q 'Your notes' "$work/release.html" || fail "no notes under the questions"
grep -q '<script>' "$work/release.html" && fail "a note's tag reached the page"

# The flags of a headless browser on a machine with no network: no background connections.
render() {
    profile=$1
    shift
    timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-pdf-header-footer --user-data-dir="$work/profile-$profile" "$@" > "$work/chromium.log" 2>&1 ||
        { cat "$work/chromium.log"; fail "chromium $*"; }
}
size() { wc -c < "$1" | tr -d ' '; }

shot="$keep/release-engineering.png"
rm -f "$shot"
render shot --window-size=1240,1754 --screenshot="$shot" "file://$work/release.html"
[ -f "$shot" ] || fail "no screenshot"
# A PNG of a page of text: a blank page of that size compresses to a few kilobytes.
[ "$(head -c 8 "$shot" | od -An -c | tr -d ' \n')" = '211PNG\r\n032\n' ] || fail "not a PNG"
[ "$(size "$shot")" -gt 60000 ] || fail "screenshot of $(size "$shot") bytes: a blank page?"

for paper in a4 letter; do
    page="$work/release.html"
    [ "$paper" = letter ] && page="$work/letter.html"
    pdf="$keep/release-engineering-$paper.pdf"
    rm -f "$pdf"
    render "pdf-$paper" --print-to-pdf="$pdf" "file://$page"
    [ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "$paper: not a PDF"
    [ "$(size "$pdf")" -gt 20000 ] || fail "$paper: a PDF of $(size "$pdf") bytes"
    # Every page has the paper's size in points (A4 595 x 842, Letter 612 x 792).
    boxes=$(grep -a -o '/MediaBox \[[^]]*\]' "$pdf" | sort -u)
    case $paper in
        a4) want='/MediaBox \[0 0 59[45][.0-9]* 84[12][.0-9]*\]' ;;
        letter) want='/MediaBox \[0 0 61[12][.0-9]* 79[12][.0-9]*\]' ;;
    esac
    [ -n "$boxes" ] && ! echo "$boxes" | grep -qv "^$want\$" || fail "$paper pages: $boxes"
    echo "$paper PDF: $(echo "$boxes" | head -1), $(grep -a -c '/Type /Page\b' "$pdf") pages: $pdf"
done
echo "screenshot: $shot"
echo "PASS"
