#pragma once
// A tiny streaming JSON writer for the command line: numbers print with %.17g so that
// every double round-trips (docs/command-line.md), keys keep the order they are written in.
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace losslab {

class JsonWriter {
  public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(double number);
    JsonWriter& value(int number);
    JsonWriter& value(long long number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const Eigen::VectorXd& numbers);
    JsonWriter& value(const std::vector<std::string>& texts);  // an array of strings
    template <typename T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }
    const std::string& str() const { return out_; }

    static std::string formatNumber(double number);
    static std::string escape(std::string_view text);

  private:
    void separate();
    std::string out_;
    std::vector<bool> needComma_;  // one entry per open container
    bool afterKey_ = false;
};

}  // namespace losslab
