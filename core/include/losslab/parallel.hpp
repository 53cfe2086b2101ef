#pragma once
// Both cores for the big batches: a small pool of threads that core's loops share (the
// losses and their gradients, training steps, images of many pixels).
//
// Determinism (docs/math.md asks a run to be reproducible from its seed on any machine): work
// is cut into chunks of a fixed size that does not depend on the number of threads, each
// chunk's partial result is kept apart, and the partial results are combined in chunk order
// by the caller. The thread count thus changes the speed, never a bit of the result.
#include <cstddef>
#include <functional>

namespace losslab {

// Rows per chunk of the parallel loops over rows (a batch's samples, an image's pixels).
// A batch of at most this many rows runs on the calling thread alone.
inline constexpr std::ptrdiff_t kParallelChunkRows = 4096;

// How many threads the parallel loops use, the calling one included (≥ 1). Defaults to the
// machine's hardware threads.
int threadCount();
// Sets it (for tests and benchmarks); threads < 1 selects the default. Waits for running
// loops to finish before the pool changes.
void setThreadCount(int threads);

// Lowers the calling thread's priority below the UI thread's (nice 10 on Linux, where it is
// set per thread; elsewhere, or when not permitted, nothing changes, which is only slower to
// yield). For the threads that work in the background: training, jobs, the pool's own.
void runBelowInteractivePriority();

// Chunks of `rows` rows: ⌈rows / kParallelChunkRows⌉ (at least 1).
std::ptrdiff_t chunkCount(std::ptrdiff_t rows);

// Calls task(chunk) once for every chunk in [0, chunks), spread over the pool, and returns when
// all calls have returned. The calls run concurrently: each must write only its own outputs.
// When the pool is busy with another caller's loop (or chunks == 1) every call runs on the
// calling thread, so nested and concurrent loops never wait for each other.
void parallelFor(std::ptrdiff_t chunks, const std::function<void(std::ptrdiff_t chunk)>& task);

}  // namespace losslab
