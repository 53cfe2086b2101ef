#!/usr/bin/env bash
# Window test: --screenshot through a real GLFW window on Xvfb writes a PNG of the window size.
set -euo pipefail
binary="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1600x900x24" "$binary" --size 1280x720 --screenshot "$work/window.png"
python3 - "$work/window.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 720), (width, height)
# Not a blank frame: the compressed image data of a UI is far larger than a flat colour's.
idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                for i in [j - 4 for j in range(len(data)) if data[j:j + 4] == b"IDAT"])
raw = zlib.decompress(idat)
assert len(set(raw[1:1 + width * 4 * 50])) > 8, "first rows look blank"
print(f"PASS: {width}x{height} window screenshot, {len(data)} bytes")
PY
