// KL(N(μ + δ, S) ‖ N(μ, K)) with S = L·Lᵀ, as one differentiable op: the complexity term of the
// variational GP. Composed from the engine's Cholesky and triangular-solve ops it would cost
// several O(n³) passes in plain loops per step; here the factor and its inverse come from a
// recursive blocked Cholesky and every O(n³) product is a GEMM, which makes the paper's
// n = 1000 trainable.
import { record } from '../../tensor/autograd.js';
import { checkFinite, checkMatrix, checkSymmetric } from '../../tensor/linalg/check.js';
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

/** Below this size the plain loops; above, the recursion's products are GEMMs. */
const BLOCK = 128;

/** Rows [r0, r0 + rows) × columns [c0, c0 + cols) of an n-wide row-major matrix. */
function block(a: Float64Array, n: number, r0: number, c0: number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) out.set(a.subarray((r0 + i) * n + c0, (r0 + i) * n + c0 + cols), i * cols);
  return out;
}

function place(target: Float64Array, n: number, r0: number, c0: number, src: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) target.set(src.subarray(i * cols, (i + 1) * cols), (r0 + i) * n + c0);
}

const gemm = (a: Float64Array, [m, k]: number[], b: Float64Array, [k2, n]: number[], transB = false): Float64Array =>
  T.matmul(f64(a, [m, k]), f64(b, [k2, n]), { transB }).data as Float64Array;

/**
 * C = chol(A) and C⁻¹ together by recursion on 2×2 blocks [[A₁₁, ·], [A₂₁, A₂₂]]: C₁₁ = chol(A₁₁),
 * C₂₁ = A₂₁C₁₁⁻ᵀ, C₂₂ = chol(A₂₂ − C₂₁C₂₁ᵀ), (C⁻¹)₂₁ = −C₂₂⁻¹C₂₁C₁₁⁻¹ — every O(n³) product a GEMM.
 */
function choleskyAndInverse(a: Float64Array, n: number): { c: Float64Array; cInv: Float64Array } {
  if (n <= BLOCK) {
    const c = choleskyFactor('gaussianKl', f64(a, [n, n]));
    return { c, cInv: lowerInverse(c, n) };
  }
  const h = n >> 1;
  const r = n - h;
  const top = choleskyAndInverse(block(a, n, 0, 0, h, h), h);
  const c21 = gemm(block(a, n, h, 0, r, h), [r, h], top.cInv, [h, h], true);
  const update = gemm(c21, [r, h], c21, [r, h], true);
  const schur = block(a, n, h, h, r, r);
  // NOTE: symmetrized exactly: the GEMM need not round (i, j) and (j, i) alike.
  for (let i = 0; i < r; i++)
    for (let j = 0; j <= i; j++) schur[i * r + j] = schur[j * r + i] = schur[i * r + j] - 0.5 * (update[i * r + j] + update[j * r + i]);
  const bottom = choleskyAndInverse(schur, r);
  const inv21 = gemm(gemm(bottom.cInv, [r, r], c21, [r, h]), [r, h], top.cInv, [h, h]);
  const c = new Float64Array(n * n);
  const cInv = new Float64Array(n * n);
  place(c, n, 0, 0, top.c, h, h);
  place(c, n, h, 0, c21, r, h);
  place(c, n, h, h, bottom.c, r, r);
  place(cInv, n, 0, 0, top.cInv, h, h);
  place(
    cInv,
    n,
    h,
    0,
    inv21.map((v) => -v),
    r,
    h,
  );
  place(cInv, n, h, h, bottom.cInv, r, r);
  return { c, cInv };
}

/**
 * ½ [tr(K⁻¹S) + δᵀK⁻¹δ − n + log|K| − log|S|] for symmetric positive definite K [n, n],
 * δ [n] and L [n, n], of which only the lower triangle is read (S = L·Lᵀ; the diagonal may
 * have either sign, as in gpytorch's CholeskyVariationalDistribution). Gradients:
 * ∂/∂K = ½ (K⁻¹ − K⁻¹(S + δδᵀ)K⁻¹), ∂/∂δ = K⁻¹δ, ∂/∂L = tril(K⁻¹L) − diag(1/L_ii).
 */
export function gaussianKl(k: T.Tensor, delta: T.Tensor, l: T.Tensor): T.Tensor {
  const n = k.shape[0];
  if (delta.size !== n || l.shape[0] !== n || l.shape[1] !== n)
    throw new T.TensorError('gaussianKl', `needs K [n, n], δ [n] and L [n, n], got [${k.shape}], [${delta.shape}], [${l.shape}]`);
  checkMatrix('gaussianKl', k, true);
  checkFinite('gaussianKl', k);
  checkSymmetric('gaussianKl', k, n);
  const { c, cInv: cInvData } = T.noGrad(() => choleskyAndInverse(k.data as Float64Array, n));
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lower[i * n + j] = l.data[i * n + j];
  const { kInv, p, kd, value } = T.noGrad(() => {
    const cInv = f64(cInvData, [n, n]);
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
    return [
      f64(gk, [n, n]),
      f64(
        Float64Array.from(kd, (v) => s * v),
        [...delta.shape],
      ),
      f64(gl, [n, n]),
    ];
  });
}
