#!/bin/sh
# Compare tools/reference.py with a UTC hsarchive report, byte for byte, with no period and the
# periods below. Usage: tools/reference_crosscheck.sh SECRETS ARCHIVE [HSARCHIVE]
# audit.csv is skipped (the reference writes only file,line,status). Exit status 1 on any difference.
set -u
secrets=$1 archive=$2 hs=${3:-.build/release/hsarchive}
dir=$(mktemp -d) status=0
run() {
    name=$1; shift
    python3 "$(dirname "$0")/reference.py" --secret-file "$secrets" --out "$dir/ref-$name" "$@" "$archive" || exit 2
    HSARCHIVE_TIME_ZONE= "$hs" report "$archive" --secret-file "$secrets" --out "$dir/hs-$name" --time-zone UTC --quiet "$@" 2>/dev/null
    for f in "$dir/ref-$name"/*.csv; do
        b=$(basename "$f")
        [ "$b" = audit.csv ] && continue
        if ! cmp -s "$f" "$dir/hs-$name/$b"; then
            echo "DIFF ($*) $b"; diff "$f" "$dir/hs-$name/$b" | head -20; status=1
        fi
    done
    echo "checked: ${*:-no period}"
}
run none
run p1 --since 2026-10-07 --until 2026-10-10
run p2 --since 2026-10-06 --until 2026-10-08
run p3 --since 2026-10-09
run p4 --until 2026-10-08
run p5 --since 2026-10-09 --until 2026-10-11
run p6 --since 2026-10-08T00:32:07.219Z --until 2026-10-11T00:32:07.219Z
run e1 --since 2026-01-06 --until 2026-01-09
run e2 --since 2026-01-11 --until 2026-01-12
run e3 --since 2026-01-06
run e4 --until 2026-01-09
rm -rf "$dir"
exit $status
