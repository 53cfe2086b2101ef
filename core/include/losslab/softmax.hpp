#pragma once
// Softmax, log-sum-exp and friends with temperature (SPEC §2).
// Everything here is stable for |s| up to 1e300 in double precision.
#include <string>

#include "losslab/types.hpp"

namespace losslab {

enum class LogBase { E, Two, Ten };

// ln(b): divide natural-log quantities by this to express them in base b.
double lnOfBase(LogBase base);
const char* logBaseKey(LogBase base);  // "e", "2", "10"
bool parseLogBase(const std::string& text, LogBase* out);

// LSE(s/T) = m + log Σ exp(s_i/T − m), m = max s/T, computed as (s_i − s_max)/T so
// that neither s/T nor the differences overflow.
double logSumExp(const Vec& s, double temperature = 1.0);
Vec softmax(const Vec& s, double temperature = 1.0);
Vec logSoftmax(const Vec& s, double temperature = 1.0);

// Scalar helpers, stable for any finite x.
double sigmoid(double x);
double softplus(double x);    // log(1 + e^x)
double logSigmoid(double x);  // log σ(x) = −softplus(−x)

// H(p) = −Σ p_i log_b p_i with 0·log 0 = 0.
double entropy(const Vec& p, LogBase base = LogBase::E);
// m(s, y) = s_y − max_{j≠y} s_j (lecture 000).
double margin(const Vec& s, int y);
// Index of the largest entry, lowest index on ties.
int argmax(const Vec& s);
// Strongest rival of class y: argmax_{j≠y} s_j, lowest index on ties.
int strongestRival(const Vec& s, int y);

}  // namespace losslab
