#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary prefix, the prefix moved elsewhere, and the
# moved copy run from another working directory must use its own presets and lessons (not the
# source checkout's); the installed .desktop entry, AppStream metainfo and MIME type validate,
# every icon size is in place at its size, and the man page names every subcommand.
# Usage: relocated_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
id=org.losslab.LossLab

cmake --install "$build" --prefix "$work/prefix" > /dev/null
mv "$work/prefix" "$work/moved"
moved="$work/moved"
mkdir "$work/elsewhere"
cd "$work/elsewhere"

fail() { echo "FAIL: $*"; exit 1; }

"$moved/bin/losslab" presets > presets.json
"$moved/bin/losslab" lesson list > lessons.json
python3 - "$moved" "$source" presets.json lessons.json <<'PY'
import json, os, sys
moved, source, presets_path, lessons_path = sys.argv[1:]
presets = json.load(open(presets_path))["presets"]
lessons = json.load(open(lessons_path))["lessons"]
shipped_scenes = sorted(f for f in os.listdir(f"{source}/assets/scenes") if f.endswith(".json"))
shipped_lessons = sorted(f for f in os.listdir(f"{source}/assets/lessons") if f.endswith(".md"))
assert len(presets) == len(shipped_scenes), (len(presets), shipped_scenes)
assert [l["file"] for l in lessons] == shipped_lessons, lessons
for entry, folder in [(p, "scenes") for p in presets] + [(l, "lessons") for l in lessons]:
    path = entry["path"]
    assert path.startswith(f"{moved}/share/losslab/{folder}/"), f"{path} is not in the moved prefix"
    assert os.path.isfile(path), path
    assert "error" not in entry, entry
print(f"PASS: {len(presets)} presets and {len(lessons)} lessons from {moved}/share/losslab")
PY

desktop-file-validate "$moved/share/applications/$id.desktop" || fail "desktop-file-validate"
grep -qx 'Exec=losslab %f' "$moved/share/applications/$id.desktop" || fail "Exec line"
# --strict: a warning fails too (a missing or malformed field, a release without a date).
appstreamcli validate --strict --no-net "$moved/share/metainfo/$id.metainfo.xml" ||
    fail "appstreamcli validate"
# The newest release the metainfo announces is the version the program reports.
version=$("$moved/bin/losslab" --version | sed -n 's/^LossLab //p')
release=$(xmllint --xpath 'string(//releases/release[1]/@version)' "$moved/share/metainfo/$id.metainfo.xml")
[ "$release" = "$version" ] || fail "metainfo release $release is not the program's version $version"
xmllint --noout "$moved/share/mime/packages/$id.xml" || fail "MIME type XML"
echo "PASS: .desktop, metainfo and MIME type validate"

[ -s "$moved/share/icons/hicolor/scalable/apps/$id.svg" ] || fail "no scalable icon"
xmllint --noout "$moved/share/icons/hicolor/scalable/apps/$id.svg" || fail "icon SVG"
for size in 16 32 48 64 128 256; do
    png="$moved/share/icons/hicolor/${size}x${size}/apps/$id.png"
    [ -s "$png" ] || fail "no ${size}px icon"
    python3 - "$png" "$size" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
size = int(sys.argv[2])
assert struct.unpack(">II", data[16:24]) == (size, size), (sys.argv[1], data[16:24])
PY
done
echo "PASS: scalable and 16-256 px icons"

[ -s "$moved/share/man/man1/losslab.1.gz" ] || fail "no man page"
man="$work/losslab.1"
gzip -dc "$moved/share/man/man1/losslab.1.gz" > "$man"
for command in $("$moved/bin/losslab" --help | sed -n '/^Subcommands:/,$s/^  \([a-z-]*\) .*/\1/p'); do
    grep -q "^\.SS \"losslab $command" "$man" || fail "the man page lacks losslab $command"
done
grep -q '^\.B \\-\\-workspace' "$man" || fail "the man page lacks --workspace"
echo "PASS: the man page has every subcommand"
