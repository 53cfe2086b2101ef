#!/usr/bin/env bash
# Window test: the real program under Xvfb opens, draws, takes an xdotool drag on the car
# bar (which must raise the car logit), and exits 0 when asked to quit.
set -euo pipefail
binary="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/session.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
binary="$1"; work="$2"
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"  # never touch the real user's files
"$binary" --size 1600x900 --print-state-on-exit "$work/state.json" > "$work/out.txt" 2>&1 &
pid=$!
window=$(timeout 20 xdotool search --sync --onlyvisible --name '^LossLab$' | head -n 1)
# Let the first frames settle (fonts, layout) even on a loaded machine.
sleep 2
# The car bar sits in the middle third of the Logits plot (left panel, 30 % of the width).
xdotool mousemove --sync 270 250
sleep 0.2
xdotool mousedown 1
for _ in 1 2 3 4 5 6; do xdotool mousemove_relative --sync 0 -10; sleep 0.05; done
sleep 0.2
xdotool mouseup 1
sleep 0.3
# The app may quit on the key press and destroy its window before xdotool sends the key
# release, which xdotool reports as BadWindow: the exit code below is what counts.
xdotool key --window "$window" ctrl+q || true
status=0
wait "$pid" || status=$?
echo "$status" > "$work/exit_code"
INNER
chmod +x "$work/session.sh"

xvfb-run -a -s "-screen 0 1600x900x24" "$work/session.sh" "$binary" "$work"

code=$(cat "$work/exit_code")
if [ "$code" != "0" ]; then
    echo "FAIL: losslab exited with $code"; cat "$work/out.txt"; exit 1
fi
if [ ! -s "$work/state.json" ]; then
    echo "FAIL: no state written on exit"; cat "$work/out.txt"; exit 1
fi
cat "$work/state.json"
python3 - "$work/state.json" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
car = state["logits"][1]
# 60 px up on a 12-unit axis of about 330 px is roughly +2.2; anything clearly above 5.1 proves
# the drag reached the bar, and cat/frog must be untouched.
assert car > 5.6, f"car logit {car} did not rise"
assert state["logits"][0] == 3.2 and state["logits"][2] == -1.7, state["logits"]
print(f"PASS: car logit 5.1 -> {car:.3f}, exit 0")
PY
