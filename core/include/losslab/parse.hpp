#pragma once
// Strict number parsing shared by the command line, CSV files and scene files:
// the whole text must be one finite number, or the caller gets a message saying why.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

// Parses a finite double ("1e400", "nan", "inf", "3.2x", "" are errors).
// Returns an error message (without the field name) or nothing.
std::optional<std::string> parseFiniteDouble(std::string_view text, double* out);
// Parses a whole integer within [lo, hi].
std::optional<std::string> parseInteger(std::string_view text, long long lo, long long hi,
                                        long long* out);
// Parses "3.2,5.1,-1.7" (spaces around entries allowed). An empty list is an error.
std::optional<std::string> parseDoubleList(std::string_view text, std::vector<double>* out);

std::string_view trim(std::string_view text);

}  // namespace losslab
