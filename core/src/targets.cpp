#include "losslab/targets.hpp"

#include <cmath>
#include <sstream>

namespace losslab {

Vec oneHot(int classes, int y) {
    Vec t = Vec::Zero(classes);
    t[y] = 1.0;
    return t;
}

Vec smoothTarget(const Vec& t, double smoothing) {
    const double k = static_cast<double>(t.size());
    return ((1.0 - smoothing) * t.array() + smoothing / k).matrix();
}

Vec makeTarget(int classes, int y, double smoothing) {
    return smoothTarget(oneHot(classes, y), smoothing);
}

std::optional<std::string> checkDistribution(const Vec& t) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < t.size(); ++i) {
        if (!std::isfinite(t[i])) {
            std::ostringstream out;
            out << "entry " << i << " is not a finite number";
            return out.str();
        }
        if (t[i] < 0) {
            std::ostringstream out;
            out << "entry " << i << " is negative (" << t[i] << ")";
            return out.str();
        }
        sum += t[i];
    }
    if (std::abs(sum - 1.0) > 1e-6) {
        std::ostringstream out;
        out.precision(17);
        out << "entries sum to " << sum << ", not 1";
        return out.str();
    }
    return std::nullopt;
}

}  // namespace losslab
