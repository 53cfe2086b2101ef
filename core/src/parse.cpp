#include "losslab/parse.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace losslab {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

namespace {
std::string quoted(std::string_view text) {
    constexpr std::size_t kMaxShown = 40;
    std::string shown(text.substr(0, kMaxShown));
    if (text.size() > kMaxShown) shown += "...";
    return "'" + shown + "'";
}
}  // namespace

std::optional<std::string> parseFiniteDouble(std::string_view text, double* out) {
    text = trim(text);
    if (text.empty()) return std::string("empty value where a number was expected");
    const std::string copy(text);
    // strtod accepts "nan", "inf" and hex floats; reject them up front with a clear message.
    const char first = copy[0];
    if (!(std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+' ||
          first == '.')) {
        return quoted(text) + " is not a number";
    }
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || end == copy.c_str()) {
        return quoted(text) + " is not a number";
    }
    if (!std::isfinite(value) || (errno == ERANGE && std::abs(value) > 1.0)) {
        return quoted(text) + " is not a finite number (too large for a double)";
    }
    *out = value;
    return std::nullopt;
}

std::optional<std::string> parseInteger(std::string_view text, long long lo, long long hi,
                                        long long* out) {
    text = trim(text);
    if (text.empty()) return std::string("empty value where an integer was expected");
    const std::string copy(text);
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(copy.c_str(), &end, 10);
    if (end != copy.c_str() + copy.size() || end == copy.c_str()) {
        return quoted(text) + " is not a whole number";
    }
    if (errno == ERANGE || value < lo || value > hi) {
        return quoted(text) + " is out of range [" + std::to_string(lo) + ", " +
               std::to_string(hi) + "]";
    }
    *out = value;
    return std::nullopt;
}

std::optional<std::string> parseDoubleList(std::string_view text, std::vector<double>* out) {
    out->clear();
    if (trim(text).empty()) return std::string("empty list");
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string_view item = text.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        double value = 0.0;
        if (auto error = parseFiniteDouble(item, &value)) {
            return "entry " + std::to_string(out->size() + 1) + ": " + *error;
        }
        out->push_back(value);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return std::nullopt;
}

std::optional<std::string> parseNumberRows(std::string_view text, Eigen::Index maxRows,
                                           RowMatrix* out) {
    std::vector<std::vector<double>> rows;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(';', start);
        const std::string_view row =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        if (static_cast<Eigen::Index>(rows.size()) >= maxRows) {
            return "more than " + std::to_string(maxRows) + " rows";
        }
        std::vector<double> values;
        if (auto e = parseDoubleList(row, &values)) {
            return "row " + std::to_string(rows.size()) + ": " + *e;
        }
        if (!rows.empty() && values.size() != rows.front().size()) {
            return "row " + std::to_string(rows.size()) + " has " + std::to_string(values.size()) +
                   " entries but row 0 has " + std::to_string(rows.front().size());
        }
        rows.push_back(std::move(values));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    out->resize(static_cast<Eigen::Index>(rows.size()),
                static_cast<Eigen::Index>(rows.front().size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            (*out)(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
        }
    }
    return std::nullopt;
}

}  // namespace losslab
