// Scene files: round trips, and hostile input that must be refused with the field named
// while the caller's scene stays untouched.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
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
        Hostile{R"({"version": 1, "view": {"theme": "pink"}})", "view.theme"},
        Hostile{R"({"version": 1, "view": {"ui_scale": 40}})", "view.ui_scale"},
        Hostile{R"({"version": 1, "view": {"simplex_classes": [0, 0, 1]}})",
                "view.simplex_classes"}),
    [](const ::testing::TestParamInfo<Hostile>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(Scene, FilesThatAreNotScenes) {
    Scene s;
    EXPECT_NE(loadSceneFile("/nonexistent.json", &s)->find("cannot open"), std::string::npos);
    EXPECT_NE(loadSceneFile("/tmp", &s)->find("not a regular file"), std::string::npos);
    EXPECT_NE(loadSceneFile("/tmp/../etc/passwd", &s)->find("not valid JSON"), std::string::npos);
}

}  // namespace
}  // namespace losslab
