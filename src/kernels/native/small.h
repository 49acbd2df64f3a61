// GEMM without packing, for matrices so small that packing and a padded register tile would
// cost more than the arithmetic: attention over a few tokens is a batch of thousands of
// 1 × 3 × 32 products. Included by each isa-*.cc inside an anonymous namespace, so the
// loops below are vectorized for that target.
//
// Every C[i, j] is summed in a fixed order that depends only on k, so results stay
// deterministic; the order differs from the packed path's, which is chosen by shape alone.

/** Σ_l x[l]·y[l] over contiguous vectors: 8 running sums (lane q takes l ≡ q mod 8), then added in a fixed tree. */
template <typename T>
T dot(const T* x, const T* y, int k) {
  T part[8] = {};
  int l = 0;
  for (; l + 8 <= k; l += 8)
    for (int q = 0; q < 8; q++) part[q] += x[l + q] * y[l + q];
  for (int q = 0; l < k; l++, q++) part[q] += x[l] * y[l];
  return ((part[0] + part[4]) + (part[2] + part[6])) + ((part[1] + part[5]) + (part[3] + part[7]));
}

/** C (+)= op(A) · op(B), row by row; UnitJ = 1 fixes bj = 1 at compile time so the j loops vectorize. */
template <typename T, int UnitJ>
void axpyRows(int m, int n, int k, const T* a, ptrdiff_t ai, ptrdiff_t al, const T* b, ptrdiff_t bl, ptrdiff_t bj, T* c, bool accumulate) {
  constexpr int kRow = 64;
  T row[kRow];
  for (int i = 0; i < m; i++) {
    T* ci = c + i * n;
    for (int j0 = 0; j0 < n; j0 += kRow) {
      const int w = n - j0 < kRow ? n - j0 : kRow;
      const T* bj0 = b + j0 * (UnitJ ? 1 : bj);
      // NOTE: the first term initializes the row (0 + x·b keeps the reference's +0 for a −0
      // product): zeroing it first costs a store-forwarding stall per row, most of the time
      // of a 3 × 1 × 32 product.
      if (k == 0)
        for (int j = 0; j < w; j++) row[j] = T(0);
      else
        for (int j = 0; j < w; j++) row[j] = T(0) + a[i * ai] * bj0[j * (UnitJ ? 1 : bj)];
      for (int l = 1; l < k; l++) {
        const T x = a[i * ai + l * al];
        const T* bl0 = bj0 + l * bl;
        for (int j = 0; j < w; j++) row[j] += x * bl0[j * (UnitJ ? 1 : bj)];
      }
      for (int j = 0; j < w; j++) ci[j0 + j] = accumulate ? ci[j0 + j] + row[j] : row[j];
    }
  }
}

/** C (+)= op(A) · op(B) with op(A)[i, l] = a[i·ai + l·al], op(B)[l, j] = b[l·bl + j·bj], C dense m × n. */
template <typename T>
void smallGemm(int m, int n, int k, const T* a, ptrdiff_t ai, ptrdiff_t al, const T* b, ptrdiff_t bl, ptrdiff_t bj, T* c, bool accumulate) {
  if (al == 1 && bl == 1) {
    // Both operands contiguous along k (A·Bᵀ): one dot product per element.
    for (int i = 0; i < m; i++)
      for (int j = 0; j < n; j++) {
        const T s = dot(a + i * ai, b + j * bj, k);
        c[i * n + j] = accumulate ? c[i * n + j] + s : s;
      }
    return;
  }
  // Otherwise a row of C is a sum of rows of op(B), summed in increasing l like the packed path.
  if (bj == 1) axpyRows<T, 1>(m, n, k, a, ai, al, b, bl, 1, c, accumulate);
  else axpyRows<T, 0>(m, n, k, a, ai, al, b, bl, bj, c, accumulate);
}
