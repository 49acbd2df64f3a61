// Test inputs drawn from the project's own PRNG, so every test is deterministic.
import { foldIn, key, normal, uniform as uniformBits } from '../random/index.js';
import { sizeOf } from './shape.js';
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';

const root = key(20261123);

export function randn(shape: number[], seed: number, dtype: DType = 'float64'): Tensor {
  return new Tensor(normal(foldIn(root, seed), sizeOf(shape), dtype), shape);
}

export function uniform(shape: number[], seed: number, lo: number, hi: number, dtype: DType = 'float64'): Tensor {
  return new Tensor(uniformBits(foldIn(root, seed), sizeOf(shape), dtype, lo, hi), shape);
}

/** Fixed contraction weights for a gradient check, different per check name. */
export function weightsFor(name: string): (n: number) => Float64Array {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (n) => normal(foldIn(root, h >>> 0), n, 'float64') as Float64Array;
}
