// `groklab reproduce miller-concealment`: Miller, O'Neill & Bui 2024 §4 (§4 of
// src/papers/miller/README.md): six operations mod 7 with l spurious random bits appended to the one-hot
// operands; the gap between train and validation accuracy crossing 0.95 grows exponentially in
// l. Their Pearson r of (l, ln Δ): 0.92 pooled over 90 runs, 0.906–0.967 per task.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writePlot } from '../../plots/index.js';
import { check, claim, notChecked, reported, type Comparison } from '../report.js';
import type { Reproduction, ReproduceContext, ReproductionResult } from '../reproduction.js';
import { CONCEALMENT, CONCEALMENT_STEPS_PER_EPOCH, concealmentConfig } from './configs.js';
import { fitGapExponential, grokkingGap, type ExponentialGapFit } from './gap.js';
import { gapVsLengthSpec } from './plots.js';
import { runSweep } from './sweep.js';

const OPERATIONS = ['add', 'sub', 'div', 'x2+xy+y2', 'x2+xy+y2+x', 'xyx'] as const;
/** The paper's per-task r, in the order of OPERATIONS. */
const PAPER_R: Record<(typeof OPERATIONS)[number], number> = { add: 0.933, sub: 0.914, div: 0.967, 'x2+xy+y2': 0.959, 'x2+xy+y2+x': 0.906, xyx: 0.942 };
const PAPER_POOLED_R = 0.92;
const LABEL: Record<string, string> = { add: 'x+y', sub: 'x−y', div: 'x/y', 'x2+xy+y2': 'x²+xy+y²', 'x2+xy+y2+x': 'x²+xy+y²+x', xyx: 'x·y·x' };

/** The full grid, and the quick one: two tasks, l ∈ {0, 30}, one seed, 250 epochs (gaps at l = 30 are ≈ 100 epochs). */
export function concealmentPlan(quick: boolean) {
  return quick
    ? { operations: ['add', 'sub'] as string[], lengths: [0, 30], seeds: 1, epochs: 250 }
    : { operations: [...OPERATIONS] as string[], lengths: [0, 10, 20, 30, 40], seeds: 3, epochs: CONCEALMENT.epochs };
}

export interface ConcealmentRow {
  operation: string;
  l: number;
  seed: number;
  train: number;
  validation: number;
  gap: number;
}

const fmt = (f: ExponentialGapFit) => `a = ${f.a.toFixed(4)}, b = ${f.b.toPrecision(3)}, r = ${f.r.toFixed(3)} (p = ${f.p.toExponential(1)}, n = ${f.n})`;

/**
 * The report's checks on the runs' gaps (pure: the test feeds it gaps that must fail), with the
 * fits they read: pooled over tasks and per task.
 */
export function judgeConcealment(rows: readonly ConcealmentRow[], operations: readonly string[], lengths: readonly number[]) {
  const pooled = fitGapExponential(
    rows.map((r) => r.l),
    rows.map((r) => r.gap),
  );
  const perTask = operations.map((op) => {
    const mine = rows.filter((r) => r.operation === op);
    return {
      op,
      rows: mine,
      fit: fitGapExponential(
        mine.map((r) => r.l),
        mine.map((r) => r.gap),
      ),
    };
  });
  const [lo, hi] = [lengths[0], lengths.at(-1)!];
  const meanGap = (of: readonly ConcealmentRow[], l: number) => mean(of.filter((r) => r.l === l));

  const comparisons: Comparison[] = [
    claim(
      `mean gap grows from l = ${lo} to l = ${hi}`,
      'Δ grows exponentially in l',
      meanGap(rows, hi) > meanGap(rows, lo),
      `${meanGap(rows, lo).toFixed(1)} → ${meanGap(rows, hi).toFixed(1)} epochs`,
    ),
    claim(
      `every task: seed-mean gap at l = ${hi} above l = ${lo}`,
      'Δ grows with l on all six tasks',
      perTask.every((t) => meanGap(t.rows, hi) > meanGap(t.rows, lo)),
      perTask.map((t) => `${LABEL[t.op]} ${meanGap(t.rows, lo).toFixed(0)} → ${meanGap(t.rows, hi).toFixed(0)}`).join(', '),
    ),
    rComparison('Pearson r of (l, ln Δ), pooled', PAPER_POOLED_R, pooled.r, pooled.n, lengths.length),
    ...perTask.map((t) => rComparison(`Pearson r, ${LABEL[t.op]}`, PAPER_R[t.op as keyof typeof PAPER_R], t.fit.r, t.fit.n, lengths.length)),
    reported('fitted a (per bit), pooled', '—', pooled.a, 'not published'),
    reported('fitted b (epochs), pooled', '—', pooled.b, 'not published'),
  ];
  return { comparisons, pooled, perTask };
}

export async function runConcealment(ctx: ReproduceContext): Promise<ReproductionResult & { rows: ConcealmentRow[] }> {
  const plan = concealmentPlan(ctx.quick);
  const runs = await runSweep(
    {
      name: 'concealment',
      base: concealmentConfig({ epochs: plan.epochs }),
      parameters: { 'task.operation': plan.operations, 'task.extraBits': plan.lengths },
      seeds: plan.seeds,
    },
    ctx,
    ctx.quick ? 1 : availableParallelism(),
  );
  const rows: ConcealmentRow[] = runs.map((r) => ({
    operation: String(r.params['task.operation']),
    l: Number(r.params['task.extraBits']),
    seed: r.seed,
    ...grokkingGap(r.evals, CONCEALMENT_STEPS_PER_EPOCH, plan.epochs),
  }));
  const { comparisons, pooled, perTask } = judgeConcealment(rows, plan.operations, plan.lengths);

  const plot = 'concealment-gap-vs-l';
  const runCount = `${rows.length} runs: ${plan.operations.length} tasks × l ∈ {${plan.lengths.join(', ')}} × ${plan.seeds} seed${plan.seeds > 1 ? 's' : ''}, ${plan.epochs} epochs`;
  await writePlot(
    gapVsLengthSpec(
      perTask.map((t) => ({ task: LABEL[t.op], points: t.rows.map((r) => ({ l: r.l, gap: r.gap })), fit: t.fit })),
      pooled,
      `${runCount}; pooled r = ${pooled.r.toFixed(3)} (paper 0.92)`,
    ),
    join(ctx.out, plot),
  );
  // Per task and l, each seed's gap with its train → validation epochs.
  const gapsOf = (t: (typeof perTask)[number]) =>
    plan.lengths
      .map(
        (l) =>
          `l = ${l}: ${t.rows
            .filter((r) => r.l === l)
            .map((r) => `${r.gap} (${r.train}→${r.validation})`)
            .join(', ')}`,
      )
      .join(' · ');
  return {
    comparisons,
    plots: [`${plot}.png`],
    runs: runs.map((r) => r.dir),
    rows,
    notes: [
      `${runCount}. Pooled fit: ${fmt(pooled)}.`,
      ...perTask.map((t) => `${LABEL[t.op]}: ${fmt(t.fit)} (paper r = ${PAPER_R[t.op as keyof typeof PAPER_R]}).`),
      "Gap Δ = first epoch (0-based) with validation accuracy > 0.95 minus the same for training accuracy, 500 (the epoch count) when never reached; ln Δ := 0 for Δ ≤ 0 in the fit, as in the authors' code.",
      'Accuracies are measured on the whole train (600) and validation (200) sets after each epoch; the authors average the accuracy of the minibatches during the epoch (train) and of batches of 32 (validation), so their train curve lags ours by about half an epoch.',
      'x/y draws y from 1 … 6 (42 pairs; the authors\' ModuloDivisionTask), the other tasks all 49 pairs. Each seed draws its own data and network (dataSeed "run"), as in their code.',
      'Runs stop once validation accuracy has held ≥ 0.99 for 5 epochs (both gap epochs are then known); runs that never generalize train all epochs.',
      ...perTask.map((t) => `${LABEL[t.op]} gaps (train→validation epoch) by seed: ${gapsOf(t)}.`),
    ],
  };
}

/**
 * The paper's r within the 95 % interval of ours (Fisher's z: atanh r ± 1.96/√(n − 3)), the
 * spread n runs allow; with two values of l a correlation says nothing, so it is not checked.
 */
export function rComparison(quantity: string, paper: number, r: number, n: number, lengths: number): Comparison {
  const half = 1.96 / Math.sqrt(n - 3);
  const [lo, hi] = [Math.tanh(Math.atanh(r) - half), Math.tanh(Math.atanh(r) + half)];
  const c = check(
    quantity,
    String(paper),
    `${r.toFixed(3)} (95 % CI ${lo.toFixed(3)}–${hi.toFixed(3)}, n = ${n})`,
    "the paper's r within our 95 % CI (Fisher z)",
    n > 3 && paper >= lo && paper <= hi,
  );
  return lengths >= 3 && n > 3 ? c : notChecked(c, 'not checked: two values of l (or too few runs) give no correlation to judge');
}

function mean(rows: readonly ConcealmentRow[]): number {
  return rows.reduce((s, r) => s + r.gap, 0) / rows.length;
}

export const millerConcealment: Reproduction = {
  name: 'miller-concealment',
  title: 'Concealment: the grokking gap grows exponentially in the number of spurious bits',
  source: 'Miller, O\'Neill & Bui 2024, "Grokking beyond neural networks" (TMLR), §4 concealment (§4 of src/papers/miller/README.md)',
  run: runConcealment,
};
