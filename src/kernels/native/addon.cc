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
#include "recurrence.h"

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

// tiled(op, periodA, periodB, a, b, out): out[i] = a[i mod periodA] ∘ b[i mod periodB]
napi_value Tiled(napi_env env, napi_callback_info info) {
  Args in(env, info, 6);
  const int64_t op = in.integer("op"), pa = in.integer("periodA"), pb = in.integer("periodB");
  const Array a = in.array("a", nullptr);
  const Array b = in.array("b", &a.type);
  const Array out = in.array("out", &a.type);
  const int64_t n = out.length;
  if (in.ok() && op > kDiv) in.fail("op must be 0 (add), 1 (sub), 2 (mul) or 3 (div)");
  // The loops step by the smaller period through the larger: both must tile the output.
  const int64_t small = pa < pb ? pa : pb, large = pa < pb ? pb : pa;
  if (in.ok() && n > 0 && !(small > 0 && n % large == 0 && large % small == 0)) {
    in.fail("periods %lld and %lld do not tile %lld elements", (long long)pa, (long long)pb, (long long)n);
  }
  in.need(a, "a", n > 0 ? pa : 0);
  in.need(b, "b", n > 0 ? pb : 0);
  if (!in.ok()) return nullptr;
  if (a.type == napi_float32_array) fused<float>().tiled((int)op, (const float*)a.data, pa, (const float*)b.data, pb, (float*)out.data, n);
  else fused<double>().tiled((int)op, (const double*)a.data, pa, (const double*)b.data, pb, (double*)out.data, n);
  return nullptr;
}

// scaleBlocks(mode, scales: Float64Array, x, out): out and x split into scales.length blocks
napi_value ScaleBlocks(napi_env env, napi_callback_info info) {
  Args in(env, info, 4);
  const int64_t mode = in.integer("mode");
  static const napi_typedarray_type f64 = napi_float64_array;
  const Array scales = in.array("scales", &f64);
  const Array x = in.array("x", nullptr);
  const Array out = in.array("out", &x.type);
  if (in.ok() && mode > kSignBlock) in.fail("mode must be 0 (scale), 1 (axpy) or 2 (sign)");
  const int64_t blocks = scales.length, n = out.length;
  if (in.ok() && (blocks == 0 || n % blocks != 0 || x.length != n)) {
    in.fail("x (%lld) and out (%lld) must have equal lengths that split into %lld blocks", (long long)x.length, (long long)n, (long long)blocks);
  }
  if (!in.ok()) return nullptr;
  const double* s = (const double*)scales.data;
  if (x.type == napi_float32_array) fused<float>().scaleBlocks((int)mode, s, blocks, (const float*)x.data, (float*)out.data, n / blocks);
  else fused<double>().scaleBlocks((int)mode, s, blocks, (const double*)x.data, (double*)out.data, n / blocks);
  return nullptr;
}

// lstmForward(steps, rows, hidden, acts, whh, cells, hs)
napi_value LstmForward(napi_env env, napi_callback_info info) {
  Args in(env, info, 7);
  const int64_t steps = in.integer("steps"), rows = in.integer("rows"), hidden = in.integer("hidden");
  const Array acts = in.array("acts", nullptr);
  const Array whh = in.array("whh", &acts.type);
  const Array cells = in.array("cells", &acts.type);
  const Array hs = in.array("hs", &acts.type);
  in.need(acts, "acts", steps * rows * 4 * hidden);
  in.need(whh, "whh", hidden * 4 * hidden);
  in.need(cells, "cells", steps * rows * hidden);
  in.need(hs, "hs", steps * rows * hidden);
  if (!in.ok()) return nullptr;
  if (acts.type == napi_float32_array) {
    lstmForward(gemmKernel<float>(), fused<float>(), (float*)acts.data, (const float*)whh.data, (int)steps, (int)rows, (int)hidden, (float*)cells.data, (float*)hs.data);
  } else {
    lstmForward(gemmKernel<double>(), fused<double>(), (double*)acts.data, (const double*)whh.data, (int)steps, (int)rows, (int)hidden, (double*)cells.data, (double*)hs.data);
  }
  return nullptr;
}

// lstmBackward(steps, rows, hidden, acts, cells, whh, dOut, dGates)
napi_value LstmBackward(napi_env env, napi_callback_info info) {
  Args in(env, info, 8);
  const int64_t steps = in.integer("steps"), rows = in.integer("rows"), hidden = in.integer("hidden");
  const Array acts = in.array("acts", nullptr);
  const Array cells = in.array("cells", &acts.type);
  const Array whh = in.array("whh", &acts.type);
  const Array dOut = in.array("dOut", &acts.type);
  const Array dGates = in.array("dGates", &acts.type);
  in.need(acts, "acts", steps * rows * 4 * hidden);
  in.need(cells, "cells", steps * rows * hidden);
  in.need(whh, "whh", hidden * 4 * hidden);
  in.need(dOut, "dOut", steps * rows * hidden);
  in.need(dGates, "dGates", steps * rows * 4 * hidden);
  if (!in.ok()) return nullptr;
  if (acts.type == napi_float32_array) {
    lstmBackward(gemmKernel<float>(), fused<float>(), (const float*)acts.data, (const float*)cells.data, (const float*)whh.data, (const float*)dOut.data, (int)steps, (int)rows,
                 (int)hidden, (float*)dGates.data);
  } else {
    lstmBackward(gemmKernel<double>(), fused<double>(), (const double*)acts.data, (const double*)cells.data, (const double*)whh.data, (const double*)dOut.data, (int)steps,
                 (int)rows, (int)hidden, (double*)dGates.data);
  }
  return nullptr;
}

// Throws a RangeError unless every index lies in [0, len): the kernels trust their indices.
bool indicesInRange(napi_env env, const Array& index, int64_t len) {
  const int32_t* idx = (const int32_t*)index.data;
  for (int64_t i = 0; i < index.length; i++) {
    if (!(idx[i] >= 0 && idx[i] < len)) {
      char message[160];
      std::snprintf(message, sizeof message, "native backend: index %d at position %lld is not in [0, %lld)", idx[i], (long long)i, (long long)len);
      napi_throw_range_error(env, nullptr, message);
      return false;
    }
  }
  return true;
}

// scatterAdd(outer, len, inner, g, index, gx): gx[(o·len + index[i])·inner + j] += g[(o·count + i)·inner + j]
// gather(outer, len, inner, x, index, out): out[(o·count + i)·inner + j] = x[(o·len + index[i])·inner + j]
template <bool Scatter>
napi_value Rows(napi_env env, napi_callback_info info) {
  Args in(env, info, 6);
  const int64_t outer = in.integer("outer"), len = in.integer("len"), inner = in.integer("inner");
  const Array picked = in.array(Scatter ? "g" : "out", nullptr);
  static const napi_typedarray_type i32 = napi_int32_array;
  const Array index = in.array("index", &i32);
  const Array table = in.array(Scatter ? "gx" : "x", &picked.type);
  in.need(picked, Scatter ? "g" : "out", outer * index.length * inner);
  in.need(table, Scatter ? "gx" : "x", outer * len * inner);
  if (!in.ok() || !indicesInRange(env, index, len)) return nullptr;
  const int32_t* idx = (const int32_t*)index.data;
  if (picked.type == napi_float32_array) {
    if (Scatter) fused<float>().scatterAdd((const float*)picked.data, idx, index.length, outer, len, inner, (float*)table.data);
    else fused<float>().gather((const float*)table.data, idx, index.length, outer, len, inner, (float*)picked.data);
  } else {
    if (Scatter) fused<double>().scatterAdd((const double*)picked.data, idx, index.length, outer, len, inner, (double*)table.data);
    else fused<double>().gather((const double*)table.data, idx, index.length, outer, len, inner, (double*)picked.data);
  }
  return nullptr;
}

// sumAxis(outer, len, inner, x, out): out[o·inner + i] = Σ_l x[(o·len + l)·inner + i]
napi_value SumAxis(napi_env env, napi_callback_info info) {
  Args in(env, info, 5);
  const int64_t outer = in.integer("outer"), len = in.integer("len"), inner = in.integer("inner");
  const Array x = in.array("x", nullptr);
  const Array out = in.array("out", &x.type);
  in.need(x, "x", outer * len * inner);
  in.need(out, "out", outer * inner);
  if (!in.ok()) return nullptr;
  if (x.type == napi_float32_array) fused<float>().sumAxis((const float*)x.data, outer, len, inner, (float*)out.data);
  else fused<double>().sumAxis((const double*)x.data, outer, len, inner, (double*)out.data);
  return nullptr;
}

// copyRows(srcStride, dstStride, rows, width, src, dst): dst[r·dstStride + j] = src[r·srcStride + j]
napi_value CopyRows(napi_env env, napi_callback_info info) {
  Args in(env, info, 6);
  const int64_t srcStride = in.integer("srcStride"), dstStride = in.integer("dstStride"), rows = in.integer("rows"), width = in.integer("width");
  const Array src = in.array("src", nullptr);
  const Array dst = in.array("dst", &src.type);
  in.need(src, "src", rows == 0 ? 0 : (rows - 1) * srcStride + width);
  in.need(dst, "dst", rows == 0 ? 0 : (rows - 1) * dstStride + width);
  if (!in.ok()) return nullptr;
  if (src.type == napi_float32_array) fused<float>().copyRows((const float*)src.data, srcStride, (float*)dst.data, dstStride, rows, width);
  else fused<double>().copyRows((const double*)src.data, srcStride, (double*)dst.data, dstStride, rows, width);
  return nullptr;
}

// The seven scalars of attention and its backward, checked.
AttentionDims attentionDims(Args& in) {
  AttentionDims s{};
  s.batch = in.integer("batch");
  s.heads = in.integer("heads");
  s.dHead = in.integer("dHead");
  s.queries = in.integer("queries");
  s.keys = in.integer("keys");
  s.scale = in.number("scale");
  s.causal = in.flag("causal");
  if (in.ok() && s.queries > s.keys) in.fail("queries (%lld) must not exceed keys (%lld)", (long long)s.queries, (long long)s.keys);
  return s;
}

// The shape and q, k, v: the leading arguments of attention and its backward, checked.
struct AttentionOperands {
  AttentionDims s;
  Array q, k, v;
  int64_t queryRows, keyRows;  // elements of q (and z, dz, dq) and of k (and v, dk, dv)
};

AttentionOperands attentionOperands(Args& in) {
  AttentionOperands o{attentionDims(in), {}, {}, {}, 0, 0};
  o.q = in.array("q", nullptr);
  o.k = in.array("k", &o.q.type);
  o.v = in.array("v", &o.q.type);
  o.queryRows = o.s.batch * o.s.queries * o.s.heads * o.s.dHead;
  o.keyRows = o.s.batch * o.s.keys * o.s.heads * o.s.dHead;
  in.need(o.q, "q", o.queryRows);
  in.need(o.k, "k", o.keyRows);
  in.need(o.v, "v", o.keyRows);
  return o;
}

// attention(batch, heads, dHead, queries, keys, scale, causal, q, k, v, z, p)
napi_value Attention(napi_env env, napi_callback_info info) {
  Args in(env, info, 12);
  const AttentionOperands o = attentionOperands(in);
  const AttentionDims& s = o.s;
  const Array z = in.array("z", &o.q.type);
  const Array p = in.array("p", &o.q.type);
  in.need(z, "z", o.queryRows);
  in.need(p, "p", s.batch * s.heads * s.queries * s.keys);
  if (!in.ok()) return nullptr;
  if (o.q.type == napi_float32_array) fused<float>().attention(s, (const float*)o.q.data, (const float*)o.k.data, (const float*)o.v.data, (float*)z.data, (float*)p.data);
  else fused<double>().attention(s, (const double*)o.q.data, (const double*)o.k.data, (const double*)o.v.data, (double*)z.data, (double*)p.data);
  return nullptr;
}

// attentionBackward(batch, heads, dHead, queries, keys, scale, causal, q, k, v, p, dz, dq, dk, dv)
napi_value AttentionBackward(napi_env env, napi_callback_info info) {
  Args in(env, info, 15);
  const AttentionOperands o = attentionOperands(in);
  const AttentionDims& s = o.s;
  const Array p = in.array("p", &o.q.type);
  const Array dz = in.array("dz", &o.q.type);
  const Array dq = in.array("dq", &o.q.type);
  const Array dk = in.array("dk", &o.q.type);
  const Array dv = in.array("dv", &o.q.type);
  in.need(p, "p", s.batch * s.heads * s.queries * s.keys);
  in.need(dz, "dz", o.queryRows);
  in.need(dq, "dq", o.queryRows);
  in.need(dk, "dk", o.keyRows);
  in.need(dv, "dv", o.keyRows);
  if (!in.ok()) return nullptr;
  if (o.q.type == napi_float32_array) {
    fused<float>().attentionBackward(s, (const float*)o.q.data, (const float*)o.k.data, (const float*)o.v.data, (const float*)p.data, (const float*)dz.data, (float*)dq.data, (float*)dk.data, (float*)dv.data);
  } else {
    fused<double>().attentionBackward(s, (const double*)o.q.data, (const double*)o.k.data, (const double*)o.v.data, (const double*)p.data, (const double*)dz.data, (double*)dq.data, (double*)dk.data, (double*)dv.data);
  }
  return nullptr;
}

// layerNorm(rows, cols, eps, x, gamma, beta, out, stats: Float64Array)
napi_value LayerNorm(napi_env env, napi_callback_info info) {
  Args in(env, info, 8);
  const int64_t rows = in.integer("rows"), cols = in.integer("cols");
  const double eps = in.number("eps");
  static const napi_typedarray_type f64 = napi_float64_array;
  const Array x = in.array("x", nullptr);
  const Array gamma = in.array("gamma", &x.type), beta = in.array("beta", &x.type), out = in.array("out", &x.type);
  const Array stats = in.array("stats", &f64);
  in.need(x, "x", rows * cols);
  in.need(gamma, "gamma", cols);
  in.need(beta, "beta", cols);
  in.need(out, "out", rows * cols);
  in.need(stats, "stats", 2 * rows);
  if (!in.ok()) return nullptr;
  if (x.type == napi_float32_array)
    fused<float>().layerNorm((const float*)x.data, (const float*)gamma.data, (const float*)beta.data, rows, cols, eps, (float*)out.data, (double*)stats.data);
  else fused<double>().layerNorm((const double*)x.data, (const double*)gamma.data, (const double*)beta.data, rows, cols, eps, (double*)out.data, (double*)stats.data);
  return nullptr;
}

// layerNormBackward(rows, cols, x, gamma, stats: Float64Array, gradOut, gradX, sumGamma: Float64Array, sumBeta: Float64Array);
// the sums are zeroed by the caller.
napi_value LayerNormBackward(napi_env env, napi_callback_info info) {
  Args in(env, info, 9);
  const int64_t rows = in.integer("rows"), cols = in.integer("cols");
  static const napi_typedarray_type f64 = napi_float64_array;
  const Array x = in.array("x", nullptr);
  const Array gamma = in.array("gamma", &x.type);
  const Array stats = in.array("stats", &f64);
  const Array gradOut = in.array("gradOut", &x.type), gradX = in.array("gradX", &x.type);
  const Array sumGamma = in.array("sumGamma", &f64), sumBeta = in.array("sumBeta", &f64);
  in.need(x, "x", rows * cols);
  in.need(gamma, "gamma", cols);
  in.need(stats, "stats", 2 * rows);
  in.need(gradOut, "gradOut", rows * cols);
  in.need(gradX, "gradX", rows * cols);
  in.need(sumGamma, "sumGamma", cols);
  in.need(sumBeta, "sumBeta", cols);
  if (!in.ok()) return nullptr;
  const double* st = (const double*)stats.data;
  double* sg = (double*)sumGamma.data;
  double* sb = (double*)sumBeta.data;
  if (x.type == napi_float32_array)
    fused<float>().layerNormBackward((const float*)x.data, (const float*)gamma.data, st, (const float*)gradOut.data, rows, cols, (float*)gradX.data, sg, sb);
  else fused<double>().layerNormBackward((const double*)x.data, (const double*)gamma.data, st, (const double*)gradOut.data, rows, cols, (double*)gradX.data, sg, sb);
  return nullptr;
}

// jacobiSweeps(batch, r, c, tol, maxSweeps, w: Float64Array, v: Float64Array | null, negligible: Float64Array, sweeps: Int32Array)
napi_value JacobiSweeps(napi_env env, napi_callback_info info) {
  Args in(env, info, 9);
  const int64_t batch = in.integer("batch"), r = in.integer("r"), c = in.integer("c");
  const double tol = in.number("tol");
  const int64_t maxSweeps = in.integer("maxSweeps");
  static const napi_typedarray_type f64 = napi_float64_array, i32 = napi_int32_array;
  const Array w = in.array("w", &f64);
  const Array v = in.array("v", &f64, true);
  const Array negligible = in.array("negligible", &f64);
  const Array sweeps = in.array("sweeps", &i32);
  in.need(w, "w", batch * r * c);
  in.need(v, "v", batch * c * c);
  in.need(negligible, "negligible", batch);
  in.need(sweeps, "sweeps", batch);
  if (!in.ok()) return nullptr;
  currentIsa().jacobiSweeps((double*)w.data, batch, r, c, (double*)v.data, tol, (const double*)negligible.data, (int)maxSweeps, (int32_t*)sweeps.data);
  return nullptr;
}

// leastSquares(members, rows, cols, theta, x, y, residual, grad, losses), all Float64Array: the
// two GEMMs and the residual loop of src/kernels/js/least-squares.ts (same operations, so the
// same bits as the native gemm plus that loop) in one call instead of three.
napi_value LeastSquares(napi_env env, napi_callback_info info) {
  Args in(env, info, 9);
  const int64_t members = in.integer("members"), rows = in.integer("rows"), cols = in.integer("cols");
  static const napi_typedarray_type f64 = napi_float64_array;
  const Array theta = in.array("theta", &f64), x = in.array("x", &f64), y = in.array("y", &f64);
  const Array residual = in.array("residual", &f64), grad = in.array("grad", &f64), losses = in.array("losses", &f64);
  in.need(theta, "theta", members * cols);
  in.need(x, "x", rows * cols);
  in.need(y, "y", rows);
  in.need(residual, "residual", members * rows);
  in.need(grad, "grad", members * cols);
  in.need(losses, "losses", members);
  if (!in.ok()) return nullptr;
  double* r = (double*)residual.data;
  const double* target = (const double*)y.data;
  const int m = (int)members, n = (int)rows, k = (int)cols;
  gemm(gemmKernel<double>(), GemmCall<double>{false, true, m, n, k, (const double*)theta.data, (const double*)x.data, r, false, 1, 0, 0, 0});
  for (int64_t e = 0; e < members; e++) {
    double loss = 0;
    for (int64_t t = 0; t < rows; t++) {
      const double d = (r[e * rows + t] -= target[t]);
      loss += d * d;
    }
    ((double*)losses.data)[e] = 0.5 * loss;
  }
  gemm(gemmKernel<double>(), GemmCall<double>{false, false, m, k, n, r, (const double*)x.data, (double*)grad.data, false, 1, 0, 0, 0});
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
      {"lstmForward", nullptr, LstmForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmBackward", nullptr, LstmBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasActivationBackward", nullptr, BiasActivationBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmaxCrossEntropy", nullptr, SoftmaxCrossEntropy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamw", nullptr, AdamW, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"tiled", nullptr, Tiled, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"scaleBlocks", nullptr, ScaleBlocks, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"scatterAdd", nullptr, Rows<true>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gather", nullptr, Rows<false>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sumAxis", nullptr, SumAxis, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"copyRows", nullptr, CopyRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"jacobiSweeps", nullptr, JacobiSweeps, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"leastSquares", nullptr, LeastSquares, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attention", nullptr, Attention, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attentionBackward", nullptr, AttentionBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNorm", nullptr, LayerNorm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNormBackward", nullptr, LayerNormBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
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
