// Multi-head attention over short sequences (src/kernels/backend.ts AttentionShape): one
// query row of one head at a time, reading q, k, v in the projections' layout. Included by
// each isa-*.cc after small.h (for dot()), inside an anonymous namespace, so the dHead-long
// loops vectorize for that target. Scores and softmax run in f64 like the reference; dot
// products and the sums over keys run in T, each in a fixed order.

/** The last key position query row i reads. */
inline int64_t lastKey(const AttentionDims& s, int64_t i) { return s.causal ? s.keys - s.queries + i : s.keys - 1; }

template <typename T>
void attention(const AttentionDims& s, const T* q, const T* k, const T* v, T* z, T* p) {
  const int64_t width = s.heads * s.dHead, dh = s.dHead;
  static thread_local std::vector<double> parked;
  if ((int64_t)parked.size() < s.keys) parked.resize(s.keys);
  double* e = parked.data();
  for (int64_t b = 0; b < s.batch; b++) {
    const T* kb = k + b * s.keys * width;
    const T* vb = v + b * s.keys * width;
    for (int64_t h = 0; h < s.heads; h++) {
      for (int64_t i = 0; i < s.queries; i++) {
        const T* qi = q + (b * s.queries + i) * width + h * dh;
        T* zi = z + (b * s.queries + i) * width + h * dh;
        T* pi = p + ((b * s.heads + h) * s.queries + i) * s.keys;
        const int64_t last = lastKey(s, i);
        double max = -INFINITY;
        for (int64_t j = 0; j <= last; j++) {
          e[j] = (double)dot(qi, kb + j * width + h * dh, (int)dh) * s.scale;
          if (e[j] > max) max = e[j];
        }
        double sum = 0;
        for (int64_t j = 0; j <= last; j++) sum += (e[j] = std::exp(e[j] - max));
        for (int64_t j = 0; j < s.keys; j++) pi[j] = j <= last ? (T)(e[j] / sum) : T(0);
        for (int64_t l = 0; l < dh; l++) zi[l] = T(0);
        for (int64_t j = 0; j <= last; j++) {
          const T pj = pi[j];
          const T* vj = vb + j * width + h * dh;
          for (int64_t l = 0; l < dh; l++) zi[l] += pj * vj[l];
        }
      }
    }
  }
}

template <typename T>
void attentionBackward(const AttentionDims& s, const T* q, const T* k, const T* v, const T* p, const T* dz, T* dq, T* dk, T* dv) {
  const int64_t width = s.heads * s.dHead, dh = s.dHead;
  std::memset(dk, 0, sizeof(T) * s.batch * s.keys * width);
  std::memset(dv, 0, sizeof(T) * s.batch * s.keys * width);
  static thread_local std::vector<T> parked;
  if ((int64_t)parked.size() < s.keys) parked.resize(s.keys);
  T* ds = parked.data();
  for (int64_t b = 0; b < s.batch; b++) {
    const T* kb = k + b * s.keys * width;
    const T* vb = v + b * s.keys * width;
    T* dkb = dk + b * s.keys * width;
    T* dvb = dv + b * s.keys * width;
    for (int64_t h = 0; h < s.heads; h++) {
      for (int64_t i = 0; i < s.queries; i++) {
        const int64_t row = (b * s.queries + i) * width + h * dh;
        const T* qi = q + row;
        const T* dzi = dz + row;
        T* dqi = dq + row;
        const T* pi = p + ((b * s.heads + h) * s.queries + i) * s.keys;
        const int64_t last = lastKey(s, i);
        double weighted = 0;
        for (int64_t j = 0; j <= last; j++) {
          ds[j] = dot(dzi, vb + j * width + h * dh, (int)dh);
          weighted += (double)pi[j] * (double)ds[j];
        }
        for (int64_t j = 0; j <= last; j++) ds[j] = (T)((double)pi[j] * ((double)ds[j] - weighted) * s.scale);
        for (int64_t l = 0; l < dh; l++) dqi[l] = T(0);
        for (int64_t j = 0; j <= last; j++) {
          const T dsj = ds[j], pj = pi[j];
          const T* kj = kb + j * width + h * dh;
          T* dkj = dkb + j * width + h * dh;
          T* dvj = dvb + j * width + h * dh;
          for (int64_t l = 0; l < dh; l++) {
            dqi[l] += dsj * kj[l];
            dkj[l] += dsj * qi[l];
            dvj[l] += pj * dzi[l];
          }
        }
      }
    }
  }
}
