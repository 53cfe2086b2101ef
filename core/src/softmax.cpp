#include "losslab/softmax.hpp"

#include <cassert>
#include <cmath>

namespace losslab {

double lnOfBase(LogBase base) {
    switch (base) {
        case LogBase::Two:
            return std::log(2.0);
        case LogBase::Ten:
            return std::log(10.0);
        case LogBase::E:
            break;
    }
    return 1.0;
}

const char* logBaseKey(LogBase base) {
    switch (base) {
        case LogBase::Two:
            return "2";
        case LogBase::Ten:
            return "10";
        case LogBase::E:
            break;
    }
    return "e";
}

bool parseLogBase(const std::string& text, LogBase* out) {
    if (text == "e")
        *out = LogBase::E;
    else if (text == "2")
        *out = LogBase::Two;
    else if (text == "10")
        *out = LogBase::Ten;
    else
        return false;
    return true;
}

namespace {
// log Σ exp((s_i − s_max)/T). Dividing the difference (not s/T − max) keeps it finite even
// when s/T alone would overflow (|s| ≈ 1e300 with T < 1). The max term contributes exactly
// 1, so the sum is 1 + (the others) and log1p keeps tiny remainders: for [10, −100, −100]
// the loss is 3.4e−48, not 0.
double logShiftedExpSum(const Vec& s, double temperature) {
    Eigen::Index maxIndex = 0;
    const double sMax = s.maxCoeff(&maxIndex);
    double others = 0.0;
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        if (i != maxIndex) others += std::exp((s[i] - sMax) / temperature);
    }
    return std::log1p(others);
}
}  // namespace

double logSumExp(const Vec& s, double temperature) {
    assert(s.size() > 0 && temperature > 0);
    return s.maxCoeff() / temperature + logShiftedExpSum(s, temperature);
}

LogSumExpBounds logSumExpBounds(const Vec& s, double temperature) {
    assert(s.size() > 0 && temperature > 0);
    const double maxZ = s.maxCoeff() / temperature;
    return {maxZ, maxZ + std::log(static_cast<double>(s.size()))};
}

Vec softmax(const Vec& s, double temperature) {
    Vec p = logSoftmax(s, temperature);
    // std::exp, not Eigen's vectorized exp: the latter returns ~1e-308 instead of 0 below
    // exp(−709), and here exactness matters more than speed.
    for (Eigen::Index i = 0; i < p.size(); ++i)
        p[i] = std::exp(p[i]);
    return p;
}

Vec logSoftmax(const Vec& s, double temperature) {
    assert(s.size() > 0 && temperature > 0);
    const double sMax = s.maxCoeff();
    const double logSum = logShiftedExpSum(s, temperature);
    Vec out(s.size());
    for (Eigen::Index i = 0; i < s.size(); ++i)
        out[i] = (s[i] - sMax) / temperature - logSum;
    return out;
}

double sigmoid(double x) {
    if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
}

double softplus(double x) {
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

double logSigmoid(double x) {
    return -softplus(-x);
}

double binaryCrossEntropyWithLogit(double x, double target) {
    return target * softplus(-x) + (1.0 - target) * softplus(x);
}

double entropy(const Vec& p, LogBase base) {
    double h = 0.0;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
        if (p[i] > 0) h -= p[i] * std::log(p[i]);
    }
    return h / lnOfBase(base);
}

int argmax(const Vec& s) {
    int best = 0;
    for (int i = 1; i < static_cast<int>(s.size()); ++i) {
        if (s[i] > s[best]) best = i;
    }
    return best;
}

int strongestRival(const Vec& s, int y) {
    int best = -1;
    for (int j = 0; j < static_cast<int>(s.size()); ++j) {
        if (j == y) continue;
        if (best < 0 || s[j] > s[best]) best = j;
    }
    return best;
}

double margin(const Vec& s, int y) {
    return s[y] - s[strongestRival(s, y)];
}

}  // namespace losslab
