#include "losslab/classifier.hpp"

#include <cassert>

namespace losslab {

LinearClassifier LinearClassifier::zeros(int classes, int dimension) {
    return {RowMatrix::Zero(classes, dimension), Vec::Zero(classes)};
}

void LinearClassifier::scores(const RowMatrix& features, RowMatrix* out) const {
    assert(features.cols() == weights.cols());
    out->resize(features.rows(), weights.rows());
    out->noalias() = features * weights.transpose();
    out->rowwise() += bias.transpose();
}

RowMatrix LinearClassifier::scores(const RowMatrix& features) const {
    RowMatrix out;
    scores(features, &out);
    return out;
}

namespace {
// Strict > keeps the lowest index among equal maxima.
int rowArgmax(const double* s, Eigen::Index k) {
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < k; ++j) {
        if (s[j] > s[best]) best = j;
    }
    return static_cast<int>(best);
}
}  // namespace

void predict(const RowMatrix& scores, IntVec* out) {
    out->resize(scores.rows());
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        (*out)[i] = rowArgmax(scores.row(i).data(), scores.cols());
    }
}

IntVec predict(const RowMatrix& scores) {
    IntVec out;
    predict(scores, &out);
    return out;
}

double accuracy(const RowMatrix& scores, const IntVec& labels) {
    assert(scores.rows() == labels.size());
    if (scores.rows() == 0) return 0.0;
    Eigen::Index correct = 0;
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        if (rowArgmax(scores.row(i).data(), scores.cols()) == labels[i]) ++correct;
    }
    return static_cast<double>(correct) / static_cast<double>(scores.rows());
}

Eigen::MatrixXi confusionMatrix(const RowMatrix& scores, const IntVec& labels) {
    assert(scores.rows() == labels.size());
    const Eigen::Index classes = scores.cols();
    Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(classes, classes);
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        assert(labels[i] >= 0 && labels[i] < classes);
        ++counts(labels[i], rowArgmax(scores.row(i).data(), classes));
    }
    return counts;
}

}  // namespace losslab
