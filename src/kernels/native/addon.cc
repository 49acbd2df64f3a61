// The Node-API surface of the addon: unpacks and checks the arguments, then calls the kernel
// table of the current instruction set. Typed arrays are used in place (no copies); their data
// pointer already includes the byteOffset, so subarrays work as they are.
//
// Scalars come first in every signature, so the sizes are known when the arrays are checked
// (args.h), before any kernel runs.
#include <node_api.h>

#include <cstdint>
#include <cstdio>

#include "args.h"
#include "cpu.h"
#include "gemm.h"
#include "helper.h"

namespace groklab {
namespace {

template <typename T>
const GemmKernel<T>& gemmKernel() {
  if constexpr (sizeof(T) == 4) return currentIsa().gemmF32;
  else return currentIsa().gemmF64;
}

template <typename T>
const FusedKernels<T>& fused() {
  if constexpr (sizeof(T) == 4) return currentIsa().fusedF32;
  else return currentIsa().fusedF64;
}

napi_value number(napi_env env, double x) {
  napi_value v = nullptr;
  napi_create_double(env, x, &v);
  return v;
}

napi_value string(napi_env env, const char* s) {
  napi_value v = nullptr;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

// Elements spanned by `batch` matrices of `size` elements placed `stride` apart.
int64_t span(int64_t batch, int64_t stride, int64_t size) { return batch == 0 ? 0 : (batch - 1) * stride + size; }

// gemm(transA, transB, m, n, k, accumulate, batch, strideA, strideB, strideC, a, b, c)
napi_value Gemm(napi_env env, napi_callback_info info) {
  Args in(env, info, 13);
  const bool transA = in.flag("transA"), transB = in.flag("transB");
  const int64_t m = in.integer("m"), n = in.integer("n"), k = in.integer("k");
  const bool accumulate = in.flag("accumulate");
  const int64_t batch = in.integer("batch");
  const int64_t sa = in.integer("strideA"), sb = in.integer("strideB"), sc = in.integer("strideC");
  const Array a = in.array("a", nullptr);
  const Array b = in.array("b", &a.type);
  const Array c = in.array("c", &a.type);
  in.need(a, "a", span(batch, sa, m * k));
  in.need(b, "b", span(batch, sb, k * n));
  in.need(c, "c", span(batch, sc, m * n));
  if (!in.ok()) return nullptr;
  if (a.type == napi_float32_array) {
    gemm(gemmKernel<float>(), GemmCall<float>{transA, transB, (int)m, (int)n, (int)k, (const float*)a.data, (const float*)b.data, (float*)c.data, accumulate, (int)batch, sa, sb, sc});
  } else {
    gemm(gemmKernel<double>(), GemmCall<double>{transA, transB, (int)m, (int)n, (int)k, (const double*)a.data, (const double*)b.data, (double*)c.data, accumulate, (int)batch, sa, sb, sc});
  }
  return nullptr;
}

// biasActivation(rows, cols, relu, x, bias | null, out)
napi_value BiasActivation(napi_env env, napi_callback_info info) {
  Args in(env, info, 6);
  const int64_t rows = in.integer("rows"), cols = in.integer("cols");
  const bool relu = in.flag("relu");
  const Array x = in.array("x", nullptr);
  const Array bias = in.array("bias", &x.type, true);
  const Array out = in.array("out", &x.type);
  in.need(x, "x", rows * cols);
  in.need(bias, "bias", cols);
  in.need(out, "out", rows * cols);
  if (!in.ok()) return nullptr;
  if (x.type == napi_float32_array) fused<float>().biasActivation((const float*)x.data, (const float*)bias.data, rows, cols, relu, (float*)out.data);
  else fused<double>().biasActivation((const double*)x.data, (const double*)bias.data, rows, cols, relu, (double*)out.data);
  return nullptr;
}

// biasActivationBackward(rows, cols, relu, out, gradOut, gradIn, sums: Float64Array | null)
napi_value BiasActivationBackward(napi_env env, napi_callback_info info) {
  Args in(env, info, 7);
  const int64_t rows = in.integer("rows"), cols = in.integer("cols");
  const bool relu = in.flag("relu");
  const Array out = in.array("out", nullptr);
  const Array gradOut = in.array("gradOut", &out.type);
  const Array gradIn = in.array("gradIn", &out.type);
  static const napi_typedarray_type f64 = napi_float64_array;
  const Array sums = in.array("sums", &f64, true);
  in.need(out, "out", rows * cols);
  in.need(gradOut, "gradOut", rows * cols);
  in.need(gradIn, "gradIn", rows * cols);
  in.need(sums, "sums", cols);
  if (!in.ok()) return nullptr;
  double* s = (double*)sums.data;
  if (out.type == napi_float32_array) fused<float>().biasActivationBackward((const float*)out.data, (const float*)gradOut.data, rows, cols, relu, (float*)gradIn.data, s);
  else fused<double>().biasActivationBackward((const double*)out.data, (const double*)gradOut.data, rows, cols, relu, (double*)gradIn.data, s);
  return nullptr;
}

// softmaxCrossEntropy(rows, cols, scale, logits, labels, dlogits | null) → summed loss
napi_value SoftmaxCrossEntropy(napi_env env, napi_callback_info info) {
  Args in(env, info, 6);
  const int64_t rows = in.integer("rows"), cols = in.integer("cols");
  const double scale = in.number("scale");
  const Array logits = in.array("logits", nullptr);
  static const napi_typedarray_type i32 = napi_int32_array;
  const Array labels = in.array("labels", &i32);
  const Array dlogits = in.array("dlogits", &logits.type, true);
  in.need(logits, "logits", rows * cols);
  in.need(labels, "labels", rows);
  in.need(dlogits, "dlogits", rows * cols);
  if (!in.ok()) return nullptr;
  const int32_t* y = (const int32_t*)labels.data;
  for (int64_t i = 0; i < rows; i++) {
    // The kernel trusts its labels; an out-of-range one would read another row.
    if (!(y[i] >= 0 && y[i] < cols)) {
      char message[160];
      std::snprintf(message, sizeof message, "native backend: label %d of row %lld is not in [0, %lld)", y[i], (long long)i, (long long)cols);
      napi_throw_range_error(env, nullptr, message);
      return nullptr;
    }
  }
  const double loss = logits.type == napi_float32_array
                          ? fused<float>().softmaxCrossEntropy((const float*)logits.data, y, rows, cols, (float*)dlogits.data, scale)
                          : fused<double>().softmaxCrossEntropy((const double*)logits.data, y, rows, cols, (double*)dlogits.data, scale);
  return number(env, loss);
}

// adamw(lr, beta1, beta2, eps, lrDecay, bc1, bc2, param, grad, m, v)
napi_value AdamW(napi_env env, napi_callback_info info) {
  Args in(env, info, 11);
  double hyper[kHyperCount];
  const char* names[kHyperCount] = {"lr", "beta1", "beta2", "eps", "lrDecay", "bc1", "bc2"};
  for (int i = 0; i < kHyperCount; i++) hyper[i] = in.number(names[i]);
  const Array param = in.array("param", nullptr);
  const Array grad = in.array("grad", &param.type);
  const Array m = in.array("m", &param.type);
  const Array v = in.array("v", &param.type);
  in.need(grad, "grad", param.length);
  in.need(m, "m", param.length);
  in.need(v, "v", param.length);
  if (!in.ok()) return nullptr;
  if (param.type == napi_float32_array) fused<float>().adamw((const float*)param.data, (float*)grad.data, (float*)m.data, (float*)v.data, param.length, hyper);
  else fused<double>().adamw((const double*)param.data, (double*)grad.data, (double*)m.data, (double*)v.data, param.length, hyper);
  return nullptr;
}

// isa() → the name of the kernel table in use
napi_value CurrentIsa(napi_env env, napi_callback_info) { return string(env, currentIsa().name); }

// supportedIsas() → the names this CPU can run, best first
napi_value SupportedIsas(napi_env env, napi_callback_info) {
  const Isa* isas[8];
  const int count = supportedIsas(isas, 8);
  napi_value list = nullptr;
  napi_create_array_with_length(env, count, &list);
  for (int i = 0; i < count; i++) napi_set_element(env, list, i, string(env, isas[i]->name));
  return list;
}

// selectIsa(name) → false if this CPU cannot run it
napi_value SelectIsa(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg = nullptr;
  char name[32] = "";
  napi_get_cb_info(env, info, &argc, &arg, nullptr, nullptr);
  napi_get_value_string_utf8(env, arg, name, sizeof name, nullptr);
  napi_value result = nullptr;
  napi_get_boolean(env, selectIsa(name), &result);
  return result;
}

// setThreads(1 | 2) → the thread count now in effect
napi_value SetThreads(napi_env env, napi_callback_info info) {
  Args in(env, info, 1);
  const int64_t count = in.integer("threads");
  if (!in.ok()) return nullptr;
  setThreads((int)count);
  return number(env, threads());
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasActivation", nullptr, BiasActivation, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasActivationBackward", nullptr, BiasActivationBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmaxCrossEntropy", nullptr, SoftmaxCrossEntropy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamw", nullptr, AdamW, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"isa", nullptr, CurrentIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"supportedIsas", nullptr, SupportedIsas, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"selectIsa", nullptr, SelectIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}

}  // namespace
}  // namespace groklab

NAPI_MODULE(NODE_GYP_MODULE_NAME, groklab::Init)
