// Scene files: round trips, and hostile input that must be refused with the field named
// while the caller's scene stays untouched.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "losslab/scene.hpp"

namespace losslab {
namespace {

Scene richScene() {
    Scene s;
    s.title = "Test \"scene\"";
    s.note = "Line one.\nLine two with τ and ε.";
    s.logits.classNames = {"dog", "cat", "airplane", "car"};
    s.logits.logits = (Vec(4) << 5, 2, 4.5, 3).finished();
    s.logits.trueClass = 2;
    s.logits.useSoftTarget = true;
    s.logits.softTarget = (Vec(4) << 0.1, 0.1, 0.7, 0.1).finished();
    s.logits.options.temperature = 0.7;
    s.logits.options.smoothing = 0.1;
    s.logits.options.logBase = LogBase::Two;
    s.logits.selectedLoss = Loss::HingeCS;
    s.training.generator.kind = DatasetKind::Spiral;
    s.training.generator.points = 30;
    EXPECT_FALSE(generateDataset(s.training.generator, &s.training.data));
    s.training.config.features = FeatureMap::Poly3;
    s.training.config.optimizer = Optimizer::Adam;
    s.training.config.learningRate = 0.01;
    s.training.model = LinearClassifier::zeros(3, featureDimension(FeatureMap::Poly3));
    s.training.model->weights(1, 4) = 0.1 + 0.2;  // not representable exactly: tests digits
    s.training.step = 42;
    s.view.workspace = "geometry";
    s.view.simplexClasses = {3, 0, 2};
    return s;
}

// Layouts for all three workspaces, one of them with fractions a dragged splitter leaves.
Scene sceneWithLayouts() {
    Scene s = richScene();
    s.view.layouts["training"] =
        layoutRow({layoutLeaf("classifier"),
                   layoutColumn({layoutLeaf("training"), layoutLeaf("landscape")}, {0.55, 0.45})},
                  {0.6, 0.4});
    LayoutNode lab =
        layoutRow({layoutColumn({layoutLeaf("logits"), layoutLeaf("target")}, {0.6, 0.4}),
                   layoutColumn({layoutLeaf("softmax"), layoutLeaf("probabilities")}, {0.6, 0.4}),
                   layoutColumn({layoutLeaf("losses"), layoutLeaf("precision")}, {0.6, 0.4})},
                  {0.30, 0.32, 0.38});
    EXPECT_TRUE(moveSplitter(&lab, {}, 1, 12.7, {0, 0, 1283, 771}));
    s.view.layouts["logit_lab"] = lab;
    s.view.layouts["geometry"] = layoutLeaf("simplex");
    return s;
}

// The Regression workspace's section, with edited points and every setting off its default.
Scene sceneWithRegression() {
    Scene s = richScene();
    SceneRegression r;
    r.dataset.points = 43;
    r.dataset.noise = 0.25;
    r.dataset.outliers = 3;
    r.dataset.seed = 7;
    EXPECT_FALSE(generateLineDataset(r.dataset, &r.data));
    r.data.y[5] = 0.1 + 0.2;  // not representable exactly: tests digits
    r.options.loss = RegressionLoss::Huber;
    r.options.delta = 0.35;
    r.options.l2 = 0.01;
    r.optimizer = Optimizer::Sgd;
    r.learningRate = 0.05;
    r.momentum = 0.9;
    s.regression = r;
    s.view.workspace = "regression";
    s.view.layouts["regression"] =
        layoutRow({layoutLeaf("fit"), layoutLeaf("residuals")}, {0.7, 0.3});
    return s;
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(Scene, FormatParseFormatIsByteIdentical) {
    const std::string first = formatScene(richScene());
    Scene parsed;
    ASSERT_FALSE(parseScene(first, &parsed)) << *parseScene(first, &parsed);
    EXPECT_EQ(formatScene(parsed), first);
    EXPECT_EQ(parsed.title, "Test \"scene\"");
    EXPECT_EQ(parsed.logits.classNames[2], "airplane");
    EXPECT_EQ(parsed.logits.selectedLoss, Loss::HingeCS);
    EXPECT_EQ(parsed.training.model->weights(1, 4), 0.1 + 0.2);
    EXPECT_EQ(parsed.training.data.size(), 30);
    EXPECT_EQ(parsed.training.data.points(7, 1), richScene().training.data.points(7, 1));
    EXPECT_EQ(parsed.view.simplexClasses[0], 3);
}

TEST(Scene, MinimalSceneGetsDefaults) {
    Scene s;
    ASSERT_FALSE(parseScene(R"({"version": 1, "logits": {"values": [10, -2, 3]}})", &s));
    EXPECT_EQ(s.logits.logits[1], -2);
    EXPECT_EQ(s.logits.classNames[0], "class 0");
    EXPECT_EQ(s.logits.options.temperature, 1.0);
    EXPECT_EQ(s.view.workspace, "logit_lab");
}

// Every optimizer key is a valid scene value, and a bad one is refused with the list of them.
TEST(Scene, EveryOptimizerRoundTrips) {
    for (Optimizer optimizer : kAllOptimizers) {
        Scene s = richScene();
        s.training.config.optimizer = optimizer;
        Scene back;
        ASSERT_FALSE(parseScene(formatScene(s), &back)) << optimizerKey(optimizer);
        EXPECT_EQ(back.training.config.optimizer, optimizer);
    }
    Scene s;
    ASSERT_FALSE(parseScene(
        R"({"version": 1, "training": {"config": {"optimizer": "adamw", "l2": 0.01}}})", &s));
    EXPECT_EQ(s.training.config.optimizer, Optimizer::AdamW);
    const auto error =
        parseScene(R"({"version": 1, "training": {"config": {"optimizer": "lion"}}})", &s);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("training.config.optimizer: 'lion' is not one of sgd, adam, adamw"),
              std::string::npos)
        << *error;
}

TEST(Scene, TheStopRuleRoundTripsAndIsWrittenOnlyWhenOn) {
    Scene s;
    EXPECT_EQ(formatScene(s).find("\"stop\""), std::string::npos);  // presets stay as they were
    s.training.data.classes = 3;
    s.training.stop.lossBelow = 0.05;
    s.training.stop.afterSteps = 812;
    Scene back;
    ASSERT_FALSE(parseScene(formatScene(s), &back));
    EXPECT_EQ(back.training.stop.lossBelow, 0.05);
    EXPECT_EQ(back.training.stop.afterSteps, 812);
    const auto error = parseScene(
        R"({"version": 1, "training": {"stop": {"loss_below": -1, "after_steps": 3}}})", &back);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("training.stop.loss_below"), std::string::npos) << *error;
    EXPECT_EQ(back.training.stop.afterSteps, 812);  // nothing changed
}

TEST(Scene, SavedFileLoadsBackAndWritesAtomically) {
    const std::string path = ::testing::TempDir() + "/losslab-scene-test.json";
    ASSERT_FALSE(saveSceneFile(path, richScene()));
    Scene loaded;
    ASSERT_FALSE(loadSceneFile(path, &loaded));
    EXPECT_EQ(formatScene(loaded), formatScene(richScene()));
    // No temporary file is left next to it.
    std::ifstream temp(path + ".tmp-" + std::to_string(::getpid()));
    EXPECT_FALSE(temp.good());
    std::remove(path.c_str());
    EXPECT_TRUE(saveSceneFile("/nonexistent-folder/x.json", richScene()).has_value());
}

TEST(Scene, LayoutsRoundTripByteIdentically) {
    const Scene original = sceneWithLayouts();
    const std::string first = formatScene(original);
    Scene parsed;
    const auto error = parseScene(first, &parsed);
    ASSERT_FALSE(error) << *error;
    EXPECT_EQ(formatScene(parsed), first);
    EXPECT_EQ(parsed.view.layouts, original.view.layouts);
    // Written in workspace order, after the other view settings.
    const std::size_t layouts = first.find("\"layouts\": {");
    ASSERT_NE(layouts, std::string::npos);
    EXPECT_LT(first.find("\"simplex_classes\""), layouts);
    const std::size_t lab = first.find("\"logit_lab\": {", layouts);
    const std::size_t geometry = first.find("\"geometry\": \"simplex\"", layouts);
    const std::size_t training = first.find("\"training\": {", layouts);
    ASSERT_NE(lab, std::string::npos);
    ASSERT_NE(geometry, std::string::npos);
    ASSERT_NE(training, std::string::npos);
    EXPECT_LT(lab, geometry);
    EXPECT_LT(geometry, training);
}

// The Classifier's gradient-share view is kept with the view; equal (the default) is not
// written, so a scene from before the option saves back byte for byte.
TEST(Scene, ClassifierPointSizeRoundTripsAndIsWrittenOnlyWhenSet) {
    const Scene plain = richScene();
    const std::string plainText = formatScene(plain);
    EXPECT_EQ(plainText.find("classifier_point_size"), std::string::npos);
    Scene parsed;
    const auto error = parseScene(plainText, &parsed);
    ASSERT_FALSE(error) << *error;
    EXPECT_EQ(parsed.view.classifierPointSizing, PointSizing::Equal);

    Scene shares = richScene();
    shares.view.classifierPointSizing = PointSizing::GradientShare;
    const std::string text = formatScene(shares);
    EXPECT_NE(text.find("\"classifier_point_size\": \"gradient_share\""), std::string::npos);
    ASSERT_FALSE(parseScene(text, &parsed));
    EXPECT_EQ(parsed.view.classifierPointSizing, PointSizing::GradientShare);
    EXPECT_EQ(formatScene(parsed), text);
}

TEST(Scene, OneLayoutIsEnough) {
    Scene s;
    ASSERT_FALSE(parseScene(R"({"version": 1, "view": {"layouts": {"geometry":
        {"split": "column", "fractions": [0.7, 0.3], "children": ["surface", "simplex"]}}}})",
                            &s));
    ASSERT_EQ(s.view.layouts.size(), 1u);
    EXPECT_EQ(s.view.layouts.at("geometry"),
              layoutColumn({layoutLeaf("surface"), layoutLeaf("simplex")}, {0.7, 0.3}));
    const std::string text = formatScene(s);
    EXPECT_NE(text.find("\"geometry\""), std::string::npos);
    EXPECT_EQ(text.find("\"logit_lab\": "), std::string::npos);
}

TEST(Scene, WithoutLayoutsThereIsNoLayoutsKey) {
    const std::string text = formatScene(richScene());
    EXPECT_EQ(text.find("layouts"), std::string::npos);
    Scene parsed;
    ASSERT_FALSE(parseScene(text, &parsed));
    EXPECT_TRUE(parsed.view.layouts.empty());
    Scene minimal;
    ASSERT_FALSE(parseScene(R"({"version": 1, "view": {"theme": "light"}})", &minimal));
    EXPECT_TRUE(minimal.view.layouts.empty());
}

TEST(Scene, BadLayoutNamesItsPathAndChangesNothing) {
    Scene current = sceneWithLayouts();
    const std::string before = formatScene(current);
    const auto error = parseScene(R"({"version": 1, "view": {"layouts": {
        "logit_lab": "logits",
        "geometry": {"split": "row", "fractions": [0.5, 0.5], "children": ["simplex", "foo"]}}}})",
                                  &current);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error, "view.layouts.geometry.children[1]: unknown panel 'foo'");
    EXPECT_EQ(formatScene(current), before);
    EXPECT_EQ(current.view.layouts, sceneWithLayouts().view.layouts);
}

// Every shipped scene still loads (none of them has layouts) and is saved back unchanged.
TEST(Scene, ShippedScenesLoad) {
    const std::filesystem::path folder =
        std::filesystem::path(LOSSLAB_SOURCE_DIR) / "assets" / "scenes";
    ASSERT_TRUE(std::filesystem::is_directory(folder)) << folder;
    int scenes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json") continue;
        Scene s;
        const auto error = loadSceneFile(entry.path().string(), &s);
        EXPECT_FALSE(error) << *error;
        EXPECT_TRUE(s.view.layouts.empty()) << entry.path();
        EXPECT_EQ(formatScene(s), readText(entry.path())) << entry.path();
        ++scenes;
    }
    EXPECT_GE(scenes, 9);
}

struct Hostile {
    std::string json;
    std::string mustMention;
};

class SceneHostile : public ::testing::TestWithParam<Hostile> {};

TEST_P(SceneHostile, RefusedWithTheFieldNamedAndNothingChanged) {
    Scene current = richScene();
    const std::string before = formatScene(current);
    const auto error = parseScene(GetParam().json, &current);
    ASSERT_TRUE(error.has_value()) << GetParam().json;
    EXPECT_NE(error->find(GetParam().mustMention), std::string::npos) << *error;
    EXPECT_EQ(formatScene(current), before);
}

INSTANTIATE_TEST_SUITE_P(
    All, SceneHostile,
    ::testing::Values(
        Hostile{"", "not valid JSON"},
        Hostile{R"({"version": 1, "logits": {"val)", "not valid JSON"},
        Hostile{"[1, 2, 3]", "expected an object"}, Hostile{R"({"logits": {}})", "version"},
        Hostile{R"({"version": 2})", "version"}, Hostile{R"({"version": "1"})", "version"},
        Hostile{R"({"version": 1, "logits": {"values": [1, "x", 3]}})", "logits.values[1]"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 1e400, 3]}})", "1e400"},
        Hostile{R"({"version": 1, "logits": {"values": [1]}})", "logits.values"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 2], "true_class": 2}})",
                "logits.true_class"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 2], "class_names": ["a"]}})",
                "logits.class_names"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 2], "temperature": -1}})",
                "logits.temperature"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 2], "smoothing": 2}})",
                "logits.smoothing"},
        Hostile{R"({"version": 1, "logits": {"values": [1, 2], "soft_target": [0.9, 0.9]}})",
                "logits.soft_target"},
        Hostile{R"({"version": 1, "logits": {"selected_loss": "mse"}})", "logits.selected_loss"},
        Hostile{R"({"version": 1, "training": {"generator": {"classes": 1000000000}}})",
                "training.generator.classes"},
        Hostile{R"({"version": 1, "training": {"generator": {"points": 100000000}}})",
                "training.generator.points"},
        Hostile{R"({"version": 1, "training": {"points": [[0, 0, 5]]}})", "training.points[0][2]"},
        Hostile{R"({"version": 1, "training": {"points": [[0, "a", 1]]}})",
                "training.points[0][1]"},
        Hostile{R"({"version": 1, "training": {"classes": 1000000000}})", "training.classes"},
        Hostile{R"({"version": 1, "training": {"config": {"learning_rate": 0}}})",
                "training.config.learning_rate"},
        Hostile{R"({"version": 1, "training": {"config": {"features": "cubic"}}})",
                "training.config.features"},
        Hostile{R"({"version": 1, "training": {"model": {"weights": [[1, 2]], "bias": [0]}}})",
                "training.model.weights"},
        Hostile{R"({"version": 1, "regression": []})", "regression: expected an object"},
        Hostile{R"({"version": 1, "regression": {"loss": "mse"}})",
                "regression.loss: 'mse' is not one of l2, l1, huber, log_cosh"},
        Hostile{R"({"version": 1, "regression": {"delta": 0}})", "regression.delta"},
        Hostile{R"({"version": 1, "regression": {"l2": -1}})", "regression.l2"},
        Hostile{R"({"version": 1, "regression": {"learning_rate": 0}})",
                "regression.learning_rate"},
        Hostile{R"({"version": 1, "regression": {"optimizer": "adam", "momentum": 0.5}})",
                "regression.momentum: only sgd uses it"},
        Hostile{R"({"version": 1, "regression": {"points": [[0, 1], [2]]}})",
                "regression.points[1]: expected [x, y]"},
        Hostile{R"({"version": 1, "regression": {"points": [[0, "a"]]}})",
                "regression.points[0][1]"},
        Hostile{R"({"version": 1, "regression": {"dataset": {"outliers": 50}}})",
                "regression.dataset: outliers"},
        Hostile{R"({"version": 1, "regression": {"dataset": {"noise": 11}}})",
                "regression.dataset.noise"},
        Hostile{R"({"version": 1, "view": {"theme": "pink"}})", "view.theme"},
        Hostile{R"({"version": 1, "view": {"classifier_point_size": "big"}})",
                "view.classifier_point_size: 'big' is not one of equal, gradient_share"},
        Hostile{R"({"version": 1, "view": {"ui_scale": 40}})", "view.ui_scale"},
        Hostile{R"({"version": 1, "view": {"simplex_classes": [0, 0, 1]}})",
                "view.simplex_classes"},
        Hostile{R"({"version": 1, "view": {"layouts": ["logits"]}})",
                "view.layouts: expected an object"},
        Hostile{R"({"version": 1, "view": {"layouts": {"foo": "logits"}}})",
                "view.layouts.foo: unknown workspace"},
        Hostile{R"({"version": 1, "view": {"layouts": {"training": 3}}})",
                "view.layouts.training: expected a panel name or a split object"},
        Hostile{R"({"version": 1, "view": {"layouts": {"training": "nope"}}})",
                "view.layouts.training: unknown panel 'nope'"},
        Hostile{R"({"version": 1, "view": {"layouts": {"logit_lab": {"split": "row",
                "fractions": [0.5, 0.5], "children": ["logits", "logits"]}}}})",
                "view.layouts.logit_lab.children[1]: panel 'logits' appears twice"},
        Hostile{R"({"version": 1, "view": {"layouts": {"geometry": {"split": "column",
                "fractions": [0.99, 0.01], "children": ["surface", "simplex"]}}}})",
                "view.layouts.geometry.fractions[1]: below 0.05"},
        Hostile{R"({"version": 1, "view": {"layouts": {"geometry": {"split": "column",
                "fractions": [0.5, 0.5], "children": ["surface", ["simplex"]]}}}})",
                "view.layouts.geometry.children[1]: expected a panel name or a split object"}),
    [](const ::testing::TestParamInfo<Hostile>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(Scene, RegressionSectionRoundTripsByteIdentically) {
    const Scene original = sceneWithRegression();
    const std::string first = formatScene(original);
    Scene parsed;
    ASSERT_FALSE(parseScene(first, &parsed));
    EXPECT_EQ(formatScene(parsed), first);
    ASSERT_TRUE(parsed.regression.has_value());
    const SceneRegression& r = *parsed.regression;
    EXPECT_EQ(r.dataset.points, 43);
    EXPECT_EQ(r.dataset.seed, 7u);
    ASSERT_EQ(r.data.size(), 43);
    EXPECT_EQ(r.data.x, original.regression->data.x);
    EXPECT_EQ(r.data.y, original.regression->data.y);  // bit for bit, 0.30000000000000004 too
    EXPECT_EQ(r.options.loss, RegressionLoss::Huber);
    EXPECT_EQ(r.options.delta, 0.35);
    EXPECT_EQ(r.options.l2, 0.01);
    EXPECT_EQ(r.momentum, 0.9);
    EXPECT_EQ(parsed.view.workspace, "regression");
    EXPECT_EQ(parsed.view.layouts.at("regression"), original.view.layouts.at("regression"));
}

TEST(Scene, WithoutRegressionThereIsNoRegressionKey) {
    const std::string text = formatScene(richScene());
    EXPECT_EQ(text.find("\"regression\""), std::string::npos);
    Scene parsed;
    ASSERT_FALSE(parseScene(text, &parsed));
    EXPECT_FALSE(parsed.regression.has_value());
    // A section with only some keys takes the defaults for the rest; no points: the dataset's.
    ASSERT_FALSE(parseScene(R"({"version": 1, "regression": {"loss": "l1"}})", &parsed));
    ASSERT_TRUE(parsed.regression.has_value());
    EXPECT_EQ(parsed.regression->options.loss, RegressionLoss::L1);
    EXPECT_EQ(parsed.regression->data.size(), 0);
    EXPECT_EQ(parsed.regression->dataset.points, SceneRegression{}.dataset.points);
}

TEST(Scene, FilesThatAreNotScenes) {
    Scene s;
    EXPECT_NE(loadSceneFile("/nonexistent.json", &s)->find("cannot open"), std::string::npos);
    EXPECT_NE(loadSceneFile("/tmp", &s)->find("not a regular file"), std::string::npos);
    EXPECT_NE(loadSceneFile("/tmp/../etc/passwd", &s)->find("not valid JSON"), std::string::npos);
}

TEST(Scene, ATwoClassSceneRoundTrips) {
    // K = 2 has no simplex: the view keeps [0, 1, 1], which must read back (it was refused as
    // "the three classes must differ", so a saved two-class scene could not be opened).
    Scene scene;
    scene.logits.classNames = {"yes", "no"};
    scene.logits.logits = (Vec(2) << 1.5, -0.5).finished();
    scene.logits.softTarget = (Vec(2) << 1.0, 0.0).finished();
    scene.view.simplexClasses = {0, 1, 1};
    scene.training.data.classes = 3;
    const std::string text = formatScene(scene);
    Scene back;
    ASSERT_FALSE(parseScene(text, &back)) << *parseScene(text, &back);
    EXPECT_EQ(formatScene(back), text);
    // With three classes the corners must still differ.
    Scene three;
    three.view.simplexClasses = {0, 1, 1};
    three.training.data.classes = 3;
    const auto error = parseScene(formatScene(three), &back);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("must differ"), std::string::npos) << *error;
}

}  // namespace
}  // namespace losslab
