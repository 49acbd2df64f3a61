// Backend.jacobiSweeps: the sweeps of one-sided Jacobi (Hestenes 1958), with the operations and
// order of src/kernels/js/jacobi.ts (two interleaved partial sums per dot product, no fused
// multiply-add: -ffp-contract=off), so the results are bit-identical to it. Included by fused.h
// inside each isa-*.cc, where the rotations vectorize for that instruction set.

/** [x, y] ← [c·x − s·y, s·x + c·y]. */
inline void rotatePair(double* __restrict x, double* __restrict y, int64_t len, double cs, double sn) {
  for (int64_t i = 0; i < len; i++) {
    const double a = x[i], b = y[i];
    x[i] = cs * a - sn * b;
    y[i] = sn * a + cs * b;
  }
}

inline int jacobiSweeps(double* w, int64_t r, int64_t c, double* v, double tol, double negligible, int maxSweeps) {
  for (int sweep = 0; sweep < maxSweeps; sweep++) {
    bool rotated = false;
    for (int64_t p = 0; p + 1 < c; p++) {
      for (int64_t q = p + 1; q < c; q++) {
        double* P = w + p * r;
        double* Q = w + q * r;
        double a0 = 0, a1 = 0, b0 = 0, b1 = 0, g0 = 0, g1 = 0;
        int64_t i = 0;
        for (; i + 1 < r; i += 2) {
          const double x0 = P[i], y0 = Q[i], x1 = P[i + 1], y1 = Q[i + 1];
          a0 += x0 * x0;
          b0 += y0 * y0;
          g0 += x0 * y0;
          a1 += x1 * x1;
          b1 += y1 * y1;
          g1 += x1 * y1;
        }
        if (i < r) {
          const double x = P[i], y = Q[i];
          a0 += x * x;
          b0 += y * y;
          g0 += x * y;
        }
        const double alpha = a0 + a1, beta = b0 + b1, gamma = g0 + g1;
        if (alpha <= negligible || beta <= negligible || std::fabs(gamma) <= tol * std::sqrt(alpha) * std::sqrt(beta)) continue;
        rotated = true;
        const double zeta = (beta - alpha) / (2 * gamma);
        const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::fabs(zeta) + std::sqrt(1 + zeta * zeta));
        const double cs = 1 / std::sqrt(1 + t * t);
        rotatePair(P, Q, r, cs, cs * t);
        if (v) rotatePair(v + p * c, v + q * c, c, cs, cs * t);
      }
    }
    if (!rotated) return sweep + 1;
  }
  return -1;
}
