#pragma once
// The Training workspace's trainer on a thread of its own, so that the UI thread never waits for
// an optimizer step (a step of 10⁶ rbf points takes a good part of a second).
//
// The worker owns a full TrainingState (its "engine": the points, the settings, the trainer and
// the run) and changes it only on its thread. The UI thread
// - posts every edit as a command, a function applied to the engine: commands are applied in the
//   order they were posted, each exactly once, and between two optimizer steps (an edit posted
//   while a step is in flight is applied before the next step); a command that only restates
//   what the next one sets (a dragged point's position, superseded by the next position) may be
//   dropped while both wait, so that a drag over 10⁶ points does not queue a rebuild a frame;
// - gives steps to play (addSteps): the worker takes them one at a time while no command waits;
// - takes the latest snapshot of the engine after a finished step or command (takeSnapshot).
// Steps are the engine's own (training_edit.hpp: playSteps, trainSteps), so a run on the worker
// is the run of the same edits and steps on one thread, bit for bit.
//
// The worker runs at a lower priority than the UI thread where the system allows it. The
// destructor stops and joins the thread; a command or step in flight finishes first.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "state/training_state.hpp"

namespace losslab {

// An edit applied to the worker's engine.
using TrainingCommand = std::function<void(TrainingState&)>;

// The engine as of a finished command or step: what the UI shows (TrainingState::shown, …).
struct TrainingSnapshot {
    std::uint64_t commands = 0;  // commands applied so far
    TrainerView view;
    TrainingRun run;
    bool trainable = false;
    std::string trainerError;
    std::uint64_t modelRevision = 0;  // the engine's
    std::uint64_t pauses = 0;         // times Play paused by itself (stop rule, divergence)
    std::string stopReason;           // the engine's, as of the last pause
    double stepsPerSecond = 0.0;
};

// For tests: the play steps the worker took before each command and after the last one, so
// that the same edits and steps can be replayed on one thread.
struct TrainingJournal {
    std::vector<long long> playStepsBefore;  // entry i: play steps between commands i−1 and i
    std::vector<bool> superseded;            // entry i: command i was dropped for command i+1
    long long playStepsAfter = 0;            // after the last command
};

class TrainingWorker {
  public:
    TrainingWorker();
    ~TrainingWorker();
    TrainingWorker(const TrainingWorker&) = delete;
    TrainingWorker& operator=(const TrainingWorker&) = delete;

    // Queues an edit; returns the number of commands posted so far. A command with a non-zero
    // `supersedes` key replaces the last queued command when that has the same key and has not
    // started: the two must leave the engine as the later one alone would (absolute values, no
    // steps between them, which there are not while a command waits).
    std::uint64_t post(TrainingCommand command, std::uint64_t supersedes = 0);
    std::uint64_t posted() const;
    // Play: `steps` more optimizer steps, but never more than `maxPending` waiting (a slow
    // trainer then runs flat out instead of piling up frames' worth of work).
    void addSteps(long long steps, long long maxPending);
    // Pause: the steps not yet started are dropped.
    void dropSteps();
    // The latest snapshot not yet taken, if any.
    std::optional<TrainingSnapshot> takeSnapshot();
    // Blocks until every posted command and given step is done and the final state is in a
    // snapshot (tests, lessons that check numbers, saving at exit).
    void waitUntilIdle();
    // Optimizer steps finished by play so far (any thread may ask).
    long long playStepsFinished() const;
    // Starts recording a TrainingJournal (tests); journal() returns it.
    void recordJournal();
    TrainingJournal journal() const;

  private:
    void run();
    bool hasWork() const;     // with mutex_ held
    bool mayPublish() const;  // with mutex_ held: a changed state and room for its snapshot
    TrainingSnapshot snapshotOfEngine();

    TrainingState engine_;  // touched by the worker thread only

    mutable std::mutex mutex_;
    std::condition_variable wake_;  // the worker: work arrived, a snapshot was taken, stop
    std::condition_variable idle_;  // waitUntilIdle: the worker has nothing left to do
    struct Queued {
        TrainingCommand command;
        std::uint64_t supersedes = 0;
        std::uint64_t stands = 1;  // posted commands it stands for (itself and those it replaced)
    };
    std::deque<Queued> queue_;
    std::uint64_t posted_ = 0;
    std::uint64_t applied_ = 0;
    long long pendingSteps_ = 0;
    long long playStepsFinished_ = 0;
    std::uint64_t pauses_ = 0;
    bool busy_ = false;      // a command, step or snapshot is being worked on
    bool changed_ = false;   // the engine changed since the last snapshot
    bool stopping_ = false;  // the destructor asked the thread to end
    std::optional<TrainingSnapshot> mailbox_;
    int idleWaiters_ = 0;  // threads in waitUntilIdle: each snapshot replaces the last
    bool journaling_ = false;
    TrainingJournal journal_;
    // Steps per second, over windows of about half a second.
    std::chrono::steady_clock::time_point rateStart_;
    long long rateSteps_ = 0;
    double stepsPerSecond_ = 0.0;
    std::uint64_t measuredRevision_ = ~std::uint64_t{0};  // engine modelRevision of `current`
    std::optional<Measurement> current_;
    std::thread thread_;  // last: starts after every member above is ready
};

}  // namespace losslab
