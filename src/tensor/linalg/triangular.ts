// Triangular solves by forward/back substitution, and their gradients: for x = op(T)⁻¹ b,
// b̄ = op(T)⁻ᵀ x̄ and op(T)‾ = −b̄ xᵀ (Giles 2008, "An extended collection of matrix derivative results").
import { record } from '../autograd.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN } from '../ops/check.js';
import { checkMatrix } from './check.js';

export interface TriangularOptions {
  /** use the lower triangle of t (else the upper); the other triangle is never read */
  lower?: boolean;
  /** solve Tᵀ x = b */
  transpose?: boolean;
  /** take the diagonal of T as ones (it is never read) */
  unitDiagonal?: boolean;
}

/** Solves op(T)·X = B in place on B (row-major n×k), T a triangle of t (n×n). No checks: callers validate. */
export function solveTriangularRaw(t: Float64Array, b: Float64Array, n: number, k: number, lower: boolean, transpose: boolean, unit: boolean): void {
  // op(T)[i, j] = t[i·rs + j·cs]; op(T) is lower exactly when one of lower/transpose holds.
  const rs = transpose ? 1 : n;
  const cs = transpose ? n : 1;
  const forward = lower !== transpose;
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const lo = forward ? 0 : i + 1;
    const hi = forward ? i : n;
    const d = unit ? 1 : t[i * rs + i * cs];
    for (let c = 0; c < k; c++) {
      let acc = b[i * k + c];
      for (let j = lo; j < hi; j++) acc -= t[i * rs + j * cs] * b[j * k + c];
      b[i * k + c] = acc / d;
    }
  }
}

/** x = op(T)⁻¹ b for b [n] or [n, k], differentiable in t (its used triangle only) and b. */
export function solveTriangular(t: Tensor, b: Tensor, { lower = true, transpose = false, unitDiagonal = false }: TriangularOptions = {}): Tensor {
  const [n] = checkMatrix('solveTriangular', t, true);
  if (b.dtype !== 'float64' || (b.rank !== 1 && b.rank !== 2) || b.shape[0] !== n) {
    throw new TensorError(
      'solveTriangular',
      `needs a float64 right-hand side [${n}] or [${n}, k] for T ${fmtShape(t.shape)}, got ${b.dtype} ${fmtShape(b.shape)}`,
    );
  }
  const T = t.data as Float64Array;
  for (let i = 0; i < n && !unitDiagonal; i++) {
    if (T[i * n + i] === 0) throw new TensorError('solveTriangular', `T ${fmtShape(t.shape)} is singular: diagonal element ${i} is 0`);
  }
  const k = b.rank === 2 ? b.shape[1] : 1;
  const x = Float64Array.from(b.data);
  solveTriangularRaw(T, x, n, k, lower, transpose, unitDiagonal);
  const out = new Tensor(x, b.shape);
  assertNoNaN('solveTriangular', out, [t, b]);
  return record(out, 'solveTriangular', [t, b], (g) => {
    const gb = Float64Array.from(g.data);
    solveTriangularRaw(T, gb, n, k, lower, !transpose, unitDiagonal);
    if (!t.requiresGrad) return [null, new Tensor(gb, b.shape)];
    // T̄ = −b̄ xᵀ (or its transpose when op(T) = Tᵀ), restricted to the entries T actually uses.
    const gt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = lower ? 0 : i; j < (lower ? i + 1 : n); j++) {
        if (unitDiagonal && i === j) continue;
        let acc = 0;
        for (let c = 0; c < k; c++) acc -= transpose ? x[i * k + c] * gb[j * k + c] : gb[i * k + c] * x[j * k + c];
        gt[i * n + j] = acc;
      }
    }
    return [new Tensor(gt, t.shape), new Tensor(gb, b.shape)];
  });
}
