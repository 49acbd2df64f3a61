// The objectives of the estimation tasks over a leading ensemble axis: every member's θ is
// scored against the same data. The loss is g(θ) (a sum, as in Tikeng Notsawo et al.); the
// metrics are their relative train error and relative recovery ("test") error, and the norms.
import { backend } from '../kernels/index.js';
import { numericalRank } from '../metrics/rank.js';
import type { Metrics } from '../metrics/types.js';
import { singularValues } from '../tensor/index.js';
import type { MatrixCompletionData } from './matrix-completion.js';
import type { MatrixSensingData } from './matrix-sensing.js';
import type { SparseRecoveryData } from './sparse-recovery.js';

export interface EstimationProblem {
  /** elements of θ per member */
  readonly size: number;
  /** shape of θ: [n] or [rows, cols] */
  readonly shape: readonly number[];
  /** losses[e] = g(θ_e) and grad [E, size] = ∂g/∂θ for the E members of θ [E, size] */
  lossAndGrad(theta: Float64Array, members: number, grad: Float64Array, losses: Float64Array): void;
  /** the metrics of one member's θ [size] */
  metrics(theta: Float64Array): Metrics;
}

const norm = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/**
 * g(θ) = ½‖Xθ − y‖² for X [N, size]: residuals R = Θ Xᵀ − y and gradients R X for all members in
 * one backend call; `fit` is one member's ½‖Xθ − y‖².
 */
function leastSquaresObjective(X: Float64Array, y: Float64Array, size: number): Pick<EstimationProblem, 'lossAndGrad'> & { fit(theta: Float64Array): number } {
  const N = y.length;
  let residual = new Float64Array(N);
  return {
    lossAndGrad(theta, members, grad, losses) {
      if (residual.length < members * N) residual = new Float64Array(members * N);
      backend().leastSquares(theta, X, y, members, N, size, residual, grad, losses);
    },
    fit(theta) {
      const loss = new Float64Array(1);
      backend().leastSquares(theta, X, y, 1, N, size, new Float64Array(N), new Float64Array(size), loss);
      return loss[0];
    },
  };
}

/** g(a) = ½‖Xa − y‖² over a ∈ ℝⁿ; the test error is the recovery error of a*. */
export function sparseRecoveryProblem(data: SparseRecoveryData): EstimationProblem {
  const { n, X, y, aStar, support } = data;
  const yNorm = norm(y);
  const aNorm = norm(aStar);
  const onSupport = new Uint8Array(n);
  for (const j of support) onSupport[j] = 1;
  const objective = leastSquaresObjective(X, y, n);
  return {
    size: n,
    shape: [n],
    lossAndGrad: objective.lossAndGrad,
    metrics(theta) {
      const loss = objective.fit(theta);
      let recovery = 0;
      let l1 = 0;
      let offMax = 0;
      for (let j = 0; j < n; j++) {
        recovery += (theta[j] - aStar[j]) ** 2;
        l1 += Math.abs(theta[j]);
        if (!onSupport[j]) offMax = Math.max(offMax, Math.abs(theta[j]));
      }
      const m: Metrics = {
        train_loss: loss,
        train_error: Math.sqrt(2 * loss) / yNorm,
        test_error: Math.sqrt(recovery) / aNorm,
        norm_l1: l1,
        norm_l2: norm(theta),
        off_support_max: offMax,
      };
      for (const j of support) m[`a_${j}`] = theta[j];
      return m;
    },
  };
}

/** Relative to σ₁: singular values below this count as zero in the reported rank. */
export const RANK_TOLERANCE = 1e-3;

/** g(A) = ½ Σ_{(i,j) observed} (A_ij − A*_ij)²; the test set is every unobserved entry. */
export function matrixCompletionProblem(data: MatrixCompletionData): EstimationProblem {
  const { rows, cols, aStar, mask } = data;
  const size = rows * cols;
  let observedNorm = 0;
  let hiddenNorm = 0;
  for (let i = 0; i < size; i++) {
    if (mask[i]) observedNorm += aStar[i] ** 2;
    else hiddenNorm += aStar[i] ** 2;
  }
  observedNorm = Math.sqrt(observedNorm);
  hiddenNorm = Math.sqrt(hiddenNorm);
  return {
    size,
    shape: [rows, cols],
    lossAndGrad(theta, members, grad, losses) {
      for (let e = 0; e < members; e++) {
        let loss = 0;
        for (let i = e * size, t = 0; t < size; i++, t++) {
          const r = mask[t] ? theta[i] - aStar[t] : 0;
          grad[i] = r;
          loss += r * r;
        }
        losses[e] = 0.5 * loss;
      }
    },
    metrics(theta) {
      let fit = 0;
      let hidden = 0;
      for (let t = 0; t < size; t++) {
        const r = (theta[t] - aStar[t]) ** 2;
        if (mask[t]) fit += r;
        else hidden += r;
      }
      return {
        train_loss: 0.5 * fit,
        train_error: Math.sqrt(fit) / observedNorm,
        test_error: Math.sqrt(hidden) / hiddenNorm,
        ...spectralMetrics(theta, rows, cols),
      };
    },
  };
}

/** ‖A‖_*, ‖A‖_F, the numerical rank and every singular value sv_i of a [rows, cols] matrix. */
function spectralMetrics(theta: Float64Array, rows: number, cols: number): Metrics {
  const sv = singularValues({ data: theta, shape: [rows, cols] });
  const m: Metrics = { norm_nuclear: sv.reduce((a, b) => a + b, 0), norm_l2: norm(theta), rank: numericalRank(sv, RANK_TOLERANCE * sv[0]) };
  sv.forEach((s, i) => (m[`sv_${i + 1}`] = s));
  return m;
}

/** g(A) = ½ Σ_k (⟨M_k, A⟩ − y_k)²: least squares over vec(A); the test error is ‖A − A*‖_F / ‖A*‖_F. */
export function matrixSensingProblem(data: MatrixSensingData): EstimationProblem {
  const { rows, cols, aStar, X, y } = data;
  const size = rows * cols;
  const yNorm = norm(y);
  const aNorm = norm(aStar);
  const objective = leastSquaresObjective(X, y, size);
  return {
    size,
    shape: [rows, cols],
    lossAndGrad: objective.lossAndGrad,
    metrics(theta) {
      const loss = objective.fit(theta);
      let recovery = 0;
      for (let i = 0; i < size; i++) recovery += (theta[i] - aStar[i]) ** 2;
      return { train_loss: loss, train_error: Math.sqrt(2 * loss) / yNorm, test_error: Math.sqrt(recovery) / aNorm, ...spectralMetrics(theta, rows, cols) };
    },
  };
}
