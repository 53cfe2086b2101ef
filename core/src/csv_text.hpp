#pragma once
// The pieces every CSV file of LossLab shares (the points CSV of dataset.hpp and the x,y CSV
// of regression.hpp): reading a file of bounded size, walking its lines with their numbers,
// splitting a line at commas, and the "line N: ..." form of every error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losslab::detail {

// "line 4: " + message.
std::string lineError(long long line, const std::string& message);
// The text in single quotes, cut to 40 bytes ("...") so a binary file makes a short message.
std::string shownText(std::string_view text);
// Splits a line at commas (no quoting: the formats hold only numbers); fields are trimmed.
std::vector<std::string_view> splitFields(std::string_view line);
// The text without a leading UTF-8 byte-order mark.
std::string_view withoutByteOrderMark(std::string_view text);

// Walks the lines of a text: next() gives each line (without its '\n'; a '\r' stays, trim
// removes it) and number() the 1-based number of the line it gave last.
class LineReader {
  public:
    explicit LineReader(std::string_view text) : text_(text) {}
    bool next(std::string_view* line);
    long long number() const { return number_; }

  private:
    std::string_view text_;
    std::size_t start_ = 0;
    long long number_ = 0;
};

// Reads a whole file of at most maxBytes into `text`; on failure returns the message
// ("cannot open 'f': ...", "'f' is larger than the limit of 64 MB") and leaves text alone.
std::optional<std::string> readBoundedFile(const std::string& path, std::uintmax_t maxBytes,
                                           std::string* text);
// Writes `text` to the file, replacing it; on failure returns "cannot write 'f': ...".
std::optional<std::string> writeWholeFile(const std::string& path, const std::string& text);

}  // namespace losslab::detail
