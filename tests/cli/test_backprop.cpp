// `losslab backprop`: the JSON contract (forward {phi, s, z, p, loss}, grad {s, W, b, x}),
// agreement with the core to the last bit and with `losslab eval`, and a one-line error naming
// the argument for every kind of bad input.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "../support/run_process.hpp"
#include "losslab/backprop.hpp"

namespace losslab {
namespace {

using testing::runProcess;

testing::ProcessResult backprop(std::vector<std::string> args) {
    args.insert(args.begin(), {LOSSLAB_BINARY, "backprop"});
    return runProcess(args);
}

Vec vecOf(const nlohmann::json& array) {
    Vec v(static_cast<Eigen::Index>(array.size()));
    for (std::size_t i = 0; i < array.size(); ++i)
        v[static_cast<Eigen::Index>(i)] = array[i].get<double>();
    return v;
}

std::vector<std::string> keysOf(const nlohmann::json& object) {
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.push_back(it.key());
    return keys;
}

TEST(BackpropCli, ContractOfTheExample) {
    // The usage line of `losslab backprop --help`, with numbers for the weights.
    const auto r = backprop({"--x", "0.5,-1.2", "--W", "0.2,-0.5;1.5,1.3;0,0.25", "--b",
                             "0.1,0,-0.2", "--target", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    // nlohmann::json sorts keys; the contract is the set.
    EXPECT_EQ(keysOf(j), (std::vector<std::string>{"forward", "grad"}));
    EXPECT_EQ(keysOf(j["forward"]), (std::vector<std::string>{"loss", "p", "phi", "s", "z"}));
    EXPECT_EQ(keysOf(j["grad"]), (std::vector<std::string>{"W", "b", "s", "x"}));
    // The text keeps the documented order.
    EXPECT_LT(r.out.find("\"forward\""), r.out.find("\"grad\""));
    EXPECT_LT(r.out.find("\"phi\""), r.out.find("\"s\""));

    const Vec phi = vecOf(j["forward"]["phi"]);
    EXPECT_EQ(phi, (Vec(2) << 0.5, -1.2).finished());
    // s = W φ + b, by hand.
    const Vec s = vecOf(j["forward"]["s"]);
    EXPECT_NEAR(s[0], 0.2 * 0.5 + 0.5 * 1.2 + 0.1, 1e-15);
    EXPECT_NEAR(s[1], 1.5 * 0.5 - 1.3 * 1.2, 1e-15);
    EXPECT_NEAR(s[2], -0.25 * 1.2 - 0.2, 1e-15);
    EXPECT_EQ(vecOf(j["forward"]["z"]), s);  // T = 1
    const Vec p = vecOf(j["forward"]["p"]);
    EXPECT_NEAR(p.sum(), 1.0, 1e-15);
    EXPECT_NEAR(j["forward"]["loss"].get<double>(), -std::log(p[0]), 1e-15);
    // Cross-entropy: ∂L/∂s = p − e_y; ∂L/∂W = (∂L/∂s) φᵀ; ∂L/∂b = ∂L/∂s; ∂L/∂x = Wᵀ ∂L/∂s.
    const Vec gs = vecOf(j["grad"]["s"]);
    Vec expected = p;
    expected[0] -= 1;
    EXPECT_NEAR((gs - expected).cwiseAbs().maxCoeff(), 0.0, 1e-15);
    ASSERT_EQ(j["grad"]["W"].size(), 3u);
    for (int k = 0; k < 3; ++k) {
        ASSERT_EQ(j["grad"]["W"][k].size(), 2u);
        for (int d = 0; d < 2; ++d) {
            EXPECT_EQ(j["grad"]["W"][k][d].get<double>(), gs[k] * phi[d]);
        }
    }
    EXPECT_EQ(vecOf(j["grad"]["b"]), gs);
    RowMatrix w(3, 2);
    w << 0.2, -0.5, 1.5, 1.3, 0, 0.25;
    EXPECT_NEAR((vecOf(j["grad"]["x"]) - w.transpose() * gs).cwiseAbs().maxCoeff(), 0.0, 1e-15);
}

// Every option reaches the math: the JSON is the core's result to the last bit.
TEST(BackpropCli, AgreesWithTheCoreToTheLastBit) {
    struct Case {
        std::vector<std::string> args;
        FeatureMap map;
        Loss loss;
        LossOptions options;
    };
    LossOptions focal;
    focal.temperature = 2;
    focal.smoothing = 0.1;
    focal.gamma = 1;
    focal.logBase = LogBase::Two;
    LossOptions hinge;
    hinge.margin = 1.5;
    LossOptions brier;
    brier.temperature = 0.3;
    brier.smoothing = 0.2;
    const Case cases[] = {
        {{"--features", "poly2", "--loss", "focal", "--temperature", "2", "--smoothing", "0.1",
          "--gamma", "1", "--log-base", "2"},
         FeatureMap::Poly2,
         Loss::Focal,
         focal},
        {{"--features", "poly3", "--loss", "hinge_ww", "--margin", "1.5"},
         FeatureMap::Poly3,
         Loss::HingeWW,
         hinge},
        {{"--features", "linear", "--loss", "brier", "--temperature", "0.3", "--smoothing", "0.2"},
         FeatureMap::Linear,
         Loss::Brier,
         brier},
    };
    for (const Case& c : cases) {
        BackpropSample sample;
        sample.x = Eigen::Vector2d(-0.7, 0.35);
        sample.features = c.map;
        const int dimension = featureDimension(c.map);
        sample.weights.resize(3, dimension);
        std::string weights;
        for (int k = 0; k < 3; ++k) {
            for (int d = 0; d < dimension; ++d) {
                sample.weights(k, d) = 0.1 * (k + 1) - 0.07 * d + 0.3 * (d % 2);
                weights += (d ? "," : (k ? ";" : "")) + nlohmann::json(sample.weights(k, d)).dump();
            }
        }
        sample.bias = (Vec(3) << 0.1, -0.3, 0.05).finished();
        sample.target = 2;
        sample.loss = c.loss;
        sample.options = c.options;
        Backprop core;
        ASSERT_FALSE(runBackprop(sample, &core).has_value());

        std::vector<std::string> args = {"--x", "-0.7,0.35",     "--W",      weights,
                                         "--b", "0.1,-0.3,0.05", "--target", "2"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto r = backprop(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto j = nlohmann::json::parse(r.out);
        const std::string what(lossKey(c.loss));
        EXPECT_EQ(vecOf(j["forward"]["phi"]), core.phi) << what;
        EXPECT_EQ(vecOf(j["forward"]["s"]), core.s) << what;
        EXPECT_EQ(vecOf(j["forward"]["z"]), core.z) << what;
        EXPECT_EQ(vecOf(j["forward"]["p"]), core.p) << what;
        EXPECT_EQ(j["forward"]["loss"].get<double>(), core.loss) << what;
        EXPECT_EQ(vecOf(j["grad"]["s"]), core.gradS) << what;
        for (int k = 0; k < 3; ++k) {
            EXPECT_EQ(vecOf(j["grad"]["W"][k]), Vec(core.gradW.row(k).transpose())) << what;
        }
        EXPECT_EQ(vecOf(j["grad"]["b"]), core.gradB) << what;
        EXPECT_EQ(vecOf(j["grad"]["x"]), core.gradX) << what;
    }
}

// grad.s is what `losslab eval` prints for the forward scores, with the same options.
TEST(BackpropCli, GradientAtTheScoresIsEvals) {
    const std::vector<std::string> options = {"--temperature", "1.7", "--smoothing", "0.05",
                                              "--margin",      "0.8", "--log-base",  "10"};
    for (const char* loss : {"cross_entropy", "kl", "focal", "brier", "hinge_ww", "hinge_cs",
                             "squared_hinge", "ova_logistic"}) {
        std::vector<std::string> args = {
            "--x", "-1.1,0.4", "--W", "1,-2;0.5,0.5;-1,3;0,1", "--b", "0,0.2,-0.4,0.1", "--target",
            "1",   "--loss",   loss};
        args.insert(args.end(), options.begin(), options.end());
        const auto r = backprop(args);
        ASSERT_EQ(r.exitCode, 0) << loss << ": " << r.err;
        const auto j = nlohmann::json::parse(r.out);
        std::string logits;
        for (const auto& s : j["forward"]["s"])
            logits += (logits.empty() ? "" : ",") + s.dump();
        std::vector<std::string> evalArgs = {LOSSLAB_BINARY, "eval",     "--logits",
                                             logits,         "--target", "1"};
        evalArgs.insert(evalArgs.end(), options.begin(), options.end());
        const auto e = runProcess(evalArgs);
        ASSERT_EQ(e.exitCode, 0) << e.err;
        const auto ej = nlohmann::json::parse(e.out);
        EXPECT_EQ(j["grad"]["s"], ej["losses"][loss]["grad"]) << loss;
        EXPECT_EQ(j["forward"]["loss"], ej["losses"][loss]["value"]) << loss;
        EXPECT_EQ(j["forward"]["p"], ej["probs"]) << loss;
    }
}

struct BadInput {
    std::vector<std::string> args;
    std::string mustMention;
};

class BackpropCliBadInput : public ::testing::TestWithParam<BadInput> {};

// Each case replaces the options it names in a valid call (K = 3, linear features).
TEST_P(BackpropCliBadInput, OneLineErrorNamingTheArgument) {
    std::vector<std::pair<std::string, std::string>> options = {
        {"--x", "0.5,-1.2"}, {"--W", "1,2;3,4;5,6"}, {"--b", "0.1,0,-0.2"}, {"--target", "0"}};
    const std::vector<std::string>& bad = GetParam().args;
    std::vector<std::string> args;
    for (std::size_t i = 0; i < bad.size(); ++i) {
        if (bad[i].rfind("--", 0) != 0) continue;
        const std::string value = i + 1 < bad.size() ? bad[i + 1] : "";
        bool replaced = false;
        for (auto& [name, current] : options) {
            if (name == bad[i]) {
                current = value;
                replaced = true;
            }
        }
        if (!replaced) options.push_back({bad[i], value});
    }
    for (const auto& [name, value] : options) {
        if (value == "OMIT") continue;
        args.push_back(name);
        args.push_back(value);
    }
    const auto r = backprop(args);
    EXPECT_GT(r.exitCode, 0) << "must exit with an error, not crash";
    EXPECT_TRUE(r.out.empty()) << "no partial JSON: " << r.out;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "exactly one line: " << r.err;
    EXPECT_NE(r.err.find(GetParam().mustMention), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    All, BackpropCliBadInput,
    ::testing::Values(
        // W not K x D for the features, or not a matrix
        BadInput{{"--features", "poly2"}, "--W: rows have 2 entries but poly2 features have D = 5"},
        BadInput{{"--W", "1,2,3;4,5,6;7,8,9"}, "--W: rows have 3 entries"},
        BadInput{{"--W", "1,2;3,4,5;6,7"}, "--W: row 1 has 3 entries but row 0 has 2"},
        BadInput{{"--W", "1,2;;5,6"}, "--W: row 1"},
        BadInput{{"--W", "1,2"}, "--W: needs at least 2"},
        BadInput{{"--W", "1,x;3,4;5,6"}, "--W: row 0"},
        // b of the wrong length
        BadInput{{"--b", "0,0"}, "--b: has 2 entries but W has K = 3"},
        BadInput{{"--b", "0,0,0,0"}, "--b: has 4 entries"},
        // target out of range
        BadInput{{"--target", "3"}, "--target: class 3 is out of range for K = 3"},
        BadInput{{"--target", "-1"}, "--target"},
        BadInput{{"--target", "99999999999999"}, "--target"},
        BadInput{{"--target", "cat"}, "--target"},
        // rbf features, unknown names
        BadInput{{"--features", "rbf"}, "--features: rbf is not supported"},
        BadInput{{"--features", "cubic"}, "--features: 'cubic' is not one of linear, poly2, poly3"},
        BadInput{{"--loss", "mse"}, "--loss: 'mse'"},
        // non-finite and malformed numbers
        BadInput{{"--x", "nan,1"}, "--x"}, BadInput{{"--x", "1,inf"}, "--x"},
        BadInput{{"--x", "1,2,3"}, "--x: needs 2 numbers"}, BadInput{{"--x", "1"}, "--x"},
        BadInput{{"--W", "1,2;3,inf;5,6"}, "--W"}, BadInput{{"--W", "1,2;3,1e400;5,6"}, "--W"},
        BadInput{{"--b", "0,nan,0"}, "--b"}, BadInput{{"--b", ""}, "--b"},
        // invalid options
        BadInput{{"--temperature", "0"}, "--temperature"},
        BadInput{{"--temperature", "-2"}, "--temperature"},
        BadInput{{"--smoothing", "1.5"}, "--smoothing"}, BadInput{{"--margin", "0"}, "--margin"},
        BadInput{{"--gamma", "-1"}, "--gamma"}, BadInput{{"--log-base", "3"}, "--log-base"},
        // numbers that overflow on the way
        BadInput{{"--features", "poly3", "--W",
                  "1,1,1,1,1,1,1,1,1;0,0,0,0,0,0,0,0,0;1,0,0,0,0,0,0,0,0", "--x", "1e200,0"},
                 "--x: the poly3 features overflow"},
        BadInput{{"--W", "1e308,1e308;0,0;0,0", "--x", "1,1"}, "overflow"},
        // missing or unknown options
        BadInput{{"--x", "OMIT"}, "--x"}, BadInput{{"--W", "OMIT"}, "--W"},
        BadInput{{"--b", "OMIT"}, "--b"}, BadInput{{"--target", "OMIT"}, "--target"},
        BadInput{{"--bogus", "1"}, "--bogus"}),
    [](const ::testing::TestParamInfo<BadInput>& param) {
        std::string name = "case" + std::to_string(param.index) + "_";
        for (char c : param.param.mustMention.substr(0, 24))
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(BackpropCli, HelpExplainsEveryOption) {
    const auto top = runProcess({LOSSLAB_BINARY, "--help"});
    EXPECT_NE(top.out.find("backprop"), std::string::npos);
    const auto sub = runProcess({LOSSLAB_BINARY, "backprop", "--help"});
    EXPECT_EQ(sub.exitCode, 0);
    for (const char* word : {"--x", "--W", "--b", "--target", "--features", "--loss",
                             "--temperature", "--smoothing", "--margin", "--gamma", "--log-base"}) {
        EXPECT_NE(sub.out.find(word), std::string::npos) << word;
    }
}

}  // namespace
}  // namespace losslab
