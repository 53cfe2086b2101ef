#pragma once
// The thread count of one benchmark (parallel.hpp): the pool goes back to its default when the
// benchmark ends. Benchmarks without a thread argument run on one thread, so that their figures
// stay comparable from machine to machine.
#include <benchmark/benchmark.h>

#include "losslab/parallel.hpp"

class ThreadsForBenchmark {
  public:
    explicit ThreadsForBenchmark(int threads) { losslab::setThreadCount(threads); }
    ~ThreadsForBenchmark() { losslab::setThreadCount(0); }
    ThreadsForBenchmark(const ThreadsForBenchmark&) = delete;
    ThreadsForBenchmark& operator=(const ThreadsForBenchmark&) = delete;
};
