#include "csv_text.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "losslab/parse.hpp"

namespace losslab::detail {

std::string lineError(long long line, const std::string& message) {
    return "line " + std::to_string(line) + ": " + message;
}

std::string shownText(std::string_view text) {
    constexpr std::size_t kMaxShown = 40;
    std::string out(text.substr(0, kMaxShown));
    if (text.size() > kMaxShown) out += "...";
    return "'" + out + "'";
}

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos) {
            fields.push_back(trim(line.substr(start)));
            return fields;
        }
        fields.push_back(trim(line.substr(start, comma - start)));
        start = comma + 1;
    }
}

std::string_view withoutByteOrderMark(std::string_view text) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
        text.remove_prefix(kByteOrderMark.size());
    }
    return text;
}

bool LineReader::next(std::string_view* line) {
    if (start_ >= text_.size()) return false;
    const std::size_t newline = text_.find('\n', start_);
    const std::size_t end = newline == std::string_view::npos ? text_.size() : newline;
    *line = text_.substr(start_, end - start_);
    start_ = end + 1;
    ++number_;
    return true;
}

namespace {
struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;
}  // namespace

std::optional<std::string> readBoundedFile(const std::string& path, std::uintmax_t maxBytes,
                                           std::string* text) {
    errno = 0;
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file) return "cannot open '" + path + "': " + std::strerror(errno);
    // Read at most one buffer past the limit, so pipes and growing files are bounded too.
    std::string content;
    char buffer[1 << 16];
    while (true) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        content.append(buffer, got);
        if (content.size() > maxBytes) {
            return "'" + path + "' is larger than the limit of " +
                   std::to_string(maxBytes / (1024 * 1024)) + " MB";
        }
        if (got < sizeof buffer) break;
    }
    if (std::ferror(file.get())) return "cannot read '" + path + "': " + std::strerror(errno);
    *text = std::move(content);
    return std::nullopt;
}

std::optional<std::string> writeWholeFile(const std::string& path, const std::string& text) {
    errno = 0;
    FilePtr file(std::fopen(path.c_str(), "wb"));
    if (!file) return "cannot write '" + path + "': " + std::strerror(errno);
    if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size()) {
        return "cannot write '" + path + "': " + std::strerror(errno);
    }
    std::FILE* raw = file.release();
    if (std::fclose(raw) != 0) return "cannot write '" + path + "': " + std::strerror(errno);
    return std::nullopt;
}

}  // namespace losslab::detail
