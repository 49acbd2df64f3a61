// A reproduction's runs as a sweep directory (spec.json, index.json, configs/, runs/<id>/): the
// layout `groklab sweep` writes, trained by the same trainMany, so a re-run reuses finished runs
// and resumes the others, and `groklab sweep summarize` reads it. One worker trains in this
// process (quick forms, tests); more train in child processes, one per core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../config/schema.js';
import { Interrupted, UsageError } from '../errors.js';
import type { EvalEvent } from '../runs/events.js';
import { RunDir } from '../runs/store.js';
import type { Summary } from '../runs/summary.js';
import { SweepDir } from '../sweep/directory.js';
import { progressLines } from '../sweep/progress.js';
import type { SweepSpec } from '../sweep/spec.js';
import { withStopSignal } from '../sweep/stop-signal.js';
import { trainMany } from '../sweep/train-many.js';

export interface GridPoint<P> {
  /** the run directory's name */
  id: string;
  params: P;
  config: RunConfig;
}

export interface GridRun<P> extends GridPoint<P> {
  evals: EvalEvent[];
  summary: Summary;
  /** relative to the reproduction's directory */
  dir: string;
}

export interface GridOptions {
  /** runs at a time (default 1, in this process) */
  workers?: number;
  /** the reproduction's own sweep spec (default: one that names every run) */
  spec?: SweepSpec;
  /** the order to train in, by id (default: the points') */
  order?: readonly string[];
}

/** A metric's best value over a run's evaluations: the lowest loss, the highest accuracy. */
export function best(evals: readonly EvalEvent[], metric: string, direction: 'min' | 'max'): number {
  const values = evals.map((e) => e.metrics[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return NaN;
  return direction === 'min' ? Math.min(...values) : Math.max(...values);
}

/** The sweep directory <out>/<name> of these points, created or reopened. */
export function prepareGrid<P extends Record<string, unknown>>(name: string, points: readonly GridPoint<P>[], out: string, spec?: SweepSpec): SweepDir {
  // A spec that names every run: re-running the same reproduction resumes it.
  const ownSpec: SweepSpec = spec ?? { name, method: 'grid', seed: 0, seeds: 1, parameters: { run: { values: points.map((p) => p.id) } } };
  const dir = SweepDir.prepare(
    join(out, name),
    ownSpec,
    points.map((p) => ({ ...p, seed: p.config.training.seed })),
  );
  // The spec names the runs, not their configs: a run set up by another form of the reproduction would be trained as it was.
  const other = points.find((p) => JSON.stringify(JSON.parse(readFileSync(dir.configPath(p.id), 'utf8'))) !== JSON.stringify(p.config));
  if (other) throw new UsageError(`${dir.runPath(other.id)}: set up with another configuration (the quick form?); choose another --out`);
  return dir;
}

/** Trains the points (reusing and resuming what an earlier run left) and reads them back, in the points' order. */
export async function runGrid<P extends Record<string, unknown>>(
  name: string,
  points: readonly GridPoint<P>[],
  ctx: { out: string; log(message: string): void },
  opts: GridOptions = {},
): Promise<GridRun<P>[]> {
  const dir = prepareGrid(name, points, ctx.out, opts.spec);
  const { interrupted } = await withStopSignal((signal) =>
    trainMany(dir, opts.order ?? points.map((p) => p.id), { workers: opts.workers ?? 1, signal, onProgress: progressLines(name, ctx.log) }),
  );
  if (interrupted) throw new Interrupted(`${name}: interrupted; run the reproduction again to resume`);
  return points.map((p) => {
    const run = RunDir.open(dir.runPath(p.id));
    const evals = run.readEvents().filter((e): e is EvalEvent => e.event === 'eval');
    return { ...p, evals, summary: run.readSummary()!, dir: join(name, 'runs', p.id) };
  });
}
