// AVX-512 kernels (Skylake-X and later, Zen 4/5): 12 × 32 f32 and 12 × 16 f64 register tiles.
// 24 accumulators, 2 B vectors and a broadcast fit the 32 zmm registers with room to spare.
// Compiled for this target only; cpu.cc calls it when cpuid reports AVX-512 F/VL/DQ/BW.
#if defined(__x86_64__)
#pragma GCC target("avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")
#include <immintrin.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "kernels.h"

namespace groklab {
namespace {

#include "small.h"  // before fused.h: attention.h uses its dot()
#include "fused.h"
#include "microkernel.h"
#include "pack.h"

struct F32x16 {
  using T = float;
  using V = __m512;
  static constexpr int W = 16;
  static V zero() { return _mm512_setzero_ps(); }
  static V load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, V x) { _mm512_storeu_ps(p, x); }
  static V set1(T x) { return _mm512_set1_ps(x); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  static V add(V a, V b) { return _mm512_add_ps(a, b); }
};

struct F64x8 {
  using T = double;
  using V = __m512d;
  static constexpr int W = 8;
  static V zero() { return _mm512_setzero_pd(); }
  static V load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, V x) { _mm512_storeu_pd(p, x); }
  static V set1(T x) { return _mm512_set1_pd(x); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  static V add(V a, V b) { return _mm512_add_pd(a, b); }
};

constexpr int MR = 12;

template <typename Vec>
constexpr GemmKernel<typename Vec::T> kernel(int kc, int mc, int nc) {
  using T = typename Vec::T;
  return {microKernel<Vec, MR, 2>, microKernel<Vec, MR, 1>, pack<T, MR>, pack<T, 2 * Vec::W, Vec::W>, smallGemm<T>, MR, 2 * Vec::W, kc, mc, nc};
}

}  // namespace

const Isa kAvx512Isa = {
    "avx512",
    kernel<F32x16>(256, 12 * MR, 128 * 32), kernel<F64x8>(256, 6 * MR, 128 * 16),
    fusedKernels<float>(), fusedKernels<double>(), jacobiSweepsBatch<8>,
};

}  // namespace groklab

#endif  // __x86_64__
