// The blocked GEMM driver over one instruction set's micro-kernel.
#pragma once
#include "kernels.h"

namespace groklab {

/** The operands of GemmArgs in src/kernels/backend.ts, validated by the caller. */
template <typename T>
struct GemmCall {
  bool transA, transB;
  int m, n, k;
  const T* a;
  const T* b;
  T* c;
  bool accumulate;
  int batch;
  int64_t strideA, strideB, strideC;
};

template <typename T>
void gemm(const GemmKernel<T>& kernel, const GemmCall<T>& call);

/**
 * op(B) (k × n) packed once the way gemm() packs it block by block, for many products against
 * the same matrix (an LSTM's W_hh at every time step): gemmPacked() then gives the bits gemm()
 * gives, without packing B again (below gemm()'s small-product threshold it reads `b` unpacked,
 * as gemm() does, so `b` must outlive the PackedB).
 */
template <typename T>
class PackedB {
 public:
  PackedB(const GemmKernel<T>& kernel, bool transB, int k, int n, const T* b);
  ~PackedB();
  PackedB(const PackedB&) = delete;
  PackedB& operator=(const PackedB&) = delete;

  const GemmKernel<T>& kernel;
  const bool transB;
  const int k, n;
  const T* const b;
  /** the block of columns [jc, jc + nc) × depth [pc, pc + kc), as gemm() packs it */
  const T* block(int jc, int pc) const;

 private:
  T* data_ = nullptr;
};

/** C (+)= A · op(B) for a dense row-major m × k A and a packed B; splits C's columns over both threads like gemm(). */
template <typename T>
void gemmPacked(int m, const T* a, const PackedB<T>& b, T* c, bool accumulate);

}  // namespace groklab
