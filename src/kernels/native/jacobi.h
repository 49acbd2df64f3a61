// Backend.jacobiSweeps: the sweeps of one-sided Jacobi (Hestenes 1958), with the operations and
// order of src/kernels/js/jacobi.ts (two interleaved partial sums per dot product, no fused
// multiply-add: -ffp-contract=off), so the results are bit-identical to it. Included by fused.h
// inside each isa-*.cc, where the rotations vectorize for that instruction set.

// L matrices at once (the nuclear-norm ensembles: one matrix per member, millions of steps):
// interleaved, element k of lane l at k·L + l, every lane running the reference's operations in
// its order, so the loops over lanes vectorize and each lane's bits equal those of its matrix
// alone; L = 1 is a single matrix in its own layout. A lane whose pairs are all skipped is
// converged; the sweeps go on for the others, which leaves it as it is (same columns, same
// checks, same skips). NOTE: rotations go through selects, not cs = 1, sn = 0, which would turn
// −0 into +0.
template <int L>
void jacobiLanes(double* w, int64_t r, int64_t c, double* v, double tol, const double* negligible, int maxSweeps, int32_t* sweeps) {
  bool open[L];
  int remaining = L;
  for (int l = 0; l < L; l++) {
    sweeps[l] = -1;
    open[l] = true;
  }
  for (int sweep = 0; sweep < maxSweeps && remaining > 0; sweep++) {
    bool rotated[L] = {};
    for (int64_t p = 0; p + 1 < c; p++) {
      for (int64_t q = p + 1; q < c; q++) {
        double* P = w + p * r * L;
        double* Q = w + q * r * L;
        alignas(64) double a0[L] = {}, a1[L] = {}, b0[L] = {}, b1[L] = {}, g0[L] = {}, g1[L] = {};
        int64_t i = 0;
        for (; i + 1 < r; i += 2) {
          const double* x0 = P + i * L;
          const double* y0 = Q + i * L;
          for (int l = 0; l < L; l++) {
            a0[l] += x0[l] * x0[l];
            b0[l] += y0[l] * y0[l];
            g0[l] += x0[l] * y0[l];
            a1[l] += x0[L + l] * x0[L + l];
            b1[l] += y0[L + l] * y0[L + l];
            g1[l] += x0[L + l] * y0[L + l];
          }
        }
        if (i < r) {
          const double* x = P + i * L;
          const double* y = Q + i * L;
          for (int l = 0; l < L; l++) {
            a0[l] += x[l] * x[l];
            b0[l] += y[l] * y[l];
            g0[l] += x[l] * y[l];
          }
        }
        alignas(64) double cs[L], sn[L];
        alignas(64) int64_t rotate[L];
        int64_t any = 0;
        for (int l = 0; l < L; l++) {
          const double alpha = a0[l] + a1[l], beta = b0[l] + b1[l], gamma = g0[l] + g1[l];
          const bool skip = alpha <= negligible[l] || beta <= negligible[l] || std::fabs(gamma) <= tol * std::sqrt(alpha) * std::sqrt(beta);
          const double zeta = (beta - alpha) / (2 * gamma);
          const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::fabs(zeta) + std::sqrt(1 + zeta * zeta));
          cs[l] = 1 / std::sqrt(1 + t * t);
          sn[l] = cs[l] * t;
          rotate[l] = skip ? 0 : -1;
          any |= rotate[l];
        }
        if (!any) continue;
        for (int l = 0; l < L; l++) rotated[l] |= rotate[l] != 0;
        const auto apply = [&](double* x, double* y, int64_t len) {
          for (int64_t k = 0; k < len; k++, x += L, y += L) {
            for (int l = 0; l < L; l++) {
              const double a = x[l], b = y[l];
              const double nx = cs[l] * a - sn[l] * b, ny = sn[l] * a + cs[l] * b;
              x[l] = rotate[l] ? nx : a;
              y[l] = rotate[l] ? ny : b;
            }
          }
        };
        apply(P, Q, r);
        if (v) apply(v + p * c * L, v + q * c * L, c);
      }
    }
    for (int l = 0; l < L; l++) {
      if (open[l] && !rotated[l]) {
        sweeps[l] = sweep + 1;
        open[l] = false;
        remaining--;
      }
    }
  }
}

/**
 * Backend.jacobiSweeps: `batch` matrices (w: batch × c columns of length r; v: batch × c × c or
 * null). Blocks of up to L small matrices go through jacobiLanes (a short last block padded with
 * zero matrices, skipped at once); large matrices, and a lone one, go one by one (in lanes, a lone
 * matrix would rotate L times the data).
 */
template <int L>
void jacobiSweepsBatch(double* w, int64_t batch, int64_t r, int64_t c, double* v, double tol, const double* negligible, int maxSweeps, int32_t* sweeps) {
  const int64_t size = r * c, vsize = c * c;
  if (L == 1 || batch == 1 || size > 4096) {
    for (int64_t k = 0; k < batch; k++) jacobiLanes<1>(w + k * size, r, c, v ? v + k * vsize : nullptr, tol, negligible + k, maxSweeps, sweeps + k);
    return;
  }
  std::vector<double> lanesW(size * L), lanesV(v ? vsize * L : 0);
  for (int64_t k = 0; k < batch; k += L) {
    const int n = batch - k < L ? (int)(batch - k) : L;
    double small[L] = {};
    int32_t taken[L];
    for (int l = 0; l < L; l++) {
      const bool real = l < n;
      if (real) small[l] = negligible[k + l];
      for (int64_t e = 0; e < size; e++) lanesW[e * L + l] = real ? w[(k + l) * size + e] : 0.0;
      if (v) for (int64_t e = 0; e < vsize; e++) lanesV[e * L + l] = real ? v[(k + l) * vsize + e] : 0.0;
    }
    jacobiLanes<L>(lanesW.data(), r, c, v ? lanesV.data() : nullptr, tol, small, maxSweeps, taken);
    for (int l = 0; l < n; l++) {
      sweeps[k + l] = taken[l];
      for (int64_t e = 0; e < size; e++) w[(k + l) * size + e] = lanesW[e * L + l];
      if (v) for (int64_t e = 0; e < vsize; e++) v[(k + l) * vsize + e] = lanesV[e * L + l];
    }
  }
}
