#include "state/training_edit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "losslab/dataset_edit.hpp"
#include "state/training_worker.hpp"

namespace losslab {

namespace {

constexpr double kMaxTestFraction = 0.9;

// With a worker (training_worker.hpp) this state keeps the points and settings, and the trainer's
// part of every edit happens on the worker's copy: `edit` goes there, in order.
bool onWorker(const TrainingState& ts) {
    return ts.worker != nullptr;
}
void forward(TrainingState& ts, TrainingCommand edit, std::uint64_t supersedes = 0) {
    if (ts.worker) ts.worker->post(std::move(edit), supersedes);
}

// A move sets the point's position outright: of two waiting moves of one point only the later
// matters (training_worker.hpp), so a drag queues at most one rebuild of the worker's trainer.
std::uint64_t moveKey(Eigen::Index index) {
    return static_cast<std::uint64_t>(index) + 1;
}

void rebuildSplit(TrainingState& ts) {
    if (ts.isTest.size() != static_cast<std::size_t>(ts.data.size())) {
        ts.isTest = splitMask(ts.data.size(), ts.testFraction, ts.splitSeed);
    }
    splitByMask(ts.data, ts.isTest, &ts.train, &ts.test);
}

bool fits(const LinearClassifier& model, int classes, FeatureMap features) {
    return model.classes() == classes && model.dimension() == featureDimension(features) &&
           model.bias.size() == classes;
}

// Marks the step where the data or settings changed (a curve marker), once per step.
void markRestart(TrainingRun& run) {
    if (run.dataEdits.empty() || run.dataEdits.back() != run.stepOffset) {
        run.dataEdits.push_back(run.stepOffset);
    }
}

// Moves the trainer's history into the run's archive and advances the step offset, before
// the trainer is rebuilt. Only a trainer that holds the current run has anything to archive.
void archiveSegment(TrainingState& ts) {
    if (!ts.trainable || onWorker(ts)) return;
    for (Measurement m : ts.trainer.history()) {
        m.step += ts.run.stepOffset;
        // Steps increase across segments; the archive thins itself as it fills.
        ts.run.archived.append(m.step, m);
    }
    ts.run.stepOffset += ts.trainer.steps();
}

// Rebuilds the trainer on the current split and settings. With `startFrom`, training continues
// from those weights (a model with fewer classes gets zero rows for the new ones).
void rebuildTrainer(TrainingState& ts, const std::optional<LinearClassifier>& startFrom) {
    if (onWorker(ts)) return;  // the worker rebuilds its own
    const Dataset* test = ts.test.size() > 0 ? &ts.test : nullptr;
    ts.trainer.setHistoryCapacity(kCurveHistoryCapacity);
    if (auto error = ts.trainer.reset(ts.config, ts.train, test)) {
        ts.trainable = false;
        ts.trainerError = ts.data.size() == 0
                              ? "No points: click in the plot to add some, or Regenerate."
                              : *error;
        ts.playing = false;
        ++ts.modelRevision;
        return;
    }
    ts.trainable = true;
    ts.trainerError.clear();
    const int classes = ts.data.classes;
    if (startFrom && startFrom->dimension() == featureDimension(ts.config.features) &&
        startFrom->classes() <= classes && startFrom->classes() > 0) {
        LinearClassifier model = LinearClassifier::zeros(classes, startFrom->dimension());
        model.weights.topRows(startFrom->classes()) = startFrom->weights;
        model.bias.head(startFrom->classes()) = startFrom->bias;
        ts.trainer.setModel(model);
    }
    ts.run.path.record(ts.run.stepOffset, packParameters(ts.trainer.model()));
    ++ts.modelRevision;
}

// The weights worth continuing from: the trainer's, when it has any.
std::optional<LinearClassifier> currentWeights(const TrainingState& ts) {
    if (!hasWeights(ts)) return std::nullopt;
    return currentModel(ts);
}

void coldRestart(TrainingState& ts) {
    ts.run = TrainingRun{};
    // Nothing to archive. (A worker's snapshot says when its trainer is ready again.)
    if (!onWorker(ts)) ts.trainable = false;
    rebuildSplit(ts);
    std::optional<LinearClassifier> start;
    if (ts.pendingModel && fits(*ts.pendingModel, ts.data.classes, ts.config.features)) {
        start = ts.pendingModel;
    }
    ts.pendingModel.reset();
    rebuildTrainer(ts, start);
}

// A point's row in the training set or the test set.
struct SplitRow {
    bool test = false;
    Eigen::Index row = 0;
};

// After point `moved` moved (and nothing else changed): its row of the training or test set
// moves with it, instead of both sets being copied again (10⁶ points: ~10 ms a frame of a drag).
// Returns the row, or nothing when the sets had to be made again.
std::optional<SplitRow> moveInSplit(TrainingState& ts, Eigen::Index moved) {
    const auto n = static_cast<std::size_t>(ts.data.size());
    const auto index = static_cast<std::size_t>(moved);
    if (ts.isTest.size() != n || index >= n) {
        rebuildSplit(ts);
        return std::nullopt;
    }
    // The sets keep the points' order (splitByMask): the row is the count of the point's own
    // kind before it.
    const bool test = ts.isTest[index] != 0;
    const auto row = static_cast<Eigen::Index>(
        std::count_if(ts.isTest.begin(), ts.isTest.begin() + static_cast<std::ptrdiff_t>(index),
                      [test](std::uint8_t t) { return (t != 0) == test; }));
    Dataset& set = test ? ts.test : ts.train;
    if (row >= set.size()) {
        rebuildSplit(ts);
        return std::nullopt;
    }
    set.points.row(row) = ts.data.points.row(moved);
    return SplitRow{test, row};
}

// `moved` ≥ 0: the only change was that point's position. The trainer then computes the
// features of that point alone (Trainer::movePoint), not of all 10⁶.
void warmRestart(TrainingState& ts, Eigen::Index moved = -1) {
    const std::optional<LinearClassifier> weights = currentWeights(ts);
    archiveSegment(ts);
    markRestart(ts.run);
    if (moved < 0) {
        rebuildSplit(ts);
    } else if (const std::optional<SplitRow> at = moveInSplit(ts, moved);
               at && !onWorker(ts) && ts.trainable && ts.trainer.ready() &&
               !ts.trainer.movePoint(at->test, at->row, ts.data.points(moved, 0),
                                     ts.data.points(moved, 1))) {
        // As rebuildTrainer from the same weights would leave it.
        ts.run.path.record(ts.run.stepOffset, packParameters(ts.trainer.model()));
        ++ts.modelRevision;
        return;
    }
    rebuildTrainer(ts, weights);
}

// The generator's N and K sliders describe the points on screen: after the user added or
// erased points (or a class), they show the dataset's size and class count, and Regenerate
// starts from those. The toy has its fixed nine points.
void syncGeneratorToData(TrainingState& ts) {
    if (ts.generator.kind == DatasetKind::Toy3) return;
    if (ts.data.size() >= 2) {
        ts.generator.points = std::clamp<Eigen::Index>(ts.data.size(), 2, kMaxDatasetPoints);
    }
    ts.generator.classes = std::clamp(ts.data.classes, kMinClasses, kMaxGeneratedClasses);
}

void pointsChanged(TrainingState& ts) {
    ++ts.dataRevision;
    syncGeneratorToData(ts);
    warmRestart(ts);
}

PointSet snapshot(const TrainingState& ts) {
    return {ts.data, ts.isTest};
}

void pushUndo(std::vector<PointSet>& stack, PointSet set) {
    stack.push_back(std::move(set));
    Eigen::Index held = 0;
    for (const PointSet& entry : stack)
        held += entry.data.size();
    // The oldest entries go first; the newest always stays.
    while (stack.size() > 1 &&
           (stack.size() > PointEditHistory::kMaxEntries || held > PointEditHistory::kMaxPoints)) {
        held -= stack.front().data.size();
        stack.erase(stack.begin());
    }
}

void restore(TrainingState& ts, PointSet set) {
    const int before = ts.data.classes;
    ts.data = std::move(set.data);
    ts.isTest = std::move(set.isTest);
    ts.currentClass = std::min(ts.currentClass, std::max(ts.data.classes - 1, 0));
    if (ts.data.classes < before) {
        // The weights have more rows than classes now: start again.
        ++ts.dataRevision;
        syncGeneratorToData(ts);
        coldRestart(ts);
        return;
    }
    pointsChanged(ts);
}

}  // namespace

void ensureTrainingReady(AppState& state) {
    TrainingState& ts = state.training;
    const bool sceneChanged = ts.seenSceneRevision != state.sceneRevision;
    if (ts.initialized && !sceneChanged) return;
    ts.seenSceneRevision = state.sceneRevision;
    startTrainingFromSetup(ts);
}

void startTrainingFromSetup(TrainingState& ts) {
    ts.initialized = true;
    ts.playing = false;
    ts.edits = PointEditHistory{};
    if (ts.data.size() == 0 || ts.data.classes < kMinClasses) {
        if (ts.generator.kind == DatasetKind::Toy3) ts.generator.classes = 3;
        Dataset generated;
        if (generateDataset(ts.generator, &generated)) {
            ts.generator = GeneratorOptions{};
            generateDataset(ts.generator, &generated);
        }
        ts.data = std::move(generated);
    }
    ts.isTest = splitMask(ts.data.size(), ts.testFraction, ts.splitSeed);
    ts.currentClass = std::min(ts.currentClass, ts.data.classes - 1);
    if (checkTrainerConfig(ts.config)) ts.config = TrainerConfig{};
    ts.stopReason.clear();
    ++ts.dataRevision;
    ++ts.configRevision;
    forward(ts, [generator = ts.generator, testFraction = ts.testFraction, splitSeed = ts.splitSeed,
                 data = ts.data, isTest = ts.isTest, config = ts.config,
                 pendingModel = ts.pendingModel, stopRule = ts.stopRule](TrainingState& engine) {
        engine.initialized = true;
        engine.generator = generator;
        engine.testFraction = testFraction;
        engine.splitSeed = splitSeed;
        engine.data = data;
        engine.isTest = isTest;
        engine.config = config;
        engine.pendingModel = pendingModel;
        engine.stopRule = stopRule;
        engine.stopReason.clear();
        ++engine.dataRevision;
        coldRestart(engine);
    });
    coldRestart(ts);
}

std::optional<std::string> regenerateDataset(TrainingState& ts) {
    GeneratorOptions options = ts.generator;
    if (options.kind == DatasetKind::Toy3) options.classes = 3;
    Dataset generated;
    if (auto error = generateDataset(options, &generated)) return error;
    forward(ts, [options](TrainingState& engine) {
        engine.generator = options;
        regenerateDataset(engine);
    });
    pushUndo(ts.edits.undo, snapshot(ts));
    ts.edits.redo.clear();
    ts.generator = options;
    ts.data = std::move(generated);
    ts.isTest = splitMask(ts.data.size(), ts.testFraction, ts.splitSeed);
    ts.currentClass = std::min(ts.currentClass, ts.data.classes - 1);
    ++ts.dataRevision;
    coldRestart(ts);
    return std::nullopt;
}

void clearPoints(TrainingState& ts) {
    forward(ts, [](TrainingState& engine) { clearPoints(engine); });
    beginPointEdit(ts);
    const int classes = ts.data.classes;
    ts.data = Dataset{};
    ts.data.classes = classes;
    ts.data.points.resize(0, 2);
    ts.isTest.clear();
    pointsChanged(ts);
}

void setTestFraction(TrainingState& ts, double fraction) {
    forward(ts, [fraction](TrainingState& engine) { setTestFraction(engine, fraction); });
    ts.testFraction = std::clamp(fraction, 0.0, kMaxTestFraction);
    ts.isTest = splitMask(ts.data.size(), ts.testFraction, ts.splitSeed);
    pointsChanged(ts);
}

void beginPointEdit(TrainingState& ts) {
    pushUndo(ts.edits.undo, snapshot(ts));
    ts.edits.redo.clear();
}

Eigen::Index addPoint(TrainingState& ts, double x, double y, int label, bool test) {
    if (label < 0 || label >= kMaxTrainingClasses) return -1;
    forward(ts,
            [x, y, label, test](TrainingState& engine) { addPoint(engine, x, y, label, test); });
    if (label >= ts.data.classes) ts.data.classes = std::max(label + 1, kMinClasses);
    if (ts.data.points.cols() != 2) ts.data.points.resize(ts.data.size(), 2);
    const Eigen::Index index = appendPoint(&ts.data, x, y, label);
    ts.isTest.push_back(test ? 1 : 0);
    pointsChanged(ts);
    return index;
}

void movePoint(TrainingState& ts, Eigen::Index index, double x, double y) {
    if (index < 0 || index >= ts.data.size()) return;
    if (ts.data.points(index, 0) == x && ts.data.points(index, 1) == y) return;
    forward(
        ts, [index, x, y](TrainingState& engine) { movePoint(engine, index, x, y); },
        moveKey(index));
    const bool sameDrag = ts.movingPoint == index && ts.movingUntil == ts.dataRevision;
    if (!sameDrag) {
        ts.movingPoint = index;
        ts.movingSince = ts.dataRevision;
    }
    ts.data.points(index, 0) = x;
    ts.data.points(index, 1) = y;
    // pointsChanged without its generator sync: a move changes neither N nor K.
    ++ts.dataRevision;
    warmRestart(ts, index);
    ts.movingUntil = ts.dataRevision;
}

std::shared_ptr<const PointsSnapshot> sharedPoints(TrainingState& ts) {
    if (!ts.pointsSnapshot || ts.pointsSnapshot->dataRevision != ts.dataRevision) {
        auto snapshot = std::make_shared<PointsSnapshot>();
        snapshot->dataRevision = ts.dataRevision;
        snapshot->data = ts.data;
        snapshot->isTest = ts.isTest;
        ts.pointsSnapshot = std::move(snapshot);
    }
    return ts.pointsSnapshot;
}

Eigen::Index pointBeingMoved(const TrainingState& ts, std::uint64_t* othersRevision) {
    const bool moving =
        ts.movingPoint >= 0 && ts.movingPoint < ts.data.size() && ts.movingUntil == ts.dataRevision;
    *othersRevision = moving ? ts.movingSince : ts.dataRevision;
    return moving ? ts.movingPoint : -1;
}

void erasePointsAt(TrainingState& ts, const std::vector<Eigen::Index>& indices) {
    if (indices.empty()) return;
    forward(ts, [indices](TrainingState& engine) { erasePointsAt(engine, indices); });
    erasePoints(&ts.data, indices, &ts.isTest);
    pointsChanged(ts);
}

bool undoPointEdit(TrainingState& ts) {
    if (ts.edits.undo.empty()) return false;
    PointSet previous = std::move(ts.edits.undo.back());
    ts.edits.undo.pop_back();
    pushUndo(ts.edits.redo, snapshot(ts));
    forward(ts, [set = previous](TrainingState& engine) { restore(engine, set); });
    restore(ts, std::move(previous));
    return true;
}

bool redoPointEdit(TrainingState& ts) {
    if (ts.edits.redo.empty()) return false;
    PointSet next = std::move(ts.edits.redo.back());
    ts.edits.redo.pop_back();
    pushUndo(ts.edits.undo, snapshot(ts));
    forward(ts, [set = next](TrainingState& engine) { restore(engine, set); });
    restore(ts, std::move(next));
    return true;
}

std::optional<std::string> loadPointsFile(TrainingState& ts, const std::string& path) {
    Dataset loaded;
    if (auto error = loadPointsCsv(path, 0, &loaded)) return error;
    if (loaded.classes > kMaxTrainingClasses) {
        return path + ": " + std::to_string(loaded.classes) +
               " classes; the Training workspace shows at most " +
               std::to_string(kMaxTrainingClasses);
    }
    beginPointEdit(ts);
    PointSet set{std::move(loaded), {}};
    set.isTest = splitMask(set.data.size(), ts.testFraction, ts.splitSeed);
    forward(ts, [set](TrainingState& engine) { restore(engine, set); });
    restore(ts, std::move(set));
    return std::nullopt;
}

std::optional<std::string> savePointsFile(const TrainingState& ts, const std::string& path) {
    return savePointsCsv(path, ts.data);
}

void restartTraining(TrainingState& ts) {
    forward(ts, [](TrainingState& engine) { restartTraining(engine); });
    ts.stopReason.clear();
    ts.notice = "Training restarted from the initial weights.";
    coldRestart(ts);
}

std::optional<std::string> applyTrainerConfig(TrainingState& ts, const TrainerConfig& next) {
    if (auto error = checkTrainerConfig(next)) return error;
    forward(ts, [next](TrainingState& engine) { applyTrainerConfig(engine, next); });
    const TrainerConfig& now = ts.config;
    const char* coldReason = nullptr;
    if (next.features != now.features) {
        coldReason = "Features changed";
    } else if (next.features == FeatureMap::Rbf && next.rbfWidth != now.rbfWidth) {
        coldReason = "RBF width changed";
    } else if (next.init != now.init) {
        coldReason = "Initialization changed";
    } else if (next.seed != now.seed) {
        coldReason = "Seed changed";
    }
    ts.config = next;
    ++ts.configRevision;
    if (coldReason) {
        ts.notice = std::string(coldReason) + ": restarted from the initial weights.";
        coldRestart(ts);
    } else {
        ts.notice = "Training continues from the current weights (optimizer state reset).";
        warmRestart(ts);
    }
    return std::nullopt;
}

bool scaleWeights(TrainingState& ts, double factor) {
    std::optional<LinearClassifier> weights = currentWeights(ts);
    if (!weights || !std::isfinite(factor) || factor <= 0.0) return false;
    forward(ts, [factor](TrainingState& engine) { scaleWeights(engine, factor); });
    // Every score c·(Wx + b): the decision regions stay, the margins grow by c.
    weights->weights *= factor;
    weights->bias *= factor;
    archiveSegment(ts);
    markRestart(ts.run);
    rebuildTrainer(ts, weights);
    char notice[96];
    std::snprintf(notice, sizeof notice, "W scaled by %g; training continues from there.", factor);
    ts.notice = notice;
    return true;
}

long long trainSteps(TrainingState& ts, long long count, double budgetMs) {
    if (onWorker(ts)) {
        forward(ts, [count](TrainingState& engine) { trainSteps(engine, count); });
        return 0;
    }
    if (!ts.trainable) return 0;
    const auto start = std::chrono::steady_clock::now();
    long long done = 0;
    while (done < count && ts.trainer.step()) {
        ++done;
        const long long step = totalSteps(ts);
        if (ts.run.path.wants(step)) ts.run.path.record(step, packParameters(ts.trainer.model()));
        if (budgetMs > 0) {
            const double elapsed =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            if (elapsed > budgetMs) break;
        }
    }
    if (ts.trainer.diverged()) {
        ts.playing = false;
        // The trainer undid the update whose loss overflowed; the path forgets it too (the
        // landscape would fit its window to it).
        ts.run.path.dropLastAt(totalSteps(ts) + 1);
    }
    if (done > 0 || ts.trainer.diverged()) ++ts.modelRevision;
    return done;
}

std::optional<std::string> stopRuleReached(const TrainingState& ts) {
    const TrainingStopRule& rule = ts.stopRule;
    char text[128];
    if (rule.afterSteps > 0 && totalSteps(ts) >= rule.afterSteps) {
        std::snprintf(text, sizeof text, "stopped: %lld steps reached", rule.afterSteps);
        return std::string(text);
    }
    const std::size_t count = measurementCount(ts);
    if (rule.lossBelow > 0.0 && count > 0) {
        // The last measurement of the run: the training loss before the latest update.
        const Measurement last = measurementAt(ts, count - 1);
        if (last.loss < rule.lossBelow) {
            std::snprintf(text, sizeof text, "stopped: loss %.3g < %g at step %lld", last.loss,
                          rule.lossBelow, last.step);
            return std::string(text);
        }
    }
    return std::nullopt;
}

long long playSteps(TrainingState& ts, long long count, double budgetMs) {
    if (!ts.trainable) {
        ts.playing = false;
        return 0;
    }
    const auto start = std::chrono::steady_clock::now();
    long long done = 0;
    while (done < count) {
        if (auto reason = stopRuleReached(ts)) {
            ts.playing = false;
            ts.stopReason = *reason;
            break;
        }
        if (trainSteps(ts, 1) == 0) break;
        ++done;
        const double elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        if (budgetMs > 0 && elapsed > budgetMs) break;
    }
    return done;
}

void playFrame(TrainingState& ts) {
    if (!ts.playing) return;
    if (!onWorker(ts)) {
        playSteps(ts, ts.stepsPerFrame, kTrainingFrameBudgetMs);
        return;
    }
    // A frame's steps, with at most two frames' worth waiting: a trainer slower than the frames
    // runs flat out, and Pause stops it within a step.
    ts.worker->addSteps(ts.stepsPerFrame, 2LL * ts.stepsPerFrame);
}

void setStopRule(TrainingState& ts, const TrainingStopRule& rule) {
    forward(ts, [rule](TrainingState& engine) { setStopRule(engine, rule); });
    ts.stopRule = rule;
}

void togglePlay(TrainingState& ts) {
    ts.playing = !ts.playing && ts.trainable && !trainingDiverged(ts);
    if (ts.playing) ts.stopReason.clear();
    if (!ts.playing && ts.worker) ts.worker->dropSteps();
}

void pauseTraining(TrainingState& ts) {
    ts.playing = false;
    if (ts.worker) ts.worker->dropSteps();
}

void syncTrainingWorker(TrainingState& ts) {
    if (!ts.worker) return;
    std::optional<TrainingSnapshot> snapshot = ts.worker->takeSnapshot();
    if (!snapshot) return;
    ts.shown = std::move(snapshot->view);
    ts.run = std::move(snapshot->run);
    ts.trainable = snapshot->trainable;
    ts.trainerError = std::move(snapshot->trainerError);
    ts.shownCommands = snapshot->commands;
    ts.stepsPerSecond = snapshot->stepsPerSecond;
    if (snapshot->modelRevision != ts.shownModelRevision) {
        ts.shownModelRevision = snapshot->modelRevision;
        ++ts.modelRevision;
    }
    if (snapshot->pauses != ts.shownPauses) {
        ts.shownPauses = snapshot->pauses;
        ts.playing = false;
        ts.stopReason = snapshot->stopReason;
    }
}

void settleTraining(TrainingState& ts) {
    if (!ts.worker) return;
    ts.worker->dropSteps();
    ts.worker->waitUntilIdle();
    syncTrainingWorker(ts);
}

bool trainingLags(const TrainingState& ts) {
    return ts.worker && ts.shownCommands < ts.worker->posted();
}

bool hasWeights(const TrainingState& ts) {
    return onWorker(ts) ? ts.shown.ready : ts.trainer.ready();
}

const LinearClassifier& currentModel(const TrainingState& ts) {
    return onWorker(ts) ? ts.shown.model : ts.trainer.model();
}

bool trainingDiverged(const TrainingState& ts) {
    return onWorker(ts) ? ts.shown.diverged : ts.trainer.diverged();
}

const std::string& trainingMessage(const TrainingState& ts) {
    return onWorker(ts) ? ts.shown.message : ts.trainer.message();
}

long long trainingEpochs(const TrainingState& ts) {
    if (!ts.trainable) return 0;
    return onWorker(ts) ? ts.shown.epochs : ts.trainer.epochs();
}

std::optional<Measurement> measureModel(TrainingState& ts) {
    if (!hasWeights(ts)) return std::nullopt;
    if (!onWorker(ts)) return ts.trainer.measure();
    if (ts.shown.current) return ts.shown.current;
    // While the worker trains: the latest measurement of the run, one update behind.
    const std::size_t count = measurementCount(ts);
    if (count == 0) return std::nullopt;
    return measurementAt(ts, count - 1);
}

namespace {
long long segmentSteps(const TrainingState& ts) {
    if (!ts.trainable) return 0;
    return onWorker(ts) ? ts.shown.steps : ts.trainer.steps();
}
const std::vector<Measurement>& segmentHistory(const TrainingState& ts) {
    return onWorker(ts) ? ts.shown.history : ts.trainer.history();
}
}  // namespace

long long totalSteps(const TrainingState& ts) {
    return ts.run.stepOffset + segmentSteps(ts);
}

std::size_t measurementCount(const TrainingState& ts) {
    return ts.run.archived.size() + (ts.trainable ? segmentHistory(ts).size() : 0);
}

Measurement measurementAt(const TrainingState& ts, std::size_t index) {
    if (index < ts.run.archived.size()) return ts.run.archived.values()[index];
    Measurement m = segmentHistory(ts)[index - ts.run.archived.size()];
    m.step += ts.run.stepOffset;
    return m;
}

const LinearClassifier* displayModel(const TrainingState& ts) {
    if (!hasWeights(ts)) return nullptr;
    const LinearClassifier& model = currentModel(ts);
    if (!fits(model, ts.data.classes, ts.config.features)) return nullptr;
    return &model;
}

double displayTemperature(const TrainingState& ts) {
    return usesTemperature(ts.config.loss) ? ts.config.lossOptions.temperature : 1.0;
}

}  // namespace losslab
