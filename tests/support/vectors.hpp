#pragma once
// Short vector literals for tests: vec({3.2, 5.1, -1.7}).
#include <initializer_list>

#include "losslab/types.hpp"

namespace losslab::testing {

inline Vec vec(std::initializer_list<double> values) {
    Vec v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values)
        v[i++] = x;
    return v;
}

}  // namespace losslab::testing
