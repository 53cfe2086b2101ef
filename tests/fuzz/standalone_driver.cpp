// A bounded, deterministic stand-in for libFuzzer so the fuzz targets run in CTest with any
// compiler: every seed file, then `iterations` seeded mutations of them (byte flips,
// insertions, deletions, splices, interesting tokens). Usage: driver ITERATIONS SEED_FILE...
// With clang, the same targets link against the real libFuzzer (-fsanitize=fuzzer).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(std::string s, std::mt19937_64& rng, const std::vector<std::string>& corpus) {
    static const char* const kTokens[] = {"1e400",
                                          "-1e400",
                                          "nan",
                                          "inf",
                                          "-0",
                                          "1e-320",
                                          "\"",
                                          "{",
                                          "}",
                                          "[",
                                          "]",
                                          ",",
                                          ":",
                                          "null",
                                          "true",
                                          "99999999999999999999",
                                          "-1",
                                          "0",
                                          "\n",
                                          "\r\n",
                                          "\xEF\xBB\xBF",
                                          "x1,x2,label",
                                          "\\u0000"};
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        const std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 5) {
            case 0:
                if (!s.empty()) s[at % s.size()] = static_cast<char>(rng());
                break;
            case 1:
                s.insert(at, kTokens[rng() % (sizeof kTokens / sizeof kTokens[0])]);
                break;
            case 2:
                if (!s.empty()) s.erase(at % s.size(), 1 + rng() % 8);
                break;
            case 3: {
                const std::string& other = corpus[rng() % corpus.size()];
                if (!other.empty())
                    s.insert(at, other.substr(rng() % other.size(), 1 + rng() % 40));
                break;
            }
            default:
                s = s.substr(0, at);
                break;  // truncation
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ITERATIONS SEED_FILE...\n", argv[0]);
        return 2;
    }
    const long iterations = std::strtol(argv[1], nullptr, 10);
    std::vector<std::string> corpus;
    for (int i = 2; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        corpus.push_back(text.str());
        run(corpus.back());
    }
    std::mt19937_64 rng(12345);
    for (long i = 0; i < iterations; ++i)
        run(mutate(corpus[rng() % corpus.size()], rng, corpus));
    std::printf("%ld inputs, no crash\n", iterations + static_cast<long>(corpus.size()));
    return 0;
}
