// KL(N(μ + δ, S) ‖ N(μ, K)) with S = L·Lᵀ, as one differentiable op: the complexity term of the
// variational GP. Composed from the engine's Cholesky and triangular-solve ops it would cost
// several O(n³) passes in plain loops per step; here every O(n³) product but the factorization
// and one triangular inverse is a GEMM, which makes the paper's n = 1000 trainable.
import { record } from '../../tensor/autograd.js';
import { choleskyFactor } from '../../tensor/linalg/cholesky.js';
import * as T from '../../tensor/index.js';

/** C⁻¹ of a lower-triangular C [n, n], row by row (each row a sum of earlier rows: contiguous loops). */
function lowerInverse(c: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    // row i of X = (e_i − Σ_{k<i} C_ik · row k of X) / C_ii; row k of X is zero beyond column k.
    for (let k = 0; k < i; k++) {
      const cik = c[row + k];
      if (cik === 0) continue;
      const from = k * n;
      for (let j = 0; j <= k; j++) x[row + j] -= cik * x[from + j];
    }
    x[row + i] += 1;
    const inv = 1 / c[row + i];
    for (let j = 0; j <= i; j++) x[row + j] *= inv;
  }
  return x;
}

const f64 = (data: Float64Array, shape: number[]) => new T.Tensor(data, shape);

/**
 * ½ [tr(K⁻¹S) + δᵀK⁻¹δ − n + log|K| − log|S|] for symmetric positive definite K [n, n],
 * δ [n] and L [n, n], of which only the lower triangle is read (S = L·Lᵀ; the diagonal may
 * have either sign, as in gpytorch's CholeskyVariationalDistribution). Gradients:
 * ∂/∂K = ½ (K⁻¹ − K⁻¹(S + δδᵀ)K⁻¹), ∂/∂δ = K⁻¹δ, ∂/∂L = tril(K⁻¹L) − diag(1/L_ii).
 */
export function gaussianKl(k: T.Tensor, delta: T.Tensor, l: T.Tensor): T.Tensor {
  const n = k.shape[0];
  if (delta.size !== n || l.shape[0] !== n || l.shape[1] !== n) throw new T.TensorError('gaussianKl', `needs K [n, n], δ [n] and L [n, n], got [${k.shape}], [${delta.shape}], [${l.shape}]`);
  const c = choleskyFactor('gaussianKl', k);
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lower[i * n + j] = l.data[i * n + j];
  const { kInv, p, kd, value } = T.noGrad(() => {
    const cInv = f64(lowerInverse(c, n), [n, n]);
    const kInv = T.matmul(cInv, cInv, { transA: true });
    const p = T.matmul(kInv, f64(lower, [n, n])); // K⁻¹L: the trace term and ∂/∂L in one product
    const kd = T.matmul(kInv, f64(Float64Array.from(delta.data), [n, 1])).data; // K⁻¹δ
    let trace = 0;
    for (let i = 0; i < n * n; i++) trace += p.data[i] * lower[i];
    let quad = 0;
    let logDets = 0;
    for (let i = 0; i < n; i++) {
      quad += delta.data[i] * kd[i];
      logDets += 2 * Math.log(c[i * n + i]) - 2 * Math.log(Math.abs(lower[i * n + i]));
    }
    return { kInv, p, kd, value: 0.5 * (trace + quad - n + logDets) };
  });
  const out = f64(Float64Array.of(value), []);
  return record(out, 'gaussianKl', [k, delta, l], (g) => {
    const s = g.data[0];
    const ppt = T.matmul(p, p, { transB: true }).data; // K⁻¹ S K⁻¹
    const gk = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) gk[i * n + j] = 0.5 * s * (kInv.data[i * n + j] - ppt[i * n + j] - kd[i] * kd[j]);
    }
    const gl = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) gl[i * n + j] = s * p.data[i * n + j];
      gl[i * n + i] = s * (p.data[i * n + i] - 1 / lower[i * n + i]);
    }
    return [f64(gk, [n, n]), f64(Float64Array.from(kd, (v) => s * v), [...delta.shape]), f64(gl, [n, n])];
  });
}
