// One step of an LSTM layer and its backward (Backend.lstmCell in src/kernels/backend.ts),
// elementwise over rows × hidden units. Included by each isa-*.cc after fused.h (for its
// exponential), inside an anonymous namespace, so the loops compile for that target. Values
// run in f64 like the reference and are rounded to T once.

/** e^x − 1 for x ≤ 0 (or NaN), accurate where it is small: e^x − 1 = 2ⁿ(e^r − 1) + (2ⁿ − 1) (see expReduced). Below −708 it is −1. */
inline double expm1NonPositive(double x) {
  double scale;
  const double q = expReduced(x, scale);
  return x < -708.0 ? -1.0 : scale * q + (scale - 1.0);
}

/** 1/(1 + e^−v), from e^−|v| so the exponential never overflows. */
inline double sigmoid(double v) {
  const double e = expNonPositive(-std::fabs(v));
  return v >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

/** tanh v = −m/(2 + m) · sign v with m = e^−2|v| − 1, accurate for small |v| too. */
inline double tanhOf(double v) {
  const double m = expm1NonPositive(-2.0 * std::fabs(v));
  const double t = -m / (2.0 + m);
  return v < 0 ? -t : t;
}

template <typename T>
void sigmoidRun(const T* x, int64_t n, double* out) {
  for (int64_t k = 0; k < n; k++) out[k] = sigmoid((double)x[k]);
}

template <typename T>
void tanhRun(const T* x, int64_t n, double* out) {
  for (int64_t k = 0; k < n; k++) out[k] = tanhOf((double)x[k]);
}

template <typename T>
void lstmCell(T* gates, const T* cPrev, int64_t rows, int64_t hidden, T* c, T* h) {
  const int64_t H = hidden;
  // One row's activations and cells in f64, each pass a single stream that vectorizes: like the
  // reference, the cell and the output use the activations before they are rounded to T.
  static thread_local std::vector<double> scratch;
  if ((int64_t)scratch.size() < 6 * H) scratch.resize(6 * H);
  double* act = scratch.data();
  double* cell = act + 4 * H;
  double* tc = act + 5 * H;
  for (int64_t n = 0; n < rows; n++) {
    T* z = gates + n * 4 * H;
    T* cn = c + n * H;
    T* hn = h + n * H;
    sigmoidRun(z, 2 * H, act);
    tanhRun(z + 2 * H, H, act + 2 * H);
    sigmoidRun(z + 3 * H, H, act + 3 * H);
    for (int64_t k = 0; k < 4 * H; k++) z[k] = (T)act[k];
    const double *i = act, *f = act + H, *g = act + 2 * H, *o = act + 3 * H;
    if (cPrev) {
      const T* pn = cPrev + n * H;
      for (int64_t j = 0; j < H; j++) cell[j] = f[j] * (double)pn[j] + i[j] * g[j];
    } else {
      for (int64_t j = 0; j < H; j++) cell[j] = 0.0 + i[j] * g[j];
    }
    for (int64_t j = 0; j < H; j++) cn[j] = (T)cell[j];
    for (int64_t j = 0; j < H; j++) tc[j] = tanhOf(cell[j]);
    for (int64_t j = 0; j < H; j++) hn[j] = (T)(o[j] * tc[j]);
  }
}

template <typename T>
void lstmCellBackward(const T* gates, const T* cPrev, const T* c, const T* dOut, const T* dhNext, int64_t rows, int64_t hidden, T* dc, T* dGates) {
  const int64_t H = hidden;
  static thread_local std::vector<double> scratch;
  if ((int64_t)scratch.size() < H) scratch.resize(H);
  double* tanhC = scratch.data();
  for (int64_t n = 0; n < rows; n++) {
    const T* z = gates + n * 4 * H;
    T* dz = dGates + n * 4 * H;
    const int64_t at = n * H;
    tanhRun(c + at, H, tanhC);
    for (int64_t j = 0; j < H; j++) {
      const double i = z[j], f = z[H + j], g = z[2 * H + j], o = z[3 * H + j];
      const double tc = tanhC[j];
      const double dht = (double)dOut[at + j] + (double)dhNext[at + j];
      const double dct = (double)dc[at + j] + dht * o * (1 - tc * tc);
      dz[j] = (T)(dct * g * i * (1 - i));
      dz[H + j] = cPrev ? (T)(dct * (double)cPrev[at + j] * f * (1 - f)) : (T)0;
      dz[2 * H + j] = (T)(dct * i * (1 - g * g));
      dz[3 * H + j] = (T)(dht * tc * o * (1 - o));
      dc[at + j] = (T)(dct * f);
    }
  }
}
