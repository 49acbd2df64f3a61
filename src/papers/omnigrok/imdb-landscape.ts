// Omnigrok's IMDb landscape (Fig. 4, §3 of src/papers/omnigrok/README.md): the LSTM trained with
// its weight norm held at α times the default, for each α of a grid, recording the best train and
// test loss and accuracy. Their sweep (KindXiaoming/Omnigrok imdb/landscape) clips the gradient
// norm at 5 and runs Adam lr 1e-3 without decay for 5 epochs, over α ∈ 10^[−1, 1] and N from 100
// to 50,000 reviews.
// The review CSV is user-supplied (--data PATH).
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { CSV_COLUMNS } from '../../tasks/text-classification.js';
import { claim, fullFormOnly, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { landscapeHeatmap, luPlot, type LandscapePoint } from './figures.js';
import { QUICK as IMDB_QUICK, checkReviews } from './imdb.js';
import { interiorMinimum, landscape, landscapePoints, logspace } from './landscape.js';
import { OMNIGROK_PRESETS } from './presets.js';

/**
 * Quick: the sizes of omnigrok-imdb's quick form (400 reviews, 24 words, LSTM 32 × 2), 450 steps
 * (75 epochs of 300 training reviews) per α at lr 3e-3: at a fixed learning rate the largest norm trains slowest.
 */
const QUICK = { alphas: [0.03, 1, 8], sizes: [400], steps: 450, lr: 3e-3 };
/** Full: their network and optimizer, 5 epochs per run, α ∈ 10^linspace(−1, 1, 7) × N ∈ {500, 1000, 2000}. */
const FULL = { alphas: logspace(-1, 1, 7), sizes: [500, 1000, 2000], epochs: 5, lr: 1e-3 };

const BATCH = 50;
/** A fit: train accuracy at least this. */
const FITS = 0.99;

export function imdbLandscapeConfig(path: string, alpha: number, examples: number, quick: boolean): RunConfig {
  const base = OMNIGROK_PRESETS['omnigrok-imdb'].config;
  if (base.task.name !== 'text-classification') throw new Error('omnigrok-imdb-landscape: the preset must be a text-classification task');
  const stepsPerEpoch = Math.ceil(Math.floor((1 - base.task.testFraction) * examples) / BATCH);
  const steps = quick ? QUICK.steps : FULL.epochs * stepsPerEpoch;
  // the full form reads train and test at each epoch's end, as their script; the quick one on a log schedule
  const evaluation = quick ? { evalsPerDecade: 10 } : { evalEvery: stepsPerEpoch };
  return validateConfig({
    ...base,
    task: { ...base.task, path, ...(quick ? IMDB_QUICK.task : {}), examples },
    model: { ...base.model, initScale: alpha, ...(quick ? IMDB_QUICK.model : {}) },
    optimizer: {
      name: 'chain',
      transforms: [
        { name: 'clipByGlobalNorm', maxNorm: 5 },
        { name: 'adam', lr: quick ? QUICK.lr : FULL.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
        { name: 'normConstraint' },
      ],
    },
    training: { ...base.training, steps, batchSize: BATCH, batchOrder: 'epochs', ...evaluation, checkpointEvery: steps, earlyStop: null },
  });
}

const MISSING_DATA = `omnigrok-imdb-landscape needs the IMDb review CSV, which is user-supplied (e.g. Kaggle's "IMDB Dataset.csv", 50 000 reviews): pass --data PATH; the file needs a header row and columns ${CSV_COLUMNS}`;

const fmt = (points: LandscapePoint[], value: (p: LandscapePoint) => number) => points.map((p) => `α ${p.alpha}: ${value(p).toPrecision(2)}`).join(', ');

/**
 * The verdict on one N's line of the landscape, a pure function of its points: test loss a U,
 * train loss an L; and the α = 1 point beside the paper's α = 1 control (shown, not judged: the
 * paper's control is unconstrained AdamW, not a fixed-norm run).
 */
export function judgeImdbLandscape(points: LandscapePoint[], quick: boolean): Comparison[] {
  const line = [...points].sort((a, b) => a.alpha - b.alpha);
  const n = line[0].trainSize;
  const test = interiorMinimum(line, (p) => p.testLoss);
  const isL = line[0].trainAcc < FITS && line.filter((p) => p.alpha >= test.alpha).every((p) => p.trainAcc >= FITS);
  const atOne = line.find((p) => p.alpha === 1) ?? null;
  return [
    claim(
      `N = ${n}: test loss is U-shaped in the norm (minimum strictly inside the scan)`,
      'U',
      test.interior,
      `minimum at α = ${test.alpha}; ${fmt(line, (p) => p.testLoss)}`,
    ),
    claim(
      `N = ${n}: train loss is L-shaped, read from accuracy: the smallest α does not fit, every α from the test optimum up does (train accuracy ≥ ${FITS})`,
      'L',
      isL,
      `train accuracy ${fmt(line, (p) => p.trainAcc)}; best train loss ${fmt(line, (p) => p.trainLoss)}`,
    ),
    fullFormOnly(
      quick,
      reported(
        `N = ${n}, α = 1: best test accuracy`,
        '≈ 0.65–0.7 early (the α = 1, wd 0 control at N = 1000)',
        atOne?.testAcc ?? null,
        "reported (the paper's control is unconstrained AdamW, not this fixed-norm run)",
      ),
      'synthetic reviews and a smaller LSTM',
    ),
  ];
}

export const omnigrokImdbLandscape: Reproduction = {
  name: 'omnigrok-imdb-landscape',
  title: 'Omnigrok Fig. 4 landscape: IMDb at fixed weight norm over α (and N)',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 4 (§3 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log, data }) {
    if (!data) throw new UsageError(MISSING_DATA);
    const grid = quick ? QUICK : FULL;
    checkReviews(imdbLandscapeConfig(data, 1, Math.max(...grid.sizes), quick));
    const config = ({ alpha, trainSize }: { alpha: number; trainSize: number }) => imdbLandscapeConfig(data, alpha, trainSize, quick);
    const { points, dirs } = await landscape('landscape', landscapePoints(grid.alphas, grid.sizes, config), { out, log }, { workers: quick ? 1 : 2 });
    const n = quick ? QUICK.sizes[0] : 1000;
    const line = points.filter((p) => p.trainSize === n);
    const subtitle = `${quick ? `first ${n} reviews, L ${IMDB_QUICK.task.sequenceLength}, LSTM ${IMDB_QUICK.model.hidden}×2, ${QUICK.steps} steps` : `LSTM 256×2, L 500, ${FULL.epochs} epochs`}; clip 5, Adam, norm fixed, batch ${BATCH}; best losses`;
    const plots = [await luPlot(out, 'lu', [{ label: `N = ${n}`, points: line }], `IMDb at fixed weight norm${quick ? ' (quick)' : ''}: N = ${n}`, subtitle)];
    if (grid.sizes.length > 1) plots.push(await landscapeHeatmap(out, 'heatmap', points, 'IMDb at fixed weight norm: best accuracy over (α, N)'));
    const notes = [
      "Each α trains with the global weight norm projected back to its initial value after every step (gradient clipped at norm 5, then Adam without decay, as their landscape script) and records the best train and test loss and accuracy over its evaluations: at each epoch's end in the full form (their script too, though its train numbers are the epoch's minibatch means, ours the whole training set after the epoch), on a log-spaced schedule in the quick form.",
      'The paper draws the landscape as heatmaps over (α, N) without numbers: the checks are the shapes of the curves at one N.',
      quick
        ? `Quick: omnigrok-imdb's quick sizes (first ${n} reviews, ${IMDB_QUICK.task.vocabulary} words, ${IMDB_QUICK.task.sequenceLength} per review, embedding ${IMDB_QUICK.model.embedDim}, LSTM ${IMDB_QUICK.model.hidden} × 2), α ∈ {${QUICK.alphas.join(', ')}}, ${QUICK.steps} steps at lr ${QUICK.lr}.`
        : `Full: their network, α ∈ {${FULL.alphas.join(', ')}} × N ∈ {${FULL.sizes.join(', ')}} (theirs: 11 α × 15 N up to 50,000), 5 epochs each, 2 worker processes.`,
    ];
    return { comparisons: judgeImdbLandscape(line, quick), plots, runs: dirs, notes };
  },
};
