// Omnigrok's representation view of grokking (Fig. 7 and §5 of the paper; setup in README §2): an MNIST MLP
// started at a large init scale first fits its digits with a representation in which the classes
// are scattered ("messy"), and generalizes once it has organized them; at α = 1 the classes are
// grouped as soon as the digits are fitted. Measured on the last hidden layer of held-out digits:
// the between-class share of its variance (η²) and its principal components.
// NOTE: the `pca` measure of `groklab analyze` reads number embeddings of modular tasks only, so
// this reproduction measures the hidden layer itself (metrics/representation.ts).
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import { representationStructure, type RepresentationStructure } from '../../metrics/index.js';
import { activationOf } from '../../models/mlp.js';
import { SCHEMA, type VegaLiteSpec } from '../../plots/spec.js';
import { TAB10, plotConfig, writePlot } from '../../plots/index.js';
import { readCheckpoint } from '../../runs/checkpoint.js';
import { mnistData } from '../../tasks/mnist.js';
import * as T from '../../tensor/index.js';
import { claim, inPaperRange, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { mnistConfig } from './configs.js';
import { runGrid, type GridRun } from '../grid.js';

type Run = GridRun<Record<string, number>>;

/**
 * Quick: Fig. 3's quick setup (100 digits, 784-100-100-10, full batch, lr 3e-3, wd 0.05): α = 8
 * fits by ≈ 300 steps, test accuracy stays ≈ 0.12 until ≈ 2e3 and reaches ≈ 0.65 by 8e3.
 * "Fitted" = step 500. Full: the paper's run (1000 digits, 784-200-200-10, batch 200, lr 1e-3,
 * wd 0.01, float64), fitted by ≈ 3e3 steps and before its jump at ≈ 1.5e4: "fitted" = 1e4.
 */
const QUICK = {
  fitted: 500,
  grokked: 8000,
  config: { trainSize: 100, testSize: 1000, hidden: [100, 100], batchSize: 100, lr: 3e-3, weightDecay: 0.05, dtype: 'float32' as const },
};
const FULL = { fitted: 10_000, grokked: 100_000, config: {} };

/** The activations of the last hidden layer [count, width] of an MLP on dense features, from its parameters. */
export function lastHiddenLayer(
  config: RunConfig,
  params: Record<string, T.FloatArray>,
  features: Float64Array,
  count: number,
): { rows: Float64Array; width: number } {
  if (config.model.name !== 'mlp') throw new Error('lastHiddenLayer: an mlp model is needed');
  const hidden = config.model.hidden;
  const activation = activationOf(config.model);
  const dtype = config.training.dtype;
  return T.tidy(() =>
    T.noGrad(() => {
      let h = T.tensor(features, [count, features.length / count], { dtype });
      hidden.forEach((width, l) => {
        const w = T.tensor(params[`w${l}`], [h.shape[1], width], { dtype });
        const b = params[`b${l}`] ? T.tensor(params[`b${l}`], [width], { dtype }) : null;
        h = activation(T.linear(h, w, b));
      });
      return { rows: Float64Array.from(h.data), width: hidden.at(-1)! };
    }),
  );
}

/** The metrics of the last evaluation at or before `step`. */
function atOrBefore(run: Run, step: number): Record<string, number> {
  return run.evals.filter((e) => e.step <= step).at(-1)!.metrics;
}

interface Measured {
  label: string;
  step: number;
  testAcc: number;
  structure: RepresentationStructure;
}

/** PCA scatter of the held-out digits' representations, one panel per measured network. */
function scatterSpec(measured: Measured[], labels: Int32Array, title: string): VegaLiteSpec {
  const shown = Math.min(labels.length, 500);
  const values = measured.flatMap((m) =>
    Array.from({ length: shown }, (_, i) => ({
      panel: `${m.label} (η² ${m.structure.classSeparation.toFixed(2)})`,
      pc1: m.structure.pc1[i],
      pc2: m.structure.pc2[i],
      digit: String(labels[i]),
    })),
  );
  return {
    $schema: SCHEMA,
    config: plotConfig,
    title: { text: title, subtitle: 'last hidden layer of held-out digits on its first two principal components; η² = between-class share of its variance' },
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: measured.map((m) => `${m.label} (η² ${m.structure.classSeparation.toFixed(2)})`) } },
    spec: {
      width: 260,
      height: 260,
      mark: { type: 'circle', size: 14, opacity: 0.7 },
      encoding: {
        x: { field: 'pc1', type: 'quantitative', title: 'PC 1', axis: { labels: false, ticks: false } },
        y: { field: 'pc2', type: 'quantitative', title: 'PC 2', axis: { labels: false, ticks: false } },
        color: { field: 'digit', type: 'nominal', title: 'digit', scale: { range: [...TAB10] } },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  } as VegaLiteSpec;
}

export const omnigrokFig7MnistRepresentation: Reproduction = {
  name: 'omnigrok-fig7-mnist-representation',
  title: 'Omnigrok Fig. 7: MNIST representations from a large and a small initialization',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", Fig. 7 and §5 (MNIST setup: §2 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log }) {
    const size = quick ? QUICK : FULL;
    // A checkpoint is written when the step count reaches a multiple of checkpointEvery, before
    // that step runs: one step more leaves the parameters after `steps` steps on disk.
    const config = (alpha: number, steps: number): RunConfig => {
      const c = mnistConfig({ alpha, steps: steps + 1, ...size.config });
      return { ...c, training: { ...c.training, checkpointEvery: steps } };
    };
    // Deterministic runs: the short α = 8 run is the first steps of the long one.
    const runs = await runGrid(
      'runs',
      [
        { id: 'alpha=8-fitted', params: { alpha: 8 }, config: config(8, size.fitted) },
        { id: 'alpha=8-grokked', params: { alpha: 8 }, config: config(8, size.grokked) },
        { id: 'alpha=1', params: { alpha: 1 }, config: config(1, size.fitted) },
      ],
      { out, log },
    );
    const task = runs[0].config.task;
    if (task.name !== 'mnist') throw new Error('omnigrok-fig7-mnist-representation: an mnist task is expected');
    const test = mnistData(task).test;
    const labels = test.labels!;
    const measure = (run: Run, label: string): Measured => {
      const steps = run.config.training.checkpointEvery;
      const { params } = readCheckpoint(join(out, run.dir, 'checkpoints', `step-${steps}.ckpt`));
      const { rows, width } = lastHiddenLayer(run.config, params, test.features!, test.count);
      return { label, step: steps, testAcc: atOrBefore(run, steps).test_acc, structure: representationStructure(rows, test.count, width, labels, 10) };
    };
    const [fitted, grokked, control] = [
      measure(runs[0], `α = 8, step ${size.fitted}`),
      measure(runs[1], `α = 8, step ${size.grokked}`),
      measure(runs[2], `α = 1, step ${size.fitted}`),
    ];
    const trainFitted = atOrBefore(runs[0], size.fitted).train_acc;
    const eta = (m: Measured) => m.structure.classSeparation;
    const show = (m: Measured) => `η² ${eta(m).toFixed(3)}, test accuracy ${m.testAcc.toFixed(3)}`;
    const comparisons: Comparison[] = [
      claim(
        `α = 8 at step ${size.fitted} has fitted its digits (train accuracy ≥ 0.99) but not generalized (test ≤ 0.3)`,
        'memorization first',
        trainFitted >= 0.99 && fitted.testAcc <= 0.3,
        `train ${trainFitted.toFixed(3)}, test ${fitted.testAcc.toFixed(3)}`,
      ),
      claim(
        "the fitted α = 8 network's classes are scattered: η² below half of the α = 1 network's at the same step",
        'messy vs structured representation',
        eta(fitted) < 0.5 * eta(control),
        `${show(fitted)} vs ${show(control)}`,
      ),
      claim(
        "after grokking, α = 8's classes are grouped: η² at least 1.5× its fitted value",
        'the representation becomes structured as it generalizes',
        eta(grokked) >= 1.5 * eta(fitted),
        `${eta(fitted).toFixed(3)} → ${eta(grokked).toFixed(3)} (${show(grokked)})`,
      ),
    ];
    if (!quick) comparisons.push(inPaperRange('α = 8: final test accuracy (1e5 steps)', '≈ 0.88–0.89', [0.88, 0.89], grokked.testAcc));
    await writePlot(
      scatterSpec([control, fitted, grokked], labels, `MNIST${quick ? ' (quick)' : ''}: hidden representations at α = 1 and α = 8`),
      join(out, 'representations'),
    );
    const notes = [
      'η² (between-class variance ÷ total variance of the last hidden layer on the held-out digits) is 1 when each digit class is a single point and ≈ 0 when the class means coincide.',
      `First principal components (explained variance): α = 1 ${control.structure.explained
        .slice(0, 2)
        .map((v) => v.toFixed(2))
        .join(', ')}; α = 8 fitted ${fitted.structure.explained
        .slice(0, 2)
        .map((v) => v.toFixed(2))
        .join(', ')}; α = 8 grokked ${grokked.structure.explained
        .slice(0, 2)
        .map((v) => v.toFixed(2))
        .join(', ')}. Participation ratios ${[control, fitted, grokked].map((m) => m.structure.participationRatio.toFixed(1)).join(', ')}.`,
      'The paper shows the representation change qualitatively (and, in its §5 toy and MNIST variants, through input "messiness"); it gives no number for it, so the checks are qualitative.',
      quick
        ? `Quick: Fig. 3's quick setup — 100 digits, 784-100-100-10, full batch, float32, lr 3e-3, wd 0.05 (the paper: 1000 digits, 784-200-200-10, batch 200, float64, lr 1e-3, wd 0.01); 1000 held-out digits.`
        : 'Full: the paper\'s MNIST run (omnigrok-fig3-mnist\'s config), the "fitted" snapshot at 1e4 steps (after the fit at ≈ 3e3, before the jump at ≈ 1.5e4), the α = 1 control at 1e4 steps; 5000 held-out digits.',
    ];
    return { comparisons, plots: ['representations.png'], runs: runs.map((r) => r.dir), notes };
  },
};
