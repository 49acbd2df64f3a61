// The time loops of an LSTM layer (Backend.lstmForward and lstmBackward in
// src/kernels/backend.ts): at each step one GEMM against W_hh, then the fused cell of the
// current instruction set. W_hh is packed once per call, not once per step.
#pragma once
#include "kernels.h"

namespace groklab {

template <typename T>
void lstmForward(const GemmKernel<T>& gemm, const FusedKernels<T>& fused, T* acts, const T* whh, int steps, int rows, int hidden, T* cells, T* hs);

template <typename T>
void lstmBackward(const GemmKernel<T>& gemm, const FusedKernels<T>& fused, const T* acts, const T* cells, const T* whh, const T* dOut, int steps, int rows, int hidden,
                  T* dGates);

}  // namespace groklab
