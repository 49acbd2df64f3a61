import type { FloatArray } from '../kernels/backend.js';

export type DType = 'float32' | 'float64';
export type { FloatArray };

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float64';
}
