// The table of kernels one instruction set provides. Each isa-*.cc file compiles the same
// templates (pack.h, microkernel.h, small.h, fused.h) for its own target, so a single binary carries
// every path and cpu.cc picks one at run time.
#pragma once
#include <cstddef>
#include <cstdint>

namespace groklab {

/** C[0:rows, 0:cols] (+)= Ap · Bp over depth kc; see microkernel.h. */
template <typename T>
using MicroKernel = void (*)(int kc, const T* a, const T* b, T* c, ptrdiff_t ldc, bool add, int rows, int cols);

/** Copies a width × depth block, element (w, l) at src[w·sw + l·sl], into packed panels; see pack.h. */
template <typename T>
using Pack = void (*)(const T* src, ptrdiff_t sw, ptrdiff_t sl, int width, int depth, T* dst);

/** C (+)= op(A) · op(B) without packing, for tiny matrices; see small.h. */
template <typename T>
using SmallGemm = void (*)(int m, int n, int k, const T* a, ptrdiff_t ai, ptrdiff_t al, const T* b, ptrdiff_t bl, ptrdiff_t bj, T* c, bool accumulate);

/** A micro-kernel, its packing routines and the cache blocking tuned for it. */
template <typename T>
struct GemmKernel {
  MicroKernel<T> run;
  MicroKernel<T> runTail;  // MR × NR/2 tile, for a last panel of B at most half full
  Pack<T> packA;           // MR-lane panels of op(A)
  Pack<T> packB;           // NR-lane panels of op(B), the last one NR/2 wide if it fits
  SmallGemm<T> small;      // the unpacked path for tiny products
  int mr, nr;              // register tile
  int kc, mc, nc;          // cache blocks (mc a multiple of mr, nc of nr)
};

/** The shape of one attention call (AttentionShape in src/kernels/backend.ts). */
struct AttentionDims {
  int64_t batch, heads, dHead, queries, keys;
  double scale;
  bool causal;
};

/** The fused elementwise kernels of src/kernels/backend.ts for one element type. */
template <typename T>
struct FusedKernels {
  void (*biasActivation)(const T* x, const T* bias, int64_t rows, int64_t cols, bool relu, T* out);
  /** `sums` (cols f64 accumulators, zeroed by the caller) may be null. */
  void (*biasActivationBackward)(const T* out, const T* gradOut, int64_t rows, int64_t cols, bool relu, T* gradIn, double* sums);
  double (*softmaxCrossEntropy)(const T* logits, const int32_t* labels, int64_t rows, int64_t cols, T* dlogits, double scale);
  void (*adamw)(const T* param, T* grad, T* m, T* v, int64_t length, const double* hyper);
  /** out[i] = a[i mod pa] ∘ b[i mod pb] for i < n, ∘ a BinaryOp. */
  void (*tiled)(int op, const T* a, int64_t pa, const T* b, int64_t pb, T* out, int64_t n);
  void (*scatterAdd)(const T* g, const int32_t* index, int64_t count, int64_t outer, int64_t len, int64_t inner, T* gx);
  void (*gather)(const T* x, const int32_t* index, int64_t count, int64_t outer, int64_t len, int64_t inner, T* out);
  void (*sumAxis)(const T* x, int64_t outer, int64_t len, int64_t inner, T* out);
  void (*copyRows)(const T* src, int64_t srcStride, T* dst, int64_t dstStride, int64_t rows, int64_t width);
  void (*attention)(const AttentionDims& s, const T* q, const T* k, const T* v, T* z, T* p);
  void (*attentionBackward)(const AttentionDims& s, const T* q, const T* k, const T* v, const T* p, const T* dz, T* dq, T* dk, T* dv);
  /** `stats` holds each row's mean and rstd (2·rows f64). */
  void (*layerNorm)(const T* x, const T* gamma, const T* beta, int64_t rows, int64_t cols, double eps, T* out, double* stats);
  /** `sumGamma`, `sumBeta` (cols f64 accumulators each) are zeroed by the caller. */
  void (*layerNormBackward)(const T* x, const T* gamma, const double* stats, const T* gradOut, int64_t rows, int64_t cols, T* gradX, double* sumGamma, double* sumBeta);
  /** `blocks` runs of `size` elements, run e scaled by scales[e]; mode a BlockMode. */
  void (*scaleBlocks)(int mode, const double* scales, int64_t blocks, const T* x, T* out, int64_t size);
  /** `cPrev` may be null (the zero state). */
  void (*lstmCell)(T* gates, const T* cPrev, int64_t rows, int64_t hidden, T* c, T* h);
  void (*lstmCellBackward)(const T* gates, const T* cPrev, const T* c, const T* dOut, const T* dhNext, int64_t rows, int64_t hidden, T* dc, T* dGates);
};

/** The ops of `tiled`, in the order of BINARY_OPS in backend.ts. */
enum BinaryOp { kAdd, kSub, kMul, kDiv };

/** The modes of scaleBlocks, in the order of BLOCK_MODES in backend.ts. */
enum BlockMode { kScaleBlock, kAxpyBlock, kSignBlock };

/** Indices into the `hyper` array of adamw, filled by the caller. */
enum AdamHyper { kLr, kBeta1, kBeta2, kEps, kLrDecay, kBc1, kBc2, kHyperCount };

struct Isa {
  const char* name;  // generic | avx2 | avx512
  GemmKernel<float> gemmF32;
  GemmKernel<double> gemmF64;
  FusedKernels<float> fusedF32;
  FusedKernels<double> fusedF64;
  /** Backend.jacobiSweeps (f64 only): per matrix, the sweeps taken, or −1 */
  void (*jacobiSweeps)(double* w, int64_t batch, int64_t r, int64_t c, double* v, double tol, const double* negligible, int maxSweeps, int32_t* sweeps);
};

extern const Isa kGenericIsa;
#if defined(__x86_64__)
extern const Isa kAvx2Isa;
extern const Isa kAvx512Isa;
#endif

}  // namespace groklab
