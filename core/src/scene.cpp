#include "losslab/scene.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "losslab/features.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

#include "layout_json.hpp"

namespace losslab {

namespace {

using Json = nlohmann::ordered_json;

// Validation failures carry the field's path; they never leave parseScene.
struct SceneError {
    std::string message;
};

// The workspaces, in the order their layouts are written.
constexpr const char* kWorkspaceKeys[] = {"logit_lab", "geometry", "training", "regression"};
constexpr const char* kThemeKeys[] = {"dark", "light", "projector"};

bool isWorkspaceKey(const std::string& key) {
    return std::find(std::begin(kWorkspaceKeys), std::end(kWorkspaceKeys), key) !=
           std::end(kWorkspaceKeys);
}

}  // namespace

void resizeClasses(int classes, std::vector<std::string>* names, Vec* logits, Vec* softTarget,
                   int* trueClass) {
    const int old = static_cast<int>(logits->size());
    if (classes == old) return;
    logits->conservativeResize(classes);
    softTarget->conservativeResize(classes);
    names->resize(static_cast<std::size_t>(classes));
    for (int k = old; k < classes; ++k) {
        (*logits)[k] = 0.0;
        (*softTarget)[k] = 0.0;
        // "class k", or the next number not taken (names loaded with a sample count from 1).
        std::string name;
        for (int n = k;; ++n) {
            name = "class " + std::to_string(n);
            if (std::find(names->begin(), names->end(), name) == names->end()) break;
        }
        (*names)[static_cast<std::size_t>(k)] = name;
    }
    const double sum = softTarget->sum();
    if (sum > 0) {
        *softTarget /= sum;
    } else {
        softTarget->setConstant(1.0 / classes);
    }
    *trueClass = std::min(*trueClass, classes - 1);
}

const std::vector<std::string>& sceneThemeKeys() {
    static const std::vector<std::string> keys(std::begin(kThemeKeys), std::end(kThemeKeys));
    return keys;
}

std::string joinKeys(const std::vector<std::string>& keys) {
    std::string out;
    for (const std::string& key : keys)
        out += (out.empty() ? "" : ", ") + key;
    return out;
}

const std::vector<std::string>& sceneWorkspaceKeys() {
    static const std::vector<std::string> keys(std::begin(kWorkspaceKeys),
                                               std::end(kWorkspaceKeys));
    return keys;
}

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw SceneError{path + ": " + what};
}

const Json* member(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

const Json& requireObject(const Json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object");
    return j;
}

double readNumber(const Json& j, const std::string& path, double lo, double hi) {
    if (!j.is_number()) fail(path, "expected a number");
    const double v = j.get<double>();
    if (!std::isfinite(v)) fail(path, "not a finite number");
    if (v < lo || v > hi) {
        std::ostringstream out;
        out << "out of range [" << lo << ", " << hi << "]";
        fail(path, out.str());
    }
    return v;
}

long long readInteger(const Json& j, const std::string& path, long long lo, long long hi) {
    if (!j.is_number_integer()) fail(path, "expected a whole number");
    // Very large JSON integers arrive as unsigned; compare before narrowing.
    if (j.is_number_unsigned() &&
        j.get<unsigned long long>() > static_cast<unsigned long long>(hi)) {
        fail(path, "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    const long long v = j.get<long long>();
    if (v < lo || v > hi)
        fail(path, "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
}

bool readBool(const Json& j, const std::string& path) {
    if (!j.is_boolean()) fail(path, "expected true or false");
    return j.get<bool>();
}

std::string readString(const Json& j, const std::string& path, std::size_t maxBytes) {
    if (!j.is_string()) fail(path, "expected a string");
    std::string s = j.get<std::string>();
    if (s.size() > maxBytes) fail(path, "longer than " + std::to_string(maxBytes) + " bytes");
    return s;
}

template <typename T, typename Parse>
T readKey(const Json& j, const std::string& path, Parse parse, const char* allowed) {
    const std::string key = readString(j, path, 64);
    const auto value = parse(key);
    if (!value) fail(path, "'" + key + "' is not one of " + allowed);
    return *value;
}

Vec readVector(const Json& j, const std::string& path, std::size_t minSize, std::size_t maxSize,
               double lo, double hi) {
    if (!j.is_array()) fail(path, "expected an array of numbers");
    if (j.size() < minSize || j.size() > maxSize) {
        fail(path, "needs " + std::to_string(minSize) + " to " + std::to_string(maxSize) +
                       " entries, has " + std::to_string(j.size()));
    }
    Vec v(static_cast<Eigen::Index>(j.size()));
    for (std::size_t i = 0; i < j.size(); ++i)
        v[static_cast<Eigen::Index>(i)] =
            readNumber(j[i], path + "[" + std::to_string(i) + "]", lo, hi);
    return v;
}

constexpr double kHuge = 1e300;

LogBase readLogBase(const Json& j, const std::string& path) {
    const std::string key = readString(j, path, 8);
    LogBase base = LogBase::E;
    if (!parseLogBase(key, &base)) fail(path, "'" + key + "' is not one of e, 2, 10");
    return base;
}

// Loss options shared by the logit lab and the trainer; missing fields keep `o`'s values.
void readLossOptions(const Json& j, const std::string& path, LossOptions* o) {
    if (auto* v = member(j, "temperature"))
        o->temperature = readNumber(*v, path + ".temperature", 1e-6, 1e6);
    if (auto* v = member(j, "smoothing")) o->smoothing = readNumber(*v, path + ".smoothing", 0, 1);
    if (auto* v = member(j, "margin")) o->margin = readNumber(*v, path + ".margin", 1e-9, 1e6);
    if (auto* v = member(j, "gamma")) o->gamma = readNumber(*v, path + ".gamma", 0, 100);
    if (auto* v = member(j, "log_base")) o->logBase = readLogBase(*v, path + ".log_base");
    if (auto* v = member(j, "hinge_divide_by_k"))
        o->hingeDivideByK = readBool(*v, path + ".hinge_divide_by_k");
    // The ranges above are the scene format's; the loss's own rules are checked once, here.
    if (auto problem = checkLossOptions(*o)) {
        fail(path + "." + std::string(problem->field), std::string(problem->rule));
    }
}

void writeLossOptions(Json& j, const LossOptions& o) {
    j["temperature"] = o.temperature;
    j["smoothing"] = o.smoothing;
    j["margin"] = o.margin;
    j["gamma"] = o.gamma;
    j["log_base"] = logBaseKey(o.logBase);
    j["hinge_divide_by_k"] = o.hingeDivideByK;
}

SceneLogits readLogits(const Json& j) {
    const std::string p = "logits";
    requireObject(j, p);
    SceneLogits out;
    if (auto* v = member(j, "values"))
        out.logits = readVector(*v, p + ".values", 2, kMaxSceneLogits, -kHuge, kHuge);
    const int k = static_cast<int>(out.logits.size());
    out.classNames.clear();
    if (auto* v = member(j, "class_names")) {
        if (!v->is_array()) fail(p + ".class_names", "expected an array of strings");
        if (static_cast<int>(v->size()) != k) {
            fail(p + ".class_names", "has " + std::to_string(v->size()) + " names for " +
                                         std::to_string(k) + " logits");
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            out.classNames.push_back(readString(
                (*v)[i], p + ".class_names[" + std::to_string(i) + "]", kMaxClassNameBytes));
        }
    } else {
        for (int i = 0; i < k; ++i)
            out.classNames.push_back("class " + std::to_string(i));
    }
    if (auto* v = member(j, "true_class"))
        out.trueClass = static_cast<int>(readInteger(*v, p + ".true_class", 0, k - 1));
    out.softTarget = oneHot(k, out.trueClass);
    if (auto* v = member(j, "soft_target")) {
        out.softTarget = readVector(*v, p + ".soft_target", static_cast<std::size_t>(k),
                                    static_cast<std::size_t>(k), 0, 1);
        if (auto error = checkDistribution(out.softTarget)) fail(p + ".soft_target", *error);
    }
    if (auto* v = member(j, "use_soft_target"))
        out.useSoftTarget = readBool(*v, p + ".use_soft_target");
    readLossOptions(j, p, &out.options);
    if (auto* v = member(j, "selected_loss")) {
        out.selectedLoss = readKey<Loss>(
            *v, p + ".selected_loss", lossFromKey,
            "cross_entropy, kl, focal, brier, hinge_ww, hinge_cs, squared_hinge, ova_logistic");
    }
    return out;
}

Dataset readPoints(const Json& j, const std::string& p, int classes) {
    if (!j.is_array()) fail(p, "expected an array of [x1, x2, label]");
    if (j.size() > static_cast<std::size_t>(kMaxDatasetPoints)) {
        fail(p, "more than " + std::to_string(kMaxDatasetPoints) + " points");
    }
    Dataset d;
    d.classes = classes;
    d.points.resize(static_cast<Eigen::Index>(j.size()), 2);
    d.labels.resize(static_cast<Eigen::Index>(j.size()));
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = p + "[" + std::to_string(i) + "]";
        const Json& row = j[i];
        if (!row.is_array() || row.size() != 3) fail(at, "expected [x1, x2, label]");
        d.points(static_cast<Eigen::Index>(i), 0) = readNumber(row[0], at + "[0]", -kHuge, kHuge);
        d.points(static_cast<Eigen::Index>(i), 1) = readNumber(row[1], at + "[1]", -kHuge, kHuge);
        d.labels[static_cast<Eigen::Index>(i)] =
            static_cast<int>(readInteger(row[2], at + "[2]", 0, classes - 1));
    }
    return d;
}

SceneTraining readTraining(const Json& j) {
    const std::string p = "training";
    requireObject(j, p);
    SceneTraining out;
    if (auto* g = member(j, "generator")) {
        const std::string gp = p + ".generator";
        requireObject(*g, gp);
        if (auto* v = member(*g, "kind")) {
            out.generator.kind = readKey<DatasetKind>(*v, gp + ".kind", datasetFromKey,
                                                      "blobs, spiral, xor, circles, moons, toy3");
        }
        if (auto* v = member(*g, "points"))
            out.generator.points = readInteger(*v, gp + ".points", 1, kMaxDatasetPoints);
        if (auto* v = member(*g, "classes"))
            out.generator.classes = static_cast<int>(
                readInteger(*v, gp + ".classes", kMinClasses, kMaxGeneratedClasses));
        if (auto* v = member(*g, "noise"))
            out.generator.noise = readNumber(*v, gp + ".noise", 0, 10);
        if (auto* v = member(*g, "seed"))
            out.generator.seed =
                static_cast<std::uint64_t>(readInteger(*v, gp + ".seed", 0, (1LL << 53)));
        if (auto error = checkGeneratorOptions(out.generator)) fail(gp, *error);
    }
    if (auto* v = member(j, "test_fraction"))
        out.testFraction = readNumber(*v, p + ".test_fraction", 0, 0.9);
    int classes = out.generator.classes;
    if (auto* v = member(j, "classes"))
        classes = static_cast<int>(readInteger(*v, p + ".classes", kMinClasses, kMaxCsvClasses));
    if (auto* v = member(j, "points")) out.data = readPoints(*v, p + ".points", classes);
    out.data.classes = classes;
    if (auto* c = member(j, "config")) {
        const std::string cp = p + ".config";
        requireObject(*c, cp);
        TrainerConfig& t = out.config;
        if (auto* v = member(*c, "loss"))
            t.loss = readKey<Loss>(*v, cp + ".loss", lossFromKey, "one of the 8 loss keys");
        readLossOptions(*c, cp, &t.lossOptions);
        if (auto* v = member(*c, "optimizer"))
            t.optimizer = readKey<Optimizer>(*v, cp + ".optimizer", optimizerFromKey,
                                             optimizerKeyList().c_str());
        if (auto* v = member(*c, "learning_rate"))
            t.learningRate = readNumber(*v, cp + ".learning_rate", 1e-12, 1e6);
        if (auto* v = member(*c, "momentum"))
            t.momentum = readNumber(*v, cp + ".momentum", 0, 0.9999);
        if (auto* v = member(*c, "batch_size"))
            t.batchSize = readInteger(*v, cp + ".batch_size", 0, kMaxDatasetPoints);
        if (auto* v = member(*c, "l1")) t.l1 = readNumber(*v, cp + ".l1", 0, 1e6);
        if (auto* v = member(*c, "l2")) t.l2 = readNumber(*v, cp + ".l2", 0, 1e6);
        if (auto* v = member(*c, "init"))
            t.init =
                readKey<Initialization>(*v, cp + ".init", initializationFromKey, "zeros, random");
        if (auto* v = member(*c, "seed"))
            t.seed = static_cast<std::uint64_t>(readInteger(*v, cp + ".seed", 0, (1LL << 53)));
        if (auto* v = member(*c, "features"))
            t.features = readKey<FeatureMap>(*v, cp + ".features", featureFromKey,
                                             "linear, poly2, poly3, rbf");
        if (auto* v = member(*c, "rbf_width"))
            t.rbfWidth = readNumber(*v, cp + ".rbf_width", 1e-3, 100);
        if (auto error = checkTrainerConfig(t)) fail(cp, *error);
    }
    if (auto* m = member(j, "model")) {
        const std::string mp = p + ".model";
        requireObject(*m, mp);
        const int dimension = featureDimension(out.config.features);
        const Json* weights = member(*m, "weights");
        const Json* bias = member(*m, "bias");
        if (!weights || !weights->is_array()) fail(mp + ".weights", "expected K rows of D numbers");
        if (static_cast<int>(weights->size()) != classes) {
            fail(mp + ".weights", "has " + std::to_string(weights->size()) +
                                      " rows for K = " + std::to_string(classes));
        }
        LinearClassifier model = LinearClassifier::zeros(classes, dimension);
        for (int k = 0; k < classes; ++k) {
            const Vec row = readVector((*weights)[static_cast<std::size_t>(k)],
                                       mp + ".weights[" + std::to_string(k) + "]",
                                       static_cast<std::size_t>(dimension),
                                       static_cast<std::size_t>(dimension), -kHuge, kHuge);
            model.weights.row(k) = row.transpose();
        }
        if (!bias) fail(mp + ".bias", "missing");
        model.bias = readVector(*bias, mp + ".bias", static_cast<std::size_t>(classes),
                                static_cast<std::size_t>(classes), -kHuge, kHuge);
        out.model = model;
    }
    if (auto* v = member(j, "step")) out.step = readInteger(*v, p + ".step", 0, 1LL << 53);
    if (const Json* stop = member(j, "stop")) {
        const std::string sp = p + ".stop";
        if (!stop->is_object()) fail(sp, "expected an object");
        if (auto* v = member(*stop, "loss_below"))
            out.stop.lossBelow = readNumber(*v, sp + ".loss_below", 0, 1e6);
        if (auto* v = member(*stop, "after_steps"))
            out.stop.afterSteps = readInteger(*v, sp + ".after_steps", 0, 1LL << 53);
    }
    return out;
}

RegressionData readRegressionPoints(const Json& j, const std::string& p) {
    if (!j.is_array()) fail(p, "expected an array of [x, y]");
    if (j.size() > static_cast<std::size_t>(kMaxDatasetPoints)) {
        fail(p, "more than " + std::to_string(kMaxDatasetPoints) + " points");
    }
    RegressionData d;
    d.x.resize(static_cast<Eigen::Index>(j.size()));
    d.y.resize(static_cast<Eigen::Index>(j.size()));
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = p + "[" + std::to_string(i) + "]";
        const Json& row = j[i];
        if (!row.is_array() || row.size() != 2) fail(at, "expected [x, y]");
        d.x[static_cast<Eigen::Index>(i)] = readNumber(row[0], at + "[0]", -kHuge, kHuge);
        d.y[static_cast<Eigen::Index>(i)] = readNumber(row[1], at + "[1]", -kHuge, kHuge);
    }
    return d;
}

SceneRegression readRegression(const Json& j) {
    const std::string p = "regression";
    requireObject(j, p);
    SceneRegression out;
    if (auto* d = member(j, "dataset")) {
        const std::string dp = p + ".dataset";
        requireObject(*d, dp);
        LineDatasetOptions& o = out.dataset;
        if (auto* v = member(*d, "points"))
            o.points = readInteger(*v, dp + ".points", kMinRegressionPoints, kMaxDatasetPoints);
        if (auto* v = member(*d, "noise")) o.noise = readNumber(*v, dp + ".noise", 0, 10);
        if (auto* v = member(*d, "outliers"))
            o.outliers = readInteger(*v, dp + ".outliers", 0, kMaxDatasetPoints);
        if (auto* v = member(*d, "seed"))
            o.seed = static_cast<std::uint64_t>(readInteger(*v, dp + ".seed", 0, (1LL << 53)));
        if (auto error = checkLineDatasetOptions(o)) fail(dp, *error);
    }
    // Fewer than two points is a state the user can leave the workspace in (the app says
    // so instead of fitting), so it is not refused here.
    if (auto* v = member(j, "points")) out.data = readRegressionPoints(*v, p + ".points");
    if (auto* v = member(j, "loss")) {
        out.options.loss = readKey<RegressionLoss>(*v, p + ".loss", regressionLossFromKey,
                                                   regressionLossKeyList().c_str());
    }
    if (auto* v = member(j, "delta")) out.options.delta = readNumber(*v, p + ".delta", 1e-9, 1e6);
    if (auto* v = member(j, "l2")) out.options.l2 = readNumber(*v, p + ".l2", 0, 1e6);
    if (auto* v = member(j, "optimizer"))
        out.optimizer = readKey<Optimizer>(*v, p + ".optimizer", optimizerFromKey, "sgd, adam");
    if (auto* v = member(j, "learning_rate"))
        out.learningRate = readNumber(*v, p + ".learning_rate", 1e-12, 1e6);
    if (auto* v = member(j, "momentum")) out.momentum = readNumber(*v, p + ".momentum", 0, 0.9999);
    if (out.optimizer != Optimizer::Sgd && out.momentum != 0) {
        fail(p + ".momentum", "only sgd uses it (set it to 0 for adam)");
    }
    return out;
}

SceneView readView(const Json& j, int logitClasses) {
    const std::string p = "view";
    requireObject(j, p);
    SceneView out;
    if (auto* v = member(j, "workspace")) {
        out.workspace = readString(*v, p + ".workspace", 32);
        if (!isWorkspaceKey(out.workspace))
            fail(p + ".workspace",
                 "'" + out.workspace + "' is not one of " + joinKeys(sceneWorkspaceKeys()));
    }
    if (auto* v = member(j, "theme")) {
        out.theme = readString(*v, p + ".theme", 16);
        const std::vector<std::string>& themes = sceneThemeKeys();
        if (std::find(themes.begin(), themes.end(), out.theme) == themes.end())
            fail(p + ".theme", "'" + out.theme + "' is not one of " + joinKeys(themes));
    }
    if (auto* v = member(j, "ui_scale")) out.uiScale = readNumber(*v, p + ".ui_scale", 0.75, 2.5);
    if (auto* v = member(j, "surface_half_width"))
        out.surfaceHalfWidth = readNumber(*v, p + ".surface_half_width", 0.5, 200);
    if (auto* v = member(j, "simplex_classes")) {
        const Vec c = readVector(*v, p + ".simplex_classes", 3, 3, 0, logitClasses - 1);
        out.simplexClasses = {static_cast<int>(c[0]), static_cast<int>(c[1]),
                              static_cast<int>(c[2])};
        // With K = 2 there is no third class (and no simplex): [0, 1, 1] is what LossLab saves.
        if (logitClasses >= 3 && (out.simplexClasses[0] == out.simplexClasses[1] ||
                                  out.simplexClasses[0] == out.simplexClasses[2] ||
                                  out.simplexClasses[1] == out.simplexClasses[2])) {
            fail(p + ".simplex_classes", "the three classes must differ");
        }
    } else {
        out.simplexClasses = {0, 1, std::min(2, logitClasses - 1)};
    }
    if (auto* v = member(j, "classifier_point_size")) {
        std::vector<std::string> keys;
        for (PointSizing sizing : kAllPointSizings)
            keys.emplace_back(pointSizingKey(sizing));
        out.classifierPointSizing = readKey<PointSizing>(
            *v, p + ".classifier_point_size", pointSizingFromKey, joinKeys(keys).c_str());
    }
    if (auto* v = member(j, "layouts")) {
        const std::string lp = p + ".layouts";
        requireObject(*v, lp);
        for (auto it = v->begin(); it != v->end(); ++it) {
            const std::string at = lp + "." + it.key();
            if (!isWorkspaceKey(it.key()))
                fail(at, "unknown workspace (not one of " + joinKeys(sceneWorkspaceKeys()) + ")");
            LayoutNode layout;
            if (auto error = detail::layoutFromJson(it.value(), at, knownPanelNames(), &layout))
                throw SceneError{*error};
            out.layouts[it.key()] = std::move(layout);
        }
    }
    return out;
}

Json vectorJson(const Vec& v) {
    Json a = Json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        a.push_back(v[i]);
    return a;
}

}  // namespace

std::optional<std::string> parseScene(std::string_view text, Scene* out) {
    if (text.size() > kMaxSceneBytes) return std::string("scene is larger than 64 MB");
    Json j;
    try {
        j = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {  // parse_error, or out_of_range for 1e400
        // nlohmann's message names the line, the column and the offending token.
        std::string what = e.what();
        const std::size_t cut = what.find("] ");
        if (cut != std::string::npos) what = what.substr(cut + 2);
        return "not valid JSON (truncated or not a scene file?): " + what;
    }
    try {
        requireObject(j, "scene");
        Scene scene;
        const Json* version = member(j, "version");
        if (!version) fail("version", "missing (not a LossLab scene?)");
        scene.version = static_cast<int>(readInteger(*version, "version", 0, 1000000));
        if (scene.version != kSceneVersion) {
            fail("version", std::to_string(scene.version) +
                                " is not supported (this LossLab reads version " +
                                std::to_string(kSceneVersion) + ")");
        }
        if (auto* v = member(j, "title")) scene.title = readString(*v, "title", 200);
        if (auto* v = member(j, "note")) scene.note = readString(*v, "note", 4000);
        if (auto* v = member(j, "logits")) scene.logits = readLogits(*v);
        if (auto* v = member(j, "training")) scene.training = readTraining(*v);
        if (scene.training.data.classes == 0)
            scene.training.data.classes = scene.training.generator.classes;
        if (auto* v = member(j, "regression")) scene.regression = readRegression(*v);
        if (auto* v = member(j, "view")) {
            scene.view = readView(*v, static_cast<int>(scene.logits.logits.size()));
        } else {
            scene.view.simplexClasses = {
                0, 1, std::min(2, static_cast<int>(scene.logits.logits.size()) - 1)};
        }
        *out = std::move(scene);
    } catch (const SceneError& e) {
        return e.message;
    } catch (const std::exception& e) {  // allocation failure on absurd sizes, JSON type errors
        return std::string("cannot read scene: ") + e.what();
    }
    return std::nullopt;
}

std::string formatScene(const Scene& s) {
    Json j;
    j["version"] = s.version;
    j["title"] = s.title;
    j["note"] = s.note;
    Json logits;
    logits["class_names"] = s.logits.classNames;
    logits["values"] = vectorJson(s.logits.logits);
    logits["true_class"] = s.logits.trueClass;
    logits["use_soft_target"] = s.logits.useSoftTarget;
    logits["soft_target"] = vectorJson(s.logits.softTarget);
    writeLossOptions(logits, s.logits.options);
    logits["selected_loss"] = std::string(lossKey(s.logits.selectedLoss));
    j["logits"] = logits;

    Json training;
    const GeneratorOptions& g = s.training.generator;
    training["generator"] = Json{{"kind", std::string(datasetKey(g.kind))},
                                 {"points", static_cast<long long>(g.points)},
                                 {"classes", g.classes},
                                 {"noise", g.noise},
                                 {"seed", static_cast<long long>(g.seed)}};
    training["test_fraction"] = s.training.testFraction;
    training["classes"] = s.training.data.classes;
    Json points = Json::array();
    for (Eigen::Index i = 0; i < s.training.data.size(); ++i) {
        points.push_back(Json::array({s.training.data.points(i, 0), s.training.data.points(i, 1),
                                      s.training.data.labels[i]}));
    }
    training["points"] = points;
    const TrainerConfig& t = s.training.config;
    Json config;
    config["loss"] = std::string(lossKey(t.loss));
    writeLossOptions(config, t.lossOptions);
    config["optimizer"] = std::string(optimizerKey(t.optimizer));
    config["learning_rate"] = t.learningRate;
    config["momentum"] = t.momentum;
    config["batch_size"] = static_cast<long long>(t.batchSize);
    config["l1"] = t.l1;
    config["l2"] = t.l2;
    config["init"] = std::string(initializationKey(t.init));
    config["seed"] = static_cast<long long>(t.seed);
    config["features"] = std::string(featureKey(t.features));
    config["rbf_width"] = t.rbfWidth;
    training["config"] = config;
    if (s.training.model) {
        Json weights = Json::array();
        for (Eigen::Index k = 0; k < s.training.model->weights.rows(); ++k) {
            weights.push_back(vectorJson(s.training.model->weights.row(k).transpose()));
        }
        training["model"] =
            Json{{"weights", weights}, {"bias", vectorJson(s.training.model->bias)}};
    } else {
        training["model"] = nullptr;
    }
    training["step"] = s.training.step;
    if (s.training.stop != TrainingStopRule{}) {
        training["stop"] = Json{{"loss_below", s.training.stop.lossBelow},
                                {"after_steps", s.training.stop.afterSteps}};
    }
    j["training"] = training;

    if (s.regression) {
        const SceneRegression& r = *s.regression;
        Json regression;
        regression["dataset"] = Json{{"points", static_cast<long long>(r.dataset.points)},
                                     {"noise", r.dataset.noise},
                                     {"outliers", static_cast<long long>(r.dataset.outliers)},
                                     {"seed", static_cast<long long>(r.dataset.seed)}};
        Json regressionPoints = Json::array();
        for (Eigen::Index i = 0; i < r.data.size(); ++i)
            regressionPoints.push_back(Json::array({r.data.x[i], r.data.y[i]}));
        regression["points"] = regressionPoints;
        regression["loss"] = std::string(regressionLossKey(r.options.loss));
        regression["delta"] = r.options.delta;
        regression["l2"] = r.options.l2;
        regression["optimizer"] = std::string(optimizerKey(r.optimizer));
        regression["learning_rate"] = r.learningRate;
        regression["momentum"] = r.momentum;
        j["regression"] = regression;
    }

    j["view"] = Json{{"workspace", s.view.workspace},
                     {"theme", s.view.theme},
                     {"ui_scale", s.view.uiScale},
                     {"surface_half_width", s.view.surfaceHalfWidth},
                     {"simplex_classes", s.view.simplexClasses}};
    if (s.view.classifierPointSizing != PointSizing::Equal) {
        j["view"]["classifier_point_size"] =
            std::string(pointSizingKey(s.view.classifierPointSizing));
    }
    // Written only when set, so scenes without layouts stay as they were.
    Json layouts = Json::object();
    for (const char* key : kWorkspaceKeys) {
        const auto it = s.view.layouts.find(key);
        if (it != s.view.layouts.end()) layouts[key] = detail::layoutToJson(it->second);
    }
    if (!layouts.empty()) j["view"]["layouts"] = std::move(layouts);
    return j.dump(2) + "\n";
}

std::optional<std::string> loadSceneFile(const std::string& path, Scene* out) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0)
        return "cannot open '" + path + "': " + std::strerror(errno);
    if (!S_ISREG(info.st_mode)) return "'" + path + "' is not a regular file";
    if (static_cast<std::uintmax_t>(info.st_size) > kMaxSceneBytes) {
        return "'" + path + "' is larger than the 64 MB limit for scene files";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot open '" + path + "': " + std::strerror(errno);
    std::ostringstream text;
    text << in.rdbuf();
    if (auto error = parseScene(text.str(), out)) return path + ": " + *error;
    return std::nullopt;
}

std::optional<std::string> writeFileAtomically(const std::string& path, std::string_view contents) {
    const std::string temp = path + ".tmp-" + std::to_string(getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return "cannot write '" + path + "': " + std::strerror(errno);
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string error = std::strerror(errno);
            ::close(fd);
            ::unlink(temp.c_str());
            return "writing '" + path + "' failed: " + error;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string error = std::strerror(errno);
        ::unlink(temp.c_str());
        return "writing '" + path + "' failed: " + error;
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string error = std::strerror(errno);
        ::unlink(temp.c_str());
        return "cannot replace '" + path + "': " + error;
    }
    return std::nullopt;
}

std::optional<std::string> saveSceneFile(const std::string& path, const Scene& scene) {
    return writeFileAtomically(path, formatScene(scene));
}

}  // namespace losslab
