#!/usr/bin/env bash
# The review of a pull request that changes charters, as one Markdown comment on standard output:
# `charter check` of every charter under DIR, then, for each charter that changed since BASE (added,
# changed, renamed or removed), the redline of its changes only, the change summary first.
#
#   docs/ci/charter-review.sh BASE [DIR] > comment.md
#
# BASE is the branch or commit the pull request merges into (origin/main); DIR holds the charters
# (default: charters). The charter binary is `charter` on PATH, or $CHARTER. A redline longer than
# $CHARTER_COMMENT_LIMIT characters (default 60000; a GitHub comment holds 65536) is replaced by the
# term-by-term text report, which is shorter.
#
# Exit codes, as charter's own: 0 every charter passes `check`; 1 a charter has errors (the comment says
# which); 2 the review could not run (no git repository, an unknown BASE, no charter binary).
set -euo pipefail

base=${1:?usage: charter-review.sh BASE [DIR]}
dir=${2:-charters}
charter=${CHARTER:-charter}
limit=${CHARTER_COMMENT_LIMIT:-60000}
export NO_COLOR=1

fail() { echo "charter-review: $*" >&2; exit 2; }
charter=$(command -v "$charter") || fail "no charter binary: put charter on PATH or set CHARTER"
case $charter in /*) ;; *) charter="$PWD/$charter" ;; esac
git rev-parse --git-dir >/dev/null 2>&1 || fail "not inside a git repository"
fork=$(git merge-base "$base" HEAD 2>/dev/null) || fail "no common commit of $base and HEAD: fetch $base first (git fetch origin main)"
[ -d "$dir" ] || fail "no folder $dir: give the folder of the charters as the second argument"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The two sides are named as a reader knows them: BASE/charters/x.toml and HEAD/charters/x.toml.
label=$(printf '%s' "$base" | tr -c 'A-Za-z0-9._/-' '_' | sed 's#\.\.#_#g; s#^/*##')
[ -n "$label" ] && [ "$label" != HEAD ] || label=base
ln -s "$(git rev-parse --show-toplevel)" "$work/HEAD"

echo "# Charter review"
echo
echo "## Check"
echo
status=0
"$charter" check --message-format short "$dir" > "$work/check" 2>&1 || status=$?
[ "$status" -le 1 ] || { cat "$work/check" >&2; fail "charter check could not run"; }
if [ "$status" -eq 0 ]; then
  echo "Every charter under \`$dir\` passes \`charter check\`."
else
  echo "**\`charter check\` found errors:**"
fi
echo
echo '```text'
cat "$work/check"
echo '```'

# One line per changed charter: status, old path, new path (the same but for a rename).
git diff --name-status -M "$fork" -- "$dir" | awk -F '\t' '$NF ~ /\.toml$/ {
  if ($1 ~ /^R/) print "R\t" $2 "\t" $3; else print substr($1, 1, 1) "\t" $2 "\t" $2 }' > "$work/changed"

if [ ! -s "$work/changed" ]; then
  echo
  echo "No charter changed since \`$base\`."
fi

while IFS=$'\t' read -r kind old new; do
  echo
  case "$kind" in
    A) echo "## \`$new\`: a new charter"; continue ;;
    D) echo "## \`$old\`: removed"; continue ;;
    R) echo "## \`$new\` (was \`$old\`)" ;;
    *) echo "## \`$new\`" ;;
  esac
  echo
  mkdir -p "$work/$label/$(dirname "$old")"
  git show "$fork:$old" > "$work/$label/$old"
  sides=("$label/$old" "HEAD/$new")
  diff_status=0
  (cd "$work" && "$charter" diff "${sides[@]}" --format md --changed-only) > "$work/redline.md" 2> "$work/err" || diff_status=$?
  if [ "$diff_status" -eq 2 ]; then
    echo "The redline could not be made:"
    echo
    echo '```text'
    cat "$work/err"
    echo '```'
    continue
  fi
  if [ "$diff_status" -eq 0 ]; then
    echo "No change to its terms or its document."
  elif [ "$(wc -c < "$work/redline.md")" -le "$limit" ]; then
    # The redline's own title is the section's; its other headings move down a level under it.
    sed -e '1{/^# Redline: /d}' -e '2{/^$/d}' -e 's/^\(#\{1,5\}\) /#\1 /' "$work/redline.md"
  else
    echo "The redline is too long for a comment; the changes, term by term:"
    echo
    echo '```text'
    (cd "$work" && "$charter" diff "${sides[@]}" --format text) || true
    echo '```'
  fi
done < "$work/changed"

exit "$status"
