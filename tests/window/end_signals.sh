#!/usr/bin/env bash
# Window test: the session ends by a signal as it ends by closing the window. For SIGTERM (what
# logout sends), SIGHUP and SIGINT: the real program under Xvfb, its logits changed by R
# (randomize), gets the signal; it must exit 0, the saved session (autosave.json) must hold the
# changed logits, and the running instance's lock (and its own autosave) must be gone.
set -euo pipefail
binary="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/session.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
binary="$1"; work="$2"
for signal in TERM HUP INT; do
    run="$work/$signal"
    mkdir -p "$run"
    # Never touch the real user's files.
    XDG_CONFIG_HOME="$run/config" XDG_STATE_HOME="$run/state" \
        "$binary" --size 1000x600 --print-state-on-exit "$run/state.json" > "$run/out.txt" 2>&1 &
    pid=$!
    timeout 20 xdotool search --sync --onlyvisible --name '^LossLab$' > /dev/null
    sleep 2
    # Focus the window by a click on the menu bar's empty end (no window manager), then R.
    xdotool mousemove --sync 900 10 click 1; sleep 0.3
    xdotool key r; sleep 0.5
    [ -e "$run/state/losslab/session-$pid.lock" ] && echo yes > "$run/locked_while_running"
    kill "-$signal" "$pid"
    status=0
    wait "$pid" || status=$?
    echo "$status" > "$run/exit_code"
done
INNER
chmod +x "$work/session.sh"

xvfb-run -a -s "-screen 0 1600x900x24" "$work/session.sh" "$binary" "$work"

for signal in TERM HUP INT; do
    run="$work/$signal"
    code=$(cat "$run/exit_code")
    if [ "$code" != "0" ]; then
        echo "FAIL: SIG$signal: losslab exited with $code"; cat "$run/out.txt"; exit 1
    fi
    if [ ! -e "$run/locked_while_running" ]; then
        echo "FAIL: SIG$signal: no lock while the session ran"; exit 1
    fi
    if ls "$run/state/losslab/" | grep -q '^session-'; then
        echo "FAIL: SIG$signal: the session's lock or autosave is still there after a clean end"
        ls -l "$run/state/losslab/"; exit 1
    fi
    python3 - "$signal" "$run/state.json" "$run/state/losslab/autosave.json" <<'PY'
import json, sys
signal, state_path, autosave_path = sys.argv[1:]
state = json.load(open(state_path))
autosave = json.load(open(autosave_path))
logits = autosave["logits"]["values"]
assert state["logits"] != [3.2, 5.1, -1.7], f"R did not randomize the logits: {state['logits']}"
assert logits == state["logits"], f"autosave {logits} != state at exit {state['logits']}"
print(f"PASS: SIG{signal}: exit 0, autosave holds {logits}, lock removed")
PY
done
