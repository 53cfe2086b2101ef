#pragma once
// Values recorded at increasing steps of a training run, thinned to a bounded count: when the
// series is full, the entries whose step is not a multiple of twice the stride are dropped, and
// from then on only steps that are multiples of the (doubled) stride are recorded. A run of any
// length then costs bounded memory and bounded work to draw, and a curve or path drawn through
// the entries keeps its start (step 0 is a multiple of every stride) and its shape.
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace losslab {

template <class T>
class ThinnedSeries {
  public:
    // `capacity` 0 keeps every entry; otherwise at least 2.
    explicit ThinnedSeries(std::size_t capacity = 0) { setCapacity(capacity); }

    // Thins at once if the series holds more than the new capacity.
    void setCapacity(std::size_t capacity) {
        capacity_ = capacity == 0 ? 0 : std::max<std::size_t>(capacity, 2);
        while (capacity_ > 0 && values_.size() > capacity_)
            widen();
    }

    void clear() {
        steps_.clear();
        values_.clear();
        stride_ = 1;
    }

    // Records `value` at `step`, which must be later than the last step recorded (callers
    // decide what a repeated step means). Returns whether the entry was kept.
    bool append(long long step, T value) {
        if (step % stride_ != 0) return false;
        if (capacity_ > 0 && values_.size() >= capacity_) {
            widen();
            if (step % stride_ != 0) return false;
        }
        steps_.push_back(step);
        values_.push_back(std::move(value));
        return true;
    }

    // Removes the last entry if it was recorded at `step` (an update that was undone).
    void dropLastAt(long long step) {
        if (!steps_.empty() && steps_.back() == step) {
            steps_.pop_back();
            values_.pop_back();
        }
    }

    std::size_t size() const { return values_.size(); }
    bool empty() const { return values_.empty(); }
    std::size_t capacity() const { return capacity_; }
    long long stride() const { return stride_; }
    const std::vector<long long>& steps() const { return steps_; }
    const std::vector<T>& values() const { return values_; }
    T& back() { return values_.back(); }

  private:
    // Doubles the stride and keeps the entries at its multiples, in order.
    void widen() {
        stride_ *= 2;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (steps_[i] % stride_ != 0) continue;
            if (kept != i) {
                steps_[kept] = steps_[i];
                values_[kept] = std::move(values_[i]);
            }
            ++kept;
        }
        steps_.resize(kept);
        values_.resize(kept);
    }

    std::size_t capacity_ = 0;
    long long stride_ = 1;
    std::vector<long long> steps_;
    std::vector<T> values_;
};

}  // namespace losslab
