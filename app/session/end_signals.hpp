#pragma once
// The end of a desktop session ends LossLab as closing its window does: logout sends SIGTERM,
// a closed terminal SIGHUP, Ctrl+C SIGINT, and each of them lets the frame loop finish, so the
// session is saved, only the lock is removed, and the exit status is 0.
namespace losslab {

// Installs handlers for SIGTERM, SIGHUP and SIGINT that only record the signal (all a handler
// may safely do). A second signal of the same kind ends the program at once, for a user who
// insists. The frame loop waits at most 0.1 s for input, so it notices within that time.
void catchEndSignals();

// The signal received since catchEndSignals, or 0.
int endSignalReceived();

}  // namespace losslab
