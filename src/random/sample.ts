// Samplers: each fills a fresh typed array from a key. The output depends only on (key, n, args),
// and the first m values do not depend on n. Only IEEE-exact arithmetic plus Math.log/sqrt/cos/sin
// is used, so results are bit-identical on one JS engine (those Math functions may differ across
// engines).
import type { Key } from './key.js';
import { WordStream } from './stream.js';

export type FloatDType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

function count(n: number, fn: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${fn}: n must be a non-negative integer, got ${n}`);
  return n;
}

function floats(dtype: FloatDType, n: number, fn: string): FloatArray {
  if (dtype === 'float32') return new Float32Array(count(n, fn));
  if (dtype === 'float64') return new Float64Array(count(n, fn));
  throw new TypeError(`${fn}: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`);
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The neighbour of the dtype-representable x towards +∞ (up) or −∞, by stepping its bit pattern. */
function adjacent(x: number, dtype: FloatDType, up: boolean): number {
  if (x === 0) return (up ? 1 : -1) * (dtype === 'float32' ? 2 ** -149 : 2 ** -1074);
  const away = x > 0 === up; // stepping away from zero increments the magnitude bits
  if (dtype === 'float32') {
    f32[0] = x;
    i32[0] += away ? 1 : -1;
    return f32[0];
  }
  f64[0] = x;
  i64[0] += away ? 1n : -1n;
  return f64[0];
}

/** The least and greatest float32 values in [lo, hi). */
function float32Inside(lo: number, hi: number): [number, number] {
  const [a, b] = [Math.fround(lo), Math.fround(hi)];
  const min = a < lo ? adjacent(a, 'float32', true) : a;
  const max = b >= hi ? adjacent(b, 'float32', false) : b;
  if (min > max) throw new RangeError(`uniform: no float32 lies in [${lo}, ${hi})`);
  return [min, max];
}

/** n uint32 words. */
export function bits(k: Key, n: number): Uint32Array {
  const out = new Uint32Array(count(n, 'bits'));
  const s = new WordStream(k);
  for (let i = 0; i < n; i++) out[i] = s.next();
  return out;
}

/**
 * n floats uniform on [lo, hi): float32 takes 24 bits of one word, float64 53 bits of two.
 * Rounding lo + (hi − lo)·u to the dtype can land on hi, so results are clamped to the
 * representable values inside [lo, hi).
 */
export function uniform(k: Key, n: number, dtype: FloatDType, lo = 0, hi = 1): FloatArray {
  const out = floats(dtype, n, 'uniform');
  if (!(lo < hi && Number.isFinite(hi - lo))) throw new RangeError(`uniform: need finite lo < hi, got [${lo}, ${hi})`);
  const [min, max] = dtype === 'float32' ? float32Inside(lo, hi) : [lo, adjacent(hi, dtype, false)];
  const s = new WordStream(k);
  const unit = dtype === 'float32' ? () => (s.next() >>> 8) * 2 ** -24 : () => s.unit53();
  for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(lo + (hi - lo) * unit(), min), max);
  return out;
}

/**
 * n normal floats by the Box–Muller transform (Box & Muller 1958), computed in float64 from
 * 53-bit uniforms and rounded to dtype; each pair of outputs uses one pair of uniforms.
 */
export function normal(k: Key, n: number, dtype: FloatDType, mean = 0, std = 1): FloatArray {
  const out = floats(dtype, n, 'normal');
  if (!Number.isFinite(mean) || !(std >= 0 && std < Infinity)) throw new RangeError(`normal: need finite mean and std ≥ 0, got mean ${mean}, std ${std}`);
  const s = new WordStream(k);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - s.unit53())); // 1 − u ∈ (0, 1]: log never sees 0
    const theta = 2 * Math.PI * s.unit53();
    out[i] = mean + std * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(theta);
  }
  return out;
}

/** n integers uniform on [lo, hi), exactly unbiased (rejection); needs −2^31 ≤ lo < hi ≤ 2^31. */
export function randint(k: Key, n: number, lo: number, hi: number): Int32Array {
  const out = new Int32Array(count(n, 'randint'));
  if (!(Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && -(2 ** 31) <= lo && lo < hi && hi <= 2 ** 31)) {
    throw new RangeError(`randint: need integers −2^31 ≤ lo < hi ≤ 2^31, got [${lo}, ${hi})`);
  }
  const s = new WordStream(k);
  for (let i = 0; i < n; i++) out[i] = lo + s.below(hi - lo);
  return out;
}

/** A uniformly random permutation of 0..n−1 by the Fisher–Yates shuffle (Durstenfeld 1964). */
export function permutation(k: Key, n: number): Int32Array {
  const out = new Int32Array(count(n, 'permutation'));
  for (let i = 0; i < n; i++) out[i] = i;
  const s = new WordStream(k);
  for (let i = n - 1; i > 0; i--) {
    const j = s.below(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** n draws of 1 with probability p, else 0 (53-bit uniforms, so tiny p are honoured). */
export function bernoulli(k: Key, n: number, p: number): Uint8Array {
  const out = new Uint8Array(count(n, 'bernoulli'));
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
  const s = new WordStream(k);
  for (let i = 0; i < n; i++) out[i] = s.unit53() < p ? 1 : 0;
  return out;
}
