#include "common/status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace copydesk {
namespace {

TEST(StatusTest, FailureCarriesCodeWhereAndDetail) {
  Status s = Status::Error(StatusCode::kMalformed, "decode", "value is not JSON");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kMalformed);
  EXPECT_EQ(s.reason(), StatusCode::kMalformed);
  EXPECT_EQ(s.where(), "decode");
  EXPECT_EQ(s.detail(), "value is not JSON");
  EXPECT_EQ(s.ToString(), "decode: value is not JSON");
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

TEST(StatusTest, ErrorWithoutACodeIsUnknownAndAnOkCodeStillFails) {
  EXPECT_EQ(Status::Error("x", "y").code(), StatusCode::kUnknown);
  Status s = Status::Error(StatusCode::kOk, "x", "y");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnknown);
}

// The names are metric label values: one per code, distinct, and label-safe (lower case and '_').
TEST(StatusTest, EveryCodeHasADistinctLabelSafeName) {
  std::set<std::string> names;
  for (int i = 0; i < kStatusCodeCount; ++i) {
    std::string name(StatusCodeName(static_cast<StatusCode>(i)));
    EXPECT_TRUE(names.insert(name).second) << name;
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kStatusCodeCount));
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidConfig), "invalid_config");
}

TEST(StatusOrTest, HoldsAValueOrTheFailure) {
  StatusOr<std::string> value = std::string("article");
  ASSERT_TRUE(value.ok());
  EXPECT_TRUE(value.status().ok());
  EXPECT_EQ(value.value(), "article");
  EXPECT_EQ(value->size(), 7u);
  StatusOr<std::string> failed = Status::Error(StatusCode::kEmpty, "decode", "record has an empty value");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kEmpty);
}

TEST(StatusOrTest, AnOkStatusWithoutAValueIsAnInternalFailure) {
  StatusOr<int> odd = Status::Ok();
  EXPECT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().code(), StatusCode::kInternal);
}

TEST(StatusOrDeathTest, ValueOfAFailureAbortsNamingIt) {
  StatusOr<std::string> failed = Status::Error(StatusCode::kMalformed, "decode", "value is not JSON");
  EXPECT_DEATH((void)failed.value(), "decode: value is not JSON");
  EXPECT_DEATH((void)failed->size(), "decode: value is not JSON");
  EXPECT_DEATH((void)std::move(failed).value(), "decode: value is not JSON");
}

}  // namespace
}  // namespace copydesk
