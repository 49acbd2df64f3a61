// Omnigrok's modular-addition landscape (§5 of src/papers/omnigrok/README.md): train with the
// weight norm held at α times its default value, for each α of a grid, and record the best train
// and test loss. Against the norm, train loss is an "L" (small norms cannot fit the training
// pairs, every large enough one does) and test loss a "U" (only a band of norms generalizes;
// above it the network memorizes).
import { DEFAULTS } from '../../config/defaults.js';
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';
import { claim, fullFormOnly, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { constrained } from './configs.js';
import { luPlot, type LandscapePoint } from './figures.js';
import { interiorMinimum, landscape, landscapePoints } from './landscape.js';
import { OMNIGROK_PRESETS } from './presets.js';

/**
 * Quick: the MLP recipe of DEFAULTS on a + b mod 41 with half the pairs, full batch, AdamW lr 1e-2
 * without decay (the constrained optimizer of omnigrok-modadd-constrained's quick form), 500
 * steps per α. α = 0.8 is the paper's constrained run.
 */
const QUICK = { p: 41, alphas: [0.15, 0.8, 1.5, 4], steps: 500, lr: 1e-2 };
/** Full: the p = 113 transformer of Fig. 6 (30 % of pairs, full batch, AdamW lr 1e-3, betas 0.9/0.98), 5000 steps per α. */
const FULL = { alphas: [0.25, 0.5, 0.8, 1, 1.5, 2, 3], steps: 5000 };

/** A fit: train accuracy at least this. */
const FITS = 0.99;
/** Memorization at the largest norm: best test accuracy at most this while train fits. */
const MEMORIZES = 0.5;

function quickConfig(alpha: number): RunConfig {
  return validateConfig({
    ...DEFAULTS,
    task: { ...DEFAULTS.task, p: QUICK.p, trainFraction: 0.5 },
    model: { ...DEFAULTS.model, initScale: alpha },
    optimizer: constrained({ ...DEFAULTS.optimizer, lr: QUICK.lr, weightDecay: 0 }),
    training: { ...DEFAULTS.training, steps: QUICK.steps, checkpointEvery: QUICK.steps, earlyStop: null, evalsPerDecade: 20 },
  });
}

function fullConfig(alpha: number): RunConfig {
  const base = OMNIGROK_PRESETS['omnigrok-constrained-p113'].config;
  return validateConfig({
    ...base,
    model: { ...base.model, initScale: alpha },
    training: { ...base.training, steps: FULL.steps, checkpointEvery: 1000, evalsPerDecade: 20 },
  });
}

/** One landscape point's run: α × the default init, norm held there, no decay. */
export const modaddLandscapeConfig = (alpha: number, quick: boolean): RunConfig => (quick ? quickConfig(alpha) : fullConfig(alpha));

const fmt = (points: LandscapePoint[], value: (p: LandscapePoint) => number) =>
  [...points]
    .sort((a, b) => a.alpha - b.alpha)
    .map((p) => `α ${p.alpha}: ${value(p).toPrecision(2)}`)
    .join(', ');

/**
 * The landscape's verdict, a pure function of its points: test loss a U, train loss an L, the
 * largest norm memorizing; and, beside the paper's, the α = 0.8 run (shown, one run in the paper).
 */
export function judgeModaddLandscape(points: LandscapePoint[], quick: boolean): Comparison[] {
  const sorted = [...points].sort((a, b) => a.alpha - b.alpha);
  const test = interiorMinimum(sorted, (p) => p.testLoss);
  const smallest = sorted[0];
  const largest = sorted.at(-1)!;
  const fitFrom = sorted.filter((p) => p.alpha >= test.alpha);
  const isL = smallest.trainAcc < FITS && fitFrom.every((p) => p.trainAcc >= FITS);
  const at08 = sorted.find((p) => p.alpha === 0.8) ?? null;
  return [
    claim(
      'test loss is U-shaped in the norm (minimum strictly inside the scan)',
      'U',
      test.interior,
      `minimum at α = ${test.alpha}; ${fmt(sorted, (p) => p.testLoss)}`,
    ),
    claim(
      `train loss is L-shaped, read from accuracy: the smallest α does not fit, every α from the test optimum up does (train accuracy ≥ ${FITS})`,
      'L',
      isL,
      `train accuracy ${fmt(sorted, (p) => p.trainAcc)}; best train loss ${fmt(sorted, (p) => p.trainLoss)}`,
    ),
    claim(
      `the largest norm (α = ${largest.alpha}) memorizes: train accuracy ≥ ${FITS}, best test accuracy ≤ ${MEMORIZES}`,
      'memorization at large norm',
      largest.trainAcc >= FITS && largest.testAcc <= MEMORIZES,
      `train ${largest.trainAcc.toFixed(3)}, test ${largest.testAcc.toFixed(3)}`,
    ),
    fullFormOnly(quick, reported('α = 0.8: weight norm (held fixed)', '≈ 34', at08?.norm ?? null, 'reported (the paper: one run)')),
    fullFormOnly(quick, reported('α = 0.8: best test accuracy', '≈ 100 % by ≈ 300 steps', at08?.testAcc ?? null, 'reported (the paper: one run)')),
  ];
}

export const omnigrokModaddLandscape: Reproduction = {
  name: 'omnigrok-modadd-landscape',
  title: 'Omnigrok Fig. 6 landscape: modular addition at fixed weight norm, train "L" and test "U"',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 6 (§5 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log }) {
    const grid = quick ? QUICK : FULL;
    const config = ({ alpha }: { alpha: number }) => modaddLandscapeConfig(alpha, quick);
    const trainSize = quick ? Math.round(0.5 * QUICK.p * QUICK.p) : Math.round(0.3 * 113 * 113);
    const { points, dirs } = await landscape('landscape', landscapePoints(grid.alphas, [trainSize], config), { out, log }, { workers: quick ? 1 : 2 });
    const what = quick ? `MLP, a + b mod ${QUICK.p}, 50 % of pairs` : 'transformer, a + b mod 113, 30 % of pairs';
    const plots = [
      await luPlot(
        out,
        'lu',
        [{ label: what, points }],
        `Modular addition at fixed weight norm${quick ? ' (quick)' : ''}: train L, test U`,
        `${what}; AdamW without decay, norm projected back after every step, ${grid.steps} steps per α; best losses`,
      ),
    ];
    const notes = [
      "Each α trains with the global weight norm projected back to its initial value (α × the default init's) after every optimizer step, without weight decay, and records the best train and test loss and accuracy over a log-spaced evaluation schedule (20 per decade).",
      'The paper draws this landscape without numbers: the shapes are the checks; its constrained run (α = 0.8) is shown beside ours.',
      quick
        ? `Quick: the MLP recipe of DEFAULTS on a + b mod ${QUICK.p} (half the pairs, full batch), AdamW lr ${QUICK.lr}, ${QUICK.steps} steps per α ∈ {${QUICK.alphas.join(', ')}} (the paper: the p = 113 transformer).`
        : `Full: the omnigrok-constrained-p113 preset with α ∈ {${FULL.alphas.join(', ')}}, ${FULL.steps} steps each (the paper's constrained run: 15,000), 2 worker processes.`,
    ];
    return { comparisons: judgeModaddLandscape(points, quick), plots, runs: dirs, notes };
  },
};
