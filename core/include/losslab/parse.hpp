#pragma once
// Strict number parsing shared by the command line, CSV files and scene files:
// the whole text must be one finite number, or the caller gets a message saying why.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/types.hpp"

namespace losslab {

// Parses a finite double ("1e400", "nan", "inf", "3.2x", "" are errors).
// Returns an error message (without the field name) or nothing.
std::optional<std::string> parseFiniteDouble(std::string_view text, double* out);
// Parses a whole integer within [lo, hi].
std::optional<std::string> parseInteger(std::string_view text, long long lo, long long hi,
                                        long long* out);
// Parses "3.2,5.1,-1.7" (spaces around entries allowed). An empty list is an error.
std::optional<std::string> parseDoubleList(std::string_view text, std::vector<double>* out);

// Parses rows of numbers, "w00,w01; w10,w11": rows separated by ';', each a list as
// parseDoubleList, all of one length, at most maxRows of them. Errors name the row from 0
// ("row 1 has 3 entries but row 0 has 2").
std::optional<std::string> parseNumberRows(std::string_view text, Eigen::Index maxRows,
                                           RowMatrix* out);

std::string_view trim(std::string_view text);

}  // namespace losslab
