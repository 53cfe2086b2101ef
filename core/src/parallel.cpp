#include "losslab/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cerrno>
#endif

namespace losslab {

namespace {

int defaultThreadCount() {
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Workers sleep until a loop is posted, then take chunks from a shared counter alongside the
// caller. One loop at a time: `busy` is held by the caller for the loop's whole length.
class ThreadPool {
  public:
    explicit ThreadPool(int threads) { resize(threads); }
    ~ThreadPool() { resize(1); }
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int threads() {
        std::lock_guard<std::mutex> lock(busy_);
        return threads_;
    }

    void resize(int threads) {
        std::lock_guard<std::mutex> busy(busy_);
        stopWorkers();
        threads_ = threads;
        // The pool's threads serve background work (a training step, a job over 10⁶ points):
        // when they and the UI thread want the same core, the UI thread goes first.
        for (int i = 1; i < threads; ++i)
            workers_.emplace_back([this] {
                runBelowInteractivePriority();
                work();
            });
    }

    // Returns false (and runs nothing) when another loop holds the pool.
    bool run(std::ptrdiff_t chunks, const std::function<void(std::ptrdiff_t)>& task) {
        std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
        if (!busy.owns_lock()) return false;
        if (workers_.empty()) {
            for (std::ptrdiff_t chunk = 0; chunk < chunks; ++chunk)
                task(chunk);
            return true;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            task_ = &task;
            chunks_ = chunks;
            next_.store(0);
            unfinished_ = chunks;
            ++generation_;
        }
        wake_.notify_all();
        takeChunks(task, chunks);
        std::unique_lock<std::mutex> lock(mutex_);
        // Every worker that saw this loop has left it too: none may take a chunk of the next
        // loop with this loop's task.
        done_.wait(lock, [this] { return unfinished_ == 0 && visiting_ == 0; });
        task_ = nullptr;
        return true;
    }

  private:
    void takeChunks(const std::function<void(std::ptrdiff_t)>& task, std::ptrdiff_t chunks) {
        std::ptrdiff_t finished = 0;
        for (std::ptrdiff_t chunk = next_.fetch_add(1); chunk < chunks;
             chunk = next_.fetch_add(1)) {
            task(chunk);
            ++finished;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        unfinished_ -= finished;
        if (unfinished_ == 0) done_.notify_all();
    }

    void work() {
        std::uint64_t seen = 0;
        for (;;) {
            const std::function<void(std::ptrdiff_t)>* task = nullptr;
            std::ptrdiff_t chunks = 0;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
                if (stop_) return;
                seen = generation_;
                task = task_;
                chunks = chunks_;
                if (task) ++visiting_;
            }
            if (!task) continue;
            takeChunks(*task, chunks);
            std::lock_guard<std::mutex> lock(mutex_);
            --visiting_;
            if (visiting_ == 0) done_.notify_all();
        }
    }

    // Called with busy_ held: no loop is running.
    void stopWorkers() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        for (std::thread& worker : workers_)
            worker.join();
        workers_.clear();
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = false;
    }

    std::mutex busy_;  // held by the caller of a loop, and while the pool is resized
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    std::vector<std::thread> workers_;
    int threads_ = 1;
    bool stop_ = false;
    std::uint64_t generation_ = 0;
    const std::function<void(std::ptrdiff_t)>* task_ = nullptr;
    std::ptrdiff_t chunks_ = 0;
    std::ptrdiff_t unfinished_ = 0;
    int visiting_ = 0;  // workers inside the current loop
    std::atomic<std::ptrdiff_t> next_{0};
};

ThreadPool& pool() {
    static ThreadPool instance(defaultThreadCount());
    return instance;
}

}  // namespace

int threadCount() {
    return pool().threads();
}

void setThreadCount(int threads) {
    pool().resize(threads < 1 ? defaultThreadCount() : threads);
}

std::ptrdiff_t chunkCount(std::ptrdiff_t rows) {
    return std::max<std::ptrdiff_t>(1, (rows + kParallelChunkRows - 1) / kParallelChunkRows);
}

void parallelFor(std::ptrdiff_t chunks, const std::function<void(std::ptrdiff_t chunk)>& task) {
    if (chunks <= 1 || !pool().run(chunks, task)) {
        for (std::ptrdiff_t chunk = 0; chunk < chunks; ++chunk)
            task(chunk);
    }
}

void runBelowInteractivePriority() {
#if defined(__linux__) && defined(SYS_gettid)
    constexpr int kBackgroundNice = 10;
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    // A thread already run at a lower priority (the whole app under `nice`) keeps it.
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && now >= kBackgroundNice) return;
    (void)setpriority(PRIO_PROCESS, tid, kBackgroundNice);
#endif
}

}  // namespace losslab
