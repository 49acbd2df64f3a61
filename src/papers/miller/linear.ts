// Miller, O'Neill & Bui 2024 (src/papers/miller/README.md §1): grokking in linear regression. Two training
// points, three spurious features; with the Gaussian-prior complexity term the sign accuracy on
// the 98 validation points lags the (immediately perfect) training accuracy by ~1e3 steps.
import { millerLinearConfig } from './presets.js';
import { claim, fullFormOnly, withinSpread, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { runGrid } from '../grid.js';
import { firstCrossing, meanCurve, valueAt, writeCurves } from './gp-figures.js';

const SEEDS = [0, 1, 2, 3, 4];
/** Validation accuracy that ends the lag (the paper's figure: caught up by ≈ 2e3 steps). */
const CAUGHT_UP = 0.9;

/** One seed's validation accuracy by step. */
export interface SeedCurve {
  steps: number[];
  test: number[];
}

const seedCurves = (run: { evals: readonly { step: number; metrics: Readonly<Record<string, number>> }[] }): SeedCurve => ({
  steps: run.evals.map((e) => e.step),
  test: run.evals.map((e) => e.metrics.test_acc),
});
const caughtUp = (c: SeedCurve) => c.steps.find((_, i) => c.test[i] >= CAUGHT_UP) ?? null;

/**
 * The checks, seed by seed (pure: the test feeds it seeds that must fail): with the complexity
 * term every seed's validation accuracy catches up, at a step compared with the paper's by the
 * mean ± 95 % CI over seeds; without it, the paper says none grok, and each seed is counted.
 */
export function judgeLinear(
  withTerm: readonly SeedCurve[],
  without: readonly SeedCurve[],
  o: { quick: boolean; ablationSteps: number; lagAt20: { train: number; test: number } },
): Comparison[] {
  const caught = withTerm.map(caughtUp);
  const reached = caught.filter((t): t is number => t !== null);
  const ablation = without.map(caughtUp);
  const grokkedWithout = ablation.filter((t) => t !== null).length;
  return [
    claim(
      'at step 20 validation lags: mean validation below mean train',
      'validation lags from ≈ 20 steps',
      o.lagAt20.test < o.lagAt20.train,
      `train ${o.lagAt20.train.toFixed(2)}, validation ${o.lagAt20.test.toFixed(2)}`,
    ),
    claim(
      `with the complexity term every seed's validation accuracy reaches ${CAUGHT_UP}`,
      'caught up by ≈ 2e3 steps',
      reached.length === caught.length,
      `${reached.length} of ${caught.length} seeds: ${caught.map((t) => t ?? 'never').join(', ')}`,
    ),
    fullFormOnly(
      o.quick,
      withinSpread(
        `step at which validation accuracy reaches ${CAUGHT_UP}, per seed`,
        '≈ 1e3–2e3 (lags from ≈ 20 to 1e3, caught up by ≈ 2e3)',
        [1e3, 2e3],
        reached,
      ),
      "2000 steps end where the paper's lag ends",
    ),
    fullFormOnly(
      o.quick,
      claim(
        `without the complexity term no seed's validation accuracy reaches ${CAUGHT_UP} (${o.ablationSteps} steps)`,
        'no grokking even at 1e6 steps',
        grokkedWithout === 0,
        `${grokkedWithout} of ${ablation.length} seeds reach it (steps ${ablation.map((t) => t ?? 'never').join(', ')})`,
        `${grokkedWithout} of ${ablation.length} seeds reach validation accuracy ${CAUGHT_UP} without the complexity term: the paper's statement holds for the seed mean, not for every seed`,
      ),
      "its 2000 steps are not the paper's 1e6",
    ),
  ];
}

export const millerLinear: Reproduction = {
  name: 'miller-linear',
  title: 'Miller et al.: grokking in linear regression with spurious features',
  source: 'Miller, O\'Neill, Bui 2024, "Grokking beyond neural networks", linear regression (§1 of src/papers/miller/README.md)',
  async run({ quick, out, log }) {
    const steps = quick ? 2000 : 5000;
    // The paper's ablation ran to 1e6 steps; ours to 1e5 (full) or the grokking runs' budget (quick).
    const ablationSteps = quick ? 2000 : 100_000;
    const withTerm = await runGrid(
      'complexity',
      SEEDS.map((seed) => ({ id: `seed=${seed}`, params: { seed }, config: millerLinearConfig({ seed, steps }) })),
      { out, log },
    );
    const without = await runGrid(
      'no-complexity',
      SEEDS.map((seed) => ({ id: `seed=${seed}`, params: { seed }, config: millerLinearConfig({ seed, steps: ablationSteps, complexity: false }) })),
      { out, log },
    );

    const train = meanCurve(withTerm, 'train_acc');
    const test = meanCurve(withTerm, 'test_acc');
    const tMem = firstCrossing(train, 1);
    const lagAt20 = { train: valueAt(train, 20), test: valueAt(test, 20) };
    const comparisons: Comparison[] = [
      claim('mean train accuracy reaches 1 within ≈ 20 steps', 'by ≈ 20 steps', tMem !== null && tMem <= 20, tMem === null ? 'not reached' : `step ${tMem}`),
      ...judgeLinear(
        withTerm.map((r) => seedCurves(r)),
        without.map((r) => seedCurves(r)),
        { quick, ablationSteps, lagAt20 },
      ),
    ];
    const series = (runs: typeof withTerm) => [
      { name: 'train', points: meanCurve(runs, 'train_acc') },
      { name: 'validation', points: meanCurve(runs, 'test_acc') },
    ];
    const terms = (runs: typeof withTerm) => [
      { name: 'data fit (SSE/σ²/n)', points: meanCurve(runs, 'train_loss') },
      { name: 'complexity (Σw²/σ_p²/n)', points: meanCurve(runs, 'complexity') },
    ];
    const plots = [
      await writeCurves(
        out,
        'linear',
        'Linear regression: validation accuracy catches up only with the complexity term',
        `mean of seeds 0–4; SGD lr 1e-3; left: loss with Σw²/0.5, right: without`,
        [
          [
            { series: series(withTerm), yTitle: 'sign accuracy', yDomain: [0, 1] },
            { series: series(without), yTitle: 'sign accuracy (no complexity term)', yDomain: [0, 1] },
          ],
          [
            { series: terms(withTerm), yTitle: 'objective terms (log)', yLog: true },
            { series: terms(without), yTitle: 'terms (complexity not optimized)', yLog: true },
          ],
        ],
      ),
    ];
    const notes = [
      "Our data: x drawn by groklab's Threefry PRNG per seed (the paper used numpy's), so individual seeds differ from the paper's; the checks are made seed by seed, the figure shows the seed means as the paper's does.",
      "Replaying the paper's loop in numpy on its own data (np.random.seed(s), x = rand(100, 1) − 0.5, s = 0–4) gives a mean validation accuracy of 0.48 at step 20, 0.97 at 1e3 and 0.99 at 5e3 with the complexity term, and 0.58 (flat from 1e3 to 1e5) without it — seed 2 alone reaches 0.92 without it: the ablation is a statement about the mean.",
      "Accuracy is sign agreement (ŷ > 0 ⇔ y > 0) on the 2 training and 98 validation points; the train point is evaluated after the step, not before it as in the paper's loop (one step apart).",
      quick
        ? 'Quick: 2000 steps for both arms (paper: 5000, and 1e6 for the ablation).'
        : 'The ablation without the complexity term runs 1e5 steps (paper: 1e6); its validation accuracy is flat from ≈ 2e3 steps on.',
    ];
    return { comparisons, plots, runs: [...withTerm, ...without].map((r) => r.dir), notes };
  },
};
