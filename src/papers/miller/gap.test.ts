import { describe, expect, it } from 'vitest';
import type { EvalEvent } from '../../runs/events.js';
import { firstEpochAbove, fitGapExponential, grokkingGap } from './gap.js';

const evals = (train: number[], test: number[], spe = 10): EvalEvent[] => [
  { event: 'eval', step: 0, wall_s: 0, metrics: { train_acc: 0.99, test_acc: 0.99 } },
  ...train.map((t, i) => ({ event: 'eval' as const, step: (i + 1) * spe, wall_s: 0, metrics: { train_acc: t, test_acc: test[i] } })),
];

describe('grokking gap', () => {
  it('first epoch strictly above 0.95 (0-based, the initialization skipped), never → epochs', () => {
    const e = evals([0.5, 0.95, 0.96, 1], [0.1, 0.2, 0.3, 0.951]);
    expect(firstEpochAbove(e, 'train_acc', 0.95, 10, 4)).toBe(2);
    expect(grokkingGap(e, 10, 4)).toEqual({ train: 2, validation: 3, gap: 1 });
    expect(grokkingGap(evals([0.96, 1], [0.5, 0.5]), 10, 500)).toEqual({ train: 0, validation: 500, gap: 500 });
    expect(() => firstEpochAbove(evals([0.5], [0.5], 10).concat([{ event: 'eval', step: 15, wall_s: 0, metrics: {} }]), 'train_acc', 0.95, 10, 5)).toThrow(
      /end of an epoch/,
    );
  });

  it('fits Δ = b·exp(a·l) on ln Δ, with ln Δ = 0 for Δ ≤ 0', () => {
    const ls = [0, 10, 20, 30];
    const fit = fitGapExponential(
      ls,
      ls.map((l) => 3 * Math.exp(0.1 * l)),
    );
    expect(fit.a).toBeCloseTo(0.1, 12);
    expect(fit.b).toBeCloseTo(3, 10);
    expect(fit.r).toBeCloseTo(1, 12);
    // numpy.polyfit([0, 10, 20], [0, 0, log 100], 1): slope = log(100)/20, intercept = −log(100)/6.
    const clipped = fitGapExponential([0, 10, 20], [-3, 0, 100]);
    expect(clipped.a).toBeCloseTo(Math.log(100) / 20, 12);
    expect(clipped.b).toBeCloseTo(Math.exp(-Math.log(100) / 6), 12);
    expect(clipped.p).toBeGreaterThan(0);
  });
});
