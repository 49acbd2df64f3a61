// Power et al. 2022, Fig. 1 (§ power-fig1 of src/papers/power/README.md): how much of an
// operation's table a network must see to generalize within a step budget. Each operation ×
// training fraction is one run; an operation's threshold is the smallest fraction whose run reaches
// validation accuracy 0.99 within the budget, and the smaller the fraction, the longer that takes.
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import { DEFAULTS } from '../../config/defaults.js';
import { validateConfig } from '../../config/validate.js';
import { lineChartSpec, TAB10, writePlot } from '../../plots/index.js';
import type { TaskConfig } from '../../tasks/registry.js';
import { best, runGrid, type GridPoint } from '../grid.js';
import { claim, notChecked, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { POWER_PRESETS } from './presets.js';

/** "Generalizes" in the paper: validation accuracy of at least 99 %. */
export const GENERALIZED = 0.99;

interface Operation {
  /** run directory prefix */
  id: string;
  label: string;
  task(trainFraction: number): TaskConfig;
}

const modular = (id: string, label: string, p: number, operation: 'add' | 'sub' | 'div' | 'x2+y2' | 'x3+xy'): Operation => ({
  id,
  label,
  task: (trainFraction) => ({ name: 'modular', p, operation, trainFraction, splitSeed: 0 }),
});
const symmetric = (degree: number): Operation => ({
  id: `s${degree}`,
  label: `S${degree}: x∘y`,
  task: (trainFraction) => ({ name: 'permutations', degree, trainFraction, splitSeed: 0 }),
});

/**
 * Full: the paper's transformer (preset power-div97) on five operations mod 97 and S5, at
 * training fractions 0.2 … 0.8, within 1e4 steps (the paper: 1e5; see FULL.budget).
 */
const FULL = {
  operations: [
    modular('add', 'x+y', 97, 'add'),
    modular('sub', 'x−y', 97, 'sub'),
    modular('div', 'x/y', 97, 'div'),
    modular('x2+y2', 'x²+y²', 97, 'x2+y2'),
    modular('x3+xy', 'x³+xy', 97, 'x3+xy'),
    symmetric(5),
  ],
  fractions: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  /** A tenth of the paper's 1e5 steps: at ≈ 25 steps/s per core a run that never generalizes costs ≈ 7 min. */
  budget: 10_000,
};

/**
 * Quick: the default preset's MLP (embeddings 64, hidden 256, AdamW lr 3e-3, wd 1, full batch) on
 * x + y mod 23 (529 pairs) and on composition in S4 (576 pairs), within 3000 steps. Measured: x+y
 * generalizes from 0.7 (step ≈ 2200) and S4 only at 0.9 (at 0.7 its validation accuracy tops out
 * near 0.86); at 0.5 neither does.
 */
const QUICK = {
  operations: [modular('add', 'x+y mod 23', 23, 'add'), symmetric(4)],
  fractions: [0.5, 0.7, 0.9],
  budget: 3000,
};

function fullConfig(task: TaskConfig): RunConfig {
  const base = POWER_PRESETS['power-div97'].config;
  return validateConfig({ ...base, task, training: { ...base.training, steps: FULL.budget, checkpointEvery: 1000, snapshots: 0 } });
}

function quickConfig(task: TaskConfig): RunConfig {
  return validateConfig({ ...DEFAULTS, task, training: { ...DEFAULTS.training, steps: QUICK.budget, checkpointEvery: QUICK.budget, snapshots: 0 } });
}

/** The runs of either form: one per operation and training fraction. */
export function fig1Points(quick: boolean): GridPoint<{ operation: string; fraction: number }>[] {
  const setup = quick ? QUICK : FULL;
  return setup.operations.flatMap((op) =>
    setup.fractions.map((fraction) => ({
      id: `${op.id}-${fraction}`,
      params: { operation: op.label, fraction },
      config: (quick ? quickConfig : fullConfig)(op.task(fraction)),
    })),
  );
}

/** What the checks read of one run. */
export interface FractionRun {
  operation: string;
  fraction: number;
  /** the first evaluated step with validation accuracy ≥ 0.99, or null within the budget */
  tGen: number | null;
  bestTestAcc: number;
}

/** Each operation's smallest generalizing fraction (null: none of those tried), in the runs' order of operations. */
export function thresholds(runs: readonly FractionRun[]): { operation: string; fraction: number | null }[] {
  const operations = [...new Set(runs.map((r) => r.operation))];
  return operations.map((operation) => {
    const generalized = runs.filter((r) => r.operation === operation && r.tGen !== null).map((r) => r.fraction);
    return { operation, fraction: generalized.length ? Math.min(...generalized) : null };
  });
}

/** Operations that generalize at a fraction but not at a larger one (one seed per point: noise, or a budget too tight). */
export function nonMonotone(runs: readonly FractionRun[]): string[] {
  return thresholds(runs).flatMap(({ operation, fraction }) => {
    if (fraction === null) return [];
    const failedAbove = runs.filter((r) => r.operation === operation && r.fraction > fraction && r.tGen === null).map((r) => r.fraction);
    return failedAbove.length ? [`${operation} generalizes at ${fraction} but not at ${failedAbove.join(', ')}`] : [];
  });
}

const fractionText = (f: number | null) => (f === null ? 'none' : String(f));

/** The report's checks (pure: the test feeds it readings that must fail). */
export function judgePowerFig1(runs: readonly FractionRun[], budget: number): Comparison[] {
  const ops = thresholds(runs);
  const at = (operation: string, fraction: number) => runs.find((r) => r.operation === operation && r.fraction === fraction);
  const fractions = [...new Set(runs.map((r) => r.fraction))].sort((a, b) => a - b);
  const summary = ops.map((o) => `${o.operation}: ${fractionText(o.fraction)}`).join('; ');

  // Generalization needs data: some operation generalizes at one fraction and not at a smaller one.
  const needsData = ops.find((o) => o.fraction !== null && runs.some((r) => r.operation === o.operation && r.fraction < o.fraction! && r.tGen === null));

  // The threshold depends on the operation: at some fraction one generalizes and another does not.
  let split: { fraction: number; yes: string; no: string } | undefined;
  for (const f of fractions) {
    const yes = ops.find((o) => at(o.operation, f)?.tGen != null);
    const no = ops.find((o) => at(o.operation, f) !== undefined && at(o.operation, f)!.tGen === null);
    if (yes && no) {
      split = { fraction: f, yes: yes.operation, no: no.operation };
      break;
    }
  }

  // Fewer pairs, more steps: within each operation, its smallest generalizing fraction takes longer than its largest.
  const slopes = ops.flatMap(({ operation }) => {
    const generalized = runs.filter((r) => r.operation === operation && r.tGen !== null).sort((a, b) => a.fraction - b.fraction);
    if (generalized.length < 2) return [];
    const [low, high] = [generalized[0], generalized.at(-1)!];
    return [{ operation, holds: low.tGen! > high.tGen!, text: `${operation}: ${low.tGen} steps at ${low.fraction}, ${high.tGen} at ${high.fraction}` }];
  });
  const slower = claim(
    'fewer training pairs, more steps to generalize (each operation with two or more generalizing fractions)',
    'smaller datasets need more optimization to generalize',
    slopes.length > 0 && slopes.every((s) => s.holds),
    slopes.map((s) => s.text).join('; ') || 'no operation generalizes at two fractions',
    slopes
      .filter((s) => !s.holds)
      .map((s) => s.text)
      .join('; '),
  );

  return [
    claim(
      `generalization within ${budget} steps needs enough data: an operation generalizes at one fraction and not at a smaller one`,
      'below an operation-dependent fraction, no generalization within the budget',
      needsData !== undefined,
      summary,
      `no operation fails below the fraction where it generalizes (${summary})`,
    ),
    claim(
      'the fraction needed depends on the operation: at some fraction one generalizes and another does not',
      'operations differ in the data they need',
      split !== undefined,
      split ? `at ${split.fraction}: ${split.yes} generalizes, ${split.no} does not` : summary,
      `every operation generalizes at the same fractions (${summary})`,
    ),
    slopes.length ? slower : notChecked(slower, 'not checked: no operation generalizes at two fractions'),
    ...ops.map((o) =>
      reported(
        `smallest fraction that generalizes within ${budget} steps: ${o.operation}`,
        'Fig. 1 (values not transcribed)',
        o.fraction === null ? 'none tried' : String(o.fraction),
      ),
    ),
  ];
}

/** Best validation accuracy, and the steps to reach 0.99, against the training fraction: one line per operation. */
async function fractionPlots(out: string, runs: readonly FractionRun[], subtitle: string): Promise<string[]> {
  const operations = [...new Set(runs.map((r) => r.operation))];
  const lines = (y: (r: FractionRun) => number | null) =>
    operations.map((operation, i) => ({
      name: operation,
      color: TAB10[i % TAB10.length],
      points: runs.filter((r) => r.operation === operation && y(r) !== null).map((r) => ({ x: r.fraction, y: y(r)! })),
    }));
  const xDomain = [Math.min(...runs.map((r) => r.fraction)), Math.max(...runs.map((r) => r.fraction))] as const;
  const accuracy = lineChartSpec({
    title: 'Best validation accuracy against the training fraction',
    subtitle,
    series: lines((r) => r.bestTestAcc),
    xTitle: 'training fraction',
    yTitle: 'best validation accuracy',
    xDomain,
    yDomain: [0, 1],
    points: true,
  });
  const steps = lineChartSpec({
    title: `Steps to validation accuracy ${GENERALIZED} against the training fraction`,
    subtitle: `${subtitle}; runs that never reach it are left out`,
    series: lines((r) => r.tGen),
    xTitle: 'training fraction',
    yTitle: 'steps (log scale)',
    xDomain,
    yLog: true,
    points: true,
  });
  await writePlot(accuracy, join(out, 'fractions'));
  await writePlot(steps, join(out, 'steps'));
  return ['fractions.png', 'steps.png'];
}

export const powerFig1: Reproduction = {
  name: 'power-fig1',
  title: 'Power et al. Fig. 1: the training fraction each operation needs to generalize within a step budget',
  source:
    'Power, Burda, Edwards, Babuschkin, Misra 2022, "Grokking: generalization beyond overfitting on small algorithmic datasets", Fig. 1 (src/papers/power/README.md)',
  async run({ quick, out, log }) {
    const setup = quick ? QUICK : FULL;
    const points = fig1Points(quick);
    const trained = await runGrid('fractions', points, { out, log }, { workers: quick ? 1 : 2 });
    const runs: FractionRun[] = trained.map((r) => ({
      operation: r.params.operation,
      fraction: r.params.fraction,
      tGen: r.evals.find((e) => (e.metrics.test_acc ?? 0) >= GENERALIZED)?.step ?? null,
      bestTestAcc: best(r.evals, 'test_acc', 'max'),
    }));
    const comparisons = judgePowerFig1(runs, setup.budget);
    const what = quick ? 'MLP (default preset)' : 'two-layer transformer (power-div97)';
    const plots = await fractionPlots(out, runs, `${what}, ${setup.budget} steps at most`);
    const notes = [
      quick
        ? `Quick: the default preset's MLP on x+y mod 23 and S4 composition at fractions ${QUICK.fractions.join(', ')}, at most ${QUICK.budget} steps each, one seed; not the paper's model or operations.`
        : `Full: preset power-div97 (two-layer transformer, AdamW lr 1e-3 with warm-up, wd 1, batch min(512, ⌈n/2⌉)) on ${FULL.operations.map((o) => o.label).join(', ')} at fractions ${FULL.fractions.join(', ')}, one seed each, at most ${FULL.budget} steps (the paper: 1e5). A run that generalizes within 1e4 steps would within 1e5, so each threshold here is at or above the one the paper's budget would give. Estimated before running, from ≈ 25 steps/s per core measured for power-div97 (evaluations add ≈ 3.5 %): at most ≈ 5 core-hours, ≈ 2.5 h on two workers.`,
      `Steps to validation accuracy ≥ ${GENERALIZED} per run: ${runs.map((r) => `${r.operation} at ${r.fraction}: ${r.tGen ?? '—'}`).join('; ')}.`,
      ...nonMonotone(runs).map((n) => `Not monotone in the fraction: ${n}.`),
    ];
    return { comparisons, plots, runs: trained.map((r) => r.dir), notes };
  },
};
