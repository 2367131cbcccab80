#!/bin/sh
# The Debian package, as a user gets it: `cpack -G DEB` in the build folder, `apt-get install`
# of the .deb, then, as uid 65534 (nobody) from /tmp with a fresh home, the version, the
# README's search (Q26 and Q40 in the top 3, from the index postinst built, no copy in the
# user's cache), notes indexing and search, and every man page through `man --warnings` at 80
# columns; then `apt-get remove` must leave nothing of the package in /usr.
# Changes the machine: run as root on a machine without tpmsearch installed (CI does, after
# the test suite). Usage: deb_test.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"
! dpkg -s tpmsearch > /dev/null 2>&1 || fail "tpmsearch is installed already; remove it first"
command -v dpkg-shlibdeps > /dev/null || apt-get install -y --no-install-recommends dpkg-dev

(cd "$build" && rm -f tpmsearch_*.deb && cpack -G DEB > cpack.log) || { cat "$build/cpack.log"; fail "cpack"; }
deb=$(ls "$build"/tpmsearch_*.deb)
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KB"
dpkg-deb -f "$deb" Depends

work=$(mktemp -d /tmp/tpmsearch-deb.XXXXXX)
trap 'apt-get remove -y tpmsearch > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
cp "$deb" "$work/"
(cd "$work" && apt-get install -y "./$(basename "$deb")") > "$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install"; }
[ -f /usr/share/tpmsearch/index/iamglass ] || fail "postinst did not build the shipped index"

mkdir -p "$work/home/notes"
printf '# Canary story\n\nSituation: a risky release.\n\nAction: a canary to 1%% of users with an automatic rollback.\n\nResult: no outage.\n' \
    > "$work/home/notes/canary.md"
chmod 755 "$work"
chown -R 65534:65534 "$work/home"
as_nobody() {
    (cd /tmp && setpriv --reuid 65534 --regid 65534 --clear-groups \
        env -i HOME="$work/home" PATH=/usr/bin:/bin "$@")
}
as_nobody tpmsearch --version | grep -q '^tpmsearch [0-9]' || fail "tpmsearch --version"
as_nobody tpmsearch --no-excerpts -n 3 "canary rollback" > "$work/out" 2> "$work/err" ||
    { cat "$work/out" "$work/err"; fail "search as nobody"; }
for id in Q26 Q40; do
    grep -q "^[123]\. $id " "$work/out" || { cat "$work/out"; fail "$id not in the top 3"; }
done
[ ! -e "$work/home/.cache/tpmsearch" ] || fail "the search built its own index instead of the installed one"
as_nobody tpmindex "$work/home/notes" > "$work/out" 2>&1 || { cat "$work/out"; fail "tpmindex as nobody"; }
as_nobody tpmsearch --no-excerpts --source notes canary | grep -q 'canary.md#canary-story' ||
    fail "the note is not found"
for page in man1/tpmsearch.1 man1/tpmindex.1 man5/tpmsearch-json.5 man7/tpmsearch-query.7; do
    warnings=$(MANWIDTH=80 man --warnings -l "/usr/share/man/$page" 2>&1 > /dev/null)
    [ -z "$warnings" ] || fail "man $page: $warnings"
done

apt-get remove -y tpmsearch > "$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get remove"; }
left=$(find /usr -name '*tpmsearch*' -o -name '*tpmindex*')
[ -z "$left" ] || fail "left in /usr after apt-get remove: $left"
echo "PASS: the .deb installs, works as nobody, and removes cleanly"
