// Packing, after GotoBLAS (Goto & van de Geijn 2008, "Anatomy of High-Performance Matrix
// Multiplication"): copy a block of op(A) or op(B) into narrow panels so the micro-kernel
// streams both operands with unit stride, whatever the transposes were.
//
// Included by each isa-*.cc inside an anonymous namespace, so it compiles once per target.
//
// The block has `width` lanes (the m or n direction) and `depth` steps (the k direction);
// element (w, l) sits at src[w·sw + l·sl]. Each panel of W lanes is stored depth-major:
// dst[panel·W·depth + l·W + q]. The last panel is padded with zero lanes, so the micro-kernel
// always runs a full tile and never branches inside its k loop; zeros keep the padding free of
// NaN and of denormal slow paths.

/** One panel of `lanes` ≤ W lanes; `ahead` lanes of the next panel follow it in src. */
template <typename T, int W>
void packPanel(const T* src, ptrdiff_t sw, ptrdiff_t sl, int lanes, int ahead, int depth, T* dst) {
  if (lanes == W && sw == 1) {
    // Unit stride along w: each step is W contiguous elements.
    for (int l = 0; l < depth; l++) {
      const T* s = src + l * sl;
      T* d = dst + (ptrdiff_t)l * W;
      for (int q = 0; q < W; q++) d[q] = s[q];
    }
  } else if (lanes == W && sl == 1) {
    // Unit stride along k (row-major A, or Bᵀ): W rows read side by side, one step at a time.
    // NOTE: W strided streams defeat the hardware prefetcher often enough that fetching the
    // next panel's rows a cache line at a time pays (≈ 10 % on 4704 × 512 × 97).
    for (int l = 0; l < depth; l++) {
      if (l % 16 == 0)
        for (int q = 0; q < ahead; q++) __builtin_prefetch(src + (q + W) * sw + l);
      T* d = dst + (ptrdiff_t)l * W;
      for (int q = 0; q < W; q++) d[q] = src[q * sw + l];
    }
  } else {
    for (int l = 0; l < depth; l++) {
      T* d = dst + (ptrdiff_t)l * W;
      for (int q = 0; q < lanes; q++) d[q] = src[q * sw + l * sl];
      for (int q = lanes; q < W; q++) d[q] = T(0);
    }
  }
}

/**
 * Panels of W lanes; a last panel of at most Tail lanes is packed Tail wide instead, for the
 * narrower tail micro-kernel (n = 97 = 3·32 + 1 then wastes 15 lanes instead of 31).
 */
template <typename T, int W, int Tail = W>
void pack(const T* src, ptrdiff_t sw, ptrdiff_t sl, int width, int depth, T* dst) {
  for (int w0 = 0; w0 < width; w0 += W, dst += (ptrdiff_t)W * depth) {
    const int lanes = width - w0 < W ? width - w0 : W;
    const int ahead = width - w0 - lanes < W ? width - w0 - lanes : W;
    if (lanes <= Tail && Tail < W) packPanel<T, Tail>(src + w0 * sw, sw, sl, lanes, ahead, depth, dst);
    else packPanel<T, W>(src + w0 * sw, sw, sl, lanes, ahead, depth, dst);
  }
}
