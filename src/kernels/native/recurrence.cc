// Each step's product h_{t−1}·W_hh is a short, wide GEMM (rows × hidden × 4·hidden, 50 × 256 ×
// 1024 for IMDb): packing W_hh for it every step cost as much as the arithmetic. Packed once,
// the products give gemm()'s bits (gemmPacked), so the results do not depend on this loop.
#include "recurrence.h"

#include <vector>

#include "gemm.h"

namespace groklab {

template <typename T>
void lstmForward(const GemmKernel<T>& gemm, const FusedKernels<T>& fused, T* acts, const T* whh, int steps, int rows, int hidden, T* cells, T* hs) {
  const int64_t H = hidden, G = 4 * H, N = rows;
  const PackedB<T> w(gemm, false, hidden, 4 * hidden, whh);
  for (int64_t t = 0; t < steps; t++) {
    T* gates = acts + t * N * G;
    if (t > 0) gemmPacked(rows, hs + (t - 1) * N * H, w, gates, true);
    fused.lstmCell(gates, t > 0 ? cells + (t - 1) * N * H : nullptr, N, H, cells + t * N * H, hs + t * N * H);
  }
}

template <typename T>
void lstmBackward(const GemmKernel<T>& gemm, const FusedKernels<T>& fused, const T* acts, const T* cells, const T* whh, const T* dOut, int steps, int rows, int hidden,
                  T* dGates) {
  const int64_t H = hidden, G = 4 * H, N = rows;
  // dh: the gradient reaching h_t back through W_hh from step t + 1; dc: the one reaching c_t through the forget gate.
  std::vector<T> dh(N * H, T(0)), dc(N * H, T(0));
  const PackedB<T> wT(gemm, true, 4 * hidden, hidden, whh);
  for (int64_t t = steps - 1; t >= 0; t--) {
    T* dz = dGates + t * N * G;
    fused.lstmCellBackward(acts + t * N * G, t > 0 ? cells + (t - 1) * N * H : nullptr, cells + t * N * H, dOut + t * N * H, dh.data(), N, H, dc.data(), dz);
    if (t > 0) gemmPacked(rows, dz, wT, dh.data(), false);
  }
}

template void lstmForward<float>(const GemmKernel<float>&, const FusedKernels<float>&, float*, const float*, int, int, int, float*, float*);
template void lstmForward<double>(const GemmKernel<double>&, const FusedKernels<double>&, double*, const double*, int, int, int, double*, double*);
template void lstmBackward<float>(const GemmKernel<float>&, const FusedKernels<float>&, const float*, const float*, const float*, const float*, int, int, int, float*);
template void lstmBackward<double>(const GemmKernel<double>&, const FusedKernels<double>&, const double*, const double*, const double*, const double*, int, int, int,
                                   double*);

}  // namespace groklab
