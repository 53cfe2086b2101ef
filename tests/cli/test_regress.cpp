// `losslab regress`: the JSON contract of `losslab regress --help`, agreement with the core
// solvers to the last bit, and a clear one-line error for each kind of bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../support/run_process.hpp"
#include "losslab/regression.hpp"

namespace losslab {
namespace {

using testing::runProcess;

testing::ProcessResult regress(std::vector<std::string> args) {
    args.insert(args.begin(), {LOSSLAB_BINARY, "regress"});
    return runProcess(args);
}

// A temporary file removed when the test ends.
class TempCsv {
  public:
    explicit TempCsv(const std::string& text) {
        char pattern[] = "/tmp/losslab_regress_XXXXXX";
        const int fd = mkstemp(pattern);
        path_ = pattern;
        if (fd >= 0) {
            const ssize_t written = write(fd, text.data(), text.size());
            (void)written;
            close(fd);
        }
    }
    ~TempCsv() { std::remove(path_.c_str()); }
    TempCsv(const TempCsv&) = delete;
    TempCsv& operator=(const TempCsv&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

RegressionData defaultLine() {
    LineDatasetOptions options;  // --n 30 --noise 0.3 --outliers 3 --seed 1
    RegressionData data;
    EXPECT_FALSE(generateLineDataset(options, &data).has_value());
    return data;
}

TEST(RegressCli, ContractOfAnExactFit) {
    const auto r = regress({"--dataset", "line", "--loss", "huber"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    // The four required fields come first, in this order.
    EXPECT_EQ(r.out.rfind("{\"w\": ", 0), 0u) << r.out.substr(0, 80);
    const std::size_t b = r.out.find("\"b\": ");
    const std::size_t objective = r.out.find("\"objective\": ");
    const std::size_t history = r.out.find("\"history\": ");
    EXPECT_LT(b, objective);
    EXPECT_LT(objective, history);
    EXPECT_LT(history, r.out.find("\"loss\": "));
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["history"].is_array());
    EXPECT_TRUE(j["history"].empty()) << "exact has no history";
    EXPECT_EQ(j["loss"], "huber");
    EXPECT_EQ(j["delta"], 1.0);
    EXPECT_EQ(j["l2"], 0.0);
    EXPECT_EQ(j["solver"], "exact");
    EXPECT_EQ(j["n"], 30);
    EXPECT_FALSE(j.contains("diverged"));
    EXPECT_EQ(j["objective"].get<double>(),
              j["data_loss"].get<double>() + j["reg_loss"].get<double>());
    for (const char* key : {"gaussian_sigma", "gaussian_nll", "laplace_beta", "laplace_nll"}) {
        EXPECT_TRUE(j["likelihood"][key].is_number()) << key;
    }
    // δ belongs to huber only.
    const auto l2 = nlohmann::json::parse(regress({"--dataset", "line", "--loss", "l2"}).out);
    EXPECT_FALSE(l2.contains("delta"));
}

TEST(RegressCli, ExactFitsAgreeWithTheCoreToTheLastBit) {
    const RegressionData data = defaultLine();
    for (RegressionLoss loss : kAllRegressionLosses) {
        const auto r = regress({"--dataset", "line", "--loss", std::string(regressionLossKey(loss)),
                                "--l2", "0.05", "--delta", "0.5"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto j = nlohmann::json::parse(r.out);
        RegressionOptions options;
        options.loss = loss;
        options.l2 = 0.05;
        options.delta = 0.5;
        ExactFit fit;
        ASSERT_FALSE(solveRegressionExact(options, data, &fit).has_value());
        EXPECT_EQ(j["w"].get<double>(), fit.line.w) << regressionLossKey(loss);
        EXPECT_EQ(j["b"].get<double>(), fit.line.b) << regressionLossKey(loss);
        EXPECT_EQ(j["objective"].get<double>(), fit.objective.value) << regressionLossKey(loss);
        const RegressionLikelihood view = regressionLikelihood(data, fit.line);
        EXPECT_EQ(j["likelihood"]["gaussian_sigma"].get<double>(), view.gaussianSigma);
        EXPECT_EQ(j["likelihood"]["laplace_nll"].get<double>(), view.laplaceNll);
    }
}

TEST(RegressCli, GradientDescentHistoryAgreesWithTheCore) {
    const auto r =
        regress({"--dataset", "line", "--loss", "log_cosh", "--solver", "gd", "--optimizer", "sgd",
                 "--lr", "0.3", "--momentum", "0.9", "--steps", "25", "--l2", "0.01"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    RegressionOptions options;
    options.loss = RegressionLoss::LogCosh;
    options.l2 = 0.01;
    RegressionDescentConfig config;
    config.learningRate = 0.3;
    config.momentum = 0.9;
    config.steps = 25;
    RegressionDescent run;
    ASSERT_FALSE(runRegressionDescent(options, config, defaultLine(), &run).has_value());
    ASSERT_EQ(j["history"].size(), 25u);
    for (std::size_t i = 0; i < 25; ++i) {
        const auto& entry = j["history"][i];
        EXPECT_EQ(entry["step"].get<long long>(), static_cast<long long>(i));
        EXPECT_EQ(entry["objective"].get<double>(), run.history[i].objective) << i;
        EXPECT_EQ(entry["w"].get<double>(), run.history[i].line.w) << i;
        EXPECT_EQ(entry["b"].get<double>(), run.history[i].line.b) << i;
    }
    // history[0] is the start w = b = 0; the fit is the line after the last update.
    EXPECT_EQ(j["history"][0]["w"].get<double>(), 0.0);
    EXPECT_EQ(j["w"].get<double>(), run.line.w);
    EXPECT_EQ(j["objective"].get<double>(), run.objective.value);
    EXPECT_EQ(j["solver"], "gd");
}

TEST(RegressCli, GradientDescentReachesTheExactL2Fit) {
    const auto exact =
        nlohmann::json::parse(regress({"--dataset", "line", "--loss", "l2", "--n", "200"}).out);
    const auto gd =
        nlohmann::json::parse(regress({"--dataset", "line", "--loss", "l2", "--n", "200",
                                       "--solver", "gd", "--lr", "0.3", "--steps", "3000"})
                                  .out);
    EXPECT_NEAR(gd["w"].get<double>(), exact["w"].get<double>(), 1e-9);
    EXPECT_NEAR(gd["b"].get<double>(), exact["b"].get<double>(), 1e-9);
    const auto adam = nlohmann::json::parse(
        regress({"--dataset", "line", "--loss", "l2", "--n", "200", "--solver", "gd", "--optimizer",
                 "adam", "--lr", "0.01", "--steps", "5000"})
            .out);
    EXPECT_NEAR(adam["w"].get<double>(), exact["w"].get<double>(), 1e-3);
}

TEST(RegressCli, PointsFromACsvFile) {
    // Three points on y = 2x + 1 and one outlier: l1 keeps the line.
    const TempCsv csv("x,y\n0,1\n1,3\n2,5\n3,-4\n4,9\n");
    const auto r = regress({"--data", csv.path(), "--loss", "l1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["w"].get<double>(), 2, 1e-12);
    EXPECT_NEAR(j["b"].get<double>(), 1, 1e-12);
    EXPECT_EQ(j["n"], 5);
    // Collinear points: every residual 0, so the NLLs are −∞ and print as null.
    const TempCsv line("x,y\n0,1\n1,3\n2,5\n");
    const auto exact = nlohmann::json::parse(regress({"--data", line.path(), "--loss", "l2"}).out);
    EXPECT_TRUE(exact["likelihood"]["gaussian_nll"].is_null());
    EXPECT_EQ(exact["likelihood"]["gaussian_sigma"].get<double>(), 0.0);
}

TEST(RegressCli, DivergenceIsReportedInTheJson) {
    const auto r = regress(
        {"--dataset", "line", "--loss", "l2", "--solver", "gd", "--lr", "1e3", "--steps", "5000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j.contains("diverged"));
    EXPECT_NE(j["diverged"].get<std::string>().find("learning rate too high"), std::string::npos);
    EXPECT_LT(j["history"].size(), 5000u);
    EXPECT_TRUE(j["w"].is_number());
    EXPECT_TRUE(j["objective"].is_number()) << "finite, not null";
}

TEST(RegressCli, AllXEqualWithAPenaltyFitsAFlatLine) {
    const TempCsv csv("x,y\n2,1\n2,5\n2,3\n");
    const auto r = regress({"--data", csv.path(), "--loss", "l1", "--l2", "0.1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["w"].get<double>(), 0.0);
    EXPECT_EQ(j["b"].get<double>(), 3.0);
}

struct BadInput {
    std::vector<std::string> args;
    std::string mustMention;
};

void expectOneLineError(const testing::ProcessResult& r, const std::string& mustMention) {
    EXPECT_GT(r.exitCode, 0) << "must exit with an error, not crash";
    EXPECT_TRUE(r.out.empty()) << "no partial JSON: " << r.out.substr(0, 200);
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "exactly one line: " << r.err;
    EXPECT_NE(r.err.find(mustMention), std::string::npos) << r.err;
}

class RegressCliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(RegressCliBadInput, OneLineErrorNamingTheArgument) {
    std::vector<std::string> args = GetParam().args;
    // Every case is otherwise valid: the default line dataset and l2 unless it says otherwise.
    auto has = [&](const char* word) {
        return std::find(args.begin(), args.end(), word) != args.end();
    };
    const bool hasSource = has("--data") || has("--dataset") || has("NO_SOURCE");
    const bool hasLoss = has("--loss") || has("NO_LOSS");
    args.erase(std::remove(args.begin(), args.end(), "NO_SOURCE"), args.end());
    args.erase(std::remove(args.begin(), args.end(), "NO_LOSS"), args.end());
    if (!hasSource) args.insert(args.begin(), {"--dataset", "line"});
    if (!hasLoss) args.insert(args.end(), {"--loss", "l2"});
    expectOneLineError(regress(args), GetParam().mustMention);
}

INSTANTIATE_TEST_SUITE_P(
    All, RegressCliBadInput,
    ::testing::Values(
        BadInput{{"NO_LOSS"}, "--loss"}, BadInput{{"--loss", "mse"}, "--loss: 'mse' is not one of"},
        BadInput{{"--loss", "huber", "--delta", "0"}, "--delta"},
        BadInput{{"--loss", "huber", "--delta", "-1"}, "--delta"},
        BadInput{{"--loss", "huber", "--delta", "nan"}, "--delta"},
        BadInput{{"--l2", "-0.1"}, "--l2"}, BadInput{{"--l2", "inf"}, "--l2"},
        BadInput{{"--solver", "gd", "--lr", "0"}, "--lr"},
        BadInput{{"--solver", "gd", "--lr", "-1"}, "--lr"},
        BadInput{{"--solver", "gd", "--lr", "nan"}, "--lr"},
        BadInput{{"--solver", "gd", "--lr", "fast"}, "--lr"},
        BadInput{{"--lr", "0.5"}, "--lr: only --solver gd uses it"},
        BadInput{{"--steps", "10"}, "--steps: only --solver gd uses it"},
        BadInput{{"--solver", "newton"}, "--solver"},
        BadInput{{"--solver", "gd", "--optimizer", "rmsprop"}, "--optimizer"},
        BadInput{{"--solver", "gd", "--momentum", "-0.5"}, "--momentum"},
        BadInput{{"--solver", "gd", "--optimizer", "adam", "--momentum", "0.9"}, "--momentum"},
        BadInput{{"--solver", "gd", "--steps", "-1"}, "--steps"}, BadInput{{"--n", "1"}, "--n"},
        BadInput{{"--n", "0"}, "--n"}, BadInput{{"--n", "1000001"}, "--n"},
        BadInput{{"--noise", "-1"}, "--noise"}, BadInput{{"--outliers", "31"}, "--outliers"},
        BadInput{{"--outliers", "-1"}, "--outliers"}, BadInput{{"--seed", "-1"}, "--seed"},
        BadInput{{"--dataset", "blobs"}, "--dataset"},
        BadInput{{"NO_SOURCE"}, "--data FILE or --dataset line is required"},
        BadInput{{"--data", "/tmp/x.csv", "--dataset", "line"}, "--data and --dataset"},
        BadInput{{"--data", "/nonexistent/points.csv"}, "cannot open"}),
    [](const ::testing::TestParamInfo<BadInput>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(RegressCli, BrokenCsvFilesNameTheLine) {
    const std::pair<std::string, std::string> cases[] = {
        {"", "empty file"},
        {"x1,x2,label\n1,2,0\n", "line 1"},
        {"x,y\n1,2\n", "line 1: 1 data rows"},
        {"x,y\n1,2\n3,abc\n", "line 3: y"},
        {"x,y\n1,2\n2,nan\n", "line 3: y"},
        {"x,y\n1,2,3\n", "line 2"},
    };
    for (const auto& [text, mention] : cases) {
        const TempCsv csv(text);
        const auto r = regress({"--data", csv.path(), "--loss", "l1"});
        expectOneLineError(r, mention);
        EXPECT_NE(r.err.find("--data '" + csv.path() + "'"), std::string::npos) << r.err;
    }
    // Every x equal and no penalty: the slope is not determined.
    const TempCsv sameX("x,y\n2,1\n2,5\n");
    expectOneLineError(regress({"--data", sameX.path(), "--loss", "l2"}), "all x are equal");
}

}  // namespace
}  // namespace losslab
