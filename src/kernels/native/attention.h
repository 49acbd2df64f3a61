// Multi-head attention over short sequences (src/kernels/backend.ts AttentionShape): one
// query row of one head at a time, reading q, k, v in the projections' layout. Included by
// each isa-*.cc after small.h (for dot()), inside an anonymous namespace, so the dHead-long
// loops vectorize for that target. Scores and softmax run in f64 like the reference (exp by
// fused.h's expNonPositive); dot products and the sums over keys run in T, in fixed orders.

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
        for (int64_t j = 0; j <= last; j++) sum += (e[j] = expNonPositive(e[j] - max));
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

/**
 * One (sequence, head) block at a time: first every query row's dq and its ds_ij, then every
 * key row's dk and dv summed over the query rows that read it, in increasing i (the
 * reference's order), each written once: no zero-fill and no read-modify-write of dk, dv.
 */
template <typename T>
void attentionBackward(const AttentionDims& s, const T* q, const T* k, const T* v, const T* p, const T* dz, T* dq, T* dk, T* dv) {
  const int64_t width = s.heads * s.dHead, dh = s.dHead;
  static thread_local std::vector<T> parked;
  if ((int64_t)parked.size() < s.queries * s.keys) parked.resize(s.queries * s.keys);
  T* ds = parked.data();
  for (int64_t b = 0; b < s.batch; b++) {
    const T* kb = k + b * s.keys * width;
    const T* vb = v + b * s.keys * width;
    const T* qb = q + b * s.queries * width;
    const T* dzb = dz + b * s.queries * width;
    for (int64_t h = 0; h < s.heads; h++) {
      const T* ph = p + (b * s.heads + h) * s.queries * s.keys;
      for (int64_t i = 0; i < s.queries; i++) {
        const T* dzi = dzb + i * width + h * dh;
        const T* pi = ph + i * s.keys;
        T* dsi = ds + i * s.keys;
        T* dqi = dq + (b * s.queries + i) * width + h * dh;
        const int64_t last = lastKey(s, i);
        double weighted = 0;
        for (int64_t j = 0; j <= last; j++) {
          dsi[j] = dot(dzi, vb + j * width + h * dh, (int)dh);
          weighted += (double)pi[j] * (double)dsi[j];
        }
        for (int64_t j = 0; j <= last; j++) dsi[j] = (T)((double)pi[j] * ((double)dsi[j] - weighted) * s.scale);
        for (int64_t l = 0; l < dh; l++) dqi[l] = T(0);
        for (int64_t j = 0; j <= last; j++) {
          const T dsj = dsi[j];
          const T* kj = kb + j * width + h * dh;
          for (int64_t l = 0; l < dh; l++) dqi[l] += dsj * kj[l];
        }
      }
      for (int64_t j = 0; j < s.keys; j++) {
        T* dkj = dk + (b * s.keys + j) * width + h * dh;
        T* dvj = dv + (b * s.keys + j) * width + h * dh;
        for (int64_t l = 0; l < dh; l++) dkj[l] = dvj[l] = T(0);
        // Query row i reads key j when j ≤ lastKey(i): from this first row on (every row unmasked).
        const int64_t first = s.causal ? (j - (s.keys - s.queries) > 0 ? j - (s.keys - s.queries) : 0) : 0;
        for (int64_t i = first; i < s.queries; i++) {
          const T dsij = ds[i * s.keys + j], pij = ph[i * s.keys + j];
          const T* qi = qb + i * width + h * dh;
          const T* dzi = dzb + i * width + h * dh;
          for (int64_t l = 0; l < dh; l++) dkj[l] += dsij * qi[l];
          for (int64_t l = 0; l < dh; l++) dvj[l] += pij * dzi[l];
        }
      }
    }
  }
}
