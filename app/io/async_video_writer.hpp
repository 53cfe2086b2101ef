#pragma once
// Records a video without stalling the thread that draws: pushFrame() copies the frame into a
// bounded queue and returns at once; a worker thread converts and encodes the queued frames
// with a VideoWriter (io/video_writer.hpp, which documents formats, sizes and memory).
//
// When the encoder falls behind and the queue is full, pushFrame() drops the frame and says
// so (it never blocks the caller); droppedFrames() counts them. A dropped frame keeps its
// place in time: the frame before it stays on screen longer, so the video still plays in
// real time at the fps it was opened with.
//
// Memory: up to queueCapacity frames of 4·width·height bytes wait in the queue (8 frames of
// 1280x720 are 29 MB), plus what the VideoWriter holds (all of a GIF's frames, compressed).
//
// Threads: every public function is called from one thread (the owner); the worker only
// touches the VideoWriter and the queue, the queue and the counters under one mutex.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/video_writer.hpp"

namespace losslab {

class AsyncVideoWriter {
  public:
    enum class Push {
        Queued,   // the frame will be encoded
        Dropped,  // the queue was full: the frame was skipped, nothing is wrong otherwise
        Failed,   // not taken: the video failed (error() says why; later frames are refused
                  // too), is finished or was never opened, or the pixels were missing
    };

    AsyncVideoWriter() = default;
    // Stops the worker before returning. A video whose finish was not requested is cancelled
    // (no file at its path); one whose finish was requested is completed first.
    ~AsyncVideoWriter();
    AsyncVideoWriter(const AsyncVideoWriter&) = delete;
    AsyncVideoWriter& operator=(const AsyncVideoWriter&) = delete;

    // Opens the video (VideoWriter::open's checks and errors) and starts the worker.
    bool open(const std::string& path, int width, int height, int fps, std::string* error,
              std::size_t queueCapacity = 8);
    // Queues a copy of one width x height RGBA frame (rows as VideoWriter::addFrame takes).
    Push pushFrame(const std::uint8_t* rgba, int strideBytes);
    // Takes no more frames; the worker encodes what is queued, then finishes the file. Does
    // not wait: finished() tells when it is done, finish() waits for it.
    void requestFinish();
    // True once the worker has stopped (the video is finished or failed).
    bool finished() const;
    // Requests the finish if needed and waits for the worker; true if the file is at its path.
    bool finish(std::string* error);
    // Drops the video: queued frames are discarded, nothing is left at the path. (Once the
    // worker has begun writing the file's end after requestFinish(), that completes first and
    // the file stays.)
    void cancel();

    std::int64_t droppedFrames() const;
    std::int64_t encodedFrames() const;
    // The first error of the video ("" while all is well).
    std::string error() const;

  private:
    struct QueuedFrame {
        std::int64_t index = 0;
        std::vector<std::uint8_t> rgba;
    };
    void run();
    void stopWorker();

    VideoWriter writer_;  // the worker's alone while it runs
    std::string path_;    // set before the worker starts, read-only while it runs
    int width_ = 0;
    int height_ = 0;
    std::size_t capacity_ = 0;
    std::thread worker_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<QueuedFrame> queue_;
    std::vector<std::vector<std::uint8_t>> spareBuffers_;  // reused, so pushes do not allocate
    bool accepting_ = false;                               // pushFrame takes frames
    bool finishRequested_ = false;
    bool cancelled_ = false;
    bool workerDone_ = true;
    bool succeeded_ = false;
    std::string error_;
    std::int64_t nextIndex_ = 0;
    std::int64_t dropped_ = 0;
    std::int64_t encoded_ = 0;
};

}  // namespace losslab
