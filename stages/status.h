// Status and StatusOr: success or a failure reason, passed across the stage and worker boundaries instead
// of exceptions (in the manner of LevelDB's Status).
//
// A failed Status carries where it happened (`where`: a stage name, "decode", "config", ...) and a
// human-readable reason. Both end up in dead-letter headers and logs, so keep reasons one line, specific,
// and free of article payload.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace copydesk {

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(std::string where, std::string reason) {
    Status s;
    s.failed_ = true;
    s.where_ = std::move(where);
    s.reason_ = std::move(reason);
    return s;
  }

  bool ok() const { return !failed_; }
  const std::string& where() const { return where_; }
  const std::string& reason() const { return reason_; }
  // "where: reason", or "ok".
  std::string ToString() const { return ok() ? "ok" : where_ + ": " + reason_; }

 private:
  bool failed_ = false;
  std::string where_;
  std::string reason_;
};

// A value or the failed Status explaining why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace copydesk
