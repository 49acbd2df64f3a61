// Omnigrok Fig. 5 (§4 of src/papers/omnigrok/README.md): a message-passing network (two NNConv layers, sum
// pooling, an MLP read-out) regresses the polarizability α of 50 QM9 molecules. Started at 3× its
// default weights it fits the training molecules while the test error stays at the level of
// predicting the mean, and generalizes only much later; at α = 1 test follows train at once.
// QM9 is user-supplied (--data DIR in PyG's raw layout); the quick form runs on a generated
// fixture of the same layout.
import { join } from 'node:path';
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { COLORS, lineChartSpec, writePlot, type Series } from '../../plots/index.js';
import { DataFileError } from '../../tasks/dataset.js';
import { QM9_LAYOUT, qm9Data, readQm9 } from '../../tasks/qm9.js';
import { writeSyntheticQm9 } from '../../tasks/qm9-synthetic.js';
import { claim, fullFormOnly, inPaperRange, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { runGrid, type GridRun } from '../grid.js';

type Run = GridRun<Record<string, number>>;

/**
 * Their notebook (KindXiaoming/Omnigrok qm9/grokking): dataset[:100], a random half for
 * training, NNConv(11 → 32) and NNConv(32 → 16) with edge MLPs 4 → 32 → in·out, global add
 * pooling, Linear(16, 32), ReLU, Linear(32, 1); AdamW lr 1e-3 without decay, batch 32,
 * 50,000 epochs of 2 batches = 1e5 steps.
 */
const PAPER = {
  molecules: 100,
  model: { channels: [32, 16], edgeHidden: 32, readoutHidden: [32] },
  lr: 1e-3,
  weightDecay: 0,
  steps: { large: 100_000, control: 100_000 },
};

/**
 * Quick: 64 fixture molecules (32 train), a network half as wide, lr 3e-3 and, for α = 3, weight
 * decay 0.05 so the norm shrinks within a few thousand steps (their run has no decay and needs
 * ≈ 2e4 steps): it fits by ≈ 800 steps with its test MSE still near the mean predictor's, and
 * reaches the α = 1 level by 3000 (a decay of 0.3 shrinks the norm before the fit, and test falls
 * with train). The α = 1 control runs without decay, as theirs.
 */
const QUICK = {
  molecules: 64,
  model: { channels: [16, 16], edgeHidden: 16, readoutHidden: [16] },
  lr: 3e-3,
  weightDecay: 0.05,
  steps: { large: 3000, control: 1000 },
};

/** Their plotted MSE is F.mse_loss over a batch divided by the batch's size (32). */
const PAPER_UNIT = 32;
/** A molecule set counts as fitted when its MSE (Bohr⁶) is below this. */
const FIT_MSE = 1;
/**
 * The run summaries' generalization level (Bohr⁶): near the geometric mean of the paper's
 * learned-nothing plateau (≈ 64–96 in our unit) and its α = 1 level (≈ 3.2). The report's checks
 * measure their own boundary from both runs instead.
 */
const GENERALIZED_MSE = 16;

export interface Qm9RunOptions {
  path: string;
  alpha: number;
  weightDecay: number;
  steps: number;
  quick: boolean;
}

export function qm9Config({ path, alpha, weightDecay, steps, quick }: Qm9RunOptions): RunConfig {
  const size = quick ? QUICK : PAPER;
  return validateConfig({
    task: { name: 'qm9', path, molecules: size.molecules, trainFraction: 0.5, target: 'alpha', splitSeed: 0, accuracyThreshold: 1 },
    model: { name: 'mpnn', ...size.model, aggregation: 'sum', pooling: 'sum', initScale: alpha },
    optimizer: { name: 'adamw', lr: size.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay },
    training: { steps, batchSize: 32, seed: 0, dtype: 'float32', evalsPerDecade: 20, checkpointEvery: Math.min(steps, 10_000), earlyStop: null },
    detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: FIT_MSE, testThreshold: GENERALIZED_MSE },
  });
}

const MISSING_DATA = `omnigrok-fig5-qm9 needs QM9, which is user-supplied: pass --data DIR, ${QM9_LAYOUT}. The quick form (--quick) runs on a generated fixture without it`;

/** The user's QM9 is read before any run starts: missing or malformed files are bad input (exit 2). */
function checkData(path: string, molecules: number): void {
  try {
    readQm9(path, 'alpha', molecules);
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(`--data: ${error.message}`);
    throw error;
  }
}

/** The test MSE of predicting the training targets' mean for every test molecule: the level of a network that learned nothing. */
export function meanPredictorMse(config: RunConfig): number {
  if (config.task.name !== 'qm9') throw new Error('meanPredictorMse: a qm9 task is needed');
  const { train, test } = qm9Data(config.task);
  const mean = train.targets!.reduce((s, y) => s + y, 0) / train.count;
  return test.targets!.reduce((s, y) => s + (y - mean) ** 2, 0) / test.count;
}

/** One run's evaluations: train and test MSE (our unit, the mean over a whole set). */
export type Qm9Curve = { step: number; train: number; test: number }[];

/** What the checks read: the learned-nothing level and both runs' curves. */
export interface Qm9Reading {
  /** test MSE of predicting the training mean */
  meanPredictor: number;
  large: Qm9Curve;
  control: Qm9Curve;
}

export const qm9Curve = (run: Run): Qm9Curve => run.evals.map((e) => ({ step: e.step, train: e.metrics.train_loss, test: e.metrics.test_loss }));

/** The first evaluation at or after `step` (log-spaced schedule). */
const at = (curve: Qm9Curve, step: number) => curve.find((e) => e.step >= step) ?? curve.at(-1)!;
/** The first evaluation where the training MSE is below FIT_MSE, or null. */
const fitted = (curve: Qm9Curve) => curve.find((e) => e.train < FIT_MSE) ?? null;
const fmt = (v: number | null) => (v === null ? 'not reached' : v.toPrecision(3));

/**
 * The report's checks, a pure function of the reading. A test MSE counts as "learned nothing" or
 * "generalized" by the nearer, on a log scale, of two levels the report measures itself: the mean
 * predictor's and the α = 1 control's final test MSE (the boundary is their geometric mean). The
 * paper's plateau (≈ 2–3 in its unit) is judged against its stated range in the full form only.
 */
export function judgeQm9(r: Qm9Reading, quick: boolean): Comparison[] {
  const controlFinal = r.control.at(-1)!;
  const largeFinal = r.large.at(-1)!;
  const boundary = Math.sqrt(r.meanPredictor * controlFinal.test);
  const levels = `levels: mean predictor ${fmt(r.meanPredictor)}, α = 1 final ${fmt(controlFinal.test)}, boundary ${fmt(boundary)}`;
  const [fit, controlFit] = [fitted(r.large), fitted(r.control)];
  const generalized = fit === null ? null : (r.large.find((e) => e.step >= fit.step && e.test < boundary) ?? null);
  const when = (e: { step: number; test: number } | null) => (e === null ? 'never' : `${fmt(e.test)} at step ${e.step}`);
  return [
    claim(
      `memorization first: when train MSE first falls below ${FIT_MSE}, α = 3's test MSE is on the learned-nothing side, the α = 1 control's (at its own fit) on the generalized side`,
      'α = 3 test plateaus at ≈ 2–3 (predicting the mean) while α = 1 is at ≈ 0.1',
      fit !== null && controlFit !== null && fit.test >= boundary && controlFit.test < boundary,
      `α = 3: ${when(fit)}; α = 1: ${when(controlFit)}; ${levels}`,
    ),
    claim(
      `generalization later: α = 3's final test MSE is on the generalized side, with its train MSE still below ${FIT_MSE}`,
      '≈ 2–3 → ≈ 0.1, the α = 1 level',
      fit !== null && largeFinal.test < boundary && largeFinal.train < FIT_MSE,
      `${fmt(fit?.test ?? null)} → ${fmt(largeFinal.test)} (train ${fmt(largeFinal.train)}); first on the generalized side: ${when(generalized)}; ${levels}`,
    ),
    fullFormOnly(quick, inPaperRange('α = 3: test MSE ÷ 32 at 1e4 steps (the plateau)', '≈ 2–3', [2, 3], at(r.large, 1e4).test / PAPER_UNIT)),
    fullFormOnly(quick, reported('α = 3: final test MSE ÷ 32 (1e5 steps)', '≈ 0.1', largeFinal.test / PAPER_UNIT)),
    fullFormOnly(quick, reported('α = 3: first step on the generalized side', '≈ 2e4 (plateau ends)', generalized?.step ?? null)),
    fullFormOnly(quick, reported('α = 1: test MSE ÷ 32 at 1e3 steps', '≈ 0.1', at(r.control, 1e3).test / PAPER_UNIT)),
    reported("mean predictor's test MSE (learned nothing), our unit", "— (the paper's α = 3 plateau: ≈ 2–3 in its unit, ≈ 64–96 in ours)", r.meanPredictor),
  ];
}

const curve = (run: Run, metric: string, name: string, color: string, scale: number): Series => ({
  name,
  color,
  points: run.evals.filter((e) => e.step > 0).map((e) => ({ x: e.step, y: e.metrics[metric] / scale })),
});

export const omnigrokFig5Qm9: Reproduction = {
  name: 'omnigrok-fig5-qm9',
  title: 'Omnigrok Fig. 5: a graph network on QM9 polarizability groks from a large initialization',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 5 (§4 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log, data }) {
    const size = quick ? QUICK : PAPER;
    let path = data;
    if (path === undefined) {
      if (!quick) throw new UsageError(MISSING_DATA);
      path = join(out, 'fixture');
      writeSyntheticQm9(path, { count: size.molecules });
    }
    checkData(path, size.molecules);
    const [large, control] = await runGrid(
      'qm9',
      [
        {
          id: 'alpha=3',
          params: { alpha: 3 },
          config: qm9Config({ path, alpha: 3, weightDecay: quick ? QUICK.weightDecay : PAPER.weightDecay, steps: size.steps.large, quick }),
        },
        { id: 'alpha=1', params: { alpha: 1 }, config: qm9Config({ path, alpha: 1, weightDecay: 0, steps: size.steps.control, quick }) },
      ],
      { out, log },
    );

    const comparisons = judgeQm9({ meanPredictor: meanPredictorMse(large.config), large: qm9Curve(large), control: qm9Curve(control) }, quick);
    const unit = quick ? 1 : PAPER_UNIT;
    const yTitle = quick ? 'MSE (log scale)' : "MSE ÷ 32, the paper's unit (log scale)";
    const what = quick ? `${size.molecules} fixture molecules` : `first ${size.molecules} QM9 molecules`;
    const series = [
      curve(large, 'train_loss', 'train, α = 3', COLORS.train, unit),
      curve(large, 'test_loss', 'test, α = 3', COLORS.test, unit),
      curve(control, 'train_loss', 'train, α = 1', '#9ecae1', unit),
      curve(control, 'test_loss', 'test, α = 1', '#fdae6b', unit),
    ];
    await writePlot(
      lineChartSpec({
        title: `QM9 polarizability${quick ? ' (quick, synthetic molecules)' : ''}: α = 3 fits first and generalizes later`,
        subtitle: `${what}, half for training; NNConv ×${size.model.channels.length}, sum pooling; AdamW lr ${size.lr}, batch 32${quick ? `, α = 3 with wd ${QUICK.weightDecay}` : ', no decay'}`,
        series,
        xTitle: 'step (log scale)',
        yTitle,
        xLog: true,
        yLog: true,
      }),
      join(out, 'qm9-mse'),
    );
    await writePlot(
      lineChartSpec({
        title: 'QM9: weight norm',
        subtitle: what,
        series: [curve(large, 'weight_l2', 'α = 3', COLORS.test, 1), curve(control, 'weight_l2', 'α = 1', '#fdae6b', 1)],
        xTitle: 'step (log scale)',
        yTitle: 'weight norm ‖w‖',
        xLog: true,
      }),
      join(out, 'qm9-norm'),
    );
    const notes = [
      "Model as their notebook: NNConv layers (PyG's edge-conditioned convolution: an MLP maps the 4 bond-type features to a per-edge weight matrix; messages summed at the target atom, plus a root weight and a zero-initialized bias, ReLU), global sum pooling, an MLP read-out; PyTorch's default init, then every parameter × α.",
      "Data as PyG's QM9: 11 features per atom (one-hot H C N O F, atomic number, aromatic, sp/sp2/sp3, attached hydrogens; hybridization inferred from bond orders), 4 per bond (one-hot single/double/triple/aromatic), both directions; target alpha (Bohr³), not standardized. The split is a seeded random half (theirs: torch random_split with seed 0).",
      "The checks classify a test MSE as 'learned nothing' or 'generalized' by the nearer of two levels on a log scale, both measured here: the test MSE of predicting the training targets' mean, and the α = 1 control's final test MSE (the boundary is their geometric mean). 'Fitted' means train MSE below 1.",
      "Train and test MSE are measured on the whole train and test sets on a log-spaced schedule (20 per decade); their curves are per-step minibatch MSEs divided by the batch size (32), so the paper's numbers are compared with ours ÷ 32.",
      ...(quick
        ? [
            `Quick: ${QUICK.molecules} synthetic molecules in QM9's layout (random trees of 1–6 C/N/O/F atoms filled with hydrogens; α additive over atoms and bonds plus noise), channels ${QUICK.model.channels.join('/')}, lr ${QUICK.lr}, α = 3 with weight decay ${QUICK.weightDecay} for ${QUICK.steps.large} steps, the α = 1 control without decay for ${QUICK.steps.control}. Without decay, α = 3 at this lr still memorizes after 3000 steps (train MSE 0.06, test ≈ 590 against ≈ 4.6 for the α = 1 control).`,
          ]
        : ['Full: their sizes and optimizer, 1e5 steps per run, float32.']),
    ];
    return { comparisons, plots: ['qm9-mse.png', 'qm9-norm.png'], runs: [large.dir, control.dir], notes };
  },
};
