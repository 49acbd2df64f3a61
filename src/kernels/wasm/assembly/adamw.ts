// The AdamW update (Loshchilov & Hutter 2019) of one parameter, two elements per step: the
// moments advance in place and the update is written over the gradient.
// Arithmetic is f64 for both element types with the reference's exact operation order and
// no fused multiply-adds, and f32 is rounded only when stored (as a Float32Array store
// rounds), so the result is bit-identical to the JS backend.

// Two consecutive elements as an f64x2.
// @ts-ignore: decorator
@inline function loadPair<T extends number>(p: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(p));
  return v128.load(p);
}

// @ts-ignore: decorator
@inline function storePair<T extends number>(p: usize, x: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(p, f32x4.demote_f64x2_zero(x), 0);
  else v128.store(p, x);
}

/**
 * grad ← −(lrDecay·param) − lr·m̂/(√v̂ + eps) with lrDecay = lr·weightDecay; bc1, bc2 are the
 * bias corrections 1 − β^step, computed once by the caller with the same Math.pow as the reference.
 */
export function adamw<T extends number>(
  param: usize, grad: usize, m: usize, v: usize, length: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, lrDecay: f64, bc1: f64, bc2: f64,
): void {
  const size = <usize>sizeof<T>();
  const b1 = f64x2.splat(beta1), c1 = f64x2.splat(1 - beta1);
  const b2 = f64x2.splat(beta2), c2 = f64x2.splat(1 - beta2);
  const lrv = f64x2.splat(lr), epsv = f64x2.splat(eps), decayv = f64x2.splat(lrDecay);
  const bc1v = f64x2.splat(bc1), bc2v = f64x2.splat(bc2);
  let i = 0;
  for (; i + 2 <= length; i += 2) {
    const o = <usize>i * size;
    const g = loadPair<T>(grad + o);
    // m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g·g  (left to right, as in JS)
    const mi = f64x2.add(f64x2.mul(b1, loadPair<T>(m + o)), f64x2.mul(c1, g));
    const vi = f64x2.add(f64x2.mul(b2, loadPair<T>(v + o)), f64x2.mul(f64x2.mul(c2, g), g));
    storePair<T>(m + o, mi);
    storePair<T>(v + o, vi);
    // −(lrDecay·param) − (lr·(m/bc1)) / (sqrt(v/bc2) + eps)
    const step = f64x2.div(f64x2.mul(lrv, f64x2.div(mi, bc1v)), f64x2.add(f64x2.sqrt(f64x2.div(vi, bc2v)), epsv));
    storePair<T>(grad + o, f64x2.sub(f64x2.neg(f64x2.mul(decayv, loadPair<T>(param + o))), step));
  }
  if (i < length) {
    const o = <usize>i * size;
    const g = <f64>load<T>(grad + o);
    const mi = beta1 * <f64>load<T>(m + o) + (1 - beta1) * g;
    const vi = beta2 * <f64>load<T>(v + o) + (1 - beta2) * g * g;
    store<T>(m + o, <T>mi);
    store<T>(v + o, <T>vi);
    store<T>(grad + o, <T>(-(lrDecay * <f64>load<T>(param + o)) - (lr * (mi / bc1)) / (Math.sqrt(vi / bc2) + eps)));
  }
}
