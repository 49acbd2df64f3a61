// Thin SVD by one-sided Jacobi (Hestenes 1958): rotate pairs of columns until all are mutually
// orthogonal. Demmel & Veselić (1992, "Jacobi's method is more accurate than QR") show it finds
// small singular values to high relative accuracy where bidiagonal QR may not.
import { backend } from '../../kernels/index.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkFinite, checkMatrix, type MatrixLike } from './check.js';

const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

// Scratch reused across calls: the nuclear-norm experiments run millions of small SVDs, and
// allocating per call would dominate. Safe because nothing here calls back into user code.
let W = new Float64Array(0);
let V = new Float64Array(0);
let NORMS = new Float64Array(0);
let F = new Float64Array(0);
let SCALES = new Float64Array(0);
let NEGLIGIBLE = new Float64Array(0);
let SWEEPS = new Int32Array(0);

/**
 * Each of the `batch` matrices M_k (r × c, r ≥ c) is A_k, or A_kᵀ when flip: W holds
 * M_k·V_k/SCALES[k] (SCALES[k] = max|A_k|) at k·r·c, so σ_kj = NORMS[k·c + j]·SCALES[k].
 */
interface Sweep {
  batch: number;
  r: number;
  c: number;
  flip: boolean;
}

const grow = (a: Float64Array<ArrayBuffer>, n: number) => (a.length < n ? new Float64Array(n) : a);

/** Orthogonalizes the columns of every M_k (column-major in W), accumulating V_k = Π rotations if asked. */
function orthogonalize(op: string, a: Float64Array, batch: number, m: number, n: number, wantV: boolean): Sweep {
  const flip = m < n;
  const r = flip ? n : m;
  const c = flip ? m : n;
  const size = r * c;
  W = grow(W, batch * size);
  V = grow(V, batch * c * c);
  NORMS = grow(NORMS, batch * c);
  SCALES = grow(SCALES, batch);
  NEGLIGIBLE = grow(NEGLIGIBLE, batch);
  if (SWEEPS.length < batch) SWEEPS = new Int32Array(batch);
  for (let k = 0, off = 0; k < batch; k++, off += size) {
    let scale = 0;
    for (let i = off; i < off + size; i++) scale = Math.max(scale, Math.abs(a[i]));
    const inv = scale > 0 ? 1 / scale : 0;
    // NOTE: scaling to max|a| = 1 keeps the squared column norms below from overflowing or underflowing.
    // Column j of M is row j of A when flipped (already contiguous), else column j of A.
    for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) W[off + j * r + i] = (flip ? a[off + j * n + i] : a[off + i * n + j]) * inv;
    // NOTE: a rank-deficient A leaves columns of pure rounding noise (norm below ε·‖A‖_F). Every
    // rotation perturbs the large columns by ε·‖A‖, more than such a column's whole norm, so the
    // relative criterion can never hold for it and the sweeps would not end: noise columns are not
    // rotated, and count as null (σ below ε·‖A‖_F, the limit of any backward-stable SVD).
    let frob2 = 0;
    for (let i = off; i < off + size; i++) frob2 += W[i] * W[i];
    SCALES[k] = scale;
    NEGLIGIBLE[k] = EPS * EPS * frob2;
  }
  if (wantV) for (let j = 0; j < batch * c * c; j++) V[j] = (j % (c * c)) % (c + 1) === 0 ? 1 : 0;
  // NOTE: rotate while |w_p·w_q| > tol·‖w_p‖‖w_q‖ with tol = r·ε (Demmel & Veselić's relative
  // criterion: it ignores the columns' scale, which is what lets tiny σ keep relative accuracy).
  // The sweeps are the hot loop of every nuclear-norm step: a backend kernel, all matrices at once.
  const sweeps = SWEEPS.subarray(0, batch);
  backend().jacobiSweeps(W.subarray(0, batch * size), batch, r, c, wantV ? V.subarray(0, batch * c * c) : null, r * EPS, NEGLIGIBLE, MAX_SWEEPS, sweeps);
  const failed = sweeps.indexOf(-1);
  if (failed >= 0)
    throw new TensorError(
      op,
      `one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps for ${fmtShape([m, n])}${batch > 1 ? ` (matrix ${failed} of ${batch})` : ''}`,
    );
  for (let k = 0; k < batch * c; k++) {
    let s = 0;
    for (let i = k * r; i < (k + 1) * r; i++) s += W[i] ** 2;
    NORMS[k] = Math.sqrt(s);
  }
  return { batch, r, c, flip };
}

/** One matrix: the scale max|A| and the noise level below which a column is null. */
function prepare(op: string, a: MatrixLike, wantV: boolean): Sweep & { scale: number; noise: number } {
  const [m, n] = checkMatrix(op, a, false);
  checkFinite(op, a);
  return { ...orthogonalize(op, a.data as Float64Array, 1, m, n, wantV), scale: SCALES[0], noise: Math.sqrt(NEGLIGIBLE[0]) };
}

/** Column indices of W by descending norm. */
function descending(c: number): number[] {
  return Array.from({ length: c }, (_, j) => j).sort((p, q) => NORMS[q] - NORMS[p]);
}

/**
 * Thin SVD of a row-major m×n array: A = U·diag(s)·Vᵀ with u [m, k], s [k] descending, v [n, k],
 * k = min(m, n), all row-major. U and V have orthonormal columns even when A is rank-deficient.
 */
export function svdRaw(data: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  return svdOf('svdRaw', { data, shape: [m, n] });
}

function svdOf(op: string, a: MatrixLike): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const { r, c, flip, scale, noise } = prepare(op, a, true);
  const order = descending(c);
  const s = new Float64Array(c);
  const left = new Float64Array(r * c);
  const right = new Float64Array(c * c);
  order.forEach((j, jj) => {
    s[jj] = NORMS[j] * scale;
    for (let i = 0; i < c; i++) right[i * c + jj] = V[j * c + i];
    if (NORMS[j] <= noise) return completeColumn(left, r, c, jj);
    for (let i = 0; i < r; i++) left[i * c + jj] = W[j * r + i] / NORMS[j];
  });
  // M = left·Σ·rightᵀ; when M = Aᵀ the roles of U and V swap.
  return flip ? { u: right, s, v: left } : { u: left, s, v: right };
}

/**
 * A null column has no direction: fill column jj of U (r × k) with the unit vector e_i that
 * is least covered by columns 0..jj−1 (residual² = 1 − ‖row i‖² ≥ (r−jj)/r), orthogonalized twice.
 */
function completeColumn(u: Float64Array, r: number, k: number, jj: number): void {
  let best = 0;
  let bestResidual = -1;
  for (let i = 0; i < r; i++) {
    let res = 1;
    for (let j = 0; j < jj; j++) res -= u[i * k + j] ** 2;
    if (res > bestResidual) [best, bestResidual] = [i, res];
  }
  for (let i = 0; i < r; i++) u[i * k + jj] = i === best ? 1 : 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < jj; j++) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot += u[i * k + j] * u[i * k + jj];
      for (let i = 0; i < r; i++) u[i * k + jj] -= dot * u[i * k + j];
    }
  }
  let norm = 0;
  for (let i = 0; i < r; i++) norm += u[i * k + jj] ** 2;
  for (let i = 0; i < r; i++) u[i * k + jj] /= Math.sqrt(norm);
}

/** Thin SVD of a float64 matrix [m, n]: u [m, k], s [k] (descending, ≥ 0), v [n, k]. Not differentiable. */
export function svd(a: Tensor): { u: Tensor; s: Tensor; v: Tensor } {
  const { u, s, v } = svdOf('svd', a);
  const k = s.length;
  return { u: new Tensor(u, [a.shape[0], k]), s: new Tensor(s, [k]), v: new Tensor(v, [a.shape[1], k]) };
}

/** Singular values, descending (skips accumulating V). */
export function singularValues(a: MatrixLike): Float64Array {
  const { c, scale } = prepare('singularValues', a, false);
  return Float64Array.from(descending(c), (j) => NORMS[j] * scale);
}

/** ‖A‖_* = Σ σ_i. */
export function nuclearNorm(a: MatrixLike): number {
  const { c, scale } = prepare('nuclearNorm', a, false);
  let total = 0;
  for (let j = 0; j < c; j++) total += NORMS[j];
  return total * scale;
}

/** A batch of matrices [..., m, n] (at least 2 axes) in Float64, all finite: [batch, m, n]. */
function checkMatrices(op: string, a: MatrixLike): [number, number, number] {
  const shape = a.shape;
  const batch = shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (!(a.data instanceof Float64Array) || shape.length < 2 || a.data.length !== batch * shape[shape.length - 2] * shape[shape.length - 1]) {
    const dtype = a.data instanceof Float64Array ? 'float64' : 'float32';
    throw new TensorError(op, `needs float64 matrices [..., m, n], got ${dtype} ${fmtShape(shape)}`);
  }
  checkFinite(op, a);
  return [batch, shape[shape.length - 2], shape[shape.length - 1]];
}

/**
 * Σ_j coef(σ_kj, σ_k,max, k)·u_kj v_kjᵀ for every matrix k into out (row-major like A),
 * straight from W_k = M_k·V_k: u_kj = w_kj/‖w_kj‖. With F_k = diag(coef/‖w_kj‖)·W_kᵀ (c × r)
 * and V_k's rows: M-shaped F_kᵀ·V_k, or A-shaped (M = Aᵀ) V_kᵀ·F_k — one batched GEMM.
 */
function spectralSum(op: string, a: MatrixLike, coef: (sigma: number, sigmaMax: number, k: number) => number, out?: Float64Array): Float64Array {
  const [batch, m, n] = checkMatrices(op, a);
  const { r, c, flip } = orthogonalize(op, a.data as Float64Array, batch, m, n, true);
  const size = r * c;
  const res = out ?? new Float64Array(batch * size);
  if (res.length !== batch * size) throw new TensorError(op, `out has ${res.length} elements, ${fmtShape(a.shape)} needs ${batch * size}`);
  F = grow(F, batch * size);
  for (let k = 0; k < batch; k++) {
    const scale = SCALES[k];
    let sigmaMax = 0;
    for (let j = k * c; j < (k + 1) * c; j++) sigmaMax = Math.max(sigmaMax, NORMS[j] * scale);
    for (let j = k * c; j < (k + 1) * c; j++) {
      const f = NORMS[j] > 0 ? coef(NORMS[j] * scale, sigmaMax, k) / NORMS[j] : 0;
      for (let x = j * r; x < (j + 1) * r; x++) F[x] = f * W[x];
    }
  }
  const [f, v] = [F.subarray(0, batch * size), V.subarray(0, batch * c * c)];
  const product = { transA: true, transB: false, k: c, accumulate: false, batch, c: res, strideC: size };
  backend().gemm(
    flip ? { ...product, m: c, n: r, a: v, b: f, strideA: c * c, strideB: size } : { ...product, m: r, n: c, a: f, b: v, strideA: size, strideB: c * c },
  );
  return res;
}

/**
 * Singular-value soft-thresholding U·max(Σ − τ, 0)·Vᵀ, the proximal map of τ‖·‖_* (Cai, Candès
 * & Shen 2010), of A [m, n] or of every matrix of a batch [..., m, n] (τ one number, or one per
 * matrix). Returns row-major data shaped like A, written into `out` when given (a.data works: in place).
 */
export function svt(a: MatrixLike, tau: number | ArrayLike<number>, out?: Float64Array): Float64Array {
  const taus = typeof tau === 'number' ? [tau] : tau;
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (typeof tau !== 'number' && taus.length !== batch) throw new TensorError('svt', `${taus.length} thresholds for ${batch} matrices ${fmtShape(a.shape)}`);
  for (let k = 0; k < taus.length; k++) if (!(taus[k] >= 0)) throw new TensorError('svt', `threshold τ must be ≥ 0, got ${taus[k]}`);
  const at = typeof tau === 'number' ? () => tau : (k: number) => tau[k];
  return spectralSum('svt', a, (sigma, _max, k) => Math.max(sigma - at(k), 0), out);
}

/**
 * U·Vᵀ over the singular values σ > max(m, n)·ε·σ_max (NumPy's matrix_rank tolerance): the
 * minimum-norm subgradient of ‖A‖_* (zero for A = 0), of A [m, n] or of every matrix of a batch
 * [..., m, n]. NOTE: σ below that tolerance is round-off, and its singular vectors are
 * arbitrary, so including them would make the subgradient noise.
 */
export function nuclearSubgradient(a: MatrixLike, out?: Float64Array): Float64Array {
  const [m, n] = a.shape.slice(-2);
  const tol = Math.max(m, n) * EPS;
  return spectralSum('nuclearSubgradient', a, (sigma, sigmaMax) => (sigma > tol * sigmaMax ? 1 : 0), out);
}
