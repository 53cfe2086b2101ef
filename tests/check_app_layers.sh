#!/usr/bin/env bash
# The app's folders depend one way (DESIGN.md, "Layout"): core <- state <- panels/cli <- ui <-
# session <- main, with io and plot usable from above them. A file that includes a folder its
# own folder may not see is reported, and the check fails.
# Usage: check_app_layers.sh APP_DIR
set -euo pipefail
app="${1:?usage: check_app_layers.sh APP_DIR}"
declare -A allowed=(
  [plot]="plot"
  [state]="state plot"
  [io]="io state plot"
  [panels]="panels state io plot"
  [cli]="cli io"
  [ui]="ui panels cli state io plot"
  [session]="session ui panels cli state io plot"
)
bad=0
while IFS= read -r file; do
  rel="${file#"$app"/}"
  folder="${rel%%/*}"
  if [[ "$rel" == "$folder" ]]; then
    [[ "$rel" == main.cpp || "$rel" == CMakeLists.txt ]] && continue
    echo "layers: $rel: a source file at the top of app/ belongs in one of its folders"
    bad=1
    continue
  fi
  if [[ -z "${allowed[$folder]+x}" ]]; then
    echo "layers: $rel: '$folder' is not one of the app's folders"
    bad=1
    continue
  fi
  while IFS= read -r include; do
    target="${include%%/*}"
    [[ "$include" == "$target" ]] && { echo "layers: $rel: \"$include\" names no folder"; bad=1; continue; }
    [[ "$target" == losslab ]] && continue  # core
    if [[ " ${allowed[$folder]} " != *" $target "* ]]; then
      echo "layers: $rel includes \"$include\": $folder/ may use only ${allowed[$folder]}"
      bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
done < <(find "$app" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
if [[ $bad -ne 0 ]]; then
  exit 1
fi
echo "layers: every include of app/ points down the layers"
