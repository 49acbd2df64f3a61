// The register-tiled micro-kernel of BLIS (Van Zee & van de Geijn 2015, "BLIS: A Framework for
// Rapidly Instantiating BLAS Functionality"), written once over a small vector interface `Vec`
// (load, store, set1, fma, add, zero on Vec::V, Vec::W lanes of Vec::T) that each isa-*.cc
// supplies for its target. Included there inside an anonymous namespace.
//
// C[0:rows, 0:cols] (+)= Ap · Bp over depth kc, where Ap is an MR-lane panel and Bp an
// NR = NV·W lane panel from pack(). The MR × NR block of C stays in MR·NV registers for the
// whole k loop; each step loads NV vectors of Bp, broadcasts the MR values of Ap and does
// MR·NV multiply-adds. Every C[i, j] is summed in increasing k, so the result depends only on
// the inputs and the blocking, never on timing.

template <typename Vec, int MR, int NV>
void microKernel(int kc, const typename Vec::T* a, const typename Vec::T* b, typename Vec::T* c, ptrdiff_t ldc, bool add, int rows, int cols) {
  using T = typename Vec::T;
  using V = typename Vec::V;
  constexpr int W = Vec::W;
  constexpr int NR = NV * W;
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) acc[i][v] = Vec::zero();
  for (int l = 0; l < kc; l++) {
    V bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) bv[v] = Vec::load(b + v * W);
#pragma GCC unroll 32
    for (int i = 0; i < MR; i++) {
      const V ai = Vec::set1(a[i]);
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) acc[i][v] = Vec::fma(ai, bv[v], acc[i][v]);
    }
    a += MR;
    b += NR;
  }
  if (rows == MR && cols == NR) {
#pragma GCC unroll 32
    for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) {
        T* p = c + i * ldc + v * W;
        Vec::store(p, add ? Vec::add(Vec::load(p), acc[i][v]) : acc[i][v]);
      }
    return;
  }
  // A tile over the edge of C: park it, then copy the valid corner with the same arithmetic.
  alignas(64) T tile[MR * NR];
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) Vec::store(tile + i * NR + v * W, acc[i][v]);
  for (int i = 0; i < rows; i++) {
    T* ci = c + i * ldc;
    for (int j = 0; j < cols; j++) ci[j] = add ? ci[j] + tile[i * NR + j] : tile[i * NR + j];
  }
}
