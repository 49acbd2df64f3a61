// One step of an LSTM layer and its backward (the cells of lstmForward and lstmBackward in
// src/kernels/backend.ts), elementwise over rows × hidden units. Included by each isa-*.cc after
// fused.h (for its exponential), inside an anonymous namespace, so the loops compile for that
// target. Values run in the element type: f64 with the exponential of softmax, within a few ulp
// of the reference; f32 with a shorter polynomial of its own, twice the lanes and half the
// terms, within a few f32 ulp (like PyTorch's f32 kernels).

/** e^x − 1 for x ≤ 0 (or NaN), accurate where it is small: e^x − 1 = 2ⁿ(e^r − 1) + (2ⁿ − 1) (see expReduced). Below −708 it is −1. */
inline double expm1NonPositive(double x) {
  double scale;
  const double q = expReduced(x, scale);
  return x < -708.0 ? -1.0 : scale * q + (scale - 1.0);
}

inline double expNonPositiveOf(double x) { return expNonPositive(x); }

/**
 * expReduced in f32: Cody & Waite's x = n·ln2 + r with ln 2 in two parts (Cephes's split, so
 * n·C1 is exact), then e^r − 1 to degree 7 (truncation r⁸/8! < 6·10⁻⁹, below the f32 rounding).
 * Returns e^r − 1 and sets `scale` to 2ⁿ; for x ≥ −87, n ≥ −126 keeps 2ⁿ normal.
 */
inline float expReduced(float x, float& scale) {
  const float magic = 0x1.8p23f;  // adding it rounds to an integer, held in the low mantissa bits
  const float t = x * 0x1.715476p0f + magic;  // x·log₂e
  const float n = t - magic;
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  int32_t bits, magicBits;
  std::memcpy(&bits, &t, 4);
  std::memcpy(&magicBits, &magic, 4);
  const int32_t scaleBits = (bits - magicBits + 127) * (1 << 23);  // 2ⁿ
  std::memcpy(&scale, &scaleBits, 4);
  return p * r;
}

/** e^x for x ≤ 0 (or NaN) in f32; below −87 (where 2ⁿ would leave the normal range) it is 0. */
inline float expNonPositiveOf(float x) {
  float scale;
  const float q = expReduced(x < -87.0f ? -87.0f : x, scale);
  return x < -87.0f ? 0.0f : (q + 1.0f) * scale;
}

/** e^x − 1 for x ≤ 0 (or NaN) in f32, accurate where it is small; below −87 it is −1. */
inline float expm1NonPositive(float x) {
  float scale;
  const float q = expReduced(x < -87.0f ? -87.0f : x, scale);
  return x < -87.0f ? -1.0f : scale * q + (scale - 1.0f);
}

/** 1/(1 + e^−v), from e^−|v| so the exponential never overflows. */
template <typename A>
inline A sigmoid(A v) {
  const A e = expNonPositiveOf(-std::fabs(v));
  return v >= 0 ? A(1) / (A(1) + e) : e / (A(1) + e);
}

/** tanh v = −m/(2 + m) · sign v with m = e^−2|v| − 1, accurate for small |v| too. */
template <typename A>
inline A tanhOf(A v) {
  const A m = expm1NonPositive(A(-2) * std::fabs(v));
  const A t = -m / (A(2) + m);
  return v < 0 ? -t : t;
}

template <typename T>
void sigmoidRun(const T* x, int64_t n, T* out) {
  for (int64_t k = 0; k < n; k++) out[k] = sigmoid(x[k]);
}

template <typename T>
void tanhRun(const T* x, int64_t n, T* out) {
  for (int64_t k = 0; k < n; k++) out[k] = tanhOf(x[k]);
}

template <typename T>
void lstmCell(T* gates, const T* cPrev, int64_t rows, int64_t hidden, T* c, T* h) {
  const int64_t H = hidden;
  // One row's tanh(c) in scratch; each pass a single stream that vectorizes.
  static thread_local std::vector<T> scratch;
  if ((int64_t)scratch.size() < H) scratch.resize(H);
  T* tc = scratch.data();
  for (int64_t n = 0; n < rows; n++) {
    T* z = gates + n * 4 * H;
    T* cn = c + n * H;
    T* hn = h + n * H;
    sigmoidRun(z, 2 * H, z);
    tanhRun(z + 2 * H, H, z + 2 * H);
    sigmoidRun(z + 3 * H, H, z + 3 * H);
    const T *i = z, *f = z + H, *g = z + 2 * H, *o = z + 3 * H;
    if (cPrev) {
      const T* pn = cPrev + n * H;
      for (int64_t j = 0; j < H; j++) cn[j] = f[j] * pn[j] + i[j] * g[j];
    } else {
      for (int64_t j = 0; j < H; j++) cn[j] = T(0) + i[j] * g[j];
    }
    tanhRun(cn, H, tc);
    for (int64_t j = 0; j < H; j++) hn[j] = o[j] * tc[j];
  }
}

template <typename T>
void lstmCellBackward(const T* gates, const T* cPrev, const T* c, const T* dOut, const T* dhNext, int64_t rows, int64_t hidden, T* dc, T* dGates) {
  const int64_t H = hidden;
  static thread_local std::vector<T> scratch;
  if ((int64_t)scratch.size() < H) scratch.resize(H);
  T* tanhC = scratch.data();
  for (int64_t n = 0; n < rows; n++) {
    const T* z = gates + n * 4 * H;
    T* dz = dGates + n * 4 * H;
    const int64_t at = n * H;
    tanhRun(c + at, H, tanhC);
    for (int64_t j = 0; j < H; j++) {
      const T i = z[j], f = z[H + j], g = z[2 * H + j], o = z[3 * H + j];
      const T tc = tanhC[j];
      const T dht = dOut[at + j] + dhNext[at + j];
      const T dct = dc[at + j] + dht * o * (1 - tc * tc);
      dz[j] = dct * g * i * (1 - i);
      dz[H + j] = cPrev ? dct * cPrev[at + j] * f * (1 - f) : T(0);
      dz[2 * H + j] = dct * i * (1 - g * g);
      dz[3 * H + j] = dht * tc * o * (1 - o);
      dc[at + j] = dct * f;
    }
  }
}
