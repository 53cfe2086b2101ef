#!/usr/bin/env bash
# Window test: presenter keys on the real program under Xvfb. F11 makes the window fill the
# screen and F11 again gives the window back its size; H hides the controls; a double-click on
# a panel's title fills the workspace with it; B blanks the screen and the next key only ends
# the blank (so the first Ctrl+Q does not quit, the second does).
set -euo pipefail
binary="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/session.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
binary="$1"; work="$2"
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"  # never touch the real user's files
"$binary" --size 1000x600 --print-state-on-exit "$work/state.json" > "$work/out.txt" 2>&1 &
pid=$!
window=$(timeout 20 xdotool search --sync --onlyvisible --name '^LossLab$' | head -n 1)
sleep 2
geometry() { xdotool getwindowgeometry --shell "$window" | grep -E '^(WIDTH|HEIGHT)=' | tr '\n' ' '; }
# Keys go through XTEST to the focused window (no window manager: focus it once, by a click on
# the menu bar's empty end, where a click does nothing).
xdotool mousemove --sync 900 10 click 1; sleep 0.3
key() { xdotool key "$@"; }
echo "windowed: $(geometry)" >> "$work/log"
key F11; sleep 1
echo "fullscreen: $(geometry)" >> "$work/log"
key F11; sleep 1
echo "back: $(geometry)" >> "$work/log"
key h; sleep 0.3
# The Losses panel's title: right column (62 % of the width), just below the menu bar.
xdotool mousemove --sync 800 31; sleep 0.3
xdotool click --repeat 2 --delay 60 1; sleep 0.5
key b; sleep 0.3
key ctrl+q; sleep 0.5   # ends the blank only
key ctrl+q || true       # quits (the window may already be gone)
status=0
wait "$pid" || status=$?
echo "$status" > "$work/exit_code"
INNER
chmod +x "$work/session.sh"

xvfb-run -a -s "-screen 0 1280x720x24" "$work/session.sh" "$binary" "$work"

code=$(cat "$work/exit_code")
cat "$work/log"
if [ "$code" != "0" ]; then
    echo "FAIL: losslab exited with $code"; cat "$work/out.txt"; exit 1
fi
python3 - "$work/log" "$work/state.json" <<'PY'
import json, re, sys
sizes = {}
for line in open(sys.argv[1]):
    name, rest = line.split(":", 1)
    sizes[name] = tuple(int(v) for v in re.findall(r"=(\d+)", rest))
assert sizes["windowed"] == (1000, 600), sizes
assert sizes["fullscreen"] == (1280, 720), f"F11 did not fill the 1280x720 screen: {sizes}"
assert sizes["back"] == (1000, 600), f"F11 again did not restore the window: {sizes}"
state = json.load(open(sys.argv[2]))
assert state["hide_controls"] is True, state
assert state["focus"] == ["losses"], state
assert state["blank"] is False, state
print("PASS: F11 fills the screen and restores it, H hides the controls, a title's double-click "
      "focuses, B blanks until a key, exit 0")
PY
