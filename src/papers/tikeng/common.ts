// What the Tikeng Notsawo et al. reproductions share: train a set of labelled runs (estimation
// runs as one ensemble when they may, one run directory each), read their evaluations back, and
// the quantities the paper measures on them.
import type { RunConfig } from '../../config/schema.js';
import type { EvalEvent } from '../../runs/events.js';
import type { Summary } from '../../runs/summary.js';
import type { Point, Series } from '../../plots/index.js';
import { runGrid } from '../grid.js';
import type { ReproduceContext } from '../reproduction.js';

export const TIKENG_SOURCE = 'Tikeng Notsawo, Dumas, Rabusseau 2025, "Grokking beyond the Euclidean norm of model parameters" (arXiv 2506.05718)';

export interface TrainedRun {
  label: string;
  config: RunConfig;
  /** relative to the reproduction's directory */
  dir: string;
  summary: Summary;
  evals: EvalEvent[];
}

/**
 * Trains labelled runs as the sweep <out>/<name> (runGrid): those that differ only in seed, ζ
 * and optimizer hyper-parameters go together as one ensemble (one batched computation), the
 * others one ensemble per structure. Re-running reuses finished runs and resumes interrupted ones.
 * With `workers` > 1 they train in that many child processes, each ensemble split between them.
 */
export async function trainRuns(
  ctx: Pick<ReproduceContext, 'out' | 'log'>,
  name: string,
  runs: readonly { label: string; config: RunConfig }[],
  workers = 1,
): Promise<TrainedRun[]> {
  const trained = await runGrid(
    name,
    runs.map((r) => ({ id: r.label, params: {}, config: r.config })),
    ctx,
    { workers },
  );
  return trained.map((t) => ({ label: t.id, config: t.config, dir: t.dir, summary: t.summary, evals: t.evals }));
}

/** A metric over the steps of a run (step 0 dropped: the axes are logarithmic). */
export function curve(run: TrainedRun, metric: string, name = run.label, color?: string): Series {
  const points: Point[] = run.evals.filter((e) => e.step > 0 && metric in e.metrics).map((e) => ({ x: e.step, y: e.metrics[metric] }));
  return { name, points, ...(color ? { color } : {}) };
}

/** The metrics logged at `step` (or the last evaluation before it). */
export function metricsAt(run: TrainedRun, step: number): Record<string, number> {
  let best = run.evals[0];
  for (const e of run.evals) if (e.step <= step) best = e;
  return best.metrics;
}

export const fmtSteps = (t: number | null) => (t === null ? 'not reached' : t.toExponential(1));
