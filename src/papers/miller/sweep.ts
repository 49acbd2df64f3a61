// Miller et al.'s grids as ordinary sweeps (spec.json with their parameters and seeds), so that
// `groklab sweep summarize` groups them by parameter point; trained by runGrid.
import type { RunConfig } from '../../config/schema.js';
import { expandSweep } from '../../sweep/expand.js';
import { parseSweepSpec } from '../../sweep/spec.js';
import { type GridRun, runGrid } from '../grid.js';

export interface SweptRun extends GridRun<Record<string, unknown>> {
  seed: number;
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
  // Seed-major: every parameter point gets its first seed before any gets its second, so a
  // sweep cut short still covers the whole grid.
  const order = [...runs].sort((a, b) => a.seed - b.seed).map((r) => r.id);
  const trained = await runGrid(req.name, runs, ctx, { workers, spec, order });
  return trained.map((t, i) => ({ ...t, seed: runs[i].seed }));
}
