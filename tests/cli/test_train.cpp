// `losslab train`: the JSON contract of docs/command-line.md, agreement with the core trainer, and
// a clear one-line error (naming the argument or the CSV line) for bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/run_process.hpp"
#include "losslab/dataset.hpp"
#include "losslab/trainer.hpp"

namespace losslab {
namespace {

using testing::runProcess;

testing::ProcessResult train(std::vector<std::string> args) {
    args.insert(args.begin(), {LOSSLAB_BINARY, "train"});
    return runProcess(args);
}

// A temporary file removed when the test ends.
class TempFile {
  public:
    explicit TempFile(const std::string& text) {
        char pattern[] = "/tmp/losslab_train_XXXXXX";
        const int fd = mkstemp(pattern);
        path_ = pattern;
        if (fd >= 0) {
            const ssize_t written = write(fd, text.data(), text.size());
            (void)written;
            close(fd);
        }
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

TEST(TrainCli, ContractOnBlobs) {
    const auto r = train({"--dataset", "blobs", "--steps", "200", "--lr", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"history", "W", "b", "final"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_FALSE(j.contains("diverged"));
    ASSERT_EQ(j["history"].size(), 200u);
    for (std::size_t i = 0; i < j["history"].size(); ++i) {
        const auto& entry = j["history"][i];
        EXPECT_EQ(entry["step"].get<long long>(), static_cast<long long>(i));
        for (const char* key : {"loss", "data_loss", "reg_loss", "accuracy"}) {
            ASSERT_TRUE(entry[key].is_number()) << key << " at " << i;
        }
    }
    // history[0]: zero weights, cross-entropy over K = 3 classes = log 3.
    EXPECT_NEAR(j["history"][0]["loss"].get<double>(), std::log(3.0), 1e-15);
    EXPECT_EQ(j["history"][0]["reg_loss"].get<double>(), 0.0);
    // W is K x D (linear: D = 2), b has K entries.
    ASSERT_EQ(j["W"].size(), 3u);
    for (const auto& row : j["W"]) {
        EXPECT_EQ(row.size(), 2u);
    }
    EXPECT_EQ(j["b"].size(), 3u);
    EXPECT_GE(j["final"]["accuracy"].get<double>(), 0.99);
    EXPECT_LT(j["final"]["loss"].get<double>(), j["history"][0]["loss"].get<double>());
    EXPECT_EQ(j["final"]["step"].get<long long>(), 200);
}

TEST(TrainCli, AgreesWithTheCoreTrainerToTheLastBit) {
    const auto r = train({"--dataset", "moons", "--n",           "120",   "--classes",   "2",
                          "--noise",   "0.2",   "--seed",        "9",     "--features",  "poly3",
                          "--loss",    "focal", "--optimizer",   "adam",  "--lr",        "0.05",
                          "--batch",   "16",    "--steps",       "30",    "--l2",        "0.001",
                          "--l1",      "0.002", "--temperature", "1.5",   "--smoothing", "0.05",
                          "--gamma",   "1",     "--init",        "random"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);

    GeneratorOptions generator;
    generator.kind = DatasetKind::Moons;
    generator.points = 120;
    generator.classes = 2;
    generator.noise = 0.2;
    generator.seed = 9;
    Dataset data;
    ASSERT_FALSE(generateDataset(generator, &data).has_value());
    TrainerConfig config;
    config.features = FeatureMap::Poly3;
    config.loss = Loss::Focal;
    config.optimizer = Optimizer::Adam;
    config.learningRate = 0.05;
    config.batchSize = 16;
    config.l2 = 0.001;
    config.l1 = 0.002;
    config.lossOptions.temperature = 1.5;
    config.lossOptions.smoothing = 0.05;
    config.lossOptions.gamma = 1;
    config.init = Initialization::Random;
    config.seed = 9;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    trainer.run(30);
    const Measurement final = trainer.measure();

    ASSERT_EQ(j["history"].size(), 30u);
    for (std::size_t i = 0; i < 30; ++i) {
        EXPECT_EQ(j["history"][i]["loss"].get<double>(), trainer.history()[i].loss) << i;
        EXPECT_EQ(j["history"][i]["accuracy"].get<double>(), trainer.history()[i].accuracy);
    }
    ASSERT_EQ(j["W"].size(), 2u);
    ASSERT_EQ(j["W"][0].size(), 9u);
    for (int k = 0; k < 2; ++k) {
        for (int d = 0; d < 9; ++d) {
            EXPECT_EQ(j["W"][k][d].get<double>(), trainer.model().weights(k, d));
        }
        EXPECT_EQ(j["b"][k].get<double>(), trainer.model().bias[k]);
    }
    EXPECT_EQ(j["final"]["loss"].get<double>(), final.loss);
    EXPECT_EQ(j["final"]["data_loss"].get<double>(), final.dataLoss);
    EXPECT_EQ(j["final"]["reg_loss"].get<double>(), final.regLoss);
    EXPECT_EQ(j["final"]["accuracy"].get<double>(), final.accuracy);
}

TEST(TrainCli, EveryDatasetLossAndFeatureMapRuns) {
    for (const char* dataset : {"blobs", "spiral", "xor", "circles", "moons", "toy3"}) {
        const auto r = train({"--dataset", dataset, "--steps", "3"});
        ASSERT_EQ(r.exitCode, 0) << dataset << ": " << r.err;
        EXPECT_EQ(nlohmann::json::parse(r.out)["history"].size(), 3u);
    }
    for (const char* loss : {"cross_entropy", "kl", "focal", "brier", "hinge_ww", "hinge_cs",
                             "squared_hinge", "ova_logistic"}) {
        const auto r = train({"--dataset", "blobs", "--loss", loss, "--steps", "100"});
        ASSERT_EQ(r.exitCode, 0) << loss << ": " << r.err;
        EXPECT_GE(nlohmann::json::parse(r.out)["final"]["accuracy"].get<double>(), 0.95) << loss;
    }
    const std::pair<const char*, std::size_t> maps[] = {
        {"linear", 2}, {"poly2", 5}, {"poly3", 9}, {"rbf", 25}};
    for (const auto& [map, dimension] : maps) {
        const auto r = train({"--dataset", "circles", "--features", map, "--steps", "2"});
        ASSERT_EQ(r.exitCode, 0) << map << ": " << r.err;
        EXPECT_EQ(nlohmann::json::parse(r.out)["W"][0].size(), dimension) << map;
    }
}

// --optimizer adamw is the core trainer's AdamW (weight decay 2·λ2 on W), to the last bit.
TEST(TrainCli, AdamWAgreesWithTheCoreTrainer) {
    const auto r =
        train({"--dataset", "blobs", "--n", "60", "--seed", "4", "--optimizer", "adamw", "--lr",
               "0.05", "--l2", "0.02", "--batch", "16", "--steps", "25", "--init", "random"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);

    GeneratorOptions generator;
    generator.kind = DatasetKind::Blobs;
    generator.points = 60;
    generator.seed = 4;
    Dataset data;
    ASSERT_FALSE(generateDataset(generator, &data).has_value());
    TrainerConfig config;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = 0.05;
    config.l2 = 0.02;
    config.batchSize = 16;
    config.init = Initialization::Random;
    config.seed = 4;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    trainer.run(25);

    ASSERT_EQ(j["history"].size(), 25u);
    for (std::size_t i = 0; i < 25; ++i) {
        EXPECT_EQ(j["history"][i]["loss"].get<double>(), trainer.history()[i].loss) << i;
        EXPECT_EQ(j["history"][i]["reg_loss"].get<double>(), trainer.history()[i].regLoss) << i;
    }
    for (int k = 0; k < 3; ++k) {
        for (int d = 0; d < 2; ++d) {
            EXPECT_EQ(j["W"][k][d].get<double>(), trainer.model().weights(k, d));
        }
        EXPECT_EQ(j["b"][k].get<double>(), trainer.model().bias[k]);
    }
    EXPECT_GT(j["history"][5]["reg_loss"].get<double>(), 0.0) << "the L2 term is measured";
}

TEST(TrainCli, AdamWWithoutL2PrintsWhatAdamPrints) {
    const std::vector<std::string> common = {"--dataset", "moons", "--classes", "2",
                                             "--lr",      "0.1",   "--steps",   "15",
                                             "--l1",      "0.001", "--init",    "random"};
    std::vector<std::string> adam = common, adamw = common;
    adam.insert(adam.end(), {"--optimizer", "adam"});
    adamw.insert(adamw.end(), {"--optimizer", "adamw"});
    const auto a = train(adam);
    const auto w = train(adamw);
    ASSERT_EQ(a.exitCode, 0) << a.err;
    ASSERT_EQ(w.exitCode, 0) << w.err;
    EXPECT_EQ(a.out, w.out);
    // With λ2 > 0 they part: adamw decays W instead of adding 2·λ2·W to the gradient.
    adam.insert(adam.end(), {"--l2", "0.05"});
    adamw.insert(adamw.end(), {"--l2", "0.05"});
    EXPECT_NE(train(adam).out, train(adamw).out);
}

TEST(TrainCli, ZeroStepsGiveAnEmptyHistory) {
    const auto r = train({"--dataset", "xor", "--classes", "2", "--steps", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["history"].empty());
    EXPECT_NEAR(j["final"]["loss"].get<double>(), std::log(2.0), 1e-15);
}

TEST(TrainCli, PointsFromACsvFile) {
    const TempFile csv(
        "x1,x2,label\n0.5,0.4,0\n0.8,0.3,0\n-0.4,0.3,1\n-0.3,0.7,1\n0.5,-0.6,2\n-0.4,-0.5,2\n");
    auto r = train({"--data", csv.path(), "--steps", "100", "--lr", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["W"].size(), 3u) << "K inferred as max label + 1";
    EXPECT_EQ(j["final"]["accuracy"].get<double>(), 1.0);
    // --classes with --data fixes K (it must exceed every label).
    r = train({"--data", csv.path(), "--classes", "5", "--steps", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["W"].size(), 5u);
    EXPECT_NEAR(j["history"][0]["loss"].get<double>(), std::log(5.0), 1e-15);
}

TEST(TrainCli, DivergenceIsReportedInTheJson) {
    const auto r =
        train({"--dataset", "spiral", "--loss", "squared_hinge", "--lr", "1e6", "--steps", "1000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j.contains("diverged"));
    EXPECT_NE(j["diverged"].get<std::string>().find("learning rate too high"), std::string::npos);
    EXPECT_LT(j["history"].size(), 1000u);
    EXPECT_TRUE(j["final"]["loss"].is_number()) << "finite, not null";
    for (const auto& row : j["W"]) {
        for (const auto& w : row) {
            EXPECT_TRUE(w.is_number());
        }
    }
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

class TrainCliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(TrainCliBadInput, OneLineErrorNamingTheArgument) {
    std::vector<std::string> args = GetParam().args;
    // Every case is otherwise valid: start from a generated dataset unless it says otherwise.
    const bool hasSource = std::find(args.begin(), args.end(), "--data") != args.end() ||
                           std::find(args.begin(), args.end(), "--dataset") != args.end() ||
                           std::find(args.begin(), args.end(), "NO_SOURCE") != args.end();
    args.erase(std::remove(args.begin(), args.end(), "NO_SOURCE"), args.end());
    if (!hasSource) args.insert(args.begin(), {"--dataset", "blobs"});
    expectOneLineError(train(args), GetParam().mustMention);
}

INSTANTIATE_TEST_SUITE_P(
    All, TrainCliBadInput,
    ::testing::Values(
        BadInput{{"NO_SOURCE"}, "--data FILE or --dataset NAME is required"},
        BadInput{{"--data", "/tmp/x.csv", "--dataset", "blobs"}, "--data and --dataset"},
        BadInput{{"--dataset", "gaussians"}, "--dataset"}, BadInput{{"--n", "0"}, "--n"},
        BadInput{{"--n", "1000001"}, "--n"}, BadInput{{"--n", "abc"}, "--n"},
        BadInput{{"--classes", "1"}, "--classes"}, BadInput{{"--classes", "11"}, "--classes"},
        BadInput{{"--dataset", "toy3", "--classes", "4"}, "--classes"},
        BadInput{{"--noise", "-0.1"}, "--noise"}, BadInput{{"--noise", "nan"}, "--noise"},
        BadInput{{"--seed", "-1"}, "--seed"}, BadInput{{"--features", "cubic"}, "--features"},
        BadInput{{"--loss", "mse"}, "--loss"}, BadInput{{"--optimizer", "rmsprop"}, "--optimizer"},
        BadInput{{"--lr", "0"}, "--lr"}, BadInput{{"--lr", "-1"}, "--lr"},
        BadInput{{"--lr", "nan"}, "--lr"}, BadInput{{"--lr", "inf"}, "--lr"},
        BadInput{{"--lr", "1e400"}, "--lr"}, BadInput{{"--lr", "fast"}, "--lr"},
        BadInput{{"--momentum", "-0.5"}, "--momentum"},
        BadInput{{"--optimizer", "adam", "--momentum", "0.9"}, "--momentum"},
        BadInput{{"--optimizer", "adamw", "--momentum", "0.9"}, "--momentum: only sgd"},
        BadInput{{"--optimizer", "lion"}, "not one of sgd, adam, adamw"},
        BadInput{{"--batch", "-1"}, "--batch"}, BadInput{{"--batch", "1000001"}, "--batch"},
        BadInput{{"--steps", "-1"}, "--steps"}, BadInput{{"--steps", "10000001"}, "--steps"},
        BadInput{{"--l2", "-1"}, "--l2"}, BadInput{{"--l1", "nan"}, "--l1"},
        BadInput{{"--temperature", "0"}, "--temperature"},
        BadInput{{"--smoothing", "1.5"}, "--smoothing"}, BadInput{{"--margin", "0"}, "--margin"},
        BadInput{{"--gamma", "-2"}, "--gamma"}, BadInput{{"--init", "ones"}, "--init"},
        BadInput{{"--data", "/nonexistent/points.csv"}, "cannot open"},
        BadInput{{"--bogus", "1"}, "--bogus"}),
    [](const ::testing::TestParamInfo<BadInput>& param) {
        std::string name = "case" + std::to_string(param.index) + "_";
        for (char c : param.param.mustMention) {
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        }
        return name;
    });

struct BadCsv {
    std::string text;
    std::vector<std::string> extraArgs;
    std::string mustMention;
};

class TrainCliBadCsv : public ::testing::TestWithParam<BadCsv> {};

TEST_P(TrainCliBadCsv, OneLineErrorNamingTheLine) {
    const TempFile csv(GetParam().text);
    std::vector<std::string> args = {"--data", csv.path()};
    args.insert(args.end(), GetParam().extraArgs.begin(), GetParam().extraArgs.end());
    const auto r = train(args);
    expectOneLineError(r, GetParam().mustMention);
    EXPECT_NE(r.err.find("--data"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    All, TrainCliBadCsv,
    ::testing::Values(BadCsv{"", {}, "empty file"},
                      BadCsv{"0.5,0.2,1\n", {}, "line 1: expected the header"},
                      BadCsv{"x1,x2,label\n", {}, "no data rows"},
                      BadCsv{"x1,x2,label\n1,2,0\n3,abc,1\n", {}, "line 3: x2"},
                      BadCsv{"x1,x2,label\n1,2,0\n1e400,2,1\n", {}, "line 3: x1"},
                      BadCsv{"x1,x2,label\n1,2,0\n1,2\n", {}, "line 3: expected 3 columns"},
                      BadCsv{"x1,x2,label\n1,2,-1\n", {}, "line 2: label"},
                      BadCsv{"x1,x2,label\n1,2,0\n1,2,3\n", {"--classes", "3"}, "line 3: label"},
                      BadCsv{"x1,x2,label\n1,2,0\n", {"--classes", "1001"}, "--classes"},
                      BadCsv{"x1,x2,label\n1,2,0\n", {"--n", "5"}, "--n"}),
    [](const ::testing::TestParamInfo<BadCsv>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(TrainCli, HelpListsEveryOption) {
    const auto r = runProcess({LOSSLAB_BINARY, "train", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char* word : {"--data",        "--dataset",   "--n",      "--classes",   "--noise",
                             "--seed",        "--features",  "--loss",   "--optimizer", "--lr",
                             "--momentum",    "--batch",     "--steps",  "--l2",        "--l1",
                             "--temperature", "--smoothing", "--margin", "--gamma",     "--init"}) {
        EXPECT_NE(r.out.find(word), std::string::npos) << word;
    }
}

}  // namespace
}  // namespace losslab
