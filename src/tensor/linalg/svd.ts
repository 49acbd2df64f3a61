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

/** M (r × c, r ≥ c) is A, or Aᵀ when flip; W holds M·V/scale (scale = max|a|), so σ_j = NORMS[j]·scale. */
interface Sweep {
  r: number;
  c: number;
  flip: boolean;
  scale: number;
  noise: number;
}

/** Orthogonalizes the columns of M (column-major in W), accumulating V = Π rotations if asked. */
function orthogonalize(op: string, a: Float64Array, m: number, n: number, wantV: boolean): Sweep {
  const flip = m < n;
  const r = flip ? n : m;
  const c = flip ? m : n;
  if (W.length < r * c) W = new Float64Array(r * c);
  if (V.length < c * c) V = new Float64Array(c * c);
  if (NORMS.length < c) NORMS = new Float64Array(c);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  const inv = scale > 0 ? 1 / scale : 0;
  // NOTE: scaling to max|a| = 1 keeps the squared column norms below from overflowing or underflowing.
  // Column j of M is row j of A when flipped (already contiguous), else column j of A.
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) W[j * r + i] = (flip ? a[j * n + i] : a[i * n + j]) * inv;
  if (wantV) for (let j = 0; j < c * c; j++) V[j] = j % (c + 1) === 0 ? 1 : 0;
  // NOTE: rotate while |w_p·w_q| > tol·‖w_p‖‖w_q‖ with tol = r·ε (Demmel & Veselić's relative
  // criterion: it ignores the columns' scale, which is what lets tiny σ keep relative accuracy).
  const tol = r * EPS;
  // NOTE: a rank-deficient A leaves columns of pure rounding noise (norm below ε·‖A‖_F). Every
  // rotation perturbs the large columns by ε·‖A‖, more than such a column's whole norm, so the
  // relative criterion can never hold for it and the sweeps would not end: noise columns are not
  // rotated, and count as null (σ below ε·‖A‖_F, the limit of any backward-stable SVD).
  let frob2 = 0;
  for (let i = 0; i < r * c; i++) frob2 += W[i] * W[i];
  const negligible = EPS * EPS * frob2;
  // The sweeps are the hot loop of every nuclear-norm step: a backend kernel.
  const sweeps = backend().jacobiSweeps(W.subarray(0, r * c), r, c, wantV ? V.subarray(0, c * c) : null, tol, negligible, MAX_SWEEPS);
  if (sweeps < 0) throw new TensorError(op, `one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps for ${fmtShape([m, n])}`);
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (let i = 0; i < r; i++) s += W[j * r + i] ** 2;
    NORMS[j] = Math.sqrt(s);
  }
  return { r, c, flip, scale, noise: Math.sqrt(negligible) };
}

function prepare(op: string, a: MatrixLike, wantV: boolean): Sweep {
  const [m, n] = checkMatrix(op, a, false);
  checkFinite(op, a);
  return orthogonalize(op, a.data as Float64Array, m, n, wantV);
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

/**
 * Σ_j coef(σ_j)·u_j v_jᵀ into out (row-major like A), straight from W = M·V: u_j = w_j/‖w_j‖.
 * With F = diag(coef(σ_j)/‖w_j‖)·Wᵀ (c × r) and V's rows v_j: M-shaped Fᵀ·V, or A-shaped
 * (M = Aᵀ) Vᵀ·F — one GEMM.
 */
function spectralSum(op: string, a: MatrixLike, coef: (sigma: number, sigmaMax: number) => number, out?: Float64Array): Float64Array {
  const { r, c, flip, scale } = prepare(op, a, true);
  const res = out ?? new Float64Array(r * c);
  if (res.length !== r * c) throw new TensorError(op, `out has ${res.length} elements, ${fmtShape(a.shape)} needs ${r * c}`);
  if (F.length < r * c) F = new Float64Array(r * c);
  let sigmaMax = 0;
  for (let j = 0; j < c; j++) sigmaMax = Math.max(sigmaMax, NORMS[j] * scale);
  for (let j = 0; j < c; j++) {
    const f = NORMS[j] > 0 ? coef(NORMS[j] * scale, sigmaMax) / NORMS[j] : 0;
    for (let x = 0; x < r; x++) F[j * r + x] = f * W[j * r + x];
  }
  const [f, v] = [F.subarray(0, r * c), V.subarray(0, c * c)];
  const product = { transA: true, transB: false, k: c, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0, c: res };
  backend().gemm(flip ? { ...product, m: c, n: r, a: v, b: f } : { ...product, m: r, n: c, a: f, b: v });
  return res;
}

/**
 * Singular-value soft-thresholding U·max(Σ − τ, 0)·Vᵀ, the proximal map of τ‖·‖_* (Cai, Candès
 * & Shen 2010). Returns row-major data shaped like A, written into `out` when given (a.data works: in place).
 */
export function svt(a: MatrixLike, tau: number, out?: Float64Array): Float64Array {
  if (!(tau >= 0)) throw new TensorError('svt', `threshold τ must be ≥ 0, got ${tau}`);
  return spectralSum('svt', a, (sigma) => Math.max(sigma - tau, 0), out);
}

/**
 * U·Vᵀ over the singular values σ > max(m, n)·ε·σ_max (NumPy's matrix_rank tolerance): the
 * minimum-norm subgradient of ‖A‖_* (zero for A = 0). NOTE: σ below that tolerance is round-off,
 * and its singular vectors are arbitrary, so including them would make the subgradient noise.
 */
export function nuclearSubgradient(a: MatrixLike, out?: Float64Array): Float64Array {
  const tol = Math.max(...a.shape) * EPS;
  return spectralSum('nuclearSubgradient', a, (sigma, sigmaMax) => (sigma > tol * sigmaMax ? 1 : 0), out);
}
