#pragma once
// Values recorded at increasing steps of a training run, thinned to a bounded count. An entry
// is kept when its step is at least `stride` after the last kept one; when the series is full,
// the stride doubles and the entries are thinned again, greedily from the first, to that
// spacing. A run of any length then costs bounded memory and bounded work to draw, a curve or
// path drawn through the entries keeps its start and its shape, and steps that do not start
// at 0 or on a multiple of the stride (a segment appended after a restart) are thinned alike.
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
        while (full(0))
            widen();
    }

    void clear() {
        steps_.clear();
        values_.clear();
        stride_ = 1;
    }

    // Records `value` at `step`, which must be later than the last step recorded (callers
    // decide what a repeated step means). Returns whether the entry was kept; the value is
    // copied only then.
    bool append(long long step, const T& value) {
        if (!accepts(step)) return false;
        while (full(1)) {
            widen();
            if (!accepts(step)) return false;
        }
        steps_.push_back(step);
        values_.push_back(value);
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

    // Whether an entry at `step` is far enough after the last one to be kept (a full series
    // may still thin itself and refuse it). Lets callers skip building a value in vain.
    bool accepts(long long step) const { return steps_.empty() || step - steps_.back() >= stride_; }

  private:
    // Whether `room` more entries would take the series past its capacity.
    bool full(std::size_t room) const { return capacity_ > 0 && values_.size() + room > capacity_; }
    // Doubles the stride and keeps, from the first entry on, each entry at least that far
    // after the last one kept. Every pass at least halves a series of evenly spaced entries;
    // it always keeps the first, so repeated passes end.
    void widen() {
        stride_ *= 2;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (kept > 0 && steps_[i] - steps_[kept - 1] < stride_) continue;
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
