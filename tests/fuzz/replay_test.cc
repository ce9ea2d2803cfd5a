// Replays a fuzz target's corpus as an ordinary test: every file in the corpus folders named by
// COPYDESK_FUZZ_CORPUS (';'-separated; the seeds and the regression inputs a fuzzer run once found) goes
// through the target's own LLVMFuzzerTestOneInput, in the normal build, so that `tools/test` checks each
// input on every change and not only when someone runs the fuzzer. A target signals a broken invariant by
// aborting, which fails the test (ctest reports the crash and the test names the file).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  std::string_view dirs = COPYDESK_FUZZ_CORPUS;
  while (!dirs.empty()) {
    size_t semicolon = dirs.find(';');
    fs::path dir(std::string(dirs.substr(0, semicolon)));
    dirs = semicolon == std::string_view::npos ? std::string_view() : dirs.substr(semicolon + 1);
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class FuzzCorpusReplay : public testing::TestWithParam<std::string> {};

TEST_P(FuzzCorpusReplay, InputRunsThroughTheTarget) {
  std::ifstream in(GetParam(), std::ios::binary);
  ASSERT_TRUE(in) << GetParam();
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0);
}

// A file name made into a test name: letters and digits kept, anything else '_'.
std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FuzzCorpusReplay, testing::ValuesIn(CorpusFiles()), TestName);

// An empty or missing corpus would make the suite above pass by running nothing.
TEST(FuzzCorpus, IsNotEmpty) { EXPECT_FALSE(CorpusFiles().empty()) << "no files in " << COPYDESK_FUZZ_CORPUS; }

}  // namespace
