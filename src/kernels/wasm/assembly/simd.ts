// Lane-generic SIMD helpers. Every kernel is written once over T = f32 (f32x4) or T = f64
// (f64x2); sizeof<T>() is a compile-time constant, so each call below collapses to one or
// two instructions in the specialised code.

/** Elements per 128-bit vector: 4 for f32, 2 for f64. */
// @ts-ignore: decorator
@inline export function lanes<T extends number>(): i32 {
  return 16 / sizeof<T>();
}

/**
 * acc + a·b, the product rounded before the add.
 *
 * Wasm SIMD has no fused multiply-add outside relaxed SIMD, which Node 20 keeps behind
 * --experimental-wasm-relaxed-simd (v8.setFlagsFromString before compiling does work, in
 * vitest forks and threads too). A relaxed build (f32x4.relaxed_madd, 6 × 8 tile) measured
 * only 0–8% faster on Zen 5, whose two multiply and two add pipes give separate mul + add the
 * same peak as FMA, so the kernels stay on plain SIMD: one build, the same bits everywhere.
 */
// @ts-ignore: decorator
@inline export function madd<T extends number>(acc: v128, a: v128, b: v128): v128 {
  return v128.add<T>(acc, v128.mul<T>(a, b));
}
