#!/bin/sh
# make install-check (run by make test): `make install` with the debug build into a temporary
# folder, through both DESTDIR and PREFIX; checks each file; then `make uninstall` must remove those
# files and no other. Prints make's output only when something fails.
set -eu
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
root=$tmp/stage$prefix
files="bin/hsarchive share/bash-completion/completions/hsarchive share/zsh/site-functions/_hsarchive
share/fish/vendor_completions.d/hsarchive.fish share/man/man1/hsarchive.1"

fail() {
    echo "install-check: $*" >&2
    [ ! -s "$tmp/log" ] || { echo "--- make's output:" >&2; cat "$tmp/log" >&2; }
    exit 1
}
contains() { grep -q -e "$2" "$root/$1" || fail "$1 does not contain '$2'"; }

$make --no-print-directory install CONFIG=debug DESTDIR="$tmp/stage" PREFIX="$prefix" >"$tmp/log" 2>&1 \
    || fail "make install failed"
[ ! -e "$prefix" ] || fail "make install wrote under PREFIX instead of DESTDIR/PREFIX"
for file in $files; do
    [ -s "$root/$file" ] || fail "$file is missing or empty"
done
found=$(cd "$root" && find . -type f | sed 's|^\./||' | sort)
[ "$found" = "$(echo $files | tr ' ' '\n' | sort)" ] || fail "installed files differ from the expected ones: $found"
[ "$(stat -c %a "$root/bin/hsarchive")" = 755 ] || fail "bin/hsarchive is not mode 755"
version=$("$root/bin/hsarchive" --version) && [ -n "$version" ] || fail "bin/hsarchive --version failed"
contains share/bash-completion/completions/hsarchive verify
contains share/zsh/site-functions/_hsarchive '^#compdef hsarchive'
contains share/fish/vendor_completions.d/hsarchive.fish "complete -c 'hsarchive'"
contains share/man/man1/hsarchive.1 '^\.Dt HSARCHIVE 1'
contains share/man/man1/hsarchive.1 '^\.It Em verify'
if command -v bash >/dev/null; then
    bash -c '. "$1" && complete -p hsarchive' sh "$root/share/bash-completion/completions/hsarchive" >/dev/null \
        || fail "the bash completion does not register with complete"
fi

# Files beside them that make install did not write stay.
touch "$root/bin/other" "$root/share/man/man1/other.1"
$make --no-print-directory uninstall DESTDIR="$tmp/stage" PREFIX="$prefix" >"$tmp/log" 2>&1 || fail "make uninstall failed"
left=$(cd "$root" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
[ "$left" = "bin/other share/man/man1/other.1 " ] || fail "after make uninstall: $left(expected bin/other share/man/man1/other.1)"
echo "install-check: make install and make uninstall wrote and removed $(echo $files | wc -w) files ($version)"
