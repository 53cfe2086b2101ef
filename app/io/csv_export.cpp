#include "io/csv_export.hpp"

#include <ctime>
#include <filesystem>

#include "io/export_paths.hpp"
#include "io/json_writer.hpp"
#include "losslab/scene.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {
std::string number(double v) {
    return JsonWriter::formatNumber(v);
}
}  // namespace

std::string lossesTableCsv(const AppState& state) {
    const int k = state.model.classCount();
    std::string out = "loss,key,value";
    for (int i = 0; i < k; ++i)
        out += ",grad_" + std::to_string(i);
    out += "\n";
    for (size_t row = 0; row < kAllLosses.size() && row < state.derived.losses.size(); ++row) {
        const Loss loss = kAllLosses[row];
        const LossValue& v = state.derived.losses[row];
        out += "\"" + std::string(lossName(loss)) + "\"," + std::string(lossKey(loss)) + "," +
               number(v.value);
        for (int i = 0; i < k; ++i)
            out += "," + number(v.grad[i]);
        out += "\n";
    }
    return out;
}

std::string trainingHistoryCsv(const TrainingState& training) {
    std::string out =
        "step,loss,data_loss,reg_loss,accuracy,grad_norm,weight_norm,test_loss,test_accuracy\n";
    const std::size_t n = measurementCount(training);
    for (std::size_t i = 0; i < n; ++i) {
        const Measurement m = measurementAt(training, i);
        out += std::to_string(m.step) + "," + number(m.loss) + "," + number(m.dataLoss) + "," +
               number(m.regLoss) + "," + number(m.accuracy) + "," + number(m.gradNorm) + "," +
               number(m.weightNorm) + "," + (m.hasTest ? number(m.testLoss) : "") + "," +
               (m.hasTest ? number(m.testAccuracy) : "") + "\n";
    }
    return out;
}

std::optional<std::string> exportCsv(const std::string& stem, const std::string& contents,
                                     std::string* path) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    *path = (std::filesystem::path(exportFolder()) / sanitizeFileName(stem + "-" + stamp + ".csv"))
                .string();
    return writeFileAtomically(*path, contents);
}

}  // namespace losslab
