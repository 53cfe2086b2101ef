// The Training workspace's worker thread (app/state/training_worker.hpp), without GL: a run on
// the worker is the run of the same edits and steps on one thread, bit for bit.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "state/training_edit.hpp"
#include "state/training_worker.hpp"

namespace losslab {
namespace {

// A TrainingState set up as a scene would be: generated points, the given settings.
void setUp(TrainingState& ts, DatasetKind kind, Eigen::Index points, const TrainerConfig& config) {
    ts.generator.kind = kind;
    ts.generator.points = points;
    ts.generator.classes = 3;
    ts.generator.seed = 7;
    ts.config = config;
    startTrainingFromSetup(ts);
}

TrainingState withWorker() {
    TrainingState ts;
    ts.worker = std::make_shared<TrainingWorker>();
    ts.worker->recordJournal();
    return ts;
}

void waitFor(TrainingState& ts) {
    ts.worker->waitUntilIdle();
    syncTrainingWorker(ts);
}

TrainerConfig rbfAdam() {
    TrainerConfig config;
    config.features = FeatureMap::Rbf;
    config.optimizer = Optimizer::Adam;
    config.learningRate = 0.05;
    config.batchSize = 32;  // mini-batches: the seeded shuffles must match too
    config.seed = 3;
    return config;
}

// Steps until `done` play steps have finished (the worker trains meanwhile).
void waitForPlaySteps(const TrainingWorker& worker, long long done) {
    while (worker.playStepsFinished() < done)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// The worker's trainer and run against a state that trained on this thread.
void expectSameRun(const TrainingState& worked, const TrainingState& local) {
    ASSERT_EQ(worked.data.points, local.data.points);
    ASSERT_EQ(worked.data.labels, local.data.labels);
    ASSERT_EQ(worked.isTest, local.isTest);
    ASSERT_EQ(worked.trainable, local.trainable);
    EXPECT_EQ(worked.trainerError, local.trainerError);
    ASSERT_EQ(totalSteps(worked), totalSteps(local));
    ASSERT_EQ(hasWeights(worked), hasWeights(local));
    if (hasWeights(local)) {
        EXPECT_EQ(currentModel(worked).weights, currentModel(local).weights);
        EXPECT_EQ(currentModel(worked).bias, currentModel(local).bias);
    }
    ASSERT_EQ(measurementCount(worked), measurementCount(local));
    for (std::size_t i = 0; i < measurementCount(local); ++i) {
        const Measurement a = measurementAt(worked, i), b = measurementAt(local, i);
        ASSERT_EQ(a.step, b.step) << i;
        ASSERT_EQ(a.loss, b.loss) << "measurement " << i;
        ASSERT_EQ(a.accuracy, b.accuracy) << "measurement " << i;
    }
    EXPECT_EQ(worked.run.dataEdits, local.run.dataEdits);
    EXPECT_EQ(worked.run.path.steps(), local.run.path.steps());
    EXPECT_EQ(trainingDiverged(worked), trainingDiverged(local));
}

TEST(TrainingWorker, SeededRunEqualsTheSynchronousTrainerBitForBit) {
    TrainingState ts = withWorker();
    setUp(ts, DatasetKind::Spiral, 300, rbfAdam());
    constexpr long long kSteps = 120;
    ts.playing = true;
    ts.worker->addSteps(kSteps, kSteps);
    waitFor(ts);
    ASSERT_EQ(totalSteps(ts), kSteps);

    // What `losslab train` does: the core trainer on the same split, step after step.
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(ts.config, ts.train, ts.test.size() > 0 ? &ts.test : nullptr));
    ASSERT_EQ(trainer.run(kSteps), kSteps);
    EXPECT_EQ(currentModel(ts).weights, trainer.model().weights);
    EXPECT_EQ(currentModel(ts).bias, trainer.model().bias);
    ASSERT_EQ(measurementCount(ts), trainer.history().size());
    for (std::size_t i = 0; i < trainer.history().size(); ++i) {
        ASSERT_EQ(measurementAt(ts, i).loss, trainer.history()[i].loss) << "step " << i;
        ASSERT_EQ(measurementAt(ts, i).testLoss, trainer.history()[i].testLoss) << "step " << i;
    }
    // Resting, the worker measured the model itself.
    ASSERT_TRUE(ts.shown.current);
    EXPECT_EQ(ts.shown.current->loss, trainer.measure().loss);
}

TEST(TrainingWorker, AnEditPostedDuringAStepIsAppliedBeforeTheNextStep) {
    TrainingState ts = withWorker();
    TrainerConfig config = rbfAdam();
    config.batchSize = 0;  // full batches of many points: each step takes a while
    setUp(ts, DatasetKind::Blobs, 100000, config);
    ts.playing = true;
    ts.worker->addSteps(1000000, 1000000);
    waitForPlaySteps(*ts.worker, 2);

    const long long finishedBefore = ts.worker->playStepsFinished();
    movePoint(ts, 0, 0.25, -0.5);
    std::atomic<long long> stepsWhenApplied{-1};
    std::atomic<bool> pointMoved{false};
    ts.worker->post([&](TrainingState& engine) {
        stepsWhenApplied = totalSteps(engine);
        pointMoved = engine.data.points(0, 0) == 0.25 && engine.data.points(0, 1) == -0.5;
    });
    settleTraining(ts);
    EXPECT_TRUE(pointMoved);
    // At most the step in flight when the edit was posted finished before it.
    EXPECT_LE(stepsWhenApplied.load(), finishedBefore + 1);
    EXPECT_GE(stepsWhenApplied.load(), finishedBefore);
}

// The same calls on a state without a worker, with the worker's play steps where the journal
// puts them: one UI call each, with the index of the command it posted (or −1).
struct Call {
    std::function<void(TrainingState&)> apply;
    long long command = -1;
    bool replayed = true;  // also when it posted nothing (its effect is this side's only)
};

void replay(const std::vector<Call>& calls, const TrainingJournal& journal, TrainingState& local) {
    auto play = [&](long long steps) {
        for (long long i = 0; i < steps; ++i) {
            local.playing = true;
            playSteps(local, 1);
        }
    };
    for (const Call& call : calls) {
        if (call.command >= 0) {
            ASSERT_LT(static_cast<std::size_t>(call.command), journal.playStepsBefore.size());
            play(journal.playStepsBefore[static_cast<std::size_t>(call.command)]);
        }
        // A move the next move superseded on the worker was never applied there.
        const bool superseded =
            call.command >= 0 && journal.superseded[static_cast<std::size_t>(call.command)];
        if (!superseded && (call.command >= 0 || call.replayed)) call.apply(local);
    }
    play(journal.playStepsAfter);
}

// Applies `apply` to the worker's state and records it for the replay.
// `localOnly`: a call that posts nothing has an effect here all the same (the undo stack); false
// for one whose doing nothing depends on the trainer shown (scaling W before any weights).
void record(TrainingState& ts, std::vector<Call>& calls, std::function<void(TrainingState&)> apply,
            bool localOnly = true) {
    const std::uint64_t before = ts.worker->posted();
    apply(ts);
    const std::uint64_t after = ts.worker->posted();
    ASSERT_LE(after - before, 1u) << "one command per call";
    calls.push_back(
        {std::move(apply), after > before ? static_cast<long long>(before) : -1, localOnly});
}

TEST(TrainingWorker, ResetDuringAStepRestartsTheRunAsOnOneThread) {
    TrainingState ts = withWorker();
    TrainerConfig config = rbfAdam();
    config.batchSize = 0;
    std::vector<Call> calls;
    record(ts, calls, [config](TrainingState& s) { setUp(s, DatasetKind::Blobs, 20000, config); });
    ts.playing = true;
    ts.worker->addSteps(1000000, 1000000);
    waitForPlaySteps(*ts.worker, 3);
    record(ts, calls, [](TrainingState& s) { restartTraining(s); });
    waitForPlaySteps(*ts.worker, ts.worker->playStepsFinished() + 2);
    settleTraining(ts);

    const TrainingJournal journal = ts.worker->journal();
    ASSERT_EQ(journal.playStepsBefore.size(), 2u);
    EXPECT_GE(journal.playStepsBefore[1], 3);  // steps before the reset …
    // … are gone from the run, which counts only the steps after it.
    EXPECT_EQ(totalSteps(ts), journal.playStepsAfter);
    EXPECT_TRUE(ts.run.dataEdits.empty());
    TrainingState local;
    replay(calls, journal, local);
    expectSameRun(ts, local);
}

TEST(TrainingWorker, ADragQueuedBehindAnEditCollapsesIntoItsLastPosition) {
    TrainingState ts = withWorker();
    std::vector<Call> calls;
    record(ts, calls, [](TrainingState& s) { setUp(s, DatasetKind::Blobs, 200, rbfAdam()); });
    // Hold the worker inside a command while the drag's moves arrive.
    std::atomic<bool> release{false};
    ts.worker->post([&release](TrainingState&) {
        while (!release)
            std::this_thread::yield();
    });
    calls.push_back({[](TrainingState&) {}, static_cast<long long>(ts.worker->posted()) - 1});
    record(ts, calls, [](TrainingState& s) { beginPointEdit(s); });
    constexpr int kMoves = 30;
    for (int m = 1; m <= kMoves; ++m) {
        record(ts, calls, [m](TrainingState& s) { movePoint(s, 3, 0.01 * m, -0.02 * m); });
    }
    // Another point's move is not superseded by this one's, nor the other way round.
    record(ts, calls, [](TrainingState& s) { movePoint(s, 4, 0.5, 0.5); });
    record(ts, calls, [](TrainingState& s) { movePoint(s, 3, 1.0, 1.0); });
    release = true;
    settleTraining(ts);
    EXPECT_FALSE(trainingLags(ts));  // every posted command counts as done

    const TrainingJournal journal = ts.worker->journal();
    ASSERT_EQ(journal.superseded.size(), ts.worker->posted());
    int superseded = 0;
    for (bool s : journal.superseded)
        superseded += s ? 1 : 0;
    EXPECT_EQ(superseded, kMoves - 1);  // the first 29 positions of the drag
    TrainingState local;
    replay(calls, journal, local);
    expectSameRun(ts, local);
    EXPECT_EQ(local.data.points(3, 0), 1.0);
    EXPECT_EQ(local.data.points(4, 1), 0.5);
}

TEST(TrainingWorker, RandomEditsEveryFrameEndAsTheSameEditsOnOneThread) {
    TrainingState ts = withWorker();
    std::vector<Call> calls;
    TrainerConfig start;
    start.learningRate = 0.5;
    record(ts, calls, [start](TrainingState& s) { setUp(s, DatasetKind::Blobs, 60, start); });
    std::mt19937_64 random(11);
    auto uniform = [&](double lo, double hi) {
        return std::uniform_real_distribution<double>(lo, hi)(random);
    };
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    constexpr int kFrames = 2000;
    int framesPlaying = 0;
    for (int frame = 0; frame < kFrames; ++frame) {
        const int edits = pick(3);
        for (int e = 0; e < edits; ++e) {
            const double x = uniform(-1.5, 1.5), y = uniform(-1.5, 1.5);
            const Eigen::Index n = ts.data.size();
            const Eigen::Index index = n > 0 ? static_cast<Eigen::Index>(random() % n) : 0;
            switch (pick(12)) {
                case 0: {
                    // A drag: a few positions of one point in a frame (the worker may drop all
                    // but the last while they wait).
                    record(ts, calls, [](TrainingState& s) { beginPointEdit(s); });
                    const int moves = 1 + pick(4);
                    for (int m = 0; m < moves; ++m) {
                        const double mx = x + 0.1 * m, my = y - 0.1 * m;
                        record(ts, calls,
                               [index, mx, my](TrainingState& s) { movePoint(s, index, mx, my); });
                    }
                    break;
                }
                case 1: {
                    const int label = pick(4);
                    record(ts, calls, [](TrainingState& s) { beginPointEdit(s); });
                    record(ts, calls,
                           [x, y, label](TrainingState& s) { addPoint(s, x, y, label); });
                    break;
                }
                case 2:
                    if (n > 5) {
                        record(ts, calls, [](TrainingState& s) { beginPointEdit(s); });
                        record(ts, calls, [index](TrainingState& s) { erasePointsAt(s, {index}); });
                    }
                    break;
                case 3:
                    record(ts, calls, [](TrainingState& s) { undoPointEdit(s); });
                    break;
                case 4:
                    record(ts, calls, [](TrainingState& s) { redoPointEdit(s); });
                    break;
                case 5: {
                    TrainerConfig next = ts.config;
                    next.learningRate = uniform(0.01, 1.0);
                    next.optimizer = kAllOptimizers[static_cast<std::size_t>(pick(3))];
                    next.l2 = pick(2) ? 0.0 : 0.01;
                    record(ts, calls, [next](TrainingState& s) { applyTrainerConfig(s, next); });
                    break;
                }
                case 6: {
                    TrainerConfig next = ts.config;
                    next.features = pick(2) ? FeatureMap::Linear : FeatureMap::Rbf;
                    next.seed = static_cast<std::uint64_t>(pick(3) + 1);
                    next.batchSize = pick(2) ? 0 : 8;
                    record(ts, calls, [next](TrainingState& s) { applyTrainerConfig(s, next); });
                    break;
                }
                case 7:
                    record(ts, calls, [](TrainingState& s) { restartTraining(s); });
                    break;
                case 8: {
                    const double factor = pick(2) ? 2.0 : 0.5;
                    record(
                        ts, calls, [factor](TrainingState& s) { scaleWeights(s, factor); }, false);
                    break;
                }
                case 9:
                    record(ts, calls, [](TrainingState& s) { trainSteps(s, 1); });
                    break;
                case 10: {
                    TrainingStopRule rule;
                    rule.lossBelow = pick(2) ? 0.0 : uniform(0.05, 0.5);
                    rule.afterSteps = pick(2) ? 0 : pick(400);
                    record(ts, calls, [rule](TrainingState& s) { setStopRule(s, rule); });
                    break;
                }
                default:
                    record(ts, calls,
                           [f = uniform(0.0, 0.5)](TrainingState& s) { setTestFraction(s, f); });
                    break;
            }
        }
        if (pick(40) == 0) togglePlay(ts);
        if (!ts.playing && pick(4) == 0) togglePlay(ts);
        if (ts.playing) ++framesPlaying;
        ts.stepsPerFrame = 1 + pick(5);
        playFrame(ts);
        syncTrainingWorker(ts);
        // A frame's worth of time for the worker (what it does meanwhile varies from run to
        // run; the journal records it).
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        // What the panels read stays consistent whatever the worker is doing.
        ASSERT_LE(measurementCount(ts) > 0 ? measurementAt(ts, measurementCount(ts) - 1).step : 0,
                  totalSteps(ts));
    }
    settleTraining(ts);
    EXPECT_FALSE(trainingLags(ts));
    const TrainingJournal journal = ts.worker->journal();
    long long playSteps = journal.playStepsAfter;
    for (long long s : journal.playStepsBefore)
        playSteps += s;
    EXPECT_GT(framesPlaying, 0);
    // How many play steps fell between the edits depends on the machine (edits go first, so a
    // busy worker may take none); the Step edits train in any case. Shown in the test's XML.
    RecordProperty("play_steps", static_cast<int>(playSteps));
    TrainingState local;
    replay(calls, journal, local);
    expectSameRun(ts, local);
    EXPECT_EQ(ts.edits.undo.size(), local.edits.undo.size());
    EXPECT_EQ(ts.stopRule, local.stopRule);
}

TEST(TrainingWorker, EndsItsThreadWithWorkLeft) {
    // Destroying the worker while it plays and has commands queued joins its thread: the test
    // ends (and ThreadSanitizer sees no thread left running).
    auto ts = std::make_unique<TrainingState>(withWorker());
    setUp(*ts, DatasetKind::Blobs, 5000, rbfAdam());
    ts->playing = true;
    ts->worker->addSteps(1000000, 1000000);
    for (int i = 0; i < 20; ++i)
        movePoint(*ts, i, 0.1 * i, 0.0);
    ts.reset();
    SUCCEED();
}

// ------------------------------------------------------------------ the stop rule

TEST(TrainingStopRule, PausesPlayWhenTheLossFallsBelowTheThreshold) {
    TrainingState ts;
    TrainerConfig config;
    config.learningRate = 0.5;
    setUp(ts, DatasetKind::Blobs, 200, config);
    TrainingStopRule rule;
    rule.lossBelow = 0.3;
    setStopRule(ts, rule);
    ts.playing = true;
    for (int frame = 0; frame < 1000 && ts.playing; ++frame)
        playSteps(ts, 10);
    ASSERT_FALSE(ts.playing);
    const Measurement last = measurementAt(ts, measurementCount(ts) - 1);
    EXPECT_LT(last.loss, 0.3);
    // The measurement before it was still above: play stopped at the first one below.
    EXPECT_GE(measurementAt(ts, measurementCount(ts) - 2).loss, 0.3);
    EXPECT_NE(ts.stopReason.find("stopped: loss"), std::string::npos) << ts.stopReason;
    EXPECT_NE(ts.stopReason.find("at step " + std::to_string(last.step)), std::string::npos)
        << ts.stopReason;
    // Step still works; Play checks the rule again and pauses at once.
    const long long steps = totalSteps(ts);
    EXPECT_EQ(trainSteps(ts, 1), 1);
    ts.playing = true;
    EXPECT_EQ(playSteps(ts, 5), 0);
    EXPECT_FALSE(ts.playing);
    EXPECT_EQ(totalSteps(ts), steps + 1);
}

TEST(TrainingStopRule, PausesPlayAfterNStepsAndOffMeansOff) {
    TrainingState ts;
    setUp(ts, DatasetKind::Blobs, 100, TrainerConfig{});
    TrainingStopRule rule;
    rule.afterSteps = 37;
    setStopRule(ts, rule);
    ts.playing = true;
    for (int frame = 0; frame < 100 && ts.playing; ++frame)
        playSteps(ts, 5);
    EXPECT_FALSE(ts.playing);
    EXPECT_EQ(totalSteps(ts), 37);
    EXPECT_EQ(ts.stopReason, "stopped: 37 steps reached");
    setStopRule(ts, TrainingStopRule{});
    ts.playing = true;
    EXPECT_EQ(playSteps(ts, 50), 50);
    EXPECT_TRUE(ts.playing);
}

TEST(TrainingStopRule, OnTheWorkerPausesPlayAndSaysWhy) {
    TrainingState ts = withWorker();
    setUp(ts, DatasetKind::Blobs, 100, TrainerConfig{});
    TrainingStopRule rule;
    rule.afterSteps = 25;
    setStopRule(ts, rule);
    ts.playing = true;
    while (ts.playing) {
        playFrame(ts);
        syncTrainingWorker(ts);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    settleTraining(ts);
    EXPECT_EQ(totalSteps(ts), 25);
    EXPECT_EQ(ts.stopReason, "stopped: 25 steps reached");
}

}  // namespace
}  // namespace losslab
