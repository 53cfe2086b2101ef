#pragma once
// A fresh, empty folder per test for files a command writes, and what is in it afterwards
// (temporaries included): the tests of "no partial file left behind" read it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace losslab::testing {

class OutputFolder {
  public:
    // TempDir()/PREFIX-TESTNAME, emptied.
    explicit OutputFolder(const std::string& prefix)
        : path_(std::filesystem::path(::testing::TempDir()) /
                (prefix + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    // The names of the files in the folder, sorted.
    std::vector<std::string> files() const {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(path_))
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace losslab::testing
