// Status and StatusOr: success, or a failure, passed across the stage and worker boundaries instead of
// exceptions (in the manner of LevelDB's Status).
//
// A failed Status carries three things, each for its own reader:
// - code(): one of the few StatusCode values. The only part of a failure that may become a metric label
//   or be counted by kind: the set is fixed at compile time, so a producer cannot grow it.
// - where(): the component that failed ("decode", "config", "encode", "produce", a stage name). Always a
//   name from the code, never from input.
// - detail(): one human-readable line for logs and the dead-letter header copydesk.error.reason. It may
//   quote what the producer sent (a content-type value, a parser's message), so it is never a label; keep
//   it specific and free of article payload.
//
// Both types are [[nodiscard]]: a dropped Status is a lost failure. StatusOr::value() is checked: reading
// the value of a failed StatusOr aborts with the failure rather than reading an empty optional.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace copydesk {

enum class StatusCode : uint8_t {
  kOk = 0,
  kUnknown,        // not classified: Status::Error(where, detail), from code written before codes
  kInvalidConfig,  // configuration refused (a key, a value, the stage chain)
  kUnsupported,    // input in a form the worker does not take (an unknown content-type)
  kMalformed,      // input that does not parse as the form it claims or is sniffed as
  kEmpty,          // input with nothing to work on (an empty value, an article without title or text)
  kRejected,       // a stage refused the article (too large, ...)
  kIOError,        // a file could not be read or written
  kUnavailable,    // a dependency refused or timed out (the broker rejected a delivery)
  kInternal,       // a bug: an unexpected exception, a message that would not serialise
};
inline constexpr int kStatusCodeCount = 10;

// Lower-case and stable ("invalid_config"): these are metric label values and dashboards select on them.
constexpr std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kUnknown: return "unknown";
    case StatusCode::kInvalidConfig: return "invalid_config";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kMalformed: return "malformed";
    case StatusCode::kEmpty: return "empty";
    case StatusCode::kRejected: return "rejected";
    case StatusCode::kIOError: return "io_error";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  // A failure; a `code` of kOk is a caller's bug and is recorded as kUnknown, so the Status still fails.
  static Status Error(StatusCode code, std::string where, std::string detail) {
    Status s;
    s.code_ = code == StatusCode::kOk ? StatusCode::kUnknown : code;
    s.where_ = std::move(where);
    s.detail_ = std::move(detail);
    return s;
  }
  // An unclassified failure (kUnknown), for callers that do not pick a code yet.
  static Status Error(std::string where, std::string detail) {
    return Error(StatusCode::kUnknown, std::move(where), std::move(detail));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& where() const { return where_; }
  const std::string& detail() const { return detail_; }
  // The reason as a metric may count it: the code. The spelling callers from before codes use
  // (worker/kafka_worker.cc counts failures by where() and reason()); new code says code().
  StatusCode reason() const { return code_; }
  // "where: detail", or "ok".
  std::string ToString() const { return ok() ? "ok" : where_ + ": " + detail_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string where_;
  std::string detail_;
};

// A value, or the failed Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // A failed status. An OK one here is a caller's bug: it becomes a kInternal failure, not a value.
  StatusOr(Status status)  // NOLINT: implicit by design
      : status_(status.ok() ? Status::Error(StatusCode::kInternal, "StatusOr", "constructed from an OK Status")
                            : std::move(status)) {}

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }  // Ok() when a value is held

  // Checked: abort, printing the failure, when there is no value.
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<StatusOr*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<StatusOr*>(this)->Checked(); }

 private:
  T& Checked() {
    if (!value_.has_value()) {
      std::fprintf(stderr, "StatusOr::value() without a value: %s\n", status_.ToString().c_str());
      std::abort();
    }
    return *value_;
  }

  std::optional<T> value_;
  Status status_;
};

}  // namespace copydesk
