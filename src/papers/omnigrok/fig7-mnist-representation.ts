// Omnigrok's representation view of grokking (Fig. 7 and §5 of the paper; setup in README §2): an MNIST MLP
// started at a large init scale first fits its digits with a representation in which the classes
// are scattered ("messy"), and generalizes once it has organized them; at α = 1 the classes are
// grouped as soon as the digits are fitted. Measured on the last hidden layer of held-out digits:
// the between-class share of its variance (η²) and its principal components.
// NOTE: the `pca` measure of `groklab analyze` reads number embeddings of modular tasks only, so
// this reproduction measures the hidden layer itself (metrics/representation.ts).
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import { meanInterval, representationStructure, type RepresentationStructure } from '../../metrics/index.js';
import { activationOf } from '../../models/mlp.js';
import { SCHEMA, type VegaLiteSpec } from '../../plots/spec.js';
import { TAB10, plotConfig, writePlot } from '../../plots/index.js';
import { readCheckpoint } from '../../runs/checkpoint.js';
import { mnistData } from '../../tasks/mnist.js';
import * as T from '../../tensor/index.js';
import { claim, fullFormOnly, inPaperRange, type Comparison } from '../report.js';
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
  /** η² on each of SUBSETS disjoint interleaved subsets of the held-out digits, the same subsets for every network */
  subsetSeparation: number[];
}

/** η² is measured on this many disjoint subsets of the held-out digits: its spread over them is the tolerance. */
const SUBSETS = 5;
/** A fit: train accuracy at least this. */
const FITS = 0.99;
/** Test accuracy of a network that learned nothing (10 balanced classes). */
const CHANCE = 0.1;

/** η² of the rows i ≡ k (mod SUBSETS), for each k. */
function subsetSeparation(rows: Float64Array, width: number, labels: Int32Array): number[] {
  return Array.from({ length: SUBSETS }, (_, k) => {
    const pick = labels.map((_, i) => i).filter((i) => i % SUBSETS === k);
    const sub = new Float64Array(pick.length * width);
    pick.forEach((i, m) => sub.set(rows.subarray(i * width, (i + 1) * width), m * width));
    return representationStructure(
      sub,
      pick.length,
      width,
      Int32Array.from(pick, (i) => labels[i]),
      10,
      2,
    ).classSeparation;
  });
}

/** What the checks read: each network's test accuracy and η² per subset of held-out digits; the fitted run's train accuracy. */
export interface RepresentationReading {
  fitted: { step: number; trainAcc: number; testAcc: number; separation: number[] };
  grokked: { step: number; testAcc: number; separation: number[] };
  control: { step: number; testAcc: number; separation: number[] };
}

const f3 = (x: number) => x.toFixed(3);
/** Paired differences a − b over the same subsets, as mean ± 95 % CI. */
function pairedGap(a: readonly number[], b: readonly number[]): { mean: number; ci95: number; text: string } | null {
  const { mean, ci95, n } = meanInterval(a.map((x, k) => x - b[k]));
  if (mean === null || ci95 === null) return null;
  return { mean, ci95, text: `${f3(mean)} ± ${f3(ci95)} (${n} subsets of held-out digits)` };
}
const meanOf = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * The report's checks, a pure function of the reading. Test accuracy counts as "not generalized"
 * or "generalized" by the nearer of chance and the α = 1 control's at the same step. η² gaps are
 * paired over the same subsets of held-out digits and hold when their mean exceeds its 95 % CI.
 */
export function judgeRepresentation(r: RepresentationReading, quick: boolean): Comparison[] {
  const boundary = (CHANCE + r.control.testAcc) / 2;
  const levels = `chance ${CHANCE}, α = 1 at step ${r.control.step} ${f3(r.control.testAcc)}: boundary ${f3(boundary)}`;
  const scattered = pairedGap(r.control.separation, r.fitted.separation);
  const grouped = pairedGap(r.grokked.separation, r.fitted.separation);
  const eta = (x: { separation: number[] }) => `η² ${f3(meanOf(x.separation))}`;
  return [
    claim(
      `α = 8 at step ${r.fitted.step} has fitted its digits (train accuracy ≥ ${FITS}) with test accuracy on the not-generalized side`,
      'memorization first',
      r.fitted.trainAcc >= FITS && r.fitted.testAcc < boundary,
      `train ${f3(r.fitted.trainAcc)}, test ${f3(r.fitted.testAcc)}; ${levels}`,
    ),
    claim(
      `the fitted α = 8 network's classes are more scattered than the α = 1 network's at the same step: η²(α = 1) − η²(α = 8) above 0 by more than its 95 % CI`,
      'messy vs structured representation',
      scattered !== null && scattered.mean - scattered.ci95 > 0,
      `${scattered?.text ?? 'no spread'}; ${eta(r.fitted)} vs ${eta(r.control)}`,
    ),
    claim(
      `after it generalizes, α = 8's classes are grouped: test accuracy at step ${r.grokked.step} on the generalized side and η² above its fitted value by more than the 95 % CI`,
      'the representation becomes structured as it generalizes',
      grouped !== null && grouped.mean - grouped.ci95 > 0 && r.grokked.testAcc >= boundary,
      `${grouped?.text ?? 'no spread'}; ${eta(r.fitted)} → ${eta(r.grokked)}, test accuracy ${f3(r.grokked.testAcc)}`,
    ),
    fullFormOnly(quick, inPaperRange('α = 8: final test accuracy (1e5 steps)', '≈ 0.88–0.89', [0.88, 0.89], r.grokked.testAcc)),
  ];
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
      return {
        label,
        step: steps,
        testAcc: atOrBefore(run, steps).test_acc,
        structure: representationStructure(rows, test.count, width, labels, 10),
        subsetSeparation: subsetSeparation(rows, width, labels),
      };
    };
    const [fitted, grokked, control] = [
      measure(runs[0], `α = 8, step ${size.fitted}`),
      measure(runs[1], `α = 8, step ${size.grokked}`),
      measure(runs[2], `α = 1, step ${size.fitted}`),
    ];
    const reading = (m: Measured) => ({ step: m.step, testAcc: m.testAcc, separation: m.subsetSeparation });
    const comparisons = judgeRepresentation(
      { fitted: { ...reading(fitted), trainAcc: atOrBefore(runs[0], size.fitted).train_acc }, grokked: reading(grokked), control: reading(control) },
      quick,
    );
    await writePlot(
      scatterSpec([control, fitted, grokked], labels, `MNIST${quick ? ' (quick)' : ''}: hidden representations at α = 1 and α = 8`),
      join(out, 'representations'),
    );
    const notes = [
      `η² (between-class variance ÷ total variance of the last hidden layer on the held-out digits) is 1 when each digit class is a single point and ≈ 0 when the class means coincide. It is measured on ${SUBSETS} disjoint interleaved subsets of the held-out digits, the same for every network; a gap between two networks holds when its mean over the subsets exceeds its 95 % interval (the networks are one seed each). The scatter panels give η² on all held-out digits, a little lower than the subsets' mean (fewer digits per class inflate the between-class share).`,
      "A test accuracy counts as generalized when it is nearer the α = 1 network's at the fitted step than chance (0.1).",
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
