import type { FloatArray } from '../dtype.js';
import { NonFiniteError, TensorError, fmtShape } from '../errors.js';

/** Anything with row-major data and a shape: a Tensor, or a bare {data, shape} in hot loops. */
export interface MatrixLike {
  readonly data: FloatArray;
  readonly shape: readonly number[];
}

/** Linear algebra runs in Float64 only: float32 would silently lose the accuracy these ops promise. */
export function checkMatrix(op: string, a: MatrixLike, square: boolean): [number, number] {
  const ok = a.data instanceof Float64Array && a.shape.length === 2 && a.data.length === a.shape[0] * a.shape[1] && (!square || a.shape[0] === a.shape[1]);
  if (!ok) {
    const dtype = a.data instanceof Float64Array ? 'float64' : 'float32';
    throw new TensorError(op, `needs a ${square ? 'square ' : ''}float64 matrix, got ${dtype} ${fmtShape(a.shape)}`);
  }
  return [a.shape[0], a.shape[1]];
}

export function checkFinite(op: string, a: MatrixLike): void {
  const d = a.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) throw new NonFiniteError(op, `input ${fmtShape(a.shape)} contains ${d[i]} at element ${i}`);
  }
}

/** NOTE: relative to max|A|, loose enough for round-off from building A (B·Bᵀ via GEMM), tight enough to catch a wrong input. */
const SYMMETRY_TOL = 1e-10;

export function checkSymmetric(op: string, a: MatrixLike, n: number): void {
  const d = a.data;
  let scale = 0;
  for (let i = 0; i < d.length; i++) scale = Math.max(scale, Math.abs(d[i]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(d[i * n + j] - d[j * n + i]);
      if (gap > SYMMETRY_TOL * scale) {
        throw new TensorError(
          op,
          `matrix ${fmtShape(a.shape)} is not symmetric: |A[${i},${j}] − A[${j},${i}]| = ${gap.toExponential(2)} > ${SYMMETRY_TOL}·max|A|`,
        );
      }
    }
  }
}
