// Omnigrok Fig. 3 landscape (§2 of src/papers/omnigrok/README.md): MNIST with the weight norm held fixed,
// over a grid of init scales α and training-set sizes N. With few digits, train loss against
// the norm is an "L" and test loss a "U"; with many, both are U-shaped.
import { claim, fullFormOnly, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { mnistConfig } from './configs.js';
import { landscapeHeatmap, luPlot, type LandscapePoint } from './figures.js';
import { interiorMinimum, landscape, landscapePoints } from './landscape.js';

/** Full grid: 10 α (with the paper's α ≈ 7) × 7 N, 1e4 steps each — about 15 minutes on 2 idle cores. */
const FULL = {
  alphas: [0.1, 0.2, 0.4, 0.7, 1, 1.5, 2.5, 4, 7, 10],
  sizes: [100, 200, 500, 1000, 2000, 4000, 8000],
  steps: 10_000,
  hidden: [200, 200],
  testSize: 2000,
};
const QUICK = { alphas: [0.3, 1, 3, 6], sizes: [100, 2000], steps: 1000, hidden: [100, 100], testSize: 1000 };

/** A fit: train accuracy at least this. */
const FITS = 0.99;

const at = (points: LandscapePoint[], n: number, alpha: number) => points.find((p) => p.trainSize === n && p.alpha === alpha) ?? null;
const error = (p: LandscapePoint | null) => (p === null ? null : 1 - p.testAcc);
const fmt = (line: LandscapePoint[], value: (p: LandscapePoint) => number) => line.map((p) => `α ${p.alpha}: ${value(p).toPrecision(2)}`).join(', ');

/**
 * The landscape's verdict, a pure function of its points: at the smallest N test loss a U and
 * train loss an L; at the largest N both U-shaped; and, in the full form, the paper's four read-off
 * test errors beside ours (shown, not judged: the paper gives one run's curve).
 *
 * The L is read from both ends: its left arm (the smallest α) has a higher best train loss than
 * every α from the test optimum up, and that right arm fits its digits (train accuracy ≥ FITS);
 * accuracy alone cannot tell, since a small-norm network can rank the right digit first while
 * its MSE stays high.
 */
export function judgeMnistLandscape(points: LandscapePoint[], quick: boolean): Comparison[] {
  const sizes = [...new Set(points.map((p) => p.trainSize))].sort((a, b) => a - b);
  const [n0, n1] = [sizes[0], sizes.at(-1)!];
  const line = (n: number) => points.filter((p) => p.trainSize === n).sort((a, b) => a.alpha - b.alpha);
  const [small, large] = [line(n0), line(n1)];
  const smallTest = interiorMinimum(small, (p) => p.testLoss);
  const rightArm = small.filter((p) => p.alpha >= smallTest.alpha);
  const isL = small[0].alpha < smallTest.alpha && rightArm.every((p) => p.trainLoss < small[0].trainLoss && p.trainAcc >= FITS);
  const largeTrain = interiorMinimum(large, (p) => p.trainLoss);
  const largeTest = interiorMinimum(large, (p) => p.testLoss);
  const paperError = (n: number, alpha: number, paper: string) =>
    fullFormOnly(
      quick,
      reported(
        `N = ${n}: best test error at α = ${alpha}`,
        paper,
        error(at(points, n, alpha)) ?? 'not in this grid',
        'reported (the paper: read off one figure)',
      ),
    );
  return [
    claim(
      `N = ${n0}: test loss is U-shaped in α (minimum strictly inside the scan)`,
      'U',
      smallTest.interior,
      `minimum at α = ${smallTest.alpha}; ${fmt(small, (p) => p.testLoss)}`,
    ),
    claim(
      `N = ${n0}: train loss is L-shaped: the smallest α's best train loss is above every α's from the test optimum up, and those fit (train accuracy ≥ ${FITS})`,
      'L',
      isL,
      `best train loss ${fmt(small, (p) => p.trainLoss)}; train accuracy ${fmt(small, (p) => p.trainAcc)}`,
    ),
    claim(
      `N = ${n1}: train loss is U-shaped too (minimum strictly inside the scan)`,
      'U',
      largeTrain.interior,
      `minimum at α = ${largeTrain.alpha}; ${fmt(large, (p) => p.trainLoss)}`,
    ),
    claim(
      `N = ${n1}: test loss is U-shaped (minimum strictly inside the scan)`,
      'U',
      largeTest.interior,
      `minimum at α = ${largeTest.alpha}; ${fmt(large, (p) => p.testLoss)}`,
    ),
    paperError(200, 1, '≈ 0.18'),
    paperError(200, 7, '≈ 0.77'),
    paperError(8000, 1, '≈ 0.03'),
    paperError(8000, 7, '≈ 0.1'),
  ];
}

export const omnigrokMnistLandscape: Reproduction = {
  name: 'omnigrok-mnist-landscape',
  title: 'Omnigrok Fig. 3 landscape: MNIST at fixed weight norm over (α, N)',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 3 (§2 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log }) {
    const grid = quick ? QUICK : FULL;
    const config = ({ alpha, trainSize }: { alpha: number; trainSize: number }) =>
      mnistConfig({
        alpha,
        trainSize,
        testSize: grid.testSize,
        steps: grid.steps,
        constrain: true,
        batchSize: 100,
        hidden: grid.hidden,
        dtype: 'float32',
        evalsPerDecade: 10,
      });
    const { points, dirs } = await landscape('landscape', landscapePoints(grid.alphas, grid.sizes, config), { out, log }, { workers: quick ? 1 : 2 });
    const [n0, n1] = [grid.sizes[0], grid.sizes.at(-1)!];
    const small = points.filter((p) => p.trainSize === n0);
    const large = points.filter((p) => p.trainSize === n1);
    const subtitle = `MLP 784-${grid.hidden.join('-')}-10, AdamW lr 1e-3, wd 0, norm fixed, ${grid.steps} steps, batch 100; best losses`;
    const plots = [
      await luPlot(
        out,
        'lu',
        [
          { label: `N = ${n0}`, points: small },
          { label: `N = ${n1}`, points: large },
        ],
        `MNIST: LU at N = ${n0}, UU at N = ${n1}`,
        subtitle,
      ),
      await landscapeHeatmap(out, 'heatmap', points, 'MNIST at fixed weight norm: best accuracy over (α, N)'),
    ];
    const notes = [
      'Each point trains with the global weight norm projected back to its initial value after every step (AdamW without decay) and records the best train/test loss and accuracy over a log-spaced evaluation schedule (10 per decade); the paper evaluates every 50 steps.',
      `Test set: ${grid.testSize} held-out digits of the npm package (the same for every N).`,
      ...(quick
        ? ['Quick: 4 α × N ∈ {100, 2000}, a 784-100-100-10 MLP, 1000 steps, 1000 test digits.']
        : ['Full: 10 α × 7 N (the paper: 21 α × 27 N up to 60,000), 1e4 steps each, 2 worker processes.']),
    ];
    return { comparisons: judgeMnistLandscape(points, quick), plots, runs: dirs, notes };
  },
};
