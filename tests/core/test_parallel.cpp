// The thread pool (parallel.hpp) and what rests on it: big batches are cut into fixed chunks
// whose results are combined in chunk order, so the number of threads changes no bit of a
// loss, a gradient or a training run (docs/math.md: a run is reproducible from its seed).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "../support/datasets.hpp"
#include "losslab/losses.hpp"
#include "losslab/parallel.hpp"
#include "losslab/trainer.hpp"

namespace losslab {
namespace {

// Sets the pool's size for one test and restores the default afterwards.
class ThreadCount {
  public:
    explicit ThreadCount(int threads) { setThreadCount(threads); }
    ~ThreadCount() { setThreadCount(0); }
};

TEST(Parallel, EveryChunkRunsExactlyOnceOnAnyNumberOfThreads) {
    for (int threads : {1, 2, 3}) {
        ThreadCount count(threads);
        EXPECT_EQ(threadCount(), threads);
        std::vector<std::atomic<int>> calls(37);
        parallelFor(37, [&](std::ptrdiff_t chunk) { ++calls[static_cast<std::size_t>(chunk)]; });
        for (const auto& c : calls)
            EXPECT_EQ(c.load(), 1) << threads << " threads";
    }
}

#ifdef __linux__
int niceOfThisThread() {
    return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
}

// Background threads yield to the UI thread: the pool's threads run at nice 10, and so does a
// thread that asks for it; the thread that calls a loop keeps its own priority.
TEST(Parallel, ThePoolsThreadsRunBelowTheCallersPriority) {
    setThreadCount(3);
    const int callerNice = niceOfThisThread();
    const int background = std::max(callerNice, 10);  // a caller under `nice` keeps its own
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> onPool{0}, poolBelow{0};
    for (int attempt = 0; attempt < 200 && onPool == 0; ++attempt) {
        parallelFor(6, [&](std::ptrdiff_t) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (std::this_thread::get_id() == caller) return;
            ++onPool;
            if (niceOfThisThread() == background) ++poolBelow;
        });
    }
    setThreadCount(0);
    ASSERT_GT(onPool.load(), 0) << "no chunk ran on the pool";
    EXPECT_EQ(poolBelow.load(), onPool.load());
    EXPECT_EQ(niceOfThisThread(), callerNice);
    int asked = -1;
    std::thread([&asked] {
        runBelowInteractivePriority();
        asked = niceOfThisThread();
    }).join();
    EXPECT_EQ(asked, background);
}
#endif

TEST(Parallel, ChunkCountCutsRowsIntoFixedChunks) {
    EXPECT_EQ(chunkCount(0), 1);
    EXPECT_EQ(chunkCount(1), 1);
    EXPECT_EQ(chunkCount(kParallelChunkRows), 1);
    EXPECT_EQ(chunkCount(kParallelChunkRows + 1), 2);
    EXPECT_EQ(chunkCount(10 * kParallelChunkRows), 10);
}

// A loop started inside a loop, and loops started by two threads at once, all finish: the
// one that finds the pool busy runs its chunks itself.
TEST(Parallel, NestedAndConcurrentLoopsFinish) {
    ThreadCount count(2);
    std::atomic<int> inner{0};
    parallelFor(4, [&](std::ptrdiff_t) { parallelFor(3, [&](std::ptrdiff_t) { ++inner; }); });
    EXPECT_EQ(inner.load(), 12);
    std::atomic<int> total{0};
    auto loops = [&] {
        for (int i = 0; i < 200; ++i)
            parallelFor(5, [&](std::ptrdiff_t) { ++total; });
    };
    std::thread other(loops);
    loops();
    other.join();
    EXPECT_EQ(total.load(), 2 * 200 * 5);
}

struct Batch {
    RowMatrix logits;
    IntVec labels;
};

// More rows than a few chunks, the last one short.
Batch randomBatch(Eigen::Index n, int k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 4.0);
    Batch b{RowMatrix(n, k), IntVec(n)};
    for (Eigen::Index r = 0; r < n; ++r) {
        for (int c = 0; c < k; ++c)
            b.logits(r, c) = normal(rng);
        b.labels[r] = static_cast<int>((r * 5 + 3) % k);
    }
    return b;
}

TEST(Parallel, BatchLossIsBitIdenticalOnOneAndTwoThreads) {
    const Batch b = randomBatch(3 * kParallelChunkRows + 123, 7, 3);
    LossOptions o;
    o.smoothing = 0.1;
    o.temperature = 1.7;
    for (Loss loss : kAllLosses) {
        RowMatrix grad1, grad2;
        double value1 = 0.0, value2 = 0.0;
        Vec each1, each2;
        {
            ThreadCount count(1);
            value1 = batchLoss(loss, b.logits, b.labels, o, &grad1);
            each1 = perSampleLoss(loss, b.logits, b.labels, o);
        }
        {
            ThreadCount count(2);
            value2 = batchLoss(loss, b.logits, b.labels, o, &grad2);
            each2 = perSampleLoss(loss, b.logits, b.labels, o);
        }
        EXPECT_EQ(value1, value2) << lossKey(loss);
        EXPECT_TRUE(grad1 == grad2) << lossKey(loss);
        EXPECT_TRUE(each1 == each2) << lossKey(loss);
    }
}

// The chunked mean against the mean of the per-sample losses summed in long double in row
// order: the sums differ only by rounding, at most a few ulp per chunk of the mean
// (documented tolerance: 1e-14 relative).
TEST(Parallel, ChunkedMeanEqualsTheSequentialMean) {
    const Batch b = randomBatch(5 * kParallelChunkRows + 77, 10, 8);
    for (Loss loss : kAllLosses) {
        const Vec each = perSampleLoss(loss, b.logits, b.labels, LossOptions{});
        long double sum = 0.0L;
        for (Eigen::Index r = 0; r < each.size(); ++r)
            sum += each[r];
        const double expected = static_cast<double>(sum / each.size());
        const double mean = batchLoss(loss, b.logits, b.labels, LossOptions{}, nullptr);
        EXPECT_NEAR(mean, expected, 1e-14 * std::abs(expected)) << lossKey(loss);
    }
}

bool sameMeasurements(const std::vector<Measurement>& a, const std::vector<Measurement>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].loss != b[i].loss || a[i].dataLoss != b[i].dataLoss ||
            a[i].accuracy != b[i].accuracy || a[i].gradNorm != b[i].gradNorm ||
            a[i].weightNorm != b[i].weightNorm || a[i].testLoss != b[i].testLoss) {
            return false;
        }
    }
    return true;
}

// The same seeded run on 1 and 2 threads, step for step and bit for bit: linear and rbf
// features, full batch and mini-batches bigger than a chunk, a softmax loss and a hinge.
TEST(Parallel, TrainingIsBitIdenticalOnOneAndTwoThreads) {
    const Dataset data =
        testing::generate(DatasetKind::Blobs, 3 * kParallelChunkRows + 500, 4, 0.8, 21);
    for (FeatureMap features : {FeatureMap::Linear, FeatureMap::Rbf}) {
        for (Loss loss : {Loss::CrossEntropy, Loss::HingeWW}) {
            for (Eigen::Index batch : {Eigen::Index{0}, 2 * kParallelChunkRows + 17}) {
                SCOPED_TRACE(std::string(lossKey(loss)) + (batch ? " mini-batch" : " full") +
                             (features == FeatureMap::Rbf ? " rbf" : " linear"));
                TrainerConfig config;
                config.loss = loss;
                config.features = features;
                config.batchSize = batch;
                config.optimizer = Optimizer::Adam;
                config.init = Initialization::Random;
                config.learningRate = 0.05;
                config.lossOptions.smoothing = 0.05;
                config.seed = 5;
                Trainer one, two;
                {
                    ThreadCount count(1);
                    ASSERT_FALSE(one.reset(config, data, &data).has_value());
                    one.run(12);
                }
                {
                    ThreadCount count(2);
                    ASSERT_FALSE(two.reset(config, data, &data).has_value());
                    two.run(12);
                }
                EXPECT_TRUE(sameMeasurements(one.history(), two.history()));
                EXPECT_TRUE(one.model().weights == two.model().weights);
                EXPECT_TRUE(one.model().bias == two.model().bias);
                EXPECT_GT(one.history().back().accuracy, one.history().front().accuracy);
            }
        }
    }
}

}  // namespace
}  // namespace losslab
