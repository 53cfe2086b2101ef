#include "state/training_worker.hpp"

#include <pthread.h>

#include "losslab/parallel.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

constexpr double kRateWindowSeconds = 0.5;

void nameThisThread() {
    // Shown by top -H, perf and debuggers (at most 15 characters).
    pthread_setname_np(pthread_self(), "losslab-train");
}

}  // namespace

TrainingWorker::TrainingWorker()
    : rateStart_(std::chrono::steady_clock::now()), thread_([this] { run(); }) {}

TrainingWorker::~TrainingWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t TrainingWorker::post(TrainingCommand command, std::uint64_t supersedes) {
    std::uint64_t count = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        count = ++posted_;
        if (supersedes != 0 && !queue_.empty() && queue_.back().supersedes == supersedes) {
            queue_.back().command = std::move(command);
            ++queue_.back().stands;
            return count;  // the worker was woken for the command it replaces
        }
        queue_.push_back({std::move(command), supersedes, 1});
    }
    wake_.notify_all();
    return count;
}

std::uint64_t TrainingWorker::posted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return posted_;
}

void TrainingWorker::addSteps(long long steps, long long maxPending) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pendingSteps_ = std::min(pendingSteps_ + steps, std::max(maxPending, 0LL));
    }
    wake_.notify_all();
}

void TrainingWorker::dropSteps() {
    std::lock_guard<std::mutex> lock(mutex_);
    pendingSteps_ = 0;
}

std::optional<TrainingSnapshot> TrainingWorker::takeSnapshot() {
    std::optional<TrainingSnapshot> taken;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        taken.swap(mailbox_);
    }
    // The worker may be holding a newer state for an empty mailbox.
    if (taken) wake_.notify_all();
    return taken;
}

void TrainingWorker::waitUntilIdle() {
    std::unique_lock<std::mutex> lock(mutex_);
    // Meanwhile the newest state replaces an untaken snapshot; the caller takes it afterwards.
    ++idleWaiters_;
    wake_.notify_all();
    idle_.wait(lock, [this] { return !hasWork() && !busy_ && !changed_; });
    --idleWaiters_;
}

bool TrainingWorker::mayPublish() const {
    return changed_ && (!mailbox_ || idleWaiters_ > 0);
}

long long TrainingWorker::playStepsFinished() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return playStepsFinished_;
}

void TrainingWorker::recordJournal() {
    std::lock_guard<std::mutex> lock(mutex_);
    journaling_ = true;
    journal_ = TrainingJournal{};
}

TrainingJournal TrainingWorker::journal() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return journal_;
}

bool TrainingWorker::hasWork() const {
    return !queue_.empty() || pendingSteps_ > 0;
}

TrainingSnapshot TrainingWorker::snapshotOfEngine() {
    const TrainingState& e = engine_;
    TrainingSnapshot s;
    s.view.ready = e.trainer.ready();
    s.view.diverged = e.trainer.diverged();
    s.view.message = e.trainer.message();
    s.view.steps = e.trainer.steps();
    s.view.epochs = e.trainer.epochs();
    if (s.view.ready) s.view.model = e.trainer.model();
    s.view.history = e.trainer.history();
    s.run = e.run;
    s.trainable = e.trainable;
    s.trainerError = e.trainerError;
    s.modelRevision = e.modelRevision;
    s.stopReason = e.stopReason;
    return s;
}

void TrainingWorker::run() {
    nameThisThread();
    runBelowInteractivePriority();  // the UI thread (nice 0) goes first when both want a core
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || hasWork() || mayPublish(); });
        if (stopping_) return;
        busy_ = true;
        if (!queue_.empty()) {
            // Commands first, one at a time: a command posted meanwhile still comes before the
            // next step.
            Queued next = std::move(queue_.front());
            queue_.pop_front();
            if (journaling_) {
                for (std::uint64_t i = 0; i < next.stands; ++i) {
                    journal_.playStepsBefore.push_back(journal_.playStepsAfter);
                    journal_.superseded.push_back(i + 1 < next.stands);
                    journal_.playStepsAfter = 0;
                }
            }
            lock.unlock();
            next.command(engine_);
            // The points' undo history is the UI's; the engine keeps no copies of it.
            engine_.edits = PointEditHistory{};
            lock.lock();
            applied_ += next.stands;
            changed_ = true;
        } else if (pendingSteps_ > 0) {
            --pendingSteps_;
            lock.unlock();
            engine_.playing = true;
            playSteps(engine_, 1);
            const bool paused = !engine_.playing;
            lock.lock();
            ++playStepsFinished_;
            ++rateSteps_;
            if (journaling_) ++journal_.playStepsAfter;
            if (paused) {  // the stop rule, or divergence
                pendingSteps_ = 0;
                ++pauses_;
            }
            changed_ = true;
        }
        const auto now = std::chrono::steady_clock::now();
        const double windowSeconds = std::chrono::duration<double>(now - rateStart_).count();
        if (windowSeconds >= kRateWindowSeconds) {
            stepsPerSecond_ = static_cast<double>(rateSteps_) / windowSeconds;
            rateSteps_ = 0;
            rateStart_ = now;
        }
        if (mayPublish()) {
            const bool idle = !hasWork();
            const std::uint64_t applied = applied_;
            const std::uint64_t pauses = pauses_;
            const double rate = stepsPerSecond_;
            lock.unlock();
            TrainingSnapshot snapshot = snapshotOfEngine();
            // The model's own measurement (a pass over the data) only once training rests;
            // while it plays, the last history entry stands in for it.
            if (idle && engine_.trainer.ready() && measuredRevision_ != engine_.modelRevision) {
                current_ = engine_.trainer.measure();
                measuredRevision_ = engine_.modelRevision;
            }
            if (measuredRevision_ == engine_.modelRevision) snapshot.view.current = current_;
            snapshot.commands = applied;
            snapshot.pauses = pauses;
            snapshot.stepsPerSecond = rate;
            lock.lock();
            mailbox_ = std::move(snapshot);
            changed_ = false;
        }
        busy_ = false;
        if (!hasWork() && !changed_) idle_.notify_all();
    }
}

}  // namespace losslab
