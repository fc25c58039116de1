#!/usr/bin/env bash
# Rebuilds vigil/static/vigil from GOV.UK Frontend and MoJ Frontend (docs/adr/0004-frontend.md).
# The output is committed, so only run this after changing frontend/ or upgrading the packages.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci
OUT=../vigil/static/vigil
mkdir -p "$OUT/css" "$OUT/js" "$OUT/images"

npx sass --no-source-map --style=compressed --load-path=node_modules --load-path=. \
  --quiet-deps --silence-deprecation=import --silence-deprecation=global-builtin \
  vigil.scss "$OUT/css/vigil.css"

# ES modules; drop the sourceMappingURL lines (we do not ship maps and
# ManifestStaticFilesStorage would fail on the missing files).
strip_map() { sed -e 's#//\# sourceMappingURL=.*$##' "$1" > "$2"; }
strip_map node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$OUT/js/govuk-frontend.min.js"
strip_map node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js "$OUT/js/moj-frontend.min.js"

# MoJ icons the compiled CSS refers to (never the crown or the crest).
MOJ_IMG=node_modules/@ministryofjustice/frontend/moj/assets/images
for f in icon-document.svg icon-toggle-plus-minus.svg icon-close-cross-black.svg \
         icon-tag-remove-cross.svg icon-tag-remove-cross-white.svg; do
  cp "$MOJ_IMG/$f" "$OUT/images/$f"
done

# Every url() in the CSS must exist, or collectstatic's manifest step fails.
missing=0
for u in $(grep -o 'url([^)]*)' "$OUT/css/vigil.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/["'\'']//g' | sort -u); do
  case "$u" in data:*) continue ;; esac
  [ -f "$OUT/css/$u" ] || { echo "missing asset: $u" >&2; missing=1; }
done
[ "$missing" = 0 ]
du -sh "$OUT"
