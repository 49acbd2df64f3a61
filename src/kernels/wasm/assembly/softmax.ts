/**
 * Summed softmax cross-entropy over the rows of `logits` (rows × cols) against integer
 * labels; when dlogits ≠ 0 also writes scale · (softmax − onehot) there.
 *
 * Everything is computed in f64 whatever T is, as in the JS reference, and rounded only when
 * stored. Unlike the reference, exp() runs once per element: the gradient is
 * exp(x − max) · (scale / Σ) instead of scale · exp(x − logZ), the same value up to rounding.
 * NOTE: for f32 the parked exp(x − max) is rounded to f32 before the rescale, so a gradient
 * can be one rounding (≤ 1 ulp) further from the reference than a single rounding would be.
 */
export function softmaxCrossEntropy<T extends number>(logits: usize, labels: usize, rows: i32, cols: i32, dlogits: usize, scale: f64): f64 {
  const size = <usize>sizeof<T>();
  const row = <usize>cols * size;
  let total: f64 = 0;
  for (let i = 0; i < rows; i++) {
    // NOTE: subtract the row max before exp, or large logits overflow to Infinity.
    let max = -Infinity;
    for (let j = 0; j < cols; j++) {
      const x = <f64>load<T>(logits + <usize>j * size);
      if (x > max) max = x;
    }
    let sum: f64 = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(<f64>load<T>(logits + <usize>j * size) - max);
      sum += e;
      // Park exp(x − max) in the output row; it is rescaled once the sum is known.
      if (dlogits) store<T>(dlogits + <usize>j * size, <T>e);
    }
    const y = <usize>load<i32>(labels + (<usize>i << 2));
    total += max + Math.log(sum) - <f64>load<T>(logits + y * size);
    if (dlogits) {
      const s = scale / sum;
      for (let j = 0; j < cols; j++) {
        const p = dlogits + <usize>j * size;
        store<T>(p, <T>(<f64>load<T>(p) * s));
      }
      const p = dlogits + y * size;
      store<T>(p, <T>(<f64>load<T>(p) - scale));
    }
    logits += row;
    if (dlogits) dlogits += row;
  }
  return total;
}
