// One computation at a time off the UI thread (app/state/background_job.hpp).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "state/background_job.hpp"

namespace losslab {
namespace {

TEST(BackgroundJob, RunsOneJobAtATimeAndHandsItsResultOverOnce) {
    BackgroundJob<int> job;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    ASSERT_TRUE(job.start([released] {
        released.wait();
        return 42;
    }));
    EXPECT_TRUE(job.busy());
    EXPECT_FALSE(job.start([] { return 7; }));  // still running: refused, nothing queued
    EXPECT_FALSE(job.take());
    release.set_value();
    std::optional<int> result;
    while (!(result = job.take()))
        std::this_thread::yield();
    EXPECT_EQ(*result, 42);
    EXPECT_FALSE(job.take());  // once
    ASSERT_TRUE(job.start([] { return 7; }));
    while (!(result = job.take()))
        std::this_thread::yield();
    EXPECT_EQ(*result, 7);
}

TEST(BackgroundJob, EndsWithItsOwnerWhileAJobRuns) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> finished{false};
    {
        BackgroundJob<int> job;
        job.start([released, &finished] {
            released.wait();
            finished = true;
            return 1;
        });
        release.set_value();
    }  // the destructor waits for the job's thread
    EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace losslab
