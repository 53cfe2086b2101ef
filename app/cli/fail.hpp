#pragma once
// How the command-line tools give up on bad input: one line in `error`, and false.
#include <string>

namespace losslab::cli {

inline bool fail(std::string* error, const std::string& message) {
    *error = message;
    return false;
}

}  // namespace losslab::cli
