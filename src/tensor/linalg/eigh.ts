// Symmetric eigendecomposition by cyclic Jacobi (Jacobi 1846; Golub & Van Loan, Matrix
// Computations §8.5): each rotation zeroes one off-diagonal pair; sweeps converge quadratically,
// also for repeated eigenvalues, and give small eigenvalues of definite matrices to high
// relative accuracy (Demmel & Veselić 1992).
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkFinite, checkMatrix, checkSymmetric } from './check.js';

const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

/** A = V·diag(values)·Vᵀ for symmetric float64 A [n, n]: values [n] ascending, eigenvectors as the columns of vectors [n, n]. */
export function eigh(a: Tensor): { values: Tensor; vectors: Tensor } {
  const [n] = checkMatrix('eigh', a, true);
  checkFinite('eigh', a);
  checkSymmetric('eigh', a, n);
  const A = Float64Array.from(a.data, (_, k) => (a.data[k] + a.data[(k % n) * n + Math.floor(k / n)]) / 2);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let norm = 0;
  for (let k = 0; k < A.length; k++) norm += A[k] * A[k];
  // NOTE: skip a pair when |a_pq| ≤ ε·√|a_pp·a_qq| (relative, as Demmel & Veselić) or when it is
  // negligible against ‖A‖_F·ε² (absolute floor, so zero diagonals cannot keep a sweep alive on round-off).
  const floor = Math.sqrt(norm) * EPS * EPS;
  for (let sweep = 0, rotated = true; rotated; sweep++) {
    if (sweep === MAX_SWEEPS) throw new TensorError('eigh', `Jacobi did not converge in ${MAX_SWEEPS} sweeps for ${fmtShape(a.shape)}`);
    rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        const app = A[p * n + p];
        const aqq = A[q * n + q];
        if (Math.abs(apq) <= Math.max(EPS * Math.sqrt(Math.abs(app)) * Math.sqrt(Math.abs(aqq)), floor)) continue;
        rotated = true;
        // NOTE: the smaller root of t² + 2τt − 1 = 0, in the cancellation-free form (see svd.ts).
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        // A ← Jᵀ A J with J = [[c, s], [−s, c]] in rows/columns p, q; the pair itself becomes exact zeros.
        A[p * n + p] = app - t * apq;
        A[q * n + q] = aqq + t * apq;
        A[p * n + q] = A[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          if (k !== p && k !== q) {
            const akp = A[k * n + p];
            const akq = A[k * n + q];
            A[k * n + p] = A[p * n + k] = c * akp - s * akq;
            A[k * n + q] = A[q * n + k] = s * akp + c * akq;
          }
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i] - A[j * n + j]);
  const values = Float64Array.from(order, (i) => A[i * n + i]);
  const vectors = Float64Array.from(V, (_, k) => V[Math.floor(k / n) * n + order[k % n]]);
  return { values: new Tensor(values, [n]), vectors: new Tensor(vectors, [n, n]) };
}
