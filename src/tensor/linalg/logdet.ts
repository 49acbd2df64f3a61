// log det of a symmetric positive definite matrix through its Cholesky factor: det A = Π L_ii².
import { record } from '../autograd.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { choleskyFactor } from './cholesky.js';
import { checkMatrix } from './check.js';
import { solveTriangularRaw } from './triangular.js';

function diagLogSum(L: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L[i * n + i]);
  return 2 * s;
}

/** log det A for symmetric positive definite float64 A [n, n]; gradient A⁻¹ (symmetric). */
export function logdet(a: Tensor): Tensor {
  const n = a.shape[0];
  const L = choleskyFactor('logdet', a);
  const out = new Tensor(Float64Array.of(diagLogSum(L, n)), []);
  return record(out, 'logdet', [a], (g) => {
    // A⁻¹ = L⁻ᵀ L⁻¹ = Yᵀ Y with Y = L⁻¹ from one triangular solve against I (lower, so k ≥ max(i, j)).
    const Y = new Float64Array(n * n);
    for (let i = 0; i < n; i++) Y[i * n + i] = 1;
    solveTriangularRaw(L, Y, n, n, true, false, false);
    const ga = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = i; k < n; k++) s += Y[k * n + i] * Y[k * n + j];
        ga[i * n + j] = ga[j * n + i] = g.data[0] * s;
      }
    }
    return [new Tensor(ga, a.shape)];
  });
}

/** 2 Σ log L_ii for a Cholesky factor L [n, n]: log det(L·Lᵀ) without refactoring. */
export function logdetFromCholesky(l: Tensor): Tensor {
  const [n] = checkMatrix('logdetFromCholesky', l, true);
  const L = l.data as Float64Array;
  for (let i = 0; i < n; i++) {
    if (!(L[i * n + i] > 0))
      throw new TensorError(
        'logdetFromCholesky',
        `diagonal element ${i} of ${fmtShape(l.shape)} is ${L[i * n + i]}; a Cholesky factor has a positive diagonal`,
      );
  }
  const out = new Tensor(Float64Array.of(diagLogSum(L, n)), []);
  return record(out, 'logdetFromCholesky', [l], (g) => {
    const gl = new Float64Array(n * n);
    for (let i = 0; i < n; i++) gl[i * n + i] = (2 * g.data[0]) / L[i * n + i];
    return [new Tensor(gl, l.shape)];
  });
}
