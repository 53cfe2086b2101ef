#include "session/end_signals.hpp"

#include <csignal>
#include <initializer_list>

namespace losslab {

namespace {

// Written by the handler, read by the frame loop: the only type a handler may store to.
volatile std::sig_atomic_t receivedSignal = 0;

void recordSignal(int signal) {
    receivedSignal = signal;
}

}  // namespace

void catchEndSignals() {
    struct sigaction action {};
    action.sa_handler = recordSignal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the next such signal takes its default action (the program ends).
    // SA_RESTART: a read or write interrupted by the signal goes on rather than failing.
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    for (int signal : {SIGTERM, SIGHUP, SIGINT})
        sigaction(signal, &action, nullptr);
}

int endSignalReceived() {
    return receivedSignal;
}

}  // namespace losslab
