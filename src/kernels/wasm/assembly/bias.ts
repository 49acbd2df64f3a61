import { lanes } from './simd';

/**
 * out[i, j] = act(x[i, j] + bias[j]) over a rows × cols block; bias = 0 means no bias and
 * out may equal x. relu is pmax(0, z) = (0 < z ? z : 0), exactly the reference's
 * `z > 0 ? z : 0`, so NaN and −0 map to +0 in both.
 */
export function biasActivation<T extends number>(x: usize, bias: usize, rows: i32, cols: i32, relu: bool, out: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const zero = v128.splat<T>(<T>0);
  const row = <usize>cols * size;
  for (let i = 0; i < rows; i++) {
    let j = 0;
    for (; j + L <= cols; j += L) {
      const o = <usize>j * size;
      let z = v128.load(x + o);
      if (bias) z = v128.add<T>(z, v128.load(bias + o));
      if (relu) z = v128.pmax<T>(zero, z);
      v128.store(out + o, z);
    }
    for (; j < cols; j++) {
      const o = <usize>j * size;
      let z = load<T>(x + o);
      if (bias) z = <T>(z + load<T>(bias + o));
      if (relu) z = z > 0 ? z : <T>0;
      store<T>(out + o, z);
    }
    x += row;
    out += row;
  }
}

/**
 * Backward of biasActivation from its output: gradIn = gradOut where out > 0 (relu) or
 * everywhere (none), selected with a lane mask so random signs cost no branch mispredictions;
 * and, when sums ≠ 0, sums[j] += gradIn[i, j] in f64, row after row (the reference's order).
 */
export function biasActivationBackward<T extends number>(out: usize, gradOut: usize, rows: i32, cols: i32, relu: bool, gradIn: usize, sums: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const zero = v128.splat<T>(<T>0);
  const row = <usize>cols * size;
  for (let i = 0; i < rows; i++) {
    let j = 0;
    for (; j + L <= cols; j += L) {
      const o = <usize>j * size;
      let g = v128.load(gradOut + o);
      if (relu) g = v128.and(g, v128.gt<T>(v128.load(out + o), zero));
      v128.store(gradIn + o, g);
      if (sums) addToSums<T>(sums + <usize>j * 8, g);
    }
    for (; j < cols; j++) {
      const o = <usize>j * size;
      const g = relu && !(load<T>(out + o) > 0) ? <T>0 : load<T>(gradOut + o);
      store<T>(gradIn + o, g);
      if (sums) store<f64>(sums + <usize>j * 8, load<f64>(sums + <usize>j * 8) + <f64>g);
    }
    out += row;
    gradOut += row;
    gradIn += row;
  }
}

/** sums[0 .. L) += g, widening f32 lanes to f64 first. */
// @ts-ignore: decorator
@inline function addToSums<T extends number>(sums: usize, g: v128): void {
  if (sizeof<T>() == 4) {
    v128.store(sums, f64x2.add(v128.load(sums), f64x2.promote_low_f32x4(g)));
    v128.store(sums + 16, f64x2.add(v128.load(sums + 16), f64x2.promote_low_f32x4(i32x4.shuffle(g, g, 2, 3, 0, 1))));
  } else {
    v128.store(sums, f64x2.add(v128.load(sums), g));
  }
}
