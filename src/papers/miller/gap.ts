// The grokking gap in epochs and its exponential fit, as Miller, O'Neill & Bui 2024 compute
// them (their tiny-gen code, experiment_grokking_via_concealment): the first epoch whose
// accuracy is strictly above 0.95, for validation minus for training, a curve that never gets
// there counting as the number of epochs; then Δ = b·exp(a·l) by least squares on ln Δ with
// ln Δ := 0 for Δ ≤ 0, and Pearson's r of (l, ln Δ) with its two-sided p-value.
import { fitLine } from '../../metrics/fit.js';
import { pearsonPValue } from '../../metrics/student-t.js';
import type { EvalEvent } from '../../runs/events.js';

/** The paper's threshold on train and validation accuracy. */
export const GAP_THRESHOLD = 0.95;

/**
 * The 0-based epoch (the paper's list index) of the first evaluation after an epoch with
 * `metric` > threshold, or `epochs` if none. Evaluations must sit at epoch ends: step = (e+1)·spe.
 * The evaluation of the initialization (step 0) is not an epoch and is skipped.
 */
export function firstEpochAbove(evals: readonly EvalEvent[], metric: string, threshold: number, stepsPerEpoch: number, epochs: number): number {
  for (const e of evals) {
    if (e.step === 0) continue;
    if (e.step % stepsPerEpoch !== 0) throw new Error(`firstEpochAbove: evaluation at step ${e.step} is not at the end of an epoch of ${stepsPerEpoch} steps`);
    if ((e.metrics[metric] ?? NaN) > threshold) return e.step / stepsPerEpoch - 1;
  }
  return epochs;
}

export interface Gap {
  /** first epoch with train accuracy > threshold (or `epochs`) */
  train: number;
  /** the same for validation */
  validation: number;
  /** validation − train, in epochs */
  gap: number;
}

export function grokkingGap(evals: readonly EvalEvent[], stepsPerEpoch: number, epochs: number, threshold = GAP_THRESHOLD): Gap {
  const train = firstEpochAbove(evals, 'train_acc', threshold, stepsPerEpoch, epochs);
  const validation = firstEpochAbove(evals, 'test_acc', threshold, stepsPerEpoch, epochs);
  return { train, validation, gap: validation - train };
}

export interface ExponentialGapFit {
  /** Δ ≈ b·exp(a·l) */
  a: number;
  b: number;
  /** Pearson's r of (l, ln Δ) and its two-sided p-value */
  r: number;
  p: number;
  n: number;
}

/** Their fit: every point counts, a gap ≤ 0 with ln Δ = 0. */
export function fitGapExponential(lengths: readonly number[], gaps: readonly number[]): ExponentialGapFit {
  const logs = gaps.map((g) => (g > 0 ? Math.log(g) : 0));
  const { slope, intercept, r, n } = fitLine(lengths, logs);
  return { a: slope, b: Math.exp(intercept), r, p: pearsonPValue(r, n), n };
}
