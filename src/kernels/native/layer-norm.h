// LayerNorm over the rows of x [rows, cols] (src/kernels/backend.ts layerNorm), forward and
// backward in one pass per row each. Included by fused.h (after laneSum) inside each isa-*.cc's
// anonymous namespace, so the column loops vectorize for that target. Every row is widened to
// f64 and its sums run in 8 interleaved lanes combined in a fixed order: deterministic, and
// within rounding of the reference's sequential sums.

/** Σ a[j]·b[j] for j < n in 8 interleaved running sums, combined like laneSum. */
inline double laneDot(const double* a, const double* b, int64_t n) {
  double lane[8] = {};
  int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int q = 0; q < 8; q++) lane[q] += a[j + q] * b[j + q];
  for (int q = 0; j < n; j++, q++) lane[q] += a[j] * b[j];
  return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}

/** Two f64 rows of `cols` elements, kept per thread across calls. */
inline double* layerNormRows(int64_t cols) {
  static thread_local std::vector<double> parked;
  if ((int64_t)parked.size() < 2 * cols) parked.resize(2 * cols);
  return parked.data();
}

/** out = (x − mean)·rstd·gamma + beta per row; stats[2i], stats[2i + 1] = mean, rstd. */
template <typename T>
void layerNorm(const T* x, const T* gamma, const T* beta, int64_t rows, int64_t cols, double eps, T* out, double* stats) {
  double* e = layerNormRows(cols);
  const double n = (double)cols;
  for (int64_t i = 0; i < rows; i++, x += cols, out += cols) {
    for (int64_t j = 0; j < cols; j++) e[j] = (double)x[j];
    const double mean = laneSum(e, cols) / n;
    for (int64_t j = 0; j < cols; j++) e[j] -= mean;
    const double rstd = 1.0 / std::sqrt(laneDot(e, e, cols) / n + eps);
    for (int64_t j = 0; j < cols; j++) out[j] = (T)(e[j] * rstd * (double)gamma[j] + (double)beta[j]);
    stats[2 * i] = mean;
    stats[2 * i + 1] = rstd;
  }
}

/**
 * gradX = rstd·(h − mean(h) − x̂·mean(h ⊙ x̂)) with x̂ = (x − mean)·rstd and h = gradOut ⊙ gamma;
 * sumGamma[j] += gradOut·x̂ and sumBeta[j] += gradOut row by row (f64, zeroed by the caller).
 */
template <typename T>
void layerNormBackward(const T* x, const T* gamma, const double* stats, const T* gradOut, int64_t rows, int64_t cols, T* gradX, double* sumGamma,
                       double* sumBeta) {
  double* xhat = layerNormRows(cols);
  double* h = xhat + cols;
  const double n = (double)cols;
  for (int64_t i = 0; i < rows; i++, x += cols, gradOut += cols, gradX += cols) {
    const double mean = stats[2 * i], rstd = stats[2 * i + 1];
    for (int64_t j = 0; j < cols; j++) {
      const double g = (double)gradOut[j];
      xhat[j] = ((double)x[j] - mean) * rstd;
      h[j] = g * (double)gamma[j];
      sumGamma[j] += g * xhat[j];
      sumBeta[j] += g;
    }
    const double meanH = laneSum(h, cols) / n;
    const double meanHx = laneDot(h, xhat, cols) / n;
    for (int64_t j = 0; j < cols; j++) gradX[j] = (T)(rstd * (h[j] - meanH - xhat[j] * meanHx));
  }
}
