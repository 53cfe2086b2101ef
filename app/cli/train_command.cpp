#include "cli/train_command.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <optional>

#include "io/json_writer.hpp"
#include "losslab/dataset.hpp"
#include "losslab/trainer.hpp"

namespace losslab::cli {

CLI::App* addTrainCommand(CLI::App& app, TrainArgs& args) {
    CLI::App* train = app.add_subcommand(
        "train",
        "Train a linear classifier on 2-D points and print the history of loss and "
        "accuracy, the weights and the final measurement, as JSON");
    CLI::Option* data = train->add_option("--data", args.data,
                                          "Points CSV: header x1,x2,label, then one point a line");
    train->add_option("--dataset", args.dataset,
                      "Generate the data instead: blobs, spiral, xor, circles, moons or toy3");
    train->add_option("--n", args.points, "Number of generated points (1..1000000)")
        ->capture_default_str()
        ->excludes(data);
    train
        ->add_option_function<long long>(
            "--classes",
            [&args](const long long& classes) {
                args.classes = classes;
                args.classesGiven = true;
            },
            "Number of classes K: 2..10 for --dataset; with --data, inferred as max label + 1 "
            "unless given (then every label must be below it)")
        ->default_str("3");
    train->add_option("--noise", args.noise, "Noise of the generated points, in [0, 10]")
        ->capture_default_str()
        ->excludes(data);
    train
        ->add_option("--seed", args.seed,
                     "Seed of the generator, the random init and the "
                     "mini-batch shuffles")
        ->capture_default_str();
    train->add_option("--features", args.features, "Feature map: linear, poly2, poly3 or rbf")
        ->capture_default_str();
    train
        ->add_option("--loss", args.loss,
                     "Loss: cross_entropy, kl, focal, brier, hinge_ww, hinge_cs, "
                     "squared_hinge or ova_logistic")
        ->capture_default_str();
    train
        ->add_option("--optimizer", args.optimizer,
                     "Optimizer: " + optimizerKeyList() +
                         " (adamw: PyTorch's AdamW, weight decay 2 * l2 on W only)")
        ->capture_default_str();
    train->add_option("--lr", args.lr, "Learning rate > 0")->capture_default_str();
    train->add_option("--momentum", args.momentum, "SGD momentum >= 0 (PyTorch convention)")
        ->capture_default_str();
    train->add_option("--batch", args.batch, "Mini-batch size; 0 = full batch")
        ->capture_default_str();
    train->add_option("--steps", args.steps, "Number of updates (0..10000000)")
        ->capture_default_str();
    train->add_option("--l2", args.l2, "L2 penalty lambda2 >= 0 on W (lambda2 * |W|_F^2)")
        ->capture_default_str();
    train->add_option("--l1", args.l1, "L1 penalty lambda1 >= 0 on W (lambda1 * |W|_1)")
        ->capture_default_str();
    addLossShapeOptions(train, args.shape);
    train->add_option("--init", args.init, "Initial weights: zeros, or random (N(0, 0.01^2))")
        ->capture_default_str();
    return train;
}

namespace {

bool finiteAtLeast(double x, double lo) {
    return std::isfinite(x) && x >= lo;
}

std::string range(long long lo, long long hi) {
    return "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

// Loads or generates the dataset the arguments ask for.
bool makeDataset(const TrainArgs& args, Dataset* data, std::string* error) {
    const bool fromFile = !args.data.empty();
    const bool generated = !args.dataset.empty();
    if (fromFile && generated) {
        return fail(error, "--data and --dataset: give one of them, not both");
    }
    if (!fromFile && !generated) {
        return fail(error, "--data FILE or --dataset NAME is required");
    }
    if (fromFile) {
        if (args.classesGiven && (args.classes < kMinClasses || args.classes > kMaxCsvClasses)) {
            return fail(error, "--classes: " + std::to_string(args.classes) + " is out of range " +
                                   range(kMinClasses, kMaxCsvClasses) + " for --data");
        }
        const int classes = args.classesGiven ? static_cast<int>(args.classes) : 0;
        if (auto e = loadPointsCsv(args.data, classes, data)) {
            return fail(error, "--data '" + args.data + "': " + *e);
        }
        return true;
    }
    const std::optional<DatasetKind> kind = datasetFromKey(args.dataset);
    if (!kind) {
        return fail(error, "--dataset: '" + args.dataset +
                               "' is not one of blobs, spiral, xor, circles, moons, toy3");
    }
    if (args.points < 1 || args.points > kMaxDatasetPoints) {
        return fail(error, "--n: " + std::to_string(args.points) + " is out of range " +
                               range(1, kMaxDatasetPoints));
    }
    if (*kind == DatasetKind::Toy3 && args.classes != 3) {
        return fail(error, "--classes: toy3 has exactly 3 classes");
    }
    if (args.classes < kMinClasses || args.classes > kMaxGeneratedClasses) {
        return fail(error, "--classes: " + std::to_string(args.classes) + " is out of range " +
                               range(kMinClasses, kMaxGeneratedClasses) + " for --dataset");
    }
    if (!finiteAtLeast(args.noise, 0) || args.noise > 10) {
        return fail(error, "--noise: must be a finite number in [0, 10]");
    }
    GeneratorOptions options;
    options.kind = *kind;
    options.points = args.points;
    options.classes = static_cast<int>(args.classes);
    options.noise = args.noise;
    options.seed = static_cast<std::uint64_t>(args.seed);
    if (auto e = generateDataset(options, data)) return fail(error, "--dataset: " + *e);
    return true;
}

// Checks the training options and fills the configuration.
bool makeConfig(const TrainArgs& args, TrainerConfig* config, std::string* error) {
    const std::optional<Loss> loss = lossFromKey(args.loss);
    if (!loss) {
        return fail(error, "--loss: '" + args.loss +
                               "' is not one of cross_entropy, kl, focal, brier, hinge_ww, "
                               "hinge_cs, squared_hinge, ova_logistic");
    }
    const std::optional<Optimizer> optimizer = optimizerFromKey(args.optimizer);
    if (!optimizer) {
        return fail(error,
                    "--optimizer: '" + args.optimizer + "' is not one of " + optimizerKeyList());
    }
    const std::optional<FeatureMap> features = featureFromKey(args.features);
    if (!features) {
        return fail(error,
                    "--features: '" + args.features + "' is not one of linear, poly2, poly3, rbf");
    }
    const std::optional<Initialization> init = initializationFromKey(args.init);
    if (!init) return fail(error, "--init: '" + args.init + "' is not one of zeros, random");
    if (!std::isfinite(args.lr) || args.lr <= 0) {
        return fail(error, "--lr: must be a finite number > 0");
    }
    if (!finiteAtLeast(args.momentum, 0)) {
        return fail(error, "--momentum: must be a finite number >= 0");
    }
    if (*optimizer != Optimizer::Sgd && args.momentum != 0) {
        return fail(
            error, "--momentum: only sgd uses it (" + args.optimizer + " has its own beta1 = 0.9)");
    }
    if (args.batch < 0 || args.batch > kMaxTrainBatch) {
        return fail(error, "--batch: " + std::to_string(args.batch) + " is out of range " +
                               range(0, kMaxTrainBatch) + " (0 = full batch)");
    }
    if (args.steps < 0 || args.steps > kMaxTrainSteps) {
        return fail(error, "--steps: " + std::to_string(args.steps) + " is out of range " +
                               range(0, kMaxTrainSteps));
    }
    if (args.seed < 0) return fail(error, "--seed: must be >= 0");
    if (!finiteAtLeast(args.l2, 0)) return fail(error, "--l2: must be a finite number >= 0");
    if (!finiteAtLeast(args.l1, 0)) return fail(error, "--l1: must be a finite number >= 0");
    LossOptions lossOptions;
    if (auto e = applyLossShape(args.shape, &lossOptions)) return fail(error, *e);

    config->loss = *loss;
    config->lossOptions = lossOptions;
    config->optimizer = *optimizer;
    config->learningRate = args.lr;
    config->momentum = args.momentum;
    config->batchSize = args.batch;
    config->l1 = args.l1;
    config->l2 = args.l2;
    config->init = *init;
    config->seed = static_cast<std::uint64_t>(args.seed);
    config->features = *features;
    // The checks above mirror checkTrainerConfig; this catches any rule added there later.
    if (auto e = checkTrainerConfig(*config)) return fail(error, *e);
    return true;
}

void writeMeasurement(JsonWriter& w, const Measurement& m) {
    w.beginObject();
    w.field("step", m.step);
    w.field("loss", m.loss);
    w.field("data_loss", m.dataLoss);
    w.field("reg_loss", m.regLoss);
    w.field("accuracy", m.accuracy);
    w.field("grad_norm", m.gradNorm);
    w.field("weight_norm", m.weightNorm);
    w.endObject();
}

}  // namespace

bool runTrain(const TrainArgs& args, std::string* json, std::string* error) {
    // Options first: a typo in --lr should not wait for a 64 MB file to load.
    TrainerConfig config;
    if (!makeConfig(args, &config, error)) return false;
    Dataset data;
    if (!makeDataset(args, &data, error)) return false;
    Trainer trainer;
    if (auto e = trainer.reset(config, data)) return fail(error, *e);
    trainer.run(args.steps);
    const Measurement final = trainer.measure();

    JsonWriter w;
    w.beginObject();
    w.key("history").beginArray();
    for (const Measurement& m : trainer.history()) {
        writeMeasurement(w, m);
    }
    w.endArray();
    const LinearClassifier& model = trainer.model();
    w.key("W").beginArray();
    for (int k = 0; k < model.classes(); ++k) {
        w.value(Vec(model.weights.row(k).transpose()));
    }
    w.endArray();
    w.field("b", model.bias);
    w.key("final");
    writeMeasurement(w, final);
    if (trainer.diverged()) w.field("diverged", trainer.message());
    w.endObject();
    *json = w.str();
    return true;
}

}  // namespace losslab::cli
