// Cholesky factorization A = L·Lᵀ and its reverse-mode derivative (Murray 2016, "Differentiation
// of the Cholesky decomposition", unblocked form).
import { record } from '../autograd.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkFinite, checkMatrix, checkSymmetric } from './check.js';
import { solveTriangular, solveTriangularRaw } from './triangular.js';

/** Checked factorization: float64, square, finite, symmetric, positive definite (else names the pivot). */
export function choleskyFactor(op: string, a: Tensor): Float64Array {
  const [n] = checkMatrix(op, a, true);
  checkFinite(op, a);
  checkSymmetric(op, a, n);
  const A = a.data;
  const L = new Float64Array(n * n);
  // Cholesky–Crout, column by column; reads only the lower triangle of A.
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] ** 2;
    if (!(d > 0)) {
      throw new TensorError(op, `matrix ${fmtShape(a.shape)} is not positive definite: pivot ${j} is ${d.toExponential(3)} (leading ${j + 1}×${j + 1} minor)`);
    }
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/**
 * Lower-triangular L with L·Lᵀ = A for symmetric positive definite float64 A [n, n].
 * The gradient is symmetric: A is treated as a symmetric matrix, not n² free entries.
 */
export function cholesky(a: Tensor): Tensor {
  const n = a.shape[0];
  const L = choleskyFactor('cholesky', a);
  return record(new Tensor(L, [n, n]), 'cholesky', [a], (g) => {
    // Φ(Lᵀ L̄), Φ = lower triangle with halved diagonal. NOTE: (Lᵀ L̄)_ij for i ≥ j reads only
    // L̄_kj with k ≥ i ≥ j, so any upper-triangle L̄ (from ops on L's structural zeros) is ignored.
    const phi = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = i; k < n; k++) s += L[k * n + i] * g.data[k * n + j];
        phi[i * n + j] = i === j ? s / 2 : s;
      }
    }
    // S = L⁻ᵀ Φ L⁻¹ by two triangular solves (no inverse): X = L⁻ᵀ Φ, then Sᵀ = L⁻ᵀ Xᵀ.
    solveTriangularRaw(L, phi, n, n, true, true, false);
    const st = Float64Array.from(phi, (_, k) => phi[(k % n) * n + Math.floor(k / n)]);
    solveTriangularRaw(L, st, n, n, true, true, false);
    // Ā = (S + Sᵀ)/2: dL depends only on the symmetric part of dA.
    const ga = Float64Array.from(st, (v, k) => (v + st[(k % n) * n + Math.floor(k / n)]) / 2);
    return [new Tensor(ga, a.shape)];
  });
}

/** x with (L·Lᵀ) x = b, for a Cholesky factor L: two triangular solves, differentiable through both. */
export function choleskySolve(l: Tensor, b: Tensor): Tensor {
  return solveTriangular(l, solveTriangular(l, b, { lower: true }), { lower: true, transpose: true });
}
