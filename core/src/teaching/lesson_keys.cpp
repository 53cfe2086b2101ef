#include "lesson_keys.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "losslab/dataset.hpp"
#include "losslab/dataset_edit.hpp"
#include "losslab/features.hpp"
#include "losslab/layout.hpp"
#include "losslab/parse.hpp"
#include "losslab/regression.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"
#include "losslab/trainer.hpp"

namespace losslab::lesson_detail {

namespace {

using Result = std::optional<std::string>;

// Limits shared with scene files (scene.cpp), so that a lesson's state can always be saved.
constexpr double kMaxAbsLogit = 1e300;
constexpr double kMaxTestFraction = 0.9;
constexpr long long kMaxSeed = 1LL << 53;
// The app's train/test split seed (TrainingState::splitSeed in app/state/training_state.hpp).
constexpr std::uint64_t kSplitSeed = 1;

// ------------------------------------------------------------------ value syntax

std::string inQuotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

template <typename T, typename Keys, typename KeyOf>
std::string keyList(const Keys& all, KeyOf keyOf) {
    std::string out;
    for (const T& item : all) {
        if (!out.empty()) out += ", ";
        out += std::string(keyOf(item));
    }
    return out;
}

std::string lossList() {
    return keyList<Loss>(kAllLosses, lossKey);
}
std::string datasetList() {
    return keyList<DatasetKind>(kAllDatasetKinds, datasetKey);
}
std::string featureList() {
    return keyList<FeatureMap>(kAllFeatureMaps, featureKey);
}
std::string optimizerList() {
    return keyList<Optimizer>(kAllOptimizers, optimizerKey);
}
std::string initList() {
    return keyList<Initialization>(
        std::vector<Initialization>{Initialization::Zeros, Initialization::Random},
        initializationKey);
}
std::string stringList(const std::vector<std::string>& names) {
    return keyList<std::string>(names, [](const std::string& s) { return s; });
}

template <typename T>
Result parseEnum(std::string_view value, std::optional<T> (*fromKey)(std::string_view),
                 const std::string& allowed, T* out) {
    const std::string_view text = trim(value);
    const std::optional<T> parsed = fromKey(text);
    if (!parsed) return inQuotes(text) + " is not one of " + allowed;
    *out = *parsed;
    return std::nullopt;
}

Result positive(std::string_view value, double* out) {
    if (auto e = parseFiniteDouble(value, out)) return e;
    if (*out <= 0) return std::string("must be a finite number > 0");
    return std::nullopt;
}
Result nonNegative(std::string_view value, double* out) {
    if (auto e = parseFiniteDouble(value, out)) return e;
    if (*out < 0) return std::string("must be a finite number >= 0");
    return std::nullopt;
}
Result unitInterval(std::string_view value, double* out) {
    if (auto e = parseFiniteDouble(value, out)) return e;
    if (*out < 0 || *out > 1) return std::string("must be in [0, 1]");
    return std::nullopt;
}
Result noiseValue(std::string_view value, double* out) {
    if (auto e = parseFiniteDouble(value, out)) return e;
    if (*out < 0 || *out > 10) return std::string("must be a finite number in [0, 10]");
    return std::nullopt;
}
Result testFractionValue(std::string_view value, double* out) {
    if (auto e = parseFiniteDouble(value, out)) return e;
    if (*out < 0 || *out > kMaxTestFraction) return std::string("must be in [0, 0.9]");
    return std::nullopt;
}

Result notEmpty(std::string_view value) {
    if (trim(value).empty()) return std::string("empty value");
    return std::nullopt;
}

// "a, b, c": trimmed, non-empty names.
Result parseNames(std::string_view value, std::vector<std::string>* out) {
    out->clear();
    if (trim(value).empty()) return std::string("empty list");
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = value.find(',', start);
        const std::string_view item = trim(value.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (item.empty()) return "name " + std::to_string(out->size() + 1) + " is empty";
        out->emplace_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return std::nullopt;
}

// Logits of one sample: 2..kMaxSceneLogits finite numbers within the scene files' range.
Result parseLogitList(std::string_view value, Vec* out) {
    std::vector<double> list;
    if (auto e = parseDoubleList(value, &list)) return e;
    const int k = static_cast<int>(list.size());
    if (k < 2 || k > kMaxSceneLogits) {
        return "needs 2 to " + std::to_string(kMaxSceneLogits) + " numbers, got " +
               std::to_string(k);
    }
    for (int i = 0; i < k; ++i) {
        if (std::abs(list[static_cast<std::size_t>(i)]) > kMaxAbsLogit) {
            return "entry " + std::to_string(i + 1) + ": beyond the limit of ±1e300";
        }
    }
    *out = Eigen::Map<const Vec>(list.data(), k);
    return std::nullopt;
}

// A class given as an index (a whole number) or as one of `names`; it must be below `classes`.
Result resolveClass(std::string_view text, const std::vector<std::string>& names, int classes,
                    int* out) {
    text = trim(text);
    long long index = 0;
    if (!parseInteger(text, LLONG_MIN, LLONG_MAX, &index)) {
        if (index < 0 || index >= classes) {
            return "class " + std::to_string(index) +
                   " is out of range for K = " + std::to_string(classes) + " (0.." +
                   std::to_string(classes - 1) + ")";
        }
        *out = static_cast<int>(index);
        return std::nullopt;
    }
    const auto it = std::find(names.begin(), names.end(), std::string(text));
    if (it == names.end()) {
        return inQuotes(text) + " is neither a class index nor a class name (" + stringList(names) +
               ")";
    }
    const int found = static_cast<int>(it - names.begin());
    if (found >= classes) {
        return "class " + inQuotes(text) + " is index " + std::to_string(found) +
               ", out of range for K = " + std::to_string(classes);
    }
    *out = found;
    return std::nullopt;
}

// A path as a lesson gives it: absolute, or relative to `dir`.
std::string relativeTo(const std::string& dir, std::string_view value) {
    const std::filesystem::path path{std::string(trim(value))};
    if (path.is_absolute() || dir.empty()) return path.string();
    return (std::filesystem::path(dir) / path).string();
}

bool exists(const std::string& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

// ------------------------------------------------------------------ state edits

// K changes as the app's class-count edit does (resizeClasses, scene.hpp), and the simplex's
// classes are reset when they no longer fit.
void setClassCount(Scene* scene, int classes) {
    SceneLogits& m = scene->logits;
    if (classes == static_cast<int>(m.logits.size())) return;
    resizeClasses(classes, &m.classNames, &m.logits, &m.softTarget, &m.trueClass);
    std::vector<int>& simplex = scene->view.simplexClasses;
    // As scene files want them: three classes below K, distinct when K >= 3.
    const bool fits =
        simplex.size() == 3 &&
        std::all_of(simplex.begin(), simplex.end(), [&](int c) { return c < classes; }) &&
        (classes < 3 ||
         (simplex[0] != simplex[1] && simplex[0] != simplex[2] && simplex[1] != simplex[2]));
    if (!fits) simplex = {0, 1, std::min(2, classes - 1)};
}

// What the weights mean changed: training starts over from the initialization.
void coldRestart(SceneTraining* training) {
    training->model.reset();
    training->step = 0;
}

// The generator's points replace any loaded ones.
void useGeneratedData(SceneTraining* training) {
    training->data = Dataset{};
    training->data.classes = training->generator.classes;
    coldRestart(training);
}

// ------------------------------------------------------------------ the keys

Result applyScene(std::string_view value, const LessonContext* context, LessonState* state) {
    if (auto e = notEmpty(value)) return e;
    if (!state) return std::nullopt;
    const std::string name(trim(value));
    std::vector<std::string> tried;
    std::string path = relativeTo(context->lessonDir, name);
    tried.push_back(path);
    if (!exists(path) && !context->presetDir.empty() &&
        !std::filesystem::path(name).is_absolute()) {
        path = relativeTo(context->presetDir, name);
        tried.push_back(path);
    }
    if (!exists(path))
        return "no scene file " + inQuotes(name) + " (looked for " + stringList(tried) + ")";
    Scene scene;
    if (auto e = loadSceneFile(path, &scene)) return e;
    state->scene = std::move(scene);
    return std::nullopt;
}

Result applyWorkspace(std::string_view value, const LessonContext*, LessonState* state) {
    const std::string text(trim(value));
    const std::vector<std::string>& keys = sceneWorkspaceKeys();
    if (std::find(keys.begin(), keys.end(), text) == keys.end()) {
        return inQuotes(text) + " is not one of " + stringList(keys);
    }
    if (state) state->scene.view.workspace = text;
    return std::nullopt;
}

Result applyFocus(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<std::string> names;
    if (auto e = parseNames(value, &names)) return e;
    if (names.size() > 2)
        return std::string("one or two panels, not " + std::to_string(names.size()));
    const std::vector<std::string>& panels = knownPanelNames();
    for (const std::string& name : names) {
        if (std::find(panels.begin(), panels.end(), name) == panels.end()) {
            return inQuotes(name) + " is not a panel (" + stringList(panels) + ")";
        }
    }
    if (names.size() == 2 && names[0] == names[1]) return inQuotes(names[0]) + " is named twice";
    if (state) state->focus = names;
    return std::nullopt;
}

Result applyClasses(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<std::string> names;
    if (auto e = parseNames(value, &names)) return e;
    const int k = static_cast<int>(names.size());
    if (k < 2 || k > kMaxSceneLogits) {
        return "needs 2 to " + std::to_string(kMaxSceneLogits) + " names, got " + std::to_string(k);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].size() > kMaxClassNameBytes) {
            return "name " + std::to_string(i + 1) + " is longer than " +
                   std::to_string(kMaxClassNameBytes) + " bytes";
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (names[j] == names[i]) return "the name " + inQuotes(names[i]) + " appears twice";
        }
    }
    if (!state) return std::nullopt;
    setClassCount(&state->scene, k);
    state->scene.logits.classNames = names;
    return std::nullopt;
}

Result applyLogits(std::string_view value, const LessonContext*, LessonState* state) {
    Vec logits;
    if (auto e = parseLogitList(value, &logits)) return e;
    if (!state) return std::nullopt;
    setClassCount(&state->scene, static_cast<int>(logits.size()));
    state->scene.logits.logits = logits;
    return std::nullopt;
}

Result applyTarget(std::string_view value, const LessonContext*, LessonState* state) {
    if (auto e = notEmpty(value)) return e;
    if (!state) return std::nullopt;
    SceneLogits& m = state->scene.logits;
    int y = 0;
    if (auto e = resolveClass(value, m.classNames, static_cast<int>(m.logits.size()), &y)) {
        return e;
    }
    m.trueClass = y;
    m.useSoftTarget = false;
    return std::nullopt;
}

Result applyTargetDist(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<double> list;
    if (auto e = parseDoubleList(value, &list)) return e;
    const Vec t = Eigen::Map<const Vec>(list.data(), static_cast<Eigen::Index>(list.size()));
    if (auto e = checkDistribution(t)) return e;
    if (!state) return std::nullopt;
    SceneLogits& m = state->scene.logits;
    if (t.size() != m.logits.size()) {
        return "has " + std::to_string(t.size()) +
               " entries but K = " + std::to_string(m.logits.size());
    }
    m.softTarget = t;
    m.useSoftTarget = true;
    return std::nullopt;
}

template <double LossOptions::*Field, Result (*Check)(std::string_view, double*)>
Result applyLogitOption(std::string_view value, const LessonContext*, LessonState* state) {
    double x = 0.0;
    if (auto e = Check(value, &x)) return e;
    if (state) state->scene.logits.options.*Field = x;
    return std::nullopt;
}

Result applyLogBase(std::string_view value, const LessonContext*, LessonState* state) {
    const std::string text(trim(value));
    LogBase base = LogBase::E;
    if (!parseLogBase(text, &base)) return inQuotes(text) + " is not one of e, 2, 10";
    if (state) state->scene.logits.options.logBase = base;
    return std::nullopt;
}

Result applyLoss(std::string_view value, const LessonContext*, LessonState* state) {
    Loss loss = Loss::CrossEntropy;
    if (auto e = parseEnum<Loss>(value, lossFromKey, lossList(), &loss)) return e;
    if (state) state->scene.logits.selectedLoss = loss;
    return std::nullopt;
}

Result applyBatch(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<BatchRowText> rows;
    if (auto e = parseBatchText(value, kMaxSceneLogits, kMaxLessonBatchRows, &rows)) return e;
    if (!state) return std::nullopt;
    std::vector<BatchRow> batch;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        BatchRow row;
        row.logits = rows[r].logits;
        if (auto e = resolveClass(rows[r].label, state->scene.logits.classNames,
                                  static_cast<int>(row.logits.size()), &row.label)) {
            return "row " + std::to_string(r) + ": " + *e;
        }
        batch.push_back(std::move(row));
    }
    state->batch = std::move(batch);
    return std::nullopt;
}

// ---- train.*

Result applyTrainDataset(std::string_view value, const LessonContext*, LessonState* state) {
    DatasetKind kind = DatasetKind::Blobs;
    if (auto e = parseEnum<DatasetKind>(value, datasetFromKey, datasetList(), &kind)) return e;
    if (!state) return std::nullopt;
    SceneTraining& t = state->scene.training;
    t.generator.kind = kind;
    if (kind == DatasetKind::Toy3) t.generator.classes = 3;  // as the app and `losslab train`
    useGeneratedData(&t);
    return std::nullopt;
}

Result applyTrainPoints(std::string_view value, const LessonContext*, LessonState* state) {
    long long n = 0;
    if (auto e = parseInteger(value, 1, kMaxDatasetPoints, &n)) return e;
    if (!state) return std::nullopt;
    state->scene.training.generator.points = n;
    useGeneratedData(&state->scene.training);
    return std::nullopt;
}

Result applyTrainClasses(std::string_view value, const LessonContext*, LessonState* state) {
    long long k = 0;
    if (auto e = parseInteger(value, kMinClasses, kMaxGeneratedClasses, &k)) return e;
    if (!state) return std::nullopt;
    SceneTraining& t = state->scene.training;
    if (t.generator.kind == DatasetKind::Toy3 && k != 3) {
        return std::string("toy3 has exactly 3 classes");
    }
    t.generator.classes = static_cast<int>(k);
    useGeneratedData(&t);
    return std::nullopt;
}

Result applyTrainNoise(std::string_view value, const LessonContext*, LessonState* state) {
    double noise = 0.0;
    if (auto e = noiseValue(value, &noise)) return e;
    if (!state) return std::nullopt;
    state->scene.training.generator.noise = noise;
    useGeneratedData(&state->scene.training);
    return std::nullopt;
}

// As `losslab train --seed`: the generator's, the random init's and the shuffles' seed. Loaded
// points (train.data, a scene's points) stay.
Result applyTrainSeed(std::string_view value, const LessonContext*, LessonState* state) {
    long long seed = 0;
    if (auto e = parseInteger(value, 0, kMaxSeed, &seed)) return e;
    if (!state) return std::nullopt;
    SceneTraining& t = state->scene.training;
    t.generator.seed = static_cast<std::uint64_t>(seed);
    t.config.seed = static_cast<std::uint64_t>(seed);
    coldRestart(&t);
    return std::nullopt;
}

Result applyTrainData(std::string_view value, const LessonContext* context, LessonState* state) {
    if (auto e = notEmpty(value)) return e;
    if (!state) return std::nullopt;
    const std::string path = relativeTo(context->lessonDir, value);
    Dataset data;
    if (auto e = loadPointsCsv(path, 0, &data)) return "'" + path + "': " + *e;
    SceneTraining& t = state->scene.training;
    t.data = std::move(data);
    coldRestart(&t);
    return std::nullopt;
}

Result applyTrainTestFraction(std::string_view value, const LessonContext*, LessonState* state) {
    double fraction = 0.0;
    if (auto e = testFractionValue(value, &fraction)) return e;
    if (state) state->scene.training.testFraction = fraction;
    return std::nullopt;
}

Result applyTrainFeatures(std::string_view value, const LessonContext*, LessonState* state) {
    FeatureMap features = FeatureMap::Linear;
    if (auto e = parseEnum<FeatureMap>(value, featureFromKey, featureList(), &features)) return e;
    if (!state) return std::nullopt;
    state->scene.training.config.features = features;
    coldRestart(&state->scene.training);
    return std::nullopt;
}

Result applyTrainLoss(std::string_view value, const LessonContext*, LessonState* state) {
    Loss loss = Loss::CrossEntropy;
    if (auto e = parseEnum<Loss>(value, lossFromKey, lossList(), &loss)) return e;
    if (state) state->scene.training.config.loss = loss;
    return std::nullopt;
}

Result applyTrainOptimizer(std::string_view value, const LessonContext*, LessonState* state) {
    Optimizer optimizer = Optimizer::Sgd;
    if (auto e = parseEnum<Optimizer>(value, optimizerFromKey, optimizerList(), &optimizer)) {
        return e;
    }
    if (!state) return std::nullopt;
    TrainerConfig& c = state->scene.training.config;
    c.optimizer = optimizer;
    if (optimizer != Optimizer::Sgd) c.momentum = 0.0;  // only sgd has a momentum
    return std::nullopt;
}

// A momentum >= 0 into *out (null: syntax only); only sgd has one, as in `losslab train` and
// `losslab regress`.
Result sgdMomentum(std::string_view value, Optimizer optimizer, double* out) {
    double momentum = 0.0;
    if (auto e = nonNegative(value, &momentum)) return e;
    if (optimizer != Optimizer::Sgd && momentum != 0) {
        return "only sgd uses it (the optimizer is " + std::string(optimizerKey(optimizer)) + ")";
    }
    if (out) *out = momentum;
    return std::nullopt;
}

Result applyTrainMomentum(std::string_view value, const LessonContext*, LessonState* state) {
    if (!state) return sgdMomentum(value, Optimizer::Sgd, nullptr);
    TrainerConfig& c = state->scene.training.config;
    return sgdMomentum(value, c.optimizer, &c.momentum);
}

Result applyTrainBatch(std::string_view value, const LessonContext*, LessonState* state) {
    long long batch = 0;
    if (auto e = parseInteger(value, 0, kMaxDatasetPoints, &batch)) return e;
    if (state) state->scene.training.config.batchSize = batch;
    return std::nullopt;
}

Result applyTrainSteps(std::string_view value, const LessonContext*, LessonState* state) {
    long long steps = 0;
    if (auto e = parseInteger(value, 0, kMaxLessonTrainSteps, &steps)) return e;
    if (state) state->trainSteps = steps;
    return std::nullopt;
}

template <double TrainerConfig::*Field, Result (*Check)(std::string_view, double*)>
Result applyTrainNumber(std::string_view value, const LessonContext*, LessonState* state) {
    double x = 0.0;
    if (auto e = Check(value, &x)) return e;
    if (state) state->scene.training.config.*Field = x;
    return std::nullopt;
}

template <double LossOptions::*Field, Result (*Check)(std::string_view, double*)>
Result applyTrainLossOption(std::string_view value, const LessonContext*, LessonState* state) {
    double x = 0.0;
    if (auto e = Check(value, &x)) return e;
    if (state) state->scene.training.config.lossOptions.*Field = x;
    return std::nullopt;
}

Result applyTrainInit(std::string_view value, const LessonContext*, LessonState* state) {
    Initialization init = Initialization::Zeros;
    if (auto e = parseEnum<Initialization>(value, initializationFromKey, initList(), &init)) {
        return e;
    }
    if (!state) return std::nullopt;
    state->scene.training.config.init = init;
    coldRestart(&state->scene.training);
    return std::nullopt;
}

// ---- reg.*

// The scene's regression section, created with the workspace's defaults on first use.
SceneRegression& regressionOf(LessonState* state) {
    if (!state->scene.regression) state->scene.regression = SceneRegression{};
    return *state->scene.regression;
}

// A generator setting changed: the generated points replace any given ones.
template <typename Edit>
Result editRegressionDataset(LessonState* state, Edit edit) {
    if (!state) return std::nullopt;
    SceneRegression& r = regressionOf(state);
    edit(&r.dataset);
    r.data = RegressionData{};
    return std::nullopt;
}

Result applyRegDataset(std::string_view value, const LessonContext*, LessonState* state) {
    const std::string text(trim(value));
    if (text != kLineDatasetKey) return inQuotes(text) + " is not one of " + kLineDatasetKey;
    return editRegressionDataset(state, [](LineDatasetOptions*) {});
}

Result applyRegPoints(std::string_view value, const LessonContext*, LessonState* state) {
    long long n = 0;
    if (auto e = parseInteger(value, kMinRegressionPoints, kMaxDatasetPoints, &n)) return e;
    return editRegressionDataset(
        state, [n](LineDatasetOptions* d) { d->points = static_cast<Eigen::Index>(n); });
}

Result applyRegNoise(std::string_view value, const LessonContext*, LessonState* state) {
    double noise = 0.0;
    if (auto e = noiseValue(value, &noise)) return e;
    return editRegressionDataset(state, [noise](LineDatasetOptions* d) { d->noise = noise; });
}

Result applyRegOutliers(std::string_view value, const LessonContext*, LessonState* state) {
    long long outliers = 0;
    if (auto e = parseInteger(value, 0, kMaxDatasetPoints, &outliers)) return e;
    return editRegressionDataset(state, [outliers](LineDatasetOptions* d) {
        d->outliers = static_cast<Eigen::Index>(outliers);
    });
}

Result applyRegSeed(std::string_view value, const LessonContext*, LessonState* state) {
    long long seed = 0;
    if (auto e = parseInteger(value, 0, kMaxSeed, &seed)) return e;
    return editRegressionDataset(
        state, [seed](LineDatasetOptions* d) { d->seed = static_cast<std::uint64_t>(seed); });
}

// "x,y; x,y; …": the points themselves.
Result applyRegPointList(std::string_view value, const LessonContext*, LessonState* state) {
    RowMatrix rows;
    if (auto e = parseNumberRows(value, kMaxDatasetPoints, &rows)) return e;
    if (rows.cols() != 2) {
        return "each point is x,y (2 numbers), not " + std::to_string(rows.cols());
    }
    RegressionData data{rows.col(0), rows.col(1)};
    if (auto e = checkRegressionData(data)) return e;
    if (state) regressionOf(state).data = std::move(data);
    return std::nullopt;
}

Result applyRegData(std::string_view value, const LessonContext* context, LessonState* state) {
    if (auto e = notEmpty(value)) return e;
    if (!state) return std::nullopt;
    const std::string path = relativeTo(context->lessonDir, value);
    RegressionData data;
    if (auto e = loadRegressionCsv(path, &data)) return "'" + path + "': " + *e;
    regressionOf(state).data = std::move(data);
    return std::nullopt;
}

Result applyRegLoss(std::string_view value, const LessonContext*, LessonState* state) {
    RegressionLoss loss = RegressionLoss::L2;
    if (auto e = parseEnum<RegressionLoss>(value, regressionLossFromKey, regressionLossKeyList(),
                                           &loss)) {
        return e;
    }
    if (state) regressionOf(state).options.loss = loss;
    return std::nullopt;
}

template <double RegressionOptions::*Field, Result (*Check)(std::string_view, double*)>
Result applyRegOption(std::string_view value, const LessonContext*, LessonState* state) {
    double x = 0.0;
    if (auto e = Check(value, &x)) return e;
    if (state) regressionOf(state).options.*Field = x;
    return std::nullopt;
}

Result applyRegSolver(std::string_view value, const LessonContext*, LessonState* state) {
    const std::string text(trim(value));
    if (text != kRegressionExactSolver && text != kRegressionDescentSolver) {
        return inQuotes(text) + " is not one of " + kRegressionExactSolver + ", " +
               kRegressionDescentSolver;
    }
    if (state) state->regressionDescent = text == kRegressionDescentSolver;
    return std::nullopt;
}

Result applyRegOptimizer(std::string_view value, const LessonContext*, LessonState* state) {
    const std::string text(trim(value));
    const std::optional<Optimizer> optimizer = optimizerFromKey(text);
    // As `losslab regress`: the line's descent knows sgd and adam.
    if (!optimizer || (*optimizer != Optimizer::Sgd && *optimizer != Optimizer::Adam)) {
        return inQuotes(text) + " is not one of sgd, adam";
    }
    if (!state) return std::nullopt;
    SceneRegression& r = regressionOf(state);
    r.optimizer = *optimizer;
    if (*optimizer != Optimizer::Sgd) r.momentum = 0.0;  // only sgd has a momentum
    return std::nullopt;
}

Result applyRegLearningRate(std::string_view value, const LessonContext*, LessonState* state) {
    double rate = 0.0;
    if (auto e = positive(value, &rate)) return e;
    if (state) regressionOf(state).learningRate = rate;
    return std::nullopt;
}

Result applyRegMomentum(std::string_view value, const LessonContext*, LessonState* state) {
    if (!state) return sgdMomentum(value, Optimizer::Sgd, nullptr);
    SceneRegression& r = regressionOf(state);
    return sgdMomentum(value, r.optimizer, &r.momentum);
}

Result applyRegSteps(std::string_view value, const LessonContext*, LessonState* state) {
    long long steps = 0;
    if (auto e = parseInteger(value, 0, kMaxLessonTrainSteps, &steps)) return e;
    if (state) state->regressionSteps = steps;
    return std::nullopt;
}

// ---- bp.*

// The classes the training data have (the generator's when no points were loaded).
int trainingClasses(const SceneTraining& t) {
    return t.data.size() > 0 ? t.data.classes : t.generator.classes;
}

Result applyBpX(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<double> x;
    if (auto e = parseDoubleList(value, &x)) return e;
    if (x.size() != 2) return "needs 2 numbers (x1,x2), got " + std::to_string(x.size());
    if (state) state->backpropX = Eigen::Vector2d(x[0], x[1]);
    return std::nullopt;
}

Result applyBpFeatures(std::string_view value, const LessonContext*, LessonState* state) {
    FeatureMap features = FeatureMap::Linear;
    if (auto e = parseEnum<FeatureMap>(value, featureFromKey, featureList(), &features)) return e;
    if (!backpropSupports(features)) {
        return inQuotes(featureKey(features)) + " is not one of linear, poly2, poly3";
    }
    if (!state) return std::nullopt;
    state->scene.training.config.features = features;
    coldRestart(&state->scene.training);
    return std::nullopt;
}

Result applyBpWeights(std::string_view value, const LessonContext*, LessonState* state) {
    RowMatrix weights;
    if (auto e = parseNumberRows(value, kMaxBackpropClasses, &weights)) return e;
    if (!state) return std::nullopt;
    SceneTraining& t = state->scene.training;
    const int classes = trainingClasses(t);
    const int dimension = featureDimension(t.config.features);
    if (weights.rows() != classes) {
        return "has " + std::to_string(weights.rows()) + " rows but the training data have " +
               std::to_string(classes) + " classes";
    }
    if (weights.cols() != dimension) {
        return "rows have " + std::to_string(weights.cols()) + " numbers but " +
               std::string(featureKey(t.config.features)) +
               " features have D = " + std::to_string(dimension) + " (set bp.features first)";
    }
    LinearClassifier model = LinearClassifier::zeros(classes, dimension);
    model.weights = weights;
    if (t.model && t.model->bias.size() == classes) model.bias = t.model->bias;
    t.model = std::move(model);
    t.step = 0;  // weights set by hand, not trained
    return std::nullopt;
}

Result applyBpBias(std::string_view value, const LessonContext*, LessonState* state) {
    std::vector<double> bias;
    if (auto e = parseDoubleList(value, &bias)) return e;
    if (!state) return std::nullopt;
    SceneTraining& t = state->scene.training;
    if (!t.model) return std::string("the classifier has no weights yet (set bp.W first)");
    if (static_cast<Eigen::Index>(bias.size()) != t.model->bias.size()) {
        return "has " + std::to_string(bias.size()) +
               " entries but W has K = " + std::to_string(t.model->bias.size()) + " rows";
    }
    t.model->bias = Eigen::Map<const Vec>(bias.data(), static_cast<Eigen::Index>(bias.size()));
    return std::nullopt;
}

bool fits(const LinearClassifier& model, int classes, FeatureMap features) {
    return model.classes() == classes && model.dimension() == featureDimension(features) &&
           model.bias.size() == classes;
}

}  // namespace

const std::vector<KeySpec>& keyTable() {
    using LO = LossOptions;
    using TC = TrainerConfig;
    static const std::vector<KeySpec> table = {
        {"scene", "a scene file, relative to the lesson, or a built-in preset's file name",
         KeyRole::State, applyScene},
        {"workspace", "logit_lab, geometry, training or regression", KeyRole::State,
         applyWorkspace},
        {"focus", "one or two panel names, comma-separated", KeyRole::State, applyFocus},
        {"classes", "class names, comma-separated (sets K)", KeyRole::State, applyClasses},
        {"logits", "comma-separated numbers (sets K)", KeyRole::State, applyLogits},
        {"target", "the true class: an index or a class name", KeyRole::State, applyTarget},
        {"target_dist", "a soft target: K numbers >= 0 summing to 1", KeyRole::State,
         applyTargetDist},
        {"temperature", "T > 0", KeyRole::State, applyLogitOption<&LO::temperature, positive>},
        {"smoothing", "epsilon in [0, 1]", KeyRole::State,
         applyLogitOption<&LO::smoothing, unitInterval>},
        {"margin", "the hinge margin > 0", KeyRole::State, applyLogitOption<&LO::margin, positive>},
        {"gamma", "the focal gamma >= 0", KeyRole::State,
         applyLogitOption<&LO::gamma, nonNegative>},
        {"log_base", "e, 2 or 10", KeyRole::State, applyLogBase},
        {"loss", "the selected loss, a key of losslab eval's losses", KeyRole::State, applyLoss},
        {"batch", "rows 's,s,s:y; s,s,s:y' (y an index or a class name)", KeyRole::State,
         applyBatch},
        {"train.data", "a points CSV, relative to the lesson", KeyRole::State, applyTrainData},
        {"train.dataset", "blobs, spiral, xor, circles, moons or toy3", KeyRole::State,
         applyTrainDataset},
        {"train.n", "number of generated points", KeyRole::State, applyTrainPoints},
        {"train.classes", "number of generated classes, 2..10", KeyRole::State, applyTrainClasses},
        {"train.noise", "noise of the generated points, in [0, 10]", KeyRole::State,
         applyTrainNoise},
        {"train.seed", "seed of the generator, the random init and the shuffles", KeyRole::State,
         applyTrainSeed},
        {"train.features", "linear, poly2, poly3 or rbf", KeyRole::State, applyTrainFeatures},
        {"train.loss", "the training loss, a key of losslab eval's losses", KeyRole::State,
         applyTrainLoss},
        {"train.optimizer", "an optimizer, as losslab train --optimizer", KeyRole::State,
         applyTrainOptimizer},
        {"train.lr", "learning rate > 0", KeyRole::State,
         applyTrainNumber<&TC::learningRate, positive>},
        {"train.momentum", "sgd momentum >= 0", KeyRole::State, applyTrainMomentum},
        {"train.batch", "mini-batch size; 0 = full batch", KeyRole::State, applyTrainBatch},
        {"train.steps", "updates trained when the step opens", KeyRole::State, applyTrainSteps},
        {"train.l2", "L2 penalty >= 0", KeyRole::State, applyTrainNumber<&TC::l2, nonNegative>},
        {"train.l1", "L1 penalty >= 0", KeyRole::State, applyTrainNumber<&TC::l1, nonNegative>},
        {"train.temperature", "T > 0 in training", KeyRole::State,
         applyTrainLossOption<&LO::temperature, positive>},
        {"train.smoothing", "epsilon in [0, 1] in training", KeyRole::State,
         applyTrainLossOption<&LO::smoothing, unitInterval>},
        {"train.margin", "hinge margin > 0 in training", KeyRole::State,
         applyTrainLossOption<&LO::margin, positive>},
        {"train.gamma", "focal gamma >= 0 in training", KeyRole::State,
         applyTrainLossOption<&LO::gamma, nonNegative>},
        {"train.init", "zeros or random", KeyRole::State, applyTrainInit},
        {"train.test_fraction", "fraction of the points held out for testing, in [0, 0.9]",
         KeyRole::State, applyTrainTestFraction},
        {"reg.data", "an x,y CSV, relative to the lesson", KeyRole::State, applyRegData},
        {"reg.points", "the points 'x,y; x,y; ...' (at least 2)", KeyRole::State,
         applyRegPointList},
        {"reg.dataset", "line (generated points)", KeyRole::State, applyRegDataset},
        {"reg.n", "number of generated points", KeyRole::State, applyRegPoints},
        {"reg.noise", "noise of the generated points, in [0, 10]", KeyRole::State, applyRegNoise},
        {"reg.outliers", "generated outliers, 0..n", KeyRole::State, applyRegOutliers},
        {"reg.seed", "seed of the generated points", KeyRole::State, applyRegSeed},
        {"reg.loss", "l2, l1, huber or log_cosh", KeyRole::State, applyRegLoss},
        {"reg.delta", "huber's delta > 0", KeyRole::State,
         applyRegOption<&RegressionOptions::delta, positive>},
        {"reg.l2", "L2 penalty on the slope >= 0", KeyRole::State,
         applyRegOption<&RegressionOptions::l2, nonNegative>},
        {"reg.solver", "exact or gd (gd: reg.steps are taken when the step opens)", KeyRole::State,
         applyRegSolver},
        {"reg.optimizer", "sgd or adam", KeyRole::State, applyRegOptimizer},
        {"reg.lr", "gradient-descent learning rate > 0", KeyRole::State, applyRegLearningRate},
        {"reg.momentum", "sgd momentum >= 0", KeyRole::State, applyRegMomentum},
        {"reg.steps", "gradient-descent updates taken when the step opens", KeyRole::State,
         applyRegSteps},
        {"bp.x", "x1,x2: pins the backpropagation view's sample", KeyRole::State, applyBpX},
        {"bp.features", "linear, poly2 or poly3 (the classifier's features)", KeyRole::State,
         applyBpFeatures},
        {"bp.W", "the classifier's weights 'w00,w01; w10,w11; ...' (K rows of D)", KeyRole::State,
         applyBpWeights},
        {"bp.b", "the classifier's biases, K numbers", KeyRole::State, applyBpBias},
        {"task", "an expression: the student's task, done when true", KeyRole::Task, nullptr},
        {"hint", "text shown on request", KeyRole::Hint, nullptr},
        {"expect", "an expression that must hold in the step's state", KeyRole::Expect, nullptr},
    };
    return table;
}

const KeySpec* findKey(std::string_view key) {
    for (const KeySpec& spec : keyTable()) {
        if (key == spec.key) return &spec;
    }
    return nullptr;
}

std::optional<std::string> updateTraining(LessonState* state) {
    SceneTraining& t = state->scene.training;
    // Generated points have the generator's K, as parseScene normalizes it.
    if (t.data.size() == 0) t.data.classes = t.generator.classes;
    state->training = LessonTrainingResult{};
    state->training.step = t.step;
    state->trainingError.clear();
    auto unavailable = [&](const std::string& why) -> std::optional<std::string> {
        state->trainingError = "training: " + why;
        if (state->trainSteps > 0) return state->trainingError;
        return std::nullopt;
    };
    Dataset all;
    if (t.data.size() > 0) {
        all = t.data;
    } else if (auto e = generateDataset(t.generator, &all)) {
        return unavailable(*e);
    }
    Dataset train, test;
    splitByMask(all, splitMask(all.size(), t.testFraction, kSplitSeed), &train, &test);
    Trainer trainer;
    if (auto e = trainer.reset(t.config, train, test.size() > 0 ? &test : nullptr)) {
        return unavailable(*e);
    }
    if (t.model && fits(*t.model, trainer.classes(), t.config.features)) {
        if (auto e = trainer.setModel(*t.model)) return unavailable(*e);
    }
    if (state->trainSteps > 0) {
        trainer.run(state->trainSteps);
        t.model = trainer.model();
        t.step += trainer.steps();
    }
    const Measurement m = trainer.measure();
    state->training.step = t.step;
    state->training.loss = m.loss;
    state->training.accuracy = m.accuracy;
    state->training.testAccuracy =
        m.hasTest ? m.testAccuracy : std::numeric_limits<double>::quiet_NaN();
    state->training.wNorm = m.weightNorm;
    return std::nullopt;
}

std::optional<std::string> updateRegression(LessonState* state) {
    state->regression = LessonRegressionResult{};
    if (state->regressionSteps > 0 && !state->regressionDescent) {
        return std::string("reg.steps: gradient-descent steps need reg.solver = gd");
    }
    const SceneRegression r = state->scene.regression.value_or(SceneRegression{});
    RegressionData data = r.data;
    std::optional<std::string> error;
    if (data.size() == 0) error = generateLineDataset(r.dataset, &data);
    ExactFit fit;
    if (!error) error = checkRegressionOptions(r.options);
    if (!error) error = solveRegressionExact(r.options, data, &fit);
    if (error) {
        state->regression.error = "regression: " + *error;
        // Descent steps on points that cannot be fitted cannot be taken either.
        if (state->regressionSteps > 0) return state->regression.error;
        return std::nullopt;
    }
    state->regression.fit = fit;
    return std::nullopt;
}

void updateBackprop(LessonState* state) {
    state->backprop = LessonBackpropResult{};
    const SceneTraining& t = state->scene.training;
    if (!state->backpropX) {
        state->backprop.error = "no sample is pinned (bp.x = x1,x2)";
        return;
    }
    if (!t.model) {
        state->backprop.error = "the classifier has no weights yet (bp.W, or train.steps)";
        return;
    }
    BackpropSample sample;
    sample.x = *state->backpropX;
    sample.features = t.config.features;
    sample.weights = t.model->weights;
    sample.bias = t.model->bias;
    sample.target = state->scene.logits.trueClass;
    sample.loss = t.config.loss;
    sample.options = t.config.lossOptions;
    Backprop graph;
    if (auto e = runBackprop(sample, &graph)) {
        state->backprop.error = "backpropagation: " + *e;
        return;
    }
    state->backprop.graph = std::move(graph);
}

}  // namespace losslab::lesson_detail

namespace losslab {

std::vector<LessonKeyInfo> lessonKeys() {
    std::vector<LessonKeyInfo> keys;
    for (const lesson_detail::KeySpec& spec : lesson_detail::keyTable()) {
        keys.push_back({spec.key, spec.value});
        if (spec.role == lesson_detail::KeyRole::Task) {
            keys.push_back({"solution.KEY", "a setting (any key above) that does the task"});
        }
    }
    return keys;
}

}  // namespace losslab
