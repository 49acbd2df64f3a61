// Reading one Node-API call's arguments in order, with the checks every kernel relies on: a
// kernel trusts its operands, and an out-of-range write would corrupt the JS heap instead of
// throwing. The first failure throws (TypeError, or RangeError for a short array) and makes
// ok() false; later reads are then no-ops.
#pragma once
#include <node_api.h>

#include <cstdint>
#include <cstdio>

namespace groklab {

/** A typed array's element type, data and length. */
struct Array {
  napi_typedarray_type type = napi_float32_array;
  void* data = nullptr;
  int64_t length = 0;
};

/** One call's arguments, read in order; the first failure throws and makes ok() false. */
class Args {
 public:
  Args(napi_env env, napi_callback_info info, size_t count) : env_(env) {
    size_t given = kMax;
    if (napi_get_cb_info(env, info, &given, argv_, nullptr, nullptr) != napi_ok || given < count) fail("expected %zu arguments", count);
  }

  bool ok() const { return ok_; }

  int64_t integer(const char* name) {
    const double d = number(name);
    if (ok_ && !(d >= 0 && d <= INT32_MAX && d == (double)(int64_t)d)) fail("%s must be an integer in [0, 2³¹)", name);
    return ok_ ? (int64_t)d : 0;
  }

  double number(const char* name) {
    double x = 0;
    if (ok_ && napi_get_value_double(env_, next(), &x) != napi_ok) fail("%s must be a number", name);
    return x;
  }

  bool flag(const char* name) {
    bool x = false;
    if (ok_ && napi_get_value_bool(env_, next(), &x) != napi_ok) fail("%s must be a boolean", name);
    return x;
  }

  /** A typed array of the given type (Float32Array or Float64Array when `type` is null). */
  Array array(const char* name, const napi_typedarray_type* type, bool nullable = false) {
    Array a;
    if (!ok_) return a;
    napi_value v = next();
    napi_valuetype vt = napi_undefined;
    napi_typeof(env_, v, &vt);
    if (nullable && vt == napi_null) return a;
    bool is = false;
    size_t length = 0;
    if (napi_is_typedarray(env_, v, &is) != napi_ok || !is ||
        napi_get_typedarray_info(env_, v, &a.type, &length, &a.data, nullptr, nullptr) != napi_ok ||
        (type ? a.type != *type : a.type != napi_float32_array && a.type != napi_float64_array)) {
      fail("%s must be %s", name, !type ? "a Float32Array or Float64Array" : *type == napi_int32_array ? "an Int32Array" : "of the same element type as the first array");
      return Array{};
    }
    a.length = (int64_t)length;
    return a;
  }

  /** Throws a RangeError unless `a` (if present) holds at least `need` elements. */
  void need(const Array& a, const char* name, int64_t need) {
    if (ok_ && a.data && a.length < need) {
      char message[200];
      std::snprintf(message, sizeof message, "native backend: %s has %lld elements, needs %lld", name, (long long)a.length, (long long)need);
      napi_throw_range_error(env_, nullptr, message);
      ok_ = false;
    }
  }

  template <typename... Rest>
  void fail(const char* format, Rest... rest) {
    if (!ok_) return;
    char message[200] = "native backend: ";
    std::snprintf(message + 16, sizeof message - 16, format, rest...);
    napi_throw_type_error(env_, nullptr, message);
    ok_ = false;
  }

 private:
  static constexpr size_t kMax = 16;
  napi_value next() { return argv_[next_++]; }

  napi_env env_;
  size_t next_ = 0;
  napi_value argv_[kMax] = {};
  bool ok_ = true;
};

}  // namespace groklab
