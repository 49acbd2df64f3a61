// A reproduction's runs as an ordinary sweep (src/sweep): spec.json, configs/, runs/<id>/, so a
// re-run resumes it and `groklab sweep summarize` reads it. Several workers train in child
// processes (the CLI, one per core); one worker trains in this process (quick forms and tests,
// which then need no compiled CLI).
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import type { EvalEvent } from '../../runs/events.js';
import { RunDir } from '../../runs/store.js';
import { SweepDir } from '../../sweep/directory.js';
import { expandSweep } from '../../sweep/expand.js';
import { runLocal } from '../../sweep/pool.js';
import { parseSweepSpec } from '../../sweep/spec.js';
import { resumeRun, startRun } from '../../train/run.js';

export interface SweptRun {
  id: string;
  params: Record<string, unknown>;
  seed: number;
  config: RunConfig;
  evals: EvalEvent[];
  /** relative to the reproduction's directory */
  dir: string;
}

export interface SweepRequest {
  name: string;
  base: RunConfig;
  /** dotted config paths → values */
  parameters: Record<string, readonly unknown[]>;
  seeds: number;
}

export async function runSweep(req: SweepRequest, ctx: { out: string; log(message: string): void }, workers: number): Promise<SweptRun[]> {
  const spec = parseSweepSpec({
    name: req.name,
    config: req.base,
    method: 'grid',
    seeds: req.seeds,
    parameters: Object.fromEntries(Object.entries(req.parameters).map(([path, values]) => [path, { values }])),
  });
  const runs = expandSweep(spec);
  const dir = SweepDir.prepare(join(ctx.out, req.name), spec, runs);
  // Seed-major: every parameter point gets its first seed before any gets its second, so a
  // sweep cut short still covers the whole grid.
  const order = [...runs].sort((a, b) => a.seed - b.seed);
  const started = performance.now();
  if (workers > 1) {
    // Ctrl-C reaches the child runs as one SIGINT each: they checkpoint, and a re-run resumes them.
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const { interrupted } = await runLocal(dir, order.map((r) => r.id), workers, (p) => ctx.log(`${req.name}: ${p.done}/${p.total} runs done, ${p.running} running`), abort.signal);
      if (interrupted) throw new Error(`${req.name}: interrupted; run the reproduction again to resume`);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } else {
    for (const [i, run] of order.entries()) {
      const state = dir.state(run.id);
      if (state === 'done') continue;
      ctx.log(`${req.name}: run ${i + 1}/${runs.length} (${run.id})`);
      if (state === 'partial') await resumeRun(dir.runPath(run.id));
      else await startRun(run.config, dir.runPath(run.id), null);
    }
  }
  ctx.log(`${req.name}: ${runs.length} runs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return runs.map((r) => ({
    id: r.id,
    params: r.params,
    seed: r.seed,
    config: r.config,
    evals: RunDir.open(dir.runPath(r.id)).readEvents().filter((e): e is EvalEvent => e.event === 'eval'),
    dir: join(req.name, 'runs', r.id),
  }));
}
