// `losslab eval`: the JSON contract of docs/command-line.md and a clear one-line error for bad
// input.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "../support/run_process.hpp"
#include "losslab/losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

using testing::runProcess;

testing::ProcessResult eval(std::vector<std::string> args) {
    args.insert(args.begin(), {LOSSLAB_BINARY, "eval"});
    return runProcess(args);
}

TEST(EvalCli, ContractForTheLectureExample) {
    const auto r = eval({"--logits", "3.2,5.1,-1.7", "--target", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty());
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"logits", "temperature", "smoothing", "log_base", "probs", "target",
                            "entropy", "prediction", "margin", "losses"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_EQ(j["log_base"], "e");
    EXPECT_EQ(j["prediction"], 1);
    EXPECT_NEAR(j["margin"].get<double>(), -1.9, 1e-12);
    EXPECT_NEAR(j["probs"][1].get<double>(), 0.87, 0.005);
    EXPECT_EQ(j["losses"].size(), 8u);
    EXPECT_NEAR(j["losses"]["hinge_ww"]["value"].get<double>(), 2.9, 1e-12);
    // Every loss and gradient to full double precision (%.17g round-trips).
    const Vec s = (Vec(3) << 3.2, 5.1, -1.7).finished();
    for (Loss loss : kAllLosses) {
        const LossValue v = evaluateLoss(loss, s, 0, LossOptions{});
        const auto& entry = j["losses"][std::string(lossKey(loss))];
        EXPECT_EQ(entry["value"].get<double>(), v.value) << lossKey(loss);
        for (int i = 0; i < 3; ++i)
            EXPECT_EQ(entry["grad"][i].get<double>(), v.grad[i]);
    }
}

TEST(EvalCli, OptionsReachTheMath) {
    const auto r = eval({"--logits", "1,2,0.5,-1", "--target", "2", "--temperature", "2",
                         "--smoothing", "0.1", "--margin", "0.5", "--gamma", "1", "--log-base", "2",
                         "--target-dist", "0.1,0.2,0.6,0.1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["log_base"], "2");
    LossOptions o;
    o.temperature = 2;
    o.smoothing = 0.1;
    o.margin = 0.5;
    o.gamma = 1;
    o.logBase = LogBase::Two;
    const Vec s = (Vec(4) << 1, 2, 0.5, -1).finished();
    const Vec q = smoothTarget((Vec(4) << 0.1, 0.2, 0.6, 0.1).finished(), 0.1);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(j["target"][i].get<double>(), q[i]);
    EXPECT_EQ(j["entropy"].get<double>(), entropy(softmax(s, 2), LogBase::Two));
    for (Loss loss : kAllLosses) {
        const LossValue v = evaluateLoss(loss, s, 2, q, o);
        EXPECT_EQ(j["losses"][std::string(lossKey(loss))]["value"].get<double>(), v.value);
    }
}

TEST(EvalCli, NegativeFirstLogitAndHugeValues) {
    const auto r = eval({"--logits", "-1e300,1e300,0", "--target", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["probs"][1].get<double>(), 1.0);
    for (auto& [key, entry] : j["losses"].items()) {
        EXPECT_TRUE(entry["value"].is_number()) << key;
    }
}

TEST(EvalCli, NumbersUseSeventeenDigits) {
    const auto r = eval({"--logits", "0.1,0.2", "--target", "0"});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("0.10000000000000001"), std::string::npos) << r.out;
}

struct BadInput {
    std::vector<std::string> args;
    std::string mustMention;
};

class EvalCliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(EvalCliBadInput, OneLineErrorNamingTheArgument) {
    const auto r = eval(GetParam().args);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_GT(r.exitCode, 0) << "must exit, not crash";
    EXPECT_TRUE(r.out.empty()) << "no partial JSON: " << r.out;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "exactly one line: " << r.err;
    EXPECT_NE(r.err.find(GetParam().mustMention), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    All, EvalCliBadInput,
    ::testing::Values(
        BadInput{{"--logits", "3.2,abc,1", "--target", "0"}, "--logits"},
        BadInput{{"--logits", "", "--target", "0"}, "--logits"},
        BadInput{{"--logits", "1,,2", "--target", "0"}, "--logits"},
        BadInput{{"--logits", "5", "--target", "0"}, "at least 2"},
        BadInput{{"--logits", "1,2,3", "--target", "3"}, "--target"},
        BadInput{{"--logits", "1,2,3", "--target", "-1"}, "--target"},
        BadInput{{"--logits", "1,2,3", "--target", "x"}, "--target"},
        BadInput{{"--logits", "1,2,3", "--target", "0", "--target-dist", "0.5,0.5"},
                 "--target-dist"},
        BadInput{{"--logits", "1,2", "--target", "0", "--target-dist", "0.7,0.7"}, "--target-dist"},
        BadInput{{"--logits", "1,2", "--target", "0", "--temperature", "0"}, "--temperature"},
        BadInput{{"--logits", "1,2", "--target", "0", "--temperature", "-1"}, "--temperature"},
        BadInput{{"--logits", "1,2", "--target", "0", "--temperature", "nan"}, "--temperature"},
        BadInput{{"--logits", "1,2", "--target", "0", "--smoothing", "1.5"}, "--smoothing"},
        BadInput{{"--logits", "1,2", "--target", "0", "--margin", "0"}, "--margin"},
        BadInput{{"--logits", "1,2", "--target", "0", "--gamma", "-2"}, "--gamma"},
        BadInput{{"--logits", "1,2", "--target", "0", "--log-base", "3"}, "--log-base"},
        BadInput{{"--logits", "nan,1", "--target", "0"}, "--logits"},
        BadInput{{"--logits", "inf,1", "--target", "0"}, "--logits"},
        BadInput{{"--logits", "1e400,1", "--target", "0"}, "--logits"},
        BadInput{{"--target", "0"}, "--logits"}, BadInput{{"--logits", "1,2"}, "--target"},
        BadInput{{"--batch", "1,2"}, "--batch"}, BadInput{{"--batch", "1,2:2"}, "row 0"},
        BadInput{{"--batch", "1,2:0;;3,4:1"}, "row 1"},
        BadInput{{"--batch", "1,2:0; 3:0"}, "row 1"}, BadInput{{"--batch", "1,x:0"}, "--batch"},
        BadInput{{"--batch", "1,2:0", "--logits", "1,2"}, "--batch"},
        BadInput{{"--batch", "1,2:0", "--temperature", "0"}, "--temperature"},
        BadInput{{"--logits", "1,2", "--target", "0", "--bogus", "1"}, "--bogus"}),
    [](const ::testing::TestParamInfo<BadInput>& param) {
        std::string name = "case" + std::to_string(param.index) + "_";
        for (char c : param.param.mustMention)
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

// docs/command-line.md: every row is what `losslab eval` prints for it (same options), and `mean`
// is each loss's mean over the rows.
TEST(EvalCli, BatchRowsAreSingleEvalsAndTheMeanIsTheirMean) {
    const std::vector<std::string> options = {"--temperature", "2",   "--smoothing", "0.1",
                                              "--margin",      "1.5", "--log-base",  "2"};
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"1,2,0.5,-1", "2"}, {"0.3,-0.2", "0"}, {"5,4,3", "1"}};
    std::string batch;
    for (const auto& [logits, y] : rows)
        batch += (batch.empty() ? "" : "; ") + logits + ":" + y;
    std::vector<std::string> args = {"--batch", batch};
    args.insert(args.end(), options.begin(), options.end());
    const auto r = eval(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["rows"].size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<std::string> single = {"--logits", rows[i].first, "--target", rows[i].second};
        single.insert(single.end(), options.begin(), options.end());
        const auto one = eval(single);
        ASSERT_EQ(one.exitCode, 0) << one.err;
        EXPECT_EQ(j["rows"][i], nlohmann::json::parse(one.out)) << i;
    }
    ASSERT_EQ(j["mean"].size(), kAllLosses.size());
    for (Loss loss : kAllLosses) {
        const std::string key(lossKey(loss));
        double sum = 0.0;
        for (const auto& row : j["rows"])
            sum += row["losses"][key]["value"].get<double>();
        EXPECT_DOUBLE_EQ(j["mean"][key].get<double>(), sum / 3.0) << key;
    }
}

TEST(EvalCli, BatchOfTheLecturesThreeImages) {
    // Lecture 004 (CS231n): cat image 2.9, car image 0, frog image 12.9; the data loss 15.8 / 3.
    const auto r = eval({"--batch", "3.2,5.1,-1.7:0; 1.3,4.9,2.0:1; 2.2,2.5,-3.1:2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["rows"][0]["losses"]["hinge_ww"]["value"].get<double>(), 2.9, 1e-12);
    EXPECT_EQ(j["rows"][1]["losses"]["hinge_ww"]["value"].get<double>(), 0.0);
    EXPECT_NEAR(j["rows"][2]["losses"]["hinge_ww"]["value"].get<double>(), 12.9, 1e-12);
    EXPECT_NEAR(j["mean"]["hinge_ww"].get<double>(), 15.8 / 3.0, 1e-12);
    EXPECT_NEAR(j["mean"]["hinge_ww"].get<double>(), 5.27, 0.005);
}

TEST(Cli, HelpExplainsEveryOption) {
    const auto top = runProcess({LOSSLAB_BINARY, "--help"});
    EXPECT_EQ(top.exitCode, 0);
    for (const char* word : {"eval", "--screenshot", "--bench-frames", "--scene"}) {
        EXPECT_NE(top.out.find(word), std::string::npos) << word;
    }
    const auto sub = runProcess({LOSSLAB_BINARY, "eval", "--help"});
    EXPECT_EQ(sub.exitCode, 0);
    for (const char* word : {"--logits", "--target", "--target-dist", "--temperature",
                             "--smoothing", "--margin", "--gamma", "--log-base", "--batch"}) {
        EXPECT_NE(sub.out.find(word), std::string::npos) << word;
    }
}

}  // namespace
}  // namespace losslab
