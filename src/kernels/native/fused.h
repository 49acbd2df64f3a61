// The fused elementwise kernels (and attention.h, elementwise.h), written as plain loops that the compiler vectorizes for the
// target of the isa-*.cc file including them (inside an anonymous namespace). The build uses
// -ffp-contract=off, so no multiply-add is fused behind our back: biasActivation, its backward
// and adamw round exactly like the JS reference and are bit-identical to it.

/** out[i, j] = act(x[i, j] + bias[j]); relu is (z > 0 ? z : 0), so NaN and −0 become +0. */
template <typename T>
void biasActivation(const T* x, const T* bias, int64_t rows, int64_t cols, bool relu, T* out) {
  for (int64_t i = 0; i < rows; i++, x += cols, out += cols) {
    // NOTE: out may alias x, so every element is read before it is written, never after.
    if (bias && relu) for (int64_t j = 0; j < cols; j++) { const T z = x[j] + bias[j]; out[j] = z > T(0) ? z : T(0); }
    else if (bias) for (int64_t j = 0; j < cols; j++) out[j] = x[j] + bias[j];
    else if (relu) for (int64_t j = 0; j < cols; j++) out[j] = x[j] > T(0) ? x[j] : T(0);
    else for (int64_t j = 0; j < cols; j++) out[j] = x[j];
  }
}

/** gradIn = gradOut where out > 0 (relu) or everywhere; sums[j] += gradIn[i, j] in f64, row by row. */
template <typename T>
void biasActivationBackward(const T* out, const T* gradOut, int64_t rows, int64_t cols, bool relu, T* gradIn, double* sums) {
  for (int64_t i = 0; i < rows; i++, out += cols, gradOut += cols, gradIn += cols) {
    if (relu && sums) {
      for (int64_t j = 0; j < cols; j++) {
        const T g = out[j] > T(0) ? gradOut[j] : T(0);
        gradIn[j] = g;
        sums[j] += (double)g;
      }
    } else if (relu) {
      for (int64_t j = 0; j < cols; j++) gradIn[j] = out[j] > T(0) ? gradOut[j] : T(0);
    } else {
      for (int64_t j = 0; j < cols; j++) gradIn[j] = gradOut[j];
      if (sums) for (int64_t j = 0; j < cols; j++) sums[j] += (double)gradIn[j];
    }
  }
}

/**
 * The core of expNonPositive and expm1NonPositive (lstm.h), for x ≤ 0 (or NaN) in f64 with
 * basic operations only, so the loops that call it vectorize, and every path (portable, AVX2,
 * AVX-512) rounds identically: Cody & Waite's reduction x = n·ln2 + r, |r| ≤ ln2/2, then the
 * degree-13 Taylor polynomial of e^r − 1 (without its constant term, so it stays accurate for
 * small r; the truncation error r¹⁴/14! < 4·10⁻¹⁸ is below the f64 rounding). Returns e^r − 1
 * and sets `scale` to 2ⁿ, built in the exponent bits: e^x = 2ⁿ·(1 + (e^r − 1)).
 */
inline double expReduced(double x, double& scale) {
  const double magic = 0x1.8p52;  // adding it rounds to an integer, held in the low mantissa bits
  const double t = x * 0x1.71547652b82fep0 + magic;  // x·log₂e
  const double n = t - magic;
  const double r = (x - n * 0x1.62e42fee00000p-1) - n * 0x1.a39ef35793c76p-33;  // ln 2 in two parts
  // Horner's rule on Σ rᵏ/k!, k = 1 … 13, as r·(1 + r/2 + …).
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  int64_t bits, magicBits;
  std::memcpy(&bits, &t, 8);
  std::memcpy(&magicBits, &magic, 8);
  const int64_t scaleBits = (bits - magicBits + 1023) << 52;  // 2ⁿ
  std::memcpy(&scale, &scaleBits, 8);
  return p * r;
}

/**
 * exp(x) for x ≤ 0 (or NaN), within a few ulp of std::exp (see expReduced).
 * NOTE: below −708 the result would be subnormal; it is flushed to 0 (an absolute error under
 * 2⁻¹⁰²², far below anything a softmax sum of at least exp(0) = 1 can see).
 */
inline double expNonPositive(double x) {
  double scale;
  const double q = expReduced(x, scale);
  return x < -708.0 ? 0.0 : (q + 1.0) * scale;
}

/** max of x[0, n) by 8 interleaved lanes, combined in a fixed order; NaN never wins. */
inline double laneMax(const double* x, int64_t n) {
  double lane[8];
  for (int q = 0; q < 8; q++) lane[q] = -INFINITY;
  int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int q = 0; q < 8; q++) lane[q] = x[j + q] > lane[q] ? x[j + q] : lane[q];
  for (int q = 0; j < n; j++, q++) lane[q] = x[j] > lane[q] ? x[j] : lane[q];
  double max = lane[0];
  for (int q = 1; q < 8; q++) max = lane[q] > max ? lane[q] : max;
  return max;
}

/** Σ x[0, n) by 8 interleaved running sums, added in a fixed tree: deterministic and vectorizable. */
inline double laneSum(const double* x, int64_t n) {
  double lane[8] = {};
  int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int q = 0; q < 8; q++) lane[q] += x[j + q];
  for (int q = 0; j < n; j++, q++) lane[q] += x[j];
  return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}

/**
 * Summed softmax cross-entropy of each row against its label, in f64 whatever T is; writes
 * scale · (softmax − onehot) into dlogits when given. exp() runs once per element: the
 * gradient is exp(x − max) · (scale / Σ) rather than scale · exp(x − logZ), equal up to
 * rounding. The max and Σ run in 8 interleaved lanes combined in a fixed order, so they
 * vectorize and stay deterministic.
 */
template <typename T>
double softmaxCrossEntropy(const T* logits, const int32_t* labels, int64_t rows, int64_t cols, T* dlogits, double scale) {
  static thread_local std::vector<double> parked;
  if ((int64_t)parked.size() < cols) parked.resize(cols);
  double* e = parked.data();
  double total = 0;
  for (int64_t i = 0; i < rows; i++, logits += cols) {
    // Simple loops over one f64 row, each of which vectorizes on its own.
    for (int64_t j = 0; j < cols; j++) e[j] = (double)logits[j];
    // NOTE: subtract the row max before exp, or large logits overflow to Infinity. NaNs never
    // win the comparison (as in the reference); they reach the sum through exp and poison it.
    const double max = laneMax(e, cols);
    for (int64_t j = 0; j < cols; j++) e[j] = expNonPositive(e[j] - max);
    const double sum = laneSum(e, cols);
    const int32_t y = labels[i];
    total += max + std::log(sum) - (double)logits[y];
    if (dlogits) {
      const double s = scale / sum;
      for (int64_t j = 0; j < cols; j++) dlogits[j] = (T)(e[j] * s);
      dlogits[y] = (T)((double)dlogits[y] - scale);
      dlogits += cols;
    }
  }
  return total;
}

/**
 * AdamW (Loshchilov & Hutter 2019): advances m, v in place and writes
 * −(lr·wd·param) − lr·m̂/(√v̂ + eps) over grad, in f64 with the reference's operation order.
 */
template <typename T>
void adamw(const T* param, T* grad, T* m, T* v, int64_t length, const double* h) {
  const double lr = h[kLr], b1 = h[kBeta1], b2 = h[kBeta2], eps = h[kEps];
  const double lrDecay = h[kLrDecay], bc1 = h[kBc1], bc2 = h[kBc2];
  const double c1 = 1 - b1, c2 = 1 - b2;
  for (int64_t i = 0; i < length; i++) {
    const double g = grad[i];
    const double mi = b1 * (double)m[i] + c1 * g;
    const double vi = b2 * (double)v[i] + c2 * g * g;
    m[i] = (T)mi;
    v[i] = (T)vi;
    grad[i] = (T)(-(lrDecay * (double)param[i]) - (lr * (mi / bc1)) / (std::sqrt(vi / bc2) + eps));
  }
}

#include "attention.h"
#include "elementwise.h"
#include "jacobi.h"
#include "layer-norm.h"
#include "lstm.h"

template <typename T>
constexpr FusedKernels<T> fusedKernels() {
  return {biasActivation<T>, biasActivationBackward<T>, softmaxCrossEntropy<T>, adamw<T>, tiled<T>, scatterAdd<T>, gather<T>, sumAxis<T>, copyRows<T>, attention<T>, attentionBackward<T>, layerNorm<T>, layerNormBackward<T>, scaleBlocks<T>, lstmCell<T>, lstmCellBackward<T>};
}
