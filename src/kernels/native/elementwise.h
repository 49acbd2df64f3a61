// Elementwise loops of src/kernels/backend.ts (tiled, scaleBlocks, scatterAdd, gather, sumAxis, copyRows), included by fused.h. One
// rounding per element as in the reference (-ffp-contract=off), so results are bit-identical.

template <typename T, int Op>
inline T binaryOp(T a, T b) {
  if constexpr (Op == kAdd) return a + b;
  else if constexpr (Op == kSub) return a - b;
  else if constexpr (Op == kMul) return a * b;
  else return a / b;
}

/** out[i] = a[i mod pa] ∘ b[i mod pb]: runs of the smaller period, each a plain vector loop. */
template <typename T, int Op>
void tiledOp(const T* a, int64_t pa, const T* b, int64_t pb, T* out, int64_t n) {
  if (pa == 1 && pb != 1) {
    const T s = a[0];
    for (int64_t base = 0; base < n; base += pb)
      for (int64_t j = 0; j < pb; j++) out[base + j] = binaryOp<T, Op>(s, b[j]);
  } else if (pb == 1) {
    const T s = b[0];
    for (int64_t base = 0; base < n; base += pa)
      for (int64_t j = 0; j < pa; j++) out[base + j] = binaryOp<T, Op>(a[j], s);
  } else {
    const int64_t p = pa < pb ? pa : pb;
    for (int64_t base = 0; base < n; base += p) {
      const T* x = a + base % pa;
      const T* y = b + base % pb;
      T* z = out + base;
      for (int64_t j = 0; j < p; j++) z[j] = binaryOp<T, Op>(x[j], y[j]);
    }
  }
}

template <typename T>
void tiled(int op, const T* a, int64_t pa, const T* b, int64_t pb, T* out, int64_t n) {
  if (n == 0) return;
  switch (op) {
    case kAdd: return tiledOp<T, kAdd>(a, pa, b, pb, out, n);
    case kSub: return tiledOp<T, kSub>(a, pa, b, pb, out, n);
    case kMul: return tiledOp<T, kMul>(a, pa, b, pb, out, n);
    default: return tiledOp<T, kDiv>(a, pa, b, pb, out, n);
  }
}

/** Backend.scaleBlocks: products and sums in double, rounded once to T, as the reference. */
template <typename T>
void scaleBlocks(int mode, const double* scales, int64_t blocks, const T* x, T* out, int64_t size) {
  for (int64_t e = 0; e < blocks; e++, x += size, out += size) {
    const double s = scales[e];
    if (mode == kScaleBlock) {
      for (int64_t j = 0; j < size; j++) out[j] = (T)(s * (double)x[j]);
    } else if (s == 0) {
      continue;
    } else if (mode == kAxpyBlock) {
      for (int64_t j = 0; j < size; j++) out[j] = (T)((double)out[j] + s * (double)x[j]);
    } else {
      for (int64_t j = 0; j < size; j++) {
        const double v = (double)x[j];
        out[j] = (T)((double)out[j] + s * (double)((v > 0) - (v < 0)));
      }
    }
  }
}

template <typename T>
void scatterAdd(const T* g, const int32_t* index, int64_t count, int64_t outer, int64_t len, int64_t inner, T* gx) {
  for (int64_t o = 0; o < outer; o++)
    for (int64_t i = 0; i < count; i++) {
      T* dst = gx + (o * len + index[i]) * inner;
      const T* src = g + (o * count + i) * inner;
      for (int64_t j = 0; j < inner; j++) dst[j] += src[j];
    }
}

template <typename T>
void gather(const T* x, const int32_t* index, int64_t count, int64_t outer, int64_t len, int64_t inner, T* out) {
  for (int64_t o = 0; o < outer; o++)
    for (int64_t i = 0; i < count; i++) std::memcpy(out + (o * count + i) * inner, x + (o * len + index[i]) * inner, sizeof(T) * inner);
}

template <typename T>
void sumAxis(const T* x, int64_t outer, int64_t len, int64_t inner, T* out) {
  for (int64_t o = 0; o < outer; o++, out += inner) {
    for (int64_t i = 0; i < inner; i++) out[i] = T(0);
    for (int64_t l = 0; l < len; l++, x += inner)
      for (int64_t i = 0; i < inner; i++) out[i] += x[i];
  }
}

template <typename T>
void copyRows(const T* src, int64_t srcStride, T* dst, int64_t dstStride, int64_t rows, int64_t width) {
  for (int64_t r = 0; r < rows; r++) std::memcpy(dst + r * dstStride, src + r * srcStride, sizeof(T) * width);
}
