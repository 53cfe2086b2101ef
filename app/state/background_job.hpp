#pragma once
// One computation at a time off the UI thread, for a view whose input is large (the scores of
// 10⁶ points, a reliability diagram over them): the UI starts it with copies of its inputs, keeps
// drawing the last result meanwhile ("computing…"), and takes the new one when it is done.
// A job runs on a thread of its own, below the UI thread's priority, which the destructor (or
// the next start) joins.
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "losslab/parallel.hpp"

namespace losslab {

template <class Result>
class BackgroundJob {
  public:
    BackgroundJob() = default;
    // Copies of a panel state start without a job (only the original may be waiting for one).
    BackgroundJob(const BackgroundJob&) {}
    BackgroundJob& operator=(const BackgroundJob&) { return *this; }
    ~BackgroundJob() { join(); }

    // Starts `work` unless a job is still running (then returns false and does nothing).
    bool start(std::function<Result()> work) {
        if (busy()) return false;
        join();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            running_ = true;
        }
        thread_ = std::thread([this, work = std::move(work)] {
            runBelowInteractivePriority();
            Result result = work();
            std::lock_guard<std::mutex> lock(mutex_);
            result_ = std::move(result);
            running_ = false;
        });
        return true;
    }
    bool busy() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return running_;
    }
    // The finished job's result, once.
    std::optional<Result> take() {
        std::optional<Result> taken;
        std::lock_guard<std::mutex> lock(mutex_);
        taken.swap(result_);
        return taken;
    }

  private:
    void join() {
        if (thread_.joinable()) thread_.join();
    }
    mutable std::mutex mutex_;
    bool running_ = false;
    std::optional<Result> result_;
    std::thread thread_;
};

}  // namespace losslab
