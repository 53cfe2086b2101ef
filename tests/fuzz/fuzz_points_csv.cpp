// Fuzz target: points CSV files. Any input gives a dataset or a message naming the line;
// a parsed dataset has labels in range and finite coordinates, and round-trips.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "losslab/dataset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    losslab::Dataset dataset;
    if (losslab::parsePointsCsv(text, 0, &dataset)) return 0;
    for (Eigen::Index i = 0; i < dataset.size(); ++i) {
        if (dataset.labels[i] < 0 || dataset.labels[i] >= dataset.classes) std::abort();
        if (!std::isfinite(dataset.points(i, 0)) || !std::isfinite(dataset.points(i, 1)))
            std::abort();
    }
    losslab::Dataset again;
    if (losslab::parsePointsCsv(losslab::formatPointsCsv(dataset), dataset.classes, &again))
        std::abort();
    if (again.points != dataset.points || again.labels != dataset.labels) std::abort();
    return 0;
}
