#include "io/async_video_writer.hpp"

#include <cstdlib>
#include <cstring>
#include <utility>

namespace losslab {

AsyncVideoWriter::~AsyncVideoWriter() {
    bool finishing;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        finishing = finishRequested_;
    }
    if (finishing) {
        stopWorker();  // waits for the requested finish
    } else {
        cancel();
    }
}

bool AsyncVideoWriter::open(const std::string& path, int width, int height, int fps,
                            std::string* error, std::size_t queueCapacity) {
    if (worker_.joinable() && finished()) {
        // The last video stopped by itself (it failed): its worker is gone, so start anew.
        stopWorker();
        writer_.cancel();
    }
    if (worker_.joinable()) {
        if (error)
            *error = "cannot write '" + path + "': this recorder is still writing '" + path_ + "'";
        return false;
    }
    if (!writer_.open(path, width, height, fps, error)) return false;
    path_ = path;
    width_ = width;
    height_ = height;
    capacity_ = queueCapacity < 1 ? 1 : queueCapacity;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.clear();
        accepting_ = true;
        finishRequested_ = false;
        cancelled_ = false;
        workerDone_ = false;
        succeeded_ = false;
        error_.clear();
        nextIndex_ = 0;
        dropped_ = 0;
        encoded_ = 0;
    }
    worker_ = std::thread([this] { run(); });
    return true;
}

AsyncVideoWriter::Push AsyncVideoWriter::pushFrame(const std::uint8_t* rgba, int strideBytes) {
    const std::size_t rowBytes = static_cast<std::size_t>(width_) * 4;
    std::vector<std::uint8_t> buffer;
    std::int64_t index;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!accepting_) return Push::Failed;
        if (!rgba ||
            std::abs(static_cast<long long>(strideBytes)) < static_cast<long long>(rowBytes)) {
            error_ = "cannot add a frame to '" + path_ + "': " +
                     (rgba ? "rows of " + std::to_string(strideBytes) + " bytes are shorter than " +
                                 std::to_string(width_) + " RGBA pixels"
                           : std::string("no pixels"));
            return Push::Failed;
        }
        index = nextIndex_++;  // a dropped frame keeps its place in time
        if (queue_.size() >= capacity_) {
            ++dropped_;
            return Push::Dropped;
        }
        if (!spareBuffers_.empty()) {
            buffer = std::move(spareBuffers_.back());
            spareBuffers_.pop_back();
        }
    }
    // The copy happens outside the lock, so the worker is never kept waiting for it.
    buffer.resize(rowBytes * static_cast<std::size_t>(height_));
    for (int y = 0; y < height_; ++y)
        std::memcpy(buffer.data() + rowBytes * static_cast<std::size_t>(y),
                    rgba + static_cast<std::ptrdiff_t>(y) * strideBytes, rowBytes);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(QueuedFrame{index, std::move(buffer)});
    }
    wake_.notify_one();
    return Push::Queued;
}

void AsyncVideoWriter::run() {
    const int stride = width_ * 4;
    for (;;) {
        QueuedFrame frame;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return cancelled_ || finishRequested_ || !queue_.empty(); });
            if (cancelled_) break;
            if (queue_.empty()) {  // finish requested and everything is encoded
                lock.unlock();
                std::string message;
                const bool ok = writer_.finish(&message);
                lock.lock();
                succeeded_ = ok;
                if (!ok && error_.empty()) error_ = message;
                break;
            }
            frame = std::move(queue_.front());
            queue_.pop_front();
        }
        std::string message;
        const bool ok = writer_.addFrameAt(frame.rgba.data(), stride, frame.index, &message);
        std::lock_guard<std::mutex> lock(mutex_);
        spareBuffers_.push_back(std::move(frame.rgba));
        if (!ok) {
            // The writer has removed its temporary file; later pushes are refused.
            accepting_ = false;
            if (error_.empty()) error_ = message;
            queue_.clear();
            break;
        }
        ++encoded_;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    workerDone_ = true;
    spareBuffers_.clear();
}

void AsyncVideoWriter::requestFinish() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (workerDone_) return;
        accepting_ = false;
        finishRequested_ = true;
    }
    wake_.notify_one();
}

bool AsyncVideoWriter::finished() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return workerDone_;
}

void AsyncVideoWriter::stopWorker() {
    if (worker_.joinable()) worker_.join();
}

bool AsyncVideoWriter::finish(std::string* error) {
    if (!worker_.joinable()) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error) *error = error_.empty() ? "cannot finish: the recording is not open" : error_;
        return false;
    }
    requestFinish();
    stopWorker();
    // The worker has stopped: the VideoWriter is ours again.
    writer_.cancel();  // no-op after a finish; removes the temporary file after a failure
    std::lock_guard<std::mutex> lock(mutex_);
    if (!succeeded_ && error) *error = error_;
    return succeeded_;
}

void AsyncVideoWriter::cancel() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        accepting_ = false;
        cancelled_ = true;
        queue_.clear();
    }
    wake_.notify_one();
    stopWorker();
    writer_.cancel();
}

std::int64_t AsyncVideoWriter::droppedFrames() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return dropped_;
}

std::int64_t AsyncVideoWriter::encodedFrames() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return encoded_;
}

std::string AsyncVideoWriter::error() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
}

}  // namespace losslab
