// A reproduction's runs as a sweep directory (spec.json, configs/, runs/<id>/): the same layout
// `groklab sweep` writes, so a grid can be resumed and summarized like any sweep. One worker
// trains in this process (quick forms, tests); more train in child processes, one per core.
import { join } from 'node:path';
import type { RunConfig } from '../config/schema.js';
import type { EvalEvent } from '../runs/events.js';
import { RunDir } from '../runs/store.js';
import { SweepDir } from '../sweep/directory.js';
import type { SweepRun } from '../sweep/expand.js';
import { runLocal } from '../sweep/pool.js';
import type { SweepSpec } from '../sweep/spec.js';
import { resumeRun, startRun } from '../train/run.js';
import type { Summary } from '../runs/summary.js';

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

/** A metric's best value over a run's evaluations: the lowest loss, the highest accuracy. */
export function best(evals: readonly EvalEvent[], metric: string, direction: 'min' | 'max'): number {
  const values = evals.map((e) => e.metrics[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return NaN;
  return direction === 'min' ? Math.min(...values) : Math.max(...values);
}

export async function runGrid<P extends Record<string, number>>(
  name: string,
  points: GridPoint<P>[],
  ctx: { out: string; log(message: string): void },
  workers = 1,
): Promise<GridRun<P>[]> {
  const path = join(ctx.out, name);
  // A spec that names every run's config: re-running the same reproduction resumes it.
  const spec: SweepSpec = { name, method: 'grid', seed: 0, seeds: 1, parameters: { run: { values: points.map((p) => p.id) } } };
  const runs: SweepRun[] = points.map((p) => ({ id: p.id, params: p.params, seed: p.config.training.seed, config: p.config }));
  const dir = SweepDir.prepare(path, spec, runs);
  const ids = points.map((p) => p.id);
  if (workers > 1) {
    const { interrupted } = await runLocal(dir, ids, workers, (p) => ctx.log(`${name}: ${p.done}/${p.total} runs done, ${p.running} running`));
    if (interrupted) throw new Error(`${name}: interrupted; run the reproduction again to resume`);
  } else {
    for (const [i, p] of points.entries()) {
      const state = dir.state(p.id);
      if (state === 'done') continue;
      ctx.log(`${name}: run ${i + 1}/${points.length} (${p.id})`);
      if (state === 'partial') await resumeRun(dir.runPath(p.id));
      else await startRun(p.config, dir.runPath(p.id), null);
    }
  }
  return points.map((p) => {
    const run = RunDir.open(dir.runPath(p.id));
    const evals = run.readEvents().filter((e): e is EvalEvent => e.event === 'eval');
    return { ...p, evals, summary: run.readSummary()!, dir: join(name, 'runs', p.id) };
  });
}
