#include "io/json_writer.hpp"

#include <cmath>
#include <cstdio>

namespace losslab {

void JsonWriter::separate() {
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!needComma_.empty()) {
        if (needComma_.back()) out_ += ", ";
        needComma_.back() = true;
    }
}

JsonWriter& JsonWriter::beginObject() {
    separate();
    out_ += '{';
    needComma_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    out_ += '}';
    needComma_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    separate();
    out_ += '[';
    needComma_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    out_ += ']';
    needComma_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    out_ += escape(name);
    out_ += ": ";
    afterKey_ = true;
    return *this;
}

std::string JsonWriter::formatNumber(double number) {
    // JSON has no inf or NaN; callers validate inputs so these never reach the output, but
    // if one did, null is valid JSON and cannot be mistaken for a number.
    if (!std::isfinite(number)) return "null";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", number);
    return buffer;
}

std::string JsonWriter::escape(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

JsonWriter& JsonWriter::value(double number) {
    separate();
    out_ += formatNumber(number);
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::value(int number) {
    return value(static_cast<long long>(number));
}

JsonWriter& JsonWriter::value(long long number) {
    separate();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    out_ += escape(text);
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts) {
    beginArray();
    for (const std::string& text : texts)
        value(std::string_view(text));
    return endArray();
}

JsonWriter& JsonWriter::value(const Eigen::VectorXd& numbers) {
    beginArray();
    for (Eigen::Index i = 0; i < numbers.size(); ++i)
        value(numbers[i]);
    return endArray();
}

}  // namespace losslab
