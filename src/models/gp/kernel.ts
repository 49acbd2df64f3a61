// The scaled RBF kernel of gpytorch's ScaleKernel(RBFKernel(ard_num_dims)), as Miller et al.
// use it: k(a, b) = σ_f² · exp(−½ Σ_d (a_d − b_d)² / ℓ_d²).
import * as T from '../../tensor/index.js';

/**
 * K [n, m] between the rows of a [n, d] and b [m, d] (b = null: a with itself, exactly
 * symmetric). `lengthscale` is [1] (shared) or [d] (ARD); `outputscale` [1] is the variance σ_f².
 * Squared distances come from one GEMM: |a|² + |b|² − 2·a·bᵀ on the inputs divided by ℓ.
 */
export function scaledRbf(a: T.Tensor, b: T.Tensor | null, lengthscale: T.Tensor, outputscale: T.Tensor): T.Tensor {
  const [n] = a.shape;
  const sa = T.div(a, lengthscale);
  const sb = b === null ? sa : T.div(b, lengthscale);
  const m = sb.shape[0];
  const na = T.reshape(T.sum(T.square(sa), 1), [n, 1]);
  const nb = T.reshape(T.sum(T.square(sb), 1), [1, m]);
  let d2 = T.sub(T.add(na, nb), T.mul(T.matmul(sa, sb, { transB: true }), 2));
  // NOTE: a GEMM need not round (i, j) and (j, i) alike, and Cholesky insists on symmetry.
  if (b === null) d2 = T.mul(T.add(d2, T.transpose(d2)), 0.5);
  return T.mul(T.exp(T.mul(d2, -0.5)), outputscale);
}

/** The identity [n, n] in float64, scaled: the noise or jitter on a kernel's diagonal. */
export function scaledEye(n: number, scale = 1): T.Tensor {
  const eye = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = scale;
  return T.tensor(eye, [n, n]);
}
