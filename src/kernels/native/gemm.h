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

}  // namespace groklab
